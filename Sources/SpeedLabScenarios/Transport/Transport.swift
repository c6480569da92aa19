/// How a scenario's fetches travel (the `transport` parameter).
public enum Transport: String, ParameterChoice {
    /// A timer per fetch on SpeedLab's timer thread.
    case simulated
    /// A real HTTP/1.1 request to the services, through a pooled client.
    case http
}

/// Which service answers the agent's `db` calls (`db`).
public enum DatabaseService: String, ParameterChoice {
    /// The services, over http, like the other calls.
    case http
    /// A real query on a SQLite file.
    case sqlite
}

/// Where the agent's `db` calls go, and where a blocking query runs.
public enum DatabaseMode: Sendable, Hashable {
    /// A request to the services, like the other calls.
    case http
    /// A real query on a SQLite file, blocking its thread: on a dedicated pool or inline.
    case sqlite(offload: DatabaseOffload)
}

/// Where a blocking database call runs (`db_offload`).
public enum DatabaseOffload: String, ParameterChoice {
    /// A dedicated thread pool, so the caller's executor keeps serving other tasks.
    case pool
    /// The calling executor's own thread, blocked for the whole query.
    case inline
}
