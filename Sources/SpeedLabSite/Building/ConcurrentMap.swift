import Foundation
import Synchronization

/// Runs independent pieces of a site build on every core and returns their results in the
/// order of their inputs, so that the same store still gives the same bytes.
enum ConcurrentMap {
    /// `transform` of every element, spread over the cores; the first error thrown, if any, is
    /// rethrown once every piece has finished.
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ transform: @Sendable (Element) throws -> Result
    ) throws -> [Result] {
        guard elements.count > 1 else { return try elements.map(transform) }
        let results = Mutex([Int: Swift.Result<Result, any Error>]())
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            let result = Swift.Result { try transform(elements[index]) }
            results.withLock { $0[index] = result }
        }
        let computed = results.withLock { $0 }
        return try elements.indices.map { index in
            guard let result = computed[index] else { preconditionFailure("piece \(index) did not finish") }
            return try result.get()
        }
    }

    /// `elements` cut into about `4 × cores` contiguous chunks of at least `minimum` elements,
    /// enough for the cores to stay busy while each chunk is long enough to reuse what it reads.
    static func chunks<Element>(_ elements: [Element], minimum: Int) -> [ArraySlice<Element>] {
        let pieces = max(1, ProcessInfo.processInfo.activeProcessorCount * 4)
        let size = max(minimum, (elements.count + pieces - 1) / pieces, 1)
        return stride(from: 0, to: elements.count, by: size).map {
            elements[$0..<min($0 + size, elements.count)]
        }
    }
}
