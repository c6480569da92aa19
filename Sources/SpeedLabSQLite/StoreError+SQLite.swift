import GRDB
import SpeedLabCore
import SpeedLabStore

extension StoreError {
    /// Translates a SQLite error raised on `path` into the case a person can act on.
    static func from(_ error: any Error, path: String) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        // A value SpeedLab wrote that reads back as NULL or of another type: damage that
        // `quick_check` cannot see, inside a page whose structure is intact.
        if let decoding = error as? RowDecodingError {
            return .corrupt(path: path, detail: "a stored value cannot be read: \(decoding)")
        }
        guard let dbError = error as? DatabaseError else {
            return .sqlite(path: path, detail: String(describing: error))
        }
        let detail = dbError.message ?? "\(dbError.resultCode)"
        switch dbError.resultCode.primaryResultCode {
        case .SQLITE_NOTADB: return .notADatabase(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: detail)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, detail: detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path)
        default:
            return .sqlite(
                path: path, code: .sqlite(extendedResultCode: dbError.extendedResultCode.rawValue), detail: detail)
        }
    }
}
