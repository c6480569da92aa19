import Foundation
import SpeedLabCore

extension RunArchive {
    /// What in this archive SpeedLab could not have written: the marks of a damaged source
    /// (a byte overwritten inside a record decodes to other text or numbers). Empty when every
    /// value decodes and meets the constraints of both stores' schemas.
    ///
    /// Checked before an import writes anything, so a damaged source adds nothing.
    public func problems() -> [String] {
        var problems: [String] = []
        func check(_ condition: Bool, _ message: @autoclosure () -> String) {
            if !condition, problems.count < 20 { problems.append(message()) }
        }
        func text(_ value: String?, _ what: String, identifier: Bool = false) {
            guard let value else { return }
            check(!value.unicodeScalars.contains { $0.value == 0 }, "\(what) holds a NUL byte")
            check(!value.unicodeScalars.contains { $0 == "\u{FFFD}" }, "\(what) is not valid UTF-8")
            if identifier {
                check(
                    !value.isEmpty && !value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
                    "\(what) '\(HumanFormat.singleLine(value).prefix(60))' is not a name SpeedLab writes")
            }
        }
        check(RunStatus(rawValue: run.status).map { $0 != .crashed } ?? false, "the run's status '\(run.status)'")
        check(Timestamp.date(run.startedAt) != nil, "the run's start '\(run.startedAt)' is not a timestamp")
        if let finished = run.finishedAt { check(Timestamp.date(finished) != nil, "the run's end is not a timestamp") }
        if let beat = run.heartbeatAt { check(Timestamp.date(beat) != nil, "the run's heartbeat is not a timestamp") }
        check(run.repetitions >= 1 && run.warmup >= 0, "the run's repetitions or warm-ups are out of range")
        check(run.kernelNanosPerUnit.isFinite && run.kernelNanosPerUnit > 0, "the run's kernel cost is not a cost")
        text(run.label, "the label")
        text(run.sweepName, "the sweep name")
        text(run.sweepYAML, "the sweep")
        text(run.sweepSource, "the sweep's source")
        let environment = run.environment
        for (value, what) in [
            (environment.host, "the host"), (environment.operatingSystem, "the OS"), (environment.kernel, "the kernel"),
            (environment.cpuModel, "the CPU"), (environment.swiftVersion, "the Swift version"),
            (environment.buildConfiguration, "the build"), (environment.toolVersion, "the tool version"),
        ] {
            text(value, what)
        }
        text(environment.gitCommit, "the commit")
        check(environment.logicalCores >= 1 && environment.memoryBytes >= 0, "the machine's cores or memory")
        check(environment.loadAverage.isFinite && environment.loadAverage >= 0, "the load average")

        var ordinals = Set<Int64>()
        var keys = Set<String>()
        for point in points {
            let name = "point \(point.ordinal)"
            check(point.ordinal >= 0 && ordinals.insert(point.ordinal).inserted, "\(name): its ordinal repeats")
            text(point.scenario, "\(name)'s scenario", identifier: true)
            text(point.error, "\(name)'s error")
            check(
                ParameterPoint(canonicalJSON: point.parameters)?.canonicalJSON == point.parameters,
                "\(name)'s parameters are not the canonical JSON SpeedLab writes")
            check(keys.insert(point.scenario + "\u{0}" + point.parameters).inserted, "\(name) repeats another point")
            check(PointStatus(rawValue: point.status) != nil, "\(name)'s status '\(point.status)'")
            for ideal in [point.idealNanos, point.idealIONanos, point.idealCPUNanos] {
                check((ideal ?? 0) >= 0, "\(name)'s ideal time is negative")
            }
        }
        for point in points {
            if let baseline = point.baselineOrdinal {
                check(ordinals.contains(baseline), "point \(point.ordinal)'s baseline is not a point of the run")
            }
        }
        var repetitions = Set<[Int64]>()
        for sample in samples {
            let name = "a sample of point \(sample.pointOrdinal)"
            check(ordinals.contains(sample.pointOrdinal), "a sample belongs to no point of the run")
            check(
                repetitions.insert([sample.pointOrdinal, sample.isWarmup ? 1 : 0, sample.repetition]).inserted,
                "\(name) repeats repetition \(sample.repetition)")
            check(
                sample.repetition >= 0 && sample.wallNanos >= 0 && sample.userNanos >= 0 && sample.systemNanos >= 0
                    && sample.voluntarySwitches >= 0 && sample.involuntarySwitches >= 0 && sample.peakRSSBytes >= 0,
                "\(name) has a negative time or count")
            if let metrics = sample.metrics {
                text(metrics, "\(name)'s metrics")
                check(Self.isMetricsObject(metrics), "\(name)'s metrics are not a JSON object of numbers")
            }
        }
        for metric in pointMetrics {
            check(ordinals.contains(metric.pointOrdinal), "a point metric belongs to no point of the run")
            text(metric.name, "a point metric's name", identifier: true)
            check(
                metric.count >= 0 && metric.total.isFinite && metric.minimum.isFinite && metric.maximum.isFinite
                    && metric.minimum <= metric.maximum, "point metric '\(metric.name)' has impossible totals")
        }
        for trace in traces {
            let name = "the trace of point \(trace.pointOrdinal)"
            check(ordinals.contains(trace.pointOrdinal), "a trace belongs to no point of the run")
            check(trace.wallNanos >= 0, "\(name) has a negative wall time")
            check(trace.spanCount == trace.spans.count, "\(name) holds spans SpeedLab cannot read")
            for span in trace.spans {
                check(span.startNanos >= 0 && span.endNanos >= span.startNanos, "\(name) has a span that ends first")
                check(span.item >= 0 && (span.attempt ?? 1) >= 1 && (span.service ?? 0) >= 0, "\(name) has a bad span")
                text(span.thread, "\(name)'s thread name", identifier: true)
                text(span.outcome, "\(name)'s span outcome", identifier: true)
            }
        }
        for request in requests {
            let name = "request \(request.record.request) of point \(request.pointOrdinal)"
            check(ordinals.contains(request.pointOrdinal), "a request belongs to no point of the run")
            check(request.repetition >= 0 && request.record.request >= 0, "\(name) has a negative number")
            check(["usage", "chunks"].contains(request.record.tokenSource), "\(name) has an unknown token source")
            check(request.record.outputTokens >= 0 && request.record.chunks >= 0, "\(name) has negative counts")
            text(request.record.error, "\(name)'s error")
        }
        return problems
    }

    /// Whether `text` is a JSON object whose values are all numbers (a sample's metrics).
    private static func isMetricsObject(_ text: String) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return false
        }
        return object.values.allSatisfy { $0 is NSNumber }
    }
}
