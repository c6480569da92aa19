import Foundation

/// Where the repository's `fixtures/` folder and build products are, found from this file's path.
public enum FixturePaths {
    /// The package root (the folder holding `Package.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let fixtures = packageRoot.appendingPathComponent("fixtures")
    public static let golden = fixtures.appendingPathComponent("golden")
    public static let sweeps = fixtures.appendingPathComponent("sweeps")
    public static let migrations = packageRoot.appendingPathComponent("migrations")

    /// The `speedlab` binary built beside the running test bundle.
    public static var speedlabBinary: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("speedlab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/speedlab")
    }
}
