#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabPostgres
    import SpeedLabSQLite
    import SpeedLabStore
    import SpeedLabStoreOpener
    import SpeedLabTestSupport
    import Testing

    /// `speedlab import` and ``RunImporter`` between SQLite and PostgreSQL: runs arrive whole,
    /// with their identity, once, and only those the filters name.
    @Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs SPEEDLAB_TEST_POSTGRES"))
    struct PostgresImportTests {
        @Test(.timeLimit(.minutes(2)))
        func runsSurviveSQLiteToPostgresToSQLiteUnchanged() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let source = try ImportFixture.store(at: folder.path("source.sqlite"))
            // One run measured by the binary too: warm-ups, a traced repetition, the engine's metrics.
            let sweep = try PostgresTesting.sweep(in: folder, repetitions: 3, warmup: 1, label: "measured")
            let measured = try SpeedLabCommand.run(
                ["run", sweep, "--no-report", "--db", "source.sqlite"], in: folder.url)
            #expect(measured.exitCode == 0, "\(measured.stderr)")
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let postgres = try StoreOpener.open(database.url, access: .write(create: true))
            defer { try? postgres.close() }
            let back = try SQLiteRunStore(path: folder.path("back.sqlite"))

            let there = try RunImporter(source: source, target: postgres).run(RunImporter.Selection())
            let again = try RunImporter(source: postgres, target: back).run(RunImporter.Selection())

            let runs = try source.runs()
            #expect(runs.count == 7)
            #expect(there.imported == runs.map(\.id) && there.skipped == 0)
            #expect(again.imported == runs.map(\.id) && again.skipped == 0)
            #expect(there.samples == runs.reduce(0) { $0 + $1.sampleCount })
            #expect(try postgres.runs() == runs)
            #expect(try back.runs() == runs)
            for run in runs {
                let original = try source.archive(ofRun: run.id)
                #expect(try postgres.archive(ofRun: run.id) == original, "run \(run.id) changed in PostgreSQL")
                #expect(try back.archive(ofRun: run.id) == original, "run \(run.id) changed on its way back")
            }
            let traced = try #require(try source.archive(ofRun: 7).traces.first)
            #expect(!traced.spans.isEmpty, "the measured run has a traced repetition")
            #expect(try source.runUUIDs() == postgres.runUUIDs())
        }

        @Test func importingTheSameRunsAgainImportsNothingAndSkipsEveryRun() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let source = try ImportFixture.store(at: folder.path("source.sqlite"))
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let first = try SpeedLabCommand.run(["import", "source.sqlite", "--db", database.url], in: folder.url)
            #expect(first.exitCode == 0, "\(first.stderr)")
            #expect(first.stdout.hasPrefix("imported 6 runs (36 samples) from source.sqlite into postgres://"))
            #expect(first.stdout.hasSuffix("; 0 already there.\n"), "\(first.stdout)")
            let second = try SpeedLabCommand.run(["import", "source.sqlite", "--db", database.url], in: folder.url)
            #expect(second.exitCode == 0, "\(second.stderr)")
            #expect(second.stdout.hasPrefix("imported 0 runs (0 samples) from source.sqlite"), "\(second.stdout)")
            #expect(second.stdout.hasSuffix("; 6 already there.\n"), "\(second.stdout)")
            for output in [first, second] {
                #expect(
                    !output.stdout.contains(database.password ?? "-")
                        && !output.stderr.contains(database.password ?? "-"))
            }
            let postgres = try StoreOpener.open(database.url, access: .write(create: true))
            defer { try? postgres.close() }
            let summary = try RunImporter(source: source, target: postgres).run(RunImporter.Selection())
            #expect(summary.imported.isEmpty && summary.skipped == 6 && summary.samples == 0)
            #expect(try database.integer("SELECT COUNT(*) FROM run") == 6)
            #expect(try database.integer("SELECT COUNT(*) FROM sample") == 6 * 8)
        }

        /// Each filter of `speedlab import`, alone and together, copies exactly the runs it names.
        @Test(
            arguments: [
                (["--run", "2", "--run", "5"], [2, 5]),
                (["--run", "latest~1"], [5]),
                (["--label", "weekly"], [2, 4, 6]),
                (["--since", "2026-11-04"], [4, 5, 6]),
                (["--label", "nightly", "--since", "2026-11-03"], [3, 5]),
            ] as [([String], [RunID])])
        func importFiltersCopyExactlyTheRunsTheyName(filters: [String], expected: [RunID]) throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let source = try ImportFixture.store(at: folder.path("source.sqlite"))
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let result = try SpeedLabCommand.run(
                ["import", "source.sqlite", "--db", database.url] + filters, in: folder.url)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let runs = expected.count == 1 ? "run" : "runs"
            #expect(result.stdout.hasPrefix("imported \(expected.count) \(runs) ("), "\(result.stdout)")
            let postgres = try StoreOpener.open(database.url, access: .read)
            defer { try? postgres.close() }
            let wanted = Set(try expected.map { try source.archive(ofRun: $0).uuid })
            #expect(try postgres.runUUIDs() == wanted)
            #expect(
                try postgres.runs().map(\.label) == expected.map { id -> String? in id % 2 == 1 ? "nightly" : "weekly" }
            )
        }

        @Test func importFromPostgresIntoSQLiteFollowsTheSameFilters() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let source = try ImportFixture.store(at: folder.path("source.sqlite"))
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let all = try SpeedLabCommand.run(["import", "source.sqlite", "--db", database.url], in: folder.url)
            #expect(all.exitCode == 0, "\(all.stderr)")
            let result = try SpeedLabCommand.run(
                ["import", database.url, "--db", "weekly.sqlite", "--label", "weekly", "--since", "2026-11-03"],
                in: folder.url)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("imported 2 runs (12 samples) from postgres://"), "\(result.stdout)")
            #expect(!result.stdout.contains(database.password ?? "-"))
            let copy = try SQLiteRunStore(path: folder.path("weekly.sqlite"), access: .read)
            #expect(try copy.runUUIDs() == Set([4, 6].map { try source.archive(ofRun: $0).uuid }))
            for (copied, original) in zip(try copy.runs(), [4, 6]) {
                #expect(try copy.archive(ofRun: copied.id) == source.archive(ofRun: RunID(original)))
            }
        }
    }

    /// A SQLite store of six runs made through the store's API, with fixed figures: started on
    /// 2026-11-01 … 2026-11-06 at 12:00 UTC, labelled `nightly` (odd ids) and `weekly` (even ids);
    /// each has a `sequential` point and a `concurrent` point with it as baseline, one warm-up and
    /// three measured samples per point (with metrics), and a traced repetition of the concurrent
    /// point. Run 3 was interrupted; run 5 has a failed point.
    enum ImportFixture {
        static let firstStart = Date(timeIntervalSince1970: 1_793_534_400)  // 2026-11-01T12:00:00Z

        static func store(at path: String) throws -> SQLiteRunStore {
            let store = try SQLiteRunStore(path: path)
            for index in 1...6 {
                var run = SampleFactory.newRun(label: index % 2 == 1 ? "nightly" : "weekly")
                run.environment.gitCommit = "commit\(index)"
                let id = try store.createRun(run, startedAt: firstStart.addingTimeInterval(Double(index - 1) * 86_400))
                let points = [
                    NewPoint(
                        ordinal: 0, scenario: "sequential", parameters: ParameterPoint(["tasks": .integer(8)]),
                        baselineOrdinal: nil, idealNanos: 80_000_000, idealIONanos: 80_000_000, idealCPUNanos: 1_000),
                    NewPoint(
                        ordinal: 1, scenario: "concurrent",
                        parameters: ParameterPoint(["tasks": .integer(8), "concurrency": .integer(8)]),
                        baselineOrdinal: 0, idealNanos: 10_000_000, idealIONanos: 10_000_000, idealCPUNanos: 1_000),
                ]
                let ids = try store.registerPoints(points, run: id)
                let sequential = try #require(ids[points[0].key])
                let concurrent = try #require(ids[points[1].key])
                var samples: [PointSample] = []
                for repetition in 0..<3 {
                    let wobble = Double((index * 5 + repetition * 3) % 7) * 0.125
                    samples.append(
                        PointSample(
                            pointID: sequential,
                            sample: SampleFactory.sample(repetition: repetition, wallMillis: 80 + wobble)))
                    samples.append(
                        PointSample(
                            pointID: concurrent,
                            sample: SampleFactory.sample(repetition: repetition, wallMillis: 10.3 + wobble / 10)))
                }
                samples.insert(
                    PointSample(
                        pointID: sequential, sample: SampleFactory.sample(repetition: 0, wallMillis: 95, isWarmup: true)
                    ),
                    at: 0)
                samples.insert(
                    PointSample(
                        pointID: concurrent, sample: SampleFactory.sample(repetition: 0, wallMillis: 12, isWarmup: true)
                    ),
                    at: 1)
                try store.record(samples)
                try store.recordTrace(
                    PointTrace(
                        wallNanos: 10_400_000,
                        spans: [
                            Span(kind: .permit, item: 0, startNanos: 0, endNanos: 1_000, thread: "speedlab-event-loop"),
                            Span(
                                kind: .fetch, item: 0, service: 0, attempt: 1, outcome: "ok", startNanos: 1_000,
                                endNanos: 10_001_000, thread: "speedlab-event-loop"),
                            Span(
                                kind: .compute, item: 0, startNanos: 10_001_000, endNanos: 10_300_000,
                                thread: "speedlab-event-loop"),
                        ]),
                    of: concurrent)
                try store.setStatus(.measured, error: nil, of: sequential)
                try store.setStatus(
                    index == 5 ? .failed : .measured, error: index == 5 ? "checksum 7 ≠ 8 (baseline)" : nil,
                    of: concurrent)
                try store.setStatus(index == 3 ? .interrupted : .completed, ofRun: id)
            }
            return store
        }
    }
#endif
