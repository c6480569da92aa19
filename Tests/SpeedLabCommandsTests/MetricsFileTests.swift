import SpeedLabCommands
import Testing

@Suite struct MetricsFileTests {
    @Test func linesWithUnitsAreReadAndBadLinesWarned() {
        let parsed = MetricsFile.parse("tokens_per_s=812.5\nttft = 0.42 s\n\n# note\nbroken\nx=abc\nok.rate=1e3\n")
        #expect(parsed.metrics == ["tokens_per_s": 812.5, "ttft": 0.42, "ok.rate": 1000])
        #expect(parsed.warnings.count == 2)
        #expect(parsed.warnings.first?.contains("line 5") == true)
    }

    @Test func nonFiniteAndBadNamesAreWarnings() {
        let parsed = MetricsFile.parse("9lives=1\nnan=nan\nspace name=2\n")
        #expect(parsed.metrics.isEmpty)
        #expect(parsed.warnings.count == 3)
    }
}
