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

        /// Bytes as PostgreSQL's hex form of `bytea` (`\\x0a1f`, its backslash escaped for COPY).
        mutating func append(bytea: [UInt8]) {
            bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\"), UInt8(ascii: "x")])
            let digits = Array("0123456789abcdef".utf8)
            for byte in bytea {
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            }
        }

        mutating func append(_ value: Int64?) {
            if let value { append(value) } else { append(text: nil) }
        }

        /// The columns of ``requests(_:)``, in order.
        static let requestColumns = [
            "pointId", "repetition", "request", "sentNanos", "firstByteNanos", "firstTokenNanos", "endNanos",
            "promptTokens", "outputTokens", "tokenSource", "chunks", "status", "error", "arrivals", "scheduledNanos",
        ]

        /// The `request` rows of a batch's samples.
        static func requests(_ batch: [PointSample]) -> CopyText {
            requests(
                rows: batch.flatMap { item in
                    item.sample.requests.map { (item.pointID, Int64(item.sample.repetition), $0) }
                })
        }

        /// `request` rows: each request with its point and repetition.
        static func requests(rows: [(point: PointID, repetition: Int64, record: RequestRecord)]) -> CopyText {
            var text = CopyText(capacity: rows.count * 160)
            for (point, repetition, request) in rows {
                do {
                    text.append(point)
                    text.tab()
                    text.append(repetition)
                    text.tab()
                    text.append(Int64(request.request))
                    text.tab()
                    text.append(request.sentNanos)
                    text.tab()
                    text.append(request.firstByteNanos)
                    text.tab()
                    text.append(request.firstTokenNanos)
                    text.tab()
                    text.append(request.endNanos)
                    text.tab()
                    text.append(request.promptTokens.map(Int64.init))
                    text.tab()
                    text.append(Int64(request.outputTokens))
                    text.tab()
                    text.append(text: Array(request.tokenSource.utf8))
                    text.tab()
                    text.append(Int64(request.chunks))
                    text.tab()
                    text.append(request.status.map(Int64.init))
                    text.tab()
                    text.append(text: request.error.map { Array($0.utf8) })
                    text.tab()
                    text.append(bytea: ArrivalCodec.encode(request.arrivals, from: request.sentNanos))
                    text.tab()
                    text.append(request.scheduledNanos)
                    text.endRow()
                }
            }
            return text
        }

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
