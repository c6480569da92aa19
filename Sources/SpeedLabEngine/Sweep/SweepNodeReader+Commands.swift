import Foundation
import SpeedLabCommands
import SpeedLabCore
import SpeedLabScenarios
import Yams

/// The `command` entries of a sweep's `scenarios` list:
///
/// ```yaml
/// - command:
///     name: agent-py                      # the points' scenario name (default: the program's name)
///     run: python3 agent.py -c {concurrency} --tasks {tasks}
///     concurrency: [1, 8, 32]             # any other key is a parameter (or under `parameters:`)
///     baseline: {concurrency: 1}          # or the name of another command (same parameters)
///     timeout_s: 60                       # TERM, then KILL 2 s later; the repetition fails
///     output: null                        # null | pipe | inherit | a file path (stdout)
///     directory: examples                 # working directory (default: speedlab's)
///     ignore_failure: false               # true, or a list of exit codes that still count
///     setup: make build                   # once per point; cleanup: once at the end
///     prepare: rm -f cache.db             # before every repetition; conclude: after it
/// ```
extension SweepNodeReader {
    static let commandKey = "command"
    static let commandKeys = [
        "name", "run", "baseline", "timeout_s", "output", "directory", "ignore_failure", "setup", "cleanup",
        "prepare", "conclude", "parameters",
    ]

    func commandSelection(_ node: Node, shared: [String: [ParameterValue]]) throws(SweepFileError)
        -> Sweep.Selection
    {
        let fields = try mapping(node, what: "a mapping with a 'run' key (the command line) and its parameters")
        func field(_ name: String) -> (keyNode: Node, value: Node)? {
            fields.first { $0.key == name }.map { ($0.keyNode, $0.value) }
        }
        guard let runNode = field("run")?.value else {
            throw .expected(location(node), what: "a 'run' key with the command line", found: "none")
        }
        let runText = try word(runNode, what: "the command line (text)")
        let template = try readTemplate(runText, at: runNode, command: "run")
        let name =
            try field("name").map { entry throws(SweepFileError) in
                try word(entry.value, what: "the command's name (text)")
            } ?? CommandDefinition.derivedName(from: template)
        var definition = CommandDefinition(name: name, template: template)
        var parameterKeys: [(String, Node)] = []
        for (key, keyNode, value) in fields where !Self.commandKeys.contains(key) {
            definition.parameters[key] = try commandValues(value, name: key)
            parameterKeys.append((key, keyNode))
        }
        if let nested = field("parameters")?.value {
            for (key, keyNode, value) in try mapping(nested, what: "a mapping of parameter names to values") {
                guard definition.parameters[key] == nil else { throw .duplicateKey(location(keyNode), key: key) }
                definition.parameters[key] = try commandValues(value, name: key)
                parameterKeys.append((key, keyNode))
            }
        }
        for step in ["setup", "cleanup", "prepare", "conclude"] {
            guard let stepNode = field(step)?.value else { continue }
            let text = try word(stepNode, what: "a command line for '\(step)' (text)")
            let stepTemplate = try readTemplate(text, at: stepNode, command: name)
            switch step {
            case "setup": definition.setup = stepTemplate
            case "cleanup": definition.cleanup = stepTemplate
            case "prepare": definition.prepare = stepTemplate
            default: definition.conclude = stepTemplate
            }
        }
        if let timeout = field("timeout_s")?.value {
            let value = try scalarValue(timeout, what: "a number of seconds")
            guard let seconds = value.realValue, seconds > 0, seconds <= 86_400 else {
                throw .invalidValue(
                    location(timeout), parameter: "timeout_s", value: value.canonicalText,
                    expected: "a number of seconds above 0, at most 86400")
            }
            definition.timeoutSeconds = seconds
        }
        if let output = field("output")?.value {
            definition.output =
                isNull(output) ? .null : OutputMode(try word(output, what: "null, pipe, inherit or a file"))
        }
        if let directory = field("directory")?.value {
            definition.workingDirectory = try word(directory, what: "a working directory (text)")
        }
        if let ignore = field("ignore_failure")?.value {
            definition.ignoredFailures = try ignoredFailures(ignore)
        }
        try checkPlaceholders(&definition, runNode: runNode, parameterKeys: parameterKeys, shared: shared)
        if let baseline = field("baseline")?.value {
            definition.baseline = try commandBaseline(baseline, definition: definition)
        }
        return Sweep.Selection(scenario: name, overrides: definition.parameters, command: definition)
    }

    /// Every placeholder has a value (its own, or the sweep's `parameters`, or the seed), and
    /// every own parameter is used by a placeholder.
    private func checkPlaceholders(
        _ definition: inout CommandDefinition, runNode: Node, parameterKeys: [(String, Node)],
        shared: [String: [ParameterValue]]
    ) throws(SweepFileError) {
        let steps = [definition.setup, definition.cleanup, definition.prepare, definition.conclude].compactMap { $0 }
        let used = Set(definition.template.placeholders + steps.flatMap(\.placeholders))
        for name in definition.template.placeholders + steps.flatMap(\.placeholders)
        where definition.parameters[name] == nil {
            if let values = shared[name] {
                definition.parameters[name] = values
            } else if name != "seed" {
                throw .unknownPlaceholder(
                    placeholderLocation(name, in: runNode), name: name, command: definition.name,
                    valid: definition.parameters.keys.sorted())
            }
        }
        for (key, keyNode) in parameterKeys where !used.contains(key) {
            throw .unusedParameter(location(keyNode), name: key, command: definition.name)
        }
    }

    /// The line and column of `{name}` in a one-line scalar, else the scalar's own position.
    private func placeholderLocation(_ name: String, in node: Node) -> SweepFileError.Location {
        var at = location(node)
        guard case .scalar(let scalar) = node, !scalar.string.contains("\n"),
            let range = scalar.string.range(of: "{\(name)}")
        else { return at }
        at.column +=
            scalar.string.distance(from: scalar.string.startIndex, to: range.lowerBound)
            + (scalar.style == .plain ? 0 : 1)
        return at
    }

    private func readTemplate(_ text: String, at node: Node, command: String) throws(SweepFileError)
        -> CommandTemplate
    {
        do { return try CommandTemplate(text) } catch {
            throw .badCommand(location(node), command: command, problem: error.description)
        }
    }

    /// A scalar or a list of scalars (numbers or words; no spec: a command's parameters are its own).
    private func commandValues(_ node: Node, name: String) throws(SweepFileError) -> [ParameterValue] {
        let items: [Node]
        if case .sequence(let sequence) = node {
            guard !sequence.isEmpty else { throw .emptyList(location(node), key: name) }
            guard sequence.count <= Self.maximumValuesPerParameter else {
                throw .invalidValue(
                    location(node), parameter: name, value: "a list of \(sequence.count) values",
                    expected: "at most \(Self.maximumValuesPerParameter) values")
            }
            items = Array(sequence)
        } else {
            items = [node]
        }
        var values: [ParameterValue] = []
        for item in items {
            let value = try scalarValue(item, what: "a value for '\(name)' (a number or a word, or a list of them)")
            if value.canonicalText.unicodeScalars.contains("\u{0}") {
                throw .invalidValue(
                    location(item), parameter: name, value: "a text with a NUL byte",
                    expected: "text without NUL bytes (exec cannot pass one to a program)")
            }
            if let number = value.realValue, !number.isFinite {
                throw .invalidValue(
                    location(item), parameter: name, value: value.canonicalText, expected: "a finite number")
            }
            if !values.contains(value) { values.append(value) }
        }
        return values
    }

    private func ignoredFailures(_ node: Node) throws(SweepFileError) -> CommandDefinition.IgnoredFailures {
        if case .sequence(let items) = node {
            var codes = Set<Int32>()
            for item in items { codes.insert(Int32(try integer(item, in: 0...255, key: "ignore_failure"))) }
            return .codes(codes)
        }
        return try boolean(node, key: "ignore_failure") ? .all : .none
    }

    private func commandBaseline(_ node: Node, definition: CommandDefinition) throws(SweepFileError)
        -> CommandDefinition.Baseline
    {
        if case .mapping = node {
            var point = ParameterPoint()
            for (key, keyNode, value) in try mapping(node, what: "a mapping of parameter values") {
                guard definition.parameters[key] != nil else {
                    throw .unknownParameter(
                        location(keyNode), name: key, scenario: definition.name,
                        valid: definition.parameters.keys.sorted())
                }
                point[key] = try scalarValue(value, what: "a value of '\(key)'")
            }
            return .parameters(point)
        }
        return .command(try word(node, what: "a mapping of parameter values, or another command's name"))
    }

    /// Command names are unique, are not built-in scenarios, and baselines name commands.
    func checkCommandNames(_ selections: [Sweep.Selection], at node: Node) throws(SweepFileError) {
        var names = Set<String>()
        let commands = selections.compactMap(\.command)
        for command in commands {
            if registry.names.contains(command.name) {
                throw .badCommand(
                    location(node), command: command.name,
                    problem: "the name is a built-in scenario's; give the command another 'name'.")
            }
            guard names.insert(command.name).inserted else {
                throw .badCommand(
                    location(node), command: command.name,
                    problem: "two commands have this name; give each a 'name' of its own.")
            }
        }
        for command in commands {
            if case .command(let other) = command.baseline, !names.contains(other) {
                throw .badCommand(
                    location(node), command: command.name,
                    problem:
                        "its baseline '\(other)' is not a command of this sweep.\(CloseMatch.hint(for: other, among: names.sorted()))"
                )
            }
        }
    }
}
