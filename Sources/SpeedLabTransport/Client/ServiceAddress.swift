#if HTTPTransport
    import NIOCore
    import SpeedLabScenarios

    /// Where the lean client connects: the host and port of an `http://HOST:PORT` base URL,
    /// resolved once, and the `host` header every request carries.
    struct ServiceAddress: Sendable {
        let socketAddress: SocketAddress
        /// `HOST:PORT` as the URL spells it (brackets kept around an IPv6 address).
        let hostHeader: String

        /// Reads `baseURL` (`http://HOST:PORT`, as `--services` and the launched services give
        /// it) and resolves its host; anything else is a ``TransportError``.
        init(baseURL: String) throws(TransportError) {
            let prefix = "http://"
            guard baseURL.lowercased().hasPrefix(prefix) else {
                throw TransportError("the lean client speaks plain http only, not \(baseURL)")
            }
            let authority = baseURL.dropFirst(prefix.count).prefix { $0 != "/" }
            var host = Substring(authority)
            var port = 80
            if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
                guard let given = Int(authority[authority.index(after: colon)...]), (1...65_535).contains(given) else {
                    throw TransportError("\(baseURL) has no valid port")
                }
                port = given
                host = authority[..<colon]
            }
            if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
            guard !host.isEmpty else { throw TransportError("\(baseURL) names no host") }
            do {
                socketAddress = try SocketAddress.makeAddressResolvingHost(String(host), port: port)
            } catch {
                throw TransportError("cannot resolve the host of \(baseURL): \(error)")
            }
            hostHeader = String(authority)
        }
    }
#endif
