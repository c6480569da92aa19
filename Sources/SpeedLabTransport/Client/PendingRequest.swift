#if HTTPTransport
    import NIOCore
    import SpeedLabScenarios
    import Synchronization

    /// One GET on its way through the lean client: waiting for a connection, sent on one, or
    /// done. It resumes its waiting task exactly once, with the answer, a ``TransportError`` or
    /// a `CancellationError`, whichever comes first; the others find it done.
    ///
    /// Cancelled while sent, it closes its connection, so that its answer, arriving late, is
    /// never delivered to the next request on that connection.
    final class PendingRequest: Sendable {
        /// What a request asks for: a call of the services, or a path and query given whole.
        enum Target: Sendable {
            case call(ServiceCall)
            case path(String)
        }

        /// The path and query of the request.
        let target: Target
        /// The most body read before the answer is refused.
        let bodyLimit: Int
        /// How long it may wait for its answer once sent: its answer delay and a slack.
        let timeLimit: TimeAmount

        /// Unchecked: every path that resumes it first takes it out of `state` under the lock
        /// (leaving `.done` or `.cancelled`), and `install` resumes it only when it was never
        /// stored, so it is resumed exactly once; the checked kind would add an allocation and
        /// an atomic to every request to verify what the state machine already guarantees.
        typealias Continuation = UnsafeContinuation<ServiceAnswer, any Error>

        private enum State {
            case created
            case waiting(Continuation)
            case sent(Continuation, any Channel)
            case cancelled
            case done
        }

        private let state = Mutex(State.created)

        init(target: Target, bodyLimit: Int, timeLimit: TimeAmount) {
            self.target = target
            self.bodyLimit = bodyLimit
            self.timeLimit = timeLimit
        }

        /// Keeps the waiting task's continuation; false (the task resumed with a
        /// `CancellationError`) when the task was cancelled already.
        func install(_ continuation: Continuation) -> Bool {
            let installed = state.withLock { state in
                guard case .created = state else { return false }
                state = .waiting(continuation)
                return true
            }
            if !installed { continuation.resume(throwing: CancellationError()) }
            return installed
        }

        /// Whether it still waits for a connection (a cancelled one is skipped in the queue).
        var isWaiting: Bool {
            state.withLock { state in
                if case .waiting = state { return true }
                return false
            }
        }

        /// Marks it sent on `channel`; false when it is no longer waiting (cancelled), so the
        /// connection goes back to the pool unused.
        func markSent(on channel: any Channel) -> Bool {
            state.withLock { state in
                guard case .waiting(let continuation) = state else { return false }
                state = .sent(continuation, channel)
                return true
            }
        }

        /// Resumes the task with `result`; false when it had resumed already (cancelled).
        @discardableResult
        func finish(_ result: Result<ServiceAnswer, any Error>) -> Bool {
            let continuation = state.withLock { state -> Continuation? in
                switch state {
                case .waiting(let continuation), .sent(let continuation, _):
                    state = .done
                    return continuation
                case .created, .cancelled, .done:
                    return nil
                }
            }
            continuation?.resume(with: result)
            return continuation != nil
        }

        /// The waiting task was cancelled: it resumes with a `CancellationError` now, and a
        /// connection it was sent on is closed.
        func cancel() {
            let (continuation, channel) = state.withLock {
                state -> (Continuation?, (any Channel)?) in
                switch state {
                case .created:
                    state = .cancelled
                    return (nil, nil)
                case .waiting(let continuation):
                    state = .cancelled
                    return (continuation, nil)
                case .sent(let continuation, let channel):
                    state = .cancelled
                    return (continuation, channel)
                case .cancelled, .done:
                    return (nil, nil)
                }
            }
            continuation?.resume(throwing: CancellationError())
            channel?.close(promise: nil)
        }
    }
#endif
