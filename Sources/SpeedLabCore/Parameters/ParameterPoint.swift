/// The parameter values of one measured point of a sweep, keyed by parameter name.
///
/// Two points with the same values are the same point, whatever order the values were
/// given in: ``canonicalJSON`` sorts the keys, and that text is what the store keeps
/// (so `json_extract(parameters, '$.tasks')` works in the `sqlite3` shell).
public struct ParameterPoint: Sendable, Hashable, CustomStringConvertible {
    public private(set) var values: [String: ParameterValue]

    public init(_ values: [String: ParameterValue] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> ParameterValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// Sorted parameter names.
    public var names: [String] { values.keys.sorted() }

    /// `{"latency_ms":20,"tasks":64}`: sorted keys, no spaces.
    public var canonicalJSON: String {
        let fields = names.map { name in JSONText.quote(name) + ":" + (values[name]?.jsonText ?? "null") }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// `latency_ms=20 tasks=64`: the form people read and type after `--param`.
    public var description: String {
        names.map { "\($0)=\(values[$0]?.canonicalText ?? "")" }.joined(separator: " ")
    }

    /// The point restricted to the given parameter names.
    public func restricted(to keep: some Sequence<String>) -> ParameterPoint {
        var result = ParameterPoint()
        for name in keep { result[name] = values[name] }
        return result
    }
}
