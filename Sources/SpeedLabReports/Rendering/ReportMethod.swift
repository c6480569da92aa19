/// How a speedup report's figures were measured and computed: the bullets of its Method
/// section, in every format.
enum ReportMethod {
    static let bullets: [TextSpans] = [
        [
            .plain("Every repetition is timed with a monotonic clock; CPU time and context switches come from "),
            .code("getrusage"),
            .plain(
                ". Repetitions are interleaved across points (round robin) after the warm-ups, so drift of the machine hits every point alike."
            ),
        ],
        [
            .strong(.words("median ms [95% CI]")),
            .plain(
                ": the median wall time and a distribution-free 95% confidence interval from order statistics (binomial, no assumption about the distribution); with fewer than 6 repetitions no pair of order statistics reaches 95%, and the interval shown is the sample's range (94% for 5)."
            ),
        ],
        [
            .strong(.words("speedup [95% CI]")),
            .plain(
                ": baseline median ÷ median, with a seeded percentile bootstrap interval of the ratio of medians (2,000 resamples; fewer, never under 200, for samples in the thousands)."
            ),
        ],
        [
            .strong(.words("ideal speedup")),
            .plain(
                ": baseline median ÷ the scenario's lower bound of its wall time (from its parameters, the core count and the kernel's cost measured at the start of the run); "
            ),
            .strong(.words("efficiency")), .plain(": lower bound ÷ median."),
        ],
        [
            .strong(.words("CPU (cores)")),
            .plain(": median CPU time ÷ median wall time, the cores kept busy on average. "),
            .strong(.words("bottleneck")),
            .plain(
                ": the larger term of the lower bound (I/O waves or CPU), client CPU when an http point's requests × client CPU per call ÷ cores is longer than its I/O waves, or overhead when efficiency is under 0.6."
            ),
        ],
        [
            .strong(.words("outliers")),
            .plain(
                ": Tukey's fences (1.5 and 3 × IQR) on wall times; counted, never removed. Counters are means over the measured repetitions."
            ),
        ],
    ]
}
