import SpeedLabCore
import Testing

/// "Did you mean …?": the closest known name to a mistyped one, or none when nothing is close.
@Suite struct CloseMatchTests {
    static let scenarios = ["sequential", "concurrent", "parallel", "hybrid", "agent", "agent_sequential"]

    @Test(arguments: [
        ("sequentail", "sequential"), ("concurent", "concurrent"), ("paralel", "parallel"), ("HYBRID", "hybrid"),
        ("agnet", "agent"), ("agent_seq", "agent_sequential"),
    ])
    func typosFindTheIntendedName(_ typo: String, _ expected: String) {
        #expect(CloseMatch.suggestion(for: typo, among: Self.scenarios) == expected)
    }

    @Test(arguments: ["xyz", "database", "q"])
    func unrelatedWordsFindNothing(_ word: String) {
        #expect(CloseMatch.suggestion(for: word, among: Self.scenarios) == nil)
        #expect(CloseMatch.hint(for: word, among: Self.scenarios) == "")
    }

    @Test func levenshteinDistanceCountsCharacterEdits() {
        #expect(CloseMatch.distance("kitten", "sitting") == 3)
        #expect(CloseMatch.distance("", "abc") == 3)
        #expect(CloseMatch.distance("same", "same") == 0)
        #expect(CloseMatch.distance("ü", "u") == 1)
    }

    @Test func theHintIsASentenceNamingTheMatch() {
        #expect(CloseMatch.hint(for: "hybird", among: Self.scenarios) == " Did you mean 'hybrid'?")
    }
}
