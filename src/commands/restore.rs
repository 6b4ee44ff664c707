//! `dbctl restore`: the backup pipeline run backwards, into psql (PostgreSQL) or a file that
//! replaces the target (SQLite), committed only once every check passed.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};

use crate::backup::manifest::{self, Manifest};
use crate::backup::pipeline::Tail;
use crate::backup::producer::{self, PLAIN_DUMP_END, Tool};
use crate::backup::tables::{TableData, TableScan};
use crate::backup::unpack::{self, Content, Decoded, Keys};
use crate::cli::{CreateBackupArgs, RestoreArgs};
use crate::commands::backup;
use crate::db::{self, Conn, DbTarget, quote_ident};
use crate::output::Output;
use crate::redact::{url_database, url_with_database, url_without_password};
use crate::settings::{S3Settings, Settings};
use crate::storage::S3Storage;
use crate::storage::Storage;

/// Where a backup is read from.
pub struct Source {
    pub store: Box<dyn Storage>,
    /// The object's name in `store`.
    pub name: String,
    /// Its manifest, when it has one (bare files have none).
    pub manifest: Option<Manifest>,
    /// What to call it in messages.
    pub label: String,
}

impl Source {
    fn open(&self, keys: &mut Keys, prompt: bool) -> Result<Decoded> {
        let stored = self.store.get(&self.name)?;
        unpack::open(stored, keys, prompt)
            .with_context(|| format!("cannot read {}, so nothing was restored", self.label))
    }
}

/// Finds what `arg` names: s3://bucket/key, a path, or a backup (id, name, `latest`) in the
/// configured storage.
pub fn resolve(arg: &str, settings: &Settings) -> Result<Source> {
    if let Some(rest) = arg.strip_prefix("s3://") {
        let (bucket, key) = rest
            .split_once('/')
            .filter(|(b, k)| !b.is_empty() && !k.is_empty())
            .ok_or_else(|| anyhow!("`{arg}` is not an S3 object; write s3://BUCKET/KEY"))?;
        let base = settings.backup.s3.clone();
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
        };
        let store: Box<dyn Storage> = Box::new(S3Storage::open(&s3)?);
        return with_manifest(store, key, arg);
    }
    let path = Path::new(arg);
    if path.is_file() {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let store: Box<dyn Storage> = Box::new(crate::storage::LocalDir { dir: dir.to_path_buf() });
        return with_manifest(store, &name, arg);
    }
    if arg.contains('/') {
        bail!("{arg} does not exist; give a backup's id, `latest`, a file, or s3://bucket/key");
    }
    let store = backup::storage(settings)?;
    let all = backup::manifests(store.as_ref())?;
    let m = backup::find(&all, arg, settings, store.as_ref())?.clone();
    Ok(Source { name: m.artifact.clone(), label: m.artifact.clone(), manifest: Some(m), store })
}

/// A stored object and the manifest beside it, if any (`name` may be the manifest itself).
fn with_manifest(store: Box<dyn Storage>, name: &str, label: &str) -> Result<Source> {
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
    Ok(Source { store, name: artifact, manifest, label })
}

/// The keys from `-i` files and the configured passphrase.
fn keys(identity_files: &[PathBuf], settings: &Settings) -> Result<Keys> {
    Keys::load(identity_files, settings.backup.encryption_key.as_deref())
}

pub fn run(args: &RestoreArgs, settings: &Settings, out: &Output) -> Result<u8> {
    crate::sys::signals::install().context("catching SIGINT and SIGTERM")?;
    let source = resolve(&args.backup, settings)?;
    let mut keys = keys(&args.identity, settings)?;
    if args.list {
        return list(&source, &mut keys, out);
    }
    let started = Instant::now();
    let target = match &args.to {
        Some(url) => {
            DbTarget::parse(url, &std::env::current_dir()?).map_err(crate::error::ConfigError::new)?
        }
        None => settings.database.target.clone(),
    };
    // The first bytes tell what the backup holds, before anything is done to the target.
    let content = source.open(&mut keys, true)?.content;
    check_backend(content, &target)?;
    if args.jobs.is_some() && content != Content::Custom {
        return Err(crate::error::ConfigError::new(format!(
            "--jobs is for pg_dump custom archives, which pg_restore can load in parallel; this backup is a {} dump",
            content.as_str()
        ))
        .into());
    }
    let prepared = prepare(&target, args, settings, out)?;
    let mut safety = None;
    if prepared.not_empty.is_some() && !args.no_safety_backup {
        out.info(&format!("taking a safety backup of {} first", target.display()));
        let made = backup::make(&CreateBackupArgs::default(), settings, &target, Some("safety"), out)
            .context("the safety backup failed, so nothing was restored (--no-safety-backup skips it)")?;
        let undo = match &args.to {
            Some(_) => format!("dbctl restore {} --clean --to URL", made.manifest.id),
            None => format!("dbctl restore {} --clean", made.manifest.id),
        };
        out.info(&format!("safety backup {}; to undo the restore: {undo}", made.summary()));
        safety = Some(made.manifest);
    }
    let decoded = source.open(&mut keys, true)?;
    let done = match args.jobs {
        Some(jobs) => restore_parallel(decoded, &source, &prepared, jobs, settings, out)?,
        None => restore_into(decoded, &source, &prepared, settings, out)?,
    };
    let flushed = flush_redis(&args.flush_redis, settings, out)?;

    let secs = started.elapsed().as_secs_f64();
    if out.settings.json {
        let value = serde_json::json!({
            "restored": source.label,
            "id": source.manifest.as_ref().map(|m| m.id.clone()),
            "target": target.display(),
            "content": content.as_str(),
            "stored_bytes": done.stored.bytes,
            "sha256": done.stored.sha256,
            "uncompressed_bytes": done.raw_bytes,
            "tables": done.tables,
            "safety_backup": safety.as_ref().map(|m| serde_json::json!({"id": m.id, "artifact": m.artifact})),
            "redis_keys_removed": flushed,
            "duration_ms": (secs * 1000.0) as u64,
        });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
    } else if !out.settings.quiet {
        let tables = done.tables.as_ref().map_or(String::new(), |t| format!(", {} tables", t.len()));
        out.stdout(&format!(
            "restored {} into {}: {} ({} stored{tables}) in {} ({}/s)\n",
            source.label,
            target.display(),
            crate::output::bytes(done.raw_bytes as f64),
            crate::output::bytes(done.stored.bytes as f64),
            crate::output::duration(secs),
            crate::output::bytes(done.raw_bytes as f64 / secs.max(0.001)),
        ))?;
    }
    Ok(0)
}

fn check_backend(content: Content, target: &DbTarget) -> Result<()> {
    match (content, target) {
        (Content::Sqlite, DbTarget::Sqlite { .. }) => Ok(()),
        (Content::PlainSql | Content::Custom, DbTarget::Postgres { .. }) => Ok(()),
        (Content::Sqlite, _) => bail!(
            "the backup is a SQLite database but the target {} is not SQLite; give a SQLite target with --to",
            target.display()
        ),
        (_, DbTarget::SqliteMemory) => bail!("cannot restore into an in-memory SQLite database; set --to"),
        (_, DbTarget::Sqlite { .. }) => bail!(
            "the backup is a PostgreSQL dump but the target {} is SQLite; give a PostgreSQL target with --to",
            target.display()
        ),
    }
}

/// A target ready to receive a restore.
pub struct Prepared {
    target: DbTarget,
    /// What the target holds, when it is not empty (and --clean allowed replacing it).
    not_empty: Option<String>,
    /// SQL run in the restore's transaction before the dump (PostgreSQL --clean).
    prelude: String,
    server_major: u32,
}

/// Connects to the target (creating it with --create), and refuses a non-empty one without
/// --clean, or without --yes in a protected profile.
fn prepare(target: &DbTarget, args: &RestoreArgs, settings: &Settings, out: &Output) -> Result<Prepared> {
    let timeout = settings.database.connect_timeout;
    let (not_empty, prelude, server_major) = match target {
        DbTarget::Postgres { url } => {
            let mut conn = match db::connect(target, timeout, &mut |m| out.info(&m)) {
                Ok(c) => c,
                Err(e) if format!("{e:#}").contains("does not exist") => {
                    let name = url_database(url).unwrap_or_default();
                    if !args.create {
                        bail!(
                            "the database `{name}` does not exist on that server; pass --create to create it"
                        );
                    }
                    create_pg_database(url, &name, settings, out)?;
                    db::connect(target, timeout, &mut |m| out.info(&m))?
                }
                Err(e) => return Err(e),
            };
            let major = conn.pg_major()?;
            let contents = pg_contents(&mut conn)?;
            let prelude = if contents.is_some() { pg_clean_sql(&mut conn, major)? } else { String::new() };
            (contents, prelude, major)
        }
        DbTarget::Sqlite { path, .. } => {
            if !path.exists() && !args.create {
                bail!("{} does not exist; pass --create to restore into a new file", path.display());
            }
            let contents = if path.exists() { sqlite_contents(target, settings)? } else { None };
            (contents, String::new(), 0)
        }
        DbTarget::SqliteMemory => unreachable!("checked with the backend"),
    };
    if let Some(what) = &not_empty {
        if !args.clean {
            bail!(
                "the target {} is not empty ({what}); pass --clean to replace its contents (a safety \
                 backup of it is taken first)",
                target.display()
            );
        }
        let question = format!("the restore replaces everything in {} ({what})", target.display());
        crate::commands::migrate::guard_protected(settings, args.yes, &question)?;
        // --clean is the consent in a script; a person at a terminal is asked as well.
        if !args.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            crate::output::ask_yes(&question)?;
        }
    }
    Ok(Prepared { target: target.clone(), not_empty, prelude, server_major })
}

/// Creates database `name` on the server of `url`, through its maintenance database.
fn create_pg_database(url: &str, name: &str, settings: &Settings, out: &Output) -> Result<()> {
    let admin = DbTarget::Postgres { url: url_with_database(url, "postgres") };
    let mut conn = db::connect(&admin, settings.database.connect_timeout, &mut |m| out.info(&m))
        .context("connecting to the maintenance database `postgres` to create the target")?;
    conn.batch(&format!("CREATE DATABASE {}", quote_ident(name)))
        .map_err(|e| anyhow!("creating the database `{name}`: {e}"))?;
    out.info(&format!("created the database `{name}`"));
    Ok(())
}

/// Drops database `name` on the server of `url`, whoever is connected to it.
fn drop_pg_database(url: &str, name: &str, settings: &Settings) -> Result<()> {
    let admin = DbTarget::Postgres { url: url_with_database(url, "postgres") };
    let mut conn = db::connect(&admin, settings.database.connect_timeout, &mut |_| {})?;
    conn.batch(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_ident(name)))
        .map_err(|e| anyhow!("dropping the database `{name}`: {e}"))?;
    Ok(())
}

/// The schemas that are the database's own, not PostgreSQL's (`n` is pg_namespace).
const USER_NS: &str = "n.nspname NOT IN ('pg_catalog', 'information_schema') \
    AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

/// What a PostgreSQL database holds outside the system schemas, or None when empty.
fn pg_contents(conn: &mut Conn) -> Result<Option<String>> {
    let count = |conn: &mut Conn, sql: String| conn.query_int(&sql);
    let relations = count(
        conn,
        format!(
            "SELECT count(*) AS v FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {USER_NS}"
        ),
    )?;
    let functions = count(
        conn,
        format!(
            "SELECT count(*) AS v FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {USER_NS}"
        ),
    )?;
    let types = count(
        conn,
        format!(
            "SELECT count(*) AS v FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
             WHERE t.typtype IN ('e', 'd', 'r', 'm') AND {USER_NS}"
        ),
    )?;
    let schemas = count(
        conn,
        format!("SELECT count(*) AS v FROM pg_namespace n WHERE n.nspname <> 'public' AND {USER_NS}"),
    )?;
    let parts: Vec<String> =
        [(relations, "relations"), (functions, "functions"), (types, "types"), (schemas, "schemas")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
    Ok((!parts.is_empty()).then(|| parts.join(", ")))
}

/// SQL that empties a PostgreSQL database: every user schema dropped, `public` made again as a
/// new database has it.
fn pg_clean_sql(conn: &mut Conn, major: u32) -> Result<String> {
    let schemas = conn
        .query_texts(&format!("SELECT n.nspname AS v FROM pg_namespace n WHERE {USER_NS} ORDER BY 1"), &[])?;
    let mut sql = String::new();
    for s in &schemas {
        sql.push_str(&format!("DROP SCHEMA IF EXISTS {} CASCADE;\n", quote_ident(s)));
    }
    if major >= 15 {
        sql.push_str("CREATE SCHEMA public AUTHORIZATION pg_database_owner;\nGRANT USAGE ON SCHEMA public TO PUBLIC;\n");
    } else {
        sql.push_str("CREATE SCHEMA public;\nGRANT ALL ON SCHEMA public TO PUBLIC;\n");
    }
    sql.push_str("COMMENT ON SCHEMA public IS 'standard public schema';\n");
    Ok(sql)
}

/// What a SQLite database holds, or None when empty.
fn sqlite_contents(target: &DbTarget, settings: &Settings) -> Result<Option<String>> {
    let mut conn = db::connect(target, settings.database.connect_timeout, &mut |_| {})?;
    let n = conn.query_int(
        "SELECT count(*) AS v FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    Ok((n > 0).then(|| format!("{n} tables and views")))
}

/// What a restore did.
pub struct Restored {
    pub stored: unpack::StoredSum,
    pub raw_bytes: u64,
    /// The tables in the dump (plain and custom PostgreSQL dumps), with rows and bytes.
    pub tables: Option<BTreeMap<String, TableData>>,
}

/// `--jobs N`: decodes the archive into a private temporary file (pg_restore needs to seek to
/// run jobs in parallel), checks it like any restore, loads it with `pg_restore --jobs N` into a
/// new database, and only then swaps that database in for the target (whose owner it keeps).
/// Any failure drops the new database and leaves the target as it was.
fn restore_parallel(
    mut decoded: Decoded,
    source: &Source,
    prepared: &Prepared,
    jobs: u32,
    settings: &Settings,
    out: &Output,
) -> Result<Restored> {
    let DbTarget::Postgres { url } = &prepared.target else { unreachable!("checked with the backend") };
    let name = url_database(url).ok_or_else(|| anyhow!("the target URL names no database"))?;
    let left = format!("{} was left as it was", prepared.target.display());
    let dir = tempfile::Builder::new()
        .prefix("dbctl-restore-")
        .tempdir()
        .context("creating a temporary directory")?;
    let archive = dir.path().join("archive.dump");
    let bar = progress(source.manifest.as_ref().map(|m| m.stored_bytes), &source.label, out);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&archive)
        .with_context(|| format!("creating {}", archive.display()))?;
    let mut tick = ticker(&decoded.stored_read, &bar);
    let raw = pump_to_file(&mut decoded, &mut file, &mut tick);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let raw = raw.map_err(|e| e.context(format!("the restore failed; {left}")))?;
    let sum = check_stored(&decoded, source).map_err(|e| e.context(format!("the restore failed; {left}")))?;
    not_interrupted()?;

    let suffix = manifest::short_id();
    let fresh = format!("{name}_dbctl_new_{suffix}");
    let old = format!("{name}_dbctl_old_{suffix}");
    create_pg_database(url, &fresh, settings, out)?;
    let loaded = (|| {
        let tool = producer::find_pg_tool("pg_restore", None, prepared.server_major)?;
        let (bare, password) = url_without_password(&url_with_database(url, &fresh));
        let mut cmd = std::process::Command::new(&tool.path);
        cmd.args(["--exit-on-error", "--no-password", "--jobs", &jobs.to_string()])
            .arg(format!("--dbname={bare}"))
            .arg(&archive);
        let child = Tool::spawn(cmd, password.as_deref(), &tool.path, false, false)?;
        crate::sys::signals::set_child(Some(child.id()));
        let finished = child.finish();
        crate::sys::signals::set_child(None);
        finished?;
        not_interrupted()
    })();
    if let Err(e) = loaded {
        let _ = drop_pg_database(url, &fresh, settings);
        return Err(e.context(format!("pg_restore failed; {left}")));
    }
    // The swap: the target moves aside, the new database takes its name, the old one is dropped.
    let admin = DbTarget::Postgres { url: url_with_database(url, "postgres") };
    let mut conn = db::connect(&admin, settings.database.connect_timeout, &mut |_| {})?;
    let owner: Vec<String> = conn.query_texts(
        "SELECT pg_get_userbyid(datdba) AS v FROM pg_database WHERE datname = ?",
        &[db::Param::Text(name.clone())],
    )?;
    let (q_name, q_fresh, q_old) = (quote_ident(&name), quote_ident(&fresh), quote_ident(&old));
    if !owner.is_empty()
        && let Err(e) = conn.batch(&format!("ALTER DATABASE {q_name} RENAME TO {q_old}"))
    {
        let _ = drop_pg_database(url, &fresh, settings);
        bail!(
            "cannot swap the restored database in: {e}; stop the application's connections to `{name}` \
             (or restore without --jobs); {left}"
        );
    }
    if let Err(e) = conn.batch(&format!("ALTER DATABASE {q_fresh} RENAME TO {q_name}")) {
        if !owner.is_empty() {
            let _ = conn.batch(&format!("ALTER DATABASE {q_old} RENAME TO {q_name}"));
        }
        let _ = drop_pg_database(url, &fresh, settings);
        bail!("cannot swap the restored database in: {e}; {left}");
    }
    if let Some(owner) = owner.first() {
        conn.batch(&format!("ALTER DATABASE {q_name} OWNER TO {}", quote_ident(owner)))
            .map_err(|e| anyhow!("restoring the database's owner `{owner}`: {e}"))?;
        drop_pg_database(url, &old, settings).with_context(|| {
            format!("the restore is in place, but the previous database `{old}` is left to drop")
        })?;
    }
    Ok(Restored { stored: sum, raw_bytes: raw, tables: None })
}

/// Streams `decoded` into the prepared target and commits only once the stream ended well and
/// the stored bytes match the manifest.
pub fn restore_into(
    decoded: Decoded,
    source: &Source,
    prepared: &Prepared,
    settings: &Settings,
    out: &Output,
) -> Result<Restored> {
    let total = source.manifest.as_ref().map(|m| m.stored_bytes);
    let bar = progress(total, &source.label, out);
    let result = match &prepared.target {
        DbTarget::Postgres { url } => into_postgres(decoded, source, prepared, url, &bar),
        DbTarget::Sqlite { path, .. } => into_sqlite(decoded, source, path, settings, &bar),
        DbTarget::SqliteMemory => unreachable!("checked with the backend"),
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

/// An error when a signal arrived (checked last, before the point of no return).
fn not_interrupted() -> Result<()> {
    match crate::sys::signals::received() {
        Some(sig) => Err(crate::sys::signals::Interrupted(sig).into()),
        None => Ok(()),
    }
}

fn progress(total: Option<u64>, label: &str, out: &Output) -> Option<indicatif::ProgressBar> {
    if out.settings.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match total {
        Some(t) => indicatif::ProgressBar::new(t).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {wide_msg}",
            )
            .expect("valid"),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} {bytes} read ({bytes_per_sec}) {wide_msg}")
                .expect("valid"),
        ),
    };
    Some(bar.with_message(label.to_string()))
}

/// Copies `from` into `to`, watching for signals, keeping the tail and scanning COPY blocks.
fn pump(
    from: &mut dyn Read,
    to: &mut dyn Write,
    scan: Option<&mut TableScan>,
    tail: &mut Tail,
    tick: &mut dyn FnMut(),
) -> Result<u64, PumpError> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    let mut scan = scan;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(PumpError::Read(anyhow!(e))),
        };
        if let Some(sig) = crate::sys::signals::received() {
            return Err(PumpError::Read(crate::sys::signals::Interrupted(sig).into()));
        }
        to.write_all(&buf[..n]).map_err(|e| PumpError::Write(anyhow!(e)))?;
        if let Some(s) = scan.as_deref_mut() {
            s.observe(&buf[..n]);
        }
        tail.push(&buf[..n]);
        total += n as u64;
        tick();
    }
}

/// Moves the progress bar (if any) to the stored bytes read so far.
fn ticker<'a>(
    read: &std::sync::Arc<std::sync::atomic::AtomicU64>,
    bar: &'a Option<indicatif::ProgressBar>,
) -> impl FnMut() + 'a {
    let read = std::sync::Arc::clone(read);
    move || {
        if let Some(bar) = bar {
            bar.set_position(read.load(std::sync::atomic::Ordering::Relaxed));
        }
    }
}

/// Writes the whole dump into `file` (buffered), flushed and synced; returns its size.
fn pump_to_file(decoded: &mut Decoded, file: &mut std::fs::File, tick: &mut dyn FnMut()) -> Result<u64> {
    let mut w = std::io::BufWriter::with_capacity(256 * 1024, &mut *file);
    let n = pump(&mut decoded.reader, &mut w, None, &mut Tail::default(), tick).map_err(|e| match e {
        PumpError::Read(e) => e.context("reading the backup"),
        PumpError::Write(e) => e.context("writing the restored file"),
    })?;
    w.flush()?;
    drop(w);
    file.sync_all()?;
    Ok(n)
}

/// Which side of a copy failed: reading the backup, or writing to the consumer (whose own
/// error message then says more).
enum PumpError {
    Read(anyhow::Error),
    Write(anyhow::Error),
}

/// Checks the stored bytes against the manifest once they were read to their end.
fn check_stored(decoded: &Decoded, source: &Source) -> Result<unpack::StoredSum> {
    let sum = decoded.finish()?;
    if let Some(m) = &source.manifest {
        if sum.bytes != m.stored_bytes {
            bail!(
                "the stored backup is {} bytes but its manifest says {}: it was truncated or changed",
                sum.bytes,
                m.stored_bytes
            );
        }
        if sum.sha256 != m.sha256 {
            bail!(
                "the stored backup's sha256 is {} but its manifest says {}: it was changed or damaged",
                sum.sha256,
                m.sha256
            );
        }
    }
    Ok(sum)
}

/// pg_restore turning a custom archive into SQL (it connects nowhere), fed by a thread.
struct Converter {
    pg_restore: Tool,
    feeder: std::thread::JoinHandle<std::io::Result<u64>>,
}

impl Converter {
    /// Waits for the feeder and pg_restore; either's failure is the archive's.
    fn finish(self) -> Result<()> {
        let fed = self.feeder.join().map_err(|_| anyhow!("the pg_restore feeder panicked"))?;
        fed.context("reading the backup")?;
        self.pg_restore.finish().context("pg_restore could not read the archive")
    }

    fn kill(self) {
        self.pg_restore.kill();
    }
}

/// The dump as SQL text: a plain dump as it is, a custom archive through pg_restore (the newest
/// one at least as new as `server_major`).
fn as_sql(
    dump: Box<dyn Read + Send>,
    content: Content,
    server_major: u32,
) -> Result<(Box<dyn Read + Send>, Option<Converter>)> {
    if content != Content::Custom {
        return Ok((dump, None));
    }
    let tool = producer::find_pg_tool("pg_restore", None, server_major)?;
    let mut pg_restore = Tool::pg_restore_to_sql(&tool)?;
    let mut stdin = pg_restore.stdin.take().expect("piped");
    let mut archive = dump;
    let feeder = std::thread::spawn(move || std::io::copy(&mut archive, &mut stdin));
    let sql: Box<dyn Read + Send> = Box::new(pg_restore.stdout.take().expect("piped"));
    Ok((sql, Some(Converter { pg_restore, feeder })))
}

/// A plain dump must end with pg_dump's completion marker.
fn check_marker(content: Content, tail: &Tail) -> Result<()> {
    if content == Content::PlainSql && !tail.contains(PLAIN_DUMP_END) {
        bail!(
            "the dump does not end with pg_dump's completion marker: it is truncated, or was not made by pg_dump"
        );
    }
    Ok(())
}

fn into_postgres(
    mut decoded: Decoded,
    source: &Source,
    prepared: &Prepared,
    url: &str,
    bar: &Option<indicatif::ProgressBar>,
) -> Result<Restored> {
    let (bare, password) = url_without_password(url);
    let psql_tool = producer::find_pg_tool("psql", None, prepared.server_major)?;
    let mut psql = Tool::psql(&psql_tool, &bare, password.as_deref())?;
    let dump = std::mem::replace(&mut decoded.reader, Box::new(std::io::empty()));
    let (reader, mut converter) = as_sql(dump, decoded.content, prepared.server_major)?;
    // Decoding runs ahead of psql by up to 16 MiB, so neither waits on the other.
    let mut reader = crate::backup::pipeline::ReadAhead::new(reader, 1 << 20, 16);
    crate::sys::signals::set_child(Some(psql.id()));
    let stdin = psql.stdin.as_mut().expect("piped");
    let mut scan = TableScan::default();
    let mut tail = Tail::default();
    let mut tick = ticker(&decoded.stored_read, bar);
    let begun = stdin.write_all(format!("BEGIN;\n{}", prepared.prelude).as_bytes());
    let pumped = match begun {
        Ok(()) => pump(&mut reader, stdin, Some(&mut scan), &mut tail, &mut tick),
        Err(e) => Err(PumpError::Write(anyhow!(e))),
    };
    drop(reader);
    // Every check, in order; the first failure rolls back (psql is stopped before COMMIT).
    let checked: Result<(u64, unpack::StoredSum)> = (|| {
        let raw = match pumped {
            Ok(n) => n,
            Err(PumpError::Read(e)) => {
                return Err(
                    e.context("reading the backup (it is damaged or truncated, or the key does not fit)")
                );
            }
            Err(PumpError::Write(e)) => return Err(e.context("psql stopped reading")),
        };
        if let Some(c) = converter.take() {
            c.finish()?;
        }
        let sum = check_stored(&decoded, source)?;
        check_marker(decoded.content, &tail)?;
        not_interrupted()?;
        Ok((raw, sum))
    })();
    // From here a signal no longer stops psql: the COMMIT is sent, or psql is stopped below.
    crate::sys::signals::set_child(None);
    match checked {
        Ok((raw, sum)) => {
            let committed = psql.stdin.as_mut().expect("piped").write_all(b"COMMIT;\n");
            let finished = psql.finish();
            finished.context("psql failed; the transaction was rolled back")?;
            committed.context("psql stopped before COMMIT")?;
            Ok(Restored { stored: sum, raw_bytes: raw, tables: Some(scan.into_tables()) })
        }
        Err(e) => {
            if let Some(c) = converter {
                c.kill();
            }
            // psql's own message explains a failed write best.
            if format!("{e:#}").contains("psql stopped") {
                return Err(match psql.finish() {
                    Err(said) => said.context("psql failed; the transaction was rolled back"),
                    Ok(()) => e,
                });
            }
            psql.kill();
            Err(e)
        }
    }
}

fn into_sqlite(
    mut decoded: Decoded,
    source: &Source,
    path: &Path,
    settings: &Settings,
    bar: &Option<indicatif::ProgressBar>,
) -> Result<Restored> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let stem = path.file_name().map_or("db".into(), |n| n.to_string_lossy().into_owned());
    let mut file = crate::sys::private_tempfile(Some(dir), &format!(".{stem}.dbctl-restore-"))?;
    let mut tick = ticker(&decoded.stored_read, bar);
    let raw = pump_to_file(&mut decoded, file.as_file_mut(), &mut tick)?;
    let sum = check_stored(&decoded, source)?;
    let copy = DbTarget::Sqlite { path: file.path().to_path_buf(), embedded: false };
    {
        let mut conn = db::connect(&copy, settings.database.connect_timeout, &mut |_| {})?;
        let check = conn.query_text("SELECT quick_check AS v FROM pragma_quick_check")?;
        if check != "ok" {
            bail!("the restored SQLite file fails its integrity check: {check}");
        }
    }
    // The target's own WAL must not be replayed onto the new file.
    let wal = sidecar(path, "-wal");
    if wal.exists() {
        let target = DbTarget::Sqlite { path: path.to_path_buf(), embedded: false };
        let mut conn = db::connect(&target, settings.database.connect_timeout, &mut |_| {})?;
        let _ = conn.batch("PRAGMA wal_checkpoint(TRUNCATE)");
        drop(conn);
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            bail!(
                "{} is in use (its WAL could not be emptied); stop the application and retry",
                path.display()
            );
        }
    }
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(file.path(), meta.permissions());
    }
    not_interrupted()?;
    file.persist(path).map_err(|e| anyhow!("replacing {}: {}", path.display(), e.error))?;
    for s in ["-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sidecar(path, s));
    }
    std::fs::File::open(dir).and_then(|d| d.sync_all()).ok();
    let target = DbTarget::Sqlite { path: path.to_path_buf(), embedded: false };
    let mut conn = db::connect(&target, settings.database.connect_timeout, &mut |_| {})?;
    let tables = crate::backup::tables::sqlite_counts(&mut conn)?;
    Ok(Restored { stored: sum, raw_bytes: raw, tables: Some(tables) })
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Removes the keys matching `patterns` from the configured Redis; returns how many.
fn flush_redis(patterns: &[String], settings: &Settings, out: &Output) -> Result<Option<u64>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let removed = crate::db::redis::connect_configured(settings)
        .and_then(|mut conn| crate::db::redis::unlink_matching(&mut conn, patterns, false))
        .context("the restore succeeded, but flushing Redis failed")?;
    let n: u64 = removed.iter().map(|(_, n)| n).sum();
    out.info(&format!("removed {n} Redis key(s) matching {}", patterns.join(", ")));
    Ok(Some(n))
}

/// `restore --list`: reads the whole backup, checks it, and shows its tables.
fn list(source: &Source, keys: &mut Keys, out: &Output) -> Result<u8> {
    let mut decoded = source.open(keys, true)?;
    let content = decoded.content;
    let mut tail = Tail::default();
    let mut scan = TableScan::default();
    let mut tick = || {};
    let tables = match content {
        Content::PlainSql | Content::Custom => {
            let dump = std::mem::replace(&mut decoded.reader, Box::new(std::io::empty()));
            let (mut reader, converter) = as_sql(dump, content, 0)?;
            pump(&mut reader, &mut std::io::sink(), Some(&mut scan), &mut tail, &mut tick).map_err(|e| {
                match e {
                    PumpError::Read(e) | PumpError::Write(e) => e.context("reading the backup"),
                }
            })?;
            if let Some(c) = converter {
                c.finish()?;
            }
            check_marker(content, &tail)?;
            scan.into_tables()
        }
        Content::Sqlite => {
            let mut file = crate::sys::private_tempfile(None, ".dbctl-list-")?;
            pump_to_file(&mut decoded, file.as_file_mut(), &mut || {})?;
            let t = DbTarget::Sqlite { path: file.path().to_path_buf(), embedded: false };
            let mut conn = db::connect(&t, std::time::Duration::from_secs(5), &mut |_| {})?;
            crate::backup::tables::sqlite_counts(&mut conn)?
        }
    };
    let sum = check_stored(&decoded, source)?;
    if out.settings.json {
        let value = serde_json::json!({
            "backup": source.label,
            "content": content.as_str(),
            "compression": decoded.compression.as_str(),
            "encrypted": decoded.encrypted,
            "stored_bytes": sum.bytes,
            "sha256": sum.sha256,
            "tables": tables,
        });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
        return Ok(0);
    }
    let rows: Vec<Vec<String>> = tables
        .iter()
        .map(|(name, t)| {
            let size =
                if content == Content::Sqlite { "-".into() } else { crate::output::bytes(t.bytes as f64) };
            vec![name.clone(), t.rows.to_string(), size]
        })
        .collect();
    let mut text = crate::output::table(&["TABLE", "ROWS", "SIZE"], &rows, |_, _, s| s.to_string());
    text.push_str(&format!(
        "{}: {} dump, {}, {}, {} stored, sha256 {}; {} tables\n",
        source.label,
        content.as_str(),
        decoded.compression.as_str(),
        if decoded.encrypted { "age-encrypted" } else { "not encrypted" },
        crate::output::bytes(sum.bytes as f64),
        &sum.sha256[..16],
        tables.len()
    ));
    out.stdout(&text)?;
    Ok(0)
}

/// `backup verify --restore-test`: restores `m` into a scratch database that is dropped after,
/// and compares every table's row count with the backup's. Returns the differences.
pub fn restore_test(
    m: &Manifest,
    identity_files: &[PathBuf],
    settings: &Settings,
    out: &Output,
) -> Result<Vec<String>> {
    let store = backup::storage(settings)?;
    let source =
        Source { store, name: m.artifact.clone(), manifest: Some(m.clone()), label: m.artifact.clone() };
    let mut keys = keys(identity_files, settings)?;
    let decoded = source.open(&mut keys, false)?;
    let scratch_name = format!("{}_dbctl_restore_test_{}", m.database, m.id);
    let (restored, actual) = match &settings.database.target {
        DbTarget::Postgres { url } => {
            let scratch_url = url_with_database(url, &scratch_name);
            create_pg_database(url, &scratch_name, settings, out)?;
            let result = (|| {
                let target = DbTarget::Postgres { url: scratch_url.clone() };
                let mut conn = db::connect(&target, settings.database.connect_timeout, &mut |_| {})?;
                let prepared = Prepared {
                    target: target.clone(),
                    not_empty: None,
                    prelude: String::new(),
                    server_major: conn.pg_major()?,
                };
                let restored = restore_into(decoded, &source, &prepared, settings, out)?;
                let mut actual = BTreeMap::new();
                for name in restored.tables.iter().flat_map(|t| t.keys()) {
                    actual.insert(
                        name.clone(),
                        conn.query_int(&format!("SELECT count(*) AS v FROM {name}"))? as u64,
                    );
                }
                Ok::<_, anyhow::Error>((restored, actual))
            })();
            drop_pg_database(url, &scratch_name, settings)?;
            result?
        }
        DbTarget::Sqlite { path, .. } => {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let scratch = tempfile::Builder::new().prefix(".dbctl-restore-test-").tempdir_in(dir)?;
            let target = DbTarget::Sqlite {
                path: scratch.path().join(format!("{}.sqlite3", m.database)),
                embedded: false,
            };
            let prepared =
                Prepared { target: target.clone(), not_empty: None, prelude: String::new(), server_major: 0 };
            let restored = restore_into(decoded, &source, &prepared, settings, out)?;
            let actual = restored.tables.iter().flatten().map(|(k, v)| (k.clone(), v.rows)).collect();
            (restored, actual)
        }
        DbTarget::SqliteMemory => {
            bail!("an in-memory SQLite database cannot hold a restore test; set DATABASE_URL")
        }
    };
    // The backup's own record, else what the dump said while restoring (custom archives).
    let expected: BTreeMap<String, u64> = match &m.tables {
        Some(t) => t.iter().map(|(k, v)| (k.clone(), v.rows)).collect(),
        None => restored.tables.iter().flatten().map(|(k, v)| (k.clone(), v.rows)).collect(),
    };
    let mut problems = Vec::new();
    for (table, want) in &expected {
        match actual.get(table) {
            Some(got) if got == want => {}
            Some(got) => problems.push(format!("{table}: {got} rows restored, the backup has {want}")),
            None => problems.push(format!("{table}: missing after the restore (the backup has {want} rows)")),
        }
    }
    Ok(problems)
}
