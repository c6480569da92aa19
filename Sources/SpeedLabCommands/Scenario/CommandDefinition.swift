import SpeedLabCore
import SpeedLabScenarios

/// A `command` entry of a sweep file, read and checked: the program to time, its swept
/// parameters, its baseline and how it runs.
public struct CommandDefinition: Sendable, Hashable {
    /// Which other point a command point's speedup divides.
    public enum Baseline: Sendable, Hashable {
        /// This command with these parameter values replaced (`baseline: {concurrency: 1}`).
        case parameters(ParameterPoint)
        /// Another command of the sweep at the same parameter values (`baseline: agent-py`).
        case command(String)
    }

    /// Which failed repetitions still count as samples.
    public enum IgnoredFailures: Sendable, Hashable {
        case none
        /// Any exit status, and a signal (not a timeout).
        case all
        /// These exit statuses.
        case codes(Set<Int32>)

        func accepts(_ usage: ProcessUsage) -> Bool {
            guard !usage.timedOut, !usage.stopped else { return false }
            switch self {
            case .none: return usage.succeeded
            case .all: return true
            case .codes(let codes): return usage.succeeded || (usage.exitCode.map(codes.contains) ?? false)
            }
        }
    }

    /// The points' scenario name (`agent-py`).
    public var name: String
    public var template: CommandTemplate
    /// Values of each swept parameter; every one is used by a placeholder of `template`.
    public var parameters: [String: [ParameterValue]]
    public var baseline: Baseline?
    /// 0: none.
    public var timeoutSeconds: Double
    public var output: OutputMode
    /// Where the command runs (nil: SpeedLab's working directory).
    public var workingDirectory: String?
    public var ignoredFailures: IgnoredFailures
    /// Run once per point before its first repetition / after its last (untimed).
    public var setup: CommandTemplate?
    public var cleanup: CommandTemplate?
    /// Run before / after every repetition (untimed).
    public var prepare: CommandTemplate?
    public var conclude: CommandTemplate?

    public init(
        name: String, template: CommandTemplate, parameters: [String: [ParameterValue]] = [:],
        baseline: Baseline? = nil, timeoutSeconds: Double = 0, output: OutputMode = .null,
        workingDirectory: String? = nil, ignoredFailures: IgnoredFailures = .none,
        setup: CommandTemplate? = nil, cleanup: CommandTemplate? = nil, prepare: CommandTemplate? = nil,
        conclude: CommandTemplate? = nil
    ) {
        self.name = name
        self.template = template
        self.parameters = parameters
        self.baseline = baseline
        self.timeoutSeconds = timeoutSeconds
        self.output = output
        self.workingDirectory = workingDirectory
        self.ignoredFailures = ignoredFailures
        self.setup = setup
        self.cleanup = cleanup
        self.prepare = prepare
        self.conclude = conclude
    }

    /// The parameter names of this command's points: those its placeholders use.
    public var parameterNames: [String] { template.placeholders.sorted() }

    /// A name for a command without one: its program's file name (`python3`), or `command`.
    public static func derivedName(from template: CommandTemplate) -> String {
        guard let program = template.program, !program.isEmpty else { return "command" }
        return String(program.split(separator: "/").last ?? "command")
    }

    /// The point this command point's speedup is measured against, or nil (none, or itself).
    public func baselinePoint(of point: ParameterPoint) -> BaselineReference? {
        switch baseline {
        case .none: return nil
        case .command(let other):
            return other == name ? nil : BaselineReference(scenario: other, point: point)
        case .parameters(let values):
            var target = point
            for key in values.names { target[key] = values[key] }
            return target == point ? nil : BaselineReference(scenario: name, point: target)
        }
    }
}
