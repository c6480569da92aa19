#if PostgreSQLStore
    import Foundation
    import SpeedLabStore

    /// A statement with its parameters kept apart from its text: each `\(value)` in a string
    /// literal becomes `$n` and travels to the server as a typed parameter, so no value is ever
    /// read as SQL; `\(unescaped: text)` puts SQL text in as is.
    struct PostgresQuery: ExpressibleByStringInterpolation, Sendable {
        private(set) var sql: String
        /// Each parameter's text (nil for NULL) and type (a PostgreSQL type OID).
        private(set) var values: [String?]
        private(set) var types: [UInt32]

        init(unsafeSQL sql: String) {
            self.sql = sql
            values = []
            types = []
        }

        /// A statement whose `$1…$n` are `values`, each sent as the type of its column in `types`
        /// (so a NULL too has its column's type).
        init(sql: String, binding values: [StoreValue], types: [StoreColumnType]) {
            precondition(values.count == types.count, "one type per value")
            self.sql = sql
            self.values = values.map(\.postgresText)
            self.types = types.map(\.postgresType)
        }

        init(stringLiteral value: String) {
            self.init(unsafeSQL: value)
        }

        init(stringInterpolation: StringInterpolation) {
            sql = stringInterpolation.sql
            values = stringInterpolation.values
            types = stringInterpolation.types
        }

        /// Builds the text and the parameters of a statement.
        struct StringInterpolation: StringInterpolationProtocol {
            var sql = ""
            var values: [String?] = []
            var types: [UInt32] = []

            init(literalCapacity: Int, interpolationCount: Int) {
                sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            }

            mutating func appendLiteral(_ literal: String) {
                sql += literal
            }

            mutating func appendInterpolation(unescaped text: String) {
                sql += text
            }

            mutating func appendInterpolation<Value: PostgresBindable>(_ value: Value) {
                values.append(value.postgresText)
                types.append(Value.postgresType)
                sql += "$\(values.count)"
            }

            mutating func appendInterpolation<Value: PostgresBindable>(_ value: Value?) {
                values.append(value?.postgresText)
                types.append(Value.postgresType)
                sql += "$\(values.count)"
            }
        }
    }

    extension StoreValue {
        /// The value's text as a parameter; nil for NULL.
        var postgresText: String? {
            switch self {
            case .null: nil
            case .integer(let number): number.postgresText
            case .real(let number): number.postgresText
            case .text(let text): text
            case .uuid(let uuid): uuid.postgresText
            }
        }
    }

    extension StoreColumnType {
        /// The type OID a value of this column travels as.
        var postgresType: UInt32 {
            switch self {
            case .integer: PostgresType.int8
            case .real: PostgresType.float8
            case .text: PostgresType.text
            case .uuid: PostgresType.uuid
            case .json: PostgresType.json
            }
        }
    }

    /// A value that travels as a statement's parameter, in PostgreSQL's text form.
    protocol PostgresBindable {
        /// The type OID the server reads the text as.
        static var postgresType: UInt32 { get }
        var postgresText: String { get }
    }

    /// The type OIDs of `pg_type` that SpeedLab's statements bind and read.
    enum PostgresType {
        static let bool: UInt32 = 16
        static let bytea: UInt32 = 17
        static let int8: UInt32 = 20
        static let int2: UInt32 = 21
        static let int4: UInt32 = 23
        static let text: UInt32 = 25
        static let float4: UInt32 = 700
        static let float8: UInt32 = 701
        static let varchar: UInt32 = 1043
        static let name: UInt32 = 19
        static let bpchar: UInt32 = 1042
        static let uuid: UInt32 = 2950
        static let int8Array: UInt32 = 1016
        static let textArray: UInt32 = 1009
        static let json: UInt32 = 114
        static let jsonb: UInt32 = 3802
    }

    extension Int64: PostgresBindable {
        static var postgresType: UInt32 { PostgresType.int8 }
        var postgresText: String { String(self) }
    }

    extension Int: PostgresBindable {
        static var postgresType: UInt32 { PostgresType.int8 }
        var postgresText: String { String(self) }
    }

    extension Int32: PostgresBindable {
        static var postgresType: UInt32 { PostgresType.int4 }
        var postgresText: String { String(self) }
    }

    extension Int16: PostgresBindable {
        static var postgresType: UInt32 { PostgresType.int2 }
        var postgresText: String { String(self) }
    }

    extension Double: PostgresBindable {
        static var postgresType: UInt32 { PostgresType.float8 }
        /// Swift's shortest text that reads back as the same double; PostgreSQL's spellings of
        /// the non-finite ones.
        var postgresText: String {
            if isNaN { return "NaN" }
            if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
            return "\(self)"
        }
    }

    extension String: PostgresBindable {
        static var postgresType: UInt32 { PostgresType.text }
        var postgresText: String { self }
    }

    extension Bool: PostgresBindable {
        static var postgresType: UInt32 { PostgresType.bool }
        var postgresText: String { self ? "t" : "f" }
    }

    extension UUID: PostgresBindable {
        static var postgresType: UInt32 { PostgresType.uuid }
        var postgresText: String { uuidString.lowercased() }
    }

    extension Array: PostgresBindable where Element: PostgresArrayElement {
        static var postgresType: UInt32 { Element.postgresArrayType }
        /// `{1,2,3}`, or `{"a","b\"c"}`: every element quoted and escaped when it is text.
        var postgresText: String {
            "{" + map(\.postgresArrayText).joined(separator: ",") + "}"
        }
    }

    /// An element of an array parameter.
    protocol PostgresArrayElement {
        static var postgresArrayType: UInt32 { get }
        var postgresArrayText: String { get }
    }

    extension Int64: PostgresArrayElement {
        static var postgresArrayType: UInt32 { PostgresType.int8Array }
        var postgresArrayText: String { String(self) }
    }

    extension Double: PostgresArrayElement {
        static var postgresArrayType: UInt32 { 1022 }
        var postgresArrayText: String { postgresText }
    }

    extension String: PostgresArrayElement {
        static var postgresArrayType: UInt32 { PostgresType.textArray }
        var postgresArrayText: String {
            "\"" + replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }
#endif
