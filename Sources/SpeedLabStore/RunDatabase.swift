import Foundation
import SpeedLabCore

/// A store of runs, whatever keeps it: the SQLite file (``SQLiteRunStore``) or a PostgreSQL server.
///
/// The engine writes through the ``RunRecorder`` half; the commands, reports, comparisons and
/// histories read through the rest. A command opens one store at its edge and hands it on as
/// `any RunDatabase`, so nothing that reads it knows which backend answers.
public protocol RunDatabase: RunRecorder {
    /// Where the store is, as shown to people: a file path, or a URL without its password.
    var location: String { get }

    /// Every run, oldest first, with point and sample counts.
    func runs(liveness: ProcessLiveness) throws(StoreError) -> [StoredRun]

    /// One run by id; without `counting`, its point and sample counts are left at 0.
    func run(_ id: RunID, liveness: ProcessLiveness, counting: Bool) throws(StoreError) -> StoredRun

    /// Whether the store holds a run with id `id`.
    func hasRun(_ id: RunID) throws(StoreError) -> Bool

    /// The id of the newest run (the highest id) after skipping the `skipping` newest, among
    /// the runs labelled `label` (every run when nil), completed ones only with `completedOnly`;
    /// nil when there is none. ``resolveRun(_:completedOnly:)`` is written over it.
    func newestRun(label: String?, completedOnly: Bool, skipping: Int) throws(StoreError) -> RunID?

    /// The points of a run in schedule order.
    func points(ofRun run: RunID) throws(StoreError) -> [StoredPoint]

    /// Every sample of a run (warm-ups included) in the order they were stored, without metrics.
    func samples(ofRun run: RunID) throws(StoreError) -> [PointSample]

    /// The sum of the wall times of a run's measured samples, in nanoseconds.
    func measuredWallNanosTotal(ofRun run: RunID) throws(StoreError) -> Int64

    /// The summary of every metric of every point of a run (the `pointMetric` totals).
    func metricSummaries(ofRun run: RunID) throws(StoreError) -> [PointID: [String: MetricSummary]]

    /// The traced repetition of a point, or nil when it has none.
    func trace(of point: PointID) throws(StoreError) -> PointTrace?

    /// Every stored request of the llm repetitions of `points`, by point, in repetition and
    /// request order (none for a point that is not an llm point).
    func requests(ofPoints points: [PointID]) throws(StoreError) -> [PointID: [StoredRequest]]

    /// The points of a run that hold a traced repetition.
    func tracedPoints(ofRun run: RunID) throws(StoreError) -> Set<PointID>

    /// The points matching `filter` across the runs it selects, with their measured samples.
    func history(_ filter: HistoryFilter) throws(StoreError) -> HistoryData

    /// Checks the whole store for damage before it is copied from (SQLite: a full integrity
    /// check of every page, index and constraint); throws the first problem.
    func verifyWholeStore() throws(StoreError)

    /// The values of sample metric `name` in the measured samples of `points`, in repetition
    /// order (a sample without it is left out): what `compare` and `history --metric NAME` read.
    func sampleMetric(_ name: String, ofPoints points: [PointID]) throws(StoreError) -> [PointID: [Double]]

    /// Everything a run holds, to copy it into another store.
    func archive(ofRun run: RunID) throws(StoreError) -> RunArchive

    /// Keeps a run copied from another store in one transaction, with its identity; returns
    /// its id here, or nil when a run with the same UUID is already here (nothing is written).
    func insert(_ archive: RunArchive) throws(StoreError) -> RunID?

    /// The UUIDs of the runs this store holds.
    func runUUIDs() throws(StoreError) -> Set<UUID>

    /// Finishes pending work before the process exits (SQLite folds its write-ahead log into
    /// the file; a server connection closes).
    func close() throws(StoreError)

    /// Lets go of a store read as a source and found damaged: what opening it left beside it
    /// (SQLite's empty side files) is removed; nothing is written.
    func abandon()
}

extension RunDatabase {
    /// A server keeps its own pages consistent; the archives' values are still checked.
    public func verifyWholeStore() throws(StoreError) {}

    /// A server's connection leaves nothing beside a file to remove.
    public func abandon() {}

    /// ``history(_:)`` with the values of sample metric `name` in every point's timings.
    public func history(_ filter: HistoryFilter, sampleMetric name: String?) throws(StoreError) -> HistoryData {
        var data = try history(filter)
        guard let name else { return data }
        for (point, values) in try sampleMetric(name, ofPoints: data.points.map(\.id)) {
            data.samples[point, default: PointTimings()].metric = values
        }
        return data
    }

    /// Every run, judged alive or crashed from this host.
    public func runs() throws(StoreError) -> [StoredRun] { try runs(liveness: .current) }

    /// One run by id, with its counts unless `counting` is false.
    public func run(_ id: RunID, counting: Bool = true) throws(StoreError) -> StoredRun {
        try run(id, liveness: .current, counting: counting)
    }

    /// One run by id with its counts, judged alive or crashed by `liveness`.
    public func run(_ id: RunID, liveness: ProcessLiveness) throws(StoreError) -> StoredRun {
        try run(id, liveness: liveness, counting: true)
    }

    /// Wall and CPU times of every measured (not warm-up) sample of a run, by point.
    public func measuredSamples(ofRun run: RunID) throws(StoreError) -> [PointID: PointTimings] {
        PointTimings.grouped(try samples(ofRun: run))
    }

    /// The identity of a stored point, decoded from its row once; text that is not the
    /// canonical JSON SpeedLab writes is an error naming the run and the point.
    public func pointKey(run: RunID, point: PointID, scenario: String, parameters: String) throws(StoreError)
        -> PointKey
    {
        guard let decoded = ParameterPoint(canonicalJSON: parameters) else {
            throw .undecodablePoint(path: location, run: run, point: point, parameters: parameters)
        }
        return PointKey(scenario: scenario, parameters: decoded)
    }
}
