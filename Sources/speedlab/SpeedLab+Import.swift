import ArgumentParser
import Foundation
import SpeedLabCore
import SpeedLabPostgres
import SpeedLabStore
import SpeedLabStoreOpener

extension SpeedLab {
    /// `speedlab import`: copies runs from one store into another.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy runs, with everything they hold, from another store into this one.",
            discussion: """
                SOURCE and --db are each a SQLite file or a postgres:// URL. One transaction per run; a run \
                the target already holds (same UUID) is skipped, so importing twice adds nothing. Runs still \
                being measured are left for a later import.
                Examples:
                  speedlab import ci-artifacts/speedlab.sqlite --db postgres://bench@db.internal/speedlab
                  speedlab import postgres://bench@db.internal/speedlab --db local.sqlite --label nightly --since 2026-11-01
                Exit codes: 0 done, 64 usage, 66 no source, 68 server unreachable, 74 database error, \
                76 newer database, 77 login refused.
                """)

        @Argument(help: "The store to copy from: a SQLite file or a postgres:// URL.") var source: String
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("run"), help: "Only these runs of the source (id, label, latest, latest~N).")
        var runs: [String] = []
        @Option(help: "Only runs with this label.") var label: String?
        @Option(help: "Only runs started on or after this day (YYYY-MM-DD, UTC).") var since: CalendarDay?

        func validate() throws {
            if StoreOpener.shown(source) == StoreOpener.shown(store.location) {
                throw ValidationError("SOURCE and --db name the same store; import copies from one store into another.")
            }
        }

        func run() async throws {
            let origin = try SpeedLabExitCode.reporting { () throws(StoreError) in
                do throws(StoreError) { return try StoreOpener.open(source, access: .read) } catch {
                    throw RunImporter.sourceError(error, location: StoreOpener.shown(source))
                }
            }
            let selection = RunImporter.Selection(references: runs, label: label, since: since?.start)
            // The whole source is checked before the target is opened: a damaged one changes nothing.
            let checked = try SpeedLabExitCode.reporting { try RunImporter.checkedRuns(of: origin, selection) }
            let target = try store.open(.write(create: true))
            let importer = RunImporter(source: origin, target: target)
            let bar = ImportProgressBar()
            let summary = try SpeedLabExitCode.reporting { try importer.copy(checked) { bar.show($0) } }
            bar.finish()
            try? target.close()
            var line =
                "imported \(summary.imported.count) run\(summary.imported.count == 1 ? "" : "s") "
                + "(\(summary.samples) samples) from \(origin.location) into \(target.location); "
                + "\(summary.skipped) already there"
            if summary.running > 0 { line += "; \(summary.running) still running, left for a later import" }
            print(line + ".")
        }
    }
}

/// The import's progress on standard error: a bar redrawn in place on a terminal, nothing
/// elsewhere (logs get the closing line only).
final class ImportProgressBar {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var drawn = false

    func show(_ progress: RunImporter.Progress) {
        guard isTerminal, progress.total > 0 else { return }
        let width = 30
        let filled = width * progress.done / progress.total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let text =
            "\r\(bar) \(progress.done)/\(progress.total) runs, \(progress.imported) imported, "
            + "\(progress.skipped) skipped, \(progress.samples) samples"
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
