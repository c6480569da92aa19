#if HTTPTransport
    import Foundation
    import GRDB
    import SpeedLabTestSupport
    import Testing

    /// `speedlab load` against a server of known schedule: it makes the run its flags stand
    /// for, checks the endpoint first (every bad one refused in one line, nothing stored), and
    /// the API key reaches the server and nothing else.
    @Suite(.serialized) struct LoadCommandTests {
        /// Starts `fake-services/llm-schedule.py` (first token after 10 ms, then one every 2 ms).
        static func startServer() throws -> (Process, Int) {
            let server = Process()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            server.arguments = [
                "python3", FixturePaths.fixtures.appendingPathComponent("fake-services/llm-schedule.py").path, "10",
                "2",
            ]
            let output = Pipe()
            server.standardOutput = output
            server.standardInput = Pipe()
            server.standardError = FileHandle.nullDevice
            try server.run()
            let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                kill(server.processIdentifier, SIGKILL)  // a signal the inherited mask cannot block
                throw CocoaError(.fileReadCorruptFile)
            }
            return (server, port)
        }

        @Test(.timeLimit(.minutes(3)))
        func aLoadIsARunOfItsSweepAndTheKeyGoesNowhereButTheServer() throws {
            let (server, port) = try Self.startServer()
            defer {
                kill(server.processIdentifier, SIGKILL)  // a signal the inherited mask cannot block
                server.waitUntilExit()
            }
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let secret = "test-key-42"
            let result = try SpeedLabCommand.run(
                [
                    "load", "http://127.0.0.1:\(port)/auth", "--model", "m", "--rate", "20,40", "--requests", "10",
                    "--output-tokens", "3", "--runs", "1", "--warmup", "0", "--slo", "ttft_ms=500,e2e_ms=2000",
                    "--api-key-env", "SPEEDLAB_TEST_KEY", "--label", "nightly", "--db", "load.sqlite",
                ], in: folder.url, environment: ["SPEEDLAB_TEST_KEY": secret])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
            let queue = try DatabaseQueue(path: folder.url.appendingPathComponent("load.sqlite").path)
            try queue.read { db in
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request WHERE error IS NULL") == 20)
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request WHERE scheduledNanos IS NULL") == 0)
                let yaml = try String.fetchOne(db, sql: "SELECT sweepYAML FROM run") ?? ""
                #expect(yaml.contains("api_key_env: \"SPEEDLAB_TEST_KEY\"") && yaml.contains("rate: [20, 40]"))
                #expect(try String.fetchOne(db, sql: "SELECT label FROM run") == "nightly")
                let goodput = try Double.fetchAll(
                    db, sql: "SELECT json_extract(metrics, '$.goodput_per_s') FROM sample")
                #expect(goodput.count == 2 && goodput.allSatisfy { $0 > 0 })
            }
            try queue.close()
            // The key is in no file SpeedLab wrote: the store, its journal, the report.
            let enumerator = FileManager.default.enumerator(at: folder.url, includingPropertiesForKeys: nil)
            while let file = enumerator?.nextObject() as? URL {
                guard let data = try? Data(contentsOf: file) else { continue }
                #expect(data.range(of: Data(secret.utf8)) == nil, "\(file.lastPathComponent) holds the key")
            }
        }

        @Test(.timeLimit(.minutes(3)))
        func everyBadEndpointIsRefusedInOneLineWithNothingStored() throws {
            let (server, port) = try Self.startServer()
            defer {
                kill(server.processIdentifier, SIGKILL)  // a signal the inherited mask cannot block
                server.waitUntilExit()
            }
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let cases = [
                ("http://127.0.0.1:\(port)/auth", "refused the request (HTTP 401: invalid api key)"),
                ("http://127.0.0.1:\(port)/status", "answered HTTP 503: overloaded, try later"),
                ("http://127.0.0.1:\(port)/html", "is not an OpenAI-compatible completions endpoint"),
                ("http://127.0.0.1:1/v1/chat/completions", "nothing answers at http://127.0.0.1:1"),
                ("https://example.com/v1/chat/completions", "https is not spoken"),
            ]
            for (url, message) in cases {
                let result = try SpeedLabCommand.run(
                    ["load", url, "--rate", "5", "--db", "bad.sqlite"], in: folder.url)
                #expect(result.exitCode == 69, "\(url): \(result.stderr)")
                #expect(result.stderr.contains(message), "\(url): \(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(url): \(result.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: folder.path("bad.sqlite")))
        }
    }
#endif
