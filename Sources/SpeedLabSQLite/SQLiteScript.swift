import GRDB

/// Applies a SQL script to a SQLite file in one transaction, outside any store: how the
/// synthetic stores under `fixtures/` are filled, and how a test damages or edits a file
/// the way a person with the `sqlite3` shell would.
public enum SQLiteScript {
    /// Runs `sql` (any number of statements) on the file at `path` in one write transaction.
    public static func execute(_ sql: String, at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }
}
