/// Appends bytes and decimal integers to a preallocated buffer, for CSV files of millions of
/// rows. The caller sizes the buffer for the most bytes it will write.
struct ByteWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func append(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            (buffer.baseAddress! + count).update(from: base, count: source.count)
        }
        count += bytes.count
    }

    /// A comma, then `value`.
    mutating func appendField(_ value: Int64) {
        append(UInt8(ascii: ","))
        append(value)
    }

    mutating func append(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        append(magnitude: value.magnitude)
    }

    /// The decimal digits of `value`, most significant first: written from the end of their
    /// room backwards, two digits per division by the constant 100 (which compiles to a
    /// multiplication) from a table of the hundred pairs.
    mutating func append(magnitude value: UInt64) {
        var digits = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        let output = buffer.baseAddress!
        var rest = value
        var index = count + digits
        Self.digitPairs.withUnsafeBufferPointer { pairs in
            while rest >= 100 {
                let pair = Int(rest % 100) * 2
                rest /= 100
                index -= 2
                output[index] = pairs[pair]
                output[index + 1] = pairs[pair + 1]
            }
            if rest >= 10 {
                let pair = Int(rest) * 2
                index -= 2
                output[index] = pairs[pair]
                output[index + 1] = pairs[pair + 1]
            } else {
                index -= 1
                output[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest)
            }
        }
        count += digits
    }

    /// "00", "01", … "99" back to back: the two digits of `n` are at `2n` and `2n + 1`.
    private static let digitPairs: [UInt8] = (0..<100).flatMap {
        [UInt8(ascii: "0") + UInt8($0 / 10), UInt8(ascii: "0") + UInt8($0 % 10)]
    }
}
