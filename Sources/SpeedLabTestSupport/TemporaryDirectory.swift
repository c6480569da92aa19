import Foundation

/// A fresh folder under the system's temporary directory, removed by ``remove()``.
///
/// Tests put their real SQLite files and sweep files here, never in the working tree.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(prefix: String = "speedlab-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        let target = url.appendingPathComponent(name)
        try text.write(to: target, atomically: true, encoding: .utf8)
        return target.path
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
