import Foundation
import SpeedLabCore
import SpeedLabScenarios
import Yams

/// Walks the YAML tree of a sweep file, checking every key and value against the scenarios
/// and parameters SpeedLab knows. Errors carry the position of the offending node.
struct SweepNodeReader {
    let source: String
    let registry: ScenarioRegistry

    /// Most values one parameter may list.
    static let maximumValuesPerParameter = 10_000

    func sweep(from root: Node, yaml: String) throws(SweepFileError) -> Sweep {
        let fields = try mapping(root, what: "a mapping with keys " + SweepFile.topLevelKeys.joined(separator: ", "))
        for (key, keyNode, _) in fields where !SweepFile.topLevelKeys.contains(key) {
            throw .unknownKey(location(keyNode), key: key, valid: SweepFile.topLevelKeys)
        }
        func field(_ name: String) -> Node? { fields.first { $0.key == name }?.value }

        guard let nameNode = field("name") else {
            throw .expected(location(root), what: "a 'name' key (the sweep's name)", found: "none")
        }
        let name = try word(nameNode, what: "the sweep's name (text)")
        let label = try field("label").map { node throws(SweepFileError) in try word(node, what: "a label (text)") }
        let seed =
            try field("seed").map { node throws(SweepFileError) in try integer(node, in: 0...16_777_215, key: "seed") }
            ?? 42
        let adaptive = try adaptiveRepetitions(field)
        var repetitions = 5
        if let adaptive {
            repetitions = adaptive.maximum
        } else if let node = field("repetitions") {
            repetitions = try integer(node, in: 1...100_000, key: "repetitions")
        }
        let warmup =
            try field("warmup").map { node throws(SweepFileError) in try integer(node, in: 0...10_000, key: "warmup") }
            ?? 1
        let baselines =
            try field("baselines").map { node throws(SweepFileError) in try boolean(node, key: "baselines") } ?? true
        guard let scenariosNode = field("scenarios") else {
            throw .expected(
                location(root), what: "a 'scenarios' key listing scenarios (\(registry.names.joined(separator: ", ")))",
                found: "none")
        }
        let parameters =
            try field("parameters").map { node throws(SweepFileError) in
                try parameterValues(node, specs: registry.allParameters, scenario: nil)
            } ?? [:]
        let selections = try scenarios(scenariosNode, shared: parameters)
        try checkCommandNames(selections, at: scenariosNode)
        var sweep = Sweep(
            name: name, label: label, seed: seed, repetitions: repetitions, warmup: warmup, addsBaselines: baselines,
            scenarios: selections, parameters: parameters, yaml: yaml, source: source)
        sweep.adaptive = adaptive
        let gridKey = fields.first { $0.key == "parameters" } ?? fields.first { $0.key == "scenarios" }
        sweep.gridLine = gridKey.map { location($0.keyNode).line } ?? 1
        return sweep
    }

    // MARK: Sections

    /// `repetitions: auto` with its `precision` (percent), `min_repetitions`, `max_repetitions`
    /// and `point_budget_s`; nil for a fixed count. The tuning keys need `auto`.
    private func adaptiveRepetitions(_ field: (String) -> Node?) throws(SweepFileError) -> AdaptiveRepetitions? {
        let tuning = ["precision", "min_repetitions", "max_repetitions", "point_budget_s"]
        guard let node = field("repetitions"), (try? word(node, what: "")) == "auto" else {
            if let key = tuning.first(where: { field($0) != nil }), let node = field(key) {
                throw .expected(location(node), what: "'\(key)' only with 'repetitions: auto'", found: key)
            }
            return nil
        }
        var rule = AdaptiveRepetitions()
        if let node = field("precision") {
            let expectation = "a percentage above 0 and at most 100 (1 means ±1 %)"
            let value = try scalarValue(node, what: expectation)
            guard let percent = value.realValue, percent > 0, percent <= 100 else {
                throw .invalidValue(
                    location(node), parameter: "precision", value: value.canonicalText, expected: expectation)
            }
            rule.precision = percent / 100
        }
        if let node = field("min_repetitions") {
            rule.minimum = try integer(node, in: 2...100_000, key: "min_repetitions")
        }
        if let node = field("max_repetitions") {
            rule.maximum = try integer(node, in: rule.minimum...100_000, key: "max_repetitions")
        } else {
            rule.maximum = max(rule.maximum, rule.minimum)
        }
        if let node = field("point_budget_s") {
            rule.budgetSeconds = Double(try integer(node, in: 1...86_400, key: "point_budget_s"))
        }
        return rule
    }

    private func scenarios(_ node: Node, shared: [String: [ParameterValue]]) throws(SweepFileError)
        -> [Sweep.Selection]
    {
        let what =
            "a list of scenario names (or of one-key mappings from a name to its parameters), "
            + "or a mapping of scenario names to their parameters"
        var result: [Sweep.Selection] = []
        switch node {
        case .sequence(let items):
            guard !items.isEmpty else { throw .emptyList(location(node), key: "scenarios") }
            for item in items {
                if case .mapping = item {
                    let entries = try mapping(item, what: what)
                    guard entries.count == 1, let entry = entries.first else {
                        throw .expected(
                            location(item), what: "a mapping with one scenario name", found: "\(entries.count) keys")
                    }
                    if entry.key == Self.commandKey {
                        result.append(try commandSelection(entry.value, shared: shared))
                        continue
                    }
                    result.append(try selection(entry.key, keyNode: entry.keyNode, value: entry.value))
                    continue
                }
                let name = try word(item, what: "a scenario name")
                _ = try scenarioType(name, at: item)
                if !result.contains(where: { $0.scenario == name && $0.overrides.isEmpty }) {
                    result.append(.init(scenario: name))
                }
            }
        case .mapping:
            let entries = try mapping(node, what: what)
            guard !entries.isEmpty else { throw .emptyList(location(node), key: "scenarios") }
            for (name, keyNode, value) in entries {
                if name == Self.commandKey {
                    result.append(try commandSelection(value, shared: shared))
                    continue
                }
                result.append(try selection(name, keyNode: keyNode, value: value))
            }
        default:
            throw .expected(location(node), what: what, found: describe(node))
        }
        return result
    }

    /// A scenario with its own parameter values (none when `value` is null).
    private func selection(_ name: String, keyNode: Node, value: Node) throws(SweepFileError) -> Sweep.Selection {
        let type = try scenarioType(name, at: keyNode)
        guard !isNull(value) else { return .init(scenario: name) }
        return .init(scenario: name, overrides: try parameterValues(value, specs: type.parameters, scenario: name))
    }

    private func parameterValues(
        _ node: Node, specs: [ParameterSpec], scenario: String?
    ) throws(SweepFileError) -> [String: [ParameterValue]] {
        let entries = try mapping(node, what: "a mapping of parameter names to a value or a list of values")
        var result: [String: [ParameterValue]] = [:]
        for (name, keyNode, valueNode) in entries {
            guard let spec = specs.first(where: { $0.name == name }) else {
                throw .unknownParameter(
                    location(keyNode), name: name, scenario: scenario, valid: specs.map(\.name).sorted())
            }
            let valueNodes: [Node]
            if case .sequence(let items) = valueNode {
                guard !items.isEmpty else { throw .emptyList(location(valueNode), key: name) }
                guard items.count <= Self.maximumValuesPerParameter else {
                    throw .invalidValue(
                        location(valueNode), parameter: name, value: "a list of \(items.count) values",
                        expected: "at most \(Self.maximumValuesPerParameter) values")
                }
                valueNodes = Array(items)
            } else {
                valueNodes = [valueNode]
            }
            var values: [ParameterValue] = []
            for item in valueNodes {
                let raw = try scalarValue(item, what: spec.expectation + " (or a list of them)")
                guard let value = spec.validated(raw) else {
                    throw .invalidValue(
                        location(item), parameter: name, value: raw.canonicalText, expected: spec.expectation)
                }
                if !values.contains(value) { values.append(value) }
            }
            result[name] = values
        }
        return result
    }

    // MARK: Nodes

    private func scenarioType(_ name: String, at node: Node) throws(SweepFileError) -> any Scenario.Type {
        do { return try registry.scenario(named: name) } catch {
            throw .unknownScenario(location(node), name: name, valid: registry.names)
        }
    }

    /// The entries of a mapping, in file order, with duplicate keys refused.
    func mapping(_ node: Node, what: String) throws(SweepFileError) -> [(
        key: String, keyNode: Node, value: Node
    )] {
        guard case .mapping(let pairs) = node else {
            throw .expected(location(node), what: what, found: describe(node))
        }
        var seen = Set<String>()
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in pairs {
            let key = try word(keyNode, what: "a key (text)")
            guard seen.insert(key).inserted else { throw .duplicateKey(location(keyNode), key: key) }
            result.append((key, keyNode, value))
        }
        return result
    }

    func word(_ node: Node, what: String) throws(SweepFileError) -> String {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            throw .expected(location(node), what: what, found: describe(node))
        }
        guard !scalar.string.unicodeScalars.contains("\u{0}") else {  // no path, name or program holds one
            throw .expected(location(node), what: what, found: "a text with a NUL byte")
        }
        return scalar.string
    }

    func integer(_ node: Node, in range: ClosedRange<Int>, key: String) throws(SweepFileError) -> Int {
        let expectation = "a whole number from \(range.lowerBound) to \(range.upperBound)"
        let value = try scalarValue(node, what: expectation)
        guard let number = value.integerValue, range.contains(number) else {
            throw .invalidValue(location(node), parameter: key, value: value.canonicalText, expected: expectation)
        }
        return number
    }

    func boolean(_ node: Node, key: String) throws(SweepFileError) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else {
            throw .expected(location(node), what: "true or false for '\(key)'", found: describe(node))
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw .expected(location(node), what: "true or false for '\(key)'", found: describe(node))
        }
    }

    /// A plain scalar as a number when it reads as one, else as text; quoted scalars stay text.
    func scalarValue(_ node: Node, what: String) throws(SweepFileError) -> ParameterValue {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            throw .expected(location(node), what: what, found: describe(node))
        }
        let text = scalar.string
        guard scalar.style == .plain else { return .text(text) }
        let digits = text.replacingOccurrences(of: "_", with: "")
        if let number = Int(digits) { return .integer(number) }
        switch text.lowercased() {
        case ".nan": return .real(.nan)
        case ".inf", "+.inf": return .real(.infinity)
        case "-.inf": return .real(-.infinity)
        default: break
        }
        if let number = Double(digits) { return .real(number) }
        return .text(text)
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func location(_ node: Node) -> SweepFileError.Location {
        .init(file: source, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return isNull(node) ? "nothing" : "'\(scalar.string.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias (aliases are not supported)"
        }
    }
}
