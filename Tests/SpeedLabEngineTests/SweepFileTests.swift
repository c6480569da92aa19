import Foundation
import SpeedLabCore
import SpeedLabEngine
import SpeedLabScenarios
import SpeedLabTestSupport
import Testing

@Suite struct SweepFileTests {
    static let full = """
        name: quick
        label: nightly
        seed: 7
        repetitions: 3
        warmup: 0
        scenarios: [sequential]
        parameters:
          tasks: [4, 8]
          latency_ms: 1.5
          work: [0, 1_000]
        """

    @Test func fullExampleParsesEveryKey() throws {
        let sweep = try SweepFile.parse(Self.full, source: "quick.yaml")
        #expect(sweep.name == "quick")
        #expect(sweep.label == "nightly")
        #expect(sweep.seed == 7)
        #expect(sweep.repetitions == 3)
        #expect(sweep.warmup == 0)
        #expect(sweep.scenarios == [.init(scenario: "sequential")])
        #expect(sweep.parameters["tasks"] == [.integer(4), .integer(8)])
        #expect(sweep.parameters["latency_ms"] == [.real(1.5)])
        #expect(sweep.parameters["work"] == [.integer(0), .integer(1000)])
        #expect(sweep.yaml == Self.full)
    }

    @Test func defaultsApplyWhenKeysAreLeftOut() throws {
        let sweep = try SweepFile.parse("name: tiny\nscenarios: [sequential]\n", source: "tiny.yaml")
        #expect(sweep.seed == 42)
        #expect(sweep.repetitions == 5)
        #expect(sweep.warmup == 1)
        #expect(sweep.label == nil)
    }

    @Test func builtInDefaultSweepEqualsTheCommittedFixture() throws {
        let committed = try String(
            contentsOf: FixturePaths.sweeps.appendingPathComponent("default.yaml"), encoding: .utf8)
        #expect(committed == DefaultSweep.withRealIO)
        let sweep = try SweepFile.parse(DefaultSweep.yaml, source: DefaultSweep.source)
        let points = try ParameterGrid().expand(sweep)
        // Every scenario; `llm` (always over http) only in a build that has real I/O.
        let hasHTTP = DefaultSweep.yaml == DefaultSweep.withRealIO
        let expected = ScenarioRegistry.standard.names.filter { hasHTTP || $0 != LLMScenario.name }
        #expect(Set(points.map(\.scenarioName)) == Set(expected))
    }

    @Test(arguments: [
        ("name: x\nscenarios: [sequential\n", "bad.yaml:3:1: YAML syntax error"),
        (
            "name: x\nscenarios: [sequential]\nrepetitons: 3\n",
            "bad.yaml:3:1: unknown key 'repetitons'. Did you mean 'repetitions'? Valid: name, label, seed, repetitions, warmup, baselines, scenarios, parameters, precision, min_repetitions, max_repetitions, point_budget_s."
        ),
        (
            "name: x\nscenarios: [sequentail]\n",
            "bad.yaml:2:13: unknown scenario 'sequentail'. Did you mean 'sequential'?"
        ),
        (
            "name: x\nscenarios: [sequential]\nparameters:\n  taks: 4\n",
            "bad.yaml:4:3: unknown parameter 'taks'. Did you mean 'tasks'?"
        ),
        (
            "name: x\nscenarios:\n  sequential:\n    concurrency: 4\n",
            "bad.yaml:4:5: unknown parameter 'concurrency' for 'sequential'."
        ),
        (
            "name: x\nscenarios: [sequential]\nparameters:\n  tasks: many\n",
            "bad.yaml:4:10: 'tasks' must be a whole number from 1 to 1000000, got many."
        ),
        (
            "name: x\nscenarios: [sequential]\nparameters:\n  tasks: [4, 0]\n",
            "bad.yaml:4:14: 'tasks' must be a whole number from 1 to 1000000, got 0."
        ),
        (
            "name: x\nscenarios: [sequential]\nrepetitions: -2\n",
            "bad.yaml:3:14: 'repetitions' must be a whole number from 1 to 100000, got -2."
        ),
        (
            "name: x\nscenarios: [sequential]\nparameters:\n  latency_ms: .nan\n",
            "bad.yaml:4:15: 'latency_ms' must be a number from 0.0 to 60000.0, got nan."
        ),
        ("name: x\nscenarios: []\n", "bad.yaml:2:12: 'scenarios' is an empty list; give at least one value."),
        ("scenarios: [sequential]\n", "bad.yaml:1:1: expected a 'name' key (the sweep's name), found none."),
        ("name: x\nname: y\nscenarios: [sequential]\n", "bad.yaml:1:1: key 'name' appears more than once."),
        (
            "- just\n- a list\n",
            "bad.yaml:1:1: expected a mapping with keys name, label, seed, repetitions, warmup, baselines, scenarios, parameters, precision, min_repetitions, max_repetitions, point_budget_s, found a list."
        ),
        ("", "bad.yaml:1:1: expected a mapping with 'name' and 'scenarios', found an empty file."),
    ])
    func badSweepIsRefusedWithFileLineAndExpectation(yaml: String, message: String) {
        do {
            _ = try SweepFile.parse(yaml, source: "bad.yaml")
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.description.hasPrefix(message), "got: \(error.description)")
        }
    }

    @Test func scenarioListMayRepeatAScenarioWithItsOwnParameters() throws {
        let sweep = try SweepFile.parse(
            """
            name: twice
            scenarios:
              - sequential
              - concurrent:
                  tasks: [8, 16]
              - concurrent:
                  tasks: 4
                  dispatch: batches
            """, source: "twice.yaml")
        #expect(sweep.scenarios.map(\.scenario) == ["sequential", "concurrent", "concurrent"])
        #expect(sweep.scenarios[2].overrides["dispatch"] == [.text("batches")])
        let points = try ParameterGrid().expand(sweep)
        #expect(points.filter { $0.scenarioName == "concurrent" }.count == 3)
    }

    @Test(arguments: ["default.yaml", "targets.yaml", "ten-thousand.yaml"])
    func committedSweepFilesParseAndExpand(name: String) throws {
        let sweep = try SweepFile.load(path: FixturePaths.sweeps.appendingPathComponent(name).path)
        #expect(try !ParameterGrid().expand(sweep).isEmpty)
    }

    @Test func withoutBaselinesOnlyListedBaselinesAreLinked() throws {
        let sweep = try SweepFile.parse(
            "name: b\nbaselines: false\nscenarios: [concurrent]\nparameters:\n  tasks: 4\n", source: "b.yaml")
        let points = try ParameterGrid().expand(sweep)
        #expect(points.map(\.scenarioName) == ["concurrent"])
        #expect(points.first?.baselineOrdinal == nil)
        let listed = try SweepFile.parse(
            "name: b\nbaselines: false\nscenarios: [concurrent, sequential]\nparameters:\n  tasks: 4\n",
            source: "b.yaml")
        let linked = try ParameterGrid().expand(listed)
        #expect(linked.first?.baselineOrdinal == 1)
    }

    @Test func nonUTF8BytesAreRefused() {
        let bytes = Data("name: caf".utf8) + Data([0xE9, 0x0A])
        #expect(throws: SweepFileError.notUTF8(file: "latin1.yaml", byteOffset: 9)) {
            try SweepFile.parse(bytes, source: "latin1.yaml")
        }
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: SweepFileError.unreadable(file: "/nonexistent/sweep.yaml", reason: "no such file")) {
            try SweepFile.load(path: "/nonexistent/sweep.yaml")
        }
    }
}
