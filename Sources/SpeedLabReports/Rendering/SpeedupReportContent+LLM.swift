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

    /// The open loops' table: per point at a rate, the offered and achieved rates, the
    /// dispatch delay, the latencies from the schedule, goodput and the objectives. Nil when
    /// the section has no open loop.
    func loadTable(_ section: SpeedupReport.Section) -> DocumentTable? {
        let rows = section.rows.compactMap { report.llm[$0.pointID] }.filter(\.isOpenLoop)
        guard !rows.isEmpty else { return nil }
        let headings = [
            "sched ttft p99 ms", "sched e2e p50 ms", "sched e2e p99 ms", "dispatch delay p50 ms",
            "dispatch delay p99 ms",
            "offered /s", "achieved /s", "goodput /s", "within ttft", "within tpot", "within e2e", "meets SLO",
        ]
        var table = DocumentTable(header: section.sweptParameters.map { [.text($0)] } + headings.map(TextSpans.words))
        for figures in rows {
            var cells: [TextSpans] = section.sweptParameters.map {
                figures.parameters[$0].map { [.text($0.canonicalText)] } ?? .words("-")
            }
            for (index, column) in LLMPointFigures.loadColumns.enumerated() {
                let value = figures.medians[column]
                let text: String
                switch index {
                case 0..<5: text = value.map { HumanFormat.fixed($0, 2) } ?? "-"
                case 5..<8: text = value.map { HumanFormat.fixed($0, 1) } ?? "-"
                case 8..<11: text = value.map { HumanFormat.fixed($0 * 100, 1) + "%" } ?? "-"
                default: text = value.map { $0 >= 1 ? "yes" : "no" } ?? "-"
                }
                cells.append(.words(text))
            }
            table.rows.append(DocumentTable.Row(cells))
        }
        return table
    }

    /// What the load table shows.
    static let loadNote: TextSpans = .words(
        "At a request rate (an open loop), each request is due at its scheduled time whatever the ones before it do. "
            + "sched ttft and sched e2e count from that time (what a user of the server waited, coordinated omission "
            + "included); the dispatch delay is schedule → send (a wait for max_concurrency, or SpeedLab behind its "
            + "schedule). Goodput counts the requests within every objective on their own; a point meets its SLO when "
            + "each figure's slo_percentile is within its objective. Medians over repetitions.")

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
