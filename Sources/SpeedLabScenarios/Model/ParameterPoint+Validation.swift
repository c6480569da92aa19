import SpeedLabCore

extension ParameterPoint {
    /// The value of `spec` in this point, validated; its default when absent.
    public func value(_ spec: ParameterSpec, for scenario: String) throws(ScenarioError) -> ParameterValue {
        let raw = self[spec.name] ?? spec.defaultValue
        guard let value = spec.validated(raw) else {
            throw .invalidValue(
                scenario: scenario, name: spec.name, value: raw.canonicalText, expected: spec.expectation)
        }
        return value
    }

    /// A whole-number parameter.
    public func integer(_ spec: ParameterSpec, for scenario: String) throws(ScenarioError) -> Int {
        try value(spec, for: scenario).integerValue ?? 0
    }

    /// A real-number parameter.
    public func real(_ spec: ParameterSpec, for scenario: String) throws(ScenarioError) -> Double {
        try value(spec, for: scenario).realValue ?? 0
    }
}

extension ParameterPoint {
    /// The http client's pool size: `connections`, or `automatic` (the most calls the
    /// scenario has in flight) when it is `auto` or does not apply.
    public func connections(for scenario: String, automatic: Int) throws(ScenarioError) -> Int {
        try value(ParameterCatalog.connections, for: scenario).integerValue ?? max(1, automatic)
    }
}
