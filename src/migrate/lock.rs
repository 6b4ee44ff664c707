//! One migration runner per database at a time.
//!
//! PostgreSQL: a session-level advisory lock, taken by polling `pg_try_advisory_lock` between
//! sleeps. A waiting runner never sits inside a statement or a transaction, so it cannot hold up a
//! `CREATE INDEX CONCURRENTLY` of the runner that holds the lock (which waits for every open
//! snapshot). SQLite: an exclusive lock on a file beside the database, released by the kernel if
//! the process dies.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::db::{Conn, DbTarget};

/// The advisory lock key: "dbctlmig" in ASCII.
pub const PG_LOCK_KEY: i64 = 0x6462_6374_6c6d_6967;

/// A held lock; release it with [`release`] (it is also released when the process exits).
#[derive(Debug)]
pub enum Lock {
    Pg,
    File(File, PathBuf),
    /// An in-memory SQLite database has no other process to exclude.
    None,
}

/// `user@host pid N`: who holds a lock or ran a migration.
pub fn whoami() -> String {
    let user =
        std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "unknown".into());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".into());
    format!("{user}@{host} pid {}", std::process::id())
}

fn lock_file_path(target: &DbTarget) -> Option<PathBuf> {
    match target {
        DbTarget::Sqlite { path, .. } => {
            let mut name = path.file_name()?.to_os_string();
            name.push(".dbctl-lock");
            Some(path.with_file_name(name))
        }
        _ => None,
    }
}

/// Takes the lock, polling until `timeout`. `waiting` hears once who holds it.
pub fn acquire(
    conn: &mut Conn,
    target: &DbTarget,
    timeout: Duration,
    waiting: &mut dyn FnMut(&str),
) -> Result<Lock> {
    let deadline = Instant::now() + timeout;
    let mut told = false;
    match conn {
        Conn::Pg(_) => {
            let me = whoami();
            // Name this session so that a runner waiting for the lock can say who holds it.
            let app = format!("dbctl migrate {me}").replace('\'', "");
            conn.batch(&format!("SET application_name = '{}'", &app[..app.len().min(63)]))?;
            loop {
                if conn.query_bool(&format!("SELECT pg_try_advisory_lock({PG_LOCK_KEY}) AS v"))? {
                    return Ok(Lock::Pg);
                }
                let holder = pg_holder(conn).unwrap_or_else(|e| format!("unknown ({e:#})"));
                if Instant::now() >= deadline {
                    bail!(
                        "another migration runner holds the lock on this database: {holder}; waited {} \
                         (--lock-timeout); wait for it to finish, or stop it",
                        humantime::format_duration(timeout)
                    );
                }
                if !told {
                    waiting(&holder);
                    told = true;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        Conn::Sqlite(_) => {
            let Some(path) = lock_file_path(target) else { return Ok(Lock::None) };
            let mut file = File::options()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .with_context(|| format!("opening the lock file {}", path.display()))?;
            loop {
                match file.try_lock() {
                    Ok(()) => {
                        file.set_len(0)?;
                        file.rewind()?;
                        write!(file, "dbctl migrate {} since {}", whoami(), super::ledger::now())?;
                        file.flush()?;
                        return Ok(Lock::File(file, path));
                    }
                    Err(std::fs::TryLockError::WouldBlock) => {
                        let mut holder = String::new();
                        let _ = File::open(&path).and_then(|mut f| f.read_to_string(&mut holder));
                        let holder =
                            if holder.trim().is_empty() { "another process".to_string() } else { holder };
                        if Instant::now() >= deadline {
                            bail!(
                                "another migration runner holds the lock {}: {holder}; waited {} \
                                 (--lock-timeout); wait for it to finish, or stop it",
                                path.display(),
                                humantime::format_duration(timeout)
                            );
                        }
                        if !told {
                            waiting(&holder);
                            told = true;
                        }
                        std::thread::sleep(Duration::from_millis(100));
                    }
                    Err(std::fs::TryLockError::Error(e)) => {
                        return Err(e).with_context(|| format!("locking {}", path.display()));
                    }
                }
            }
        }
    }
}

fn pg_holder(conn: &mut Conn) -> Result<String> {
    let low = PG_LOCK_KEY & 0xffff_ffff;
    let high = PG_LOCK_KEY >> 32;
    conn.query_text(&format!(
        "SELECT COALESCE(string_agg(format('pid %s, %s, user %s, connected since %s', a.pid, \
         NULLIF(a.application_name, ''), a.usename, date_trunc('second', a.backend_start)), '; '), \
         'a session that just ended') AS v \
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
         WHERE l.locktype = 'advisory' AND l.granted AND l.classid = {high} AND l.objid = {low} AND l.objsubid = 1"
    ))
}

/// Who holds the lock right now, if anyone, found without taking it or creating anything.
pub fn holder(conn: &mut Conn, target: &DbTarget) -> Option<String> {
    match conn {
        Conn::Pg(_) => {
            let low = PG_LOCK_KEY & 0xffff_ffff;
            let high = PG_LOCK_KEY >> 32;
            let held = conn
                .query_bool(&format!(
                    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted \
                     AND classid = {high} AND objid = {low} AND objsubid = 1) AS v"
                ))
                .ok()?;
            if held { pg_holder(conn).ok() } else { None }
        }
        Conn::Sqlite(_) => {
            let path = lock_file_path(target)?;
            let file = File::open(&path).ok()?;
            match file.try_lock_shared() {
                Ok(()) => {
                    let _ = file.unlock();
                    None
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = File::open(&path).and_then(|mut f| f.read_to_string(&mut text));
                    Some(if text.trim().is_empty() { "another process".into() } else { text })
                }
                Err(std::fs::TryLockError::Error(_)) => None,
            }
        }
    }
}

/// Releases a lock.
pub fn release(conn: &mut Conn, lock: Lock) {
    match lock {
        Lock::Pg => {
            let _ = conn.query_bool(&format!("SELECT pg_advisory_unlock({PG_LOCK_KEY}) AS v"));
        }
        Lock::File(file, _) => {
            let _ = file.set_len(0);
            let _ = file.unlock();
        }
        Lock::None => {}
    }
}
