#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabStore

    extension PostgresRunStore {
        public func archive(ofRun id: RunID) throws(StoreError) -> RunArchive {
            let rows = try transaction(readOnly: true) { () throws(StoreError) in
                (
                    run: try query("SELECT \(unescaped: Self.runColumns) FROM run r WHERE r.id = \(id)"),
                    points: try query(
                        """
                        SELECT p.ordinal, p.scenario, p.parameters, b.ordinal, p.idealNanos, p.idealIONanos,
                          p.idealCPUNanos, p.status, p.error, p.command
                        FROM point p LEFT JOIN point b ON b.id = p.baselinePointId
                        WHERE p.runId = \(id) ORDER BY p.ordinal
                        """),
                    samples: try query(
                        """
                        SELECT p.ordinal, s.repetition, s.isWarmup, s.wallNanos, s.userNanos, s.systemNanos,
                          s.voluntarySwitches, s.involuntarySwitches, s.peakRSSBytes, s.checksum, s.metrics::TEXT
                        FROM sample s JOIN point p ON p.id = s.pointId WHERE p.runId = \(id) ORDER BY s.id
                        """),
                    metrics: try query(
                        """
                        SELECT p.ordinal, m.name, m.count, m.total, m.minimum, m.maximum FROM pointMetric m
                        JOIN point p ON p.id = m.pointId WHERE p.runId = \(id) ORDER BY p.ordinal, m.name
                        """),
                    traces: try query(
                        """
                        SELECT p.ordinal, t.wallNanos, t.spanCount FROM trace t JOIN point p ON p.id = t.pointId
                        WHERE p.runId = \(id) ORDER BY p.ordinal
                        """),
                    spans: try query(
                        """
                        SELECT p.ordinal, s.kind, s.item, s.service, s.attempt, s.outcome, s.startNanos, s.endNanos,
                          s.thread, s.firstTokenNanos
                        FROM span s JOIN point p ON p.id = s.pointId WHERE p.runId = \(id) ORDER BY s.id
                        """)
                )
            }
            guard let runRow = rows.run.first else { throw .unknownRun(reference: String(id), path: location) }
            var cells = PostgresCells(runRow, location: location)
            let (_, run, uuid) = try archivedRun(&cells)
            var points: [RunArchive.Point] = []
            for row in rows.points {
                var cells = PostgresCells(row, location: location)
                let ordinal: Int64 = try cells.next()
                let scenario: String = try cells.next()
                let parameters: String = try cells.next()
                let baseline: Int64? = try cells.next()
                let ideal: Int64? = try cells.next()
                let idealIO: Int64? = try cells.next()
                let idealCPU: Int64? = try cells.next()
                let status: String = try cells.next()
                let error: String? = try cells.next()
                let command: String? = try cells.next()
                points.append(
                    RunArchive.Point(
                        ordinal: ordinal, scenario: scenario, parameters: parameters, baselineOrdinal: baseline,
                        idealNanos: ideal, idealIONanos: idealIO, idealCPUNanos: idealCPU, status: status,
                        error: error, command: command))
            }
            var samples: [RunArchive.Sample] = []
            samples.reserveCapacity(rows.samples.count)
            for row in rows.samples {
                let (ordinal, repetition, warmup, wall, user, system, voluntary, involuntary, rss, checksum, metrics) =
                    try decode(
                        row, (Int64, Int64, Int16, Int64, Int64, Int64, Int64, Int64, Int64, Int64, String?).self)
                samples.append(
                    RunArchive.Sample(
                        pointOrdinal: ordinal, repetition: repetition, isWarmup: warmup == 1, wallNanos: wall,
                        userNanos: user, systemNanos: system, voluntarySwitches: voluntary,
                        involuntarySwitches: involuntary, peakRSSBytes: rss, checksum: checksum, metrics: metrics))
            }
            var metrics: [RunArchive.PointMetric] = []
            for row in rows.metrics {
                let (ordinal, name, count, total, minimum, maximum) = try decode(
                    row, (Int64, String, Int64, Double, Double, Double).self)
                metrics.append(
                    RunArchive.PointMetric(
                        pointOrdinal: ordinal, name: name, count: count, total: total, minimum: minimum,
                        maximum: maximum))
            }
            var spansByPoint: [Int64: [Span]] = [:]
            for row in rows.spans {
                let (ordinal, kind, item, service, attempt, outcome, start, end, thread, firstToken) = try decode(
                    row, (Int64, String, Int64, Int64?, Int64?, String?, Int64, Int64, String, Int64?).self)
                spansByPoint[ordinal, default: []].append(
                    Span(
                        kind: Span.Kind(rawValue: kind) ?? .fetch, item: Int(item), service: service.map(Int.init),
                        attempt: attempt.map(Int.init), outcome: outcome, startNanos: start, endNanos: end,
                        thread: thread, firstTokenNanos: firstToken))
            }
            var traces: [RunArchive.Trace] = []
            for row in rows.traces {
                let (ordinal, wall, count) = try decode(row, (Int64, Int64, Int64).self)
                traces.append(
                    RunArchive.Trace(
                        pointOrdinal: ordinal, wallNanos: wall, spanCount: count, spans: spansByPoint[ordinal] ?? []))
            }
            var archive = RunArchive(
                uuid: uuid, run: run, points: points, samples: samples, pointMetrics: metrics, traces: traces)
            archive.requests = try archivedRequests(of: archive, run: id)
            return archive
        }

        public func insert(_ archive: RunArchive) throws(StoreError) -> RunID? {
            try transaction { () throws(StoreError) -> RunID? in
                // Two imports of one run at once: the second waits here until the first commits.
                try execute("SELECT pg_advisory_xact_lock(\(PostgresMigrator.lockKey + 1))")
                if try !query("SELECT 1 FROM run WHERE uuid = \(archive.uuid)").isEmpty { return nil }
                let runID = try insertRun(RunRow(run: archive.run, uuid: archive.uuid))
                let points = archive.points
                let pointRows = try query(
                    """
                    INSERT INTO point (runId, ordinal, scenario, parameters, idealNanos, idealIONanos, idealCPUNanos,
                      status, error, command)
                    SELECT \(runID), o, s, p, NULLIF(i, -1), NULLIF(io, -1), NULLIF(c, -1), st, NULLIF(e, E'\\x01'),
                      NULLIF(cm, E'\\x01')
                    FROM unnest(\(points.map(\.ordinal))::BIGINT[], \(points.map(\.scenario))::TEXT[],
                      \(points.map(\.parameters))::TEXT[], \(points.map { $0.idealNanos ?? -1 })::BIGINT[],
                      \(points.map { $0.idealIONanos ?? -1 })::BIGINT[], \(points.map { $0.idealCPUNanos ?? -1 })::BIGINT[],
                      \(points.map(\.status))::TEXT[], \(points.map { $0.error ?? "\u{1}" })::TEXT[],
                      \(points.map { $0.command ?? "\u{1}" })::TEXT[])
                      AS u(o, s, p, i, io, c, st, e, cm)
                    ORDER BY o
                    RETURNING ordinal, id
                    """)
                var pointIDs: [Int64: PointID] = [:]
                for row in pointRows {
                    let (ordinal, id) = try decode(row, (Int64, Int64).self)
                    pointIDs[ordinal] = id
                }
                let baselines = points.compactMap { point -> (Int64, Int64)? in
                    guard let baseline = point.baselineOrdinal, let id = pointIDs[point.ordinal],
                        let baselineID = pointIDs[baseline]
                    else { return nil }
                    return (id, baselineID)
                }
                if !baselines.isEmpty {
                    try execute(
                        """
                        UPDATE point SET baselinePointId = u.b
                        FROM unnest(\(baselines.map(\.0))::BIGINT[], \(baselines.map(\.1))::BIGINT[]) AS u(p, b)
                        WHERE point.id = u.p
                        """)
                }
                try insertSamples(archive.samples, pointIDs: pointIDs)
                let metrics = archive.pointMetrics.filter { pointIDs[$0.pointOrdinal] != nil }
                if !metrics.isEmpty {
                    try execute(
                        """
                        INSERT INTO pointMetric (pointId, name, count, total, minimum, maximum)
                        SELECT * FROM unnest(\(metrics.map { pointIDs[$0.pointOrdinal] ?? 0 })::BIGINT[],
                          \(metrics.map(\.name))::TEXT[], \(metrics.map(\.count))::BIGINT[], \(metrics.map(\.total))::FLOAT8[],
                          \(metrics.map(\.minimum))::FLOAT8[], \(metrics.map(\.maximum))::FLOAT8[])
                        """)
                }
                for trace in archive.traces {
                    guard let point = pointIDs[trace.pointOrdinal] else { continue }
                    try execute(
                        """
                        INSERT INTO trace (pointId, wallNanos, spanCount)
                        VALUES (\(point), \(trace.wallNanos), \(trace.spanCount))
                        """)
                    try insertSpans(trace.spans, of: point)
                }
                let requests = archive.requests.compactMap { request -> (PointID, Int64, RequestRecord)? in
                    pointIDs[request.pointOrdinal].map { ($0, request.repetition, request.record) }
                }
                if !requests.isEmpty {
                    try copy(CopyText.requests(rows: requests), into: "request", columns: CopyText.requestColumns)
                }
                return runID
            }
        }

        /// Copies archived samples in stored order, 50,000 rows per statement.
        private func insertSamples(_ samples: [RunArchive.Sample], pointIDs: [Int64: PointID]) throws(StoreError) {
            var start = 0
            while start < samples.count {
                let chunk = samples[start..<min(samples.count, start + 50_000)]
                start += chunk.count
                try execute(
                    """
                    INSERT INTO sample (\(unescaped: SampleTable.table.columnList()))
                    SELECT p, r, w::SMALLINT, wall, u, s, v, i, rss, c, NULLIF(m, '')::JSON
                    FROM unnest(\(chunk.map { pointIDs[$0.pointOrdinal] ?? 0 })::BIGINT[],
                      \(chunk.map(\.repetition))::BIGINT[], \(chunk.map { Int64($0.isWarmup ? 1 : 0) })::BIGINT[],
                      \(chunk.map(\.wallNanos))::BIGINT[], \(chunk.map(\.userNanos))::BIGINT[],
                      \(chunk.map(\.systemNanos))::BIGINT[], \(chunk.map(\.voluntarySwitches))::BIGINT[],
                      \(chunk.map(\.involuntarySwitches))::BIGINT[], \(chunk.map(\.peakRSSBytes))::BIGINT[],
                      \(chunk.map(\.checksum))::BIGINT[], \(chunk.map { $0.metrics ?? "" })::TEXT[])
                      WITH ORDINALITY AS t(p, r, w, wall, u, s, v, i, rss, c, m, n)
                    ORDER BY n
                    """)
            }
        }
    }
#endif
