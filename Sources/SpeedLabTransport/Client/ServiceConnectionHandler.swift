#if HTTPTransport
    import NIOCore
    import SpeedLabScenarios

    /// Sends one request at a time on its connection and reads its answer: the status, the
    /// headers SpeedLab's services set, the body counted (never more than the request's
    /// limit), and the instant the last byte arrived. The waiting task is resumed from here,
    /// then the connection goes back to its pool, which may hand it the next request at once.
    ///
    /// It speaks HTTP/1.1 on the channel's bytes itself: a request is one buffer (`GET`, the
    /// target, the version and the one `host` header) in one write, and ``AnswerParser``
    /// reads the answer where it lies in the read buffer, with no parts, header lists or
    /// strings made on the way.
    ///
    /// Runs on its channel's event loop only.
    final class ServiceConnectionHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let pool: ConnectionPool
        /// What follows the target in every request: the version and the headers.
        private let requestTail: [UInt8]
        private var context: ChannelHandlerContext?
        private var connection: ServiceConnection?
        private var current: PendingRequest?
        /// When the request in flight went out: the end of its wait for a connection.
        private var sentHead: ContinuousClock.Instant?
        /// When the first byte of its answer arrived.
        private var firstByte: ContinuousClock.Instant?
        private var parser = AnswerParser()
        private var requestBuffer = ByteBuffer()
        /// When the request in flight gives up waiting for its answer.
        private var deadline = NIODeadline.distantFuture
        /// The once-a-second check of `deadline` (one timer per connection, not per request).
        private var watchdog: Scheduled<Void>?

        /// Room for a call's request in the reused buffer (it grows for a longer one).
        static let requestCapacity = 256

        /// How often a connection checks whether its request ran past its time limit.
        static let watchdogPeriod = TimeAmount.seconds(1)

        init(pool: ConnectionPool, hostHeader: String) {
            self.pool = pool
            requestTail = Array(" HTTP/1.1\r\nhost: \(hostHeader)\r\n\r\n".utf8)
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
                let read = self.parser.unfinishedHead.map { "; it sent \($0)" } ?? ""
                self.fail(
                    current,
                    TransportError(
                        "no answer within \(current.timeLimit.nanoseconds / 1_000_000) ms on \(context.channel.remoteAddress.map { "\($0)" } ?? "its connection")\(read)"
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
            parser.reset()
            sentHead = .now
            firstByte = nil
            deadline = .now() + request.timeLimit
            // One buffer per connection, reused: cleared in place once the socket has let go
            // of the last request's bytes (else the write copies it, as a ByteBuffer does).
            requestBuffer.clear(minimumCapacity: Self.requestCapacity)
            requestBuffer.writeStaticString("GET ")
            switch request.target {
            case .call(let call): requestBuffer.writeTarget(of: call)
            case .path(let path): requestBuffer.writeString(path)
            }
            requestBuffer.writeBytes(requestTail)
            context.writeAndFlush(wrapOutboundOut(requestBuffer), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard let current else {
                context.close(promise: nil)  // an answer nobody asked for: the connection is not SpeedLab's
                return
            }
            let bytes = unwrapInboundIn(data)
            if firstByte == nil { firstByte = .now }
            let progress: AnswerParser.Progress
            do {
                progress = try bytes.withUnsafeReadableBytes { (bytes) throws(HTTPMalformed) in
                    try parser.consume(bytes)
                }
            } catch {
                fail(current, TransportError("its answer is not HTTP/1 as the services send it: \(error)"))
                return
            }
            guard parser.bodyBytes <= current.bodyLimit else {
                fail(current, TransportError("its answer was cut off: \(BodyTooLong(limit: current.bodyLimit))"))
                return
            }
            if case .complete(let consumed) = progress {
                // Bytes after the answer belong to no request: deliver it, then close.
                complete(current, context: context, keepAlive: parser.keepAlive && consumed == bytes.readableBytes)
            }
        }

        /// Delivers the answer read to `request`, then hands the connection back to its pool
        /// or closes it.
        private func complete(_ request: PendingRequest, context: ChannelHandlerContext, keepAlive: Bool) {
            let answer = ServiceAnswer(
                status: parser.status, bodyBytes: parser.bodyBytes, connectionRequest: parser.connectionRequest,
                answeredCall: parser.answeredCall, completed: .now, firstByte: firstByte, sentHead: sentHead)
            current = nil
            deadline = .distantFuture
            let delivered = request.finish(.success(answer))
            if delivered, keepAlive, let connection {
                pool.release(connection)
            } else {
                context.close(promise: nil)  // cancelled (closing already) or not keep-alive
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            if let current { fail(current, TransportError("the connection failed: \(error)")) }
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            if let current, parser.endsWithClose {  // a body without a length ends with the connection
                complete(current, context: context, keepAlive: false)
            } else if let current, let read = parser.unfinishedHead {
                fail(current, TransportError("the services closed the connection after \(read)"))
            } else if let current {
                fail(current, TransportError("the services closed the connection before answering"))
            }
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
