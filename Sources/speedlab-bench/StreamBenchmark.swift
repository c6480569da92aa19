import Foundation
import SpeedLabCore
import SpeedLabStore
import SpeedLabStoreOpener
import SpeedLabStreaming
import SpeedLabTestSupport

/// What reading and storing streams costs SpeedLab: the CPU per chunk of the answer reader
/// (one OpenAI-style chat chunk per read, as a stream arrives on loopback) beside the full
/// JSON decoder it falls back to, and the time and bytes of storing the requests of llm
/// repetitions (`requests` × `chunks` content chunks each) in a store.
struct StreamBenchmark {
    var chunks: Int
    var requests: Int
    var chunksPerRequest: Int
    var repetitions: Int
    var database: String?

    static let event = Array(
        ("data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1733600000,\"model\":\"speedlab\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n")
            .utf8)

    func execute() throws {
        try readerCost()
        try storeCost()
    }

    /// CPU time of this thread, in nanoseconds.
    static func threadCPU() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1e9 + Double(spec.tv_nsec)
    }

    func readerCost() throws {
        let start = ContinuousClock.now
        var reader = CompletionAnswerReader(sent: start, streaming: true)
        reader.head(status: 200)
        let before = Self.threadCPU()
        Self.event.withUnsafeBytes { event in
            for _ in 0..<chunks { reader.body(event, at: start) }
        }
        let perChunk = (Self.threadCPU() - before) / Double(chunks)
        precondition(reader.timing.contentArrivals.count == chunks && reader.timing.error == nil)
        let data = String(decoding: Self.event.dropFirst(6).dropLast(2), as: UTF8.self)
        let decoderChunks = max(1, chunks / 10)
        let decoderBefore = Self.threadCPU()
        for _ in 0..<decoderChunks { _ = try CompletionChunk.decode(data) }
        let decoderPerChunk = (Self.threadCPU() - decoderBefore) / Double(decoderChunks)
        print(
            """
            stream reader: \(chunks) chat chunks of \(Self.event.count) bytes, one per read
              answer reader (event reader + in-place scan + arrival kept): \(String(format: "%.2f", perChunk / 1e3)) µs CPU per chunk
              full JSON decoder alone (JSONSerialization, the fallback): \(String(format: "%.2f", decoderPerChunk / 1e3)) µs CPU per chunk
            """)
    }

    func storeCost() throws {
        let folder = try TemporaryDirectory(prefix: "speedlab-bench-streams")
        defer { folder.remove() }
        let location = database ?? folder.path("streams.sqlite")
        let store = try StoreOpener.open(location, access: .write(create: true))
        let run = try store.createRun(SampleFactory.newRun(label: "streams"))
        let point = NewPoint(
            ordinal: 0, scenario: "llm", parameters: ParameterPoint(["concurrency": .integer(64)]),
            baselineOrdinal: nil)
        let id = try store.registerPoints([point], run: run)[point.key]!
        var times: [Double] = []
        for repetition in 0..<repetitions {
            var sample = SampleFactory.sample(repetition: repetition, wallMillis: 1000)
            sample.requests = (0..<requests).map { number in
                let sent = Int64(number) * 1_000_000
                let arrivals = (0..<chunksPerRequest).map {
                    sent + 30_000_000 + Int64($0) * 10_000_000 + Int64($0 * 7919 % 100_000)
                }
                return RequestRecord(
                    request: number, sentNanos: sent, firstByteNanos: sent + 200_000, firstTokenNanos: arrivals.first,
                    endNanos: arrivals.last.map { $0 + 50_000 }, promptTokens: 256, outputTokens: chunksPerRequest,
                    tokenSource: "usage", chunks: chunksPerRequest + 2, status: 200, error: nil, arrivals: arrivals)
            }
            let start = ContinuousClock.now
            try store.record([PointSample(pointID: id, sample: sample)])
            let took = start.duration(to: .now).components
            times.append(Double(took.seconds) * 1e3 + Double(took.attoseconds) / 1e15)
        }
        try store.finishRun(run, status: .completed)
        try store.close()  // checkpoints the write-ahead log into the file measured below
        times.sort()
        let stored = requests * repetitions
        var size = ""
        if database == nil, let bytes = try? FileManager.default.attributesOfItem(atPath: location)[.size] as? Int {
            let perRequest = Double(bytes) / Double(stored)
            size =
                "\n  file: \(bytes / 1_048_576) MiB for \(stored) requests = \(Int(perRequest)) bytes per request "
                + "(\(String(format: "%.1f", perRequest / Double(chunksPerRequest))) per chunk); 320,000 requests of "
                + "\(chunksPerRequest) chunks ≈ \(Int(perRequest * 320_000 / 1_048_576)) MiB"
        }
        print(
            """
            request store (\(database == nil ? "SQLite" : "PostgreSQL")): \(repetitions) repetitions of \(requests) requests × \(chunksPerRequest) chunks
              one repetition stored (its sample and requests, one transaction): median \(String(format: "%.1f", times[times.count / 2])) ms, \
            max \(String(format: "%.1f", times.last ?? 0)) ms\(size)
            """)
    }
}
