#if !HTTPTransport
    import Foundation
    import SpeedLabTestSupport
    import Testing

    /// A build without the HTTPTransport trait measures simulated I/O only, and says so when
    /// a sweep asks for real I/O, before anything is stored.
    @Suite struct LeanBuildTests {
        @Test(.timeLimit(.minutes(1)))
        func httpPointsAreRefusedWithExit69() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let sweep = try folder.write(
                "name: h\nscenarios: [sequential]\nparameters:\n  tasks: 2\n  transport: http\n", to: "h.yaml")
            let result = try SpeedLabCommand.run(["run", sweep, "--no-report"], in: folder.url)
            #expect(result.exitCode == 69)
            #expect(result.stderr.contains("built without the HTTPTransport trait"))
            let services = try SpeedLabCommand.run(["services"], in: folder.url)
            #expect(services.exitCode == 69)
        }

        @Test(.timeLimit(.minutes(1)))
        func theDefaultSweepHasNoHTTPPoints() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let result = try SpeedLabCommand.run(["run", "--dry-run"], in: folder.url)
            #expect(result.exitCode == 0)
            #expect(!result.stdout.contains("transport=http"))
        }
    }
#endif

#if !PostgreSQLStore
    import Foundation
    import SpeedLabTestSupport
    import Testing

    /// A build without the PostgreSQLStore trait keeps runs in SQLite only, and says so when
    /// `--db` names a server, without reaching for it.
    @Suite struct LeanStoreTests {
        @Test(.timeLimit(.minutes(1)))
        func aPostgresURLIsRefusedWithExit64AndNoPassword() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let result = try SpeedLabCommand.run(
                ["runs", "--db", "postgres://bench:s3cret-word@127.0.0.1:1/speedlab"], in: folder.url)
            #expect(result.exitCode == 64)
            #expect(result.stderr.contains("built without PostgreSQL"))
            #expect(!(result.stdout + result.stderr).contains("s3cret-word"))
        }
    }
#endif
