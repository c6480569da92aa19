#if HTTPTransport
    import Foundation
    import SpeedLabTestSupport
    import Testing

    /// Real I/O at the edges of trust, through the built binary: http points as an
    /// unprivileged user, a signal while the services start, and services that answer wrongly.
    @Suite(.serialized) struct TrustRealIOTests {
        typealias R = ReliabilityTests

        static func sweep(_ folder: TemporaryDirectory, repetitions: Int = 2) throws -> String {
            try folder.write(
                """
                name: http-trust
                repetitions: \(repetitions)
                warmup: 0
                baselines: false
                scenarios:
                  concurrent:
                    tasks: 8
                    concurrency: 4
                    transport: http
                    response_bytes: 512
                parameters:
                  latency_ms: 2
                """, to: "http.yaml")
        }

        @Test(
            .enabled(if: R.canTestPermissions, "needs setpriv and a build folder readable by nobody when run as root"),
            .timeLimit(.minutes(2)))
        func httpPointsRunForAnUnprivilegedUser() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.url.path)
            let result = try SpeedLabCommand.runAsNobody(
                ["run", try Self.sweep(folder), "--no-report", "--no-trace"], in: folder.url)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.contains("completed"), "\(result.stdout)")
        }

        /// An ordinary user's soft limit on open files is often 1,024 (root's is far higher):
        /// a run raises its own for its connections, and the commands it measures keep the
        /// limit SpeedLab was started with.
        @Test(.timeLimit(.minutes(3)))
        func connectionsBeyondTheSoftOpenFileLimitRunAndCommandsKeepTheirLimit() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let sweep = try folder.write(
                """
                name: open-files
                repetitions: 2
                warmup: 0
                baselines: false
                scenarios:
                  - concurrent:
                      tasks: 400
                      concurrency: 400
                      transport: http
                      latency_ms: 5
                  - command:
                      name: soft-limit
                      run: sh -c 'echo "nofile=$(ulimit -Sn)" >> "$SPEEDLAB_METRICS"'
                """, to: "open-files.yaml")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c", "ulimit -Sn 256 && exec \"$0\" \"$@\"", FixturePaths.speedlabBinary.path, "run", sweep,
                "--no-report", "--no-trace",
            ]
            process.currentDirectoryURL = folder.url
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let output = SpeedLabCommand.readToEnd(process)
            process.waitUntilExit()
            let stderr = String(decoding: output.stderr, as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(stderr)")
            let db = folder.path("speedlab.sqlite")
            #expect(try R.integer("SELECT COUNT(*) FROM point WHERE status = 'measured'", in: db) == 2)
            #expect(try R.integer("SELECT MIN(value) FROM sampleMetric WHERE name = 'nofile'", in: db) == 256)
            #expect(try R.integer("SELECT MAX(value) FROM sampleMetric WHERE name = 'nofile'", in: db) == 256)
        }

        @Test(
            .timeLimit(.minutes(4)), arguments: [(0, SIGINT), (10, SIGTERM), (25, SIGINT), (50, SIGTERM), (90, SIGINT)])
        func aSignalWhileTheServicesStartIsAnInterruption(afterMilliseconds delay: Int, signal: Int32) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let process = try SpeedLabCommand.start(
                ["run", try Self.sweep(folder, repetitions: 50), "--no-report"], in: folder.url)
            usleep(UInt32(delay) * 1_000 + 30_000)  // the binary's own start-up first
            kill(process.processIdentifier, signal)
            let output = SpeedLabCommand.readToEnd(process)
            process.waitUntilExit()
            let stderr = String(decoding: output.stderr, as: UTF8.self)
            #expect(
                process.terminationStatus == 130 || process.terminationReason == .uncaughtSignal,
                "\(process.terminationStatus): \(stderr)")
            #expect(!stderr.contains("CancellationError"), "\(stderr)")
            #expect(!stderr.contains("services"), "\(stderr)")
        }

        /// An agent whose services pass the health check and the round-trip calibration and
        /// then never answer: every call times out, in the agent and in its baseline alike, so
        /// their checksums agree — and still the points fail, for their calls went off the
        /// seed's schedule, and no speedup or met target is claimed.
        @Test(.timeLimit(.minutes(3)))
        func anAgentWhoseServicesStopAnsweringAfterCalibrationFailsInsteadOfMeetingItsTarget() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let (server, url) = try Self.startFakeServices(mode: "silent-after-calibration")
            defer {
                kill(server.processIdentifier, SIGKILL)
                server.waitUntilExit()
            }
            let sweep = try folder.write(
                """
                name: silent-agent
                repetitions: 2
                warmup: 0
                scenarios:
                  agent:
                    tasks: 4
                    concurrency: 4
                    transport: http
                    work: 0
                parameters:
                  latency_ms: 2
                """, to: "agent.yaml")
            let result = try SpeedLabCommand.run(
                ["run", sweep, "--services", url, "--no-trace", "--no-report"], in: folder.url)
            #expect(result.exitCode == 1, "\(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("seed's schedule"), "\(result.stderr)")
            let report = try SpeedLabCommand.run(["report", "1", "--out", "-"], in: folder.url)
            #expect(!report.stdout.contains("| met |"), "\(report.stdout)")
            #expect(!result.stdout.contains("(met)"), "\(result.stdout)")
        }

        /// An answer with no status line (HTTP/0.9, or any garbage) that ends with a close is
        /// reported with the bytes it read, shown safely, not as a connection closed early.
        @Test(.timeLimit(.minutes(2)))
        func anAnswerWithoutAStatusLineIsReportedWithTheBytesRead() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let (server, url) = try Self.startFakeServices(mode: "http09")
            defer {
                kill(server.processIdentifier, SIGKILL)
                server.waitUntilExit()
            }
            let result = try SpeedLabCommand.run(
                ["run", try Self.sweep(folder), "--services", url, "--no-report", "--no-trace"], in: folder.url)
            #expect([1, 69].contains(result.exitCode), "\(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("not an HTTP/1 answer"), "\(result.stderr)")
            #expect(result.stderr.contains("garbage answer \\x1B[31m"), "\(result.stderr)")
            #expect(!result.stderr.contains("\u{1B}"), "no escape sequence reaches the terminal")
            #expect(!result.stderr.contains("before answering"), "\(result.stderr)")
        }

        /// Starts `fake-services/wrong-answers.py MODE`; the process and the URL it serves.
        static func startFakeServices(mode: String) throws -> (Process, String) {
            let server = Process()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            server.arguments = [
                "python3", FixturePaths.fixtures.appendingPathComponent("fake-services/wrong-answers.py").path, mode,
            ]
            let output = Pipe()
            server.standardOutput = output
            server.standardError = FileHandle.nullDevice
            try server.run()
            let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            guard let url = line.split(separator: " ").last.map({ String($0.trimmingCharacters(in: .newlines)) }) else {
                kill(server.processIdentifier, SIGKILL)
                throw CocoaError(.fileReadCorruptFile)
            }
            return (server, url)
        }

        static let wrongAnswers = ["short", "html", "huge", "other-call", "no-tag", "status-418"]

        @Test(.timeLimit(.minutes(3)), arguments: wrongAnswers)
        func servicesThatAnswerWronglyFailThePointLoudly(mode: String) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let (server, url) = try Self.startFakeServices(mode: mode)
            defer {
                kill(server.processIdentifier, SIGKILL)
                server.waitUntilExit()
            }
            let result = try SpeedLabCommand.run(
                ["run", try Self.sweep(folder), "--services", url, "--no-report", "--no-trace"], in: folder.url)
            // Refused while the round trip is calibrated (69, nothing stored) or by the point (1).
            #expect([1, 69].contains(result.exitCode), "\(mode): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("wrong answer") || result.stderr.contains("ran past"), "\(result.stderr)")
            #expect(!result.stdout.contains("speedup"), "no speedup is claimed: \(result.stdout)")
        }
    }
#endif
