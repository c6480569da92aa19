import GRDB
import SpeedLabCore

/// Median wall and CPU time of one point's measured repetitions.
public struct PointMedians: Sendable, Hashable {
    public var samples: Int
    public var wallNanos: Double
    public var cpuNanos: Double

    public init(samples: Int, wallNanos: Double, cpuNanos: Double) {
        self.samples = samples
        self.wallNanos = wallNanos
        self.cpuNanos = cpuNanos
    }
}

extension RunStore {
    /// Medians of the measured (not warm-up) samples of every point of a run, by point id.
    public func medians(ofRun run: RunID) throws(StoreError) -> [PointID: PointMedians] {
        try measuredSamples(ofRun: run).mapValues { samples in
            PointMedians(
                samples: samples.wallNanos.count, wallNanos: Self.median(samples.wallNanos),
                cpuNanos: Self.median(samples.cpuNanos))
        }
    }

    /// The first stored checksum of each point of a run (all of a point's samples agree).
    public func checksums(ofRun run: RunID) throws(StoreError) -> [PointID: UInt64] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.pointId, MIN(s.checksum) AS checksum FROM sample s JOIN point p ON p.id = s.pointId
                    WHERE p.runId = ? GROUP BY s.pointId
                    """,
                arguments: [run])
            return rows.reduce(into: [:]) { $0[$1["pointId"]] = UInt64(bitPattern: $1["checksum"] as Int64) }
        }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
