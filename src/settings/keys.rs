//! Every setting dbctl knows: its key in dbctl.toml, its environment names, its flag, its type and
//! its default. `config show`, `config check`, the unknown-key check and the test that keeps
//! `config.example.toml` honest all read this one table.

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
    /// Only meaningful inside a profile `[env.NAME]` or at the top level, never under a table.
    pub doc: &'static str,
}

use crate::values::{
    BackupEngine, Choice, Choices, Compression, DumpFormat, DumpFrom, EncryptionMode, LockKind,
    MigrationFormat, ObjectLockMode, ServerSideEncryption,
};

macro_rules! key {
    ($name:literal, [$($env:literal),*], $flag:expr, $kind:expr, $default:expr, $doc:literal) => {
        Key { name: $name, env: &[$($env),*], flag: $flag, kind: $kind, default: $default, doc: $doc }
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
        "Destructive commands refuse to run without --yes (set it in a production profile)"
    ),
    key!(
        "database.url",
        ["DATABASE_URL"],
        Some("--database-url"),
        Kind::DatabaseUrl,
        None,
        "Database URL; unset means the embedded SQLite file ./dbctl.sqlite3"
    ),
    key!(
        "database.direct_url",
        ["DBCTL_DIRECT_URL"],
        None,
        Kind::DatabaseUrl,
        None,
        "A direct connection (Prisma's directUrl) for everything dbctl does, when DATABASE_URL goes through a pooler such as PgBouncer"
    ),
    key!(
        "database.replication_nodes",
        ["DBCTL_REPLICATION_NODES"],
        None,
        Kind::Bool,
        Some("true"),
        "Read the application's REPLICATION_NODES as servers (--server, --all-servers, backup.from); false ignores it"
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
        "How long one connection attempt may take"
    ),
    key!(
        "redis.url",
        ["REDIS_URL"],
        Some("--redis-url"),
        Kind::RedisUrl,
        None,
        "Redis URL; unset means no Redis checks"
    ),
    key!(
        "migrations.dir",
        ["MIGRATION_DIRECTORY"],
        Some("--migrations-dir"),
        Kind::Path,
        Some("migrations"),
        "Directory of the migrations (diesel folders or Prisma's); unset: ./migrations, else the Prisma schema's"
    ),
    key!(
        "migrations.format",
        [],
        None,
        Kind::OneOf(&MigrationFormat::CHOICES),
        Some("auto"),
        "diesel (up.sql/down.sql) or prisma (migration.sql); auto: prisma when migration_lock.toml is there"
    ),
    key!(
        "migrations.shadow_url",
        ["DBCTL_SHADOW_URL"],
        None,
        Kind::DatabaseUrl,
        None,
        "`migrate drift`: the database the migrations are replayed into (its contents are replaced); unset: one made on the same server"
    ),
    key!(
        "migrations.shadow_init",
        [],
        None,
        Kind::Text,
        None,
        "`migrate drift`: SQL run in the shadow database before the migrations are replayed (extensions, tables made outside the migrations); Prisma's migrations.initShadowDb"
    ),
    key!(
        "migrations.lint_allow",
        [],
        None,
        Kind::Text,
        None,
        "`migrate lint`: rules allowed in every migration (comma-separated rule ids)"
    ),
    key!(
        "migrations.backup_first",
        [],
        None,
        Kind::Bool,
        Some("false"),
        "Take a backup (tagged pre-migrate) before applying pending migrations"
    ),
    key!(
        "migrations.lock_timeout",
        [],
        Some("--lock-timeout"),
        Kind::Duration,
        Some("60s"),
        "How long a migration runner waits for another to finish, and a restore for the locks other sessions hold on its target"
    ),
    key!(
        "migrations.statement_lock_timeout",
        [],
        None,
        Kind::Duration,
        None,
        "PostgreSQL: how long a migration waits for a table's lock before it is rolled back and retried (its session's lock_timeout); unset: as long as the server lets it"
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
        "Name of this database's backups in a shared storage (letters, digits, . _ -); default: the server's identity"
    ),
    key!(
        "backup.pg_bin_dir",
        ["DBCTL_PG_BIN_DIR"],
        None,
        Kind::Text,
        None,
        "Directories searched first for pg_dump, pg_restore and psql (:-separated; each a bin directory or one holding N/bin)"
    ),
    key!(
        "backup.dump_command",
        ["BACKUP_DUMP_COMMAND"],
        None,
        Kind::Text,
        None,
        "`backup --dump-command`: a shell command whose stdout is the dump (another engine's, e.g. mongodump --archive)"
    ),
    key!(
        "backup.stall_timeout",
        ["BACKUP_STALL_TIMEOUT"],
        None,
        Kind::Duration,
        Some("60s"),
        "A destination whose upload moves no bytes for this long is dropped (its upload aborted) and the others complete"
    ),
    key!(
        "backup.redis_max_bytes",
        ["BACKUP_REDIS_MAX_BYTES"],
        None,
        Kind::Size,
        Some("64GiB"),
        "backup --redis: the largest snapshot taken (a size: 500MiB, 64GiB); a server offering more is refused"
    ),
    key!(
        "backup.engine",
        ["BACKUP_ENGINE"],
        None,
        Kind::OneOf(&BackupEngine::CHOICES),
        Some("auto"),
        "What `dbctl backup` backs up: the database, or backup.dump_command's output; auto: the command when DATABASE_URL is another engine's (mongodb://) or unset and a command is configured"
    ),
    key!(
        "backup.dump_name",
        ["BACKUP_DUMP_NAME"],
        None,
        Kind::DumpName,
        None,
        "What --dump-command backups are called in names and manifests (default: the command's program)"
    ),
    key!(
        "restore.command",
        ["RESTORE_COMMAND"],
        None,
        Kind::Text,
        None,
        "A shell command that reads a --dump-command backup on stdin (e.g. mongorestore --archive)"
    ),
    key!(
        "backup.from",
        ["BACKUP_FROM"],
        None,
        Kind::OneOf(&DumpFrom::CHOICES),
        Some("primary"),
        "Where pg_dump reads: the primary, or a healthy replica of it when one is configured"
    ),
    key!(
        "backup.replica_max_lag",
        [],
        None,
        Kind::Duration,
        Some("60s"),
        "With backup.from = replica: a replica further behind than this is passed over"
    ),
    key!(
        "backup.format",
        [],
        None,
        Kind::OneOf(&DumpFormat::CHOICES),
        Some("plain"),
        "pg_dump format: plain (psql) or custom (pg_restore)"
    ),
    key!(
        "backup.jobs",
        [],
        None,
        Kind::Count,
        Some("1"),
        "pg_dump processes at once for one PostgreSQL database: above 1, a plain dump in several parts from one snapshot"
    ),
    key!(
        "backup.compression_level",
        [],
        None,
        Kind::Number,
        None,
        "gzip 0-9 (default 6), zstd 1-19 (default 3)"
    ),
    key!(
        "backup.recipients",
        [],
        None,
        Kind::Text,
        None,
        "age recipients (age1… or SSH public keys), comma-separated"
    ),
    key!("backup.recipients_file", [], None, Kind::Path, None, "File of age recipients, one per line"),
    key!("backup.armor", [], None, Kind::Bool, Some("false"), "ASCII-armored age output"),
    key!(
        "backup.write_only",
        ["BACKUP_WRITE_ONLY"],
        None,
        Kind::Bool,
        Some("false"),
        "This host's storage credentials may only create objects: backups and `schedule run` read, list and delete nothing in the buckets (no catalogue check per slot, no --prune, no --verify; those run elsewhere)"
    ),
    key!(
        "backup.lock",
        ["BACKUP_LOCK"],
        None,
        Kind::OneOf(&LockKind::CHOICES),
        Some("file"),
        "How two backups of one database are kept apart: file (this host) or redis (every host sharing REDIS_URL)"
    ),
    key!(
        "backup.pg_dump",
        [],
        None,
        Kind::Path,
        None,
        "pg_dump to use; unset means the newest that fits the server"
    ),
    key!(
        "seeds.dir",
        [],
        None,
        Kind::Path,
        Some("seeds"),
        "Directory of seed sets (common/ and one per environment)"
    ),
    key!(
        "maintain.schedule",
        ["DBCTL_MAINTAIN_SCHEDULE"],
        None,
        Kind::Schedule,
        None,
        "When `dbctl maintain` runs, from `schedule run` and the units of `schedule install`: crontab syntax, in backup.schedule_timezone"
    ),
    key!(
        "backup.schedule",
        ["BACKUP_SCHEDULE"],
        None,
        Kind::Schedule,
        None,
        "When backups run: 5-field crontab syntax or @daily, @hourly, …"
    ),
    key!(
        "backup.physical_schedule",
        ["BACKUP_PHYSICAL_SCHEDULE"],
        None,
        Kind::Schedule,
        None,
        "When a physical base backup (`backup --physical --prune`) runs, from `schedule run` and the units of `schedule install`: crontab syntax, in backup.schedule_timezone"
    ),
    key!(
        "backup.verify_schedule",
        ["BACKUP_VERIFY_SCHEDULE"],
        None,
        Kind::Schedule,
        None,
        "When the newest backup is restored into a scratch database and checked (`backup verify latest --restore-test`), from `schedule run` and the units of `schedule install`: crontab syntax, in backup.schedule_timezone"
    ),
    key!(
        "backup.verify_identity",
        ["BACKUP_VERIFY_IDENTITY"],
        None,
        Kind::Path,
        None,
        "age identity file (private key) the scheduled restore test decrypts encrypted backups with"
    ),
    key!(
        "backup.schedule_timezone",
        ["BACKUP_SCHEDULE_TIMEZONE"],
        None,
        Kind::TimeZone,
        Some("UTC"),
        "Time zone the schedule's hours are read in: an IANA name such as Europe/Berlin"
    ),
    key!(
        "backup.retention_days",
        ["BACKUP_RETENTION_DAYS"],
        None,
        Kind::Count,
        None,
        "Retention: keep the backups of the last N days (keep_within = N days)"
    ),
    key!("backup.retention.keep_last", [], None, Kind::Count, None, "Retention: keep the N newest backups"),
    key!(
        "backup.retention.keep_within",
        [],
        None,
        Kind::Duration,
        None,
        "Retention: keep every backup this recent, counted from the newest one (e.g. 14d)"
    ),
    key!(
        "backup.retention.keep_hourly",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the newest backup of each of the last N hours that have one"
    ),
    key!(
        "backup.retention.keep_daily",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the newest backup of each of the last N days that have one"
    ),
    key!(
        "backup.retention.keep_weekly",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the newest backup of each of the last N ISO weeks that have one"
    ),
    key!(
        "backup.retention.keep_monthly",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the newest backup of each of the last N months that have one"
    ),
    key!(
        "backup.retention.keep_yearly",
        [],
        None,
        Kind::Count,
        None,
        "Retention: keep the newest backup of each of the last N years that have one"
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
        "age or none (true/false are accepted too)"
    ),
    key!(
        "backup.encryption_key",
        ["BACKUP_ENCRYPTION_KEY"],
        None,
        Kind::Secret,
        None,
        "age recipient (age1…) or passphrase"
    ),
    key!(
        "backup.passphrase_file",
        [],
        None,
        Kind::Path,
        None,
        "File holding the age passphrase (first line)"
    ),
    key!(
        "backup.local.path",
        ["BACKUP_LOCAL"],
        None,
        Kind::LocalDir,
        Some("backups"),
        "Directory for local backups"
    ),
    key!(
        "backup.s3.bucket",
        ["BACKUP_S3_BUCKET"],
        None,
        Kind::Bucket,
        None,
        "S3 bucket; unset means no S3 uploads"
    ),
    key!("backup.s3.prefix", [], None, Kind::Text, None, "Key prefix inside the bucket"),
    key!(
        "backup.s3.region",
        ["BACKUP_S3_REGION"],
        None,
        Kind::Text,
        None,
        "S3 region; unset means the AWS default chain"
    ),
    key!(
        "backup.s3.endpoint_url",
        ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"],
        None,
        Kind::EndpointUrl,
        None,
        "S3-compatible endpoint (MinIO, R2, …)"
    ),
    key!(
        "backup.s3.max_parts",
        [],
        None,
        Kind::Count,
        Some("10000"),
        "Most parts per multipart upload (lower it for providers with a lower limit)"
    ),
    key!(
        "backup.s3.sse",
        [],
        None,
        Kind::OneOf(&ServerSideEncryption::CHOICES),
        None,
        "Server-side encryption; unset means the bucket's default"
    ),
    key!(
        "backup.s3.object_lock",
        ["BACKUP_S3_OBJECT_LOCK"],
        None,
        Kind::OneOf(&ObjectLockMode::CHOICES),
        None,
        "S3 Object Lock: every object of a backup is created locked in this mode (governance or compliance) until backup.s3.lock_days (else keep_within) from its creation; the bucket must have Object Lock enabled"
    ),
    key!(
        "backup.s3.lock_days",
        ["BACKUP_S3_LOCK_DAYS"],
        None,
        Kind::Text,
        None,
        "How long backup.s3.object_lock locks each object: days, or a duration such as 36h [default: the retention's keep_within]"
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
        "S3 access key id; unset means the AWS credential chain"
    ),
    key!("backup.s3.secret_key", ["BACKUP_S3_SECRET_KEY"], None, Kind::Secret, None, "S3 secret access key"),
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
        "Object name prefix inside the bucket"
    ),
    key!(
        "backup.gcs.project_id",
        ["BACKUP_GCS_PROJECT_ID"],
        None,
        Kind::Text,
        None,
        "Google Cloud project; unset means the key file's"
    ),
    key!(
        "backup.gcs.key_file",
        ["BACKUP_GCS_KEY_FILE", "GOOGLE_APPLICATION_CREDENTIALS"],
        None,
        Kind::Path,
        None,
        "Service-account key file (the JSON Google issues)"
    ),
    key!(
        "backup.gcs.endpoint_url",
        ["BACKUP_GCS_ENDPOINT_URL"],
        None,
        Kind::EndpointUrl,
        None,
        "GCS JSON API endpoint (an emulator); unset means https://storage.googleapis.com"
    ),
    key!(
        "backup.before",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run before a backup; its failure stops it"
    ),
    key!(
        "backup.after",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run after a backup succeeded; its failure is reported, nothing is undone"
    ),
    key!("backup.on_failure", [], None, Kind::Text, None, "A shell command run after a backup failed"),
    key!(
        "restore.before",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run before a restore; its failure stops it"
    ),
    key!(
        "restore.after",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run after a restore succeeded; its failure is reported, nothing is undone"
    ),
    key!("restore.on_failure", [], None, Kind::Text, None, "A shell command run after a restore failed"),
    key!(
        "migrations.before",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run before `dbctl migrate`; its failure stops it"
    ),
    key!(
        "migrations.after",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run after `dbctl migrate` succeeded; its failure is reported, nothing is undone"
    ),
    key!(
        "migrations.on_failure",
        [],
        None,
        Kind::Text,
        None,
        "A shell command run after `dbctl migrate` failed"
    ),
    key!(
        "hooks.timeout",
        [],
        None,
        Kind::Duration,
        Some("5m"),
        "How long a hook may run before it is stopped (and counts as failed)"
    ),
    key!(
        "hooks.pass_env",
        [],
        None,
        Kind::Text,
        None,
        "Variables of dbctl's environment a hook also gets, comma-separated (none of dbctl's secrets otherwise)"
    ),
    key!(
        "notify.ping_url",
        ["DBCTL_PING_URL"],
        None,
        Kind::SecretUrl,
        None,
        "A healthchecks-style URL: URL/start when a run starts, URL on success, URL/fail on failure"
    ),
    key!(
        "notify.webhook",
        ["DBCTL_WEBHOOK_URL"],
        None,
        Kind::SecretUrl,
        None,
        "A URL that gets a JSON document per event (with a Slack-compatible `text`)"
    ),
    key!(
        "notify.timeout",
        ["DBCTL_NOTIFY_TIMEOUT"],
        None,
        Kind::Duration,
        Some("15s"),
        "How long the finishing notifications (ping and webhook, sent together) may take in all; the start ping never waits"
    ),
    key!("studio.port", [], None, Kind::Port, Some("5555"), "studio-lite's port (0 picks a free one)"),
    key!(
        "studio.bind",
        [],
        None,
        Kind::IpAddr,
        Some("127.0.0.1"),
        "studio-lite's address; anything but loopback exposes the database to the network"
    ),
    key!(
        "studio.statement_timeout",
        [],
        None,
        Kind::Duration,
        Some("5s"),
        "studio-lite's SQL console stops a statement after this long"
    ),
    key!(
        "studio.row_cap",
        [],
        None,
        Kind::Count,
        Some("1000"),
        "studio-lite's SQL console shows at most this many rows"
    ),
    key!(
        "studio.page_size",
        [],
        None,
        Kind::Count,
        Some("50"),
        "Rows per page in studio-lite's table view (at most 1000)"
    ),
    key!(
        "health.latency_warn",
        [],
        None,
        Kind::Duration,
        Some("250ms"),
        "Database or Redis round trip that makes a warning"
    ),
    key!(
        "health.latency_crit",
        [],
        None,
        Kind::Duration,
        Some("2s"),
        "Database or Redis round trip that makes a critical"
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
        "Replica replay lag that makes a warning"
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
        "A session idle in a transaction this long makes a warning (it holds locks and old rows)"
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
        "Transaction ID age of the oldest database, as a percentage of the 2^31 limit, that makes a warning"
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
        "Bytes of WAL a replication slot may hold back before it is a warning"
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
        "Dead rows of one of the largest tables, as a percentage of its rows, that makes a warning"
    ),
    key!("health.dead_tuples_crit", [], None, Kind::Percent, Some("50"), "The same, critical"),
    key!(
        "health.freelist_warn",
        [],
        None,
        Kind::Percent,
        Some("30"),
        "SQLite: free pages as a percentage of the file that makes a warning (VACUUM reclaims them)"
    ),
    key!("health.freelist_crit", [], None, Kind::Percent, Some("60"), "SQLite: the same, critical"),
    key!(
        "health.transaction_age_warn",
        [],
        None,
        Kind::Duration,
        Some("5m"),
        "Age of the longest open transaction that makes a warning"
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
        "Redis used memory, % of maxmemory, that makes a warning"
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
        "Redis rejected connections since start that make a warning (0 = never)"
    ),
    key!(
        "health.drift",
        [],
        None,
        Kind::Bool,
        Some("false"),
        "Also compare the schema with the migrations (`migrate drift`): expensive, off by default"
    ),
    key!(
        "health.backup_max_age",
        [],
        None,
        Kind::Duration,
        None,
        "Without a schedule: a newest backup older than this is a warning, twice as old critical"
    ),
    key!(
        "health.backup_grace",
        [],
        None,
        Kind::Duration,
        Some("1h"),
        "With a schedule: how long after a slot its backup may take before the slot counts as missed"
    ),
    key!(
        "health.allow_hosts",
        ["DBCTL_HEALTH_ALLOW_HOSTS"],
        None,
        Kind::Text,
        None,
        "health --serve and schedule run --serve: host names answered besides IP addresses and localhost (comma-separated)"
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

/// The configuration reference (`docs/configuration.md`): every key of [`KEYS`], by section,
/// with its environment variables, flag, type, default and meaning.
pub fn reference() -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::from(
        "# Configuration reference\n\n\
         Every setting dbctl reads: its key in `dbctl.toml` (or under a profile, `[env.NAME]`), the\n\
         environment variables that set it (the first set wins; `.env` files count as the\n\
         environment), the command-line flag, the kind of value, the default and what it does.\n\
         `dbctl config show` prints where each value in effect came from; `dbctl config check`\n\
         checks them all.\n\n\
         This page is generated from dbctl's settings table (`src/settings/keys.rs`); a test keeps\n\
         it fresh (`DBCTL_UPDATE_GENERATED=1 cargo test generated` rewrites it).\n",
    );
    let section = |name: &str| match name.rsplit_once('.') {
        Some((table, _)) => format!("[{table}]"),
        None => "top level".to_string(),
    };
    // Keys grouped by their table, in the order of the table's first key.
    let mut groups: Vec<(String, Vec<&Key>)> = Vec::new();
    for k in KEYS {
        let here = section(k.name);
        match groups.iter_mut().find(|(s, _)| *s == here) {
            Some((_, keys)) => keys.push(k),
            None => groups.push((here, vec![k])),
        }
    }
    for (here, keys) in groups {
        out.push_str(&format!(
            "\n## {here}\n\n| Key | Environment | Flag | Value | Default | Meaning |\n|---|---|---|---|---|---|\n"
        ));
        for k in keys {
            let env: Vec<String> = k.env.iter().map(|e| format!("`{e}`")).collect();
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} | {} |\n",
                k.name,
                if env.is_empty() { "—".to_string() } else { env.join(", ") },
                k.flag.map_or("—".to_string(), |f| format!("`{f}`")),
                cell(&k.kind.describe()),
                k.default.map_or("—".to_string(), |d| format!("`{}`", cell(d))),
                cell(k.doc),
            ));
        }
    }
    out.push_str(
        "\n## Outside the settings table\n\n\
         | Variable or table | Flag | Meaning |\n|---|---|---|\n\
         | `DBCTL_CONFIG` | `--config` | The config file (default: `dbctl.toml` in the current directory, if there is one) |\n\
         | `DBCTL_ENV` | `--env` | The profile, `[env.NAME]` in the config file (and `seeds/NAME/`) |\n\
         | `DBCTL_ENV_FILE` | `--env-file` | The environment file read instead of `.env` (by dotenv's rules) |\n\
         | `REPLICATION_NODES` | — | The application's nodes, a JSON list (`name`, `role`, `url` or `host`/`port`), read as servers for `--server`, `--all-servers` and `backup.from` unless `database.replication_nodes` is false |\n\
         | `[[servers]]` | `--server`, `--all-servers` | Servers in the config file: `name`, `url`, `role` (primary or replica), `primary` (a replica's), `databases` (`\"all\"` or a list) |\n\
         | `NO_COLOR` | `--no-color` | Any value: no colour in the output |\n",
    );
    out
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
