#if HTTPTransport
    /// The lines of an HTTP/1 head, split at `\n` with a `\r` before it dropped.
    struct HeadLines {
        let bytes: UnsafeRawBufferPointer
        private var offset = 0

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func next() -> UnsafeRawBufferPointer? {
            guard offset < bytes.count else { return nil }
            let end = bytes[offset...].firstIndex(of: HTTPBytes.newline) ?? bytes.count
            var lineEnd = end
            if lineEnd > offset, bytes[lineEnd - 1] == HTTPBytes.carriageReturn { lineEnd -= 1 }
            defer { offset = end + 1 }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<lineEnd])
        }
    }
#endif
