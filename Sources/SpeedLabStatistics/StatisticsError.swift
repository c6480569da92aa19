/// Why a statistics routine refused its input.
///
/// Every throwing initialiser and function in `SpeedLabStatistics` reports
/// invalid input with one of these cases instead of trapping, so callers can
/// show a message for an empty benchmark series rather than crash.
public enum StatisticsError: Error, Sendable, Equatable {
    /// A sample that must hold at least one value was empty.
    case emptySample
    /// A sample held NaN or an infinity.
    case nonFiniteValue
    /// A sample was too small for the requested computation.
    case sampleTooSmall(minimumCount: Int, actualCount: Int)
    /// A confidence level, significance or power outside the open interval (0, 1).
    case probabilityOutOfRange(Double)
    /// A ratio's denominator was zero.
    case zeroDenominator
    /// Any other argument outside its documented domain.
    case invalidArgument(String)
}

extension StatisticsError {
    /// Throws unless `values` is non-empty and every value is finite.
    static func validate(_ values: [Double]) throws(StatisticsError) {
        if values.isEmpty { throw .emptySample }
        for value in values where !value.isFinite { throw .nonFiniteValue }
    }

    /// Throws unless `probability` lies strictly between 0 and 1.
    static func validateProbability(_ probability: Double) throws(StatisticsError) {
        guard probability > 0, probability < 1 else { throw .probabilityOutOfRange(probability) }
    }
}
