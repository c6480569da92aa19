/// How a command uses a store, whichever backend keeps it.
public enum StoreAccess: Sendable, Equatable {
    /// Only reads: opened read-only, never takes the write lock, works on a read-only file.
    case read
    /// Writes (runs, resumes); `create` makes a new database when none is there.
    case write(create: Bool)
}
