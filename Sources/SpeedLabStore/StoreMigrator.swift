import GRDB
import SpeedLabMigrations

/// Applies the schema files of `migrations/` in order, one transaction each.
///
/// A database that records a migration this SpeedLab does not know was written by a newer
/// version: it is refused by name rather than half-understood.
enum StoreMigrator {
    static func migrate(_ writer: some DatabaseWriter, path: String, files: [MigrationFile]) throws {
        var migrator = DatabaseMigrator()
        for file in files {
            migrator.registerMigration(file.identifier) { db in try db.execute(sql: file.sql) }
        }
        try writer.read { db in
            if try migrator.hasBeenSuperseded(db) {
                let known = Set(files.map(\.identifier))
                let unknown = try migrator.appliedIdentifiers(db).filter { !known.contains($0) }
                throw StoreError.schemaIsNewer(path: path, unknownMigrations: unknown.sorted())
            }
        }
        try migrator.migrate(writer)
    }

    /// Identifiers of the migrations recorded in the database.
    static func applied(in reader: some DatabaseReader, files: [MigrationFile]) throws -> [String] {
        var migrator = DatabaseMigrator()
        for file in files { migrator.registerMigration(file.identifier) { _ in } }
        return try reader.read { db in try migrator.appliedIdentifiers(db).sorted() }
    }
}
