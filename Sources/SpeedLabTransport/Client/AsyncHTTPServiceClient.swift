#if AsyncHTTPClient
    import AsyncHTTPClient
    import NIOCore
    import NIOHTTP1
    import NIOPosix
    import SpeedLabConcurrency
    import SpeedLabCore
    import SpeedLabScenarios
    import Synchronization

    /// `client: async-http-client`: sends service calls to `speedlab services` through
    /// async-http-client, keep-alive, one client per pool size so that a point's
    /// `connections` caps the connections (and so the requests) it has open at once. It is
    /// given the library's cheap settings (HTTP/1 only, no redirects, no decompression, no
    /// tracer) so that it is measured at its best beside ``HTTPServiceClient``.
    ///
    /// Clients are made on first use and kept for the whole run; ``shutdown()`` closes them.
    public final class AsyncHTTPServiceClient: HTTPFetching {
        /// `http://host:port` of the services.
        public let baseURL: String
        private let group: any EventLoopGroup
        private let clients = Mutex<[Int: HTTPClient]>([:])

        /// Whether ``shutdown()`` stops `group` (the client made it).
        private let ownsGroup: Bool

        /// A client of the services at `baseURL`, on `group`, or on an event loop of its own:
        /// one loop for every connection keeps a request's hops between threads to the two
        /// it cannot avoid (the caller's executor and the loop).
        public init(baseURL: String, group: (any EventLoopGroup)? = nil) {
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.group = group ?? MultiThreadedEventLoopGroup(numberOfThreads: 1)
            ownsGroup = group == nil
        }

        /// The client whose pool holds at most `connections` connections.
        func client(connections: Int) -> HTTPClient {
            clients.withLock { clients in
                if let client = clients[connections] { return client }
                var configuration = HTTPClient.Configuration()
                configuration.httpVersion = .http1Only
                configuration.connectionPool = .init(
                    idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
                configuration.timeout = .init(connect: .seconds(5))
                configuration.redirectConfiguration = .disallow
                configuration.decompression = .disabled
                configuration.tracing.tracer = nil  // no spans for the process-wide tracer, bootstrapped or not
                let client = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: configuration)
                clients[connections] = client
                return client
            }
        }

        @discardableResult
        public func fetch(_ call: ServiceCall, connections: Int, context: ScenarioContext) async throws -> CallTiming {
            let answer: ServiceAnswer
            let start = ContinuousClock.now
            do {
                answer = try await send(ServiceRoute.target(of: call), connections: connections, call: call)
            } catch let error as TransportError {
                context.fetches.update { $0.connectionErrors += 1 }
                throw error
            }
            return try answer.account(for: call, start: start, baseURL: baseURL, context: context)
        }

        /// Sends a GET for `target`; a broken transport becomes ``TransportError``,
        /// cancellation of the waiting task cancels the request.
        func send(_ target: String, connections: Int, call: ServiceCall?) async throws -> ServiceAnswer {
            let url = baseURL + target
            let request: HTTPClient.Request
            do { request = try HTTPClient.Request(url: url, method: .GET) } catch {
                throw TransportError("cannot request \(url): \(error)")
            }
            let delay = Int64(call?.answerDelayNanos.rounded() ?? 0)
            let task = client(connections: connections).execute(
                request: request, delegate: CallResponseDelegate(bodyLimit: ServiceAnswer.bodyLimit(for: call)),
                deadline: .now() + .nanoseconds(delay) + HTTPServiceClient.deadlineSlack)
            do {
                return try await withTaskCancellationHandler {
                    try await task.futureResult.get()
                } onCancel: {
                    task.cancel()
                }
            } catch {
                if Task.isCancelled { throw CancellationError() }
                throw TransportError("the services at \(baseURL) did not answer: \(error)")
            }
        }

        /// Closes every client (and its connections).
        public func shutdown() async {
            let all = clients.withLock { clients in
                defer { clients = [:] }
                return Array(clients.values)
            }
            for client in all { try? await client.shutdown() }
            if ownsGroup { try? await group.shutdownGracefully() }
        }
    }
#endif
