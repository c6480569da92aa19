import GRDB
import SpeedLabCore
import SpeedLabStore

extension MetricTotals {
    /// Adds the batch's totals to `pointMetric` in `db`'s transaction.
    func store(in db: Database) throws {
        guard !rows.isEmpty else { return }
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO pointMetric (pointId, name, count, total, minimum, maximum) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (pointId, name) DO UPDATE SET
                  count = count + excluded.count, total = total + excluded.total,
                  minimum = MIN(minimum, excluded.minimum), maximum = MAX(maximum, excluded.maximum)
                """)
        for row in rows {
            try upsert.execute(arguments: [row.point, row.name, row.count, row.sum, row.minimum, row.maximum])
        }
    }
}
