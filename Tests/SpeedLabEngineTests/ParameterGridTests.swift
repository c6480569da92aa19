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
