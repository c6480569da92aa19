#if HTTPTransport
    import NIOCore
    import NIOPosix
    import Synchronization

    /// The keep-alive connections to one server of the streaming client, on one event loop,
    /// and the requests waiting for one: a request takes an idle connection or opens one (the
    /// llm scenario keeps at most its concurrency in flight, so connections never outnumber it).
    final class StreamConnectionPool: Sendable {
        private let address: SocketAddress
        private let loop: any EventLoop

        private struct State {
            var idle: [StreamConnection] = []
            var waiters = CircularBuffer<StreamExchange>()
            var shutDown = false
        }

        private let state = Mutex(State())

        init(address: SocketAddress, loop: any EventLoop) {
            self.address = address
            self.loop = loop
        }

        /// Sends `exchange` on an idle connection, or opens a connection for it.
        func lease(_ exchange: StreamExchange) {
            enum Next {
                case send(StreamConnection)
                case connect
                case refuse
            }
            let next = state.withLock { state -> Next in
                if state.shutDown { return .refuse }
                if let connection = state.idle.popLast() { return .send(connection) }
                state.waiters.append(exchange)
                return .connect
            }
            switch next {
            case .send(let connection): connection.start(exchange)
            case .connect: connect()
            case .refuse: exchange.refuse("the client is shut down")
            }
        }

        func connected(_ connection: StreamConnection) {
            release(connection)
        }

        /// `connection` is free: it serves the oldest request still waiting, or waits idle.
        func release(_ connection: StreamConnection) {
            let next = state.withLock { state -> StreamExchange? in
                while let waiter = state.waiters.popFirst() {
                    if waiter.isWaiting { return waiter }
                }
                if !state.shutDown { state.idle.append(connection) }
                return nil
            }
            if let next { connection.start(next) }
        }

        func closed(_ connection: StreamConnection) {
            state.withLock { state in state.idle.removeAll { $0 === connection } }
        }

        private func connect() {
            let pool = self
            ClientBootstrap(group: loop)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .connectTimeout(.seconds(5))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(StreamConnectionHandler(pool: pool))
                    }
                }
                .connect(to: address)
                .whenFailure { error in pool.connectionFailed(error) }
        }

        /// A connection could not be opened: the oldest waiting request fails with why.
        private func connectionFailed(_ error: any Error) {
            let failed = state.withLock { state -> StreamExchange? in
                while let waiter = state.waiters.popFirst() {
                    if waiter.isWaiting { return waiter }
                }
                return nil
            }
            failed?.refuse("cannot connect to \(address): \(ConnectionPool.explained(error))")
        }

        func shutdown() {
            let waiters = state.withLock { state -> [StreamExchange] in
                state.shutDown = true
                state.idle = []
                defer { state.waiters.removeAll() }
                return Array(state.waiters)
            }
            for waiter in waiters { waiter.refuse("the client is shut down") }
        }
    }
#endif
