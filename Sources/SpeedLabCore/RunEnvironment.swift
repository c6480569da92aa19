/// The machine and toolchain a run measured on, recorded with the run.
///
/// Comparisons warn when two runs differ here (cores, build configuration, Swift version).
public struct RunEnvironment: Sendable, Hashable {
    public var host: String
    public var operatingSystem: String
    public var kernel: String
    public var cpuModel: String
    public var logicalCores: Int
    public var memoryBytes: Int64
    public var swiftVersion: String
    public var buildConfiguration: String
    public var toolVersion: String
    public var gitCommit: String?
    public var loadAverage: Double
    public var processID: Int32

    public init(
        host: String, operatingSystem: String, kernel: String, cpuModel: String, logicalCores: Int,
        memoryBytes: Int64, swiftVersion: String, buildConfiguration: String, toolVersion: String,
        gitCommit: String?, loadAverage: Double, processID: Int32
    ) {
        self.host = host
        self.operatingSystem = operatingSystem
        self.kernel = kernel
        self.cpuModel = cpuModel
        self.logicalCores = logicalCores
        self.memoryBytes = memoryBytes
        self.swiftVersion = swiftVersion
        self.buildConfiguration = buildConfiguration
        self.toolVersion = toolVersion
        self.gitCommit = gitCommit
        self.loadAverage = loadAverage
        self.processID = processID
    }

    /// True when the binary that measured was not optimised: its timings mislead.
    public var isDebugBuild: Bool { buildConfiguration != "release" }
}
