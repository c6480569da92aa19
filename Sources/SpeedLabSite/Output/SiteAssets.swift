import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// The site's own script and style sheet (`Assets/site.js`, `Assets/site.css`, copied into
/// every site): no third-party code.
enum SiteAssets {
    static let script = load("site", "js")
    static let styleSheet = load("site", "css")

    private static func load(_ name: String, _ ext: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("SpeedLabSite's resource \(name).\(ext) is missing from its bundle") }
        return text
    }
}
