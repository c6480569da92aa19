import ArgumentParser
import Foundation
import SpeedLabReports
import SpeedLabStore

extension SpeedLab {
    /// `speedlab compare BASE HEAD`: per-point changes between two runs.
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two runs point by point and flag regressions.",
            discussion: """
                Runs are named by id, label, `latest` or `latest~N`. Examples:
                  speedlab compare latest~1 latest
                  speedlab compare nightly pr-123 --metric speedup --threshold 10 --out reports/compare
                  speedlab compare latest~1 latest --fail-on-regression   # exit code 3 when a point regressed
                Exit codes: 0 done (no regression, or no --fail-on-regression), 3 regression, 4 nothing compared \
                (with --fail-on-regression), 64 usage, 66 no database.
                """)

        @OptionGroup var store: StoreOptions
        @Flag(
            help:
                "Count interrupted, failed and crashed runs too (by default `latest`, labels and history use completed runs)."
        )
        var includeIncomplete = false
        @Argument(help: "The baseline run.") var base: RunReference
        @Argument(help: "The run checked against the baseline.") var head: RunReference
        @Option(
            help:
                "What to compare: wall, cpu, speedup, efficiency, or a sample metric NAME (a command's own; lower is better, NAME:higher when higher is)."
        ) var metric = Choice(ComparisonMetric.wall)
        @Option(help: "Significance level, after Benjamini-Hochberg adjustment across points.") var alpha = 0.05
        @Option(help: "Smallest relative change that counts, in percent.") var threshold = 5.0
        @Option(
            help:
                "Write comparison.md and comparison.csv into this folder (`auto`: reports/compare-BASE-HEAD; default or `-`: Markdown on standard output)."
        )
        var out: String?
        @Flag(help: "Exit with code 3 when any point regressed.") var failOnRegression = false

        func validate() throws {
            guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1 (got \(alpha)).") }
            guard threshold >= 0, threshold.isFinite else {
                throw ValidationError("--threshold must be 0 or more (got \(threshold)).")
            }
        }

        func run() async throws {
            let runs = try store.open(.read)
            let comparison: Comparison
            do {
                let baseID = try runs.resolveRun(base.selector, completedOnly: !includeIncomplete)
                let headID = try runs.resolveRun(head.selector, completedOnly: !includeIncomplete)
                let baseData = try ReportData(run: baseID, from: runs, sampleMetric: metric.value.sampleMetric)
                let headData = try ReportData(run: headID, from: runs, sampleMetric: metric.value.sampleMetric)
                if let missing = ComparisonBuilder.missingSampleMetric(metric.value, base: baseData, head: headData) {
                    throw ValidationError(missing)
                }
                comparison = ComparisonBuilder(metric: metric.value, alpha: alpha, threshold: threshold / 100)
                    .compare(base: baseData, head: headData)
            } catch let error as ValidationError {
                throw error
            } catch {
                throw SpeedLabExitCode.report(error)
            }
            let renderer = ComparisonRenderer()
            if let out, out != "-" {
                let folder = URL(
                    fileURLWithPath: out == "auto" ? "reports/compare-\(comparison.base.id)-\(comparison.head.id)" : out
                )
                _ = try ReportOutput.write(renderer.files(comparison), to: folder)
                print(
                    "\(comparison.regressions.count) regressions, \(comparison.improvements.count) improvements, "
                        + "\(comparison.unchanged.count) unchanged, \(comparison.notComparable.count) not comparable; wrote \(folder.path)/comparison.md and comparison.csv"
                )
            } else {
                print(renderer.markdown(comparison), terminator: "")
            }
            for warning in comparison.warnings {
                FileHandle.standardError.write(Data("warning: \(TerminalText.safe(warning.message))\n".utf8))
            }
            if comparison.points.isEmpty {
                FileHandle.standardError.write(
                    Data(
                        ("warning: runs \(comparison.base.id) and \(comparison.head.id) have no point in common with "
                            + "values to compare: nothing was compared.\n").utf8))
                if failOnRegression {
                    FileHandle.standardError.write(
                        Data("error: --fail-on-regression cannot pass a gate that compared nothing.\n".utf8))
                    throw ExitCode(SpeedLabExitCode.nothingCompared.rawValue)
                }
            }
            if failOnRegression && comparison.hasRegressions {
                FileHandle.standardError.write(Data("\(comparison.regressions.count) point(s) regressed.\n".utf8))
                throw ExitCode(SpeedLabExitCode.regression.rawValue)
            }
        }
    }
}
