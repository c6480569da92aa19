import Foundation
import GRDB
import SpeedLabCore
import SpeedLabStore

extension StoreValue {
    /// The value as GRDB binds it (a UUID as its lower-case text).
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .uuid(let uuid): uuid.uuidString.lowercased().databaseValue
        }
    }
}

/// Reads a row fetched by GRDB column by column, by name, for ``StoreTable/read(_:from:)``.
struct SQLiteRowReader: StoreRowReader {
    let row: Row
    let path: String

    func value(of column: String, type: StoreColumnType) throws(StoreError) -> StoreValue {
        guard let stored = row[column] as DatabaseValue?, !stored.isNull else { return .null }
        let value: StoreValue? =
            switch type {
            case .integer: Int64.fromDatabaseValue(stored).map { .integer($0) }
            case .real: Double.fromDatabaseValue(stored).map { .real($0) }
            case .text, .json: String.fromDatabaseValue(stored).map { .text($0) }
            // Text that is no UUID reads as none: the run's archive refuses it, its listing does not.
            case .uuid:
                .some(String.fromDatabaseValue(stored).flatMap(UUID.init(uuidString:)).map { .uuid($0) } ?? .null)
            }
        guard let value else {
            throw .corrupt(path: path, detail: "a stored value cannot be read: \(column) holds \(stored)")
        }
        return value
    }

    func unreadable(_ value: StoreValue, in column: String) -> StoreError {
        .corrupt(path: path, detail: "a stored value cannot be read: \(column) holds \(value)")
    }
}

extension SQLiteRunStore {
    /// `INSERT INTO run` of every column ``StoreTable/run`` lists.
    private static let insertRunSQL =
        "INSERT INTO run (\(StoreTable.run.columnList())) VALUES ("
        + Array(repeating: "?", count: StoreTable.run.columns.count).joined(separator: ", ") + ")"

    /// Inserts a `run` row and returns its id.
    static func insertRun(_ row: RunRow, in db: Database) throws -> RunID {
        try db.execute(
            sql: insertRunSQL, arguments: StatementArguments(StoreTable.run.values(of: row).map(\.databaseValue)))
        return db.lastInsertedRowID
    }

    /// Reads the `run` columns of `row`, fetched by name.
    func runRow(_ row: Row) throws(StoreError) -> RunRow {
        var reader = SQLiteRowReader(row: row, path: path)
        return try StoreTable.run.read(from: &reader)
    }
}
