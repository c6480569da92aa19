/// One event of a `text/event-stream` body: its type (`event:`, nil for the default
/// `message`), its data (the `data:` lines joined by line feeds) and its `id:`.
public struct ServerSentEvent: Sendable, Hashable {
    public var type: String?
    public var data: String
    public var id: String?

    public init(type: String? = nil, data: String, id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }
}
