/// The sweep `speedlab run` measures when given no file: every registered scenario, about a
/// minute on 2 cores in a release build. Also committed as `fixtures/sweeps/default.yaml`
/// (a test keeps the two identical).
public enum DefaultSweep {
    public static let source = "built-in"

    public static let yaml = """
        # The built-in sweep of `speedlab run`: every scenario, about a minute on 2 cores.
        # Baselines (sequential, agent_sequential) are added automatically.
        name: default
        seed: 42
        repetitions: 5
        warmup: 1
        scenarios:
          concurrent:
            concurrency: [8, 32]
            dispatch: [window, batches]
          parallel:
            workers: [1, 2]
          hybrid:
            concurrency: 32
            workers: 2
            cpu_pool: [dedicated, cooperative]
          agent:
            tasks: 16
            concurrency: 16
            failure_rate: [0, 0.1]
        parameters:
          tasks: 32
          latency_ms: 10
          jitter: 0.2
          work: [0, 900000]

        """
}
