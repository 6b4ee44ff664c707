//! One checked [`Settings`], built before any I/O from: built-in defaults < dbctl.toml (its top
//! level, then the active profile `[env.NAME]`) < environment < flags.

mod build;
pub mod envfile;
mod file;
pub mod keys;
pub mod reference;
pub use crate::prisma_config;
pub mod servers;

pub use crate::values::{
    BackupEngine, Compression, DumpFormat, DumpFrom, LockKind, LogFormat, MigrationFormat,
    ServerSideEncryption, parse_duration,
};
pub use file::{ConfigFile, find_config};

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::crontab::Schedule;
use crate::db::DbTarget;
use crate::error::ConfigError;
pub use crate::output::OutputSettings;
use crate::redact::{MASK, Redactor, redact_url};
pub use crate::storage::{DestinationSpec, GcsSettings, Place, S3Settings};
use keys::{KEYS, Key, Kind};

/// The file looked for in the working directory when neither `--config` nor `DBCTL_CONFIG` is set.
pub const DEFAULT_CONFIG_FILE: &str = "dbctl.toml";

/// What the command line gives the settings: the global flags, as plain values (the command
/// line's types stay in `cli`, which converts).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub migrations_dir: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub env_file: Option<PathBuf>,
    pub profile: Option<String>,
    pub database_url: Option<String>,
    pub redis_url: Option<String>,
    pub connect_timeout: Option<String>,
    pub wait: Option<String>,
    pub lock_timeout: Option<String>,
    pub server: Option<String>,
    pub all_servers: bool,
    pub json: bool,
    pub log_format: Option<LogFormat>,
    pub quiet: bool,
    pub verbose: bool,
    pub no_color: bool,
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File {
        path: PathBuf,
        profile: Option<String>,
    },
    Env(&'static str),
    /// A variable of an environment file (`.env`).
    EnvFile {
        var: &'static str,
        path: PathBuf,
    },
    Flag(&'static str),
    /// A Prisma project's `prisma.config.ts`, directly or through the variable it names.
    PrismaConfig {
        path: PathBuf,
        var: Option<String>,
        /// The variable came from the process's environment, not an environment file.
        from_shell: bool,
    },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, profile: None } => write!(f, "file {}", path.display()),
            Origin::File { path, profile: Some(p) } => write!(f, "file {} [env.{p}]", path.display()),
            Origin::Env(var) => write!(f, "env {var}"),
            Origin::EnvFile { var, path } => write!(f, "{var} in {}", path.display()),
            Origin::Flag(flag) => write!(f, "flag {flag}"),
            Origin::PrismaConfig { path, var: None, .. } => write!(f, "{}", path.display()),
            Origin::PrismaConfig { path, var: Some(v), .. } => write!(f, "{v}, named by {}", path.display()),
        }
    }
}

impl Origin {
    /// The variable of the process's environment the value came from (directly, or named by a
    /// Prisma file), if it did: what a job started by cron or systemd would not have.
    pub fn shell_variable(&self) -> Option<&str> {
        match self {
            Origin::Env(var) => Some(var),
            Origin::PrismaConfig { var: Some(var), from_shell: true, .. } => Some(var),
            _ => None,
        }
    }

    /// One word for JSON: default, file, env, env_file, flag or prisma_config.
    pub fn kind(&self) -> &'static str {
        match self {
            Origin::Default => "default",
            Origin::File { .. } => "file",
            Origin::Env(_) => "env",
            Origin::EnvFile { .. } => "env_file",
            Origin::Flag(_) => "flag",
            Origin::PrismaConfig { .. } => "prisma_config",
        }
    }
}

/// Why an age passphrase is too weak to guard a backup, if it is: shorter than 16 characters, or a
/// placeholder copied from documentation (`your-key`).
pub fn weak_passphrase(passphrase: &str) -> Option<String> {
    const PLACEHOLDERS: &[&str] = &[
        "your-key",
        "your_key",
        "yourkey",
        "your-encryption-key",
        "your-secret",
        "your-secret-key",
        "changeme",
        "change-me",
        "change_me",
        "secret",
        "password",
        "encryption-key",
        "example",
        "xxx",
    ];
    let p = passphrase.trim().to_ascii_lowercase();
    if PLACEHOLDERS.contains(&p.as_str()) || p.starts_with("your-") || p.starts_with("<") {
        return Some("a placeholder from documentation".to_string());
    }
    let n = passphrase.chars().count();
    (n < 16).then(|| format!("only {n} characters long"))
}

/// What a project's own `.env` (found, not named by the operator) may not set: the programs dbctl
/// runs (shell commands, where pg_dump is looked for) and where it sends credentials and reports
/// (storage endpoints, notification URLs). The connection and `BACKUP_*` data settings it may.
const COMMAND_KEYS: &[&str] = &[
    "backup.dump_command",
    "restore.command",
    "backup.pg_bin_dir",
    "backup.s3.endpoint_url",
    "backup.gcs.endpoint_url",
    "notify.ping_url",
    "notify.webhook",
];

/// Whether an environment variable is dbctl's own: a setting of dbctl's (DATABASE_URL, REDIS_URL,
/// every BACKUP_* and DBCTL_*, the storages' keys, REPLICATION_NODES) or a credential it uses.
/// Commands the configuration names (hooks, dump and restore commands) do not get these.
pub fn dbctl_private(name: &str) -> bool {
    name.starts_with("BACKUP_")
        || name.starts_with("DBCTL_")
        || name.starts_with("AWS_")
        || matches!(name, "PGPASSWORD" | "REPLICATION_NODES")
        || KEYS.iter().any(|k| k.env.contains(&name))
}

/// The environment a configured command (hook, dump or restore command) runs with: dbctl's,
/// without dbctl's own settings and secrets, plus `database_url` as DATABASE_URL when given
/// (another engine's URL, which only its own tool can use).
pub fn command_environment(database_url: Option<&str>) -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
    let mut env: Vec<_> = std::env::vars_os().filter(|(k, _)| !dbctl_private(&k.to_string_lossy())).collect();
    if let Some(url) = database_url {
        env.push(("DATABASE_URL".into(), url.into()));
    }
    env
}

/// A setting's effective raw value and its origin, for `config show`.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub key: &'static Key,
    pub value: Option<String>,
    pub origin: Origin,
    /// The values of dbctl.toml this one overrides (checked all the same: a profile or a
    /// variable may stop overriding them).
    pub shadowed: Vec<(String, Origin)>,
}

impl Resolved {
    /// The value as it may be shown: URLs without passwords, secrets masked.
    /// The value as `config show` prints it: secrets masked, control characters escaped (an
    /// environment file's value must not drive the terminal).
    pub fn display_value(&self) -> Option<String> {
        let value = self.value.as_deref()?;
        Some(crate::text::escape_controls(&match self.key.kind {
            Kind::Secret | Kind::SecretUrl => MASK.to_string(),
            Kind::DatabaseUrl | Kind::RedisUrl | Kind::HttpUrl | Kind::EndpointUrl => redact_url(value),
            _ => value.to_string(),
        }))
    }
}

#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    pub target: DbTarget,
    /// The target is `database.direct_url` (in place of a pooled `database.url`).
    pub direct: bool,
    pub pool_max: u32,
    pub connect_timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct MigrationSettings {
    pub dir: PathBuf,
    pub lock_timeout: Duration,
    /// `migrations.format` (see `migrate::source::Format::of`).
    pub format: MigrationFormat,
    /// Back up before applying pending migrations.
    pub backup_first: bool,
    /// `migrations.lint_allow`: lint rules allowed everywhere.
    pub lint_allow: Vec<String>,
    /// `migrations.statement_lock_timeout`: how long a migration waits for a lock; None: as long
    /// as the server lets it.
    pub statement_lock_timeout: Option<Duration>,
    /// `migrations.lock_retries`: attempts after a lock not granted in time.
    pub lock_retries: u32,
    /// `migrations.shadow_url`: where `migrate drift` replays the migrations.
    pub shadow_url: Option<String>,
    /// Where `shadow_url` came from, when that is a project's own file (a `.env` found, not named;
    /// a Prisma config or schema): such a shadow is used only when it is empty, never emptied.
    pub shadow_from_project: Option<String>,
    /// `migrations.shadow_init`: SQL run in the shadow before the migrations are replayed.
    pub shadow_init: Option<String>,
    /// Why `dir` was chosen, for `config show` (`beside the Prisma schema …`).
    pub dir_reason: String,
    /// The project's Prisma schema, when it has one (for the hints of a missing directory).
    pub prisma_schema: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct RedisSettings {
    /// The URL as configured (contains the password: never print it, use `redact_url`).
    pub url: String,
}

/// The commands run around one kind of operation.
#[derive(Debug, Clone, Default)]
pub struct Hook {
    pub before: Option<String>,
    pub after: Option<String>,
    pub on_failure: Option<String>,
}

/// `backup.before` … `migrations.on_failure`, `[hooks]` and `[notify]`.
#[derive(Debug, Clone, Default)]
pub struct HooksSettings {
    pub backup: Hook,
    pub restore: Hook,
    pub migrate: Hook,
    pub timeout: Duration,
    /// Variables of dbctl's environment the hooks get as well.
    pub pass_env: Vec<String>,
    pub ping_url: Option<String>,
    pub webhook: Option<String>,
    /// `notify.timeout`: the finishing notifications' budget, in all.
    pub notify_timeout: Duration,
}

/// What backups are encrypted to: decided once (backup.encryption, the key, the recipients), so
/// what `backup` makes and what `restore` expects agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncryptionPolicy {
    /// Not encrypted: backup.encryption = none, or no key and no recipient.
    Off,
    /// To these age (or SSH) recipients.
    Recipients(Vec<String>),
    /// To a passphrase (scrypt).
    Passphrase(String),
}

impl EncryptionPolicy {
    pub fn is_on(&self) -> bool {
        *self != EncryptionPolicy::Off
    }
}

#[derive(Debug, Clone)]
pub struct BackupSettings {
    /// `backup.name`: what this database's backups are told apart by in a shared storage.
    pub name: Option<String>,
    /// `backup.jobs`: pg_dump processes at once for one database.
    pub jobs: u32,
    pub format: DumpFormat,
    pub compression_level: Option<i32>,
    /// Recipients from backup.recipients, backup.recipients_file, and BACKUP_ENCRYPTION_KEY when
    /// it is a recipient.
    pub recipients: Vec<String>,
    pub armor: bool,
    /// `backup.write_only`: the storage credentials only create objects.
    pub write_only: bool,
    pub pg_dump: Option<PathBuf>,
    /// `backup.pg_bin_dir`: searched first for the client programs.
    pub pg_bin_dirs: Vec<PathBuf>,
    /// `backup.from = "replica"`: dump from a healthy replica of the server when one is configured.
    pub from: DumpFrom,
    /// A replica further behind is passed over.
    pub replica_max_lag: Duration,
    /// `backup.dump_command`: another engine's dump, on the command's stdout.
    pub dump_command: Option<String>,
    /// `backup.dump_name`: what its backups are called.
    pub dump_name: Option<String>,
    /// `backup.redis_max_bytes`: the largest Redis snapshot taken.
    pub redis_max_bytes: u64,
    /// `backup.stall_timeout`: how long a destination may move no bytes before it is dropped.
    pub stall_timeout: Duration,
    /// `backup.engine` resolved: `dbctl backup` (and everything that finds its backups: latest,
    /// verify, restore, prune, health, the schedule) means backup.dump_command's dumps.
    pub command_engine: bool,
    /// `restore.command`: reads such a backup on stdin.
    pub restore_command: Option<String>,
    /// `redis`: the backup lock is a Redis lease, shared by every host using the same Redis.
    pub lock: LockKind,
    pub schedule: Option<Schedule>,
    /// `[backup.retention]`, with `retention_days` as `keep_within` when that is not set.
    pub retention: RetentionRules,
    pub compression: Compression,
    pub encryption: EncryptionPolicy,
    /// BACKUP_ENCRYPTION_KEY (or backup.passphrase_file): a recipient, or the passphrase that
    /// also decrypts.
    pub encryption_key: Option<String>,
    /// The local directory, when local backups are on.
    pub local: Option<PathBuf>,
    pub s3: Option<S3Settings>,
    pub gcs: Option<GcsSettings>,
    /// Every configured destination, local first (what `--destination` chooses among).
    pub destinations: Vec<DestinationSpec>,
}

/// `[backup.retention]`: restic's rules, each unused when `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionRules {
    pub keep_last: Option<u32>,
    pub keep_within: Option<Duration>,
    pub keep_hourly: Option<u32>,
    pub keep_daily: Option<u32>,
    pub keep_weekly: Option<u32>,
    pub keep_monthly: Option<u32>,
    pub keep_yearly: Option<u32>,
}

/// Whether a key looks like an age or SSH recipient (public), rather than a passphrase (secret).
pub fn is_recipient(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("age1") || t.starts_with("ssh-ed25519 ") || t.starts_with("ssh-rsa ")
}

/// Thresholds of `dbctl health`: a value at or past `warn` is a warning, at or past `crit` critical.
#[derive(Debug, Clone)]
pub struct HealthThresholds {
    /// `health.drift`: the schema compared with the migrations, too.
    pub drift: bool,
    pub idle_in_transaction_warn: Duration,
    pub idle_in_transaction_crit: Duration,
    /// Percentages of the 2^31 transaction ID limit.
    pub wraparound_warn: f64,
    pub wraparound_crit: f64,
    /// Bytes of WAL a slot holds back.
    pub slot_wal_warn: f64,
    pub slot_wal_crit: f64,
    pub dead_tuples_warn: f64,
    pub dead_tuples_crit: f64,
    pub freelist_warn: f64,
    pub freelist_crit: f64,
    pub latency_warn: Duration,
    pub latency_crit: Duration,
    pub connections_warn: f64,
    pub connections_crit: f64,
    pub replication_lag_warn: Duration,
    pub replication_lag_crit: Duration,
    pub transaction_age_warn: Duration,
    pub transaction_age_crit: Duration,
    pub redis_memory_warn: f64,
    pub redis_memory_crit: f64,
    pub redis_rejected_warn: u64,
    /// Without a schedule, the age of the newest backup that makes a warning (twice: critical).
    pub backup_max_age: Option<Duration>,
    /// With a schedule, how late a slot's backup may be before the slot counts as missed.
    pub backup_grace: Duration,
    /// `health.allow_hosts`: Host names `--serve` answers besides IP addresses and localhost.
    pub allow_hosts: Vec<String>,
}

/// studio-lite's server and console limits.
#[derive(Debug, Clone)]
pub struct StudioSettings {
    pub port: u16,
    pub bind: std::net::IpAddr,
    pub statement_timeout: Duration,
    pub row_cap: usize,
    pub page_size: usize,
}

/// Everything a command needs to know, checked.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config_file: Option<PathBuf>,
    /// The environment files read (`.env`, `prisma/.env`, or `--env-file`).
    pub env_files: Vec<PathBuf>,
    /// The one `--env-file` or `DBCTL_ENV_FILE` named.
    pub env_file_named: Option<PathBuf>,
    /// What to warn about once output is set up (a `BACKUP_*` variable dbctl does not know).
    pub warnings: Vec<String>,
    pub profile: Option<String>,
    pub protected: bool,
    pub database: DatabaseSettings,
    pub redis: Option<RedisSettings>,
    pub migrations: MigrationSettings,
    /// Directory of seed sets.
    pub seeds_dir: PathBuf,
    pub backup: BackupSettings,
    pub health: HealthThresholds,
    pub studio: StudioSettings,
    pub output: OutputSettings,
    /// `--wait`: keep retrying connections this long.
    pub wait: Option<Duration>,
    /// Every key's effective value and source.
    pub resolved: Vec<Resolved>,
    /// Scrubs this configuration's secrets from any text.
    pub redactor: Redactor,
    /// `[[servers]]` and `REPLICATION_NODES`: the fleet.
    pub servers: Vec<servers::Server>,
    /// Hooks and notifications around backups, restores and migrations.
    pub hooks: HooksSettings,
    /// `maintain.schedule`: when `schedule run` runs `dbctl maintain`.
    pub maintain_schedule: Option<Schedule>,
    /// `backup.physical_schedule`: when `schedule run` makes a base backup.
    pub physical_schedule: Option<Schedule>,
    /// `backup.verify_schedule`: when the newest backup is restored into a scratch database.
    pub verify_schedule: Option<Schedule>,
    /// `backup.verify_identity`: the age identity file the scheduled restore test uses.
    pub verify_identity: Option<PathBuf>,
    /// The server `--server` chose, by name.
    pub server: Option<String>,
}

/// Which profile's settings to build.
#[derive(Debug, Clone, Copy)]
pub enum Profile<'a> {
    /// The one named by --env or DBCTL_ENV, if any.
    Selected,
    /// The file's top level alone.
    TopLevel,
    Named(&'a str),
}

/// Access to the process environment, replaceable in tests.
pub trait Environment {
    fn var(&self, name: &str) -> Option<String>;
    fn current_dir(&self) -> PathBuf;
    /// The environment file `name` came from, when it did not come from the real environment.
    fn file_of(&self, _name: &str) -> Option<PathBuf> {
        None
    }
    /// The environment files read.
    fn env_files(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    /// The names of the variables set (for typos among `BACKUP_*`).
    fn names(&self) -> Vec<String> {
        Vec::new()
    }
    /// What the environment files hold that dotenv would skip (file and line).
    fn env_file_warnings(&self) -> Vec<String> {
        Vec::new()
    }
    /// A variable that may choose files dbctl reads as its own (`DBCTL_CONFIG`): from the real
    /// environment, or an environment file the operator named; never a project's own `.env`.
    fn trusted_var(&self, name: &str) -> Option<String> {
        self.var(name)
    }
}

/// The real process environment.
pub struct ProcessEnv;

impl Environment for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
    fn current_dir(&self) -> PathBuf {
        std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
    }
    fn names(&self) -> Vec<String> {
        std::env::vars_os().filter_map(|(k, _)| k.into_string().ok()).collect()
    }
}

impl Settings {
    /// The environment file named by `--env-file` or `DBCTL_ENV_FILE`, if one was.
    pub fn named_env_file(&self) -> Option<&std::path::Path> {
        self.env_file_named.as_deref()
    }

    /// Builds the settings for a profile (`config check` checks every one).
    pub fn load_with(args: &Overrides, env: &dyn Environment, profile: Profile) -> Result<Self, ConfigError> {
        let cwd = env.current_dir();
        let file = find_config(args, env, &cwd)?;
        let profile = match profile {
            Profile::Selected => args.profile.clone().or_else(|| non_empty(env.var("DBCTL_ENV"))),
            Profile::TopLevel => None,
            Profile::Named(p) => Some(p.to_string()),
        };
        let seeds_dir = file
            .as_ref()
            .and_then(|f| {
                f.profiles
                    .get(profile.as_deref().unwrap_or_default())
                    .and_then(|t| t.get("seeds.dir"))
                    .or(f.top.get("seeds.dir"))
            })
            .map_or_else(|| cwd.join("seeds"), |d| cwd.join(d));
        if let Some(p) = &profile {
            // A profile may exist only as a seed environment (seeds/<name>/).
            let defined =
                file.as_ref().is_some_and(|f| f.profiles.contains_key(p)) || seeds_dir.join(p).is_dir();
            if !defined {
                // A misspelt profile must not run with the top level's settings, unprotected.
                let known: Vec<&str> = file
                    .as_ref()
                    .map(|f| f.profiles.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                let closest = known
                    .iter()
                    .map(|k| (strsim::levenshtein(k, p), *k))
                    .filter(|(d, _)| *d <= 3)
                    .min()
                    .map(|(_, k)| format!("; did you mean `{k}`?"))
                    .unwrap_or_default();
                return Err(ConfigError::new(match &file {
                    Some(f) => format!(
                        "profile `{p}` is not defined in {} (its profiles: {}){closest} Define [env.{p}] there, or \
                         choose one with --env / DBCTL_ENV",
                        f.path.display(),
                        if known.is_empty() { "none".to_string() } else { known.join(", ") }
                    ),
                    None => format!(
                        "profile `{p}` is selected (--env or DBCTL_ENV) but there is no dbctl.toml and no seeds/{p}/; \
                         create dbctl.toml with [env.{p}], or drop the profile"
                    ),
                }));
            }
        }
        // A Prisma project's settings: prisma.config.ts first, then the schema's datasource.
        let mut warnings = Vec::new();
        let mut prisma = Vec::new();
        match prisma_config::find(&cwd) {
            Ok(found) => prisma.extend(found),
            Err(e) => warnings.push(e),
        }
        if let Some(schema) = crate::db::prisma_base(&cwd).1 {
            match prisma_config::schema_datasource(&schema) {
                Ok(found) => prisma.extend(found),
                Err(e) => warnings.push(e),
            }
        }
        let mut resolved = resolve(args, env, file.as_ref(), profile.as_deref(), &prisma);
        warnings.extend(prisma_warnings(&prisma, &resolved));
        // A project's own .env (found, not named by the operator) may be a cloned stranger's: it
        // gives settings, never a program for dbctl to run.
        let named_env_file =
            args.env_file.is_some() || env.var("DBCTL_ENV_FILE").is_some_and(|v| !v.is_empty());
        if !named_env_file {
            if env.var("DBCTL_CONFIG").is_some() && env.trusted_var("DBCTL_CONFIG").is_none() {
                warnings.push(
                    "DBCTL_CONFIG in a project's .env is not used: a configuration file (with its hooks) is \
                     chosen by the operator (--config, the environment, or an --env-file named on the command line)"
                        .to_string(),
                );
            }
            for r in resolved.iter_mut().filter(|r| COMMAND_KEYS.contains(&r.key.name)) {
                if let Origin::EnvFile { var, path } = &r.origin {
                    warnings.push(format!(
                        "{var} in {} is not used: a project's .env gives settings, never a program to run or a \
                         place to send credentials; set it in dbctl.toml, in the environment, or in an environment \
                         file named with --env-file",
                        path.display()
                    ));
                    r.value = None;
                    r.origin = Origin::Default;
                }
            }
        }
        let shadow_from_project = resolved
            .iter()
            .find(|r| r.key.name == "migrations.shadow_url" && r.value.is_some())
            .filter(|r| match &r.origin {
                Origin::EnvFile { .. } => !named_env_file,
                Origin::PrismaConfig { from_shell, .. } => !from_shell,
                _ => false,
            })
            .map(|r| r.origin.to_string());
        let server_tables = file.as_ref().map(|f| f.servers.clone()).unwrap_or_default();
        let nodes = env.var("REPLICATION_NODES");
        let mut settings = build::build(resolved, &cwd, file.map(|f| f.path), profile, args)?;
        let read_nodes = settings
            .resolved("database.replication_nodes")
            .and_then(|r| r.value.as_deref())
            .is_none_or(|v| crate::values::parse_bool(v).unwrap_or(true));
        let base = match &settings.database.target {
            crate::db::DbTarget::Postgres { url } => Some(url.clone()),
            _ => None,
        };
        let read =
            servers::read(&server_tables, nodes.as_deref().filter(|_| read_nodes), base.as_deref(), &cwd)
                .map_err(|problems| ConfigError { problems })?;
        settings.servers = read.servers;
        settings.migrations.shadow_from_project = shadow_from_project;
        if !read.node_problems.is_empty() {
            // Only the commands that use servers need the nodes; the others go on without them.
            let needs = if args.server.is_some() {
                Some("--server")
            } else if args.all_servers {
                Some("--all-servers")
            } else if settings.backup.from == DumpFrom::Replica {
                Some("backup.from = replica")
            } else {
                None
            };
            let opt_out = "DBCTL_REPLICATION_NODES=false leaves the variable to the application";
            match needs {
                Some(what) => {
                    return Err(ConfigError {
                        problems: read
                            .node_problems
                            .into_iter()
                            .map(|p| format!("{p}; {what} needs the servers: {opt_out}"))
                            .collect(),
                    });
                }
                None => warnings.extend(
                    read.node_problems.into_iter().map(|p| format!("{p}; dbctl leaves it out ({opt_out})")),
                ),
            }
        }
        for s in &settings.servers {
            if let crate::db::DbTarget::Postgres { url } = &s.target {
                settings.redactor.add_url(url);
            }
        }
        // `--server NAME`: that server's URL in place of DATABASE_URL, for every command.
        if let Some(name) = &args.server {
            // `#N`: the N-th primary (no server's name starts with `#`).
            let name = match name.strip_prefix('#') {
                Some(n) => {
                    let primaries = settings.primaries()?;
                    let index: Option<usize> = n.parse().ok();
                    let found = index.and_then(|i| primaries.get(i));
                    found.map(|s| s.name.clone()).ok_or_else(|| {
                        ConfigError::new(format!(
                            "--server {name}: there is no such primary; {} are configured (#0 to #{})",
                            primaries.len(),
                            primaries.len().saturating_sub(1)
                        ))
                    })?
                }
                None => name.clone(),
            };
            let name = &name;
            let server = settings.servers.iter().find(|s| &s.name == name).ok_or_else(|| {
                let names: Vec<&str> = settings.servers.iter().map(|s| s.name.as_str()).collect();
                ConfigError::new(format!(
                    "--server {name}: no such server; the configured ones ([[servers]], REPLICATION_NODES): {}",
                    if names.is_empty() { "none".to_string() } else { names.join(", ") }
                ))
            })?;
            settings.database.target = server.target.clone();
            settings.server = Some(name.clone());
        }
        Ok(settings).map(|mut s: Settings| {
            s.env_files = env.env_files();
            s.warnings = env.env_file_warnings();
            s.warnings.extend(warnings);
            s.warnings.extend(unknown_backup_variables(env));
            s.env_file_named = args
                .env_file
                .clone()
                .or_else(|| env.var("DBCTL_ENV_FILE").filter(|v| !v.is_empty()).map(PathBuf::from))
                .map(|f| if f.is_absolute() { f } else { cwd.join(f) });
            s
        })
    }

    /// The configured servers `wanted` keeps (`--all-servers`): an error when none is configured.
    pub fn chosen_servers(
        &self,
        wanted: impl Fn(&servers::Server) -> bool,
    ) -> Result<Vec<&servers::Server>, ConfigError> {
        if self.servers.is_empty() {
            return Err(ConfigError::new(
                "--all-servers: no server is configured; add [[servers]] to dbctl.toml or set REPLICATION_NODES",
            ));
        }
        Ok(self.servers.iter().filter(|s| wanted(s)).collect())
    }

    /// The primaries of [`Self::chosen_servers`].
    pub fn primaries(&self) -> Result<Vec<&servers::Server>, ConfigError> {
        self.chosen_servers(|s| s.role == servers::Role::Primary)
    }

    /// The effective value and source of a key.
    pub fn resolved(&self, name: &str) -> Option<&Resolved> {
        self.resolved.iter().find(|r| r.key.name == name)
    }
}

/// `BACKUP_*` variables that no setting reads: most likely typos, which must not pass in silence.
fn unknown_backup_variables(env: &dyn Environment) -> Vec<String> {
    let known: Vec<&str> = KEYS.iter().flat_map(|k| k.env.iter().copied()).collect();
    let mut unknown: Vec<String> = env
        .names()
        .into_iter()
        .filter(|n| n.starts_with("BACKUP_") && !known.contains(&n.as_str()))
        .collect();
    unknown.sort();
    unknown.dedup();
    unknown
        .into_iter()
        .map(|n| {
            let close = known
                .iter()
                .filter(|k| k.starts_with("BACKUP_"))
                .min_by_key(|k| strsim::levenshtein(k, &n))
                .map(|k| format!("; did you mean {k}?"))
                .unwrap_or_default();
            format!("{n} is set, but no setting of dbctl reads it{close}")
        })
        .collect()
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

/// Registers what a value of this kind holds that must never be printed.
fn register_secret(r: &mut Redactor, kind: Kind, value: &str) {
    match kind {
        Kind::Secret | Kind::SecretUrl => r.add(value),
        Kind::DatabaseUrl | Kind::RedisUrl | Kind::HttpUrl | Kind::EndpointUrl => r.add_url(value),
        _ => {}
    }
}

/// The secrets of the flags and environment, for errors raised before the settings are built
/// (a broken config file, say): every key the table marks secret or URL.
pub fn early_redactor(args: &Overrides, env: &dyn Environment) -> Redactor {
    let mut r = Redactor::new();
    for key in KEYS {
        let values =
            key.env.iter().filter_map(|v| env.var(v)).chain(key.flag.and_then(|f| flag_value(args, f)));
        for v in values {
            register_secret(&mut r, key.kind, &v);
        }
    }
    r
}

fn flag_value(args: &Overrides, flag: &str) -> Option<String> {
    match flag {
        "--database-url" => args.database_url.clone(),
        "--redis-url" => args.redis_url.clone(),
        "--connect-timeout" => args.connect_timeout.clone(),
        "--lock-timeout" => args.lock_timeout.clone(),
        "--migrations-dir" => args.migrations_dir.as_ref().map(|d| d.display().to_string()),
        _ => None,
    }
}

/// A setting a Prisma project's files may give: the key, where it is in Prisma's terms, how to
/// set it instead, and how to read it from a parsed file.
struct PrismaKey {
    key: &'static str,
    field: &'static str,
    fix: &'static str,
    get: fn(&prisma_config::PrismaConfig) -> Option<&prisma_config::Source>,
}

const PRISMA_KEYS: &[PrismaKey] = &[
    PrismaKey {
        key: "database.url",
        field: "datasource.url",
        fix: "set DATABASE_URL (or database.url in dbctl.toml)",
        get: |p| p.url.as_ref(),
    },
    PrismaKey {
        key: "database.direct_url",
        field: "datasource.directUrl",
        fix: "set DBCTL_DIRECT_URL (or database.direct_url)",
        get: |p| p.direct_url.as_ref(),
    },
    PrismaKey {
        key: "migrations.shadow_url",
        field: "datasource.shadowDatabaseUrl",
        fix: "set DBCTL_SHADOW_URL (or migrations.shadow_url)",
        get: |p| p.shadow_url.as_ref(),
    },
    PrismaKey {
        key: "migrations.shadow_init",
        field: "migrations.initShadowDb",
        fix: "set migrations.shadow_init in dbctl.toml",
        get: |p| p.init_shadow.as_ref(),
    },
    PrismaKey {
        key: "migrations.dir",
        field: "migrations.path",
        fix: "set migrations.dir in dbctl.toml",
        get: |p| p.migrations_path.as_ref(),
    },
];

/// The first of the project's files that names `key`, and what it says.
fn prisma_first<'a>(
    prisma: &'a [prisma_config::PrismaConfig],
    key: &str,
) -> Option<(&'a prisma_config::PrismaConfig, &'a prisma_config::Source)> {
    let k = PRISMA_KEYS.iter().find(|k| k.key == key)?;
    prisma.iter().find_map(|p| (k.get)(p).map(|s| (p, s)))
}

/// What the Prisma project's first file that names `key` gives: a literal, or the variable it
/// names (else its fallback).
fn prisma_value(
    prisma: &[prisma_config::PrismaConfig],
    key: &str,
    env: &dyn Environment,
) -> Option<(String, Origin)> {
    use prisma_config::Source;
    let (p, source) = prisma_first(prisma, key)?;
    let origin = |var: Option<&str>| Origin::PrismaConfig {
        path: p.path.clone(),
        var: var.map(str::to_string),
        from_shell: var.is_some_and(|v| env.file_of(v).is_none()),
    };
    match source {
        Source::Literal(v) => Some((v.clone(), origin(None))).filter(|(v, _)| !v.is_empty()),
        Source::Env { var, fallback } => match non_empty(env.var(var)) {
            Some(v) => Some((v, origin(Some(var)))),
            None => fallback.clone().filter(|f| !f.is_empty()).map(|f| (f, origin(None))),
        },
        Source::Code(_) => None,
    }
}

/// Why a key the Prisma config names was left unset: a variable that is not set, or code dbctl
/// does not run. Said only when no other layer set the key.
fn prisma_warnings(prisma: &[prisma_config::PrismaConfig], resolved: &[Resolved]) -> Vec<String> {
    use prisma_config::Source;
    PRISMA_KEYS
        .iter()
        .filter(|k| resolved.iter().any(|r| r.key.name == k.key && r.origin == Origin::Default))
        .filter_map(|k| {
            let (p, source) = prisma_first(prisma, k.key)?;
            let (shown, field, fix) = (p.path.display(), k.field, k.fix);
            match source {
                Source::Env { var, fallback: None } => {
                    Some(format!("{shown}: {field} reads {var}, which is not set; {fix}"))
                }
                Source::Code(code) => Some(format!(
                    "{shown}: {field} is code dbctl does not run (`{}`); {fix}",
                    crate::text::escape_controls(code)
                )),
                _ => None,
            }
        })
        .collect()
}

fn resolve(
    args: &Overrides,
    env: &dyn Environment,
    file: Option<&ConfigFile>,
    profile: Option<&str>,
    prisma: &[prisma_config::PrismaConfig],
) -> Vec<Resolved> {
    KEYS.iter()
        .map(|key| {
            let mut value = key.default.map(str::to_string);
            let mut origin = Origin::Default;
            let mut shadowed = Vec::new();
            // A value of dbctl.toml a higher layer overrides is kept, to be checked all the same
            // (another profile, an unset variable, brings it back); the environment's and the
            // Prisma project's, which may serve the application alone, are not.
            let mut set = |v: Option<String>, o: Origin| {
                if matches!(origin, Origin::File { .. })
                    && let Some(old) = value.replace(String::new())
                {
                    shadowed.push((old, std::mem::replace(&mut origin, Origin::Default)));
                }
                value = v;
                origin = o;
            };
            // A Prisma project's own configuration, below everything dbctl's.
            if let Some((v, o)) = prisma_value(prisma, key.name, env) {
                set(Some(v), o);
            }
            if let Some(f) = file {
                // An empty string in the file unsets the value (a profile can drop a top-level one).
                if let Some(v) = f.top.get(key.name) {
                    set(
                        Some(v.clone()).filter(|v| !v.is_empty()),
                        Origin::File { path: f.path.clone(), profile: None },
                    );
                }
                if let Some(p) = profile
                    && let Some(v) = f.profiles.get(p).and_then(|t| t.get(key.name))
                {
                    let o = Origin::File { path: f.path.clone(), profile: Some(p.to_string()) };
                    set(Some(v.clone()).filter(|v| !v.is_empty()), o);
                }
            }
            if let Some((var, v)) = key.env.iter().find_map(|var| non_empty(env.var(var)).map(|v| (*var, v)))
            {
                let o = match env.file_of(var) {
                    Some(path) => Origin::EnvFile { var, path },
                    None => Origin::Env(var),
                };
                set(Some(v), o);
            }
            if let Some(flag) = key.flag
                && let Some(v) = flag_value(args, flag)
            {
                set(Some(v), Origin::Flag(flag));
            }
            Resolved { key, value, origin, shadowed }
        })
        .collect()
}

/// Settings for unit tests anywhere in the crate: a made-up environment, no flags.
#[cfg(test)]
pub mod testing {
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};

    use super::Overrides;
    use super::{Environment, Profile, Settings};

    pub struct FakeEnv {
        vars: HashMap<&'static str, &'static str>,
        cwd: PathBuf,
    }

    impl Environment for FakeEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.vars.get(name).map(|s| s.to_string())
        }
        fn current_dir(&self) -> PathBuf {
            self.cwd.clone()
        }
    }

    pub fn env_with(dir: &Path, vars: &[(&'static str, &'static str)]) -> FakeEnv {
        FakeEnv { vars: vars.iter().copied().collect(), cwd: dir.to_path_buf() }
    }

    /// The settings a project in `dir` gets from these environment variables and no flags.
    pub fn settings(dir: &Path, vars: &[(&'static str, &'static str)]) -> Settings {
        Settings::load_with(&Overrides::default(), &env_with(dir, vars), Profile::Selected)
            .expect("valid settings")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use testing::{env_with, settings};

    fn project(toml: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("dbctl.toml"), toml).unwrap();
        dir
    }

    #[test]
    fn layers_override_in_order() {
        let dir = project(
            r#"
            [database]
            url = "postgres://file@h/db"
            pool_max = 4
            [redis]
            url = "redis://file-host"
            [env.staging.database]
            url = "postgres://profile@h/db"
            "#,
        );
        let args = Overrides::default();
        let s = Settings::load_with(&args, &env_with(dir.path(), &[]), Profile::Selected).unwrap();
        assert_eq!(s.resolved("database.url").unwrap().value.as_deref(), Some("postgres://file@h/db"));
        assert_eq!(s.database.pool_max, 4);
        assert_eq!(s.resolved("database.connect_timeout").unwrap().origin, Origin::Default);

        let staging = Overrides { profile: Some("staging".into()), ..Default::default() };
        let s = Settings::load_with(&staging, &env_with(dir.path(), &[]), Profile::Selected).unwrap();
        let r = s.resolved("database.url").unwrap();
        assert_eq!(r.value.as_deref(), Some("postgres://profile@h/db"));
        assert_eq!(
            r.origin.to_string(),
            format!("file {} [env.staging]", dir.path().join("dbctl.toml").display())
        );

        let env = env_with(dir.path(), &[("DATABASE_URL", "postgres://env@h/db"), ("DBCTL_ENV", "staging")]);
        let s = Settings::load_with(&Overrides::default(), &env, Profile::Selected).unwrap();
        assert_eq!(s.profile.as_deref(), Some("staging"));
        let r = s.resolved("database.url").unwrap();
        assert_eq!(
            (r.value.as_deref(), &r.origin),
            (Some("postgres://env@h/db"), &Origin::Env("DATABASE_URL"))
        );

        let flags = Overrides { database_url: Some("postgres://flag@h/db".into()), ..Default::default() };
        let s = Settings::load_with(&flags, &env, Profile::Selected).unwrap();
        let r = s.resolved("database.url").unwrap();
        assert_eq!(
            (r.value.as_deref(), &r.origin),
            (Some("postgres://flag@h/db"), &Origin::Flag("--database-url"))
        );
    }

    #[test]
    fn unknown_keys_name_the_key_and_the_file() {
        let dir = project("[database]\nurll = \"x\"\n[env.prod]\nprotectd = true\n");
        let err = Settings::load_with(&Overrides::default(), &env_with(dir.path(), &[]), Profile::Selected)
            .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("unknown key `database.urll` (did you mean `database.url`?)"), "{text}");
        assert!(
            text.contains("unknown key `env.prod.protectd` (did you mean `env.prod.protected`?)"),
            "{text}"
        );
        assert!(text.contains("dbctl.toml"), "{text}");
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let dir = project("[database]\nurl = \"unterminated\n");
        let err = Settings::load_with(&Overrides::default(), &env_with(dir.path(), &[]), Profile::Selected)
            .unwrap_err();
        assert!(err.to_string().contains("invalid TOML at line 2"), "{err}");
    }

    #[test]
    fn bad_values_are_reported_together_without_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let env = env_with(
            dir.path(),
            &[
                ("DATABASE_URL", "mysql://root:topsecret@h/db"),
                ("BACKUP_COMPRESSION", "lz4"),
                ("BACKUP_RETENTION_DAYS", "seven"),
                ("BACKUP_SCHEDULE", "0 2 * * 8"),
                ("BACKUP_S3_BUCKET", "A"),
            ],
        );
        let err = Settings::load_with(&Overrides::default(), &env, Profile::Selected).unwrap_err();
        assert_eq!(err.problems.len(), 5, "{err}");
        let text = err.to_string();
        assert!(!text.contains("topsecret"), "{text}");
        assert!(text.contains("DATABASE_URL (environment, database.url)"), "{text}");
        assert!(
            text.contains(
                "BACKUP_COMPRESSION (environment, backup.compression): `lz4` is not one of gzip, zstd, none"
            ),
            "{text}"
        );
        assert!(text.contains("day of week"), "{text}");
    }

    #[test]
    fn placeholder_and_short_passphrases_are_weak() {
        assert_eq!(weak_passphrase("your-key").as_deref(), Some("a placeholder from documentation"));
        assert_eq!(weak_passphrase("hunter2").as_deref(), Some("only 7 characters long"));
        assert_eq!(weak_passphrase("correct horse battery staple"), None);
    }

    #[test]
    fn empty_environment_values_count_as_unset() {
        let dir = tempfile::tempdir().unwrap();
        let env = env_with(dir.path(), &[("REDIS_URL", ""), ("DATABASE_URL", " ")]);
        let s = Settings::load_with(&Overrides::default(), &env, Profile::Selected).unwrap();
        assert!(s.redis.is_none());
        assert!(matches!(s.database.target, DbTarget::Sqlite { embedded: true, .. }));
    }

    #[test]
    fn secrets_are_masked_in_display() {
        let dir = tempfile::tempdir().unwrap();
        let env = env_with(
            dir.path(),
            &[
                ("DATABASE_URL", "postgres://u:pw123@h/db"),
                ("BACKUP_ENCRYPTION_KEY", "passphrase"),
                ("BACKUP_ENCRYPTION", "true"),
                ("DBCTL_PING_URL", "https://hc-ping.com/5f2c9e1a-token"),
            ],
        );
        let s = Settings::load_with(&Overrides::default(), &env, Profile::Selected).unwrap();
        assert_eq!(s.backup.encryption, EncryptionPolicy::Passphrase("passphrase".into()));
        assert_eq!(s.resolved("database.url").unwrap().display_value().unwrap(), "postgres://u:***@h/db");
        assert_eq!(s.resolved("backup.encryption_key").unwrap().display_value().unwrap(), "***");
        assert_eq!(s.resolved("notify.ping_url").unwrap().display_value().unwrap(), "***");
        assert_eq!(s.redactor.redact("ping https://hc-ping.com/5f2c9e1a-token"), "ping ***");
        assert_eq!(s.redactor.redact("pw123 passphrase"), "*** ***");
    }

    /// A value every key of a kind refuses, and how the refusal starts.
    fn bad_value(kind: Kind) -> Option<(&'static str, &'static str)> {
        Some(match kind {
            Kind::OneOf(_) => ("zzzz", "is not one of"),
            Kind::Duration => ("soon", "is not a duration"),
            Kind::Bool => ("maybe", "is not a boolean"),
            Kind::Count => ("0", "is not a whole number"),
            Kind::Number => ("-3", "is not a whole number"),
            Kind::Percent => ("150", "is not a percentage"),
            Kind::Bytes => ("lots", "is not a number of bytes"),
            Kind::Size => ("12 parsecs", "is not a size"),
            Kind::Port => ("70000", "is not a port"),
            Kind::IpAddr => ("localhost", "is not an IP address"),
            Kind::HttpUrl | Kind::SecretUrl => ("ftp://x/y", "is not an http(s) URL"),
            Kind::EndpointUrl => ("http://storage.example.com", "plain http to another host"),
            Kind::RedisUrl => ("http://cache:6379", "is not a Redis URL"),
            Kind::DatabaseUrl => ("mysql://h/db", "mysql"),
            Kind::Schedule => ("0 2 * * 8", "day of week"),
            Kind::TimeZone => ("Mars/Olympus", "is not a time zone"),
            Kind::Bucket | Kind::GcsBucket => ("A", "bucket name"),
            Kind::BackupName => ("a/b", "is not a backup name"),
            Kind::DumpName => ("a b", "is not a dump name"),
            Kind::Secret | Kind::Text | Kind::Path | Kind::LocalDir => return None,
        })
    }

    #[test]
    fn every_checked_key_rejects_a_bad_value_from_the_file_naming_key_value_and_file() {
        for key in KEYS {
            let Some((value, says)) = bad_value(key.kind) else { continue };
            let (table, leaf) = key.name.rsplit_once('.').unwrap_or(("", key.name));
            let toml = if table.is_empty() {
                format!("{leaf} = \"{value}\"\n")
            } else {
                format!("[{table}]\n{leaf} = \"{value}\"\n")
            };
            let dir = project(&toml);
            let err =
                Settings::load_with(&Overrides::default(), &env_with(dir.path(), &[]), Profile::Selected)
                    .expect_err(key.name)
                    .to_string();
            assert!(err.contains(&format!("{} (file ", key.name)), "{}: {err}", key.name);
            assert!(err.contains(says), "{}: {err}", key.name);
        }
    }

    #[test]
    fn a_misspelt_word_names_the_accepted_ones_and_the_closest() {
        for (key, value, closest) in [
            ("backup.lock", "redsi", "redis"),
            ("backup.format", "custon", "custom"),
            ("backup.from", "replcia", "replica"),
            ("migrations.format", "prsima", "prisma"),
            ("backup.engine", "comand", "command"),
        ] {
            let (table, leaf) = key.rsplit_once('.').unwrap();
            let dir = project(&format!("[{table}]\n{leaf} = \"{value}\"\n"));
            let err =
                Settings::load_with(&Overrides::default(), &env_with(dir.path(), &[]), Profile::Selected)
                    .unwrap_err()
                    .to_string();
            let accepted = keys::find(key).unwrap().kind.choices().unwrap().join(", ");
            assert!(
                err.contains(&format!("`{value}` is not one of {accepted}; did you mean `{closest}`?")),
                "{err}"
            );
        }
    }

    #[test]
    fn a_bad_value_under_a_higher_layer_is_still_refused() {
        let dir = project("[backup]\nlock = \"redsi\"\n[hooks]\ntimeout = \"soon\"\n");
        let env = env_with(dir.path(), &[("BACKUP_LOCK", "file")]);
        let err =
            Settings::load_with(&Overrides::default(), &env, Profile::Selected).unwrap_err().to_string();
        assert!(err.contains("backup.lock (file ") && err.contains("`redsi`"), "{err}");
        assert!(err.contains("hooks.timeout (file ") && err.contains("`soon`"), "{err}");
        // The environment may hold the application's value: a flag overriding it decides alone.
        let plain = tempfile::tempdir().unwrap();
        let env = env_with(plain.path(), &[("DATABASE_URL", "mysql://app@h/db")]);
        let flags = Overrides { database_url: Some("sqlite::memory:".into()), ..Default::default() };
        Settings::load_with(&flags, &env, Profile::Selected).unwrap();
    }

    #[test]
    fn encryption_is_decided_once() {
        let dir = tempfile::tempdir().unwrap();
        let key = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
        let policy = |vars: &[(&'static str, &'static str)]| settings(dir.path(), vars).backup.encryption;
        // A key alone turns it on; BACKUP_ENCRYPTION=none turns it off even with a key.
        assert_eq!(policy(&[("BACKUP_ENCRYPTION_KEY", key)]), EncryptionPolicy::Recipients(vec![key.into()]));
        assert_eq!(
            policy(&[("BACKUP_ENCRYPTION_KEY", key), ("BACKUP_ENCRYPTION", "none")]),
            EncryptionPolicy::Off
        );
        assert_eq!(policy(&[]), EncryptionPolicy::Off);
        let err = Settings::load_with(
            &Overrides::default(),
            &env_with(dir.path(), &[("BACKUP_ENCRYPTION", "age")]),
            Profile::Selected,
        )
        .unwrap_err();
        assert!(err.to_string().contains("encryption is on but no key is set"), "{err}");
    }

    #[test]
    fn every_default_in_the_key_table_is_a_valid_value() {
        for key in KEYS {
            if let Some(d) = key.default {
                key.kind.check(d).unwrap_or_else(|e| panic!("{}: default {d}: {e}", key.name));
            }
        }
    }

    #[test]
    fn warning_threshold_above_critical_is_rejected() {
        let dir = project("[health]\nconnections_warn = 99\nconnections_crit = 90\n");
        let err = Settings::load_with(&Overrides::default(), &env_with(dir.path(), &[]), Profile::Selected)
            .unwrap_err();
        assert!(
            err.to_string().contains("health.connections_warn is above health.connections_crit"),
            "{err}"
        );
    }
}
