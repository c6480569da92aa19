/// The version of SpeedLab, recorded with every run and printed by `speedlab --version`.
public enum SpeedLabVersion {
    public static let current = "0.1.0"
}
