extension ParameterPoint {
    /// Reads back the canonical JSON the store keeps (`{"latency_ms":20,"tasks":64}`): a flat
    /// object of numbers and strings. Returns nil for anything else.
    public init?(canonicalJSON text: String) {
        var reader = FlatJSONReader(Array(text.utf8))
        guard let values = reader.object() else { return nil }
        self.init(values)
    }
}

/// A reader for the flat JSON objects ``ParameterPoint/canonicalJSON`` writes.
private struct FlatJSONReader {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func object() -> [String: ParameterValue]? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var values: [String: ParameterValue] = [:]
        if consume(UInt8(ascii: "}")) { return index == bytes.count ? values : nil }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")), let value = value() else { return nil }
            values[key] = value
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")), index == bytes.count else { return nil }
        return values
    }

    private mutating func value() -> ParameterValue? {
        if peek == UInt8(ascii: "\"") { return string().map(ParameterValue.text) }
        let start = index
        while index < bytes.count, !",}".utf8.contains(bytes[index]) { index += 1 }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        if let number = Int(literal) { return .integer(number) }
        return Double(literal).map(ParameterValue.real)
    }

    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                index += 1
                switch bytes[index] {
                case UInt8(ascii: "n"): raw.append(10)
                case UInt8(ascii: "r"): raw.append(13)
                case UInt8(ascii: "t"): raw.append(9)
                case UInt8(ascii: "u"):
                    guard index + 4 < bytes.count,
                        let code = UInt32(String(decoding: bytes[(index + 1)...(index + 4)], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { return nil }
                    raw.append(contentsOf: Array(String(scalar).utf8))
                    index += 4
                default: raw.append(bytes[index])
                }
            } else {
                raw.append(bytes[index])
            }
            index += 1
        }
        guard consume(UInt8(ascii: "\"")) else { return nil }
        scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
        return String(scalars)
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }
}
