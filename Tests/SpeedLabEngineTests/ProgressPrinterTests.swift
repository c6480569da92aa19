import Foundation
import SpeedLabCore
import SpeedLabEngine
import Synchronization
import Testing

/// The progress display: a redrawn bar on a terminal, plain lines every 10% elsewhere.
@Suite struct ProgressPrinterTests {
    final class Output: Sendable {
        let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
    }

    static func feed(_ printer: ProgressPrinter, jobs: Int) {
        printer.handle(.started(jobs: jobs))
        for done in 1...jobs {
            printer.handle(
                .jobFinished(
                    done: done, total: jobs, title: "sequential tasks=4", isWarmup: done == 1, wallNanos: 1_000))
        }
    }

    @Test func plainOutputPrintsAtMostOneLinePerTenPercent() {
        let output = Output()
        Self.feed(ProgressPrinter(isTerminal: false, write: output.write), jobs: 50)
        let lines = output.text.withLock { $0 }.split(separator: "\n")
        #expect(lines.first == "measuring 50 samples")
        #expect(lines.count == 1 + 10)
        #expect(lines.last?.hasPrefix("100% (50/50 samples), ETA 0:00, last: sequential tasks=4") == true)
        #expect(!output.text.withLock { $0 }.contains("\u{1B}"))
    }

    @Test func terminalOutputRedrawsOneBarWithETA() {
        let output = Output()
        Self.feed(ProgressPrinter(isTerminal: true, redrawInterval: .zero, write: output.write), jobs: 4)
        let text = output.text.withLock { $0 }
        #expect(text.components(separatedBy: "\r\u{1B}[2K").count == 5)
        #expect(text.contains("[##############################] 100% 4/4 ETA 0:00  sequential tasks=4\n"))
        #expect(text.contains("1/4 ETA") && text.contains("(warm-up)"))
    }

    @Test func aTerminalBarIsRedrawnAtMostOncePerIntervalAndAtTheEnd() {
        let output = Output()
        Self.feed(ProgressPrinter(isTerminal: true, redrawInterval: .seconds(3_600), write: output.write), jobs: 1_000)
        let text = output.text.withLock { $0 }
        #expect(text.components(separatedBy: "\r\u{1B}[2K").count == 3, "\(text)")  // the first job and the last
        #expect(text.contains("1/1000 ETA") && text.contains("100% 1000/1000 ETA 0:00"))
    }

    @Test func failuresAreAlwaysPrinted() {
        let output = Output()
        ProgressPrinter(isTerminal: false, write: output.write).handle(
            .pointFailed(title: "concurrent tasks=4", message: "checksum mismatch"))
        #expect(output.text.withLock { $0 } == "error: concurrent tasks=4 failed: checksum mismatch\n")
    }

    @Test func clockFormatsMinutesAndHours() {
        #expect(HumanFormat.clock(seconds: 7) == "0:07")
        #expect(HumanFormat.clock(seconds: 65) == "1:05")
        #expect(HumanFormat.clock(seconds: 3723) == "1:02:03")
    }
}
