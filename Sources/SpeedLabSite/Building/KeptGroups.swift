/// The groups of files an earlier build left that this one keeps: their paths, in the order
/// they were found, and their entries, carried over into the new manifest.
struct KeptGroups {
    var paths: [String] = []
    var manifest = SiteManifest()

    /// Keeps the group `key` of `previous` when it was made from the same `fingerprint` and
    /// all its files still exist; returns its paths, or nil when it must be made again.
    mutating func keep(
        _ key: ManifestKey, fingerprint: String, from previous: SiteManifest?, exists: (String) -> Bool
    ) -> [String]? {
        guard let old = previous?.groups[key], old.fingerprint == fingerprint, old.paths.allSatisfy(exists)
        else { return nil }
        paths += old.paths
        manifest.groups[key] = old
        return old.paths
    }
}
