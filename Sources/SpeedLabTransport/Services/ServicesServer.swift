#if HTTPTransport
    import NIOCore
    import NIOPosix
    import SpeedLabCore

    /// `speedlab services`: an HTTP/1.1 server on SwiftNIO that answers each `/call` request
    /// as the seeded schedule says (after the latency, 503 after the latency, or after 10 ×
    /// latency for a hang), with `/health` and `/stats` beside it, and OpenAI-compatible
    /// `/v1/chat/completions` and `/v1/completions` answered on a seeded model's schedule
    /// (``CompletionSchedule``), whose streams share one capacity across the server.
    ///
    /// Every delay is a timer on the connection's event loop: a held request costs a scheduled
    /// callback (no allocation), never a thread. Keep-alive connections are served in order,
    /// pipelined requests included.
    public final class ServicesServer: Sendable {
        /// `http://host:port`, with the port the system chose for port 0.
        public let address: String
        public let statistics: ServicesStatistics
        private let group: MultiThreadedEventLoopGroup
        private let channel: any Channel

        private init(
            address: String, statistics: ServicesStatistics, group: MultiThreadedEventLoopGroup, channel: any Channel
        ) {
            self.address = address
            self.statistics = statistics
            self.group = group
            self.channel = channel
        }

        /// Binds `host:port` (0: any free port) and starts serving on `threads` event loops.
        public static func start(host: String = "127.0.0.1", port: Int = 0, threads: Int = System.coreCount)
            async throws -> ServicesServer
        {
            OpenFileLimit.raise()  // a descriptor per connection
            let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
            let statistics = ServicesStatistics()
            let load = CompletionLoad()
            let bootstrap = ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 4096)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    statistics.connectionAccepted()
                    return channel.eventLoop.makeCompletedFuture {
                        // The handler reads the requests from the bytes and writes finished
                        // answers itself, keeping pipelined ones in order.
                        try channel.pipeline.syncOperations.addHandler(
                            ServiceRequestHandler(statistics: statistics, load: load))
                    }
                }
            let channel: any Channel
            do {
                channel = try await bootstrap.bind(host: host, port: port).get()
            } catch {
                try? await group.shutdownGracefully()
                throw error
            }
            let boundPort = channel.localAddress?.port ?? port
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return ServicesServer(
                address: "http://\(shownHost):\(boundPort)", statistics: statistics, group: group, channel: channel)
        }

        /// Completes when the server's socket closes.
        public func waitUntilClosed() async throws {
            try await channel.closeFuture.get()
        }

        /// Stops accepting, drops open connections and stops the event loops.
        public func shutdown() async {
            try? await channel.close()
            try? await group.shutdownGracefully()
        }
    }
#endif
