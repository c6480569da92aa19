import Synchronization

/// A FIFO counting semaphore for async code that honours task cancellation.
///
/// Use it to bound how many operations are in flight at once (for example at most C
/// concurrent fetches). Waiters are served strictly in arrival order. A waiter whose task is
/// cancelled while queued leaves the queue at once and throws `CancellationError`; a cancelled
/// task never keeps a permit it did not use, so `availablePermits` returns to its initial
/// value once every holder has signalled. Waiting costs one lock and one continuation, so
/// thousands of tasks can pass through a semaphore in a few milliseconds.
public final class AsyncSemaphore: Sendable {
    private typealias Continuation = UnsafeContinuation<Void, any Error>

    private enum Waiter {
        /// Registered, its continuation not installed yet.
        case pending
        /// Cancelled before its continuation was installed.
        case cancelled
        /// Suspended in the queue.
        case waiting(Continuation)
    }

    /// Invariant: `permits > 0` only while no waiter is queued.
    private struct State {
        var permits: Int
        var nextID: UInt64 = 0
        var waiters: [UInt64: Waiter] = [:]
        var queue = FIFOBuffer<UInt64>()
        var waitingCount = 0

        /// Removes and returns the oldest waiter still queued, skipping cancelled ones.
        mutating func dequeueWaiter() -> Continuation? {
            while let id = queue.popFirst() {
                if case .waiting(let continuation) = waiters.removeValue(forKey: id) {
                    waitingCount -= 1
                    return continuation
                }
            }
            return nil
        }
    }

    private let state: Mutex<State>

    /// Creates a semaphore holding `permits` permits (at least 0).
    public init(permits: Int) {
        precondition(permits >= 0, "AsyncSemaphore needs a non-negative permit count, got \(permits)")
        state = Mutex(State(permits: permits))
    }

    /// Permits that a caller could take right now without waiting.
    public var availablePermits: Int { state.withLock { $0.permits } }

    /// Tasks suspended in `wait()`, in the queue.
    public var waitingCount: Int { state.withLock { $0.waitingCount } }

    /// Takes a permit, suspending in FIFO order until one is free.
    ///
    /// Throws `CancellationError` if the task is cancelled before or while waiting; in that case
    /// no permit is held by the caller (a permit handed over at the moment of cancellation is
    /// passed on to the next waiter).
    nonisolated(nonsending) public func wait() async throws {
        try Task.checkCancellation()
        let ticket: UInt64? = state.withLock { state in
            if state.permits > 0, state.waitingCount == 0 {
                state.permits -= 1
                return nil
            }
            let id = state.nextID
            state.nextID += 1
            state.waiters[id] = .pending
            return id
        }
        guard let ticket else { return }
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: Continuation) in
                let outcome = state.withLock { state -> Result<Void, CancellationError>? in
                    if case .cancelled = state.waiters[ticket] {
                        state.waiters[ticket] = nil
                        return .failure(CancellationError())
                    }
                    if state.permits > 0 {
                        // A permit came back while this waiter registered; permits are only
                        // free when nobody is queued, so taking it keeps FIFO order.
                        state.waiters[ticket] = nil
                        state.permits -= 1
                        return .success(())
                    }
                    state.waiters[ticket] = .waiting(continuation)
                    state.queue.append(ticket)
                    state.waitingCount += 1
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let continuation = state.withLock { state -> Continuation? in
                switch state.waiters[ticket] {
                case .pending:
                    state.waiters[ticket] = .cancelled
                    return nil
                case .waiting(let continuation):
                    state.waiters[ticket] = nil
                    state.waitingCount -= 1
                    return continuation
                case .cancelled, nil:
                    return nil
                }
            }
            continuation?.resume(throwing: CancellationError())
        }
        if Task.isCancelled {
            // The permit arrived together with the cancellation: hand it on, report cancellation.
            signal()
            throw CancellationError()
        }
    }

    /// Returns a permit, resuming the oldest waiter if there is one.
    public func signal() {
        let next = state.withLock { state -> Continuation? in
            if let continuation = state.dequeueWaiter() { return continuation }
            state.permits += 1
            return nil
        }
        next?.resume()
    }

    /// Runs `body` holding a permit, and returns the permit when `body` returns or throws.
    nonisolated(nonsending) public func withPermit<T>(
        _ body: nonisolated(nonsending) () async throws -> T
    ) async throws -> T {
        try await wait()
        defer { signal() }
        return try await body()
    }
}
