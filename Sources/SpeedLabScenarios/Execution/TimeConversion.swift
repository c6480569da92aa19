extension Duration {
    /// This duration in nanoseconds, as a real number.
    public var nanoseconds: Double {
        Double(components.seconds) * 1e9 + Double(components.attoseconds) * 1e-9
    }

    /// A duration of `nanos` nanoseconds, rounded to the nearest one.
    public static func nanoseconds(_ nanos: Double) -> Duration {
        .nanoseconds(Int64(nanos.rounded()))
    }
}
