import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabScenarios
import SpeedLabStore

/// Builds a run's report and writes it: `report.md`, `points.csv`, `samples.csv` and one SVG
/// per chart into a folder, each written to a temporary file and renamed into place, so a
/// failure never leaves a partial report behind.
struct ReportOutput {
    enum Format: String, CaseIterable {
        case md, csv, svg
    }

    /// Why a report could not be written (exit code 73).
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String

        var description: String {
            "cannot write the report to \(path) (\(reason)). Choose a writable folder with --out, or fix its permissions."
        }
    }

    let store: RunStore

    /// The report of `run`, with sections in the registry's order.
    func build(run: RunID) throws -> SpeedupReport {
        try SpeedupReportBuilder().build(run: run, from: store, scenarioOrder: ScenarioRegistry.standard.names)
    }

    /// Renders `report` in `formats` and writes the files into `folder`; returns their paths.
    func write(_ report: SpeedupReport, formats: Set<Format>, to folder: URL) throws -> [String] {
        var files: [(name: String, text: String)] = []
        var charts: [String: [SVGChartFile]] = [:]
        if formats.contains(.svg) {
            for section in report.sections { charts[section.scenario] = SVGChart.charts(for: section) }
            files += charts.values.joined().map { ($0.fileName, $0.svg) }
        }
        if formats.contains(.md) {
            files.append(("report.md", markdown(report, charts: charts)))
        }
        if formats.contains(.csv) {
            let csv = CSVRenderer()
            files.append(("points.csv", csv.points(report)))
            let scenarios = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.pointID, $0.scenario) })
            files.append(("samples.csv", try csv.samples(run: report.run.id, scenarios: scenarios) { body in
                try store.forEachSample(ofRun: report.run.id, body)
            }))
        }
        return try Self.writeAtomically(files, to: folder)
    }

    func markdown(_ report: SpeedupReport, charts: [String: [SVGChartFile]] = [:]) -> String {
        let summaries = Dictionary(uniqueKeysWithValues: ScenarioRegistry.standard.scenarios.map { ($0.name, $0.summary) })
        return MarkdownRenderer(scenarioSummaries: summaries, charts: charts).render(report)
    }

    /// Writes each file as `.name.tmp-PID` and renames it into place; on any failure removes
    /// every temporary file written so far and throws.
    static func writeAtomically(_ files: [(name: String, text: String)], to folder: URL) throws -> [String] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder.path, reason: "cannot create the folder")
        }
        let pid = ProcessInfo.processInfo.processIdentifier
        var temporaries: [(URL, URL)] = []
        do {
            for file in files {
                let target = folder.appendingPathComponent(file.name)
                let temporary = folder.appendingPathComponent(".\(file.name).tmp-\(pid)")
                guard FileManager.default.createFile(atPath: temporary.path, contents: Data(file.text.utf8)) else {
                    throw WriteError(path: folder.path, reason: "the folder is not writable")
                }
                temporaries.append((temporary, target))
            }
            for (temporary, target) in temporaries {
                guard rename(temporary.path, target.path) == 0 else {
                    throw WriteError(path: target.path, reason: String(cString: strerror(errno)))
                }
            }
        } catch {
            for (temporary, _) in temporaries { try? FileManager.default.removeItem(at: temporary) }
            throw error
        }
        return temporaries.map(\.1.path)
    }
}
