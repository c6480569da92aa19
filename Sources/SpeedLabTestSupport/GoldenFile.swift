import Foundation
import Testing

/// Compares `actual` with `fixtures/golden/<name>`. `SPEEDLAB_RECORD_GOLDEN=1` rewrites the
/// file and records an issue, so a recording run never passes and the diff is reviewed in git.
public func expectMatchesGolden(
    _ actual: String,
    named name: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = FixturePaths.golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["SPEEDLAB_RECORD_GOLDEN"] != nil {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("Recorded \(name); run again without SPEEDLAB_RECORD_GOLDEN.", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "\(name) differs from its golden file", sourceLocation: sourceLocation)
}
