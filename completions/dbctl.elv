
use builtin;
use str;

set edit:completion:arg-completer[dbctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'dbctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'dbctl'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand migrate 'Apply and manage migrations (diesel format: migrations/VERSION_NAME/up.sql, down.sql)'
            cand seed 'Load seed data: seeds/common/, then seeds/<env>/ for the active profile (--env / DBCTL_ENV)'
            cand backup 'Back up the database: dump, compress, encrypt and store, streamed; the manifest is written last'
            cand restore 'Restore a backup: from its manifest (an id, `latest`), a file, or s3://bucket/key'
            cand cache 'The application''s Redis cache: remove keys by pattern, or show its numbers'
            cand schedule 'Backups on the schedule of `backup.schedule` (BACKUP_SCHEDULE): show it, run it in the foreground, or print a crontab line or systemd units for it'
            cand health 'Check the database, Redis and their vital signs; exit with the worst status'
            cand studio-lite 'Browse and query the database in a local web UI: tables, keyset-paged rows, schema, a read-only SQL console, CSV/JSON export'
            cand studio 'Browse and query the database in a local web UI: tables, keyset-paged rows, schema, a read-only SQL console, CSV/JSON export'
            cand config 'Show or check the effective configuration'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;migrate'= {
            cand --target 'Stop after applying this version'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --dry-run 'Print, in order, the SQL that would run; change nothing'
            cand --check 'CI mode: analyse without writing anything; the exit code names the worst finding'
            cand --allow-edited 'Accept edited applied migrations: record their new checksums and carry on'
            cand --backup-first 'Take a backup (tagged pre-migrate) first when something is pending; no migration runs if it fails [setting: migrations.backup_first]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand run 'Apply pending migrations (the default)'
            cand status 'Show every migration and its state: applied, pending, out of order, edited, missing, unverified'
            cand new 'Create a new migration directory with up.sql and down.sql'
            cand revert 'Undo the most recently run migrations, in the order they actually ran'
            cand redo 'Revert and re-apply the most recently run migrations'
            cand reset 'Revert every applied migration with its down.sql, then apply them all again'
            cand baseline 'Record migrations as applied without running them (adopting an existing database), and record checksums of migrations another tool applied'
            cand resolve 'Prisma folders: record a failed migration as rolled back (it runs again) or a migration as applied (finished by hand), as `prisma migrate resolve` does'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;migrate;run'= {
            cand --target 'Stop after applying this version'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --dry-run 'Print, in order, the SQL that would run; change nothing'
            cand --check 'CI mode: analyse without writing anything; the exit code names the worst finding'
            cand --allow-edited 'Accept edited applied migrations: record their new checksums and carry on'
            cand --backup-first 'Take a backup (tagged pre-migrate) first when something is pending; no migration runs if it fails [setting: migrations.backup_first]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;migrate;status'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;migrate;new'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --no-down 'Create no down.sql (an irreversible migration)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;migrate;revert'= {
            cand --steps 'How many migrations to revert'
            cand --to 'Revert every migration that ran after VERSION (VERSION stays applied)'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand -y 'Confirm in a protected profile (down.sql usually drops data)'
            cand --yes 'Confirm in a protected profile (down.sql usually drops data)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;migrate;redo'= {
            cand --steps 'How many migrations to redo'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand -y 'Confirm in a protected profile (down.sql usually drops data)'
            cand --yes 'Confirm in a protected profile (down.sql usually drops data)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;migrate;reset'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand -y 'Do not ask for confirmation (required in a protected profile)'
            cand --yes 'Do not ask for confirmation (required in a protected profile)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;migrate;baseline'= {
            cand --to 'Record migrations up to and including VERSION only'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;migrate;resolve'= {
            cand --applied 'Record this migration as applied without running it'
            cand --rolled-back 'Record this failed migration as rolled back, so that `migrate` runs it again'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;migrate;help'= {
            cand run 'Apply pending migrations (the default)'
            cand status 'Show every migration and its state: applied, pending, out of order, edited, missing, unverified'
            cand new 'Create a new migration directory with up.sql and down.sql'
            cand revert 'Undo the most recently run migrations, in the order they actually ran'
            cand redo 'Revert and re-apply the most recently run migrations'
            cand reset 'Revert every applied migration with its down.sql, then apply them all again'
            cand baseline 'Record migrations as applied without running them (adopting an existing database), and record checksums of migrations another tool applied'
            cand resolve 'Prisma folders: record a failed migration as rolled back (it runs again) or a migration as applied (finished by hand), as `prisma migrate resolve` does'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;migrate;help;run'= {
        }
        &'dbctl;migrate;help;status'= {
        }
        &'dbctl;migrate;help;new'= {
        }
        &'dbctl;migrate;help;revert'= {
        }
        &'dbctl;migrate;help;redo'= {
        }
        &'dbctl;migrate;help;reset'= {
        }
        &'dbctl;migrate;help;baseline'= {
        }
        &'dbctl;migrate;help;resolve'= {
        }
        &'dbctl;migrate;help;help'= {
        }
        &'dbctl;seed'= {
            cand --only 'Run only this file (name, name without extension, or table); repeatable'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --dry-run 'List what would run, with the row count of each CSV file; change nothing'
            cand --reset 'Empty the tables the seed files load before loading them'
            cand -y 'Confirm --reset in a protected profile'
            cand --yes 'Confirm --reset in a protected profile'
            cand --no-migration-check 'Seed even when migrations are pending'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;backup'= {
            cand --destination 'Work on this destination alone (local, s3 or gcs) instead of every configured one'
            cand --format 'pg_dump format: plain (restore with psql) or custom (restore with pg_restore) [default: plain]'
            cand --compression 'gzip, zstd or none [env: BACKUP_COMPRESSION] [default: gzip]'
            cand --level 'Compression level: gzip 0-9, zstd 1-19'
            cand --recipient 'Encrypt to this age recipient (age1… or an SSH public key); repeatable'
            cand --all-databases 'Every database of the server (those that accept connections; templates skipped), one backup each, plus the server''s globals once; or, given a directory, every SQLite file in it (*.sqlite3, *.sqlite, *.db)'
            cand --exclude 'With --all-databases: skip the databases whose name matches PATTERN (* and ?); repeatable'
            cand --jobs 'With --all-databases: back up N databases at once [default: 1]'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --no-encryption 'Store without encryption, whatever the configuration says'
            cand --globals 'Also store roles and tablespaces (pg_dumpall --globals-only) as a second part (PostgreSQL)'
            cand --prune 'After a successful backup, apply the retention policy (as `dbctl backup prune` does)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Make a backup (the default)'
            cand list 'List the backups that have a manifest, oldest first'
            cand verify 'Re-read stored backups and check their size and sha256; with the key, also decrypt and decompress to the end'
            cand prune 'Remove the backups of this database that the retention policy no longer keeps; with --orphans, what interrupted runs left behind'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;backup;create'= {
            cand --format 'pg_dump format: plain (restore with psql) or custom (restore with pg_restore) [default: plain]'
            cand --compression 'gzip, zstd or none [env: BACKUP_COMPRESSION] [default: gzip]'
            cand --level 'Compression level: gzip 0-9, zstd 1-19'
            cand --recipient 'Encrypt to this age recipient (age1… or an SSH public key); repeatable'
            cand --all-databases 'Every database of the server (those that accept connections; templates skipped), one backup each, plus the server''s globals once; or, given a directory, every SQLite file in it (*.sqlite3, *.sqlite, *.db)'
            cand --exclude 'With --all-databases: skip the databases whose name matches PATTERN (* and ?); repeatable'
            cand --jobs 'With --all-databases: back up N databases at once [default: 1]'
            cand --destination 'Work on this destination alone (local, s3 or gcs) instead of every configured one'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --no-encryption 'Store without encryption, whatever the configuration says'
            cand --globals 'Also store roles and tablespaces (pg_dumpall --globals-only) as a second part (PostgreSQL)'
            cand --prune 'After a successful backup, apply the retention policy (as `dbctl backup prune` does)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;backup;list'= {
            cand --destination 'Work on this destination alone (local, s3 or gcs) instead of every configured one'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;backup;verify'= {
            cand -i 'age identity file (private key) to decrypt with; repeatable'
            cand --identity 'age identity file (private key) to decrypt with; repeatable'
            cand --destination 'Work on this destination alone (local, s3 or gcs) instead of every configured one'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --all 'Verify every backup'
            cand --restore-test 'Also restore the backup into a scratch database (created, then dropped) and compare every table''s row count with the backup''s'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;backup;prune'= {
            cand --grace 'With --orphans: leave anything younger than this alone (a backup may be running)'
            cand --keep-last 'Keep the N newest backups'
            cand --keep-within 'Keep every backup this recent, counted from the newest one (e.g. 14d)'
            cand --keep-hourly 'Keep the newest backup of each of the last N hours that have one'
            cand --keep-daily 'Keep the newest backup of each of the last N days that have one'
            cand --keep-weekly 'Keep the newest backup of each of the last N ISO weeks that have one'
            cand --keep-monthly 'Keep the newest backup of each of the last N months that have one'
            cand --keep-yearly 'Keep the newest backup of each of the last N years that have one'
            cand --destination 'Work on this destination alone (local, s3 or gcs) instead of every configured one'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --dry-run 'Show what would be kept and removed, and why, without removing anything'
            cand --orphans 'Remove what interrupted runs left (temporary files, unfinished multipart uploads, backup files whose manifest is missing) instead of applying the retention policy'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;backup;help'= {
            cand create 'Make a backup (the default)'
            cand list 'List the backups that have a manifest, oldest first'
            cand verify 'Re-read stored backups and check their size and sha256; with the key, also decrypt and decompress to the end'
            cand prune 'Remove the backups of this database that the retention policy no longer keeps; with --orphans, what interrupted runs left behind'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;backup;help;create'= {
        }
        &'dbctl;backup;help;list'= {
        }
        &'dbctl;backup;help;verify'= {
        }
        &'dbctl;backup;help;prune'= {
        }
        &'dbctl;backup;help;help'= {
        }
        &'dbctl;restore'= {
            cand --destination 'Read the backup from this destination (local, s3 or gcs) instead of the first that has it'
            cand -i 'age identity file (private key, also an SSH private key); repeatable'
            cand --identity 'age identity file (private key, also an SSH private key); repeatable'
            cand --to 'Restore into this database instead of the configured one'
            cand --flush-redis 'After a successful restore, remove the Redis keys matching this pattern (SCAN + UNLINK); repeatable'
            cand -j 'Custom archives: run pg_restore with N parallel jobs, into a new database that replaces the target once complete (the archive is decoded to a private temporary file first)'
            cand --jobs 'Custom archives: run pg_restore with N parallel jobs, into a new database that replaces the target once complete (the archive is decoded to a private temporary file first)'
            cand --role-map 'Give what role OLD owned or was granted to role NEW instead; repeatable'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --create 'Create the target database (or SQLite file) when it does not exist'
            cand --clean 'Replace a non-empty target: drop its schemas (PostgreSQL) or replace the file (SQLite)'
            cand -y 'Confirm a destructive restore (required in a protected profile; skips the question)'
            cand --yes 'Confirm a destructive restore (required in a protected profile; skips the question)'
            cand --no-safety-backup 'Do not back up a non-empty target before replacing it'
            cand --allow-unencrypted 'Restore an unencrypted file although encryption is configured (where backups are always encrypted, an unencrypted one was not made by dbctl with this configuration)'
            cand --list 'Show what the backup contains (tables, rows, sizes) and check it, without restoring'
            cand --force 'Restore a newer PostgreSQL''s dump into an older server (settings the target does not know are left out)'
            cand --no-owner 'Leave out the dump''s ownership (ALTER … OWNER TO, SET SESSION AUTHORIZATION): the objects belong to the role restoring them'
            cand --no-acl 'Leave out the dump''s privileges (GRANT, REVOKE, ALTER DEFAULT PRIVILEGES)'
            cand --globals 'First create the roles and tablespaces of the backup''s globals part (made with `backup --globals` or --all-databases) that the target server lacks; existing ones are kept'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;cache'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand flush 'Remove the keys matching each PATTERN (SCAN + UNLINK, never KEYS)'
            cand stats 'Keys, memory, hit rate and evictions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;cache;flush'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --dry-run 'Count the matching keys without removing them'
            cand --yes 'Confirm, in a protected profile'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;cache;stats'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;cache;help'= {
            cand flush 'Remove the keys matching each PATTERN (SCAN + UNLINK, never KEYS)'
            cand stats 'Keys, memory, hit rate and evictions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;cache;help;flush'= {
        }
        &'dbctl;cache;help;stats'= {
        }
        &'dbctl;cache;help;help'= {
        }
        &'dbctl;schedule'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'The next run times, in the schedule''s time zone'
            cand run 'Run the schedule in the foreground (containers, hosts without cron): a backup at each slot, never two at once; SIGTERM stops it cleanly'
            cand install 'Print a crontab line, or a systemd service and timer, that run the backups'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;schedule;show'= {
            cand -n 'How many run times'
            cand --count 'How many run times'
            cand --from 'The run times after this instant instead of now: RFC 3339 (2027-03-27T12:00:00Z) or a date (midnight UTC)'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;schedule;run'= {
            cand --jitter 'Wait a random time up to this long after each slot (spreads hosts out)'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --prune 'Apply the retention policy after each successful backup'
            cand --verify 'Verify each new backup (size and sha256) after it is made'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;schedule;install'= {
            cand --user 'The user the backups run as (the user field of /etc/cron.d, or User= for systemd)'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --cron 'A crontab line (for crontab -e, or /etc/cron.d with --user)'
            cand --systemd 'A systemd service and timer pair'
            cand --no-env-file 'The job reads no environment file (every setting is in the config file); without it, the job reads --env-file (default /etc/dbctl/env; mode 0600), and a missing one fails the job loudly'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;schedule;help'= {
            cand show 'The next run times, in the schedule''s time zone'
            cand run 'Run the schedule in the foreground (containers, hosts without cron): a backup at each slot, never two at once; SIGTERM stops it cleanly'
            cand install 'Print a crontab line, or a systemd service and timer, that run the backups'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;schedule;help;show'= {
        }
        &'dbctl;schedule;help;run'= {
        }
        &'dbctl;schedule;help;install'= {
        }
        &'dbctl;schedule;help;help'= {
        }
        &'dbctl;health'= {
            cand --format 'Output format [default: human, or json with --json]'
            cand -o 'Write the report to FILE atomically (temporary file, then rename) instead of stdout'
            cand --output 'Write the report to FILE atomically (temporary file, then rename) instead of stdout'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;studio-lite'= {
            cand --port 'Port to listen on (studio.port; 0 picks a free one)'
            cand --bind 'Address to listen on (studio.bind); anything but loopback exposes the database'
            cand --allow-host 'Also answer to this host name (with --bind on a non-loopback address); repeatable'
            cand --statement-timeout 'The SQL console stops a statement after this long (studio.statement_timeout)'
            cand --row-cap 'The SQL console shows at most this many rows (studio.row_cap)'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --write 'Allow editing, inserting and deleting rows by primary key, each in its own transaction'
            cand --open 'Open the URL in the browser ($BROWSER, else xdg-open / open)'
            cand --allow-superuser 'Keep the SQL console on although the role may run programs or read files on the database server (a superuser, pg_execute_server_program, pg_read/write_server_files)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;studio'= {
            cand --port 'Port to listen on (studio.port; 0 picks a free one)'
            cand --bind 'Address to listen on (studio.bind); anything but loopback exposes the database'
            cand --allow-host 'Also answer to this host name (with --bind on a non-loopback address); repeatable'
            cand --statement-timeout 'The SQL console stops a statement after this long (studio.statement_timeout)'
            cand --row-cap 'The SQL console shows at most this many rows (studio.row_cap)'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --write 'Allow editing, inserting and deleting rows by primary key, each in its own transaction'
            cand --open 'Open the URL in the browser ($BROWSER, else xdg-open / open)'
            cand --allow-superuser 'Keep the SQL console on although the role may run programs or read files on the database server (a superuser, pg_execute_server_program, pg_read/write_server_files)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;config'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print every setting with its value and where it came from; secrets are redacted'
            cand check 'Validate the configuration file (every profile) and the environment; exit 2 on error'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;config;show'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;config;check'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;config;help'= {
            cand show 'Print every setting with its value and where it came from; secrets are redacted'
            cand check 'Validate the configuration file (every profile) and the environment; exit 2 on error'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;config;help;show'= {
        }
        &'dbctl;config;help;check'= {
        }
        &'dbctl;config;help;help'= {
        }
        &'dbctl;completions'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env-file 'Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE] [default: ./.env and ./prisma/.env when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --lock-timeout 'How long a migration runner waits for another one to finish [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;help'= {
            cand migrate 'Apply and manage migrations (diesel format: migrations/VERSION_NAME/up.sql, down.sql)'
            cand seed 'Load seed data: seeds/common/, then seeds/<env>/ for the active profile (--env / DBCTL_ENV)'
            cand backup 'Back up the database: dump, compress, encrypt and store, streamed; the manifest is written last'
            cand restore 'Restore a backup: from its manifest (an id, `latest`), a file, or s3://bucket/key'
            cand cache 'The application''s Redis cache: remove keys by pattern, or show its numbers'
            cand schedule 'Backups on the schedule of `backup.schedule` (BACKUP_SCHEDULE): show it, run it in the foreground, or print a crontab line or systemd units for it'
            cand health 'Check the database, Redis and their vital signs; exit with the worst status'
            cand studio-lite 'Browse and query the database in a local web UI: tables, keyset-paged rows, schema, a read-only SQL console, CSV/JSON export'
            cand config 'Show or check the effective configuration'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;help;migrate'= {
            cand run 'Apply pending migrations (the default)'
            cand status 'Show every migration and its state: applied, pending, out of order, edited, missing, unverified'
            cand new 'Create a new migration directory with up.sql and down.sql'
            cand revert 'Undo the most recently run migrations, in the order they actually ran'
            cand redo 'Revert and re-apply the most recently run migrations'
            cand reset 'Revert every applied migration with its down.sql, then apply them all again'
            cand baseline 'Record migrations as applied without running them (adopting an existing database), and record checksums of migrations another tool applied'
            cand resolve 'Prisma folders: record a failed migration as rolled back (it runs again) or a migration as applied (finished by hand), as `prisma migrate resolve` does'
        }
        &'dbctl;help;migrate;run'= {
        }
        &'dbctl;help;migrate;status'= {
        }
        &'dbctl;help;migrate;new'= {
        }
        &'dbctl;help;migrate;revert'= {
        }
        &'dbctl;help;migrate;redo'= {
        }
        &'dbctl;help;migrate;reset'= {
        }
        &'dbctl;help;migrate;baseline'= {
        }
        &'dbctl;help;migrate;resolve'= {
        }
        &'dbctl;help;seed'= {
        }
        &'dbctl;help;backup'= {
            cand create 'Make a backup (the default)'
            cand list 'List the backups that have a manifest, oldest first'
            cand verify 'Re-read stored backups and check their size and sha256; with the key, also decrypt and decompress to the end'
            cand prune 'Remove the backups of this database that the retention policy no longer keeps; with --orphans, what interrupted runs left behind'
        }
        &'dbctl;help;backup;create'= {
        }
        &'dbctl;help;backup;list'= {
        }
        &'dbctl;help;backup;verify'= {
        }
        &'dbctl;help;backup;prune'= {
        }
        &'dbctl;help;restore'= {
        }
        &'dbctl;help;cache'= {
            cand flush 'Remove the keys matching each PATTERN (SCAN + UNLINK, never KEYS)'
            cand stats 'Keys, memory, hit rate and evictions'
        }
        &'dbctl;help;cache;flush'= {
        }
        &'dbctl;help;cache;stats'= {
        }
        &'dbctl;help;schedule'= {
            cand show 'The next run times, in the schedule''s time zone'
            cand run 'Run the schedule in the foreground (containers, hosts without cron): a backup at each slot, never two at once; SIGTERM stops it cleanly'
            cand install 'Print a crontab line, or a systemd service and timer, that run the backups'
        }
        &'dbctl;help;schedule;show'= {
        }
        &'dbctl;help;schedule;run'= {
        }
        &'dbctl;help;schedule;install'= {
        }
        &'dbctl;help;health'= {
        }
        &'dbctl;help;studio-lite'= {
        }
        &'dbctl;help;config'= {
            cand show 'Print every setting with its value and where it came from; secrets are redacted'
            cand check 'Validate the configuration file (every profile) and the environment; exit 2 on error'
        }
        &'dbctl;help;config;show'= {
        }
        &'dbctl;help;config;check'= {
        }
        &'dbctl;help;completions'= {
        }
        &'dbctl;help;help'= {
        }
    ]
    $completions[$command]
}
