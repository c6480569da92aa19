#if HTTPTransport
    import SpeedLabConcurrency
    import SpeedLabCore
    import SpeedLabScenarios

    /// What one answer of the services came back with, as either client reads it: the status,
    /// the body counted (not kept), the call it says it answers, its position on its
    /// connection, and the instants that bound the wait for a connection and the wake.
    struct ServiceAnswer: Sendable {
        var status = 0
        var bodyBytes = 0
        /// `x-speedlab-connection-request`: 1 for the first answer on a connection.
        var connectionRequest = 0
        /// The `x-speedlab-call` header: which call the services answered.
        var answeredCall: String?
        /// When the last byte arrived: the waiting task's wake lateness is measured from there.
        var completed = ContinuousClock.now
        /// When the first byte of the answer arrived.
        var firstByte: ContinuousClock.Instant?
        /// When the request went out on a connection: the wait for a pool's connection ends there.
        var sentHead: ContinuousClock.Instant?

        /// Counts this answer to `call` in `context` (requests, error statuses, connections
        /// opened, body bytes), records the wait for a connection as a `permit` span when
        /// tracing and the wake lateness, then throws when the answer is not SpeedLab's
        /// (``TransportError``) or is an error status (``ServiceFailure``). `start` is when the
        /// fetch asked for a connection. Returns what the call measured; its latency is recorded
        /// in `context` whatever the status.
        @discardableResult
        func account(for call: ServiceCall, start: ContinuousClock.Instant, baseURL: String, context: ScenarioContext)
            throws -> CallTiming
        {
            context.fetches.update { counters in
                counters.requests += 1
                counters.bodyBytes += bodyBytes
                if connectionRequest == 1 { counters.connectionsOpened += 1 }
                if status != 200 { counters.httpErrors += 1 }
            }
            if let tracer = context.tracer, let sentHead {  // the wait for one of the pool's connections
                tracer.record(
                    .permit, item: call.query, service: call.service, attempt: call.attempt, outcome: "connection",
                    from: tracer.nanos(at: start), to: tracer.nanos(at: sentHead))
            }
            let late = completed.duration(to: .now).components
            context.lateness.record(nanos: late.seconds * 1_000_000_000 + late.attoseconds / 1_000_000_000)
            if let wrong = Self.wrongAnswer(self, to: call) {
                throw TransportError(
                    "the services at \(baseURL) gave a wrong answer to service \(call.service), query \(call.query), "
                        + "attempt \(call.attempt): \(wrong); the point's timings would not be of this workload")
            }
            let timing = CallTiming(start: start, firstByte: firstByte ?? completed, end: completed, bytes: bodyBytes)
            context.calls.record(timing)
            guard status == 200 else { throw ServiceFailure(call, status: status) }
            return timing
        }

        /// Why `answer` is not what SpeedLab's services send for `call`, or nil when it is: the
        /// status the seeded draw gives (503 for a drawn failure, else 200), the call's own
        /// `x-speedlab-call` tag, and a body of exactly `responseBytes` bytes with 200.
        static func wrongAnswer(_ answer: ServiceAnswer, to call: ServiceCall) -> String? {
            let expectedStatus = call.draw == .fail ? 503 : 200
            guard answer.status == expectedStatus else {
                return "HTTP \(answer.status) where its seeded draw gives \(expectedStatus)"
            }
            let tag = ServiceRoute.tag(of: call)
            guard answer.answeredCall == tag else {
                return answer.answeredCall.map { "it answers call \($0.prefix(80)), not \(tag)" }
                    ?? "it does not say which call it answers (no \(ServiceRoute.callHeader) header)"
            }
            if answer.status == 200, answer.bodyBytes != call.responseBytes {
                return "a body of \(answer.bodyBytes) bytes where response_bytes is \(call.responseBytes)"
            }
            return nil
        }

        /// The most body read from an answer other than a call's own body (health, statistics,
        /// an error page): enough for what the services send, never a flood.
        static let errorBodyLimit = 65_536

        /// The most body read for `call` (or for a request that is no call).
        static func bodyLimit(for call: ServiceCall?) -> Int {
            max(call?.responseBytes ?? 0, errorBodyLimit)
        }
    }

    /// An answer whose body ran past what the call asked for; the request is cut off there.
    struct BodyTooLong: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "its body ran past \(limit) bytes" }
    }
#endif
