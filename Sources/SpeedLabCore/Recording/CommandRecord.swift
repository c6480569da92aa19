import Foundation

/// What a command point ran, stored with the point (`point.command`, JSON) so a history read
/// later knows: the template as written, the resolved argv, the working directory, the
/// executable's path and content hash, and whether `/bin/sh -c` ran it.
public struct CommandRecord: Sendable, Hashable, Codable {
    public var template: String
    public var argv: [String]
    public var directory: String
    public var executable: String
    /// FNV-1a 64 of the executable's bytes, hex (`/bin/sh`'s when a shell ran the command).
    public var executableHash: String
    public var shell: Bool

    public init(
        template: String, argv: [String], directory: String, executable: String, executableHash: String, shell: Bool
    ) {
        self.template = template
        self.argv = argv
        self.directory = directory
        self.executable = executable
        self.executableHash = executableHash
        self.shell = shell
    }

    /// Sorted-key JSON, the form the store keeps.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The record in `json`, or nil when it is not one.
    public init?(json: String) {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { return nil }
        self = decoded
    }
}
