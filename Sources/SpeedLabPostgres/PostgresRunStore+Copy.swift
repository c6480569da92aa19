#if PostgreSQLStore
    import Dispatch
    import NIOConcurrencyHelpers
    import NIOCore
    import PostgresNIO
    import SpeedLabConcurrency
    import SpeedLabStore

    extension PostgresRunStore {
        /// The thread on which postgres-nio's asynchronous COPY runs while a synchronous caller
        /// waits: a thread of its own, so waiting never takes a thread of Swift's cooperative pool
        /// that the COPY would need (on 2 cores the pool has 2).
        static let copyThread = SingleThreadExecutor(name: "speedlab-postgres-copy")

        /// Streams `text` into `table` with `COPY … FROM STDIN`, in the current transaction.
        func copy(_ text: CopyText, into table: String, columns: [String]) throws(StoreError) {
            let connection = connection
            let logger = logger
            let bytes = text.bytes
            let outcome = NIOLockedValueBox<(any Error)??>(nil)
            let done = DispatchSemaphore(value: 0)
            Task(executorPreference: Self.copyThread) {
                do {
                    try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                        var start = 0
                        while start < bytes.count {
                            let end = min(bytes.count, start + 256 * 1024)
                            try await writer.write(ByteBuffer(bytes: bytes[start..<end]))
                            start = end
                        }
                    }
                    outcome.withLockedValue { $0 = .some(nil) }
                } catch {
                    outcome.withLockedValue { $0 = .some(error) }
                }
                done.signal()
            }
            // A COPY handed to a connection that has just closed may never answer.
            try waitForAnswer(done)
            if case .some(.some(let error)) = outcome.withLockedValue({ $0 }) {
                throw Self.storeError(error, url: url)
            }
        }
    }

    extension StoreError {
        /// Whether the server refused a row because its key is already stored (SQLSTATE 23505).
        var isDuplicateKey: Bool {
            if case .server(_, let detail) = self { return detail.hasSuffix("(SQLSTATE 23505)") }
            return false
        }
    }
#endif
