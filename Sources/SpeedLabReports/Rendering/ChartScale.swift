import Foundation

/// Maps data values to pixels along one axis: linear, logarithmic (base 10) or categorical.
struct ChartScale {
    enum Kind {
        case linear
        case log
        case categories([String])
    }

    let kind: Kind
    let domain: ClosedRange<Double>
    /// Pixel positions of the domain's lower and upper bound (the y axis runs upwards, so
    /// its start is below its end).
    let range: (start: Double, end: Double)

    /// A scale for `values` (numbers) — logarithmic when they span 20× or more.
    static func numeric(_ values: [Double], range: (start: Double, end: Double)) -> ChartScale {
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        if low > 0, high / low >= 20 {
            return ChartScale(kind: .log, domain: log10(low)...log10(high), range: range)
        }
        let pad = high == low ? max(1, abs(high) * 0.1) : 0
        return ChartScale(kind: .linear, domain: (low - pad)...(high + pad), range: range)
    }

    func position(_ value: Double) -> Double {
        let x: Double
        switch kind {
        case .log: x = log10(max(value, 1e-12))
        case .linear, .categories: x = value
        }
        let span = domain.upperBound - domain.lowerBound
        let t = span == 0 ? 0.5 : (x - domain.lowerBound) / span
        return range.start + t * (range.end - range.start)
    }

    /// Tick values and their labels.
    func ticks() -> [(value: Double, label: String)] {
        switch kind {
        case .categories(let names):
            return names.enumerated().map { (Double($0.offset), $0.element) }
        case .log:
            let low = Int(floor(domain.lowerBound))
            let high = Int(ceil(domain.upperBound))
            var values: [Double] = []
            for exponent in low...high {
                for mantissa in [1.0, 2, 5] {
                    let value = mantissa * pow(10, Double(exponent))
                    let position = log10(value)
                    if position >= domain.lowerBound - 1e-9, position <= domain.upperBound + 1e-9 {
                        values.append(value)
                    }
                }
            }
            return values.map { ($0, Self.label($0)) }
        case .linear:
            return Self.niceTicks(domain).map { ($0, Self.label($0)) }
        }
    }

    /// About five round tick values (steps of 1, 2 or 5 × 10ⁿ) covering `domain`.
    static func niceTicks(_ domain: ClosedRange<Double>) -> [Double] {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, span.isFinite else { return [domain.lowerBound] }
        let rough = span / 5
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        var value = ceil(domain.lowerBound / step) * step
        var ticks: [Double] = []
        while value <= domain.upperBound + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }

    static func label(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%g", value)
    }
}
