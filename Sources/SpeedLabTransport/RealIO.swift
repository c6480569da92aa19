import SpeedLabScenarios

/// Where a run finds its services: started by the run as a child process, or already running.
public enum ServicesEndpoint: Sendable, Hashable {
    /// Start `executable services` (normally SpeedLab's own binary) and stop it at the end.
    case launch(executable: String)
    /// Use services that already run at this base URL (`--services URL`).
    case connect(String)

    /// Whether the run starts (and stops) the services itself.
    public var startsServices: Bool {
        if case .launch = self { return true }
        return false
    }
}

/// Why a run's real I/O could not be set up; nothing is stored when it fails.
public enum RealIOError: Error, Sendable, Hashable, CustomStringConvertible {
    case notBuilt
    /// A point asks for a `client` this build lacks; the package trait that brings it.
    case clientNotBuilt(client: String, trait: String)
    case servicesDidNotStart(String)
    case servicesDoNotAnswer(url: String, reason: String)
    case database(String)

    public var description: String {
        switch self {
        case .notBuilt:
            return "this speedlab was built without the HTTPTransport trait, so `transport: http` points cannot run. "
                + "Build it with its default traits (`swift build -c release`)."
        case .clientNotBuilt(let client, let trait):
            return "a point asks for `client: \(client)`, but this speedlab was built without the \(trait) trait. "
                + "Build it with `swift build -c release --traits defaults,\(trait)` (or use the default `client: nio`)."
        case .servicesDidNotStart(let reason): return "the services did not start: \(reason)"
        case .servicesDoNotAnswer(let url, let reason): return "the services at \(url) do not answer: \(reason)"
        case .database(let reason): return "the db service could not be set up: \(reason)"
        }
    }
}

/// How many requests the round-trip floor is the median of, after a warm-up.
public enum RoundTripCalibration {
    public static let requests = 300
    public static let warmup = 30
}

#if HTTPTransport
    import Foundation
    import SpeedLabCore

    /// The real I/O of one run: the services (started, or reached at a URL, and checked with a
    /// health request), the pooled HTTP client, the SQLite document database when a point needs
    /// it, and the round-trip floor. ``close()`` stops the child, the clients and the database.
    public final class RealIO: Sendable {
        public let resources: NetworkResources
        public let servicesURL: String
        private let child: ChildProcess?
        private let client: HTTPServiceClient
        private let database: DocumentDatabase?
        private let completions: CompletionClient

        private init(
            resources: NetworkResources, servicesURL: String, child: ChildProcess?, client: HTTPServiceClient,
            database: DocumentDatabase?, completions: CompletionClient
        ) {
            self.completions = completions
            self.resources = resources
            self.servicesURL = servicesURL
            self.child = child
            self.client = client
            self.database = database
        }

        /// Starts or reaches the services, waits for their health answer, measures the round
        /// trip (unless `roundTripNanos` is known, as for a resumed run) and opens the database
        /// when `needsDatabase`.
        public static func open(_ endpoint: ServicesEndpoint, needsDatabase: Bool, roundTripNanos: Double?)
            async throws(RealIOError) -> RealIO
        {
            // A descriptor per connection on both sides; the services child inherits the limit.
            OpenFileLimit.raise()
            let child: ChildProcess?
            let url: String
            switch endpoint {
            case .connect(let given):
                child = nil
                url = given
            case .launch(let executable):
                let started: ChildProcess
                do {
                    started = try ChildProcess(
                        executable: executable,
                        arguments: ["services", "--host", "127.0.0.1", "--port", "0", "--exit-on-stdin-eof"])
                } catch {
                    throw .servicesDidNotStart("cannot start \(executable): \(error)")
                }
                guard let line = started.firstLine(timeout: .seconds(30)),
                    let address = line.split(separator: " ").last, address.hasPrefix("http")
                else {
                    let output = started.standardError()
                    started.stop()
                    throw .servicesDidNotStart(output.isEmpty ? "they printed no address within 30 s" : output)
                }
                child = started
                url = String(address)
            }
            let client = HTTPServiceClient(baseURL: url)
            func fail(_ error: RealIOError) async -> RealIOError {
                await client.shutdown()
                child?.stop()
                return error
            }
            do {
                let (status, _) = try await client.get(ServiceRoute.health)
                guard status == 200 else {
                    throw TransportError("/health answered HTTP \(status)")
                }
            } catch {
                throw await fail(.servicesDoNotAnswer(url: url, reason: "\(error)"))
            }
            let floor: Double
            if let roundTripNanos {
                floor = roundTripNanos
            } else {
                do { floor = try await measureRoundTrip(client) } catch {
                    throw await fail(.servicesDoNotAnswer(url: url, reason: "\(error)"))
                }
            }
            var database: DocumentDatabase?
            if needsDatabase {
                do { database = try DocumentDatabase() } catch { throw await fail(.database("\(error)")) }
            }
            #if AsyncHTTPClient
                let library = AsyncHTTPServiceClient(baseURL: url)
                let alternatives: [HTTPClientKind: any HTTPFetching] = [.asyncHTTPClient: library]
            #else
                let alternatives: [HTTPClientKind: any HTTPFetching] = [:]
            #endif
            let completions = CompletionClient(servicesURL: url)
            return RealIO(
                resources: NetworkResources(
                    http: client, database: database, roundTripNanos: floor, alternatives: alternatives,
                    completions: completions),
                servicesURL: url, child: child, client: client, database: database, completions: completions)
        }

        /// The real I/O of a run whose only network points are llm points against servers their
        /// `url` names: the streaming client alone, no services started. (Its lean client is
        /// never asked for anything: no point of such a run uses `transport: http`.)
        public static func streamingOnly() throws(RealIOError) -> RealIO {
            let client = HTTPServiceClient(baseURL: "http://127.0.0.1:9")
            let completions = CompletionClient(servicesURL: nil)
            return RealIO(
                resources: NetworkResources(
                    http: client, database: nil, roundTripNanos: 0, completions: completions),
                servicesURL: "", child: nil, client: client, database: nil, completions: completions)
        }

        /// The median time of ``RoundTripCalibration/requests`` zero-latency calls on one warm
        /// connection, each with the default 1 KiB body, made on the client's event loop as the
        /// scenarios make theirs (elsewhere, each answer would add a hop between threads that no
        /// scenario pays, and the floor would read too high).
        static func measureRoundTrip(_ client: HTTPServiceClient) async throws -> Double {
            try await withTaskExecutorPreference(client.eventLoop) {
                try await measureRoundTripOnTheLoop(client)
            }
        }

        private static func measureRoundTripOnTheLoop(_ client: HTTPServiceClient) async throws -> Double {
            let context = ScenarioContext()
            let call = ServiceCall(
                service: 0, query: 0, attempt: 1, seed: 0, meanLatencyNanos: 0, jitter: 0, failureRate: 0,
                responseBytes: 1024)
            for _ in 0..<RoundTripCalibration.warmup { try await client.fetch(call, connections: 1, context: context) }
            var times: [Double] = []
            times.reserveCapacity(RoundTripCalibration.requests)
            for _ in 0..<RoundTripCalibration.requests {
                let start = ContinuousClock.now
                try await client.fetch(call, connections: 1, context: context)
                let took = start.duration(to: .now).components
                times.append(Double(took.seconds) * 1e9 + Double(took.attoseconds) / 1e9)
            }
            times.sort()
            return times[times.count / 2]
        }

        /// Stops the clients, the child services and the database.
        public func close() async {
            await client.shutdown()
            await completions.shutdown()
            #if AsyncHTTPClient
                await (resources.alternatives[.asyncHTTPClient] as? AsyncHTTPServiceClient)?.shutdown()
            #endif
            child?.stop()
            database?.close()
        }
    }
#else
    /// The real I/O of one run; this build has none (see ``RealIOError/notBuilt``).
    public final class RealIO: Sendable {
        public let resources: NetworkResources
        public let servicesURL: String

        private init(resources: NetworkResources, servicesURL: String) {
            self.resources = resources
            self.servicesURL = servicesURL
        }

        public static func open(_ endpoint: ServicesEndpoint, needsDatabase: Bool, roundTripNanos: Double?)
            async throws(RealIOError) -> RealIO
        {
            throw .notBuilt
        }

        public func close() async {}

        public static func streamingOnly() throws(RealIOError) -> RealIO {
            throw .notBuilt
        }
    }
#endif
