#if PostgreSQLStore
    import SpeedLabStore

    extension PostgresRunStore {
        /// Streams `text` into `table` with `COPY … FROM STDIN`, in the current transaction.
        func copy(_ text: CopyText, into table: String, columns: [String]) throws(StoreError) {
            let statement = "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN"
            do { try connection.copy(statement, bytes: text.bytes) } catch { throw Self.storeError(error, url: url) }
        }
    }
#endif
