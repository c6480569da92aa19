import GRDB
import GRDBSQLite
import SpeedLabCore
import SpeedLabStore

/// A statement prepared once on a GRDB connection and run many times, binding and reading
/// values through the SQLite C API: the fast path for bulk inserts and large scans.
///
/// Only used inside a `write { }` or `read { }` block, on the connection that block hands out,
/// and never past the end of that block.
final class PreparedStatement {
    private let connection: OpaquePointer?
    private let sql: String
    private var statement: OpaquePointer?

    init(_ db: Database, sql: String) throws {
        connection = db.sqliteConnection
        self.sql = sql
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK else { throw error(code) }
    }

    deinit { sqlite3_finalize(statement) }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement, index, value)
    }

    func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(statement, index, value)
    }

    /// Binds `bytes` as UTF-8 text; SQLite copies them (the buffer may change afterwards).
    func bind(_ index: Int32, text bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            _ = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                sqlite3_bind_text(statement, index, pointer, Int32(buffer.count), Self.transient)
            }
        }
    }

    /// Binds text (copied by SQLite before the call returns).
    func bind(_ index: Int32, text value: String) {
        sqlite3_bind_text(statement, index, value, -1, Self.transient)
    }

    /// Binds `bytes` as a blob (copied by SQLite before the call returns).
    func bind(_ index: Int32, blob bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(
                statement, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count),
                Self.transient)
        }
    }

    /// Binds an optional whole number (NULL for nil).
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { bind(index, value) } else { bindNull(index) }
    }

    /// Binds SQL NULL.
    func bindNull(_ index: Int32) {
        sqlite3_bind_null(statement, index)
    }

    /// SQLite's SQLITE_TRANSIENT: copy the value before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Steps an INSERT once and resets it; returns whether a row was written. The error is read
    /// before the reset, which would clear SQLite's message.
    func insert() throws -> Bool {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            let failure = error(code)
            sqlite3_reset(statement)
            throw failure
        }
        sqlite3_reset(statement)
        return sqlite3_changes(connection) > 0
    }

    /// Steps a SELECT to the end, handing each row to `body` (read columns with ``int64(_:)``).
    func forEachRow(_ body: (PreparedStatement) throws -> Void) throws {
        defer { sqlite3_reset(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            try body(self)
        }
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// An integer column that may be NULL.
    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
    }

    /// A text column (NULL reads as nil), decoded as UTF-8 with invalid bytes repaired.
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// A blob column's bytes (empty for NULL or an empty blob).
    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    private func error(_ code: Int32) -> DatabaseError {
        let message = sqlite3_errmsg(connection).map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}
