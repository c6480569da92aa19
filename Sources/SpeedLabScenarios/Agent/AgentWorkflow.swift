import SpeedLabConcurrency
import SpeedLabCore

/// Executes agent queries on a clock: each call with retries (exponential backoff, seeded
/// jitter), a per-attempt timeout and a circuit breaker per service; each query fans out to
/// `llm`, `vector` and `db`, reranks on the CPU, then calls `final`.
struct AgentWorkflow<C: Clock>: Sendable where C.Duration == Duration {
    let settings: AgentSettings
    let clock: C
    let context: ScenarioContext
    let placement: CPUPlacement?
    /// The http client's pool size.
    let connections: Int
    let counters: AgentCounters
    private let breakers: [CircuitBreaker<C>]

    init(
        settings: AgentSettings, clock: C, context: ScenarioContext, placement: CPUPlacement?, connections: Int,
        counters: AgentCounters
    ) {
        self.settings = settings
        self.clock = clock
        self.context = context
        self.placement = placement
        self.connections = connections
        self.counters = counters
        breakers = AgentService.allCases.map { service in
            CircuitBreaker(
                name: service.label, failureThreshold: settings.breakerThreshold,
                coolDown: .nanoseconds(settings.breakerCooldownMs * 1e6), clock: clock)
        }
    }

    /// Every query: at most `concurrency` at once on the placement's I/O executor, or one
    /// after another (each step in turn) when `concurrency` is nil.
    func runAll(concurrency: Int?) async throws -> Checksum {
        guard let concurrency, let placement else {
            var checksum = Checksum()
            for query in 0..<settings.workload.tasks {
                checksum.add(item: query, hash: try await run(query: query, fanOut: false))
            }
            return checksum
        }
        let limiter = AsyncSemaphore(permits: concurrency)
        return try await withTaskExecutorPreference(placement.ioExecutor) {
            try await withThrowingTaskGroup(of: (Int, UInt64).self) { group in
                for query in 0..<settings.workload.tasks {
                    group.addTask(executorPreference: placement.ioExecutor) {
                        (
                            query,
                            try await context.withPermit(limiter, item: query) {
                                try await run(query: query, fanOut: true)
                            }
                        )
                    }
                }
                var checksum = Checksum()
                for try await (query, hash) in group { checksum.add(item: query, hash: hash) }
                return checksum
            }
        }
    }

    /// One query; returns its checksum contribution: the rerank result mixed with which
    /// calls succeeded, so a schedule that meets other failures than its baseline is caught.
    func run(query: Int, fanOut: Bool) async throws -> UInt64 {
        let start = clock.now
        let startedAt = ContinuousClock.now  // the origin of the answer's first token (a CallTiming instant)
        let llm: Bool
        let vector: Bool
        let db: Bool
        if fanOut {
            async let first = call(query: query, service: .llm)
            async let second = call(query: query, service: .vector)
            async let third = call(query: query, service: .db)
            let (a, b, c) = try await (first, second, third)
            (llm, vector, db) = (a != nil, b != nil, c != nil)
        } else {
            llm = try await call(query: query, service: .llm) != nil
            vector = try await call(query: query, service: .vector) != nil
            db = try await call(query: query, service: .db) != nil
        }
        var rerank: UInt64 = 0
        var answer: CallTiming?
        if llm {
            rerank =
                try await placement?.compute(settings.workload, item: query)
                ?? context.compute(settings.workload, item: query)
            answer = try await call(query: query, service: .final)
        }
        let final = answer != nil
        let outcome = AgentQueryPlan.outcome(llm: llm, vector: vector, db: db, final: final)
        let elapsed = start.duration(to: clock.now)
        let answerTTFT = answer.map { startedAt.duration(to: $0.firstByte).nanoseconds }
        counters.update { values in
            values.queries += 1
            values.queryNanos.append(elapsed.nanoseconds)
            if let answerTTFT { values.answerTTFTNanos.append(answerTTFT) }
            switch outcome {
            case .answered: values.answered += 1
            case .degraded: values.degraded += 1
            case .failed: values.failed += 1
            }
        }
        let code = UInt64(llm ? 1 : 0) | UInt64(vector ? 2 : 0) | UInt64(db ? 4 : 0) | UInt64(final ? 8 : 0)
        return rerank &+ code
    }

    /// One service call with retries, timeouts and the service's breaker; what its successful
    /// attempt measured, or nil when every attempt failed.
    func call(query: Int, service: AgentService) async throws -> CallTiming? {
        counters.update { $0.calls += 1 }
        let timeout = Duration.nanoseconds(settings.timeoutNanos(query: query, service: service))
        let seed = settings.workload.seed
        let policy = RetryPolicy(
            attempts: settings.attempts, baseBackoff: .nanoseconds(settings.backoffMs * 1e6), jitterFraction: 0.5,
            jitterDraw: { attempt in
                SeededDraw.uniform(seed: seed, query: query, service: service.rawValue, attempt: attempt, k: 1)
            },
            isRetryable: { !($0 is CircuitOpenError) && !($0 is CancellationError) && !($0 is TransportError) })
        let breaker = breakers[service.rawValue - 1]
        let tracer = context.tracer
        // What the seed says each attempt ends as. A call that ends otherwise than planned
        // after an attempt went off the schedule (a service that stopped answering, or
        // answered what it should have failed) is counted, so a point whose calls went off
        // the schedule fails instead of passing as a speedup. A late answer that a retry
        // makes good ends as planned and is not counted.
        let plan = AgentCallPlan(settings: settings, query: query, service: service)
        var wentOffSchedule = false
        func note(_ result: AgentCallPlan.Result, attempt: Int) {
            let expected = attempt <= plan.results.count ? plan.results[attempt - 1] : .success
            if result != expected { wentOffSchedule = true }
        }
        func settle(succeeded: Bool) {
            if succeeded != plan.succeeds, wentOffSchedule || succeeded { counters.update { $0.unplanned += 1 } }
        }
        var lastAttemptEnd: Int64?
        do {
            let outcome = try await policy.run(clock: clock) { attempt in
                counters.update { $0.attempts += 1 }
                if let tracer, let end = lastAttemptEnd {
                    tracer.record(.backoff, item: query, service: service.rawValue, attempt: attempt - 1, since: end)
                }
                defer { lastAttemptEnd = tracer?.now() }
                do {
                    func attemptOnce() async throws -> CallTiming {
                        try await breaker.run {
                            try await withTimeout(timeout, clock: clock) {
                                try await perform(query: query, service: service, attempt: attempt)
                            }
                        }
                    }
                    let timing =
                        AgentStream.isStreamed(service)
                        ? try await context.traceStream(item: query, service: service.rawValue, attempt: attempt) {
                            try await attemptOnce()
                        }
                        : try await context.traceFetch(item: query, service: service.rawValue, attempt: attempt) {
                            try await attemptOnce()
                        }
                    note(.success, attempt: attempt)
                    return timing
                } catch let error as TimeoutError {
                    counters.update { $0.timeouts += 1 }
                    note(.timeout, attempt: attempt)
                    throw error
                } catch let error as ServiceFailure {
                    counters.update { $0.errors += 1 }
                    note(.error, attempt: attempt)
                    throw error
                } catch let error as CircuitOpenError {
                    counters.update { $0.breakerRejections += 1 }
                    throw error
                }
            }
            counters.update { $0.retries += outcome.retries }
            settle(succeeded: true)
            return outcome.value
        } catch let failure as RetryFailure {
            if failure.lastError is TransportError { throw failure.lastError }
            counters.update { $0.retries += failure.attempts - 1 }
            settle(succeeded: false)
            return nil
        }
    }

    /// One attempt: the call over the run's transport (or a real query for `db: sqlite`),
    /// which answers or fails as the seed drew it; returns what the call measured.
    @discardableResult
    private func perform(query: Int, service: AgentService, attempt: Int) async throws -> CallTiming {
        let call = settings.call(query: query, service: service, attempt: attempt)
        if service == .db, case .sqlite(let offload) = settings.database {
            guard let database = context.network?.database else { throw ScenarioError.transportUnavailable(.http) }
            let start = ContinuousClock.now
            try await database.query(call, offload: offload, context: context)
            let end = ContinuousClock.now
            let timing = CallTiming(start: start, firstByte: end, end: end, bytes: 0)
            context.calls.record(timing)
            return timing
        }
        if AgentStream.isStreamed(service) {
            switch settings.workload.transport {
            case .http where call.draw != .fail:
                guard let client = context.network?.completions else { throw ScenarioError.transportUnavailable(.http) }
                return try await AgentStream.fetch(call, client: client, context: context)
            case .simulated:
                var timing = try await context.fetch(
                    call, over: .simulated, client: settings.workload.client, connections: connections)
                timing.firstByte = min(timing.end, timing.start.advanced(by: .nanoseconds(AgentStream.ttftNanos(call))))
                return timing
            case .http:
                break  // drawn to fail: the services' error answer after the latency
            }
        }
        return try await context.fetch(
            call, over: settings.workload.transport, client: settings.workload.client, connections: connections)
    }
}

extension Clock where Duration == Swift.Duration {
    /// Runs an agent workload on this clock (opens `ScenarioContext.clock`'s existential).
    func runAgent(
        settings: AgentSettings, context: ScenarioContext, placement: CPUPlacement?, concurrency: Int?,
        connections: Int, counters: AgentCounters
    ) async throws -> Checksum {
        let workflow = AgentWorkflow(
            settings: settings, clock: self, context: context, placement: placement, connections: connections,
            counters: counters)
        return try await workflow.runAll(concurrency: concurrency)
    }
}
