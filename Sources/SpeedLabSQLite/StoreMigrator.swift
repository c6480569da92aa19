import Foundation
import GRDB
import SpeedLabCore
import SpeedLabMigrations
import SpeedLabStore

/// Applies the schema files of `migrations/` in order, one transaction each.
///
/// A database that records a migration this SpeedLab does not know was written by a newer
/// version: it is refused by name rather than half-understood. A database from an older
/// SpeedLab is copied to `<path>.bak-<last migration>` (SQLite's online backup, consistent
/// even in WAL mode) before it is upgraded. Two processes opening a new database at once may
/// both try the first migration; the loser finds it applied and carries on.
enum StoreMigrator {
    static func makeMigrator(_ files: [MigrationFile]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for file in files {
            migrator.registerMigration(file.identifier) { db in try db.execute(sql: file.sql) }
        }
        return migrator
    }

    /// Whether the database lacks migrations this SpeedLab has, read without writing; a
    /// database with migrations it does not know is refused as newer.
    static func needsMigration(_ reader: some DatabaseReader, path: String, files: [MigrationFile]) throws -> Bool {
        let applied = try appliedMigrations(reader, migrator: makeMigrator(files), path: path, files: files)
        return applied.count < files.count
    }

    private static func appliedMigrations(
        _ reader: some DatabaseReader, migrator: DatabaseMigrator, path: String, files: [MigrationFile]
    ) throws -> [String] {
        try reader.read { db in
            if try migrator.hasBeenSuperseded(db) {
                let known = Set(files.map(\.identifier))
                let unknown = try migrator.appliedIdentifiers(db).filter { !known.contains($0) }
                throw StoreError.schemaIsNewer(path: path, unknownMigrations: unknown.sorted())
            }
            return try migrator.appliedIdentifiers(db).sorted()
        }
    }

    static func migrate(_ writer: some DatabaseWriter, path: String, files: [MigrationFile]) throws {
        let migrator = makeMigrator(files)
        let applied = try appliedMigrations(writer, migrator: migrator, path: path, files: files)
        guard applied.count < files.count else { return }  // nothing to write
        if let last = applied.last {
            // A backup fails (SQLITE_BUSY) while another process is still migrating the same new
            // database: look again; once it has finished, there is nothing left to do.
            for attempt in 1... {
                do {
                    try backUp(writer, to: "\(path).bak-\(last)")
                    break
                } catch {
                    if (try? writer.read { db in try migrator.hasCompletedMigrations(db) }) == true { return }
                    if attempt >= 20 { throw error }
                    usleep(50_000)
                }
            }
        }
        // Another process opening the same new database may apply a migration between our
        // check and our transaction (`table run already exists`): look again and go on.
        for attempt in 1... {
            do {
                try migrator.migrate(writer)
                return
            } catch {
                if (try? writer.read { db in try migrator.hasCompletedMigrations(db) }) == true { return }
                if attempt >= 20 { throw error }
                usleep(50_000)
            }
        }
    }

    /// Copies the database to `backupPath` (replacing an older copy there).
    static func backUp(_ reader: some DatabaseReader, to backupPath: String) throws {
        try? FileManager.default.removeItem(atPath: backupPath)
        let copy = try DatabaseQueue(path: backupPath)
        try reader.backup(to: copy)
        try copy.close()
    }
}
