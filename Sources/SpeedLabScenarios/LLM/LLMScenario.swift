import Foundation
import SpeedLabConcurrency
import SpeedLabCore
import SpeedLabStreaming
import Synchronization

/// Completion requests to an OpenAI-compatible server, `concurrency` in flight (a closed
/// loop: the next request starts when one ends), every streamed chunk timed on arrival.
///
/// Against SpeedLab's own services by default (their schedule set by the point's `ttft_ms`,
/// `itl_ms`, `capacity`…), or against any server at `url`. A repetition's metrics are exact
/// percentiles of ttft, itl, tpot and e2e over its requests (``StreamSummary``), and every
/// request is kept for the store. Baseline: the same requests at concurrency 1.
public struct LLMScenario: Scenario {
    public static let name = "llm"
    public static let summary =
        "streamed completions from an OpenAI-compatible server, C in flight; ttft, itl, tpot, e2e per request"
    public static let parameters = ParameterCatalog.llm
    /// Every request is kept in the store's `request` table instead of a timeline of spans.
    public static let recordsSpans = false

    public let concurrency: Int
    public private(set) var requests: Int
    public let endpoint: LLMEndpoint
    public let stream: Bool
    let bodies: CompletionBodyBuilder
    let headers: [(name: String, value: String)]
    let timeoutNanos: Int64
    /// An open loop's due offsets from the repetition's start, in nanoseconds (nil: a closed loop).
    public let schedule: [Double]?
    /// The open loop's cap on requests in flight (nil: none).
    public let maxConcurrency: Int?
    /// The rate an open loop asks for.
    public let offeredRate: Double?
    public let objectives: ServiceObjectives
    /// The services' schedule, for the bound of the wall time (nil for another server).
    let serviceModel:
        (ttftMs: Double, prefillUs: Double, itlMs: Double, capacity: Int, promptTokens: Int, outputTokens: Int)?

    public init(point: ParameterPoint) throws(ScenarioError) {
        let name = Self.name
        concurrency = try point.integer(ParameterCatalog.llmConcurrency, for: name)
        requests = try point.integer(ParameterCatalog.requests, for: name)
        let api: CompletionAPI = try point.choice(ParameterCatalog.api, for: name)
        let url = try point.value(ParameterCatalog.url, for: name).textValue ?? LLMEndpoint.ownServices
        endpoint = try LLMEndpoint(url: url, api: api, scenario: name)
        stream = (try point.choice(ParameterCatalog.stream, for: name) as StreamChoice) == .yes
        let model = try point.value(ParameterCatalog.model, for: name).textValue ?? "speedlab"
        let promptTokens = try point.integer(ParameterCatalog.promptTokens, for: name)
        let outputTokens = try point.integer(ParameterCatalog.outputTokens, for: name)
        timeoutNanos = Int64(try point.real(ParameterCatalog.requestTimeoutS, for: name) * 1e9)
        let ttft = try point.real(ParameterCatalog.ttftMs, for: name)
        let prefill = try point.real(ParameterCatalog.prefillUsPerToken, for: name)
        let itl = try point.real(ParameterCatalog.itlMs, for: name)
        let capacity = try point.integer(ParameterCatalog.capacity, for: name)
        var knobs: String?
        if case .services = endpoint {
            let seed = try point.integer(ParameterCatalog.seed, for: name)
            let perChunk = try point.integer(ParameterCatalog.tokensPerChunk, for: name)
            let jitter = try point.real(ParameterCatalog.llmJitter, for: name)
            let failures = try point.real(ParameterCatalog.llmFailureRate, for: name)
            knobs =
                "\"seed\":\(seed),\"ttft_ms\":\(ttft),\"prefill_us_per_token\":\(prefill),\"itl_ms\":\(itl),"
                + "\"tokens_per_chunk\":\(perChunk),\"capacity\":\(capacity),\"jitter\":\(jitter),\"failure_rate\":\(failures)"
            serviceModel = (ttft, prefill, itl, capacity, promptTokens, outputTokens)
        } else {
            serviceModel = nil
        }
        bodies = CompletionBodyBuilder(
            api: api, model: model, promptTokens: promptTokens, outputTokens: outputTokens, stream: stream,
            knobs: knobs)
        headers = try Self.authorization(point)
        let rate = try point.real(ParameterCatalog.rate, for: name)
        if rate > 0 {
            let duration = try point.real(ParameterCatalog.durationS, for: name)
            let offsets = ArrivalSchedule.offsets(
                count: requests, durationNanos: duration > 0 ? duration * 1e9 : nil, rate: rate,
                arrival: try point.choice(ParameterCatalog.arrival, for: name),
                burstiness: try point.real(ParameterCatalog.burstiness, for: name),
                seed: try point.integer(ParameterCatalog.seed, for: name))
            schedule = offsets
            requests = offsets.count
            let cap = try point.integer(ParameterCatalog.maxConcurrency, for: name)
            maxConcurrency = cap > 0 ? cap : nil
            offeredRate = rate
        } else {
            schedule = nil
            maxConcurrency = nil
            offeredRate = nil
        }
        func objective(_ spec: ParameterSpec) throws(ScenarioError) -> Double? {
            let milliseconds = try point.real(spec, for: name)
            return milliseconds > 0 ? milliseconds * 1e6 : nil
        }
        objectives = ServiceObjectives(
            ttftNanos: try objective(ParameterCatalog.sloTTFTMs), tpotNanos: try objective(ParameterCatalog.sloTPOTMs),
            e2eNanos: try objective(ParameterCatalog.sloE2EMs),
            percentile: (try point.choice(ParameterCatalog.sloPercentile, for: name) as SLOPercentile).fraction)
    }

    /// `authorization: Bearer …` from the variable `api_key_env` names (none without one); a
    /// variable that is named but not set is refused before anything is sent.
    static func authorization(_ point: ParameterPoint) throws(ScenarioError) -> [(name: String, value: String)] {
        let variable = try point.value(ParameterCatalog.apiKeyEnv, for: name).textValue ?? "none"
        guard variable != "none" else { return [] }
        guard let key = ProcessInfo.processInfo.environment[variable], !key.isEmpty else {
            throw .invalidValue(
                scenario: name, name: ParameterCatalog.apiKeyEnv.name, value: variable,
                expected: "the name of a set environment variable holding the API key (it is not set)")
        }
        return [("authorization", "Bearer \(key)")]
    }

    /// The same requests at concurrency 1; none for an open loop, whose rate is its own measure.
    public static func baseline(of point: ParameterPoint) -> BaselineReference? {
        if let rate = try? point.real(ParameterCatalog.rate, for: name), rate > 0 { return nil }
        guard (try? point.integer(ParameterCatalog.llmConcurrency, for: name)) != 1 else { return nil }
        var base = point
        base[ParameterCatalog.llmConcurrency.name] = .integer(1)
        return BaselineReference(scenario: name, point: base)
    }

    /// Against SpeedLab's services: each request takes at least its time to the first token
    /// and its tokens' intervals (slowed by `concurrency / capacity` past the capacity), and
    /// at most `concurrency` overlap. Unknown for another server.
    public func idealTime(_ costs: MachineCosts) -> IdealTime {
        guard let model = serviceModel else { return IdealTime(ioNanos: .nan, cpuNanos: .nan, nanos: .nan) }
        let first = (model.ttftMs + model.prefillUs * Double(model.promptTokens) / 1000) * 1e6
        if let schedule {  // the last request is due at its offset, and takes at least its schedule
            let io = (schedule.last ?? 0) + first + Double(model.outputTokens - 1) * model.itlMs * 1e6
            return .overlapping(io: io + costs.roundTripNanos, cpu: 0)
        }
        let inFlight = min(concurrency, requests)
        let slowdown = max(1, Double(inFlight) / Double(model.capacity))
        let perRequest = first + Double(model.outputTokens - 1) * model.itlMs * 1e6 * slowdown
        let waves = (Double(requests) / Double(inFlight)).rounded(.up)
        let io = waves * perRequest + costs.roundTripNanos
        return .overlapping(io: io, cpu: 0)
    }

    /// The call of request `number`.
    func call(_ number: Int) -> CompletionCall {
        CompletionCall(
            endpoint: endpoint, body: bodies.body(request: number), headers: headers, stream: stream, number: number,
            timeoutNanos: timeoutNanos)
    }

    public func run(in context: ScenarioContext) async throws -> ScenarioOutcome {
        guard let client = context.network?.completions else { throw ScenarioError.transportUnavailable(.http) }
        let loop = client.eventLoop ?? context.executors.eventLoop
        let start = ContinuousClock.now
        let timings = try await withTaskExecutorPreference(loop) {
            if let schedule {
                try await openLoop(client, on: loop, schedule: schedule, start: start)
            } else {
                try await closedLoop(client, on: loop)
            }
        }
        let wall = start.duration(to: .now)
        context.streams.record(timings, start: start)
        let parts = wall.components
        let wallNanos = Double(parts.seconds) * 1e9 + Double(parts.attoseconds) / 1e9
        var counters = StreamSummary.metrics(timings, wallNanos: wallNanos)
        counters.merge(objectives.metrics(timings, wallNanos: wallNanos)) { own, _ in own }
        if let offeredRate { counters[Metric.offeredRate.name] = offeredRate }
        counters[Metric.calls.name] = Double(requests)
        return ScenarioOutcome(checksum: 0, counters: counters)
    }

    /// Every request sent when its schedule has it due, whatever the ones before it are doing
    /// (with `max_concurrency`, a due request first waits for a slot: that wait counts in its
    /// from-schedule times, as a user's would). A dispatcher on the client's event loop sleeps
    /// until each request is due, then starts it as a task of its own.
    private func openLoop(
        _ client: any CompletionStreaming, on loop: any TaskExecutor, schedule: [Double],
        start: ContinuousClock.Instant
    ) async throws -> [StreamTiming] {
        let limiter = maxConcurrency.map { AsyncSemaphore(permits: $0) }
        return try await withThrowingTaskGroup(of: (Int, StreamTiming).self) { group in
            for (number, offset) in schedule.enumerated() {
                let due = start.advanced(by: .nanoseconds(Int64(offset)))
                try await TimerQueue.shared.sleep(until: due)
                let call = self.call(number)
                group.addTask(executorPreference: loop) {
                    var timing: StreamTiming
                    if let limiter {
                        timing = try await limiter.withPermit { try await client.complete(call) }
                    } else {
                        timing = try await client.complete(call)
                    }
                    timing.scheduled = due
                    return (number, timing)
                }
            }
            var all: [StreamTiming?] = Array(repeating: nil, count: schedule.count)
            for try await (number, timing) in group { all[number] = timing }
            return all.compactMap { $0 }
        }
    }

    /// `concurrency` workers, each taking the next request number until none is left.
    private func closedLoop(_ client: any CompletionStreaming, on loop: any TaskExecutor) async throws -> [StreamTiming]
    {
        let next = RequestNumbers()
        let requests = self.requests
        return try await withThrowingTaskGroup(of: [(Int, StreamTiming)].self) { group in
            for _ in 0..<min(concurrency, requests) {
                group.addTask(executorPreference: loop) {
                    var done: [(Int, StreamTiming)] = []
                    while true {
                        let number = next.take()
                        guard number < requests else { break }
                        done.append((number, try await client.complete(call(number))))
                    }
                    return done
                }
            }
            var all: [StreamTiming?] = Array(repeating: nil, count: requests)
            for try await done in group {
                for (number, timing) in done { all[number] = timing }
            }
            return all.compactMap { $0 }
        }
    }
}

/// Hands out request numbers 0, 1, 2… to the workers of a closed loop, each number once.
final class RequestNumbers: Sendable {
    private let next = Atomic<Int>(0)

    func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}
