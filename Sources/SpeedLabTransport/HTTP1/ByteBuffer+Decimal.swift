#if HTTPTransport
    import NIOCore

    extension ByteBuffer {
        /// Writes `value` in decimal (a `-` first when negative), the bytes `String(value)`
        /// spells, straight into the buffer: no string is made on the way. Returns the number
        /// of bytes written.
        @discardableResult
        mutating func writeDecimal(_ value: Int) -> Int {
            // The magnitude as unsigned, so that Int.min has one too.
            var magnitude = value.magnitude
            var digits = 1
            var power: UInt = 10
            while digits < 20, magnitude >= power {
                digits += 1
                if power > UInt.max / 10 { break }
                power *= 10
            }
            let count = digits + (value < 0 ? 1 : 0)
            return writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
                if value < 0 { bytes[0] = UInt8(ascii: "-") }
                var index = count
                repeat {
                    index -= 1
                    bytes[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                return count
            }
        }
    }
#endif
