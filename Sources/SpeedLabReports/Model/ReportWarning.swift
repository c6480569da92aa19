/// Something a reader must know before trusting a report, with what to do about it.
public struct ReportWarning: Sendable, Hashable {
    /// What kind of warning it is (stable, for tests and CSV).
    public enum Kind: String, Sendable, Hashable {
        case debugBuild = "debug-build"
        case highLoad = "high-load"
        case outliers
        case failedPoint = "failed-point"
        case incompleteRun = "incomplete-run"
        case fewRepetitions = "few-repetitions"
        case environmentsDiffer = "environments-differ"
    }

    public var kind: Kind
    public var message: String
    public var remedy: String

    public init(_ kind: Kind, _ message: String, remedy: String) {
        self.kind = kind
        self.message = message
        self.remedy = remedy
    }
}
