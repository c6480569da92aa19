/// Finds the known name closest to a mistyped one, for "Did you mean …?" hints.
public enum CloseMatch {
    /// The candidate within edit distance 2 (or sharing a long prefix) of `name`, if any.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        let scored = candidates.map { ($0, distance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let limit = max(2, name.count / 3)
        if best.1 <= limit { return best.0 }
        return candidates.first { $0.lowercased().hasPrefix(lowered) && lowered.count >= 3 }
    }

    /// Levenshtein distance between two strings, by characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// "Did you mean 'x'? " or "".
    public static func hint(for name: String, among candidates: [String]) -> String {
        guard let match = suggestion(for: name, among: candidates) else { return "" }
        return " Did you mean '\(match)'?"
    }
}
