#if PostgreSQLStore
    import Foundation

    /// One row of a statement's answer, its columns as the server sent them in binary form
    /// (what each is, by its type OID; NULL as nil).
    struct PostgresRow: Sendable {
        /// A column of a row: its name, type and bytes.
        struct Cell: Sendable {
            var columnName: String
            var type: UInt32
            var bytes: [UInt8]?

            /// The cell read as `T`, or why it cannot be.
            func decode<T: PostgresDecodable>(_: T.Type = T.self) throws -> T {
                try T.decode(bytes, type: type)
            }
        }

        var cells: [Cell]

        func makeIterator() -> IndexingIterator<[Cell]> { cells.makeIterator() }

        /// The row's first columns read as the tuple `type`.
        func decode<each Column: PostgresDecodable>(_ type: (repeat each Column).Type) throws -> (repeat each Column) {
            var index = 0
            func next<T: PostgresDecodable>(_: T.Type) throws -> T {
                guard index < cells.count else {
                    throw PostgresDecodingError("the row has fewer columns than asked for")
                }
                defer { index += 1 }
                return try cells[index].decode(T.self)
            }
            return (repeat try next((each Column).self))
        }
    }

    /// A column that does not hold what was asked of it.
    struct PostgresDecodingError: Error, CustomStringConvertible {
        let description: String

        init(_ description: String) {
            self.description = description
        }
    }

    /// A Swift value read from a column in PostgreSQL's binary form.
    protocol PostgresDecodable {
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> Self
    }

    /// Reads the big-endian integers of the binary form.
    enum BigEndian {
        static func integer<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int = 0, as: T.Type = T.self) -> T {
            var value: T = 0
            for index in 0..<MemoryLayout<T>.size { value = value << 8 | T(truncatingIfNeeded: bytes[offset + index]) }
            return value
        }
    }

    extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> Self {
            guard bytes != nil else { return nil }
            return try Wrapped.decode(bytes, type: type)
        }
    }

    extension PostgresDecodable {
        static func present(_ bytes: [UInt8]?) throws -> [UInt8] {
            guard let bytes else { throw PostgresDecodingError("a NULL where \(Self.self) was expected") }
            return bytes
        }
    }

    extension Int64: PostgresDecodable {
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> Int64 {
            let bytes = try present(bytes)
            switch (type, bytes.count) {
            case (PostgresType.int8, 8): return BigEndian.integer(bytes, as: Int64.self)
            case (PostgresType.int4, 4): return Int64(BigEndian.integer(bytes, as: Int32.self))
            case (PostgresType.int2, 2): return Int64(BigEndian.integer(bytes, as: Int16.self))
            default: throw PostgresDecodingError("a column of type \(type) is not an integer")
            }
        }
    }

    extension Int: PostgresDecodable {
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> Int {
            Int(try Int64.decode(bytes, type: type))
        }
    }

    extension Int32: PostgresDecodable {
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> Int32 {
            let value = try Int64.decode(bytes, type: type)
            guard let narrow = Int32(exactly: value) else { throw PostgresDecodingError("\(value) is not an Int32") }
            return narrow
        }
    }

    extension Int16: PostgresDecodable {
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> Int16 {
            let value = try Int64.decode(bytes, type: type)
            guard let narrow = Int16(exactly: value) else { throw PostgresDecodingError("\(value) is not an Int16") }
            return narrow
        }
    }

    extension Double: PostgresDecodable {
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> Double {
            let bytes = try present(bytes)
            switch (type, bytes.count) {
            case (PostgresType.float8, 8): return Double(bitPattern: BigEndian.integer(bytes, as: UInt64.self))
            case (PostgresType.float4, 4): return Double(Float(bitPattern: BigEndian.integer(bytes, as: UInt32.self)))
            case (PostgresType.int8, _), (PostgresType.int4, _), (PostgresType.int2, _):
                return Double(try Int64.decode(bytes, type: type))
            default: throw PostgresDecodingError("a column of type \(type) is not a number")
            }
        }
    }

    extension Bool: PostgresDecodable {
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> Bool {
            let bytes = try present(bytes)
            guard type == PostgresType.bool, bytes.count == 1 else {
                throw PostgresDecodingError("a column of type \(type) is not a boolean")
            }
            return bytes[0] != 0
        }
    }

    extension String: PostgresDecodable {
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> String {
            let bytes = try present(bytes)
            switch type {
            case PostgresType.text, PostgresType.varchar, PostgresType.name, PostgresType.bpchar, PostgresType.json:
                return String(decoding: bytes, as: UTF8.self)
            case PostgresType.jsonb:  // a version byte, then the text
                return String(decoding: bytes.dropFirst(), as: UTF8.self)
            case PostgresType.uuid:
                return try UUID.decode(bytes, type: type).uuidString.lowercased()
            default:
                throw PostgresDecodingError("a column of type \(type) is not text")
            }
        }
    }

    extension UUID: PostgresDecodable {
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> UUID {
            let bytes = try present(bytes)
            if type == PostgresType.text, let uuid = UUID(uuidString: String(decoding: bytes, as: UTF8.self)) {
                return uuid
            }
            guard type == PostgresType.uuid, bytes.count == 16 else {
                throw PostgresDecodingError("a column of type \(type) is not a UUID")
            }
            return UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                    bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
        }
    }

    extension Array: PostgresDecodable where Element == UInt8 {
        /// A `bytea` column's bytes.
        static func decode(_ bytes: [UInt8]?, type: UInt32) throws -> [UInt8] {
            let bytes = try present(bytes)
            guard type == PostgresType.bytea else {
                throw PostgresDecodingError("a column of type \(type) is not bytea")
            }
            return bytes
        }
    }
#endif
