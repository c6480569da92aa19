import SpeedLabCore
import SpeedLabScenarios

/// What a ``Runner`` has done so far in one run, and what it still holds: the rounds to come,
/// the checksums seen and the points that failed (with why), the samples waiting to be
/// stored, the jobs finished, and the self-measuring repetition queued ahead.
struct RunProgress<Source: RoundSource> {
    var rounds: RoundCursor<Source>
    var checks: ChecksumBook
    /// The message of every failure, in the order they happened.
    var failures: [String] = []
    var batches: BatchStore
    /// Jobs measured without failing, warm-ups included.
    var finishedJobs = 0
    /// A repetition of a self-measuring point (a command) queued behind the one being
    /// collected: it starts the moment that one ends (see ``Runner/measureLaunchingAhead``).
    var ahead: LaunchedAhead?

    init(plan: RunPlan, rounds: Source, batches: BatchStore) {
        self.rounds = RoundCursor(rounds)
        checks = ChecksumBook(plan: plan)
        self.batches = batches
    }

    /// Stops the repetition queued ahead, if there is one.
    mutating func abandonAhead() {
        guard let queued = ahead else { return }
        queued.scenario.abandon(queued.launched)
        ahead = nil
    }

    /// Stops the repetition queued ahead if it belongs to the point `ordinal` (which failed).
    mutating func abandonAhead(ofPoint ordinal: Int) {
        guard ahead?.job.ordinal == ordinal else { return }
        abandonAhead()
    }

    /// What the run comes to, ending so.
    func result(_ ending: RunResult.Ending) -> RunResult {
        RunResult(
            ending: ending, samplesStored: batches.stored, measuredSamplesStored: batches.measuredStored,
            failures: failures)
    }
}

/// A self-measuring repetition queued behind the one being collected, and the job it measures.
struct LaunchedAhead {
    let job: Schedule.Job
    let launched: any LaunchedRepetition
    let scenario: any SelfMeasuringScenario
}
