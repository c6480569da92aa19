import SpeedLabStore

/// One run's share of a site build: its page and its comparison with the previous run of its
/// label and host, each either left from the earlier build (its paths) or still to be made.
struct RunWork: Sendable {
    var run: StoredRun
    /// The previous run of the same label and host, when there is one.
    var base: StoredRun?
    var fingerprint: String
    var keptPage: [String]?
    var keptComparison: [String]?

    /// The pair this run's comparison compares, when it has a base.
    var pair: RunPair? { base.map { RunPair(base: $0.id, head: run.id) } }

    /// What the comparison is made from: both runs' fingerprints.
    static func comparisonFingerprint(base: StoredRun, head: StoredRun) -> String {
        RunPage.fingerprint(base) + "|" + RunPage.fingerprint(head)
    }

    /// What making a run's share gave: the page's files and the comparison's file, where made.
    struct Output: Sendable {
        var page: [SiteFile]?
        var comparison: SiteFile?
    }
}
