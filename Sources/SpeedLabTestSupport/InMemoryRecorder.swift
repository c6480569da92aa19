import SpeedLabCore
import Synchronization

/// A ``RunRecorder`` that keeps runs in memory, for tests of the engine's run lifecycle
/// (start, interrupt, crash, resume) without a database.
///
/// It keeps what the SQLite store keeps, with the same rules: a repetition stored twice is
/// kept as it was, points are identified by key, a `running` run whose process is gone reads
/// `crashed`. Calls can be made to fail, to test what the engine does when a write fails.
public final class InMemoryRecorder: RunRecorder {
    /// A run as the recorder holds it.
    public struct StoredRun: Sendable {
        public var run: NewRun
        public var status: RunStatus
        public var processID: Int32
        public var points: [PointKey: StoredPoint] = [:]
    }

    /// A point as the recorder holds it.
    public struct StoredPoint: Sendable {
        public var id: PointID
        public var point: NewPoint
        public var status: PointStatus = .pending
        public var error: String?
        /// Samples by (warm-up, repetition), first write wins.
        public var samples: [SampleSlot: Sample] = [:]
        /// Its traced repetition, if recorded.
        public var trace: PointTrace?
    }

    /// Where a sample sits in a point: a repetition is stored once as a warm-up and once measured.
    public struct SampleSlot: Sendable, Hashable {
        public var isWarmup: Bool
        public var repetition: Int
    }

    private struct State {
        var runs: [RunID: StoredRun] = [:]
        var pointRun: [PointID: (run: RunID, key: PointKey)] = [:]
        var nextRunID: RunID = 1
        var nextPointID: PointID = 1
        var recordCalls = 0
        var liveProcesses: Set<Int32> = []
    }

    private let state = Mutex(State())
    /// When set, `record` throws this error from the given call on (1-based), to simulate a
    /// failing disk.
    private let failingRecord = Mutex<(fromCall: Int, error: any Error & Sendable)?>(nil)

    public init() {}

    /// Processes that count as alive: a `running` run of any other process reads `crashed`.
    public func setLiveProcesses(_ processes: Set<Int32>) {
        state.withLock { $0.liveProcesses = processes }
    }

    /// Makes the `call`-th call of ``record(_:)`` and every later one throw `error`.
    public func failRecord(fromCall call: Int, with error: any Error & Sendable) {
        failingRecord.withLock { $0 = (call, error) }
    }

    /// How many times ``record(_:)`` was called (one transaction each in a real store).
    public var recordCallCount: Int { state.withLock { $0.recordCalls } }

    /// Everything held for run `id`.
    public func run(_ id: RunID) -> StoredRun? {
        state.withLock { $0.runs[id] }
    }

    /// Measured (not warm-up) samples of run `id`, all points together.
    public func measuredSampleCount(ofRun id: RunID) -> Int {
        state.withLock { state in
            state.runs[id]?.points.values.reduce(0) { $0 + $1.samples.keys.filter { !$0.isWarmup }.count } ?? 0
        }
    }

    /// Changes a stored checksum, to test that a resumed run checks against what was stored.
    public func overwriteChecksums(ofRun id: RunID, point key: PointKey, with checksum: UInt64) {
        state.withLock { state in
            guard var point = state.runs[id]?.points[key] else { return }
            for slot in point.samples.keys { point.samples[slot]?.checksum = checksum }
            state.runs[id]?.points[key] = point
        }
    }

    /// Marks a run `running` for process `processID`, as a process killed mid-run leaves it.
    public func simulateCrash(ofRun id: RunID, processID: Int32) {
        state.withLock { state in
            state.runs[id]?.status = .running
            state.runs[id]?.processID = processID
        }
    }

    // MARK: RunRecorder

    public func createRun(_ run: NewRun) throws -> RunID {
        state.withLock { state in
            let id = state.nextRunID
            state.nextRunID += 1
            state.runs[id] = StoredRun(run: run, status: .running, processID: run.environment.processID)
            state.liveProcesses.insert(run.environment.processID)
            return id
        }
    }

    public func registerPoints(_ points: [NewPoint], run: RunID) throws -> [PointKey: PointID] {
        try state.withLock { state in
            guard state.runs[run] != nil else { throw InMemoryRecorderError.unknownRun(run) }
            var ids: [PointKey: PointID] = [:]
            for point in points {
                if let existing = state.runs[run]?.points[point.key] {
                    ids[point.key] = existing.id
                    continue
                }
                let id = state.nextPointID
                state.nextPointID += 1
                state.runs[run]?.points[point.key] = StoredPoint(id: id, point: point)
                state.pointRun[id] = (run, point.key)
                ids[point.key] = id
            }
            return ids
        }
    }

    public func record(_ batch: [PointSample]) throws {
        let call = state.withLock { state -> Int in
            state.recordCalls += 1
            return state.recordCalls
        }
        if let failing = failingRecord.withLock({ $0 }), call >= failing.fromCall { throw failing.error }
        try state.withLock { state in
            for item in batch {
                guard let (run, key) = state.pointRun[item.pointID] else {
                    throw InMemoryRecorderError.unknownPoint(item.pointID)
                }
                let slot = SampleSlot(isWarmup: item.sample.isWarmup, repetition: item.sample.repetition)
                if state.runs[run]?.points[key]?.samples[slot] == nil {
                    state.runs[run]?.points[key]?.samples[slot] = item.sample
                }
            }
        }
    }

    public func recordTrace(_ trace: PointTrace, of point: PointID) throws {
        try state.withLock { state in
            guard let (run, key) = state.pointRun[point] else { throw InMemoryRecorderError.unknownPoint(point) }
            state.runs[run]?.points[key]?.trace = trace
        }
    }

    public func setStatus(_ status: PointStatus, error: String?, of point: PointID) throws {
        try state.withLock { state in
            guard let (run, key) = state.pointRun[point] else { throw InMemoryRecorderError.unknownPoint(point) }
            state.runs[run]?.points[key]?.status = status
            state.runs[run]?.points[key]?.error = error
        }
    }

    public func recordedRun(_ id: RunID) throws -> RecordedRun {
        try state.withLock { state in
            guard let stored = state.runs[id] else { throw InMemoryRecorderError.unknownRun(id) }
            var status = stored.status
            if status == .running, !state.liveProcesses.contains(stored.processID) { status = .crashed }
            return RecordedRun(
                id: id, status: status, storedStatus: stored.status, processID: stored.processID,
                host: stored.run.environment.host, sweepYAML: stored.run.sweepYAML,
                sweepSource: stored.run.sweepSource, repetitions: stored.run.repetitions, warmup: stored.run.warmup,
                kernelNanosPerUnit: stored.run.kernelNanosPerUnit, adaptive: stored.run.adaptive,
                httpRoundTripNanos: stored.run.httpRoundTripNanos,
                points: stored.points.mapValues { point in
                    let measured = point.samples.filter { !$0.key.isWarmup }
                    return RecordedPoint(
                        id: point.id, measuredRepetitions: Set(measured.keys.map(\.repetition)),
                        checksum: point.samples.values.first?.checksum,
                        measuredWallNanos: measured.values.map { Double($0.wallNanos) }, hasTrace: point.trace != nil)
                })
        }
    }

    public func reopenRun(_ recorded: RecordedRun, processID: Int32, host: String) throws -> Bool {
        try state.withLock { state in
            guard let stored = state.runs[recorded.id] else { throw InMemoryRecorderError.unknownRun(recorded.id) }
            guard stored.status == recorded.storedStatus, stored.processID == recorded.processID else { return false }
            state.runs[recorded.id]?.status = .running
            state.runs[recorded.id]?.processID = processID
            state.liveProcesses.insert(processID)
            return true
        }
    }

    public func heartbeat(_ id: RunID) throws {
        try state.withLock { state in
            guard state.runs[id] != nil else { throw InMemoryRecorderError.unknownRun(id) }
        }
    }

    public func finishRun(_ id: RunID, status: RunStatus) throws {
        try state.withLock { state in
            guard state.runs[id] != nil else { throw InMemoryRecorderError.unknownRun(id) }
            state.runs[id]?.status = status
        }
    }
}

/// A call that named a run or point the ``InMemoryRecorder`` does not hold.
public enum InMemoryRecorderError: Error, Sendable, Equatable {
    case unknownRun(RunID)
    case unknownPoint(PointID)
}
