import Foundation

/// A `scheme://[USER[:PASSWORD]@]HOST[:PORT][/PATH][?QUERY]` address (`--services`, a
/// `postgres://` store), read strictly before anything connects: a port that is not a whole
/// number from 1 to 65535, an empty or malformed host, a NUL byte or any other control
/// character, or a broken percent-escape is refused with a reason, never passed on to a
/// client that would trap on it or wrap the port around.
///
/// The credentials run from the scheme to the **last** `@` of the text, so a password may hold
/// `@`, `:`, `/`, `?` or `#` as typed; each percent-escape in a component is decoded exactly
/// once (`%25` is `%`). A literal `@` in the path or query must be written `%40`.
public struct EndpointURL: Sendable, Hashable {
    /// The scheme as written, lowercased, without `://`.
    public var scheme: String
    /// The user, decoded; nil when the URL names none.
    public var user: String?
    /// The password, decoded; nil when the URL names none.
    public var password: String?
    /// The host as written (an IPv6 address without its brackets).
    public var host: String
    /// The port, when the URL gives one.
    public var port: Int?
    /// The path after the authority, decoded (`""` or starting with `/`).
    public var path: String
    /// `name=value` pairs after `?`, each decoded once.
    public var query: [QueryItem]

    /// One `name=value` pair of the query.
    public struct QueryItem: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    /// Reads `text`, whose scheme must be one of `schemes`.
    public init(_ text: String, schemes: [String]) throws(EndpointURLError) {
        let shown = Self.redacting(text)
        func fail(_ reason: String) -> EndpointURLError { EndpointURLError(url: shown, reason: reason) }
        if let bad = text.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw fail(
                bad.value == 0 ? "it holds a NUL byte" : "it holds the control character U+\(Self.hex(bad.value))")
        }
        guard let separator = text.range(of: "://") else {
            throw fail("expected \(schemes.map { "\($0)://" }.joined(separator: " or "))HOST:PORT")
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard schemes.contains(scheme) else {
            throw fail("expected \(schemes.map { "\($0)://" }.joined(separator: " or "))… (got '\(scheme)://')")
        }
        self.scheme = scheme
        var rest = text[separator.upperBound...]
        user = nil
        password = nil
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = try Self.decode(credentials[..<colon], what: "user", url: shown)
                password = try Self.decode(
                    credentials[credentials.index(after: colon)...], what: "password", url: shown)
            } else {
                user = try Self.decode(credentials, what: "user", url: shown)
            }
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var tail = rest[authorityEnd...]
        if let hash = tail.firstIndex(of: "#") { tail = tail[..<hash] }
        let (host, port) = try Self.hostAndPort(authority, url: shown)
        self.host = host
        self.port = port
        let pathEnd = tail.firstIndex(of: "?") ?? tail.endIndex
        path = try Self.decode(tail[..<pathEnd], what: "path", url: shown)
        query = []
        if pathEnd < tail.endIndex {
            for pair in tail[tail.index(after: pathEnd)...].split(separator: "&", omittingEmptySubsequences: true) {
                let equals = pair.firstIndex(of: "=") ?? pair.endIndex
                let name = try Self.decode(pair[..<equals], what: "query", url: shown)
                let value =
                    equals < pair.endIndex
                    ? try Self.decode(pair[pair.index(after: equals)...], what: "query", url: shown) : ""
                query.append(QueryItem(name: name, value: value))
            }
        }
    }

    /// The host as it appears in a URL: an IPv6 address in brackets.
    public var hostInURL: String { host.contains(":") ? "[\(host)]" : host }

    /// `text` with everything between its scheme and the last `@` replaced by `***`: how a
    /// URL that may hold a password appears in any output, readable or not.
    public static func redacting(_ text: String) -> String {
        guard let separator = text.range(of: "://"), let at = text[separator.upperBound...].lastIndex(of: "@")
        else { return text }
        return String(text[..<separator.upperBound]) + "***" + String(text[at...])
    }

    /// Splits `HOST[:PORT]` (`[IPv6][:PORT]`) and checks both.
    private static func hostAndPort(_ authority: Substring, url: String) throws(EndpointURLError) -> (String, Int?) {
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw EndpointURLError(url: url, reason: "the IPv6 host has no closing ']'")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw EndpointURLError(url: url, reason: "expected ':PORT' after the IPv6 host")
                }
                portText = after.dropFirst()
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }), host.contains(":")
            else {
                throw EndpointURLError(url: url, reason: "'[\(host)]' is not an IPv6 address")
            }
        } else {
            if let colon = authority.lastIndex(of: ":") {
                host = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                host = authority
            }
            guard !host.isEmpty else { throw EndpointURLError(url: url, reason: "the host is empty") }
            guard
                host.unicodeScalars.allSatisfy({
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                        || $0 == "." || $0 == "_"
                }), !host.hasPrefix("-"), !host.hasPrefix("."), !host.contains("..")
            else {
                throw EndpointURLError(
                    url: url, reason: "'\(host)' is not a host name or address (letters, digits, '-', '.' and '_')")
            }
        }
        guard let portText else { return (String(host), nil) }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ ("0"..."9").contains($0) }),
            let port = Int(portText), (1...65535).contains(port)
        else {
            throw EndpointURLError(
                url: url, reason: "the port must be a whole number from 1 to 65535 (got '\(portText)')")
        }
        return (String(host), port)
    }

    /// `text` with each `%XX` decoded once; a broken escape, invalid UTF-8 or a decoded
    /// control character is refused.
    private static func decode(_ text: Substring, what: String, url: String) throws(EndpointURLError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = utf8.popFirst().flatMap(hexValue), let low = utf8.popFirst().flatMap(hexValue) else {
                throw EndpointURLError(url: url, reason: "the \(what) has a '%' that is not followed by two hex digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw EndpointURLError(url: url, reason: "the \(what) decodes to bytes that are not UTF-8")
        }
        if let bad = decoded.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw EndpointURLError(
                url: url,
                reason: bad.value == 0
                    ? "the \(what) decodes to a NUL byte" : "the \(what) decodes to a control character")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Why an ``EndpointURL`` could not be read; the URL is shown without its credentials.
public struct EndpointURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL as typed, credentials masked.
    public let url: String
    public let reason: String

    public var description: String { "'\(url)' is not a valid URL: \(reason)." }
}
