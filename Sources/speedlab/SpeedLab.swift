import ArgumentParser
import SpeedLabCore

/// The `speedlab` command: measure concurrency patterns, keep every timing, report speedups.
@main
struct SpeedLab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speedlab",
        abstract: "Measure what concurrency patterns buy on this machine, and remember every measurement.",
        discussion: """
            Exit codes: 0 ok, 1 failure (e.g. checksum mismatch), 3 regression (compare --fail-on-regression), \
            4 nothing compared (compare --fail-on-regression), 64 usage, 65 bad sweep file, \
            66 missing input (or no such database on the server), 68 database server unreachable, 69 services unavailable, 73 report folder not writable, 74 database I/O error, 75 database locked, 76 database from a newer speedlab, 77 database server refused the login, \
            130 interrupted (finished samples kept).
            """,
        version: SpeedLabVersion.current,
        subcommands: [
            Run.self, Report.self, Compare.self, History.self, Runs.self, Show.self, Scenarios.self, Services.self,
            Trace.self, Import.self, Bench.self, Load.self, Site.self,
        ],
        defaultSubcommand: nil
    )
}
