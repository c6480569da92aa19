import GRDB
import SpeedLabCore
import SpeedLabStore

/// The prepared `INSERT INTO sample` of a write transaction: the engine's rounds and imported
/// runs store their samples through the same columns and bindings.
struct SampleInsert {
    private let statement: PreparedStatement

    /// The insert of every column ``SampleTable`` lists, in its order (the order of the bindings).
    private static let sql =
        "INSERT INTO sample (\(SampleTable.table.columnList())) VALUES ("
        + Array(repeating: "?", count: SampleTable.table.columns.count).joined(separator: ", ") + ")"

    /// Prepares the insert on `db`; with `skippingStored`, a repetition already stored is kept
    /// as it was (`ON CONFLICT DO NOTHING`) instead of failing the transaction.
    init(_ db: Database, skippingStored: Bool) throws {
        statement = try PreparedStatement(
            db,
            sql: Self.sql + (skippingStored ? " ON CONFLICT (pointId, isWarmup, repetition) DO NOTHING" : ""))
    }

    /// Inserts one row (`metrics` as JSON text, nil for none); returns whether it was written.
    func insert(
        point: Int64, repetition: Int64, isWarmup: Bool, wallNanos: Int64, userNanos: Int64, systemNanos: Int64,
        voluntarySwitches: Int64, involuntarySwitches: Int64, peakRSSBytes: Int64, checksum: Int64,
        metrics: [UInt8]?
    ) throws -> Bool {
        statement.bind(1, point)
        statement.bind(2, repetition)
        statement.bind(3, Int64(isWarmup ? 1 : 0))
        statement.bind(4, wallNanos)
        statement.bind(5, userNanos)
        statement.bind(6, systemNanos)
        statement.bind(7, voluntarySwitches)
        statement.bind(8, involuntarySwitches)
        statement.bind(9, peakRSSBytes)
        statement.bind(10, checksum)
        if let metrics { statement.bind(11, text: metrics) } else { statement.bindNull(11) }
        return try statement.insert()
    }
}
