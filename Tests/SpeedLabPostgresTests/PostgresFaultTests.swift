#if PostgreSQLStore
    import Foundation
    import SpeedLabMigrations
    import SpeedLabTestSupport
    import Testing

    /// Each way a PostgreSQL store can refuse a command, caused for real against the binary: a
    /// quick exit with its own code, one `error:` line, and never the password.
    @Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs SPEEDLAB_TEST_POSTGRES"))
    struct PostgresFaultTests {
        /// What "quickly" means on a busy 2-core machine: well under the default 10 s connect
        /// timeout plus start-up, and far from a hang.
        static let quickly: Duration = .seconds(20)

        static var adminPassword: String {
            PostgresTestDatabase.adminURL.flatMap { URLComponents(string: $0)?.password } ?? ""
        }

        /// Runs `speedlab arguments…` and returns what it printed and how long it took.
        static func timed(_ arguments: [String], in folder: TemporaryDirectory) throws -> (CommandResult, Duration) {
            let start = ContinuousClock.now
            let result = try SpeedLabCommand.run(arguments, in: folder.url)
            return (result, ContinuousClock.now - start)
        }

        @Test(.timeLimit(.minutes(1)))
        func unreachableServerExits68Quickly() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let port = try PostgresTesting.closedPort()
            let url =
                "postgres://speedlab:\(Self.adminPassword)@127.0.0.1:\(port)/speedlab?sslmode=disable&connect_timeout=2"
            let (result, elapsed) = try Self.timed(["runs", "--db", url], in: folder)
            PostgresTesting.expectRefusal(
                result, exitCode: 68,
                mentioning: "cannot reach the database server at postgres://speedlab@127.0.0.1:\(port)/",
                secrets: [Self.adminPassword])
            #expect(elapsed < Self.quickly)
        }

        @Test(.timeLimit(.minutes(1)))
        func wrongPasswordExits77Quickly() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let wrong = "not-\(UUID().uuidString.prefix(8))"
            let url = try database.url(user: "speedlab", password: wrong)
            let (result, elapsed) = try Self.timed(["runs", "--db", url], in: folder)
            PostgresTesting.expectRefusal(
                result, exitCode: 77, mentioning: "refused the login", secrets: [wrong, Self.adminPassword])
            #expect(elapsed < Self.quickly)
        }

        /// A password with every character that URL parsing trips on, typed raw (up to the last
        /// `@`) or percent-encoded once, logs in; it is printed nowhere.
        @Test(.timeLimit(.minutes(1)))
        func aPasswordWithURLPunctuationLogsInAndIsNeverPrinted() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let role = "speedlab_tricky_\(UUID().uuidString.prefix(8).lowercased())"
            let password = "p@ss:w0rd/?#x%y"
            try database.query("CREATE ROLE \(role) LOGIN PASSWORD '\(password)'")
            defer { _ = try? database.query("DROP OWNED BY \(role); DROP ROLE \(role)") }
            try database.query("GRANT ALL ON SCHEMA public TO \(role)")
            let base = try #require(URLComponents(string: database.url))
            let address = "\(base.host ?? "127.0.0.1"):\(base.port ?? 5432)\(base.path)?sslmode=disable"
            // Typed as is but for `%` (the one character that must be escaped), and fully escaped.
            let typed = password.replacingOccurrences(of: "%", with: "%25")
            let escaped = [("%", "%25"), ("@", "%40"), (":", "%3A"), ("/", "%2F"), ("?", "%3F"), ("#", "%23")]
                .reduce(password) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
            for url in ["postgres://\(role):\(typed)@\(address)", "postgres://\(role):\(escaped)@\(address)"] {
                let result = try SpeedLabCommand.run(["runs", "--db", url], in: folder.url)
                #expect(result.exitCode == 0, "\(result.stderr)")
                for secret in ["p@ss", "w0rd", "x%"] {
                    #expect(!(result.stdout + result.stderr).contains(secret), "\(result.stdout) \(result.stderr)")
                }
            }
            let wrong = try SpeedLabCommand.run(
                ["runs", "--db", "postgres://\(role):p@ss:w0rd@\(address)"], in: folder.url)
            PostgresTesting.expectRefusal(
                wrong, exitCode: 77, mentioning: "refused the login", secrets: ["p@ss", "w0rd"])
        }

        @Test(.timeLimit(.minutes(1)))
        func missingDatabaseExits66Quickly() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let admin = try #require(PostgresTestDatabase.adminURL)
            let name = "speedlab_missing_\(UUID().uuidString.prefix(8).lowercased())"
            let url = try PostgresTestDatabase.url(admin, database: name)
            let (result, elapsed) = try Self.timed(["runs", "--db", url], in: folder)
            PostgresTesting.expectRefusal(
                result, exitCode: 66, mentioning: "has no database '\(name)'", secrets: [Self.adminPassword])
            #expect(elapsed < Self.quickly)
            let listed = try PostgresTestDatabase.psql(
                admin, "SELECT COUNT(*) FROM pg_database WHERE datname = '\(name)'")
            #expect(listed == "0\n", "a reading command must not create the database")
        }

        /// The test server offers no TLS: `sslmode=require` is refused rather than sent in clear.
        @Test(.timeLimit(.minutes(1)))
        func requiredTLSThatTheServerLacksExits68Quickly() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let url = try PostgresTesting.url(database.url, sslMode: "require")
            let (result, elapsed) = try Self.timed(["runs", "--db", url], in: folder)
            PostgresTesting.expectRefusal(
                result, exitCode: 68, mentioning: "does not accept TLS", secrets: [Self.adminPassword])
            #expect(elapsed < Self.quickly)
            #expect(try database.integer("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'") == 0)
        }

        @Test(.timeLimit(.minutes(1)))
        func databaseFromANewerSpeedLabExits76AndNothingIsWritten() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let database = try PostgresTestDatabase.make()
            defer { database.drop() }
            let sweep = try PostgresTesting.sweep(in: folder, repetitions: 2)
            let first = try SpeedLabCommand.run(
                ["run", sweep, "--no-report", "--no-trace", "--db", database.url], in: folder.url)
            #expect(first.exitCode == 0, "\(first.stderr)")
            try database.query(
                "INSERT INTO schema_migrations (identifier, appliedAt) VALUES ('9999_from_the_future', '2030-01-01')")
            let snapshot =
                "SELECT (SELECT COUNT(*) FROM run) || '/' || (SELECT COUNT(*) FROM sample) || '/' || "
                + "(SELECT COUNT(*) FROM schema_migrations)"
            let before = try database.query(snapshot)
            #expect(before == "1/4/\(try Migrations.postgres().count + 1)\n")

            let (run, elapsed) = try Self.timed(
                ["run", sweep, "--no-report", "--no-trace", "--db", database.url], in: folder)
            PostgresTesting.expectRefusal(
                run, exitCode: 76, mentioning: "written by a newer speedlab (unknown migrations: 9999_from_the_future)",
                secrets: [Self.adminPassword])
            #expect(elapsed < Self.quickly)
            let (runs, _) = try Self.timed(["runs", "--db", database.url], in: folder)
            PostgresTesting.expectRefusal(
                runs, exitCode: 76, mentioning: "9999_from_the_future", secrets: [Self.adminPassword])
            #expect(try database.query(snapshot) == before, "a database from a newer speedlab was written")
        }
    }
#endif
