#if HTTPTransport
    import Foundation
    import SpeedLabScenarios
    import SpeedLabTransport

    /// What `speedlab services` sustains on loopback, so a reader knows the server is not what
    /// limits an http point: requests per second with zero latency over `connections`
    /// keep-alive connections, and `held` requests of one second each, all in flight at once.
    struct ServicesCapacityBenchmark {
        var connections: Int
        var durationSeconds: Int
        var held: Int

        func execute() async throws {
            let server = try await ServicesServer.start()
            let client = HTTPServiceClient(baseURL: server.address)
            print("services capacity benchmark: \(server.address), in this process (client and server share the cores)")
            let quick = ServiceCall(
                service: 0, query: 0, attempt: 1, seed: 1, meanLatencyNanos: 0, jitter: 0, failureRate: 0,
                responseBytes: 1024)
            let context = ScenarioContext()
            let stop = ContinuousClock.now.advanced(by: .seconds(durationSeconds))
            let start = ContinuousClock.now
            let connections = self.connections
            let count = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<connections {
                    group.addTask {
                        var done = 0
                        while ContinuousClock.now < stop {
                            try await client.fetch(quick, connections: connections, context: context)
                            done += 1
                        }
                        return done
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = seconds(since: start)
            print(
                "  zero-latency requests over \(connections) connections: \(count) in \(format(elapsed)) s = "
                    + "\(Int(Double(count) / elapsed)) requests/s")
            server.statistics.reset()
            let slow = ServiceCall(
                service: 0, query: 0, attempt: 1, seed: 1, meanLatencyNanos: 1e9, jitter: 0, failureRate: 0,
                responseBytes: 1024)
            let held = self.held
            let heldStart = ContinuousClock.now
            try await withThrowingDiscardingTaskGroup { group in
                for _ in 0..<held {
                    group.addTask { try await client.fetch(slow, connections: held, context: context) }
                }
            }
            let heldElapsed = seconds(since: heldStart)
            let statistics = server.statistics.snapshot
            print(
                "  \(held) requests held 1 s each, all at once: done in \(format(heldElapsed)) s, "
                    + "most held at once \(statistics.maxInFlight), connections \(statistics.connections) "
                    + "(\(statistics.connectionsUsed) carried a request)")
            await client.shutdown()
            await server.shutdown()
        }
    }
#endif
