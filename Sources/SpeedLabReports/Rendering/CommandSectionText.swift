import SpeedLabCore

/// What a report says about the points of a `command` section: how they were measured, and
/// the columns only processes have (peak RSS, the command's own metrics).
enum CommandSectionText {
    /// Metrics every command sample carries; the rest are the command's own (`SPEEDLAB_METRICS`).
    static let builtInMetrics = Set(Metric.commandBuiltIn.map(\.name))

    /// The method's bullet on command points, in reports that have them.
    static let methodBullet =
        "- **Command points** are processes: `speedlab-spawn` forks and execs each repetition in a process group of "
        + "its own and reads the command's own wall time, CPU, switches, faults and peak RSS from `wait4` (forked from "
        + "the small helper, the command does not inherit SpeedLab's peak RSS). Under `/bin/sh -c`, the median wall and "
        + "CPU time of `/bin/sh -c ''`, measured during the run, are subtracted. A command has no ideal time, so no "
        + "ideal speedup, efficiency or bottleneck; metrics it writes to `$SPEEDLAB_METRICS` are columns of its table."

    /// The line under a command section's title, or nil for a built-in scenario's section.
    static func measuredLine(_ section: SpeedupReport.Section) -> String? {
        let commands = section.rows.compactMap(\.command)
        guard let first = commands.first else { return nil }
        var line =
            "Measured as a process: spawned by speedlab-spawn (fork + exec, its own process group), wall time from "
            + "fork to `wait4`, CPU, switches and peak RSS from `wait4` of the command itself."
        if commands.contains(where: \.shell) {
            let overheads = section.rows.compactMap { $0.counters[Metric.shellOverhead.name] }
            let overhead =
                overheads.isEmpty
                ? "" : " (\(HumanFormat.fixed(overheads.reduce(0, +) / Double(overheads.count), 2)) ms)"
            line +=
                " Run by `/bin/sh -c`; the shell's start-up\(overhead), the median of 21 runs of `/bin/sh -c ''` "
                + "under the same helper during the run, is subtracted from every wall time (and its median CPU from the CPU time)."
        } else {
            line += " Exec'd directly (no shell, nothing subtracted)."
        }
        line += " Program: \(MarkdownText.code(first.executable)) (hash \(first.executableHash))."
        return line + "\n\n"
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
