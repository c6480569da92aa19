#if HTTPTransport
    import NIOCore
    import SpeedLabScenarios
    import SpeedLabStreaming

    /// Sends one completion request at a time on its connection and reads the answer where it
    /// lies in the read buffer: ``AnswerParser`` takes the HTTP framing off, and
    /// ``CompletionAnswerReader`` reads the events, each read stamped with the instant its
    /// bytes arrived (here, on the event loop, not when the waiting task resumes).
    ///
    /// Runs on its channel's event loop only.
    final class StreamConnectionHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let pool: StreamConnectionPool
        private var context: ChannelHandlerContext?
        private var connection: StreamConnection?
        private var current: StreamExchange?
        private var parser = AnswerParser()
        private var reader = CompletionAnswerReader(sent: .now, streaming: true)
        private var sawHead = false
        private var timeout: Scheduled<Void>?
        /// Whether the pool was told this connection is up (once, however it learns it).
        private var announced = false

        init(pool: StreamConnectionPool) {
            self.pool = pool
        }

        func handlerAdded(context: ChannelHandlerContext) {
            self.context = context
            connection = StreamConnection(
                channel: context.channel, handler: NIOLoopBound(self, eventLoop: context.eventLoop))
            if context.channel.isActive { announce() }
        }

        func channelActive(context: ChannelHandlerContext) {
            announce()
            context.fireChannelActive()
        }

        private func announce() {
            guard !announced, let connection else { return }
            announced = true
            pool.connected(connection)
        }

        /// Sends `exchange`, or hands the connection back when it was cancelled meanwhile.
        func start(_ exchange: StreamExchange) {
            guard let context, let connection else {
                exchange.refuse("the connection closed before the request was sent")
                return
            }
            guard exchange.markSent(on: context.channel) else {
                pool.release(connection)
                return
            }
            current = exchange
            parser.reset()
            sawHead = false
            var buffer = context.channel.allocator.buffer(capacity: exchange.request.count)
            buffer.writeBytes(exchange.request)
            reader = CompletionAnswerReader(sent: .now, streaming: exchange.call.stream)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
            timeout = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(exchange.call.timeoutNanos)) {
                guard self.current === exchange else { return }
                let seconds = Double(exchange.call.timeoutNanos) / 1e9
                self.fail(exchange, "no complete answer within \(seconds) s")
            }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let arrived = ContinuousClock.now
            guard let current else {
                context.close(promise: nil)  // an answer nobody asked for
                return
            }
            let bytes = unwrapInboundIn(data)
            reader.firstByte(at: arrived)
            let progress: AnswerParser.Progress
            do {
                progress = try bytes.withUnsafeReadableBytes { (bytes) throws(HTTPMalformed) in
                    try parser.consume(bytes) { body, status in
                        if !self.sawHead {
                            self.sawHead = true
                            self.reader.head(status: status)
                        }
                        self.reader.body(body, at: arrived)
                    }
                }
            } catch {
                fail(current, "its answer is not HTTP/1: \(error)")
                return
            }
            if case .complete(let consumed) = progress {
                if !sawHead { reader.head(status: parser.status) }
                reader.end(at: arrived)
                complete(current, context: context, keepAlive: parser.keepAlive && consumed == bytes.readableBytes)
            } else if reader.isSettled {
                // `[DONE]` or an error event: the request is measured; what may follow is
                // read on a connection that is then closed, never reused.
                complete(current, context: context, keepAlive: false)
            }
        }

        private func complete(_ exchange: StreamExchange, context: ChannelHandlerContext, keepAlive: Bool) {
            current = nil
            timeout?.cancel()
            timeout = nil
            let delivered = exchange.finish(reader.timing)
            if delivered, keepAlive, let connection {
                pool.release(connection)
            } else {
                context.close(promise: nil)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            if let current { fail(current, "the connection failed: \(error)") }
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            if let current {
                if parser.endsWithClose {
                    if !sawHead { reader.head(status: parser.status) }
                    reader.end(at: .now)
                    complete(current, context: context, keepAlive: false)
                } else {
                    let read = parser.unfinishedHead.map { " after \($0)" } ?? ""
                    fail(current, "the server closed the connection\(read)")
                }
            }
            timeout?.cancel()
            timeout = nil
            if let connection { pool.closed(connection) }
            connection = nil
            self.context = nil
            context.fireChannelInactive()
        }

        private func fail(_ exchange: StreamExchange, _ why: String) {
            current = nil
            timeout?.cancel()
            timeout = nil
            reader.fail(why)
            exchange.finish(reader.timing)
            context?.close(promise: nil)
        }
    }

    /// One keep-alive connection of a ``StreamConnectionPool``, reachable from any thread.
    final class StreamConnection: Sendable {
        let channel: any Channel
        private let handler: NIOLoopBound<StreamConnectionHandler>

        init(channel: any Channel, handler: NIOLoopBound<StreamConnectionHandler>) {
            self.channel = channel
            self.handler = handler
        }

        func start(_ exchange: StreamExchange) {
            if channel.eventLoop.inEventLoop {
                handler.value.start(exchange)
            } else {
                let handler = self.handler
                channel.eventLoop.execute { handler.value.start(exchange) }
            }
        }
    }
#endif
