import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore
import SpeedLabTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
    import SpeedLabSQLite
#endif

@Suite struct SpeedupReportTests {
    static let order = ["sequential", "concurrent"]

    static func report() throws -> (SpeedupReport, SyntheticStore) {
        let store = try SyntheticStore.make(from: "stores/two-scenarios.sql")
        return (try SpeedupReportBuilder().build(run: 1, from: store.runs, scenarioOrder: order), store)
    }

    @Test func markdownReportMatchesGoldenFile() throws {
        let (report, store) = try Self.report()
        defer { store.remove() }
        let markdown = SpeedupReportRenderer(scenarioSummaries: ["concurrent": "all fetches on one thread"])
            .markdown(report)
        try expectMatchesGolden(markdown, named: "reports/two-scenarios.md")
    }

    @Test func pointsCSVMatchesGoldenFile() throws {
        let (report, store) = try Self.report()
        defer { store.remove() }
        try expectMatchesGolden(CSVRenderer().points(report), named: "reports/two-scenarios-points.csv")
    }

    @Test func samplesCSVListsEveryRepetitionAndMatchesGoldenFile() throws {
        let (report, store) = try Self.report()
        defer { store.remove() }
        let scenarios = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.pointID, $0.scenario) })
        let csv = CSVRenderer().samples(run: 1, rows: try store.runs.samples(ofRun: 1), scenarios: scenarios)
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 4 * 6)
        try expectMatchesGolden(csv, named: "reports/two-scenarios-samples.csv")
    }

    @Test func svgChartIsWellFormedXMLAndMatchesGoldenFile() throws {
        let (report, store) = try Self.report()
        defer { store.remove() }
        let section = try #require(report.sections.first { $0.scenario == "concurrent" })
        let charts = SVGChart.charts(for: section)
        #expect(charts.map(\.fileName) == ["concurrent-tasks.svg"])
        let svg = try #require(charts.first?.svg)
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "SVG does not parse: \(String(describing: parser.parserError))")
        try expectMatchesGolden(svg, named: "reports/concurrent-tasks.svg")
    }

    @Test func speedupEfficiencyAndBottleneckFollowFromTheSamples() throws {
        let (report, store) = try Self.report()
        defer { store.remove() }
        let row = try #require(report.rows.first { $0.pointID == 2 })
        #expect(row.wall?.value == 10.4e6)
        #expect(row.baselineMedianNanos == 80.3e6)
        let speedup = try #require(row.speedup)
        #expect(abs(speedup.value - 80.3 / 10.4) < 1e-12)
        #expect(speedup.lower <= speedup.value && speedup.value <= speedup.upper)
        #expect(abs((row.efficiency ?? 0) - 10 / 10.4) < 1e-12)
        #expect(abs((row.idealSpeedup ?? 0) - 8.03) < 1e-12)
        #expect(row.bottleneck == .io)
        #expect(row.counters["calls"] == 8)
        let outlier = try #require(report.rows.first { $0.pointID == 4 })
        #expect(outlier.severeOutliers == 1)
        #expect(report.warnings.map(\.kind) == [.outliers])
    }

    /// Over http, a client whose CPU per request × requests ÷ cores outlasts the I/O waves is
    /// what the point measures, and the bottleneck column names it; a lean one leaves I/O waves.
    @Test func theClientsCPUIsTheBottleneckWhenItOutlastsTheIOWaves() {
        func metrics(requests: Double, perCall: Double) -> [String: MetricSummary] {
            [
                "http_requests": MetricSummary(count: 7, mean: requests, minimum: requests, maximum: requests),
                "client_cpu_us_per_call": MetricSummary(count: 7, mean: perCall, minimum: perCall, maximum: perCall),
            ]
        }
        // N = 1,024 requests of 20 ms on 2 cores: 115 µs each is 58.9 ms of CPU per core, 20 µs is 10.2 ms.
        let heavy = SpeedupReportBuilder.clientCPUNanos(metrics: metrics(requests: 1024, perCall: 115), cores: 2)
        let lean = SpeedupReportBuilder.clientCPUNanos(metrics: metrics(requests: 1024, perCall: 20), cores: 2)
        #expect(abs((heavy ?? 0) - 1024 * 115_000 / 2) < 1)
        #expect(SpeedupReportBuilder.clientCPUNanos(metrics: [:], cores: 2) == nil)
        func bottleneck(_ client: Double?, efficiency: Double = 0.3, cpu: Int64 = 0) -> PointRow.Bottleneck? {
            SpeedupReportBuilder.bottleneck(
                ioNanos: 20_000_000, cpuNanos: cpu, efficiency: efficiency, clientCPUNanos: client,
                overheadEfficiency: 0.6)
        }
        #expect(bottleneck(heavy) == .clientCPU)
        #expect(bottleneck(lean) == .overhead)
        #expect(bottleneck(lean, efficiency: 0.9) == .io)
        #expect(bottleneck(nil, efficiency: 0.9) == .io)
        // A CPU-bound point stays CPU: its process CPU is mostly the kernel's.
        #expect(bottleneck(heavy, efficiency: 0.9, cpu: 80_000_000) == .cpu)
    }

    @Test func headlineJudgesTargetsAndTheCoreCap() throws {
        let (report, store) = try Self.report()
        defer { store.remove() }
        #expect(report.headline.map(\.verdict) == [.met, .notMeasured, .notMeasured, .notMeasured])
        #expect(report.headline[0].measured == "57.8× at tasks=64")
        #expect(report.headline[1].note == "this machine has 2 logical cores: CPU speedup is capped at 2×")
    }

    @Test func csvQuotesFieldsAsRFC4180Requires() {
        #expect(CSVRenderer.field("plain") == "plain")
        #expect(CSVRenderer.field("a,b") == "\"a,b\"")
        #expect(CSVRenderer.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }

    @Test func aRenderedFileIsWrittenByteForByteAndAFailureCarriesItsErrno() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let text = "run,point,scenario\r\n1,2,\"a, b\"\r\nµs ≈ ✓\r\n" + String(repeating: "0123456789", count: 100_000)
        let url = URL(fileURLWithPath: folder.path("samples.csv"))
        try RenderedFile(name: "samples.csv", text: "a longer text that the next write must truncate entirely")
            .write(to: url)
        try RenderedFile(name: "samples.csv", text: text).write(to: url)
        #expect(try Data(contentsOf: url) == Data(text.utf8))
        let missing = URL(fileURLWithPath: folder.path("no-such-folder/report.md"))
        let error = try #require(throws: NSError.self) {
            try RenderedFile(name: "report.md", text: "x").write(to: missing)
        }
        #expect(error.domain == NSPOSIXErrorDomain)
        #expect(error.code == Int(ENOENT))
    }
}
