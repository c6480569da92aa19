import SpeedLabCore

/// Folds a run's stored samples and points into the ``RecordedRun`` that `--resume` continues
/// from, whichever store read them.
public struct RecordedRunBuilder {
    private var repetitions: [PointID: Set<Int>] = [:]
    private var checksums: [PointID: UInt64] = [:]
    private var walls: [PointID: [Double]] = [:]
    private var points: [PointKey: RecordedPoint] = [:]

    public init() {}

    /// Counts one stored sample: a measured repetition with its wall time; the first checksum
    /// of each point is the one later samples must match.
    public mutating func addSample(
        point: PointID, repetition: Int, isWarmup: Bool, checksum: Int64, wallNanos: Int64
    ) {
        if !isWarmup {
            repetitions[point, default: []].insert(repetition)
            walls[point, default: []].append(Double(wallNanos))
        }
        if checksums[point] == nil { checksums[point] = UInt64(bitPattern: checksum) }
    }

    /// Adds a registered point, after every sample has been counted.
    public mutating func addPoint(_ id: PointID, key: PointKey, hasTrace: Bool) {
        points[key] = RecordedPoint(
            id: id, measuredRepetitions: repetitions[id] ?? [], checksum: checksums[id],
            measuredWallNanos: walls[id] ?? [], hasTrace: hasTrace)
    }

    /// The run as stored, with the points added.
    public func build(_ run: StoredRun) -> RecordedRun {
        RecordedRun(
            id: run.id, status: run.status, storedStatus: run.storedStatus, processID: run.environment.processID,
            host: run.environment.host, sweepYAML: run.sweepYAML, sweepSource: run.sweepSource,
            repetitions: run.repetitions, warmup: run.warmup, kernelNanosPerUnit: run.kernelNanosPerUnit,
            adaptive: run.adaptive, httpRoundTripNanos: run.httpRoundTripNanos, points: points)
    }
}
