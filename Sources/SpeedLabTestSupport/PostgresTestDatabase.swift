import Foundation

/// A fresh, uniquely named database on the PostgreSQL server that `SPEEDLAB_TEST_POSTGRES`
/// names, for tests of the PostgreSQL store.
///
/// `SPEEDLAB_TEST_POSTGRES` is an admin URL (`postgres://USER:PASSWORD@HOST:PORT/postgres?sslmode=disable`,
/// as `scripts/throwaway-postgres.sh start DIR` prints). ``make()`` creates a database with the
/// real `psql` binary and hands back its URL (same server, user and password); ``drop()``
/// removes it, closing any connection still open. Tests that need a server are enabled with
/// `.enabled(if: PostgresTestDatabase.isConfigured)`; in CI the variable is always set.
public struct PostgresTestDatabase: Sendable {
    /// The environment variable holding the admin URL.
    public static let environmentVariable = "SPEEDLAB_TEST_POSTGRES"

    /// The admin URL, or nil when no test server is configured.
    public static var adminURL: String? {
        guard let url = ProcessInfo.processInfo.environment[environmentVariable], !url.isEmpty else { return nil }
        return url
    }

    /// Whether a test server is configured.
    public static var isConfigured: Bool { adminURL != nil }

    /// Whether this is a CI run (`CI=true`), where the PostgreSQL tests must run, never skip.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The database's name on the server.
    public let name: String
    /// The database's URL, with the admin URL's user, password and parameters.
    public let url: String
    /// The URL this database was created through.
    public let adminURL: String

    /// Creates a new, empty database on the configured server.
    public static func make(prefix: String = "speedlab_test") throws -> PostgresTestDatabase {
        guard let adminURL else { throw PostgresTestDatabaseError.notConfigured }
        return try make(on: adminURL, prefix: prefix)
    }

    /// Creates a new, empty database on the server `adminURL` names.
    public static func make(on adminURL: String, prefix: String = "speedlab_test") throws -> PostgresTestDatabase {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let name = "\(prefix)_\(suffix)"
        try psql(adminURL, "CREATE DATABASE \(name)")
        return PostgresTestDatabase(name: name, url: try url(adminURL, database: name), adminURL: adminURL)
    }

    /// Drops the database, ending any session still connected to it.
    public func drop() {
        _ = try? Self.psql(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// The same URL with another user and password (same server, database and parameters).
    public func url(user: String, password: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw PostgresTestDatabaseError.badURL }
        components.user = user
        components.password = password
        guard let text = components.string else { throw PostgresTestDatabaseError.badURL }
        return text
    }

    /// The password of the URLs (nil when they have none), so tests can check it is never printed.
    public var password: String? { URLComponents(string: url)?.password?.removingPercentEncoding }

    /// Runs `sql` in this database and returns the rows psql prints unaligned, one per line, without
    /// headers (columns separated by `|`).
    @discardableResult
    public func query(_ sql: String) throws -> String {
        try Self.psql(url, sql)
    }

    /// The single integer `sql` returns.
    public func integer(_ sql: String) throws -> Int {
        let text = try query(sql).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let value = Int(text) else { throw PostgresTestDatabaseError.notAnInteger(sql: sql, output: text) }
        return value
    }

    /// `adminURL` with its database replaced by `database`.
    public static func url(_ adminURL: String, database: String) throws -> String {
        guard var components = URLComponents(string: adminURL) else { throw PostgresTestDatabaseError.badURL }
        components.path = "/\(database)"
        guard let text = components.string else { throw PostgresTestDatabaseError.badURL }
        return text
    }

    /// Runs `psql URL -X -q -A -t -v ON_ERROR_STOP=1 -c SQL` and returns what it printed.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = try psqlBinary()
        process.arguments = [url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
        var environment = ProcessInfo.processInfo.environment
        environment["PGCONNECT_TIMEOUT"] = "10"
        process.environment = environment
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let (out, err) = SpeedLabCommand.readToEnd(process)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresTestDatabaseError.psqlFailed(
                sql: sql, status: process.terminationStatus,
                stderr: redacting(String(decoding: err, as: UTF8.self), url: url))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `psql` on `PATH`, else the newest under `/usr/lib/postgresql/*/bin`.
    public static func psqlBinary() throws -> URL {
        try binary("psql")
    }

    /// A PostgreSQL client or server program: on `PATH`, else the newest under
    /// `/usr/lib/postgresql/*/bin`.
    public static func binary(_ name: String) throws -> URL {
        let fileManager = FileManager.default
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let versions = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedDescending }) {
            let candidate = URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin/\(name)")
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw PostgresTestDatabaseError.missingProgram(name)
    }

    /// `text` with the password of `url` replaced by `***`.
    static func redacting(_ text: String, url: String) -> String {
        guard let password = URLComponents(string: url)?.password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "***")
    }
}

/// Why a test database could not be made or used.
public enum PostgresTestDatabaseError: Error, CustomStringConvertible {
    case notConfigured
    case badURL
    case missingProgram(String)
    case psqlFailed(sql: String, status: Int32, stderr: String)
    case notAnInteger(sql: String, output: String)

    public var description: String {
        switch self {
        case .notConfigured:
            return "\(PostgresTestDatabase.environmentVariable) is not set: start a server with "
                + "`scripts/throwaway-postgres.sh start DIR` and export the URL it prints"
        case .badURL:
            return "\(PostgresTestDatabase.environmentVariable) is not a postgres:// URL"
        case .missingProgram(let name):
            return "\(name) not found on PATH nor under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
        case .psqlFailed(let sql, let status, let stderr):
            return "psql exited with \(status) running `\(sql)`: \(stderr)"
        case .notAnInteger(let sql, let output):
            return "`\(sql)` returned '\(output)', not an integer"
        }
    }
}
