#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's CPU time, context switches and peak RSS from `getrusage(RUSAGE_SELF)`.
///
/// Differences of two readings attribute CPU time and switches to what ran between them;
/// peak RSS is the process's high-water mark so far (it never goes down).
public struct ResourceUsage: Sendable {
    public var userNanos: Int64
    public var systemNanos: Int64
    public var voluntarySwitches: Int64
    public var involuntarySwitches: Int64
    public var peakRSSBytes: Int64

    /// User and system CPU time together.
    public var cpuNanos: Int64 { userNanos + systemNanos }

    public static func current() -> ResourceUsage {
        var usage = rusage()
        #if os(Linux)
            _ = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            _ = getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
            let rssScale: Int64 = 1024  // Linux reports kilobytes
        #else
            let rssScale: Int64 = 1  // macOS reports bytes
        #endif
        return ResourceUsage(
            userNanos: nanos(usage.ru_utime), systemNanos: nanos(usage.ru_stime),
            voluntarySwitches: Int64(usage.ru_nvcsw), involuntarySwitches: Int64(usage.ru_nivcsw),
            peakRSSBytes: Int64(usage.ru_maxrss) * rssScale)
    }

    private static func nanos(_ time: timeval) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_usec) * 1_000
    }
}
