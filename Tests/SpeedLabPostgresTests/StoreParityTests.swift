import Foundation
import GRDB
import SpeedLabCore
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabStoreOpener
import SpeedLabTestSupport
import Testing

/// The behaviour every store shares, written once and run against each backend: the SQLite
/// file always, a PostgreSQL server when `SPEEDLAB_TEST_POSTGRES` names one. A new backend
/// passes these before anything reads it.
@Suite struct SQLiteStoreParityTests {
    @Test(arguments: ParityCheck.allCases)
    func theSQLiteStoreBehavesAsEveryStore(_ check: ParityCheck) throws {
        let backend = try SQLiteParityBackend()
        defer { backend.removeAll() }
        try check.run(on: backend)
    }
}

#if PostgreSQLStore
    /// ``ParityCheck``s against a PostgreSQL server, one new database per store.
    @Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs SPEEDLAB_TEST_POSTGRES"))
    struct PostgresStoreParityTests {
        @Test(.timeLimit(.minutes(2)), arguments: ParityCheck.allCases)
        func thePostgresStoreBehavesAsEveryStore(_ check: ParityCheck) throws {
            let backend = PostgresParityBackend()
            defer { backend.removeAll() }
            try check.run(on: backend)
        }
    }
#endif

/// A backend under test: it opens new, empty stores and says what its database declares.
protocol ParityBackend {
    /// Opens a new, empty store.
    func makeStore() throws -> any RunDatabase
    /// The columns of `table` as the database declares them (lower case), `id` included.
    func columns(of table: String, in store: any RunDatabase) throws -> Set<String>
    /// The code this backend's engine gives a row whose unique key is already stored.
    var duplicateKeyCode: BackendErrorCode { get }
    /// Closes and removes every store it opened.
    func removeAll()
}

/// SQLite files in a temporary folder.
final class SQLiteParityBackend: ParityBackend {
    private let folder: TemporaryDirectory
    private var opened: [any RunDatabase] = []

    init() throws { folder = try TemporaryDirectory(prefix: "speedlab-parity") }

    func makeStore() throws -> any RunDatabase {
        let store = try StoreOpener.open(folder.path("store\(opened.count).sqlite"), access: .write(create: true))
        opened.append(store)
        return store
    }

    func columns(of table: String, in store: any RunDatabase) throws -> Set<String> {
        let queue = try DatabaseQueue(path: store.location)
        defer { try? queue.close() }
        let names = try queue.read { db in try db.columns(in: table).map(\.name) }
        return Set(names.map { $0.lowercased() })
    }

    var duplicateKeyCode: BackendErrorCode { .sqliteUniqueConstraint }

    func removeAll() {
        for store in opened { try? store.close() }
        folder.remove()
    }
}

#if PostgreSQLStore
    /// New databases on the server `SPEEDLAB_TEST_POSTGRES` names.
    final class PostgresParityBackend: ParityBackend {
        private var databases: [(PostgresTestDatabase, any RunDatabase)] = []

        func makeStore() throws -> any RunDatabase {
            let database = try PostgresTestDatabase.make(prefix: "speedlab_parity")
            do {
                let store = try StoreOpener.open(database.url, access: .write(create: true))
                databases.append((database, store))
                return store
            } catch {
                database.drop()
                throw error
            }
        }

        func columns(of table: String, in store: any RunDatabase) throws -> Set<String> {
            let database = try #require(databases.first { $0.1.location == store.location }?.0)
            let text = try database.query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = '\(table.lowercased())'")
            return Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        }

        var duplicateKeyCode: BackendErrorCode { .uniqueViolation }

        func removeAll() {
            for (database, store) in databases {
                try? store.close()
                database.drop()
            }
        }
    }
#endif

/// One behaviour every store has, checked on a backend's new stores.
enum ParityCheck: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case idsLabelsAndLatestResolve
    case completedOnlyCountsCompletedRuns
    case referencesThatNameNoRunAreRefused
    case runsAreListedOldestFirstWithTheirCounts
    case anArchiveInsertedElsewhereIsTheSameRun
    case insertingARunTwiceKeepsOne
    case aDuplicateKeyIsRefusedWithTheEnginesCode
    case theRunTableHasTheDescribedColumns
    case requestsAreKeptExactlyAndTravelWithTheirRun

    var testDescription: String { rawValue }

    func run(on backend: some ParityBackend) throws {
        switch self {
        case .idsLabelsAndLatestResolve: try Self.idsLabelsAndLatestResolve(backend)
        case .completedOnlyCountsCompletedRuns: try Self.completedOnlyCountsCompletedRuns(backend)
        case .referencesThatNameNoRunAreRefused: try Self.referencesThatNameNoRunAreRefused(backend)
        case .runsAreListedOldestFirstWithTheirCounts: try Self.runsAreListedOldestFirstWithTheirCounts(backend)
        case .anArchiveInsertedElsewhereIsTheSameRun: try Self.anArchiveInsertedElsewhereIsTheSameRun(backend)
        case .insertingARunTwiceKeepsOne: try Self.insertingARunTwiceKeepsOne(backend)
        case .aDuplicateKeyIsRefusedWithTheEnginesCode: try Self.aDuplicateKeyIsRefusedWithTheEnginesCode(backend)
        case .theRunTableHasTheDescribedColumns: try Self.theRunTableHasTheDescribedColumns(backend)
        case .requestsAreKeptExactlyAndTravelWithTheirRun: try Self.requestsAreKeptExactlyAndTravelWithTheirRun(backend)
        }
    }

    /// The runs of ``history(in:)``, oldest first.
    struct History {
        /// `nightly`, completed.
        var nightly: RunID
        /// `nightly`, interrupted: the newest `nightly`, not a completed one.
        var interruptedNightly: RunID
        /// Labelled `99`, a number that is no run's id; completed.
        var numbered: RunID
        /// Labelled with `nightly`'s id; still running.
        var labelledWithAnID: RunID
    }

    /// Four runs: two `nightly` (completed, interrupted), one labelled `99` (completed), one
    /// labelled with the first run's id (running).
    static func history(in store: any RunDatabase) throws -> History {
        let nightly = try store.createRun(SampleFactory.newRun(label: "nightly"))
        try store.finishRun(nightly, status: .completed)
        let interrupted = try store.createRun(SampleFactory.newRun(label: "nightly"))
        try store.finishRun(interrupted, status: .interrupted)
        let numbered = try store.createRun(SampleFactory.newRun(label: "99"))
        try store.finishRun(numbered, status: .completed)
        let labelledWithAnID = try store.createRun(SampleFactory.newRun(label: String(nightly)))
        return History(
            nightly: nightly, interruptedNightly: interrupted, numbered: numbered, labelledWithAnID: labelledWithAnID)
    }

    static func idsLabelsAndLatestResolve(_ backend: some ParityBackend) throws {
        let store = try backend.makeStore()
        let runs = try history(in: store)
        #expect(try store.resolveRun("latest") == runs.labelledWithAnID)
        #expect(try store.resolveRun("latest~1") == runs.numbered)
        #expect(try store.resolveRun("latest~3") == runs.nightly)
        #expect(try store.resolveRun(" latest~2 ") == runs.interruptedNightly)
        #expect(try store.resolveRun("nightly") == runs.interruptedNightly, "a label names its newest run")
        #expect(try store.resolveRun("99") == runs.numbered, "a number that is no id is a label")
        #expect(try store.resolveRun(String(runs.nightly)) == runs.nightly, "an id wins over a label")
        #expect(try store.resolveRun(String(runs.numbered)) == runs.numbered)
        #expect(try store.resolveRun(RunSelector(parsing: "latest~1")) == runs.numbered)
        #expect(try store.resolveRun(.latest) == runs.labelledWithAnID)
    }

    static func completedOnlyCountsCompletedRuns(_ backend: some ParityBackend) throws {
        let store = try backend.makeStore()
        let runs = try history(in: store)
        #expect(try store.resolveRun("latest", completedOnly: true) == runs.numbered)
        #expect(try store.resolveRun("latest~1", completedOnly: true) == runs.nightly)
        #expect(try store.resolveRun("nightly", completedOnly: true) == runs.nightly)
        #expect(
            try store.resolveRun(String(runs.interruptedNightly), completedOnly: true) == runs.interruptedNightly,
            "an id always names its run")
        #expect(throws: StoreError.noCompletedRun(reference: "latest~2", path: store.location)) {
            try store.resolveRun("latest~2", completedOnly: true)
        }
        // No run has this label.
        #expect(throws: StoreError.noCompletedRun(reference: "weekly", path: store.location)) {
            try store.resolveRun("weekly", completedOnly: true)
        }
    }

    static func referencesThatNameNoRunAreRefused(_ backend: some ParityBackend) throws {
        let store = try backend.makeStore()
        #expect(throws: StoreError.unknownRun(reference: "latest", path: store.location)) {
            try store.resolveRun("latest")
        }
        _ = try history(in: store)
        for reference in ["latest~4", "weekly", "12345", "latest~x", "latest~-1", ""] {
            #expect(throws: StoreError.unknownRun(reference: reference, path: store.location)) {
                try store.resolveRun(reference)
            }
        }
        // A number names an id first: when no run has it, it is an unknown run, completed or not.
        #expect(throws: StoreError.unknownRun(reference: "12345", path: store.location)) {
            try store.resolveRun("12345", completedOnly: true)
        }
        #expect(throws: StoreError.noCompletedRun(reference: "latest~x", path: store.location)) {
            try store.resolveRun("latest~x", completedOnly: true)
        }
    }

    static func runsAreListedOldestFirstWithTheirCounts(_ backend: some ParityBackend) throws {
        let store = try backend.makeStore()
        let history = try history(in: store)
        let filled = try fillRun(in: store, label: "filled")
        let runs = try store.runs()
        #expect(
            runs.map(\.id) == [
                history.nightly, history.interruptedNightly, history.numbered, history.labelledWithAnID, filled,
            ])
        #expect(runs.map(\.label) == ["nightly", "nightly", "99", String(history.nightly), "filled"])
        #expect(runs.map(\.storedStatus) == [.completed, .interrupted, .completed, .running, .completed])
        #expect(runs.map(\.pointCount) == [0, 0, 0, 0, 2])
        #expect(runs.map(\.sampleCount) == [0, 0, 0, 0, 6], "warm-ups are not counted")
        let one = try store.run(filled)
        #expect(one == runs.last)
        #expect(one.environment == SampleFactory.environment())
        #expect(try store.run(filled, counting: false).pointCount == 0)
        #expect(throws: StoreError.unknownRun(reference: "12345", path: store.location)) {
            try store.run(12345)
        }
    }

    static func anArchiveInsertedElsewhereIsTheSameRun(_ backend: some ParityBackend) throws {
        let source = try backend.makeStore()
        let run = try fillRun(in: source, label: "copied")
        let archive = try source.archive(ofRun: run)
        #expect(archive.points.count == 2 && archive.samples.count == 7 && archive.traces.count == 1)
        #expect(archive.points[1].baselineOrdinal == 0)
        #expect(!archive.pointMetrics.isEmpty)
        let target = try backend.makeStore()
        _ = try target.createRun(SampleFactory.newRun(label: "already there"))
        let copied = try #require(try target.insert(archive))
        #expect(try target.archive(ofRun: copied) == archive)
        #expect(try target.runUUIDs().contains(archive.uuid))
        var expected = try source.run(run)
        expected.id = copied
        #expect(try target.run(copied) == expected)
        #expect(try target.resolveRun("copied") == copied)
    }

    static func insertingARunTwiceKeepsOne(_ backend: some ParityBackend) throws {
        let source = try backend.makeStore()
        let archive = try source.archive(ofRun: try fillRun(in: source, label: "once"))
        let target = try backend.makeStore()
        let first = try #require(try target.insert(archive))
        #expect(try target.insert(archive) == nil, "a run with the same UUID is already here")
        #expect(try target.runs().map(\.id) == [first])
        #expect(try target.runUUIDs() == [archive.uuid])
        #expect(try source.insert(archive) == nil, "the source holds the run itself")
    }

    static func aDuplicateKeyIsRefusedWithTheEnginesCode(_ backend: some ParityBackend) throws {
        let source = try backend.makeStore()
        var archive = try source.archive(ofRun: try fillRun(in: source, label: "twice"))
        archive.samples.append(archive.samples[archive.samples.count - 1])
        let target = try backend.makeStore()
        let error = #expect(throws: StoreError.self) { try target.insert(archive) }
        #expect(error?.backendCode == backend.duplicateKeyCode)
        #expect(error?.isDuplicateKey == true)
        #expect(try target.runs().isEmpty, "the run's transaction was rolled back whole")
    }

    static func theRunTableHasTheDescribedColumns(_ backend: some ParityBackend) throws {
        let store = try backend.makeStore()
        let declared = try backend.columns(of: StoreTable.run.name, in: store)
        #expect(declared == Set(["id"] + StoreTable.run.columnNames.map { $0.lowercased() }))
        let samples = try backend.columns(of: SampleTable.table.name, in: store)
        #expect(samples == Set(["id"] + SampleTable.table.columnNames.map { $0.lowercased() }))
    }

    /// Requests of an llm repetition, one failed with an error that holds a tab, a line end
    /// and a backslash, and arrivals of every size of varint.
    static let requests = [
        RequestRecord(
            request: 0, sentNanos: 1_000, firstByteNanos: 2_000, firstTokenNanos: 30_000_000, endNanos: 90_000_000,
            promptTokens: 256, outputTokens: 3, tokenSource: "usage", chunks: 5, status: 200, error: nil,
            arrivals: [30_000_000, 30_000_100, 90_000_000 + (1 << 33)]),
        RequestRecord(
            request: 1, sentNanos: 5_000, firstByteNanos: nil, firstTokenNanos: nil, endNanos: nil, promptTokens: nil,
            outputTokens: 0, tokenSource: "chunks", chunks: 0, status: 503, error: "HTTP 503: busy\tnow\nC:\\x",
            arrivals: []),
    ]

    static func requestsAreKeptExactlyAndTravelWithTheirRun(_ backend: some ParityBackend) throws {
        let store = try backend.makeStore()
        let run = try store.createRun(SampleFactory.newRun(label: "llm"))
        let point = NewPoint(
            ordinal: 0, scenario: "llm", parameters: ParameterPoint(["concurrency": .integer(2)]), baselineOrdinal: nil)
        let id = try #require(try store.registerPoints([point], run: run)[point.key])
        var sample = SampleFactory.sample(repetition: 0, wallMillis: 90)
        sample.requests = requests
        try store.record([PointSample(pointID: id, sample: sample)])
        try store.record([PointSample(pointID: id, sample: sample)])  // a stored repetition keeps its requests once
        let stored = try store.requests(ofPoints: [id])[id] ?? []
        #expect(stored == requests.map { StoredRequest(repetition: 0, record: $0) })
        try store.finishRun(run, status: .completed)
        let archive = try store.archive(ofRun: run)
        #expect(archive.requests.map(\.record) == requests)
        #expect(archive.problems().isEmpty, "\(archive.problems())")
        let target = try backend.makeStore()
        let copied = try #require(try target.insert(archive))
        let copiedPoint = try #require(try target.points(ofRun: copied).first?.id)
        #expect(try target.requests(ofPoints: [copiedPoint])[copiedPoint]?.map(\.record) == requests)
    }

    /// A completed run labelled `label`: two points (the second measured against the first),
    /// three measured samples each, a warm-up of the first, and a traced repetition.
    @discardableResult
    static func fillRun(in store: any RunDatabase, label: String) throws -> RunID {
        let run = try store.createRun(SampleFactory.newRun(label: label))
        let points = [
            NewPoint(
                ordinal: 0, scenario: "sequential", parameters: ParameterPoint(["tasks": .integer(8)]),
                baselineOrdinal: nil, idealNanos: 80_000_000, idealIONanos: 80_000_000, idealCPUNanos: 1_000),
            NewPoint(
                ordinal: 1, scenario: "concurrent",
                parameters: ParameterPoint(["tasks": .integer(8), "concurrency": .integer(8)]), baselineOrdinal: 0),
        ]
        let ids = try store.registerPoints(points, run: run)
        let first = try #require(ids[points[0].key])
        let second = try #require(ids[points[1].key])
        var samples = [
            PointSample(pointID: first, sample: SampleFactory.sample(repetition: 0, wallMillis: 95, isWarmup: true))
        ]
        for repetition in 0..<3 {
            samples.append(
                PointSample(pointID: first, sample: SampleFactory.sample(repetition: repetition, wallMillis: 80)))
            samples.append(
                PointSample(pointID: second, sample: SampleFactory.sample(repetition: repetition, wallMillis: 10.5)))
        }
        try store.record(samples)
        try store.recordTrace(
            PointTrace(
                wallNanos: 80_000_000,
                spans: [
                    Span(
                        kind: .fetch, item: 0, service: 1, attempt: 1, outcome: "ok", startNanos: 0, endNanos: 5_000,
                        thread: "main"),
                    Span(kind: .compute, item: 0, startNanos: 5_000, endNanos: 9_000, thread: "main"),
                ]),
            of: first)
        try store.setStatus(.measured, error: nil, of: first)
        try store.setStatus(.failed, error: "it broke", of: second)
        try store.finishRun(run, status: .completed)
        return run
    }
}
