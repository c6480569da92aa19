#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabStore

    extension PostgresRunStore {
        /// The `run` columns every read of a run takes: its id, then ``StoreTable/run``'s.
        static let runColumns = "r.id, " + StoreTable.run.columnList(alias: "r")

        /// The point and measured-sample counts of a run, as two more columns.
        static let runCounts = """
            (SELECT COUNT(*) FROM point p WHERE p.runId = r.id),
            (SELECT COUNT(*) FROM sample s JOIN point p ON p.id = s.pointId WHERE p.runId = r.id AND s.isWarmup = 0)
            """

        /// Reads the ``runColumns`` of a row: its id, the row as written and its UUID.
        func archivedRun(_ cells: inout PostgresCells) throws(StoreError) -> (RunID, RunArchive.Run, UUID) {
            let id: Int64 = try cells.next()
            let row = try StoreTable.run.read(from: &cells)
            guard let uuid = row.uuid else { throw cells.unreadable(.null, in: "uuid") }
            return (id, row.run, uuid)
        }

        /// Inserts a `run` row and returns its id.
        func insertRun(_ row: RunRow) throws(StoreError) -> RunID {
            let rows = try query(Self.insertRun(row))
            guard let inserted = rows.first else { throw .server(location: location, detail: "no run id returned") }
            return try decode(inserted, Int64.self)
        }

        /// `INSERT INTO run` of every column ``StoreTable/run`` lists, returning the new id.
        static func insertRun(_ row: RunRow) -> PostgresQuery {
            let table = StoreTable.run
            let placeholders = (1...table.columns.count).map { "$\($0)" }.joined(separator: ", ")
            return PostgresQuery(
                sql: "INSERT INTO run (\(table.columnList())) VALUES (\(placeholders)) RETURNING id",
                binding: table.values(of: row), types: table.columns.map(\.type))
        }

        func storedRuns(_ rows: [PostgresRow], liveness: ProcessLiveness, counted: Bool) throws(StoreError)
            -> [StoredRun]
        {
            var runs: [StoredRun] = []
            runs.reserveCapacity(rows.count)
            for row in rows {
                var cells = PostgresCells(row, location: location)
                let (id, run, _) = try archivedRun(&cells)
                let points = counted ? Int(try cells.next(Int64.self)) : 0
                let samples = counted ? Int(try cells.next(Int64.self)) : 0
                runs.append(
                    StoredRun(id: id, row: run, pointCount: points, sampleCount: samples, liveness: liveness))
            }
            return runs
        }

        public func runs(liveness: ProcessLiveness) throws(StoreError) -> [StoredRun] {
            let rows = try exclusive { () throws(StoreError) in
                try query("SELECT \(unescaped: Self.runColumns), \(unescaped: Self.runCounts) FROM run r ORDER BY r.id")
            }
            return try storedRuns(rows, liveness: liveness, counted: true)
        }

        public func run(_ id: RunID, liveness: ProcessLiveness, counting: Bool) throws(StoreError) -> StoredRun {
            let counts = counting ? ", " + Self.runCounts : ""
            let rows = try exclusive { () throws(StoreError) in
                try query("SELECT \(unescaped: Self.runColumns)\(unescaped: counts) FROM run r WHERE r.id = \(id)")
            }
            guard let run = try storedRuns(rows, liveness: liveness, counted: counting).first else {
                throw .unknownRun(reference: String(id), path: location)
            }
            return run
        }

        public func hasRun(_ id: RunID) throws(StoreError) -> Bool {
            try !exclusive { () throws(StoreError) in try query("SELECT 1 FROM run WHERE id = \(id)") }.isEmpty
        }

        public func newestRun(label: String?, completedOnly: Bool, skipping: Int) throws(StoreError) -> RunID? {
            let completed = completedOnly ? " AND status = 'completed'" : ""
            let order = " ORDER BY id DESC LIMIT 1 OFFSET \(skipping)"
            let rows = try exclusive { () throws(StoreError) in
                if let label {
                    try query("SELECT id FROM run WHERE label = \(label)\(unescaped: completed + order)")
                } else {
                    try query("SELECT id FROM run WHERE TRUE\(unescaped: completed + order)")
                }
            }
            return try rows.first.map { row throws(StoreError) in try decode(row, Int64.self) }
        }

        public func runUUIDs() throws(StoreError) -> Set<UUID> {
            let rows = try exclusive { () throws(StoreError) in try query("SELECT uuid FROM run") }
            var uuids = Set<UUID>()
            for row in rows { uuids.insert(try decode(row, UUID.self)) }
            return uuids
        }
    }
#endif
