//! Command-line types only: what the user can type, with help from doc comments.
//!
//! Raw arguments are turned into checked settings before any work starts.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::values::parse_duration;

/// Operator tool for an application's database: migrations, seeds, backups, restores, schedules,
/// health checks and a local web UI.
///
/// dbctl drives one application database (PostgreSQL, or SQLite as the embedded default) plus its Redis.
/// Settings come from built-in defaults, then `dbctl.toml`, then the environment (`DATABASE_URL`,
/// `REDIS_URL`, `BACKUP_*`, …), then flags: each layer overrides the one before.
#[derive(Debug, Parser)]
#[command(name = "dbctl", version, propagate_version = true, max_term_width = 100)]
#[command(after_long_help = "\
Examples:
  dbctl health                                  check the configured database and Redis
  DATABASE_URL=postgres://app@db/app dbctl health --json
  dbctl --env production config show            effective settings of a profile, secrets redacted

Exit codes: 0 success, 1 the operation failed or a check found a problem, 2 usage or configuration
error. `health` uses the Nagios convention instead: 0 ok, 1 warning, 2 critical, 3 unknown.")]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted by every command.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Run as if dbctl had been started in DIR (as `git -C` and `make -C`)
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub chdir: Option<PathBuf>,

    /// The Prisma schema (a file, or a folder of .prisma files), as Prisma's --schema: its
    /// folder's migrations/ are the migrations and `file:` URLs are relative to it
    /// [default: prisma.config.ts's schema, package.json's prisma.schema, ./prisma/schema.prisma]
    #[arg(long, global = true, value_name = "PATH")]
    pub schema: Option<PathBuf>,

    /// Directory of the migrations [env: MIGRATION_DIRECTORY] [default: ./migrations, else the
    /// Prisma schema's migrations/]
    #[arg(long, global = true, value_name = "DIR")]
    pub migrations_dir: Option<PathBuf>,

    /// Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Environment file of NAME=value lines, under the real environment [env: DBCTL_ENV_FILE]
    /// [default: ./.env and ./prisma/.env when present]
    #[arg(long, global = true, value_name = "FILE")]
    pub env_file: Option<PathBuf>,

    /// Profile: settings of the file's `[env.NAME]` table override its top level [env: DBCTL_ENV]
    #[arg(long = "env", global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path
    /// [env: DATABASE_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,

    /// Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub redis_url: Option<String>,

    /// How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]
    #[arg(long, global = true, value_name = "DURATION")]
    pub connect_timeout: Option<String>,

    /// Retry connecting until the servers accept connections, for at most DURATION [default: 60s]
    #[arg(long, global = true, value_name = "DURATION", num_args = 0..=1,
          require_equals = true, default_missing_value = "60s")]
    pub wait: Option<String>,

    /// How long a migration runner waits for another one to finish, and a restore for the locks
    /// other sessions hold on its target [default: 60s]
    #[arg(long, global = true, value_name = "DURATION", hide_short_help = true)]
    pub lock_timeout: Option<String>,

    /// Work on this configured server ([[servers]], REPLICATION_NODES) instead of DATABASE_URL's;
    /// `#N` is the N-th primary from 0, in the order --all-servers takes them (a Kubernetes
    /// Indexed Job's `#$(JOB_COMPLETION_INDEX)`)
    #[arg(long, global = true, value_name = "NAME", conflicts_with = "all_servers")]
    pub server: Option<String>,

    /// Every configured server, one after the other: backup and migrate --check take the
    /// primaries, health takes every server
    #[arg(long, global = true)]
    pub all_servers: bool,

    /// Print machine-readable JSON on stdout
    #[arg(long, global = true)]
    pub json: bool,

    /// Messages on stderr as text, or as one JSON object per line (time, level, event, message,
    /// fields) for log collectors, with each backup, restore and migration run's outcome and
    /// every command's exit code even under --quiet; `schedule run` logs its slots the same way
    /// on stdout
    #[arg(long, global = true, value_name = "FORMAT", value_enum)]
    pub log_format: Option<crate::values::LogFormat>,

    /// Print nothing but errors and problems (for cron)
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Explain what is being done, on stderr
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// Never color output (also when NO_COLOR is set)
    #[arg(long, global = true)]
    pub no_color: bool,
}

impl From<&GlobalArgs> for crate::settings::Overrides {
    fn from(g: &GlobalArgs) -> Self {
        Self {
            migrations_dir: g.migrations_dir.clone(),
            config: g.config.clone(),
            env_file: g.env_file.clone(),
            profile: g.profile.clone(),
            database_url: g.database_url.clone(),
            redis_url: g.redis_url.clone(),
            connect_timeout: g.connect_timeout.clone(),
            wait: g.wait.clone(),
            lock_timeout: g.lock_timeout.clone(),
            server: g.server.clone(),
            all_servers: g.all_servers,
            json: g.json,
            log_format: g.log_format,
            quiet: g.quiet,
            verbose: g.verbose,
            no_color: g.no_color,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Migrate(MigrateArgs),
    Seed(SeedArgs),
    Backup(BackupArgs),
    Restore(RestoreArgs),
    #[command(
        subcommand,
        after_long_help = "Examples:\n  dbctl cache stats                     memory, keys and hit rate of REDIS_URL's Redis\n  dbctl cache flush 'cache:*' --dry-run  how many keys match, removing none"
    )]
    Cache(CacheCommand),
    #[command(
        subcommand,
        after_long_help = "Examples:\n  dbctl schedule show                   the next run times of backup.schedule\n  dbctl schedule run --prune            a foreground scheduler\n  dbctl schedule install --systemd      a service and a timer to install"
    )]
    Schedule(ScheduleCommand),
    Health(HealthArgs),
    #[command(name = "studio-lite", visible_alias = "studio")]
    StudioLite(StudioArgs),
    #[command(
        subcommand,
        after_long_help = "Examples:\n  dbctl config show --changed           what is set, and where it came from\n  dbctl config check                    the config file, every profile and the environment"
    )]
    Config(ConfigCommand),
    #[command(
        subcommand,
        after_long_help = "Examples:\n  dbctl schema dump                     the schema the migrations make, as SQL"
    )]
    Schema(SchemaCommand),
    Maintain(MaintainArgs),
    #[command(
        subcommand,
        after_long_help = "Examples:\n  archive_command = 'dbctl -C /etc/dbctl/app --quiet wal push %p'\n  restore_command = 'dbctl -C /etc/dbctl/app wal fetch %f %p -i /etc/dbctl/key.txt'"
    )]
    Wal(WalCommand),
    #[command(
        subcommand,
        after_long_help = "Examples:\n  dbctl keys check                      which recipients each backup is encrypted to\n  dbctl keys check -i old-key.txt       which backups that identity opens"
    )]
    Keys(KeysCommand),
    Completions(CompletionsArgs),
}

/// The encryption keys of the backups.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Which recipients each backup is encrypted to, and which backups the configured recipients
    /// and the given identities open: what a lost or leaked key affects (from the manifests; no
    /// backup is read)
    #[command(after_long_help = "\
Examples:
  dbctl keys check                          each backup's recipients, and which are configured
  dbctl keys check -i old.key -i new.key    which backups each key opens, and which none does
  dbctl keys check --json")]
    Check {
        /// age identity file (private key, also an SSH private key); repeatable
        #[arg(short = 'i', long, value_name = "FILE")]
        identity: Vec<std::path::PathBuf>,
        /// Only this destination (local, s3, gcs)
        #[arg(long, value_name = "NAME")]
        destination: Option<crate::values::Destination>,
        /// Also the WAL archive: each archived file's recipients, from its record (one read per
        /// file)
        #[arg(long)]
        wal: bool,
    },
}

/// WAL archiving for point-in-time recovery, through the backup destinations: PostgreSQL's
/// archive_command and restore_command.
#[derive(Debug, Subcommand)]
pub enum WalCommand {
    /// Archive one WAL file to every destination, compressed and encrypted; as the server's
    /// archive_command. The same file pushed again succeeds; other content under its name fails
    #[command(after_long_help = "\
Examples:
  archive_mode = on                                        in postgresql.conf; %p is relative
  archive_command = '/usr/local/bin/dbctl -C /etc/dbctl/app --quiet wal push %p'
  dbctl wal push pg_wal/000000010000000000000003           by hand, from the data directory")]
    Push {
        /// The WAL file (PostgreSQL's %p)
        #[arg(value_name = "PATH")]
        path: std::path::PathBuf,
        /// Only this destination (local, s3, gcs)
        #[arg(long, value_name = "NAME")]
        destination: Option<crate::values::Destination>,
    },
    /// Fetch one WAL file from the first destination that has a copy that checks out; as the
    /// server's restore_command. Exit 1 when no destination has it
    #[command(after_long_help = "\
Examples:
  restore_command = '/usr/local/bin/dbctl -C /etc/dbctl/app --quiet wal fetch %f %p -i /etc/dbctl/app/wal.key'
                                    (what `restore --physical` writes into postgresql.auto.conf)
  dbctl wal fetch 000000010000000000000003 /tmp/seg -i wal.key")]
    Fetch {
        /// The WAL file's name (PostgreSQL's %f)
        #[arg(value_name = "NAME")]
        name: String,
        /// Where to write it (PostgreSQL's %p)
        #[arg(value_name = "PATH")]
        path: std::path::PathBuf,
        /// age identity file (private key) to decrypt with; repeatable
        #[arg(short = 'i', long, value_name = "FILE")]
        identity: Vec<std::path::PathBuf>,
        /// Only this destination (local, s3, gcs)
        #[arg(long, value_name = "NAME")]
        destination: Option<crate::values::Destination>,
    },
}

impl WalCommand {
    /// Makes the paths PostgreSQL gives (relative to the data directory) absolute, before `-C`
    /// changes the directory.
    pub fn anchor(&mut self, cwd: &std::path::Path) {
        match self {
            WalCommand::Push { path, .. } => *path = cwd.join(&*path),
            WalCommand::Fetch { path, identity, .. } => {
                *path = cwd.join(&*path);
                for i in identity.iter_mut() {
                    *i = cwd.join(&*i);
                }
            }
        }
    }
}

/// Routine maintenance: PostgreSQL's ANALYZE, VACUUM (ANALYZE) of tables with many dead rows and
/// REINDEX CONCURRENTLY of invalid indexes; SQLite's integrity_check, VACUUM when much of the file
/// is free, and PRAGMA optimize.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  dbctl maintain --dry-run      what would run, and why\n  dbctl maintain"
)]
pub struct MaintainArgs {
    /// List what would run and why; run nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// The schema the migrations make.
#[derive(Debug, Subcommand)]
pub enum SchemaCommand {
    /// Replay every migration into a shadow database and print its schema as normalised SQL
    /// (stable order; no comments, SET lines or owners), for review in pull requests.
    #[command(after_long_help = "\
Examples:
  dbctl schema dump                       to stdout
  dbctl schema dump db/schema.sql         written atomically; commit it with the migrations
  git diff --exit-code db/schema.sql      in CI, after `dbctl schema dump db/schema.sql`")]
    Dump(SchemaDumpArgs),
}

#[derive(Debug, Args)]
pub struct SchemaDumpArgs {
    /// Write the schema to FILE instead of stdout
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub shadow: ShadowArgs,
}

/// Where migrations are replayed (`migrate drift`, `schema dump`).
#[derive(Debug, Clone, Args)]
pub struct ShadowArgs {
    /// Replay the migrations into this database (its contents are replaced) instead of one made
    /// on the same server [env: DBCTL_SHADOW_URL]
    #[arg(long, value_name = "URL")]
    pub shadow_url: Option<String>,
}

/// Apply and manage migrations (diesel format: migrations/VERSION_NAME/up.sql, down.sql).
///
/// Without a subcommand, applies every pending migration in version order, each in its own
/// transaction with its bookkeeping rows, under a lock that keeps concurrent runners out. Keeps
/// diesel_cli's __diesel_schema_migrations exactly as diesel_cli does, plus a ledger of checksums.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(after_long_help = "\
Examples:
  dbctl migrate                         apply everything pending
  dbctl migrate --check                 CI: read-only, exit code says what is wrong
  dbctl migrate --dry-run               print the SQL that would run
  dbctl migrate status --json
  dbctl migrate new create_users
  dbctl migrate revert --steps 2
  dbctl --wait=2m migrate               in a deploy job that starts beside its database

Exit codes of --check: 0 up to date, 10 pending, 11 out of order, 12 edited, 13 missing,
14 last run failed, 15 drift (with --drift), 16 a lint error (with --lint); the highest applies
when several do; 1 the check itself failed, 2 usage or configuration error.")]
pub struct MigrateArgs {
    #[command(subcommand)]
    pub command: Option<MigrateCommand>,

    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Apply pending migrations (the default).
    #[command(after_long_help = "\
Examples:
  dbctl migrate run                     the same as `dbctl migrate`
  dbctl migrate run --check             CI: read-only, exit code says what is wrong
  dbctl migrate run --dry-run           print the SQL that would run")]
    Run(RunArgs),
    /// Show every migration and its state: applied, pending, out of order, edited, missing, unverified.
    #[command(
        after_long_help = "Examples:\n  dbctl migrate status\n  dbctl migrate status --json | jq '.migrations[] | select(.state != \"applied\")'"
    )]
    Status,
    /// Create a new migration directory with up.sql and down.sql.
    #[command(
        after_long_help = "Examples:\n  dbctl migrate new create_users\n  dbctl migrate new drop_legacy_table --no-down"
    )]
    New(NewArgs),
    /// Undo the most recently run migrations, in the order they actually ran.
    #[command(
        after_long_help = "Examples:\n  dbctl migrate revert\n  dbctl migrate revert --steps 3\n  dbctl migrate revert --to 20240127120000"
    )]
    Revert(RevertArgs),
    /// Revert and re-apply the most recently run migrations.
    #[command(after_long_help = "Examples:\n  dbctl migrate redo\n  dbctl migrate redo --steps 2")]
    Redo(RedoArgs),
    /// Revert every applied migration with its down.sql, then apply them all again.
    #[command(
        after_long_help = "Examples:\n  dbctl migrate reset            asks for confirmation on a terminal\n  dbctl migrate reset --yes"
    )]
    Reset(ResetArgs),
    /// Record migrations as applied without running them (adopting an existing database), and
    /// record checksums of migrations another tool applied.
    #[command(
        after_long_help = "Examples:\n  dbctl migrate baseline\n  dbctl migrate baseline --to 20240127120000"
    )]
    Baseline(BaselineArgs),
    /// Prisma folders: record a failed migration as rolled back (it runs again) or a migration
    /// as applied (finished by hand), as `prisma migrate resolve` does.
    #[command(
        after_long_help = "Examples:\n  dbctl migrate resolve --rolled-back 20240101120000_add_index\n  dbctl migrate resolve --applied 20240101120000_add_index"
    )]
    Resolve(ResolveArgs),
    /// Compare the live schema with what the applied migrations make (replayed into a shadow
    /// database): what is missing, unexpected or changed. Exit 15 when they differ.
    #[command(
        after_long_help = "Examples:\n  dbctl migrate drift\n  dbctl migrate drift --json\n  dbctl migrate drift --sql > repair.sql        for review; dbctl never runs it\n  dbctl migrate drift --shadow-url postgres://…/scratch"
    )]
    Drift(DriftArgs),
    /// What applying the pending migrations (or the ones named) would do to a database in use:
    /// locks that block writes or reads while a table is scanned or rewritten, statements that
    /// cannot run in dbctl's transaction, settings that leak into later migrations. Exit 16 on
    /// an error finding.
    #[command(after_long_help = "\
Examples:
  dbctl migrate lint                           the pending migrations (asks the database which)
  dbctl migrate lint --all                     every migration, without a database
  dbctl migrate lint 20260101120000_add_index --json
  dbctl migrate --check --lint                 CI: the check and the lint, one exit code

A finding is allowed in its migration with a comment `-- dbctl:allow RULE`, and everywhere with
migrations.lint_allow.")]
    Lint(LintArgs),
    /// Apply the pending migrations to a scratch copy of a real backup (the newest by default)
    /// with dbctl's runner, and report each one's time and the table locks it held, sampled from
    /// a second connection; the scratch copy is dropped after. Exit 17 when a lock that blocks
    /// writes on a table with rows was held longer than --max-lock.
    #[command(after_long_help = "\
Examples:
  dbctl migrate rehearse                              on the newest backup of this database
  dbctl migrate rehearse --from latest --max-lock 2s  the gate before a deploy job
  dbctl migrate rehearse --from 3f2a1c --json")]
    Rehearse(RehearseArgs),
}

#[derive(Debug, Clone, Args)]
pub struct DriftArgs {
    #[command(flatten)]
    pub shadow: ShadowArgs,

    /// Print the statements that would bring the database back to the migrations' schema, for a
    /// person to review (never run by dbctl)
    #[arg(long)]
    pub sql: bool,
}

#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct ResolveArgs {
    /// Record this migration as applied without running it
    #[arg(long, value_name = "NAME")]
    pub applied: Option<String>,
    /// Record this failed migration as rolled back, so that `migrate` runs it again
    #[arg(long, value_name = "NAME")]
    pub rolled_back: Option<String>,
}

#[derive(Debug, Clone, Default, Args)]
pub struct RunArgs {
    /// Stop after applying this version
    #[arg(long, value_name = "VERSION")]
    pub target: Option<String>,

    /// Print, in order, the SQL that would run; change nothing
    #[arg(long, conflicts_with = "check")]
    pub dry_run: bool,

    /// CI mode: analyse without writing anything; the exit code names the worst finding
    #[arg(long)]
    pub check: bool,

    /// With --check: also compare the schema with the migrations' (`migrate drift`); exit 15 on drift
    #[arg(long, requires = "check")]
    pub drift: bool,

    /// With --check: also lint the pending migrations (`migrate lint`); exit 16 on an error finding
    #[arg(long, requires = "check")]
    pub lint: bool,

    /// Accept edited applied migrations: record their new checksums and carry on
    #[arg(long)]
    pub allow_edited: bool,

    /// Take a backup (tagged pre-migrate) first when something is pending; no migration runs if
    /// it fails [setting: migrations.backup_first]
    #[arg(long)]
    pub backup_first: bool,
}

#[derive(Debug, Args)]
pub struct RehearseArgs {
    /// The backup to rehearse on: an id, `latest`, a file, or s3://bucket/key
    #[arg(long, value_name = "BACKUP", default_value = "latest")]
    pub from: String,

    /// Rehearse in this PostgreSQL database (emptied before and after) instead of one made on the
    /// configured server [env: DBCTL_SHADOW_URL]
    #[arg(long, value_name = "URL")]
    pub shadow_url: Option<String>,

    /// Fail (exit 17) when a migration holds a lock that blocks writes on a table with rows longer
    /// than this, e.g. 2s
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub max_lock: Option<std::time::Duration>,

    /// age identity file (private key) to decrypt the backup with; repeatable
    #[arg(long, short, value_name = "FILE")]
    pub identity: Vec<std::path::PathBuf>,

    /// Accept an unencrypted backup although encryption is configured
    #[arg(long)]
    pub allow_unencrypted: bool,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// The migrations to lint (directory names or versions) [default: the pending ones]
    pub names: Vec<String>,

    /// Every migration of the directory (no database needed)
    #[arg(long, conflicts_with = "names")]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Name of the migration: letters, digits and underscores
    pub name: String,

    /// Create no down.sql (an irreversible migration)
    #[arg(long)]
    pub no_down: bool,
}

#[derive(Debug, Args)]
pub struct RevertArgs {
    /// How many migrations to revert
    #[arg(long, default_value_t = 1, conflicts_with = "to")]
    pub steps: usize,

    /// Revert every migration that ran after VERSION (VERSION stays applied)
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,

    /// Confirm in a protected profile (down.sql usually drops data)
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct RedoArgs {
    /// How many migrations to redo
    #[arg(long, default_value_t = 1)]
    pub steps: usize,

    /// Confirm in a protected profile (down.sql usually drops data)
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not ask for confirmation (required in a protected profile)
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Record migrations up to and including VERSION only
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,
}

/// Load seed data: seeds/common/, then seeds/<env>/ for the active profile (--env / DBCTL_ENV).
///
/// Files run in file-name order, all in one transaction: *.sql as written, *.csv into the table
/// the file is named after (020_labels.csv loads labels; 020_app.labels.csv loads app.labels),
/// header row = column names, empty field = NULL. CSV rows whose key exists already are skipped,
/// so seeding again changes nothing. Any failure rolls everything back and names the file and the
/// line or record.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  dbctl seed                            system data (seeds/common)
  dbctl --env dev seed                  system data, then the demo data of seeds/dev
  dbctl --env dev seed --dry-run        what would run, with row counts
  dbctl seed --only 020_labels --json
  dbctl --env dev seed --reset          empty the seeded tables first")]
pub struct SeedArgs {
    /// Run only this file (name, name without extension, or table); repeatable
    #[arg(long, value_name = "NAME")]
    pub only: Vec<String>,

    /// List what would run, with the row count of each CSV file; change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Empty the tables the seed files load before loading them
    #[arg(long)]
    pub reset: bool,

    /// Confirm --reset in a protected profile
    #[arg(long, short)]
    pub yes: bool,

    /// Seed even when migrations are pending
    #[arg(long)]
    pub no_migration_check: bool,
}

/// Back up the database: dump, compress, encrypt and store, streamed; the manifest is written last.
///
/// PostgreSQL is dumped by pg_dump (the newest installed that fits the server; plain SQL by
/// default, or custom format); SQLite by a consistent snapshot. The stream is compressed (gzip by
/// default, or zstd, or none) and encrypted with age when recipients or a passphrase are set, then
/// stored in the local backup directory under a temporary name and renamed into place once
/// complete. A backup without its manifest is not a backup.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(after_long_help = "\
Examples:
  dbctl backup                                  with BACKUP_ENCRYPTION_KEY=age1… set
  dbctl backup --recipient age1… --compression zstd
  dbctl backup list
  dbctl backup verify latest --identity ~/.config/age/backup.key
  dbctl backup --physical                       a base backup of the cluster, for point-in-time recovery
  dbctl backup verify --wal                     the WAL archive has no gap
  age -d -i key.txt app-….sql.gz.age | gunzip | psql …     restore with the stock tools")]
pub struct BackupArgs {
    #[command(subcommand)]
    pub command: Option<BackupCommand>,

    /// Work on this destination alone (local, s3 or gcs) instead of every configured one
    #[arg(long, global = true, value_name = "NAME", value_enum)]
    pub destination: Option<crate::values::Destination>,

    #[command(flatten)]
    pub create: CreateBackupArgs,
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Make a backup (the default).
    #[command(after_long_help = "\
Examples:
  dbctl backup create                           the same as `dbctl backup`
  dbctl backup create --compression zstd --recipient age1…")]
    Create(CreateBackupArgs),
    /// List the backups that have a manifest, oldest first.
    #[command(after_long_help = "Examples:\n  dbctl backup list\n  dbctl backup list --json")]
    List,
    /// Re-read stored backups and check their size and sha256; with the key, also decrypt and
    /// decompress to the end.
    #[command(
        after_long_help = "Examples:\n  dbctl backup verify latest\n  dbctl backup verify --all --identity key.txt\n  dbctl backup verify --wal"
    )]
    Verify(VerifyArgs),
    /// Remove the backups of this database that the retention policy no longer keeps; with
    /// --orphans, what interrupted runs left behind
    #[command(after_long_help = "\
Examples:
  dbctl backup prune --dry-run                     show keep or remove, and the rule, for each backup
  dbctl backup prune                               apply [backup.retention] / BACKUP_RETENTION_DAYS
  dbctl backup prune --keep-daily 7 --keep-weekly 4 --keep-monthly 12
  dbctl backup prune --orphans --grace 6h          temporary files and unfinished uploads")]
    Prune(PruneArgs),
    /// Re-encrypt backups to new recipients without decrypting their payload: each age header
    /// is rewritten (the file key unwrapped with the old identity, wrapped to the new
    /// recipients), the payload copied as it is, the manifest updated last. Local backups
    #[command(after_long_help = "\
Examples:
  dbctl backup rekey --all -i old.key --recipient age1new…       every backup, after a key change
  dbctl backup rekey 1a2b3c -i old.key --recipient age1a… --recipient age1b…")]
    Rekey(RekeyArgs),
}

/// Retention rules given on the command line; each replaces the configured one.
#[derive(Debug, Clone, Default, Args)]
pub struct RetentionArgs {
    /// Keep the N newest backups
    #[arg(long, value_name = "N")]
    pub keep_last: Option<u32>,
    /// Keep every backup this recent, counted from the newest one (e.g. 14d)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub keep_within: Option<std::time::Duration>,
    /// Keep the newest backup of each of the last N hours that have one
    #[arg(long, value_name = "N")]
    pub keep_hourly: Option<u32>,
    /// Keep the newest backup of each of the last N days that have one
    #[arg(long, value_name = "N")]
    pub keep_daily: Option<u32>,
    /// Keep the newest backup of each of the last N ISO weeks that have one
    #[arg(long, value_name = "N")]
    pub keep_weekly: Option<u32>,
    /// Keep the newest backup of each of the last N months that have one
    #[arg(long, value_name = "N")]
    pub keep_monthly: Option<u32>,
    /// Keep the newest backup of each of the last N years that have one
    #[arg(long, value_name = "N")]
    pub keep_yearly: Option<u32>,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Show what would be kept and removed, and why, without removing anything
    #[arg(long)]
    pub dry_run: bool,

    /// Remove what interrupted runs left (temporary files, unfinished multipart uploads, backup
    /// files whose manifest is missing) instead of applying the retention policy
    #[arg(long)]
    pub orphans: bool,

    /// With --orphans: leave anything younger than this alone (a backup may be running)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "24h", requires = "orphans")]
    pub grace: std::time::Duration,

    #[command(flatten)]
    pub rules: RetentionArgs,
}

#[derive(Debug, Clone, Default, Args)]
pub struct CreateBackupArgs {
    /// pg_dump format: plain (restore with psql) or custom (restore with pg_restore) [default: plain]
    #[arg(long, value_name = "FORMAT", value_enum)]
    pub format: Option<crate::values::DumpFormat>,

    /// gzip, zstd or none [env: BACKUP_COMPRESSION] [default: gzip]
    #[arg(long, value_name = "KIND", value_enum)]
    pub compression: Option<crate::values::Compression>,

    /// Compression level: gzip 0-9, zstd 1-19
    #[arg(long, value_name = "N")]
    pub level: Option<i32>,

    /// Encrypt to this age recipient (age1… or an SSH public key); repeatable
    #[arg(long, value_name = "RECIPIENT")]
    pub recipient: Vec<String>,

    /// Store without encryption, whatever the configuration says
    #[arg(long, conflicts_with = "recipient")]
    pub no_encryption: bool,

    /// Also store roles and tablespaces (pg_dumpall --globals-only) as a second part (PostgreSQL)
    #[arg(long)]
    pub globals: bool,

    /// After a successful backup, apply the retention policy (as `dbctl backup prune` does)
    #[arg(long)]
    pub prune: bool,

    /// Back up REDIS_URL's Redis instead of the database: an RDB snapshot taken over the
    /// replication protocol (as `redis-cli --rdb -`)
    #[arg(long, conflicts_with_all = ["dump_command", "all_databases", "globals", "format"])]
    pub redis: bool,

    /// Back up the output of backup.dump_command (another engine's dump, e.g. `mongodump
    /// --archive`) instead of the database
    #[arg(long, conflicts_with_all = ["all_databases", "globals", "format"])]
    pub dump_command: bool,

    /// Every database of the server (those that accept connections; templates skipped), one
    /// backup each, plus the server's globals once; or, given a directory, every SQLite file in it
    /// (*.sqlite3, *.sqlite, *.db)
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "")]
    pub all_databases: Option<String>,

    /// With --all-databases or --all-servers: skip the databases whose name matches PATTERN (* and
    /// ?); repeatable
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,

    /// One PostgreSQL database: N pg_dump processes from one snapshot, a plain dump in several
    /// parts (backup.jobs); with --all-databases or --all-servers: N databases at once [default: 1]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
    pub jobs: Option<u32>,

    /// A base backup of the whole PostgreSQL cluster (pg_basebackup) for point-in-time recovery;
    /// its WAL comes from the archive (`dbctl wal push` as archive_command), which must be on
    #[arg(long, conflicts_with_all = ["redis", "dump_command", "all_databases", "globals", "format", "jobs"])]
    pub physical: bool,
}

/// `backup rekey`: which backups, the old key, the new recipients.
#[derive(Debug, Args)]
pub struct RekeyArgs {
    /// Backups by id (or file name); `latest` the newest
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub backups: Vec<String>,
    /// Every backup in the destination whose key the identities open
    #[arg(long)]
    pub all: bool,
    /// age identity file (private key) that opens them now; repeatable
    #[arg(long, short, value_name = "FILE", required = true)]
    pub identity: Vec<std::path::PathBuf>,
    /// New age recipient (age1…, or an SSH public key); repeatable
    #[arg(long, value_name = "RECIPIENT", required = true)]
    pub recipient: Vec<String>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A backup: its id, its file name, or `latest`
    #[arg(conflicts_with = "all")]
    pub backup: Option<String>,

    /// Verify every backup
    #[arg(long)]
    pub all: bool,

    /// age identity file (private key) to decrypt with; repeatable
    #[arg(long, short, value_name = "FILE")]
    pub identity: Vec<std::path::PathBuf>,

    /// Also restore the backup into a scratch database (created, then dropped) and compare
    /// every table's row count with the backup's
    #[arg(long, conflicts_with = "all")]
    pub restore_test: bool,

    /// Check the WAL archive instead: from the oldest base backup's start to the newest archived
    /// segment, no segment missing and no file half stored (listings only, no key needed)
    #[arg(long, conflicts_with_all = ["backup", "all", "restore_test", "identity"])]
    pub wal: bool,
}

/// Restore a backup: from its manifest (an id, `latest`), a file, or s3://bucket/key.
///
/// The stored bytes are decrypted (age), decompressed (gzip, zstd) and recognised by content:
/// files made by `pg_dump | gzip | age` restore too. PostgreSQL dumps are loaded by dbctl itself
/// through libpq, one statement at a time, never through psql (custom archives through
/// pg_restore's SQL first) in one transaction that commits only after the
/// stored bytes' sha256 and age's authentication checked out; SQLite files replace the target
/// atomically. A non-empty target is refused unless --clean, and a safety backup of it is taken
/// first.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  dbctl restore                                  the newest backup of this database, into it
  dbctl restore latest --clean -i key.txt        replace what is there (a safety backup first)
  dbctl restore 1a2b3c --to postgres://…/staging --create
  dbctl restore ./app.sql.gz.age -i key.txt      a file made by pg_dump | gzip | age
  dbctl restore s3://bucket/backups/app-….sql.gz.age --list
  dbctl restore --physical latest --pgdata /srv/pg/new --target-time '2026-12-06 10:42:13+00' -i key.txt --start 5433")]
pub struct RestoreArgs {
    /// What to restore: a backup id, its file name, `latest`, a path, or s3://bucket/key
    #[arg(default_value = "latest")]
    pub backup: String,

    /// Read the backup from this destination (local, s3 or gcs) instead of the first that has it
    #[arg(long, value_name = "NAME", value_enum)]
    pub destination: Option<crate::values::Destination>,

    /// age identity file (private key, also an SSH private key); repeatable
    #[arg(long, short, value_name = "FILE")]
    pub identity: Vec<std::path::PathBuf>,

    /// Restore into this database instead of the configured one
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,

    /// Create the target database (or SQLite file) when it does not exist
    #[arg(long)]
    pub create: bool,

    /// Replace a non-empty target: drop its schemas (PostgreSQL) or replace the file (SQLite)
    #[arg(long)]
    pub clean: bool,

    /// Confirm a destructive restore (required in a protected profile; skips the question)
    #[arg(long, short)]
    pub yes: bool,

    /// Do not back up a non-empty target before replacing it
    #[arg(long)]
    pub no_safety_backup: bool,

    /// Restore an unencrypted file although encryption is configured (where backups are always
    /// encrypted, an unencrypted one was not made by dbctl with this configuration)
    #[arg(long)]
    pub allow_unencrypted: bool,

    /// Show what the backup contains (tables, rows, sizes) and check it, without restoring
    #[arg(long)]
    pub list: bool,

    /// After a successful restore, remove the Redis keys matching this pattern (SCAN + UNLINK);
    /// repeatable
    #[arg(long, value_name = "PATTERN")]
    pub flush_redis: Vec<String>,

    /// Load with N connections into a new database that replaces the target once complete: a
    /// dump in parts (`backup --jobs`) part by part, a custom archive with pg_restore (decoded
    /// to a private temporary file first)
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
    pub jobs: Option<u32>,

    /// Restore a newer PostgreSQL's dump into an older server (settings the target does not know
    /// are left out)
    #[arg(long)]
    pub force: bool,

    /// Leave out the dump's ownership (ALTER … OWNER TO, SET SESSION AUTHORIZATION): the objects
    /// belong to the role restoring them
    #[arg(long)]
    pub no_owner: bool,

    /// Leave out the dump's privileges (GRANT, REVOKE, ALTER DEFAULT PRIVILEGES)
    #[arg(long)]
    pub no_acl: bool,

    /// First create the roles and tablespaces of the backup's globals part (made with `backup
    /// --globals` or --all-databases) that the target server lacks; existing ones are kept
    #[arg(long)]
    pub globals: bool,

    /// Give what role OLD owned or was granted to role NEW instead; repeatable
    #[arg(long, value_name = "OLD=NEW", value_parser = crate::values::parse_role_map)]
    pub role_map: Vec<(String, String)>,

    /// Point-in-time recovery: write a base backup (`backup --physical`) as a new data
    /// directory (--pgdata) that recovers from the WAL archive up to a target (`latest`: the
    /// newest base backup that ended before it)
    #[arg(
        long,
        requires = "pgdata",
        conflicts_with_all = ["to", "create", "list", "flush_redis", "jobs", "globals", "role_map", "no_owner", "no_acl", "no_safety_backup", "force"]
    )]
    pub physical: bool,

    /// With --physical: the data directory to write (new or empty; --clean empties a data
    /// directory no server runs on)
    #[arg(long, value_name = "DIR", requires = "physical")]
    pub pgdata: Option<std::path::PathBuf>,

    /// With --physical: recover up to this time, with its offset ('2026-12-06 10:42:13+00')
    /// [default: the end of the archived WAL]
    #[arg(long, value_name = "TIME", requires = "physical", conflicts_with_all = ["target_lsn", "target_xid", "target_name"])]
    pub target_time: Option<String>,

    /// With --physical: recover up to this WAL position (0/3000028)
    #[arg(long, value_name = "LSN", requires = "physical", conflicts_with_all = ["target_xid", "target_name"])]
    pub target_lsn: Option<String>,

    /// With --physical: recover up to this transaction's commit
    #[arg(long, value_name = "XID", requires = "physical", conflicts_with = "target_name")]
    pub target_xid: Option<String>,

    /// With --physical: recover up to this restore point (pg_create_restore_point)
    #[arg(long, value_name = "NAME", requires = "physical")]
    pub target_name: Option<String>,

    /// With --physical: start the restored server on 127.0.0.1:PORT, wait until it has
    /// recovered, and say to what time
    #[arg(long, value_name = "PORT", requires = "physical")]
    pub start: Option<u16>,

    /// With --physical: keep WAL archiving on in the restored server (off by default, so that a
    /// copy never adds a timeline to the archive it came from)
    #[arg(long, requires = "physical")]
    pub archive: bool,
}

/// Browse and query the database in a local web UI: tables, keyset-paged rows, schema, a
/// read-only SQL console, CSV/JSON export.
///
/// Prints a URL with a random access token; every request needs it (a cookie set on the first
/// visit). Read-only unless --write, enforced by the database connection itself.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  dbctl studio-lite                     http://127.0.0.1:5555/?token=…
  dbctl studio --open                   and start the browser
  dbctl studio-lite --port 0            any free port
  dbctl studio-lite --write             allow editing, inserting and deleting single rows")]
pub struct StudioArgs {
    /// Port to listen on (studio.port; 0 picks a free one)
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,
    /// Address to listen on (studio.bind); anything but loopback exposes the database
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<std::net::IpAddr>,
    /// Allow editing, inserting and deleting rows by primary key, each in its own transaction
    #[arg(long)]
    pub write: bool,
    /// Open the URL in the browser ($BROWSER, else xdg-open / open)
    #[arg(long)]
    pub open: bool,
    /// Keep the SQL console on although the role may run programs or read files on the database
    /// server (a superuser, pg_execute_server_program, pg_read/write_server_files)
    #[arg(long)]
    pub allow_superuser: bool,
    /// Also answer to this host name (with --bind on a non-loopback address); repeatable
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// The SQL console stops a statement after this long (studio.statement_timeout)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub statement_timeout: Option<Duration>,
    /// The SQL console shows at most this many rows (studio.row_cap)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub row_cap: Option<u64>,
}

/// Backups on the schedule of `backup.schedule` (BACKUP_SCHEDULE): show it, run it in the
/// foreground, or print a crontab line or systemd units for it.
#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// The next run times, in the schedule's time zone
    #[command(after_long_help = "Examples:\n  dbctl schedule show\n  \
        BACKUP_SCHEDULE='0 2 * * *' dbctl schedule show -n 3 --json\n  \
        BACKUP_SCHEDULE_TIMEZONE=Europe/Berlin dbctl schedule show --from 2027-03-27")]
    Show {
        /// How many run times
        #[arg(long, short = 'n', default_value_t = 5, value_name = "N")]
        count: usize,
        /// The run times after this instant instead of now: RFC 3339 (2027-03-27T12:00:00Z) or a
        /// date (midnight UTC)
        #[arg(long, value_name = "TIME", value_parser = parse_instant)]
        from: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Run the schedule in the foreground (containers, hosts without cron): a backup at each slot,
    /// never two at once; SIGTERM stops it cleanly
    #[command(after_long_help = "\
Examples:
  dbctl schedule run --prune
  dbctl schedule run --prune --verify --jitter 5m
  dbctl schedule run --prune --serve 0.0.0.0:9187     # probes for a container
  dbctl schedule run --once --prune                   # one slot, as a CronJob runs it
  BACKUP_SCHEDULE='@every 6h' dbctl schedule run")]
    Run(ScheduleRunArgs),
    /// Print crontab lines, systemd services and timers, or Kubernetes manifests that run the
    /// backups (and the maintenance, with maintain.schedule)
    #[command(after_long_help = "\
Examples:
  dbctl schedule install --cron --user backup >> /etc/cron.d/dbctl
  dbctl schedule install --cron                # for crontab -e
  dbctl schedule install --systemd --user backup
  dbctl schedule install --kubernetes --namespace shop > dbctl.yaml
  dbctl --all-servers schedule install --kubernetes --indexed --parallelism 2
  dbctl schedule install --kubernetes --deployment")]
    Install {
        /// A crontab line (for crontab -e, or /etc/cron.d with --user)
        #[arg(long, conflicts_with_all = ["systemd", "kubernetes"], required_unless_present_any = ["systemd", "kubernetes"])]
        cron: bool,
        /// A systemd service and timer pair
        #[arg(long, conflicts_with = "kubernetes")]
        systemd: bool,
        /// Kubernetes manifests: a CronJob per schedule (with --all-servers, per server, or
        /// with --indexed one Indexed Job across them), or with --deployment a scheduler
        #[arg(long)]
        kubernetes: bool,
        /// With --kubernetes: the namespace of every object [default: kubectl's current one]
        #[arg(long, value_name = "NS", requires = "kubernetes")]
        namespace: Option<String>,
        /// With --kubernetes: the image [default: dbctl:<this version>, built from Containerfile]
        #[arg(long, value_name = "IMAGE", requires = "kubernetes")]
        image: Option<String>,
        /// With --kubernetes: the objects' name prefix
        #[arg(long, value_name = "NAME", requires = "kubernetes", default_value = "dbctl")]
        name: String,
        /// With --kubernetes --all-servers: one Indexed Job per schedule, each pod backing up the
        /// server of its completion index, instead of a CronJob per server
        #[arg(long, requires = "kubernetes")]
        indexed: bool,
        /// With --indexed: how many servers' pods run at once
        #[arg(long, value_name = "N", requires = "indexed", default_value_t = 1,
              value_parser = clap::value_parser!(u16).range(1..))]
        parallelism: u16,
        /// With --kubernetes: a Deployment running `schedule run` (its probes on /healthz and
        /// /readyz, /metrics for Prometheus) instead of CronJobs
        #[arg(long, requires = "kubernetes", conflicts_with = "indexed")]
        deployment: bool,
        /// The user the backups run as (the user field of /etc/cron.d, or User= for systemd)
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// The job reads no environment file (every setting is in the config file); without it,
        /// the job reads --env-file (default /etc/dbctl/env; mode 0600), and a missing one fails
        /// the job loudly
        #[arg(long)]
        no_env_file: bool,
    },
}

#[derive(Debug, Args)]
pub struct ScheduleRunArgs {
    /// Back up the latest slot (at or before now) unless its backup was made already, then exit:
    /// 0 when made or made before, 1 when it failed (what a Kubernetes CronJob runs, so that a
    /// second Job or a retry for one slot makes one backup)
    #[arg(long, conflicts_with_all = ["serve", "jitter"])]
    pub once: bool,
    /// Apply the retention policy after each successful backup
    #[arg(long)]
    pub prune: bool,
    /// Verify each new backup (size and sha256) after it is made
    #[arg(long)]
    pub verify: bool,
    /// Wait a random time up to this long after each slot (spreads hosts out)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub jitter: Option<std::time::Duration>,
    /// Also serve /healthz, /readyz, /metrics and /health on ADDR (HOST:PORT, or :PORT for
    /// loopback), as `health --serve` does: a container's probes beside its scheduler
    #[arg(long, value_name = "ADDR")]
    pub serve: Option<String>,
    /// With --serve: run the checks at most once per DURATION [default: 10s]
    #[arg(long, value_name = "DURATION", requires = "serve", value_parser = parse_duration)]
    pub cache_for: Option<std::time::Duration>,

    /// With --serve: also answer to this host name (a load balancer's or Prometheus target's
    /// DNS name); repeatable [also health.allow_hosts]
    #[arg(long, value_name = "NAME", requires = "serve")]
    pub allow_host: Vec<String>,
}

/// The application's Redis cache: remove keys by pattern, or show its numbers.
#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Remove the keys matching each PATTERN (SCAN + UNLINK, never KEYS)
    #[command(
        after_long_help = "Examples:\n  dbctl cache flush 'cache:*'\n  dbctl cache flush 'session:*' 'views:*' --dry-run"
    )]
    Flush(CacheFlushArgs),
    /// Keys, memory, hit rate and evictions
    #[command(after_long_help = "Examples:\n  dbctl cache stats\n  dbctl cache stats --json")]
    Stats,
}

#[derive(Debug, Args)]
pub struct CacheFlushArgs {
    /// Glob-style patterns, as Redis SCAN MATCH takes them
    #[arg(required = true, value_name = "PATTERN")]
    pub patterns: Vec<String>,

    /// Count the matching keys without removing them
    #[arg(long)]
    pub dry_run: bool,

    /// Confirm, in a protected profile
    #[arg(long)]
    pub yes: bool,
}

/// Check the database, Redis and their vital signs; exit with the worst status.
///
/// Each check reports ok, warning, critical or unknown, with the value it measured and the threshold
/// that judged it. Thresholds live in the `[health]` table of dbctl.toml.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  dbctl health
  dbctl health --json | jq .status
  dbctl health --format prometheus --output /var/lib/node_exporter/textfile/dbctl.prom
  dbctl health --wait=2m                      in a container that starts beside its database

Exit codes (Nagios convention): 0 ok, 1 warning, 2 critical, 3 unknown.")]
pub struct HealthArgs {
    /// Output format [default: human, or json with --json]
    #[arg(long, value_enum)]
    pub format: Option<HealthFormat>,

    /// The human table at its full width: DETAIL on one line, however long (by default the
    /// table fits 100 columns, DETAIL wrapped)
    #[arg(long)]
    pub wide: bool,

    /// Write the report to FILE atomically (temporary file, then rename) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Serve /healthz, /readyz, /metrics and /health over HTTP on ADDR (HOST:PORT, or :PORT for
    /// loopback) until stopped
    #[arg(long, value_name = "ADDR", conflicts_with_all = ["format", "output"])]
    pub serve: Option<String>,

    /// With --serve: run the checks at most once per DURATION [default: 10s]
    #[arg(long, value_name = "DURATION", requires = "serve", value_parser = parse_duration)]
    pub cache_for: Option<std::time::Duration>,

    /// With --serve: also answer to this host name (a load balancer's or Prometheus target's
    /// DNS name); repeatable [also health.allow_hosts]
    #[arg(long, value_name = "NAME", requires = "serve")]
    pub allow_host: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HealthFormat {
    /// A table for people
    Human,
    /// One JSON document
    Json,
    /// Prometheus text exposition format, for node-exporter's textfile collector
    Prometheus,
}

/// Show or check the effective configuration.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every setting with its value and where it came from; secrets are redacted.
    #[command(after_long_help = "\
Examples:
  dbctl config show
  dbctl config show --changed                   only what differs from the defaults
  dbctl --env production config show --json")]
    Show {
        /// Only the settings that are set (by the config file, the environment or a flag), not
        /// the defaults
        #[arg(long)]
        changed: bool,
    },
    /// Validate the configuration file (every profile) and the environment; exit 2 on error.
    #[command(after_long_help = "\
Examples:
  dbctl config check
  dbctl --config deploy/dbctl.toml config check")]
    Check,
}

/// Print a shell completion script.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  dbctl completions bash > ~/.local/share/bash-completion/completions/dbctl
  dbctl completions zsh > ~/.zfunc/_dbctl
  dbctl completions fish > ~/.config/fish/completions/dbctl.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The clap command, for completions and the man page.
pub fn command() -> clap::Command {
    Cli::command()
}

fn parse_instant(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(t.to_utc());
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc())
        .map_err(|_| format!("`{text}` is neither RFC 3339 (2027-03-27T12:00:00Z) nor a date (2027-03-27)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        command().debug_assert();
    }
}
