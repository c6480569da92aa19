#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabPostgres
    import SpeedLabSQLite
    import SpeedLabStore
    import SpeedLabStoreOpener
    import SpeedLabTestSupport
    import Testing

    /// What a round's write keeps on the server, beside what the SQLite store keeps for the same
    /// calls: a repetition already stored is kept as it was, the metric totals count each stored
    /// sample once, and every round marks the run alive.
    @Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs SPEEDLAB_TEST_POSTGRES"))
    struct PostgresRecorderTests {
        static func batch(_ point: PointID, repetitions: ClosedRange<Int>, calls: Double) -> [PointSample] {
            repetitions.map { repetition in
                var sample = SampleFactory.sample(repetition: repetition, wallMillis: Double(10 + repetition))
                sample.metrics = ["calls": calls]
                return PointSample(pointID: point, sample: sample)
            }
        }

        @Test func aRoundOverlappingStoredRepetitionsKeepsThemAndCountsOnlyNewOnesLikeSQLite() throws {
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let stores: [any RunDatabase] = [
                try StoreOpener.open(database.url, access: .write(create: true)),
                try SQLiteRunStore(path: folder.path("same.sqlite")),
            ]
            var archives: [RunArchive] = []
            var metrics: [[String: MetricSummary]] = []
            for store in stores {
                let run = try store.createRun(SampleFactory.newRun(label: "overlap"))
                let point = NewPoint(
                    ordinal: 0, scenario: "concurrent", parameters: ParameterPoint(["tasks": .integer(4)]),
                    baselineOrdinal: nil)
                let id = try #require(try store.registerPoints([point], run: run)[point.key])
                try store.record(Self.batch(id, repetitions: 0...2, calls: 4))
                // Repetitions 1 and 2 again (with other values), and 3 and 4 new.
                try store.record(Self.batch(id, repetitions: 1...4, calls: 100))
                let samples = try store.samples(ofRun: run)
                #expect(samples.map(\.sample.repetition) == [0, 1, 2, 3, 4])
                #expect(samples.map(\.sample.wallNanos) == [10, 11, 12, 13, 14].map { Int64($0) * 1_000_000 })
                let calls = try #require(try store.metricSummaries(ofRun: run)[id]?["calls"])
                #expect(calls.count == 5)
                #expect(calls.mean == Double(3 * 4 + 2 * 100) / 5)
                #expect(calls.maximum == 100 && calls.minimum == 4)
                archives.append(try store.archive(ofRun: run))
                metrics.append(try store.metricSummaries(ofRun: run)[id] ?? [:])
                try store.close()
            }
            #expect(archives[0].samples == archives[1].samples)
            #expect(archives[0].pointMetrics == archives[1].pointMetrics)
            #expect(metrics[0] == metrics[1])
        }

        @Test func everyStoredRoundMovesTheRunsHeartbeat() throws {
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let store = try StoreOpener.open(database.url, access: .write(create: true))
            defer { try? store.close() }
            let run = try store.createRun(SampleFactory.newRun())
            let point = NewPoint(
                ordinal: 0, scenario: "sequential", parameters: ParameterPoint(["tasks": .integer(1)]),
                baselineOrdinal: nil)
            let id = try #require(try store.registerPoints([point], run: run)[point.key])
            let before = try #require(try store.run(run).heartbeatAt)
            Thread.sleep(forTimeInterval: 0.05)
            try store.record(Self.batch(id, repetitions: 0...0, calls: 1))
            let after = try #require(try store.run(run).heartbeatAt)
            #expect(after > before)
        }

        @Test func aSampleOfAPointTheDatabaseDoesNotHoldIsRefusedAndNothingIsStored() throws {
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let store = try StoreOpener.open(database.url, access: .write(create: true))
            defer { try? store.close() }
            let run = try store.createRun(SampleFactory.newRun())
            #expect(throws: StoreError.self) { try store.record(Self.batch(987_654, repetitions: 0...1, calls: 1)) }
            #expect(try store.samples(ofRun: run).isEmpty)
        }
    }
#endif
