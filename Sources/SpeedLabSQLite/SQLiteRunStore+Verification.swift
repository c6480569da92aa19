import Foundation
import GRDB
import SpeedLabCore
import SpeedLabStore

extension SQLiteRunStore {
    /// A full integrity check (every page, index entry, NOT NULL, CHECK and STRICT type),
    /// the foreign keys, and the types of the tables that are not STRICT: what a copy from
    /// this file must pass before anything is written elsewhere.
    public func verifyWholeStore() throws(StoreError) {
        let problems: [String] = try read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)").filter { $0 != "ok" }
            if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
                problems.append("a row refers to a run, point or trace that is not there")
            }
            let typed = """
                SELECT
                  (SELECT COUNT(*) FROM trace WHERE typeof(pointId) != 'integer' OR typeof(wallNanos) != 'integer'
                     OR typeof(spanCount) != 'integer'),
                  (SELECT COUNT(*) FROM span WHERE typeof(pointId) != 'integer' OR typeof(kind) != 'text'
                     OR typeof(item) != 'integer' OR typeof(service) NOT IN ('integer', 'null')
                     OR typeof(attempt) NOT IN ('integer', 'null') OR typeof(outcome) NOT IN ('text', 'null')
                     OR typeof(startNanos) != 'integer' OR typeof(endNanos) != 'integer' OR typeof(thread) != 'text')
                """
            if let row = try Row.fetchOne(db, sql: typed), (row[0] as Int64) + (row[1] as Int64) > 0 {
                problems.append("a trace or span holds a value of the wrong type")
            }
            return problems
        }
        guard problems.isEmpty else {
            throw .corrupt(path: path, detail: problems.prefix(3).joined(separator: "; "))
        }
    }
}
