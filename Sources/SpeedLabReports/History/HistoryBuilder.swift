import SpeedLabCore
import SpeedLabStatistics
import SpeedLabStore

/// Builds a ``History``: per point, the run-by-run medians and the change points E-divisive
/// means finds in them (a permutation test for significance and a minimum magnitude, so a
/// single slow run stays an outlier, not a change).
public struct HistoryBuilder: Sendable {
    public var metric: ComparisonMetric
    public var detector: EDivisive

    public init(metric: ComparisonMetric = .wall, detector: EDivisive = EDivisive()) {
        self.metric = metric
        self.detector = detector
    }

    public func build(_ data: HistoryData, filter: HistoryFilter) -> History {
        let runs = Dictionary(uniqueKeysWithValues: data.runs.map { ($0.id, $0) })
        // One series per point and host: timings from different machines are not one series,
        // unless the filter mixes hosts on purpose.
        var order: [SeriesKey] = []
        var grouped: [SeriesKey: [(StoredPoint, StoredRun)]] = [:]
        for point in data.points {
            guard let runID = data.runOfPoint[point.id], let run = runs[runID] else { continue }
            let key = SeriesKey(point: point.key, host: filter.mixesHosts ? nil : run.environment.host)
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append((point, run))
        }
        let groups = order.map { (key: $0, members: grouped[$0] ?? []) }
        let detector = detector
        let metric = metric
        // Each series (its change points above all) on its own, on every core.
        let series = ConcurrentMap.map(groups, minimum: 8) { key, members -> History.Series? in
            guard let first = members.first?.0 else { return nil }
            let kept = members.compactMap { point, run -> (entry: History.Entry, point: StoredPoint)? in
                guard
                    let values = try? metric.values(
                        of: point, samples: data.samples[point.id], baselineMedianWall: nil),
                    let sorted = try? SortedSample(values)
                else { return nil }
                return (History.Entry(run: run, samples: values.count, median: sorted.median), point)
            }.sorted { $0.entry.run.id < $1.entry.run.id }
            let entries = kept.map(\.entry)
            let changes = ((try? detector.changePoints(in: entries.map(\.median))) ?? []).map { change in
                History.Change(
                    index: change.index, run: entries[change.index].run, previousRun: entries[change.index - 1].run,
                    meanBefore: change.meanBefore, meanAfter: change.meanAfter,
                    changePercent: change.relativeChangePercent, pValue: change.pValue,
                    explanation: Self.explain(
                        entries[change.index - 1].run, entries[change.index].run,
                        commands: (kept[change.index - 1].point.command, kept[change.index].point.command)))
            }
            let noise = SeriesNoise.relative(entries.map(\.median))
            return History.Series(
                host: key.host, scenario: first.scenario, parameters: first.parameters, entries: entries,
                changes: changes,
                noise: noise, minimumChange: detector.minimumChange(noise: noise))
        }.compactMap { $0 }
        return History(
            metric: metric, filter: filter, series: series, minimumChangeFloor: detector.minimumRelativeChange)
    }

    private struct SeriesKey: Hashable {
        var point: PointKey
        var host: String?
    }

    /// What differs between two consecutive runs: the likely explanation of a step between them.
    /// For command points, `commands` holds the two points' command records: a program whose
    /// path or content hash changed is named.
    static func explain(_ before: StoredRun, _ after: StoredRun, commands: (String?, String?) = (nil, nil))
        -> [String]
    {
        var lines = ComparisonBuilder.differences(before.environment, after.environment).map {
            "\($0.field): \($0.base) → \($0.head)"
        }
        if let old = commands.0.flatMap(CommandRecord.init(json:)),
            let new = commands.1.flatMap(CommandRecord.init(json:))
        {
            if old.executable != new.executable {
                lines.append("executable: \(old.executable) → \(new.executable)")
            } else if old.executableHash != new.executableHash {
                lines.append(
                    "executable \(new.executable) changed (hash \(old.executableHash) → \(new.executableHash))")
            }
            if old.argv != new.argv {
                lines.append("command line: \(old.argv.joined(separator: " ")) → \(new.argv.joined(separator: " "))")
            }
        }
        if before.sweepYAML != after.sweepYAML { lines.append("sweep file changed") }
        return lines.isEmpty
            ? ["no recorded difference: look outside SpeedLab (load, thermal state, other software)"] : lines
    }
}
