import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabScenarios
import SpeedLabStore

/// Builds a run's report and writes it: `report.md`, `points.csv`, `samples.csv` and one SVG
/// per chart into a folder, each written to a temporary file and renamed into place, so a
/// failure never leaves a partial report behind.
struct ReportOutput {
    typealias Format = ReportFiles.Format

    /// Why a report could not be written (exit code 73).
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String

        /// Whether the disk was full (rather than the folder unwritable).
        var isDiskFull = false

        var description: String {
            let remedy =
                isDiskFull
                ? "Free some space, or choose a folder on another disk with --out."
                : "Choose a writable folder with --out, or fix its permissions."
            return "cannot write the report to \(path) (\(reason)). \(remedy)"
        }
    }

    let store: any RunDatabase

    static var scenarioSummaries: [String: String] {
        Dictionary(uniqueKeysWithValues: ScenarioRegistry.standard.scenarios.map { ($0.name, $0.summary) })
    }

    /// Reads run `run` once and renders its report in `formats`.
    func render(run: RunID, formats: Set<Format>) throws -> ReportFiles {
        ReportFiles.make(
            try ReportData(run: run, from: store), formats: formats, scenarioOrder: ScenarioRegistry.standard.names,
            scenarioSummaries: Self.scenarioSummaries)
    }

    /// The timeline SVG of each of `points` (`timeline-point-ID.svg`).
    func timelines(run: RunID, points ids: [Int64]) throws -> [RenderedFile] {
        let points = try store.points(ofRun: run)
        let chosen = try TracedPoints.select(ids, of: points, traced: try store.tracedPoints(ofRun: run), run: run)
        return try chosen.compactMap { point in
            guard let trace = try store.trace(of: point.id) else { return nil }
            return RenderedFile(
                name: "timeline-point-\(point.id).svg",
                text: TimelineSVG.render(
                    title: "point \(point.id): \(TimelineSelection.title(point, among: points))", trace: trace,
                    idealNanos: point.idealNanos
                ))
        }
    }

    /// Writes `files` into `folder` as ``writeAtomically(_:to:)`` does; a failure is printed
    /// and becomes exit code 73.
    static func write(_ files: [RenderedFile], to folder: URL) throws -> [String] {
        do {
            return try writeAtomically(files, to: folder)
        } catch let error as WriteError {
            FileHandle.standardError.write(Data("error: \(TerminalText.safe("\(error)"))\n".utf8))
            throw ExitCode(SpeedLabExitCode.cannotWriteOutput.rawValue)
        }
    }

    /// Writes each file as `.name.tmp-PID` and renames it into place; on any failure removes
    /// every temporary file written so far and throws.
    static func writeAtomically(_ files: [RenderedFile], to folder: URL) throws -> [String] {
        let createdFolder = !FileManager.default.fileExists(atPath: folder.path)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder.path, reason: "cannot create the folder: \(Self.reason(error))")
        }
        let pid = ProcessInfo.processInfo.processIdentifier
        var temporaries: [(URL, URL)] = []
        do {
            for file in files {
                let target = folder.appendingPathComponent(file.name)
                let temporary = folder.appendingPathComponent(".\(file.name).tmp-\(pid)")
                temporaries.append((temporary, target))
                do {
                    try file.write(to: temporary)
                } catch {
                    var failure = WriteError(path: folder.path, reason: Self.reason(error))
                    failure.isDiskFull =
                        (error as? CocoaError)?.code == .fileWriteOutOfSpace || Self.errnoCode(error) == ENOSPC
                        || Self.errnoCode(error) == EDQUOT
                    throw failure
                }
            }
            for (temporary, target) in temporaries {
                guard rename(temporary.path, target.path) == 0 else {
                    throw WriteError(path: target.path, reason: String(cString: strerror(errno)))
                }
            }
        } catch {
            for (temporary, _) in temporaries { try? FileManager.default.removeItem(at: temporary) }
            if createdFolder, (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: folder)
            }
            throw error
        }
        return temporaries.map(\.1.path)
    }

    /// The POSIX error under a Foundation file error, if any.
    private static func errnoCode(_ error: any Error) -> Int32? {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain { return Int32(underlying.code) }
        if (error as NSError).domain == NSPOSIXErrorDomain { return Int32((error as NSError).code) }
        return nil
    }

    /// What went wrong, in the system's words (`No space left on device`).
    private static func reason(_ error: any Error) -> String {
        if let code = errnoCode(error) { return String(cString: strerror(code)) }
        return (error as NSError).localizedDescription
    }
}
