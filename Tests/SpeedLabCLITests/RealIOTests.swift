#if HTTPTransport
    import Foundation
    import GRDB
    import SpeedLabTestSupport
    import Testing

    /// Real I/O through the built binary: a sweep over http end to end (the run starts its
    /// services, a real client calls them, samples and counters are stored), no services left
    /// behind whatever way speedlab ends, and services that do not answer stop a run before it
    /// stores anything.
    @Suite(.serialized) struct RealIOTests {
        typealias R = ReliabilityTests

        static func sweep(_ folder: TemporaryDirectory) throws -> String {
            try folder.write(
                """
                name: http-end-to-end
                seed: 5
                repetitions: 2
                warmup: 0
                scenarios:
                  concurrent:
                    tasks: 16
                    concurrency: 8
                    transport: http
                    response_bytes: 300
                  agent:
                    tasks: 8
                    concurrency: 4
                    failure_rate: 0.3
                    timeout_ms: 500
                    breaker_threshold: 1000
                    transport: [simulated, http]
                parameters:
                  latency_ms: 2
                """, to: "http.yaml")
        }

        /// A metric summed over the samples of the points of `scenario` whose transport is `transport`.
        static func metric(_ name: String, scenario: String, transport: String, in db: String) throws -> Double {
            let queue = try DatabaseQueue(path: db)
            defer { try? queue.close() }
            return try queue.read { db in
                try Double.fetchOne(
                    db,
                    sql: """
                        SELECT COALESCE(SUM(m.value), 0) FROM sampleMetric m JOIN sample s ON s.id = m.sampleId
                        JOIN point p ON p.id = s.pointId
                        WHERE p.scenario = ? AND m.name = ?
                          AND COALESCE(json_extract(p.parameters, '$.transport'), 'simulated') = ?
                        """, arguments: [scenario, name, transport]) ?? -1
            }
        }

        @Test(.timeLimit(.minutes(3)))
        func httpSweepRunsEndToEndWithTheSimulatedAgentsCounters() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let result = try SpeedLabCommand.run(["run", try Self.sweep(folder), "--no-report"], in: folder.url)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stderr.contains("started the services at http://127.0.0.1:"))
            let db = folder.path("speedlab.sqlite")
            #expect(try R.integer("SELECT COUNT(*) FROM run WHERE httpRoundTripNanos > 0", in: db) == 1)
            // concurrent: 16 requests per sample, 2 samples, every body read in full.
            #expect(try Self.metric("http_requests", scenario: "concurrent", transport: "http", in: db) == 32)
            #expect(
                try Self.metric("response_bytes_read", scenario: "concurrent", transport: "http", in: db) == 32 * 300)
            #expect(try Self.metric("http_errors", scenario: "concurrent", transport: "http", in: db) == 0)
            #expect(try Self.metric("client_cpu_us_per_call", scenario: "concurrent", transport: "http", in: db) > 0)
            // agent: the services met the seeded schedule, so its counters equal the simulated agent's.
            for counter in ["calls", "attempts", "errors", "timeouts", "retries", "answered", "degraded", "failed"] {
                let simulated = try Self.metric(counter, scenario: "agent", transport: "simulated", in: db)
                let http = try Self.metric(counter, scenario: "agent", transport: "http", in: db)
                #expect(simulated == http, "\(counter): simulated \(simulated), http \(http)")
            }
            #expect(try Self.metric("errors", scenario: "agent", transport: "http", in: db) > 0)
            #expect(
                try Self.metric("http_errors", scenario: "agent", transport: "http", in: db)
                    == Self.metric("errors", scenario: "agent", transport: "http", in: db))
        }

        /// Reads standard error of `process` until the line naming the services; returns their port.
        static func servicesPort(of process: Process) -> Int? {
            guard let pipe = process.standardError as? Pipe else { return nil }
            var text = ""
            let deadline = ContinuousClock.now.advanced(by: .seconds(60))
            while ContinuousClock.now < deadline {
                let data = pipe.fileHandleForReading.availableData
                if data.isEmpty { return nil }
                text += String(decoding: data, as: UTF8.self)
                if let range = text.range(of: "started the services at http://127.0.0.1:") {
                    let digits = text[range.upperBound...].prefix { $0.isNumber }
                    if !digits.isEmpty, text[range.upperBound...].dropFirst(digits.count).first != nil {
                        return Int(digits)
                    }
                }
            }
            return nil
        }

        /// Whether something accepts TCP connections on 127.0.0.1:`port`.
        static func isListening(port: Int) -> Bool {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            return withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
        }

        @Test(.timeLimit(.minutes(2)), arguments: [SIGKILL, SIGINT, SIGTERM])
        func noServicesOutliveSpeedlab(signal: Int32) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let sweep = try folder.write(
                "name: long\nrepetitions: 200\nscenarios: [sequential]\nparameters:\n  tasks: 4\n  latency_ms: 20\n"
                    + "  transport: http\n", to: "long.yaml")
            let process = try SpeedLabCommand.start(["run", sweep, "--no-report"], in: folder.url)
            let port = try #require(Self.servicesPort(of: process))
            #expect(Self.isListening(port: port))
            usleep(300_000)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            if signal != SIGKILL { #expect(process.terminationStatus == 130) }
            let deadline = ContinuousClock.now.advanced(by: .seconds(10))
            while Self.isListening(port: port), ContinuousClock.now < deadline { usleep(20_000) }
            #expect(!Self.isListening(port: port), "the services outlived speedlab (signal \(signal))")
        }

        @Test(.timeLimit(.minutes(1)))
        func servicesThatDoNotAnswerStopTheRunBeforeAnythingIsStored() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let sweep = try folder.write(
                "name: nowhere\nscenarios: [sequential]\nparameters:\n  transport: http\n", to: "nowhere.yaml")
            let result = try SpeedLabCommand.run(
                ["run", sweep, "--services", "http://127.0.0.1:1", "--no-report"], in: folder.url)
            #expect(result.exitCode == 69)
            #expect(result.stderr.contains("the services at http://127.0.0.1:1 do not answer"))
            let db = folder.path("speedlab.sqlite")
            if FileManager.default.fileExists(atPath: db) {
                #expect(try R.integer("SELECT COUNT(*) FROM run", in: db) == 0)
            }
        }

        #if !AsyncHTTPClient
            /// A point that asks for async-http-client in a build without its trait is refused
            /// before the services start or anything is stored, naming the trait.
            @Test(.timeLimit(.minutes(1)))
            func aClientThisBuildLacksIsRefusedBeforeTheRun() throws {
                let folder = try TemporaryDirectory()
                defer { folder.remove() }
                let sweep = try folder.write(
                    "name: library\nscenarios: [sequential]\nparameters:\n  transport: http\n"
                        + "  client: [nio, async-http-client]\n", to: "library.yaml")
                let result = try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url)
                #expect(result.exitCode == 69, "\(result.stderr)")
                #expect(result.stderr.contains("AsyncHTTPClient trait"), "\(result.stderr)")
                #expect(!result.stderr.contains("started the services"))
                let db = folder.path("speedlab.sqlite")
                if FileManager.default.fileExists(atPath: db) {
                    #expect(try R.integer("SELECT COUNT(*) FROM run", in: db) == 0)
                }
            }
        #endif

        /// Starts `speedlab services` on a free port; returns the process and its URL.
        static func startServices(in folder: TemporaryDirectory) throws -> (Process, String) {
            let process = try SpeedLabCommand.start(["services", "--port", "0"], in: folder.url)
            let pipe = try #require(process.standardOutput as? Pipe)
            let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
            let url = try #require(line.split(separator: " ").last).trimmingCharacters(in: .whitespacesAndNewlines)
            return (process, url)
        }

        /// Services that die mid-run fail the points that call them, loudly; the finished
        /// samples stay, and `--resume` completes the run once services answer again.
        @Test(.timeLimit(.minutes(3)))
        func servicesThatDieMidRunFailTheirPointsAndResumeCompletesTheRun() async throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let sweep = try folder.write(
                "name: dying\nrepetitions: 40\nwarmup: 0\nscenarios: [sequential]\nparameters:\n  tasks: 3\n"
                    + "  latency_ms: 10\n  transport: http\n", to: "dying.yaml")
            let (services, url) = try Self.startServices(in: folder)
            let run = try SpeedLabCommand.start(["run", sweep, "--services", url, "--no-report"], in: folder.url)
            let db = folder.path("speedlab.sqlite")
            try await R.waitForSamples(3, in: db)
            kill(services.processIdentifier, SIGKILL)
            services.waitUntilExit()
            let output = SpeedLabCommand.readToEnd(run)
            run.waitUntilExit()
            #expect(run.terminationStatus == 1)
            #expect(String(decoding: output.stderr, as: UTF8.self).contains("did not answer"))
            #expect(try R.text("SELECT status FROM run", in: db) == "failed")
            #expect(try R.text("SELECT status FROM point", in: db) == "failed")
            let kept = try R.integer("SELECT COUNT(*) FROM sample", in: db)
            #expect(kept >= 3 && kept < 40)

            let (again, newURL) = try Self.startServices(in: folder)
            defer {
                kill(again.processIdentifier, SIGTERM)
                again.waitUntilExit()
            }
            let resumed = try SpeedLabCommand.run(
                ["run", "--resume", "1", "--services", newURL, "--no-report"], in: folder.url)
            #expect(resumed.exitCode == 0, "\(resumed.stderr)")
            #expect(try R.text("SELECT status FROM run", in: db) == "completed")
            #expect(try R.integer("SELECT COUNT(*) FROM sample WHERE isWarmup = 0", in: db) == 40)
        }

        @Test(.timeLimit(.minutes(1)))
        func servicesPrintTheirAddressAndAnswerHealth() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let process = try SpeedLabCommand.start(["services", "--port", "0"], in: folder.url)
            defer {
                kill(process.processIdentifier, SIGTERM)
                process.waitUntilExit()
            }
            let pipe = try #require(process.standardOutput as? Pipe)
            let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
            #expect(line.hasPrefix("speedlab services listening on http://127.0.0.1:"))
            let port = try #require(
                Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
            #expect(Self.isListening(port: port))
        }
    }
#endif
