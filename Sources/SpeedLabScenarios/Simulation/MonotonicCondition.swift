#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A mutex and a condition variable whose timed waits run on the monotonic clock, so a step
/// of the wall clock (NTP, a manual `date -s`) neither delays nor hastens a wake-up.
///
/// Foundation's `NSCondition.wait(until:)` takes a wall-clock `Date`; this takes a duration.
final class MonotonicCondition: @unchecked Sendable {
    // Safe to share: the pthread objects are only used through their own thread-safe calls,
    // and they live (allocated once, never moved) until deinit.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        #if os(Linux)
            pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }

    func unlock() { pthread_mutex_unlock(mutex) }

    func signal() { pthread_cond_signal(condition) }

    /// Waits, with the lock held, until signalled (or woken spuriously).
    func wait() { pthread_cond_wait(condition, mutex) }

    /// Waits, with the lock held, until signalled or `nanoseconds` have passed on the
    /// monotonic clock (or woken spuriously); callers re-check their own deadline.
    func wait(nanoseconds: Int64) {
        #if os(Linux)
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let total = Int64(now.tv_nsec) + max(0, nanoseconds)
            var deadline = timespec(
                tv_sec: now.tv_sec + Int(total / 1_000_000_000), tv_nsec: Int(total % 1_000_000_000))
            _ = pthread_cond_timedwait(condition, mutex, &deadline)
        #else
            var relative = timespec(
                tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
            _ = pthread_cond_timedwait_relative_np(condition, mutex, &relative)
        #endif
    }
}
