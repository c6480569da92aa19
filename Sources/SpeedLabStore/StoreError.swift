import Foundation
import SpeedLabCore

/// What can go wrong with the database file, each case with the path and a remedy.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database was migrated by a newer SpeedLab (it has migrations this one lacks).
    case schemaIsNewer(path: String, unknownMigrations: [String])
    /// The file exists but is not a SQLite database.
    case notADatabase(path: String)
    /// A SQLite database without SpeedLab's schema: an empty file, or another program's database.
    case notAStore(path: String)
    /// The source of an import is missing, damaged or holds values SpeedLab cannot have
    /// written; nothing was imported.
    case importSource(location: String, detail: String, missing: Bool)
    /// The file is a damaged SQLite database.
    case corrupt(path: String, detail: String)
    /// The file or its folder cannot be written.
    case readOnly(path: String)
    /// The file cannot be opened at all (missing folder, permissions).
    case cannotOpen(path: String, detail: String)
    /// The disk (or its quota) is full: the write did not happen.
    case diskFull(path: String)
    /// Another process holds the write lock for longer than the busy timeout.
    case locked(path: String)
    /// A path that cannot be a database file (empty, a folder, in a missing folder).
    case invalidPath(path: String, reason: String)
    /// No database exists at the path (for commands that only read).
    case missing(path: String)
    /// A run id, label or `latest~N` that names no run.
    case unknownRun(reference: String, path: String)
    /// `latest`, `latest~N` or a label that names no completed run.
    case noCompletedRun(reference: String, path: String)
    /// A stored point whose parameters are not the canonical JSON SpeedLab writes.
    case undecodablePoint(path: String, run: RunID, point: PointID, parameters: String)
    /// Any other SQLite error, with SQLite's result code when SQLite gave one, and its message.
    case sqlite(path: String, code: BackendErrorCode? = nil, detail: String)
    /// A database server that cannot be reached (refused, timed out, TLS refused) at `location`.
    case unreachable(location: String, detail: String)
    /// A database server that refused the user or password.
    case authenticationFailed(location: String, detail: String)
    /// A database server without the named database.
    case noSuchDatabase(location: String, database: String)
    /// A `--db` that names a backend this build cannot use, or a malformed database URL.
    case unsupportedLocation(location: String, reason: String)
    /// Any other error a database server reported, with the server's code when it gave one
    /// (PostgreSQL's SQLSTATE), and its message.
    case server(location: String, code: BackendErrorCode? = nil, detail: String)

    public var description: String {
        switch self {
        case .schemaIsNewer(let path, let unknown):
            return "\(path) was written by a newer speedlab (unknown migrations: \(unknown.joined(separator: ", "))). "
                + "Upgrade speedlab, or use another database with --db."
        case .notADatabase(let path):
            return
                "\(path) is not a SQLite database. Point --db (or SPEEDLAB_DB) at a SpeedLab database or a new file name."
        case .notAStore(let path):
            return "\(path) is not a SpeedLab store (it holds no SpeedLab schema). Point --db (or SPEEDLAB_DB) at a "
                + "SpeedLab database, or give `speedlab run` a new file name."
        case .importSource(let location, let detail, true):
            return "nothing to import: no store at \(location) (\(detail)). Give SOURCE as an existing SQLite file or "
                + "a postgres:// URL."
        case .importSource(let location, let detail, false):
            return "cannot import from \(location): \(detail). Nothing was imported; repair or restore the source "
                + "(a backup, or `sqlite3 SOURCE .recover`) and import again."
        case .corrupt(let path, let detail):
            return "\(path) is damaged (\(detail)). Restore it from a backup, or start a new database with --db."
        case .readOnly(let path):
            return
                "\(path) cannot be written (read-only file or folder). Make it writable, or use --db with a writable path."
        case .cannotOpen(let path, let detail):
            return "cannot open \(path) (\(detail)). Check that the folder exists and is writable."
        case .diskFull(let path):
            return "the disk holding \(path) is full: nothing more could be stored. Free some space, then finish "
                + "an interrupted run with `speedlab run --resume RUN`."
        case .locked(let path):
            return "\(path) is locked by another process for too long. Wait for it to finish and try again."
        case .invalidPath(let path, let reason):
            return "cannot use '\(path)' as the database: \(reason). Give a file path with --db (or SPEEDLAB_DB), "
                + "e.g. --db results/speedlab.sqlite."
        case .missing(let path):
            return "no database at \(path). Run `speedlab run` first, or point --db at an existing database."
        case .unknownRun(let reference, let path):
            return "no run '\(reference)' in \(path). `speedlab runs` lists the runs."
        case .noCompletedRun(let reference, let path):
            return "no completed run '\(reference)' in \(path). `speedlab runs` lists the runs; "
                + "--include-incomplete counts interrupted, failed and crashed runs too."
        case .undecodablePoint(let path, let run, let point, let parameters):
            return
                "\(path): point \(point) of run \(run) has parameters that cannot be read (\(parameters.prefix(200))). "
                + "The database was changed outside speedlab; restore it from a backup."
        case .sqlite(let path, _, let detail):
            return "\(path): \(detail)"
        case .unreachable(let location, let detail):
            return "cannot reach the database server at \(location) (\(detail)). Check that it runs and that host, "
                + "port and sslmode are right."
        case .authenticationFailed(let location, let detail):
            return "the database server at \(location) refused the login (\(detail)). Check the user, and the "
                + "password in the URL or PGPASSWORD."
        case .noSuchDatabase(let location, let database):
            return "the server at \(location) has no database '\(database)'. Create it (`createdb \(database)`) or "
                + "name another one in the URL."
        case .unsupportedLocation(let location, let reason):
            return "cannot use '\(location)' as the database: \(reason)."
        case .server(let location, _, let detail):
            return "\(location): \(detail)"
        }
    }
}

/// The code a database engine gave for an error, kept typed so that code tells errors apart by
/// it, never by their message.
public enum BackendErrorCode: Sendable, Hashable, CustomStringConvertible {
    /// PostgreSQL's five-character SQLSTATE (`PG_DIAG_SQLSTATE`), e.g. `23505`.
    case sqlState(String)
    /// SQLite's extended result code; its low byte is the primary code (`SQLITE_CONSTRAINT` is 19,
    /// `SQLITE_CONSTRAINT_UNIQUE` 2067).
    case sqlite(extendedResultCode: Int32)

    /// PostgreSQL's `unique_violation`.
    public static let uniqueViolation = BackendErrorCode.sqlState("23505")
    /// SQLite's `SQLITE_CONSTRAINT_UNIQUE`.
    public static let sqliteUniqueConstraint = BackendErrorCode.sqlite(extendedResultCode: 2067)
    /// SQLite's `SQLITE_CONSTRAINT_PRIMARYKEY`.
    public static let sqlitePrimaryKeyConstraint = BackendErrorCode.sqlite(extendedResultCode: 1555)

    /// Whether the engine refused a row because its key is already stored.
    public var isDuplicateKey: Bool {
        self == .uniqueViolation || self == .sqliteUniqueConstraint || self == .sqlitePrimaryKeyConstraint
    }

    public var description: String {
        switch self {
        case .sqlState(let state): "SQLSTATE \(state)"
        case .sqlite(let code): "SQLite result code \(code)"
        }
    }
}

extension StoreError {
    /// The code the database engine gave for this error, when it is one the engine reported.
    public var backendCode: BackendErrorCode? {
        switch self {
        case .sqlite(_, let code, _), .server(_, let code, _): code
        default: nil
        }
    }

    /// Whether the engine refused a row because its key is already stored.
    public var isDuplicateKey: Bool { backendCode?.isDuplicateKey ?? false }
}
