/// Where a run stands.
///
/// `crashed` is never written: it is what a `running` run whose process is gone is shown as.
public enum RunStatus: String, Sendable, CaseIterable {
    case running
    case completed
    case interrupted
    case failed
    case crashed
}
