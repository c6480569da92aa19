#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabStore

    extension PostgresRunStore: RunDatabase {
        public func createRun(_ run: NewRun) throws(StoreError) -> RunID {
            let row = RunRow(newRun: run, startedAt: Date())
            return try transaction { () throws(StoreError) in try insertRun(row) }
        }

        public func registerPoints(_ points: [NewPoint], run: RunID) throws(StoreError) -> [PointKey: PointID] {
            try transaction { () throws(StoreError) in
                var ids: [PointKey: PointID] = [:]
                var byOrdinal: [Int: PointID] = [:]
                for point in points {
                    let parameters = point.parameters.canonicalJSON
                    try execute(
                        """
                        INSERT INTO point (runId, ordinal, scenario, parameters, idealNanos, idealIONanos, idealCPUNanos,
                          command)
                        VALUES (\(run), \(Int64(point.ordinal)), \(point.scenario), \(parameters), \(point.idealNanos),
                          \(point.idealIONanos), \(point.idealCPUNanos), \(point.command))
                        ON CONFLICT (runId, scenario, parameters) DO UPDATE SET command = excluded.command
                          WHERE excluded.command IS NOT NULL
                        """)
                    let rows = try query(
                        """
                        SELECT id FROM point WHERE runId = \(run) AND scenario = \(point.scenario)
                          AND parameters = \(parameters)
                        """)
                    guard let row = rows.first else { continue }
                    let id = try decode(row, Int64.self)
                    ids[point.key] = id
                    byOrdinal[point.ordinal] = id
                }
                for point in points {
                    guard let baseline = point.baselineOrdinal, let id = byOrdinal[point.ordinal] else { continue }
                    try execute("UPDATE point SET baselinePointId = \(byOrdinal[baseline]) WHERE id = \(id)")
                }
                return ids
            }
        }

        /// Inserts a batch in one transaction: the samples streamed with `COPY`, the `pointMetric`
        /// totals and the run's heartbeat. A batch holding a repetition that is already stored (a
        /// resumed round) makes `COPY` fail whole; it is then stored again by a multi-row insert that
        /// skips what is there. The batch's points are checked once (the table declares no per-row
        /// foreign key, see `migrations/postgres/0001_initial.sql`).
        public func record(_ batch: [PointSample]) throws {
            guard !batch.isEmpty else { return }
            let distinctPoints = Array(Set(batch.map(\.pointID)))
            let now = Timestamp.string(Date())
            let first = batch[0].pointID
            let text = CopyText.samples(batch)
            var duplicate = false
            do throws(StoreError) {
                try transaction { () throws(StoreError) in
                    try checkPointsAndBeat(distinctPoints, first: first, now: now)
                    try copy(text, into: "sample", columns: CopyText.sampleColumns)
                    try copyRequests(batch)
                    var totals = MetricTotals()
                    for item in batch where !item.sample.isWarmup {
                        totals.add(item.sample.metrics, point: item.pointID)
                    }
                    try storeTotals(totals)
                }
            } catch {
                duplicate = error.isDuplicateKey
                if !duplicate { throw error }
            }
            if duplicate { try recordSkippingStored(batch, points: distinctPoints, now: now) }
        }

        /// Marks the batch's run alive, in the same statement as it checks that every point of the
        /// batch is stored (failing otherwise).
        private func checkPointsAndBeat(_ points: [PointID], first: PointID, now: String) throws(StoreError) {
            let known = try query(
                """
                UPDATE run SET heartbeatAt = \(now) WHERE id = (SELECT runId FROM point WHERE id = \(first))
                RETURNING (SELECT COUNT(*) FROM point WHERE id = ANY(\(points)))
                """)
            guard let row = known.first, try decode(row, Int64.self) == Int64(points.count) else {
                throw .server(location: location, detail: "a sample names a point this database does not hold")
            }
        }

        /// Stores a batch some of whose repetitions are stored already: one multi-row insert
        /// (`unnest` of column arrays) that skips them, and the totals of the rows it wrote.
        private func recordSkippingStored(_ batch: [PointSample], points distinctPoints: [PointID], now: String)
            throws(StoreError)
        {
            var columns = SampleColumns(capacity: batch.count)
            for item in batch { columns.append(item) }
            let first = batch[0].pointID
            try transaction { () throws(StoreError) in
                try checkPointsAndBeat(distinctPoints, first: first, now: now)
                let kept = try query(
                    """
                    INSERT INTO sample (\(unescaped: SampleTable.table.columnList()))
                    SELECT p, r, w::SMALLINT, wall, u, s, v, i, rss, c, NULLIF(m, '')::JSON
                    FROM unnest(\(columns.points)::BIGINT[], \(columns.repetitions)::BIGINT[], \(columns.warmups)::BIGINT[],
                      \(columns.walls)::BIGINT[], \(columns.users)::BIGINT[], \(columns.systems)::BIGINT[],
                      \(columns.voluntary)::BIGINT[], \(columns.involuntary)::BIGINT[], \(columns.rss)::BIGINT[],
                      \(columns.checksums)::BIGINT[], \(columns.metrics)::TEXT[])
                      AS t(p, r, w, wall, u, s, v, i, rss, c, m)
                    ON CONFLICT (pointId, isWarmup, repetition) DO NOTHING
                    RETURNING pointId, repetition, isWarmup
                    """)
                var keptKeys = Set<SampleKey>()
                for row in kept {
                    let (point, repetition, warmup) = try decode(row, (Int64, Int64, Int16).self)
                    if warmup == 0 { keptKeys.insert(SampleKey(point: point, repetition: repetition)) }
                }
                var totals = MetricTotals()
                for item in batch
                where !item.sample.isWarmup
                    && keptKeys.contains(SampleKey(point: item.pointID, repetition: Int64(item.sample.repetition)))
                {
                    totals.add(item.sample.metrics, point: item.pointID)
                }
                try storeTotals(totals)
                try copyRequests(batch)
            }
        }

        /// Stores the requests of the batch's llm repetitions: copied into a temporary table, then
        /// inserted skipping any already stored (a repetition stored before keeps its requests).
        private func copyRequests(_ batch: [PointSample]) throws(StoreError) {
            guard batch.contains(where: { !$0.sample.requests.isEmpty }) else { return }
            _ = try query(
                "CREATE TEMPORARY TABLE IF NOT EXISTS request_incoming (LIKE request) ON COMMIT DELETE ROWS")
            try copy(CopyText.requests(batch), into: "request_incoming", columns: CopyText.requestColumns)
            _ = try query("INSERT INTO request SELECT * FROM request_incoming ON CONFLICT DO NOTHING")
        }

        private struct SampleKey: Hashable {
            var point: Int64
            var repetition: Int64
        }

        /// Adds a batch's metric totals to `pointMetric` in one upsert.
        private func storeTotals(_ totals: MetricTotals) throws(StoreError) {
            let rows = totals.rows
            guard !rows.isEmpty else { return }
            try execute(
                """
                INSERT INTO pointMetric (pointId, name, count, total, minimum, maximum)
                SELECT * FROM unnest(\(rows.map(\.point))::BIGINT[], \(rows.map(\.name))::TEXT[],
                  \(rows.map { Int64($0.count) })::BIGINT[], \(rows.map(\.sum))::FLOAT8[], \(rows.map(\.minimum))::FLOAT8[],
                  \(rows.map(\.maximum))::FLOAT8[])
                ON CONFLICT (pointId, name) DO UPDATE SET
                  count = pointMetric.count + excluded.count, total = pointMetric.total + excluded.total,
                  minimum = LEAST(pointMetric.minimum, excluded.minimum),
                  maximum = GREATEST(pointMetric.maximum, excluded.maximum)
                """)
        }

        public func recordTrace(_ trace: PointTrace, of point: PointID) throws {
            try transaction { () throws(StoreError) in
                try execute("DELETE FROM trace WHERE pointId = \(point)")
                try execute(
                    """
                    INSERT INTO trace (pointId, wallNanos, spanCount)
                    VALUES (\(point), \(trace.wallNanos), \(Int64(trace.spans.count)))
                    """)
                try insertSpans(trace.spans, of: point)
            }
        }

        /// Inserts a trace's spans in order, in one multi-row insert.
        func insertSpans(_ spans: [Span], of point: PointID) throws(StoreError) {
            guard !spans.isEmpty else { return }
            try execute(
                """
                INSERT INTO span (pointId, kind, item, service, attempt, outcome, startNanos, endNanos, thread,
                  firstTokenNanos)
                SELECT \(point), k, i, NULLIF(s, -1), NULLIF(a, -1), NULLIF(o, ''), b, e, t, NULLIF(f, -1)
                FROM unnest(\(spans.map(\.kind.rawValue))::TEXT[], \(spans.map { Int64($0.item) })::BIGINT[],
                  \(spans.map { Int64($0.service ?? -1) })::BIGINT[], \(spans.map { Int64($0.attempt ?? -1) })::BIGINT[],
                  \(spans.map { $0.outcome ?? "" })::TEXT[], \(spans.map(\.startNanos))::BIGINT[],
                  \(spans.map(\.endNanos))::BIGINT[], \(spans.map(\.thread))::TEXT[],
                  \(spans.map { $0.firstTokenNanos ?? -1 })::BIGINT[])
                  WITH ORDINALITY AS u(k, i, s, a, o, b, e, t, f, n)
                ORDER BY n
                """)
        }

        public func setStatus(_ status: PointStatus, error: String?, of point: PointID) throws {
            try transaction { () throws(StoreError) in
                try execute("UPDATE point SET status = \(status.rawValue), error = \(error) WHERE id = \(point)")
            }
        }

        public func recordedRun(_ id: RunID) throws(StoreError) -> RecordedRun {
            let run = try self.run(id, liveness: .current, counting: false)
            let (pointRows, sampleRows) = try transaction(readOnly: true) { () throws(StoreError) in
                (
                    try query("SELECT id, scenario, parameters FROM point WHERE runId = \(id) ORDER BY ordinal"),
                    try query(
                        """
                        SELECT s.pointId, s.repetition, s.isWarmup, s.checksum, s.wallNanos FROM sample s
                        JOIN point p ON p.id = s.pointId WHERE p.runId = \(id) ORDER BY s.id
                        """)
                )
            }
            var builder = RecordedRunBuilder()
            for row in sampleRows {
                let (point, repetition, warmup, checksum, wall) = try decode(
                    row, (Int64, Int64, Int16, Int64, Int64).self)
                builder.addSample(
                    point: point, repetition: Int(repetition), isWarmup: warmup != 0, checksum: checksum,
                    wallNanos: wall)
            }
            let traced = try tracedPoints(ofRun: id)
            for row in pointRows {
                let (pointID, scenario, parameters) = try decode(row, (Int64, String, String).self)
                let key = try pointKey(run: id, point: pointID, scenario: scenario, parameters: parameters)
                builder.addPoint(pointID, key: key, hasTrace: traced.contains(pointID))
            }
            return builder.build(run)
        }

        public func reopenRun(_ recorded: RecordedRun, processID: Int32, host: String) throws(StoreError) -> Bool {
            let now = Timestamp.string(Date())
            return try transaction { () throws(StoreError) in
                try execute(
                    """
                    UPDATE run SET status = 'running', finishedAt = NULL, processId = \(Int64(processID)), host = \(host),
                      heartbeatAt = \(now)
                    WHERE id = \(recorded.id) AND status = \(recorded.storedStatus.rawValue)
                      AND processId = \(Int64(recorded.processID)) AND host = \(recorded.host)
                    """) == 1
            }
        }

        public func heartbeat(_ run: RunID) throws(StoreError) {
            let now = Timestamp.string(Date())
            try transaction { () throws(StoreError) in
                try execute("UPDATE run SET heartbeatAt = \(now) WHERE id = \(run)")
            }
        }

        public func finishRun(_ run: RunID, status: RunStatus) throws(StoreError) {
            precondition(status != .crashed, "crashed is derived, never stored")
            let now = Timestamp.string(Date())
            let finished: String? = status == .running ? nil : now
            try transaction { () throws(StoreError) in
                try execute(
                    """
                    UPDATE run SET status = \(status.rawValue), finishedAt = \(finished), heartbeatAt = \(now)
                    WHERE id = \(run)
                    """)
            }
        }
    }
#endif
