import GRDBSQLite

/// One SQLite connection through the C API, used by one thread at a time: the document
/// database hands it out of a locked list of idle connections and takes it back after the
/// query, so no two threads ever hold it together. That hand-off is why it may be Sendable.
final class SQLiteConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private let path: String
    private var scanStatement: OpaquePointer?

    init(path: String, create: Bool) throws(DocumentDatabaseError) {
        var handle: OpaquePointer?
        let flags = (create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let handle { sqlite3_close(handle) }
            throw .sqlite(path, message: message)
        }
        self.handle = handle
        self.path = path
    }

    func execute(_ sql: String) throws(DocumentDatabaseError) {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else {
            throw .sqlite(path, message: String(cString: sqlite3_errmsg(handle)))
        }
    }

    /// Counts, over `rows` documents from id `from + 1`, the bodies holding "needle" and their
    /// total length: a scan whose cost grows with `rows`.
    func scan(rows: Int, from: Int) throws(DocumentDatabaseError) -> Int64 {
        if scanStatement == nil {
            let sql = """
                SELECT count(*), total(length(body)), total(instr(body, 'needle'))
                FROM (SELECT body FROM document WHERE id > ?1 ORDER BY id LIMIT ?2)
                """
            guard sqlite3_prepare_v2(handle, sql, -1, &scanStatement, nil) == SQLITE_OK else {
                throw .sqlite(path, message: String(cString: sqlite3_errmsg(handle)))
            }
        }
        guard let statement = scanStatement else { return 0 }
        defer { sqlite3_reset(statement) }
        sqlite3_bind_int64(statement, 1, Int64(from))
        sqlite3_bind_int64(statement, 2, Int64(rows))
        guard sqlite3_step(statement) == SQLITE_ROW else {
            throw .sqlite(path, message: String(cString: sqlite3_errmsg(handle)))
        }
        return sqlite3_column_int64(statement, 0) + Int64(sqlite3_column_double(statement, 1))
    }

    func close() {
        if let scanStatement { sqlite3_finalize(scanStatement) }
        sqlite3_close(handle)
    }
}
