import GRDB
import GRDBSQLite

/// A statement prepared once on a GRDB connection and run many times by binding values
/// through the SQLite C API: the fast path for bulk sample inserts.
///
/// Only used inside a `write { }` block, on the connection that block hands out.
final class PreparedInsert {
    /// A value to bind.
    enum Value {
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    private let connection: OpaquePointer?
    private var statement: OpaquePointer?

    init(_ connection: OpaquePointer?, sql: String) throws {
        self.connection = connection
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK else { throw Self.error(code, connection, sql: sql) }
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds `values`, steps once, resets. Returns whether a row was written.
    func run(_ values: [Value]) throws -> Bool {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .real(let number): sqlite3_bind_double(statement, index, number)
            case .text(let text):
                // SQLITE_TRANSIENT: SQLite copies the bytes before this call returns.
                sqlite3_bind_text(statement, index, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else { throw Self.error(code, connection, sql: nil) }
        return sqlite3_changes(connection) > 0
    }

    private static func error(_ code: Int32, _ connection: OpaquePointer?, sql: String?) -> DatabaseError {
        let message = sqlite3_errmsg(connection).map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}
