import SpeedLabReports
import SpeedLabTestSupport
import Testing

/// User input (labels, sweep names, parameter values) cannot break the Markdown it lands in.
@Suite struct MarkdownEscapingTests {
    @Test func pipesAndLineBreaksInCellsAreEscaped() {
        var table = MarkdownTable(header: ["label", "n"])
        table.append(["a|b\nc", "1"])
        #expect(table.render() == "| label | n |\n|---|---|\n| a\\|b c | 1 |\n")
        #expect(Self.tablesWithRaggedRows(table.render()).isEmpty)
        #expect(Self.tablesWithRaggedRows("| a | b |\n|---|---|\n| x | y|z |\n") == ["| a | b |"])
    }

    @Test func headingsAndCodeStayOnOneLineWithoutTerminalEscapes() {
        #expect(MarkdownText.inline("night\nly\u{1B}[31m") == "night ly\\[31m")
        #expect(MarkdownText.code("a`b") == "`` a`b ``")
        #expect(MarkdownText.code("plain") == "`plain`")
    }

    @Test func aLabelWithAPipeAndANewlineKeepsTheComparisonTablesIntact() throws {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        defer { store.remove() }
        try store.execute("UPDATE run SET label = 'pr|12\nfix' WHERE id = 2")
        let comparison = ComparisonBuilder().compare(
            base: try ReportData(run: 1, from: store.runs), head: try ReportData(run: 2, from: store.runs))
        let markdown = ComparisonRenderer().markdown(comparison)
        #expect(markdown.hasPrefix("# SpeedLab comparison — run 1 (before) → run 2 (pr|12 fix)\n"))
        #expect(Self.tablesWithRaggedRows(markdown).isEmpty)
    }

    @Test func aSweepSourceWithAPipeKeepsTheReportHeaderIntact() throws {
        let store = try SyntheticStore.make(from: "stores/two-scenarios.sql")
        defer { store.remove() }
        try store.execute("UPDATE run SET sweepSource = 'sweeps/a|b.yaml', label = 'x\ny'")
        let report = try SpeedupReportBuilder().build(run: 1, from: store.runs)
        let markdown = SpeedupReportRenderer().markdown(report)
        #expect(markdown.hasPrefix("# SpeedLab report — run 1 (x y)\n"))
        #expect(markdown.contains("| Sweep | `two-scenarios` from sweeps/a\\|b.yaml |"))
        #expect(Self.tablesWithRaggedRows(markdown).isEmpty)
    }

    /// The tables whose rows do not all have the same number of (unescaped) cell separators.
    static func tablesWithRaggedRows(_ markdown: String) -> [String] {
        var ragged: [String] = []
        var counts: [Int] = []
        var first = ""
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [""]
        for line in lines {
            guard line.hasPrefix("|") else {
                if Set(counts).count > 1 { ragged.append(first) }
                counts = []
                continue
            }
            if counts.isEmpty { first = line }
            var separators = 0
            var previous: Character = " "
            for character in line {
                if character == "|" && previous != "\\" { separators += 1 }
                previous = character
            }
            counts.append(separators)
        }
        return ragged
    }
}
