import SpeedLabCore
import SpeedLabScenarios
import Synchronization

/// What `speedlab services` has served since it started (or since the last reset): requests,
/// connections accepted and those that carried a request, requests held now and the most held
/// at once, which a test reads to check that a client never has more requests in flight than
/// its pool allows, and the services' own CPU per request, which tells how much of the CPU a
/// request costs on this machine is the services' and how much the client's.
public final class ServicesStatistics: Sendable {
    /// A snapshot, as `/stats` returns it.
    public struct Snapshot: Sendable, Hashable, Codable {
        public var requests = 0
        /// Connections accepted, including any a client opened ahead and never used.
        public var connections = 0
        /// Connections that carried at least one request: what a client counts as opened.
        public var connectionsUsed = 0
        public var inFlight = 0
        public var maxInFlight = 0
        public var errors = 0
        public var hangs = 0
        /// This process's CPU time (user + system) since the start or the last reset, per
        /// request served in that time (0 before the first): what answering costs the services.
        public var cpuMicrosPerRequest = 0.0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case requests, connections, errors, hangs
            case connectionsUsed = "connections_used"
            case inFlight = "in_flight"
            case maxInFlight = "max_in_flight"
            case cpuMicrosPerRequest = "cpu_us_per_request"
        }
    }

    private let state = Mutex(Snapshot())
    /// The process's CPU time at the start or the last reset.
    private let cpuSince = Mutex(ResourceUsage.current().cpuNanos)

    public init() {}

    public var snapshot: Snapshot {
        var snapshot = state.withLock { $0 }
        let cpu = ResourceUsage.current().cpuNanos - cpuSince.withLock { $0 }
        if snapshot.requests > 0 { snapshot.cpuMicrosPerRequest = Double(cpu) / 1e3 / Double(snapshot.requests) }
        return snapshot
    }

    func connectionAccepted() {
        state.withLock { $0.connections += 1 }
    }

    func connectionCarriedItsFirstRequest() {
        state.withLock { $0.connectionsUsed += 1 }
    }

    func requestArrived(_ draw: ServiceDraw) {
        state.withLock { state in
            state.requests += 1
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            if draw == .fail { state.errors += 1 }
            if draw == .hang { state.hangs += 1 }
        }
    }

    func requestEnded() {
        state.withLock { $0.inFlight -= 1 }
    }

    /// Zeroes the counters but the requests held now.
    public func reset() {
        cpuSince.withLock { $0 = ResourceUsage.current().cpuNanos }
        state.withLock { state in
            let held = state.inFlight
            state = Snapshot()
            state.inFlight = held
            state.maxInFlight = held
        }
    }
}
