import Foundation
import SpeedLabCore

/// A run as a person names it: an id, a label (its newest run), `latest` or `latest~N`.
///
/// It is parsed once, from the text given (``init(parsing:)``); every store resolves it the
/// same way through `RunDatabase.resolveRun(_:completedOnly:)`. A number is
/// kept as both an id and a label: it names the run with that id when there is one, else the
/// newest run with that label.
public struct RunSelector: Sendable, Hashable, CustomStringConvertible {
    /// What the text names.
    public enum Kind: Sendable, Hashable {
        /// A whole number: the run with that id, else the newest run labelled with the text.
        case number(RunID)
        /// The newest run with this label.
        case label(String)
        /// The newest run after skipping `skipping` newer ones (`latest` skips 0, `latest~N` skips N).
        case latest(skipping: Int)
    }

    /// Why text cannot name a run.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Nothing but blanks.
        case empty
        /// `latest~` followed by something that is not a whole number.
        case notACount(String)
        /// `latest~N` with N below 0.
        case negativeCount(String)

        public var description: String {
            switch self {
            case .empty:
                return "a run reference is empty: give a run id, a label, `latest` or `latest~N`"
            case .notACount(let text):
                return "'\(text)' is not `latest~N` with N a whole number: write e.g. `latest~1` for the run before "
                    + "the latest"
            case .negativeCount(let text):
                return "'\(text)' counts back a negative number of runs: N in `latest~N` is 0 or more"
            }
        }
    }

    /// What the text names.
    public let kind: Kind
    /// The text as given, without surrounding blanks: what errors and messages show.
    public let text: String

    /// Parses `text`; surrounding spaces and tabs are ignored.
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        self.text = trimmed
        if trimmed == "latest" {
            kind = .latest(skipping: 0)
        } else if trimmed.hasPrefix("latest~") {
            guard let back = Int(trimmed.dropFirst("latest~".count)) else { throw .notACount(trimmed) }
            guard back >= 0 else { throw .negativeCount(trimmed) }
            kind = .latest(skipping: back)
        } else if let id = RunID(trimmed) {
            kind = .number(id)
        } else {
            kind = .label(trimmed)
        }
    }

    /// The newest run: `latest`.
    public static let latest = RunSelector(kind: .latest(skipping: 0), text: "latest")

    private init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    public var description: String { text }
}

extension RunDatabase {
    /// Resolves `selector` to a run id. With `completedOnly`, `latest`, `latest~N` and labels
    /// count completed runs only (an id always names its run): an interrupted or crashed run is
    /// not history. Throws ``StoreError/noCompletedRun(reference:path:)`` when only completed
    /// runs count and none matches a selector that is not a number, else
    /// ``StoreError/unknownRun(reference:path:)``.
    public func resolveRun(_ selector: RunSelector, completedOnly: Bool = false) throws(StoreError) -> RunID {
        try resolve(selector, completedOnly: completedOnly, reference: selector.text)
    }

    /// Resolves `12`, a label (its newest run), `latest` or `latest~N` to a run id, as
    /// a ``RunSelector`` does; text that names no run
    /// (`latest~x`, nothing) is an unknown run.
    public func resolveRun(_ reference: String, completedOnly: Bool = false) throws(StoreError) -> RunID {
        let selector: RunSelector
        do { selector = try RunSelector(parsing: reference) } catch {
            throw completedOnly
                ? .noCompletedRun(reference: reference, path: location)
                : .unknownRun(reference: reference, path: location)
        }
        return try resolve(selector, completedOnly: completedOnly, reference: reference)
    }

    private func resolve(_ selector: RunSelector, completedOnly: Bool, reference: String) throws(StoreError)
        -> RunID
    {
        let found: RunID?
        switch selector.kind {
        case .latest(let back):
            found = try newestRun(label: nil, completedOnly: completedOnly, skipping: back)
        case .number(let id):
            found = try hasRun(id) ? id : newestRun(label: selector.text, completedOnly: completedOnly, skipping: 0)
        case .label(let label):
            found = try newestRun(label: label, completedOnly: completedOnly, skipping: 0)
        }
        guard let found else {
            if completedOnly, case .number = selector.kind {
                throw .unknownRun(reference: reference, path: location)
            }
            throw completedOnly
                ? .noCompletedRun(reference: reference, path: location)
                : .unknownRun(reference: reference, path: location)
        }
        return found
    }
}
