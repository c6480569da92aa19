import SpeedLabCore
import SpeedLabEngine
import SpeedLabScenarios
import Testing

@Suite struct ParameterGridTests {
    @Test func scenarioIsCrossedOnlyOverTheParametersItReads() throws {
        let sweep = try SweepFile.parse(
            """
            name: grid
            scenarios: [sequential, skipping]
            parameters:
              tasks: [2, 4]
              work: [0, 10]
              concurrency: [1, 2, 3]
            """, source: "grid.yaml", registry: TestScenarios.registry)
        let points = try ParameterGrid(registry: TestScenarios.registry).expand(sweep)
        let sequential = points.filter { $0.scenarioName == "sequential" }
        let skipping = points.filter { $0.scenarioName == "skipping" }
        #expect(sequential.count == 4)  // concurrency is not read by sequential: no duplicates
        #expect(skipping.count == 12)
        #expect(points.count == 16)
        #expect(Set(points.map { $0.scenarioName + $0.parameters.canonicalJSON }).count == points.count)
        for point in skipping {
            let baseline = try #require(point.baselineOrdinal)
            #expect(points[baseline].scenarioName == "sequential")
            #expect(points[baseline].parameters == Workload.point(of: point.parameters))
            #expect(baseline < point.ordinal)
        }
    }

    /// `transport: simulated` is left out of a point (so points stored before the parameter
    /// existed keep their identity), and the http-only parameters appear only with http.
    @Test func transportParametersAppearOnlyWhereTheyApply() throws {
        let sweep = try SweepFile.parse(
            """
            name: io
            scenarios:
              concurrent:
                concurrency: 8
                transport: [simulated, http]
                connections: [2, 8]
              agent:
                transport: [simulated, http]
                db: [http, sqlite]
            parameters:
              tasks: 4
            """, source: "io.yaml")
        let points = try ParameterGrid().expand(sweep)
        let concurrent = points.filter { $0.scenarioName == "concurrent" }
        #expect(concurrent.count == 3)  // simulated once (connections does not apply), http twice
        let simulated = try #require(concurrent.first { $0.parameters["transport"] == nil })
        #expect(simulated.parameters["connections"] == nil)
        #expect(simulated.parameters["response_bytes"] == nil)
        #expect(
            simulated.parameters.canonicalJSON
                == #"{"concurrency":8,"dispatch":"window","jitter":0,"latency_ms":20,"seed":42,"tasks":4,"work":0}"#)
        let http = concurrent.filter { $0.parameters["transport"] == .text("http") }
        #expect(Set(http.compactMap { $0.parameters["connections"]?.integerValue }) == [2, 8])
        #expect(http.allSatisfy { $0.parameters["response_bytes"] == .integer(1024) })
        let httpBaseline = points[try #require(http.first?.baselineOrdinal)]
        #expect(httpBaseline.parameters["transport"] == .text("http"))
        let agents = points.filter { $0.scenarioName == "agent" }
        #expect(agents.count == 3)  // simulated (no db), http with db http, http with db sqlite
        #expect(agents.filter { $0.parameters["db_offload"] != nil }.count == 1)
    }

    @Test func connectionsTakeAutoOrAPositiveNumber() throws {
        let spec = ParameterCatalog.connections
        #expect(spec.validated(.text("auto")) == .text("auto"))
        #expect(spec.validated(.integer(8)) == .integer(8))
        #expect(spec.validated(.integer(0)) == nil)
        #expect(spec.expectation.hasSuffix("or auto"))
        let point = ParameterPoint([
            "tasks": .integer(100), "concurrency": .integer(32), "transport": .text("http"),
            "connections": .text("auto"),
        ])
        #expect(try ConcurrentScenario(point: point).connections == 32)
        #expect(try AgentScenario(point: point).connections == 96)
    }

    @Test func baselinePointsAreAddedWhenTheSweepLacksThem() throws {
        let sweep = try SweepFile.parse(
            "name: g\nscenarios: [skipping]\nparameters:\n  tasks: [2, 4]\n", source: "g.yaml",
            registry: TestScenarios.registry)
        let points = try ParameterGrid(registry: TestScenarios.registry).expand(sweep)
        #expect(points.map(\.scenarioName) == ["sequential", "skipping", "sequential", "skipping"])
    }

    @Test func seedComesFromTheSweepUnlessSwept() throws {
        let sweep = try SweepFile.parse("name: g\nseed: 9\nscenarios: [sequential]\n", source: "g.yaml")
        let points = try ParameterGrid().expand(sweep)
        #expect(points.map { $0.parameters["seed"] } == [.integer(9)])
        #expect(points.first?.parameters["tasks"] == .integer(64))
    }

    @Test func gridAboveTheLimitIsRefusedBeforeExpanding() throws {
        let values = (1...200).map(String.init).joined(separator: ", ")
        let sweep = try SweepFile.parse(
            "name: big\nscenarios: [sequential]\nparameters:\n  tasks: [\(values)]\n  work: [\(values)]\n",
            source: "big.yaml")
        #expect(
            throws: SweepFileError.tooManyPoints(
                .init(file: "big.yaml", line: 3, column: 1), count: 40_000, limit: 10_000)
        ) {
            try ParameterGrid().expand(sweep)
        }
        #expect(try ParameterGrid().expand(sweep, pointLimit: nil).count == 40_000)
    }

    @Test func onlyKeepsNamedScenariosAndRefusesUnknownOnes() throws {
        let sweep = try SweepFile.parse("name: g\nscenarios: [sequential]\n", source: "g.yaml")
        let narrowed = try SweepOverrides(only: ["sequential"], repetitions: .fixed(2)).apply(to: sweep)
        #expect(narrowed.repetitions == 2)
        #expect(throws: ScenarioError.unknownScenario(name: "paralel", valid: ScenarioRegistry.standard.names)) {
            try SweepOverrides(only: ["paralel"]).apply(to: sweep)
        }
        do {
            _ = try SweepOverrides(only: ["paralel"]).apply(to: sweep)
        } catch {
            #expect(error.description.contains("Did you mean 'parallel'?"))
        }
    }
}
