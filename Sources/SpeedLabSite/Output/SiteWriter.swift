import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// Writes a site into a folder: only the files whose bytes changed (each to a temporary file
/// renamed into place), removes the files an earlier build made that this one no longer
/// does, and keeps the manifest that lets the next build skip unchanged runs.
public struct SiteWriter: Sendable {
    public var folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// What a build did.
    public struct Summary: Sendable, Hashable {
        public var written: Int
        public var unchanged: Int
        public var kept: Int
        public var removed: Int
        public var runs: Int
        public var points: Int
        public var changePoints: Int
    }

    /// Why a site could not be written (exit code 73).
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String {
            "cannot write the site to \(path) (\(reason)). Choose a writable folder with --out, or fix its permissions."
        }
    }

    /// Builds the site of `store` with `builder` into the folder.
    public func build(_ builder: SiteBuilder, store: any RunDatabase) throws -> Summary {
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.path) {
            var isFolder: ObjCBool = false
            _ = manager.fileExists(atPath: folder.path, isDirectory: &isFolder)
            guard isFolder.boolValue else { throw WriteError(path: folder.path, reason: "it is a file, not a folder") }
            let entries = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            let known = Set(["index.html", SiteManifest.fileName])
            if !entries.isEmpty, known.isDisjoint(with: entries) {
                throw WriteError(
                    path: folder.path,
                    reason: "it holds other files and no SpeedLab site; choose an empty or new folder")
            }
        }
        let manifestURL = folder.appendingPathComponent(SiteManifest.fileName)
        let previous = (try? String(contentsOf: manifestURL, encoding: .utf8)).flatMap(SiteManifest.init(text:))
        let plan = try builder.plan(store, previous: previous) { path in
            manager.fileExists(atPath: folder.appendingPathComponent(path).path)
        }
        // Folders first, once each; then the files on every core (each its own temporary file
        // and rename, so the order they land in cannot change what the folder holds).
        let folders = Set(
            [folder] + plan.files.map { folder.appendingPathComponent($0.path).deletingLastPathComponent() })
        for directory in folders.sorted(by: { $0.path < $1.path }) {
            do { try manager.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
                throw WriteError(path: directory.path, reason: (error as NSError).localizedDescription)
            }
        }
        let outcomes = try ConcurrentMap.map(plan.files, minimum: 16) { file in try write(file.text, to: file.path) }
        let written = outcomes.count { $0 }
        let unchanged = outcomes.count - written
        let now = Set(plan.files.map(\.path) + plan.kept)
        var removed = 0
        if let previous {
            let old = Set(previous.paths + previous.groups.values.flatMap(\.paths))
            for path in old.subtracting(now).sorted() where Self.isSafe(path) {
                if (try? manager.removeItem(at: folder.appendingPathComponent(path))) != nil { removed += 1 }
            }
        }
        _ = try write(plan.manifest.text, to: SiteManifest.fileName)
        return Summary(
            written: written, unchanged: unchanged, kept: plan.kept.count, removed: removed, runs: plan.runCount,
            points: plan.pointCount, changePoints: plan.changePointCount)
    }

    /// A path the site itself names: relative, no `..`, nothing but the characters it uses.
    static func isSafe(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
            && path.allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII || "._-/".contains($0) }
    }

    /// Writes `text` at `path` unless the file already holds exactly it; true when written.
    private func write(_ text: String, to path: String) throws -> Bool {
        let target = folder.appendingPathComponent(path)
        let bytes = Data(text.utf8)
        if let existing = try? Data(contentsOf: target), existing == bytes { return false }
        let directory = target.deletingLastPathComponent()  // made by build(_:store:) before any write
        do {
            let temporary = directory.appendingPathComponent(
                ".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
            try bytes.write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw WriteError(path: target.path, reason: reason)
            }
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(path: target.path, reason: (error as NSError).localizedDescription)
        }
        return true
    }
}
