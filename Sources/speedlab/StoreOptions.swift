import ArgumentParser
import SpeedLabStore

/// `--db PATH`, shared by every subcommand that touches the database.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database (default: $SPEEDLAB_DB, else ./speedlab.sqlite).")
    var db: String?

    var path: String { db ?? RunStore.defaultPath() }

    /// Opens the store as the command uses it: reading commands open it read-only, so they
    /// work on a read-only file and never wait for another process's write lock.
    func open(_ access: RunStore.Access) throws -> RunStore {
        do { return try RunStore(path: path, access: access) } catch { throw SpeedLabExitCode.report(error) }
    }
}
