import ArgumentParser
import SpeedLabStore

/// `--db PATH`, shared by every subcommand that touches the database.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database (default: $SPEEDLAB_DB, else ./speedlab.sqlite).")
    var db: String?

    var path: String { db ?? RunStore.defaultPath() }

    /// Opens the store; commands that only read pass `create: false`.
    func open(create: Bool) throws -> RunStore {
        do { return try RunStore(path: path, create: create) } catch { throw SpeedLabExitCode.report(error) }
    }
}
