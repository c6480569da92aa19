import Foundation
import SpeedLabCore
import SpeedLabScenarios
import Yams

/// Reads sweep files (YAML) into a validated ``Sweep``, refusing bad input with the file,
/// line and column and what was expected.
///
/// ```yaml
/// name: quick            # required
/// label: nightly         # optional, shown in `speedlab runs`
/// seed: 42               # default 42
/// repetitions: 5         # measured repetitions per point, default 5; or `auto` (below)
/// precision: 1           # with `auto`: stop when the median's 95% CI is within ±1 %
/// min_repetitions: 5     # with `auto`, default 5
/// max_repetitions: 50    # with `auto`, default 50
/// point_budget_s: 60     # with `auto`: measured seconds a point may use, default 60
/// warmup: 1              # unmeasured repetitions first, default 1
/// baselines: true        # add the baseline points scenarios need (default true)
/// scenarios: [sequential, concurrent]   # or a mapping: name → its own parameter values
/// parameters:            # a value or a list per parameter
///   tasks: [16, 64]
///   latency_ms: 20
/// ```
public enum SweepFile {
    /// Largest sweep file accepted, in bytes.
    public static let maximumBytes = 1 << 20
    /// Keys of the top-level mapping.
    public static let topLevelKeys = [
        "name", "label", "seed", "repetitions", "warmup", "baselines", "scenarios", "parameters", "precision",
        "min_repetitions", "max_repetitions", "point_budget_s",
    ]

    /// Reads and parses the file at `path`.
    public static func load(path: String, registry: ScenarioRegistry = .standard) throws(SweepFileError) -> Sweep {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            let reason =
                FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"
            throw .unreadable(file: path, reason: reason)
        }
        return try parse(data, source: path, registry: registry)
    }

    /// Parses sweep YAML given as bytes (checked to be UTF-8 and of sane size first).
    public static func parse(_ data: Data, source: String, registry: ScenarioRegistry = .standard)
        throws(SweepFileError) -> Sweep
    {
        guard data.count <= maximumBytes else { throw .tooLarge(file: source, bytes: data.count, limit: maximumBytes) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .notUTF8(file: source, byteOffset: invalidUTF8Offset(data))
        }
        return try parse(text, source: source, registry: registry)
    }

    /// Parses sweep YAML text.
    public static func parse(_ yaml: String, source: String, registry: ScenarioRegistry = .standard)
        throws(SweepFileError) -> Sweep
    {
        if let line = NestingCheck.firstTooDeepLine(in: yaml) {
            throw .expected(
                .init(file: source, line: line, column: 1),
                what: "at most \(NestingCheck.maximumDepth) levels of nesting", found: "deeper nesting")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw SweepFileError.expected(
                    .init(file: source, line: 1, column: 1), what: "a mapping with 'name' and 'scenarios'",
                    found: "an empty file")
            }
            root = node
        } catch let error as SweepFileError {
            throw error
        } catch {
            throw translate(error, source: source)
        }
        let reader = SweepNodeReader(source: source, registry: registry)
        return try reader.sweep(from: root, yaml: yaml)
    }

    private static func translate(_ error: any Error, source: String) -> SweepFileError {
        guard let yamlError = error as? YamlError else {
            return .syntax(.init(file: source, line: 1, column: 1), problem: String(describing: error))
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .syntax(.init(file: source, line: mark.line, column: mark.column), problem: text)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .duplicateKey(
                .init(file: source, line: context.mark.line, column: context.mark.column),
                key: duplicates.sorted().joined(separator: ", "))
        case .reader(let problem, let offset, _, _):
            return .syntax(.init(file: source, line: 1, column: 1), problem: "\(problem) at byte \(offset ?? 0)")
        default:
            return .syntax(.init(file: source, line: 1, column: 1), problem: String(describing: yamlError))
        }
    }

    private static func invalidUTF8Offset(_ data: Data) -> Int {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var lastGood = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += String(scalar).utf8.count
                lastGood = offset
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        return lastGood
    }
}
