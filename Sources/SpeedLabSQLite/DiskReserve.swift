import Foundation

/// A little disk space set aside while a run measures, next to its database, so that when
/// the disk fills up the run can still be given its final status: the reserve is deleted and
/// the one-row update that ends the run finds room.
///
/// One file per process (`<database>.reserve-<pid>`); files left by processes that died are
/// removed the next time a writer opens the database.
struct DiskReserve: Sendable {
    static let bytes = 256 * 1024

    let path: String

    init(database: String, processID: Int32 = ProcessInfo.processInfo.processIdentifier) {
        path = "\(database).reserve-\(processID)"
    }

    /// Writes the reserve (real blocks, not a sparse file); a failure leaves none.
    func claim() {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        if !FileManager.default.createFile(atPath: path, contents: Data(repeating: 0, count: Self.bytes)) {
            release()
        }
    }

    /// Gives the space back.
    func release() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Removes reserves of processes that no longer exist (killed while measuring).
    static func removeAbandoned(database: String) {
        let url = URL(fileURLWithPath: database)
        let folder = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + ".reserve-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0, kill(pid, 0) != 0, errno == ESRCH else {
                continue
            }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}
