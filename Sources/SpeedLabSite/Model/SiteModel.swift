import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStatistics
import SpeedLabStore

/// What a site shows, read from a store once: the completed runs it covers, every point's
/// series with change points, and the q-value of each change across the whole site.
struct SiteModel: Sendable {
    var runs: [StoredRun]
    var series: [SiteSeries]

    /// Every change of every series, largest |shift| first.
    var changes: [(series: SiteSeries, change: SiteSeries.Change)] {
        series.flatMap { series in series.changes.map { (series, $0) } }.sorted {
            (abs($0.change.shift), $1.series.id, $1.change.change.run.id) > (
                abs($1.change.shift), $0.series.id, $0.change.change.run.id
            )
        }
    }

    static func load(from store: any RunDatabase, filter: HistoryFilter) throws -> SiteModel {
        let data = try store.history(filter)
        let history = HistoryBuilder().build(data, filter: filter)
        let runs = Dictionary(uniqueKeysWithValues: data.runs.map { ($0.id, $0) })
        let when = Dictionary(uniqueKeysWithValues: data.runs.map { ($0.id, HumanFormat.timestamp($0.startedAt)) })
        struct Key: Hashable {
            var point: PointKey
            var host: String?
        }
        var order: [Key] = []
        var grouped: [Key: [SiteSeries.Entry]] = [:]
        for point in data.points {
            guard let runID = data.runOfPoint[point.id], let run = runs[runID] else { continue }
            let key = Key(point: point.key, host: filter.mixesHosts ? nil : run.environment.host)
            if grouped[key] == nil {
                order.append(key)
                grouped[key] = []
            }
            guard
                let entry = SiteSeries.Entry(
                    run: run, when: when[run.id] ?? "", samples: data.samples[point.id]?.wallNanos ?? [])
            else {
                continue
            }
            grouped[key, default: []].append(entry)
        }
        var changesByKey: [Key: [History.Change]] = [:]
        for series in history.series {
            changesByKey[
                Key(point: PointKey(scenario: series.scenario, parameters: series.parameters), host: series.host)] =
                series.changes
        }
        var series = order.compactMap { key -> SiteSeries? in
            let entries = (grouped[key] ?? []).sorted { $0.run.id < $1.run.id }
            guard !entries.isEmpty else { return nil }
            let changes = (changesByKey[key] ?? []).map { SiteSeries.Change(change: $0, qValue: $0.pValue) }
            return SiteSeries(
                id: SiteID.series(key.point, host: key.host), key: key.point, host: key.host, entries: entries,
                changes: changes)
        }
        series.sort { ($0.key, $0.host ?? "") < ($1.key, $1.host ?? "") }
        // q-values: Benjamini-Hochberg over every change point's permutation p-value.
        let pValues = series.flatMap { $0.changes.map(\.change.pValue) }
        if let adjusted = try? BenjaminiHochberg.adjust(pValues) {
            var next = 0
            for index in series.indices {
                for change in series[index].changes.indices {
                    series[index].changes[change].qValue = adjusted[next]
                    next += 1
                }
            }
        }
        return SiteModel(runs: data.runs, series: series)
    }
}
