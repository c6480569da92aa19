import Synchronization

/// A value that concurrent tasks change and read under a lock: the reference a `Mutex`
/// (which cannot be copied) needs to be shared, such as the counters of one repetition.
public final class LockedValue<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    public init(_ initial: Value) {
        value = Mutex(initial)
    }

    /// Changes the value under the lock.
    public func update(_ change: (inout Value) -> Void) {
        value.withLock { change(&$0) }
    }

    /// A copy of the value as it is now.
    public var snapshot: Value { value.withLock { $0 } }
}
