import Foundation
import GRDB
import SpeedLabCore
import SpeedLabMigrations
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabTestSupport
import Testing

/// Traced repetitions in the store: kept apart from samples, read back whole, and added to a
/// database from the previous schema by migration.
@Suite struct TraceStoreTests {
    @Test func aTraceIsReadBackWholeAndReplacedNotDuplicated() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRunStore(path: folder.path("t.sqlite"))
        let run = try store.createRun(SampleFactory.newRun())
        let ids = try store.registerPoints(
            [
                NewPoint(
                    ordinal: 0, scenario: "sequential", parameters: ParameterPoint(["tasks": .integer(2)]),
                    baselineOrdinal: nil)
            ],
            run: run)
        let point = try #require(ids.values.first)
        let spans = [
            Span(
                kind: .fetch, item: 0, service: 0, attempt: 1, outcome: "ok", startNanos: 0, endNanos: 10, thread: "a"),
            Span(kind: .compute, item: 0, startNanos: 10, endNanos: 15, thread: "a"),
        ]
        try store.recordTrace(PointTrace(wallNanos: 20, spans: spans), of: point)
        try store.recordTrace(PointTrace(wallNanos: 21, spans: spans), of: point)
        let trace = try #require(try store.trace(of: point))
        #expect(trace == PointTrace(wallNanos: 21, spans: spans))
        #expect(try store.tracedPoints(ofRun: run) == [point])
        #expect(try store.samples(ofRun: run).isEmpty, "a trace is not a sample")
        #expect(try store.recordedRun(run).points.values.first?.hasTrace == true)
    }

    @Test func aDatabaseOfThePreviousSchemaGainsTheTraceTables() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("previous.sqlite")
        let queue = try Self.database(at: path, migratedBefore: "0007_traces", filledFrom: "stores/two-scenarios.sql")
        try queue.close()
        let store = try SQLiteRunStore(path: path)
        #expect(try store.tracedPoints(ofRun: 1).isEmpty)
        #expect(try store.samples(ofRun: 1).count == 24)
        try store.recordTrace(
            PointTrace(wallNanos: 5, spans: [Span(kind: .compute, item: 0, startNanos: 1, endNanos: 2, thread: "t")]),
            of: 1)
        #expect(try store.trace(of: 1)?.spans.count == 1)
        #expect(FileManager.default.fileExists(atPath: path + ".bak-0006_run_http_round_trip"))
    }

    @Test func runsStoredBeforeUUIDsGetADistinctVersion4UUIDOnUpgrade() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("previous.sqlite")
        let queue = try Self.database(at: path, migratedBefore: "0008_run_uuid", filledFrom: "stores/compare.sql")
        let before = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") } ?? 0
        try queue.close()
        let store = try SQLiteRunStore(path: path)
        let texts = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT uuid FROM run") }
        #expect(before >= 2)
        #expect(texts.count == before)
        #expect(Set(texts).count == before)
        for text in texts {
            let uuid = try #require(UUID(uuidString: text))
            #expect(uuid.uuidString.lowercased() == text)
            #expect(Array(text)[14] == "4")
            #expect("89ab".contains(Array(text)[19]))
        }
        #expect(try store.runUUIDs().count == before)
    }

    /// A database at `path` with every migration before `migration`, filled from `fixture`.
    static func database(at path: String, migratedBefore migration: String, filledFrom fixture: String) throws
        -> DatabaseQueue
    {
        let files = try Migrations.all()
        let previous = try #require(files.firstIndex { $0.identifier == migration })
        let queue = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        for file in files[..<previous] {
            migrator.registerMigration(file.identifier) { db in try db.execute(sql: file.sql) }
        }
        try migrator.migrate(queue)
        try queue.write { db in
            try db.execute(
                sql: try String(contentsOf: FixturePaths.fixtures.appendingPathComponent(fixture), encoding: .utf8))
        }
        return queue
    }
}
