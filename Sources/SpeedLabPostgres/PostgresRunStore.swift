#if PostgreSQLStore
    import Dispatch
    import Foundation
    import Logging
    import NIOConcurrencyHelpers
    import NIOCore
    import NIOPosix
    import NIOSSL
    import PostgresNIO
    import SpeedLabCore
    import SpeedLabMigrations
    import SpeedLabStore

    /// The runs of a team kept on a PostgreSQL server: the same tables, the same answers as the
    /// SQLite file, so many machines write one history.
    ///
    /// One connection per process, from postgres-nio's event loops; the store's calls are
    /// synchronous like the SQLite store's and wait for the server on the calling thread (never an
    /// event loop thread), one transaction at a time. Opening it applies `migrations/postgres/`
    /// under an advisory lock, so processes that open a new database at once migrate it once.
    public final class PostgresRunStore: Sendable {
        /// The server and database, without the password.
        public let location: String
        let url: PostgresURL
        let connection: PostgresConnection
        /// How to open another connection (the second reader of a large run's samples).
        let configuration: PostgresConnection.Configuration
        /// How long one statement may wait for the server's answer: `SPEEDLAB_DB_TIMEOUT` seconds,
        /// else 300 (a round, a migration or a large run's import answers well within it).
        let answerTimeoutSeconds: Double = {
            guard let text = ProcessInfo.processInfo.environment["SPEEDLAB_DB_TIMEOUT"], let seconds = Double(text),
                seconds > 0, seconds.isFinite
            else { return 300 }
            return seconds
        }()
        /// Whether the server or the network closed ``connection``.
        let connectionClosed = NIOLockedValueBox(false)
        /// A second connection, opened the first time a large read is split in two.
        let secondReader = NIOLockedValueBox<PostgresConnection?>(nil)
        /// Serialises transactions on the one connection (a heartbeat may come from another task).
        let lock = NIOLock()
        let logger = Logger(label: "speedlab.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

        /// Connects to `url` (waiting at most its connect timeout) and brings its schema up to date,
        /// refusing a database migrated by a newer SpeedLab.
        public init(url: PostgresURL) throws(StoreError) {
            self.url = url
            location = url.redacted
            let tls: PostgresConnection.Configuration.TLS
            do {
                switch url.sslMode {
                case .disable:
                    tls = .disable
                case .prefer, .require:
                    var configuration = TLSConfiguration.makeClientConfiguration()
                    configuration.certificateVerification = .none
                    let context = try NIOSSLContext(configuration: configuration)
                    tls = url.sslMode == .prefer ? .prefer(context) : .require(context)
                case .verifyFull:
                    tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
            } catch {
                throw .unreachable(location: url.redacted, detail: "cannot set up TLS: \(error)")
            }
            var configuration = PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
                tls: tls)
            configuration.options.connectTimeout = .seconds(Int64(url.connectTimeoutSeconds))
            self.configuration = configuration
            let logger = logger
            do {
                connection = try PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1,
                    logger: logger
                ).wait()
            } catch {
                throw Self.storeError(error, url: url)
            }
            let closed = connectionClosed
            connection.closeFuture.whenComplete { _ in closed.withLockedValue { $0 = true } }
            do {
                // A commit returns once the server has it, before its WAL reaches the disk: a crash
                // of the server's machine may lose the last fraction of a second of rounds, never
                // half of one (as SQLite's WAL with synchronous=NORMAL). A round costs no fsync.
                try execute("SET synchronous_commit = off")
                try PostgresMigrator(store: self).migrate(files: Migrations.postgres())
            } catch let error as StoreError {
                try? connection.close().wait()
                throw error
            } catch {
                try? connection.close().wait()
                throw .server(location: location, detail: "cannot read the bundled migrations: \(error)")
            }
        }

        /// The value of `future`, waited for on the calling thread; fails as soon as the connection
        /// has closed. (postgres-nio hands a statement to a channel that has just closed without
        /// ever completing its future: waiting for it alone would wait for ever.)
        func settled<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
            let done = DispatchSemaphore(value: 0)
            future.whenComplete { _ in done.signal() }
            try waitForAnswer(done)
            return try future.wait()
        }

        /// Waits for `done`, failing once the connection has closed, or when the server has not
        /// answered within ``answerTimeoutSeconds`` (a server that stopped without closing its
        /// connections: the connection is then closed, so nothing waits on it any more).
        func waitForAnswer(_ done: DispatchSemaphore) throws(StoreError) {
            let deadline = ContinuousClock.now.advanced(by: .seconds(answerTimeoutSeconds))
            while done.wait(timeout: .now() + .milliseconds(250)) == .timedOut {
                if connectionClosed.withLockedValue({ $0 }) {
                    throw .unreachable(location: location, detail: "the server closed the connection")
                }
                if ContinuousClock.now >= deadline {
                    let closing: EventLoopFuture<Void> = connection.close()
                    _ = closing
                    throw .unreachable(
                        location: location,
                        detail: "no answer within \(HumanSeconds.text(answerTimeoutSeconds)) (SPEEDLAB_DB_TIMEOUT)")
                }
            }
        }

        /// Runs one statement and returns its rows.
        @discardableResult
        func query(_ query: PostgresQuery) throws(StoreError) -> [PostgresRow] {
            do {
                return try settled(connection.query(query, logger: logger)).rows
            } catch {
                throw Self.storeError(error, url: url)
            }
        }

        /// Runs one statement and returns how many rows it changed.
        @discardableResult
        func execute(_ query: PostgresQuery) throws(StoreError) -> Int {
            do {
                return try settled(connection.query(query, logger: logger)).metadata.rows ?? 0
            } catch {
                throw Self.storeError(error, url: url)
            }
        }

        /// Runs two reads at once, on this connection and on a second one (opened once): the server
        /// works on both with a core each.
        func queryInParallel(_ first: PostgresQuery, _ second: PostgresQuery) throws(StoreError)
            -> ([PostgresRow], [PostgresRow])
        {
            do {
                let other = try secondReader.withLockedValue { reader in
                    if let reader { return reader }
                    let opened = try PostgresConnection.connect(
                        on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 2,
                        logger: logger
                    ).wait()
                    reader = opened
                    return opened
                }
                lock.lock()
                defer { lock.unlock() }
                let one = connection.query(first, logger: logger)
                let two = other.query(second, logger: logger)
                return (try settled(one).rows, try settled(two).rows)
            } catch {
                throw Self.storeError(error, url: url)
            }
        }

        /// Runs `body` in one transaction (committed when it returns, rolled back when it throws),
        /// alone on the connection.
        @discardableResult
        func transaction<T>(readOnly: Bool = false, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
            lock.lock()
            defer { lock.unlock() }
            // Not waited for: the body's first statement follows it on the same connection, and
            // fails if it failed. One round trip less per transaction.
            let begin: PostgresQuery = readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN"
            let begun = connection.query(begin, logger: logger)
            do throws(StoreError) {
                let result = try body()
                do { _ = try settled(begun) } catch { throw Self.storeError(error, url: url) }
                try execute("COMMIT")
                return result
            } catch {
                _ = try? settled(begun)
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
                throw .server(location: location, detail: "unexpected column type: \(String(reflecting: error))")
            }
        }

        /// Closes the connection.
        public func close() throws(StoreError) {
            if let reader = secondReader.withLockedValue({ $0 }) { try? reader.close().wait() }
            do { try connection.close().wait() } catch {
                // Already closed by the server: nothing is pending.
            }
        }

        deinit {
            // postgres-nio requires a connection closed before it goes away. Waited for unless the
            // last reference went away on the connection's own event loop (a wait there would
            // never end).
            for open in [connection] + (secondReader.withLockedValue { $0 }.map { [$0] } ?? []) {
                let closing: EventLoopFuture<Void> = open.close()
                if !open.eventLoop.inEventLoop { _ = try? closing.wait() }
            }
        }

        /// What a failure of postgres-nio means for a person, in one line without the password.
        static func storeError(_ error: any Error, url: PostgresURL) -> StoreError {
            let location = url.redacted
            if let error = error as? StoreError { return error }
            guard let error = error as? PSQLError else {
                return .unreachable(location: location, detail: "\(error)")
            }
            switch error.code {
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                let message = error.serverInfo?[.message] ?? "server error"
                switch state {
                case "28P01", "28000": return .authenticationFailed(location: location, detail: message)
                case "3D000": return .noSuchDatabase(location: location, database: url.database)
                case "57P01", "57P02", "57P03", "08006", "08003":
                    return .unreachable(location: location, detail: message)
                case "53100": return .server(location: location, detail: "the server's disk is full: \(message)")
                default: return .server(location: location, detail: "\(message) (SQLSTATE \(state))")
                }
            case .sslUnsupported:
                return .unreachable(
                    location: location, detail: "the server does not accept TLS; use sslmode=disable or prefer")
            case .authMechanismRequiresPassword:
                return .authenticationFailed(
                    location: location, detail: "the server asks for a password: put it in the URL or PGPASSWORD")
            case .saslError, .unsupportedAuthMechanism:
                return .authenticationFailed(location: location, detail: "\(error.code)")
            case .connectionError:
                let reason = error.underlying.map { "\($0)" } ?? "connection failed"
                return .unreachable(location: location, detail: reason)
            case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                return .unreachable(location: location, detail: "the server closed the connection")
            default:
                return .server(location: location, detail: "\(error.code)")
            }
        }
    }
#endif
