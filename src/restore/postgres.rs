//! Restoring into PostgreSQL: the dump loaded through libpq (`load.rs`) in one transaction that
//! dbctl opens and commits itself only after every check passed; custom archives converted by pg_restore on the way, or loaded with
//! `pg_restore --jobs` into a new database swapped in.

use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;

use anyhow::{Context, Result, anyhow, bail};

use super::load;
use super::stream::{check_stored, not_interrupted, progress, pump_to_file, ticker};
use super::{Prepared, Restored, StoredBackup};
use crate::backup::manifest;
use crate::backup::pipeline::Tail;
use crate::backup::producer::{self, PLAIN_DUMP_END, Tool};
use crate::backup::tables::TableScan;
use crate::backup::unpack::{self, Content, Decoded};
use crate::db::admin::{create_pg_database, drop_pg_database};
use crate::db::libpq::PqConn;
use crate::db::{self, DbTarget, quote_ident};
use crate::output::Output;
use crate::redact::{url_database, url_with_database, url_without_password};

/// `--jobs N`: decodes the archive into a private temporary file (pg_restore needs to seek to
/// run jobs in parallel), checks it like any restore, loads it with `pg_restore --jobs N` into a
/// new database, and only then swaps that database in for the target (whose owner it keeps).
/// Any failure drops the new database and leaves the target as it was.
pub fn restore_parallel(
    mut decoded: Decoded,
    source: &StoredBackup,
    prepared: &Prepared,
    jobs: u32,
    cfg: &super::Config,
    out: &Output,
) -> Result<Restored> {
    let DbTarget::Postgres { url } = &prepared.target else { unreachable!("checked with the backend") };
    if !prepared.ownership.map.is_empty() {
        return Err(crate::error::ConfigError::new(
            "--role-map works on the statements dbctl loads itself, and --jobs hands the archive to \
             pg_restore: drop --jobs, or restore with --no-owner --no-acl and grant afterwards",
        )
        .into());
    }
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
    create_pg_database(url, &fresh, cfg.base.connect_timeout, out)?;
    let loaded = (|| {
        let want = source.dump_major().unwrap_or(prepared.server_major);
        let tool =
            producer::find_pg_tool("pg_restore", None, &cfg.base.backup.pg_bin_dirs, want, &mut |w| {
                out.warn(w)
            })?;
        let (bare, password) = url_without_password(&url_with_database(url, &fresh));
        let mut cmd = std::process::Command::new(&tool.path);
        cmd.args(["--exit-on-error", "--no-password", "--jobs", &jobs.to_string()])
            .arg(format!("--dbname={bare}"))
            .arg(&archive);
        if prepared.ownership.no_owner {
            cmd.arg("--no-owner");
        }
        if prepared.ownership.no_acl {
            cmd.arg("--no-acl");
        }
        let child = Tool::spawn(cmd, password.as_deref(), &tool.path, false, false)?;
        crate::sys::signals::set_child(Some(child.id()));
        let finished = child.finish();
        crate::sys::signals::set_child(None);
        finished?;
        not_interrupted()
    })();
    if let Err(e) = loaded {
        let _ = drop_pg_database(url, &fresh, cfg.base.connect_timeout);
        return Err(e.context(format!("pg_restore failed; {left}")));
    }
    swap_in(url, &name, &fresh, &old, cfg, &left)?;
    Ok(Restored { stored: sum, raw_bytes: raw, tables: None })
}

/// The swap at the end of a parallel restore: the target (`name`) moves aside as `old`, the new
/// database `fresh` takes its name and owner, and the old one is dropped. A failure before the
/// new one took the name drops it and leaves the target as it was (`left` says so).
pub(super) fn swap_in(
    url: &str,
    name: &str,
    fresh: &str,
    old: &str,
    cfg: &super::Config,
    left: &str,
) -> Result<()> {
    // The swap: the target moves aside, the new database takes its name, the old one is dropped.
    let admin = DbTarget::Postgres { url: url_with_database(url, "postgres") };
    let mut conn = db::connect(&admin, cfg.base.connect_timeout, &mut |_| {})?;
    let owner: Vec<String> = conn.query_texts(
        "SELECT pg_get_userbyid(datdba) AS v FROM pg_database WHERE datname = ?",
        &[db::Param::Text(name.to_string())],
    )?;
    let (q_name, q_fresh, q_old) = (quote_ident(name), quote_ident(fresh), quote_ident(old));
    if !owner.is_empty()
        && let Err(e) = conn.batch(&format!("ALTER DATABASE {q_name} RENAME TO {q_old}"))
    {
        let _ = drop_pg_database(url, fresh, cfg.base.connect_timeout);
        bail!(
            "cannot swap the restored database in: {e}; stop the application's connections to `{name}` \
             (or restore without --jobs); {left}"
        );
    }
    if let Err(e) = conn.batch(&format!("ALTER DATABASE {q_fresh} RENAME TO {q_name}")) {
        if !owner.is_empty() {
            let _ = conn.batch(&format!("ALTER DATABASE {q_old} RENAME TO {q_name}"));
        }
        let _ = drop_pg_database(url, fresh, cfg.base.connect_timeout);
        bail!("cannot swap the restored database in: {e}; {left}");
    }
    if let Some(owner) = owner.first() {
        conn.batch(&format!("ALTER DATABASE {q_name} OWNER TO {}", quote_ident(owner)))
            .map_err(|e| anyhow!("restoring the database's owner `{owner}`: {e}"))?;
        drop_pg_database(url, old, cfg.base.connect_timeout).with_context(|| {
            format!("the restore is in place, but the previous database `{old}` is left to drop")
        })?;
    }
    Ok(())
}

/// pg_restore turning a custom archive into SQL (it connects nowhere), fed by a thread.
pub struct Converter {
    pg_restore: Tool,
    feeder: std::thread::JoinHandle<std::io::Result<u64>>,
}

impl Converter {
    /// Waits for the feeder and pg_restore; either's failure is the archive's.
    pub fn finish(self) -> Result<()> {
        let fed = self.feeder.join().map_err(|_| anyhow!("the pg_restore feeder panicked"))?;
        fed.context("reading the backup")?;
        self.pg_restore.finish().context("pg_restore could not read the archive")
    }

    fn kill(self) {
        self.pg_restore.kill();
    }
}

/// The dump as SQL text: a plain dump as it is, a custom archive through pg_restore (of the
/// dump's major version, `major`, when there is one; else the oldest newer one).
pub fn as_sql(
    dump: Box<dyn Read + Send>,
    content: Content,
    major: u32,
    cfg: &super::Config,
    out: &Output,
) -> Result<(Box<dyn Read + Send>, Option<Converter>)> {
    if content != Content::Custom {
        return Ok((dump, None));
    }
    let tool = producer::find_pg_tool("pg_restore", None, &cfg.base.backup.pg_bin_dirs, major, &mut |w| {
        out.warn(w)
    })?;
    let mut pg_restore = Tool::pg_restore_to_sql(&tool)?;
    let mut stdin = pg_restore.stdin.take().expect("piped");
    let mut archive = dump;
    let feeder = std::thread::spawn(move || std::io::copy(&mut archive, &mut stdin));
    let sql: Box<dyn Read + Send> = Box::new(pg_restore.stdout.take().expect("piped"));
    Ok((sql, Some(Converter { pg_restore, feeder })))
}

/// A plain dump must end with pg_dump's completion marker.
pub fn check_marker(content: Content, tail: &Tail) -> Result<()> {
    if content == Content::PlainSql && !tail.contains(PLAIN_DUMP_END) {
        bail!(
            "the dump does not end with pg_dump's completion marker: it is truncated, or was not made by pg_dump"
        );
    }
    Ok(())
}

pub fn into_postgres(
    mut decoded: Decoded,
    source: &StoredBackup,
    prepared: &Prepared,
    url: &str,
    cfg: &super::Config,
    out: &Output,
    bar: &Option<indicatif::ProgressBar>,
) -> Result<Restored> {
    let timeout = cfg.base.connect_timeout;
    let full = db::pg_url_with_defaults(url, timeout);
    let mut conn = PqConn::connect(&full).map_err(|e| db::pg_connect_error(url, &e.to_string()))?;
    let dump = std::mem::replace(&mut decoded.reader, Box::new(std::io::empty()));
    let want = source.dump_major().unwrap_or(prepared.server_major);
    let (reader, mut converter) = as_sql(dump, decoded.content, want, cfg, out)?;
    // Decoding runs ahead of the server by up to 16 MiB, so neither waits on the other.
    let mut reader = std::io::BufReader::with_capacity(
        1 << 20,
        crate::backup::pipeline::ReadAhead::new(reader, 1 << 20, 16),
    );
    let mut scan = TableScan::default();
    let mut tail = Tail::default();
    let mut tick = ticker(&decoded.stored_read, bar);
    let mut seen = 0u32;
    let mut observe = |line: &[u8]| {
        scan.observe(line);
        tail.push(line);
        seen = seen.wrapping_add(1);
        if seen.is_multiple_of(32) {
            tick();
        }
    };
    // A signal cancels the statement running; the transaction is then rolled back.
    crate::sys::signals::set_on_signal(conn.canceller().map(|c| Box::new(move || c.cancel()) as Box<_>));
    // Sessions of the application on the target hold locks that --clean's drops wait for: say
    // so, and wait no longer than the lock timeout.
    let wait = cfg.lock_timeout;
    let others = conn
        .scalar(
            "SELECT string_agg(format('pid %s (%s, %s)', pid, coalesce(nullif(application_name, ''), 'no name'), \
             state), ', ') FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() \
             AND backend_type = 'client backend'",
        )
        .ok()
        .flatten();
    if let (Some(others), false) = (&others, prepared.prelude.is_empty()) {
        out.info(&format!(
            "other sessions use the target: {others}; the restore waits up to {} for their locks (--lock-timeout)",
            crate::text::std_duration(wait)
        ));
    }
    let begun = conn
        .exec(format!(
            "SET client_min_messages = warning; SET lock_timeout = {}; BEGIN; {}",
            wait.as_millis(),
            prepared.prelude
        ))
        .map_err(|e| {
            let locked = e.is(crate::db::SqlState::LockNotAvailable);
            anyhow!(
                "starting the restore's transaction: {e}{}",
                match (locked, &others) {
                    (true, Some(o)) => format!(
                        "; sessions hold locks on the target ({o}): stop the application, or raise --lock-timeout"
                    ),
                    _ => String::new(),
                }
            )
        });
    // The target's settings, so that a newer pg_dump's settings it does not know are left out.
    let mut known = load::TargetSettings::of(&mut conn, &prepared.ownership);
    let mut server_failed = false;
    let loaded = begun.and_then(|_| {
        load::load(&mut conn, &mut reader, &mut observe, &mut known).map_err(|e| match e {
            load::LoadError::Read(e) => {
                e.context("reading the backup (it is damaged or truncated, or the key does not fit)")
            }
            refused @ load::LoadError::Refused { .. } => anyhow!("the dump was refused at {refused}"),
            failed @ load::LoadError::Server { .. } => {
                server_failed = true;
                anyhow!("the dump failed at {failed}")
            }
        })
    });
    // A dump cut short inside a statement fails on that statement, at the very end: the missing
    // completion marker is then the cause to report.
    let loaded = match loaded {
        Err(e) if server_failed && std::io::BufRead::fill_buf(&mut reader).is_ok_and(|b| b.is_empty()) => {
            match check_marker(decoded.content, &tail) {
                Err(cut) => Err(anyhow!("{cut:#} (its last statement failed: {e:#})")),
                Ok(()) => Err(e),
            }
        }
        other => other,
    };
    drop(reader);
    if !known.skipped.is_empty() {
        out.warn(&format!(
            "left out the dump's SET of {}, which PostgreSQL {} does not know (a newer pg_dump wrote them)",
            known.skipped.join(", "),
            prepared.server_major
        ));
    }
    // Every check, in order; the first failure rolls back.
    let checked: Result<(u64, unpack::StoredSum)> = (|| {
        let raw = loaded?;
        if let Some(c) = converter.take() {
            c.finish()?;
        }
        let sum = check_stored(&decoded, source)?;
        check_marker(decoded.content, &tail)?;
        not_interrupted()?;
        Ok((raw, sum))
    })();
    // From here a signal changes nothing: the COMMIT is sent, or the transaction rolled back.
    crate::sys::signals::set_on_signal(None);
    match checked {
        Ok((raw, sum)) => {
            conn.exec("COMMIT")
                .map_err(|e| anyhow!("committing the restore failed, so it was rolled back: {e}"))?;
            Ok(Restored { stored: sum, raw_bytes: raw, tables: Some(scan.into_tables()) })
        }
        Err(e) => {
            if let Some(c) = converter {
                c.kill();
            }
            let _ = conn.exec("ROLLBACK");
            Err(e)
        }
    }
}
