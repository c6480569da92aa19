#if PostgreSQLStore
    import Foundation
    import SpeedLabStore

    /// Reads a row's columns in order, each as the type asked for.
    struct PostgresCells {
        private var iterator: IndexingIterator<[PostgresRow.Cell]>
        private let location: String

        init(_ row: PostgresRow, location: String) {
            iterator = row.makeIterator()
            self.location = location
        }

        /// The next column, decoded as `T` (an optional type reads NULL as nil).
        mutating func next<T: PostgresDecodable>(_: T.Type = T.self) throws(StoreError) -> T {
            guard let cell = iterator.next() else {
                throw .server(location: location, detail: "a row has fewer columns than expected")
            }
            do { return try cell.decode(T.self) } catch {
                throw .server(
                    location: location, detail: "column \(cell.columnName) is not \(T.self): \(error)")
            }
        }
    }

    /// Reads a row's columns in order: the statement lists them as ``StoreTable`` does.
    extension PostgresCells: StoreRowReader {
        mutating func value(of column: String, type: StoreColumnType) throws(StoreError) -> StoreValue {
            switch type {
            case .integer: try next(Int64?.self).map { .integer($0) } ?? .null
            case .real: try next(Double?.self).map { .real($0) } ?? .null
            case .text, .json: try next(String?.self).map { .text($0) } ?? .null
            case .uuid: try next(UUID?.self).map { .uuid($0) } ?? .null
            }
        }

        func unreadable(_ value: StoreValue, in column: String) -> StoreError {
            .server(location: location, detail: "column \(column.lowercased()) holds \(value)")
        }
    }
#endif
