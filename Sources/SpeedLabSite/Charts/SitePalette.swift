import Foundation
import SpeedLabCore
import SpeedLabReports
import SpeedLabStore

/// Colours of the site's charts: the Okabe-Ito palette, which readers with any common form of
/// colour blindness tell apart. A series keeps the colour of its index in the full list, so
/// hiding another series never changes it.
enum SitePalette {
    static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"]

    static func color(_ index: Int) -> String { colors[index % colors.count] }
}
