import SpeedLabCore
import SpeedLabScenarios
import Testing

/// The agent meets the failures its seed draws, in both modes, and its counters add up.
@Suite struct AgentScenarioTests {
    /// Latencies of 10 ms leave each response 10 ms ahead of its timeout (twice the latency),
    /// so a loaded machine delaying a wake-up by a few milliseconds cannot turn it into one.
    static func point(failureRate: Double, extra: [String: ParameterValue] = [:]) -> ParameterPoint {
        ParameterPoint(
            [
                "tasks": .integer(16), "latency_ms": .integer(10), "work": .integer(1_000), "seed": .integer(11),
                "failure_rate": .real(failureRate), "backoff_ms": .integer(1), "concurrency": .integer(8),
                "breaker_threshold": .integer(1_000),
            ].merging(extra) { _, new in new })
    }

    /// The outcome's counts (not its timings: query latency, wake lateness, the answer's first token).
    static func counters(_ outcome: ScenarioOutcome) -> [String: Double] {
        outcome.counters.filter {
            !$0.key.hasPrefix("query_") && !$0.key.hasPrefix("wake_") && !$0.key.hasPrefix("answer_ttft_")
        }
    }

    static func expected(_ plans: [AgentQueryPlan]) -> [String: Double] {
        let values = AgentCounts(expectedFrom: plans)
        return [
            "queries": Double(values.queries), "calls": Double(values.calls), "attempts": Double(values.attempts),
            "errors": Double(values.errors), "timeouts": Double(values.timeouts), "retries": Double(values.retries),
            "breaker_rejections": 0, "answered": Double(values.answered), "degraded": Double(values.degraded),
            "failed": Double(values.failed),
        ]
    }

    @Test(.timeLimit(.minutes(3)), arguments: [0.0, 0.1, 0.3])
    func agentAndItsSequentialBaselineMeetTheSeedsSchedule(failureRate: Double) async throws {
        let point = Self.point(failureRate: failureRate)
        let agent = try AgentScenario(point: point)
        let reference = try #require(AgentScenario.baseline(of: point))
        #expect(reference.scenario == "agent_sequential")
        let sequential = try AgentSequentialScenario(point: reference.point)
        let concurrentOutcome = try await agent.run(in: ScenarioContext())
        let sequentialOutcome = try await sequential.run(in: ScenarioContext())
        let expected = Self.expected(agent.plans())
        #expect(Self.counters(concurrentOutcome) == expected)
        #expect(Self.counters(sequentialOutcome) == expected)
        #expect(concurrentOutcome.checksum == sequentialOutcome.checksum)
        let outcomes = ["answered", "degraded", "failed"].map { expected[$0] ?? 0 }.reduce(0, +)
        #expect(outcomes == 16)
        if failureRate == 0 {
            #expect(expected["answered"] == 16 && expected["retries"] == 0)
        } else if failureRate == 0.3 {
            #expect((expected["retries"] ?? 0) > 0 && (expected["timeouts"] ?? 0) > 0 && (expected["errors"] ?? 0) > 0)
        }
    }

    @Test func callPlanFollowsTheDrawsAttemptByAttempt() throws {
        let settings = try AgentSettings(point: Self.point(failureRate: 0.5), scenario: "agent")
        for query in 0..<16 {
            for service in AgentService.allCases {
                let plan = AgentCallPlan(settings: settings, query: query, service: service)
                for (index, result) in plan.results.enumerated() {
                    let draw = AgentCallPlan.draw(
                        settings: settings, query: query, service: service, attempt: index + 1)
                    #expect(result == (draw == .respond ? .success : draw == .fail ? .error : .timeout))
                }
                #expect(plan.succeeds || plan.attempts == 3)
                #expect(plan.results.dropLast().allSatisfy { $0 != .success })
            }
        }
    }

    @Test func failureFreeQueryTakesSixLatenciesPlusItsRerank() throws {
        let settings = try AgentSettings(
            point: ParameterPoint(["tasks": .integer(1), "latency_ms": .integer(10)]), scenario: "agent")
        let plan = AgentQueryPlan(settings: settings, query: 0)
        #expect(plan.outcome == .answered)
        #expect(plan.concurrentNanos(cpuNanos: 1e6) == 3e7 + 1e6 + 3e7)
        #expect(plan.sequentialNanos(cpuNanos: 1e6) == 3e7 + 1e7 + 5e6 + 1e6 + 3e7)
        let agent = try AgentScenario(point: ParameterPoint(["tasks": .integer(1), "latency_ms": .integer(10)]))
        #expect(agent.idealNanos(cpuNanosPerItem: 1e6, cores: 2) == 61e6)
    }

    @Test(.timeLimit(.minutes(3)))
    func openBreakerRejectsCallsFastAndEveryQueryFails() async throws {
        let point = Self.point(
            failureRate: 1, extra: ["breaker_threshold": .integer(2), "breaker_cooldown_ms": .integer(60_000)])
        let outcome = try await AgentScenario(point: point).run(in: ScenarioContext())
        #expect(outcome.counters["failed"] == 16)
        #expect((outcome.counters["breaker_rejections"] ?? 0) > 0)
        #expect(outcome.counters["answered"] == 0)
    }
}

/// The agent's final answer streams: every answered query's first token arrives 0.3 of the
/// final call's delay after the call starts, and the query reports it as `answer_ttft`.
@Suite struct AgentAnswerTTFTTests {
    @Test func everyAnsweredQueryReportsTheFirstTokenOfItsFinalAnswer() async throws {
        let point = ParameterPoint([
            "tasks": .integer(6), "concurrency": .integer(6), "latency_ms": .integer(20), "jitter": .integer(0),
            "failure_rate": .integer(0), "work": .integer(0), "seed": .integer(1),
        ])
        let outcome = try await AgentScenario(point: point).run(in: ScenarioContext())
        let p50 = try #require(outcome.counters["answer_ttft_p50_ms"])
        let p99 = try #require(outcome.counters["answer_ttft_p99_ms"])
        // llm (3·L = 60 ms) then final, whose first token is 0.3 × 60 ms = 18 ms in: at least
        // 78 ms, and well before the final answer ends (120 ms); generous above for a busy machine.
        #expect(p50 >= 78 && p50 < 115, "answer ttft p50 \(p50) ms")
        #expect(p99 >= p50)
        let query = try #require(outcome.counters["query_p50_ms"])
        #expect(query > p50)
    }
}
