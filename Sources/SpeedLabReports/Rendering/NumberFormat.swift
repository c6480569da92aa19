import Foundation

/// `value` with `digits` decimals, or `-` when it is not a finite number.
func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "-" }
    return String(format: "%.\(digits)f", value)
}

/// Nanoseconds as milliseconds with three significant figures or more (`12.3`, `0.456`, `1234`).
func millis(_ nanos: Double?) -> String {
    guard let nanos, nanos.isFinite else { return "-" }
    let ms = nanos / 1e6
    switch abs(ms) {
    case 100...: return fixed(ms, 0)
    case 10..<100: return fixed(ms, 1)
    case 1..<10: return fixed(ms, 2)
    default: return fixed(ms, 3)
    }
}
