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

    /// Copies the selected runs, calling `progress` after each one.
    public func run(_ selection: Selection, progress: (Progress) -> Void = { _ in }) throws(StoreError) -> Summary {
        let runs = try self.runs(selection)
        let present = try target.runUUIDs()
        var summary = Summary()
        for (index, run) in runs.enumerated() {
            if run.status == .running {
                summary.running += 1
            } else {
                let archive = try source.archive(ofRun: run.id)
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
}
