import SpeedLabScenarios

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
            + "&mean_ns=\(call.meanLatencyNanos)&jitter=\(call.jitter)&failure_rate=\(call.failureRate)"
            + "&bytes=\(call.responseBytes)"
    }

    /// The call a request's query string carries, or why it does not carry one.
    public static func call(fromQuery query: Substring) -> Result<ServiceCall, RouteError> {
        var fields: [Substring: Substring] = [:]
        for pair in query.split(separator: "&") {
            guard let equals = pair.firstIndex(of: "=") else { return .failure(RouteError("'\(pair)' has no value")) }
            fields[pair[..<equals]] = pair[pair.index(after: equals)...]
        }
        func integer(_ name: Substring) -> Int? { fields[name].flatMap { Int($0) } }
        func real(_ name: Substring) -> Double? {
            fields[name].flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
        }
        guard let service = integer("service"), let item = integer("query"), let attempt = integer("attempt"),
            let seed = integer("seed"), let mean = real("mean_ns"), let jitter = real("jitter"),
            let failureRate = real("failure_rate"), let bytes = integer("bytes")
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
