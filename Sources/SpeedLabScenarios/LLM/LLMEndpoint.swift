/// Where an `llm` point sends its requests: SpeedLab's own services (started for the run), or
/// an OpenAI-compatible server's endpoint given as `url: http://host:port/path`.
public enum LLMEndpoint: Sendable, Hashable {
    case services(path: String)
    case server(host: String, port: Int, path: String, url: String)

    /// The `url` word that names SpeedLab's own services.
    public static let ownServices = "services"

    /// Reads `url` for `api`; anything but `services` or a plain `http://` URL with a host is
    /// refused with what it must look like.
    public init(url: String, api: CompletionAPI, scenario: String) throws(ScenarioError) {
        if url == Self.ownServices {
            self = .services(path: api.path)
            return
        }
        func refuse(_ why: String) -> ScenarioError {
            .invalidValue(
                scenario: scenario, name: ParameterCatalog.url.name, value: url,
                expected: "`services` or an http:// URL of an OpenAI-compatible endpoint (\(why))")
        }
        guard url.lowercased().hasPrefix("http://") else {
            throw refuse(
                url.lowercased().hasPrefix("https://")
                    ? "https is not spoken; put a local proxy in front" : "it must start with http://")
        }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var path = String(rest.dropFirst(authority.count))
        if path.isEmpty { path = api.path }
        guard path.hasPrefix("/"), path.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw refuse("its path must be visible ASCII without spaces")
        }
        var host = Substring(authority)
        var port = 80
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            guard let given = Int(authority[authority.index(after: colon)...]), (1...65_535).contains(given) else {
                throw refuse("its port must be from 1 to 65535")
            }
            port = given
            host = authority[..<colon]
        }
        if host.contains("@") { throw refuse("credentials do not belong in the URL; use api_key_env") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { throw refuse("it names no host") }
        self = .server(host: String(host), port: port, path: path, url: url)
    }
}
