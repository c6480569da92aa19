#if HTTPTransport
    import NIOCore
    import NIOPosix
    import SpeedLabCore
    import SpeedLabScenarios
    import Synchronization

    /// At most `limit` keep-alive connections to the services, all on one event loop, and the
    /// requests waiting for one of them, first come first served. A request takes an idle
    /// connection, or opens one while fewer than `limit` are open or opening, or waits; a
    /// connection whose answer arrived goes to the oldest waiting request still waiting, on
    /// its event loop, without a hop. Connections are never more than `limit`, so a pool
    /// smaller than the concurrency is a semaphore.
    final class ConnectionPool: Sendable {
        let limit: Int
        private let address: ServiceAddress
        private let loop: any EventLoop

        private struct State {
            var idle: [ServiceConnection] = []
            /// Open connections and those being opened.
            var open = 0
            var waiters = CircularBuffer<PendingRequest>()
            var shutDown = false
        }

        private let state = Mutex(State())

        init(limit: Int, address: ServiceAddress, loop: any EventLoop) {
            self.limit = limit
            self.address = address
            self.loop = loop
        }

        /// Sends `request` on an idle connection, or queues it (opening a connection if the
        /// pool may have one more).
        func lease(_ request: PendingRequest) {
            enum Next {
                case send(ServiceConnection)
                case connect
                case wait
                case refuse
            }
            let next = state.withLock { state -> Next in
                if state.shutDown { return .refuse }
                if let connection = state.idle.popLast() { return .send(connection) }
                state.waiters.append(request)
                guard state.open < limit else { return .wait }
                state.open += 1
                return .connect
            }
            switch next {
            case .send(let connection): connection.start(request)
            case .connect: connect()
            case .wait: break
            case .refuse: request.finish(.failure(TransportError("the client is shut down")))
            }
        }

        /// A new connection is up: it serves the oldest waiter, or waits idle.
        func connected(_ connection: ServiceConnection) {
            release(connection)
        }

        /// `connection` finished its request: it serves the oldest request still waiting, or
        /// waits idle. Called on the connection's event loop.
        func release(_ connection: ServiceConnection) {
            let next = state.withLock { state -> PendingRequest? in
                while let waiter = state.waiters.popFirst() {
                    if waiter.isWaiting { return waiter }
                }
                if !state.shutDown { state.idle.append(connection) }
                return nil
            }
            if let next { connection.start(next) }
        }

        /// `connection` closed (the services closed it, it broke, or a cancelled request closed
        /// it): it leaves the pool, and a new one opens if requests still wait.
        func closed(_ connection: ServiceConnection) {
            let reconnect = state.withLock { state -> Bool in
                state.idle.removeAll { $0 === connection }
                state.open -= 1
                return takeConnectionForWaiters(&state)
            }
            if reconnect { connect() }
        }

        /// Whether requests still wait and the pool may open one more connection for them
        /// (then counted as open).
        private func takeConnectionForWaiters(_ state: inout State) -> Bool {
            guard !state.shutDown, state.open < limit, state.waiters.contains(where: \.isWaiting) else { return false }
            state.open += 1
            return true
        }

        private func connect() {
            let address = self.address
            let pool = self
            ClientBootstrap(group: loop)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)  // at the TCP level: SOL_SOCKET would be SO_DEBUG
                .connectTimeout(.seconds(5))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ServiceConnectionHandler(pool: pool, hostHeader: address.hostHeader))
                    }
                }
                .connect(to: address.socketAddress)
                .whenFailure { error in pool.connectionFailed(error) }
        }

        /// A connection could not be opened: the oldest waiting request fails with a
        /// ``TransportError`` (never an answer of the service), and another try opens for the
        /// rest, each failing on its own if the services stay unreachable.
        private func connectionFailed(_ error: any Error) {
            let (failed, reconnect) = state.withLock { state -> (PendingRequest?, Bool) in
                state.open -= 1
                var failed: PendingRequest?
                while let waiter = state.waiters.popFirst() {
                    if waiter.isWaiting {
                        failed = waiter
                        break
                    }
                }
                return (failed, takeConnectionForWaiters(&state))
            }
            failed?.finish(
                .failure(TransportError("cannot connect to \(address.hostHeader): \(Self.explained(error))")))
            if reconnect { connect() }
        }

        /// `error`, with what to do about it when it is the open-file limit (one descriptor per
        /// connection): the limit in force, and how to raise it.
        static func explained(_ error: any Error) -> String {
            guard let error = error as? IOError, error.errnoCode == EMFILE || error.errnoCode == ENFILE else {
                return "\(error)"
            }
            let limit = OpenFileLimit.current
            return "\(error); every connection holds a file descriptor, and this process may open \(limit) "
                + "(raise the hard limit, e.g. `ulimit -Hn`, or lower `connections`)"
        }

        /// Refuses new requests and fails those waiting; the connections close with the
        /// client's event loop.
        func shutdown() {
            let waiters = state.withLock { state -> [PendingRequest] in
                state.shutDown = true
                state.idle = []
                defer { state.waiters.removeAll() }
                return Array(state.waiters)
            }
            for waiter in waiters { waiter.finish(.failure(TransportError("the client is shut down"))) }
        }
    }
#endif
