import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// The stable names of a site's pages: a point's page is named by a hash of its key and host,
/// so links to it survive rebuilds, new runs and other stores holding the same point.
enum SiteID {
    /// 16 hex digits of FNV-1a 64 over the scenario, the canonical parameters and the host.
    static func series(_ key: PointKey, host: String?) -> String {
        text(key.scenario + "\u{0}" + key.parameters.canonicalJSON + "\u{0}" + (host ?? ""))
    }

    /// A point key as the browser matches points of two runs: scenario, a zero byte, the
    /// canonical parameters.
    static func pointMatchKey(_ key: PointKey) -> String {
        key.scenario + "\u{0}" + key.parameters.canonicalJSON
    }
}

extension SiteID {
    /// 16 hex digits of FNV-1a 64 over `value`'s UTF-8: a fingerprint of text, not a secret.
    static func text(_ value: String) -> String {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in value.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
