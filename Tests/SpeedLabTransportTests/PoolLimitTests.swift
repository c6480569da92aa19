#if HTTPTransport
    import Foundation
    import SpeedLabCore
    import SpeedLabConcurrency
    import SpeedLabScenarios
    import SpeedLabTransport
    import Testing

    /// A connection pool smaller than the concurrency is a semaphore: the services never see
    /// more requests in flight than the pool's connections.
    @Suite(.serialized) struct PoolLimitTests {
        static func point(concurrency: Int, connections: Int) -> ParameterPoint {
            ParameterPoint([
                "tasks": .integer(96), "latency_ms": .integer(5), "jitter": .integer(0), "work": .integer(0),
                "seed": .integer(1), "transport": .text("http"), "response_bytes": .integer(512),
                "concurrency": .integer(concurrency), "dispatch": .text("window"),
                "connections": .integer(connections),
            ])
        }

        @Test(.timeLimit(.minutes(3)), arguments: [(32, 8), (32, 32), (16, 4)])
        func requestsInFlightNeverExceedTheConnections(concurrency: Int, connections: Int) async throws {
            let server = try await ServicesServer.start()
            let client = HTTPServiceClient(baseURL: server.address)
            let scenario = try ConcurrentScenario(point: Self.point(concurrency: concurrency, connections: connections))
            let context = ScenarioContext(
                network: NetworkResources(http: client, database: nil, roundTripNanos: 0))
            let outcome = try await scenario.run(in: context)
            #expect(outcome.checksum != 0)
            let statistics = server.statistics.snapshot
            #expect(statistics.requests == 96)
            #expect(statistics.maxInFlight <= connections)
            #expect(statistics.connections <= connections)
            // The pool may open a connection ahead that never carries a request; the client
            // counts the connections its answers came over, the server those that carried one.
            #expect(statistics.connectionsUsed <= statistics.connections)
            #expect(context.fetches.snapshot.connectionsOpened == statistics.connectionsUsed)
            #expect(context.fetches.snapshot.bodyBytes == 96 * 512)
            // The services' own CPU per request (what /stats reports beside the counters).
            #expect(statistics.cpuMicrosPerRequest > 0)
            await client.shutdown()
            await server.shutdown()
        }

        /// Traced, a call that waits for one of the pool's connections shows that wait as a
        /// permit span (`connection`) inside its fetch; with a pool as large as the
        /// concurrency, calls hardly wait.
        @Test(.timeLimit(.minutes(3)))
        func tracedCallsShowTheirWaitForAConnection() async throws {
            let server = try await ServicesServer.start()
            let client = HTTPServiceClient(baseURL: server.address)
            let scenario = try ConcurrentScenario(point: Self.point(concurrency: 32, connections: 4))
            var context = ScenarioContext(network: NetworkResources(http: client, database: nil, roundTripNanos: 0))
            let tracer = SpanTracer()
            context.tracer = tracer
            _ = try await scenario.run(in: context)
            let spans = tracer.spans
            let waits = spans.filter { $0.kind == .permit && $0.outcome == "connection" }
            let fetches = spans.filter { $0.kind == .fetch }
            #expect(fetches.count == 96)
            #expect(waits.count == 96)
            for wait in waits {
                let fetch = try #require(fetches.first { $0.item == wait.item })
                #expect(fetch.startNanos <= wait.startNanos && wait.endNanos <= fetch.endNanos)
            }
            // 96 calls of 5 ms through 4 connections: most wait several rounds for one.
            let waited = waits.filter { $0.durationNanos > 4_000_000 }
            #expect(waited.count > 48)
            await client.shutdown()
            await server.shutdown()
        }
    }
#endif
