#if PostgreSQLStore
    import Foundation
    import SpeedLabCore
    import SpeedLabStore

    extension PostgresRunStore {
        /// The `run` columns every read of a run takes, in the order ``archivedRun(_:)`` reads them.
        static let runColumns = """
            r.id, r.label, r.sweepName, r.sweepYAML, r.sweepSource, r.status, r.startedAt, r.finishedAt,
            r.heartbeatAt, r.repetitions, r.warmup, r.seed, r.host, r.operatingSystem, r.kernel, r.cpuModel,
            r.logicalCores, r.memoryBytes, r.swiftVersion, r.buildConfiguration, r.toolVersion, r.gitCommit,
            r.loadAverage, r.kernelNanosPerUnit, r.processId, r.adaptivePrecision, r.adaptiveMinimum,
            r.adaptiveBudgetSeconds, r.httpRoundTripNanos, r.uuid
            """

        /// The point and measured-sample counts of a run, as two more columns.
        static let runCounts = """
            (SELECT COUNT(*) FROM point p WHERE p.runId = r.id),
            (SELECT COUNT(*) FROM sample s JOIN point p ON p.id = s.pointId WHERE p.runId = r.id AND s.isWarmup = 0)
            """

        /// Reads the ``runColumns`` of a row: its id, the row as written and its UUID.
        func archivedRun(_ cells: inout PostgresCells) throws(StoreError) -> (RunID, RunArchive.Run, UUID) {
            let id: Int64 = try cells.next()
            let label: String? = try cells.next()
            let sweepName: String = try cells.next()
            let sweepYAML: String = try cells.next()
            let sweepSource: String = try cells.next()
            let status: String = try cells.next()
            let startedAt: String = try cells.next()
            let finishedAt: String? = try cells.next()
            let heartbeatAt: String? = try cells.next()
            let repetitions: Int64 = try cells.next()
            let warmup: Int64 = try cells.next()
            let seed: Int64 = try cells.next()
            let environment = RunEnvironment(
                host: try cells.next(), operatingSystem: try cells.next(), kernel: try cells.next(),
                cpuModel: try cells.next(), logicalCores: Int(try cells.next(Int64.self)),
                memoryBytes: try cells.next(), swiftVersion: try cells.next(), buildConfiguration: try cells.next(),
                toolVersion: try cells.next(), gitCommit: try cells.next(), loadAverage: try cells.next(),
                processID: 0)
            let kernelNanosPerUnit: Double = try cells.next()
            var env = environment
            env.processID = Int32(truncatingIfNeeded: try cells.next(Int64.self))
            let run = RunArchive.Run(
                label: label, sweepName: sweepName, sweepYAML: sweepYAML, sweepSource: sweepSource, status: status,
                startedAt: startedAt, finishedAt: finishedAt, heartbeatAt: heartbeatAt, repetitions: repetitions,
                warmup: warmup, seed: seed, environment: env, kernelNanosPerUnit: kernelNanosPerUnit,
                adaptivePrecision: try cells.next(), adaptiveMinimum: try cells.next(),
                adaptiveBudgetSeconds: try cells.next(), httpRoundTripNanos: try cells.next())
            let uuid: UUID = try cells.next()
            return (id, run, uuid)
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

        public func resolveRun(_ reference: String, completedOnly: Bool) throws(StoreError) -> RunID {
            let trimmed = reference.trimmingCharacters(in: .whitespaces)
            let completed = completedOnly ? " AND status = 'completed'" : ""
            let found: RunID? = try exclusive { () throws(StoreError) -> RunID? in
                var rows: [PostgresRow]
                if trimmed == "latest" || trimmed.hasPrefix("latest~") {
                    let back = trimmed == "latest" ? 0 : Int64(trimmed.dropFirst("latest~".count)) ?? -1
                    guard back >= 0 else { return nil }
                    rows = try query(
                        "SELECT id FROM run WHERE TRUE\(unescaped: completed) ORDER BY id DESC LIMIT 1 OFFSET \(back)")
                } else {
                    rows = []
                    if let id = RunID(trimmed) { rows = try query("SELECT id FROM run WHERE id = \(id)") }
                    if rows.isEmpty {
                        rows = try query(
                            "SELECT id FROM run WHERE label = \(trimmed)\(unescaped: completed) ORDER BY id DESC LIMIT 1"
                        )
                    }
                }
                guard let row = rows.first else { return nil }
                return try decode(row, Int64.self)
            }
            guard let found else {
                throw completedOnly && RunID(trimmed) == nil
                    ? .noCompletedRun(reference: reference, path: location)
                    : .unknownRun(reference: reference, path: location)
            }
            return found
        }

        public func runUUIDs() throws(StoreError) -> Set<UUID> {
            let rows = try exclusive { () throws(StoreError) in try query("SELECT uuid FROM run") }
            var uuids = Set<UUID>()
            for row in rows { uuids.insert(try decode(row, UUID.self)) }
            return uuids
        }
    }
#endif
