/// `%.Nf` text of a double without printf, which costs a tenth of a site rebuild: the same
/// characters glibc's printf gives, rounding the double's exact value half to even at the
/// last decimal and keeping the sign of a negative value that rounds to zero (`-0.00`).
enum FixedDecimal {
    /// Powers of ten that a double holds exactly.
    private static let powers: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }

    /// `value` with `digits` decimals, or nil where this path does not apply (not finite,
    /// more than 15 decimals, or too large to scale into an integer exactly).
    static func format(_ value: Double, digits: Int) -> String? {
        guard value.isFinite, digits >= 0, digits < powers.count else { return nil }
        let magnitude = value.magnitude
        let scale = powers[digits]
        let high = magnitude * scale
        guard high < 0x1p52 else { return nil }
        // high + low is magnitude × 10^digits exactly (the product's error, by a fused
        // multiply-add).
        let low = (-high).addingProduct(magnitude, scale)
        let whole = high.rounded(.down)
        let fraction = high - whole  // exact
        // fraction is a multiple of high's ulp and |low| is at most half of one, so low only
        // matters where fraction is exactly one half.
        var integer = UInt64(whole)
        if fraction > 0.5 || (fraction == 0.5 && (low > 0 || (low == 0 && integer & 1 == 1))) {
            integer += 1
        }
        var text = String(integer)
        if digits > 0 {
            if text.utf8.count <= digits {
                text = String(repeating: "0", count: digits + 1 - text.utf8.count) + text
            }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
        }
        return value.sign == .minus ? "-" + text : text
    }
}
