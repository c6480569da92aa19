import Foundation
import SpeedLabCore

/// What a column holds, in terms every backend maps to its own types.
public enum StoreColumnType: Sendable, Hashable {
    /// A 64-bit integer (SQLite `INTEGER`, PostgreSQL `BIGINT`).
    case integer
    /// A double (SQLite `REAL`, PostgreSQL `DOUBLE PRECISION`).
    case real
    /// Text.
    case text
    /// A UUID (SQLite: its lower-case text; PostgreSQL `UUID`).
    case uuid
    /// A JSON object (SQLite: text; PostgreSQL `JSON`).
    case json
}

/// A value a backend binds to a statement or reads from a row.
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case uuid(UUID)
}

/// One column of a store table: its name and type, and, where the table describes a row type,
/// how that row's field is written to it and read back.
public struct StoreColumn<Row>: Sendable {
    /// The column's name as the migrations spell it (PostgreSQL folds it to lower case).
    public let name: String
    public let type: StoreColumnType
    /// Whether the column may hold NULL.
    public let isNullable: Bool
    let value: @Sendable (Row) -> StoreValue
    /// Sets the row's field from a value of the column's type; false for any other value.
    let assign: @Sendable (inout Row, StoreValue) -> Bool
}

/// Reads the columns of one row for ``StoreTable/read(_:from:)``, which asks for them in the
/// order the table lists them: a backend reads by name, or the next column of its row.
public protocol StoreRowReader {
    /// The value of `column` as `type` says (``StoreValue/null`` for NULL); a stored value of
    /// another type throws the backend's own error.
    mutating func value(of column: String, type: StoreColumnType) throws(StoreError) -> StoreValue
    /// The error for `value`, read from `column`, that the column cannot hold (NULL where it
    /// is declared `NOT NULL`).
    func unreadable(_ value: StoreValue, in column: String) -> StoreError
}

/// A table of the store: its name and the columns SpeedLab writes and reads, in the one order
/// every backend lists them in its statements. The migrations declare the tables; this is what
/// the code says of them, written once (the `id` each database assigns is not listed).
public struct StoreTable<Row>: Sendable {
    public let name: String
    /// Every column but `id`, in order.
    public let columns: [StoreColumn<Row>]

    /// The column names in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// `a, b, c`, or with `alias` `r.a, r.b, r.c`: the columns as a statement lists them.
    public func columnList(alias: String? = nil) -> String {
        let prefix = alias.map { "\($0)." } ?? ""
        return columns.map { prefix + $0.name }.joined(separator: ", ")
    }

    /// `row`'s values, one per column in order.
    public func values(of row: Row) -> [StoreValue] { columns.map { $0.value(row) } }

    /// Reads every column, in order, into `row`.
    public func read(_ row: inout Row, from reader: inout some StoreRowReader) throws(StoreError) {
        for column in columns {
            let value = try reader.value(of: column.name, type: column.type)
            // A column that cannot hold NULL refuses it, as it refuses a value of another type.
            guard column.assign(&row, value) else { throw reader.unreadable(value, in: column.name) }
        }
    }
}

extension StoreColumn {
    /// A column that describes no row field (a list of names for statements only).
    static func named(_ name: String, _ type: StoreColumnType, nullable: Bool = false) -> StoreColumn {
        StoreColumn(name: name, type: type, isNullable: nullable, value: { _ in .null }, assign: { _, _ in true })
    }

    static func integer<Value: FixedWidthInteger & Sendable>(
        _ name: String, _ field: any WritableKeyPath<Row, Value> & Sendable
    ) -> StoreColumn {
        StoreColumn(
            name: name, type: .integer, isNullable: false, value: { .integer(Int64($0[keyPath: field])) },
            assign: { row, value in
                guard case .integer(let number) = value else { return false }
                row[keyPath: field] = Value(truncatingIfNeeded: number)
                return true
            })
    }

    static func integer(_ name: String, _ field: any WritableKeyPath<Row, Int64?> & Sendable) -> StoreColumn {
        StoreColumn(
            name: name, type: .integer, isNullable: true, value: { $0[keyPath: field].map { .integer($0) } ?? .null },
            assign: { row, value in
                switch value {
                case .null: row[keyPath: field] = nil
                case .integer(let number): row[keyPath: field] = number
                default: return false
                }
                return true
            })
    }

    static func real(_ name: String, _ field: any WritableKeyPath<Row, Double> & Sendable) -> StoreColumn {
        StoreColumn(
            name: name, type: .real, isNullable: false, value: { .real($0[keyPath: field]) },
            assign: { row, value in
                guard case .real(let number) = value else { return false }
                row[keyPath: field] = number
                return true
            })
    }

    static func real(_ name: String, _ field: any WritableKeyPath<Row, Double?> & Sendable) -> StoreColumn {
        StoreColumn(
            name: name, type: .real, isNullable: true, value: { $0[keyPath: field].map { .real($0) } ?? .null },
            assign: { row, value in
                switch value {
                case .null: row[keyPath: field] = nil
                case .real(let number): row[keyPath: field] = number
                default: return false
                }
                return true
            })
    }

    static func text(_ name: String, _ field: any WritableKeyPath<Row, String> & Sendable) -> StoreColumn {
        StoreColumn(
            name: name, type: .text, isNullable: false, value: { .text($0[keyPath: field]) },
            assign: { row, value in
                guard case .text(let text) = value else { return false }
                row[keyPath: field] = text
                return true
            })
    }

    static func text(_ name: String, _ field: any WritableKeyPath<Row, String?> & Sendable) -> StoreColumn {
        StoreColumn(
            name: name, type: .text, isNullable: true, value: { $0[keyPath: field].map { .text($0) } ?? .null },
            assign: { row, value in
                switch value {
                case .null: row[keyPath: field] = nil
                case .text(let text): row[keyPath: field] = text
                default: return false
                }
                return true
            })
    }

    static func uuid(_ name: String, _ field: any WritableKeyPath<Row, UUID?> & Sendable) -> StoreColumn {
        StoreColumn(
            name: name, type: .uuid, isNullable: true, value: { $0[keyPath: field].map { .uuid($0) } ?? .null },
            assign: { row, value in
                switch value {
                case .null: row[keyPath: field] = nil
                case .uuid(let uuid): row[keyPath: field] = uuid
                default: return false
                }
                return true
            })
    }
}

/// A `run` row as SpeedLab writes and reads it: the run as archived, and its UUID (nil only in
/// a SQLite file damaged outside SpeedLab).
public struct RunRow: Sendable, Hashable {
    public var run: RunArchive.Run
    public var uuid: UUID?

    public init(run: RunArchive.Run, uuid: UUID?) {
        self.run = run
        self.uuid = uuid
    }

    /// The row a new run starts as: `running`, started and last alive at `startedAt`, with a new UUID.
    public init(newRun run: NewRun, startedAt: Date, uuid: UUID = UUID()) {
        let now = Timestamp.string(startedAt)
        self.init(
            run: RunArchive.Run(
                label: run.label, sweepName: run.sweepName, sweepYAML: run.sweepYAML, sweepSource: run.sweepSource,
                status: RunStatus.running.rawValue, startedAt: now, finishedAt: nil, heartbeatAt: now,
                repetitions: Int64(run.repetitions), warmup: Int64(run.warmup), seed: Int64(run.seed),
                environment: run.environment, kernelNanosPerUnit: run.kernelNanosPerUnit,
                adaptivePrecision: run.adaptive?.precision, adaptiveMinimum: run.adaptive.map { Int64($0.minimum) },
                adaptiveBudgetSeconds: run.adaptive?.budgetSeconds, httpRoundTripNanos: run.httpRoundTripNanos),
            uuid: uuid)
    }

    /// A row whose every field ``StoreTable/run`` reads replaces: what a read starts from.
    public static let blank = RunRow(
        run: RunArchive.Run(
            label: nil, sweepName: "", sweepYAML: "", sweepSource: "", status: "", startedAt: "", finishedAt: nil,
            heartbeatAt: nil, repetitions: 0, warmup: 0, seed: 0,
            environment: RunEnvironment(
                host: "", operatingSystem: "", kernel: "", cpuModel: "", logicalCores: 0, memoryBytes: 0,
                swiftVersion: "", buildConfiguration: "", toolVersion: "", gitCommit: nil, loadAverage: 0,
                processID: 0),
            kernelNanosPerUnit: 0, adaptivePrecision: nil, adaptiveMinimum: nil, adaptiveBudgetSeconds: nil,
            httpRoundTripNanos: nil),
        uuid: nil)
}

extension StoreTable where Row == RunRow {
    /// The `run` table: every column of a run but its id, `uuid` last.
    public static let run = StoreTable(
        name: "run",
        columns: [
            .text("label", \.run.label),
            .text("sweepName", \.run.sweepName),
            .text("sweepYAML", \.run.sweepYAML),
            .text("sweepSource", \.run.sweepSource),
            .text("status", \.run.status),
            .text("startedAt", \.run.startedAt),
            .text("finishedAt", \.run.finishedAt),
            .text("heartbeatAt", \.run.heartbeatAt),
            .integer("repetitions", \.run.repetitions),
            .integer("warmup", \.run.warmup),
            .integer("seed", \.run.seed),
            .text("host", \.run.environment.host),
            .text("operatingSystem", \.run.environment.operatingSystem),
            .text("kernel", \.run.environment.kernel),
            .text("cpuModel", \.run.environment.cpuModel),
            .integer("logicalCores", \.run.environment.logicalCores),
            .integer("memoryBytes", \.run.environment.memoryBytes),
            .text("swiftVersion", \.run.environment.swiftVersion),
            .text("buildConfiguration", \.run.environment.buildConfiguration),
            .text("toolVersion", \.run.environment.toolVersion),
            .text("gitCommit", \.run.environment.gitCommit),
            .real("loadAverage", \.run.environment.loadAverage),
            .real("kernelNanosPerUnit", \.run.kernelNanosPerUnit),
            .integer("processId", \.run.environment.processID),
            .real("adaptivePrecision", \.run.adaptivePrecision),
            .integer("adaptiveMinimum", \.run.adaptiveMinimum),
            .real("adaptiveBudgetSeconds", \.run.adaptiveBudgetSeconds),
            .real("httpRoundTripNanos", \.run.httpRoundTripNanos),
            .uuid("uuid", \.uuid),
        ])

    /// Reads a `run` row (its columns in ``columns`` order, `id` not among them).
    public func read(from reader: inout some StoreRowReader) throws(StoreError) -> RunRow {
        var row = RunRow.blank
        try read(&row, from: &reader)
        return row
    }
}

/// The `sample` table's columns as statements list them; samples are written in bulk, column
/// by column, by each backend's fastest path, so this table describes names and types only.
public enum SampleTable {
    public static let table = StoreTable<Void>(
        name: "sample",
        columns: [
            .named("pointId", .integer), .named("repetition", .integer), .named("isWarmup", .integer),
            .named("wallNanos", .integer), .named("userNanos", .integer), .named("systemNanos", .integer),
            .named("voluntarySwitches", .integer), .named("involuntarySwitches", .integer),
            .named("peakRSSBytes", .integer), .named("checksum", .integer), .named("metrics", .json, nullable: true),
        ])
}
