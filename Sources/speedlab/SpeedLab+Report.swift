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
                Exit codes: 0 written, 64 unknown run or format, 66 no database, 73 output not writable.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "A run id, a label, `latest` or `latest~N` (default: the latest completed run).")
        var run: String?
        @Option(help: "Output folder (default: reports/<run-id>); `-` prints the Markdown to standard output.")
        var out: String?
        @Option(help: "Comma-separated formats: md, csv, svg (default: all).")
        var format = "md,csv,svg"

        func validate() throws {
            _ = try formats()
        }

        func formats() throws -> Set<ReportOutput.Format> {
            var result = Set<ReportOutput.Format>()
            for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let value = ReportOutput.Format(rawValue: name) else {
                    throw ValidationError("unknown format '\(name)'. Valid: md, csv, svg.")
                }
                result.insert(value)
            }
            return result
        }

        func run() async throws {
            let runs = try store.open(create: false)
            let output = ReportOutput(store: runs)
            do {
                let id =
                    try run.map { reference throws(StoreError) in try runs.resolveRun(reference) }
                    ?? runs.latestRun(status: .completed) ?? runs.resolveRun("latest")
                if out == "-" {
                    let rendered = try output.render(run: id, formats: [.md])
                    print(rendered.files.first { $0.name == "report.md" }?.text ?? "", terminator: "")
                    return
                }
                let folder = URL(fileURLWithPath: out ?? "reports/\(id)")
                let rendered = try output.render(run: id, formats: try formats())
                let written = try ReportOutput.writeAtomically(rendered.files, to: folder)
                print(
                    "wrote \(written.count) files to \(folder.path)/ (open \(folder.appendingPathComponent("report.md").path))"
                )
            } catch let error as ReportOutput.WriteError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(SpeedLabExitCode.cannotWriteOutput.rawValue)
            } catch {
                throw SpeedLabExitCode.report(error)
            }
        }
    }
}
