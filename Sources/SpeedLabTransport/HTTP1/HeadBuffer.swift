#if HTTPTransport
    /// Where an HTTP/1 head is while it arrives: found whole in one read (read where it lies),
    /// or gathered over several reads, never more than ``HTTPBytes/headLimit`` bytes. Empty
    /// lines before a head (a stray line end after a body) are skipped.
    struct HeadBuffer {
        /// A head found in full.
        enum Found {
            /// The whole head lies in the bytes given, at this range.
            case inPlace(Range<Int>)
            /// The head came over several reads: its bytes, and the offset past its end in the
            /// bytes given last.
            case gathered([UInt8], end: Int)
        }

        private var pending: [UInt8] = []

        /// The bytes of a head begun and not yet ended (what an error names when the
        /// connection closes or the time runs out before the head's end).
        var carried: [UInt8] { pending }

        /// Looks for the end of a head in `bytes` from `start`; keeps what it has when the end
        /// is not there yet (nil), refusing a head that grows past the limit.
        mutating func find(in bytes: UnsafeRawBufferPointer, from start: Int) throws(HTTPMalformed) -> Found? {
            var start = start
            if pending.isEmpty {  // line ends before a head are skipped (RFC 9112 §2.2)
                while start < bytes.count, bytes[start] == HTTPBytes.carriageReturn || bytes[start] == HTTPBytes.newline
                {
                    start += 1
                }
            }
            guard let end = HTTPBytes.endOfHead(bytes, from: start, carried: pending) else {
                pending.append(contentsOf: bytes[start...])
                guard pending.count <= HTTPBytes.headLimit else {
                    throw HTTPMalformed("its start line and headers ran past \(HTTPBytes.headLimit) bytes")
                }
                return nil
            }
            if pending.isEmpty { return .inPlace(start..<end) }
            pending.append(contentsOf: bytes[start..<end])
            defer { pending = [] }
            guard pending.count <= HTTPBytes.headLimit else {
                throw HTTPMalformed("its start line and headers ran past \(HTTPBytes.headLimit) bytes")
            }
            return .gathered(pending, end: end)
        }
    }
#endif
