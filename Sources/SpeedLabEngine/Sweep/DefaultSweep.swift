/// The sweep `speedlab run` measures when given no file: every registered scenario, about a
/// minute on 2 cores in a release build. Also committed as `fixtures/sweeps/default.yaml`
/// (a test keeps the two identical).
public enum DefaultSweep {
    public static let source = "built-in"

    public static let yaml = """
        # The built-in sweep of `speedlab run`: every scenario, about a minute on 2 cores.
        name: default
        seed: 42
        repetitions: 5
        warmup: 1
        scenarios:
          sequential:
            tasks: [16, 64]
        parameters:
          latency_ms: 20
          jitter: 0.2
          work: [0, 400000]

        """
}
