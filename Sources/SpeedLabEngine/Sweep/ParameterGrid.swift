import SpeedLabCommands
import SpeedLabCore
import SpeedLabScenarios

/// Expands a sweep into points: each scenario crossed over the parameters it reads only (so
/// no duplicate points), with the baseline points scenarios need added automatically.
public struct ParameterGrid: Sendable {
    /// Grids larger than this are refused unless the caller allows them (`--yes`).
    public static let defaultPointLimit = 10_000

    public let registry: ScenarioRegistry
    /// What the command points of an expansion share (their spawner, programs, shell overhead).
    public let commandRuntime: CommandRuntime

    public init(registry: ScenarioRegistry = .standard, commandRuntime: CommandRuntime = CommandRuntime()) {
        self.registry = registry
        self.commandRuntime = commandRuntime
    }

    /// How many points the sweep's grid has before baselines, without building them.
    public func count(_ sweep: Sweep) throws(SweepFileError) -> Int {
        var total = 0
        for selection in sweep.scenarios {
            var product = 1
            for (_, values) in try axes(of: selection, sweep) {
                let (next, overflow) = product.multipliedReportingOverflow(by: values.count)
                product = overflow ? Int.max : next
            }
            total = total > Int.max - product ? Int.max : total + product
        }
        return total
    }

    /// Every point of the sweep in schedule order, baselines placed before their first user.
    public func expand(_ sweep: Sweep, pointLimit: Int? = defaultPointLimit) throws(SweepFileError) -> [PlannedPoint] {
        if let pointLimit {
            let total = try count(sweep)
            guard total <= pointLimit else {
                throw .tooManyPoints(
                    .init(file: sweep.source, line: sweep.gridLine, column: 1), count: total, limit: pointLimit)
            }
        }
        var planned: [PlannedPoint] = []
        var index: [PointKey: Int] = [:]  // identity → ordinal
        var wantedBaselines: [Int: PointKey] = [:]  // ordinal → a baseline the sweep may list

        let commands = Dictionary(
            sweep.scenarios.compactMap { $0.command }.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

        func add(_ name: String, _ crossed: ParameterPoint) throws(SweepFileError) -> Int {
            let point: ParameterPoint
            let scenario: any Scenario
            let baselineReference: BaselineReference?
            if let command = commands[name] {
                point = crossed.restricted(to: command.parameterNames.filter { crossed[$0] != nil })
                if let existing = index[PointKey(scenario: name, parameters: point)] { return existing }
                scenario = CommandScenario(definition: command, point: point, runtime: commandRuntime)
                baselineReference = command.baselinePoint(of: point)
            } else {
                let type = try scenarioType(name, sweep: sweep)
                point = crossed.keepingApplicable(type.parameters)
                if let existing = index[PointKey(scenario: name, parameters: point)] { return existing }
                do { scenario = try type.init(point: point) } catch {
                    throw .invalidValue(
                        .init(file: sweep.source, line: 1, column: 1), parameter: name, value: point.description,
                        expected: error.description)
                }
                baselineReference = type.baseline(of: point)
            }
            let key = PointKey(scenario: name, parameters: point)
            var baselineOrdinal: Int?
            if let baseline = baselineReference {
                if sweep.addsBaselines {
                    baselineOrdinal = try add(baseline.scenario, baseline.point)
                } else {
                    wantedBaselines[planned.count] = PointKey(scenario: baseline.scenario, parameters: baseline.point)
                }
            }
            let ordinal = planned.count
            planned.append(
                PlannedPoint(
                    ordinal: ordinal, scenario: scenario, scenarioName: name, parameters: point,
                    baselineOrdinal: baselineOrdinal))
            index[key] = ordinal
            return ordinal
        }

        for selection in sweep.scenarios {
            for point in Self.cartesianProduct(try axes(of: selection, sweep)) {
                _ = try add(selection.scenario, point)
            }
        }
        for (ordinal, key) in wantedBaselines {
            guard let baseline = index[key] else { continue }
            let point = planned[ordinal]
            planned[ordinal] = PlannedPoint(
                ordinal: ordinal, scenario: point.scenario, scenarioName: point.scenarioName,
                parameters: point.parameters, baselineOrdinal: baseline)
        }
        return planned
    }

    /// The parameters a selection is crossed over, with their values: a command's placeholders
    /// (its own values, else the sweep's, else the sweep's seed), or a scenario's parameters.
    private func axes(of selection: Sweep.Selection, _ sweep: Sweep) throws(SweepFileError)
        -> [(String, [ParameterValue])]
    {
        if let command = selection.command {
            return command.parameterNames.map { name in
                (name, command.parameters[name] ?? sweep.parameters[name] ?? [.integer(sweep.seed)])
            }
        }
        let type = try scenarioType(selection.scenario, sweep: sweep)
        return type.parameters.map { spec in (spec.name, axis(spec, selection, sweep)) }
    }

    /// The values of one parameter for one scenario: its own override, the sweep's list, the
    /// sweep's seed for `seed`, or the parameter's default.
    private func axis(_ spec: ParameterSpec, _ selection: Sweep.Selection, _ sweep: Sweep) -> [ParameterValue] {
        if let own = selection.overrides[spec.name] { return own }
        if let shared = sweep.parameters[spec.name] { return shared }
        if spec.name == ParameterCatalog.seed.name { return [.integer(sweep.seed)] }
        return [spec.validated(spec.defaultValue) ?? spec.defaultValue]
    }

    private func scenarioType(_ name: String, sweep: Sweep) throws(SweepFileError) -> any Scenario.Type {
        do { return try registry.scenario(named: name) } catch {
            throw .unknownScenario(.init(file: sweep.source, line: 1, column: 1), name: name, valid: registry.names)
        }
    }

    static func cartesianProduct(_ axes: [(String, [ParameterValue])]) -> [ParameterPoint] {
        var points = [ParameterPoint()]
        for (name, values) in axes {
            points = points.flatMap { point in
                values.map { value in
                    var next = point
                    next[name] = value
                    return next
                }
            }
        }
        return points
    }
}
