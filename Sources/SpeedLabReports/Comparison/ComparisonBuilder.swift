import SpeedLabCore
import SpeedLabStatistics
import SpeedLabStore

/// Compares two runs point by point (matched by scenario and canonical parameters).
///
/// A point changed only when the change is both significant — Mann-Whitney U p-value, adjusted
/// by Benjamini-Hochberg across the compared points, under `alpha` — and large — the ratio of
/// medians moved by at least `threshold`. Its direction against the metric's polarity makes
/// it a regression or an improvement.
public struct ComparisonBuilder: Sendable {
    public var metric: ComparisonMetric
    public var alpha: Double
    public var threshold: Double
    public var bootstrapResamples = 2_000

    public init(metric: ComparisonMetric = .wall, alpha: Double = 0.05, threshold: Double = 0.05) {
        self.metric = metric
        self.alpha = alpha
        self.threshold = threshold
    }

    /// When the metric is a sample metric that no measured sample of either run holds, what to
    /// tell the user (a misspelt name), with the metrics there are; nil otherwise.
    public static func missingSampleMetric(_ metric: ComparisonMetric, base: ReportData, head: ReportData)
        -> String?
    {
        guard let name = metric.sampleMetric, base.sampleMetric.isEmpty, head.sampleMetric.isEmpty else { return nil }
        let stored = Set((base.metrics.values.flatMap(\.keys)) + head.metrics.values.flatMap(\.keys)).sorted()
        let known = stored.isEmpty ? "none stored" : stored.joined(separator: ", ")
        return "no measured sample of run \(base.run.id) or run \(head.run.id) has metric '\(name)'."
            + "\(CloseMatch.hint(for: name, among: stored)) Metrics: wall, cpu, speedup, efficiency, or a sample "
            + "metric: \(known)."
    }

    public func compare(base: ReportData, head: ReportData) -> Comparison {
        let baseValues = values(base)
        let headValues = values(head)
        let baseByKey = Dictionary(base.points.map { ($0.key, $0) }) { first, _ in first }
        let headKeys = Set(head.points.map(\.key))

        var unmatched: [Comparison.Unmatched] = []
        for point in base.points where !headKeys.contains(point.key) {
            unmatched.append(.init(run: base.run.id, point: point.key))
        }
        var tested: [PointComparison] = []
        var notComparable: [Comparison.NotComparable] = []
        for headPoint in head.points {
            guard let basePoint = baseByKey[headPoint.key] else {
                unmatched.append(.init(run: head.run.id, point: headPoint.key))
                continue
            }
            do {
                let x = try baseValues[basePoint.id, default: .failure(.init(reason: "no measured sample"))].get()
                let y = try headValues[headPoint.id, default: .failure(.init(reason: "no measured sample"))].get()
                tested.append(try compare(basePoint, x, y))
            } catch {
                notComparable.append(.init(point: headPoint.key, reason: error.reason))
            }
        }
        let adjusted = (try? BenjaminiHochberg.adjust(tested.map(\.pValue))) ?? tested.map(\.pValue)
        for index in tested.indices {
            tested[index].adjustedP = adjusted[index]
            tested[index].verdict = verdict(tested[index])
        }
        let differences = Self.differences(base.run.environment, head.run.environment)
        return Comparison(
            base: base.run, head: head.run, metric: metric, alpha: alpha, threshold: threshold, points: tested,
            unmatched: unmatched, notComparable: notComparable, differences: differences,
            warnings: Self.incompleteWarnings(base.run, head.run) + Self.warnings(differences))
    }

    private func compare(
        _ point: StoredPoint, _ base: [Double], _ head: [Double]
    ) throws(ComparisonMetric.Unavailable) -> PointComparison {
        let test: MannWhitneyU
        let baseSorted: SortedSample
        let headSorted: SortedSample
        do {
            test = try MannWhitneyU(head, base)
            baseSorted = try SortedSample(base)
            headSorted = try SortedSample(head)
        } catch {
            throw ComparisonMetric.Unavailable(reason: "the test cannot run on these samples (\(error))")
        }
        let shift = try? HodgesLehmann(base: base, head: head)
        let resamples = PointFigures.resamples(baseline: base.count, point: head.count, preferred: bootstrapResamples)
        let ratioCI = try? BootstrapCI(
            numerator: headSorted.values, denominator: baseSorted.values, resamples: resamples,
            seed: 0xC0DE ^ point.key.stableHash)
        let detectable = try? MinimumDetectableChange(base: base, head: head, alpha: alpha)
        let ratio = baseSorted.median == 0 ? .nan : headSorted.median / baseSorted.median
        return PointComparison(
            point: point.key, baseCount: base.count, headCount: head.count,
            baseMedian: baseSorted.median, headMedian: headSorted.median, ratio: ratio,
            ratioLower: ratioCI?.lower ?? .nan, ratioUpper: ratioCI?.upper ?? .nan, u: test.u, pValue: test.pValue,
            adjustedP: test.pValue, testMethod: test.method.rawValue, shift: shift?.estimate ?? .nan,
            shiftLower: shift?.lower ?? .nan, shiftUpper: shift?.upper ?? .nan,
            detectableChange: detectable?.relative ?? .nan, verdict: .unchanged)
    }

    private func verdict(_ point: PointComparison) -> PointComparison.Verdict {
        guard point.adjustedP < alpha, point.ratio.isFinite, abs(point.change) >= threshold else { return .unchanged }
        let worse = metric.lowerIsBetter ? point.ratio > 1 : point.ratio < 1
        return worse ? .regression : .improvement
    }

    /// The metric's per-repetition values of every point of a run, or why it has none.
    private func values(_ data: ReportData) -> [PointID: Result<[Double], ComparisonMetric.Unavailable>] {
        var samples = PointTimings.grouped(data.samples)
        for (point, values) in data.sampleMetric { samples[point, default: PointTimings()].metric = values }
        let medians = samples.mapValues { (try? SortedSample($0.wallNanos))?.median }
        var result: [PointID: Result<[Double], ComparisonMetric.Unavailable>] = [:]
        for point in data.points {
            let baselineMedian = point.baselinePointID.flatMap { medians[$0] ?? nil }
            result[point.id] = Result { () throws(ComparisonMetric.Unavailable) in
                try metric.values(of: point, samples: samples[point.id], baselineMedianWall: baselineMedian)
            }
        }
        return result
    }

    /// The environment fields that differ, in the order a reader checks them.
    static func differences(_ base: RunEnvironment, _ head: RunEnvironment) -> [Comparison.Difference] {
        let fields: [(String, (RunEnvironment) -> String)] = [
            ("logical cores", { String($0.logicalCores) }), ("build configuration", { $0.buildConfiguration }),
            ("CPU", { $0.cpuModel }), ("Swift", { $0.swiftVersion }), ("commit", { $0.gitCommit ?? "-" }),
            ("host", { $0.host }), ("OS", { $0.operatingSystem }), ("kernel", { $0.kernel }),
            ("speedlab", { $0.toolVersion }),
        ]
        return fields.compactMap { name, read in
            read(base) == read(head) ? nil : Comparison.Difference(field: name, base: read(base), head: read(head))
        }
    }

    /// A warning for each run that did not complete: its points may lack samples.
    static func incompleteWarnings(_ runs: StoredRun...) -> [ReportWarning] {
        var seen = Set<RunID>()
        return runs.filter { $0.status != .completed && seen.insert($0.id).inserted }.map { run in
            ReportWarning(
                .incompleteRun,
                .words(
                    "Run \(run.id) is \(run.status.rawValue), not completed: its points may lack samples, and it is "
                        + "not part of the history."),
                remedy: [
                    .plain("Finish it with "), .code("speedlab run --resume \(run.id)"),
                    .plain(", or compare completed runs."),
                ])
        }
    }

    static func warnings(_ differences: [Comparison.Difference]) -> [ReportWarning] {
        // Another host is another machine, even with the same core count (a team store holds many).
        let loud = differences.filter { ["logical cores", "build configuration", "host"].contains($0.field) }
        guard !loud.isEmpty else { return [] }
        let what = loud.map { "\($0.field) \($0.base) → \($0.head)" }.joined(separator: ", ")
        return [
            ReportWarning(
                .environmentsDiffer,
                [
                    .plain("The runs were measured on different setups ("), .text(what),
                    .plain("): their timings are not comparable."),
                ],
                remedy: .words("Compare runs from the same machine (host) and build configuration."))
        ]
    }
}
