import ArgumentParser
import Foundation
import SpeedLabScenarios
import SpeedLabSite
import SpeedLabStore

extension SpeedLab {
    /// `speedlab site`: the whole store as a static folder of pages that opens from `file://`.
    struct Site: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the store's history as a static HTML site (opens from file://, offline).",
            discussion: """
                Pages: the overview of every point (sparklines, latest change, last change point), a page \
                per point (median per run with its CI band, change points, zoom, log scale, samples), the \
                parameters view, a page per run (its report), comparisons of consecutive runs (and of any \
                two in the browser), and the change points with an Atom feed (changes.atom).
                No server, no network, no third-party script. The same store gives the same bytes; a build \
                over a grown store rewrites only what changed.
                Examples:
                  speedlab site --out site && xdg-open site/index.html
                  speedlab site --db postgres://ci@db/speedlab --host bench-01 --since 2026-11-01
                Exit codes: 0 done, 64 usage, 66 no database, 73 cannot write the folder, 74 database error.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "The folder to write (created when missing; an earlier site there is updated).")
        var out = "site"
        @Option(help: "Only runs measured on this host (by default each host gets series of its own).")
        var host: String?
        @Flag(help: "Mix the runs of every host in one series per point.")
        var allHosts = false
        @Option(help: "Only runs started on or after this day (YYYY-MM-DD, UTC).") var since: CalendarDay?

        func validate() throws {
            if host != nil, allHosts { throw ValidationError("--host and --all-hosts cannot be used together.") }
        }

        func run() async throws {
            let runs = try store.open(.read)
            let filter = HistoryFilter(since: since?.start, host: host, mixesHosts: allHosts)
            let builder = SiteBuilder(
                filter: filter, scenarioOrder: ScenarioRegistry.standard.names,
                scenarioSummaries: ReportOutput.scenarioSummaries)
            let folder = URL(fileURLWithPath: out)
            let summary: SiteWriter.Summary
            do {
                summary = try SiteWriter(folder: folder).build(builder, store: runs)
            } catch let error as SiteWriter.WriteError {
                FileHandle.standardError.write(Data("error: \(TerminalText.safe(error.description))\n".utf8))
                throw ExitCode(SpeedLabExitCode.cannotWriteOutput.rawValue)
            } catch {
                throw SpeedLabExitCode.report(error)
            }
            print(
                "\(summary.points) points, \(summary.runs) runs, \(summary.changePoints) change points; "
                    + "\(summary.written) files written, \(summary.unchanged + summary.kept) unchanged, "
                    + "\(summary.removed) removed: \(TerminalText.safe(folder.path))/index.html")
        }
    }
}
