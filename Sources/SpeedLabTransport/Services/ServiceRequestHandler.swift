#if HTTPTransport
    import Foundation
    import NIOCore
    import NIOHTTP1
    import SpeedLabScenarios

    /// Answers the requests of one connection: `/call` after the seeded delay, `/health` and
    /// `/stats` at once. Runs on the connection's event loop only.
    ///
    /// Every answer carries `x-speedlab-connection-request`, the request's position on its
    /// connection, so a client counts the connections it opened (those whose first answer says 1).
    ///
    /// Requests come from NIO's HTTP/1 decoder; answers are written as finished bytes (status
    /// line, the few headers, the body) in one buffer and one write, without a response encoder
    /// between: a request costs the services as little as the client. Pipelined requests wait
    /// in order while an answer is held (the next is routed once the answer before it is sent),
    /// and a request the decoder cannot read gets a 400 and the connection closes.
    final class ServiceRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = ByteBuffer

        private let statistics: ServicesStatistics
        private var head: HTTPRequestHead?
        private var requestsOnConnection = 0
        /// The answer being held (at most one: later pipelined requests wait in `queued`).
        private var pending: Scheduled<Void>?
        /// Requests read while an answer is held, answered in order.
        private var queued: [HTTPRequestHead] = []
        private var body = ByteBuffer()

        init(statistics: ServicesStatistics) {
            self.statistics = statistics
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head): self.head = head
            case .body: break
            case .end:
                guard let head else { return }
                self.head = nil
                if pending != nil {
                    queued.append(head)
                } else {
                    begin(head, context: context)
                }
            }
        }

        /// Starts answering `head`: at once, or by holding its answer.
        private func begin(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
            requestsOnConnection += 1
            if requestsOnConnection == 1 { statistics.connectionCarriedItsFirstRequest() }
            route(head, context: context)
        }

        /// A request the decoder could not read: a 400, and the connection closes.
        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            if error is HTTPParserError {
                var answer = context.channel.allocator.buffer(capacity: 96)
                answer.writeStaticString("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                context.writeAndFlush(wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            } else {
                context.close(promise: nil)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            if let pending {  // the client gave up on a held answer (its timeout)
                pending.cancel()
                self.pending = nil
                statistics.requestEnded()
            }
            queued = []
            context.fireChannelInactive()
        }

        private func route(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
            let uri = head.uri
            let mark = uri.utf8.firstIndex(of: UInt8(ascii: "?"))
            let path = mark.map { uri[..<$0] } ?? uri[...]
            let query = mark.map { uri[uri.utf8.index(after: $0)...] } ?? ""
            switch path {
            case ServiceRoute.call:
                switch ServiceRoute.call(fromQuery: query) {
                case .success(let call): hold(call, head: head, context: context)
                case .failure(let error): respond(head, .badRequest, text: "\(error)\n", context: context)
                }
            case ServiceRoute.health:
                respond(head, .ok, text: "ok\n", context: context)
            case ServiceRoute.statistics:
                respond(head, .ok, text: Self.json(statistics.snapshot), context: context)
            case ServiceRoute.resetStatistics:
                statistics.reset()
                respond(head, .ok, text: Self.json(statistics.snapshot), context: context)
            default:
                respond(head, .notFound, text: "no such path: \(path)\n", context: context)
            }
        }

        /// Holds the call's answer for its delay on the event loop's timer, then sends it.
        private func hold(_ call: ServiceCall, head: HTTPRequestHead, context: ChannelHandlerContext) {
            let draw = call.draw
            statistics.requestArrived(draw)
            let delay = TimeAmount.nanoseconds(Int64(call.answerDelayNanos.rounded()))
            pending = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
                self.pending = nil
                self.statistics.requestEnded()
                let tag = ServiceRoute.tag(of: call)
                if draw == .fail {
                    self.respond(head, .serviceUnavailable, text: "drawn to fail\n", call: tag, context: context)
                } else {
                    self.respondBody(head, bytes: call.responseBytes, call: tag, context: context)
                }
            }
        }

        private func respondBody(_ head: HTTPRequestHead, bytes: Int, call: String, context: ChannelHandlerContext) {
            if body.readableBytes < bytes {
                body = context.channel.allocator.buffer(repeating: UInt8(ascii: "s"), count: bytes)
            }
            send(head, .ok, body: body.readableBytesView.prefix(bytes), call: call, context: context)
        }

        private func respond(
            _ head: HTTPRequestHead, _ status: HTTPResponseStatus, text: String, call: String? = nil,
            context: ChannelHandlerContext
        ) {
            send(head, status, body: text.utf8, call: call, context: context)
        }

        /// Writes the whole answer (status line, headers, body) as one buffer, then routes the
        /// next pipelined request, if one waits.
        private func send(
            _ head: HTTPRequestHead, _ status: HTTPResponseStatus, body: some Collection<UInt8>, call: String? = nil,
            context: ChannelHandlerContext
        ) {
            let keepAlive = head.isKeepAlive
            var answer = context.channel.allocator.buffer(capacity: 160 + body.count)
            answer.writeString(head.version.minor == 0 && head.version.major == 1 ? "HTTP/1.0 " : "HTTP/1.1 ")
            answer.writeString(String(status.code))
            answer.writeInteger(UInt8(ascii: " "))
            answer.writeString(status.reasonPhrase)
            answer.writeStaticString("\r\ncontent-length: ")
            answer.writeString(String(body.count))
            if let call {
                answer.writeStaticString("\r\n")
                answer.writeString(ServiceRoute.callHeader)
                answer.writeStaticString(": ")
                answer.writeString(call)
            }
            answer.writeStaticString("\r\nx-speedlab-connection-request: ")
            answer.writeString(String(requestsOnConnection))
            if !keepAlive {
                answer.writeStaticString("\r\nconnection: close")
            } else if head.version.minor == 0 && head.version.major == 1 {
                answer.writeStaticString("\r\nconnection: keep-alive")
            }
            answer.writeStaticString("\r\n\r\n")
            answer.writeBytes(body)
            if keepAlive {
                context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
                if pending == nil, !queued.isEmpty { begin(queued.removeFirst(), context: context) }
            } else {
                queued = []
                context.writeAndFlush(wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            }
        }

        private static func json(_ snapshot: ServicesStatistics.Snapshot) -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let data = (try? encoder.encode(snapshot)) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }
#endif
