import SpeedLabTestSupport
import Testing

/// The help of every command is pinned by a golden file, so a change to the CLI's surface is
/// reviewed as a diff (`SPEEDLAB_RECORD_GOLDEN=1 swift test --filter HelpTests` records them).
@Suite struct HelpTests {
    @Test(arguments: [
        "", "run", "report", "compare", "history", "runs", "show", "scenarios", "services", "trace", "import", "bench",
        "load",
        "site",
    ])
    func helpMatchesGoldenFile(command: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let arguments = command.isEmpty ? ["--help"] : [command, "--help"]
        let result = try SpeedLabCommand.run(arguments, in: folder.url, environment: ["COLUMNS": "100"])
        #expect(result.exitCode == 0)
        try expectMatchesGolden(result.stdout, named: "help/\(command.isEmpty ? "speedlab" : command).txt")
    }
}
