import Foundation

/// One thread that keeps the deadlines of every simulated I/O wait and resumes each waiter
/// when its deadline passes, as an event loop's timer wheel does.
///
/// `Task.sleep` arms one system timer per sleeper; with 10,000 sleepers that overhead
/// dominates a 10 ms wait. Here a waiter costs a heap entry and a continuation.
final class TimerQueue: @unchecked Sendable {
    // Safe to share: every stored `var` below is read and written only while `condition`
    // is locked; continuations are resumed after unlocking.
    private let condition = NSCondition()
    private var heap = DeadlineHeap()
    private var waiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
    private var nextID: UInt64 = 0
    private var threadStarted = false

    /// The process-wide timer thread.
    static let shared = TimerQueue()

    /// Suspends until `deadline`; throws `CancellationError` when the task is cancelled first.
    func sleep(until deadline: ContinuousClock.Instant) async throws {
        if deadline <= .now {
            try Task.checkCancellation()
            return
        }
        let id = makeIdentifier()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enqueue(continuation, id: id, deadline: deadline)
            }
        } onCancel: {
            removeWaiter(id)?.resume(throwing: CancellationError())
        }
    }

    private func makeIdentifier() -> UInt64 {
        condition.lock()
        defer { condition.unlock() }
        nextID &+= 1
        return nextID
    }

    private func removeWaiter(_ id: UInt64) -> CheckedContinuation<Void, any Error>? {
        condition.lock()
        defer { condition.unlock() }
        return waiters.removeValue(forKey: id)
    }

    /// Queues a waiter, or resumes it at once when its task is already cancelled.
    private func enqueue(_ continuation: CheckedContinuation<Void, any Error>, id: UInt64, deadline: ContinuousClock.Instant) {
        condition.lock()
        if Task.isCancelled {
            condition.unlock()
            continuation.resume(throwing: CancellationError())
            return
        }
        waiters[id] = continuation
        heap.push(.init(deadline: deadline, id: id))
        startThreadIfNeeded()
        if heap.first?.id == id { condition.signal() }
        condition.unlock()
    }

    /// Called with `condition` locked.
    private func startThreadIfNeeded() {
        guard !threadStarted else { return }
        threadStarted = true
        let thread = Thread { [self] in self.loop() }
        thread.name = "speedlab-io-timer"
        thread.qualityOfService = .userInteractive
        thread.start()
    }

    private func loop() {
        condition.lock()
        while true {
            guard let top = heap.first else {
                condition.wait()
                continue
            }
            if waiters[top.id] == nil {  // cancelled: drop lazily
                heap.popFirst()
                continue
            }
            let now = ContinuousClock.now
            if top.deadline > now {
                let wait = now.duration(to: top.deadline)
                let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) * 1e-18
                _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
                continue
            }
            var ready: [CheckedContinuation<Void, any Error>] = []
            while let entry = heap.first, entry.deadline <= now {
                heap.popFirst()
                if let continuation = waiters.removeValue(forKey: entry.id) { ready.append(continuation) }
            }
            condition.unlock()
            for continuation in ready { continuation.resume() }
            condition.lock()
        }
    }
}
