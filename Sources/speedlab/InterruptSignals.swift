import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into cancellation of the measuring task, so the runner stores
/// every finished sample and the run is marked `interrupted`. A second signal exits at once
/// (code 130); only the samples of the batch in progress are lost then.
final class InterruptSignals {
    private let sources: [any DispatchSourceSignal]

    init(onInterrupt: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "speedlab.signals")
        let seen = SignalCounter()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if seen.increment() > 1 { exit(130) }
                FileHandle.standardError.write(Data("\ninterrupted: storing finished samples…\n".utf8))
                onInterrupt()
            }
            source.resume()
            return source
        }
    }

    /// Restores the default handlers.
    func remove() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// Counts signals received, across the dispatch queue's threads.
final class SignalCounter: Sendable {
    private let count = Atomic<Int>(0)

    func increment() -> Int { count.add(1, ordering: .relaxed).newValue }
}
