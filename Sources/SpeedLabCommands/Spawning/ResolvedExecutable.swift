import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program found on disk: its absolute path and a hash of its bytes, stored with each
/// command point so a history can tell when the program itself changed.
public struct ResolvedExecutable: Sendable, Hashable {
    public var path: String
    /// FNV-1a 64 of the file's bytes, as 16 hex digits.
    public var contentHash: String

    /// Finds `program` as the shell would: a name with a `/` relative to `directory`, else the
    /// first executable regular file of that name in `PATH`.
    public static func resolve(_ program: String, in directory: String, path searchPath: String?, command: String)
        throws(CommandError) -> ResolvedExecutable
    {
        guard !program.isEmpty else { throw .emptyCommand }
        let candidates: [String]
        if program.contains("/") {
            candidates = [program.hasPrefix("/") ? program : directory + "/" + program]
        } else {
            let folders = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(
                separator: ":", omittingEmptySubsequences: false)
            candidates = folders.map { ($0.isEmpty ? directory : String($0)) + "/" + program }
        }
        for candidate in candidates {
            var info = stat()
            guard stat(candidate, &info) == 0 else { continue }
            let isFile = (info.st_mode & S_IFMT) == S_IFREG
            guard isFile, access(candidate, X_OK) == 0 else {
                if program.contains("/") { throw .notExecutable(command: command, path: candidate) }
                continue
            }
            let absolute = URL(fileURLWithPath: candidate).standardizedFileURL.path
            return ResolvedExecutable(path: absolute, contentHash: hash(of: absolute))
        }
        throw .executableNotFound(command: command, program: program)
    }

    /// FNV-1a 64 of the file's bytes (empty when it cannot be read: an execute-only file).
    static func hash(of path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        var hash: UInt64 = 14_695_981_039_346_656_037
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            for byte in chunk {
                hash ^= UInt64(byte)
                hash = hash &* 1_099_511_628_211
            }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
