#if PostgreSQLStore
    import Foundation
    import SpeedLabTestSupport
    import Testing

    /// TLS as libpq negotiates it, against a throw-away server with a self-signed certificate
    /// for `localhost` made by openssl: `require` encrypts without checking, `verify-full`
    /// checks the certificate and the host name, and neither falls back to plain text.
    @Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs SPEEDLAB_TEST_POSTGRES"), .serialized)
    struct PostgresTLSTests {
        @Test(.timeLimit(.minutes(2)))
        func requireAndVerifyFullConnectAndAWrongCertificateOrHostIsRefused() throws {
            let cluster = try ThrowawayCluster.startTLS()
            defer { cluster.remove() }
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let admin = try #require(URLComponents(string: cluster.adminURL))
            let password = admin.password ?? ""
            func url(host: String, query: String) -> String {
                "postgres://speedlab:\(password)@\(host):\(admin.port ?? 5432)/postgres?\(query)"
            }
            let accepted = [
                url(host: "127.0.0.1", query: "sslmode=require"),
                url(host: "localhost", query: "sslmode=verify-full&sslrootcert=\(cluster.certificate)"),
            ]
            for url in accepted {
                let result = try SpeedLabCommand.run(["runs", "--db", url], in: folder.url)
                #expect(result.exitCode == 0, "\(result.stderr)")
                #expect(!(result.stdout + result.stderr).contains(password))
            }
            // Another self-signed certificate for the same name: not the server's.
            let otherRoot = folder.path("other.crt")
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-keyout", folder.path("other.key"), "-out", otherRoot,
            ]
            openssl.standardOutput = FileHandle.nullDevice
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
            #expect(openssl.terminationStatus == 0)
            let refused = [
                url(host: "127.0.0.1", query: "sslmode=verify-full&sslrootcert=\(cluster.certificate)"),
                url(host: "localhost", query: "sslmode=verify-full&sslrootcert=\(otherRoot)"),
            ]
            for url in refused {
                let result = try SpeedLabCommand.run(["runs", "--db", url], in: folder.url)
                #expect(result.exitCode == 68, "\(result.stderr)")
                #expect(result.stderr.contains("certificate"), "\(result.stderr)")
                #expect(!result.stderr.contains(password))
            }
        }
    }
#endif
