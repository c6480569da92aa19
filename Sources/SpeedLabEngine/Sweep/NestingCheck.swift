/// Refuses YAML nested deeper than a sweep file ever needs, before the YAML parser builds a
/// tree of it: a file of ten thousand `[` must get an error, not exhaust the stack.
enum NestingCheck {
    /// Deepest nesting of flow collections (`[`, `{`) or of block indentation accepted.
    static let maximumDepth = 64

    /// The 1-based line where nesting first goes deeper than ``maximumDepth``, if it does.
    static func firstTooDeepLine(in text: String) -> Int? {
        var line = 1
        var flowDepth = 0
        var quote: UInt8?
        var atLineStart = true
        var indentation = 0
        var indents: [Int] = []
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                line += 1
                atLineStart = true
                indentation = 0
                if quote == UInt8(ascii: "'") { quote = nil }  // single-quoted scalars rarely span lines here
                continue
            }
            if atLineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                    indentation += 1
                    continue
                }
                atLineStart = false
                if byte != UInt8(ascii: "#") && flowDepth == 0 {
                    while let last = indents.last, last >= indentation { indents.removeLast() }
                    indents.append(indentation)
                    if indents.count > maximumDepth { return line }
                }
            }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                if flowDepth > maximumDepth { return line }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth = max(0, flowDepth - 1)
            case UInt8(ascii: "#") where flowDepth == 0: break
            default: break
            }
        }
        return nil
    }
}
