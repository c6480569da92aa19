import Synchronization

/// A task that may be cancelled before it exists: a cancellation that comes first is kept and
/// applied the moment the task is set (a signal can arrive before the measuring task starts).
final class CancellableTask: Sendable {
    private struct State {
        var cancel: (@Sendable () -> Void)?
        var isCancelled = false
    }

    private let state = Mutex(State())

    func set<Success: Sendable>(_ task: Task<Success, any Error>) {
        let cancelNow = state.withLock { state in
            state.cancel = { task.cancel() }
            return state.isCancelled
        }
        if cancelNow { task.cancel() }
    }

    /// Whether ``cancel()`` was called (a signal arrived).
    var isCancelled: Bool { state.withLock { $0.isCancelled } }

    func cancel() {
        let cancel = state.withLock { state in
            state.isCancelled = true
            return state.cancel
        }
        cancel?()
    }
}
