import Foundation
import SpeedLabPostgres
import SpeedLabStore
import SpeedLabStoreOpener
import SpeedLabTestSupport
import Testing

#if PostgreSQLStore
    /// The PostgreSQL tests run wherever a server is configured, and CI always configures one.
    @Suite struct PostgresRequirementTests {
        /// Outside CI the PostgreSQL tests skip without `SPEEDLAB_TEST_POSTGRES`; in CI a missing
        /// server is a failure, so they can never be skipped silently.
        @Test func postgresTestsNeverSkipInCI() {
            guard PostgresTestDatabase.isCI else { return }
            #expect(
                PostgresTestDatabase.isConfigured,
                """
                CI=true but \(PostgresTestDatabase.environmentVariable) is not set: the PostgreSQL store's tests \
                would be skipped. Start a server with `scripts/throwaway-postgres.sh start DIR` and export the URL \
                it prints (.ci/run does).
                """)
        }

        @Test(.enabled(if: PostgresTestDatabase.isConfigured, "needs SPEEDLAB_TEST_POSTGRES"))
        func aTestDatabaseIsCreatedEmptyWithPsqlAndDroppedWithItsSessions() throws {
            let database = try PostgresTestDatabase.make()
            var dropped = false
            defer { if !dropped { database.drop() } }
            let admin = try #require(PostgresTestDatabase.adminURL)
            let url = try #require(URLComponents(string: database.url))
            let server = try #require(URLComponents(string: admin))
            #expect(url.path == "/\(database.name)")
            #expect(url.host == server.host && url.port == server.port && url.user == server.user)
            #expect(url.query == server.query)
            #expect(database.password == server.password)
            #expect(try database.integer("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'") == 0)
            let store = try StoreOpener.open(database.url, access: .write(create: true))
            #expect(try store.runs().isEmpty)
            // The store's connection is still open: drop() ends it.
            database.drop()
            dropped = true
            try? store.close()
            let exists = try PostgresTestDatabase.psql(
                admin, "SELECT COUNT(*) FROM pg_database WHERE datname = '\(database.name)'")
            #expect(exists.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
    }
#else
    /// Built with `--disable-default-traits`, SpeedLab has no PostgreSQL store and says so.
    @Suite struct PostgresLeanBuildTests {
        @Test func aPostgresURLIsAnUnsupportedLocationWithoutTheTrait() throws {
            let error = #expect(throws: StoreError.self) {
                try StoreOpener.open("postgres://x@127.0.0.1/db", access: .read)
            }
            guard case .unsupportedLocation(let location, let reason) = error else {
                Issue.record("expected .unsupportedLocation, got \(String(describing: error))")
                return
            }
            #expect(location == "postgres://x@127.0.0.1/db")
            #expect(reason.contains("without PostgreSQL"))
        }

        @Test func theCommandRefusesAPostgresURLWithUsageExitAndNoPassword() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let result = try SpeedLabCommand.run(["runs", "--db", "postgres://x:s3cret@127.0.0.1/db"], in: folder.url)
            #expect(result.exitCode == 64, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
            #expect(result.stderr.contains("without PostgreSQL"), "\(result.stderr)")
            #expect(!result.stderr.contains("s3cret") && !result.stdout.contains("s3cret"))
        }
    }
#endif
