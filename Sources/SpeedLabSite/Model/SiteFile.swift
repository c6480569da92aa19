import Foundation

/// One file of a site: its path under the site's folder and its content.
public struct SiteFile: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// What each group of a site's files was made from (a run, a pair of runs), so a rebuild over
/// a grown store keeps the files of groups whose source did not change instead of making
/// them again. Stored beside the pages as `.speedlab-site`, one `group<TAB>fingerprint<TAB>path…`
/// line per group, sorted, so the same store still gives the same bytes.
struct SiteManifest: Sendable, Hashable {
    struct Group: Sendable, Hashable {
        var fingerprint: String
        var paths: [String]
    }

    static let fileName = ".speedlab-site"
    var groups: [ManifestKey: Group] = [:]
    /// The paths the build wrote outside any group (the pages made every time).
    var paths: [String] = []

    var text: String {
        var lines = ["speedlab-site 1"]
        for key in groups.keys.sorted() {
            guard let group = groups[key] else { continue }
            lines.append(([key.name, group.fingerprint] + group.paths).joined(separator: "\t"))
        }
        lines.append((["*", "-"] + paths.sorted()).joined(separator: "\t"))
        return lines.joined(separator: "\n") + "\n"
    }

    init() {}

    /// Records, of the paths `files` a build writes, those outside every group.
    mutating func recordUngroupedPaths(of files: [SiteFile]) {
        let grouped = Set(groups.values.flatMap(\.paths))
        paths = files.map(\.path).filter { !grouped.contains($0) }
    }

    /// Reads a manifest; nil for text that is not one (the folder is then rebuilt in full).
    init?(text: String) {
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.first == "speedlab-site 1" else { return nil }
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { return nil }
            if fields[0] == "*" {
                paths = Array(fields.dropFirst(2))
            } else {
                groups[ManifestKey(parsing: fields[0])] = Group(
                    fingerprint: fields[1], paths: Array(fields.dropFirst(2)))
            }
        }
    }
}
