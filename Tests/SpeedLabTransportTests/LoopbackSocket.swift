#if HTTPTransport
    import Foundation
    import Testing

    #if canImport(Glibc)
        import Glibc
    #endif

    /// A plain TCP socket to the services on loopback, for tests that write raw bytes.
    enum LoopbackSocket {
        /// Connects to the port of `address` (`host:port`) with `receiveTimeout` on reads;
        /// the descriptor, checked by expectations.
        static func connect(to address: String, receiveTimeout: timeval) -> Int32 {
            let port = UInt16(address.split(separator: ":").last.flatMap { Int($0) } ?? 0)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #expect(fd >= 0)
            var timeout = receiveTimeout
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = port.bigEndian
            socketAddress.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            #expect(connected == 0)
            return fd
        }
    }
#endif
