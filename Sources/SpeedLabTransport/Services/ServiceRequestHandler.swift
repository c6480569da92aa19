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
    final class ServiceRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let statistics: ServicesStatistics
        private var head: HTTPRequestHead?
        private var requestsOnConnection = 0
        /// The answer being held (at most one: pipelining assistance delivers one request at a time).
        private var pending: Scheduled<Void>?
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
                requestsOnConnection += 1
                if requestsOnConnection == 1 { statistics.connectionCarriedItsFirstRequest() }
                route(head, context: context)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            if let pending {  // the client gave up on a held answer (its timeout)
                pending.cancel()
                self.pending = nil
                statistics.requestEnded()
            }
            context.fireChannelInactive()
        }

        private func route(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
            let uri = head.uri
            let path = uri.firstIndex(of: "?").map { uri[..<$0] } ?? uri[...]
            let query = uri.firstIndex(of: "?").map { uri[uri.index(after: $0)...] } ?? ""
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
            send(
                head, .ok, body: body.getSlice(at: body.readerIndex, length: bytes) ?? ByteBuffer(), call: call,
                context: context)
        }

        private func respond(
            _ head: HTTPRequestHead, _ status: HTTPResponseStatus, text: String, call: String? = nil,
            context: ChannelHandlerContext
        ) {
            send(head, status, body: context.channel.allocator.buffer(string: text), call: call, context: context)
        }

        private func send(
            _ head: HTTPRequestHead, _ status: HTTPResponseStatus, body: ByteBuffer, call: String? = nil,
            context: ChannelHandlerContext
        ) {
            var headers = HTTPHeaders()
            headers.add(name: "content-length", value: String(body.readableBytes))
            if let call { headers.add(name: ServiceRoute.callHeader, value: call) }
            headers.add(name: "x-speedlab-connection-request", value: String(requestsOnConnection))
            let keepAlive = head.isKeepAlive
            if !keepAlive { headers.add(name: "connection", value: "close") }
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            let written = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
            if !keepAlive {
                written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
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
