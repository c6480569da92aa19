import SpeedLabCore

/// Two consecutive runs of one label and host: the base a comparison starts from, and its
/// head. Its text, `BASE-HEAD`, names the comparison's page and its group in the manifest.
struct RunPair: Sendable, Hashable, CustomStringConvertible {
    var base: RunID
    var head: RunID

    var description: String { "\(base)-\(head)" }
}

/// The name of a group of files in a site's manifest (``SiteManifest``): a run's page and its
/// charts, or the comparison of a pair of runs. Every name is made here, so a rebuild finds
/// the groups an earlier build wrote under the same names.
struct ManifestKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name as the manifest's text holds it (`run 12`, `compare 11-12`).
    let name: String

    /// A name read back from a manifest's text.
    init(parsing name: String) {
        self.name = name
    }

    /// The group of run `id`'s page and the files beside it.
    static func run(_ id: RunID) -> Self { Self(parsing: "run \(id)") }

    /// The group of the comparison page of `pair`.
    static func comparison(_ pair: RunPair) -> Self { Self(parsing: "compare \(pair)") }

    var description: String { name }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.name < rhs.name }
}
