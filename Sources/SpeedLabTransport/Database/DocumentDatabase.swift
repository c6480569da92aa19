import Foundation
import GRDBSQLite
import SpeedLabConcurrency
import SpeedLabScenarios
import Synchronization

/// The agent's real blocking database (`db: sqlite`): a SQLite file of documents in a
/// temporary folder, and a query whose cost is set per call by how many rows it scans.
///
/// When it opens, it measures what scanning one row costs on this machine (median of a few
/// queries), so a call of latency L scans `L ÷ cost` rows and blocks its thread about L —
/// for the agent's `db`, 0.5 × `latency_ms`. Each call runs through the SQLite C API on a
/// connection of its own, on a dedicated thread pool (`db_offload: pool`, asyncio's
/// `to_thread` lesson) or on the calling executor's thread (`inline`), which it blocks.
public final class DocumentDatabase: BlockingDatabase {
    /// Rows in the documents table; a longer query scans it several times.
    public static let documentCount = 20_000
    public let path: String
    /// The measured cost of scanning one row, in nanoseconds.
    public let nanosPerRow: Double
    /// The pool `db_offload: pool` runs queries on: asyncio's default size, `min(32, cores + 4)`.
    public let pool: ThreadPoolExecutor
    private let folder: URL
    private let idle = Mutex<[SQLiteConnection]>([])

    /// Creates the file in a new temporary folder, fills it and calibrates the scan.
    public init(cores: Int = ProcessInfo.processInfo.activeProcessorCount) throws(DocumentDatabaseError) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("speedlab-db-\(UUID().uuidString)")
        path = folder.appendingPathComponent("documents.sqlite").path
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .cannotCreate(folder.path, reason: "\(error)")
        }
        let writer = try SQLiteConnection(path: path, create: true)
        try writer.execute(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE document (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(Self.documentCount))
            INSERT INTO document (id, title, body)
              SELECT i, 'document ' || i, printf('%.*c', 200 + (i * 7919) % 200, 'a') || ' needle ' || i FROM n;
            """)
        var samples: [Double] = []
        for _ in 0..<7 {
            let start = ContinuousClock.now
            _ = try writer.scan(rows: Self.documentCount, from: 0)
            let took = start.duration(to: .now)
            samples.append(
                Double(took.components.seconds) * 1e9 + Double(took.components.attoseconds) / 1e9)
        }
        pool = ThreadPoolExecutor(threads: min(32, cores + 4), namePrefix: "speedlab-db")
        idle.withLock { $0.append(writer) }
        nanosPerRow = max(1, samples.sorted()[samples.count / 2] / Double(Self.documentCount))
    }

    public func query(_ call: ServiceCall, offload: DatabaseOffload, context: ScenarioContext) async throws {
        let rows = max(1, Int((call.answerDelayNanos / nanosPerRow).rounded()))
        switch offload {
        case .pool:
            try await withTaskExecutorPreference(pool) { try self.blockingQuery(rows: rows, start: call.query) }
        case .inline:
            try blockingQuery(rows: rows, start: call.query)
        }
        context.fetches.update { $0.databaseQueries += 1 }
        if call.draw == .fail { throw ServiceFailure(call, status: nil) }
    }

    /// Scans `rows` rows from row `start` (wrapping around the table) on a free connection.
    func blockingQuery(rows: Int, start: Int) throws {
        let connection = try take()
        defer { idle.withLock { $0.append(connection) } }
        var left = rows
        var from = start % Self.documentCount
        while left > 0 {
            let chunk = min(left, Self.documentCount - from)
            _ = try connection.scan(rows: chunk, from: from)
            left -= chunk
            from = 0
        }
    }

    private func take() throws(DocumentDatabaseError) -> SQLiteConnection {
        if let connection = idle.withLock({ $0.popLast() }) { return connection }
        return try SQLiteConnection(path: path, create: false)
    }

    /// Closes every connection, stops the pool and deletes the folder.
    public func close() {
        let connections = idle.withLock { idle in
            defer { idle = [] }
            return idle
        }
        for connection in connections { connection.close() }
        pool.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Why the document database could not be made.
public enum DocumentDatabaseError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotCreate(String, reason: String)
    case sqlite(String, message: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): return "cannot create the document database in \(path): \(reason)"
        case .sqlite(let path, let message): return "SQLite error on \(path): \(message)"
        }
    }
}
