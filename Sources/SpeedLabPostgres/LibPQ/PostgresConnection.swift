#if PostgreSQLStore
    import CLibPQ
    import Foundation

    #if canImport(Glibc)
        import Glibc
    #endif

    /// One connection to a PostgreSQL server through libpq, PostgreSQL's own C client: connect,
    /// run a statement with typed parameters and binary results, stream `COPY … FROM STDIN`.
    ///
    /// Every wait for the server is a `poll` of the connection's socket with a deadline, so no
    /// call waits longer than `answerTimeoutSeconds` for a server that stopped answering without
    /// closing the connection; the connection is then closed and every later call fails at once.
    final class PostgresConnection: @unchecked Sendable {
        // @unchecked: the PGconn pointer is used only while `lock` is held (libpq connections
        // are not thread-safe; one connection serves one statement at a time), and `closed` is
        // read and written under the same lock.
        private let lock = NSLock()
        private var connection: OpaquePointer?
        private var closed = false
        let answerTimeoutSeconds: Double

        /// What a statement's answer held.
        struct Answer: Sendable {
            var rows: [PostgresRow] = []
            /// Rows the statement inserted, updated or deleted.
            var affectedRows = 0
        }

        /// Connects (waiting at most the URL's connect timeout).
        init(url: PostgresURL, answerTimeoutSeconds: Double) throws(PostgresFailure) {
            self.answerTimeoutSeconds = answerTimeoutSeconds
            var settings: [(String, String)] = [
                ("host", url.host), ("port", String(url.port)), ("dbname", url.database), ("user", url.user),
                ("sslmode", url.sslMode.rawValue), ("connect_timeout", String(url.connectTimeoutSeconds)),
                ("application_name", "speedlab"), ("client_encoding", "UTF8"), ("keepalives", "1"),
                ("keepalives_idle", "10"), ("keepalives_interval", "5"), ("keepalives_count", "3"),
                ("tcp_user_timeout", String(Int(min(answerTimeoutSeconds * 1000, 2_000_000_000)))),
            ]
            if let password = url.password { settings.append(("password", password)) }
            if let root = url.sslRootCertificate ?? Self.systemRoots(for: url) {
                settings.append(("sslrootcert", root))
            }
            let keywords = settings.map { strdup($0.0) } + [nil]
            let values = settings.map { strdup($0.1) } + [nil]
            defer {
                for pointer in keywords + values { free(pointer) }
            }
            let opened = keywords.map { UnsafePointer($0) }.withUnsafeBufferPointer { keys in
                values.map { UnsafePointer($0) }.withUnsafeBufferPointer { vals in
                    PQconnectdbParams(keys.baseAddress, vals.baseAddress, 0)
                }
            }
            guard let opened else { throw .connection("libpq could not allocate a connection") }
            guard PQstatus(opened) == CONNECTION_OK else {
                let message = Self.text(PQerrorMessage(opened))
                PQfinish(opened)
                throw .refused(message)
            }
            connection = opened
        }

        /// For `verify-full` with no certificate named anywhere (`sslrootcert=`, `PGSSLROOTCERT`,
        /// `~/.postgresql/root.crt`): the system's bundle of trusted roots, so a server with a
        /// certificate from a public authority is verified as a browser would.
        private static func systemRoots(for url: PostgresURL) -> String? {
            guard url.sslMode == .verifyFull, ProcessInfo.processInfo.environment["PGSSLROOTCERT"] == nil else {
                return nil
            }
            let own = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".postgresql/root.crt")
            guard !FileManager.default.fileExists(atPath: own.path) else { return nil }
            return ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"].first {
                FileManager.default.fileExists(atPath: $0)
            }
        }

        deinit {
            if let connection { PQfinish(connection) }
        }

        /// Whether the connection is gone (closed here, by the server or by a timeout).
        var isClosed: Bool {
            lock.withLock { closed || connection.map { PQstatus($0) != CONNECTION_OK } ?? true }
        }

        /// Closes the connection; later calls fail at once.
        func close() {
            lock.withLock {
                if let connection { PQfinish(connection) }
                connection = nil
                closed = true
            }
        }

        /// Runs `query` and returns its rows (binary) and the rows it changed.
        @discardableResult
        func run(_ query: PostgresQuery) throws(PostgresFailure) -> Answer {
            lock.lock()
            defer { lock.unlock() }
            let connection = try open()
            let sent = Self.send(query, on: connection)
            guard sent == 1 else { throw lost(connection) }
            return try answer(connection)
        }

        /// Runs `COPY … FROM STDIN` with `bytes` as its data, in the current transaction.
        func copy(_ statement: String, bytes: [UInt8]) throws(PostgresFailure) {
            lock.lock()
            defer { lock.unlock() }
            let connection = try open()
            guard PQsendQuery(connection, statement) == 1 else { throw lost(connection) }
            guard let started = try nextResult(connection) else { throw .connection("COPY did not start") }
            let status = PQresultStatus(started)
            guard status == PGRES_COPY_IN else {
                let failure = Self.failure(of: started)
                PQclear(started)
                _ = try? answer(connection)
                throw failure ?? .connection("COPY did not start")
            }
            PQclear(started)
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + 256 * 1024)
                let written = bytes.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress!.advanced(by: start).withMemoryRebound(to: CChar.self, capacity: end - start) {
                        PQputCopyData(connection, $0, Int32(end - start))
                    }
                }
                guard written == 1 else { throw lost(connection) }
                start = end
            }
            guard PQputCopyEnd(connection, nil) == 1 else { throw lost(connection) }
            try answer(connection)
        }

        private func open() throws(PostgresFailure) -> OpaquePointer {
            guard !closed, let connection, PQstatus(connection) == CONNECTION_OK else {
                throw .connection("the server closed the connection")
            }
            return connection
        }

        /// The failure of a connection that could not send or receive: it is closed for good.
        private func lost(_ connection: OpaquePointer) -> PostgresFailure {
            let message = Self.text(PQerrorMessage(connection))
            PQfinish(connection)
            self.connection = nil
            closed = true
            return .connection(message.isEmpty ? "the server closed the connection" : message)
        }

        /// Sends `query` with its parameters as text and asks for binary results.
        private static func send(_ query: PostgresQuery, on connection: OpaquePointer) -> Int32 {
            let values = query.values.map { $0.map { strdup($0) } ?? nil }
            defer { for value in values { free(value) } }
            return query.types.withUnsafeBufferPointer { types in
                values.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
                    PQsendQueryParams(
                        connection, query.sql, Int32(query.values.count), types.baseAddress, values.baseAddress, nil,
                        nil, 1)
                }
            }
        }

        /// Waits for every result of the statement sent, failing with the first error.
        @discardableResult
        private func answer(_ connection: OpaquePointer) throws(PostgresFailure) -> Answer {
            var answer = Answer()
            var failure: PostgresFailure?
            while let result = try nextResult(connection) {
                defer { PQclear(result) }
                if failure == nil, let error = Self.failure(of: result) { failure = error }
                if PQresultStatus(result) == PGRES_TUPLES_OK { answer.rows += Self.rows(of: result) }
                if let count = Int(Self.text(PQcmdTuples(result))) { answer.affectedRows += count }
            }
            if let failure { throw failure }
            return answer
        }

        /// The next result once it has fully arrived, or nil when the statement is done; waits at
        /// most the answer timeout, then closes the connection.
        private func nextResult(_ connection: OpaquePointer) throws(PostgresFailure) -> OpaquePointer? {
            let deadline = ContinuousClock.now.advanced(by: .seconds(answerTimeoutSeconds))
            let socket = PQsocket(connection)
            while PQisBusy(connection) == 1 {
                let left = ContinuousClock.now.duration(to: deadline)
                guard left > .zero else {
                    PQfinish(connection)
                    self.connection = nil
                    closed = true
                    throw .timeout(answerTimeoutSeconds)
                }
                var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(min(left.components.seconds * 1000 + 1, 1000))
                if poll(&poller, 1, milliseconds) < 0, errno != EINTR { throw lost(connection) }
                guard PQconsumeInput(connection) == 1 else { throw lost(connection) }
            }
            return PQgetResult(connection)
        }

        /// `PG_DIAG_SQLSTATE` and `PG_DIAG_MESSAGE_PRIMARY` of `postgres_ext.h`: character-literal
        /// macros, which Swift does not import.
        private static let diagnosticSQLState = Int32(UInt8(ascii: "C"))
        private static let diagnosticMessage = Int32(UInt8(ascii: "M"))

        /// The server's error in `result`, or nil when it succeeded.
        private static func failure(of result: OpaquePointer) -> PostgresFailure? {
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_EMPTY_QUERY:
                return nil
            default:
                let state = text(PQresultErrorField(result, Self.diagnosticSQLState))
                let message = text(PQresultErrorField(result, Self.diagnosticMessage))
                if state.isEmpty {
                    return .connection(message.isEmpty ? text(PQresultErrorMessage(result)) : message)
                }
                return .server(sqlState: state, message: message)
            }
        }

        /// Every row of `result`, each cell's binary value copied out.
        private static func rows(of result: OpaquePointer) -> [PostgresRow] {
            let count = PQntuples(result)
            let fields = PQnfields(result)
            let names = (0..<fields).map { text(PQfname(result, $0)) }
            let types = (0..<fields).map { UInt32(PQftype(result, $0)) }
            var rows: [PostgresRow] = []
            rows.reserveCapacity(Int(count))
            for row in 0..<count {
                var cells: [PostgresRow.Cell] = []
                cells.reserveCapacity(Int(fields))
                for field in 0..<fields {
                    var bytes: [UInt8]?
                    if PQgetisnull(result, row, field) == 0 {
                        let length = Int(PQgetlength(result, row, field))
                        bytes =
                            PQgetvalue(result, row, field).map { value in
                                value.withMemoryRebound(to: UInt8.self, capacity: length) {
                                    Array(UnsafeBufferPointer(start: $0, count: length))
                                }
                            } ?? []
                    }
                    cells.append(PostgresRow.Cell(columnName: names[Int(field)], type: types[Int(field)], bytes: bytes))
                }
                rows.append(PostgresRow(cells: cells))
            }
            return rows
        }

        private static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
            guard let pointer else { return "" }
            return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Why a libpq call failed.
    enum PostgresFailure: Error, Sendable, CustomStringConvertible {
        /// The server refused the connection, or could not be reached (libpq's message).
        case refused(String)
        /// The connection broke or closed.
        case connection(String)
        /// The server reported an error.
        case server(sqlState: String, message: String)
        /// The server did not answer within the answer timeout.
        case timeout(Double)

        var description: String {
            switch self {
            case .refused(let message), .connection(let message): message
            case .server(let state, let message): "\(message) (SQLSTATE \(state))"
            case .timeout(let seconds): "no answer within \(HumanSeconds.text(seconds)) (SPEEDLAB_DB_TIMEOUT)"
            }
        }
    }
#endif
