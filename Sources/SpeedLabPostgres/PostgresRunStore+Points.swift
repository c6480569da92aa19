#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabStore

    extension PostgresRunStore {
        public func points(ofRun run: RunID) throws(StoreError) -> [StoredPoint] {
            let rows = try exclusive { () throws(StoreError) in
                try query(
                    """
                    SELECT id, ordinal, scenario, parameters, baselinePointId, idealNanos, idealIONanos, idealCPUNanos,
                      status, error, command
                    FROM point WHERE runId = \(run) ORDER BY ordinal
                    """)
            }
            var points: [StoredPoint] = []
            points.reserveCapacity(rows.count)
            for row in rows {
                var cells = PostgresCells(row, location: location)
                let id: PointID = try cells.next()
                let ordinal: Int64 = try cells.next()
                let key = try pointKey(run: run, point: id, scenario: try cells.next(), parameters: try cells.next())
                points.append(
                    StoredPoint(
                        id: id, ordinal: Int(ordinal), key: key, baselinePointID: try cells.next(),
                        idealNanos: try cells.next(), idealIONanos: try cells.next(), idealCPUNanos: try cells.next(),
                        status: PointStatus(rawValue: try cells.next()) ?? .pending, error: try cells.next(),
                        command: try cells.next()))
            }
            return points
        }

        /// Every sample of a run in stored order. Each half of the run's points is read on a
        /// connection of its own, at once, as one binary value: each sample's id and columns in
        /// PostgreSQL's binary send format, concatenated on the server; the two halves are then
        /// merged by id. Decoding a hundred thousand rows of ten cells one cell at a time costs
        /// several times as much.
        public func samples(ofRun run: RunID) throws(StoreError) -> [PointSample] {
            func half(_ parity: Int64) -> PostgresQuery {
                """
                SELECT COUNT(*), string_agg(int8send(id) || int8send(pointId) || int8send(repetition)
                  || int2send(isWarmup) || int8send(wallNanos) || int8send(userNanos) || int8send(systemNanos)
                  || int8send(voluntarySwitches) || int8send(involuntarySwitches) || int8send(peakRSSBytes)
                  || int8send(checksum), ''::BYTEA)
                FROM (
                  SELECT * FROM sample
                  WHERE pointId IN (SELECT id FROM point WHERE runId = \(run) AND id % 2 = \(parity)) ORDER BY id
                ) AS s
                """
            }
            let (even, odd) = try queryInParallel(half(0), half(1))
            let first = try unpack(even.first)
            let second = try unpack(odd.first)
            var samples: [PointSample] = []
            samples.reserveCapacity(first.count + second.count)
            var i = 0
            var j = 0
            while i < first.count || j < second.count {
                if j == second.count || (i < first.count && first[i].id < second[j].id) {
                    samples.append(first[i].sample)
                    i += 1
                } else {
                    samples.append(second[j].sample)
                    j += 1
                }
            }
            return samples
        }

        /// Ten 8-byte integers and the 2-byte warm-up flag.
        static let packedSampleBytes = 10 * 8 + 2

        /// The samples of one packed value, with their ids, in id order.
        private func unpack(_ row: PostgresRow?) throws(StoreError) -> [(id: Int64, sample: PointSample)] {
            guard let row else { return [] }
            let (count, packed) = try decode(row, (Int64, [UInt8]?).self)
            guard let bytes = packed else { return [] }
            guard bytes.count == Int(count) * Self.packedSampleBytes else {
                throw .server(location: location, detail: "unexpected size of the packed samples")
            }
            var samples: [(id: Int64, sample: PointSample)] = []
            samples.reserveCapacity(Int(count))
            var offset = 0
            func next() -> Int64 {
                defer { offset += 8 }
                return BigEndian.integer(bytes, at: offset, as: Int64.self)
            }
            for _ in 0..<count {
                let id = next()
                let point = next()
                let repetition = next()
                let warmup = BigEndian.integer(bytes, at: offset, as: Int16.self)
                offset += 2
                let wall = next()
                let user = next()
                let system = next()
                let voluntary = next()
                let involuntary = next()
                let rss = next()
                let checksum = next()
                samples.append(
                    (
                        id,
                        PointSample(
                            pointID: point,
                            sample: Sample(
                                repetition: Int(repetition), isWarmup: warmup == 1, wallNanos: wall, userNanos: user,
                                systemNanos: system, voluntarySwitches: voluntary, involuntarySwitches: involuntary,
                                peakRSSBytes: rss, checksum: UInt64(bitPattern: checksum), metrics: [:]))
                    ))
            }
            return samples
        }

        public func measuredWallNanosTotal(ofRun run: RunID) throws(StoreError) -> Int64 {
            let rows = try exclusive { () throws(StoreError) in
                try query(
                    """
                    SELECT COALESCE(SUM(s.wallNanos), 0)::BIGINT FROM sample s JOIN point p ON p.id = s.pointId
                    WHERE p.runId = \(run) AND s.isWarmup = 0
                    """)
            }
            guard let row = rows.first else { return 0 }
            return try decode(row, Int64.self)
        }

        public func metricSummaries(ofRun run: RunID) throws(StoreError) -> [PointID: [String: MetricSummary]] {
            let rows = try exclusive { () throws(StoreError) in
                try query(
                    """
                    SELECT m.pointId, m.name, m.count, m.total, m.minimum, m.maximum FROM pointMetric m
                    JOIN point p ON p.id = m.pointId WHERE p.runId = \(run)
                    """)
            }
            var result: [PointID: [String: MetricSummary]] = [:]
            for row in rows {
                let (point, name, count, total, minimum, maximum) = try decode(
                    row, (Int64, String, Int64, Double, Double, Double).self)
                result[point, default: [:]][name] = MetricSummary(
                    count: Int(count), total: total, minimum: minimum, maximum: maximum)
            }
            return result
        }

        public func sampleMetric(_ name: String, ofPoints points: [PointID]) throws(StoreError) -> [PointID: [Double]] {
            guard !points.isEmpty else { return [:] }
            let rows = try exclusive { () throws(StoreError) in
                try query(
                    """
                    SELECT pointId, (metrics ->> \(name))::FLOAT8 FROM sample
                    WHERE isWarmup = 0 AND pointId = ANY(\(points)::BIGINT[]) AND (metrics ->> \(name)) IS NOT NULL
                    ORDER BY pointId, repetition
                    """)
            }
            var result: [PointID: [Double]] = [:]
            for row in rows {
                let (point, value) = try decode(row, (Int64, Double).self)
                result[point, default: []].append(value)
            }
            return result
        }

        public func trace(of point: PointID) throws(StoreError) -> PointTrace? {
            let (wallRows, spanRows) = try transaction(readOnly: true) { () throws(StoreError) in
                (
                    try query("SELECT wallNanos FROM trace WHERE pointId = \(point)"),
                    try query(
                        """
                        SELECT kind, item, service, attempt, outcome, startNanos, endNanos, thread, firstTokenNanos
                        FROM span WHERE pointId = \(point) ORDER BY startNanos, id
                        """)
                )
            }
            guard let wallRow = wallRows.first else { return nil }
            return PointTrace(wallNanos: try decode(wallRow, Int64.self), spans: try spans(spanRows))
        }

        /// Spans from rows of (kind, item, service, attempt, outcome, start, end, thread).
        func spans(_ rows: [PostgresRow]) throws(StoreError) -> [Span] {
            var spans: [Span] = []
            spans.reserveCapacity(rows.count)
            for row in rows {
                let (kind, item, service, attempt, outcome, start, end, thread, firstToken) = try decode(
                    row, (String, Int64, Int64?, Int64?, String?, Int64, Int64, String, Int64?).self)
                guard let kind = Span.Kind(rawValue: kind) else { continue }
                spans.append(
                    Span(
                        kind: kind, item: Int(item), service: service.map(Int.init), attempt: attempt.map(Int.init),
                        outcome: outcome, startNanos: start, endNanos: end, thread: thread,
                        firstTokenNanos: firstToken))
            }
            return spans
        }

        public func tracedPoints(ofRun run: RunID) throws(StoreError) -> Set<PointID> {
            let rows = try exclusive { () throws(StoreError) in
                try query("SELECT t.pointId FROM trace t JOIN point p ON p.id = t.pointId WHERE p.runId = \(run)")
            }
            var points = Set<PointID>()
            for row in rows { points.insert(try decode(row, Int64.self)) }
            return points
        }

        public func history(_ filter: HistoryFilter) throws(StoreError) -> HistoryData {
            let runs = filter.selectRuns(try self.runs(liveness: .current))
            guard !runs.isEmpty else { return HistoryData(runs: [], points: [], runOfPoint: [:], samples: [:]) }
            let runIDs = runs.map(\.id)
            let scenario = filter.scenario
            let (pointRows, sampleRows) = try transaction(readOnly: true) { () throws(StoreError) in
                let points = try query(
                    """
                    SELECT id, runId, ordinal, scenario, parameters, idealNanos, idealIONanos, idealCPUNanos, command FROM point
                    WHERE runId = ANY(\(runIDs)) AND (\(scenario)::TEXT IS NULL OR scenario = \(scenario))
                    ORDER BY runId, ordinal
                    """)
                let samples = try query(
                    """
                    SELECT s.pointId, s.wallNanos, s.userNanos + s.systemNanos FROM sample s
                    JOIN point p ON p.id = s.pointId
                    WHERE p.runId = ANY(\(runIDs)) AND (\(scenario)::TEXT IS NULL OR p.scenario = \(scenario))
                      AND s.isWarmup = 0
                    ORDER BY s.pointId, s.repetition
                    """)
                return (points, samples)
            }
            var points: [StoredPoint] = []
            var runOfPoint: [PointID: RunID] = [:]
            for row in pointRows {
                var cells = PostgresCells(row, location: location)
                let id: PointID = try cells.next()
                let runID: RunID = try cells.next()
                let ordinal: Int64 = try cells.next()
                let key = try pointKey(run: runID, point: id, scenario: try cells.next(), parameters: try cells.next())
                guard filter.matches(key.parameters) else { continue }
                points.append(
                    StoredPoint(
                        id: id, ordinal: Int(ordinal), key: key, baselinePointID: nil, idealNanos: try cells.next(),
                        idealIONanos: try cells.next(), idealCPUNanos: try cells.next(), status: .measured,
                        error: nil, command: try cells.next()))
                runOfPoint[id] = runID
            }
            var samples: [PointID: PointTimings] = [:]
            for row in sampleRows {
                let (point, wall, cpu) = try decode(row, (Int64, Int64, Int64).self)
                guard runOfPoint[point] != nil else { continue }
                samples[point, default: PointTimings()].wallNanos.append(Double(wall))
                samples[point, default: PointTimings()].cpuNanos.append(Double(cpu))
            }
            for point in points where samples[point.id] == nil { samples[point.id] = PointTimings() }
            return HistoryData(runs: runs, points: points, runOfPoint: runOfPoint, samples: samples)
        }
    }
#endif

#if PostgreSQLStore
    import SpeedLabCore
    import SpeedLabStore

    extension PostgresRunStore {
        public func requests(ofPoints points: [PointID]) throws(StoreError) -> [PointID: [StoredRequest]] {
            guard !points.isEmpty else { return [:] }
            let rows = try exclusive { () throws(StoreError) in
                try query(
                    """
                    SELECT pointId, repetition, request, sentNanos, firstByteNanos, firstTokenNanos, endNanos,
                      promptTokens, outputTokens, tokenSource, chunks, status, error, encode(arrivals, 'hex'),
                      scheduledNanos
                    FROM request WHERE pointId = ANY(\(points)) ORDER BY pointId, repetition, request
                    """)
            }
            var found: [PointID: [StoredRequest]] = [:]
            for row in rows {
                let (
                    point, repetition, number, sent, firstByte, firstToken, end, prompt, output, source, chunks, status,
                    error, hex, scheduled
                ) =
                    try decode(
                        row,
                        (
                            Int64, Int64, Int64, Int64, Int64?, Int64?, Int64?, Int64?, Int64, String, Int64, Int64?,
                            String?, String, Int64?
                        )
                        .self)
                let record = RequestRecord(
                    request: Int(number), sentNanos: sent, firstByteNanos: firstByte, firstTokenNanos: firstToken,
                    endNanos: end, promptTokens: prompt.map(Int.init), outputTokens: Int(output),
                    tokenSource: source, chunks: Int(chunks), status: status.map(Int.init), error: error,
                    arrivals: ArrivalCodec.decode(Self.bytes(hex: hex), from: sent) ?? [], scheduledNanos: scheduled)
                found[point, default: []].append(StoredRequest(repetition: Int(repetition), record: record))
            }
            return found
        }

        /// The bytes of lowercase hexadecimal text (as `encode(…, 'hex')` writes them).
        static func bytes(hex: String) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(hex.utf8.count / 2)
            var high: UInt8?
            for character in hex.utf8 {
                let nibble: UInt8
                switch character {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
                default: continue
                }
                if let value = high {
                    bytes.append(value << 4 | nibble)
                    high = nil
                } else {
                    high = nibble
                }
            }
            return bytes
        }
    }
#endif
