import Foundation
import SpeedLabSQLite
import SpeedLabStore

/// A real, migrated SQLite store in a temporary folder, filled from a SQL fixture under
/// `fixtures/` (fixed samples, never a live timing): the input of report golden tests.
public struct SyntheticStore: Sendable {
    public let folder: TemporaryDirectory
    public let runs: SQLiteRunStore

    /// Migrates a new database and applies `fixtures/<name>` to it.
    public static func make(from name: String) throws -> SyntheticStore {
        let folder = try TemporaryDirectory(prefix: "speedlab-synthetic")
        let path = folder.path("synthetic.sqlite")
        _ = try SQLiteRunStore(path: path)
        let sql = try String(contentsOf: FixturePaths.fixtures.appendingPathComponent(name), encoding: .utf8)
        try SQLiteScript.execute(sql, at: path)
        return SyntheticStore(folder: folder, runs: try SQLiteRunStore(path: path))
    }

    /// Changes the store with `sql`, as a damaged or hand-edited database would be changed.
    public func execute(_ sql: String) throws {
        try SQLiteScript.execute(sql, at: runs.path)
    }

    public func remove() { folder.remove() }
}
