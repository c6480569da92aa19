import Foundation
import SpeedLabConcurrency
import SpeedLabScenarios
import SpeedLabTransport
import Testing

/// The agent's real blocking database: a real SQLite file, a scan sized by the call's
/// latency, and the seeded schedule's failures.
@Suite(.serialized) struct DocumentDatabaseTests {
    static func call(attempt: Int, failureRate: Double) -> ServiceCall {
        ServiceCall(
            service: 3, query: 5, attempt: attempt, seed: 11, meanLatencyNanos: 2e6, jitter: 0,
            failureRate: failureRate, responseBytes: 0)
    }

    @Test(.timeLimit(.minutes(3)))
    func queriesFailExactlyWhenTheScheduleSays() async throws {
        let database = try DocumentDatabase(cores: 2)
        defer { database.close() }
        #expect(FileManager.default.fileExists(atPath: database.path))
        #expect(database.nanosPerRow > 0)
        let context = ScenarioContext()
        var failures = 0
        for attempt in 1...40 {
            let call = Self.call(attempt: attempt, failureRate: 0.5)
            for offload in DatabaseOffload.allCases {
                do {
                    try await database.query(call, offload: offload, context: context)
                    #expect(call.draw != .fail)
                } catch is ServiceFailure {
                    #expect(call.draw == .fail)
                    failures += 1
                }
            }
        }
        #expect(failures > 0)
        #expect(context.fetches.snapshot.databaseQueries == 80)
    }

    /// The file lives in a folder of its own that closing removes.
    @Test(.timeLimit(.minutes(3)))
    func closingRemovesTheFile() throws {
        let database = try DocumentDatabase(cores: 2)
        let path = database.path
        database.close()
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
