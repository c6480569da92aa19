import Foundation

/// Debian's Chromium, headless, opening a page from `file://` after its scripts ran: the DOM
/// as it then is, and every console message (errors and CSP refusals among them).
struct HeadlessChromium {
    let executable: String

    /// The browser, or nil where none is installed (`.ci/run` installs `chromium`).
    static let installed: HeadlessChromium? = {
        let candidates = [ProcessInfo.processInfo.environment["SPEEDLAB_CHROMIUM"], "/usr/bin/chromium"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }.map {
            HeadlessChromium(executable: $0)
        }
    }()

    /// Whether the browser tests must run: on CI a missing browser is a failure, not a skip.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    struct Page {
        var dom: String
        var console: [String]
    }

    /// Opens `url` (a `file://` URL, with its fragment) and returns the DOM after `budget` ms
    /// of virtual time. The wait for the browser holds no thread of Swift's cooperative pool
    /// (its end is a termination handler), so other suites' async work is not starved.
    func open(_ url: String, budget: Int = 5_000) async throws -> Page {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("speedlab-chromium-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("dom.html")
        let err = folder.appendingPathComponent("console.txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            "-k", "5", "90", executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=\(budget)", "--dump-dom", url,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in done.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                done.resume()
            }
        }
        let dom = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let log = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        let console = log.split(separator: "\n").map(String.init).filter {
            $0.contains(":CONSOLE") || $0.contains("Uncaught")
        }
        return Page(dom: dom, console: console)
    }
}

extension String {
    /// The value of attribute `name` on the element whose `id` is `id` in serialized HTML.
    func attribute(_ name: String, ofElementWithID id: String) -> String? {
        guard let start = range(of: "id=\"\(id)\"") else { return nil }
        let tagStart = self[..<start.lowerBound].lastIndex(of: "<") ?? start.lowerBound
        guard let tagEnd = self[start.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = self[tagStart..<tagEnd]
        guard let value = tag.range(of: " \(name)=\"") else { return nil }
        return tag[value.upperBound...].prefix { $0 != "\"" }.description
    }
}
