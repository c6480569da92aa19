import Foundation

/// Tells whether the process that recorded a `running` run is still alive.
///
/// Only a run recorded on this host can be judged: `kill(pid, 0)` fails with `ESRCH` when no
/// such process exists. A run from another host is never called crashed.
public struct ProcessLiveness: Sendable {
    public let host: String
    let isAlive: @Sendable (Int32) -> Bool

    public init(host: String, isAlive: @escaping @Sendable (Int32) -> Bool) {
        self.host = host
        self.isAlive = isAlive
    }

    /// This host, judged with `kill(pid, 0)`.
    public static var current: ProcessLiveness {
        ProcessLiveness(host: ProcessInfo.processInfo.hostName) { pid in
            pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
        }
    }

    func isDead(processID: Int32, host recordedHost: String) -> Bool {
        recordedHost == host && !isAlive(processID)
    }
}
