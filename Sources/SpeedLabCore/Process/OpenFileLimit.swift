import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// This process's limit on open files (`RLIMIT_NOFILE`). Real I/O holds a descriptor per
/// connection on each side, and an ordinary user's soft limit is often 1,024 (root's is
/// usually far higher), so a run that opens connections first raises its soft limit towards
/// the hard one, which any user may do. The commands a run benchmarks still start under the
/// limit SpeedLab itself was started with (``startedWith``): a benchmark must not change the
/// program it measures.
public enum OpenFileLimit {
    /// The soft limit a run raises to at least, where the hard limit allows: room for
    /// thousands of connections on both sides of real I/O.
    public static let wanted = 65_536

    private static let original = Mutex<Int?>(nil)

    /// The soft limit in force now.
    public static var current: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        return Int(clamping: limit.rlim_cur)  // RLIM_INFINITY is the largest value: Int.max
    }

    /// The soft limit before ``raise()`` changed it; nil while it has not.
    public static var startedWith: Int? {
        original.withLock { $0 }
    }

    /// Raises the soft limit to ``wanted`` (or to the hard limit, if lower); never lowers it.
    /// Returns the soft limit in force after.
    @discardableResult
    public static func raise() -> Int {
        original.withLock { original in
            var limit = rlimit()
            guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return current }
            let target = min(limit.rlim_max, rlim_t(wanted))
            guard limit.rlim_cur < target else { return current }
            let before = Int(limit.rlim_cur)
            limit.rlim_cur = target
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, original == nil { original = before }
            return current
        }
    }
}
