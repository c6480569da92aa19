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
        case behindSchedule = "behind-schedule"
    }

    public var kind: Kind
    /// What is wrong: SpeedLab's words, with the user's text (a label, an error) as text.
    public var messageSpans: TextSpans
    /// What to do about it.
    public var remedySpans: TextSpans

    public init(_ kind: Kind, _ message: TextSpans, remedy: TextSpans) {
        self.kind = kind
        self.messageSpans = message
        self.remedySpans = remedy
    }

    /// The message as one line for a terminal (code in backticks).
    public var message: String { Self.terminalText(messageSpans) }
    /// The remedy as one line for a terminal (code in backticks).
    public var remedy: String { Self.terminalText(remedySpans) }

    static func terminalText(_ spans: TextSpans) -> String {
        spans.map { span in
            switch span {
            case .plain(let text), .text(let text): return text
            case .code(let text): return "`\(text)`"
            case .strong(let inner), .link(let inner, _): return terminalText(inner)
            }
        }.joined()
    }
}
