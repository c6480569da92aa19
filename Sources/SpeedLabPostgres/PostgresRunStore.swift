#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabMigrations
    import SpeedLabStore
    import Synchronization

    /// The runs of a team kept on a PostgreSQL server: the same tables, the same answers as the
    /// SQLite file, so many machines write one history.
    ///
    /// One connection per process through libpq, PostgreSQL's own synchronous C client; the
    /// store's calls wait for the server on the calling thread, one transaction at a time, and
    /// never longer than `SPEEDLAB_DB_TIMEOUT` for one answer. Opening it applies
    /// `migrations/postgres/` under an advisory lock, so processes that open a new database at
    /// once migrate it once.
    public final class PostgresRunStore: Sendable {
        /// The server and database, without the password.
        public let location: String
        let url: PostgresURL
        let connection: PostgresConnection
        /// How long one statement may wait for the server's answer: `SPEEDLAB_DB_TIMEOUT` seconds,
        /// else 300 (a round, a migration or a large run's import answers well within it).
        let answerTimeoutSeconds: Double
        /// A second connection, opened the first time a large read is split in two.
        let secondReader = Mutex<PostgresConnection?>(nil)
        /// Serialises transactions on the one connection (a heartbeat may come from another task).
        let lock = NSLock()

        /// The answer timeout `environment` asks for (`SPEEDLAB_DB_TIMEOUT`), else 300 s.
        static func answerTimeout(environment: [String: String] = ProcessInfo.processInfo.environment) -> Double {
            guard let text = environment["SPEEDLAB_DB_TIMEOUT"], let seconds = Double(text), seconds > 0,
                seconds.isFinite
            else { return 300 }
            return seconds
        }

        /// Connects to `url` (waiting at most its connect timeout) and brings its schema up to date,
        /// refusing a database migrated by a newer SpeedLab.
        public init(url: PostgresURL) throws(StoreError) {
            self.url = url
            location = url.redacted
            answerTimeoutSeconds = Self.answerTimeout()
            do {
                connection = try PostgresConnection(url: url, answerTimeoutSeconds: answerTimeoutSeconds)
            } catch {
                throw Self.storeError(error, url: url)
            }
            do {
                // A commit returns once the server has it, before its WAL reaches the disk: a crash
                // of the server's machine may lose the last fraction of a second of rounds, never
                // half of one (as SQLite's WAL with synchronous=NORMAL). A round costs no fsync.
                try execute("SET synchronous_commit = off")
                try PostgresMigrator(store: self).migrate(files: Migrations.postgres())
            } catch let error as StoreError {
                connection.close()
                throw error
            } catch {
                connection.close()
                throw .server(location: location, detail: "cannot read the bundled migrations: \(error)")
            }
        }

        /// Runs one statement and returns its rows.
        @discardableResult
        func query(_ query: PostgresQuery) throws(StoreError) -> [PostgresRow] {
            do { return try connection.run(query).rows } catch { throw Self.storeError(error, url: url) }
        }

        /// Runs one statement and returns how many rows it changed.
        @discardableResult
        func execute(_ query: PostgresQuery) throws(StoreError) -> Int {
            do { return try connection.run(query).affectedRows } catch { throw Self.storeError(error, url: url) }
        }

        /// Runs two reads at once, on this connection and on a second one (opened once): the server
        /// works on both with a core each.
        func queryInParallel(_ first: PostgresQuery, _ second: PostgresQuery) throws(StoreError)
            -> ([PostgresRow], [PostgresRow])
        {
            let other: PostgresConnection
            do {
                other = try secondReader.withLock { reader throws(PostgresFailure) in
                    if let reader, !reader.isClosed { return reader }
                    let opened = try PostgresConnection(url: url, answerTimeoutSeconds: answerTimeoutSeconds)
                    reader = opened
                    return opened
                }
            } catch {
                throw Self.storeError(error, url: url)
            }
            lock.lock()
            defer { lock.unlock() }
            let secondAnswer = Mutex<Result<[PostgresRow], PostgresFailure>?>(nil)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                let result = Result { () throws(PostgresFailure) in try other.run(second).rows }
                secondAnswer.withLock { $0 = result }
                done.signal()
            }
            let firstRows: [PostgresRow]
            do { firstRows = try connection.run(first).rows } catch {
                done.wait()
                throw Self.storeError(error, url: url)
            }
            done.wait()
            switch secondAnswer.withLock({ $0 }) {
            case .success(let rows): return (firstRows, rows)
            case .failure(let error): throw Self.storeError(error, url: url)
            case nil: throw .server(location: location, detail: "the second read gave no answer")
            }
        }

        /// Runs `body` in one transaction (committed when it returns, rolled back when it throws),
        /// alone on the connection.
        @discardableResult
        func transaction<T>(readOnly: Bool = false, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
            lock.lock()
            defer { lock.unlock() }
            try execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
            do throws(StoreError) {
                let result = try body()
                try execute("COMMIT")
                return result
            } catch {
                _ = try? execute("ROLLBACK")
                throw error
            }
        }

        /// Runs `body` alone on the connection, outside a transaction.
        func exclusive<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
            lock.lock()
            defer { lock.unlock() }
            return try body()
        }

        /// Decodes a row as the tuple `type`, as a store error naming the server.
        func decode<each Column: PostgresDecodable>(_ row: PostgresRow, _ type: (repeat each Column).Type)
            throws(StoreError) -> (repeat each Column)
        {
            do { return try row.decode(type) } catch {
                throw .server(location: location, detail: "unexpected column type: \(error)")
            }
        }

        /// Closes the connections.
        public func close() throws(StoreError) {
            secondReader.withLock { $0?.close() }
            connection.close()
        }

        /// What a failure of libpq means for a person, in one line without the password.
        static func storeError(_ error: PostgresFailure, url: PostgresURL) -> StoreError {
            let location = url.redacted
            switch error {
            case .refused(let message):
                return refusal(message, url: url)
            case .connection(let message):
                return .unreachable(location: location, detail: firstLine(message))
            case .timeout:
                return .unreachable(location: location, detail: error.description)
            case .server(let state, let message):
                switch state {
                case "28P01", "28000": return .authenticationFailed(location: location, detail: message)
                case "3D000": return .noSuchDatabase(location: location, database: url.database)
                case "57P01", "57P02", "57P03", "08006", "08003", "08000", "08001":
                    return .unreachable(location: location, detail: message)
                case "53100":
                    return .server(
                        location: location, code: .sqlState(state), detail: "the server's disk is full: \(message)")
                default:
                    return .server(location: location, code: .sqlState(state), detail: "\(message) (SQLSTATE \(state))")
                }
            }
        }

        /// A connection libpq could not open, told by its message (libpq reports no SQLSTATE
        /// for a refused connection).
        private static func refusal(_ message: String, url: PostgresURL) -> StoreError {
            let location = url.redacted
            let line = firstLine(message)
            let lowered = message.lowercased()
            if lowered.contains("password authentication failed") || lowered.contains("no password supplied")
                || lowered.contains("authentication failed")
                || (lowered.contains("role") && lowered.contains("does not exist"))
            {
                return .authenticationFailed(location: location, detail: line)
            }
            if lowered.contains("database") && lowered.contains("does not exist") {
                return .noSuchDatabase(location: location, database: url.database)
            }
            if lowered.contains("server does not support ssl") {
                return .unreachable(
                    location: location, detail: "the server does not accept TLS; use sslmode=disable or prefer")
            }
            return .unreachable(location: location, detail: line)
        }

        /// libpq's message on one line (`FATAL:` prefixes dropped); it never holds the password.
        private static func firstLine(_ message: String) -> String {
            let lines = message.split(whereSeparator: \.isNewline).map { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("FATAL:")
                    ? String(trimmed.dropFirst(6)).trimmingCharacters(in: .whitespaces) : trimmed
            }
            let text = lines.filter { !$0.isEmpty }.joined(separator: " ")
            return text.isEmpty ? "connection failed" : text
        }
    }
#endif
