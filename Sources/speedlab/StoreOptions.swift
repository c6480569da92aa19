import ArgumentParser
import SpeedLabPostgres
import SpeedLabStore
import SpeedLabStoreOpener

/// `--db PATH|URL`, shared by every subcommand that touches the database.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "The store: a SQLite file, or postgres://USER@HOST:PORT/DB?sslmode=… (default: $SPEEDLAB_DB, else ./speedlab.sqlite)."
    )
    var db: String?

    var location: String { db ?? StoreOpener.defaultLocation() }

    /// Opens the store as the command uses it: reading commands open a SQLite file read-only, so
    /// they work on a read-only file and never wait for another process's write lock.
    func open(_ access: StoreAccess) throws -> any RunDatabase {
        do { return try StoreOpener.open(location, access: access) } catch { throw SpeedLabExitCode.report(error) }
    }
}
