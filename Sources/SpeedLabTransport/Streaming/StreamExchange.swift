#if HTTPTransport
    import NIOCore
    import SpeedLabScenarios
    import SpeedLabStreaming
    import Synchronization

    /// One completion request on its way through the streaming client: waiting for a
    /// connection, sent on one, or done. It resumes its waiting task exactly once, with the
    /// timing read (a failed request included) or a `CancellationError`.
    final class StreamExchange: Sendable {
        let call: CompletionCall
        /// The request's bytes: its head and body, built once.
        let request: [UInt8]

        /// Unchecked: every path that resumes it first takes it out of `state` under the lock,
        /// so it is resumed exactly once (as ``PendingRequest``'s).
        typealias Continuation = UnsafeContinuation<StreamTiming, any Error>

        private enum State {
            case created
            case waiting(Continuation)
            case sent(Continuation, any Channel)
            case cancelled
            case done
        }

        private let state = Mutex(State.created)

        init(call: CompletionCall, hostHeader: String, path: String) {
            self.call = call
            var head = "POST \(path) HTTP/1.1\r\nhost: \(hostHeader)\r\ncontent-type: application/json\r\n"
            head += "accept: \(call.stream ? "text/event-stream" : "application/json")\r\n"
            for (name, value) in call.headers { head += "\(name): \(value)\r\n" }
            head += "content-length: \(call.body.count)\r\n\r\n"
            request = Array(head.utf8) + call.body
        }

        func install(_ continuation: Continuation) -> Bool {
            let installed = state.withLock { state in
                guard case .created = state else { return false }
                state = .waiting(continuation)
                return true
            }
            if !installed { continuation.resume(throwing: CancellationError()) }
            return installed
        }

        var isWaiting: Bool {
            state.withLock { state in
                if case .waiting = state { return true }
                return false
            }
        }

        func markSent(on channel: any Channel) -> Bool {
            state.withLock { state in
                guard case .waiting(let continuation) = state else { return false }
                state = .sent(continuation, channel)
                return true
            }
        }

        /// Resumes the task with `timing`; false when it had resumed already (cancelled).
        @discardableResult
        func finish(_ timing: StreamTiming) -> Bool {
            let continuation = state.withLock { state -> Continuation? in
                switch state {
                case .waiting(let continuation), .sent(let continuation, _):
                    state = .done
                    return continuation
                case .created, .cancelled, .done:
                    return nil
                }
            }
            continuation?.resume(returning: timing)
            return continuation != nil
        }

        /// A request that failed before it was sent: its timing says why.
        func refuse(_ why: String) {
            var timing = StreamTiming(sent: .now)
            timing.error = why
            finish(timing)
        }

        func cancel() {
            let (continuation, channel) = state.withLock { state -> (Continuation?, (any Channel)?) in
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
