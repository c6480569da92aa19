import SpeedLabCore

extension ParameterPoint {
    /// The point as a scenario with `specs` stores it: without the parameters whose condition
    /// does not hold (a missing parameter counts as its default) and without the ones left out
    /// at their default, so two points that run the same way have one identity.
    public func keepingApplicable(_ specs: [ParameterSpec]) -> ParameterPoint {
        let byName = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var point = self
        for spec in specs {
            if let condition = spec.condition {
                let governing = point[condition.parameter] ?? byName[condition.parameter]?.defaultValue
                if !condition.values.contains(governing?.textValue ?? "") {
                    point[spec.name] = nil
                    continue
                }
            }
            if spec.omittedAtDefault, let value = point[spec.name], value == spec.defaultValue {
                point[spec.name] = nil
            }
        }
        return point
    }
}
