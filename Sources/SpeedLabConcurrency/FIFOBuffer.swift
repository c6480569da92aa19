/// A first-in, first-out buffer over an array: appending and taking from the front are O(1)
/// amortised, and the taken front is dropped in bulk once it outweighs what remains.
///
/// The queue of semaphore waiters and of executor jobs; not thread-safe on its own (its
/// owners keep it behind a lock).
struct FIFOBuffer<Element> {
    private var elements: [Element] = []
    private var head = 0

    /// Elements not taken yet.
    var count: Int { elements.count - head }

    mutating func append(_ element: Element) {
        elements.append(element)
    }

    /// Takes the oldest element, or returns nil when the buffer is empty.
    mutating func popFirst() -> Element? {
        guard head < elements.count else { return nil }
        let element = elements[head]
        head += 1
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1_024, head * 2 > elements.count {
            elements.removeFirst(head)
            head = 0
        }
        return element
    }
}

extension FIFOBuffer: Sendable where Element: Sendable {}
