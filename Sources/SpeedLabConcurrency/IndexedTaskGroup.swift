/// Adds `operation(0) … operation(count − 1)` to `group` as child tasks, each returning its
/// index and its result (a thrown error is caught into `.failure`), so the caller can put
/// results back in order whichever finishes first. The shared start of the gather functions.
func addIndexedTasks<T: Sendable>(
    to group: inout TaskGroup<(Int, Result<T, any Error>)>,
    count: Int,
    executorPreference: (any TaskExecutor)?,
    _ operation: @escaping @Sendable (_ index: Int) async throws -> T
) {
    for index in 0..<count {
        group.addTask(executorPreference: executorPreference) {
            do {
                return (index, .success(try await operation(index)))
            } catch {
                return (index, .failure(error))
            }
        }
    }
}
