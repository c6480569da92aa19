-- 0009_point_command.sql: what a command point ran, for whoever reads its history later.
-- A `command` point (a user's own program, timed as a process) keeps here, as JSON: the template
-- as written, the resolved argv, the working directory, the executable's resolved path and a
-- hash of its bytes (FNV-1a 64, hex), and whether `/bin/sh -c` ran it. NULL for the built-in
-- scenarios. The shell's start-up cost that was subtracted is each sample's
-- `shell_overhead_ms` metric; exit codes, signals and faults are sample metrics too.
ALTER TABLE point ADD COLUMN command TEXT;
