/// Runs `operation`, giving up with `TimeoutError` once `duration` has passed on `clock`.
///
/// Use it for a per-call deadline (an I/O call, a service request). The operation races a
/// `clock.sleep(for:)` in a task group: if the sleep wins, the operation is cancelled, awaited,
/// and `TimeoutError(duration:)` is thrown; if the operation wins, the sleeper is cancelled
/// and its value or error is returned. If the calling task is cancelled, the call ends with
/// `CancellationError` (or the operation's own error), never with `TimeoutError`.
/// The operation must honour cancellation for the timeout to return promptly.
public func withTimeout<T: Sendable>(
    _ duration: Duration,
    clock: some Clock<Duration>,
    operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: TimeoutRace<T>.self) { group in
        group.addTask { .finished(try await operation()) }
        group.addTask {
            try await clock.sleep(for: duration)
            return .timedOut
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else {
            // Unreachable: two children were added.
            throw CancellationError()
        }
        switch first {
        case .finished(let value):
            return value
        case .timedOut:
            try Task.checkCancellation()
            throw TimeoutError(duration: duration)
        }
    }
}

/// Which side of the race in `withTimeout` finished first.
private enum TimeoutRace<T: Sendable>: Sendable {
    case finished(T)
    case timedOut
}
