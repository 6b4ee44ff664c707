//! Making a backup, in named steps: open the producer (pg_dump, or a SQLite snapshot), take the
//! lock, store the dump as one part, store the server's globals as another, write the manifest
//! last. A failing step leaves nothing stored under a final name.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};

use super::lock;
use super::manifest::{self, Manifest};
use super::pipeline::{self, Encryption};
use super::producer::{self, DumpFormat, PLAIN_DUMP_END, PLAIN_DUMPALL_END, PgTool, Tool};
use super::snapshot::{self, SqliteSnapshot};
use super::tables::{Scanning, TableData, TableScan};
use crate::db::{self, Conn, DbTarget};
use crate::error::ConfigError;
use crate::output::Output;
use crate::settings::{Compression, EncryptionPolicy};
use crate::storage::Storage;
use crate::storage::{Destination, DestinationSpec};

/// What a backup is made with, every choice resolved (flags over configuration) before any work.
#[derive(Clone)]
pub struct MakeOptions {
    pub compression: Compression,
    pub level: Option<i32>,
    pub format: DumpFormat,
    pub encryption: Encryption,
    /// Also store the server's roles and tablespaces (`pg_dumpall --globals-only`).
    pub globals: bool,
    /// Why the backup was made, when not on request (`safety` before a restore).
    pub tag: Option<String>,
    /// What is backed up: the database, the Redis, or the output of `backup.dump_command`.
    pub engine: Engine,
    /// Where it is stored: every configured destination, or the one `--destination` names.
    pub destinations: Vec<DestinationSpec>,
    /// pg_dump processes at once: above 1, a plain dump in several parts (see `sections`).
    pub jobs: u32,
}

/// What a backup is of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    #[default]
    Database,
    /// `REDIS_URL`'s Redis: an RDB snapshot over the replication protocol.
    Redis,
    /// The stdout of `backup.dump_command`.
    Command,
    /// A PostgreSQL cluster's base backup (pg_basebackup), its WAL from the archive.
    Physical,
}

impl MakeOptions {
    /// What the configuration asks for.
    pub fn configured(cfg: &super::Config) -> Result<Self> {
        let b = &cfg.backup;
        Ok(Self {
            compression: b.compression,
            level: b.compression_level,
            format: b.format,
            encryption: encryption(false, &[], cfg)?,
            globals: false,
            tag: None,
            engine: if b.command_engine { Engine::Command } else { Engine::Database },
            destinations: b.destinations.clone(),
            jobs: b.jobs,
        })
    }
}

/// The encryption to use: none with `off`, else the `extra` recipients with the configured ones,
/// else the configuration's policy (the one restore expects).
pub fn encryption(off: bool, extra: &[String], cfg: &super::Config) -> Result<Encryption> {
    let b = &cfg.backup;
    if off {
        return Ok(Encryption::None);
    }
    if !extra.is_empty() {
        let mut recipients = extra.to_vec();
        recipients.extend(b.recipients.iter().cloned());
        return Ok(Encryption::Recipients { recipients, armor: b.armor });
    }
    Ok(match &b.encryption {
        EncryptionPolicy::Off => Encryption::None,
        EncryptionPolicy::Recipients(recipients) => {
            Encryption::Recipients { recipients: recipients.clone(), armor: b.armor }
        }
        EncryptionPolicy::Passphrase(passphrase) => {
            Encryption::Passphrase { passphrase: passphrase.clone(), armor: b.armor }
        }
    })
}

/// Where a backup went in one destination, or why it did not.
pub struct Stored {
    pub destination: Destination,
    /// Where it is stored (`/var/backups/app`, `s3://bucket/prefix`).
    pub location: String,
    /// Where each object of the backup is: artifact, parts, manifest (empty when it failed).
    pub objects: Vec<(String, String)>,
    /// Why this destination has no copy.
    pub error: Option<String>,
}

/// A backup just made, in every destination that took it.
pub struct Made {
    pub manifest: Manifest,
    /// One per destination, in the order they are configured (local first).
    pub stored: Vec<Stored>,
    pub seconds: f64,
}

impl Made {
    /// Whether destination `name` holds a complete copy.
    pub fn holds(&self, name: Destination) -> bool {
        self.stored.iter().any(|s| s.destination == name && s.error.is_none())
    }

    /// The destinations that have no copy.
    pub fn failed(&self) -> Vec<&Stored> {
        self.stored.iter().filter(|s| s.error.is_some()).collect()
    }

    /// The error to exit with when a destination has no copy: names each, and where the others are.
    pub fn failure(&self) -> Option<anyhow::Error> {
        let failed = self.failed();
        if failed.is_empty() {
            return None;
        }
        let why: Vec<String> = failed
            .iter()
            .map(|s| format!("{} ({}): {}", s.destination, s.location, s.error.as_deref().unwrap_or("")))
            .collect();
        let kept: Vec<&str> =
            self.stored.iter().filter(|s| s.error.is_none()).map(|s| s.destination.as_str()).collect();
        Some(anyhow!(
            "backup {} was not stored in {} of {}: {}; it is complete in {}",
            self.manifest.id,
            failed.len(),
            crate::text::count(self.stored.len(), "destination"),
            why.join("; "),
            kept.join(", ")
        ))
    }

    /// `<name> in <locations>: <size> (<raw> raw, <ratio>, <compression>, <encryption>) in <time> (<rate>)`
    pub fn summary(&self) -> String {
        let m = &self.manifest;
        let secs = self.seconds;
        let (stored, raw) = (m.total_stored_bytes(), m.total_uncompressed_bytes());
        let ratio = if stored > 0 { raw as f64 / stored as f64 } else { 0.0 };
        let parts = match m.sections().len() {
            0 => String::new(),
            n => format!(" and {n} more {}", crate::text::plural(n, "part")),
        };
        let enc = if m.is_encrypted() { "age-encrypted" } else { "NOT ENCRYPTED" };
        let kept: Vec<&str> =
            self.stored.iter().filter(|s| s.error.is_none()).map(|s| s.location.as_str()).collect();
        let failed: Vec<&str> =
            self.stored.iter().filter(|s| s.error.is_some()).map(|s| s.location.as_str()).collect();
        let places = match (kept.is_empty(), failed.is_empty()) {
            (_, true) => kept.join(", "),
            (false, false) => format!("{} (NOT in {}: failed)", kept.join(", "), failed.join(", ")),
            (true, false) => format!("no destination (NOT in {}: failed)", failed.join(", ")),
        };
        format!(
            "{}{parts} in {}: {} ({} raw, {ratio:.1}x, {}, {enc}) in {} ({}/s)",
            m.artifact,
            places,
            crate::text::bytes(stored as f64),
            crate::text::bytes(raw as f64),
            m.compression,
            crate::text::duration(secs),
            crate::text::bytes(raw as f64 / secs.max(0.001)),
        )
    }
}

/// The error context of a backup that failed in its globals part (`pg_dumpall --globals-only`),
/// to tell it from a failure of the database dump itself.
#[derive(Debug)]
pub struct GlobalsFailed;

impl std::fmt::Display for GlobalsFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("pg_dumpall --globals-only failed; the database dump was removed too")
    }
}

/// The name of a backup's object: `<db>-<UTC stamp>-<id><ext>[.gz|.zst][.age]`, which sorts by
/// time and which `manifest::parse_backup_name` reads back. `ext` is `.sql`, `.dump`,
/// `.sqlite3` or `.globals.sql`.
pub fn object_name(db: &str, stamp: &str, id: &str, ext: &str, o: &MakeOptions) -> String {
    format!(
        "{db}-{stamp}-{id}{ext}{}{}",
        pipeline::compression_extension(o.compression),
        o.encryption.extension()
    )
}

/// Where the dump comes from, once the database was asked.
struct Producer {
    /// When the database answered: the backup's start.
    started_at: String,
    started: Instant,
    db_name: String,
    backend: &'static str,
    server_version: String,
    dump_tool: String,
    dump_format: &'static str,
    extension: &'static str,
    input: Input,
    /// What makes the backup: `backup.name`, the server's identity.
    source: super::identity::Source,
    /// How many bytes the producer will likely give, for the progress bar: the size of the
    /// tables (PostgreSQL), the file (SQLite).
    estimate: Option<u64>,
    /// Row counts known before streaming (SQLite); PostgreSQL's come from scanning the dump.
    tables: Option<std::collections::BTreeMap<String, TableData>>,
    /// pg_dumpall's tool and connection, for `globals`.
    globals: Option<(PgTool, String, Option<String>)>,
    /// Kept until the dump is stored: the SQLite copy (deleted when dropped) and the connection
    /// that holds the read lock on the file being streamed.
    _snapshot: Option<SqliteSnapshot>,
    _read_lock: Option<Conn>,
    /// A base backup's cluster: its system identifier and WAL segment size.
    physical: Option<(String, u64)>,
    /// A base backup's watch on the server's archiver.
    archive_watch: Option<super::basebackup::ArchiveWatch>,
}

/// What a part is read from.
enum Input {
    Child(Tool),
    File(std::io::BufReader<std::fs::File>),
    /// Read from a connection (a Redis snapshot).
    Stream(Box<dyn Read + Send>),
    /// Several pg_dump processes sharing one snapshot (`--jobs`), each making a part.
    Sections(super::sections::Plan),
}

/// The destinations a backup goes to, and the error of each that dropped out.
struct Places {
    dests: Vec<crate::storage::Opened>,
    errors: Vec<Option<String>>,
    /// `backup.stall_timeout`.
    stall: std::time::Duration,
}

impl Places {
    fn alive(&self) -> Vec<usize> {
        (0..self.dests.len()).filter(|i| self.errors[*i].is_none()).collect()
    }

    /// One upload to every destination still in the run (a fanout when several), and how to read
    /// back what became of each.
    /// Even one destination goes through the fanout: its upload runs on a thread of its own, so
    /// that a request that hangs is dropped after the stall timeout and a signal is acted on at
    /// once, whatever the request is doing.
    fn put(&self, name: &str) -> Result<(Box<dyn crate::storage::Upload>, Option<crate::storage::Outcomes>)> {
        let alive = self.alive();
        if let [only] = alive[..] {
            // One destination that cannot even start its upload fails as itself.
            let upload = self.dests[only].store.put(name)?;
            let (fanout, outcomes) = crate::storage::Fanout::start(
                vec![(self.dests[only].name.to_string(), Ok(upload))],
                self.stall,
            );
            return Ok((Box::new(fanout), Some(outcomes)));
        }
        let uploads =
            alive.iter().map(|i| (self.dests[*i].name.to_string(), self.dests[*i].store.put(name))).collect();
        let (fanout, outcomes) = crate::storage::Fanout::start(uploads, self.stall);
        Ok((Box::new(fanout), Some(outcomes)))
    }

    /// Records the destinations a stream failed in, removing the backup's `earlier` objects from them.
    fn settle(&mut self, outcomes: Option<crate::storage::Outcomes>, earlier: &[&str]) {
        for (name, error) in outcomes.map(|o| o.get()).unwrap_or_default() {
            if let (Some(error), Some(i)) = (error, self.dests.iter().position(|d| d.name.as_str() == name)) {
                for object in earlier {
                    let _ = self.dests[i].store.delete(object);
                }
                self.errors[i] = Some(error);
            }
        }
    }
}

/// Backs up `target` into every configured destination (or the one `--destination` names),
/// manifest written last in each. The dump is made, compressed and encrypted once and streamed to
/// every destination at once; one that fails keeps nothing and does not stop the others, and the
/// result says which (see [`Made::failure`]). A failure of the dump itself stores nothing anywhere.
pub fn make(opts: &MakeOptions, cfg: &super::Config, target: &DbTarget, out: &Output) -> Result<Made> {
    if matches!(opts.engine, Engine::Database | Engine::Physical) {
        target.require_configured()?;
    }
    crate::sys::signals::install().context("catching SIGINT and SIGTERM")?;
    opts.encryption.check().map_err(|e| ConfigError::new(format!("{e:#}")))?;
    if let Encryption::Passphrase { passphrase, .. } = &opts.encryption
        && let Some(weak) = crate::settings::weak_passphrase(passphrase)
    {
        out.warn(&format!(
            "the backup passphrase (BACKUP_ENCRYPTION_KEY) is {weak}: anyone who gets a backup can guess it; \
             make a key pair with `age-keygen -o dbctl-backup.key` and set BACKUP_ENCRYPTION_KEY to its public \
             `age1…` recipient (keep the key file away from this host: restores read it with -i)"
        ));
    }
    let opened = crate::storage::open_each(&opts.destinations);
    if opened.is_empty() {
        return Err(ConfigError::new(
            "no backup destination is configured; set BACKUP_LOCAL, BACKUP_S3_BUCKET or BACKUP_GCS_BUCKET",
        )
        .into());
    }
    // A destination that cannot be opened (its sign-in failed) is one that failed; the others
    // still get the backup.
    let mut unopened = Vec::new();
    let mut dests = Vec::new();
    for (name, store) in opened {
        match store {
            Ok(store) => dests.push(crate::storage::Opened { name, store }),
            Err(e) => unopened.push((name, e)),
        }
    }
    if dests.is_empty() {
        let why: Vec<String> = unopened.iter().map(|(n, e)| format!("{n}: {e:#}")).collect();
        bail!("no backup destination could be opened, so no backup was made: {}", why.join("; "));
    }
    let mut places = Places { errors: vec![None; dests.len()], dests, stall: cfg.backup.stall_timeout };
    let producer = open_producer(opts, cfg, target, out)?;
    let (started_at, started) = (producer.started_at.clone(), producer.started);

    let _lock = lock::take(cfg, &lock::name(cfg, &producer.db_name))?;
    let id = manifest::short_id();
    let stamp = chrono::Utc::now().format(manifest::STAMP_FORMAT).to_string();
    let artifact = object_name(&producer.db_name, &stamp, &id, producer.extension, opts);
    let plain_pg =
        opts.format == DumpFormat::Plain && producer.backend == "postgresql" && producer.physical.is_none();
    let marker = plain_pg.then_some(PLAIN_DUMP_END);
    let mut scan = TableScan::default();
    let mut tar = super::basebackup::TarWatch::default();
    let physical = producer.physical.clone();
    let archive_watch = producer.archive_watch;
    let Producer {
        db_name,
        backend,
        server_version,
        dump_tool,
        dump_format,
        input,
        estimate,
        source,
        tables,
        globals,
        _snapshot,
        _read_lock,
        ..
    } = producer;
    crate::sys::signals::set_child(match &input {
        Input::Child(p) => Some(p.id()),
        Input::File(_) | Input::Stream(_) | Input::Sections(_) => None,
    });
    let mut parts = Vec::new();
    let (streamed, tables) = match input {
        Input::Sections(plan) => {
            let base = (db_name.as_str(), stamp.as_str(), id.as_str());
            let (streamed, sections, tables) = store_sections(plan, &mut places, &artifact, base, opts, out)?;
            parts.extend(sections);
            (streamed, Some(tables))
        }
        input => {
            let part = ToStore { name: &artifact, input, estimate, marker };
            let (upload, outcomes) = places.put(&artifact)?;
            let observer: Option<&mut dyn super::tables::Observe> = match (&physical, plain_pg) {
                (Some(_), _) => Some(&mut tar),
                (None, true) => Some(&mut scan),
                (None, false) => None,
            };
            let streamed = store_part(upload, part, observer, opts, out).map_err(|e| match archive_watch
                .as_ref()
                .and_then(|w| w.reason())
            {
                Some(reason) => anyhow::anyhow!(reason).context("nothing was stored"),
                None => e,
            })?;
            places.settle(outcomes, &[]);
            (streamed, if plain_pg { Some(scan.into_tables()) } else { tables })
        }
    };
    drop(_snapshot);
    drop(_read_lock);
    let physical = match physical {
        Some((system_identifier, segment_size)) => match tar.facts(&system_identifier, segment_size) {
            Ok(facts) => Some(facts),
            Err(e) => {
                for i in places.alive() {
                    let _ = places.dests[i].store.delete(&artifact);
                }
                return Err(e.context("nothing was stored"));
            }
        },
        None => None,
    };
    let artifacts: Vec<String> =
        std::iter::once(artifact.clone()).chain(parts.iter().map(|p| p.name.clone())).collect();
    let earlier: Vec<&str> = artifacts.iter().map(String::as_str).collect();

    if let Some(g) = globals {
        let name = object_name(&db_name, &stamp, &id, ".globals.sql", opts);
        let stored = places.put(&name).and_then(|(upload, outcomes)| {
            store_globals(upload, &name, g, opts, out).map(|part| (part, outcomes))
        });
        match stored {
            Ok((part, outcomes)) => {
                places.settle(outcomes, &earlier);
                parts.push(part);
            }
            Err(e) => {
                for i in places.alive() {
                    for object in &earlier {
                        let _ = places.dests[i].store.delete(object);
                    }
                }
                return Err(e.context(GlobalsFailed));
            }
        }
    }

    let m = Manifest {
        format_version: 0,
        id,
        artifact,
        database: db_name,
        backend: backend.into(),
        server_version,
        dump_tool,
        dump_format: dump_format.into(),
        compression: opts.compression.as_str().into(),
        compression_level: opts.level,
        encryption: opts.encryption.describe(),
        parts,
        stored_bytes: streamed.stored_bytes,
        uncompressed_bytes: streamed.raw_bytes,
        sha256: streamed.sha256,
        age_header: streamed.age_header,
        started_at,
        finished_at: crate::sys::now(),
        duration_ms: started.elapsed().as_millis() as u64,
        dbctl_version: env!("CARGO_PKG_VERSION").into(),
        host: crate::sys::whoami(),
        source: Some(source),
        tag: opts.tag.clone(),
        tables,
        physical,
    };
    // The oldest format that says it all, so that an older dbctl reads what it can.
    let m = Manifest { format_version: m.format_for(), ..m };
    for i in places.alive() {
        if let Err(e) = write_manifest(places.dests[i].store.as_ref(), &m) {
            places.errors[i] = Some(format!("{e:#}"));
        }
    }
    let stored: Vec<Stored> = places
        .dests
        .iter()
        .zip(&places.errors)
        .map(|(d, error)| {
            let store = d.store.as_ref();
            let objects = match error {
                Some(_) => Vec::new(),
                None => {
                    let mut objects = vec![("artifact".to_string(), store.locate(&m.artifact))];
                    objects.extend(m.parts.iter().map(|p| (p.kind.clone(), store.locate(&p.name))));
                    objects.push(("manifest".to_string(), store.locate(&m.object_name())));
                    objects
                }
            };
            Stored { destination: d.name, location: store.describe(), objects, error: error.clone() }
        })
        .collect();
    let mut stored = stored;
    for (name, e) in unopened {
        let spec = opts.destinations.iter().find(|d| d.name == name).expect("one of the destinations");
        stored.push(Stored {
            destination: name,
            location: spec.place(),
            objects: Vec::new(),
            error: Some(format!("{e:#}")),
        });
    }
    stored.sort_by_key(|s| s.destination);
    if stored.iter().all(|s| s.error.is_some()) {
        let why: Vec<String> = stored
            .iter()
            .map(|s| format!("{}: {}", s.destination, s.error.as_deref().unwrap_or("")))
            .collect();
        bail!("the backup could not be stored in any destination: {}", why.join("; "));
    }
    Ok(Made { manifest: m, stored, seconds: started.elapsed().as_secs_f64() })
}

/// The size of the tables' data (not their indexes, which a dump does not hold), in bytes.
const TABLES_SIZE: &str = "SELECT coalesce(sum(pg_table_size(c.oid)), 0)::bigint AS v \
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
     AND n.nspname NOT LIKE 'pg_toast%'";

/// Step 1: connects, asks the database what it is, and starts pg_dump or takes a SQLite
/// snapshot.
fn open_producer(
    opts: &MakeOptions,
    cfg: &super::Config,
    target: &DbTarget,
    out: &Output,
) -> Result<Producer> {
    match opts.engine {
        Engine::Database => {}
        Engine::Redis => return open_redis(cfg, out),
        Engine::Command => return open_command(cfg),
        Engine::Physical => return open_physical(cfg, target, out),
    }
    let chosen = dump_source(cfg, target, out);
    let target = &chosen;
    let mut conn = db::wait_for_database(target, cfg.wait, out, || {
        db::connect(target, cfg.connect_timeout, &mut |m| out.info(&m))
    })?;
    let (started_at, started) = (crate::sys::now(), Instant::now());
    let producer = match (target, &mut conn) {
        (DbTarget::Postgres { url }, Conn::Pg(_)) => {
            let db_name = conn.query_text("SELECT current_database() AS v")?;
            let server_version = conn.query_text("SELECT current_setting('server_version') AS v")?;
            // The sizes take a share lock on each table: behind another session's exclusive
            // lock, the estimate is given up (a spinner instead of a bar) rather than waited for.
            conn.batch("SET lock_timeout = '2s'")?;
            let estimate = conn.query_int(TABLES_SIZE).ok().map(|n| n.max(0) as u64);
            conn.batch("RESET lock_timeout")?;
            let source = super::identity::Source::of(&mut conn, target, cfg);
            let tool = producer::find_pg_dump(
                cfg.backup.pg_dump.as_deref(),
                &cfg.backup.pg_bin_dirs,
                conn.pg_major()?,
                &mut |w| out.warn(w),
            )?;
            let (bare, password) = crate::redact::url_without_password(url);
            let globals = opts.globals.then(|| (tool.clone(), bare.clone(), password.clone()));
            // A URL naming a schema (Prisma's `schema=`, one tenant) backs up that schema alone.
            let tenant = crate::db::prisma_url::schema(url).filter(|s| s != "public");
            let input = if opts.jobs > 1 {
                if opts.format != DumpFormat::Plain {
                    return Err(ConfigError::new(
                        "--jobs (backup.jobs) makes a plain dump in several parts; a custom archive is made by one \
                         pg_dump (restore it in parallel with `restore --jobs`): drop one of them",
                    )
                    .into());
                }
                let full = db::pg_url_with_defaults(url, cfg.connect_timeout);
                let dump_tool = tool.clone();
                Input::Sections(super::sections::Plan::open(
                    &full,
                    dump_tool,
                    bare.clone(),
                    password.clone(),
                    tenant,
                    opts.jobs,
                )?)
            } else {
                Input::Child(Tool::pg_dump(
                    &tool,
                    &bare,
                    password.as_deref(),
                    opts.format,
                    tenant.as_deref(),
                )?)
            };
            // No idle connection during the dump.
            drop(conn);
            Producer {
                started_at,
                started,
                db_name,
                backend: "postgresql",
                server_version,
                dump_tool: format!("pg_dump {}", tool.version),
                dump_format: opts.format.as_str(),
                extension: opts.format.extension(),
                input,
                estimate,
                source,
                tables: None,
                globals,
                _snapshot: None,
                _read_lock: None,
                physical: None,
                archive_watch: None,
            }
        }
        (DbTarget::Sqlite { path, .. }, Conn::Sqlite(_)) => {
            if opts.globals {
                return Err(ConfigError::new(
                    "--globals is for PostgreSQL (roles and tablespaces); SQLite has none",
                )
                .into());
            }
            Producer { started_at, started, ..open_sqlite(conn, path, target, cfg, out)? }
        }
        _ => bail!("an in-memory SQLite database has nothing to back up; set DATABASE_URL"),
    };
    Ok(producer)
}

/// A Redis snapshot (see `rdb`), named by `backup.name` or `redis`.
fn open_redis(cfg: &super::Config, out: &Output) -> Result<Producer> {
    let redis = cfg
        .redis
        .as_ref()
        .ok_or_else(|| ConfigError::new("backup --redis needs a Redis: set REDIS_URL or redis.url"))?;
    let (started_at, started) = (crate::sys::now(), Instant::now());
    let (stream, version) = super::rdb::open(&redis.url, cfg.connect_timeout, cfg.backup.redis_max_bytes)?;
    out.verbose(&format!("Redis {version} sends {}", stream.describe()));
    let name = cfg.backup.name.clone().unwrap_or_else(|| "redis".into());
    let mut p = Producer::other(cfg, name, "redis", Input::Stream(Box::new(stream)));
    (p.started_at, p.started) = (started_at, started);
    p.server_version = version;
    (p.dump_tool, p.dump_format, p.extension) = ("redis SYNC (replication snapshot)".into(), "rdb", ".rdb");
    Ok(p)
}

impl Producer {
    /// Another engine's producer: no tables, globals or snapshot; named `db_name`.
    fn other(cfg: &super::Config, db_name: String, backend: &'static str, input: Input) -> Self {
        Producer {
            started_at: crate::sys::now(),
            started: Instant::now(),
            db_name,
            backend,
            server_version: String::new(),
            dump_tool: String::new(),
            dump_format: backend,
            extension: ".dump",
            input,
            estimate: None,
            source: super::identity::Source { name: cfg.backup.name.clone(), ..Default::default() },
            tables: None,
            globals: None,
            _snapshot: None,
            _read_lock: None,
            physical: None,
            archive_watch: None,
        }
    }
}

/// A base backup of the whole cluster `target` is on: pg_basebackup's tar on stdout, its WAL
/// left to the archive, which must therefore be on.
fn open_physical(cfg: &super::Config, target: &DbTarget, out: &Output) -> Result<Producer> {
    let DbTarget::Postgres { url } = target else {
        return Err(ConfigError::new(
            "--physical backs up a PostgreSQL cluster (pg_basebackup); SQLite's backups are already whole-file snapshots",
        )
        .into());
    };
    let mut conn = db::wait_for_database(target, cfg.wait, out, || {
        db::connect(target, cfg.connect_timeout, &mut |m| out.info(&m))
    })?;
    let (started_at, started) = (crate::sys::now(), Instant::now());
    let archive_mode = conn.query_text("SELECT current_setting('archive_mode') AS v")?;
    if archive_mode == "off" {
        return Err(ConfigError::new(
            "a base backup is recovered with the WAL written since it began, which only WAL archiving keeps: the \
             server has archive_mode = off. Set archive_mode = on and archive_command = 'dbctl -C <project> --quiet \
             wal push %p' (restart the server), then back up again",
        )
        .into());
    }
    let failing = conn.query_text(super::basebackup::ARCHIVER_FAILING)?;
    if !failing.is_empty() {
        bail!(
            "the server's WAL archiving is failing (last on {failing}), and a base backup ends only once its WAL is \
             archived: fix archive_command first (the server's log says why `dbctl wal push` fails)"
        );
    }
    let system_identifier =
        conn.query_text("SELECT system_identifier::text AS v FROM pg_control_system()")?;
    let segment_size =
        conn.query_int("SELECT setting::bigint AS v FROM pg_settings WHERE name = 'wal_segment_size'")?;
    let estimate = conn.query_int("SELECT sum(pg_database_size(oid))::bigint AS v FROM pg_database").ok();
    let server_version = conn.query_text("SELECT current_setting('server_version') AS v")?;
    let db_name = conn.query_text("SELECT current_database() AS v")?;
    let source = super::identity::Source::of(&mut conn, target, cfg);
    let tool = crate::db::pg_tools::find_pg_tool(
        "pg_basebackup",
        None,
        &cfg.backup.pg_bin_dirs,
        conn.pg_major()?,
        &mut |w| out.warn(w),
    )?;
    drop(conn);
    let (bare, password) = crate::redact::url_without_password(url);
    let mut cmd = std::process::Command::new(&tool.path);
    cmd.arg("--no-password")
        .arg(format!("--dbname={bare}"))
        .args(["--pgdata=-", "--format=tar", "--wal-method=none", "--checkpoint=fast"])
        .arg(format!("--label=dbctl {started_at}"));
    let child = Tool::spawn(cmd, password.as_deref(), &tool.path, false, true)?;
    let watch = super::basebackup::ArchiveWatch::start(
        target.clone(),
        cfg.connect_timeout,
        cfg.backup.stall_timeout,
        child.id(),
    );
    Ok(Producer {
        started_at,
        started,
        db_name,
        backend: "postgresql",
        server_version,
        dump_tool: format!("pg_basebackup {}", tool.version),
        dump_format: "basebackup",
        extension: ".base.tar",
        input: Input::Child(child),
        estimate: estimate.map(|n| n.max(0) as u64),
        source,
        tables: None,
        globals: None,
        _snapshot: None,
        _read_lock: None,
        physical: Some((system_identifier, segment_size.max(1) as u64)),
        archive_watch: Some(watch),
    })
}

/// The program a configured command runs: the file name of its first word that names one (past
/// the shell's `{`, `(`, `exec`, `env` and `NAME=value` assignments), else `command`.
fn command_program(command: &str) -> String {
    command
        .split(|c: char| c.is_whitespace() || c == ';' || c == '(' || c == '{')
        .filter(|w| !w.is_empty())
        .find(|w| {
            !matches!(*w, "exec" | "env" | "nice" | "ionice" | "!" | "time" | "command")
                && !w.contains('=')
                && w.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '/' || c == '.')
        })
        .and_then(|w| {
            std::path::Path::new(w.trim_matches(['"', '\'']))
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .filter(|n| n.chars().any(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "command".into())
}

/// What `backup.dump_command`'s backups are called: `backup.dump_name`, else the database another
/// engine's DATABASE_URL names (`kraken` of `mongodb://…/kraken`), else the command's program.
pub fn command_dump_name(cfg: &super::Config) -> String {
    let clean = |s: &str| -> String {
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).take(63).collect()
    };
    if let Some(name) = &cfg.backup.dump_name {
        return name.clone();
    }
    if let DbTarget::Command { .. } = &cfg.target
        && let Some(db) = cfg.target.name().filter(|d| !d.is_empty())
    {
        return clean(&db);
    }
    clean(&command_program(cfg.backup.dump_command.as_deref().unwrap_or("command")))
}

/// The output of `backup.dump_command` (another engine's dump), named by `backup.dump_name` or
/// the command's program.
fn open_command(cfg: &super::Config) -> Result<Producer> {
    let command = cfg.backup.dump_command.as_deref().ok_or_else(|| match &cfg.target {
        DbTarget::Command { .. } => ConfigError::new(
            "DATABASE_URL is another engine's URL, backed up through its own tool: set backup.dump_command \
             (BACKUP_DUMP_COMMAND), e.g. `mongodump --archive --uri=\"$DATABASE_URL\"`, and restore.command \
             (RESTORE_COMMAND) to read it back",
        ),
        _ => ConfigError::new(
            "backup --dump-command needs backup.dump_command (BACKUP_DUMP_COMMAND): the command whose stdout is the dump",
        ),
    })?;
    let program = command_program(command);
    let name = command_dump_name(cfg);
    // Another engine's URL is for its own tool: the command gets it as DATABASE_URL (as pg_dump
    // gets its password), and nothing else of dbctl's.
    let url = match &cfg.target {
        DbTarget::Command { url } => Some(url.as_str()),
        _ => None,
    };
    let child = Tool::shell(command, false, true, crate::settings::command_environment(url))?;
    let mut p = Producer::other(cfg, name, "command", Input::Child(child));
    p.dump_tool = program;
    Ok(p)
}

/// Where pg_dump reads: with `backup.from = "replica"`, the first configured replica of the server
/// that is in recovery and no further behind than `backup.replica_max_lag` (the same database on
/// it); else, with a warning naming why each was passed over, the primary.
fn dump_source(cfg: &super::Config, target: &DbTarget, out: &Output) -> DbTarget {
    let DbTarget::Postgres { url } = target else { return target.clone() };
    if cfg.backup.from != crate::values::DumpFrom::Replica {
        return target.clone();
    }
    // This server's name: the one --server chose, or the configured primary DATABASE_URL points at.
    let me = cfg.server.clone().or_else(|| {
        let host = crate::redact::url_host(url);
        cfg.servers
            .iter()
            .filter(|s| s.role == crate::settings::servers::Role::Primary)
            .find(
                |s| matches!(&s.target, DbTarget::Postgres { url: u } if crate::redact::url_host(u) == host),
            )
            .map(|s| s.name.clone())
    });
    let replicas = crate::settings::servers::replicas_of(&cfg.servers, me.as_deref());
    if replicas.is_empty() {
        out.warn(
            "backup.from = replica, but no replica of this server is configured ([[servers]] with role = \
             \"replica\", or REPLICATION_NODES); dumping from the primary",
        );
        return target.clone();
    }
    let database = crate::redact::url_database(url).unwrap_or_default();
    let max = cfg.backup.replica_max_lag;
    let mut passed = Vec::new();
    for r in replicas {
        let DbTarget::Postgres { url: at } = &r.target else { continue };
        let candidate = DbTarget::Postgres { url: crate::redact::url_with_database(at, &database) };
        let probe = db::connect(&candidate, cfg.connect_timeout, &mut |_| {}).and_then(|mut c| {
            let standby = c.query_bool("SELECT pg_is_in_recovery() AS v")?;
            let lag = c.query_float(crate::db::pg_catalog::REPLICA_LAG)?;
            Ok((standby, lag))
        });
        match probe {
            Ok((true, Some(lag))) if lag <= max.as_secs_f64() => {
                out.info(&format!(
                    "dumping from replica {} (replay {} behind the primary)",
                    r.name,
                    crate::text::duration(lag)
                ));
                return candidate;
            }
            Ok((true, Some(lag))) => passed.push(format!(
                "{} is {} behind (backup.replica_max_lag {})",
                r.name,
                crate::text::duration(lag),
                crate::text::std_duration(max)
            )),
            Ok((true, None)) => passed.push(format!("{} has replayed nothing yet", r.name)),
            Ok((false, _)) => passed.push(format!("{} is not in recovery (promoted?)", r.name)),
            Err(e) => passed.push(format!("{} does not answer: {e:#}", r.name)),
        }
    }
    out.warn(&format!("no healthy replica to dump from ({}); dumping from the primary", passed.join("; ")));
    target.clone()
}

/// Step 1 for SQLite: a consistent snapshot (see `snapshot`), with its tables' row counts.
fn open_sqlite(
    mut conn: Conn,
    path: &Path,
    target: &DbTarget,
    cfg: &super::Config,
    out: &Output,
) -> Result<Producer> {
    let db_name = target.name().unwrap_or_else(|| "sqlite".into());
    crate::sys::beside::remove_leftovers(path, &mut |m| out.info(&m))?;
    let version = conn.query_text("SELECT sqlite_version() AS v")?;
    let mode = conn.query_text("SELECT journal_mode AS v FROM pragma_journal_mode")?;
    let from_file = if mode.eq_ignore_ascii_case("wal") {
        snapshot::wal_read_from_file(&mut conn, path, cfg.connect_timeout)?
    } else {
        snapshot::begin_read(&mut conn)?;
        true
    };
    let (snap, dump_tool) = if from_file {
        // An open read transaction that reads the database file alone: under the rollback
        // journal its SHARED lock keeps writers off the file; in WAL mode (see
        // wal_read_from_file) the checkpointer cannot write into it. Either way the file itself
        // is a consistent snapshot, streamed as it is, with no copy on disk.
        (SqliteSnapshot::Locked(path.to_path_buf()), "sqlite file under a read lock")
    } else {
        // A reader or a writer kept the WAL busy: VACUUM INTO a private file beside the
        // database (which is cleartext on that disk already), streamed, then deleted.
        out.warn(
            "the WAL could not be checkpointed (other connections kept it busy); \
             taking a VACUUM INTO copy beside the database instead",
        );
        let file = crate::sys::beside::create(path, crate::sys::beside::Kind::Snapshot)?;
        let quoted = crate::db::quote_literal(&file.path().to_string_lossy());
        conn.batch(&format!("VACUUM INTO {quoted}"))
            .map_err(|e| anyhow!("taking the SQLite snapshot: {e}"))?;
        (SqliteSnapshot::Copy(file), "sqlite VACUUM INTO")
    };
    // Row counts, from the snapshot being streamed (the same read transaction), or from the copy.
    let tables = match &snap {
        SqliteSnapshot::Copy(f) => {
            let copy = DbTarget::Sqlite { path: f.path().to_path_buf(), embedded: false };
            let mut c = db::connect(&copy, cfg.connect_timeout, &mut |_| {})?;
            super::tables::sqlite_counts(&mut c)?
        }
        SqliteSnapshot::Locked(_) => super::tables::sqlite_counts(&mut conn)?,
    };
    let input = match &snap {
        SqliteSnapshot::Copy(f) => Input::File(std::io::BufReader::with_capacity(256 * 1024, f.reopen()?)),
        SqliteSnapshot::Locked(path) => Input::File(std::io::BufReader::with_capacity(
            256 * 1024,
            std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?,
        )),
    };
    let estimate = match &input {
        Input::File(f) => f.get_ref().metadata().ok().map(|m| m.len()),
        Input::Child(_) | Input::Stream(_) | Input::Sections(_) => None,
    };
    // The connection holds the read lock until the file is streamed.
    let read_lock = matches!(snap, SqliteSnapshot::Locked(_)).then_some(conn);
    Ok(Producer {
        started_at: String::new(),
        started: Instant::now(),
        db_name,
        backend: "sqlite",
        server_version: version,
        dump_tool: dump_tool.into(),
        dump_format: "sqlite",
        extension: ".sqlite3",
        input,
        estimate,
        source: super::identity::Source { name: cfg.backup.name.clone(), ..Default::default() },
        tables: Some(tables),
        globals: None,
        _snapshot: Some(snap),
        _read_lock: read_lock,
        physical: None,
        archive_watch: None,
    })
}

/// One object to store: its name, what it is read from, the bytes expected, and the text its
/// producer ends with when complete.
struct ToStore<'a> {
    name: &'a str,
    input: Input,
    estimate: Option<u64>,
    marker: Option<&'a str>,
}

/// Step 2: streams one producer into one stored object; the producer's exit (and its
/// completion `marker`, when given) decides success. Nothing stays stored on failure.
fn store_part(
    upload: Box<dyn crate::storage::Upload>,
    ToStore { name, input, estimate, marker }: ToStore,
    scan: Option<&mut dyn super::tables::Observe>,
    o: &MakeOptions,
    out: &Output,
) -> Result<pipeline::Streamed> {
    let bar = out.progress(estimate, true, name);
    let mut tick = |read: u64, _stored: u64| {
        if let Some(bar) = &bar {
            // An estimate passed: the end is near, not known.
            if estimate.is_some() && bar.length().is_some_and(|len| read > len) {
                bar.set_length(read + read / 20);
            }
            bar.set_position(read);
        }
    };
    let (mut producer, mut file): (Option<Tool>, Option<Box<dyn Read + Send>>) = match input {
        Input::Child(p) => (Some(p), None),
        Input::File(f) => (None, Some(Box::new(f))),
        Input::Stream(s) => (None, Some(s)),
        Input::Sections(_) => unreachable!("a dump in parts is stored by store_sections"),
    };
    crate::sys::signals::set_child(producer.as_ref().map(Tool::id));
    // `--jobs N`: N streams at once share the cores.
    let threads = pipeline::threads_for(o.jobs);
    let streamed = {
        let reader: &mut dyn Read = match (&mut producer, &mut file) {
            (Some(p), _) => p.stdout.as_mut().expect("piped"),
            (None, Some(f)) => f,
            (None, None) => unreachable!("a producer or a file"),
        };
        match scan {
            Some(scan) => {
                let mut scanning = Scanning { inner: reader, scan };
                pipeline::stream(
                    &mut scanning,
                    upload,
                    o.compression,
                    o.level,
                    &o.encryption,
                    threads,
                    &mut tick,
                )
            }
            None => {
                pipeline::stream(reader, upload, o.compression, o.level, &o.encryption, threads, &mut tick)
            }
        }
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    crate::sys::signals::set_child(None);
    if let Some(sig) = crate::sys::signals::received() {
        if let Some(p) = producer {
            p.kill();
        }
        if let Ok((upload, _)) = streamed {
            upload.abort();
        }
        return Err(anyhow::Error::new(crate::sys::signals::Interrupted(sig))
            .context("the backup was stopped; nothing was stored"));
    }
    // The producer's exit decides, whatever the stream did.
    let produced = match producer {
        Some(p) if streamed.is_err() => {
            p.kill();
            Ok(())
        }
        Some(p) => p.finish(),
        None => Ok(()),
    };
    let (upload, streamed) = match (streamed, produced) {
        (Ok(s), Ok(())) => s,
        (Ok((upload, _)), Err(e)) => {
            upload.abort();
            return Err(e.context("the backup failed; nothing was stored"));
        }
        (Err(e), _) => return Err(e.context("the backup failed; nothing was stored")),
    };
    if let Some(marker) = marker
        && !streamed.tail.contains(marker)
    {
        upload.abort();
        bail!("the dump ended without its completion marker (truncated output); nothing was stored");
    }
    if streamed.raw_bytes == 0 {
        upload.abort();
        bail!("the dump is empty (its producer wrote nothing); nothing was stored");
    }
    upload.commit()?;
    Ok(streamed)
}

/// Step 2, with `--jobs`: the parts of a dump in several parts, made by `opts.jobs` pg_dump
/// processes at once from one snapshot, each streamed through compression and encryption to
/// every destination; the pre-data goes to `artifact`. A part that fails stops the others (their
/// pg_dump is stopped) and removes what was stored: no backup. Returns the artifact's stream, the
/// data and post-data parts in the order they load, and the tables' rows.
fn store_sections(
    plan: super::sections::Plan,
    places: &mut Places,
    artifact: &str,
    (db, stamp, id): (&str, &str, &str),
    opts: &MakeOptions,
    out: &Output,
) -> Result<(pipeline::Streamed, Vec<manifest::Part>, std::collections::BTreeMap<String, TableData>)> {
    use super::sections::Section;
    let sections = plan.sections();
    let tables = sections.iter().filter(|s| s.table().is_some()).count();
    let name_of = |i: usize, s: &Section| match s {
        Section::PreData => artifact.to_string(),
        Section::PostData => object_name(db, stamp, id, ".post-data.sql", opts),
        Section::Table { .. } | Section::Range { .. } => {
            object_name(db, stamp, id, &format!(".data-{:04}.sql", i + 1), opts)
        }
        Section::Rest => object_name(db, stamp, id, &format!(".data-{:04}.sql", tables + 1), opts),
    };
    let names: Vec<String> = sections.iter().enumerate().map(|(i, s)| name_of(i, s)).collect();
    out.info(&format!("dumping in {} parts, {} at a time, from one snapshot", sections.len(), opts.jobs));
    let quiet = out.quieted();
    let pids = std::sync::Mutex::new(Vec::<u32>::new());
    type Done = (usize, Result<pipeline::Streamed>, TableScan, Option<crate::storage::Outcomes>);
    let mut results: Vec<Option<(pipeline::Streamed, TableScan)>> =
        (0..sections.len()).map(|_| None).collect();
    let mut all_outcomes = Vec::new();
    let mut failure: Option<anyhow::Error> = None;
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = std::sync::mpsc::channel::<Done>();
        let (mut next, mut running) = (0, 0);
        loop {
            while failure.is_none() && running < opts.jobs as usize && next < sections.len() {
                let (i, section) = (next, &sections[next]);
                next += 1;
                // An upload whose pg_dump did not start is dropped, which throws it away.
                let started = places.put(&names[i]).and_then(|(upload, outcomes)| {
                    plan.start(section).map(|child| (upload, outcomes, child))
                });
                let (upload, outcomes, child) = match started {
                    Ok(s) => s,
                    Err(e) => {
                        failure = Some(e.context(format!("starting the part {}", names[i])));
                        break;
                    }
                };
                let input = match child {
                    super::sections::Started::Child(child) => {
                        pids.lock().unwrap_or_else(|e| e.into_inner()).push(child.id());
                        Input::Child(child)
                    }
                    super::sections::Started::Stream(stream) => Input::Stream(stream),
                };
                let estimate = section.size();
                let (tx, name, quiet) = (done_tx.clone(), names[i].as_str(), &quiet);
                running += 1;
                scope.spawn(move || {
                    let mut scan = TableScan::default();
                    let part = ToStore { name, input, estimate, marker: Some(PLAIN_DUMP_END) };
                    let stored = store_part(
                        upload,
                        part,
                        Some(&mut scan as &mut dyn super::tables::Observe),
                        opts,
                        quiet,
                    );
                    let _ = tx.send((i, stored, scan, outcomes));
                });
            }
            if running == 0 {
                break;
            }
            let Ok((i, stored, scan, outcomes)) = done_rx.recv() else { break };
            running -= 1;
            all_outcomes.push(outcomes);
            match stored {
                Ok(streamed) => {
                    out.verbose(&format!("stored the part {}", names[i]));
                    results[i] = Some((streamed, scan));
                }
                Err(e) => {
                    if failure.is_none() {
                        failure = Some(e.context(format!("making the part {}", names[i])));
                        // The others stop: their pg_dump ends (a range's copy too), their upload
                        // is thrown away.
                        plan.stop();
                        for pid in pids.lock().unwrap_or_else(|e| e.into_inner()).iter() {
                            // SAFETY: kill(2) on a pg_dump this process started (at worst ESRCH).
                            unsafe { libc::kill(*pid as libc::pid_t, libc::SIGTERM) };
                        }
                    }
                }
            }
        }
    });
    drop(plan);
    if let Some(e) = failure {
        for i in places.alive() {
            for (name, made) in names.iter().zip(&results) {
                if made.is_some() {
                    let _ = places.dests[i].store.delete(name);
                }
            }
        }
        return Err(e.context("the backup failed; nothing was stored"));
    }
    let earlier: Vec<&str> = names.iter().map(String::as_str).collect();
    for outcomes in all_outcomes {
        places.settle(outcomes, &earlier);
    }
    // The manifest's order: the tables' data, the rest, then the post-data.
    let mut artifact_stream = None;
    let mut data = Vec::new();
    let mut post = None;
    let mut rows = std::collections::BTreeMap::new();
    for ((section, name), made) in sections.iter().zip(names).zip(results) {
        let (streamed, scan) = made.expect("every part was made");
        // A table cut in ranges: the rows of all its parts.
        for (table, d) in scan.into_tables() {
            let sum: &mut TableData = rows.entry(table).or_default();
            sum.rows += d.rows;
            sum.bytes += d.bytes;
        }
        let part = |kind: &str, table: Option<String>| manifest::Part {
            name: name.clone(),
            kind: kind.into(),
            table,
            stored_bytes: streamed.stored_bytes,
            uncompressed_bytes: streamed.raw_bytes,
            sha256: streamed.sha256.clone(),
            age_header: streamed.age_header.clone(),
        };
        match section {
            Section::PreData => artifact_stream = Some(streamed),
            Section::PostData => post = Some(part("post-data", None)),
            Section::Table { shown, .. } | Section::Range { shown, .. } => {
                data.push(part("data", Some(shown.clone())))
            }
            Section::Rest => data.push(part("data", None)),
        }
    }
    data.sort_by(|a, b| a.name.cmp(&b.name));
    data.extend(post);
    Ok((artifact_stream.expect("the pre-data part"), data, rows))
}

/// Step 3: the server's roles and tablespaces, as a further part of the same backup.
fn store_globals(
    upload: Box<dyn crate::storage::Upload>,
    name: &str,
    (tool, bare, password): (PgTool, String, Option<String>),
    opts: &MakeOptions,
    out: &Output,
) -> Result<manifest::Part> {
    let child = Tool::pg_dumpall_globals(&tool, &bare, password.as_deref())?;
    let part = ToStore { name, input: Input::Child(child), estimate: None, marker: Some(PLAIN_DUMPALL_END) };
    let g = store_part(upload, part, None, opts, out)?;
    Ok(manifest::Part {
        name: name.to_string(),
        kind: "globals".into(),
        table: None,
        stored_bytes: g.stored_bytes,
        uncompressed_bytes: g.raw_bytes,
        sha256: g.sha256,
        age_header: g.age_header,
    })
}

/// Step 4: the manifest, written last; without it the backup's files are removed.
fn write_manifest(store: &dyn Storage, m: &Manifest) -> Result<()> {
    let written = store.put(&m.object_name()).and_then(|mut up| {
        up.write_all(serde_json::to_string_pretty(m)?.as_bytes())?;
        up.commit()
    });
    if let Err(e) = written {
        let _ = store.delete(&m.artifact);
        for part in &m.parts {
            let _ = store.delete(&part.name);
        }
        return Err(e.context("writing the manifest; the backup's files were removed"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::testing::settings;

    const RECIPIENT: &str = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";

    fn configured(vars: &[(&'static str, &'static str)]) -> MakeOptions {
        let dir = tempfile::tempdir().unwrap();
        MakeOptions::configured(&crate::backup::Config::from_settings(&settings(dir.path(), vars))).unwrap()
    }

    #[test]
    fn a_commands_program_is_found_past_the_shells_syntax() {
        for (command, program) in [
            ("mongodump --archive", "mongodump"),
            ("/usr/bin/mongodump --archive", "mongodump"),
            ("{ mongodump --archive; }", "mongodump"),
            ("(cd /x && exec mysqldump db)", "cd"),
            ("MONGO_URI=x env LANG=C exec mongodump", "mongodump"),
            ("{ ; }", "command"),
        ] {
            assert_eq!(command_program(command), program, "{command}");
        }
    }

    #[test]
    fn the_configuration_decides_without_flags() {
        let o = configured(&[]);
        assert_eq!((o.compression, o.level, o.format), (Compression::Gzip, None, DumpFormat::Plain));
        assert!(matches!(o.encryption, Encryption::None));
        assert!(!o.globals && o.tag.is_none());

        let o = configured(&[("BACKUP_COMPRESSION", "zstd")]);
        assert_eq!(o.compression, Compression::Zstd);
    }

    #[test]
    fn a_key_turns_encryption_on_unless_it_is_switched_off() {
        let o = configured(&[("BACKUP_ENCRYPTION_KEY", "correct horse")]);
        assert!(
            matches!(o.encryption, Encryption::Passphrase { ref passphrase, armor: false } if passphrase == "correct horse")
        );
        let o = configured(&[("BACKUP_ENCRYPTION_KEY", RECIPIENT)]);
        assert!(
            matches!(o.encryption, Encryption::Recipients { ref recipients, .. } if recipients == &[RECIPIENT])
        );
        let o = configured(&[("BACKUP_ENCRYPTION_KEY", "correct horse"), ("BACKUP_ENCRYPTION", "none")]);
        assert!(matches!(o.encryption, Encryption::None), "an explicit `none` wins over a key");
    }

    #[test]
    fn flags_add_recipients_or_switch_encryption_off() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(dir.path(), &[("BACKUP_ENCRYPTION_KEY", RECIPIENT)]);
        let extra = ["age1extra".to_string()];
        match encryption(false, &extra, &crate::backup::Config::from_settings(&s)).unwrap() {
            Encryption::Recipients { recipients, .. } => assert_eq!(recipients, ["age1extra", RECIPIENT]),
            _ => panic!("recipients expected"),
        }
        assert!(matches!(
            encryption(true, &extra, &crate::backup::Config::from_settings(&s)).unwrap(),
            Encryption::None
        ));
    }

    #[test]
    fn names_sort_by_time_and_read_back() {
        let o = configured(&[("BACKUP_ENCRYPTION_KEY", "pass")]);
        let name = object_name("app", "20261122T020000Z", "1a2b3c", ".sql", &o);
        assert_eq!(name, "app-20261122T020000Z-1a2b3c.sql.gz.age");
        assert_eq!(manifest::parse_backup_name(&name), Some(("app", "20261122T020000Z", "1a2b3c")));
        let plain = MakeOptions { compression: Compression::None, encryption: Encryption::None, ..o };
        assert_eq!(
            object_name("my-db", "20261122T020000Z", "abcdef", ".globals.sql", &plain),
            "my-db-20261122T020000Z-abcdef.globals.sql"
        );
        let earlier = object_name("app", "20261121T235959Z", "ffffff", ".sql", &plain);
        let later = object_name("app", "20261122T000000Z", "000000", ".sql", &plain);
        assert!(earlier < later);
    }
}
