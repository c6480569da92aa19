import GRDB
import SpeedLabCore

/// The prepared `INSERT INTO request` of a write transaction: every request of an llm
/// repetition, stored beside its sample.
struct RequestInsert {
    private let statement: PreparedStatement

    static let sql = """
        INSERT INTO request (pointId, repetition, request, sentNanos, firstByteNanos, firstTokenNanos, endNanos,
          promptTokens, outputTokens, tokenSource, chunks, status, error, arrivals, scheduledNanos)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (pointId, repetition, request) DO NOTHING
        """

    init(_ db: Database) throws {
        statement = try PreparedStatement(db, sql: Self.sql)
    }

    func insert(_ request: RequestRecord, point: Int64, repetition: Int64) throws {
        statement.bind(1, point)
        statement.bind(2, repetition)
        statement.bind(3, Int64(request.request))
        statement.bind(4, request.sentNanos)
        statement.bind(5, request.firstByteNanos)
        statement.bind(6, request.firstTokenNanos)
        statement.bind(7, request.endNanos)
        statement.bind(8, request.promptTokens.map(Int64.init))
        statement.bind(9, Int64(request.outputTokens))
        statement.bind(10, text: request.tokenSource)
        statement.bind(11, Int64(request.chunks))
        statement.bind(12, request.status.map(Int64.init))
        if let error = request.error { statement.bind(13, text: error) } else { statement.bindNull(13) }
        statement.bind(14, blob: ArrivalCodec.encode(request.arrivals, from: request.sentNanos))
        statement.bind(15, request.scheduledNanos)
        _ = try statement.insert()
    }
}
