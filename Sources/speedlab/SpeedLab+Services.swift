import ArgumentParser
import Foundation
import SpeedLabTransport

#if canImport(Glibc)
    import Glibc
#endif

extension SpeedLab {
    /// `speedlab services`: the loopback HTTP services that `transport: http` points call.
    struct Services: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the mock services that `transport: http` points call (HTTP/1.1, SwiftNIO).",
            discussion: """
                Each GET /call answers as SpeedLab's seeded schedule says for its (seed, query, service,
                attempt): a body of `bytes` after the latency, HTTP 503 after the latency, or a hang of
                10 × latency. GET /health answers ok; GET /stats the requests, connections, most
                requests held at once and their own CPU per request; GET /stats/reset zeroes them.
                `speedlab run` starts these services itself; start them by hand to share them between
                machines and point runs at them with `speedlab run --services URL`.
                Prints `speedlab services listening on URL` once it listens.
                Exit codes: 0 stopped, 69 could not listen or built without HTTPTransport.
                """)

        @Option(help: "The address to listen on (0.0.0.0 for every interface).") var host = "127.0.0.1"
        @Option(help: "The port to listen on; 0 lets the system choose a free one.") var port = 0
        @Option(help: "Event-loop threads (default: the cores).") var threads: Int?
        @Flag(help: .hidden) var exitOnStdinEof = false

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
            if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be from 1 to 256.") }
        }

        func run() async throws {
            #if HTTPTransport
                let server: ServicesServer
                do {
                    server = try await ServicesServer.start(
                        host: host, port: port, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
                } catch {
                    FileHandle.standardError.write(
                        Data("error: \(TerminalText.safe("cannot listen on \(host):\(port): \(error)"))\n".utf8))
                    throw ExitCode(SpeedLabExitCode.servicesUnavailable.rawValue)
                }
                FileHandle.standardOutput.write(Data("speedlab services listening on \(server.address)\n".utf8))
                if exitOnStdinEof { Self.exitWhenStandardInputCloses() }
                try await server.waitUntilClosed()
            #else
                FileHandle.standardError.write(Data("error: \(RealIOError.notBuilt)\n".utf8))
                throw ExitCode(SpeedLabExitCode.servicesUnavailable.rawValue)
            #endif
        }

        /// Exits as soon as standard input reaches its end: the parent that holds its writing
        /// end stopped or died (even by SIGKILL), so these services are no longer wanted.
        static func exitWhenStandardInputCloses() {
            let watcher = Thread {
                var byte: UInt8 = 0
                while true {
                    let count = read(0, &byte, 1)
                    if count == 0 || (count < 0 && errno != EINTR) { Glibc.exit(0) }
                }
            }
            watcher.name = "speedlab-services-stdin"
            watcher.start()
        }
    }
}
