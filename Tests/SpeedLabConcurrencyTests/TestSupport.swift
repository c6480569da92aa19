import Clocks
import Synchronization

/// Counts how many callers are inside a section at once and remembers the maximum.
final class ConcurrencyProbe: Sendable {
    private struct Counts {
        var current = 0
        var maximum = 0
    }

    private let counts = Mutex(Counts())

    func enter() {
        counts.withLock {
            $0.current += 1
            $0.maximum = max($0.maximum, $0.current)
        }
    }

    func leave() {
        counts.withLock { $0.current -= 1 }
    }

    var maximum: Int { counts.withLock { $0.maximum } }
}

/// A thread-safe list that tasks append to, to check order or membership afterwards.
final class Recorder<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    func append(_ element: Element) {
        storage.withLock { $0.append(element) }
    }

    var elements: [Element] { storage.withLock { $0 } }
}

/// A flag that one task sets and another reads.
final class Flag: Sendable {
    private let storage = Atomic<Bool>(false)

    func set() { storage.store(true, ordering: .sequentiallyConsistent) }

    var isSet: Bool { storage.load(ordering: .sequentiallyConsistent) }
}

struct TestTimedOut: Error {}

/// Polls `condition` on real time until it holds, for at most `limit`; returns whether it held.
func eventually(
    within limit: Duration = .seconds(120),
    _ condition: @Sendable () -> Bool
) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: limit)
    while !condition() {
        if clock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(1))
    }
    return true
}

/// Runs `body` in a task and drives `clock` with `run()` until the task has finished.
///
/// `run()` returns when no sleep is pending at that instant; the body may not have reached its
/// next sleep yet on a loaded machine, so this keeps running the clock until the task is done.
func runOnTestClock<T: Sendable>(
    _ clock: TestClock<Duration>,
    _ body: @escaping @Sendable () async throws -> T
) async -> Result<T, any Error> {
    let finished = Flag()
    let task = Task {
        defer { finished.set() }
        return try await body()
    }
    while !finished.isSet {
        // run()'s budget is real time: when it runs out it fails pending sleeps with
        // CancellationError. While other suites' synchronous tests (subprocesses, a database
        // server) hold both threads of the cooperative pool, this task may not run for tens of
        // seconds: the budget is generous, and the tests' time limits catch a real hang.
        await clock.run(timeout: .seconds(600))
        try? await Task.sleep(for: .milliseconds(1))
    }
    return await task.result
}

extension TestClock<Duration> {
    /// Virtual time since the clock was created.
    var elapsed: Duration { Instant().duration(to: now) }
}
