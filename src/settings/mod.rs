//! One checked [`Settings`], built before any I/O from: built-in defaults < dbctl.toml (its top
//! level, then the active profile `[env.NAME]`) < environment < flags.

pub mod keys;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cli::{GlobalArgs, parse_duration};
use crate::db::DbTarget;
use crate::error::ConfigError;
use crate::redact::{MASK, Redactor, redact_url};
use crate::schedule::Schedule;
use keys::{KEYS, Key, Kind};

/// The file looked for in the working directory when neither `--config` nor `DBCTL_CONFIG` is set.
pub const DEFAULT_CONFIG_FILE: &str = "dbctl.toml";

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File { path: PathBuf, profile: Option<String> },
    Env(&'static str),
    Flag(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File { path, profile: None } => write!(f, "file {}", path.display()),
            Source::File { path, profile: Some(p) } => write!(f, "file {} [env.{p}]", path.display()),
            Source::Env(var) => write!(f, "env {var}"),
            Source::Flag(flag) => write!(f, "flag {flag}"),
        }
    }
}

impl Source {
    /// One word for JSON: default, file, env or flag.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Default => "default",
            Source::File { .. } => "file",
            Source::Env(_) => "env",
            Source::Flag(_) => "flag",
        }
    }
}

/// A setting's effective raw value and its origin, for `config show`.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub key: &'static Key,
    pub value: Option<String>,
    pub source: Source,
}

impl Resolved {
    /// The value as it may be shown: URLs without passwords, secrets masked.
    pub fn display_value(&self) -> Option<String> {
        let value = self.value.as_deref()?;
        Some(match self.key.kind {
            Kind::Secret => MASK.to_string(),
            Kind::DatabaseUrl | Kind::RedisUrl | Kind::HttpUrl => redact_url(value),
            _ => value.to_string(),
        })
    }
}

/// How output is shaped.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutputSettings {
    pub json: bool,
    pub quiet: bool,
    pub verbose: bool,
    pub color: bool,
}

#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    pub target: DbTarget,
    pub pool_max: u32,
    pub connect_timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct MigrationSettings {
    pub dir: PathBuf,
    pub lock_timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct RedisSettings {
    /// The URL as configured (contains the password: never print it, use `redact_url`).
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct S3Settings {
    pub bucket: String,
    pub max_parts: u32,
    pub sse: Option<String>,
    pub storage_class: Option<String>,
    pub prefix: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub access_key: Option<String>,
    pub secret_key: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Gzip,
    Zstd,
    None,
}

impl Compression {
    /// gzip, zstd or none: as flags, settings and manifests spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::None => "none",
        }
    }

    /// Reads a name (also gz, zst, off, false).
    pub fn from_name(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "gzip" | "gz" => Ok(Compression::Gzip),
            "zstd" | "zst" => Ok(Compression::Zstd),
            "none" | "off" | "false" => Ok(Compression::None),
            _ => Err(format!("unknown compression `{s}`; use gzip, zstd or none")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct BackupSettings {
    pub format: String,
    pub compression_level: Option<i32>,
    /// Recipients from backup.recipients, backup.recipients_file, and BACKUP_ENCRYPTION_KEY when
    /// it is a recipient.
    pub recipients: Vec<String>,
    pub armor: bool,
    pub pg_dump: Option<PathBuf>,
    /// `redis`: the backup lock is a Redis lease, shared by every host using the same Redis.
    pub lock_in_redis: bool,
    pub schedule: Option<Schedule>,
    /// `[backup.retention]`, with `retention_days` as `keep_within` when that is not set.
    pub retention: crate::backup::retention::Policy,
    pub compression: Compression,
    pub encrypt: bool,
    pub encryption_key: Option<String>,
    pub local_path: PathBuf,
    pub s3: Option<S3Settings>,
}

/// Thresholds of `dbctl health`: a value at or past `warn` is a warning, at or past `crit` critical.
#[derive(Debug, Clone)]
pub struct HealthThresholds {
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
    /// Non-fatal remarks found while loading (printed on stderr unless --quiet).
    pub warnings: Vec<String>,
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
}

/// A parsed configuration file: the top level and each profile, flattened to dotted keys.
#[derive(Debug, Clone, Default)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub top: BTreeMap<String, String>,
    pub profiles: BTreeMap<String, BTreeMap<String, String>>,
}

impl ConfigFile {
    /// Reads and checks a file: malformed TOML and unknown keys are errors naming the file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigError::new(format!(
                "cannot read configuration file {}: {e}; check the path given to --config or DBCTL_CONFIG",
                path.display()
            ))
        })?;
        Self::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let at = e
                .span()
                .map(|s| {
                    let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                    format!(" at line {line}")
                })
                .unwrap_or_default();
            ConfigError::new(format!(
                "{}: invalid TOML{at}: {}; fix the syntax (see config.example.toml)",
                path.display(),
                e.message()
            ))
        })?;
        let mut file = ConfigFile { path: path.to_path_buf(), ..Default::default() };
        let mut problems = Vec::new();
        for (k, v) in &table {
            if k == "env" {
                let Some(profiles) = v.as_table() else {
                    problems.push(format!(
                        "{}: `env` must be a table of profiles, like [env.production]",
                        path.display()
                    ));
                    continue;
                };
                for (name, body) in profiles {
                    let Some(body) = body.as_table() else {
                        problems.push(format!(
                            "{}: profile `env.{name}` must be a table, like [env.{name}]",
                            path.display()
                        ));
                        continue;
                    };
                    let mut flat = BTreeMap::new();
                    flatten(path, &format!("env.{name}."), "", body, &mut flat, &mut problems);
                    file.profiles.insert(name.clone(), flat);
                }
            } else {
                let single = toml::Table::from_iter([(k.clone(), v.clone())]);
                flatten(path, "", "", &single, &mut file.top, &mut problems);
            }
        }
        if problems.is_empty() { Ok(file) } else { Err(ConfigError { problems }) }
    }
}

fn flatten(
    path: &Path,
    shown_prefix: &str,
    prefix: &str,
    table: &toml::Table,
    out: &mut BTreeMap<String, String>,
    problems: &mut Vec<String>,
) {
    for (k, v) in table {
        let name = format!("{prefix}{k}");
        match v {
            toml::Value::Table(inner) if keys::is_table(&name) => {
                flatten(path, shown_prefix, &format!("{name}."), inner, out, problems);
            }
            _ if keys::find(&name).is_none() => {
                let hint = match keys::suggest(&name) {
                    Some(s) => format!(" (did you mean `{shown_prefix}{s}`?)"),
                    None => String::new(),
                };
                problems.push(format!(
                    "{}: unknown key `{shown_prefix}{name}`{hint}; config.example.toml lists every key",
                    path.display()
                ));
            }
            toml::Value::String(s) => {
                out.insert(name, s.clone());
            }
            toml::Value::Integer(i) => {
                out.insert(name, i.to_string());
            }
            toml::Value::Float(f) => {
                out.insert(name, f.to_string());
            }
            toml::Value::Boolean(b) => {
                out.insert(name, b.to_string());
            }
            other => problems.push(format!(
                "{}: key `{shown_prefix}{name}` must be a single value, not a {}",
                path.display(),
                other.type_str()
            )),
        }
    }
}

impl Settings {
    /// Builds the settings from the real environment.
    pub fn load(args: &GlobalArgs) -> Result<Self, ConfigError> {
        Self::load_with(args, &ProcessEnv, Profile::Selected)
    }

    /// Builds the settings for a profile (`config check` checks every one).
    pub fn load_with(
        args: &GlobalArgs,
        env: &dyn Environment,
        profile: Profile,
    ) -> Result<Self, ConfigError> {
        let cwd = env.current_dir();
        let file = find_config(args, env, &cwd)?;
        let profile = match profile {
            Profile::Selected => args.profile.clone().or_else(|| non_empty(env.var("DBCTL_ENV"))),
            Profile::TopLevel => None,
            Profile::Named(p) => Some(p.to_string()),
        };
        let mut warnings = Vec::new();
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
                let place = file.as_ref().map(|f| f.path.display().to_string());
                warnings.push(match place {
                    Some(path) => {
                        format!("profile `{p}` is not defined in {path}; using its top-level settings")
                    }
                    None => format!("profile `{p}` selected but no dbctl.toml found; using defaults"),
                });
            }
        }
        let resolved = resolve(args, env, file.as_ref(), profile.as_deref());
        let mut settings = build(resolved, &cwd, file.map(|f| f.path), profile, args)?;
        settings.warnings = warnings;
        Ok(settings)
    }

    /// The effective value and source of a key.
    pub fn resolved(&self, name: &str) -> Option<&Resolved> {
        self.resolved.iter().find(|r| r.key.name == name)
    }
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

/// Registers what a value of this kind holds that must never be printed.
fn register_secret(r: &mut Redactor, kind: Kind, value: &str) {
    match kind {
        Kind::Secret => r.add(value),
        Kind::DatabaseUrl | Kind::RedisUrl | Kind::HttpUrl => r.add_url(value),
        _ => {}
    }
}

/// The secrets of the flags and environment, for errors raised before the settings are built
/// (a broken config file, say): every key the table marks secret or URL.
pub fn early_redactor(args: &GlobalArgs, env: &dyn Environment) -> Redactor {
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

/// `--config`, then `DBCTL_CONFIG` (both must exist), then ./dbctl.toml if present.
pub fn find_config(
    args: &GlobalArgs,
    env: &dyn Environment,
    cwd: &Path,
) -> Result<Option<ConfigFile>, ConfigError> {
    let explicit = args
        .config
        .clone()
        .map(|p| (p, "--config"))
        .or_else(|| non_empty(env.var("DBCTL_CONFIG")).map(|p| (PathBuf::from(p), "DBCTL_CONFIG")));
    match explicit {
        Some((path, origin)) => {
            let path = if path.is_absolute() { path } else { cwd.join(path) };
            if !path.is_file() {
                return Err(ConfigError::new(format!(
                    "configuration file {} (from {origin}) does not exist; fix the path or create it \
                     from config.example.toml",
                    path.display()
                )));
            }
            ConfigFile::load(&path).map(Some)
        }
        None => {
            let path = cwd.join(DEFAULT_CONFIG_FILE);
            if path.is_file() { ConfigFile::load(&path).map(Some) } else { Ok(None) }
        }
    }
}

fn flag_value(args: &GlobalArgs, flag: &str) -> Option<String> {
    match flag {
        "--database-url" => args.database_url.clone(),
        "--redis-url" => args.redis_url.clone(),
        "--connect-timeout" => args.connect_timeout.clone(),
        "--lock-timeout" => args.lock_timeout.clone(),
        _ => None,
    }
}

fn resolve(
    args: &GlobalArgs,
    env: &dyn Environment,
    file: Option<&ConfigFile>,
    profile: Option<&str>,
) -> Vec<Resolved> {
    KEYS.iter()
        .map(|key| {
            let mut value = key.default.map(str::to_string);
            let mut source = Source::Default;
            if let Some(f) = file {
                // An empty string in the file unsets the value (a profile can drop a top-level one).
                if let Some(v) = f.top.get(key.name) {
                    value = Some(v.clone()).filter(|v| !v.is_empty());
                    source = Source::File { path: f.path.clone(), profile: None };
                }
                if let Some(p) = profile
                    && let Some(v) = f.profiles.get(p).and_then(|t| t.get(key.name))
                {
                    value = Some(v.clone()).filter(|v| !v.is_empty());
                    source = Source::File { path: f.path.clone(), profile: Some(p.to_string()) };
                }
            }
            if let Some((var, v)) = key.env.iter().find_map(|var| non_empty(env.var(var)).map(|v| (*var, v)))
            {
                value = Some(v);
                source = Source::Env(var);
            }
            if let Some(flag) = key.flag
                && let Some(v) = flag_value(args, flag)
            {
                value = Some(v);
                source = Source::Flag(flag);
            }
            Resolved { key, value, source }
        })
        .collect()
}

/// Checks and converts raw values; every problem names the key, its origin and the fix.
struct Builder<'a> {
    resolved: &'a [Resolved],
    problems: Vec<String>,
}

impl Builder<'_> {
    fn raw(&self, name: &str) -> Option<(&str, &Resolved)> {
        let r = self.resolved.iter().find(|r| r.key.name == name).expect("known key");
        r.value.as_deref().map(|v| (v, r))
    }

    fn problem(&mut self, r: &Resolved, what: impl fmt::Display) {
        let origin = match &r.source {
            Source::Env(var) => format!("{var} (environment)"),
            Source::Flag(flag) => format!("{flag} (flag)"),
            other => format!("{} ({other})", r.key.name),
        };
        self.problems.push(format!("{origin}: {what}"));
    }

    fn get<T>(&mut self, name: &str, parse: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        let (text, r) = self.raw(name)?;
        match parse(text) {
            Ok(v) => Some(v),
            Err(e) => {
                let r = r.clone();
                self.problem(&r, e);
                None
            }
        }
    }

    fn text(&mut self, name: &str) -> Option<String> {
        self.get(name, |s| Ok(s.to_string()))
    }
}

fn parse_bool(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err(format!("`{s}` is not a boolean; use true or false")),
    }
}

fn parse_count(s: &str, min: u64) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if n >= min => Ok(n),
        _ => Err(format!("`{s}` is not a whole number ≥ {min}")),
    }
}

fn parse_percent(s: &str) -> Result<f64, String> {
    let t = s.trim().trim_end_matches('%').trim();
    match t.parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{s}` is not a percentage; write a number from 0 to 100")),
    }
}

fn parse_bucket(s: &str) -> Result<String, String> {
    let ok_chars = s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    let edges = s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric());
    if (3..=63).contains(&s.len()) && ok_chars && edges {
        Ok(s.to_string())
    } else {
        Err(format!(
            "`{s}` is not a valid S3 bucket name; use 3 to 63 lowercase letters, digits, dots or hyphens"
        ))
    }
}

fn parse_http_url(s: &str) -> Result<String, String> {
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(s.to_string()),
        _ => Err(format!("`{}` is not an http(s) URL", redact_url(s))),
    }
}

fn parse_redis_url(s: &str) -> Result<String, String> {
    use redis::IntoConnectionInfo;
    let scheme = s.split("://").next().unwrap_or_default();
    if !matches!(scheme, "redis" | "rediss" | "unix" | "redis+unix") || !s.contains("://") {
        return Err(format!(
            "`{}` is not a Redis URL; write redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS, or unix:///path/to/socket",
            redact_url(s)
        ));
    }
    s.into_connection_info()
        .map(|_| s.to_string())
        .map_err(|e| format!("`{}` is not a valid Redis URL: {e}", redact_url(s)))
}

fn parse_encryption(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "age" | "true" | "on" | "yes" | "1" => Ok(true),
        "none" | "false" | "off" | "no" | "0" => Ok(false),
        _ => Err(format!("unknown encryption `{s}`; use age or none")),
    }
}

/// Reads `health.NAME_warn` and `health.NAME_crit`, and checks that warn does not exceed crit.
fn threshold_pair<T: Copy + Default>(
    b: &mut Builder,
    name: &str,
    parse: impl Fn(&str) -> Result<T, String>,
    magnitude: impl Fn(T) -> f64,
) -> (T, T) {
    let (warn_key, crit_key) = (format!("health.{name}_warn"), format!("health.{name}_crit"));
    let warn = b.get(&warn_key, &parse);
    let crit = b.get(&crit_key, &parse);
    if let (Some(w), Some(c)) = (warn, crit)
        && magnitude(w) > magnitude(c)
    {
        b.problems.push(format!(
            "{warn_key} is above {crit_key}; a warning threshold must not exceed the critical one"
        ));
    }
    (warn.unwrap_or_default(), crit.unwrap_or_default())
}

fn build(
    resolved: Vec<Resolved>,
    cwd: &Path,
    config_file: Option<PathBuf>,
    profile: Option<String>,
    args: &GlobalArgs,
) -> Result<Settings, ConfigError> {
    let mut b = Builder { resolved: &resolved, problems: Vec::new() };
    let mut redactor = Redactor::new();
    for r in b.resolved {
        if let Some(v) = &r.value {
            register_secret(&mut redactor, r.key.kind, v);
        }
    }

    let protected = b.get("protected", parse_bool).unwrap_or(false);
    let target = match b.raw("database.url") {
        None => Some(DbTarget::embedded_default(cwd)),
        Some(_) => b.get("database.url", |s| DbTarget::parse(s, cwd)),
    };
    let pool_max = b.get("database.pool_max", |s| parse_count(s, 1)).unwrap_or(10);
    let connect_timeout = b.get("database.connect_timeout", parse_duration).unwrap_or(Duration::from_secs(5));
    let redis = b.get("redis.url", parse_redis_url).map(|url| RedisSettings { url });

    let migrations_dir =
        b.get("migrations.dir", |s| Ok(PathBuf::from(s))).unwrap_or_else(|| "migrations".into());
    let migrations = MigrationSettings {
        dir: if migrations_dir.is_absolute() { migrations_dir } else { cwd.join(migrations_dir) },
        lock_timeout: b.get("migrations.lock_timeout", parse_duration).unwrap_or_default(),
    };

    let seeds_dir = b.get("seeds.dir", |s| Ok(PathBuf::from(s))).unwrap_or_else(|| "seeds".into());
    let seeds_dir = if seeds_dir.is_absolute() { seeds_dir } else { cwd.join(seeds_dir) };

    let zone = b.get("backup.schedule_timezone", crate::schedule::parse_zone).unwrap_or(chrono_tz::Tz::UTC);
    let schedule = b.get("backup.schedule", Schedule::parse).map(|s| s.in_zone(zone));
    let retention_days = b.get("backup.retention_days", |s| parse_count(s, 1));
    let keep = |b: &mut Builder, key: &str| b.get(key, |s| parse_count(s, 0)).map(|n| n as u32);
    let retention = crate::backup::retention::Policy {
        keep_last: keep(&mut b, "backup.retention.keep_last"),
        keep_within: b
            .get("backup.retention.keep_within", parse_duration)
            .or(retention_days.map(|d| Duration::from_secs(d * 86_400))),
        keep_hourly: keep(&mut b, "backup.retention.keep_hourly"),
        keep_daily: keep(&mut b, "backup.retention.keep_daily"),
        keep_weekly: keep(&mut b, "backup.retention.keep_weekly"),
        keep_monthly: keep(&mut b, "backup.retention.keep_monthly"),
        keep_yearly: keep(&mut b, "backup.retention.keep_yearly"),
    };
    let compression = b.get("backup.compression", Compression::from_name).unwrap_or(Compression::Gzip);
    let encrypt = b.get("backup.encryption", parse_encryption).unwrap_or(false);
    let mut encryption_key = b.text("backup.encryption_key");
    if let Some(path) = b.get("backup.passphrase_file", |s| Ok(PathBuf::from(s))) {
        let path = if path.is_absolute() { path } else { cwd.join(path) };
        match std::fs::read_to_string(&path) {
            Ok(text) if !text.lines().next().unwrap_or_default().is_empty() => {
                let pass = text.lines().next().unwrap_or_default().to_string();
                redactor.add(&pass);
                encryption_key = Some(pass);
            }
            Ok(_) => {
                let r = b.raw("backup.passphrase_file").map(|(_, r)| r.clone()).expect("set");
                b.problem(&r, format!("{} is empty; its first line is the passphrase", path.display()));
            }
            Err(e) => {
                let r = b.raw("backup.passphrase_file").map(|(_, r)| r.clone()).expect("set");
                b.problem(&r, format!("cannot read {}: {e}", path.display()));
            }
        }
    }
    let format = b.text("backup.format").unwrap_or_else(|| "plain".into());
    let compression_level = b.get("backup.compression_level", |s| parse_count(s, 0)).map(|n| n as i32);
    let mut recipients: Vec<String> = b
        .text("backup.recipients")
        .map(|r| r.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
        .unwrap_or_default();
    if let Some(path) = b.get("backup.recipients_file", |s| Ok(PathBuf::from(s))) {
        let path = if path.is_absolute() { path } else { cwd.join(path) };
        match std::fs::read_to_string(&path) {
            Ok(text) => recipients.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_string),
            ),
            Err(e) => {
                let r = b.raw("backup.recipients_file").map(|(_, r)| r.clone()).expect("set");
                b.problem(&r, format!("cannot read {}: {e}", path.display()));
            }
        }
    }
    if let Some(key) = &encryption_key
        && crate::backup::pipeline::is_recipient(key)
    {
        recipients.push(key.trim().to_string());
    }
    let armor = b.get("backup.armor", parse_bool).unwrap_or(false);
    let pg_dump = b.get("backup.pg_dump", |s| Ok(PathBuf::from(s)));
    let lock_in_redis = b.text("backup.lock").is_some_and(|l| l == "redis");
    if encrypt && encryption_key.is_none() && recipients.is_empty() {
        let r = b.raw("backup.encryption").map(|(_, r)| r.clone()).expect("has a default");
        b.problem(
            &r,
            "encryption is on but no key is set; set BACKUP_ENCRYPTION_KEY (an age1… recipient or a passphrase) \
             or backup.recipients, or turn encryption off",
        );
    }
    let local_path = b.get("backup.local.path", |s| Ok(PathBuf::from(s))).unwrap_or_else(|| "backups".into());
    let local_path = if local_path.is_absolute() { local_path } else { cwd.join(local_path) };
    let max_parts = b.get("backup.s3.max_parts", |s| parse_count(s, 10)).unwrap_or(10_000).min(10_000) as u32;
    let sse = b.text("backup.s3.sse");
    let storage_class = b.text("backup.s3.storage_class");
    let s3 = b.get("backup.s3.bucket", parse_bucket).map(|bucket| S3Settings {
        bucket,
        max_parts,
        sse,
        storage_class,
        prefix: None,
        region: None,
        endpoint_url: None,
        access_key: None,
        secret_key: None,
    });
    let prefix = b.text("backup.s3.prefix");
    let region = b.text("backup.s3.region");
    let endpoint_url = b.get("backup.s3.endpoint_url", parse_http_url);
    let access_key = b.text("backup.s3.access_key");
    let secret_key = b.text("backup.s3.secret_key");
    if access_key.is_some() != secret_key.is_some() {
        let r = b
            .raw("backup.s3.access_key")
            .or(b.raw("backup.s3.secret_key"))
            .map(|(_, r)| r.clone())
            .expect("one is set");
        b.problem(&r, "set both BACKUP_S3_ACCESS_KEY and BACKUP_S3_SECRET_KEY, or neither to use the AWS credential chain");
    }
    let s3 = s3.map(|s| S3Settings { prefix, region, endpoint_url, access_key, secret_key, ..s });

    // Every threshold has a default in the key table, so a missing value here means a problem
    // was recorded and the build fails below.
    let (latency_warn, latency_crit) = threshold_pair(&mut b, "latency", parse_duration, |d| d.as_secs_f64());
    let (connections_warn, connections_crit) = threshold_pair(&mut b, "connections", parse_percent, |p| p);
    let (replication_lag_warn, replication_lag_crit) =
        threshold_pair(&mut b, "replication_lag", parse_duration, |d| d.as_secs_f64());
    let (transaction_age_warn, transaction_age_crit) =
        threshold_pair(&mut b, "transaction_age", parse_duration, |d| d.as_secs_f64());
    let (redis_memory_warn, redis_memory_crit) = threshold_pair(&mut b, "redis_memory", parse_percent, |p| p);
    let health = HealthThresholds {
        latency_warn,
        latency_crit,
        connections_warn,
        connections_crit,
        replication_lag_warn,
        replication_lag_crit,
        transaction_age_warn,
        transaction_age_crit,
        redis_memory_warn,
        redis_memory_crit,
        redis_rejected_warn: b.get("health.redis_rejected_warn", |s| parse_count(s, 0)).unwrap_or_default(),
        backup_max_age: b.get("health.backup_max_age", parse_duration),
        backup_grace: b.get("health.backup_grace", parse_duration).unwrap_or(Duration::from_secs(3600)),
    };

    let studio = StudioSettings {
        port: b
            .get("studio.port", |s| s.parse::<u16>().map_err(|_| format!("`{s}` is not a port (0-65535)")))
            .unwrap_or(5555),
        bind: b
            .get("studio.bind", |s| {
                s.parse::<std::net::IpAddr>()
                    .map_err(|_| format!("`{s}` is not an IP address (127.0.0.1, ::1 or 0.0.0.0)"))
            })
            .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)),
        statement_timeout: b
            .get("studio.statement_timeout", parse_duration)
            .unwrap_or(Duration::from_secs(5)),
        row_cap: b.get("studio.row_cap", |s| parse_count(s, 1)).unwrap_or(1000) as usize,
        page_size: b.get("studio.page_size", |s| parse_count(s, 1)).unwrap_or(50).min(1000) as usize,
    };

    let wait = match &args.wait {
        Some(text) => match parse_duration(text) {
            Ok(d) => Some(d),
            Err(e) => {
                b.problems.push(format!("--wait: {e}"));
                None
            }
        },
        None => None,
    };

    if !b.problems.is_empty() {
        let problems = b.problems.iter().map(|p| redactor.redact(p)).collect();
        return Err(ConfigError { problems });
    }
    let color = !args.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::IsTerminal::is_terminal(&std::io::stdout());
    Ok(Settings {
        config_file,
        profile,
        protected,
        database: DatabaseSettings {
            target: target.expect("checked above"),
            pool_max: pool_max as u32,
            connect_timeout,
        },
        redis,
        migrations,
        seeds_dir,
        backup: BackupSettings {
            format,
            compression_level,
            recipients,
            armor,
            pg_dump,
            lock_in_redis,
            schedule,
            retention,
            compression,
            encrypt,
            encryption_key,
            local_path,
            s3,
        },
        health,
        studio,
        output: OutputSettings { json: args.json, quiet: args.quiet, verbose: args.verbose, color },
        wait,
        resolved,
        redactor,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct FakeEnv {
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

    fn env_with(dir: &Path, vars: &[(&'static str, &'static str)]) -> FakeEnv {
        FakeEnv { vars: vars.iter().copied().collect(), cwd: dir.to_path_buf() }
    }

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
        let args = GlobalArgs::default();
        let s = Settings::load_with(&args, &env_with(dir.path(), &[]), Profile::Selected).unwrap();
        assert_eq!(s.resolved("database.url").unwrap().value.as_deref(), Some("postgres://file@h/db"));
        assert_eq!(s.database.pool_max, 4);
        assert_eq!(s.resolved("database.connect_timeout").unwrap().source, Source::Default);

        let staging = GlobalArgs { profile: Some("staging".into()), ..Default::default() };
        let s = Settings::load_with(&staging, &env_with(dir.path(), &[]), Profile::Selected).unwrap();
        let r = s.resolved("database.url").unwrap();
        assert_eq!(r.value.as_deref(), Some("postgres://profile@h/db"));
        assert_eq!(
            r.source.to_string(),
            format!("file {} [env.staging]", dir.path().join("dbctl.toml").display())
        );

        let env = env_with(dir.path(), &[("DATABASE_URL", "postgres://env@h/db"), ("DBCTL_ENV", "staging")]);
        let s = Settings::load_with(&GlobalArgs::default(), &env, Profile::Selected).unwrap();
        assert_eq!(s.profile.as_deref(), Some("staging"));
        let r = s.resolved("database.url").unwrap();
        assert_eq!(
            (r.value.as_deref(), &r.source),
            (Some("postgres://env@h/db"), &Source::Env("DATABASE_URL"))
        );

        let flags = GlobalArgs { database_url: Some("postgres://flag@h/db".into()), ..Default::default() };
        let s = Settings::load_with(&flags, &env, Profile::Selected).unwrap();
        let r = s.resolved("database.url").unwrap();
        assert_eq!(
            (r.value.as_deref(), &r.source),
            (Some("postgres://flag@h/db"), &Source::Flag("--database-url"))
        );
    }

    #[test]
    fn unknown_keys_name_the_key_and_the_file() {
        let dir = project("[database]\nurll = \"x\"\n[env.prod]\nprotectd = true\n");
        let err = Settings::load_with(&GlobalArgs::default(), &env_with(dir.path(), &[]), Profile::Selected)
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
        let err = Settings::load_with(&GlobalArgs::default(), &env_with(dir.path(), &[]), Profile::Selected)
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
        let err = Settings::load_with(&GlobalArgs::default(), &env, Profile::Selected).unwrap_err();
        assert_eq!(err.problems.len(), 5, "{err}");
        let text = err.to_string();
        assert!(!text.contains("topsecret"), "{text}");
        assert!(text.contains("DATABASE_URL (environment)"), "{text}");
        assert!(text.contains("BACKUP_COMPRESSION (environment): unknown compression `lz4`"), "{text}");
        assert!(text.contains("day of week"), "{text}");
    }

    #[test]
    fn empty_environment_values_count_as_unset() {
        let dir = tempfile::tempdir().unwrap();
        let env = env_with(dir.path(), &[("REDIS_URL", ""), ("DATABASE_URL", " ")]);
        let s = Settings::load_with(&GlobalArgs::default(), &env, Profile::Selected).unwrap();
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
            ],
        );
        let s = Settings::load_with(&GlobalArgs::default(), &env, Profile::Selected).unwrap();
        assert!(s.backup.encrypt);
        assert_eq!(s.resolved("database.url").unwrap().display_value().unwrap(), "postgres://u:***@h/db");
        assert_eq!(s.resolved("backup.encryption_key").unwrap().display_value().unwrap(), "***");
        assert_eq!(s.redactor.redact("pw123 passphrase"), "*** ***");
    }

    #[test]
    fn warning_threshold_above_critical_is_rejected() {
        let dir = project("[health]\nconnections_warn = 99\nconnections_crit = 90\n");
        let err = Settings::load_with(&GlobalArgs::default(), &env_with(dir.path(), &[]), Profile::Selected)
            .unwrap_err();
        assert!(
            err.to_string().contains("health.connections_warn is above health.connections_crit"),
            "{err}"
        );
    }
}
