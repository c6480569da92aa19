import SpeedLabCommands
import SpeedLabCore
import SpeedLabScenarios

/// The lower bound of every point's wall time, for a machine's core count, kernel cost and
/// http round trip.
///
/// The CPU cost of an item is `work × kernelNanosPerUnit`, the kernel's cost measured on this
/// machine when the run starts (best of five). Only the kernel's own cost is a true lower
/// bound: a baseline's CPU time per item also holds the overhead of its waits, which
/// overlapping schedules share, so an ideal built on it could exceed what they achieve.
public struct IdealTimeTable: Sendable {
    /// Bounds by ordinal; a point whose bound is not a finite, non-negative time has none.
    public let bounds: [Int: IdealTime]

    public init(points: [PlannedPoint], kernelNanosPerUnit: Double, cores: Int, roundTripNanos: Double = 0) {
        var bounds: [Int: IdealTime] = [:]
        for point in points {
            let cpuPerItem = Double(point.parameters["work"]?.integerValue ?? 0) * kernelNanosPerUnit
            let ideal = point.scenario.idealTime(
                MachineCosts(cpuNanosPerItem: cpuPerItem, cores: cores, roundTripNanos: roundTripNanos))
            if ideal.nanos.isFinite, ideal.nanos >= 0 { bounds[point.ordinal] = ideal }
        }
        self.bounds = bounds
    }

    public subscript(ordinal: Int) -> IdealTime? { bounds[ordinal] }

    /// The point as the recorder registers it, with its bound in whole nanoseconds.
    func newPoint(_ point: PlannedPoint) -> NewPoint {
        let bound = bounds[point.ordinal]
        return NewPoint(
            ordinal: point.ordinal, scenario: point.scenarioName, parameters: point.parameters,
            baselineOrdinal: point.baselineOrdinal, idealNanos: bound.map { Int64($0.nanos.rounded()) },
            idealIONanos: bound.map { Int64($0.ioNanos.rounded()) },
            idealCPUNanos: bound.map { Int64($0.cpuNanos.rounded()) },
            command: (point.scenario as? CommandScenario)?.record()?.json)
    }
}
