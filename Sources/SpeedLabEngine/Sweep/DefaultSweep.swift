import SpeedLabTransport

/// The sweep `speedlab run` measures when given no file: every registered scenario, with
/// `concurrent` and `agent` over simulated and real (http) I/O side by side and a small `llm`
/// group of streamed completions from the services, under two
/// minutes on 2 cores in a release build. Also committed as `fixtures/sweeps/default.yaml`
/// (a test keeps the two identical). A build without the HTTPTransport trait measures it
/// without its `transport` lines.
public enum DefaultSweep {
    public static let source = "built-in"

    /// The sweep this build runs.
    public static var yaml: String { TransportBuild.hasHTTP ? withRealIO : simulatedOnly }

    /// The sweep without its `transport` lines and its `llm` group (always over http):
    /// simulated I/O only.
    public static var simulatedOnly: String {
        var inLLMGroup = false
        return withRealIO.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in
                let trimmed = line.trimmingPrefix(while: { $0 == " " })
                if trimmed.hasPrefix("- ") || trimmed.hasPrefix("parameters:") { inLLMGroup = trimmed == "- llm:" }
                return !inLLMGroup && !line.contains("transport:")
            }
            .joined(separator: "\n")
    }

    public static let withRealIO = """
        # The built-in sweep of `speedlab run`: every scenario, under two minutes on 2 cores;
        # concurrent and agent over real I/O (http on loopback, without CPU work) beside the
        # same fetches simulated, and streamed completions from the services (llm).
        # Baselines (sequential, agent_sequential, llm at concurrency 1) are added automatically.
        name: default
        seed: 42
        repetitions: 5
        warmup: 1
        scenarios:
          - concurrent:
              concurrency: [8, 32]
              dispatch: [window, batches]
          - concurrent:
              concurrency: [8, 32]
              dispatch: [window, batches]
              work: 0
              transport: http
          - parallel:
              workers: [1, 2]
          - hybrid:
              concurrency: 32
              workers: 2
              cpu_pool: [dedicated, cooperative]
          - agent:
              tasks: 16
              concurrency: 16
              failure_rate: [0, 0.1]
          - agent:
              tasks: 16
              concurrency: 16
              failure_rate: [0, 0.1]
              work: 0
              transport: http
          - llm:
              concurrency: [1, 4, 16]
              requests: 16
              prompt_tokens: 128
              output_tokens: 32
              ttft_ms: 10
              itl_ms: 2
              jitter: 0
        parameters:
          tasks: 32
          latency_ms: 10
          jitter: 0.2
          work: [0, 900000]

        """
}
