import Foundation

/// One numbered schema file from `migrations/`, bundled with the binary.
public struct MigrationFile: Sendable, Hashable {
    /// The file name without `.sql`, e.g. `0001_initial`: the identifier the store records.
    public let identifier: String
    public let sql: String
}

/// The schema files of this version of SpeedLab, in the order they apply.
///
/// They live in `migrations/` (SQLite) and `migrations/postgres/` (PostgreSQL) at the package
/// root; `Package.swift` bundles every `.sql` file it finds there, and a test checks that
/// each backend has the same numbered versions.
public enum Migrations {
    /// Every bundled SQLite migration, sorted by name (the numeric prefix orders them).
    public static func all() throws -> [MigrationFile] {
        try files(in: Bundle.module.resourceURL)
    }

    /// The PostgreSQL schema files (`migrations/postgres/`), with the same numbered versions as
    /// the SQLite ones, sorted by name.
    public static func postgres() throws -> [MigrationFile] {
        try files(in: Bundle.module.resourceURL?.appendingPathComponent("postgres"))
    }

    /// The `.sql` files of `directory`, sorted by name.
    private static func files(in directory: URL?) throws -> [MigrationFile] {
        guard let directory else { return [] }
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
