#if HTTPTransport
    import NIOCore
    import NIOPosix
    import SpeedLabConcurrency
    import SpeedLabCore
    import SpeedLabScenarios
    import Synchronization

    /// `client: nio`, the default: SpeedLab's lean HTTP/1.1 client of `speedlab services` on
    /// SwiftNIO alone. Keep-alive connections, one ``ConnectionPool`` of at most `connections`
    /// of them per pool size, all on one event loop; each request's head is built from the
    /// call's target and one shared `host` header, its body is counted and dropped, and the
    /// waiting task is resumed from the connection's handler the moment the last byte arrives.
    ///
    /// Pools are made on first use and kept for the whole run; ``shutdown()`` closes them.
    public final class HTTPServiceClient: HTTPFetching {
        /// `http://host:port` of the services.
        public let baseURL: String
        private let group: any EventLoopGroup
        private let loop: any EventLoop
        private let loopExecutor: EventLoopTaskExecutor
        private let ownsGroup: Bool
        private let pools = Mutex<[Int: ConnectionPool]>([:])
        /// Resolved on first use: an unreachable host fails the first request, not the init.
        private let address = Mutex<Result<ServiceAddress, TransportError>?>(nil)

        /// The longest a request may take before the client gives up on its own, beyond its
        /// answer delay: nothing waits forever on services that stopped answering.
        static let deadlineSlack = TimeAmount.seconds(30)

        /// A client of the services at `baseURL`, on one event loop of `group`, or on an event
        /// loop of its own: one loop for every connection keeps a request's hops between
        /// threads to the two it cannot avoid (the caller's executor and the loop).
        public init(baseURL: String, group: (any EventLoopGroup)? = nil) {
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.group = group ?? MultiThreadedEventLoopGroup(numberOfThreads: 1)
            loop = self.group.next()
            loopExecutor = EventLoopTaskExecutor(loop: loop)
            ownsGroup = group == nil
        }

        /// The event loop every connection of this client lives on, as a task executor: the
        /// event loop of scenarios over http (see ``HTTPFetching/eventLoop``).
        public var eventLoop: (any TaskExecutor)? { loopExecutor }

        /// The pool that holds at most `connections` connections.
        func pool(connections: Int) throws(TransportError) -> ConnectionPool {
            let resolved = address.withLock { address in
                if let address { return address }
                let result = Result { () throws(TransportError) in try ServiceAddress(baseURL: baseURL) }
                address = result
                return result
            }
            let address = try resolved.get()
            return pools.withLock { pools in
                if let pool = pools[connections] { return pool }
                let pool = ConnectionPool(limit: connections, address: address, loop: loop)
                pools[connections] = pool
                return pool
            }
        }

        @discardableResult
        public func fetch(_ call: ServiceCall, connections: Int, context: ScenarioContext) async throws -> CallTiming {
            let answer: ServiceAnswer
            let start = ContinuousClock.now
            do {
                answer = try await send(.call(call), connections: connections, call: call)
            } catch let error as TransportError {
                context.fetches.update { $0.connectionErrors += 1 }
                throw error
            }
            return try answer.account(for: call, start: start, baseURL: baseURL, context: context)
        }

        /// Sends a GET for `target` through the pool of `connections`; a broken transport
        /// becomes ``TransportError``, cancellation of the waiting task cancels the request
        /// (closing its connection if it was sent).
        func send(_ target: PendingRequest.Target, connections: Int, call: ServiceCall?) async throws -> ServiceAnswer {
            let pool: ConnectionPool
            do { pool = try self.pool(connections: connections) } catch {
                throw TransportError("the services at \(baseURL) cannot be reached: \(error)")
            }
            let delay = Int64(call?.answerDelayNanos.rounded() ?? 0)
            let request = PendingRequest(
                target: target, bodyLimit: ServiceAnswer.bodyLimit(for: call),
                timeLimit: .nanoseconds(delay) + Self.deadlineSlack)
            do {
                return try await withTaskCancellationHandler {
                    try await withUnsafeThrowingContinuation { continuation in
                        if request.install(continuation) { pool.lease(request) }
                    }
                } onCancel: {
                    request.cancel()
                }
            } catch let error as TransportError {
                throw TransportError("the services at \(baseURL) did not answer: \(error)")
            }
        }

        /// Whether `target` can be sent as it is: a path from `/` of visible ASCII only, so no
        /// space, line end or control byte can split or extend the request written around it.
        static func isRequestTarget(_ target: String) -> Bool {
            func visible(_ bytes: some Collection<UInt8>) -> Bool {
                bytes.first == UInt8(ascii: "/") && bytes.allSatisfy { (0x21...0x7E).contains($0) }
            }
            return target.utf8.withContiguousStorageIfAvailable { visible($0) } ?? visible(target.utf8)
        }

        /// Sends `target` on the smallest pool and returns the status and body length.
        public func get(_ target: String) async throws -> (status: Int, bodyBytes: Int) {
            // A call's target is built by ServiceRoute and safe as it is; one given here is checked.
            guard Self.isRequestTarget(target) else {
                throw TransportError("\(target.debugDescription) is not a request target (a path and a query)")
            }
            let answer = try await send(.path(target), connections: 1, call: nil)
            return (answer.status, answer.bodyBytes)
        }

        /// Closes every pool (and its connections).
        public func shutdown() async {
            let all = pools.withLock { pools in
                defer { pools = [:] }
                return Array(pools.values)
            }
            for pool in all { pool.shutdown() }
            loopExecutor.close()
            if ownsGroup { try? await group.shutdownGracefully() }
        }
    }
#endif
