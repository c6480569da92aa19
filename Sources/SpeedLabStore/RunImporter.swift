import Foundation
import SpeedLabCore

/// Copies runs from one store into another (SQLite or PostgreSQL, either way), one
/// transaction per run, keeping each run's UUID: a run the target already holds is skipped,
/// so importing twice adds nothing.
public struct RunImporter {
    /// Which runs of the source to copy.
    public struct Selection: Sendable {
        /// Run ids, labels, `latest` or `latest~N` of the source (all runs when empty).
        public var references: [String]
        public var label: String?
        public var since: Date?

        public init(references: [String] = [], label: String? = nil, since: Date? = nil) {
            self.references = references
            self.label = label
            self.since = since
        }
    }

    /// Where an import stands, after each run.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var imported: Int
        public var skipped: Int
        public var samples: Int
    }

    /// What an import did.
    public struct Summary: Sendable, Equatable {
        /// Runs copied, with the ids they got in the target.
        public var imported: [RunID] = []
        /// Runs the target already held (same UUID).
        public var skipped = 0
        /// Runs still being measured, left for a later import.
        public var running = 0
        /// Measured samples copied.
        public var samples = 0
    }

    public let source: any RunDatabase
    public let target: any RunDatabase

    public init(source: any RunDatabase, target: any RunDatabase) {
        self.source = source
        self.target = target
    }

    /// The source's runs that `selection` names, oldest first.
    public func runs(_ selection: Selection) throws(StoreError) -> [StoredRun] {
        try Self.selectedRuns(of: source, selection)
    }

    private static func selectedRuns(of source: any RunDatabase, _ selection: Selection) throws(StoreError)
        -> [StoredRun]
    {
        var runs = try source.runs()
        if !selection.references.isEmpty {
            var wanted = Set<RunID>()
            for reference in selection.references { wanted.insert(try source.resolveRun(reference)) }
            runs = runs.filter { wanted.contains($0.id) }
        }
        if let label = selection.label { runs = runs.filter { $0.label == label } }
        if let since = selection.since { runs = runs.filter { $0.startedAt >= since } }
        return runs
    }

    /// The runs of `source` that `selection` names, once the whole source passed every check:
    /// the store's own (for SQLite a full integrity check), then every selected run read in
    /// full with every value checked (``RunArchive/problems()``). Call it before the target
    /// is opened or created: a source that fails leaves the target as it was.
    /// A source that fails is let go of (``RunDatabase/abandon()``), so it is left as it was found.
    public static func checkedRuns(of source: any RunDatabase, _ selection: Selection) throws(StoreError)
        -> [StoredRun]
    {
        do { return try checkedRunsOrFailure(of: source, selection) } catch {
            source.abandon()
            throw error
        }
    }

    private static func checkedRunsOrFailure(of source: any RunDatabase, _ selection: Selection)
        throws(StoreError) -> [StoredRun]
    {
        try fromSource(source) { () throws(StoreError) in try source.verifyWholeStore() }
        let runs = try fromSource(source) { () throws(StoreError) in try selectedRuns(of: source, selection) }
        for run in runs where run.status != .running {
            let archive = try fromSource(source) { () throws(StoreError) in try source.archive(ofRun: run.id) }
            let problems = archive.problems()
            guard problems.isEmpty else {
                throw .importSource(
                    location: source.location,
                    detail: "run \(run.id) holds values SpeedLab cannot have written, so the source is damaged ("
                        + problems.prefix(3).joined(separator: "; ") + ")",
                    missing: false)
            }
        }
        return runs
    }

    /// Checks the source (``checkedRuns(of:_:)``), then copies the selected runs.
    public func run(_ selection: Selection, progress: (Progress) -> Void = { _ in }) throws(StoreError) -> Summary {
        try copy(try Self.checkedRuns(of: source, selection), progress: progress)
    }

    /// Copies `runs` (from ``checkedRuns(of:_:)``), one transaction each, calling `progress`
    /// after each one; runs still being measured and runs the target holds are skipped.
    ///
    /// Each run is read again here rather than kept from the check: holding every checked
    /// archive at once would cost the memory of the whole source (millions of samples).
    public func copy(_ runs: [StoredRun], progress: (Progress) -> Void = { _ in }) throws(StoreError) -> Summary {
        let present = try target.runUUIDs()
        var summary = Summary()
        for (index, run) in runs.enumerated() {
            if run.status == .running {
                summary.running += 1
            } else {
                let archive = try Self.fromSource(source) { () throws(StoreError) in try source.archive(ofRun: run.id) }
                if present.contains(archive.uuid) {
                    summary.skipped += 1
                } else if let id = try target.insert(archive) {
                    summary.imported.append(id)
                    summary.samples += archive.measuredSampleCount
                } else {
                    summary.skipped += 1
                }
            }
            progress(
                Progress(
                    done: index + 1, total: runs.count, imported: summary.imported.count, skipped: summary.skipped,
                    samples: summary.samples))
        }
        return summary
    }

    /// Runs `body` against the source, naming the source in any error it gives.
    private static func fromSource<T>(_ source: any RunDatabase, _ body: () throws(StoreError) -> T)
        throws(StoreError) -> T
    {
        do { return try body() } catch { throw sourceError(error, location: source.location) }
    }

    /// `error` from reading an import source at `location`, told as the source's: a missing,
    /// foreign or damaged file is named as the source, not as `--db` (a server's errors name
    /// their location already).
    public static func sourceError(_ error: StoreError, location: String) -> StoreError {
        switch error {
        case .missing:
            return .importSource(location: location, detail: "it does not exist", missing: true)
        case .notADatabase:
            return .importSource(location: location, detail: "it is not a SQLite database", missing: false)
        case .notAStore:
            return .importSource(location: location, detail: "it is not a SpeedLab store", missing: false)
        case .invalidPath(_, let reason):
            return .importSource(location: location, detail: reason, missing: false)
        case .corrupt(_, let detail), .sqlite(_, _, let detail):
            return .importSource(location: location, detail: "it is damaged (\(detail))", missing: false)
        case .undecodablePoint(_, let run, let point, _):
            return .importSource(
                location: location, detail: "it is damaged (point \(point) of run \(run) cannot be read)",
                missing: false)
        default:
            return error
        }
    }
}
