import Foundation
import SpeedLabEngine
import SpeedLabScenarios
import SpeedLabTestSupport
import Testing

/// Every file of `fixtures/bad-sweeps/` is refused with a message naming the file and the
/// line `expected.tsv` pins, without crashing, hanging or touching a database; a seeded
/// mutation loop over the valid sweeps never crashes the parser.
@Suite struct BadSweepCorpusTests {
    static let folder = FixturePaths.fixtures.appendingPathComponent("bad-sweeps")

    /// (file name, expected line) from `expected.tsv`.
    static var corpus: [(String, Int)] {
        let table = (try? String(contentsOf: folder.appendingPathComponent("expected.tsv"), encoding: .utf8)) ?? ""
        return table.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let number = Int(fields[1]) else { return nil }
            return (String(fields[0]), number)
        }
    }

    @Test func corpusHoldsAtLeastFortyFilesAndListsEachOne() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0.hasSuffix(".yaml")
        }
        #expect(files.count >= 40)
        #expect(Set(files) == Set(Self.corpus.map(\.0)))
    }

    @Test(.timeLimit(.minutes(3)), arguments: corpus)
    func badSweepIsRefusedNamingFileAndLine(name: String, line: Int) {
        let path = Self.folder.appendingPathComponent(name).path
        do {
            let sweep = try SweepFile.load(path: path)
            _ = try ParameterGrid().expand(sweep)
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.description.hasPrefix("\(path):\(line):"), "\(name): \(error.description.prefix(300))")
        }
    }

    /// 1,500 mutations by default; `SPEEDLAB_FUZZ_ITERATIONS` and `SPEEDLAB_FUZZ_SEED` run a
    /// longer or different loop (see docs/reliability.md).
    @Test(.timeLimit(.minutes(30)))
    func mutatedValidSweepsNeverCrashTheParser() throws {
        let sources = try ["default.yaml", "targets.yaml", "ten-thousand.yaml"].map {
            Array(try Data(contentsOf: FixturePaths.sweeps.appendingPathComponent($0)))
        }
        let environment = ProcessInfo.processInfo.environment
        let iterations = environment["SPEEDLAB_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1_500
        var generator = MutationGenerator(seed: environment["SPEEDLAB_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x5EED)
        var accepted = 0
        var refused = 0
        for iteration in 0..<iterations {
            let mutated = generator.mutate(sources[iteration % sources.count])
            do {
                let sweep = try SweepFile.parse(Data(mutated), source: "fuzz.yaml")
                _ = try? ParameterGrid().expand(sweep)
                accepted += 1
            } catch {
                #expect(
                    error.description.hasPrefix("fuzz.yaml:"), "unhelpful message: \(error.description.prefix(200))")
                refused += 1
            }
        }
        #expect(accepted + refused == iterations)
        #expect(accepted > 0 && refused > 0)
    }
}

/// Seeded byte-level mutations (flips, deletions, insertions of YAML punctuation, duplicated
/// lines) for the parser fuzz loop.
struct MutationGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(1, bound)))
    }

    mutating func mutate(_ source: [UInt8]) -> [UInt8] {
        var bytes = source
        let punctuation = Array(":-[]{},#&*!|>'\"%@` \n\t0123456789.".utf8) + [0xFF, 0xC3, 0x00]
        for _ in 0..<(1 + next(4)) where !bytes.isEmpty {
            let at = next(bytes.count)
            switch next(5) {
            case 0: bytes[at] ^= UInt8(1 << next(8))
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(punctuation[next(punctuation.count)], at: at)
            case 3: bytes[at] = punctuation[next(punctuation.count)]
            default:
                let end = min(bytes.count, at + 1 + next(40))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            }
        }
        return bytes
    }
}
