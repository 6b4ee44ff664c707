
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'dbctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'dbctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'dbctl' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply and manage migrations (diesel format: migrations/VERSION_NAME/up.sql, down.sql)')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Load seed data: seeds/common/, then seeds/<env>/ for the active profile (--env / DBCTL_ENV)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Back up the database: dump, compress, encrypt and store, streamed; the manifest is written last')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a backup: from its manifest (an id, `latest`), a file, or s3://bucket/key')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The application''s Redis cache: remove keys by pattern, or show its numbers')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Backups on the schedule of `backup.schedule` (BACKUP_SCHEDULE): show it, run it in the foreground, or print a crontab line or systemd units for it')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check the database, Redis and their vital signs; exit with the worst status')
            [CompletionResult]::new('studio-lite', 'studio-lite', [CompletionResultType]::ParameterValue, 'Browse and query the database in a local web UI: tables, keyset-paged rows, schema, a read-only SQL console, CSV/JSON export')
            [CompletionResult]::new('studio', 'studio', [CompletionResultType]::ParameterValue, 'Browse and query the database in a local web UI: tables, keyset-paged rows, schema, a read-only SQL console, CSV/JSON export')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or check the effective configuration')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'The schema the migrations make')
            [CompletionResult]::new('maintain', 'maintain', [CompletionResultType]::ParameterValue, 'Routine maintenance: PostgreSQL''s ANALYZE, VACUUM (ANALYZE) of tables with many dead rows and REINDEX CONCURRENTLY of invalid indexes; SQLite''s integrity_check, VACUUM when much of the file is free, and PRAGMA optimize')
            [CompletionResult]::new('wal', 'wal', [CompletionResultType]::ParameterValue, 'WAL archiving for point-in-time recovery, through the backup destinations: PostgreSQL''s archive_command and restore_command')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'The encryption keys of the backups')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;migrate' {
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Stop after applying this version')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print, in order, the SQL that would run; change nothing')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'CI mode: analyse without writing anything; the exit code names the worst finding')
            [CompletionResult]::new('--drift', '--drift', [CompletionResultType]::ParameterName, 'With --check: also compare the schema with the migrations'' (`migrate drift`); exit 15 on drift')
            [CompletionResult]::new('--lint', '--lint', [CompletionResultType]::ParameterName, 'With --check: also lint the pending migrations (`migrate lint`); exit 16 on an error finding')
            [CompletionResult]::new('--allow-edited', '--allow-edited', [CompletionResultType]::ParameterName, 'Accept edited applied migrations: record their new checksums and carry on')
            [CompletionResult]::new('--backup-first', '--backup-first', [CompletionResultType]::ParameterName, 'Take a backup (tagged pre-migrate) first when something is pending; no migration runs if it fails [setting: migrations.backup_first]')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Apply pending migrations (the default)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show every migration and its state: applied, pending, out of order, edited, missing, unverified')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a new migration directory with up.sql and down.sql')
            [CompletionResult]::new('revert', 'revert', [CompletionResultType]::ParameterValue, 'Undo the most recently run migrations, in the order they actually ran')
            [CompletionResult]::new('redo', 'redo', [CompletionResultType]::ParameterValue, 'Revert and re-apply the most recently run migrations')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Revert every applied migration with its down.sql, then apply them all again')
            [CompletionResult]::new('baseline', 'baseline', [CompletionResultType]::ParameterValue, 'Record migrations as applied without running them (adopting an existing database), and record checksums of migrations another tool applied')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Prisma folders: record a failed migration as rolled back (it runs again) or a migration as applied (finished by hand), as `prisma migrate resolve` does')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Compare the live schema with what the applied migrations make (replayed into a shadow database): what is missing, unexpected or changed. Exit 15 when they differ')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'What applying the pending migrations (or the ones named) would do to a database in use: locks that block writes or reads while a table is scanned or rewritten, statements that cannot run in dbctl''s transaction, settings that leak into later migrations. Exit 16 on an error finding')
            [CompletionResult]::new('rehearse', 'rehearse', [CompletionResultType]::ParameterValue, 'Apply the pending migrations to a scratch copy of a real backup (the newest by default) with dbctl''s runner, and report each one''s time and the table locks it held, sampled from a second connection; the scratch copy is dropped after. Exit 17 when a lock that blocks writes on a table with rows was held longer than --max-lock')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;migrate;run' {
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Stop after applying this version')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print, in order, the SQL that would run; change nothing')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'CI mode: analyse without writing anything; the exit code names the worst finding')
            [CompletionResult]::new('--drift', '--drift', [CompletionResultType]::ParameterName, 'With --check: also compare the schema with the migrations'' (`migrate drift`); exit 15 on drift')
            [CompletionResult]::new('--lint', '--lint', [CompletionResultType]::ParameterName, 'With --check: also lint the pending migrations (`migrate lint`); exit 16 on an error finding')
            [CompletionResult]::new('--allow-edited', '--allow-edited', [CompletionResultType]::ParameterName, 'Accept edited applied migrations: record their new checksums and carry on')
            [CompletionResult]::new('--backup-first', '--backup-first', [CompletionResultType]::ParameterName, 'Take a backup (tagged pre-migrate) first when something is pending; no migration runs if it fails [setting: migrations.backup_first]')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;status' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;new' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--no-down', '--no-down', [CompletionResultType]::ParameterName, 'Create no down.sql (an irreversible migration)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;revert' {
            [CompletionResult]::new('--steps', '--steps', [CompletionResultType]::ParameterName, 'How many migrations to revert')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Revert every migration that ran after VERSION (VERSION stays applied)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm in a protected profile (down.sql usually drops data)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm in a protected profile (down.sql usually drops data)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;redo' {
            [CompletionResult]::new('--steps', '--steps', [CompletionResultType]::ParameterName, 'How many migrations to redo')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm in a protected profile (down.sql usually drops data)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm in a protected profile (down.sql usually drops data)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;reset' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required in a protected profile)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required in a protected profile)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;baseline' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Record migrations up to and including VERSION only')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;resolve' {
            [CompletionResult]::new('--applied', '--applied', [CompletionResultType]::ParameterName, 'Record this migration as applied without running it')
            [CompletionResult]::new('--rolled-back', '--rolled-back', [CompletionResultType]::ParameterName, 'Record this failed migration as rolled back, so that `migrate` runs it again')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;drift' {
            [CompletionResult]::new('--shadow-url', '--shadow-url', [CompletionResultType]::ParameterName, 'Replay the migrations into this database (its contents are replaced) instead of one made on the same server [env: DBCTL_SHADOW_URL]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--sql', '--sql', [CompletionResultType]::ParameterName, 'Print the statements that would bring the database back to the migrations'' schema, for a person to review (never run by dbctl)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;lint' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every migration of the directory (no database needed)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;rehearse' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The backup to rehearse on: an id, `latest`, a file, or s3://bucket/key')
            [CompletionResult]::new('--shadow-url', '--shadow-url', [CompletionResultType]::ParameterName, 'Rehearse in this PostgreSQL database (emptied before and after) instead of one made on the configured server [env: DBCTL_SHADOW_URL]')
            [CompletionResult]::new('--max-lock', '--max-lock', [CompletionResultType]::ParameterName, 'Fail (exit 17) when a migration holds a lock that blocks writes on a table with rows longer than this, e.g. 2s')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'age identity file (private key) to decrypt the backup with; repeatable')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'age identity file (private key) to decrypt the backup with; repeatable')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--allow-unencrypted', '--allow-unencrypted', [CompletionResultType]::ParameterName, 'Accept an unencrypted backup although encryption is configured')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;migrate;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Apply pending migrations (the default)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show every migration and its state: applied, pending, out of order, edited, missing, unverified')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a new migration directory with up.sql and down.sql')
            [CompletionResult]::new('revert', 'revert', [CompletionResultType]::ParameterValue, 'Undo the most recently run migrations, in the order they actually ran')
            [CompletionResult]::new('redo', 'redo', [CompletionResultType]::ParameterValue, 'Revert and re-apply the most recently run migrations')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Revert every applied migration with its down.sql, then apply them all again')
            [CompletionResult]::new('baseline', 'baseline', [CompletionResultType]::ParameterValue, 'Record migrations as applied without running them (adopting an existing database), and record checksums of migrations another tool applied')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Prisma folders: record a failed migration as rolled back (it runs again) or a migration as applied (finished by hand), as `prisma migrate resolve` does')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Compare the live schema with what the applied migrations make (replayed into a shadow database): what is missing, unexpected or changed. Exit 15 when they differ')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'What applying the pending migrations (or the ones named) would do to a database in use: locks that block writes or reads while a table is scanned or rewritten, statements that cannot run in dbctl''s transaction, settings that leak into later migrations. Exit 16 on an error finding')
            [CompletionResult]::new('rehearse', 'rehearse', [CompletionResultType]::ParameterValue, 'Apply the pending migrations to a scratch copy of a real backup (the newest by default) with dbctl''s runner, and report each one''s time and the table locks it held, sampled from a second connection; the scratch copy is dropped after. Exit 17 when a lock that blocks writes on a table with rows was held longer than --max-lock')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;migrate;help;run' {
            break
        }
        'dbctl;migrate;help;status' {
            break
        }
        'dbctl;migrate;help;new' {
            break
        }
        'dbctl;migrate;help;revert' {
            break
        }
        'dbctl;migrate;help;redo' {
            break
        }
        'dbctl;migrate;help;reset' {
            break
        }
        'dbctl;migrate;help;baseline' {
            break
        }
        'dbctl;migrate;help;resolve' {
            break
        }
        'dbctl;migrate;help;drift' {
            break
        }
        'dbctl;migrate;help;lint' {
            break
        }
        'dbctl;migrate;help;rehearse' {
            break
        }
        'dbctl;migrate;help;help' {
            break
        }
        'dbctl;seed' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Run only this file (name, name without extension, or table); repeatable')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'List what would run, with the row count of each CSV file; change nothing')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'Empty the tables the seed files load before loading them')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm --reset in a protected profile')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm --reset in a protected profile')
            [CompletionResult]::new('--no-migration-check', '--no-migration-check', [CompletionResultType]::ParameterName, 'Seed even when migrations are pending')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;backup' {
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Work on this destination alone (local, s3 or gcs) instead of every configured one')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'pg_dump format: plain (restore with psql) or custom (restore with pg_restore) [default: plain]')
            [CompletionResult]::new('--compression', '--compression', [CompletionResultType]::ParameterName, 'gzip, zstd or none [env: BACKUP_COMPRESSION] [default: gzip]')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Compression level: gzip 0-9, zstd 1-19')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Encrypt to this age recipient (age1… or an SSH public key); repeatable')
            [CompletionResult]::new('--all-databases', '--all-databases', [CompletionResultType]::ParameterName, 'Every database of the server (those that accept connections; templates skipped), one backup each, plus the server''s globals once; or, given a directory, every SQLite file in it (*.sqlite3, *.sqlite, *.db)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'With --all-databases or --all-servers: skip the databases whose name matches PATTERN (* and ?); repeatable')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'One PostgreSQL database: N pg_dump processes from one snapshot, a plain dump in several parts (backup.jobs); with --all-databases or --all-servers: N databases at once [default: 1]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--no-encryption', '--no-encryption', [CompletionResultType]::ParameterName, 'Store without encryption, whatever the configuration says')
            [CompletionResult]::new('--globals', '--globals', [CompletionResultType]::ParameterName, 'Also store roles and tablespaces (pg_dumpall --globals-only) as a second part (PostgreSQL)')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'After a successful backup, apply the retention policy (as `dbctl backup prune` does)')
            [CompletionResult]::new('--redis', '--redis', [CompletionResultType]::ParameterName, 'Back up REDIS_URL''s Redis instead of the database: an RDB snapshot taken over the replication protocol (as `redis-cli --rdb -`)')
            [CompletionResult]::new('--dump-command', '--dump-command', [CompletionResultType]::ParameterName, 'Back up the output of backup.dump_command (another engine''s dump, e.g. `mongodump --archive`) instead of the database')
            [CompletionResult]::new('--physical', '--physical', [CompletionResultType]::ParameterName, 'A base backup of the whole PostgreSQL cluster (pg_basebackup) for point-in-time recovery; its WAL comes from the archive (`dbctl wal push` as archive_command), which must be on')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make a backup (the default)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the backups that have a manifest, oldest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Re-read stored backups and check their size and sha256; with the key, also decrypt and decompress to the end')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove the backups of this database that the retention policy no longer keeps; with --orphans, what interrupted runs left behind')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-encrypt backups to new recipients without decrypting their payload: each age header is rewritten (the file key unwrapped with the old identity, wrapped to the new recipients), the payload copied as it is, the manifest updated last. Local backups')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;backup;create' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'pg_dump format: plain (restore with psql) or custom (restore with pg_restore) [default: plain]')
            [CompletionResult]::new('--compression', '--compression', [CompletionResultType]::ParameterName, 'gzip, zstd or none [env: BACKUP_COMPRESSION] [default: gzip]')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Compression level: gzip 0-9, zstd 1-19')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Encrypt to this age recipient (age1… or an SSH public key); repeatable')
            [CompletionResult]::new('--all-databases', '--all-databases', [CompletionResultType]::ParameterName, 'Every database of the server (those that accept connections; templates skipped), one backup each, plus the server''s globals once; or, given a directory, every SQLite file in it (*.sqlite3, *.sqlite, *.db)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'With --all-databases or --all-servers: skip the databases whose name matches PATTERN (* and ?); repeatable')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'One PostgreSQL database: N pg_dump processes from one snapshot, a plain dump in several parts (backup.jobs); with --all-databases or --all-servers: N databases at once [default: 1]')
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Work on this destination alone (local, s3 or gcs) instead of every configured one')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--no-encryption', '--no-encryption', [CompletionResultType]::ParameterName, 'Store without encryption, whatever the configuration says')
            [CompletionResult]::new('--globals', '--globals', [CompletionResultType]::ParameterName, 'Also store roles and tablespaces (pg_dumpall --globals-only) as a second part (PostgreSQL)')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'After a successful backup, apply the retention policy (as `dbctl backup prune` does)')
            [CompletionResult]::new('--redis', '--redis', [CompletionResultType]::ParameterName, 'Back up REDIS_URL''s Redis instead of the database: an RDB snapshot taken over the replication protocol (as `redis-cli --rdb -`)')
            [CompletionResult]::new('--dump-command', '--dump-command', [CompletionResultType]::ParameterName, 'Back up the output of backup.dump_command (another engine''s dump, e.g. `mongodump --archive`) instead of the database')
            [CompletionResult]::new('--physical', '--physical', [CompletionResultType]::ParameterName, 'A base backup of the whole PostgreSQL cluster (pg_basebackup) for point-in-time recovery; its WAL comes from the archive (`dbctl wal push` as archive_command), which must be on')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;backup;list' {
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Work on this destination alone (local, s3 or gcs) instead of every configured one')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;backup;verify' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'age identity file (private key) to decrypt with; repeatable')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'age identity file (private key) to decrypt with; repeatable')
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Work on this destination alone (local, s3 or gcs) instead of every configured one')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Verify every backup')
            [CompletionResult]::new('--restore-test', '--restore-test', [CompletionResultType]::ParameterName, 'Also restore the backup into a scratch database (created, then dropped) and compare every table''s row count with the backup''s')
            [CompletionResult]::new('--wal', '--wal', [CompletionResultType]::ParameterName, 'Check the WAL archive instead: from the oldest base backup''s start to the newest archived segment, no segment missing and no file half stored (listings only, no key needed)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;backup;prune' {
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'With --orphans: leave anything younger than this alone (a backup may be running)')
            [CompletionResult]::new('--keep-last', '--keep-last', [CompletionResultType]::ParameterName, 'Keep the N newest backups')
            [CompletionResult]::new('--keep-within', '--keep-within', [CompletionResultType]::ParameterName, 'Keep every backup this recent, counted from the newest one (e.g. 14d)')
            [CompletionResult]::new('--keep-hourly', '--keep-hourly', [CompletionResultType]::ParameterName, 'Keep the newest backup of each of the last N hours that have one')
            [CompletionResult]::new('--keep-daily', '--keep-daily', [CompletionResultType]::ParameterName, 'Keep the newest backup of each of the last N days that have one')
            [CompletionResult]::new('--keep-weekly', '--keep-weekly', [CompletionResultType]::ParameterName, 'Keep the newest backup of each of the last N ISO weeks that have one')
            [CompletionResult]::new('--keep-monthly', '--keep-monthly', [CompletionResultType]::ParameterName, 'Keep the newest backup of each of the last N months that have one')
            [CompletionResult]::new('--keep-yearly', '--keep-yearly', [CompletionResultType]::ParameterName, 'Keep the newest backup of each of the last N years that have one')
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Work on this destination alone (local, s3 or gcs) instead of every configured one')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be kept and removed, and why, without removing anything')
            [CompletionResult]::new('--orphans', '--orphans', [CompletionResultType]::ParameterName, 'Remove what interrupted runs left (temporary files, unfinished multipart uploads, backup files whose manifest is missing) instead of applying the retention policy')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;backup;rekey' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'age identity file (private key) that opens them now; repeatable')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'age identity file (private key) that opens them now; repeatable')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'New age recipient (age1…, or an SSH public key); repeatable')
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Work on this destination alone (local, s3 or gcs) instead of every configured one')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every backup in the destination whose key the identities open')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;backup;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make a backup (the default)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the backups that have a manifest, oldest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Re-read stored backups and check their size and sha256; with the key, also decrypt and decompress to the end')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove the backups of this database that the retention policy no longer keeps; with --orphans, what interrupted runs left behind')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-encrypt backups to new recipients without decrypting their payload: each age header is rewritten (the file key unwrapped with the old identity, wrapped to the new recipients), the payload copied as it is, the manifest updated last. Local backups')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;backup;help;create' {
            break
        }
        'dbctl;backup;help;list' {
            break
        }
        'dbctl;backup;help;verify' {
            break
        }
        'dbctl;backup;help;prune' {
            break
        }
        'dbctl;backup;help;rekey' {
            break
        }
        'dbctl;backup;help;help' {
            break
        }
        'dbctl;restore' {
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Read the backup from this destination (local, s3 or gcs) instead of the first that has it')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'age identity file (private key, also an SSH private key); repeatable')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'age identity file (private key, also an SSH private key); repeatable')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Restore into this database instead of the configured one')
            [CompletionResult]::new('--flush-redis', '--flush-redis', [CompletionResultType]::ParameterName, 'After a successful restore, remove the Redis keys matching this pattern (SCAN + UNLINK); repeatable')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Load with N connections into a new database that replaces the target once complete: a dump in parts (`backup --jobs`) part by part, a custom archive with pg_restore (decoded to a private temporary file first)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Load with N connections into a new database that replaces the target once complete: a dump in parts (`backup --jobs`) part by part, a custom archive with pg_restore (decoded to a private temporary file first)')
            [CompletionResult]::new('--role-map', '--role-map', [CompletionResultType]::ParameterName, 'Give what role OLD owned or was granted to role NEW instead; repeatable')
            [CompletionResult]::new('--pgdata', '--pgdata', [CompletionResultType]::ParameterName, 'With --physical: the data directory to write (new or empty; --clean empties a data directory no server runs on)')
            [CompletionResult]::new('--target-time', '--target-time', [CompletionResultType]::ParameterName, 'With --physical: recover up to this time, with its offset (''2026-12-06 10:42:13+00'') [default: the end of the archived WAL]')
            [CompletionResult]::new('--target-lsn', '--target-lsn', [CompletionResultType]::ParameterName, 'With --physical: recover up to this WAL position (0/3000028)')
            [CompletionResult]::new('--target-xid', '--target-xid', [CompletionResultType]::ParameterName, 'With --physical: recover up to this transaction''s commit')
            [CompletionResult]::new('--target-name', '--target-name', [CompletionResultType]::ParameterName, 'With --physical: recover up to this restore point (pg_create_restore_point)')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'With --physical: start the restored server on 127.0.0.1:PORT, wait until it has recovered, and say to what time')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--create', '--create', [CompletionResultType]::ParameterName, 'Create the target database (or SQLite file) when it does not exist')
            [CompletionResult]::new('--clean', '--clean', [CompletionResultType]::ParameterName, 'Replace a non-empty target: drop its schemas (PostgreSQL) or replace the file (SQLite)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm a destructive restore (required in a protected profile; skips the question)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm a destructive restore (required in a protected profile; skips the question)')
            [CompletionResult]::new('--no-safety-backup', '--no-safety-backup', [CompletionResultType]::ParameterName, 'Do not back up a non-empty target before replacing it')
            [CompletionResult]::new('--allow-unencrypted', '--allow-unencrypted', [CompletionResultType]::ParameterName, 'Restore an unencrypted file although encryption is configured (where backups are always encrypted, an unencrypted one was not made by dbctl with this configuration)')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'Show what the backup contains (tables, rows, sizes) and check it, without restoring')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Restore a newer PostgreSQL''s dump into an older server (settings the target does not know are left out)')
            [CompletionResult]::new('--no-owner', '--no-owner', [CompletionResultType]::ParameterName, 'Leave out the dump''s ownership (ALTER … OWNER TO, SET SESSION AUTHORIZATION): the objects belong to the role restoring them')
            [CompletionResult]::new('--no-acl', '--no-acl', [CompletionResultType]::ParameterName, 'Leave out the dump''s privileges (GRANT, REVOKE, ALTER DEFAULT PRIVILEGES)')
            [CompletionResult]::new('--globals', '--globals', [CompletionResultType]::ParameterName, 'First create the roles and tablespaces of the backup''s globals part (made with `backup --globals` or --all-databases) that the target server lacks; existing ones are kept')
            [CompletionResult]::new('--physical', '--physical', [CompletionResultType]::ParameterName, 'Point-in-time recovery: write a base backup (`backup --physical`) as a new data directory (--pgdata) that recovers from the WAL archive up to a target (`latest`: the newest base backup that ended before it)')
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'With --physical: keep WAL archiving on in the restored server (off by default, so that a copy never adds a timeline to the archive it came from)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;cache' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Remove the keys matching each PATTERN (SCAN + UNLINK, never KEYS)')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Keys, memory, hit rate and evictions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;cache;flush' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Count the matching keys without removing them')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm, in a protected profile')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;cache;stats' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;cache;help' {
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Remove the keys matching each PATTERN (SCAN + UNLINK, never KEYS)')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Keys, memory, hit rate and evictions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;cache;help;flush' {
            break
        }
        'dbctl;cache;help;stats' {
            break
        }
        'dbctl;cache;help;help' {
            break
        }
        'dbctl;schedule' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The next run times, in the schedule''s time zone')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the schedule in the foreground (containers, hosts without cron): a backup at each slot, never two at once; SIGTERM stops it cleanly')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Print crontab lines, systemd services and timers, or Kubernetes manifests that run the backups (and the maintenance, with maintain.schedule)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;schedule;show' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many run times')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'How many run times')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The run times after this instant instead of now: RFC 3339 (2027-03-27T12:00:00Z) or a date (midnight UTC)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;schedule;run' {
            [CompletionResult]::new('--jitter', '--jitter', [CompletionResultType]::ParameterName, 'Wait a random time up to this long after each slot (spreads hosts out)')
            [CompletionResult]::new('--serve', '--serve', [CompletionResultType]::ParameterName, 'Also serve /healthz, /readyz, /metrics and /health on ADDR (HOST:PORT, or :PORT for loopback), as `health --serve` does: a container''s probes beside its scheduler')
            [CompletionResult]::new('--cache-for', '--cache-for', [CompletionResultType]::ParameterName, 'With --serve: run the checks at most once per DURATION [default: 10s]')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'With --serve: also answer to this host name (a load balancer''s or Prometheus target''s DNS name); repeatable [also health.allow_hosts]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Back up the latest slot (at or before now) unless its backup was made already, then exit: 0 when made or made before, 1 when it failed (what a Kubernetes CronJob runs, so that a second Job or a retry for one slot makes one backup)')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Apply the retention policy after each successful backup')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Verify each new backup (size and sha256) after it is made')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;schedule;install' {
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --kubernetes: the namespace of every object [default: kubectl''s current one]')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'With --kubernetes: the image [default: dbctl:<this version>, built from Containerfile]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'With --kubernetes: the objects'' name prefix')
            [CompletionResult]::new('--parallelism', '--parallelism', [CompletionResultType]::ParameterName, 'With --indexed: how many servers'' pods run at once')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user the backups run as (the user field of /etc/cron.d, or User= for systemd)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--cron', '--cron', [CompletionResultType]::ParameterName, 'A crontab line (for crontab -e, or /etc/cron.d with --user)')
            [CompletionResult]::new('--systemd', '--systemd', [CompletionResultType]::ParameterName, 'A systemd service and timer pair')
            [CompletionResult]::new('--kubernetes', '--kubernetes', [CompletionResultType]::ParameterName, 'Kubernetes manifests: a CronJob per schedule (with --all-servers, per server, or with --indexed one Indexed Job across them), or with --deployment a scheduler')
            [CompletionResult]::new('--indexed', '--indexed', [CompletionResultType]::ParameterName, 'With --kubernetes --all-servers: one Indexed Job per schedule, each pod backing up the server of its completion index, instead of a CronJob per server')
            [CompletionResult]::new('--deployment', '--deployment', [CompletionResultType]::ParameterName, 'With --kubernetes: a Deployment running `schedule run` (its probes on /healthz and /readyz, /metrics for Prometheus) instead of CronJobs')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'The job reads no environment file (every setting is in the config file); without it, the job reads --env-file (default /etc/dbctl/env; mode 0600), and a missing one fails the job loudly')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;schedule;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The next run times, in the schedule''s time zone')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the schedule in the foreground (containers, hosts without cron): a backup at each slot, never two at once; SIGTERM stops it cleanly')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Print crontab lines, systemd services and timers, or Kubernetes manifests that run the backups (and the maintenance, with maintain.schedule)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;schedule;help;show' {
            break
        }
        'dbctl;schedule;help;run' {
            break
        }
        'dbctl;schedule;help;install' {
            break
        }
        'dbctl;schedule;help;help' {
            break
        }
        'dbctl;health' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: human, or json with --json]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the report to FILE atomically (temporary file, then rename) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the report to FILE atomically (temporary file, then rename) instead of stdout')
            [CompletionResult]::new('--serve', '--serve', [CompletionResultType]::ParameterName, 'Serve /healthz, /readyz, /metrics and /health over HTTP on ADDR (HOST:PORT, or :PORT for loopback) until stopped')
            [CompletionResult]::new('--cache-for', '--cache-for', [CompletionResultType]::ParameterName, 'With --serve: run the checks at most once per DURATION [default: 10s]')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'With --serve: also answer to this host name (a load balancer''s or Prometheus target''s DNS name); repeatable [also health.allow_hosts]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'The human table at its full width: DETAIL on one line, however long (by default the table fits 100 columns, DETAIL wrapped)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;studio-lite' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (studio.port; 0 picks a free one)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on (studio.bind); anything but loopback exposes the database')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Also answer to this host name (with --bind on a non-loopback address); repeatable')
            [CompletionResult]::new('--statement-timeout', '--statement-timeout', [CompletionResultType]::ParameterName, 'The SQL console stops a statement after this long (studio.statement_timeout)')
            [CompletionResult]::new('--row-cap', '--row-cap', [CompletionResultType]::ParameterName, 'The SQL console shows at most this many rows (studio.row_cap)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Allow editing, inserting and deleting rows by primary key, each in its own transaction')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open the URL in the browser ($BROWSER, else xdg-open / open)')
            [CompletionResult]::new('--allow-superuser', '--allow-superuser', [CompletionResultType]::ParameterName, 'Keep the SQL console on although the role may run programs or read files on the database server (a superuser, pg_execute_server_program, pg_read/write_server_files)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;studio' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (studio.port; 0 picks a free one)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on (studio.bind); anything but loopback exposes the database')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Also answer to this host name (with --bind on a non-loopback address); repeatable')
            [CompletionResult]::new('--statement-timeout', '--statement-timeout', [CompletionResultType]::ParameterName, 'The SQL console stops a statement after this long (studio.statement_timeout)')
            [CompletionResult]::new('--row-cap', '--row-cap', [CompletionResultType]::ParameterName, 'The SQL console shows at most this many rows (studio.row_cap)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Allow editing, inserting and deleting rows by primary key, each in its own transaction')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open the URL in the browser ($BROWSER, else xdg-open / open)')
            [CompletionResult]::new('--allow-superuser', '--allow-superuser', [CompletionResultType]::ParameterName, 'Keep the SQL console on although the role may run programs or read files on the database server (a superuser, pg_execute_server_program, pg_read/write_server_files)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;config' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting with its value and where it came from; secrets are redacted')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the configuration file (every profile) and the environment; exit 2 on error')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;config;show' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--changed', '--changed', [CompletionResultType]::ParameterName, 'Only the settings that are set (by the config file, the environment or a flag), not the defaults')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;config;check' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting with its value and where it came from; secrets are redacted')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the configuration file (every profile) and the environment; exit 2 on error')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;config;help;show' {
            break
        }
        'dbctl;config;help;check' {
            break
        }
        'dbctl;config;help;help' {
            break
        }
        'dbctl;schema' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Replay every migration into a shadow database and print its schema as normalised SQL (stable order; no comments, SET lines or owners), for review in pull requests')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;schema;dump' {
            [CompletionResult]::new('--shadow-url', '--shadow-url', [CompletionResultType]::ParameterName, 'Replay the migrations into this database (its contents are replaced) instead of one made on the same server [env: DBCTL_SHADOW_URL]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;schema;help' {
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Replay every migration into a shadow database and print its schema as normalised SQL (stable order; no comments, SET lines or owners), for review in pull requests')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;schema;help;dump' {
            break
        }
        'dbctl;schema;help;help' {
            break
        }
        'dbctl;maintain' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'List what would run and why; run nothing')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;wal' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Archive one WAL file to every destination, compressed and encrypted; as the server''s archive_command. The same file pushed again succeeds; other content under its name fails')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch one WAL file from the first destination that has a copy that checks out; as the server''s restore_command. Exit 1 when no destination has it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;wal;push' {
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Only this destination (local, s3, gcs)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;wal;fetch' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'age identity file (private key) to decrypt with; repeatable')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'age identity file (private key) to decrypt with; repeatable')
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Only this destination (local, s3, gcs)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;wal;help' {
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Archive one WAL file to every destination, compressed and encrypted; as the server''s archive_command. The same file pushed again succeeds; other content under its name fails')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch one WAL file from the first destination that has a copy that checks out; as the server''s restore_command. Exit 1 when no destination has it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;wal;help;push' {
            break
        }
        'dbctl;wal;help;fetch' {
            break
        }
        'dbctl;wal;help;help' {
            break
        }
        'dbctl;keys' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Which recipients each backup is encrypted to, and which backups the configured recipients and the given identities open: what a lost or leaked key affects (from the manifests; no backup is read)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;keys;check' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'age identity file (private key, also an SSH private key); repeatable')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'age identity file (private key, also an SSH private key); repeatable')
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Only this destination (local, s3, gcs)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--wal', '--wal', [CompletionResultType]::ParameterName, 'Also the WAL archive: each archived file''s recipients, from its record (one read per file)')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;keys;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Which recipients each backup is encrypted to, and which backups the configured recipients and the given identities open: what a lost or leaked key affects (from the manifests; no backup is read)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;keys;help;check' {
            break
        }
        'dbctl;keys;help;help' {
            break
        }
        'dbctl;completions' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'The Prisma schema (a file, or a folder of .prisma files), as Prisma''s --schema: its folder''s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts''s schema, package.json''s prisma.schema, ./prisma/schema.prisma]')
            [CompletionResult]::new('--migrations-dir', '--migrations-dir', [CompletionResultType]::ParameterName, 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema''s migrations/]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]')
            [CompletionResult]::new('--redis-url', '--redis-url', [CompletionResultType]::ParameterName, 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL''s; `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes Indexed Job''s `#$(JOB_COMPLETION_INDEX)`)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run''s outcome and every command''s exit code even under --quiet; `schedule run` logs its slots the same way on stdout')
            [CompletionResult]::new('--all-servers', '--all-servers', [CompletionResultType]::ParameterName, 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and problems (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Explain what is being done, on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never color output (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'dbctl;help' {
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply and manage migrations (diesel format: migrations/VERSION_NAME/up.sql, down.sql)')
            [CompletionResult]::new('seed', 'seed', [CompletionResultType]::ParameterValue, 'Load seed data: seeds/common/, then seeds/<env>/ for the active profile (--env / DBCTL_ENV)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Back up the database: dump, compress, encrypt and store, streamed; the manifest is written last')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a backup: from its manifest (an id, `latest`), a file, or s3://bucket/key')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The application''s Redis cache: remove keys by pattern, or show its numbers')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Backups on the schedule of `backup.schedule` (BACKUP_SCHEDULE): show it, run it in the foreground, or print a crontab line or systemd units for it')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check the database, Redis and their vital signs; exit with the worst status')
            [CompletionResult]::new('studio-lite', 'studio-lite', [CompletionResultType]::ParameterValue, 'Browse and query the database in a local web UI: tables, keyset-paged rows, schema, a read-only SQL console, CSV/JSON export')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or check the effective configuration')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'The schema the migrations make')
            [CompletionResult]::new('maintain', 'maintain', [CompletionResultType]::ParameterValue, 'Routine maintenance: PostgreSQL''s ANALYZE, VACUUM (ANALYZE) of tables with many dead rows and REINDEX CONCURRENTLY of invalid indexes; SQLite''s integrity_check, VACUUM when much of the file is free, and PRAGMA optimize')
            [CompletionResult]::new('wal', 'wal', [CompletionResultType]::ParameterValue, 'WAL archiving for point-in-time recovery, through the backup destinations: PostgreSQL''s archive_command and restore_command')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'The encryption keys of the backups')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dbctl;help;migrate' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Apply pending migrations (the default)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show every migration and its state: applied, pending, out of order, edited, missing, unverified')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a new migration directory with up.sql and down.sql')
            [CompletionResult]::new('revert', 'revert', [CompletionResultType]::ParameterValue, 'Undo the most recently run migrations, in the order they actually ran')
            [CompletionResult]::new('redo', 'redo', [CompletionResultType]::ParameterValue, 'Revert and re-apply the most recently run migrations')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Revert every applied migration with its down.sql, then apply them all again')
            [CompletionResult]::new('baseline', 'baseline', [CompletionResultType]::ParameterValue, 'Record migrations as applied without running them (adopting an existing database), and record checksums of migrations another tool applied')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Prisma folders: record a failed migration as rolled back (it runs again) or a migration as applied (finished by hand), as `prisma migrate resolve` does')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Compare the live schema with what the applied migrations make (replayed into a shadow database): what is missing, unexpected or changed. Exit 15 when they differ')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'What applying the pending migrations (or the ones named) would do to a database in use: locks that block writes or reads while a table is scanned or rewritten, statements that cannot run in dbctl''s transaction, settings that leak into later migrations. Exit 16 on an error finding')
            [CompletionResult]::new('rehearse', 'rehearse', [CompletionResultType]::ParameterValue, 'Apply the pending migrations to a scratch copy of a real backup (the newest by default) with dbctl''s runner, and report each one''s time and the table locks it held, sampled from a second connection; the scratch copy is dropped after. Exit 17 when a lock that blocks writes on a table with rows was held longer than --max-lock')
            break
        }
        'dbctl;help;migrate;run' {
            break
        }
        'dbctl;help;migrate;status' {
            break
        }
        'dbctl;help;migrate;new' {
            break
        }
        'dbctl;help;migrate;revert' {
            break
        }
        'dbctl;help;migrate;redo' {
            break
        }
        'dbctl;help;migrate;reset' {
            break
        }
        'dbctl;help;migrate;baseline' {
            break
        }
        'dbctl;help;migrate;resolve' {
            break
        }
        'dbctl;help;migrate;drift' {
            break
        }
        'dbctl;help;migrate;lint' {
            break
        }
        'dbctl;help;migrate;rehearse' {
            break
        }
        'dbctl;help;seed' {
            break
        }
        'dbctl;help;backup' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make a backup (the default)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the backups that have a manifest, oldest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Re-read stored backups and check their size and sha256; with the key, also decrypt and decompress to the end')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove the backups of this database that the retention policy no longer keeps; with --orphans, what interrupted runs left behind')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-encrypt backups to new recipients without decrypting their payload: each age header is rewritten (the file key unwrapped with the old identity, wrapped to the new recipients), the payload copied as it is, the manifest updated last. Local backups')
            break
        }
        'dbctl;help;backup;create' {
            break
        }
        'dbctl;help;backup;list' {
            break
        }
        'dbctl;help;backup;verify' {
            break
        }
        'dbctl;help;backup;prune' {
            break
        }
        'dbctl;help;backup;rekey' {
            break
        }
        'dbctl;help;restore' {
            break
        }
        'dbctl;help;cache' {
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Remove the keys matching each PATTERN (SCAN + UNLINK, never KEYS)')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Keys, memory, hit rate and evictions')
            break
        }
        'dbctl;help;cache;flush' {
            break
        }
        'dbctl;help;cache;stats' {
            break
        }
        'dbctl;help;schedule' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The next run times, in the schedule''s time zone')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the schedule in the foreground (containers, hosts without cron): a backup at each slot, never two at once; SIGTERM stops it cleanly')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Print crontab lines, systemd services and timers, or Kubernetes manifests that run the backups (and the maintenance, with maintain.schedule)')
            break
        }
        'dbctl;help;schedule;show' {
            break
        }
        'dbctl;help;schedule;run' {
            break
        }
        'dbctl;help;schedule;install' {
            break
        }
        'dbctl;help;health' {
            break
        }
        'dbctl;help;studio-lite' {
            break
        }
        'dbctl;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting with its value and where it came from; secrets are redacted')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate the configuration file (every profile) and the environment; exit 2 on error')
            break
        }
        'dbctl;help;config;show' {
            break
        }
        'dbctl;help;config;check' {
            break
        }
        'dbctl;help;schema' {
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Replay every migration into a shadow database and print its schema as normalised SQL (stable order; no comments, SET lines or owners), for review in pull requests')
            break
        }
        'dbctl;help;schema;dump' {
            break
        }
        'dbctl;help;maintain' {
            break
        }
        'dbctl;help;wal' {
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Archive one WAL file to every destination, compressed and encrypted; as the server''s archive_command. The same file pushed again succeeds; other content under its name fails')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch one WAL file from the first destination that has a copy that checks out; as the server''s restore_command. Exit 1 when no destination has it')
            break
        }
        'dbctl;help;wal;push' {
            break
        }
        'dbctl;help;wal;fetch' {
            break
        }
        'dbctl;help;keys' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Which recipients each backup is encrypted to, and which backups the configured recipients and the given identities open: what a lost or leaked key affects (from the manifests; no backup is read)')
            break
        }
        'dbctl;help;keys;check' {
            break
        }
        'dbctl;help;completions' {
            break
        }
        'dbctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
