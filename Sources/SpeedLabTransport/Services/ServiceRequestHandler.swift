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
    /// Requests are read from the connection's bytes by ``RequestParser``, where they lie in
    /// the read buffer; answers are written as finished bytes (status line, the few headers,
    /// the body) in one buffer and one write: a request costs the services as little as the
    /// client. Pipelined requests wait in order while an answer is held (the next is routed
    /// once the answer before it is sent), and a request that cannot be read gets a 400 and
    /// the connection closes.
    final class ServiceRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private typealias Request = RequestParser.Request

        private let statistics: ServicesStatistics
        private var parser = RequestParser()
        /// A request could not be read: the 400 is on its way, nothing more is read.
        private var refused = false
        private var requestsOnConnection = 0
        /// The answer being held (at most one: later pipelined requests wait in `queued`).
        private var pending: Held?
        /// Requests read while an answer is held, answered in order.
        private var queued: [Request] = []
        private var body = ByteBuffer()
        /// One buffer for every answer of the connection, cleared in place once the socket
        /// has let go of the last one's bytes.
        private var answer = ByteBuffer()
        private var context: ChannelHandlerContext?
        /// Wakes this handler when a held answer is due: made once per connection, so holding
        /// an answer allocates nothing.
        private lazy var alarm = AnswerAlarm(handler: self)

        /// A held answer: the call it answers, its request, and the timer that sends it.
        private struct Held {
            let call: ServiceCall
            let request: Request
            let timer: NIOScheduledCallback
        }

        init(statistics: ServicesStatistics) {
            self.statistics = statistics
        }

        func handlerAdded(context: ChannelHandlerContext) {
            self.context = context
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            self.context = nil  // the handler and its context refer to each other until here
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !refused else { return }
            let bytes = unwrapInboundIn(data)
            let malformed = bytes.withUnsafeReadableBytes { bytes -> HTTPMalformed? in
                var offset = 0
                do throws(HTTPMalformed) {
                    while !refused, let request = try parser.next(bytes, from: &offset) {
                        received(request, context: context)
                    }
                    return nil
                } catch {
                    return error
                }
            }
            if malformed != nil { refuse(context: context) }
        }

        private func received(_ request: Request, context: ChannelHandlerContext) {
            if pending != nil {
                queued.append(request)
            } else {
                begin(request, context: context)
            }
        }

        /// Starts answering `request`: at once, or by holding its answer.
        private func begin(_ request: Request, context: ChannelHandlerContext) {
            requestsOnConnection += 1
            if requestsOnConnection == 1 { statistics.connectionCarriedItsFirstRequest() }
            route(request, context: context)
        }

        /// A request that could not be read: a 400, and the connection closes.
        private func refuse(context: ChannelHandlerContext) {
            refused = true
            queued = []
            var answer = context.channel.allocator.buffer(capacity: 96)
            answer.writeStaticString("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            context.writeAndFlush(wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            if let pending {  // the client gave up on a held answer (its timeout)
                pending.timer.cancel()
                self.pending = nil
                statistics.requestEnded()
            }
            queued = []
            context.fireChannelInactive()
        }

        private func route(_ head: Request, context: ChannelHandlerContext) {
            let uri = head.target
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

        /// Holds the call's answer for its delay on the event loop's timer, then sends it
        /// (``answerDue()``).
        private func hold(_ call: ServiceCall, head: Request, context: ChannelHandlerContext) {
            statistics.requestArrived(call.draw)
            let delay = TimeAmount.nanoseconds(Int64(call.answerDelayNanos.rounded()))
            do {
                let timer = try context.eventLoop.scheduleCallback(in: delay, handler: alarm)
                pending = Held(call: call, request: head, timer: timer)
            } catch {  // the loop is shutting down: nothing will be answered on it
                statistics.requestEnded()
                context.close(promise: nil)
            }
        }

        /// The held answer's delay is over: it is sent (a 503 when the call was drawn to fail).
        fileprivate func answerDue() {
            guard let held = pending, let context else { return }
            pending = nil
            statistics.requestEnded()
            if held.call.draw == .fail {
                respond(held.request, .serviceUnavailable, text: "drawn to fail\n", call: held.call, context: context)
            } else {
                respondBody(held.request, call: held.call, context: context)
            }
        }

        private func respondBody(_ head: Request, call: ServiceCall, context: ChannelHandlerContext) {
            let bytes = call.responseBytes
            if body.readableBytes < bytes {
                body = context.channel.allocator.buffer(repeating: UInt8(ascii: "s"), count: bytes)
            }
            send(head, .ok, body: body.readableBytesView.prefix(bytes), call: call, context: context)
        }

        private func respond(
            _ head: Request, _ status: HTTPResponseStatus, text: String, call: ServiceCall? = nil,
            context: ChannelHandlerContext
        ) {
            send(head, status, body: text.utf8, call: call, context: context)
        }

        /// Writes the whole answer (status line, headers, body, and `call`'s tag when it answers
        /// one) as one buffer, then routes the next pipelined request, if one waits.
        private func send(
            _ head: Request, _ status: HTTPResponseStatus, body: some Collection<UInt8>, call: ServiceCall? = nil,
            context: ChannelHandlerContext
        ) {
            let keepAlive = head.keepAlive
            answer.clear(minimumCapacity: 160 + body.count)
            answer.writeStaticString(head.isHTTP10 ? "HTTP/1.0 " : "HTTP/1.1 ")
            answer.writeDecimal(Int(status.code))
            answer.writeInteger(UInt8(ascii: " "))
            answer.writeString(status.reasonPhrase)
            answer.writeStaticString("\r\ncontent-length: ")
            answer.writeDecimal(body.count)
            if let call {
                answer.writeStaticString("\r\n")
                answer.writeString(ServiceRoute.callHeader)
                answer.writeStaticString(": ")
                answer.writeTag(of: call)
            }
            answer.writeStaticString("\r\nx-speedlab-connection-request: ")
            answer.writeDecimal(requestsOnConnection)
            if !keepAlive {
                answer.writeStaticString("\r\nconnection: close")
            } else if head.isHTTP10 {
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

    /// What the event loop's timer calls when a held answer is due: the one handler it belongs to.
    ///
    /// Unchecked `Sendable`: it is made by its handler and scheduled only on that handler's
    /// own event loop (``ServiceRequestHandler`` runs there only), and the loop calls it on
    /// that same thread, so the handler it holds is never touched from another. The handler
    /// is held weakly: a timer the loop still holds never keeps a closed connection's handler.
    private final class AnswerAlarm: NIOScheduledCallbackHandler, @unchecked Sendable {
        weak var handler: ServiceRequestHandler?

        init(handler: ServiceRequestHandler) {
            self.handler = handler
        }

        func handleScheduledCallback(eventLoop: some EventLoop) {
            handler?.answerDue()
        }
    }
#endif
