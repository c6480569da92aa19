import SpeedLabCore
import SpeedLabSQLite
import SpeedLabStore
import SpeedLabTestSupport
import Testing

/// A command point's record (`point.command`, migration 0009): kept when registered, kept when
/// a resumed run registers the point again, and copied by `speedlab import`.
@Suite struct CommandPointStoreTests {
    static let record = CommandRecord(
        template: "./app --c {c}", argv: ["./app", "--c", "8"], directory: "/work", executable: "/work/app",
        executableHash: "00112233445566ff", shell: false)

    @Test func aCommandRecordIsStoredReadBackAndImported() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let source = try SQLiteRunStore(path: folder.path("source.sqlite"))
        let run = try source.createRun(SampleFactory.newRun(label: "command"))
        let points = [
            NewPoint(
                ordinal: 0, scenario: "app", parameters: ParameterPoint(["c": .integer(8)]), baselineOrdinal: nil,
                command: Self.record.json),
            NewPoint(ordinal: 1, scenario: "sequential", parameters: ParameterPoint(), baselineOrdinal: nil),
        ]
        _ = try source.registerPoints(points, run: run)
        _ = try source.registerPoints(points, run: run)
        let stored = try source.points(ofRun: run)
        #expect(stored.first.flatMap { $0.command.flatMap(CommandRecord.init(json:)) } == Self.record)
        #expect(stored.last?.command == nil)
        try source.finishRun(run, status: .completed)
        let target = try SQLiteRunStore(path: folder.path("target.sqlite"))
        _ = try RunImporter(source: source, target: target).run(RunImporter.Selection())
        let imported = try target.points(ofRun: try target.resolveRun("latest", completedOnly: false))
        #expect(imported.map(\.command) == stored.map(\.command))
    }
}
