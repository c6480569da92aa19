import Foundation

/// One thread that keeps the deadlines of every simulated I/O wait and resumes each waiter
/// when its deadline passes, as an event loop's timer wheel does.
///
/// `Task.sleep` arms one system timer per sleeper; with 10,000 sleepers that overhead
/// dominates a 10 ms wait. Here a waiter costs a heap entry and a continuation kept in a
/// reusable slot (no hashing), and a cancelled waiter is resumed at once.
final class TimerQueue: @unchecked Sendable {
    // Safe to share: every stored `var` below is read and written only while `condition`
    // is locked; continuations are resumed after unlocking, each exactly once (whoever takes
    // it out of its slot — the timer thread or the cancellation handler — resumes it).
    private let condition = MonotonicCondition()
    private var heap = DeadlineHeap()
    private var slots: [Slot] = []
    private var freeSlots: [Int] = []
    private var threadStarted = false
    /// Deadlines in the heap are nanoseconds after this instant.
    private let epoch = ContinuousClock.now

    private struct Slot {
        var generation: UInt64 = 0
        var continuation: UnsafeContinuation<Void, any Error>?
    }

    /// Where a waiter is: its slot and the slot's generation when it was taken.
    private struct Ticket: Sendable {
        var slot: Int
        var generation: UInt64
    }

    /// The process-wide timer thread.
    static let shared = TimerQueue()

    /// Suspends until `deadline`; throws `CancellationError` when the task is cancelled first.
    nonisolated(nonsending) func sleep(until deadline: ContinuousClock.Instant) async throws {
        if deadline <= .now {
            try Task.checkCancellation()
            return
        }
        let ticket = reserveSlot()
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                enqueue(continuation, ticket: ticket, deadline: deadline)
            }
        } onCancel: {
            take(ticket)?.resume(throwing: CancellationError())
        }
    }

    private func reserveSlot() -> Ticket {
        condition.lock()
        defer { condition.unlock() }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = slots.count
            slots.append(Slot())
        }
        slots[slot].generation &+= 1
        return Ticket(slot: slot, generation: slots[slot].generation)
    }

    /// Takes the waiter's continuation out of its slot (and frees the slot), if still there.
    private func take(_ ticket: Ticket) -> UnsafeContinuation<Void, any Error>? {
        condition.lock()
        defer { condition.unlock() }
        return takeLocked(ticket)
    }

    private func takeLocked(_ ticket: Ticket) -> UnsafeContinuation<Void, any Error>? {
        guard slots[ticket.slot].generation == ticket.generation,
            let continuation = slots[ticket.slot].continuation
        else { return nil }
        slots[ticket.slot].continuation = nil
        slots[ticket.slot].generation &+= 1  // a stale heap entry or handler now misses
        freeSlots.append(ticket.slot)
        return continuation
    }

    /// Queues a waiter, or resumes it at once when its task is already cancelled.
    private func enqueue(
        _ continuation: UnsafeContinuation<Void, any Error>, ticket: Ticket, deadline: ContinuousClock.Instant
    ) {
        condition.lock()
        if Task.isCancelled {
            slots[ticket.slot].generation &+= 1
            freeSlots.append(ticket.slot)
            condition.unlock()
            continuation.resume(throwing: CancellationError())
            return
        }
        slots[ticket.slot].continuation = continuation
        heap.push(.init(deadline: nanos(deadline), slot: ticket.slot, generation: ticket.generation))
        startThreadIfNeeded()
        if heap.first?.slot == ticket.slot { condition.signal() }
        condition.unlock()
    }

    /// `instant` as nanoseconds after ``epoch``.
    private func nanos(_ instant: ContinuousClock.Instant) -> Int64 {
        let offset = epoch.duration(to: instant).components
        return offset.seconds * 1_000_000_000 + offset.attoseconds / 1_000_000_000
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
        var ready: [UnsafeContinuation<Void, any Error>] = []
        condition.lock()
        while true {
            guard let top = heap.first else {
                condition.wait()
                continue
            }
            let now = nanos(.now)
            if top.deadline > now {
                condition.wait(nanoseconds: top.deadline - now)
                continue
            }
            while let entry = heap.first, entry.deadline <= now {
                heap.popFirst()
                if let continuation = takeLocked(Ticket(slot: entry.slot, generation: entry.generation)) {
                    ready.append(continuation)
                }
            }
            condition.unlock()
            for continuation in ready { continuation.resume() }
            ready.removeAll(keepingCapacity: true)
            condition.lock()
        }
    }
}
