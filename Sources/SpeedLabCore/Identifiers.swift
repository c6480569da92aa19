/// The id of a run in the store (`run.id`).
public typealias RunID = Int64

/// The id of a measured point in the store (`point.id`).
public typealias PointID = Int64
