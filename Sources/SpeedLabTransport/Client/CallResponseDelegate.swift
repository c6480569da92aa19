#if HTTPTransport
    import AsyncHTTPClient
    import NIOCore
    import NIOHTTP1
    import Synchronization

    /// Reads one answer of the services: its status, the body counted in full (not kept, and
    /// never more than `bodyLimit` bytes: a longer body fails the request at once), the call it
    /// says it answers, its position on its connection, and the instant the last byte arrived
    /// on the client's event loop, from which the waiting task's wake lateness is measured.
    final class CallResponseDelegate: HTTPClientResponseDelegate {
        /// What the request ended with.
        struct Answer: Sendable {
            var status = 0
            var bodyBytes = 0
            var connectionRequest = 0
            /// The `x-speedlab-call` header: which call the services answered.
            var answeredCall: String?
            var completed = ContinuousClock.now
            /// When the request head went out on a connection: the wait for a pool's connection ends there.
            var sentHead: ContinuousClock.Instant?
        }

        typealias Response = Answer

        /// AsyncHTTPClient calls a delegate on the request's event loop, one call at a time;
        /// the lock makes that a checked property rather than an assumption.
        private let answer = Mutex(Answer())
        private let bodyLimit: Int

        init(bodyLimit: Int) {
            self.bodyLimit = bodyLimit
        }

        func didSendRequestHead(task: HTTPClient.Task<Answer>, _ head: HTTPRequestHead) {
            let now = ContinuousClock.now
            answer.withLock { $0.sentHead = now }
        }

        func didReceiveHead(task: HTTPClient.Task<Answer>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
            let position = head.headers.first(name: "x-speedlab-connection-request").flatMap { Int($0) } ?? 0
            let call = head.headers.first(name: ServiceRoute.callHeader)
            answer.withLock { answer in
                answer.status = Int(head.status.code)
                answer.connectionRequest = position
                answer.answeredCall = call
            }
            return task.eventLoop.makeSucceededVoidFuture()
        }

        func didReceiveBodyPart(task: HTTPClient.Task<Answer>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
            let read = answer.withLock { answer in
                answer.bodyBytes += buffer.readableBytes
                return answer.bodyBytes
            }
            guard read <= bodyLimit else {
                return task.eventLoop.makeFailedFuture(BodyTooLong(limit: bodyLimit))
            }
            return task.eventLoop.makeSucceededVoidFuture()
        }

        func didFinishRequest(task: HTTPClient.Task<Answer>) throws -> Answer {
            let now = ContinuousClock.now
            return answer.withLock { answer in
                answer.completed = now
                return answer
            }
        }
    }

    /// An answer whose body ran past what the call asked for; the request is cut off there.
    struct BodyTooLong: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "its body ran past \(limit) bytes" }
    }
#endif
