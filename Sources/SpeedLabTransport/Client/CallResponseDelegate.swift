#if AsyncHTTPClient
    import AsyncHTTPClient
    import NIOCore
    import NIOHTTP1
    import Synchronization

    /// Reads one answer of the services: its status, the body counted in full (not kept, and
    /// never more than `bodyLimit` bytes: a longer body fails the request at once), the call it
    /// says it answers, its position on its connection, and the instant the last byte arrived
    /// on the client's event loop, from which the waiting task's wake lateness is measured.
    final class CallResponseDelegate: HTTPClientResponseDelegate {
        typealias Response = ServiceAnswer

        /// AsyncHTTPClient calls a delegate on the request's event loop, one call at a time;
        /// the lock makes that a checked property rather than an assumption.
        private let answer = Mutex(ServiceAnswer())
        private let bodyLimit: Int

        init(bodyLimit: Int) {
            self.bodyLimit = bodyLimit
        }

        func didSendRequestHead(task: HTTPClient.Task<ServiceAnswer>, _ head: HTTPRequestHead) {
            let now = ContinuousClock.now
            answer.withLock { $0.sentHead = now }
        }

        func didReceiveHead(task: HTTPClient.Task<ServiceAnswer>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
            let position = head.headers.first(name: "x-speedlab-connection-request").flatMap { Int($0) } ?? 0
            let call = head.headers.first(name: ServiceRoute.callHeader)
            answer.withLock { answer in
                if answer.firstByte == nil { answer.firstByte = .now }
                answer.status = Int(head.status.code)
                answer.connectionRequest = position
                answer.answeredCall = call
            }
            return task.eventLoop.makeSucceededVoidFuture()
        }

        func didReceiveBodyPart(task: HTTPClient.Task<ServiceAnswer>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
            let read = answer.withLock { answer in
                answer.bodyBytes += buffer.readableBytes
                return answer.bodyBytes
            }
            guard read <= bodyLimit else {
                return task.eventLoop.makeFailedFuture(BodyTooLong(limit: bodyLimit))
            }
            return task.eventLoop.makeSucceededVoidFuture()
        }

        func didFinishRequest(task: HTTPClient.Task<ServiceAnswer>) throws -> ServiceAnswer {
            let now = ContinuousClock.now
            return answer.withLock { answer in
                answer.completed = now
                return answer
            }
        }
    }

#endif
