#if HTTPTransport
    import NIOCore
    import NIOPosix
    import SpeedLabScenarios
    import SpeedLabStreaming
    import Synchronization

    /// SpeedLab's streaming client of OpenAI-compatible servers: a POST per completion on
    /// keep-alive connections, all on one event loop, each answer read where it lies in the
    /// read buffer and every chunk stamped when its bytes arrive. `services` endpoints go to
    /// the run's own services at `servicesURL`.
    public final class CompletionClient: CompletionStreaming {
        private let servicesURL: String?
        private let group: any EventLoopGroup
        private let loop: any EventLoop
        private let loopExecutor: EventLoopTaskExecutor
        private let ownsGroup: Bool
        /// Pools by `host:port`, made on first use; a host that does not resolve is kept as its error.
        private let pools = Mutex<[String: Result<StreamConnectionPool, TransportError>]>([:])

        public init(servicesURL: String?, group: (any EventLoopGroup)? = nil) {
            self.servicesURL = servicesURL
            self.group = group ?? MultiThreadedEventLoopGroup(numberOfThreads: 1)
            loop = self.group.next()
            loopExecutor = EventLoopTaskExecutor(loop: loop)
            ownsGroup = group == nil
        }

        public var eventLoop: (any TaskExecutor)? { loopExecutor }

        /// Where `endpoint` is: its `host:port` (the host header) and path.
        private func target(of endpoint: LLMEndpoint) throws(TransportError) -> (
            authority: String, host: String, port: Int, path: String
        ) {
            switch endpoint {
            case .services(let path):
                guard let servicesURL else { throw TransportError("this run has no services") }
                let address = try ServiceAddress(baseURL: servicesURL)
                return (address.hostHeader, "", 0, path)
            case .server(let host, let port, let path, _):
                let shownHost = host.contains(":") ? "[\(host)]" : host
                return (port == 80 ? shownHost : "\(shownHost):\(port)", host, port, path)
            }
        }

        private func pool(for endpoint: LLMEndpoint) throws(TransportError) -> (StreamConnectionPool, String, String) {
            let target = try self.target(of: endpoint)
            let result = pools.withLock { pools -> Result<StreamConnectionPool, TransportError> in
                if let pool = pools[target.authority] { return pool }
                let made = Result { () throws(TransportError) -> StreamConnectionPool in
                    let address: SocketAddress
                    if case .services = endpoint {
                        address = try ServiceAddress(baseURL: servicesURL ?? "").socketAddress
                    } else {
                        do {
                            address = try SocketAddress.makeAddressResolvingHost(target.host, port: target.port)
                        } catch {
                            throw TransportError("cannot resolve \(target.host): \(error)")
                        }
                    }
                    return StreamConnectionPool(address: address, loop: loop)
                }
                pools[target.authority] = made
                return made
            }
            return (try result.get(), target.authority, target.path)
        }

        public func complete(_ call: CompletionCall) async throws -> StreamTiming {
            let pool: StreamConnectionPool
            let exchange: StreamExchange
            do {
                let (found, authority, path) = try self.pool(for: call.endpoint)
                pool = found
                exchange = StreamExchange(call: call, hostHeader: authority, path: path)
            } catch {
                var timing = StreamTiming(sent: .now)
                timing.error = error.description
                return timing
            }
            return try await withTaskCancellationHandler {
                try await withUnsafeThrowingContinuation { continuation in
                    if exchange.install(continuation) { pool.lease(exchange) }
                }
            } onCancel: {
                exchange.cancel()
            }
        }

        /// Closes every connection and the client's event loop (when it made it).
        public func shutdown() async {
            let all = pools.withLock { pools in
                defer { pools = [:] }
                return pools.values.compactMap { try? $0.get() }
            }
            for pool in all { pool.shutdown() }
            loopExecutor.close()
            if ownsGroup { try? await group.shutdownGracefully() }
        }
    }
#endif
