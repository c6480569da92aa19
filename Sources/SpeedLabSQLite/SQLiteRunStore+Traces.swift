import Foundation
import GRDB
import SpeedLabCore
import SpeedLabStore

extension SQLiteRunStore {
    /// Keeps a point's traced repetition and its spans in one transaction, replacing any
    /// trace the point had.
    public func recordTrace(_ trace: PointTrace, of point: PointID) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM trace WHERE pointId = ?", arguments: [point])
            try db.execute(
                sql: "INSERT INTO trace (pointId, wallNanos, spanCount) VALUES (?, ?, ?)",
                arguments: [point, trace.wallNanos, trace.spans.count])
            try Self.insertSpans(trace.spans, of: point, in: db)
        }
    }

    /// Inserts the spans of a point's trace, in order, through one prepared statement.
    static func insertSpans(_ spans: [Span], of point: PointID, in db: Database) throws {
        let insert = try PreparedStatement(
            db,
            sql: """
                INSERT INTO span (pointId, kind, item, service, attempt, outcome, startNanos, endNanos, thread,
                  firstTokenNanos)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for span in spans {
            insert.bind(1, point)
            insert.bind(2, text: Array(span.kind.rawValue.utf8))
            insert.bind(3, Int64(span.item))
            if let service = span.service { insert.bind(4, Int64(service)) } else { insert.bindNull(4) }
            if let attempt = span.attempt { insert.bind(5, Int64(attempt)) } else { insert.bindNull(5) }
            if let outcome = span.outcome { insert.bind(6, text: Array(outcome.utf8)) } else { insert.bindNull(6) }
            insert.bind(7, span.startNanos)
            insert.bind(8, span.endNanos)
            insert.bind(9, text: Array(span.thread.utf8))
            insert.bind(10, span.firstTokenNanos)
            _ = try insert.insert()
        }
    }

    /// The traced repetition of a point, or nil when it has none.
    public func trace(of point: PointID) throws(StoreError) -> PointTrace? {
        try read { db in
            guard
                let wall = try Int64.fetchOne(
                    db, sql: "SELECT wallNanos FROM trace WHERE pointId = ?", arguments: [point])
            else { return nil }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, item, service, attempt, outcome, startNanos, endNanos, thread, firstTokenNanos
                    FROM span WHERE pointId = ? ORDER BY startNanos, id
                    """, arguments: [point])
            let spans = rows.compactMap { row -> Span? in
                guard let kind = Span.Kind(rawValue: row["kind"]) else { return nil }
                return Span(
                    kind: kind, item: row["item"], service: row["service"], attempt: row["attempt"],
                    outcome: row["outcome"], startNanos: row["startNanos"], endNanos: row["endNanos"],
                    thread: row["thread"], firstTokenNanos: row["firstTokenNanos"])
            }
            return PointTrace(wallNanos: wall, spans: spans)
        }
    }

    /// The points of a run that hold a traced repetition.
    public func tracedPoints(ofRun run: RunID) throws(StoreError) -> Set<PointID> {
        try read { db in
            Set(
                try PointID.fetchAll(
                    db, sql: "SELECT t.pointId FROM trace t JOIN point p ON p.id = t.pointId WHERE p.runId = ?",
                    arguments: [run]))
        }
    }
}
