import SpeedLabCore
import SpeedLabReports
import SpeedLabStore
import SpeedLabTestSupport
import Testing

/// The report of command points, from a synthetic store (`fixtures/stores/make_commands_store.py`).
@Suite struct CommandReportTests {
    static func files() throws -> (ReportFiles, SyntheticStore) {
        let store = try SyntheticStore.make(from: "stores/commands.sql")
        return (ReportFiles.make(try ReportData(run: 1, from: store.runs), formats: [.md, .svg]), store)
    }

    @Test func markdownReportOfCommandPointsMatchesGoldenFile() throws {
        let (files, store) = try Self.files()
        defer { store.remove() }
        let markdown = try #require(files.files.first { $0.name == "report.md" }).text
        try expectMatchesGolden(markdown, named: "reports/commands.md")
    }

    @Test func commandRowsCarryTheirRecordSpeedupRSSAndOwnMetrics() throws {
        let (files, store) = try Self.files()
        defer { store.remove() }
        let rows = files.report.rows
        let fast = try #require(rows.first { $0.parameters["concurrency"] == .integer(32) })
        #expect(fast.command?.shell == false)
        #expect(fast.command?.argv == ["python3", "agent.py", "--concurrency", "32", "--tasks", "64"])
        #expect(fast.wall?.value == 52.3e6)
        #expect(fast.speedup.map { ($0.value * 100).rounded() / 100 } == 24.89)
        #expect(fast.idealSpeedup == nil && fast.efficiency == nil)
        #expect(fast.counters["tokens_per_s"] == 1229)
        #expect(rows.first { $0.scenario == "flaky" }?.status == .failed)
        let markdown = try #require(files.files.first { $0.name == "report.md" }).text
        #expect(markdown.contains("no timeline: command points have no spans"))
        #expect(markdown.contains("Exec'd directly (no shell, nothing subtracted)"))
        #expect(markdown.contains("Run by `/bin/sh -c`; the shell's start-up (0.90 ms)"))
        #expect(markdown.contains("flaky code=3 failed: flaky code=3: the command exited with code 3"))
        #expect(!files.files.contains { $0.name.hasPrefix("timeline-") })
    }
}
