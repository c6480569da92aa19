import Foundation

/// One numbered schema file from `migrations/`, bundled with the binary.
public struct MigrationFile: Sendable, Hashable {
    /// The file name without `.sql`, e.g. `0001_initial`: the identifier GRDB records.
    public let identifier: String
    public let sql: String
}

/// The schema files of this version of SpeedLab, in the order they apply.
///
/// They live in `migrations/` at the package root and are copied into this target's
/// bundle; a test checks that every `.sql` file there is bundled.
public enum Migrations {
    /// Every bundled migration, sorted by name (the numeric prefix orders them).
    public static func all() throws -> [MigrationFile] {
        guard let directory = Bundle.module.resourceURL else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { name in
            let url = directory.appendingPathComponent(name)
            return MigrationFile(
                identifier: String(name.dropLast(4)),
                sql: try String(contentsOf: url, encoding: .utf8)
            )
        }
    }
}

extension Migrations {
    /// The PostgreSQL schema files (`migrations/postgres/`), with the same numbered versions as
    /// the SQLite ones, sorted by name.
    public static func postgres() throws -> [MigrationFile] {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("postgres") else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { name in
            MigrationFile(
                identifier: String(name.dropLast(4)),
                sql: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
    }
}
