#if HTTPTransport
    import Foundation
    import SpeedLabConcurrency
    import SpeedLabScenarios
    import SpeedLabTransport
    import Synchronization
    import Testing

    /// The services answer every attempt as the seeded schedule says, over a real socket,
    /// so a scenario over http meets exactly the failures of the simulated transport.
    @Suite(.serialized) struct ServicesScheduleTests {
        /// Every (query, service, attempt) at failure rates 0, 0.1 and 0.3: a `fail` draw is an
        /// HTTP 503, any other answer a 200 with the body in full, and no answer comes before
        /// the delay the schedule gives (10 × latency for a hang).
        @Test(.timeLimit(.minutes(3)), arguments: [0.0, 0.1, 0.3])
        func answersFollowTheSeededSchedule(failureRate: Double) async throws {
            let server = try await ServicesServer.start()
            let client = HTTPServiceClient(baseURL: server.address)
            defer {
                Task {
                    await client.shutdown()
                    await server.shutdown()
                }
            }
            let context = ScenarioContext()
            var seen: [ServiceDraw: Int] = [:]
            try await withThrowingTaskGroup(of: (ServiceDraw, Bool, Double).self) { group in
                for query in 0..<40 {
                    for service in 1...4 {
                        for attempt in 1...3 {
                            let call = ServiceCall(
                                service: service, query: query, attempt: attempt, seed: 7, meanLatencyNanos: 1e6,
                                jitter: 0.5, failureRate: failureRate, responseBytes: 100 + query)
                            group.addTask {
                                let start = ContinuousClock.now
                                var failed = false
                                do {
                                    try await client.fetch(call, connections: 64, context: context)
                                } catch let failure as ServiceFailure {
                                    #expect(failure.status == 503)
                                    failed = true
                                }
                                let took = start.duration(to: .now)
                                let nanos =
                                    Double(took.components.seconds) * 1e9 + Double(took.components.attoseconds) / 1e9
                                #expect(nanos >= call.answerDelayNanos * 0.99, "answered before its delay")
                                return (call.draw, failed, nanos)
                            }
                        }
                    }
                }
                for try await (draw, failed, _) in group {
                    #expect(failed == (draw == .fail))
                    seen[draw, default: 0] += 1
                }
            }
            let counters = context.fetches.snapshot
            #expect(counters.requests == 480)
            #expect(counters.httpErrors == seen[.fail, default: 0])
            #expect(counters.connectionErrors == 0)
            let statistics = server.statistics.snapshot
            #expect(statistics.requests == 480)
            #expect(statistics.errors == seen[.fail, default: 0])
            #expect(statistics.hangs == seen[.hang, default: 0])
            if failureRate == 0 { #expect(seen[.respond] == 480) } else { #expect(seen[.fail, default: 0] > 0) }
        }

        /// A request the client gives up on (its task cancelled, as a timeout does) ends the
        /// held answer on the server too: nothing stays in flight. The answer is held for a
        /// minute and its arrival is read from the services' request count, which only grows, so
        /// a poller that a busy machine leaves unscheduled for seconds still sees it; every wait
        /// is bounded, so a request that never reaches the services fails saying so.
        @Test(.timeLimit(.minutes(3)))
        func cancelledRequestsLeaveNothingHeld() async throws {
            let server = try await ServicesServer.start()
            let client = HTTPServiceClient(baseURL: server.address)
            let call = ServiceCall(
                service: 1, query: 0, attempt: 1, seed: 1, meanLatencyNanos: 60e9, jitter: 0, failureRate: 0,
                responseBytes: 10)
            let finished = Flag()
            let task = Task {
                defer { finished.set() }
                try await client.fetch(call, connections: 1, context: ScenarioContext())
            }
            let arrived = try await Self.waitUntil(seconds: 50) {
                server.statistics.snapshot.requests > 0 || finished.isSet
            }
            if arrived, !finished.isSet {
                task.cancel()
                await #expect(throws: CancellationError.self) { try await task.value }
                let cleared = try await Self.waitUntil(seconds: 20) { server.statistics.snapshot.inFlight == 0 }
                #expect(cleared, "the services still hold \(server.statistics.snapshot.inFlight) answer(s)")
            } else {
                task.cancel()
                let outcome = await task.result
                Issue.record(
                    "the request was not held by the services (arrived: \(arrived)); the fetch ended with \(outcome)")
            }
            await client.shutdown()
            await server.shutdown()
        }

        /// Polls `condition` every 5 ms for at most `seconds`; whether it held.
        private static func waitUntil(seconds: Int, _ condition: () -> Bool) async throws -> Bool {
            let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
            while !condition() {
                guard ContinuousClock.now < deadline else { return false }
                try await Task.sleep(for: .milliseconds(5))
            }
            return true
        }

        /// Set once, read from any task.
        private final class Flag: Sendable {
            private let value = Mutex(false)
            var isSet: Bool { value.withLock { $0 } }
            func set() { value.withLock { $0 = true } }
        }

        /// Services that stop answering are a transport error, counted as a connection error,
        /// never mistaken for an answer of the service.
        @Test(.timeLimit(.minutes(3)))
        func unreachableServicesAreATransportError() async throws {
            let server = try await ServicesServer.start()
            let address = server.address
            await server.shutdown()
            let client = HTTPServiceClient(baseURL: address)
            let context = ScenarioContext()
            let call = ServiceCall(
                service: 0, query: 0, attempt: 1, seed: 1, meanLatencyNanos: 0, jitter: 0, failureRate: 0,
                responseBytes: 0)
            await #expect(throws: TransportError.self) {
                try await client.fetch(call, connections: 1, context: context)
            }
            #expect(context.fetches.snapshot.connectionErrors == 1)
            await client.shutdown()
        }

        /// A bad query string is refused with 400 and says what it expected; an unknown path is 404.
        @Test(.timeLimit(.minutes(3)))
        func malformedRequestsAreRefused() async throws {
            let server = try await ServicesServer.start()
            let client = HTTPServiceClient(baseURL: server.address)
            #expect(try await client.get("/call?service=1").status == 400)
            #expect(try await client.get("/nowhere").status == 404)
            #expect(try await client.get(ServiceRoute.health).status == 200)
            await client.shutdown()
            await server.shutdown()
        }

        /// A call survives the trip through the query string bit for bit.
        @Test func callsRoundTripThroughTheQueryString() throws {
            let call = ServiceCall(
                service: 3, query: 12_345, attempt: 2, seed: 99, meanLatencyNanos: 1.0 / 3.0 * 1e7, jitter: 0.2,
                failureRate: 0.1 + 0.2, responseBytes: 4096)
            let target = ServiceRoute.target(of: call)
            let query = target.split(separator: "?", maxSplits: 1)[1]
            #expect(try ServiceRoute.call(fromQuery: query).get() == call)
        }

        /// Whole numbers travel without a fraction and still come back bit for bit, as do
        /// values just off them.
        @Test(arguments: [
            0, 1, 2e7, 6e7, 1e15, 8_999_999_999_999_998, 2e7 + 0.5, 1e16, 0.999_999_999_999_999_9,
            .leastNonzeroMagnitude,
        ])
        func wholeAndNearWholeLatenciesRoundTrip(_ nanos: Double) throws {
            let call = ServiceCall(
                service: 0, query: 1, attempt: 1, seed: 42, meanLatencyNanos: nanos, jitter: nanos == 0 ? 0 : 1,
                failureRate: 0, responseBytes: 1024)
            let query = ServiceRoute.target(of: call).split(separator: "?", maxSplits: 1)[1]
            #expect(try ServiceRoute.call(fromQuery: query).get() == call)
        }
    }
#endif
