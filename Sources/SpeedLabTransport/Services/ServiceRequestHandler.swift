#if HTTPTransport
    import Foundation
    import NIOCore
    import NIOHTTP1
    import SpeedLabScenarios

    /// Answers the requests of one connection: `/call` after the seeded delay, `/health` and
    /// `/stats` at once, and the OpenAI-compatible `/v1/chat/completions` and `/v1/completions`
    /// chunk by chunk on a seeded model's schedule (``CompletionSchedule``), streamed as server-sent
    /// events or as one JSON answer at the end. Runs on the connection's event loop only.
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
        /// The completions being served on every connection, which slow each other down.
        private let load: CompletionLoad
        /// The completion being answered (at most one, like a held answer).
        private var completion: Completing?
        /// Wakes this handler when the completion's next chunk is due.
        private lazy var completionAlarm = CompletionAlarm(handler: self)
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

        init(statistics: ServicesStatistics, load: CompletionLoad) {
            self.statistics = statistics
            self.load = load
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
            if let malformed { refuse(tooLarge: malformed.isTooLarge, context: context) }
        }

        private func received(_ request: Request, context: ChannelHandlerContext) {
            if pending != nil || completion != nil {
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

        /// A request that could not be read: a 400 (a 413 for a body longer than the services
        /// keep), and the connection closes.
        private func refuse(tooLarge: Bool, context: ChannelHandlerContext) {
            refused = true
            queued = []
            var answer = context.channel.allocator.buffer(capacity: 96)
            if tooLarge {
                answer.writeStaticString("HTTP/1.1 413 Content Too Large\r\n")
            } else {
                answer.writeStaticString("HTTP/1.1 400 Bad Request\r\n")
            }
            answer.writeStaticString("content-length: 0\r\nconnection: close\r\n\r\n")
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
            if let completion {  // the client left mid-answer: its timers stop with it
                completion.timer?.cancel()
                self.completion = nil
                load.ended(whilePrefilling: completion.chunk == 0)
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
            case ServiceRoute.chatCompletions:
                beginCompletion(head, kind: .chat, context: context)
            case ServiceRoute.completions:
                beginCompletion(head, kind: .text, context: context)
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
            json: Bool = false, context: ChannelHandlerContext
        ) {
            send(head, status, body: text.utf8, call: call, json: json, context: context)
        }

        /// Writes the whole answer (status line, headers, body, and `call`'s tag when it answers
        /// one) as one buffer, then routes the next pipelined request, if one waits.
        private func send(
            _ head: Request, _ status: HTTPResponseStatus, body: some Collection<UInt8>, call: ServiceCall? = nil,
            json: Bool = false, context: ChannelHandlerContext
        ) {
            let keepAlive = head.keepAlive
            answer.clear(minimumCapacity: 160 + body.count)
            answer.writeStaticString(head.isHTTP10 ? "HTTP/1.0 " : "HTTP/1.1 ")
            answer.writeDecimal(Int(status.code))
            answer.writeInteger(UInt8(ascii: " "))
            answer.writeString(status.reasonPhrase)
            answer.writeStaticString("\r\ncontent-length: ")
            answer.writeDecimal(body.count)
            if json { answer.writeStaticString("\r\ncontent-type: application/json") }
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
                if pending == nil, completion == nil, !queued.isEmpty {
                    begin(queued.removeFirst(), context: context)
                }
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

    extension ServiceRequestHandler {
        /// A completion being answered: its request and schedule, and how far it has come.
        fileprivate struct Completing {
            /// The HTTP request it answers (without its body, which is read already).
            let head: RequestParser.Request
            let request: CompletionRequest
            let schedule: CompletionSchedule
            let json: CompletionJSON
            /// Requests prefilling on the server when it arrived, itself included.
            let prefilling: Int
            /// Whether a stream's body is chunked (HTTP/1.1) or ends with the connection (1.0).
            let chunked: Bool
            /// The next chunk to send: 0 while prefilling.
            var chunk = 0
            /// The text so far, for the one answer of `stream: false`.
            var text = ""
            /// The timer of the next chunk.
            var timer: NIOScheduledCallback?
        }

        /// Reads a completion request from `head`'s body and starts answering it: a 405 for
        /// another method than POST, a 400 for a body that is not a request, a 503 at once when
        /// drawn to fail; else the stream's head (for `stream: true`), and a timer for the
        /// first chunk.
        fileprivate func beginCompletion(
            _ head: RequestParser.Request, kind: CompletionRequest.Kind, context: ChannelHandlerContext
        ) {
            func refuse(_ status: HTTPResponseStatus, _ message: String, type: String) {
                let text = CompletionJSON.error(message, type: type, code: Int(status.code)) + "\n"
                respond(head, status, text: text, json: true, context: context)
            }
            guard head.isPOST else {
                return refuse(.methodNotAllowed, "POST a JSON body", type: "invalid_request_error")
            }
            let request: CompletionRequest
            switch CompletionRequest.read(head.body, kind: kind) {
            case .success(let read): request = read
            case .failure(let error): return refuse(.badRequest, error.description, type: "invalid_request_error")
            }
            let schedule = CompletionSchedule(
                knobs: request.knobs, promptTokens: request.promptTokens, outputTokens: request.outputTokens)
            if schedule.fails {
                statistics.requestArrived(.fail)
                statistics.requestEnded()
                return refuse(.serviceUnavailable, "drawn to fail", type: "server_error")
            }
            statistics.requestArrived(.respond)
            var bare = head
            bare.body = []
            let completing = Completing(
                head: bare, request: request, schedule: schedule,
                json: CompletionJSON(request: request, created: Int(Date().timeIntervalSince1970)),
                prefilling: load.beginPrefill(), chunked: !head.isHTTP10)
            completion = completing
            if request.stream { writeStreamHead(completing, context: context) }
            scheduleNextChunk(context: context)
        }

        /// Sets the timer of the completion's next chunk, its delay drawn from its schedule
        /// with the server's load now.
        private func scheduleNextChunk(context: ChannelHandlerContext) {
            guard var completing = completion else { return }
            let decoding = load.decoding + (completing.chunk == 0 ? 1 : 0)
            let nanos = completing.schedule.delayNanos(
                beforeChunk: completing.chunk, prefilling: completing.prefilling, decoding: decoding)
            do {
                completing.timer = try context.eventLoop.scheduleCallback(
                    in: .nanoseconds(Int64(nanos.rounded())), handler: completionAlarm)
                completion = completing
            } catch {  // the loop is shutting down: nothing will be answered on it
                completion = nil
                load.ended(whilePrefilling: completing.chunk == 0)
                statistics.requestEnded()
                context.close(promise: nil)
            }
        }

        /// The completion's next chunk is due: sent as an event (or kept for the one answer),
        /// then the next timer is set, or the answer ends.
        fileprivate func completionChunkDue() {
            guard var completing = completion, let context else { return }
            let index = completing.chunk
            if index == 0 { load.prefillEnded() }
            let text = CompletionSchedule.text(
                tokens: completing.schedule.tokens(inChunk: index),
                from: index * completing.schedule.knobs.tokensPerChunk)
            completing.chunk += 1
            let isLast = completing.chunk == completing.schedule.chunkCount
            if completing.request.stream {
                var buffer = context.channel.allocator.buffer(capacity: 256)
                buffer.writeEvent(completing.json.contentChunk(text, isLast: isLast), chunked: completing.chunked)
                context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
            } else {
                completing.text += text
            }
            completion = completing
            if isLast {
                finishCompletion(context: context)
            } else {
                scheduleNextChunk(context: context)
            }
        }

        /// The last chunk is out: a stream ends with its usage (when asked for) and `[DONE]`,
        /// a whole answer is sent; then the next pipelined request is routed, or the connection
        /// closes.
        private func finishCompletion(context: ChannelHandlerContext) {
            guard let completing = completion else { return }
            completion = nil
            load.ended(whilePrefilling: false)
            statistics.requestEnded()
            let head = completing.head
            guard completing.request.stream else {
                respond(head, .ok, text: completing.json.answer(completing.text) + "\n", json: true, context: context)
                return
            }
            var buffer = context.channel.allocator.buffer(capacity: 512)
            if completing.request.includeUsage {
                buffer.writeEvent(completing.json.usageChunk, chunked: completing.chunked)
            }
            buffer.writeEvent("[DONE]", chunked: completing.chunked)
            if completing.chunked { buffer.writeStaticString("0\r\n\r\n") }
            if head.keepAlive, completing.chunked {
                context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
                if pending == nil, !queued.isEmpty { begin(queued.removeFirst(), context: context) }
            } else {
                queued = []
                context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            }
        }

        /// The head of a streamed answer (an event stream, chunked on HTTP/1.1, ending with the
        /// connection on 1.0) and, for chat, the role-only first chunk.
        private func writeStreamHead(_ completing: Completing, context: ChannelHandlerContext) {
            let head = completing.head
            var buffer = context.channel.allocator.buffer(capacity: 512)
            buffer.writeStaticString(head.isHTTP10 ? "HTTP/1.0 200 OK\r\n" : "HTTP/1.1 200 OK\r\n")
            buffer.writeStaticString("content-type: text/event-stream\r\ncache-control: no-cache\r\n")
            if completing.chunked { buffer.writeStaticString("transfer-encoding: chunked\r\n") }
            buffer.writeStaticString("x-speedlab-connection-request: ")
            buffer.writeDecimal(requestsOnConnection)
            if !head.keepAlive || !completing.chunked { buffer.writeStaticString("\r\nconnection: close") }
            buffer.writeStaticString("\r\n\r\n")
            if completing.request.kind == .chat {
                buffer.writeEvent(completing.json.roleChunk, chunked: completing.chunked)
            }
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }
    }

    extension ByteBuffer {
        /// Writes one server-sent event, `data: <data>\n\n`, as one chunk of a chunked body
        /// when `chunked`.
        fileprivate mutating func writeEvent(_ data: String, chunked: Bool) {
            let size = 8 + data.utf8.count
            if chunked {
                writeString(String(size, radix: 16))
                writeStaticString("\r\n")
            }
            writeStaticString("data: ")
            writeString(data)
            writeStaticString("\n\n")
            if chunked { writeStaticString("\r\n") }
        }
    }

    /// What the event loop's timer calls when a completion's next chunk is due: the one handler
    /// it belongs to.
    ///
    /// Unchecked `Sendable` for the reason ``AnswerAlarm`` is: it is scheduled only on its
    /// handler's own event loop, which calls it on that same thread, and it holds the handler
    /// weakly.
    private final class CompletionAlarm: NIOScheduledCallbackHandler, @unchecked Sendable {
        weak var handler: ServiceRequestHandler?

        init(handler: ServiceRequestHandler) {
            self.handler = handler
        }

        func handleScheduledCallback(eventLoop: some EventLoop) {
            handler?.completionChunkDue()
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
