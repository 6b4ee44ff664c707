//! Every setting dbctl knows: its key in dbctl.toml, its environment names, its flag, its type and
//! its default, its explanation. `config show`, `config check`, the unknown-key check, the
//! configuration reference and `config.example.toml` (both generated: `super::reference`) all read
//! this one table.

/// How a setting's text is checked, parsed and shown.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A database URL (postgres://, postgresql://, sqlite://, sqlite::memory:, mongodb:// or a
    /// path); its password is redacted.
    DatabaseUrl,
    /// A Redis URL; its password is redacted.
    RedisUrl,
    /// An http(s) URL without secrets.
    HttpUrl,
    /// A storage endpoint: https, or http on this host (an emulator).
    EndpointUrl,
    /// An http(s) URL that is itself a secret (a ping URL's token): never shown.
    SecretUrl,
    /// Never shown: only whether it is set.
    Secret,
    /// Free text.
    Text,
    /// A file system path.
    Path,
    /// A directory, or true (the default one) / false (off).
    LocalDir,
    /// true / false (also yes/no, on/off, 1/0).
    Bool,
    /// A whole number ≥ 1.
    Count,
    /// A whole number ≥ 0.
    Number,
    /// A number of bytes ≥ 0.
    Bytes,
    /// A size with a unit: 500MiB, 64GiB.
    Size,
    /// A duration such as 500ms, 30s, 5m.
    Duration,
    /// A percentage 0–100.
    Percent,
    /// A TCP port.
    Port,
    /// An IP address.
    IpAddr,
    /// One of the listed words (or their aliases).
    OneOf(&'static Choices),
    /// A crontab expression.
    Schedule,
    /// An IANA time zone.
    TimeZone,
    /// An S3 bucket name.
    Bucket,
    /// A GCS bucket name.
    GcsBucket,
    /// A backup name: letters, digits, `.`, `_`, `-`.
    BackupName,
    /// A dump's name: letters, digits, `_`, `-`.
    DumpName,
}

impl Kind {
    /// Whether `text` is a value of this kind: the error says why not and how to write one.
    pub fn check(self, text: &str) -> Result<(), String> {
        use crate::values as v;
        match self {
            Kind::DatabaseUrl => crate::db::DbTarget::parse(text, std::path::Path::new(".")).map(drop),
            Kind::RedisUrl => v::parse_redis_url(text).map(drop),
            Kind::HttpUrl | Kind::SecretUrl => v::parse_http_url(text).map(drop),
            Kind::EndpointUrl => v::parse_endpoint_url(text).map(drop),
            Kind::Secret | Kind::Text | Kind::Path | Kind::LocalDir => Ok(()),
            Kind::Bool => v::parse_bool(text).map(drop),
            Kind::Count => v::parse_count(text, 1).map(drop),
            Kind::Number => v::parse_count(text, 0).map(drop),
            Kind::Bytes => v::parse_bytes_number(text).map(drop),
            Kind::Size => v::parse_size(text).map(drop),
            Kind::Duration => v::parse_duration(text).map(drop),
            Kind::Percent => v::parse_percent(text).map(drop),
            Kind::Port => v::parse_port(text).map(drop),
            Kind::IpAddr => v::parse_ip(text).map(drop),
            Kind::OneOf(choices) => choices.pick(text).map(drop),
            Kind::Schedule => crate::crontab::Schedule::parse(text).map(drop),
            Kind::TimeZone => crate::crontab::parse_zone(text).map(drop),
            Kind::Bucket => v::parse_bucket(text).map(drop),
            Kind::GcsBucket => v::parse_gcs_bucket(text).map(drop),
            Kind::BackupName => v::parse_backup_name(text).map(drop),
            Kind::DumpName => v::parse_dump_name(text).map(drop),
        }
    }

    /// The accepted words, for a key that takes one of them.
    pub fn choices(self) -> Option<&'static [&'static str]> {
        match self {
            Kind::OneOf(c) => Some(c.names),
            _ => None,
        }
    }
}

/// One setting.
#[derive(Debug)]
pub struct Key {
    /// Dotted path in dbctl.toml, e.g. `database.url`.
    pub name: &'static str,
    /// Environment variables read for it, first found wins.
    pub env: &'static [&'static str],
    /// The flag that sets it, if any.
    pub flag: Option<&'static str>,
    pub kind: Kind,
    pub default: Option<&'static str>,
    /// One line: the configuration reference's and `config show`'s.
    pub doc: &'static str,
    /// The whole explanation, written above the key in `config.example.toml` (empty: `doc`).
    pub long: &'static str,
    /// A value worth showing where the key has no default (commented out in the example file).
    pub example: Option<&'static str>,
}

use crate::values::{
    BackupEngine, Choice, Choices, Compression, DumpFormat, DumpFrom, EncryptionMode, LockKind,
    MigrationFormat, ObjectLockMode, ServerSideEncryption,
};

macro_rules! key {
    (@or) => { "" };
    (@or $text:literal) => { $text };
    (@some) => { None };
    (@some $text:literal) => { Some($text) };
    ($name:literal, [$($env:literal),*], $flag:expr, $kind:expr, $default:expr, $doc:literal
        $(, long = $long:literal)? $(, example = $example:literal)? $(,)?) => {
        Key {
            name: $name,
            env: &[$($env),*],
            flag: $flag,
            kind: $kind,
            default: $default,
            doc: $doc,
            long: key!(@or $($long)?),
            example: key!(@some $($example)?),
        }
    };
}

/// Every key, in the order `config show` prints them.
pub const KEYS: &[Key] = &[
    key!(
        "protected",
        [],
        None,
        Kind::Bool,
        Some("false"),
        "Destructive commands refuse to run without --yes (set it in a production profile)",
        long = "Destructive commands (reset, restore --clean, seed --reset) refuse to run without --yes. Usually set only in a production profile, as [env.production] below."
    ),
    key!(
        "database.url",
        ["DATABASE_URL"],
        Some("--database-url"),
        Kind::DatabaseUrl,
        None,
        "Database URL; unset means the embedded SQLite file ./dbctl.sqlite3",
        long = "Database URL: postgres://USER:PASSWORD@HOST:PORT/DB?sslmode=require (every libpq parameter works), sqlite://PATH, sqlite::memory:, or a plain SQLite file path. A configured SQLite file is created only by `dbctl migrate`; unset means the embedded SQLite file ./dbctl.sqlite3, created on first use. In a Prisma project, the datasource's url (prisma.config.ts or schema.prisma, e.g. env(\"POSTGRES_PRISMA_URL\")) is used when nothing else sets it. The password is a secret: prefer the environment."
    ),
    key!(
        "database.direct_url",
        ["DBCTL_DIRECT_URL"],
        None,
        Kind::DatabaseUrl,
        None,
        "A direct connection (Prisma's directUrl) for everything dbctl does, when DATABASE_URL goes through a pooler such as PgBouncer",
        long = "A direct connection used in place of a pooled url (PgBouncer, Supabase's or Neon's pooler) for everything dbctl does, as Prisma's CLI migrates through its directUrl (which dbctl reads from prisma.config.ts or schema.prisma). Not used when url is given by flag or in this file."
    ),
    key!(
        "database.replication_nodes",
        ["DBCTL_REPLICATION_NODES"],
        None,
        Kind::Bool,
        Some("true"),
        "Read the application's REPLICATION_NODES as servers (--server, --all-servers, backup.from); false ignores it",
        long = "Read the application's REPLICATION_NODES (a JSON list of nodes: a url, or host/port completed from DATABASE_URL) as servers for --server, --all-servers and backup.from; false ignores it. A node dbctl cannot use is a warning, and an error only for the commands that use servers."
    ),
    key!(
        "database.pool_max",
        ["DATABASE_POOL_MAX"],
        None,
        Kind::Count,
        Some("10"),
        "Most connections dbctl opens at once"
    ),
    key!(
        "database.connect_timeout",
        ["DBCTL_CONNECT_TIMEOUT"],
        Some("--connect-timeout"),
        Kind::Duration,
        Some("5s"),
        "How long one connection attempt may take",
        long = "How long one connection attempt may take (500ms, 5s, 1m); `--wait[=DURATION]` retries connecting for longer."
    ),
    key!(
        "redis.url",
        ["REDIS_URL"],
        Some("--redis-url"),
        Kind::RedisUrl,
        None,
        "Redis URL; unset means no Redis checks",
        long = "Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], e.g. redis://127.0.0.1:6379/0, rediss://… for TLS (the certificate is checked against the system's CAs, or SSL_CERT_FILE), or unix:///path/to/redis.sock. Unset: no Redis checks."
    ),
    key!(
        "migrations.dir",
        ["MIGRATION_DIRECTORY"],
        Some("--migrations-dir"),
        Kind::Path,
        Some("migrations"),
        "Directory of the migrations (diesel folders or Prisma's); unset: ./migrations, else the Prisma schema's",
        long = "Directory of migrations, relative to the working directory: diesel's format (VERSION_NAME/up.sql, down.sql, metadata.toml) or Prisma's. When it is not set and migrations/ does not exist, a Prisma project's: migrations/ beside the schema (--schema, prisma.config.ts, package.json's prisma.schema, prisma/schema.prisma). MIGRATION_DIRECTORY is the variable diesel_cli reads."
    ),
    key!(
        "migrations.format",
        [],
        None,
        Kind::OneOf(&MigrationFormat::CHOICES),
        Some("auto"),
        "diesel (up.sql/down.sql) or prisma (migration.sql); auto: prisma when migration_lock.toml is there",
        long = "diesel, prisma, or auto: Prisma's format when the directory holds migration_lock.toml."
    ),
    key!(
        "migrations.shadow_url",
        ["DBCTL_SHADOW_URL"],
        None,
        Kind::DatabaseUrl,
        None,
        "`migrate drift`: the database the migrations are replayed into (its contents are replaced); unset: one made on the same server",
        long = "`dbctl migrate drift`: the database the applied migrations are replayed into (its contents are replaced: use a scratch database). Unset: a database made on the same server for the check and dropped after (the role needs CREATEDB). `migrate drift --shadow-url URL` overrides it."
    ),
    key!(
        "migrations.shadow_init",
        [],
        None,
        Kind::Text,
        None,
        "`migrate drift`: SQL run in the shadow database before the migrations are replayed (extensions, tables made outside the migrations); Prisma's migrations.initShadowDb",
        long = "SQL run in the shadow database before the migrations are replayed: what the migrations expect but do not make (an extension, a table another tool owns). Prisma's migrations.initShadowDb in prisma.config.ts is read when this is unset.",
        example = "CREATE EXTENSION IF NOT EXISTS citext"
    ),
    key!(
        "migrations.lint_allow",
        [],
        None,
        Kind::Text,
        None,
        "`migrate lint`: rules allowed in every migration (comma-separated rule ids)",
        long = "`dbctl migrate lint`: rules allowed in every migration, comma-separated (one migration allows a rule with a comment `-- dbctl:allow RULE`).",
        example = "prefer-bigint-over-int, ban-drop-column"
    ),
    key!(
        "migrations.backup_first",
        [],
        None,
        Kind::Bool,
        Some("false"),
        "Take a backup (tagged pre-migrate) before applying pending migrations",
        long = "Take a backup (the configured pipeline, tagged pre-migrate) before applying pending migrations; no migration runs when it fails. `migrate --backup-first` does the same for one run."
    ),
    key!(
        "migrations.lock_timeout",
        [],
        Some("--lock-timeout"),
        Kind::Duration,
        Some("60s"),
        "How long a migration runner waits for another to finish, and a restore for the locks other sessions hold on its target",
        long = "How long `dbctl migrate` waits for another runner's lock before giving up, and `dbctl restore` for the locks other sessions hold on its target."
    ),
    key!(
        "migrations.statement_lock_timeout",
        [],
        None,
        Kind::Duration,
        None,
        "PostgreSQL: how long a migration waits for a table's lock before it is rolled back and retried (its session's lock_timeout); unset: as long as the server lets it",
        long = "PostgreSQL: how long each migration (each statement of a migration that runs outside a transaction) waits for a table's lock. When it is not granted in time, the migration is rolled back and tried again after 1 s, 2 s, 4 s … (lock_retries), and dbctl says which session held the lock, instead of queueing behind a long query while every reader of the table queues behind the migration. Unset: wait as long as the server lets it.",
        example = "2s"
    ),
    key!(
        "migrations.lock_retries",
        [],
        None,
        Kind::Number,
        Some("3"),
        "Attempts after the first when a migration's lock was not granted within migrations.statement_lock_timeout"
    ),
    key!(
        "backup.name",
        ["BACKUP_NAME"],
        None,
        Kind::BackupName,
        None,
        "Name of this database's backups in a shared storage (letters, digits, . _ -); default: the server's identity",
        long = "What this database's backups go by in a storage shared with other servers (letters, digits, . _ -). Unset: the PostgreSQL server's system identifier tells them apart.",
        example = "app-eu-1"
    ),
    key!(
        "backup.pg_bin_dir",
        ["DBCTL_PG_BIN_DIR"],
        None,
        Kind::Text,
        None,
        "Directories searched first for pg_dump, pg_restore and psql (:-separated; each a bin directory or one holding N/bin)",
        long = "Directories searched first for pg_dump, pg_dumpall and pg_restore, `:`-separated: each a bin directory or one holding N/bin (one per major version)."
    ),
    key!(
        "backup.dump_command",
        ["BACKUP_DUMP_COMMAND"],
        None,
        Kind::Text,
        None,
        "`backup --dump-command`: a shell command whose stdout is the dump (another engine's, e.g. mongodump --archive)",
        long = "`dbctl backup --dump-command`: another engine's dump through the same compress, encrypt, store and retention pipeline; the command's stdout is the dump (its exit status decides). It gets dbctl's environment without dbctl's secrets; with a mongodb:// DATABASE_URL, that URL as DATABASE_URL.",
        example = "mongodump --archive --uri=\"$DATABASE_URL\""
    ),
    key!(
        "backup.stall_timeout",
        ["BACKUP_STALL_TIMEOUT"],
        None,
        Kind::Duration,
        Some("60s"),
        "A destination whose upload moves no bytes for this long is dropped (its upload aborted) and the others complete",
        long = "A destination (S3, GCS, a local disk) whose upload moves no bytes for this long is dropped like one that failed, and the backup completes in the others. A read from S3 or GCS (a listing, a download, any answer) that gets no byte for this long fails the same way; connecting may take 10s."
    ),
    key!(
        "backup.redis_max_bytes",
        ["BACKUP_REDIS_MAX_BYTES"],
        None,
        Kind::Size,
        Some("64GiB"),
        "backup --redis: the largest snapshot taken (a size: 500MiB, 64GiB); a server offering more is refused",
        long = "`backup --redis`: the largest snapshot taken (a size: 500MiB, 64GiB). A server offering more, or a diskless snapshot that grows past it, is refused."
    ),
    key!(
        "backup.engine",
        ["BACKUP_ENGINE"],
        None,
        Kind::OneOf(&BackupEngine::CHOICES),
        Some("auto"),
        "What `dbctl backup` backs up: the database, or backup.dump_command's output; auto: the command when DATABASE_URL is another engine's (mongodb://) or unset and a command is configured",
        long = "What `dbctl backup` backs up: \"database\", \"command\" (the output of dump_command), or \"auto\": the command when DATABASE_URL is another engine's (mongodb://, mongodb+srv://) or unset while dump_command is set."
    ),
    key!(
        "backup.dump_name",
        ["BACKUP_DUMP_NAME"],
        None,
        Kind::DumpName,
        None,
        "What --dump-command backups are called in names and manifests (default: the command's program)",
        long = "What those backups are called (default: the database a mongodb:// DATABASE_URL names, else the command's program).",
        example = "mongo"
    ),
    key!(
        "restore.command",
        ["RESTORE_COMMAND"],
        None,
        Kind::Text,
        None,
        "A shell command that reads a --dump-command backup on stdin (e.g. mongorestore --archive)",
        long = "The command that reads a --dump-command backup on stdin, e.g. 'mongorestore --archive --drop --uri=\"$DATABASE_URL\"'."
    ),
    key!(
        "backup.from",
        ["BACKUP_FROM"],
        None,
        Kind::OneOf(&DumpFrom::CHOICES),
        Some("primary"),
        "Where pg_dump reads: the primary, or a healthy replica of it when one is configured",
        long = "Where pg_dump reads: primary, or replica (a healthy replica of the server from [[servers]] or REPLICATION_NODES, else the primary with a warning)."
    ),
    key!(
        "backup.replica_max_lag",
        [],
        None,
        Kind::Duration,
        Some("60s"),
        "With backup.from = replica: a replica further behind than this is passed over",
        long = "With from = \"replica\": a replica whose replay is further behind than this is passed over."
    ),
    key!(
        "backup.format",
        [],
        None,
        Kind::OneOf(&DumpFormat::CHOICES),
        Some("plain"),
        "pg_dump format: plain (psql) or custom (pg_restore)",
        long = "pg_dump format: plain (SQL, restore with psql) or custom (restore with pg_restore)."
    ),
    key!(
        "backup.jobs",
        [],
        None,
        Kind::Count,
        Some("1"),
        "pg_dump processes at once for one PostgreSQL database: above 1, a plain dump in several parts from one snapshot",
        long = "pg_dump processes at once for one PostgreSQL database (`backup --jobs N` overrides it). Above 1, the dump is made from one snapshot in several parts (pre-data, a part per large table, the other tables, post-data), each compressed and encrypted on its own; restoring such a backup needs this dbctl or a newer one."
    ),
    key!(
        "backup.compression_level",
        [],
        None,
        Kind::Number,
        None,
        "gzip 0-9 (default 6), zstd 1-19 (default 3)",
        long = "Compression level: gzip 0-9 (default 6), zstd 1-19 (default 3). Unset means the default.",
        example = "6"
    ),
    key!(
        "backup.recipients",
        [],
        None,
        Kind::Text,
        None,
        "age recipients (age1… or SSH public keys), comma-separated",
        long = "age recipients (age1… or SSH public keys), comma-separated; setting any turns encryption on."
    ),
    key!(
        "backup.recipients_file",
        [],
        None,
        Kind::Path,
        None,
        "File of age recipients, one per line",
        long = "A file of age recipients, one per line (# comments allowed)."
    ),
    key!(
        "backup.armor",
        [],
        None,
        Kind::Bool,
        Some("false"),
        "ASCII-armored age output",
        long = "ASCII-armored age output (PEM-like text instead of binary)."
    ),
    key!(
        "backup.write_only",
        ["BACKUP_WRITE_ONLY"],
        None,
        Kind::Bool,
        Some("false"),
        "This host's storage credentials may only create objects: backups and `schedule run` read, list and delete nothing in the buckets (no catalogue check per slot, no --prune, no --verify; those run elsewhere)",
        long = "This host's storage credentials may only create objects (a bucket policy allowing PutObject and multipart uploads alone): backups and `schedule run` then read, list and delete nothing in the buckets, and --prune, --verify and `backup prune` are refused here (run them elsewhere)."
    ),
    key!(
        "backup.lock",
        ["BACKUP_LOCK"],
        None,
        Kind::OneOf(&LockKind::CHOICES),
        Some("file"),
        "How two backups of one database are kept apart: file (this host) or redis (every host sharing REDIS_URL)",
        long = "How two backups of one database are kept apart: file (a lock file, this host) or redis (a lease in REDIS_URL's Redis, shared by every host that runs the same schedule)."
    ),
    key!(
        "backup.pg_dump",
        [],
        None,
        Kind::Path,
        None,
        "pg_dump to use; unset means the newest that fits the server",
        long = "The pg_dump to use; unset means the one of the server's major version (else the oldest newer one)."
    ),
    key!(
        "seeds.dir",
        [],
        None,
        Kind::Path,
        Some("seeds"),
        "Directory of seed sets (common/ and one per environment)",
        long = "Directory of seed sets: common/ runs always, then the folder named like the active profile (--env NAME / DBCTL_ENV), e.g. dev/."
    ),
    key!(
        "maintain.schedule",
        ["DBCTL_MAINTAIN_SCHEDULE"],
        None,
        Kind::Schedule,
        None,
        "When `dbctl maintain` runs, from `schedule run` and the units of `schedule install`: crontab syntax, in backup.schedule_timezone",
        long = "When `dbctl maintain` runs from `dbctl schedule run` and the cron/systemd units of `dbctl schedule install` (crontab syntax, in backup.schedule_timezone; DBCTL_MAINTAIN_SCHEDULE); unset: never.",
        example = "30 3 * * 0"
    ),
    key!(
        "backup.schedule",
        ["BACKUP_SCHEDULE"],
        None,
        Kind::Schedule,
        None,
        "When backups run: 5-field crontab syntax or @daily, @hourly, …",
        long = "When backups run, in schedule_timezone: 5-field crontab (minute hour day-of-month month day-of-week, with Sunday as 0 or 7), @hourly, @daily, @weekly, @monthly, @yearly, or @every DURATION (slots at whole multiples of it since the Unix epoch). Unset: no schedule.",
        example = "0 2 * * *"
    ),
    key!(
        "backup.physical_schedule",
        ["BACKUP_PHYSICAL_SCHEDULE"],
        None,
        Kind::Schedule,
        None,
        "When a physical base backup (`backup --physical --prune`) runs, from `schedule run` and the units of `schedule install`: crontab syntax, in backup.schedule_timezone",
        long = "When a physical base backup of the cluster runs (`dbctl backup --physical --prune`, for point-in-time recovery; the server must archive its WAL through `dbctl wal push`), from `dbctl schedule run` and the units of `dbctl schedule install`: crontab syntax, in schedule_timezone; unset: never.",
        example = "0 3 * * 0"
    ),
    key!(
        "backup.verify_schedule",
        ["BACKUP_VERIFY_SCHEDULE"],
        None,
        Kind::Schedule,
        None,
        "When the newest backup is restored into a scratch database and checked (`backup verify latest --restore-test`), from `schedule run` and the units of `schedule install`: crontab syntax, in backup.schedule_timezone",
        long = "When the newest backup is restored into a scratch database (created, then dropped) and every table's row count compared with the backup's (`dbctl backup verify latest --restore-test`), from `dbctl schedule run` and the units of `dbctl schedule install`: crontab syntax, in schedule_timezone; unset: never.",
        example = "0 5 * * 6"
    ),
    key!(
        "backup.verify_identity",
        ["BACKUP_VERIFY_IDENTITY"],
        None,
        Kind::Path,
        None,
        "age identity file (private key) the scheduled restore test decrypts encrypted backups with",
        long = "The age identity file (private key) that scheduled restore test decrypts with; needed when backups are encrypted. It must be on the host the test runs on: prefer a host other than the one holding the backup credentials.",
        example = "/etc/dbctl/restore-test.key"
    ),
    key!(
        "backup.schedule_timezone",
        ["BACKUP_SCHEDULE_TIMEZONE"],
        None,
        Kind::TimeZone,
        Some("UTC"),
        "Time zone the schedule's hours are read in: an IANA name such as Europe/Berlin",
        long = "The time zone the schedule's hours are in: an IANA name such as Europe/Berlin. A time that daylight saving skips runs when the clock jumps past it; one it repeats runs once."
    ),
    key!(
        "backup.retention_days",
        ["BACKUP_RETENTION_DAYS"],
        None,
        Kind::Count,
        None,
        "Retention: keep the backups of the last N days (keep_within = N days)",
        long = "Keep the backups of the last N days, counted from the newest backup: the same as [backup.retention] keep_within = \"N days\".",
        example = "7"
    ),
    key!(
        "backup.retention.keep_last",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the N newest backups",
        long = "The N newest backups.",
        example = "3"
    ),
    key!(
        "backup.retention.keep_within",
        [],
        None,
        Kind::Duration,
        None,
        "Retention: keep every backup this recent, counted from the newest one (e.g. 14d)",
        long = "Every backup this recent, counted from the newest one (a duration: 14d, 36h).",
        example = "14d"
    ),
    key!(
        "backup.retention.keep_hourly",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the newest backup of each of the last N hours that have one",
        long = "The newest backup of each of the last N hours that have a backup; hours without one do not use up the count (the same for the rules below). Times are UTC.",
        example = "24"
    ),
    key!(
        "backup.retention.keep_daily",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the newest backup of each of the last N days that have one",
        long = "The newest backup of each of the last N days that have one.",
        example = "7"
    ),
    key!(
        "backup.retention.keep_weekly",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the newest backup of each of the last N ISO weeks that have one",
        long = "The newest backup of each of the last N ISO weeks (Monday to Sunday) that have one.",
        example = "4"
    ),
    key!(
        "backup.retention.keep_monthly",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the newest backup of each of the last N months that have one",
        long = "The newest backup of each of the last N months that have one.",
        example = "12"
    ),
    key!(
        "backup.retention.keep_yearly",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the newest backup of each of the last N years that have one",
        long = "The newest backup of each of the last N years that have one.",
        example = "3"
    ),
    key!(
        "backup.compression",
        ["BACKUP_COMPRESSION"],
        None,
        Kind::OneOf(&Compression::CHOICES),
        Some("gzip"),
        "gzip, zstd or none"
    ),
    key!(
        "backup.encryption",
        ["BACKUP_ENCRYPTION"],
        None,
        Kind::OneOf(&EncryptionMode::CHOICES),
        Some("none"),
        "age or none (true/false are accepted too)",
        long = "age or none (true/false are accepted)."
    ),
    key!(
        "backup.encryption_key",
        ["BACKUP_ENCRYPTION_KEY"],
        None,
        Kind::Secret,
        None,
        "age recipient (age1…) or passphrase",
        long = "age recipient (age1…) or passphrase. A secret: prefer the environment to this file."
    ),
    key!(
        "backup.passphrase_file",
        [],
        None,
        Kind::Path,
        None,
        "File holding the age passphrase (first line)",
        long = "A file whose first line is the age passphrase (instead of BACKUP_ENCRYPTION_KEY)."
    ),
    key!(
        "backup.local.path",
        ["BACKUP_LOCAL"],
        None,
        Kind::LocalDir,
        Some("backups"),
        "Directory for local backups",
        long = "Directory for local backups, relative to the working directory. On by default when no bucket is configured; with a bucket, only when set. BACKUP_LOCAL may also be `true` (this default directory) or `false` (no local copy)."
    ),
    key!(
        "backup.s3.bucket",
        ["BACKUP_S3_BUCKET"],
        None,
        Kind::Bucket,
        None,
        "S3 bucket; unset means no S3 uploads",
        long = "S3 bucket; unset means no uploads."
    ),
    key!(
        "backup.s3.prefix",
        [],
        None,
        Kind::Text,
        None,
        "Key prefix inside the bucket",
        long = "Key prefix inside the bucket. Unset: the bucket's top level.",
        example = "dbctl/"
    ),
    key!(
        "backup.s3.region",
        ["BACKUP_S3_REGION"],
        None,
        Kind::Text,
        None,
        "S3 region; unset means the AWS default chain",
        long = "Region; unset means the AWS default chain (AWS_REGION, ~/.aws/config)."
    ),
    key!(
        "backup.s3.endpoint_url",
        ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"],
        None,
        Kind::EndpointUrl,
        None,
        "S3-compatible endpoint (MinIO, R2, …)",
        long = "S3-compatible endpoint (MinIO, R2, Ceph…); unset means AWS."
    ),
    key!(
        "backup.s3.max_parts",
        [],
        None,
        Kind::Count,
        Some("10000"),
        "Most parts per multipart upload (lower it for providers with a lower limit)",
        long = "Most parts of one multipart upload (S3 allows 10,000; some providers fewer). Parts start at 8 MiB and double every tenth of this limit, so 10,000 parts hold more than 5 TiB."
    ),
    key!(
        "backup.s3.sse",
        [],
        None,
        Kind::OneOf(&ServerSideEncryption::CHOICES),
        None,
        "Server-side encryption; unset means the bucket's default",
        long = "Server-side encryption: AES256 or aws:kms; unset means the bucket's default."
    ),
    key!(
        "backup.s3.object_lock",
        ["BACKUP_S3_OBJECT_LOCK"],
        None,
        Kind::OneOf(&ObjectLockMode::CHOICES),
        None,
        "S3 Object Lock: every object of a backup is created locked in this mode (governance or compliance) until backup.s3.lock_days (else keep_within) from its creation; the bucket must have Object Lock enabled",
        long = "S3 Object Lock: every object of a backup (artifact, parts, manifest) is created locked in this mode, \"governance\" or \"compliance\", so that these credentials cannot delete it before the date; the bucket must have Object Lock enabled (`dbctl health` checks).",
        example = "governance"
    ),
    key!(
        "backup.s3.lock_days",
        ["BACKUP_S3_LOCK_DAYS"],
        None,
        Kind::Text,
        None,
        "How long backup.s3.object_lock locks each object: days, or a duration such as 36h [default: the retention's keep_within]",
        long = "How long each object stays locked: days, or a duration such as 36h. Unset: the retention's keep_within.",
        example = "30"
    ),
    key!(
        "backup.s3.storage_class",
        [],
        None,
        Kind::Text,
        None,
        "Storage class, e.g. STANDARD_IA or GLACIER_IR; unset means STANDARD"
    ),
    key!(
        "backup.s3.access_key",
        ["BACKUP_S3_ACCESS_KEY"],
        None,
        Kind::Secret,
        None,
        "S3 access key id; unset means the AWS credential chain",
        long = "Access key id; unset means the AWS credential chain."
    ),
    key!(
        "backup.s3.secret_key",
        ["BACKUP_S3_SECRET_KEY"],
        None,
        Kind::Secret,
        None,
        "S3 secret access key",
        long = "Secret access key, set together with access_key. A secret: prefer the environment."
    ),
    key!(
        "backup.gcs.bucket",
        ["BACKUP_GCS_BUCKET"],
        None,
        Kind::GcsBucket,
        None,
        "Google Cloud Storage bucket; unset means no GCS uploads"
    ),
    key!(
        "backup.gcs.prefix",
        ["BACKUP_GCS_PREFIX"],
        None,
        Kind::Text,
        None,
        "Object name prefix inside the bucket",
        long = "Object name prefix inside the bucket. Unset: the bucket's top level.",
        example = "dbctl/"
    ),
    key!(
        "backup.gcs.project_id",
        ["BACKUP_GCS_PROJECT_ID"],
        None,
        Kind::Text,
        None,
        "Google Cloud project; unset means the key file's",
        long = "The project; unset means the key file's."
    ),
    key!(
        "backup.gcs.key_file",
        ["BACKUP_GCS_KEY_FILE", "GOOGLE_APPLICATION_CREDENTIALS"],
        None,
        Kind::Path,
        None,
        "Service-account key file (the JSON Google issues)",
        long = "Service-account key file: the JSON key Google issues (its private key signs a JWT exchanged for an access token at the key's token_uri)."
    ),
    key!(
        "backup.gcs.endpoint_url",
        ["BACKUP_GCS_ENDPOINT_URL"],
        None,
        Kind::EndpointUrl,
        None,
        "GCS JSON API endpoint (an emulator); unset means https://storage.googleapis.com",
        long = "The JSON API's endpoint, for an emulator; unset means https://storage.googleapis.com."
    ),
    key!(
        "backup.before",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run before a backup; its failure stops it",
        long = "A hook: a shell command run before a backup; its failure stops the backup. Hooks get DBCTL_EVENT, DBCTL_STATUS, DBCTL_BACKUP_ID, DBCTL_ARTIFACT, DBCTL_STORED_BYTES, DBCTL_ERROR and DBCTL_DURATION_MS, and dbctl's environment without its secrets ([hooks] pass_env adds to it). The same three keys exist in [restore] and [migrations]."
    ),
    key!(
        "backup.after",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run after a backup succeeded; its failure is reported, nothing is undone",
        long = "Run after a backup succeeded; its failure is reported and undoes nothing."
    ),
    key!(
        "backup.on_failure",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run after a backup failed",
        long = "Run after a backup failed."
    ),
    key!(
        "restore.before",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run before a restore; its failure stops it",
        long = "A hook around `dbctl restore`, as in [backup]: a shell command run before the restore; its failure stops it."
    ),
    key!(
        "restore.after",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run after a restore succeeded; its failure is reported, nothing is undone",
        long = "A hook run after a restore that succeeded."
    ),
    key!(
        "restore.on_failure",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run after a restore failed",
        long = "A hook run after a restore that failed."
    ),
    key!(
        "migrations.before",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run before `dbctl migrate`; its failure stops it",
        long = "A hook around `dbctl migrate` (applying migrations), as in [backup]: a shell command run before the migrations; its failure stops the run."
    ),
    key!(
        "migrations.after",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run after `dbctl migrate` succeeded; its failure is reported, nothing is undone",
        long = "A hook run after a migrate run that succeeded."
    ),
    key!(
        "migrations.on_failure",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run after `dbctl migrate` failed",
        long = "A hook run after a migrate run that failed."
    ),
    key!(
        "hooks.timeout",
        [],
        None,
        Kind::Duration,
        Some("5m"),
        "How long a hook may run before it is stopped (and counts as failed)",
        long = "How long a hook may run; then its whole process group is stopped and it counts as failed."
    ),
    key!(
        "hooks.pass_env",
        [],
        None,
        Kind::Text,
        None,
        "Variables of dbctl's environment a hook also gets, comma-separated (none of dbctl's secrets otherwise)",
        long = "Variables of dbctl's environment the hooks get as well (comma-separated), e.g. \"DATABASE_URL\"."
    ),
    key!(
        "notify.ping_url",
        ["DBCTL_PING_URL"],
        None,
        Kind::SecretUrl,
        None,
        "A healthchecks-style URL: URL/start when a run starts, URL on success, URL/fail on failure",
        long = "A healthchecks-style ping URL: URL/start when a backup, restore or migration run starts, URL on success, URL/fail on failure (with the error and the log's last lines). A secret: prefer the environment."
    ),
    key!(
        "notify.webhook",
        ["DBCTL_WEBHOOK_URL"],
        None,
        Kind::SecretUrl,
        None,
        "A URL that gets a JSON document per event (with a Slack-compatible `text`)",
        long = "A URL that gets a JSON document per finished run, with a Slack-compatible `text` field. A secret."
    ),
    key!(
        "notify.timeout",
        ["DBCTL_NOTIFY_TIMEOUT"],
        None,
        Kind::Duration,
        Some("15s"),
        "How long the finishing notifications (ping and webhook, sent together) may take in all; the start ping never waits",
        long = "Notifications never hold a run: the start ping is sent without waiting for it, and the finishing ping and the webhook go out together, within this budget in all (a slow endpoint is warned about, naming the channel)."
    ),
    key!(
        "studio.port",
        [],
        None,
        Kind::Port,
        Some("5555"),
        "studio-lite's port (0 picks a free one)",
        long = "`dbctl studio-lite`: the web UI's port (0 picks a free one; --port overrides)."
    ),
    key!(
        "studio.bind",
        [],
        None,
        Kind::IpAddr,
        Some("127.0.0.1"),
        "studio-lite's address; anything but loopback exposes the database to the network",
        long = "Address to listen on (--bind overrides). Anything but loopback (127.0.0.1, ::1) exposes the database to whoever reaches this host and learns the token; dbctl warns when it is."
    ),
    key!(
        "studio.statement_timeout",
        [],
        None,
        Kind::Duration,
        Some("5s"),
        "studio-lite's SQL console stops a statement after this long",
        long = "The SQL console stops a statement after this long (--statement-timeout overrides)."
    ),
    key!(
        "studio.row_cap",
        [],
        None,
        Kind::Count,
        Some("1000"),
        "studio-lite's SQL console shows at most this many rows",
        long = "The SQL console shows at most this many rows (--row-cap overrides); exports are not capped."
    ),
    key!(
        "studio.page_size",
        [],
        None,
        Kind::Count,
        Some("50"),
        "Rows per page in studio-lite's table view (at most 1000)",
        long = "Rows per page in the table view (at most 1000; ?n= in the URL overrides)."
    ),
    key!(
        "health.latency_warn",
        [],
        None,
        Kind::Duration,
        Some("250ms"),
        "Database or Redis round trip that makes a warning",
        long = "Round trip of SELECT 1 / PING that makes a warning."
    ),
    key!(
        "health.latency_crit",
        [],
        None,
        Kind::Duration,
        Some("2s"),
        "Database or Redis round trip that makes a critical",
        long = "Round trip that makes a critical."
    ),
    key!(
        "health.connections_warn",
        [],
        None,
        Kind::Percent,
        Some("80"),
        "PostgreSQL connections in use, % of max_connections, that make a warning"
    ),
    key!(
        "health.connections_crit",
        [],
        None,
        Kind::Percent,
        Some("95"),
        "PostgreSQL connections in use, % of max_connections, that make a critical"
    ),
    key!(
        "health.replication_lag_warn",
        [],
        None,
        Kind::Duration,
        Some("30s"),
        "Replica replay lag that makes a warning",
        long = "Replay lag of a PostgreSQL replica that makes a warning."
    ),
    key!(
        "health.replication_lag_crit",
        [],
        None,
        Kind::Duration,
        Some("5m"),
        "Replica replay lag that makes a critical"
    ),
    key!(
        "health.idle_in_transaction_warn",
        [],
        None,
        Kind::Duration,
        Some("5m"),
        "A session idle in a transaction this long makes a warning (it holds locks and old rows)",
        long =
            "A session idle inside a transaction this long (it holds locks and old rows): warning, critical."
    ),
    key!(
        "health.idle_in_transaction_crit",
        [],
        None,
        Kind::Duration,
        Some("30m"),
        "A session idle in a transaction this long is critical"
    ),
    key!(
        "health.wraparound_warn",
        [],
        None,
        Kind::Percent,
        Some("50"),
        "Transaction ID age of the oldest database, as a percentage of the 2^31 limit, that makes a warning",
        long = "The oldest unfrozen transaction ID, as a percentage of the 2^31 limit at which PostgreSQL stops accepting writes (autovacuum must freeze before): warning, critical."
    ),
    key!(
        "health.wraparound_crit",
        [],
        None,
        Kind::Percent,
        Some("75"),
        "The same, critical (autovacuum must freeze before PostgreSQL stops accepting writes)"
    ),
    key!(
        "health.slot_wal_warn",
        [],
        None,
        Kind::Bytes,
        Some("1073741824"),
        "Bytes of WAL a replication slot may hold back before it is a warning",
        long = "Bytes of WAL one replication slot holds back (an unconsumed slot fills the disk): warning, critical."
    ),
    key!(
        "health.slot_wal_crit",
        [],
        None,
        Kind::Bytes,
        Some("10737418240"),
        "Bytes of WAL a replication slot may hold back before it is critical"
    ),
    key!(
        "health.dead_tuples_warn",
        [],
        None,
        Kind::Percent,
        Some("20"),
        "Dead rows of one of the largest tables, as a percentage of its rows, that makes a warning",
        long = "Dead rows of one of the ten largest tables, as a percentage of its rows: warning, critical. `dbctl maintain` vacuums the tables over the warning."
    ),
    key!("health.dead_tuples_crit", [], None, Kind::Percent, Some("50"), "The same, critical"),
    key!(
        "health.freelist_warn",
        [],
        None,
        Kind::Percent,
        Some("30"),
        "SQLite: free pages as a percentage of the file that makes a warning (VACUUM reclaims them)",
        long = "SQLite: free pages as a percentage of the file: warning, critical. `dbctl maintain` vacuums over the warning."
    ),
    key!("health.freelist_crit", [], None, Kind::Percent, Some("60"), "SQLite: the same, critical"),
    key!(
        "health.transaction_age_warn",
        [],
        None,
        Kind::Duration,
        Some("5m"),
        "Age of the longest open transaction that makes a warning",
        long = "Age of the longest open PostgreSQL transaction that makes a warning."
    ),
    key!(
        "health.transaction_age_crit",
        [],
        None,
        Kind::Duration,
        Some("1h"),
        "Age of the longest open transaction that makes a critical"
    ),
    key!(
        "health.redis_memory_warn",
        [],
        None,
        Kind::Percent,
        Some("80"),
        "Redis used memory, % of maxmemory, that makes a warning",
        long = "Redis used memory, % of maxmemory, that makes a warning (no check without maxmemory)."
    ),
    key!(
        "health.redis_memory_crit",
        [],
        None,
        Kind::Percent,
        Some("95"),
        "Redis used memory, % of maxmemory, that makes a critical"
    ),
    key!(
        "health.redis_rejected_warn",
        [],
        None,
        Kind::Number,
        Some("1"),
        "Redis rejected connections since start that make a warning (0 = never)",
        long = "Redis connections rejected since the server started that make a warning (0: never warn)."
    ),
    key!(
        "health.drift",
        [],
        None,
        Kind::Bool,
        Some("false"),
        "Also compare the schema with the migrations (`migrate drift`): expensive, off by default",
        long = "Also compare the schema with what the applied migrations make (as `dbctl migrate drift`; it replays them into a shadow database, so it is expensive): a difference is critical."
    ),
    key!(
        "health.backup_max_age",
        [],
        None,
        Kind::Duration,
        None,
        "Without a schedule: a newest backup older than this is a warning, twice as old critical",
        long = "Backups are checked when a schedule, this maximum age, a bucket or a backup directory is configured. Without a schedule: a newest backup older than this is a warning, twice as old critical (26h when unset).",
        example = "26h"
    ),
    key!(
        "health.backup_grace",
        [],
        None,
        Kind::Duration,
        Some("1h"),
        "With a schedule: how long after a slot its backup may take before the slot counts as missed",
        long = "With a schedule: how long after a slot its backup may take before the slot counts as missed; one missed slot is a warning, two are critical."
    ),
    key!(
        "health.allow_hosts",
        ["DBCTL_HEALTH_ALLOW_HOSTS"],
        None,
        Kind::Text,
        None,
        "health --serve and schedule run --serve: host names answered besides IP addresses and localhost (comma-separated)",
        long = "`health --serve` and `schedule run --serve` answer requests whose Host is an IP address or localhost (a web page whose own name points here gets nothing); these names too, comma-separated (a load balancer's or Prometheus target's DNS name). `--allow-host NAME` adds to them."
    ),
];

/// Looks a key up by its dotted name.
pub fn find(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// Whether `prefix` names a table that holds keys (`backup`, `backup.s3`, …).
pub fn is_table(prefix: &str) -> bool {
    KEYS.iter().any(|k| {
        k.name.len() > prefix.len() && k.name.starts_with(prefix) && k.name.as_bytes()[prefix.len()] == b'.'
    })
}

/// The known key closest to a misspelt one, for "did you mean".
pub fn suggest(name: &str) -> Option<&'static str> {
    KEYS.iter()
        .map(|k| (strsim::jaro_winkler(name, k.name), k.name))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

impl Kind {
    /// What a value of this kind is, for people (the configuration reference).
    pub fn describe(self) -> String {
        match self {
            Kind::DatabaseUrl => "database URL (postgresql://, sqlite://, a path; password hidden)".into(),
            Kind::RedisUrl => "Redis URL (password hidden)".into(),
            Kind::HttpUrl => "http(s) URL".into(),
            Kind::EndpointUrl => "https URL (http on this host, for an emulator)".into(),
            Kind::SecretUrl => "http(s) URL, secret (never shown)".into(),
            Kind::Secret => "secret (never shown)".into(),
            Kind::Text => "text".into(),
            Kind::Path => "path".into(),
            Kind::LocalDir => "directory, or true (the default one) / false (off)".into(),
            Kind::Bool => "true / false".into(),
            Kind::Count => "whole number ≥ 1".into(),
            Kind::Number => "whole number ≥ 0".into(),
            Kind::Bytes => "bytes".into(),
            Kind::Size => "size (500MiB, 64GiB)".into(),
            Kind::Duration => "duration (500ms, 30s, 5m, 2h)".into(),
            Kind::Percent => "percentage 0–100".into(),
            Kind::Port => "TCP port".into(),
            Kind::IpAddr => "IP address".into(),
            Kind::OneOf(choices) => format!("one of: {}", choices.names.join(", ")),
            Kind::Schedule => "crontab expression, @daily…, or @every DURATION".into(),
            Kind::TimeZone => "IANA time zone (Europe/Berlin)".into(),
            Kind::Bucket => "S3 bucket name".into(),
            Kind::GcsBucket => "GCS bucket name".into(),
            Kind::BackupName => "name (letters, digits, . _ -)".into(),
            Kind::DumpName => "name (letters, digits, _ -)".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_tables_recognised() {
        for (i, k) in KEYS.iter().enumerate() {
            assert!(KEYS[i + 1..].iter().all(|o| o.name != k.name), "{} twice", k.name);
        }
        assert!(is_table("backup"));
        assert!(is_table("backup.s3"));
        assert!(!is_table("backup.s3.bucket"));
        assert!(!is_table("databas"));
        assert_eq!(suggest("databse.url"), Some("database.url"));
        assert_eq!(suggest("zzz"), None);
    }
}
