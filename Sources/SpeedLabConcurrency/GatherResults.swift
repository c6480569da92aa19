/// Runs operations concurrently and returns every result, in the order given.
///
/// Use it when partial failure is acceptable (an agent whose optional services may fail):
/// each slot holds the operation's value or its error, no failure cancels the others, and
/// the call returns after all of them finished. Pass `executorPreference` to run the child
/// tasks on a particular executor (for example a single-thread event loop).
public func gatherResults<T: Sendable>(
    executorPreference: (any TaskExecutor)? = nil,
    _ operations: [@Sendable () async throws -> T]
) async -> [Result<T, any Error>] {
    await gatherResults(count: operations.count, executorPreference: executorPreference) { index in
        try await operations[index]()
    }
}

/// Runs `operation(0) … operation(count − 1)` concurrently and returns every result in index order.
///
/// The indexed form of `gatherResults(_:)`: failures stay in their slots, siblings keep running.
public func gatherResults<T: Sendable>(
    count: Int,
    executorPreference: (any TaskExecutor)? = nil,
    _ operation: @escaping @Sendable (_ index: Int) async throws -> T
) async -> [Result<T, any Error>] {
    precondition(count >= 0, "gatherResults needs a non-negative count, got \(count)")
    return await withTaskGroup(of: (Int, Result<T, any Error>).self) { group in
        addIndexedTasks(to: &group, count: count, executorPreference: executorPreference, operation)
        var slots = [Result<T, any Error>?](repeating: nil, count: count)
        for await (index, result) in group {
            slots[index] = result
        }
        return slots.map { $0 ?? .failure(CancellationError()) }
    }
}
