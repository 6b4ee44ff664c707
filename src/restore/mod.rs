//! Restore: the backup pipeline run backwards, into psql (PostgreSQL) or a file that replaces
//! the target (SQLite), committed only once every check passed.
//!
//! - `mod.rs`: where a backup is read from, the plan of a restore, and running it;
//! - `target.rs`: the target's backend and contents, and `--clean`'s SQL;
//! - `postgres.rs`, `sqlite.rs`: the two consumers; `stream.rs`: moving and checking the bytes;
//! - `scratch.rs`: `backup verify --restore-test`.

pub mod globals;
mod load;
pub mod other;
mod parts;
pub mod physical;
mod postgres;
mod roles;

pub use roles::Ownership;
pub mod scratch;
mod sqlite;
mod stream;
mod target;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use crate::backup::catalog;
use crate::backup::make::{self, MakeOptions};
use crate::backup::manifest::{self, Manifest};
use crate::backup::producer::major_of;
use crate::backup::tables::TableData;
use crate::backup::unpack::{self, Decoded, Keys};
use crate::db::DbTarget;
use crate::output::Output;
use crate::settings::{S3Settings, Settings};
use crate::storage::{LocalDir, S3Storage, Storage};

/// Where a backup is read from.
pub struct StoredBackup {
    pub store: std::sync::Arc<dyn Storage>,
    /// The object's name in `store`.
    pub name: String,
    /// Its manifest, when it has one (bare files have none).
    pub manifest: Option<Manifest>,
    /// What to call it in messages.
    pub label: String,
    /// The pg_dump major version a bare file's header names, once read (see `header_majors`).
    pub header_dump_major: std::cell::Cell<Option<u32>>,
}

/// The server's and pg_dump's version texts in a pg_dump custom archive's header: `PGDMP`, the
/// archive version (3 bytes), the sizes of integers and offsets, the format, the compression (a
/// byte from archive 1.15 on, an integer before), the creation time (7 integers), then the
/// database name, the server's version and pg_dump's version as strings (an integer length, then
/// the bytes). Integers are a sign byte and `int size` bytes, least significant first.
fn custom_header(h: &[u8]) -> Option<(String, String)> {
    let rest = h.strip_prefix(b"PGDMP")?;
    let (major, minor, int_size) = (*rest.first()?, *rest.get(1)?, usize::from(*rest.get(3)?));
    if major != 1 || !(1..=8).contains(&int_size) {
        return None;
    }
    let mut at = 6; // version (3), int size, offset size, format
    let int = |at: &mut usize| -> Option<i64> {
        let sign = *rest.get(*at)?;
        let bytes = rest.get(*at + 1..*at + 1 + int_size)?;
        *at += 1 + int_size;
        let value = bytes.iter().rev().fold(0i64, |v, b| (v << 8) | i64::from(*b));
        Some(if sign == 0 { value } else { -value })
    };
    if minor >= 15 {
        at += 1;
    } else {
        int(&mut at)?;
    }
    for _ in 0..7 {
        int(&mut at)?;
    }
    let string = |at: &mut usize| -> Option<String> {
        let len = int(at)?;
        if len < 0 {
            return Some(String::new());
        }
        let bytes = rest.get(*at..*at + usize::try_from(len).ok()?)?;
        *at += bytes.len();
        Some(String::from_utf8_lossy(bytes).into_owned())
    };
    let _database = string(&mut at)?;
    let server = string(&mut at)?;
    let dump = string(&mut at)?;
    Some((server, dump))
}

impl StoredBackup {
    /// The major version of the pg_dump that made it (its manifest says), if known.
    pub fn dump_major(&self) -> Option<u32> {
        self.manifest
            .as_ref()
            .filter(|m| m.backend == "postgresql")
            .and_then(|m| major_of(&m.dump_tool))
            .or(self.header_dump_major.get())
    }

    /// The major version of the server it was taken from (its manifest says), if known.
    pub fn server_major(&self) -> Option<u32> {
        self.manifest.as_ref().filter(|m| m.backend == "postgresql").and_then(|m| major_of(&m.server_version))
    }

    /// For a file without a manifest: the major versions of the server and of pg_dump its header
    /// names (a plain dump's `-- Dumped from database version 17.2` and `-- Dumped by pg_dump
    /// version 17.2`, or a custom archive's header), read from its first 16 KiB.
    pub fn header_majors(&self, keys: &mut Keys) -> (Option<u32>, Option<u32>) {
        if self.manifest.is_some() {
            return (None, None);
        }
        let Ok(decoded) = self.open(keys, false) else { return (None, None) };
        let content = decoded.content;
        let mut head = Vec::new();
        let _ = std::io::Read::read_to_end(&mut std::io::Read::take(decoded.reader, 16 * 1024), &mut head);
        let majors = match content {
            unpack::Content::PlainSql => {
                let text = String::from_utf8_lossy(&head);
                let after = |prefix: &str| {
                    text.lines().find_map(|l| l.strip_prefix(prefix)).and_then(|v| major_of(v.trim()))
                };
                (after("-- Dumped from database version "), after("-- Dumped by pg_dump version "))
            }
            unpack::Content::Custom => match custom_header(&head) {
                Some((server, dump)) => (major_of(&server), major_of(&dump)),
                None => (None, None),
            },
            _ => (None, None),
        };
        self.header_dump_major.set(majors.1);
        majors
    }

    /// Whether it is another engine's backup (Redis, a dump command), not a database dump.
    pub fn other_engine(&self) -> bool {
        self.manifest.as_ref().is_some_and(|m| matches!(m.backend.as_str(), "redis" | "command"))
    }

    /// Whether it is a physical base backup (`backup --physical`).
    pub fn is_base(&self) -> bool {
        self.manifest.as_ref().is_some_and(|m| m.physical.is_some())
    }

    pub fn open(&self, keys: &mut Keys, prompt: bool) -> Result<Decoded> {
        self.open_as(keys, prompt, true)
    }

    /// Whether the backup is a dump in several parts (`backup --jobs`).
    pub fn in_parts(&self) -> bool {
        self.manifest.as_ref().is_some_and(|m| !m.sections().is_empty())
    }

    /// Opens the artifact; a dump in parts reads on through its parts when `whole`, else the
    /// artifact (its pre-data) alone.
    fn open_as(&self, keys: &mut Keys, prompt: bool, whole: bool) -> Result<Decoded> {
        let stored = self.store.get(&self.name)?;
        let open = if self.other_engine() || self.is_base() { unpack::open_any } else { unpack::open };
        let mut decoded = open(stored, keys, prompt, self.manifest.as_ref().map(|m| m.uncompressed_bytes))
            .with_context(|| format!("cannot read {}, so nothing was restored", self.label))?;
        // A dump in several parts reads on, part after part, as one.
        if let Some(m) = self.manifest.as_ref().filter(|_| whole) {
            let sections: Vec<crate::backup::manifest::Part> = m.sections().into_iter().cloned().collect();
            if !sections.is_empty() {
                let first = std::mem::replace(&mut decoded.reader, Box::new(std::io::empty()));
                decoded.reader =
                    Box::new(parts::Sections::new(first, sections, self.store.clone(), keys.share()));
            }
        }
        Ok(decoded)
    }
}

/// Finds what `arg` names: s3://bucket/key, a path, or a dump (id, name, `latest`) in the
/// configured storage.
pub fn locate(
    arg: &str,
    specs: &[crate::storage::DestinationSpec],
    chosen: bool,
    cfg: &Config,
    out: &Output,
) -> Result<StoredBackup> {
    locate_kind(arg, specs, chosen, cfg, out, false)
}

/// [`locate`] for a dump (`base` false) or a physical base backup (`base` true).
pub fn locate_kind(
    arg: &str,
    specs: &[crate::storage::DestinationSpec],
    chosen: bool,
    cfg: &Config,
    out: &Output,
    base: bool,
) -> Result<StoredBackup> {
    if let Some(rest) = arg.strip_prefix("s3://") {
        let (bucket, key) = rest
            .split_once('/')
            .filter(|(b, k)| !b.is_empty() && !k.is_empty())
            .ok_or_else(|| anyhow!("`{arg}` is not an S3 object; write s3://BUCKET/KEY"))?;
        let base = cfg.base.backup.s3.clone();
        let s3 = S3Settings {
            bucket: bucket.to_string(),
            prefix: None,
            max_parts: base.as_ref().map_or(10_000, |b| b.max_parts),
            sse: None,
            storage_class: None,
            region: base.as_ref().and_then(|b| b.region.clone()),
            endpoint_url: base.as_ref().and_then(|b| b.endpoint_url.clone()),
            access_key: base.as_ref().and_then(|b| b.access_key.clone()),
            secret_key: base.as_ref().and_then(|b| b.secret_key.clone()),
            stall_timeout: cfg.base.backup.stall_timeout,
            object_lock: None,
        };
        let store: Box<dyn Storage> = Box::new(S3Storage::open(&s3)?);
        return with_manifest(store, key, arg);
    }
    let path = Path::new(arg);
    if path.is_file() {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let store: Box<dyn Storage> = Box::new(LocalDir { dir: dir.to_path_buf() });
        return with_manifest(store, &name, arg);
    }
    if arg.contains('/') {
        bail!("{arg} does not exist; give a backup's id, `latest`, a file, or s3://bucket/key");
    }
    // The first destination that has it (local first), unless --destination named one (`chosen`).
    // One that cannot be opened is passed over, as one that lacks the backup is.
    let several = specs.len() > 1 || chosen;
    let me = if arg == "latest" { crate::backup::identity::Identity::current(&cfg.base, out) } else { None };
    let mut first_error = None;
    for (name, store) in crate::storage::open_each(specs) {
        let d = match store {
            Ok(store) => crate::storage::Opened { name, store },
            Err(e) => {
                out.verbose(&format!("{name}: {e:#}"));
                first_error.get_or_insert(e);
                continue;
            }
        };
        let found = catalog::manifests(d.store.as_ref(), out)
            .and_then(|all| catalog::find_kind(&all, arg, me.as_ref(), d.store.as_ref(), out, base));
        match found {
            Ok(m) => {
                if several {
                    out.info(&format!("restoring {} from {} ({})", m.artifact, d.name, d.store.describe()));
                }
                return Ok(StoredBackup {
                    name: m.artifact.clone(),
                    label: m.artifact.clone(),
                    manifest: Some(m),
                    store: d.store.into(),
                    header_dump_major: Default::default(),
                });
            }
            Err(e) => {
                if several {
                    out.verbose(&format!("{}: {e:#}", d.name));
                }
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| {
        anyhow::anyhow!(
            "no backup destination is configured; set BACKUP_LOCAL, BACKUP_S3_BUCKET or BACKUP_GCS_BUCKET"
        )
    }))
}

/// The newest base backup of this database (all of them without a connection to tell) that
/// `fits` (it ended before the recovery target), from the first destination that has one.
pub fn locate_base_before(
    specs: &[crate::storage::DestinationSpec],
    cfg: &Config,
    out: &Output,
    fits: &dyn Fn(&Manifest) -> bool,
) -> Result<StoredBackup> {
    let me = crate::backup::identity::Identity::current(&cfg.base, out);
    let mut seen = 0;
    let mut first_error = None;
    for (name, store) in crate::storage::open_each(specs) {
        let store = match store {
            Ok(s) => s,
            Err(e) => {
                first_error.get_or_insert(e);
                continue;
            }
        };
        let all = match catalog::manifests(store.as_ref(), out) {
            Ok(all) => all,
            Err(e) => {
                first_error.get_or_insert(e);
                continue;
            }
        };
        let bases: Vec<&Manifest> =
            all.iter().filter(|m| m.physical.is_some() && me.as_ref().is_none_or(|me| me.owns(m))).collect();
        seen += bases.len();
        if let Some(m) = bases.into_iter().rev().find(|m| fits(m)) {
            if specs.len() > 1 {
                out.info(&format!("restoring base backup {} from {name} ({})", m.id, store.describe()));
            }
            return Ok(StoredBackup {
                name: m.artifact.clone(),
                label: m.artifact.clone(),
                manifest: Some(m.clone()),
                store: store.into(),
                header_dump_major: Default::default(),
            });
        }
    }
    if seen > 0 {
        bail!(
            "none of the {} of this database ended before the recovery target; a target after the \
             oldest one's end is needed (`dbctl backup list` shows them)",
            crate::text::count(seen, "base backup")
        );
    }
    Err(first_error
        .unwrap_or_else(|| anyhow!("no base backup of this database; `dbctl backup --physical` makes one")))
}

/// What restoring reads of the configuration, built once from the settings: the backup
/// engine's (for the target, its connection, the keys, the storages, the safety backup) and how
/// long a restore waits for other sessions' locks.
#[derive(Debug, Clone)]
pub struct Config {
    pub base: crate::backup::Config,
    /// `--lock-timeout` (`migrations.lock_timeout`): how long the restore waits for the locks
    /// other sessions hold on its target.
    pub lock_timeout: std::time::Duration,
}

impl Config {
    /// The one place restoring reads the settings.
    pub fn from_settings(settings: &Settings) -> Self {
        Config {
            base: crate::backup::Config::from_settings(settings),
            lock_timeout: settings.migrations.lock_timeout,
        }
    }
}

/// A stored object and the manifest beside it, if any (`name` may be the manifest itself).
fn with_manifest(store: Box<dyn Storage>, name: &str, label: &str) -> Result<StoredBackup> {
    let (artifact, manifest_name) = match name.strip_suffix(manifest::SUFFIX) {
        Some(artifact) => (artifact.to_string(), name.to_string()),
        None => (name.to_string(), format!("{name}{}", manifest::SUFFIX)),
    };
    let manifest = match store.get(&manifest_name) {
        Ok(mut r) => {
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes)?;
            Some(Manifest::parse(&manifest_name, &bytes)?)
        }
        Err(_) if !name.ends_with(manifest::SUFFIX) => None,
        Err(e) => return Err(e),
    };
    let label = label.strip_suffix(manifest::SUFFIX).unwrap_or(label).to_string();
    Ok(StoredBackup {
        store: store.into(),
        name: artifact,
        manifest,
        label,
        header_dump_major: Default::default(),
    })
}

/// A target ready to receive a restore.
pub struct Prepared {
    pub target: DbTarget,
    /// What the target holds, when it is not empty (and --clean allowed replacing it).
    pub not_empty: Option<String>,
    /// SQL run in the restore's transaction before the dump (PostgreSQL --clean).
    prelude: String,
    server_major: u32,
    /// Ownership and privileges changed on the way in.
    ownership: roles::Ownership,
}

impl Prepared {
    /// A target known to be empty (a scratch database), restored into as the dump says.
    pub fn empty(target: DbTarget, server_major: u32) -> Self {
        Self { target, not_empty: None, prelude: String::new(), server_major, ownership: Default::default() }
    }

    /// The same, with the dump's owners and privileges left out (`--no-owner --no-acl`): for a
    /// server whose roles are not the source's.
    pub fn without_roles(mut self) -> Self {
        self.ownership.no_owner = true;
        self.ownership.no_acl = true;
        self
    }
}

/// What a restore is asked to do, every flag resolved.
pub struct RestoreOptions {
    pub target: DbTarget,
    /// Whether the target was given (`--to`), for the undo hint of the safety backup.
    pub target_given: bool,
    /// The identity files given, for the undo hint.
    pub identity: Vec<std::path::PathBuf>,
    pub create: bool,
    pub clean: bool,
    /// Load a custom archive with `pg_restore --jobs N` into a new database swapped in.
    pub jobs: Option<u32>,
    pub safety_backup: bool,
    /// Accept an unencrypted backup although encryption is configured.
    pub allow_unencrypted: bool,
    /// Redis key patterns to remove once the restore succeeded.
    pub flush_redis: Vec<String>,
    /// Restore a newer server's dump into an older server.
    pub force: bool,
    /// `--no-owner`, `--no-acl`, `--role-map`.
    pub ownership: roles::Ownership,
}

/// A restore ready to run: what the backup holds, and the target readied.
pub struct Plan {
    pub content: unpack::Content,
    pub prepared: Prepared,
}

/// Reads the backup's first bytes (what it holds) and readies the target (creating it with
/// `create`); refuses a mismatch before anything is changed. What a non-empty target holds is in
/// `prepared.not_empty`: the caller asks for consent before [`execute`].
pub fn plan(
    source: &StoredBackup,
    keys: &mut Keys,
    opts: &RestoreOptions,
    cfg: &Config,
    out: &Output,
) -> Result<Plan> {
    let opened = source.open(keys, true)?;
    let content = opened.content;
    let b = &cfg.base.backup;
    if b.encryption.is_on() && !opened.encrypted && !opts.allow_unencrypted {
        return Err(crate::error::ConfigError::new(format!(
            "{} is not encrypted, but encryption is configured here, so dbctl did not make it with this \
             configuration (anyone who can write to the backups could have); pass --allow-unencrypted \
             if you know where it comes from",
            source.label
        ))
        .into());
    }
    target::check_backend(content, &opts.target)?;
    if opts.jobs.is_some() && content != unpack::Content::Custom && !source.in_parts() {
        return Err(crate::error::ConfigError::new(format!(
            "--jobs is for pg_dump custom archives, which pg_restore can load in parallel, and dumps in parts \
             (`backup --jobs`); this backup is a {} dump in one piece",
            content.as_str()
        ))
        .into());
    }
    // A newer server's dump uses what an older one may not have (syntax, catalogues, cfg):
    // asked before the target is touched (created, emptied).
    let from = source.server_major().or_else(|| source.header_majors(keys).0);
    if let (Some(from), DbTarget::Postgres { url }) = (from, &opts.target) {
        let admin = DbTarget::Postgres { url: crate::redact::url_with_database(url, "postgres") };
        let major = crate::db::connect(&opts.target, cfg.base.connect_timeout, &mut |_| {})
            .or_else(|_| crate::db::connect(&admin, cfg.base.connect_timeout, &mut |_| {}))
            .and_then(|mut c| c.pg_major());
        if let Ok(to) = major {
            refuse_older(source, from, to, opts.force, out)?;
        }
    }
    let mut prepared = target::prepare(&opts.target, opts.create, opts.clean, cfg, out)?;
    prepared.ownership = opts.ownership.clone();
    Ok(Plan { content, prepared })
}

/// Refuses a dump of PostgreSQL `from` into the older PostgreSQL `to`, unless `force`.
fn refuse_older(source: &StoredBackup, from: u32, to: u32, force: bool, out: &Output) -> Result<()> {
    if from <= to {
        return Ok(());
    }
    if !force {
        return Err(crate::error::ConfigError::new(format!(
            "{} was taken from PostgreSQL {from}, and the target runs PostgreSQL {to}: a newer server's dump \
             may use what an older one does not know, and fail part way (nothing would be kept, but \
             nothing restored either); restore into PostgreSQL {from} or newer, or pass --force to try \
             (cfg the target does not know are then left out)",
            source.label
        ))
        .into());
    }
    out.warn(&format!("restoring a PostgreSQL {from} dump into PostgreSQL {to} (--force)"));
    Ok(())
}

/// What [`execute`] did.
pub struct Outcome {
    pub restored: Restored,
    /// The safety backup taken of a non-empty target first.
    pub safety: Option<Manifest>,
    pub redis_keys_removed: Option<u64>,
}

/// Runs a planned restore: a safety backup of a non-empty target first, then the restore, then
/// the Redis keys flushed.
pub fn execute(
    source: &StoredBackup,
    keys: &mut Keys,
    plan: &Plan,
    opts: &RestoreOptions,
    cfg: &Config,
    out: &Output,
) -> Result<Outcome> {
    let target = &plan.prepared.target;
    let mut safety = None;
    if plan.prepared.not_empty.is_some() && opts.safety_backup {
        out.info(&format!("taking a safety backup of {} first", target.display()));
        let made = MakeOptions::configured(&cfg.base)
            .and_then(|o| {
                make::make(&MakeOptions { tag: Some("safety".into()), ..o }, &cfg.base, target, out)
            })
            .context("the safety backup failed, so nothing was restored (--no-safety-backup skips it)")?;
        if let Some(e) = made.failure() {
            out.warn(&format!("{e:#}"));
        }
        // The exact command; the URL without its password (PGPASSWORD or ~/.pgpass gives it).
        let mut undo = format!("dbctl restore {} --clean", made.manifest.id);
        if opts.target_given {
            let shown = match target {
                DbTarget::Postgres { url } => crate::redact::url_without_password(url).0,
                other => other.display(),
            };
            undo.push_str(&format!(" --to {}", crate::sys::shell_quote(&shown)));
        }
        for key in &opts.identity {
            undo.push_str(&format!(" -i {}", crate::sys::shell_quote(&key.display().to_string())));
        }
        out.info(&format!("safety backup {}; to undo the restore: {undo}", made.summary()));
        safety = Some(made.manifest);
    }
    let restored = match opts.jobs {
        // A dump in parts: loaded by several connections into a new database swapped in.
        Some(jobs) if source.in_parts() => {
            let decoded = source.open_as(keys, true, false)?;
            parts::restore_parts(decoded, source, &plan.prepared, jobs, keys, cfg, out)?
        }
        Some(jobs) => {
            postgres::restore_parallel(source.open(keys, true)?, source, &plan.prepared, jobs, cfg, out)?
        }
        None => restore_into(source.open(keys, true)?, source, &plan.prepared, cfg, out)?,
    };
    let redis_keys_removed = flush_redis(&opts.flush_redis, cfg, out)?;
    Ok(Outcome { restored, safety, redis_keys_removed })
}

/// What a restore did.
pub struct Restored {
    pub stored: unpack::StoredSum,
    pub raw_bytes: u64,
    /// The tables in the dump (plain and custom PostgreSQL dumps), with rows and bytes.
    pub tables: Option<BTreeMap<String, TableData>>,
}

/// Streams `decoded` into the prepared target and commits only once the stream ended well and
/// the stored bytes match the manifest.
pub fn restore_into(
    decoded: Decoded,
    source: &StoredBackup,
    prepared: &Prepared,
    cfg: &Config,
    out: &Output,
) -> Result<Restored> {
    let total = source.manifest.as_ref().map(|m| m.stored_bytes);
    let bar = stream::progress(total, &source.label, out);
    let result = match &prepared.target {
        DbTarget::Postgres { url } => postgres::into_postgres(decoded, source, prepared, url, cfg, out, &bar),
        DbTarget::Sqlite { path, .. } => sqlite::into_sqlite(decoded, source, path, cfg, out, &bar),
        DbTarget::SqliteMemory | DbTarget::Command { .. } => unreachable!("checked with the backend"),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // A signal after the COMMIT was sent changes nothing: the restore is done.
    result.map_err(|e| {
        let left = format!("{} was left as it was", prepared.target.display());
        match crate::sys::signals::received() {
            Some(sig) => anyhow::Error::new(crate::sys::signals::Interrupted(sig))
                .context(format!("the restore was stopped before its COMMIT; {left}")),
            None => e.context(format!("the restore failed; {left}")),
        }
    })
}

/// Removes the keys matching `patterns` from the configured Redis; returns how many.
fn flush_redis(patterns: &[String], cfg: &Config, out: &Output) -> Result<Option<u64>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let removed = crate::db::redis::connect_configured(
        cfg.base.redis.as_ref().map(|r| r.url.as_str()),
        cfg.base.connect_timeout,
    )
    .and_then(|mut conn| crate::db::redis::unlink_matching(&mut conn, patterns, false))
    .context("the restore succeeded, but flushing Redis failed")?;
    let n: u64 = removed.iter().map(|(_, n)| n).sum();
    out.info(&format!("removed {} matching {}", crate::text::count(n, "Redis key"), patterns.join(", ")));
    Ok(Some(n))
}

/// What `restore --list` shows of a backup.
pub struct Listing {
    pub content: unpack::Content,
    pub compression: crate::settings::Compression,
    pub encrypted: bool,
    pub stored: unpack::StoredSum,
    pub tables: BTreeMap<String, TableData>,
}

/// Reads the whole backup, checks it (completion marker, stored bytes against the manifest), and
/// counts its tables' rows; restores nothing.
pub fn inspect(source: &StoredBackup, keys: &mut Keys, cfg: &Config, out: &Output) -> Result<Listing> {
    use unpack::Content;
    source.header_majors(keys);
    let mut decoded = source.open(keys, true)?;
    let content = decoded.content;
    let tables = match content {
        Content::PlainSql | Content::Custom => {
            let mut tail = crate::backup::pipeline::Tail::default();
            let mut scan = crate::backup::tables::TableScan::default();
            let dump = std::mem::replace(&mut decoded.reader, Box::new(std::io::empty()));
            let (mut reader, converter) =
                postgres::as_sql(dump, content, source.dump_major().unwrap_or(0), cfg, out)?;
            stream::pump(&mut reader, &mut std::io::sink(), Some(&mut scan), &mut tail, &mut || {}).map_err(
                |e| match e {
                    stream::PumpError::Read(e) | stream::PumpError::Write(e) => {
                        e.context("reading the backup")
                    }
                },
            )?;
            if let Some(c) = converter {
                c.finish()?;
            }
            postgres::check_marker(content, &tail)?;
            scan.into_tables()
        }
        Content::Sqlite => {
            let mut file = crate::sys::private_tempfile(None, ".dbctl-list-")?;
            stream::pump_to_file(&mut decoded, file.as_file_mut(), &mut || {})?;
            let t = DbTarget::Sqlite { path: file.path().to_path_buf(), embedded: false };
            let mut conn = crate::db::connect(&t, std::time::Duration::from_secs(5), &mut |_| {})?;
            crate::backup::tables::sqlite_counts(&mut conn)?
        }
        Content::Other => {
            crate::backup::pipeline::drain(&mut decoded.reader).context("reading the backup")?;
            Default::default()
        }
    };
    let stored = stream::check_stored(&decoded, source)?;
    Ok(Listing { content, compression: decoded.compression, encrypted: decoded.encrypted, stored, tables })
}

#[cfg(test)]
mod tests {

    /// A custom archive header as pg_dump writes it (archive 1.14: the compression an integer;
    /// 1.15 on: a byte), with 4-byte integers.
    fn header(minor: u8, server: &str, dump: &str) -> Vec<u8> {
        let int = |v: i64| {
            let mut b = vec![u8::from(v < 0)];
            b.extend_from_slice(&(v.unsigned_abs() as u32).to_le_bytes());
            b
        };
        let string = |s: &str| [int(s.len() as i64), s.as_bytes().to_vec()].concat();
        let mut h = b"PGDMP".to_vec();
        h.extend([1, minor, 0, 4, 8, 1]);
        if minor >= 15 {
            h.push(0);
        } else {
            h.extend(int(-1));
        }
        for v in [5, 4, 3, 2, 1, 124, 0] {
            h.extend(int(v));
        }
        h.extend(string("app"));
        h.extend(string(server));
        h.extend(string(dump));
        h.extend(b"rest of the archive");
        h
    }

    #[test]
    fn custom_archive_headers_name_their_versions() {
        assert_eq!(
            custom_header(&header(14, "15.18 (Debian)", "15.18")),
            Some(("15.18 (Debian)".into(), "15.18".into()))
        );
        assert_eq!(custom_header(&header(16, "17.2", "17.6")), Some(("17.2".into(), "17.6".into())));
        // Cut anywhere, or not an archive: nothing, and no panic.
        let whole = header(16, "17.2", "17.6");
        for cut in 0..whole.len() - "rest of the archive".len() - 1 {
            let _ = custom_header(&whole[..cut]);
        }
        assert_eq!(custom_header(b"PGDMP\x01\x10\x00\xff\x08\x01"), None);
        assert_eq!(custom_header(b"-- PostgreSQL database dump"), None);
    }

    use super::*;
    use crate::backup::unpack::Content;
    use crate::settings::testing::settings;

    #[test]
    fn the_backup_and_the_target_must_be_the_same_backend() {
        let pg = DbTarget::Postgres { url: "postgres://h/db".into() };
        let lite = DbTarget::Sqlite { path: "/tmp/x.sqlite3".into(), embedded: false };
        assert!(target::check_backend(Content::PlainSql, &pg).is_ok());
        assert!(target::check_backend(Content::Custom, &pg).is_ok());
        assert!(target::check_backend(Content::Sqlite, &lite).is_ok());
        let e = target::check_backend(Content::Sqlite, &pg).unwrap_err().to_string();
        assert!(e.contains("is not SQLite"), "{e}");
        let e = target::check_backend(Content::PlainSql, &lite).unwrap_err().to_string();
        assert!(e.contains("is SQLite"), "{e}");
        assert!(target::check_backend(Content::PlainSql, &DbTarget::SqliteMemory).is_err());
    }

    #[test]
    fn a_file_is_read_with_the_manifest_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(dir.path(), &[]);
        let out = Output::new(s.output, s.redactor.clone());
        let bare = dir.path().join("dump.sql");
        std::fs::write(&bare, "SELECT 1;\n").unwrap();
        let found =
            locate(bare.to_str().unwrap(), &s.backup.destinations, false, &Config::from_settings(&s), &out)
                .unwrap();
        assert_eq!((found.name.as_str(), found.manifest.is_none()), ("dump.sql", true));

        let m: Manifest = serde_json::from_value(serde_json::json!({
            "format_version": 1, "id": "1a2b3c", "artifact": "app-20261122T020000Z-1a2b3c.sql",
            "database": "app", "backend": "postgresql", "server_version": "15", "dump_tool": "pg_dump",
            "dump_format": "plain", "compression": "none", "encryption": null, "stored_bytes": 10,
            "uncompressed_bytes": 10, "sha256": "ab".repeat(32), "started_at": "2026-11-22T02:00:00Z",
            "finished_at": "2026-11-22T02:00:01Z", "duration_ms": 1, "dbctl_version": "0", "host": "h",
        }))
        .unwrap();
        std::fs::write(dir.path().join(&m.artifact), "SELECT 1;\n").unwrap();
        std::fs::write(dir.path().join(m.object_name()), serde_json::to_vec(&m).unwrap()).unwrap();
        for given in [dir.path().join(&m.artifact), dir.path().join(m.object_name())] {
            let found = locate(
                given.to_str().unwrap(),
                &s.backup.destinations,
                false,
                &Config::from_settings(&s),
                &out,
            )
            .unwrap();
            assert_eq!(found.name, m.artifact, "the manifest names the artifact");
            assert_eq!(found.manifest.as_ref().map(|f| f.id.as_str()), Some("1a2b3c"));
        }
        let e = locate(
            dir.path().join("gone.sql").to_str().unwrap(),
            &s.backup.destinations,
            false,
            &Config::from_settings(&s),
            &out,
        )
        .err()
        .unwrap()
        .to_string();
        assert!(e.contains("does not exist"), "{e}");
    }

    #[test]
    fn a_sqlite_target_is_created_only_when_asked_and_replaced_only_with_clean() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(dir.path(), &[]);
        let out = Output::new(s.output, s.redactor.clone());
        let path = dir.path().join("app.sqlite3");
        let t = DbTarget::Sqlite { path: path.clone(), embedded: false };
        let e =
            target::prepare(&t, false, false, &Config::from_settings(&s), &out).err().unwrap().to_string();
        assert!(e.contains("pass --create"), "{e}");
        assert!(
            target::prepare(&t, true, false, &Config::from_settings(&s), &out).unwrap().not_empty.is_none()
        );
        assert!(!path.exists(), "preparing creates nothing");

        std::fs::write(&path, b"").unwrap();
        let mut conn = crate::db::connect(&t, std::time::Duration::from_secs(5), &mut |_| {}).unwrap();
        conn.batch("CREATE TABLE users (id INTEGER PRIMARY KEY)").unwrap();
        drop(conn);
        let e =
            target::prepare(&t, false, false, &Config::from_settings(&s), &out).err().unwrap().to_string();
        assert!(e.contains("not empty") && e.contains("--clean"), "{e}");
        let prepared = target::prepare(&t, false, true, &Config::from_settings(&s), &out).unwrap();
        assert_eq!(prepared.not_empty.as_deref(), Some("1 tables and views"));
    }
}
