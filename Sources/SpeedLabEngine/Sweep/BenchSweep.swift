import Foundation
import SpeedLabCommands
import SpeedLabCore

/// The sweep `speedlab bench -- CMD…` stands for, written as the YAML a user could have
/// written: one `command` entry per command, with the `-L`/`-P` parameters its placeholders
/// use, each later command's baseline the reference (the first, or `--reference`). The run
/// stores this YAML, so `--resume`, `show` and `history` treat it like any sweep file.
public struct BenchSweep: Sendable {
    public var commands: [String]
    /// Parameter values in the order given.
    public var parameters: [(name: String, values: [ParameterValue])]
    public var repetitions: RepetitionCount
    public var warmup: Int
    /// The command the others are compared with (default: the first).
    public var reference: String?
    public var label: String?
    public var output: OutputMode
    public var timeoutSeconds: Double?

    public init(
        commands: [String], parameters: [(name: String, values: [ParameterValue])] = [],
        repetitions: RepetitionCount = .fixed(10), warmup: Int = 1, reference: String? = nil, label: String? = nil,
        output: OutputMode = .null, timeoutSeconds: Double? = nil
    ) {
        self.commands = commands
        self.parameters = parameters
        self.repetitions = repetitions
        self.warmup = warmup
        self.reference = reference
        self.label = label
        self.output = output
        self.timeoutSeconds = timeoutSeconds
    }

    /// The commands in the order they are measured: the reference first.
    var ordered: [String] {
        guard let reference else { return commands }
        return [reference] + commands.filter { $0 != reference }
    }

    /// The sweep's YAML; throws when a command cannot be read or a parameter is used by none.
    public func yaml() throws(BenchSweepError) -> String {
        var templates: [CommandTemplate] = []
        for command in ordered {
            do { templates.append(try CommandTemplate(command)) } catch {
                throw .badCommand(command, error.description)
            }
        }
        for (name, _) in parameters where !templates.contains(where: { $0.placeholders.contains(name) }) {
            throw .unusedParameter(name)
        }
        let names = Self.names(for: templates)
        var text = "name: bench\n"
        if let label { text += "label: \(JSONText.quote(label))\n" }
        switch repetitions {
        case .fixed(let count): text += "repetitions: \(count)\n"
        case .auto: text += "repetitions: auto\n"
        }
        text += "warmup: \(warmup)\nscenarios:\n"
        for (index, template) in templates.enumerated() {
            text +=
                "  - command:\n      name: \(JSONText.quote(names[index]))\n      run: \(JSONText.quote(template.text))\n"
            for (name, values) in parameters where template.placeholders.contains(name) {
                text += "      \(JSONText.quote(name)): [\(values.map(Self.yamlValue).joined(separator: ", "))]\n"
            }
            if index > 0 { text += "      baseline: \(JSONText.quote(names[0]))\n" }
            if output != .null { text += "      output: \(JSONText.quote(output.description))\n" }
            if let timeoutSeconds { text += "      timeout_s: \(timeoutSeconds)\n" }
        }
        return text
    }

    /// A name per command: its program's file name, made unique with `-2`, `-3`… in order.
    static func names(for templates: [CommandTemplate]) -> [String] {
        var used: [String: Int] = [:]
        return templates.map { template in
            let base = CommandDefinition.derivedName(from: template)
            let count = (used[base] ?? 0) + 1
            used[base] = count
            return count == 1 ? base : "\(base)-\(count)"
        }
    }

    static func yamlValue(_ value: ParameterValue) -> String {
        switch value {
        case .integer, .real: return value.canonicalText
        case .text(let text): return JSONText.quote(text)
        }
    }

    /// `-L NAME=a,b,c`: the values as numbers where they read as numbers, else words.
    public static func list(_ argument: String) throws(BenchSweepError) -> (name: String, values: [ParameterValue]) {
        let (name, rest) = try split(argument, option: "-L", form: "NAME=a,b,c")
        let values = rest.split(separator: ",", omittingEmptySubsequences: false).map { item -> ParameterValue in
            if let number = Int(item) { return .integer(number) }
            if let number = Double(item), number.isFinite { return .real(number) }
            return .text(String(item))
        }
        guard !values.isEmpty, !rest.isEmpty else { throw .badOption("-L", argument, "NAME=a,b,c") }
        return (name, values)
    }

    /// `-P NAME=FROM..TO[:STEP]`: FROM, FROM+STEP, … up to TO (STEP 1 by default).
    public static func range(_ argument: String) throws(BenchSweepError) -> (name: String, values: [ParameterValue]) {
        let form = "NAME=FROM..TO[:STEP]"
        let (name, rest) = try split(argument, option: "-P", form: form)
        let parts = rest.split(separator: ":", maxSplits: 1)
        let bounds = parts.first.map { $0.components(separatedBy: "..") } ?? []
        guard bounds.count == 2, let from = Double(bounds[0]), let to = Double(bounds[1]), from <= to,
            from.isFinite, to.isFinite
        else { throw .badOption("-P", argument, form) }
        let step = parts.count == 2 ? Double(parts[1]) : 1
        guard let step, step > 0, step.isFinite, (to - from) / step < 10_000 else {
            throw .badOption("-P", argument, form + " with a STEP above 0 and at most 10,000 values")
        }
        let whole = [from, to, step].allSatisfy { $0 == $0.rounded() }
        var values: [ParameterValue] = []
        var index = 0.0
        while from + index * step <= to + step * 1e-9 {
            let value = from + index * step
            values.append(whole ? .integer(Int(value)) : .real((value * 1e9).rounded() / 1e9))
            index += 1
        }
        return (name, values)
    }

    private static func split(_ argument: String, option: String, form: String) throws(BenchSweepError)
        -> (String, String)
    {
        guard let equals = argument.firstIndex(of: "=") else { throw .badOption(option, argument, form) }
        let name = String(argument[..<equals])
        guard let first = name.first, first == "_" || first.isLetter,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else { throw .badOption(option, argument, form) }
        return (name, String(argument[argument.index(after: equals)...]))
    }
}

/// Why `speedlab bench`'s arguments cannot make a sweep.
public enum BenchSweepError: Error, Sendable, Equatable, CustomStringConvertible {
    case badOption(String, String, String)
    case badCommand(String, String)
    case unusedParameter(String)

    public var description: String {
        switch self {
        case .badOption(let option, let argument, let form):
            return "\(option) takes \(form) (got '\(argument)')."
        case .badCommand(let command, let problem):
            return "cannot read the command '\(command.prefix(200))': \(problem)"
        case .unusedParameter(let name):
            return "parameter '\(name)' is used by no command: write {\(name)} in a command, or drop it."
        }
    }
}
