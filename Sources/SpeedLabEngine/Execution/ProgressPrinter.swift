import Foundation
import SpeedLabCore
import Synchronization

/// Shows a run's progress on standard error: a redrawn bar with ETA on a terminal (at most
/// once per `redrawInterval`, and at the end: a command of a millisecond is not slowed by a
/// terminal write per repetition), plain lines (every 10% and for every failure) otherwise, so
/// logs stay readable.
public final class ProgressPrinter: Sendable {
    private struct State {
        var total = 0
        var started = ContinuousClock.now
        var lastPercentPrinted = -1
        var lastDrawn: ContinuousClock.Instant?
    }

    private let isTerminal: Bool
    private let redrawInterval: Duration
    private let state = Mutex(State())
    private let write: @Sendable (String) -> Void

    public init(
        isTerminal: Bool = isatty(STDERR_FILENO) == 1, redrawInterval: Duration = .milliseconds(50),
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.isTerminal = isTerminal
        self.redrawInterval = redrawInterval
        self.write = write
    }

    /// Handles one runner event.
    public func handle(_ event: RunEvent) {
        switch event {
        case .started(let jobs):
            state.withLock {
                $0.total = jobs
                $0.started = .now
            }
            if !isTerminal { write("measuring \(jobs) samples\n") }
        case .jobFinished(let done, let total, let title, let isWarmup, _):
            let title = HumanFormat.singleLine(title)
            let line: String? = state.withLock { state in
                let now = ContinuousClock.now
                if isTerminal, done < total, let last = state.lastDrawn, last.duration(to: now) < redrawInterval {
                    return nil
                }
                state.lastDrawn = now
                let elapsed = state.started.duration(to: .now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                let eta = done > 0 ? seconds / Double(done) * Double(total - done) : 0
                let percent = total > 0 ? done * 100 / total : 100
                let tag = isWarmup ? " (warm-up)" : ""
                if isTerminal {
                    let width = 30
                    let filled = total > 0 ? width * done / total : width
                    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                    let name = String((title + tag).prefix(48))
                    return
                        "\r\u{1B}[2K[\(bar)] \(percent)% \(done)/\(total) ETA \(HumanFormat.clock(seconds: eta))  \(name)"
                        + (done == total ? "\n" : "")
                }
                guard percent / 10 > state.lastPercentPrinted / 10 || done == total else { return nil }
                state.lastPercentPrinted = percent
                return
                    "\(percent)% (\(done)/\(total) samples), ETA \(HumanFormat.clock(seconds: eta)), last: \(title)\(tag)\n"
            }
            if let line { write(line) }
        case .pointFailed(let title, let message):
            // A command's stderr, a server's answer: whatever they hold reaches the terminal
            // as text, never as a control sequence.
            let line = "error: \(title) failed: \(message)"
            write((isTerminal ? "\r\u{1B}[2K" : "") + HumanFormat.singleLine(line) + "\n")
        case .warning(let message):
            write((isTerminal ? "\r\u{1B}[2K" : "") + "warning: \(HumanFormat.singleLine(message))\n")
        case .servicesReady(let url, let started, let roundTrip):
            let origin = started ? "started the services at" : "using the services at"
            write("\(origin) \(url); round trip of an empty request: \(HumanFormat.fixed(roundTrip / 1e3, 1)) µs\n")
        case .tracing(let points):
            write("tracing \(points) points (one repetition each, not counted in the statistics)\n")
        case .opened, .batchStored:
            break
        }
    }
}
