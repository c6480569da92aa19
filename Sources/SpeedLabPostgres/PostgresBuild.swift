/// Whether this build of SpeedLab can use a PostgreSQL store (the `PostgreSQLStore` trait).
public enum PostgresBuild {
    #if PostgreSQLStore
        public static let isAvailable = true
    #else
        public static let isAvailable = false
    #endif
}
