//! Raw values checked and converted into [`Settings`]: every problem names the key, where its
//! value came from, and the fix; all problems of a configuration are reported together.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::Overrides;
use super::keys::{self, Key};
use super::{
    BackupSettings, DatabaseSettings, DestinationSpec, EncryptionPolicy, GcsSettings, HealthThresholds,
    MigrationSettings, Origin, OutputSettings, Place, RedisSettings, Resolved, RetentionRules, S3Settings,
    Settings, StudioSettings, is_recipient, register_secret,
};
use crate::crontab::Schedule;
use crate::db::DbTarget;
use crate::error::ConfigError;
use crate::redact::Redactor;
use crate::values::{
    BackupEngine, Choice, Compression, Destination, DumpFormat, DumpFrom, EncryptionMode, LockKind,
    LogFormat, MigrationFormat, ObjectLockMode, ServerSideEncryption, parse_backup_name, parse_bool,
    parse_bucket, parse_bytes_number, parse_count, parse_dump_name, parse_duration, parse_endpoint_url,
    parse_gcs_bucket, parse_http_url, parse_ip, parse_percent, parse_port, parse_redis_url, parse_size,
};

/// Checks and converts raw values; every problem names the key, its origin and the fix.
struct Builder<'a> {
    resolved: &'a [Resolved],
    problems: Vec<String>,
    /// Keys whose value failed its kind's check (reported once, read as their default).
    failed: Vec<&'static str>,
}

/// How a problem names where the value came from: the variable or flag, else the key and origin.
fn origin_label(key: &Key, origin: &Origin) -> String {
    match origin {
        Origin::Env(var) => format!("{var} (environment, {})", key.name),
        Origin::Flag(flag) => format!("{flag} (flag, {})", key.name),
        other => format!("{} ({other})", key.name),
    }
}

impl<'a> Builder<'a> {
    /// Checks every value of every layer against its key's kind, before anything is built: a
    /// value shadowed by a higher layer is still wrong where it is written.
    fn new(resolved: &'a [Resolved]) -> Self {
        let mut b = Builder { resolved, problems: Vec::new(), failed: Vec::new() };
        for r in resolved {
            let layers = r.value.iter().map(|v| (v, &r.origin)).chain(r.shadowed.iter().map(|(v, o)| (v, o)));
            for (value, origin) in layers {
                if let Err(e) = r.key.kind.check(value) {
                    b.problems.push(format!("{}: {e}", origin_label(r.key, origin)));
                    if std::ptr::eq(origin, &r.origin) {
                        b.failed.push(r.key.name);
                    }
                }
            }
        }
        b
    }

    fn raw(&self, name: &str) -> Option<(&'a str, &'a Resolved)> {
        let r = self.resolved.iter().find(|r| r.key.name == name).expect("known key");
        r.value.as_deref().map(|v| (v, r))
    }

    fn problem(&mut self, r: &Resolved, what: impl fmt::Display) {
        self.problems.push(format!("{}: {what}", origin_label(r.key, &r.origin)));
    }

    /// The value parsed, if set and valid (an invalid one was reported by [`Builder::new`]).
    fn get<T>(&mut self, name: &str, parse: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        let (text, r) = self.raw(name)?;
        if self.failed.contains(&r.key.name) {
            return None;
        }
        match parse(text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem(r, e);
                None
            }
        }
    }

    /// The value parsed, else the key's one default (the key table's): for keys that have one.
    fn or_default<T>(&mut self, name: &str, parse: impl Fn(&str) -> Result<T, String>) -> T {
        if let Some(v) = self.get(name, &parse) {
            return v;
        }
        let key = keys::find(name).expect("known key");
        let default = key.default.unwrap_or_else(|| panic!("{name} has no default in the key table"));
        parse(default).unwrap_or_else(|e| panic!("{name}'s default `{default}` does not parse: {e}"))
    }

    fn text(&mut self, name: &str) -> Option<String> {
        self.get(name, |s| Ok(s.to_string()))
    }

    /// A non-empty text value.
    fn command(&mut self, name: &str) -> Option<String> {
        self.text(name).filter(|c| !c.trim().is_empty())
    }

    /// A comma-separated list, trimmed, empty items left out.
    fn list(&mut self, name: &str) -> Vec<String> {
        self.text(name)
            .map(|s| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
            .unwrap_or_default()
    }

    fn choice<T: Choice>(&mut self, name: &str) -> T {
        self.or_default(name, T::parse)
    }
}

/// Reads `health.NAME_warn` and `health.NAME_crit`, and checks that warn does not exceed crit.
fn threshold_pair<T: Copy>(
    b: &mut Builder,
    name: &str,
    parse: impl Fn(&str) -> Result<T, String>,
    magnitude: impl Fn(T) -> f64,
) -> (T, T) {
    let (warn_key, crit_key) = (format!("health.{name}_warn"), format!("health.{name}_crit"));
    let warn = b.or_default(&warn_key, &parse);
    let crit = b.or_default(&crit_key, &parse);
    if magnitude(warn) > magnitude(crit) {
        b.problems.push(format!(
            "{warn_key} is above {crit_key}; a warning threshold must not exceed the critical one"
        ));
    }
    (warn, crit)
}

pub(super) fn build(
    resolved: Vec<Resolved>,
    cwd: &Path,
    config_file: Option<PathBuf>,
    profile: Option<String>,
    args: &Overrides,
) -> Result<Settings, ConfigError> {
    let mut b = Builder::new(&resolved);
    let mut redactor = Redactor::new();
    for r in b.resolved {
        for v in r.value.iter().chain(r.shadowed.iter().map(|(v, _)| v)) {
            register_secret(&mut redactor, r.key.kind, v);
        }
    }

    let protected = b.or_default("protected", parse_bool);
    let (target, direct) = database(&mut b, cwd);
    let pool_max = b.or_default("database.pool_max", |s| parse_count(s, 1));
    let connect_timeout = b.or_default("database.connect_timeout", parse_duration);
    let redis = b.get("redis.url", parse_redis_url).map(|url| RedisSettings { url });

    let migrations = migrations(&mut b, cwd);

    let seeds_dir = b.or_default("seeds.dir", |s| Ok(PathBuf::from(s)));
    let seeds_dir = if seeds_dir.is_absolute() { seeds_dir } else { cwd.join(seeds_dir) };

    let zone = b.or_default("backup.schedule_timezone", crate::crontab::parse_zone);
    let schedule = b.get("backup.schedule", Schedule::parse).map(|s| s.in_zone(zone));
    let maintain_schedule = b.get("maintain.schedule", Schedule::parse).map(|s| s.in_zone(zone));
    let physical_schedule = b.get("backup.physical_schedule", Schedule::parse).map(|s| s.in_zone(zone));
    let verify_schedule = b.get("backup.verify_schedule", Schedule::parse).map(|s| s.in_zone(zone));
    let verify_identity = b.get("backup.verify_identity", |s| Ok(PathBuf::from(s))).map(|p| cwd.join(p));
    let retention = retention(&mut b);
    let compression = b.choice::<Compression>("backup.compression");
    let (encryption_key, recipients) = keys(&mut b, cwd, &mut redactor);
    let name = b.get("backup.name", parse_backup_name);
    let format = b.choice::<DumpFormat>("backup.format");
    let compression_level = b.get("backup.compression_level", |s| parse_count(s, 0)).map(|n| n as i32);
    let armor = b.or_default("backup.armor", parse_bool);
    let write_only = b.or_default("backup.write_only", parse_bool);
    let pg_dump = b.get("backup.pg_dump", |s| Ok(PathBuf::from(s)));
    let dump_command = b.command("backup.dump_command");
    let dump_name = b.get("backup.dump_name", parse_dump_name);
    let restore_command = b.command("restore.command");
    let redis_max_bytes = b.or_default("backup.redis_max_bytes", parse_size);
    let url_configured =
        b.raw("database.url").is_some_and(|(_, r)| r.origin != Origin::Default && r.value.is_some());
    let command_engine = match b.choice::<BackupEngine>("backup.engine") {
        BackupEngine::Command => true,
        BackupEngine::Database => false,
        BackupEngine::Auto => {
            matches!(target, Some(crate::db::DbTarget::Command { .. }))
                || (dump_command.is_some() && !url_configured)
        }
    };
    let from = b.choice::<DumpFrom>("backup.from");
    let replica_max_lag = b.or_default("backup.replica_max_lag", parse_duration);
    let pg_bin_dirs: Vec<PathBuf> = b
        .text("backup.pg_bin_dir")
        .map(|s| std::env::split_paths(&s).map(|p| if p.is_absolute() { p } else { cwd.join(p) }).collect())
        .unwrap_or_default();
    let lock = b.choice::<LockKind>("backup.lock");
    let encryption = encryption_policy(&mut b, encryption_key.as_deref(), &recipients);
    let stall_timeout = b.or_default("backup.stall_timeout", parse_duration);
    let (local, s3, gcs) = destinations(&mut b, cwd, stall_timeout, retention.keep_within);

    let health = health(&mut b);

    let studio = studio(&mut b);

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

    let hooks = hooks(&mut b);

    if !b.problems.is_empty() {
        let problems = b.problems.iter().map(|p| redactor.redact(p)).collect();
        return Err(ConfigError { problems });
    }
    let color = !args.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::IsTerminal::is_terminal(&std::io::stdout());
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
            jobs: b.or_default("backup.jobs", |t| parse_count(t, 1)).min(64) as u32,
            format,
            compression_level,
            recipients,
            armor,
            write_only,
            pg_dump,
            pg_bin_dirs,
            from,
            replica_max_lag,
            dump_command,
            dump_name,
            redis_max_bytes,
            stall_timeout,
            command_engine,
            restore_command,
            lock,
            schedule,
            retention,
            compression,
            encryption,
            encryption_key,
            destinations: [
                local.clone().map(|p| DestinationSpec { name: Destination::Local, place: Place::Local(p) }),
                s3.clone().map(|s| DestinationSpec { name: Destination::S3, place: Place::S3(s) }),
                gcs.clone().map(|g| DestinationSpec { name: Destination::Gcs, place: Place::Gcs(g) }),
            ]
            .into_iter()
            .flatten()
            .collect(),
            local,
            s3,
            gcs,
        },
        health,
        studio,
        output: OutputSettings {
            json: args.json,
            log_json: args.log_format == Some(LogFormat::Json),
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
        physical_schedule,
        verify_schedule,
        verify_identity,
    })
}

/// The database: DATABASE_URL, or the embedded default; a direct URL (Prisma's directUrl) in
/// place of a pooled one unless dbctl itself was given the URL. `None` when it does not parse
/// (the problem is recorded).
fn database(b: &mut Builder, cwd: &Path) -> (Option<DbTarget>, bool) {
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
    (target, direct)
}

/// The migrations directory (configured, else where a Prisma project keeps them) and its options.
fn migrations(b: &mut Builder, cwd: &Path) -> MigrationSettings {
    let migrations_dir = b.or_default("migrations.dir", |s| Ok(PathBuf::from(s)));
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
    MigrationSettings {
        dir,
        lock_timeout: b.or_default("migrations.lock_timeout", parse_duration),
        format: b.choice::<MigrationFormat>("migrations.format"),
        backup_first: b.or_default("migrations.backup_first", parse_bool),
        lint_allow: b.list("migrations.lint_allow"),
        // 0 is PostgreSQL's "no timeout".
        statement_lock_timeout: b
            .get("migrations.statement_lock_timeout", parse_duration)
            .filter(|d| !d.is_zero()),
        lock_retries: b
            .or_default("migrations.lock_retries", |t| parse_count(t, 0))
            .try_into()
            .unwrap_or(u32::MAX),
        shadow_url: b.text("migrations.shadow_url").filter(|s| !s.trim().is_empty()),
        shadow_from_project: None,
        shadow_init: b.text("migrations.shadow_init").filter(|s| !s.trim().is_empty()),
        dir_reason,
        prisma_schema,
    }
}

/// `[backup.retention]`, with `backup.retention_days` as `keep_within` when that is not set.
fn retention(b: &mut Builder) -> RetentionRules {
    let retention_days = b.get("backup.retention_days", |s| parse_count(s, 1));
    let keep = |b: &mut Builder, key: &str| b.get(key, |s| parse_count(s, 0)).map(|n| n as u32);
    RetentionRules {
        keep_last: keep(b, "backup.retention.keep_last"),
        keep_within: b
            .get("backup.retention.keep_within", parse_duration)
            .or(retention_days.map(|d| Duration::from_secs(d * 86_400))),
        keep_hourly: keep(b, "backup.retention.keep_hourly"),
        keep_daily: keep(b, "backup.retention.keep_daily"),
        keep_weekly: keep(b, "backup.retention.keep_weekly"),
        keep_monthly: keep(b, "backup.retention.keep_monthly"),
        keep_yearly: keep(b, "backup.retention.keep_yearly"),
    }
}

/// The key (BACKUP_ENCRYPTION_KEY, or the first line of backup.passphrase_file) and the
/// recipients (backup.recipients, backup.recipients_file, and the key when it is a recipient).
fn keys(b: &mut Builder, cwd: &Path, redactor: &mut Redactor) -> (Option<String>, Vec<String>) {
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
    let mut recipients = b.list("backup.recipients");
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
    (encryption_key, recipients)
}

/// Encryption, decided once for what backup makes and what restore expects: on when
/// backup.encryption says age, or (left at its default) when a key or recipients are set.
fn encryption_policy(
    b: &mut Builder,
    encryption_key: Option<&str>,
    recipients: &[String],
) -> EncryptionPolicy {
    let encryption_mode = b.choice::<EncryptionMode>("backup.encryption");
    let encryption_chosen = b.raw("backup.encryption").is_some_and(|(_, r)| r.origin != Origin::Default);
    let have_key = encryption_key.is_some() || !recipients.is_empty();
    let encrypt = match encryption_mode {
        EncryptionMode::Age => true,
        EncryptionMode::None => !encryption_chosen && have_key,
    };
    if !encrypt {
        EncryptionPolicy::Off
    } else if !recipients.is_empty() {
        EncryptionPolicy::Recipients(recipients.to_vec())
    } else if let Some(passphrase) = encryption_key {
        EncryptionPolicy::Passphrase(passphrase.to_string())
    } else {
        let (_, r) = b.raw("backup.encryption").expect("has a default");
        b.problem(
            r,
            "encryption is on but no key is set; set BACKUP_ENCRYPTION_KEY (an age1… recipient or a passphrase) \
             or backup.recipients, or turn encryption off",
        );
        EncryptionPolicy::Off
    }
}

/// The destinations, each on when configured, several at once. Local is on when BACKUP_LOCAL /
/// backup.local.path says so (`true` is the default directory, not one named `true`; `false` is
/// off, which needs another destination), and by default when no bucket is set.
fn destinations(
    b: &mut Builder,
    cwd: &Path,
    stall_timeout: Duration,
    keep_within: Option<Duration>,
) -> (Option<PathBuf>, Option<S3Settings>, Option<GcsSettings>) {
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
    let max_parts = b.or_default("backup.s3.max_parts", |s| parse_count(s, 10)).min(10_000) as u32;
    let sse = b.get("backup.s3.sse", ServerSideEncryption::parse);
    let storage_class = b.text("backup.s3.storage_class");
    // Object Lock: the mode, and how long, from lock_days or else the retention's keep_within.
    let lock_mode = b.get("backup.s3.object_lock", ObjectLockMode::parse);
    let lock_period = b.get("backup.s3.lock_days", crate::values::parse_lock_period).or(keep_within);
    let object_lock = match (lock_mode, lock_period) {
        (Some(mode), Some(period)) => Some(crate::storage::ObjectLock { mode, period }),
        (Some(_), None) => {
            let r = b.raw("backup.s3.object_lock").map(|(_, r)| r.clone()).expect("set");
            b.problem(
                &r,
                "says how objects are locked but not for how long: set backup.s3.lock_days (BACKUP_S3_LOCK_DAYS) or a \
                 retention keep_within (BACKUP_RETENTION_DAYS)",
            );
            None
        }
        (None, _) => None,
    };
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
        object_lock,
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
    (local, s3, gcs)
}

/// `[health]`: every threshold pair, a warning never above its critical value.
fn health(b: &mut Builder) -> HealthThresholds {
    // Every threshold has a default in the key table, so a missing value here means a problem
    // was recorded and the build fails below.
    let (latency_warn, latency_crit) = threshold_pair(b, "latency", parse_duration, |d| d.as_secs_f64());
    let (connections_warn, connections_crit) = threshold_pair(b, "connections", parse_percent, |p| p);
    let (replication_lag_warn, replication_lag_crit) =
        threshold_pair(b, "replication_lag", parse_duration, |d| d.as_secs_f64());
    let (transaction_age_warn, transaction_age_crit) =
        threshold_pair(b, "transaction_age", parse_duration, |d| d.as_secs_f64());
    let (redis_memory_warn, redis_memory_crit) = threshold_pair(b, "redis_memory", parse_percent, |p| p);
    let (idle_in_transaction_warn, idle_in_transaction_crit) =
        threshold_pair(b, "idle_in_transaction", parse_duration, |d| d.as_secs_f64());
    let (wraparound_warn, wraparound_crit) = threshold_pair(b, "wraparound", parse_percent, |p| p);
    let (slot_wal_warn, slot_wal_crit) = threshold_pair(b, "slot_wal", parse_bytes_number, |v| v);
    let (dead_tuples_warn, dead_tuples_crit) = threshold_pair(b, "dead_tuples", parse_percent, |p| p);
    let (freelist_warn, freelist_crit) = threshold_pair(b, "freelist", parse_percent, |p| p);
    HealthThresholds {
        drift: b.or_default("health.drift", parse_bool),
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
        redis_rejected_warn: b.or_default("health.redis_rejected_warn", |s| parse_count(s, 0)),
        backup_max_age: b.get("health.backup_max_age", parse_duration),
        backup_grace: b.or_default("health.backup_grace", parse_duration),
        allow_hosts: b.list("health.allow_hosts").into_iter().map(|h| h.to_ascii_lowercase()).collect(),
    }
}

/// `[studio]`: the server and the console's limits.
fn studio(b: &mut Builder) -> StudioSettings {
    StudioSettings {
        port: b.or_default("studio.port", parse_port),
        bind: b.or_default("studio.bind", parse_ip),
        statement_timeout: b.or_default("studio.statement_timeout", parse_duration),
        row_cap: b.or_default("studio.row_cap", |s| parse_count(s, 1)) as usize,
        page_size: b.or_default("studio.page_size", |s| parse_count(s, 1)).min(1000) as usize,
    }
}

/// The hooks around backups, restores and migrations, and the notifications.
fn hooks(b: &mut Builder) -> crate::settings::HooksSettings {
    let mut hook = |table: &str| crate::settings::Hook {
        before: b.command(&format!("{table}.before")),
        after: b.command(&format!("{table}.after")),
        on_failure: b.command(&format!("{table}.on_failure")),
    };
    let (backup_hook, restore_hook, migrate_hook) = (hook("backup"), hook("restore"), hook("migrations"));
    crate::settings::HooksSettings {
        backup: backup_hook,
        restore: restore_hook,
        migrate: migrate_hook,
        timeout: b.or_default("hooks.timeout", parse_duration),
        pass_env: b.list("hooks.pass_env"),
        ping_url: b.get("notify.ping_url", parse_http_url),
        webhook: b.get("notify.webhook", parse_http_url),
        notify_timeout: b.or_default("notify.timeout", parse_duration),
    }
}
