import ArgumentParser
import Foundation
import SpeedLabReports

/// `--format md,csv,svg`: a comma-separated set of report formats.
struct ReportFormats: ExpressibleByArgument, Sendable {
    let formats: Set<ReportFiles.Format>

    init(_ formats: Set<ReportFiles.Format>) {
        self.formats = formats
    }

    init?(argument: String) {
        var formats = Set<ReportFiles.Format>()
        for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let format = ReportFiles.Format(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                return nil
            }
            formats.insert(format)
        }
        self.formats = formats
    }

    var defaultValueDescription: String {
        ReportFiles.Format.allCases.filter(formats.contains).map(\.rawValue).joined(separator: ",")
    }

    static var allValueStrings: [String] { ReportFiles.Format.allCases.map(\.rawValue) }
}
