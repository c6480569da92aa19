#if HTTPTransport
    import SpeedLabScenarios
    import SpeedLabTransport
    import Testing

    /// The services read a `/call` query byte by byte; these tests pin that reading against the
    /// plain one (split on `&`, a dictionary of fields, `Int(_:)` and `Double(_:)`), over
    /// generated queries with the oddities a hostile or careless client sends.
    @Suite struct ServiceRouteQueryTests {
        /// The plain reading the byte-level one must agree with.
        private func reference(_ query: Substring) -> Result<ServiceCall, ServiceRoute.RouteError>? {
            var fields: [Substring: Substring] = [:]
            for pair in query.split(separator: "&") {
                guard let equals = pair.firstIndex(of: "=") else { return nil }
                fields[pair[..<equals]] = pair[pair.index(after: equals)...]
            }
            func integer(_ name: Substring) -> Int? { fields[name].flatMap { Int($0) } }
            func real(_ name: Substring) -> Double? {
                fields[name].flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
            }
            guard let service = integer("service"), let item = integer("query"), let attempt = integer("attempt"),
                let seed = integer("seed"), let mean = real("mean_ns"), let jitter = real("jitter"),
                let failureRate = real("failure_rate"), let bytes = integer("bytes"),
                mean >= 0, (0...1).contains(jitter), (0...1).contains(failureRate), (0...16_777_216).contains(bytes)
            else { return nil }
            return .success(
                ServiceCall(
                    service: service, query: item, attempt: attempt, seed: seed, meanLatencyNanos: mean,
                    jitter: jitter, failureRate: failureRate, responseBytes: bytes))
        }

        @Test func byteLevelReadingAgreesWithThePlainOneOverGeneratedQueries() {
            let names = [
                "service", "query", "attempt", "seed", "mean_ns", "jitter", "failure_rate", "bytes", "", "servic",
                "services", "BYTES", "x",
            ]
            let values = [
                "0", "7", "-3", "+4", "", "-", "+", "12a", "9223372036854775807", "9223372036854775808",
                "-9223372036854775808", "-9223372036854775809", "2e7", "0.5", "1", "1.5", "nan", "inf", "-0", "1e400",
                "0x10", " 1", "٣", "16777216", "16777217", "2.0e7",
            ]
            let usual = ["0", "1", "+1", "0.5", "-0", "7"]  // values most fields accept
            var state: UInt64 = 20_261_206
            func next() -> UInt64 {
                state &+= 1
                return SeededDraw.splitMix64(state)
            }
            var agreed = 0
            var accepted = 0
            for _ in 0..<20_000 {
                var pairs: [String] = []
                for name in names.prefix(8) where next() % 8 != 0 {  // usually every field
                    pairs.append("\(name)=\(usual[Int(next() % UInt64(usual.count))])")
                }
                for _ in 0..<Int(next() % 4) {  // then oddities anywhere
                    let name = names[Int(next() % UInt64(names.count))]
                    let value = values[Int(next() % UInt64(values.count))]
                    let odd = ["\(name)=\(value)", "", name, "=\(value)", "\(name)==\(value)"]
                    pairs.insert(odd[Int(next() % 5)], at: Int(next() % UInt64(pairs.count + 1)))
                }
                let query = pairs.joined(separator: "&")[...]
                let read = ServiceRoute.call(fromQuery: query)
                switch (read, reference(query)) {
                case (.success(let call), .success(let expected)?):
                    #expect(call == expected, "\(query)")
                    agreed += 1
                    accepted += 1
                case (.failure, nil):
                    agreed += 1
                default:
                    Issue.record("the readings disagree on \(query): \(read)")
                }
            }
            #expect(agreed == 20_000)
            #expect(accepted > 200, "too few generated queries were calls to pin the values read")
        }

        @Test func aPairWithoutAValueIsNamedInTheError() {
            guard case .failure(let error) = ServiceRoute.call(fromQuery: "service=1&oops&query=2") else {
                Issue.record("a pair without '=' was accepted")
                return
            }
            #expect(error.description == "'oops' has no value")
        }
    }
#endif
