import Foundation
import SpeedLabTestSupport
import Testing

/// What the documents state about behaviour matches the code that has it.
@Suite struct DocumentationTests {
    static let root = FixturePaths.fixtures.deletingLastPathComponent()

    /// The codes `SpeedLabExitCode` declares, read from its source (`case name = N`).
    static func declaredExitCodes() throws -> [Int] {
        let source = try String(
            contentsOf: root.appendingPathComponent("Sources/speedlab/SpeedLabExitCode.swift"), encoding: .utf8)
        return source.split(separator: "\n").compactMap { line -> Int? in
            let words = line.split(separator: " ")
            guard words.first == "case", words.count == 4, words[2] == "=" else { return nil }
            return Int(words[3])
        }
    }

    /// The codes of the exit-code table in `file`: rows `| N | meaning |` under `## Exit codes`.
    static func documentedExitCodes(in file: String) throws -> [Int] {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        guard let start = text.range(of: "## Exit codes") else { return [] }
        var codes: [Int] = []
        for line in text[start.upperBound...].split(separator: "\n").dropFirst() {
            if line.hasPrefix("#") { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("|"), let code = cells.first.flatMap({ Int($0) }) { codes.append(code) }
        }
        return codes
    }

    @Test(arguments: ["README.md", "docs/cli.md"])
    func theExitCodeTableListsExactlyTheCodesSpeedLabExitsWith(file: String) throws {
        let declared = try Self.declaredExitCodes()
        #expect(declared.count >= 10, "SpeedLabExitCode.swift was not read")
        #expect(try Self.documentedExitCodes(in: file) == declared)
    }

    @Test func theReadmeIsShortAndLinksEveryReferencePage() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.split(separator: "\n", omittingEmptySubsequences: false).count <= 260)
        #expect(readme.contains("swift run -c release speedlab run") && readme.contains("swift test"))
        let docs = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("docs").path)
        for page in docs where page.hasSuffix(".md") && page != "performance-journal.md" {
            #expect(readme.contains("docs/\(page)"), "README does not link docs/\(page)")
        }
    }
}
