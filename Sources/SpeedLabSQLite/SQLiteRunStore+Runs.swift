import Foundation
import GRDB
import SpeedLabCore
import SpeedLabStore

extension SQLiteRunStore {
    /// Opens a new run in state `running`, started at `startedAt`, and returns its id.
    public func createRun(_ run: NewRun, startedAt: Date) throws(StoreError) -> RunID {
        let id = try write { db in try Self.insertRun(RunRow(newRun: run, startedAt: startedAt), in: db) }
        reserve.claim()
        return id
    }

    /// Sets a run's status; a final status also records when it finished. On a full disk it
    /// first moves the write-ahead log into the database and empties it, so the one-row update
    /// that ends a run still finds room.
    public func setStatus(_ status: RunStatus, ofRun id: RunID, at date: Date = Date()) throws(StoreError) {
        precondition(status != .crashed, "crashed is derived, never stored")
        func update() throws(StoreError) {
            try write { db in
                let finished: String? = status == .running ? nil : Timestamp.string(date)
                try db.execute(
                    sql: "UPDATE run SET status = ?, finishedAt = ?, heartbeatAt = ? WHERE id = ?",
                    arguments: [status.rawValue, finished, Timestamp.string(date), id])
            }
        }
        do {
            try update()
        } catch .diskFull {
            reserve.release()
            try update()
        }
        if status == .running { reserve.claim() } else { reserve.release() }
    }

    /// Marks a run as taken up again by this process (for `--resume`), only if it is still as
    /// `recorded` found it (status, process and host); false when another process took it
    /// first. The check and the change are one statement, so two resumes never both win.
    public func reopenRun(_ recorded: RecordedRun, processID: Int32, host: String) throws(StoreError) -> Bool {
        let claimed = try write { db in
            try db.execute(
                sql: """
                    UPDATE run SET status = 'running', finishedAt = NULL, processId = ?, host = ?, heartbeatAt = ?
                    WHERE id = ? AND status = ? AND processId = ? AND host = ?
                    """,
                arguments: [
                    Int64(processID), host, Timestamp.string(Date()), recorded.id, recorded.storedStatus.rawValue,
                    Int64(recorded.processID), recorded.host,
                ])
            return db.changesCount == 1
        }
        if claimed { reserve.claim() }
        return claimed
    }

    /// Records that the run's process is alive now.
    public func heartbeat(_ id: RunID) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE run SET heartbeatAt = ? WHERE id = ?", arguments: [Timestamp.string(Date()), id])
        }
    }

    /// Every run, newest last, with point and sample counts.
    public func runs(liveness: ProcessLiveness) throws(StoreError) -> [StoredRun] {
        try read { db in try Row.fetchAll(db, sql: Self.runQuery + " ORDER BY r.id") }
            .map { row throws(StoreError) in try storedRun(row, liveness: liveness) }
    }

    /// One run by id; without `counting`, its point and sample counts are left at 0 (they cost
    /// a pass over the run's sample index, which a caller reading every sample anyway can skip).
    public func run(_ id: RunID, liveness: ProcessLiveness, counting: Bool) throws(StoreError)
        -> StoredRun
    {
        let query = counting ? Self.runQuery : "SELECT r.*, 0 AS pointCount, 0 AS sampleCount FROM run r"
        let row = try read { db in try Row.fetchOne(db, sql: query + " WHERE r.id = ?", arguments: [id]) }
        guard let row else { throw .unknownRun(reference: String(id), path: path) }
        return try storedRun(row, liveness: liveness)
    }

    public func hasRun(_ id: RunID) throws(StoreError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [id]) == true }
    }

    public func newestRun(label: String?, completedOnly: Bool, skipping: Int) throws(StoreError) -> RunID? {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let label {
            conditions.append("label = ?")
            arguments += [label]
        }
        if completedOnly { conditions.append("status = 'completed'") }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        arguments += [skipping]
        return try read { db in
            try RunID.fetchOne(
                db, sql: "SELECT id FROM run\(filter) ORDER BY id DESC LIMIT 1 OFFSET ?", arguments: arguments)
        }
    }

    /// A run read with ``runQuery``, its counts included.
    func storedRun(_ row: Row, liveness: ProcessLiveness) throws(StoreError) -> StoredRun {
        StoredRun(
            id: row["id"], row: try runRow(row).run, pointCount: row["pointCount"], sampleCount: row["sampleCount"],
            liveness: liveness)
    }

    static let runQuery = """
        SELECT r.*,
          (SELECT COUNT(*) FROM point p WHERE p.runId = r.id) AS pointCount,
          (SELECT COUNT(*) FROM sample s JOIN point p ON p.id = s.pointId
             WHERE p.runId = r.id AND s.isWarmup = 0) AS sampleCount
        FROM run r
        """
}
