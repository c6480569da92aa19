/// Which HTTP client a `transport: http` point's fetches go through (`client`).
public enum HTTPClientKind: String, ParameterChoice {
    /// SpeedLab's lean HTTP/1.1 client on SwiftNIO alone: the default.
    case nio
    /// async-http-client, in a build with the `AsyncHTTPClient` package trait.
    case asyncHTTPClient = "async-http-client"

    /// The package trait a build needs for this client, or nil when `HTTPTransport` is enough.
    public var packageTrait: String? {
        self == .asyncHTTPClient ? "AsyncHTTPClient" : nil
    }
}
