#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabPostgres
    import SpeedLabSQLite
    import SpeedLabStore
    import SpeedLabStoreOpener
    import SpeedLabTestSupport
    import Testing

    /// A command point's record (migration 0009) is kept and read back by PostgreSQL as by SQLite.
    @Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs SPEEDLAB_TEST_POSTGRES"))
    struct PostgresCommandPointTests {
        @Test func aCommandPointsRecordIsStoredAndReadBackLikeSQLite() throws {
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let stores: [any RunDatabase] = [
                try StoreOpener.open(database.url, access: .write(create: true)),
                try SQLiteRunStore(path: folder.path("same.sqlite")),
            ]
            let record = CommandRecord(
                template: "sleep {s}", argv: ["sleep", "0.01"], directory: "/tmp", executable: "/usr/bin/sleep",
                executableHash: "0123456789abcdef", shell: false)
            var read: [[String?]] = []
            var metrics: [[Double]] = []
            for store in stores {
                let run = try store.createRun(SampleFactory.newRun(label: "command"))
                let points = [
                    NewPoint(
                        ordinal: 0, scenario: "sleep", parameters: ParameterPoint(["s": .real(0.01)]),
                        baselineOrdinal: nil, command: record.json),
                    NewPoint(
                        ordinal: 1, scenario: "concurrent", parameters: ParameterPoint(["tasks": .integer(4)]),
                        baselineOrdinal: nil),
                ]
                let ids = try store.registerPoints(points, run: run)
                _ = try store.registerPoints(points, run: run)  // a resumed run registers them again
                let id = try #require(ids[points[0].key])
                try store.record(
                    (0...3).map { repetition in
                        var sample = SampleFactory.sample(repetition: repetition, wallMillis: 10)
                        sample.isWarmup = repetition == 0
                        sample.metrics = repetition == 2 ? [:] : ["tokens_per_s": Double(100 + repetition)]
                        return PointSample(pointID: id, sample: sample)
                    })
                metrics.append(try store.sampleMetric("tokens_per_s", ofPoints: [id])[id] ?? [])
                let stored = try store.points(ofRun: run)
                read.append(stored.map(\.command))
                try store.close()
            }
            #expect(read[0] == read[1])
            #expect(metrics[0] == [101, 103])  // measured samples that have it, in repetition order
            #expect(metrics[1] == metrics[0])
            #expect(read[0].first.flatMap { $0.flatMap(CommandRecord.init(json:)) } == record)
            #expect(read[0].last == .some(nil))
        }

        @Test func importCarriesTheRecordToPostgreSQLAndBack() throws {
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let source = try SQLiteRunStore(path: folder.path("source.sqlite"))
            let run = try source.createRun(SampleFactory.newRun(label: "command"))
            let record = CommandRecord(
                template: "sh -c {x} | cat", argv: ["/bin/sh", "-c", "sh -c 'x' | cat"], directory: "/tmp",
                executable: "/bin/sh", executableHash: "5bf51d93e9ae62ee", shell: true)
            let point = NewPoint(
                ordinal: 0, scenario: "piped", parameters: ParameterPoint(["x": .text("x")]), baselineOrdinal: nil,
                command: record.json)
            _ = try source.registerPoints([point], run: run)
            try source.finishRun(run, status: .completed)
            let postgres = try StoreOpener.open(database.url, access: .write(create: true))
            _ = try RunImporter(source: source, target: postgres).run(RunImporter.Selection())
            let back = try SQLiteRunStore(path: folder.path("back.sqlite"))
            _ = try RunImporter(source: postgres, target: back).run(RunImporter.Selection())
            let there = try postgres.points(ofRun: try postgres.resolveRun("latest", completedOnly: false))
            let returned = try back.points(ofRun: try back.resolveRun("latest", completedOnly: false))
            #expect(there.first?.command.flatMap(CommandRecord.init(json:)) == record)
            #expect(returned.first?.command.flatMap(CommandRecord.init(json:)) == record)
            try postgres.close()
        }
    }
#endif
