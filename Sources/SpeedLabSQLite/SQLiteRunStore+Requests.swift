import GRDB
import SpeedLabCore
import SpeedLabStore

extension SQLiteRunStore {
    public func requests(ofPoints points: [PointID]) throws(StoreError) -> [PointID: [StoredRequest]] {
        guard !points.isEmpty else { return [:] }
        return try read { db in
            let select = try PreparedStatement(
                db,
                sql: """
                    SELECT pointId, repetition, request, sentNanos, firstByteNanos, firstTokenNanos, endNanos,
                      promptTokens, outputTokens, tokenSource, chunks, status, error, arrivals, scheduledNanos
                    FROM request WHERE pointId = ? ORDER BY repetition, request
                    """)
            var found: [PointID: [StoredRequest]] = [:]
            for point in points {
                select.bind(1, point)
                try select.forEachRow { row in
                    let sent = row.int64(3)
                    let record = RequestRecord(
                        request: Int(row.int64(2)), sentNanos: sent, firstByteNanos: row.optionalInt64(4),
                        firstTokenNanos: row.optionalInt64(5), endNanos: row.optionalInt64(6),
                        promptTokens: row.optionalInt64(7).map(Int.init), outputTokens: Int(row.int64(8)),
                        tokenSource: row.text(9) ?? "chunks", chunks: Int(row.int64(10)),
                        status: row.optionalInt64(11).map(Int.init), error: row.text(12),
                        arrivals: ArrivalCodec.decode(row.blob(13), from: sent) ?? [],
                        scheduledNanos: row.optionalInt64(14))
                    found[point, default: []].append(StoredRequest(repetition: Int(row.int64(1)), record: record))
                }
            }
            return found
        }
    }
}
