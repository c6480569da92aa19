-- 0009_point_command.sql (PostgreSQL): what a command point ran (template, resolved argv,
-- working directory, executable path and hash, shell or not), as JSON text; NULL for the
-- built-in scenarios.
ALTER TABLE point ADD COLUMN command TEXT;
