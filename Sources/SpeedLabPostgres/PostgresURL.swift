import Foundation
import SpeedLabCore
import SpeedLabStore

/// A `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE?sslmode=…&connect_timeout=…` address,
/// read as libpq reads it, and shown without its password wherever it appears.
public struct PostgresURL: Sendable, Hashable {
    /// How the connection uses TLS (libpq's names).
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Plain TCP only.
        case disable
        /// TLS when the server offers it, else plain (libpq's default).
        case prefer
        /// TLS or nothing; the certificate is not verified.
        case require
        /// TLS with the certificate verified against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// Seconds to wait for the server to answer before giving up.
    public var connectTimeoutSeconds: Int
    /// The certificate (or bundle) that `verify-full` checks the server's against
    /// (`sslrootcert=PATH`); libpq's default is `~/.postgresql/root.crt`.
    public var sslRootCertificate: String?

    /// The query parameters understood after `?`.
    public static let parameters = ["sslmode", "connect_timeout", "sslrootcert"]

    /// Whether `text` names a PostgreSQL store (and not a SQLite file).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads `text`; the password comes from the URL, else from `PGPASSWORD`.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StoreError)
    {
        let shown = Self.redacting(text)
        let url: EndpointURL
        do throws(EndpointURLError) { url = try EndpointURL(text, schemes: ["postgres", "postgresql"]) } catch {
            throw .unsupportedLocation(
                location: shown,
                reason: "\(error.reason); expected postgres://USER@HOST:PORT/DATABASE?sslmode=disable|prefer|require")
        }
        user = url.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        password = url.password ?? environment["PGPASSWORD"]
        host = url.host
        port = url.port ?? 5432
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !path.contains("/") else {
            throw .unsupportedLocation(location: shown, reason: "the database name '\(path)' holds a '/'")
        }
        database = path.isEmpty ? user : path
        sslMode = .prefer
        connectTimeoutSeconds = 10
        sslRootCertificate = nil
        for item in url.query {
            switch item.name {
            case "sslmode":
                guard let mode = SSLMode(rawValue: item.value) else {
                    throw .unsupportedLocation(
                        location: shown,
                        reason: "unknown sslmode '\(item.value)' (valid: "
                            + SSLMode.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
                sslMode = mode
            case "connect_timeout":
                guard let seconds = Int(item.value), (1...86_400).contains(seconds) else {
                    throw .unsupportedLocation(
                        location: shown, reason: "connect_timeout must be a whole number of seconds from 1 to 86400")
                }
                connectTimeoutSeconds = seconds
            case "sslrootcert":
                guard !item.value.isEmpty else {
                    throw .unsupportedLocation(location: shown, reason: "sslrootcert names no file")
                }
                sslRootCertificate = item.value
            default:
                throw .unsupportedLocation(
                    location: shown,
                    reason: "unknown parameter '\(item.name)' (valid: \(Self.parameters.joined(separator: ", ")))")
            }
        }
    }

    /// The address as shown in output and errors: never the password.
    public var redacted: String {
        var text = "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        if sslMode != .prefer { text += "?sslmode=\(sslMode.rawValue)" }
        return text
    }

    /// `text` as messages show it: everything between `://` and the last `@` replaced by `***`
    /// when it cannot be read as a URL.
    /// A URL that reads as one is shown with its user and without its password.
    public static func redacting(_ text: String) -> String {
        guard let url = try? EndpointURL(text, schemes: ["postgres", "postgresql"]) else {
            return EndpointURL.redacting(text)
        }
        var shown = "\(url.scheme)://" + (url.user.map { "\($0)@" } ?? "") + url.hostInURL
        if let port = url.port { shown += ":\(port)" }
        shown += url.path
        if !url.query.isEmpty { shown += "?" + url.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&") }
        return shown
    }
}
