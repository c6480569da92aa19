import SpeedLabCore

extension CommandScenario {
    /// The record of this point (its program resolved, as ``check()`` resolves it), or nil when
    /// the program cannot be found.
    public func record() -> CommandRecord? {
        guard let (program, argv) = try? invocation(definition.template) else { return nil }
        return CommandRecord(
            template: definition.template.text, argv: argv, directory: directory, executable: program.path,
            executableHash: program.contentHash, shell: definition.template.usesShell)
    }
}
