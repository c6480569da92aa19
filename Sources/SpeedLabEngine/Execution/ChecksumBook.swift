import SpeedLabCore
import SpeedLabScenarios

/// Remembers the checksum each point produced and checks every new sample against it and
/// against its baseline's: a scenario that skips or repeats work fails loudly.
struct ChecksumBook {
    private var checksums: [Int: UInt64]
    private var failed: Set<Int> = []

    init(plan: RunPlan) {
        checksums = [:]
        for entry in plan.entries {
            if let checksum = entry.checksum { checksums[entry.point.ordinal] = checksum }
        }
    }

    func hasFailed(_ ordinal: Int) -> Bool { failed.contains(ordinal) }

    mutating func markFailed(_ ordinal: Int) { failed.insert(ordinal) }

    /// Records `checksum` for `point`, or returns the mismatch it shows.
    mutating func check(_ checksum: UInt64, point: PlannedPoint) -> ScenarioError? {
        let reference = point.baselineOrdinal.flatMap { checksums[$0] } ?? checksums[point.ordinal]
        if let reference, reference != checksum {
            return .checksumMismatch(
                scenario: point.scenarioName, point: point.parameters.description, expected: reference, actual: checksum
            )
        }
        if checksums[point.ordinal] == nil { checksums[point.ordinal] = checksum }
        return nil
    }
}
