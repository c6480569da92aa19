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

    /// What making a run's share gave: the page's files and the comparison's file, where made.
    struct Output: Sendable {
        var page: [SiteFile]?
        var comparison: SiteFile?
    }
}
