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

        var description: String {
            "cannot write the report to \(path) (\(reason)). Choose a writable folder with --out, or fix its permissions."
        }
    }

    let store: RunStore

    static var scenarioSummaries: [String: String] {
        Dictionary(uniqueKeysWithValues: ScenarioRegistry.standard.scenarios.map { ($0.name, $0.summary) })
    }

    /// Reads run `run` once and renders its report in `formats`.
    func render(run: RunID, formats: Set<Format>) throws -> ReportFiles {
        ReportFiles.make(
            try ReportData(run: run, from: store), formats: formats, scenarioOrder: ScenarioRegistry.standard.names,
            scenarioSummaries: Self.scenarioSummaries)
    }

    /// Writes `files` into `folder` as ``writeAtomically(_:to:)`` does; a failure is printed
    /// and becomes exit code 73.
    static func write(_ files: [RenderedFile], to folder: URL) throws -> [String] {
        do {
            return try writeAtomically(files, to: folder)
        } catch let error as WriteError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(SpeedLabExitCode.cannotWriteOutput.rawValue)
        }
    }

    /// Writes each file as `.name.tmp-PID` and renames it into place; on any failure removes
    /// every temporary file written so far and throws.
    static func writeAtomically(_ files: [RenderedFile], to folder: URL) throws -> [String] {
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
