import SpeedLabCore

/// One stored request of an llm repetition: the repetition it belongs to and what it measured.
public struct StoredRequest: Sendable, Hashable {
    public var repetition: Int
    public var record: RequestRecord

    public init(repetition: Int, record: RequestRecord) {
        self.repetition = repetition
        self.record = record
    }
}
