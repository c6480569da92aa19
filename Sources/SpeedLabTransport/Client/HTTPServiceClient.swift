#if HTTPTransport
    import AsyncHTTPClient
    import NIOCore
    import NIOHTTP1
    import NIOPosix
    import SpeedLabConcurrency
    import SpeedLabCore
    import SpeedLabScenarios
    import Synchronization

    /// The real transport: sends service calls to `speedlab services` through
    /// async-http-client, keep-alive, one client per pool size so that a point's
    /// `connections` caps the connections (and so the requests) it has open at once.
    ///
    /// Clients are made on first use and kept for the whole run; ``shutdown()`` closes them.
    public final class HTTPServiceClient: HTTPFetching {
        /// `http://host:port` of the services.
        public let baseURL: String
        private let group: any EventLoopGroup
        private let clients = Mutex<[Int: HTTPClient]>([:])
        /// The longest a request may take before the client gives up on its own, beyond its
        /// answer delay: nothing waits forever on services that stopped answering.
        static let deadlineSlack = TimeAmount.seconds(30)

        /// The most body read from an answer other than a call's own body (health, statistics,
        /// an error page): enough for what the services send, never a flood.
        static let errorBodyLimit = 65_536

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
                let client = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: configuration)
                clients[connections] = client
                return client
            }
        }

        public func fetch(_ call: ServiceCall, connections: Int, context: ScenarioContext) async throws {
            let answer: CallResponseDelegate.Answer
            let start = ContinuousClock.now
            do {
                answer = try await send(ServiceRoute.target(of: call), connections: connections, call: call)
            } catch let error as TransportError {
                context.fetches.update { $0.connectionErrors += 1 }
                throw error
            }
            context.fetches.update { counters in
                counters.requests += 1
                counters.bodyBytes += answer.bodyBytes
                if answer.connectionRequest == 1 { counters.connectionsOpened += 1 }
                if answer.status != 200 { counters.httpErrors += 1 }
            }
            if let tracer = context.tracer, let sent = answer.sentHead {  // the wait for one of the pool's connections
                tracer.record(
                    .permit, item: call.query, service: call.service, attempt: call.attempt, outcome: "connection",
                    from: tracer.nanos(at: start), to: tracer.nanos(at: sent))
            }
            let late = answer.completed.duration(to: .now).components
            context.lateness.record(nanos: late.seconds * 1_000_000_000 + late.attoseconds / 1_000_000_000)
            if let wrong = Self.wrongAnswer(answer, to: call) {
                throw TransportError(
                    "the services at \(baseURL) gave a wrong answer to service \(call.service), query \(call.query), "
                        + "attempt \(call.attempt): \(wrong); the point's timings would not be of this workload")
            }
            guard answer.status == 200 else { throw ServiceFailure(call, status: answer.status) }
        }

        /// Why `answer` is not what SpeedLab's services send for `call`, or nil when it is: the
        /// status the seeded draw gives (503 for a drawn failure, else 200), the call's own
        /// `x-speedlab-call` tag, and a body of exactly `responseBytes` bytes with 200.
        static func wrongAnswer(_ answer: CallResponseDelegate.Answer, to call: ServiceCall) -> String? {
            let expectedStatus = call.draw == .fail ? 503 : 200
            guard answer.status == expectedStatus else {
                return "HTTP \(answer.status) where its seeded draw gives \(expectedStatus)"
            }
            let tag = ServiceRoute.tag(of: call)
            guard answer.answeredCall == tag else {
                return answer.answeredCall.map { "it answers call \($0.prefix(80)), not \(tag)" }
                    ?? "it does not say which call it answers (no \(ServiceRoute.callHeader) header)"
            }
            if answer.status == 200, answer.bodyBytes != call.responseBytes {
                return "a body of \(answer.bodyBytes) bytes where response_bytes is \(call.responseBytes)"
            }
            return nil
        }

        /// Sends a GET for `target`; a broken transport becomes ``TransportError`` (counted in
        /// `context`), cancellation of the waiting task cancels the request.
        func send(_ target: String, connections: Int, call: ServiceCall?) async throws -> CallResponseDelegate.Answer {
            let url = baseURL + target
            let request: HTTPClient.Request
            do { request = try HTTPClient.Request(url: url, method: .GET) } catch {
                throw TransportError("cannot request \(url): \(error)")
            }
            let delay = Int64(call?.answerDelayNanos.rounded() ?? 0)
            let limit = max(call?.responseBytes ?? 0, Self.errorBodyLimit)
            let task = client(connections: connections).execute(
                request: request, delegate: CallResponseDelegate(bodyLimit: limit),
                deadline: .now() + .nanoseconds(delay) + Self.deadlineSlack)
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

        /// Sends `target` on the smallest pool and returns the status and body.
        public func get(_ target: String) async throws -> (status: Int, bodyBytes: Int) {
            let answer = try await send(target, connections: 1, call: nil)
            return (answer.status, answer.bodyBytes)
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
