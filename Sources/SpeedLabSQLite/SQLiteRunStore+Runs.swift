import Foundation
import GRDB
import SpeedLabCore
import SpeedLabStore

extension SQLiteRunStore {
    /// Opens a new run in state `running`, started at `startedAt`, and returns its id.
    public func createRun(_ run: NewRun, startedAt: Date) throws(StoreError) -> RunID {
        let env = run.environment
        let id = try write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (label, sweepName, sweepYAML, sweepSource, status, startedAt, repetitions, warmup,
                      seed, host, operatingSystem, kernel, cpuModel, logicalCores, memoryBytes, swiftVersion,
                      buildConfiguration, toolVersion, gitCommit, loadAverage, kernelNanosPerUnit, processId, heartbeatAt,
                      adaptivePrecision, adaptiveMinimum, adaptiveBudgetSeconds, httpRoundTripNanos, uuid)
                    VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.label, run.sweepName, run.sweepYAML, run.sweepSource, Timestamp.string(startedAt),
                    run.repetitions, run.warmup, run.seed, env.host, env.operatingSystem, env.kernel, env.cpuModel,
                    env.logicalCores, env.memoryBytes, env.swiftVersion, env.buildConfiguration, env.toolVersion,
                    env.gitCommit, env.loadAverage, run.kernelNanosPerUnit, Int64(env.processID),
                    Timestamp.string(startedAt), run.adaptive?.precision, run.adaptive?.minimum,
                    run.adaptive?.budgetSeconds, run.httpRoundTripNanos, UUID().uuidString.lowercased(),
                ])
            return db.lastInsertedRowID
        }
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
            .map { StoredRun(row: $0, liveness: liveness) }
    }

    /// One run by id; without `counting`, its point and sample counts are left at 0 (they cost
    /// a pass over the run's sample index, which a caller reading every sample anyway can skip).
    public func run(_ id: RunID, liveness: ProcessLiveness, counting: Bool) throws(StoreError)
        -> StoredRun
    {
        let query = counting ? Self.runQuery : "SELECT r.*, 0 AS pointCount, 0 AS sampleCount FROM run r"
        let row = try read { db in try Row.fetchOne(db, sql: query + " WHERE r.id = ?", arguments: [id]) }
        guard let row else { throw .unknownRun(reference: String(id), path: path) }
        return StoredRun(row: row, liveness: liveness)
    }

    /// Resolves `12`, a label (its newest run), `latest` or `latest~N` to a run id. With
    /// `completedOnly`, `latest`, `latest~N` and labels count completed runs only (an id
    /// always names its run): an interrupted or crashed run is not history.
    public func resolveRun(_ reference: String, completedOnly: Bool) throws(StoreError) -> RunID {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        let status = completedOnly ? " WHERE status = 'completed'" : ""
        let found: RunID? = try read { db in
            if trimmed == "latest" || trimmed.hasPrefix("latest~") {
                let back = trimmed == "latest" ? 0 : Int(trimmed.dropFirst("latest~".count)) ?? -1
                guard back >= 0 else { return nil }
                return try RunID.fetchOne(
                    db, sql: "SELECT id FROM run\(status) ORDER BY id DESC LIMIT 1 OFFSET ?", arguments: [back])
            }
            if let id = RunID(trimmed),
                try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [id]) == true
            {
                return id
            }
            return try RunID.fetchOne(
                db,
                sql: "SELECT id FROM run WHERE label = ?\(completedOnly ? " AND status = 'completed'" : "") "
                    + "ORDER BY id DESC LIMIT 1",
                arguments: [trimmed])
        }
        guard let found else {
            let namesAnID = RunID(trimmed) != nil
            throw completedOnly && !namesAnID
                ? .noCompletedRun(reference: reference, path: path) : .unknownRun(reference: reference, path: path)
        }
        return found
    }

    static let runQuery = """
        SELECT r.*,
          (SELECT COUNT(*) FROM point p WHERE p.runId = r.id) AS pointCount,
          (SELECT COUNT(*) FROM sample s JOIN point p ON p.id = s.pointId
             WHERE p.runId = r.id AND s.isWarmup = 0) AS sampleCount
        FROM run r
        """
}

extension StoredRun {
    init(row: Row, liveness: ProcessLiveness) {
        self.init(
            id: row["id"], row: SQLiteRunStore.archivedRun(row), pointCount: row["pointCount"],
            sampleCount: row["sampleCount"], liveness: liveness)
    }
}
