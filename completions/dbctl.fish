# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_dbctl_global_optspecs
    string join \n C= schema= migrations-dir= config= env-file= env= database-url= redis-url= connect-timeout= wait= lock-timeout= server= all-servers json log-format= q/quiet v/verbose no-color h/help V/version
end

function __fish_dbctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_dbctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_dbctl_using_subcommand
    set -l cmd (__fish_dbctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c dbctl -n "__fish_dbctl_needs_command" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_needs_command" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_needs_command" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_needs_command" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_needs_command" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_needs_command" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_needs_command" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_needs_command" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_needs_command" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_needs_command" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_needs_command" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_needs_command" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_needs_command" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_needs_command" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_needs_command" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_needs_command" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_needs_command" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_needs_command" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_needs_command" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "migrate" -d 'Apply and manage migrations (diesel format: migrations/VERSION_NAME/up.sql, down.sql)'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "seed" -d 'Load seed data: seeds/common/, then seeds/<env>/ for the active profile (--env / DBCTL_ENV)'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "backup" -d 'Back up the database: dump, compress, encrypt and store, streamed; the manifest is written last'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "restore" -d 'Restore a backup: from its manifest (an id, `latest`), a file, or s3://bucket/key'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "cache" -d 'The application\'s Redis cache: remove keys by pattern, or show its numbers'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "schedule" -d 'Backups on the schedule of `backup.schedule` (BACKUP_SCHEDULE): show it, run it in the foreground, or print a crontab line or systemd units for it'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "health" -d 'Check the database, Redis and their vital signs; exit with the worst status'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "studio-lite" -d 'Browse and query the database in a local web UI: tables, keyset-paged rows, schema, a read-only SQL console, CSV/JSON export'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "studio" -d 'Browse and query the database in a local web UI: tables, keyset-paged rows, schema, a read-only SQL console, CSV/JSON export'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "config" -d 'Show or check the effective configuration'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "schema" -d 'The schema the migrations make'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "maintain" -d 'Routine maintenance: PostgreSQL\'s ANALYZE, VACUUM (ANALYZE) of tables with many dead rows and REINDEX CONCURRENTLY of invalid indexes; SQLite\'s integrity_check, VACUUM when much of the file is free, and PRAGMA optimize'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c dbctl -n "__fish_dbctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l target -d 'Stop after applying this version' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l dry-run -d 'Print, in order, the SQL that would run; change nothing'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l check -d 'CI mode: analyse without writing anything; the exit code names the worst finding'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l drift -d 'With --check: also compare the schema with the migrations\' (`migrate drift`); exit 15 on drift'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l lint -d 'With --check: also lint the pending migrations (`migrate lint`); exit 16 on an error finding'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l allow-edited -d 'Accept edited applied migrations: record their new checksums and carry on'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l backup-first -d 'Take a backup (tagged pre-migrate) first when something is pending; no migration runs if it fails [setting: migrations.backup_first]'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "run" -d 'Apply pending migrations (the default)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "status" -d 'Show every migration and its state: applied, pending, out of order, edited, missing, unverified'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "new" -d 'Create a new migration directory with up.sql and down.sql'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "revert" -d 'Undo the most recently run migrations, in the order they actually ran'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "redo" -d 'Revert and re-apply the most recently run migrations'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "reset" -d 'Revert every applied migration with its down.sql, then apply them all again'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "baseline" -d 'Record migrations as applied without running them (adopting an existing database), and record checksums of migrations another tool applied'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "resolve" -d 'Prisma folders: record a failed migration as rolled back (it runs again) or a migration as applied (finished by hand), as `prisma migrate resolve` does'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "drift" -d 'Compare the live schema with what the applied migrations make (replayed into a shadow database): what is missing, unexpected or changed. Exit 15 when they differ'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "lint" -d 'What applying the pending migrations (or the ones named) would do to a database in use: locks that block writes or reads while a table is scanned or rewritten, statements that cannot run in dbctl\'s transaction, settings that leak into later migrations. Exit 16 on an error finding'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "rehearse" -d 'Apply the pending migrations to a scratch copy of a real backup (the newest by default) with dbctl\'s runner, and report each one\'s time and the table locks it held, sampled from a second connection; the scratch copy is dropped after. Exit 17 when a lock that blocks writes on a table with rows was held longer than --max-lock'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and not __fish_seen_subcommand_from run status new revert redo reset baseline resolve drift lint rehearse help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l target -d 'Stop after applying this version' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l dry-run -d 'Print, in order, the SQL that would run; change nothing'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l check -d 'CI mode: analyse without writing anything; the exit code names the worst finding'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l drift -d 'With --check: also compare the schema with the migrations\' (`migrate drift`); exit 15 on drift'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l lint -d 'With --check: also lint the pending migrations (`migrate lint`); exit 16 on an error finding'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l allow-edited -d 'Accept edited applied migrations: record their new checksums and carry on'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l backup-first -d 'Take a backup (tagged pre-migrate) first when something is pending; no migration runs if it fails [setting: migrations.backup_first]'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l no-down -d 'Create no down.sql (an irreversible migration)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l steps -d 'How many migrations to revert' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l to -d 'Revert every migration that ran after VERSION (VERSION stays applied)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -s y -l yes -d 'Confirm in a protected profile (down.sql usually drops data)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from revert" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l steps -d 'How many migrations to redo' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -s y -l yes -d 'Confirm in a protected profile (down.sql usually drops data)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from redo" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -s y -l yes -d 'Do not ask for confirmation (required in a protected profile)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l to -d 'Record migrations up to and including VERSION only' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from baseline" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l applied -d 'Record this migration as applied without running it' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l rolled-back -d 'Record this failed migration as rolled back, so that `migrate` runs it again' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from resolve" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l shadow-url -d 'Replay the migrations into this database (its contents are replaced) instead of one made on the same server [env: DBCTL_SHADOW_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l sql -d 'Print the statements that would bring the database back to the migrations\' schema, for a person to review (never run by dbctl)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from drift" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l all -d 'Every migration of the directory (no database needed)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from lint" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l from -d 'The backup to rehearse on: an id, `latest`, a file, or s3://bucket/key' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l shadow-url -d 'Rehearse in this PostgreSQL database (emptied before and after) instead of one made on the configured server [env: DBCTL_SHADOW_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l max-lock -d 'Fail (exit 17) when a migration holds a lock that blocks writes on a table with rows longer than this, e.g. 2s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -s i -l identity -d 'age identity file (private key) to decrypt the backup with; repeatable' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l allow-unencrypted -d 'Accept an unencrypted backup although encryption is configured'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from rehearse" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "run" -d 'Apply pending migrations (the default)'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show every migration and its state: applied, pending, out of order, edited, missing, unverified'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "new" -d 'Create a new migration directory with up.sql and down.sql'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "revert" -d 'Undo the most recently run migrations, in the order they actually ran'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "redo" -d 'Revert and re-apply the most recently run migrations'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Revert every applied migration with its down.sql, then apply them all again'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "baseline" -d 'Record migrations as applied without running them (adopting an existing database), and record checksums of migrations another tool applied'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "resolve" -d 'Prisma folders: record a failed migration as rolled back (it runs again) or a migration as applied (finished by hand), as `prisma migrate resolve` does'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "drift" -d 'Compare the live schema with what the applied migrations make (replayed into a shadow database): what is missing, unexpected or changed. Exit 15 when they differ'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "lint" -d 'What applying the pending migrations (or the ones named) would do to a database in use: locks that block writes or reads while a table is scanned or rewritten, statements that cannot run in dbctl\'s transaction, settings that leak into later migrations. Exit 16 on an error finding'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "rehearse" -d 'Apply the pending migrations to a scratch copy of a real backup (the newest by default) with dbctl\'s runner, and report each one\'s time and the table locks it held, sampled from a second connection; the scratch copy is dropped after. Exit 17 when a lock that blocks writes on a table with rows was held longer than --max-lock'
complete -c dbctl -n "__fish_dbctl_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l only -d 'Run only this file (name, name without extension, or table); repeatable' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l dry-run -d 'List what would run, with the row count of each CSV file; change nothing'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l reset -d 'Empty the tables the seed files load before loading them'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -s y -l yes -d 'Confirm --reset in a protected profile'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l no-migration-check -d 'Seed even when migrations are pending'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand seed" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l destination -d 'Work on this destination alone (local, s3 or gcs) instead of every configured one' -r -f -a "local\t''
s3\t''
gcs\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l format -d 'pg_dump format: plain (restore with psql) or custom (restore with pg_restore) [default: plain]' -r -f -a "plain\t''
custom\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l compression -d 'gzip, zstd or none [env: BACKUP_COMPRESSION] [default: gzip]' -r -f -a "gzip\t''
zstd\t''
none\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l level -d 'Compression level: gzip 0-9, zstd 1-19' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l recipient -d 'Encrypt to this age recipient (age1… or an SSH public key); repeatable' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l all-databases -d 'Every database of the server (those that accept connections; templates skipped), one backup each, plus the server\'s globals once; or, given a directory, every SQLite file in it (*.sqlite3, *.sqlite, *.db)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l exclude -d 'With --all-databases or --all-servers: skip the databases whose name matches PATTERN (* and ?); repeatable' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l jobs -d 'One PostgreSQL database: N pg_dump processes from one snapshot, a plain dump in several parts (backup.jobs); with --all-databases or --all-servers: N databases at once [default: 1]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l no-encryption -d 'Store without encryption, whatever the configuration says'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l globals -d 'Also store roles and tablespaces (pg_dumpall --globals-only) as a second part (PostgreSQL)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l prune -d 'After a successful backup, apply the retention policy (as `dbctl backup prune` does)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l redis -d 'Back up REDIS_URL\'s Redis instead of the database: an RDB snapshot taken over the replication protocol (as `redis-cli --rdb -`)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l dump-command -d 'Back up the output of backup.dump_command (another engine\'s dump, e.g. `mongodump --archive`) instead of the database'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -f -a "create" -d 'Make a backup (the default)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -f -a "list" -d 'List the backups that have a manifest, oldest first'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -f -a "verify" -d 'Re-read stored backups and check their size and sha256; with the key, also decrypt and decompress to the end'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -f -a "prune" -d 'Remove the backups of this database that the retention policy no longer keeps; with --orphans, what interrupted runs left behind'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and not __fish_seen_subcommand_from create list verify prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l format -d 'pg_dump format: plain (restore with psql) or custom (restore with pg_restore) [default: plain]' -r -f -a "plain\t''
custom\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l compression -d 'gzip, zstd or none [env: BACKUP_COMPRESSION] [default: gzip]' -r -f -a "gzip\t''
zstd\t''
none\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l level -d 'Compression level: gzip 0-9, zstd 1-19' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l recipient -d 'Encrypt to this age recipient (age1… or an SSH public key); repeatable' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l all-databases -d 'Every database of the server (those that accept connections; templates skipped), one backup each, plus the server\'s globals once; or, given a directory, every SQLite file in it (*.sqlite3, *.sqlite, *.db)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l exclude -d 'With --all-databases or --all-servers: skip the databases whose name matches PATTERN (* and ?); repeatable' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l jobs -d 'One PostgreSQL database: N pg_dump processes from one snapshot, a plain dump in several parts (backup.jobs); with --all-databases or --all-servers: N databases at once [default: 1]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l destination -d 'Work on this destination alone (local, s3 or gcs) instead of every configured one' -r -f -a "local\t''
s3\t''
gcs\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l no-encryption -d 'Store without encryption, whatever the configuration says'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l globals -d 'Also store roles and tablespaces (pg_dumpall --globals-only) as a second part (PostgreSQL)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l prune -d 'After a successful backup, apply the retention policy (as `dbctl backup prune` does)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l redis -d 'Back up REDIS_URL\'s Redis instead of the database: an RDB snapshot taken over the replication protocol (as `redis-cli --rdb -`)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l dump-command -d 'Back up the output of backup.dump_command (another engine\'s dump, e.g. `mongodump --archive`) instead of the database'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l destination -d 'Work on this destination alone (local, s3 or gcs) instead of every configured one' -r -f -a "local\t''
s3\t''
gcs\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -s i -l identity -d 'age identity file (private key) to decrypt with; repeatable' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l destination -d 'Work on this destination alone (local, s3 or gcs) instead of every configured one' -r -f -a "local\t''
s3\t''
gcs\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l all -d 'Verify every backup'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l restore-test -d 'Also restore the backup into a scratch database (created, then dropped) and compare every table\'s row count with the backup\'s'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l grace -d 'With --orphans: leave anything younger than this alone (a backup may be running)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l keep-last -d 'Keep the N newest backups' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l keep-within -d 'Keep every backup this recent, counted from the newest one (e.g. 14d)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l keep-hourly -d 'Keep the newest backup of each of the last N hours that have one' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l keep-daily -d 'Keep the newest backup of each of the last N days that have one' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l keep-weekly -d 'Keep the newest backup of each of the last N ISO weeks that have one' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l keep-monthly -d 'Keep the newest backup of each of the last N months that have one' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l keep-yearly -d 'Keep the newest backup of each of the last N years that have one' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l destination -d 'Work on this destination alone (local, s3 or gcs) instead of every configured one' -r -f -a "local\t''
s3\t''
gcs\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l dry-run -d 'Show what would be kept and removed, and why, without removing anything'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l orphans -d 'Remove what interrupted runs left (temporary files, unfinished multipart uploads, backup files whose manifest is missing) instead of applying the retention policy'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from help" -f -a "create" -d 'Make a backup (the default)'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the backups that have a manifest, oldest first'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Re-read stored backups and check their size and sha256; with the key, also decrypt and decompress to the end'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove the backups of this database that the retention policy no longer keeps; with --orphans, what interrupted runs left behind'
complete -c dbctl -n "__fish_dbctl_using_subcommand backup; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l destination -d 'Read the backup from this destination (local, s3 or gcs) instead of the first that has it' -r -f -a "local\t''
s3\t''
gcs\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -s i -l identity -d 'age identity file (private key, also an SSH private key); repeatable' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l to -d 'Restore into this database instead of the configured one' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l flush-redis -d 'After a successful restore, remove the Redis keys matching this pattern (SCAN + UNLINK); repeatable' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -s j -l jobs -d 'Load with N connections into a new database that replaces the target once complete: a dump in parts (`backup --jobs`) part by part, a custom archive with pg_restore (decoded to a private temporary file first)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l role-map -d 'Give what role OLD owned or was granted to role NEW instead; repeatable' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l create -d 'Create the target database (or SQLite file) when it does not exist'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l clean -d 'Replace a non-empty target: drop its schemas (PostgreSQL) or replace the file (SQLite)'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -s y -l yes -d 'Confirm a destructive restore (required in a protected profile; skips the question)'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l no-safety-backup -d 'Do not back up a non-empty target before replacing it'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l allow-unencrypted -d 'Restore an unencrypted file although encryption is configured (where backups are always encrypted, an unencrypted one was not made by dbctl with this configuration)'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l list -d 'Show what the backup contains (tables, rows, sizes) and check it, without restoring'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l force -d 'Restore a newer PostgreSQL\'s dump into an older server (settings the target does not know are left out)'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l no-owner -d 'Leave out the dump\'s ownership (ALTER … OWNER TO, SET SESSION AUTHORIZATION): the objects belong to the role restoring them'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l no-acl -d 'Leave out the dump\'s privileges (GRANT, REVOKE, ALTER DEFAULT PRIVILEGES)'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l globals -d 'First create the roles and tablespaces of the backup\'s globals part (made with `backup --globals` or --all-databases) that the target server lacks; existing ones are kept'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand restore" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -f -a "flush" -d 'Remove the keys matching each PATTERN (SCAN + UNLINK, never KEYS)'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -f -a "stats" -d 'Keys, memory, hit rate and evictions'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and not __fish_seen_subcommand_from flush stats help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l dry-run -d 'Count the matching keys without removing them'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l yes -d 'Confirm, in a protected profile'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from flush" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "flush" -d 'Remove the keys matching each PATTERN (SCAN + UNLINK, never KEYS)'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Keys, memory, hit rate and evictions'
complete -c dbctl -n "__fish_dbctl_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -f -a "show" -d 'The next run times, in the schedule\'s time zone'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -f -a "run" -d 'Run the schedule in the foreground (containers, hosts without cron): a backup at each slot, never two at once; SIGTERM stops it cleanly'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -f -a "install" -d 'Print crontab lines, or systemd services and timers, that run the backups (and the maintenance, with maintain.schedule)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and not __fish_seen_subcommand_from show run install help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -s n -l count -d 'How many run times' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l from -d 'The run times after this instant instead of now: RFC 3339 (2027-03-27T12:00:00Z) or a date (midnight UTC)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l jitter -d 'Wait a random time up to this long after each slot (spreads hosts out)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l serve -d 'Also serve /healthz, /readyz, /metrics and /health on ADDR (HOST:PORT, or :PORT for loopback), as `health --serve` does: a container\'s probes beside its scheduler' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l cache-for -d 'With --serve: run the checks at most once per DURATION [default: 10s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l allow-host -d 'With --serve: also answer to this host name (a load balancer\'s or Prometheus target\'s DNS name); repeatable [also health.allow_hosts]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l prune -d 'Apply the retention policy after each successful backup'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l verify -d 'Verify each new backup (size and sha256) after it is made'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l user -d 'The user the backups run as (the user field of /etc/cron.d, or User= for systemd)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l cron -d 'A crontab line (for crontab -e, or /etc/cron.d with --user)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l systemd -d 'A systemd service and timer pair'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l no-env-file -d 'The job reads no environment file (every setting is in the config file); without it, the job reads --env-file (default /etc/dbctl/env; mode 0600), and a missing one fails the job loudly'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "show" -d 'The next run times, in the schedule\'s time zone'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run the schedule in the foreground (containers, hosts without cron): a backup at each slot, never two at once; SIGTERM stops it cleanly'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "install" -d 'Print crontab lines, or systemd services and timers, that run the backups (and the maintenance, with maintain.schedule)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schedule; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l format -d 'Output format [default: human, or json with --json]' -r -f -a "human\t'A table for people'
json\t'One JSON document'
prometheus\t'Prometheus text exposition format, for node-exporter\'s textfile collector'"
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -s o -l output -d 'Write the report to FILE atomically (temporary file, then rename) instead of stdout' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l serve -d 'Serve /healthz, /readyz, /metrics and /health over HTTP on ADDR (HOST:PORT, or :PORT for loopback) until stopped' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l cache-for -d 'With --serve: run the checks at most once per DURATION [default: 10s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l allow-host -d 'With --serve: also answer to this host name (a load balancer\'s or Prometheus target\'s DNS name); repeatable [also health.allow_hosts]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand health" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l port -d 'Port to listen on (studio.port; 0 picks a free one)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l bind -d 'Address to listen on (studio.bind); anything but loopback exposes the database' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l allow-host -d 'Also answer to this host name (with --bind on a non-loopback address); repeatable' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l statement-timeout -d 'The SQL console stops a statement after this long (studio.statement_timeout)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l row-cap -d 'The SQL console shows at most this many rows (studio.row_cap)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l write -d 'Allow editing, inserting and deleting rows by primary key, each in its own transaction'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l open -d 'Open the URL in the browser ($BROWSER, else xdg-open / open)'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l allow-superuser -d 'Keep the SQL console on although the role may run programs or read files on the database server (a superuser, pg_execute_server_program, pg_read/write_server_files)'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio-lite" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l port -d 'Port to listen on (studio.port; 0 picks a free one)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l bind -d 'Address to listen on (studio.bind); anything but loopback exposes the database' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l allow-host -d 'Also answer to this host name (with --bind on a non-loopback address); repeatable' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l statement-timeout -d 'The SQL console stops a statement after this long (studio.statement_timeout)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l row-cap -d 'The SQL console shows at most this many rows (studio.row_cap)' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l write -d 'Allow editing, inserting and deleting rows by primary key, each in its own transaction'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l open -d 'Open the URL in the browser ($BROWSER, else xdg-open / open)'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l allow-superuser -d 'Keep the SQL console on although the role may run programs or read files on the database server (a superuser, pg_execute_server_program, pg_read/write_server_files)'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand studio" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -f -a "show" -d 'Print every setting with its value and where it came from; secrets are redacted'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -f -a "check" -d 'Validate the configuration file (every profile) and the environment; exit 2 on error'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and not __fish_seen_subcommand_from show check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print every setting with its value and where it came from; secrets are redacted'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Validate the configuration file (every profile) and the environment; exit 2 on error'
complete -c dbctl -n "__fish_dbctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -f -a "dump" -d 'Replay every migration into a shadow database and print its schema as normalised SQL (stable order; no comments, SET lines or owners), for review in pull requests'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and not __fish_seen_subcommand_from dump help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l shadow-url -d 'Replay the migrations into this database (its contents are replaced) instead of one made on the same server [env: DBCTL_SHADOW_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from dump" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from help" -f -a "dump" -d 'Replay every migration into a shadow database and print its schema as normalised SQL (stable order; no comments, SET lines or owners), for review in pull requests'
complete -c dbctl -n "__fish_dbctl_using_subcommand schema; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l dry-run -d 'List what would run and why; run nothing'
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand maintain" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -s C -d 'Run as if dbctl had been started in DIR (as `git -C` and `make -C`)' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l schema -d 'The Prisma schema (a file, or a folder of .prisma files), as Prisma\'s --schema: its folder\'s migrations/ are the migrations and `file:` URLs are relative to it [default: prisma.config.ts\'s schema, package.json\'s prisma.schema, ./prisma/schema.prisma]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l migrations-dir -d 'Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the Prisma schema\'s migrations/]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l config -d 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l env-file -d 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]' -r -F
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l env -d 'Profile: settings of the file\'s `[env.NAME]` table override its top level [env: DBCTL_ENV]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l database-url -d 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l redis-url -d 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l connect-timeout -d 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l wait -d 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l lock-timeout -d 'How long a migration runner waits for another one to finish, and a restore for the locks other sessions hold on its target [default: 60s]' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l server -d 'Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL\'s' -r
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l log-format -d 'Messages on stderr as text, or as one JSON object per line (time, level, event, message, fields) for log collectors, with each backup, restore and migration run\'s outcome and every command\'s exit code even under --quiet; `schedule run` logs its slots the same way on stdout' -r -f -a "text\t''
json\t''"
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l all-servers -d 'Every configured server, one after the other: backup and migrate --check take the primaries, health takes every server'
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout'
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -s q -l quiet -d 'Print nothing but errors and problems (for cron)'
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -s v -l verbose -d 'Explain what is being done, on stderr'
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -l no-color -d 'Never color output (also when NO_COLOR is set)'
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dbctl -n "__fish_dbctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "migrate" -d 'Apply and manage migrations (diesel format: migrations/VERSION_NAME/up.sql, down.sql)'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "seed" -d 'Load seed data: seeds/common/, then seeds/<env>/ for the active profile (--env / DBCTL_ENV)'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "backup" -d 'Back up the database: dump, compress, encrypt and store, streamed; the manifest is written last'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "restore" -d 'Restore a backup: from its manifest (an id, `latest`), a file, or s3://bucket/key'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "cache" -d 'The application\'s Redis cache: remove keys by pattern, or show its numbers'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "schedule" -d 'Backups on the schedule of `backup.schedule` (BACKUP_SCHEDULE): show it, run it in the foreground, or print a crontab line or systemd units for it'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "health" -d 'Check the database, Redis and their vital signs; exit with the worst status'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "studio-lite" -d 'Browse and query the database in a local web UI: tables, keyset-paged rows, schema, a read-only SQL console, CSV/JSON export'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "config" -d 'Show or check the effective configuration'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "schema" -d 'The schema the migrations make'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "maintain" -d 'Routine maintenance: PostgreSQL\'s ANALYZE, VACUUM (ANALYZE) of tables with many dead rows and REINDEX CONCURRENTLY of invalid indexes; SQLite\'s integrity_check, VACUUM when much of the file is free, and PRAGMA optimize'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and not __fish_seen_subcommand_from migrate seed backup restore cache schedule health studio-lite config schema maintain completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "run" -d 'Apply pending migrations (the default)'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "status" -d 'Show every migration and its state: applied, pending, out of order, edited, missing, unverified'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "new" -d 'Create a new migration directory with up.sql and down.sql'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "revert" -d 'Undo the most recently run migrations, in the order they actually ran'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "redo" -d 'Revert and re-apply the most recently run migrations'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "reset" -d 'Revert every applied migration with its down.sql, then apply them all again'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "baseline" -d 'Record migrations as applied without running them (adopting an existing database), and record checksums of migrations another tool applied'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "resolve" -d 'Prisma folders: record a failed migration as rolled back (it runs again) or a migration as applied (finished by hand), as `prisma migrate resolve` does'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "drift" -d 'Compare the live schema with what the applied migrations make (replayed into a shadow database): what is missing, unexpected or changed. Exit 15 when they differ'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "lint" -d 'What applying the pending migrations (or the ones named) would do to a database in use: locks that block writes or reads while a table is scanned or rewritten, statements that cannot run in dbctl\'s transaction, settings that leak into later migrations. Exit 16 on an error finding'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "rehearse" -d 'Apply the pending migrations to a scratch copy of a real backup (the newest by default) with dbctl\'s runner, and report each one\'s time and the table locks it held, sampled from a second connection; the scratch copy is dropped after. Exit 17 when a lock that blocks writes on a table with rows was held longer than --max-lock'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from backup" -f -a "create" -d 'Make a backup (the default)'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from backup" -f -a "list" -d 'List the backups that have a manifest, oldest first'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from backup" -f -a "verify" -d 'Re-read stored backups and check their size and sha256; with the key, also decrypt and decompress to the end'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from backup" -f -a "prune" -d 'Remove the backups of this database that the retention policy no longer keeps; with --orphans, what interrupted runs left behind'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "flush" -d 'Remove the keys matching each PATTERN (SCAN + UNLINK, never KEYS)'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "stats" -d 'Keys, memory, hit rate and evictions'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "show" -d 'The next run times, in the schedule\'s time zone'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "run" -d 'Run the schedule in the foreground (containers, hosts without cron): a backup at each slot, never two at once; SIGTERM stops it cleanly'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from schedule" -f -a "install" -d 'Print crontab lines, or systemd services and timers, that run the backups (and the maintenance, with maintain.schedule)'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print every setting with its value and where it came from; secrets are redacted'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Validate the configuration file (every profile) and the environment; exit 2 on error'
complete -c dbctl -n "__fish_dbctl_using_subcommand help; and __fish_seen_subcommand_from schema" -f -a "dump" -d 'Replay every migration into a shadow database and print its schema as normalised SQL (stable order; no comments, SET lines or owners), for review in pull requests'
