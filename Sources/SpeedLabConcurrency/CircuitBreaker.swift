import Synchronization

/// A circuit breaker: closed → open after K consecutive failures → half-open after a cool-down.
///
/// Put one in front of each remote service so that a failing service is rejected fast instead
/// of being called (and waited on) again and again. While open, `run(_:)` throws
/// `CircuitOpenError` without calling the operation. After `coolDown` on the injected clock the
/// next call is a trial (half-open; other calls are still rejected meanwhile): its success
/// closes the circuit, its failure opens it again. Cancellation is neither success nor failure.
public final class CircuitBreaker<C: Clock>: Sendable where C.Duration == Duration {
    private struct Core {
        var state = CircuitState.closed
        var consecutiveFailures = 0
        var openedAt: C.Instant?
        var trialInFlight = false
        var statistics = CircuitBreakerStatistics()
    }

    /// What `admit()` decided for one call.
    private enum Admission {
        case run(isTrial: Bool)
        case reject(CircuitOpenError)
    }

    /// The breaker's name, repeated in `CircuitOpenError`.
    public let name: String
    /// Consecutive failures (K) that open a closed circuit.
    public let failureThreshold: Int
    /// How long the circuit stays open before a trial call.
    public let coolDown: Duration
    /// Whether an error counts as a failure; by default every error but `CancellationError`.
    public let isFailure: @Sendable (any Error) -> Bool
    private let clock: C
    private let core: Mutex<Core>

    public init(
        name: String = "service",
        failureThreshold: Int,
        coolDown: Duration,
        clock: C,
        isFailure: @escaping @Sendable (any Error) -> Bool = { !($0 is CancellationError) }
    ) {
        precondition(failureThreshold >= 1, "CircuitBreaker needs a failure threshold of at least 1")
        self.name = name
        self.failureThreshold = failureThreshold
        self.coolDown = coolDown
        self.clock = clock
        self.isFailure = isFailure
        self.core = Mutex(Core())
    }

    /// The state now; an open circuit whose cool-down has passed reads as half-open.
    public var state: CircuitState {
        let now = clock.now
        return core.withLock { core in
            advanceIfCooledDown(&core, now: now)
            return core.state
        }
    }

    /// Counters since creation.
    public var statistics: CircuitBreakerStatistics { core.withLock { $0.statistics } }

    /// Runs `operation` if the circuit admits it, recording its success or failure.
    ///
    /// Throws `CircuitOpenError` without running `operation` while the circuit is open (or a
    /// half-open trial is in flight); otherwise returns or rethrows what `operation` does.
    nonisolated(nonsending) public func run<T>(
        _ operation: nonisolated(nonsending) () async throws -> T
    ) async throws -> T {
        let isTrial: Bool
        switch admit() {
        case .reject(let error): throw error
        case .run(let trial): isTrial = trial
        }
        do {
            let value = try await operation()
            record(success: true, isTrial: isTrial)
            return value
        } catch {
            record(success: isFailure(error) ? false : nil, isTrial: isTrial)
            throw error
        }
    }

    private func admit() -> Admission {
        let now = clock.now
        return core.withLock { core in
            advanceIfCooledDown(&core, now: now)
            switch core.state {
            case .closed:
                return .run(isTrial: false)
            case .halfOpen where !core.trialInFlight:
                core.trialInFlight = true
                return .run(isTrial: true)
            case .halfOpen, .open:
                core.statistics.rejections += 1
                let left = core.openedAt.map { max(coolDown - $0.duration(to: now), .zero) } ?? .zero
                return .reject(CircuitOpenError(name: name, retryAfter: left))
            }
        }
    }

    /// Records an outcome: `true` success, `false` failure, `nil` neither (cancelled).
    private func record(success: Bool?, isTrial: Bool) {
        let now = clock.now
        core.withLock { core in
            if isTrial { core.trialInFlight = false }
            switch success {
            case true?:
                core.statistics.successes += 1
                core.consecutiveFailures = 0
                if isTrial, core.state == .halfOpen {
                    core.state = .closed
                    core.openedAt = nil
                    core.statistics.closed += 1
                }
            case false?:
                core.statistics.failures += 1
                core.consecutiveFailures += 1
                let trips =
                    isTrial
                    ? core.state == .halfOpen
                    : core.state == .closed && core.consecutiveFailures >= failureThreshold
                if trips {
                    core.state = .open
                    core.openedAt = now
                    core.statistics.opened += 1
                }
            case nil:
                break
            }
        }
    }

    private func advanceIfCooledDown(_ core: inout Core, now: C.Instant) {
        guard core.state == .open, let openedAt = core.openedAt,
            openedAt.duration(to: now) >= coolDown
        else { return }
        core.state = .halfOpen
        core.consecutiveFailures = 0
        core.statistics.halfOpened += 1
    }
}
