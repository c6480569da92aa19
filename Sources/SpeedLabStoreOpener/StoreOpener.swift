import Foundation
import SpeedLabPostgres
import SpeedLabSQLite
import SpeedLabStore

/// Chooses the store `--db` (or `SPEEDLAB_DB`) names, once, at the edge of a command: a
/// `postgres://` URL is a PostgreSQL server, anything else a SQLite file.
public enum StoreOpener {
    /// Opens the store at `location` as `access` asks (a SQLite file opened to read is never
    /// written; a PostgreSQL database is brought up to date in either case).
    public static func open(_ location: String, access: StoreAccess) throws(StoreError) -> any RunDatabase {
        guard PostgresURL.isPostgres(location) else { return try SQLiteRunStore(path: location, access: access) }
        #if PostgreSQLStore
            return try PostgresRunStore(url: PostgresURL(location))
        #else
            throw .unsupportedLocation(
                location: PostgresURL.redacting(location),
                reason: "this speedlab was built without PostgreSQL (--disable-default-traits); give a SQLite file, "
                    + "or build with the default traits")
        #endif
    }

    /// `SPEEDLAB_DB`, else `speedlab.sqlite` in the working directory.
    public static func defaultLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        SQLiteRunStore.defaultPath(environment: environment)
    }

    /// `location` as shown to people (a URL without its password).
    public static func shown(_ location: String) -> String {
        PostgresURL.isPostgres(location) ? PostgresURL.redacting(location) : location
    }
}
