import SpeedLabScenarios

/// What real I/O this build of SpeedLab has: fetches over real HTTP (the `HTTPTransport`
/// package trait) and the clients they may go through.
public enum TransportBuild {
    #if HTTPTransport
        public static let hasHTTP = true
    #else
        public static let hasHTTP = false
    #endif

    /// Whether this build has `client: async-http-client` (the `AsyncHTTPClient` package trait).
    #if AsyncHTTPClient
        public static let hasAsyncHTTPClient = true
    #else
        public static let hasAsyncHTTPClient = false
    #endif

    /// Whether this build can send http fetches through `client`.
    public static func has(_ client: HTTPClientKind) -> Bool {
        switch client {
        case .nio: hasHTTP
        case .asyncHTTPClient: hasAsyncHTTPClient
        }
    }
}
