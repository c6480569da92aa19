#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// This process's CPU time (user + system) so far, from `getrusage(RUSAGE_SELF)`.
enum ProcessCPU {
    static func nanos() -> Int64 {
        var usage = rusage()
        #if os(Linux)
            _ = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            _ = getrusage(RUSAGE_SELF, &usage)
        #endif
        return nanos(usage.ru_utime) + nanos(usage.ru_stime)
    }

    private static func nanos(_ time: timeval) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_usec) * 1_000
    }
}
