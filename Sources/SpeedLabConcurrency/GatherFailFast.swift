/// Runs operations concurrently and returns their values in order, or fails on the first error.
///
/// Use it when every result is required (a query that cannot answer without its LLM call): the
/// first operation to throw cancels all the others, and that first error is rethrown once
/// they have finished. The `CancellationError`s the cancelled siblings throw in response are
/// discarded, never reported as the failure.
public func gatherFailFast<T: Sendable>(
    executorPreference: (any TaskExecutor)? = nil,
    _ operations: [@Sendable () async throws -> T]
) async throws -> [T] {
    try await gatherFailFast(count: operations.count, executorPreference: executorPreference) { index in
        try await operations[index]()
    }
}

/// Runs `operation(0) … operation(count − 1)` concurrently; values in index order or the first error.
///
/// The indexed form of `gatherFailFast(_:)`.
public func gatherFailFast<T: Sendable>(
    count: Int,
    executorPreference: (any TaskExecutor)? = nil,
    _ operation: @escaping @Sendable (_ index: Int) async throws -> T
) async throws -> [T] {
    precondition(count >= 0, "gatherFailFast needs a non-negative count, got \(count)")
    let outcome = await withTaskGroup(of: (Int, Result<T, any Error>).self) { group -> Result<[T], any Error> in
        addIndexedTasks(to: &group, count: count, executorPreference: executorPreference, operation)
        var values = [T?](repeating: nil, count: count)
        var firstError: (any Error)?
        for await (index, result) in group {
            switch result {
            case .success(let value):
                values[index] = value
            case .failure(let error):
                // Only the first failure counts: once it cancelled the group, what the
                // siblings throw is their reaction to that cancellation.
                if firstError == nil {
                    firstError = error
                    group.cancelAll()
                }
            }
        }
        if let firstError { return .failure(firstError) }
        return .success(values.compactMap { $0 })
    }
    return try outcome.get()
}
