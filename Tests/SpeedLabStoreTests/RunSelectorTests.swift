import Foundation
import SpeedLabCore
import SpeedLabStore
import SpeedLabTestSupport
import Testing

/// Run references parsed once, whatever store resolves them.
struct RunSelectorTests {
    @Test func textIsParsedIntoWhatItNames() throws {
        #expect(try RunSelector(parsing: "latest").kind == .latest(skipping: 0))
        #expect(try RunSelector(parsing: " latest~3\t").kind == .latest(skipping: 3))
        #expect(try RunSelector(parsing: "latest~0").kind == .latest(skipping: 0))
        #expect(try RunSelector(parsing: "12").kind == .number(12))
        #expect(try RunSelector(parsing: "nightly").kind == .label("nightly"))
        #expect(try RunSelector(parsing: "latest-ish").kind == .label("latest-ish"))
        #expect(try RunSelector(parsing: "  pr 7 ").text == "pr 7")
        #expect(RunSelector.latest == (try RunSelector(parsing: "latest")))
    }

    @Test func textThatNamesNoRunIsRefusedClearly() {
        #expect(throws: RunSelector.ParseError.empty) { try RunSelector(parsing: "  ") }
        #expect(throws: RunSelector.ParseError.notACount("latest~x")) { try RunSelector(parsing: "latest~x") }
        #expect(throws: RunSelector.ParseError.notACount("latest~")) { try RunSelector(parsing: "latest~") }
        #expect(throws: RunSelector.ParseError.negativeCount("latest~-2")) { try RunSelector(parsing: "latest~-2") }
        #expect(RunSelector.ParseError.negativeCount("latest~-2").description.contains("0 or more"))
        #expect(RunSelector.ParseError.notACount("latest~x").description.contains("'latest~x'"))
    }
}

/// The `run` table described once: what is written is what is read back, column by column.
struct StoreTableTests {
    /// Reads a row from the values the table wrote, in order, as a backend reading by position.
    struct ValuesReader: StoreRowReader {
        var values: [StoreValue]
        var asked: [(String, StoreColumnType)] = []

        mutating func value(of column: String, type: StoreColumnType) throws(StoreError) -> StoreValue {
            asked.append((column, type))
            return values.removeFirst()
        }

        func unreadable(_ value: StoreValue, in column: String) -> StoreError {
            .corrupt(path: "test", detail: "\(column): \(value)")
        }
    }

    @Test func aRunRowWrittenIsTheRowReadBack() throws {
        var run = SampleFactory.newRun(label: "nightly")
        run.adaptive = AdaptiveRepetitions(precision: 0.02, minimum: 5, maximum: 3, budgetSeconds: 60)
        run.httpRoundTripNanos = 41_000
        let row = RunRow(newRun: run, startedAt: Date(timeIntervalSince1970: 1_793_534_400))
        let values = StoreTable.run.values(of: row)
        #expect(values.count == StoreTable.run.columns.count)
        var reader = ValuesReader(values: values)
        #expect(try StoreTable.run.read(from: &reader) == row)
        #expect(reader.asked.map(\.0) == StoreTable.run.columnNames, "columns are read in the order they are listed")
        #expect(reader.asked.map(\.1) == StoreTable.run.columns.map(\.type))
        #expect(row.run.status == "running" && row.run.heartbeatAt == row.run.startedAt)
        #expect(Timestamp.date(row.run.startedAt) == Date(timeIntervalSince1970: 1_793_534_400))
    }

    @Test func aValueOfAnotherTypeOrANullWhereNoneMayBeIsRefused() throws {
        let row = RunRow(newRun: SampleFactory.newRun(), startedAt: Date())
        var values = StoreTable.run.values(of: row)
        let sweepName = try #require(StoreTable.run.columnNames.firstIndex(of: "sweepName"))
        values[sweepName] = .null
        var reader = ValuesReader(values: values)
        #expect(throws: StoreError.corrupt(path: "test", detail: "sweepName: null")) {
            try StoreTable.run.read(from: &reader)
        }
        values[sweepName] = .integer(3)
        reader = ValuesReader(values: values)
        #expect(throws: StoreError.corrupt(path: "test", detail: "sweepName: integer(3)")) {
            try StoreTable.run.read(from: &reader)
        }
    }

    @Test func columnListsAreGeneratedFromTheDescription() {
        #expect(StoreTable.run.columnList().hasPrefix("label, sweepName, sweepYAML, "))
        #expect(StoreTable.run.columnList(alias: "r").hasSuffix("r.httpRoundTripNanos, r.uuid"))
        #expect(StoreTable.run.columns.count == 29)
        #expect(
            SampleTable.table.columnList() == "pointId, repetition, isWarmup, wallNanos, userNanos, systemNanos, "
                + "voluntarySwitches, involuntarySwitches, peakRSSBytes, checksum, metrics")
    }
}
