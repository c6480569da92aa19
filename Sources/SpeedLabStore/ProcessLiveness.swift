import Foundation

/// Tells whether the process that recorded a `running` run is still alive.
///
/// A run whose heartbeat is older than ``staleHeartbeatSeconds`` is dead, whichever host
/// recorded it (the writer beats with every stored round and at least every 30 s while it
/// measures, so a run on another host that stopped beating is crashed). Without a recent heartbeat
/// verdict, a run recorded on this host is judged with `kill(pid, 0)`, which fails with
/// `ESRCH` when no such process exists; a run from another host is then taken as alive.
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

    /// Seconds without a heartbeat after which a `running` run is crashed.
    public static let staleHeartbeatSeconds: TimeInterval = 120

    func isDead(processID: Int32, host recordedHost: String, heartbeat: Date? = nil, now: Date = Date()) -> Bool {
        if let heartbeat, now.timeIntervalSince(heartbeat) > Self.staleHeartbeatSeconds { return true }
        return recordedHost == host && !isAlive(processID)
    }
}
