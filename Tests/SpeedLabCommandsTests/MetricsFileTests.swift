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

    @Test func aLineThatIsNotUTF8IsWarnedAndTheOthersCount() {
        let bytes =
            Array("good=3 ms\n".utf8) + [0xFF, 0xFE] + Array("bad=1\nun\u{1B}[31mit=2 x\u{FF}\nlast=4\n".utf8)
            + [0x6F, 0x6B, 0x3D, 0x31, 0xC3]  // "ok=1" and a cut multi-byte sequence
        let parsed = MetricsFile.parse(bytes: bytes)
        #expect(parsed.metrics == ["good": 3, "last": 4])
        #expect(parsed.warnings.count == 3)
        #expect(parsed.warnings.first?.contains("line 2") == true)
    }
}
