import Foundation
import GRDB
import SpeedLabMigrations

/// The SQLite file that keeps every run, point and sample SpeedLab measured.
///
/// Opening a store applies the bundled migrations (refusing a database written by a newer
/// SpeedLab), turns on WAL, foreign keys and a busy timeout, so several `speedlab`
/// processes can share one file. Every write is one short transaction.
public final class RunStore: Sendable {
    /// The database file, as given.
    public let path: String
    let pool: DatabasePool

    /// How long a writer waits for another process's write lock before giving up.
    public static let busyTimeoutSeconds: TimeInterval = 30

    /// Opens (and, when `create` is true, creates) the database at `path` and migrates it.
    public init(path: String, create: Bool = true) throws(StoreError) {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { throw .missing(path: path) }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if !FileManager.default.isWritableFile(atPath: folder) { throw .readOnly(path: path) }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeoutSeconds)
        configuration.label = "speedlab"
        configuration.prepareDatabase { db in
            // WAL makes NORMAL durable against application crashes; a bigger page cache keeps
            // bulk inserts of a large round from spilling to the WAL page by page.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536")
        }
        do {
            pool = try Self.openPool(path: path, configuration: configuration)
            try StoreMigrator.migrate(pool, path: path, files: Migrations.all())
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Opens the pool, retrying for a few seconds while another process holds the lock that
    /// switching a new database to WAL needs (that switch does not wait on the busy timeout).
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        for attempt in 1... {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode.primaryResultCode == .SQLITE_BUSY && attempt < 100
            {
                usleep(50_000)
            }
        }
        fatalError("unreachable: the loop returns or throws")
    }

    /// Runs `body` in a write transaction, translating SQLite errors.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw StoreError.from(error, path: path) }
    }

    /// Runs `body` on a read-only snapshot, translating SQLite errors.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError.from(error, path: path) }
    }

    /// Copies the write-ahead log into the database file and empties it (what SQLite does when
    /// the last connection closes).
    public func checkpoint() throws(StoreError) {
        do { _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) } } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// The default database path: `SPEEDLAB_DB`, else `speedlab.sqlite` in the working directory.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["SPEEDLAB_DB"], !path.isEmpty { return path }
        return "speedlab.sqlite"
    }
}
