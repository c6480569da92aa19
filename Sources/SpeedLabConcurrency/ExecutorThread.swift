import Foundation

/// Names of the dedicated threads behind `SingleThreadExecutor` and `ThreadPoolExecutor`.
///
/// Use `ExecutorThread.currentName` inside a job (async code included) to see which executor
/// thread runs it, for example to check that event-loop tasks all share one thread. Linux
/// keeps at most 15 bytes of a thread name in the kernel (what `top -H` and
/// `Thread.current.name` show), so the full name is also kept in the thread's dictionary.
public enum ExecutorThread {
    private static let nameKey = "SpeedLabConcurrency.ExecutorThread.name"
    private static let kernelNameLimitBytes = 15

    /// The full name of the calling thread if an executor of this module started it, else the
    /// system's name for the thread (nil if it has none).
    public static var currentName: String? {
        let thread = Thread.current
        return thread.threadDictionary[nameKey] as? String ?? thread.name
    }

    /// Names the calling thread `name`: in full for `currentName`, cut to fit for the kernel.
    static func nameCurrentThread(_ name: String) {
        let thread = Thread.current
        thread.threadDictionary[nameKey] = name
        var kernelName = ""
        for character in name {
            guard kernelName.utf8.count + character.utf8.count <= kernelNameLimitBytes else { break }
            kernelName.append(character)
        }
        thread.name = kernelName
    }
}
