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

        /// The next header's name and value (trimmed), or nil at the blank line that ends the
        /// headers; a line without a colon, or a name that is not a token (which also refuses
        /// an obsolete folded line, starting with a space), is refused.
        mutating func nextHeader() throws(HTTPMalformed) -> (
            name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer
        )? {
            guard let line = next(), !line.isEmpty else { return nil }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw HTTPMalformed("a header line without a colon: \(HTTPBytes.shown(line))")
            }
            let name = UnsafeRawBufferPointer(rebasing: line[..<colon])
            guard !name.isEmpty, name.allSatisfy(HTTPBytes.isTokenByte) else {
                throw HTTPMalformed("a header name that is not a token: \(HTTPBytes.shown(line))")
            }
            return (name, HTTPBytes.trimmed(UnsafeRawBufferPointer(rebasing: line[(colon + 1)...])))
        }
    }
#endif
