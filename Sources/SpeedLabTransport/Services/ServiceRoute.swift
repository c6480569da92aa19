import SpeedLabScenarios

#if canImport(Glibc)
    import Glibc
#endif

/// The paths `speedlab services` answers, and how a ``ServiceCall`` travels in a request's
/// query string (`/call?service=1&query=7&attempt=2&seed=42&mean_ns=6e7&jitter=0&failure_rate=0.1&bytes=1024`).
///
/// Numbers are written in Swift's shortest round-trip form, so the server decodes exactly the
/// call the client drew and both sides meet the same schedule.
public enum ServiceRoute {
    public static let call = "/call"
    public static let health = "/health"
    public static let statistics = "/stats"
    public static let resetStatistics = "/stats/reset"
    /// OpenAI-compatible chat completions (POST, JSON body), answered on a seeded model's schedule.
    public static let chatCompletions = "/v1/chat/completions"
    /// OpenAI-compatible completions (POST, JSON body), answered on the same schedule.
    public static let completions = "/v1/completions"
    /// The header of every `/call` answer naming the call it answers (``tag(of:)``), so a
    /// client can tell an answer to its own request from any other.
    public static let callHeader = "x-speedlab-call"

    /// `service/query/attempt/seed`: what ``callHeader`` carries for `call`.
    public static func tag(of call: ServiceCall) -> String {
        "\(call.service)/\(call.query)/\(call.attempt)/\(call.seed)"
    }

    /// The path and query of `call`'s request.
    public static func target(of call: ServiceCall) -> String {
        "\(Self.call)?service=\(call.service)&query=\(call.query)&attempt=\(call.attempt)&seed=\(call.seed)"
            + "&mean_ns=\(text(call.meanLatencyNanos))&jitter=\(text(call.jitter))"
            + "&failure_rate=\(text(call.failureRate))&bytes=\(call.responseBytes)"
    }

    /// `value` as the shortest text that reads back as exactly `value`: a whole number (as
    /// latencies in nanoseconds and most rates are) without the fraction and exponent the
    /// general form costs a request, anything else in Swift's shortest round-trip form.
    static func text(_ value: Double) -> String {
        wholeNumber(value).map { String($0) } ?? "\(value)"
    }

    /// `value` as an integer when it is one that reads back as exactly `value` (not `-0`,
    /// and small enough that every neighbouring integer is a distinct double).
    static func wholeNumber(_ value: Double) -> Int? {
        guard value.rounded(.towardZero) == value, abs(value) < 9e15, value != 0 || value.sign == .plus else {
            return nil
        }
        return Int(value)
    }

    /// The call a request's query string carries, or why it does not carry one. Read byte by
    /// byte, names matched in place and no dictionary (the services read one per request); a
    /// name given twice takes its last value, and unknown names are ignored.
    public static func call(fromQuery query: Substring) -> Result<ServiceCall, RouteError> {
        var query = query
        return query.withUTF8 { call(fromQuery: $0) }
    }

    private static func call(fromQuery bytes: UnsafeBufferPointer<UInt8>) -> Result<ServiceCall, RouteError> {
        var fields = QueryFields()
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
            let pair = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            if pair.isEmpty { continue }
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else {
                return .failure(RouteError("'\(String(decoding: pair, as: UTF8.self))' has no value"))
            }
            fields.take(
                name: UnsafeBufferPointer(rebasing: pair[..<equals]),
                value: UnsafeBufferPointer(rebasing: pair[(equals + 1)...]))
        }
        guard let service = fields.service, let item = fields.query, let attempt = fields.attempt,
            let seed = fields.seed, let mean = fields.meanNanos, let jitter = fields.jitter,
            let failureRate = fields.failureRate, let bytes = fields.bytes
        else {
            return .failure(
                RouteError("expected service, query, attempt, seed, mean_ns, jitter, failure_rate and bytes"))
        }
        guard mean >= 0, (0...1).contains(jitter), (0...1).contains(failureRate), (0...16_777_216).contains(bytes)
        else { return .failure(RouteError("a value is out of range")) }
        return .success(
            ServiceCall(
                service: service, query: item, attempt: attempt, seed: seed, meanLatencyNanos: mean, jitter: jitter,
                failureRate: failureRate, responseBytes: bytes))
    }

    /// Why a request is refused (HTTP 400).
    public struct RouteError: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String

        init(_ description: String) {
            self.description = description
        }
    }
}

/// The fields of a `/call` query as they are read: each nil until its name is met with a value
/// that parses (a value that does not parse leaves it nil, so the call is refused as incomplete).
private struct QueryFields {
    var service: Int?
    var query: Int?
    var attempt: Int?
    var seed: Int?
    var meanNanos: Double?
    var jitter: Double?
    var failureRate: Double?
    var bytes: Int?

    mutating func take(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        func named(_ text: StaticString) -> Bool {
            text.utf8CodeUnitCount == name.count
                && memcmp(text.utf8Start, name.baseAddress!, name.count) == 0
        }
        guard !name.isEmpty else { return }
        if named("service") {
            service = Self.integer(value)
        } else if named("query") {
            query = Self.integer(value)
        } else if named("attempt") {
            attempt = Self.integer(value)
        } else if named("seed") {
            seed = Self.integer(value)
        } else if named("mean_ns") {
            meanNanos = Self.real(value)
        } else if named("jitter") {
            jitter = Self.real(value)
        } else if named("failure_rate") {
            failureRate = Self.real(value)
        } else if named("bytes") {
            bytes = Self.integer(value)
        }
    }

    /// A decimal integer as `Int(_:)` reads one (a value of a few bytes is a small string: no
    /// allocation).
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        Int(String(decoding: bytes, as: UTF8.self))
    }

    /// A finite real number as `Double(_:)` reads one.
    static func real(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(String(decoding: bytes, as: UTF8.self)).flatMap { $0.isFinite ? $0 : nil }
    }
}
