import Foundation
import SpeedLabCore
import SpeedLabSQLite
import SpeedLabStore

/// A fresh database for a benchmark and the fixed environment its synthetic runs record.
enum BenchStore {
    /// Removes whatever is at `path` and opens a new, migrated store there.
    static func fresh(at path: String) throws -> SQLiteRunStore {
        try? FileManager.default.removeItem(atPath: path)
        return try SQLiteRunStore(path: path)
    }

    /// A release build on a 2-core host named `bench`, this process's id, at `commit`.
    static func environment(commit: String? = nil) -> RunEnvironment {
        RunEnvironment(
            host: "bench", operatingSystem: "bench", kernel: "bench", cpuModel: "bench", logicalCores: 2,
            memoryBytes: 1 << 30, swiftVersion: "6.3", buildConfiguration: "release",
            toolVersion: SpeedLabVersion.current, gitCommit: commit, loadAverage: 0,
            processID: ProcessInfo.processInfo.processIdentifier)
    }
}
