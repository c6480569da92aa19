import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// The frame every page of the site shares: the Content-Security-Policy (scripts, styles and
/// images from the site's own folder only; nothing inline, no network), the navigation, and
/// the data files and script that enhance the page when JavaScript runs.
struct PageLayout {
    /// The page kind the script reads from `<body data-page>`.
    enum Kind: String {
        case overview, point, parameters, run, compare, changes
    }

    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'"

    var kind: Kind
    var title: String
    /// The way from the page's folder to the site's root (`""` or `"../"`).
    var root: String
    /// Data files (relative to the root) loaded before the script.
    var data: [String] = []
    /// Attributes of `<body>` beyond `data-page` and `data-root` (names are SpeedLab's own).
    var attributes: [(String, String)] = []

    func page(_ main: String) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(HTMLText.text(title)) · SpeedLab</title>
            <link rel="stylesheet" href="\(root)assets/site.css">
            <link rel="alternate" type="application/atom+xml" title="SpeedLab change points" href="\(root)changes.atom">
            </head>

            """
        out += "<body data-page=\"\(kind.rawValue)\" data-root=\"\(root)\""
        for (name, value) in attributes { out += " data-\(name)=\"\(HTMLText.attribute(value))\"" }
        out += ">\n<header><nav>"
        let links: [(Kind, String, String)] = [
            (.overview, "index.html", "Overview"), (.parameters, "parameters.html", "Parameters"),
            (.compare, "compare.html", "Compare"), (.changes, "changes.html", "Change points"),
        ]
        out += "<a class=\"brand\" href=\"\(root)index.html\">SpeedLab</a>"
        for (linkKind, href, label) in links {
            let current = linkKind == kind ? " aria-current=\"page\"" : ""
            out += "<a href=\"\(root)\(href)\"\(current)>\(label)</a>"
        }
        out += "</nav></header>\n<main>\n<h1>\(HTMLText.text(title))</h1>\n"
        out += main
        out += "</main>\n"
        for file in data { out += "<script src=\"\(root)\(file)\"></script>\n" }
        out += "<script src=\"\(root)assets/site.js\"></script>\n</body>\n</html>\n"
        return out
    }
}
