import Foundation
import GRDB
import SpeedLabCore
import SpeedLabStore

extension SQLiteRunStore {
    /// Reads the points matching `filter` across the runs it selects, with their samples,
    /// through the point and sample indexes (no scan of unrelated runs).
    public func history(_ filter: HistoryFilter) throws(StoreError) -> HistoryData {
        let stored = try self.runs()
        let runs = filter.selectRuns(stored)
        guard !runs.isEmpty else { return HistoryData(runs: [], points: [], runOfPoint: [:], samples: [:]) }
        let runIDs = runs.map(\.id)
        let runList = runIDs.map(String.init).joined(separator: ",")
        return try read { db in
            var sql =
                "SELECT id, runId, ordinal, scenario, parameters, idealNanos, idealIONanos, idealCPUNanos, command FROM point "
                + "WHERE runId IN (\(runList))"
            if filter.scenario != nil { sql += " AND scenario = ?" }
            let pointScan = try PreparedStatement(db, sql: sql + " ORDER BY runId, ordinal")
            if let scenario = filter.scenario { pointScan.bind(1, text: scenario) }
            var points: [StoredPoint] = []
            var runOfPoint: [PointID: RunID] = [:]
            // The runs of a history repeat the same few parameter sets: each is decoded once.
            var decoded: [String: PointKey] = [:]
            try pointScan.forEachRow { row in
                let pointID = row.int64(0)
                let runID = row.int64(1)
                let scenario = row.text(3) ?? ""
                let parameters = row.text(4) ?? ""
                let lookup = scenario + "\u{0}" + parameters
                let key: PointKey
                if let known = decoded[lookup] {
                    key = known
                } else {
                    key = try pointKey(run: runID, point: pointID, scenario: scenario, parameters: parameters)
                    decoded[lookup] = key
                }
                guard filter.matches(key.parameters) else { return }
                points.append(
                    StoredPoint(
                        id: pointID, ordinal: Int(row.int64(2)), key: key, baselinePointID: nil,
                        idealNanos: row.optionalInt64(5), idealIONanos: row.optionalInt64(6),
                        idealCPUNanos: row.optionalInt64(7), status: .measured, error: nil, command: row.text(8)))
                runOfPoint[pointID] = runID
            }
            // Every measured sample of the selected runs in one pass, in each point's
            // repetition order, kept for the points the filter matched.
            let indexOfPoint = Dictionary(uniqueKeysWithValues: points.enumerated().map { ($1.id, $0) })
            let timings =
                try runs.count * 2 >= stored.count
                ? Self.samplesByScan(db, indexOfPoint: indexOfPoint, count: points.count)
                : Self.samplesByPoint(db, runList: runList, indexOfPoint: indexOfPoint, count: points.count)
            var samples: [PointID: PointTimings] = [:]
            samples.reserveCapacity(points.count)
            for (point, timing) in zip(points, timings) { samples[point.id] = timing }
            return HistoryData(runs: runs, points: points, runOfPoint: runOfPoint, samples: samples)
        }
    }

    /// The measured samples of the points at `indexOfPoint`, read point by point through the
    /// sample index, in repetition order: for a history of a small part of the store.
    private static func samplesByPoint(
        _ db: Database, runList: String, indexOfPoint: [PointID: Int], count: Int
    ) throws -> [PointTimings] {
        var timings = [PointTimings](repeating: PointTimings(), count: count)
        let scan = try PreparedStatement(
            db,
            sql: "SELECT s.pointId, s.wallNanos, s.userNanos + s.systemNanos FROM point p "
                + "JOIN sample s ON s.pointId = p.id AND s.isWarmup = 0 WHERE p.runId IN (\(runList)) "
                + "ORDER BY p.runId, p.ordinal, s.repetition")
        var currentID: PointID?
        var current: Int?  // the index of the point whose samples are being read
        try scan.forEachRow { row in
            let pointID = row.int64(0)
            if pointID != currentID {
                currentID = pointID
                current = indexOfPoint[pointID]  // nil for a point the filter left out
            }
            guard let current else { return }
            timings[current].wallNanos.append(Double(row.int64(1)))
            timings[current].cpuNanos.append(Double(row.int64(2)))
        }
        return timings
    }

    /// The same samples from one pass over the sample table in storage order, each point's then
    /// put in repetition order: for a history of most of the store, where a scan reads less
    /// than a lookup per sample does.
    private static func samplesByScan(_ db: Database, indexOfPoint: [PointID: Int], count: Int) throws
        -> [PointTimings]
    {
        var drawn = [[(repetition: Int64, wall: Double, cpu: Double)]](repeating: [], count: count)
        let scan = try PreparedStatement(
            db, sql: "SELECT pointId, repetition, wallNanos, userNanos + systemNanos FROM sample WHERE isWarmup = 0")
        try scan.forEachRow { row in
            guard let index = indexOfPoint[row.int64(0)] else { return }
            drawn[index].append((row.int64(1), Double(row.int64(2)), Double(row.int64(3))))
        }
        return drawn.map { samples in
            let ordered =
                zip(samples, samples.dropFirst()).allSatisfy { $0.repetition < $1.repetition }
                ? samples : samples.sorted { $0.repetition < $1.repetition }
            return PointTimings(wallNanos: ordered.map(\.wall), cpuNanos: ordered.map(\.cpu))
        }
    }
}
