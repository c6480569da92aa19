import SpeedLabCore

/// What a report says about the points of a `command` section: how they were measured, and
/// the columns only processes have (peak RSS, the command's own metrics).
enum CommandSectionText {
    /// Metrics every command sample carries; the rest are the command's own (`SPEEDLAB_METRICS`).
    static let builtInMetrics = Set(Metric.commandBuiltIn.map(\.name))

    /// The method's bullet on command points, in reports that have them.
    static let methodBullet: TextSpans = [
        .strong(.words("Command points")), .plain(" are processes: "), .code("speedlab-spawn"),
        .plain(
            " forks and execs each repetition in a process group of its own and reads the command's own wall time, CPU, "
                + "switches, faults and peak RSS from "
        ), .code("wait4"),
        .plain(
            " (forked from the small helper, the command does not inherit SpeedLab's peak RSS). Under "
        ), .code("/bin/sh -c"), .plain(", the median wall and CPU time of "), .code("/bin/sh -c ''"),
        .plain(
            ", measured during the run, are subtracted. A command has no ideal time, so no ideal speedup, efficiency or "
                + "bottleneck; metrics it writes to "
        ), .code("$SPEEDLAB_METRICS"), .plain(" are columns of its table."),
    ]

    /// The line under a command section's title, or nil for a built-in scenario's section.
    static func measuredLine(_ section: SpeedupReport.Section) -> TextSpans? {
        let commands = section.rows.compactMap(\.command)
        guard let first = commands.first else { return nil }
        var line: TextSpans = [
            .plain(
                "Measured as a process: spawned by speedlab-spawn (fork + exec, its own process group), wall time from "
                    + "fork to "), .code("wait4"), .plain(", CPU, switches and peak RSS from "), .code("wait4"),
            .plain(" of the command itself."),
        ]
        if commands.contains(where: \.shell) {
            let overheads = section.rows.compactMap { $0.counters[Metric.shellOverhead.name] }
            let overhead =
                overheads.isEmpty
                ? "" : " (\(HumanFormat.fixed(overheads.reduce(0, +) / Double(overheads.count), 2)) ms)"
            line += [
                .plain(" Run by "), .code("/bin/sh -c"),
                .plain("; the shell's start-up\(overhead), the median of 21 runs of "), .code("/bin/sh -c ''"),
                .plain(
                    " under the same helper during the run, is subtracted from every wall time (and its median CPU from the CPU time)."
                ),
            ]
        } else {
            line.append(.plain(" Exec'd directly (no shell, nothing subtracted)."))
        }
        line += [.plain(" Program: "), .code(first.executable), .plain(" (hash \(first.executableHash)).")]
        return line
    }

    /// The command's own metrics reported by any row of the section, sorted.
    static func ownMetrics(_ section: SpeedupReport.Section) -> [String] {
        guard section.rows.contains(where: { $0.command != nil }) else { return [] }
        let names = Set(section.rows.flatMap { $0.counters.keys }).subtracting(builtInMetrics)
        return names.sorted()
    }

    /// Whether the section is a command's (it gets a peak RSS column).
    static func isCommand(_ section: SpeedupReport.Section) -> Bool {
        section.rows.contains { $0.command != nil }
    }
}
