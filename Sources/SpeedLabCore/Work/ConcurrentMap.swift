import Foundation
import Synchronization

/// Runs independent pieces of work (a report's points, a history's series, a site's pages) on
/// every core and returns their results in the order of their inputs, so that the output is
/// the same whatever the scheduling.
public enum ConcurrentMap {
    /// `transform` of every element, spread over the cores once there are at least `minimum`.
    public static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], minimum: Int = 2, _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        guard elements.count >= max(2, minimum) else { return elements.map(transform) }
        let results = Mutex([Int: Result]())
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            let value = transform(elements[index])
            results.withLock { $0[index] = value }
        }
        let computed = results.withLock { $0 }
        return elements.indices.map { index in
            guard let value = computed[index] else { preconditionFailure("piece \(index) did not finish") }
            return value
        }
    }

    /// `transform` of every element, spread over the cores once there are at least `minimum`;
    /// the first error in input order, if any, is thrown once every piece has finished.
    public static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], minimum: Int = 2, _ transform: @Sendable (Element) throws -> Result
    ) throws -> [Result] {
        let results = map(elements, minimum: minimum) { element in Swift.Result { try transform(element) } }
        return try results.map { try $0.get() }
    }

    /// `elements` cut into about `4 × cores` contiguous chunks of at least `minimum` elements,
    /// enough for the cores to stay busy while each chunk is long enough to reuse what it reads.
    public static func chunks<Element>(_ elements: [Element], minimum: Int) -> [ArraySlice<Element>] {
        let pieces = max(1, ProcessInfo.processInfo.activeProcessorCount * 4)
        let size = max(minimum, (elements.count + pieces - 1) / pieces, 1)
        return stride(from: 0, to: elements.count, by: size).map {
            elements[$0..<min($0 + size, elements.count)]
        }
    }
}
