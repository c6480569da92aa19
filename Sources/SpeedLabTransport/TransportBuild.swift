/// Whether this build of SpeedLab can run fetches over real HTTP (the `HTTPTransport` package trait).
public enum TransportBuild {
    #if HTTPTransport
        public static let hasHTTP = true
    #else
        public static let hasHTTP = false
    #endif
}
