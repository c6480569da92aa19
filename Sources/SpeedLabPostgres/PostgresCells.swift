#if PostgreSQLStore
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
#endif
