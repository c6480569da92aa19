#if HTTPTransport
    import Foundation
    import GRDB
    import SpeedLabTestSupport
    import Testing

    /// An llm sweep through the built binary against the services it starts: every measured
    /// request is stored with its chunk arrivals, the sample carries the stream metrics, the
    /// report writes the llm table, charts, the llm columns of points.csv and requests.csv, and
    /// a server that refuses every request is counted in errors, not crashed on.
    @Suite(.serialized) struct LLMRunTests {
        static let sweep = """
            name: llm-end-to-end
            seed: 3
            repetitions: 2
            warmup: 1
            scenarios:
              llm:
                concurrency: [1, 4]
                requests: 6
                prompt_tokens: 16
                output_tokens: 5
                ttft_ms: 5
                itl_ms: 2
                tokens_per_chunk: 2
            """

        @Test(.timeLimit(.minutes(3)))
        func everyMeasuredRequestIsStoredAndReported() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let file = try folder.write(Self.sweep, to: "llm.yaml")
            let result = try SpeedLabCommand.run(["run", file, "--db", "llm.sqlite", "--no-report"], in: folder.url)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let reported = try SpeedLabCommand.run(
                ["report", "1", "--db", "llm.sqlite", "--out", "report"], in: folder.url)
            #expect(reported.exitCode == 0, "\(reported.stderr)")
            let queue = try DatabaseQueue(path: folder.url.appendingPathComponent("llm.sqlite").path)
            defer { try? queue.close() }
            try queue.read { db in
                // 2 points × 2 measured repetitions × 6 requests; the warm-up keeps none.
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request") == 24)
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request WHERE error IS NOT NULL") == 0)
                // 5 tokens in chunks of 2: three content chunks, usage counted from the server.
                #expect(try Int.fetchOne(db, sql: "SELECT MIN(outputTokens) FROM request") == 5)
                #expect(try String.fetchOne(db, sql: "SELECT DISTINCT tokenSource FROM request") == "usage")
                let blobs = try Data.fetchAll(db, sql: "SELECT arrivals FROM request")
                #expect(blobs.allSatisfy { !$0.isEmpty })
                let ordered = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM request WHERE NOT (sentNanos <= firstByteNanos
                          AND firstByteNanos <= firstTokenNanos AND firstTokenNanos <= endNanos)
                        """)
                #expect(ordered == 0)
                let metrics = try String.fetchAll(
                    db, sql: "SELECT metrics FROM sample WHERE isWarmup = 0")
                #expect(metrics.allSatisfy { $0.contains("\"ttft_p99_ms\"") && $0.contains("\"output_tokens_per_s\"") })
            }
            let report = folder.url.appendingPathComponent("report")
            let markdown = try String(contentsOf: report.appendingPathComponent("report.md"), encoding: .utf8)
            #expect(markdown.contains("| ttft p50 ms |"))
            #expect(markdown.contains("llm-latency-throughput.svg"))
            #expect(markdown.contains("llm-ttft-cdf.svg"))
            let requests = try String(contentsOf: report.appendingPathComponent("requests.csv"), encoding: .utf8)
            #expect(requests.split(separator: "\r\n").count == 25)
            let points = try String(contentsOf: report.appendingPathComponent("points.csv"), encoding: .utf8)
            #expect(
                points.split(separator: "\r\n").first?.hasSuffix("requests_per_s,output_tokens_per_s,errors") == true)
        }

        @Test(.timeLimit(.minutes(3)))
        func requestsThatFailAreCountedAndThePointGoesOn() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let file = try folder.write(
                Self.sweep.replacingOccurrences(of: "concurrency: [1, 4]", with: "concurrency: 2")
                    + "\n    failure_rate: 1\n", to: "failing.yaml")
            let result = try SpeedLabCommand.run(["run", file, "--db", "llm.sqlite", "--no-report"], in: folder.url)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let queue = try DatabaseQueue(path: folder.url.appendingPathComponent("llm.sqlite").path)
            defer { try? queue.close() }
            try queue.read { db in
                // Two points (with its baseline at concurrency 1) × 2 repetitions × 6 requests.
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request WHERE status = 503") == 24)
                let errors = try String.fetchOne(db, sql: "SELECT error FROM request LIMIT 1") ?? ""
                #expect(errors.hasPrefix("HTTP 503"), "\(errors)")
                let counted = try Double.fetchAll(
                    db, sql: "SELECT json_extract(metrics, '$.errors') FROM sample WHERE isWarmup = 0")
                #expect(counted == [6, 6, 6, 6])
            }
        }

        @Test(.timeLimit(.minutes(3)))
        func anOpenLoopSendsOnScheduleAndShowsTheWaitServiceTimeHides() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let file = try folder.write(
                """
                name: llm-open-loop
                seed: 4
                repetitions: 1
                warmup: 0
                scenarios:
                  - llm:
                      rate: 40
                      arrival: constant
                      requests: 30
                      prompt_tokens: 8
                      output_tokens: 4
                      ttft_ms: 5
                      itl_ms: 2
                      slo_e2e_ms: 1000
                  - llm:
                      rate: 100
                      max_concurrency: 2
                      requests: 30
                      prompt_tokens: 8
                      output_tokens: 8
                      ttft_ms: 10
                      itl_ms: 5
                """, to: "open.yaml")
            let result = try SpeedLabCommand.run(["run", file, "--db", "open.sqlite", "--no-report"], in: folder.url)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let queue = try DatabaseQueue(path: folder.url.appendingPathComponent("open.sqlite").path)
            defer { try? queue.close() }
            try queue.read { db in
                func metric(_ name: String, rate: Int) throws -> Double {
                    try Double.fetchOne(
                        db,
                        sql: """
                            SELECT json_extract(s.metrics, '$.' || ?) FROM sample s JOIN point p ON p.id = s.pointId
                            WHERE json_extract(p.parameters, '$.rate') = ?
                            """, arguments: [name, rate]) ?? -1
                }
                // Below saturation the requests leave at the rate asked (a generous bound on a busy machine).
                #expect(try metric("offered_rate_per_s", rate: 40) == 40)
                let achieved = try metric("achieved_rate_per_s", rate: 40)
                #expect(abs(achieved - 40) < 4, "achieved \(achieved) requests/s")
                #expect(try metric("goodput_per_s", rate: 40) > 0)
                #expect(try metric("meets_slo", rate: 40) == 1)
                // Past what two slots serve (about 36 requests/s), requests wait: from the schedule the
                // latency grows, from the send it does not.
                let service = try metric("e2e_p99_ms", rate: 100)
                let scheduled = try metric("sched_e2e_p99_ms", rate: 100)
                #expect(scheduled > 2 * service, "sched e2e p99 \(scheduled) ms, e2e p99 \(service) ms")
                #expect(try metric("dispatch_delay_p99_ms", rate: 100) > 100)
                let unscheduled = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request WHERE scheduledNanos IS NULL")
                #expect(unscheduled == 0)
                let early = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request WHERE sentNanos < scheduledNanos")
                #expect(early == 0)
            }
            let reported = try SpeedLabCommand.run(
                ["report", "1", "--db", "open.sqlite", "--out", "r"], in: folder.url)
            #expect(reported.exitCode == 0, "\(reported.stderr)")
            let markdown = try String(contentsOf: folder.url.appendingPathComponent("r/report.md"), encoding: .utf8)
            #expect(markdown.contains("| dispatch delay p99 ms |"))
            #expect(markdown.contains("llm-rate-latency.svg") && markdown.contains("llm-rate-goodput.svg"))
            let csv = try String(contentsOf: folder.url.appendingPathComponent("r/requests.csv"), encoding: .utf8)
            #expect(csv.hasPrefix("point_id,repetition,request,scheduled_ns,sent_ns,"))
        }
    }
#endif
