#if PostgreSQLStore
    import SpeedLabCore
    import SpeedLabStore

    /// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: columns separated by tabs,
    /// rows ended by a newline, `\N` for NULL, and backslash, tab, newline and carriage return
    /// escaped in text.
    struct CopyText {
        private(set) var bytes: [UInt8] = []

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        mutating func append(_ value: Int64) {
            if value == 0 {
                bytes.append(UInt8(ascii: "0"))
                return
            }
            var magnitude = value.magnitude
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            var digits:
                (
                    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
                ) =
                    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                while magnitude > 0 {
                    buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                    count += 1
                }
                for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
            }
        }

        /// Text, escaped; nil is NULL.
        mutating func append(text: [UInt8]?) {
            guard let text else {
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                return
            }
            for byte in text {
                switch byte {
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: bytes.append(byte)
                }
            }
        }

        mutating func tab() { bytes.append(UInt8(ascii: "\t")) }
        mutating func endRow() { bytes.append(UInt8(ascii: "\n")) }

        /// The `sample` rows of a batch, in the column order of ``SampleTable``.
        static func samples(_ batch: [PointSample]) -> CopyText {
            var text = CopyText(capacity: batch.count * 96)
            var json = MetricsJSON()
            for item in batch {
                let sample = item.sample
                text.append(item.pointID)
                text.tab()
                text.append(Int64(sample.repetition))
                text.tab()
                text.append(sample.isWarmup ? 1 : 0)
                text.tab()
                text.append(sample.wallNanos)
                text.tab()
                text.append(sample.userNanos)
                text.tab()
                text.append(sample.systemNanos)
                text.tab()
                text.append(sample.voluntarySwitches)
                text.tab()
                text.append(sample.involuntarySwitches)
                text.tab()
                text.append(sample.peakRSSBytes)
                text.tab()
                text.append(Int64(bitPattern: sample.checksum))
                text.tab()
                text.append(text: json.encode(sample.metrics))
                text.endRow()
            }
            return text
        }

        /// The `sample` columns as PostgreSQL names them (COPY quotes them: unquoted names fold to
        /// lower case).
        static let sampleColumns = SampleTable.table.columnNames.map { $0.lowercased() }
    }
#endif
