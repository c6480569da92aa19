#if HTTPTransport
    import Foundation
    import SpeedLabScenarios
    import SpeedLabTransport
    import Testing

    #if canImport(Glibc)
        import Glibc
    #endif

    /// The lean client against a plain socket server that answers the way other HTTP servers
    /// (or a proxy in front of the services) may: a chunked body written in pieces, a body
    /// that runs until the connection closes, and bytes that are not HTTP at all.
    @Suite struct LeanClientWireTests {
        /// A one-thread server on 127.0.0.1 that answers each request by its path with canned
        /// bytes, keeping the connection unless the answer ends with a close.
        private final class CannedServer: Sendable {
            let port: UInt16
            private let listener: Int32

            init() throws {
                // Close-on-exec: a child another test spawns meanwhile must not inherit a copy of
                // a connection, which would keep it open after this server closes it.
                let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
                self.listener = listener
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                var length = socklen_t(MemoryLayout<sockaddr_in>.size)
                let bound = withUnsafeMutablePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                        bind(listener, pointer, length) == 0 && listen(listener, 16) == 0
                            && getsockname(listener, pointer, &length) == 0
                    }
                }
                guard bound else { throw TransportError("cannot listen: errno \(errno)") }
                port = UInt16(bigEndian: address.sin_port)
                Thread.detachNewThread {
                    while true {
                        let connection = accept(listener, nil, nil)
                        guard connection >= 0 else { return }  // the listener closed
                        _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
                        Thread.detachNewThread { Self.serve(connection) }
                    }
                }
            }

            /// Stops accepting (connections already open end with their clients).
            func stop() {
                shutdown(listener, Int32(SHUT_RDWR))
                close(listener)
            }

            private static func serve(_ connection: Int32) {
                defer { close(connection) }
                var pending: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = recv(connection, &buffer, buffer.count, 0)
                    guard count > 0 else { return }
                    pending += buffer[0..<count]
                    let text = String(decoding: pending, as: UTF8.self)
                    guard let end = text.range(of: "\r\n\r\n") else { continue }
                    let path = text.split(separator: " ").dropFirst().first.map(String.init) ?? ""
                    pending = Array(text[end.upperBound...].utf8)
                    for (index, piece) in answer(to: path).enumerated() {
                        if index > 0 { usleep(2_000) }  // each piece in a read of its own
                        _ = piece.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    }
                    if path == "/until-close" || path == "/not-http" { return }
                }
            }

            private static func answer(to path: String) -> [[UInt8]] {
                let pieces: [String] =
                    switch path {
                    case "/chunked":
                        [
                            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
                            "lo\r\n1A\r\nabcdefghijklm",
                            "nopqrstuvwxyz\r\n0\r\n\r\n",
                        ]
                    case "/until-close": ["HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 100), "tail"]
                    case "/not-http": ["SSH-2.0-OpenSSH_9.6\r\n\r\n"]
                    default: ["HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found"]
                    }
                return pieces.map { Array($0.utf8) }
            }
        }

        @Test(.timeLimit(.minutes(1)))
        func chunkedAndCloseDelimitedAnswersAreReadWhole() async throws {
            let server = try CannedServer()
            let client = HTTPServiceClient(baseURL: "http://127.0.0.1:\(server.port)")
            for _ in 0..<3 {  // the connection is kept after a chunked answer
                let chunked = try await client.get("/chunked")
                #expect(chunked.status == 200 && chunked.bodyBytes == 31)
            }
            let missing = try await client.get("/missing")
            #expect(missing.status == 404 && missing.bodyBytes == 9)
            let untilClose = try await client.get("/until-close")
            #expect(untilClose.status == 200 && untilClose.bodyBytes == 104)
            let again = try await client.get("/chunked")  // on a new connection
            #expect(again.bodyBytes == 31)
            await client.shutdown()
            server.stop()
        }

        @Test(.timeLimit(.minutes(1)))
        func bytesThatAreNotHTTPFailTheRequestAndTheNextOneGetsAFreshConnection() async throws {
            let server = try CannedServer()
            let client = HTTPServiceClient(baseURL: "http://127.0.0.1:\(server.port)")
            await #expect {
                _ = try await client.get("/not-http")
            } throws: { error in
                "\(error)".contains("not an HTTP/1 status line: SSH-2.0-OpenSSH_9.6")
            }
            let chunked = try await client.get("/chunked")
            #expect(chunked.status == 200 && chunked.bodyBytes == 31)
            await client.shutdown()
            server.stop()
        }
    }
#endif
