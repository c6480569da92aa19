/// Writes a sample's metrics as a compact JSON object (`{"calls":16,"wake_late_p99_ms":0.25}`),
/// numbers as the shortest text that reads back as the same double, into one reused buffer;
/// names are escaped once and remembered. Key order is the dictionary's (JSON objects are
/// unordered; SQLite's JSON functions and `json_each` read them by name).
public struct MetricsJSON {
    private var buffer: [UInt8] = []
    private var quotedNames: [String: [UInt8]] = [:]

    public init() {}

    /// The JSON of the finite metrics, or nil when there are none.
    public mutating func encode(_ metrics: [String: Double]) -> [UInt8]? {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(UInt8(ascii: "{"))
        for (name, value) in metrics where value.isFinite {
            if buffer.count > 1 { buffer.append(UInt8(ascii: ",")) }
            appendQuoted(name)
            buffer.append(UInt8(ascii: ":"))
            Self.append(value, to: &buffer)
        }
        guard buffer.count > 1 else { return nil }
        buffer.append(UInt8(ascii: "}"))
        return buffer
    }

    private mutating func appendQuoted(_ name: String) {
        if let known = quotedNames[name] {
            buffer.append(contentsOf: known)
        } else {
            let quoted = quoted(name)
            buffer.append(contentsOf: quoted)
        }
    }

    private mutating func quoted(_ name: String) -> [UInt8] {
        if let known = quotedNames[name] { return known }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": out += Array("\\\"".utf8)
            case "\\": out += Array("\\\\".utf8)
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
        quotedNames[name] = out
        return out
    }

    /// JSON has no `inf` or `nan` (they are filtered out before); whole numbers are written as
    /// integers digit by digit, others as Swift's shortest round-trip text.
    private static func append(_ value: Double, to buffer: inout [UInt8]) {
        guard value == value.rounded(), abs(value) < 1e15 else {
            buffer.append(contentsOf: value.description.utf8)
            return
        }
        var whole = Int64(value)
        if whole < 0 {
            buffer.append(UInt8(ascii: "-"))
            whole = -whole
        }
        if whole == 0 {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        let start = buffer.count
        while whole > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(whole % 10))
            whole /= 10
        }
        buffer[start...].reverse()
    }
}
