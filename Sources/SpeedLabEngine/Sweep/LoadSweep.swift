import Foundation
import SpeedLabCore
import SpeedLabScenarios

/// The sweep `speedlab load URL …` stands for, written as the YAML a user could have written:
/// one `llm` entry against the server at `url` per way of loading it (`rate:` for an open loop,
/// `concurrency:` for a closed one), with the request's shape and the objectives. The run
/// stores this YAML — the API key's variable name, never its value — so `--resume`, `show`
/// and `history` treat it like any sweep file.
public struct LoadSweep: Sendable {
    public var url: String
    public var model: String
    public var api: CompletionAPI
    public var stream: Bool
    public var rates: [Double]
    public var concurrencies: [Int]
    public var arrival: ArrivalProcess
    public var maxConcurrency: Int?
    public var requests: Int
    public var durationSeconds: Double?
    public var promptTokens: Int
    public var outputTokens: Int
    public var objectives: [(name: String, milliseconds: Double)]
    public var apiKeyVariable: String?
    public var timeoutSeconds: Double?
    public var repetitions: RepetitionCount
    public var warmup: Int
    public var label: String?
    public var seed: Int

    public init(
        url: String, model: String = "speedlab", api: CompletionAPI = .chat, stream: Bool = true, rates: [Double] = [],
        concurrencies: [Int] = [], arrival: ArrivalProcess = .poisson, maxConcurrency: Int? = nil, requests: Int = 100,
        durationSeconds: Double? = nil, promptTokens: Int = 256, outputTokens: Int = 64,
        objectives: [(name: String, milliseconds: Double)] = [], apiKeyVariable: String? = nil,
        timeoutSeconds: Double? = nil, repetitions: RepetitionCount = .fixed(3), warmup: Int = 1, label: String? = nil,
        seed: Int = 42
    ) {
        self.url = url
        self.model = model
        self.api = api
        self.stream = stream
        self.rates = rates
        self.concurrencies = concurrencies
        self.arrival = arrival
        self.maxConcurrency = maxConcurrency
        self.requests = requests
        self.durationSeconds = durationSeconds
        self.promptTokens = promptTokens
        self.outputTokens = outputTokens
        self.objectives = objectives
        self.apiKeyVariable = apiKeyVariable
        self.timeoutSeconds = timeoutSeconds
        self.repetitions = repetitions
        self.warmup = warmup
        self.label = label
        self.seed = seed
    }

    /// The objectives `--slo` takes, by the name it is written with.
    public static let objectiveNames = ["ttft_ms", "tpot_ms", "e2e_ms"]

    /// Reads `--slo ttft_ms=500,tpot_ms=50`; an unknown name lists the valid ones.
    public static func objectives(_ text: String) throws(LoadSweepError) -> [(name: String, milliseconds: Double)] {
        try text.split(separator: ",").map { pair throws(LoadSweepError) in
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = Double(parts[1]), value > 0, value.isFinite else {
                throw .badObjective(String(pair))
            }
            guard objectiveNames.contains(parts[0]) else { throw .unknownObjective(parts[0]) }
            return (parts[0], value)
        }
    }

    /// The sweep's YAML.
    public func yaml() -> String {
        var text = "name: load\n"
        if let label { text += "label: \(JSONText.quote(label))\n" }
        text += "seed: \(seed)\n"
        switch repetitions {
        case .fixed(let count): text += "repetitions: \(count)\n"
        case .auto: text += "repetitions: auto\n"
        }
        text += "warmup: \(warmup)\nbaselines: false\nscenarios:\n"
        var loads: [String] = []
        if !rates.isEmpty { loads.append("rate: [\(rates.map(Self.number).joined(separator: ", "))]") }
        if !concurrencies.isEmpty || rates.isEmpty {
            loads.append(
                "concurrency: [\((concurrencies.isEmpty ? [1] : concurrencies).map(String.init).joined(separator: ", "))]"
            )
        }
        for load in loads {
            text += "  - llm:\n      url: \(JSONText.quote(url))\n      model: \(JSONText.quote(model))\n"
            text += "      api: \(api.rawValue)\n      stream: \(stream)\n      \(load)\n"
            if load.hasPrefix("rate") {
                text += "      arrival: \(arrival.rawValue)\n"
                if let maxConcurrency { text += "      max_concurrency: \(maxConcurrency)\n" }
                if let durationSeconds { text += "      duration_s: \(Self.number(durationSeconds))\n" }
            }
            text +=
                "      requests: \(requests)\n      prompt_tokens: \(promptTokens)\n      output_tokens: \(outputTokens)\n"
            for (name, milliseconds) in objectives { text += "      slo_\(name): \(Self.number(milliseconds))\n" }
            if let apiKeyVariable { text += "      api_key_env: \(JSONText.quote(apiKeyVariable))\n" }
            if let timeoutSeconds { text += "      request_timeout_s: \(Self.number(timeoutSeconds))\n" }
        }
        return text
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// Why `speedlab load`'s flags do not make a sweep.
public enum LoadSweepError: Error, Sendable, Equatable, CustomStringConvertible {
    case badObjective(String)
    case unknownObjective(String)

    public var description: String {
        switch self {
        case .badObjective(let text):
            return "--slo takes NAME=MILLISECONDS pairs with a positive number, got '\(text)'."
        case .unknownObjective(let name):
            return "--slo has no objective '\(name)'; valid: \(LoadSweep.objectiveNames.joined(separator: ", "))."
        }
    }
}
