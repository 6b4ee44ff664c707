//! Raw values checked and converted into [`Settings`]: every problem names the key, where its
//! value came from, and the fix; all problems of a configuration are reported together.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{
    BackupSettings, Compression, DatabaseSettings, GcsSettings, HealthThresholds, MigrationSettings, Origin,
    OutputSettings, RedisSettings, Resolved, RetentionRules, S3Settings, Settings, StudioSettings,
    is_recipient, register_secret,
};
use crate::cli::GlobalArgs;
use crate::db::DbTarget;
use crate::error::ConfigError;
use crate::redact::{Redactor, redact_url};
use crate::schedule::Schedule;

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
        let origin = match &r.origin {
            Origin::Env(var) => format!("{var} (environment)"),
            Origin::Flag(flag) => format!("{flag} (flag)"),
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

/// Parses a duration such as `500ms`, `5s`, `2m`, `1h 30m`, or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    if let Ok(secs) = text.parse::<f64>()
        && secs.is_finite()
        && secs >= 0.0
    {
        return Ok(Duration::from_secs_f64(secs));
    }
    humantime::parse_duration(text)
        .map_err(|e| format!("`{text}` is not a duration ({e}); write it like 500ms, 30s, 5m or 1h"))
}

pub(super) fn parse_bool(s: &str) -> Result<bool, String> {
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

/// Google's rules: 3 to 63 characters (222 with dots), lowercase letters, digits, `-`, `_`, `.`,
/// starting and ending with a letter or digit.
fn parse_gcs_bucket(s: &str) -> Result<String, String> {
    let ok_chars =
        s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'));
    let edges = s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric());
    let max = if s.contains('.') { 222 } else { 63 };
    if (3..=max).contains(&s.len()) && ok_chars && edges {
        Ok(s.to_string())
    } else {
        Err(format!(
            "`{}` is not a valid GCS bucket name; use 3 to 63 lowercase letters, digits, dots, hyphens or \
             underscores",
            crate::output::escape_controls(s)
        ))
    }
}

fn parse_http_url(s: &str) -> Result<String, String> {
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(s.to_string()),
        _ => Err(format!("`{}` is not an http(s) URL", redact_url(s))),
    }
}

/// A size: a number of bytes, or with a unit (KiB, MiB, GiB, TiB; KB, MB, GB, TB; B).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let n: u64 = number.parse().map_err(|_| format!("`{t}` is not a size (500MiB, 64GiB)"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kib" | "k" => 1 << 10,
        "mib" | "m" => 1 << 20,
        "gib" | "g" => 1 << 30,
        "tib" | "t" => 1 << 40,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "tb" => 1_000_000_000_000,
        _ => return Err(format!("`{t}` is not a size (500MiB, 64GiB)")),
    };
    n.checked_mul(factor).filter(|v| *v > 0).ok_or_else(|| format!("`{t}` is not a size a snapshot can have"))
}

/// A storage endpoint: https, or http on this host only (an emulator), since the requests carry
/// credentials (a bearer token, signed requests) and the backups themselves.
fn parse_endpoint_url(s: &str) -> Result<String, String> {
    let checked = parse_http_url(s)?;
    let u = url::Url::parse(s).map_err(|e| e.to_string())?;
    let loopback = match u.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if u.scheme() == "http" && !loopback {
        return Err(format!(
            "`{}` is plain http to another host, which would carry the storage's credentials and the backups in \
             the clear; use https:// (http:// is for an emulator on this host)",
            redact_url(s)
        ));
    }
    Ok(checked)
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

pub(super) fn build(
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
    // A direct URL (Prisma's directUrl) replaces a pooled DATABASE_URL for everything dbctl
    // does, as Prisma's CLI migrates through it; a URL given to dbctl itself (flag, dbctl.toml)
    // is used as given.
    let given_to_dbctl =
        b.raw("database.url").is_some_and(|(_, r)| matches!(r.origin, Origin::Flag(_) | Origin::File { .. }));
    let direct = b.get("database.direct_url", |s| DbTarget::parse(s, cwd));
    let (target, direct) = match direct {
        Some(d) if !given_to_dbctl => (Some(d), true),
        _ => (target, false),
    };
    let pool_max = b.get("database.pool_max", |s| parse_count(s, 1)).unwrap_or(10);
    let connect_timeout = b.get("database.connect_timeout", parse_duration).unwrap_or(Duration::from_secs(5));
    let redis = b.get("redis.url", parse_redis_url).map(|url| RedisSettings { url });

    let migrations_dir =
        b.get("migrations.dir", |s| Ok(PathBuf::from(s))).unwrap_or_else(|| "migrations".into());
    let dir_origin = b.raw("migrations.dir").map(|(_, r)| r.origin.clone()).filter(|o| *o != Origin::Default);
    let mut dir = if migrations_dir.is_absolute() { migrations_dir } else { cwd.join(migrations_dir) };
    let mut dir_reason = match &dir_origin {
        Some(o) => format!("migrations.dir, from {o}"),
        None => "the default ./migrations".to_string(),
    };
    // A Prisma project keeps its migrations where Prisma looks: migrations/ beside the schema
    // (--schema, prisma.config.ts, package.json's prisma.schema, prisma/schema.prisma).
    let prisma_schema = crate::db::prisma_base(cwd).1;
    if dir_origin.is_none() && !dir.is_dir() {
        let beside = prisma_schema.as_ref().map(|schema| {
            let folder =
                if schema.is_dir() { schema.clone() } else { schema.parent().unwrap_or(cwd).to_path_buf() };
            (folder.join("migrations"), schema.clone())
        });
        if let Some((found, schema)) = beside.clone().filter(|(d, _)| d.is_dir()) {
            dir_reason =
                format!("beside the Prisma schema {}", schema.strip_prefix(cwd).unwrap_or(&schema).display());
            dir = found;
        } else if cwd.join("prisma/migrations").is_dir() {
            dir = cwd.join("prisma/migrations");
            dir_reason = "Prisma's ./prisma/migrations".to_string();
        } else if let Some((expected, _)) = beside {
            // Not there yet: name where a Prisma project's migrations would be.
            dir = expected;
            dir_reason = "beside the Prisma schema (missing)".to_string();
        }
    }
    let migrations = MigrationSettings {
        dir,
        lock_timeout: b.get("migrations.lock_timeout", parse_duration).unwrap_or_default(),
        format: b.text("migrations.format").unwrap_or_else(|| "auto".into()),
        backup_first: b.get("migrations.backup_first", parse_bool).unwrap_or(false),
        shadow_url: b.text("migrations.shadow_url").filter(|s| !s.trim().is_empty()),
        shadow_init: b.text("migrations.shadow_init").filter(|s| !s.trim().is_empty()),
        dir_reason,
        prisma_schema,
    };

    let seeds_dir = b.get("seeds.dir", |s| Ok(PathBuf::from(s))).unwrap_or_else(|| "seeds".into());
    let seeds_dir = if seeds_dir.is_absolute() { seeds_dir } else { cwd.join(seeds_dir) };

    let zone = b.get("backup.schedule_timezone", crate::schedule::parse_zone).unwrap_or(chrono_tz::Tz::UTC);
    let schedule = b.get("backup.schedule", Schedule::parse).map(|s| s.in_zone(zone));
    let maintain_schedule = b.get("maintain.schedule", Schedule::parse).map(|s| s.in_zone(zone));
    let retention_days = b.get("backup.retention_days", |s| parse_count(s, 1));
    let keep = |b: &mut Builder, key: &str| b.get(key, |s| parse_count(s, 0)).map(|n| n as u32);
    let retention = RetentionRules {
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
    let name = b.get("backup.name", |s| {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'));
        if ok {
            Ok(s.to_string())
        } else {
            Err(format!("`{s}` is not a backup name: use 1 to 64 letters, digits, `.`, `_` or `-`"))
        }
    });
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
        && is_recipient(key)
    {
        recipients.push(key.trim().to_string());
    }
    let armor = b.get("backup.armor", parse_bool).unwrap_or(false);
    let pg_dump = b.get("backup.pg_dump", |s| Ok(PathBuf::from(s)));
    let dump_command = b.text("backup.dump_command").filter(|c| !c.trim().is_empty());
    let dump_name = b.get("backup.dump_name", |s| {
        if !s.is_empty() && s.len() <= 63 && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-".contains(c))
        {
            Ok(s.to_string())
        } else {
            Err("a name of letters, digits, `_` and `-` (at most 63)".to_string())
        }
    });
    let restore_command = b.text("restore.command").filter(|c| !c.trim().is_empty());
    let redis_max_bytes = b.get("backup.redis_max_bytes", parse_size).unwrap_or(64 << 30);
    let url_configured =
        b.raw("database.url").is_some_and(|(_, r)| r.origin != Origin::Default && r.value.is_some());
    let command_engine = match b.text("backup.engine").as_deref().map(str::trim) {
        Some("command") => true,
        Some("database") => false,
        _ => {
            matches!(target, Some(crate::db::DbTarget::Command { .. }))
                || (dump_command.is_some() && !url_configured)
        }
    };
    let from_replica =
        b.get("backup.from", |s| Ok(s.trim().eq_ignore_ascii_case("replica"))).unwrap_or(false);
    let replica_max_lag = b.get("backup.replica_max_lag", parse_duration).unwrap_or(Duration::from_secs(60));
    let pg_bin_dirs: Vec<PathBuf> = b
        .text("backup.pg_bin_dir")
        .map(|s| std::env::split_paths(&s).map(|p| if p.is_absolute() { p } else { cwd.join(p) }).collect())
        .unwrap_or_default();
    let lock_in_redis = b.text("backup.lock").is_some_and(|l| l == "redis");
    if encrypt && encryption_key.is_none() && recipients.is_empty() {
        let r = b.raw("backup.encryption").map(|(_, r)| r.clone()).expect("has a default");
        b.problem(
            &r,
            "encryption is on but no key is set; set BACKUP_ENCRYPTION_KEY (an age1… recipient or a passphrase) \
             or backup.recipients, or turn encryption off",
        );
    }
    // Destinations: each on when configured, several at once. Local is on when BACKUP_LOCAL /
    // backup.local.path says so (`true` is the default directory, not one named `true`; `false`
    // is off, which needs another destination), and by default when no bucket is set.
    let elsewhere = b.raw("backup.s3.bucket").is_some() || b.raw("backup.gcs.bucket").is_some();
    let local_given = b.raw("backup.local.path").is_some_and(|(_, r)| r.origin != Origin::Default);
    let local = b
        .get("backup.local.path", |s| match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Ok(Some(PathBuf::from("backups"))),
            "false" | "no" | "off" | "0" if elsewhere => Ok(None),
            "false" | "no" | "off" | "0" => Err("local backups are off and no other destination is set: set \
                 BACKUP_S3_BUCKET or BACKUP_GCS_BUCKET, or BACKUP_LOCAL=true (the default directory, ./backups) \
                 or a directory"
                .to_string()),
            _ => Ok(Some(PathBuf::from(s))),
        })
        .flatten();
    let local = match (local_given, elsewhere) {
        (true, _) => local,
        (false, true) => None,
        (false, false) => Some(PathBuf::from("backups")),
    };
    let local = local.map(|p| if p.is_absolute() { p } else { cwd.join(p) });
    let max_parts = b.get("backup.s3.max_parts", |s| parse_count(s, 10)).unwrap_or(10_000).min(10_000) as u32;
    let sse = b.text("backup.s3.sse");
    let stall_timeout = b.get("backup.stall_timeout", parse_duration).unwrap_or(Duration::from_secs(60));
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
        stall_timeout,
    });
    let prefix = b.text("backup.s3.prefix");
    let region = b.text("backup.s3.region");
    let endpoint_url = b.get("backup.s3.endpoint_url", parse_endpoint_url);
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
    let gcs_bucket = b.get("backup.gcs.bucket", parse_gcs_bucket);
    let gcs_prefix = b.text("backup.gcs.prefix");
    let project_id = b.text("backup.gcs.project_id");
    let gcs_endpoint = b.get("backup.gcs.endpoint_url", parse_endpoint_url);
    let key_file = b.get("backup.gcs.key_file", |s| Ok(PathBuf::from(s))).map(|p| cwd.join(p));
    if gcs_bucket.is_some() && key_file.is_none() {
        let r = b.raw("backup.gcs.bucket").map(|(_, r)| r.clone()).expect("set");
        b.problem(
            &r,
            "a GCS bucket needs a service-account key file: set BACKUP_GCS_KEY_FILE (or \
             GOOGLE_APPLICATION_CREDENTIALS) to the JSON key Google issued",
        );
    }
    let gcs = gcs_bucket.zip(key_file).map(|(bucket, key_file)| GcsSettings {
        bucket,
        prefix: gcs_prefix,
        project_id,
        key_file,
        endpoint_url: gcs_endpoint,
        stall_timeout,
    });

    // Every threshold has a default in the key table, so a missing value here means a problem
    // was recorded and the build fails below.
    let (latency_warn, latency_crit) = threshold_pair(&mut b, "latency", parse_duration, |d| d.as_secs_f64());
    let (connections_warn, connections_crit) = threshold_pair(&mut b, "connections", parse_percent, |p| p);
    let (replication_lag_warn, replication_lag_crit) =
        threshold_pair(&mut b, "replication_lag", parse_duration, |d| d.as_secs_f64());
    let (transaction_age_warn, transaction_age_crit) =
        threshold_pair(&mut b, "transaction_age", parse_duration, |d| d.as_secs_f64());
    let (redis_memory_warn, redis_memory_crit) = threshold_pair(&mut b, "redis_memory", parse_percent, |p| p);
    let (idle_in_transaction_warn, idle_in_transaction_crit) =
        threshold_pair(&mut b, "idle_in_transaction", parse_duration, |d| d.as_secs_f64());
    let (wraparound_warn, wraparound_crit) = threshold_pair(&mut b, "wraparound", parse_percent, |p| p);
    let (slot_wal_warn, slot_wal_crit) = threshold_pair(
        &mut b,
        "slot_wal",
        |s| s.trim().parse::<f64>().map_err(|_| format!("`{s}` is not a number of bytes")),
        |v| v,
    );
    let (dead_tuples_warn, dead_tuples_crit) = threshold_pair(&mut b, "dead_tuples", parse_percent, |p| p);
    let (freelist_warn, freelist_crit) = threshold_pair(&mut b, "freelist", parse_percent, |p| p);
    let health = HealthThresholds {
        drift: b.get("health.drift", parse_bool).unwrap_or(false),
        latency_warn,
        latency_crit,
        connections_warn,
        connections_crit,
        replication_lag_warn,
        replication_lag_crit,
        transaction_age_warn,
        transaction_age_crit,
        idle_in_transaction_warn,
        idle_in_transaction_crit,
        wraparound_warn,
        wraparound_crit,
        slot_wal_warn,
        slot_wal_crit,
        dead_tuples_warn,
        dead_tuples_crit,
        freelist_warn,
        freelist_crit,
        redis_memory_warn,
        redis_memory_crit,
        redis_rejected_warn: b.get("health.redis_rejected_warn", |s| parse_count(s, 0)).unwrap_or_default(),
        backup_max_age: b.get("health.backup_max_age", parse_duration),
        backup_grace: b.get("health.backup_grace", parse_duration).unwrap_or(Duration::from_secs(3600)),
        allow_hosts: b
            .text("health.allow_hosts")
            .map(|s| s.split(',').map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect())
            .unwrap_or_default(),
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
    let mut hook = |table: &str| crate::settings::Hook {
        before: b.text(&format!("{table}.before")).filter(|c| !c.trim().is_empty()),
        after: b.text(&format!("{table}.after")).filter(|c| !c.trim().is_empty()),
        on_failure: b.text(&format!("{table}.on_failure")).filter(|c| !c.trim().is_empty()),
    };
    let (backup_hook, restore_hook, migrate_hook) = (hook("backup"), hook("restore"), hook("migrations"));
    let hooks = crate::settings::HooksSettings {
        backup: backup_hook,
        restore: restore_hook,
        migrate: migrate_hook,
        timeout: b.get("hooks.timeout", parse_duration).unwrap_or(Duration::from_secs(300)),
        pass_env: b
            .text("hooks.pass_env")
            .map(|s| s.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect())
            .unwrap_or_default(),
        ping_url: b.get("notify.ping_url", parse_http_url),
        webhook: b.get("notify.webhook", parse_http_url),
        notify_timeout: b.get("notify.timeout", parse_duration).unwrap_or(Duration::from_secs(15)),
    };
    Ok(Settings {
        config_file,
        env_files: Vec::new(),
        env_file_named: None,
        warnings: Vec::new(),
        profile,
        protected,
        database: DatabaseSettings {
            target: target.expect("checked above"),
            direct,
            pool_max: pool_max as u32,
            connect_timeout,
        },
        redis,
        migrations,
        seeds_dir,
        backup: BackupSettings {
            name,
            format,
            compression_level,
            recipients,
            armor,
            pg_dump,
            pg_bin_dirs,
            from_replica,
            replica_max_lag,
            dump_command,
            dump_name,
            redis_max_bytes,
            stall_timeout,
            command_engine,
            restore_command,
            lock_in_redis,
            schedule,
            retention,
            compression,
            encrypt,
            encryption_key,
            local,
            s3,
            gcs,
            only: None,
        },
        health,
        studio,
        output: OutputSettings {
            json: args.json,
            log_json: args.log_format.as_deref() == Some("json"),
            quiet: args.quiet,
            verbose: args.verbose,
            color,
        },
        wait,
        resolved,
        redactor,
        servers: Vec::new(),
        server: None,
        hooks,
        maintain_schedule,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5").unwrap(), Duration::from_secs(5));
        assert_eq!(parse_duration("1.5").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_duration("1h 30m").unwrap(), Duration::from_secs(5400));
        let err = parse_duration("soon").unwrap_err();
        assert!(err.contains("`soon` is not a duration"), "{err}");
    }
}
