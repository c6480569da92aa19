#if HTTPTransport
    import NIOCore
    import NIOHTTP1
    import SpeedLabScenarios

    /// Sends one request at a time on its connection and reads its answer: the status, the
    /// headers SpeedLab's services set, the body counted (never more than the request's
    /// limit), and the instant the last byte arrived. The waiting task is resumed from here,
    /// then the connection goes back to its pool, which may hand it the next request at once.
    ///
    /// Runs on its channel's event loop only.
    final class ServiceConnectionHandler: ChannelInboundHandler {
        typealias InboundIn = HTTPClientResponsePart
        typealias OutboundOut = HTTPClientRequestPart

        private let pool: ConnectionPool
        private let headers: HTTPHeaders
        private var context: ChannelHandlerContext?
        private var connection: ServiceConnection?
        private var current: PendingRequest?
        private var answer = ServiceAnswer()
        private var keepAlive = true
        /// When the request in flight gives up waiting for its answer.
        private var deadline = NIODeadline.distantFuture
        /// The once-a-second check of `deadline` (one timer per connection, not per request).
        private var watchdog: Scheduled<Void>?

        /// How often a connection checks whether its request ran past its time limit.
        static let watchdogPeriod = TimeAmount.seconds(1)

        init(pool: ConnectionPool, hostHeader: String) {
            self.pool = pool
            headers = HTTPHeaders([("host", hostHeader)])
        }

        func handlerAdded(context: ChannelHandlerContext) {
            self.context = context
            connection = ServiceConnection(
                channel: context.channel, handler: NIOLoopBound(self, eventLoop: context.eventLoop))
            if context.channel.isActive { becameActive(context: context) }
        }

        func channelActive(context: ChannelHandlerContext) {
            becameActive(context: context)
            context.fireChannelActive()
        }

        private func becameActive(context: ChannelHandlerContext) {
            guard watchdog == nil, let connection else { return }
            scheduleWatchdog(context: context)
            pool.connected(connection)
        }

        private func scheduleWatchdog(context: ChannelHandlerContext) {
            watchdog = context.eventLoop.assumeIsolated().scheduleTask(in: Self.watchdogPeriod) {
                guard let current = self.current, NIODeadline.now() > self.deadline else {
                    if self.context != nil { self.scheduleWatchdog(context: context) }
                    return
                }
                self.fail(
                    current,
                    TransportError(
                        "no answer within \(current.timeLimit.nanoseconds / 1_000_000) ms on \(context.channel.remoteAddress.map { "\($0)" } ?? "its connection")"
                    ))
            }
        }

        /// Sends `request`, or hands the connection back when the request was cancelled meanwhile.
        func start(_ request: PendingRequest) {
            guard let context, let connection else {
                request.finish(.failure(TransportError("the connection closed before the request was sent")))
                return
            }
            guard request.markSent(on: context.channel) else {
                pool.release(connection)
                return
            }
            current = request
            answer = ServiceAnswer()
            answer.sentHead = .now
            deadline = .now() + request.timeLimit
            let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: request.target, headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard let current else {
                context.close(promise: nil)  // an answer nobody asked for: the connection is not SpeedLab's
                return
            }
            switch unwrapInboundIn(data) {
            case .head(let head):
                answer.status = Int(head.status.code)
                answer.connectionRequest =
                    head.headers.first(name: "x-speedlab-connection-request").flatMap { Int($0) } ?? 0
                answer.answeredCall = head.headers.first(name: ServiceRoute.callHeader)
                keepAlive = head.isKeepAlive
            case .body(let part):
                answer.bodyBytes += part.readableBytes
                if answer.bodyBytes > current.bodyLimit {
                    fail(current, TransportError("its answer was cut off: \(BodyTooLong(limit: current.bodyLimit))"))
                }
            case .end:
                answer.completed = .now
                self.current = nil
                deadline = .distantFuture
                let delivered = current.finish(.success(answer))
                if delivered, keepAlive, let connection {
                    pool.release(connection)
                } else {
                    context.close(promise: nil)  // cancelled (closing already) or not keep-alive
                }
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            if let current { fail(current, TransportError("the connection failed: \(error)")) }
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            if let current { fail(current, TransportError("the services closed the connection before answering")) }
            watchdog?.cancel()
            watchdog = nil
            if let connection { pool.closed(connection) }
            connection = nil  // the handler and its connection refer to each other until here
            self.context = nil
            context.fireChannelInactive()
        }

        /// Fails the request in flight and closes the connection: what is left of its answer
        /// must never reach the next request.
        private func fail(_ request: PendingRequest, _ error: TransportError) {
            current = nil
            deadline = .distantFuture
            request.finish(.failure(error))
            context?.close(promise: nil)
        }
    }
#endif
