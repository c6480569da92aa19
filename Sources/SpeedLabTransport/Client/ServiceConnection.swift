#if HTTPTransport
    import NIOCore

    /// One keep-alive connection of a ``ConnectionPool``: its channel and the handler that
    /// sends requests on it, reachable from any thread.
    final class ServiceConnection: Sendable {
        let channel: any Channel
        private let handler: NIOLoopBound<ServiceConnectionHandler>

        init(channel: any Channel, handler: NIOLoopBound<ServiceConnectionHandler>) {
            self.channel = channel
            self.handler = handler
        }

        /// Sends `request` on this idle connection: at once on its event loop, else in one hop to it.
        func start(_ request: PendingRequest) {
            if channel.eventLoop.inEventLoop {
                handler.value.start(request)
            } else {
                let handler = self.handler
                channel.eventLoop.execute { handler.value.start(request) }
            }
        }
    }
#endif
