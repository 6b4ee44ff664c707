//! `dbctl backup`, `backup list`, `backup verify`

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};

use crate::backup::manifest::{self, Manifest};
use crate::backup::pipeline::{self, Encryption};
use crate::backup::producer::{self, DumpFormat, PLAIN_DUMP_END, PLAIN_DUMPALL_END, Tool};
use crate::backup::tables::{Scanning, TableScan};
use crate::backup::unpack::Keys;
use crate::cli::{BackupArgs, BackupCommand, CreateBackupArgs, VerifyArgs};
use crate::db::{self, Conn, DbTarget};
use crate::output::Output;
use crate::settings::{Compression, Origin, Settings};
use crate::storage::Storage;
use crate::sys::filelock;

pub fn run(args: &BackupArgs, settings: &Settings, out: &Output) -> Result<u8> {
    match &args.command {
        None => create(&args.create, settings, out),
        Some(BackupCommand::Create(a)) => create(a, settings, out),
        Some(BackupCommand::List) => list(settings, out),
        Some(BackupCommand::Verify(a)) => verify(a, settings, out),
        Some(BackupCommand::Prune(a)) => crate::commands::prune::run(a, settings, out),
    }
}

pub fn storage(settings: &Settings) -> Result<Box<dyn Storage>> {
    crate::storage::open(settings)
}

/// Where the backup lock of a storage lives: the local directory itself, or the temporary
/// directory for S3 (one lock per bucket and prefix).
fn lock_dir(settings: &Settings) -> std::path::PathBuf {
    match &settings.backup.s3 {
        Some(_) => std::env::temp_dir(),
        None => settings.backup.local_path.clone(),
    }
}

/// The encryption to use: flags first, then the configuration.
fn encryption(args: &CreateBackupArgs, settings: &Settings) -> Result<Encryption> {
    let b = &settings.backup;
    if args.no_encryption {
        return Ok(Encryption::None);
    }
    if !args.recipient.is_empty() {
        let mut recipients = args.recipient.clone();
        recipients.extend(b.recipients.iter().cloned());
        return Ok(Encryption::Recipients { recipients, armor: b.armor });
    }
    // A key or recipients configured turn encryption on, unless BACKUP_ENCRYPTION says none.
    let chosen_by_default =
        settings.resolved("backup.encryption").is_some_and(|r| r.origin == Origin::Default);
    let have_key = b.encryption_key.is_some() || !b.recipients.is_empty();
    if !(b.encrypt || (chosen_by_default && have_key)) {
        return Ok(Encryption::None);
    }
    if !b.recipients.is_empty() {
        return Ok(Encryption::Recipients { recipients: b.recipients.clone(), armor: b.armor });
    }
    match &b.encryption_key {
        Some(passphrase) => Ok(Encryption::Passphrase { passphrase: passphrase.clone(), armor: b.armor }),
        None => bail!("encryption is on but no key is set; set BACKUP_ENCRYPTION_KEY or pass --recipient"),
    }
}

/// Another backup of the same database holds the lock (here, or on another host with a Redis
/// lease): the message names the holder.
#[derive(Debug)]
pub struct LockBusy(pub String);

impl std::fmt::Display for LockBusy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LockBusy {}

/// Whichever lock keeps two backups of one database apart.
enum Lock {
    File(#[allow(dead_code)] filelock::Held),
    Redis(#[allow(dead_code)] crate::backup::lease::Lease),
}

/// Holds the backup lock of `db_name` for the run (`<dir>/.<db>.dbctl-backup-lock`, or a Redis
/// lease with `backup.lock = "redis"`), or says who holds it.
fn lock(settings: &Settings, db_name: &str) -> Result<Lock> {
    let holder = format!("dbctl backup {} since {}", crate::sys::whoami(), crate::sys::now());
    let busy = |who: String| {
        anyhow::Error::new(LockBusy(format!(
            "another backup of {db_name} is running ({who}); two backups of one database never run at once"
        )))
    };
    if settings.backup.lock_in_redis {
        let redis = settings.redis.as_ref().ok_or_else(|| {
            crate::error::ConfigError::new(
                "backup.lock = \"redis\" needs a Redis: set REDIS_URL or redis.url",
            )
        })?;
        let key = format!("dbctl:backup-lock:{db_name}");
        return match crate::backup::lease::try_take(
            &redis.url,
            &key,
            &holder,
            settings.database.connect_timeout,
        )? {
            crate::backup::lease::Attempt::Held(lease) => Ok(Lock::Redis(lease)),
            crate::backup::lease::Attempt::Busy(who) => Err(busy(who)),
        };
    }
    let path = lock_dir(settings).join(format!(".{db_name}.dbctl-backup-lock"));
    match filelock::try_lock(&path, &holder)? {
        filelock::Attempt::Held(held) => Ok(Lock::File(held)),
        filelock::Attempt::Busy(who) => Err(busy(who)),
    }
}

fn timestamp() -> String {
    chrono::Utc::now().format(manifest::STAMP_FORMAT).to_string()
}

/// What the producer is, once the database was asked.
struct Source_ {
    db_name: String,
    backend: &'static str,
    server_version: String,
    dump_tool: String,
    dump_format: &'static str,
    extension: &'static str,
}

fn create(args: &CreateBackupArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let made = make(args, settings, &settings.database.target, None, out)?;
    let m = &made.manifest;
    if out.settings.json {
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(m)?))?;
    } else if !out.settings.quiet {
        out.stdout(&format!("backup {}\n", made.summary()))?;
    }
    if args.prune {
        // The backup is done and reported; the prune's own report goes to stderr.
        let policy = crate::commands::prune::policy(&crate::cli::RetentionArgs::default(), settings);
        let quiet = Output::new(
            crate::settings::OutputSettings { json: false, quiet: true, ..out.settings },
            settings.redactor.clone(),
        );
        let removed =
            crate::commands::prune::apply(storage(settings)?.as_ref(), &policy, false, settings, &quiet)
                .map_err(|e| e.context("the backup succeeded, but pruning old backups failed"))?;
        out.info(&format!("pruned {removed} old backup(s) ({})", policy.describe()));
    }
    Ok(0)
}

/// A backup just made.
pub struct Made {
    pub manifest: Manifest,
    /// Where it is stored (`/var/backups/app`, `s3://bucket/prefix`).
    pub location: String,
    pub seconds: f64,
}

impl Made {
    /// `<name> in <location>: <size> (<raw> raw, <ratio>, <compression>, <encryption>) in <time> (<rate>)`
    pub fn summary(&self) -> String {
        let m = &self.manifest;
        let secs = self.seconds;
        let ratio =
            if m.stored_bytes > 0 { m.uncompressed_bytes as f64 / m.stored_bytes as f64 } else { 0.0 };
        let enc = if m.is_encrypted() { "age-encrypted" } else { "NOT ENCRYPTED" };
        format!(
            "{} in {}: {} ({} raw, {ratio:.1}x, {}, {enc}) in {} ({}/s)",
            m.artifact,
            self.location,
            crate::output::bytes(m.stored_bytes as f64),
            crate::output::bytes(m.uncompressed_bytes as f64),
            m.compression,
            crate::output::duration(secs),
            crate::output::bytes(m.uncompressed_bytes as f64 / secs.max(0.001)),
        )
    }
}

/// Backs up `target` into the configured storage, manifest written last; `tag` marks why.
pub fn make(
    args: &CreateBackupArgs,
    settings: &Settings,
    target: &DbTarget,
    tag: Option<&str>,
    out: &Output,
) -> Result<Made> {
    let b = &settings.backup;
    let compression = match args.compression.as_deref() {
        Some(name) => Compression::from_name(name).map_err(crate::error::ConfigError::new)?,
        None => b.compression,
    };
    let level = args.level.or(b.compression_level);
    let format = match args.format.as_deref().unwrap_or(&b.format) {
        "custom" => DumpFormat::Custom,
        _ => DumpFormat::Plain,
    };
    crate::sys::signals::install().context("catching SIGINT and SIGTERM")?;
    let encryption = encryption(args, settings)?;
    encryption.check().map_err(|e| crate::error::ConfigError::new(format!("{e:#}")))?;
    let store = storage(settings)?;

    let mut conn = db::wait_for_database(settings, out, || {
        db::connect(target, settings.database.connect_timeout, &mut |m| out.info(&m))
    })?;
    let started_at = crate::sys::now();
    let started = Instant::now();

    // The producer: pg_dump, or a SQLite snapshot file (deleted when dropped).
    let mut snapshot: Option<SqliteSnapshot> = None;
    let mut globals: Option<(producer::PgTool, String, Option<String>)> = None;
    let mut sqlite_tables = None;
    let (source, producer) = match (target, &mut conn) {
        (DbTarget::Postgres { url }, Conn::Pg(_)) => {
            let db_name = conn.query_text("SELECT current_database() AS v")?;
            let server_version = conn.query_text("SELECT current_setting('server_version') AS v")?;
            let tool = producer::find_pg_dump(b.pg_dump.as_deref(), conn.pg_major()?)?;
            let (bare, password) = crate::redact::url_without_password(url);
            if args.globals {
                globals = Some((tool.clone(), bare.clone(), password.clone()));
            }
            let child = Tool::pg_dump(&tool, &bare, password.as_deref(), format)?;
            let source = Source_ {
                db_name,
                backend: "postgresql",
                server_version,
                dump_tool: format!("pg_dump {}", tool.version),
                dump_format: format.as_str(),
                extension: format.extension(),
            };
            (source, Some(child))
        }
        (DbTarget::Sqlite { path, .. }, Conn::Sqlite(_)) => {
            if args.globals {
                return Err(crate::error::ConfigError::new(
                    "--globals is for PostgreSQL (roles and tablespaces); SQLite has none",
                )
                .into());
            }
            let db_name = target.name().unwrap_or_else(|| "sqlite".into());
            let version = conn.query_text("SELECT sqlite_version() AS v")?;
            let mode = conn.query_text("SELECT journal_mode AS v FROM pragma_journal_mode")?;
            let wal = mode.eq_ignore_ascii_case("wal");
            let from_file = if wal {
                wal_read_from_file(&mut conn, path, settings.database.connect_timeout)?
            } else {
                begin_read(&mut conn)?;
                true
            };
            let dump_tool = if from_file {
                // An open read transaction that reads the database file alone: under the
                // rollback journal its SHARED lock keeps writers off the file; in WAL mode
                // (see wal_read_from_file) the checkpointer cannot write into it. Either way the
                // file itself is a consistent snapshot, streamed as it is, with no copy on disk.
                snapshot = Some(SqliteSnapshot::Locked(path.clone()));
                "sqlite file under a read lock"
            } else {
                // A reader or a writer kept the WAL busy: VACUUM INTO a private file beside the
                // database (which is cleartext on that disk already), streamed, then deleted.
                out.warn(
                    "the WAL could not be checkpointed (other connections kept it busy); \
                     taking a VACUUM INTO copy beside the database instead",
                );
                let dir = path.parent().unwrap_or(Path::new("."));
                let file = crate::sys::private_tempfile(Some(dir), &format!(".{db_name}.dbctl-snapshot-"))?;
                let quoted = file.path().to_string_lossy().replace('\'', "''");
                conn.batch(&format!("VACUUM INTO '{quoted}'"))
                    .map_err(|e| anyhow!("taking the SQLite snapshot: {e}"))?;
                snapshot = Some(SqliteSnapshot::Copy(file));
                "sqlite VACUUM INTO"
            };
            // Row counts, from the snapshot being streamed (the same read transaction), or from
            // the copy.
            sqlite_tables = Some(match &snapshot {
                Some(SqliteSnapshot::Copy(f)) => {
                    let copy = DbTarget::Sqlite { path: f.path().to_path_buf(), embedded: false };
                    let mut c = db::connect(&copy, settings.database.connect_timeout, &mut |_| {})?;
                    crate::backup::tables::sqlite_counts(&mut c)?
                }
                _ => crate::backup::tables::sqlite_counts(&mut conn)?,
            });
            let source = Source_ {
                db_name,
                backend: "sqlite",
                server_version: version,
                dump_tool: dump_tool.into(),
                dump_format: "sqlite",
                extension: ".sqlite3",
            };
            (source, None)
        }
        _ => bail!("an in-memory SQLite database has nothing to back up; set DATABASE_URL"),
    };
    // PostgreSQL: no idle connection during the dump. SQLite: the connection holds the read lock
    // until the file is streamed.
    let read_lock = if matches!(snapshot, Some(SqliteSnapshot::Locked(_))) {
        Some(conn)
    } else {
        drop(conn);
        None
    };

    let lock_name = match &settings.backup.s3 {
        Some(_) => format!("{}-{}", source.db_name, &pipeline::fingerprint(&store.describe())[7..]),
        None => source.db_name.clone(),
    };
    let _lock = lock(settings, &lock_name)?;
    crate::sys::signals::set_child(producer.as_ref().map(Tool::id));
    let id = manifest::short_id();
    let stamp = timestamp();
    let artifact = format!(
        "{}-{}-{id}{}{}{}",
        source.db_name,
        stamp,
        source.extension,
        pipeline::compression_extension(compression),
        encryption.extension()
    );
    let stream_opts = StreamOpts { compression, level, encryption: &encryption, quiet: out.settings.quiet };
    let input = match (producer, &snapshot) {
        (Some(p), _) => Input::Child(p),
        (None, Some(SqliteSnapshot::Copy(f))) => {
            Input::File(std::io::BufReader::with_capacity(256 * 1024, f.reopen()?))
        }
        (None, Some(SqliteSnapshot::Locked(path))) => Input::File(std::io::BufReader::with_capacity(
            256 * 1024,
            std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?,
        )),
        (None, None) => unreachable!("a producer or a snapshot"),
    };
    let plain_pg = format == DumpFormat::Plain && source.backend == "postgresql";
    let marker = plain_pg.then_some(PLAIN_DUMP_END);
    let mut scan = TableScan::default();
    let streamed =
        store_part(store.as_ref(), &artifact, input, marker, plain_pg.then_some(&mut scan), &stream_opts)?;
    let tables = if plain_pg { Some(scan.into_tables()) } else { sqlite_tables };
    drop(snapshot);
    drop(read_lock);

    // Roles and tablespaces, as a second part of the same backup.
    let mut parts = Vec::new();
    if let Some((tool, bare, password)) = globals {
        let name = format!(
            "{}-{}-{id}.globals.sql{}{}",
            source.db_name,
            stamp,
            pipeline::compression_extension(compression),
            encryption.extension()
        );
        let child = Tool::pg_dumpall_globals(&tool, &bare, password.as_deref());
        let stored = child.and_then(|c| {
            store_part(store.as_ref(), &name, Input::Child(c), Some(PLAIN_DUMPALL_END), None, &stream_opts)
        });
        match stored {
            Ok(g) => parts.push(manifest::Part {
                name,
                kind: "globals".into(),
                stored_bytes: g.stored_bytes,
                uncompressed_bytes: g.raw_bytes,
                sha256: g.sha256,
            }),
            Err(e) => {
                let _ = store.delete(&artifact);
                return Err(e.context("pg_dumpall --globals-only failed; the database dump was removed too"));
            }
        }
    }

    let m = Manifest {
        format_version: 1,
        id: id.clone(),
        artifact: artifact.clone(),
        database: source.db_name.clone(),
        backend: source.backend.into(),
        server_version: source.server_version,
        dump_tool: source.dump_tool,
        dump_format: source.dump_format.into(),
        compression: compression.as_str().into(),
        compression_level: level,
        encryption: encryption.describe(),
        parts,
        stored_bytes: streamed.stored_bytes,
        uncompressed_bytes: streamed.raw_bytes,
        sha256: streamed.sha256.clone(),
        started_at,
        finished_at: crate::sys::now(),
        duration_ms: started.elapsed().as_millis() as u64,
        dbctl_version: env!("CARGO_PKG_VERSION").into(),
        host: crate::sys::whoami(),
        tag: tag.map(str::to_string),
        tables,
    };
    let written = store.put(&m.object_name()).and_then(|mut up| {
        up.write_all(serde_json::to_string_pretty(&m)?.as_bytes())?;
        up.commit()
    });
    if let Err(e) = written {
        let _ = store.delete(&artifact);
        for part in &m.parts {
            let _ = store.delete(&part.name);
        }
        return Err(e.context("writing the manifest; the backup's files were removed"));
    }

    Ok(Made { manifest: m, location: store.describe(), seconds: started.elapsed().as_secs_f64() })
}

/// Opens a read transaction (BEGIN and a first read) that reads the database file alone, and
/// says whether that worked. Under the rollback journal it always does. In WAL mode the WAL is
/// first checkpointed and truncated; a transaction that starts while the WAL is empty reads
/// only the database file (read-mark 0), and while it is open the checkpointer cannot copy
/// later commits into that file. The WAL's size seen after the first read proves it: the WAL
/// cannot be truncated under a reader that uses it, so an empty WAL then was empty at the start.
/// Busy WALs are retried a few times, each waiting briefly for other connections (`busy`, the
/// connection's busy timeout, is restored after); `false` (no transaction open) means give up.
fn wal_read_from_file(conn: &mut Conn, path: &Path, busy: std::time::Duration) -> Result<bool> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal = std::path::PathBuf::from(wal);
    const ATTEMPTS: u32 = 5;
    let set_busy = |conn: &mut Conn, ms: u128| {
        conn.batch(&format!("PRAGMA busy_timeout = {ms}")).map_err(|e| anyhow!("setting busy_timeout: {e}"))
    };
    for attempt in 1..=ATTEMPTS {
        set_busy(conn, 250)?;
        let checkpointed = conn.batch("PRAGMA wal_checkpoint(TRUNCATE)");
        set_busy(conn, busy.as_millis())?;
        checkpointed.map_err(|e| anyhow!("checkpointing the WAL: {e}"))?;
        begin_read(conn)?;
        if std::fs::metadata(&wal).map_or(true, |m| m.len() == 0) {
            return Ok(true);
        }
        conn.batch("ROLLBACK").map_err(|e| anyhow!("ending the read transaction: {e}"))?;
        if attempt < ATTEMPTS {
            std::thread::sleep(std::time::Duration::from_millis(20 * u64::from(attempt)));
        }
    }
    Ok(false)
}

fn begin_read(conn: &mut Conn) -> Result<()> {
    conn.batch("BEGIN").map_err(|e| anyhow!("starting a read transaction: {e}"))?;
    conn.query_int("SELECT count(*) AS v FROM sqlite_master").context("taking the SQLite read lock")?;
    Ok(())
}

/// How a SQLite database is read consistently.
enum SqliteSnapshot {
    /// The database file itself, under the read lock of an open transaction.
    Locked(std::path::PathBuf),
    /// A copy made by VACUUM INTO (WAL mode), deleted when dropped.
    Copy(tempfile::NamedTempFile),
}

/// What a part is read from.
enum Input {
    Child(Tool),
    File(std::io::BufReader<std::fs::File>),
}

struct StreamOpts<'a> {
    compression: Compression,
    level: Option<i32>,
    encryption: &'a Encryption,
    quiet: bool,
}

/// Streams one producer into one stored object; the producer's exit (and its completion
/// `marker`, when given) decides success. Nothing stays stored on failure.
fn store_part(
    store: &dyn Storage,
    name: &str,
    input: Input,
    marker: Option<&str>,
    scan: Option<&mut TableScan>,
    o: &StreamOpts,
) -> Result<pipeline::Streamed> {
    let upload = store.put(name)?;
    let bar = (!o.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner().with_message(name.to_string());
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {msg}: {bytes} read ({bytes_per_sec}), {prefix} stored",
            )
            .expect("valid"),
        );
        bar
    });
    let mut tick = |read: u64, stored: u64| {
        if let Some(bar) = &bar {
            bar.set_position(read);
            bar.set_prefix(crate::output::bytes(stored as f64));
        }
    };
    let (mut producer, mut file) = match input {
        Input::Child(p) => (Some(p), None),
        Input::File(f) => (None, Some(f)),
    };
    crate::sys::signals::set_child(producer.as_ref().map(Tool::id));
    let streamed = {
        let reader: &mut dyn Read = match (&mut producer, &mut file) {
            (Some(p), _) => p.stdout.as_mut().expect("piped"),
            (None, Some(f)) => f,
            (None, None) => unreachable!("a producer or a file"),
        };
        match scan {
            Some(scan) => {
                let mut scanning = Scanning { inner: reader, scan };
                pipeline::stream(&mut scanning, upload, o.compression, o.level, o.encryption, &mut tick)
            }
            None => pipeline::stream(reader, upload, o.compression, o.level, o.encryption, &mut tick),
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
    upload.commit()?;
    Ok(streamed)
}

/// Every manifest in the storage, oldest first.
pub fn manifests(store: &dyn Storage) -> Result<Vec<Manifest>> {
    let mut out = Vec::new();
    for name in store.list()?.into_iter().filter(|n| n.ends_with(manifest::SUFFIX)) {
        let mut bytes = Vec::new();
        store.get(&name)?.read_to_end(&mut bytes)?;
        out.push(Manifest::parse(&name, &bytes)?);
    }
    out.sort_by(|a, b| a.started_at.cmp(&b.started_at).then_with(|| a.artifact.cmp(&b.artifact)));
    Ok(out)
}

/// The backup `want` names: an ID, an artifact or manifest name, or `latest`, the newest backup
/// of the configured database.
pub fn find<'a>(
    all: &'a [Manifest],
    want: &str,
    settings: &Settings,
    store: &dyn Storage,
) -> Result<&'a Manifest> {
    if want != "latest" {
        return all
            .iter()
            .find(|m| m.id == want || m.artifact == want || m.object_name() == want)
            .ok_or_else(|| {
                anyhow!("no backup `{want}` in {}; `dbctl backup list` shows them", store.describe())
            });
    }
    let db = settings.database.target.name();
    let ours = |m: &&Manifest| db.as_ref().is_none_or(|d| *d == m.database);
    all.iter().rev().find(ours).ok_or_else(|| {
        let mut others: Vec<&str> = all.iter().map(|m| m.database.as_str()).collect();
        others.sort_unstable();
        others.dedup();
        match (db, others.is_empty()) {
            (Some(db), false) => anyhow!(
                "no backup of database `{db}` in {}, only of: {}; name one by ID (`dbctl backup list`)",
                store.describe(),
                others.join(", ")
            ),
            _ => anyhow!("no backups in {}; `dbctl backup` makes one", store.describe()),
        }
    })
}

fn list(settings: &Settings, out: &Output) -> Result<u8> {
    let store = storage(settings)?;
    let all = manifests(store.as_ref())?;
    if out.settings.json {
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&all)?))?;
        return Ok(0);
    }
    if all.is_empty() {
        out.stdout(&format!("no backups in {}\n", store.describe()))?;
        return Ok(0);
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|m| {
            vec![
                m.id.clone(),
                m.started_at.get(..19).unwrap_or(&m.started_at).to_string(),
                crate::output::bytes(m.stored_bytes as f64),
                m.compression.clone(),
                if m.is_encrypted() { "age" } else { "no" }.to_string(),
                m.tag.clone().unwrap_or_default(),
                m.artifact.clone(),
            ]
        })
        .collect();
    let mut text = crate::output::table(
        &["ID", "STARTED", "SIZE", "COMPRESS", "ENCRYPTED", "TAG", "NAME"],
        &rows,
        |_, _, s| s.to_string(),
    );
    text.push_str(&format!("{} backup(s) in {}\n", all.len(), store.describe()));
    out.stdout(&text)?;
    Ok(0)
}

fn verify(args: &VerifyArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let store = storage(settings)?;
    let all = manifests(store.as_ref())?;
    let chosen: Vec<&Manifest> = if args.all {
        all.iter().collect()
    } else {
        let want = args.backup.as_deref().unwrap_or("latest");
        vec![find(&all, want, settings, store.as_ref())?]
    };
    let mut keys = Keys::load(&args.identity, settings.backup.encryption_key.as_deref())?;
    let mut failed = 0;
    for m in &chosen {
        let mut outcome: Vec<(bool, String)> = Vec::new();
        match verify_one(store.as_ref(), m, &mut keys) {
            Ok(detail) => outcome.push((true, detail)),
            Err(e) => outcome.push((false, format!("{e:#}"))),
        }
        if args.restore_test && outcome[0].0 {
            outcome.push(match crate::commands::restore::restore_test(m, &args.identity, settings, out) {
                Ok(problems) if problems.is_empty() => (
                    true,
                    format!(
                        "restored into a scratch database; every table's row count matches{}",
                        if m.tables.is_some() { " the backup's record" } else { " the dump" }
                    ),
                ),
                Ok(problems) => (false, format!("restore test: {}", problems.join("; "))),
                Err(e) => (false, format!("restore test: {e:#}")),
            });
        }
        for (ok, detail) in &outcome {
            out.stdout(&format!("{}  {}: {detail}\n", if *ok { "ok    " } else { "FAILED" }, m.artifact))?;
        }
        let ok = outcome.iter().all(|(ok, _)| *ok);
        if !ok {
            failed += 1;
        }
        let record = manifest::VerifyRecord {
            verified_at: crate::sys::now(),
            ok,
            restore_test: args.restore_test,
            detail: outcome.iter().map(|(_, d)| d.as_str()).collect::<Vec<_>>().join("; "),
        };
        if let Err(e) = record.store(store.as_ref(), m) {
            out.warn(&format!("could not record the result of the verify beside {}: {e:#}", m.artifact));
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// Checks size and sha256 of the stored bytes; with keys that fit, decrypts and decompresses to
/// the end in the same pass, and checks the decoded size and pg_dump's completion marker.
pub fn verify_one(store: &dyn Storage, m: &Manifest, keys: &mut Keys) -> Result<String> {
    let check_stored = |bytes: u64, sha256: &str| {
        if bytes != m.stored_bytes {
            bail!("size is {bytes} bytes, the manifest says {}", m.stored_bytes);
        }
        if sha256 != m.sha256 {
            bail!("sha256 is {sha256}, the manifest says {} (the file was altered)", m.sha256);
        }
        Ok(())
    };
    if !keys.fit(m) {
        let stored = pipeline::drain(&mut store.get(&m.artifact)?)?;
        check_stored(stored.bytes, &stored.sha256)?;
        return Ok(format!(
            "size and sha256 match ({}); pass --identity to also decrypt",
            crate::output::bytes(stored.bytes as f64)
        ));
    }
    let decoded = (|| {
        let mut d = crate::backup::unpack::open(store.get(&m.artifact)?, keys, false)?;
        let content = pipeline::drain(&mut d.reader).context("decoding")?;
        Ok::<_, anyhow::Error>((content, d.finish()?))
    })();
    let (content, stored) = match decoded {
        Ok(done) => done,
        Err(e) => {
            // A changed file fails decryption first; its size and sha256 say more.
            let stored = pipeline::drain(&mut store.get(&m.artifact)?)?;
            check_stored(stored.bytes, &stored.sha256)?;
            return Err(e);
        }
    };
    check_stored(stored.bytes, &stored.sha256)?;
    let raw = content.bytes;
    if raw != m.uncompressed_bytes {
        bail!("decodes to {raw} bytes, the manifest says {}", m.uncompressed_bytes);
    }
    if m.dump_format == "plain" && !content.tail.contains(PLAIN_DUMP_END) {
        bail!("the dump does not end with pg_dump's completion marker");
    }
    for part in &m.parts {
        let got = pipeline::drain(&mut store.get(&part.name)?)?;
        if got.bytes != part.stored_bytes || got.sha256 != part.sha256 {
            bail!("its {} part {} does not match the manifest (size or sha256)", part.kind, part.name);
        }
    }
    let parts =
        if m.parts.is_empty() { String::new() } else { format!(" with {} more part(s)", m.parts.len()) };
    Ok(format!("size, sha256 and content check out ({} decoded){parts}", crate::output::bytes(raw as f64)))
}
