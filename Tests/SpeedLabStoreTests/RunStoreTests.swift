import Foundation
import GRDB
import SpeedLabCore
import SpeedLabMigrations
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabTestSupport
import Testing

@Suite struct RunStoreTests {
    @Test func newDatabaseGetsEveryMigrationAndTheViews() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("new.sqlite")
        _ = try SQLiteRunStore(path: path)
        let queue = try DatabaseQueue(path: path)
        let tables = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        }
        for name in ["run", "point", "sample", "sampleMetric", "measurement", "pointSummary"] {
            #expect(tables.contains(name), "missing \(name)")
        }
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == (try Migrations.all()).map(\.identifier))
        let journal = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func everyMigrationFileIsBundled() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: FixturePaths.migrations.path)
            .filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
        #expect(!onDisk.isEmpty)
        #expect((try Migrations.all()).map(\.identifier) == onDisk)
    }

    @Test func postgresMigrationsAreBundledWithTheSameNumberedVersionsAsSQLite() throws {
        let folder = FixturePaths.migrations.appendingPathComponent("postgres")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
        #expect((try Migrations.postgres()).map(\.identifier) == onDisk)
        #expect(onDisk == (try Migrations.all()).map(\.identifier))
    }

    @Test func everyRunHasAUUIDAndAnUpgradeGivesOldRunsOne() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("uuid.sqlite"))
        let first = try store.createRun(SampleFactory.newRun(label: "a"))
        let second = try store.createRun(SampleFactory.newRun(label: "b"))
        let uuids = try store.runUUIDs()
        #expect(uuids.count == 2)
        #expect(try store.archive(ofRun: first).uuid != store.archive(ofRun: second).uuid)
    }

    @Test func everyStoredRoundMovesTheRunsHeartbeat() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("beat.sqlite"))
        let run = try store.createRun(SampleFactory.newRun())
        let point = NewPoint(
            ordinal: 0, scenario: "sequential", parameters: ParameterPoint(["tasks": .integer(1)]), baselineOrdinal: nil
        )
        let id = try #require(try store.registerPoints([point], run: run)[point.key])
        let before = try #require(try store.run(run).heartbeatAt)
        Thread.sleep(forTimeInterval: 0.05)
        try store.record([PointSample(pointID: id, sample: SampleFactory.sample(repetition: 0, wallMillis: 1))])
        let after = try #require(try store.run(run).heartbeatAt)
        #expect(after > before)
    }

    @Test func reopeningAnExistingDatabaseKeepsItsRuns() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("db.sqlite")
        let first = try SQLiteRunStore(path: path)
        let id = try first.createRun(SampleFactory.newRun(label: "keep"))
        let second = try SQLiteRunStore(path: path)
        #expect(try second.run(id).label == "keep")
    }

    @Test func databaseFromANewerSpeedLabIsRefusedByName() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("newer.sqlite")
        _ = try SQLiteRunStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('9999_from_the_future')") }
        #expect(throws: StoreError.schemaIsNewer(path: path, unknownMigrations: ["9999_from_the_future"])) {
            try SQLiteRunStore(path: path)
        }
    }

    @Test func fileThatIsNotSQLiteIsRefusedClearly() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(String(repeating: "not a database\n", count: 100), to: "notes.sqlite")
        #expect(throws: StoreError.notADatabase(path: path)) { try SQLiteRunStore(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("not a database"))
    }

    @Test func missingDatabaseIsReportedForReadingCommands() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("absent.sqlite")
        #expect(throws: StoreError.missing(path: path)) { try SQLiteRunStore(path: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func unwritableLocationGetsAClearError() throws {
        let path = "/proc/speedlab-test.sqlite"
        #expect(throws: StoreError.self) { try SQLiteRunStore(path: path) }
        do { _ = try SQLiteRunStore(path: path) } catch {
            #expect(error.description.contains(path))
        }
    }

    @Test func samplesAndMetricsRoundTripInOneBatch() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("db.sqlite"))
        let run = try store.createRun(SampleFactory.newRun())
        let point = ParameterPoint(["tasks": .integer(16), "latency_ms": .integer(20)])
        let ids = try store.registerPoints(
            [NewPoint(ordinal: 0, scenario: "sequential", parameters: point, baselineOrdinal: nil)], run: run)
        let key = PointKey(scenario: "sequential", parameters: point)
        let pointID = try #require(ids[key])
        let samples =
            [10.0, 12.0, 11.0].enumerated().map {
                PointSample(pointID: pointID, sample: SampleFactory.sample(repetition: $0, wallMillis: $1))
            }
            + [
                PointSample(
                    pointID: pointID, sample: SampleFactory.sample(repetition: 0, wallMillis: 50, isWarmup: true))
            ]
        try store.record(samples)
        try store.record(samples)  // a repetition stored twice is kept once
        let timings = try store.measuredSamples(ofRun: run)
        #expect(timings[pointID]?.wallNanos == [10e6, 12e6, 11e6])
        let recorded = try store.recordedRun(run)
        #expect(
            recorded.points[key]
                == RecordedPoint(
                    id: pointID, measuredRepetitions: [0, 1, 2], checksum: 7, measuredWallNanos: [10e6, 12e6, 11e6]))
        #expect(try store.points(ofRun: run).map(\.key) == [key])
        #expect(try store.run(run).sampleCount == 3)
        let queue = try DatabaseQueue(path: folder.path("db.sqlite"))
        let metricCount = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sampleMetric") }
        #expect(metricCount == 8)
    }

    @Test func aRunReadInTwoHalvesAtOnceGivesTheSameSamplesInMeasuredOrder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("halves.sqlite"))
        // Two runs writing in turns: each run's rowid range holds the other's rows too.
        let runs = try (0..<2).map { _ in try store.createRun(SampleFactory.newRun()) }
        var pointsByRun: [[PointID]] = []
        for run in runs {
            // 20 points: enough for the range itself to be found in two halves of the points.
            let points = (0..<20).map { index in
                NewPoint(
                    ordinal: index, scenario: "sequential", parameters: ParameterPoint(["tasks": .integer(index + 1)]),
                    baselineOrdinal: nil)
            }
            let ids = try store.registerPoints(points, run: run)
            pointsByRun.append(points.map { ids[$0.key]! })
        }
        var written: [[PointSample]] = [[], []]
        for round in 0..<12 {
            for (index, points) in pointsByRun.enumerated() {
                let batch = points.reversed().map { point in
                    PointSample(
                        pointID: point,
                        sample: SampleFactory.sample(
                            repetition: round, wallMillis: Double(round * 10 + Int(point)), isWarmup: round < 2,
                            checksum: UInt64(round)))
                }
                try store.record(batch)
                written[index] += batch
            }
        }
        for (index, run) in runs.enumerated() {
            let whole = try store.samples(ofRun: run, readingInHalvesFrom: .max)
            let halves = try store.samples(ofRun: run, readingInHalvesFrom: 1)
            #expect(halves == whole)
            #expect(whole.map(\.pointID) == written[index].map(\.pointID))
            #expect(whole.map(\.sample.wallNanos) == written[index].map(\.sample.wallNanos))
            #expect(whole.map(\.sample.isWarmup) == written[index].map(\.sample.isWarmup))
        }
    }

    /// The read takes a run's range from the ends of each point's repetitions in the index; a
    /// sample stored out of repetition order lies outside that range, and is still read.
    @Test(arguments: [1, Int.max])
    func aRunWhoseRepetitionsWereStoredOutOfOrderIsReadWhole(readingInHalvesFrom threshold: Int) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("order.sqlite"))
        let runs = try (0..<2).map { _ in try store.createRun(SampleFactory.newRun()) }
        // Registered in turns, so neither run's point ids are contiguous.
        var pointsByRun: [[PointID]] = [[], []]
        for part in 0..<2 {
            for (index, run) in runs.enumerated() {
                let points = (0..<3).map { offset in
                    NewPoint(
                        ordinal: part * 3 + offset, scenario: "sequential",
                        parameters: ParameterPoint(["tasks": .integer(part * 3 + offset + 1)]), baselineOrdinal: nil)
                }
                let ids = try store.registerPoints(points, run: run)
                pointsByRun[index] += points.map { ids[$0.key]! }
            }
        }
        func sample(_ point: PointID, _ repetition: Int, warmup: Bool = false) -> PointSample {
            PointSample(
                pointID: point,
                sample: SampleFactory.sample(
                    repetition: repetition, wallMillis: Double(repetition * 100 + Int(point)), isWarmup: warmup))
        }
        var written: [[PointSample]] = [[], []]
        func keep(_ batch: [PointSample], run index: Int) throws {
            try store.record(batch)
            written[index] += batch
        }
        // Repetition 7 of a point and a late warm-up of another first, then everything else.
        try keep([sample(pointsByRun[0][4], 7)], run: 0)
        try keep([sample(pointsByRun[1][0], 3, warmup: true)], run: 1)
        for repetition in 0..<6 {
            for index in 0..<2 {
                try keep(pointsByRun[index].map { sample($0, repetition) }, run: index)
            }
        }
        try keep([sample(pointsByRun[1][0], 0, warmup: true)], run: 1)
        for (index, run) in runs.enumerated() {
            let read = try store.samples(ofRun: run, readingInHalvesFrom: threshold)
            #expect(read == written[index].map { PointSample(pointID: $0.pointID, sample: withoutMetrics($0.sample)) })
        }
    }

    /// A history of most of the store scans the sample table; one of a small part looks each
    /// point up. Both give each point's measured samples in repetition order, even where they
    /// were stored out of it.
    @Test func aHistoryReadsMeasuredSamplesInRepetitionOrderWhetherItScansOrLooksUp() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("history.sqlite"))
        let runs = try (0..<3).map { _ in try store.createRun(SampleFactory.newRun()) }
        var points: [PointID] = []
        for run in runs {
            let new = (0..<2).map { offset in
                NewPoint(
                    ordinal: offset, scenario: "sequential",
                    parameters: ParameterPoint(["tasks": .integer(offset + 1)]),
                    baselineOrdinal: nil)
            }
            let ids = try store.registerPoints(new, run: run)
            points += new.map { ids[$0.key]! }
        }
        func sample(_ point: PointID, _ repetition: Int, warmup: Bool = false) -> PointSample {
            PointSample(
                pointID: point,
                sample: SampleFactory.sample(
                    repetition: repetition, wallMillis: Double(repetition * 100 + Int(point)), isWarmup: warmup))
        }
        // Repetitions 4 then 0...3, a warm-up among them, points taking turns.
        try store.record(points.map { sample($0, 4) })
        try store.record(points.map { sample($0, 0, warmup: true) })
        for repetition in 0..<4 { try store.record(points.map { sample($0, repetition) }) }
        for run in runs { try store.setStatus(.completed, ofRun: run) }

        let expected = (0..<5).map { Double(($0 * 100) * 1_000_000) }
        let whole = try store.history(HistoryFilter())
        let last = try store.history(HistoryFilter(last: 1))
        #expect(whole.points.count == 6 && last.points.count == 2)
        for point in whole.points {
            #expect(whole.samples[point.id]?.wallNanos == expected.map { $0 + Double(point.id) * 1_000_000 })
        }
        for point in last.points {
            #expect(last.samples[point.id] == whole.samples[point.id], "looked up as the scan read them")
        }
    }

    private func withoutMetrics(_ sample: Sample) -> Sample {
        var sample = sample
        sample.metrics = [:]
        return sample
    }

    @Test func aNewDatabaseHasSixteenKiBPagesAndAnOlderOneKeepsItsOwn() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try SQLiteRunStore(path: folder.path("new.sqlite"))
        let fresh = try DatabaseQueue(path: folder.path("new.sqlite"))
        #expect(try fresh.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 16_384)
        // A database made before pages grew: 4 KiB pages, every migration applied.
        let older = try DatabaseQueue(path: folder.path("old.sqlite"))
        try older.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA page_size = 4096") }
        var migrator = DatabaseMigrator()
        for file in try Migrations.all() {
            migrator.registerMigration(file.identifier) { db in try db.execute(sql: file.sql) }
        }
        try migrator.migrate(older)
        try older.close()
        let store = try SQLiteRunStore(path: folder.path("old.sqlite"))
        let run = try store.createRun(SampleFactory.newRun())
        #expect(try store.run(run).id == run)
        let reopened = try DatabaseQueue(path: folder.path("old.sqlite"))
        #expect(try reopened.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 4_096)
    }

    @Test func runReferencesResolveByIdLabelAndLatest() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("db.sqlite"))
        let first = try store.createRun(SampleFactory.newRun(label: "nightly"))
        let second = try store.createRun(SampleFactory.newRun(label: "pr"))
        #expect(try store.resolveRun("latest") == second)
        #expect(try store.resolveRun("latest~1") == first)
        #expect(try store.resolveRun("nightly") == first)
        #expect(try store.resolveRun(String(second)) == second)
        #expect(throws: StoreError.unknownRun(reference: "latest~5", path: store.path)) {
            try store.resolveRun("latest~5")
        }
    }

    @Test func runningRunWhoseProcessIsGoneReadsCrashed() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("db.sqlite"))
        let id = try store.createRun(SampleFactory.newRun(processID: 99))
        let dead = ProcessLiveness(host: "testhost") { _ in false }
        let alive = ProcessLiveness(host: "testhost") { _ in true }
        let elsewhere = ProcessLiveness(host: "otherhost") { _ in false }
        #expect(try store.run(id, liveness: dead).status == .crashed)
        #expect(try store.run(id, liveness: alive).status == .running)
        #expect(try store.run(id, liveness: elsewhere).status == .running)
        try store.setStatus(.interrupted, ofRun: id)
        #expect(try store.run(id, liveness: dead).status == .interrupted)
    }
}
