import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension RenderedFile {
    /// Writes the text's UTF-8 bytes to `url` straight from the string's storage (a report's
    /// `samples.csv` is tens of megabytes: no copy into a `Data` first), creating or truncating
    /// the file. A failure is an `NSError` in the POSIX domain carrying `errno` (`ENOSPC` for a
    /// full disk), as Foundation's own file errors carry theirs.
    public func write(to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.posixError(path: url.path) }
        var text = self.text
        let failure: (any Error)? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return Self.posixError(path: url.path)
                }
                offset += written
            }
            return nil
        }
        // A full disk can show only when the data reaches it: close reports what write did not.
        let closed = close(descriptor)
        if let failure { throw failure }
        if closed != 0 { throw Self.posixError(path: url.path) }
    }

    private static func posixError(path: String) -> NSError {
        NSError(
            domain: NSPOSIXErrorDomain, code: Int(errno),
            userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
    }
}

/// `write(2)`, out of reach of ``RenderedFile/write(to:)``'s own name.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
