import Foundation
import SpeedLabReports
import SpeedLabTestSupport
import Testing

/// Labels written to make links, images, code, emphasis or HTML of themselves reach every
/// Markdown file SpeedLab writes as text: escaped so that a CommonMark renderer
/// (markdown-it-py) and Python-Markdown, the two renderers `.ci/run` installs, show them
/// literally.
@Suite struct HostileLabelMarkdownTests {
    static let labels = [
        "`<img src=x onerror=alert(9)>`[y](javascript:alert(10))",
        "![i](javascript:alert(11))",
        "<script>alert(1)</script>",
        "**bold** _em_ ~~gone~~ *it*",
        "<javascript:alert(13)>",
        "\\[esc\\](javascript:alert(14)) [ref][] [ref]: javascript:alert(15)",
        "``` fenced ``` `code`",
    ]

    /// The report and the comparison of two runs both labelled `label`.
    static func markdown(label: String) throws -> String {
        let store = try SyntheticStore.make(from: "stores/compare.sql")
        defer { store.remove() }
        try store.execute("UPDATE run SET label = '\(label.replacingOccurrences(of: "'", with: "''"))'")
        let report = SpeedupReportRenderer().markdown(try SpeedupReportBuilder().build(run: 2, from: store.runs))
        let comparison = ComparisonRenderer().markdown(
            ComparisonBuilder().compare(
                base: try ReportData(run: 1, from: store.runs), head: try ReportData(run: 2, from: store.runs)))
        return report + "\n" + comparison
    }

    @Test(arguments: labels) func aHostileLabelIsWrittenWithEveryMarkupCharacterEscaped(label: String) throws {
        let markdown = try Self.markdown(label: label)
        let line = try #require(markdown.split(separator: "\n").first).description
        #expect(line.hasPrefix("# SpeedLab report — run 2 ("))
        // Outside its escapes, no character of the label that Markdown reads as markup is left.
        let title = String(line.dropFirst("# SpeedLab report — run 2 (".count).dropLast())
        var previous: Character = " "
        for character in title {
            if "`*[]<>~".contains(character) {
                #expect(previous == "\\", "'\(character)' unescaped in \(title)")
            }
            previous = previous == "\\" ? " " : character
        }
        #expect(!markdown.contains("](javascript"))
        #expect(!markdown.contains("<script"))
        #expect(!markdown.contains("<img"))
    }

    @Test(.enabled(if: Self.renderersInstalled), arguments: labels)
    func aHostileLabelRendersAsTextInCommonMarkAndPythonMarkdown(label: String) throws {
        let markdown = try Self.markdown(label: label)
        for renderer in ["commonmark", "python-markdown"] {
            let html = try Self.render(markdown, with: renderer).lowercased()
            for forbidden in [
                "href=\"javascript", "src=\"javascript", "<script", "<img src=x", "<img src=\"x\"", "<em>em</em>",
                "<strong>bold</strong>", "<em>it</em>", "<del>", "<s>", "<code>&lt;img", "<code>code</code>",
                ">y</a>", "<a href=\"javascript",
            ] {
                #expect(!html.contains(forbidden), "\(renderer) made '\(forbidden)' of \(label)")
            }
        }
    }

    /// Whether python3 with markdown-it-py and Python-Markdown is on this machine.
    static let renderersInstalled: Bool = (try? run(["-c", "import markdown, markdown_it"], input: "")) != nil

    static func render(_ markdown: String, with renderer: String) throws -> String {
        let script =
            renderer == "commonmark"
            ? "import sys, markdown_it; print(markdown_it.MarkdownIt('commonmark').enable('table').render(sys.stdin.read()))"
            : "import sys, markdown; print(markdown.markdown(sys.stdin.read(), extensions=['tables']))"
        return try run(["-c", script], input: markdown)
    }

    /// Runs python3 with `arguments`, `input` on its standard input; its output, or a throw
    /// when it fails.
    static func run(_ arguments: [String], input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return String(decoding: output, as: UTF8.self)
    }
}
