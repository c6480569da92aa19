import SpeedLabCore

extension SpeedupReportContent {
    /// The llm section's table of what the requests measured: per point, the swept
    /// parameters, then the medians over repetitions of the ttft, itl, tpot and e2e
    /// percentiles, requests and output tokens per second, and errors. Nil for other sections.
    func llmTable(_ section: SpeedupReport.Section) -> DocumentTable? {
        let rows = section.rows.compactMap { report.llm[$0.pointID] }
        guard !rows.isEmpty else { return nil }
        let headings = [
            "ttft p50 ms", "ttft p90 ms", "ttft p99 ms", "itl p50 ms", "itl p99 ms", "tpot p50 ms", "tpot p99 ms",
            "e2e p50 ms", "e2e p99 ms", "requests/s", "output tokens/s", "errors",
        ]
        var table = DocumentTable(header: section.sweptParameters.map { [.text($0)] } + headings.map(TextSpans.words))
        for figures in rows {
            var cells: [TextSpans] = section.sweptParameters.map {
                figures.parameters[$0].map { [.text($0.canonicalText)] } ?? .words("-")
            }
            for (index, column) in LLMPointFigures.columns.enumerated() {
                let decimals = index < 9 ? 2 : (column == Metric.errors.name ? 0 : 1)
                cells.append(.words(figures.medians[column].map { HumanFormat.fixed($0, decimals) } ?? "-"))
            }
            let key = section.rows.first { $0.pointID == figures.pointID }.map {
                PointKey(scenario: section.scenario, parameters: $0.parameters)
            }
            table.rows.append(DocumentTable.Row(cells, point: key))
        }
        return table
    }

    /// What the llm table's figures are, and where output tokens were counted from.
    func llmNote(_ section: SpeedupReport.Section) -> TextSpans? {
        let rows = section.rows.compactMap { report.llm[$0.pointID] }
        guard !rows.isEmpty else { return nil }
        let sources = Set(rows.compactMap(\.tokenSource))
        let counted: String
        switch sources {
        case ["usage"]: counted = "the server's usage"
        case ["chunks"]: counted = "the content chunks counted (the server sent no usage)"
        default: counted = "the server's usage where it sent one, else the content chunks counted"
        }
        return .words(
            "Per request, from the moment its first byte was written: ttft to the first chunk with content, itl "
                + "every gap between two content chunks, tpot (e2e − ttft) ÷ (output tokens − 1), e2e to [DONE]. "
                + "Each figure is the median over repetitions of that repetition's exact percentile over every "
                + "request (every gap for itl). Output tokens come from \(counted).")
    }
}
