import Foundation
import GRDB
import SpeedLabCore
import SpeedLabMigrations
import SpeedLabStore

/// The SQLite file that keeps every run, point and sample SpeedLab measured.
///
/// Opening a store applies the bundled migrations (refusing a database written by a newer
/// SpeedLab), turns on WAL, foreign keys and a busy timeout, so several `speedlab`
/// processes can share one file. Every write is one short transaction.
public final class SQLiteRunStore: Sendable {
    /// The database file, as given.
    public let path: String
    let pool: DatabasePool
    private let busyTimeout: TimeInterval
    /// Space kept free while this process measures a run (see ``DiskReserve``).
    let reserve: DiskReserve
    /// The `-wal` and `-shm` files that opening this store read-only created beside it (none
    /// for a writer): ``abandon()`` removes them from a source found damaged.
    let sideFilesCreatedByReading: [String]

    /// How long a writer waits for another process's write lock before giving up, unless
    /// `SPEEDLAB_BUSY_TIMEOUT` (seconds) says otherwise.
    public static let defaultBusyTimeoutSeconds: TimeInterval = 30

    /// The busy timeout `environment` asks for, else the default.
    public static func busyTimeout(environment: [String: String] = ProcessInfo.processInfo.environment) -> TimeInterval
    {
        guard let text = environment["SPEEDLAB_BUSY_TIMEOUT"], let seconds = TimeInterval(text), seconds >= 0,
            seconds.isFinite
        else { return defaultBusyTimeoutSeconds }
        return seconds
    }

    /// How a command uses the store.
    public typealias Access = StoreAccess

    /// Opens (and, when `create` is true, creates) the database at `path` to write, and
    /// migrates it.
    public convenience init(path: String, create: Bool = true) throws(StoreError) {
        try self.init(path: path, access: .write(create: create))
    }

    /// Opens the database at `path` as `access` asks. A writer waits at most the busy timeout
    /// for another process's lock (then `.locked`); a reader never waits for the write lock,
    /// unless the database needs upgrading by a migration.
    public init(path: String, access: Access, busyTimeout: TimeInterval = busyTimeout()) throws(StoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.reserve = DiskReserve(database: path)
        let existed = try Self.checkPath(path, access: access)
        let absentSideFiles =
            access == .read
            ? ["-wal", "-shm"].map { path + $0 }.filter { !FileManager.default.fileExists(atPath: $0) } : []
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "speedlab"
        do {
            if existed {
                // Read-only first: a damaged database is refused before anything writes to it,
                // and a reader that needs no migration never takes the write lock.
                let reader = try Self.openReader(path: path, configuration: configuration, access: access)
                if !reader.isSpeedLabStore, access == .read || reader.holdsOtherTables {
                    // An empty file or another program's database: reading never turns it into a
                    // store, and writing never mixes SpeedLab's tables into someone else's.
                    throw StoreError.notAStore(path: path)
                }
                if access == .read, !reader.needsMigration {
                    pool = reader.pool
                    sideFilesCreatedByReading = absentSideFiles.filter { FileManager.default.fileExists(atPath: $0) }
                    return
                }
            }
            configuration.prepareDatabase { db in
                // WAL makes NORMAL durable against application crashes; a bigger page cache keeps
                // bulk inserts of a large round from spilling to the WAL page by page. A new
                // database gets 16 KiB pages (an existing one keeps its own): a quarter of the
                // b-tree pages to split and write per sample stored (docs/performance.md).
                try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384")
            }
            DiskReserve.removeAbandoned(database: path)
            let writer = try Self.openPool(path: path, configuration: configuration, busyTimeout: busyTimeout)
            try StoreMigrator.migrate(writer, path: path, files: Migrations.all())
            pool = writer
            sideFilesCreatedByReading = []
        } catch {
            // A database this call created and could not finish (a full disk, say) leaves no
            // empty file behind for the next command to mistake for a store.
            if !existed { Self.removeUnfinished(path) }
            throw StoreError.from(error, path: path)
        }
    }

    /// Removes the file a failed creation left, with its side files, if it holds no store.
    private static func removeUnfinished(_ path: String) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let hasSchema =
            size > 0
            && ((try? DatabaseQueue(path: path, configuration: readOnlyConfiguration()).read { db in
                try db.tableExists("run")
            }) ?? false)
        guard !hasSchema else { return }
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private static func readOnlyConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }

    /// What a read-only look at an existing database found.
    private struct ReaderLook {
        var pool: DatabasePool
        var needsMigration: Bool
        /// Whether SpeedLab's migrations table is there.
        var isSpeedLabStore: Bool
        /// Whether it holds tables that are not SpeedLab's (another program's database).
        var holdsOtherTables: Bool
    }

    /// Opens the database read-only, checks that it is not damaged, and tells whether it needs a
    /// migration (which a writer must apply). A database nobody may write to (no write
    /// permission bits, or a folder nobody may write, whose write-ahead log was checkpointed
    /// away) is opened as immutable: no process can be writing to it, and a reader must not
    /// leave `-wal` and `-shm` files beside it that a later writer could not open. Side files
    /// that a failed look created are removed.
    private static func openReader(path: String, configuration: Configuration, access: Access) throws -> ReaderLook {
        var reading = configuration
        reading.readonly = true
        func open(_ name: String) throws -> ReaderLook {
            let reader = try DatabasePool(path: name, configuration: reading)
            // Checked before anything is read, the migrations table included.
            try checkIntegrity(reader, path: path)
            let (isStore, otherTables) = try reader.read { db in
                let tables = try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                return (tables.contains("grdb_migrations"), !tables.isEmpty && !tables.contains("grdb_migrations"))
            }
            let needsMigration =
                isStore ? try StoreMigrator.needsMigration(reader, path: path, files: Migrations.all()) : true
            return ReaderLook(
                pool: reader, needsMigration: needsMigration, isSpeedLabStore: isStore, holdsOtherTables: otherTables)
        }
        let sideFiles = ["-wal", "-shm"].filter { !FileManager.default.fileExists(atPath: path + $0) }
        let walIsEmpty = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0 == 0
        let immutable = "file:\(path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)?immutable=1"
        do {
            if access == .read, walIsEmpty, !hasWritePermissionBits(path) { return try open(immutable) }
            return try open(path)
        } catch let error as DatabaseError
            where [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode.primaryResultCode)
            && !FileManager.default.isWritableFile(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
            && walIsEmpty
        {
            return try open(immutable)
        } catch {
            for suffix in sideFiles { removeIfEmpty(path + suffix) }
            throw error
        }
    }

    /// Whether anyone may write the file, by its mode bits (root's access check says yes to all).
    private static func hasWritePermissionBits(_ path: String) -> Bool {
        guard let mode = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int else {
            return true
        }
        return mode & 0o222 != 0 && FileManager.default.isWritableFile(atPath: path)
    }

    /// Closes a store opened read-only that was found damaged after it opened (an import
    /// source whose full check failed), and removes the side files opening it created, so a
    /// refused source is left as it was found.
    public func abandon() {
        guard !sideFilesCreatedByReading.isEmpty else { return }
        try? pool.close()
        for file in sideFilesCreatedByReading { Self.removeIfEmpty(file) }
    }

    /// Removes a `-wal` or `-shm` file a failed open created, unless it holds something.
    private static func removeIfEmpty(_ path: String) {
        guard let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int else { return }
        if size == 0 || path.hasSuffix("-shm") { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Refuses paths that cannot be a database before SQLite sees them, with what to do instead.
    /// Returns whether a database file is already there.
    private static func checkPath(_ path: String, access: Access) throws(StoreError) -> Bool {
        guard !path.isEmpty else { throw .invalidPath(path: path, reason: "the database path is empty") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw .invalidPath(path: path, reason: "it is a folder, not a database file")
            }
            return true
        }
        guard access == .write(create: true) else { throw .missing(path: path) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .invalidPath(path: path, reason: "its folder \(folder) does not exist")
        }
        if !FileManager.default.isWritableFile(atPath: folder) { throw .readOnly(path: path) }
        return false
    }

    /// Fails with `.corrupt` unless SQLite's quick check of every page passes: a damaged
    /// database is reported before anything reads half of it or writes to it (about 0.6 s per
    /// 100 MB here).
    private static func checkIntegrity(_ reader: some DatabaseReader, path: String) throws {
        let verdict = try reader.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") }
        guard verdict == "ok" else {
            let detail = (verdict ?? "quick_check failed").split(whereSeparator: \.isNewline).joined(separator: " ")
            throw StoreError.corrupt(path: path, detail: detail)
        }
    }

    /// Opens the pool, retrying while another process creates the same new database (switching
    /// it to WAL does not wait on the busy timeout), for no longer than the busy timeout.
    private static func openPool(
        path: String, configuration: Configuration, busyTimeout: TimeInterval
    ) throws -> DatabasePool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(busyTimeout))
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError
                where error.resultCode.primaryResultCode == .SQLITE_BUSY && ContinuousClock.now < deadline
            {
                usleep(50_000)
            }
        }
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
