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
    /// room backwards (division by the constant 10 compiles to a multiplication).
    mutating func append(magnitude value: UInt64) {
        var digits = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var rest = value
        var index = count + digits - 1
        while index >= count {
            buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            index -= 1
        }
        count += digits
    }
}
