import Foundation
import SpeedLabCommands
import SpeedLabCore
import SpeedLabEngine
import SpeedLabScenarios
import SpeedLabTestSupport
import Testing

@Suite struct CommandSweepTests {
    static let yaml = """
        name: mine
        repetitions: 2
        scenarios:
          - concurrent
          - command:
              name: agent-py
              run: python3 agent.py --concurrency {concurrency} --tasks {tasks}
              concurrency: [1, 8]
              baseline: {concurrency: 1}
              timeout_s: 60
          - command:
              run: ./agent-swift --concurrency {concurrency} --tasks {tasks}
              concurrency: [1, 8]
              baseline: agent-py
              ignore_failure: [3]
        parameters:
          tasks: 16
        """

    @Test func commandEntriesBecomePointsWithTheirBaselines() throws {
        let sweep = try SweepFile.parse(Self.yaml, source: "mine.yaml")
        let commands = sweep.scenarios.compactMap(\.command)
        #expect(commands.map(\.name) == ["agent-py", "agent-swift"])
        #expect(commands[0].parameters["tasks"] == [.integer(16)])  // from the sweep's parameters
        #expect(commands[0].timeoutSeconds == 60)
        #expect(commands[1].ignoredFailures == .codes([3]))
        let points = try ParameterGrid().expand(sweep)
        let commandPoints = points.filter { $0.scenario is CommandScenario }
        #expect(
            commandPoints.map(\.title).sorted() == [
                "agent-py concurrency=1 tasks=16", "agent-py concurrency=8 tasks=16",
                "agent-swift concurrency=1 tasks=16", "agent-swift concurrency=8 tasks=16",
            ])
        func ordinal(_ title: String) -> Int? { points.first { $0.title == title }?.ordinal }
        let fast = try #require(points.first { $0.title == "agent-py concurrency=8 tasks=16" })
        #expect(fast.baselineOrdinal == ordinal("agent-py concurrency=1 tasks=16"))
        let other = try #require(points.first { $0.title == "agent-swift concurrency=8 tasks=16" })
        #expect(other.baselineOrdinal == ordinal("agent-py concurrency=8 tasks=16"))
        #expect(points.first { $0.title == "agent-py concurrency=1 tasks=16" }?.baselineOrdinal == nil)
        #expect(!fast.hasSpans)
        #expect(try ParameterGrid().count(sweep) == 5)  // one concurrent point and four command points
    }

    @Test func aPlaceholderWithoutParameterNamesItsColumn() {
        let yaml = "name: x\nscenarios:\n  - command:\n      run: ./agent-go {concurency}\n      concurrency: 1\n"
        #expect(throws: SweepFileError.self) { try SweepFile.parse(yaml, source: "x.yaml") }
        do {
            _ = try SweepFile.parse(yaml, source: "x.yaml")
        } catch {
            #expect(
                error.description
                    == "x.yaml:4:23: placeholder '{concurency}' of command 'agent-go' has no parameter. Did you mean "
                    + "'concurrency'? Its parameters: concurrency. Give it a value (`concurency: [..]`) or remove the placeholder."
            )
        }
    }

    @Test func aParameterNoPlaceholderUsesIsRefused() {
        let yaml = "name: x\nscenarios:\n  - command:\n      run: ./agent-go\n      tasks: [1, 2]\n"
        do {
            _ = try SweepFile.parse(yaml, source: "x.yaml")
            Issue.record("accepted")
        } catch {
            #expect(
                error.description.hasPrefix(
                    "x.yaml:5:7: parameter 'tasks' of command 'agent-go' is used by no placeholder"))
        }
    }

    @Test func twoCommandsWithOneNameAreRefused() {
        let yaml = "name: x\nscenarios:\n  - command: {run: ./a 1}\n  - command: {run: ./a 2}\n"
        do {
            _ = try SweepFile.parse(yaml, source: "x.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("two commands have this name"))
        }
    }

    @Test func pythonVersusSwiftSweepSetsBothAtTheSameWorkload() throws {
        let path = FixturePaths.sweeps.appendingPathComponent("python-vs-swift.yaml").path
        let points = try ParameterGrid().expand(try SweepFile.load(path: path))
        let python = points.filter { $0.scenarioName == "python-asyncio" }
        let swift = points.filter { $0.scenarioName == "concurrent" }
        #expect(python.count == 6 && swift.count == 4)
        for point in swift {
            let twin = python.first { candidate in
                ["tasks", "latency_ms", "concurrency"].allSatisfy { candidate.parameters[$0] == point.parameters[$0] }
            }
            #expect(twin != nil, "no python point at \(point.title)")
        }
        let command = try #require(python.first?.scenario as? CommandScenario)
        #expect(
            command.definition.template.arguments(["tasks": "64", "concurrency": "8", "latency_ms": "20"]) == [
                "python3", "examples/agent.py", "--tasks", "64", "--concurrency", "8", "--latency-ms", "20",
            ])
    }
}
