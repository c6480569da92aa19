/// `repetitions: auto`: each point is measured until the 95% confidence interval of its median
/// is within ±`precision` of the median, with at least `minimum` and at most `maximum`
/// repetitions, and stops short of the precision once it has used `budgetSeconds` of measured
/// time (after its minimum). Stored with the run, so a resumed run keeps the same rule.
public struct AdaptiveRepetitions: Sendable, Hashable {
    /// Target half-width of the median's 95% CI, relative to the median (0.01 = ±1 %).
    public var precision: Double
    public var minimum: Int
    public var maximum: Int
    /// Measured wall time a point may use before it stops short of the precision.
    public var budgetSeconds: Double

    public static let defaultPrecision = 0.01
    public static let defaultMinimum = 5
    public static let defaultMaximum = 50
    public static let defaultBudgetSeconds = 60.0

    public init(
        precision: Double = defaultPrecision, minimum: Int = defaultMinimum, maximum: Int = defaultMaximum,
        budgetSeconds: Double = defaultBudgetSeconds
    ) {
        self.precision = precision
        self.minimum = minimum
        self.maximum = maximum
        self.budgetSeconds = budgetSeconds
    }
}
