#if PostgreSQLStore
    import Foundation
    import SpeedLabMigrations
    import SpeedLabStore

    /// Applies `migrations/postgres/` in order, one transaction each, recording each in
    /// `schema_migrations`.
    ///
    /// Everything happens under a session advisory lock, so two processes that open a new
    /// database at once do not both create its tables: the second waits, then finds them. A
    /// database that records a migration this SpeedLab does not know is refused by name, as
    /// the SQLite store refuses one, before anything is written.
    struct PostgresMigrator {
        let store: PostgresRunStore

        /// The advisory lock key every SpeedLab takes while it migrates ("SPDL" in ASCII).
        static let lockKey: Int64 = 0x5350_444C

        func migrate(files: [MigrationFile]) throws(StoreError) {
            try store.exclusive { () throws(StoreError) in
                // Quick path: a database that is up to date needs no lock.
                if let applied = try appliedIdentifiers(), try check(applied, files: files) { return }
                try store.execute("SELECT pg_advisory_lock(\(Self.lockKey))")
                defer { _ = try? store.execute("SELECT pg_advisory_unlock(\(Self.lockKey))") }
                try store.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (identifier TEXT PRIMARY KEY, appliedAt TEXT NOT NULL)"
                )
                let applied = Set(try appliedIdentifiers() ?? [])
                _ = try check(Array(applied), files: files)
                for file in files where !applied.contains(file.identifier) {
                    try store.execute("BEGIN")
                    do throws(StoreError) {
                        for statement in SQLStatements.split(file.sql) {
                            try store.execute(PostgresQuery(unsafeSQL: statement))
                        }
                        try store.execute(
                            "INSERT INTO schema_migrations (identifier, appliedAt) VALUES (\(file.identifier), \(Timestamp.string(Date())))"
                        )
                        try store.execute("COMMIT")
                    } catch {
                        _ = try? store.execute("ROLLBACK")
                        throw error
                    }
                }
            }
        }

        /// The recorded migrations, or nil when the database has no SpeedLab schema yet.
        private func appliedIdentifiers() throws(StoreError) -> [String]? {
            let exists = try store.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
            guard let row = exists.first, try store.decode(row, Bool.self) else { return nil }
            return try store.query("SELECT identifier FROM schema_migrations ORDER BY identifier").map {
                (row) throws(StoreError) -> String in try store.decode(row, String.self)
            }
        }

        /// Whether `applied` is every migration of `files`; throws when it holds one this SpeedLab
        /// does not know (a newer schema).
        private func check(_ applied: [String], files: [MigrationFile]) throws(StoreError) -> Bool {
            let known = Set(files.map(\.identifier))
            let unknown = applied.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                throw .schemaIsNewer(path: store.location, unknownMigrations: unknown.sorted())
            }
            return Set(applied) == known
        }
    }
#endif
