import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

extension SpeedLab {
    /// `speedlab report [RUN]`: Markdown, CSV and SVG speedup reports of a stored run.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a run's speedup report (Markdown, CSV, SVG charts) from the store.",
            discussion: """
                Reads only the store; never measures. Examples:
                  speedlab report                      # latest completed run → reports/<id>/
                  speedlab report nightly --format md,csv --out /tmp/r
                  speedlab report 3 --out -            # Markdown on standard output
                  speedlab report 3 --timeline 17      # the timeline of point 17 (ids: speedlab show 3)
                Exit codes: 0 written, 64 unknown run or format, 66 no database, 73 output not writable.
                """)

        @OptionGroup var store: StoreOptions
        @Flag(
            help:
                "Count interrupted, failed and crashed runs too (by default `latest`, labels and history use completed runs)."
        )
        var includeIncomplete = false
        @Argument(help: "A run id, a label, `latest` or `latest~N` (default: the latest completed run).")
        var run: RunReference?
        @Option(help: "Output folder (default: reports/<run-id>); `-` prints the Markdown to standard output.")
        var out: String?
        @Option(help: "Comma-separated formats.")
        var format = ReportFormats(Set(ReportFiles.Format.allCases))
        @Option(
            help: "Write only the timeline SVG of this point (an id from `speedlab show RUN`); repeat for several.")
        var timeline: [Int64] = []

        func run() async throws {
            let runs = try store.open(.read)
            let output = ReportOutput(store: runs)
            if !timeline.isEmpty {
                try writeTimelines(runs)
                return
            }
            let (folder, rendered) = try SpeedLabExitCode.reporting {
                let id =
                    try run.map { reference throws(StoreError) in
                        try runs.resolveRun(reference.selector, completedOnly: !includeIncomplete)
                    } ?? runs.resolveRun(.latest, completedOnly: !includeIncomplete)
                let rendered = try output.render(run: id, formats: out == "-" ? [.md] : format.formats)
                return (URL(fileURLWithPath: out ?? "reports/\(id)"), rendered)
            }
            if out == "-" {
                print(rendered.files.first { $0.name == "report.md" }?.text ?? "", terminator: "")
                return
            }
            let written = try ReportOutput.write(rendered.files, to: folder)
            print(
                "wrote \(written.count) files to \(folder.path)/ (open \(folder.appendingPathComponent("report.md").path))"
            )
        }

        /// `--timeline POINT…`: only those points' timelines, into the folder or to standard output.
        private func writeTimelines(_ runs: any RunDatabase) throws {
            let (id, files) = try SpeedLabExitCode.reporting {
                let id =
                    try run.map { reference throws(StoreError) in
                        try runs.resolveRun(reference.selector, completedOnly: !includeIncomplete)
                    } ?? runs.resolveRun(.latest, completedOnly: !includeIncomplete)
                return (id, try ReportOutput(store: runs).timelines(run: id, points: timeline))
            }
            if out == "-" {
                for file in files { print(file.text, terminator: "") }
                return
            }
            let folder = URL(fileURLWithPath: out ?? "reports/\(id)")
            let written = try ReportOutput.write(files, to: folder)
            for path in written { print("wrote \(path)") }
        }
    }
}
