import Foundation
import GRDB
import SpeedLabStore

/// A real, migrated SQLite store in a temporary folder, filled from a SQL fixture under
/// `fixtures/` (fixed samples, never a live timing): the input of report golden tests.
public struct SyntheticStore: Sendable {
    public let folder: TemporaryDirectory
    public let runs: RunStore

    /// Migrates a new database and applies `fixtures/<name>` to it.
    public static func make(from name: String) throws -> SyntheticStore {
        let folder = try TemporaryDirectory(prefix: "speedlab-synthetic")
        let path = folder.path("synthetic.sqlite")
        _ = try RunStore(path: path)
        let sql = try String(contentsOf: FixturePaths.fixtures.appendingPathComponent(name), encoding: .utf8)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
        return SyntheticStore(folder: folder, runs: try RunStore(path: path))
    }

    /// Changes the store with `sql`, as a damaged or hand-edited database would be changed.
    public func execute(_ sql: String) throws {
        let queue = try DatabaseQueue(path: runs.path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    public func remove() { folder.remove() }
}
