#if canImport(Glibc)
    import Glibc
#endif

/// The metrics a command reports about itself: lines `NAME=VALUE` (optionally a unit after
/// the number: `ttft=0.42 s`, `tokens_per_s=812.5`) in the file `SPEEDLAB_METRICS` names.
///
/// Names are letters, digits, `_`, `.` and `-`, starting with a letter or `_`. The unit is for
/// the reader: the value is stored as written. Blank lines and lines starting with `#` are
/// skipped; any other line that does not read so is a warning, never a failure.
public enum MetricsFile {
    /// Most metric lines read from one repetition.
    public static let maximumLines = 1_000

    /// Most bytes read from a metrics file (the lines past it are not read).
    public static let maximumBytes = 1 << 20

    /// The bytes of the file at `path`, or nil when the command wrote none (most commands:
    /// one failed `open`, no Foundation error built on every repetition).
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while bytes.count < maximumBytes {
            let count = Glibc.read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    /// The metrics of a metrics file's bytes: a line that is not UTF-8 text is a line that
    /// cannot be read (its warning shows it with U+FFFD), and the others still count.
    public static func parse(bytes: [UInt8]) -> (metrics: [String: Double], warnings: [String]) {
        parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The metrics of `text`, and a warning per line that could not be read.
    public static func parse(_ text: String) -> (metrics: [String: Double], warnings: [String]) {
        var metrics: [String: Double] = [:]
        var warnings: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard metrics.count < maximumLines else {
                warnings.append("more than \(maximumLines) metric lines; the rest are ignored.")
                break
            }
            guard let parsed = parseLine(line) else {
                warnings.append("metrics line \(index + 1) is not NAME=VALUE: '\(line.prefix(80))'; it is ignored.")
                continue
            }
            metrics[parsed.name] = parsed.value
        }
        return (metrics, warnings)
    }

    static func parseLine(_ line: Substring) -> (name: String, value: Double)? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let name = line[..<equals].trimmingSpaces()
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter),
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) })
        else { return nil }
        let rest = line[line.index(after: equals)...].trimmingSpaces()
        let number = rest.prefix { $0.isNumber || "+-.eE".contains($0) }
        guard let value = Double(number), value.isFinite else { return nil }
        let unit = rest.dropFirst(number.count).trimmingSpaces()
        guard unit.allSatisfy({ $0.isLetter || "/%µ_".contains($0) }) else { return nil }
        return (String(name), value)
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> Substring {
        let scalars = self[...]
        let start = scalars.firstIndex { !$0.isWhitespace } ?? scalars.endIndex
        let end = scalars.lastIndex { !$0.isWhitespace }.map { scalars.index(after: $0) } ?? start
        return Substring(scalars[start..<Swift.max(start, end)])
    }
}
