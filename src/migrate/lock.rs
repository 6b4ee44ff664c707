//! One migration runner per database at a time.
//!
//! PostgreSQL: a session-level advisory lock, taken by polling `pg_try_advisory_lock` between
//! sleeps. A waiting runner never sits inside a statement or a transaction, so it cannot hold up a
//! `CREATE INDEX CONCURRENTLY` of the runner that holds the lock (which waits for every open
//! snapshot). SQLite: an exclusive lock on a file beside the database, released by the kernel if
//! the process dies.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::db::{Conn, DbTarget};
use crate::sys::filelock::{self, Attempt};

/// The advisory lock key: "dbctlmig" in ASCII.
pub const PG_LOCK_KEY: i64 = 0x6462_6374_6c6d_6967;

/// A held lock; release it with [`release`] (it is also released when the process exits).
#[derive(Debug)]
pub enum Lock {
    Pg,
    File(filelock::Held),
    /// An in-memory SQLite database has no other process to exclude.
    None,
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
    match conn {
        Conn::Pg(_) => {
            // Name this session so that a runner waiting for the lock can say who holds it.
            let app = format!("dbctl migrate {}", crate::sys::whoami()).replace('\'', "");
            conn.batch(&format!("SET application_name = '{}'", &app[..app.len().min(63)]))?;
            poll(timeout, "on this database", Duration::from_millis(200), waiting, || {
                if conn.query_bool(&format!("SELECT pg_try_advisory_lock({PG_LOCK_KEY}) AS v"))? {
                    return Ok(Ok(Lock::Pg));
                }
                let holder = pg_holder(conn)
                    .map(|h| h.unwrap_or_else(|| "a session that just ended".into()))
                    .unwrap_or_else(|e| format!("unknown ({e:#})"));
                Ok(Err(holder))
            })
        }
        Conn::Sqlite(_) => {
            let Some(path) = lock_file_path(target) else { return Ok(Lock::None) };
            poll(timeout, &path.display().to_string(), Duration::from_millis(100), waiting, || {
                let me = format!("dbctl migrate {} since {}", crate::sys::whoami(), crate::sys::now());
                Ok(match filelock::try_lock(&path, &me)? {
                    Attempt::Held(held) => Ok(Lock::File(held)),
                    Attempt::Busy(holder) => Err(holder),
                })
            })
        }
    }
}

/// Repeats `attempt` (the lock, or who holds it) every `pause` until it succeeds or `timeout`
/// has passed; `waiting` hears once who holds it. `place` names the lock in the error.
pub(super) fn poll<T>(
    timeout: Duration,
    place: &str,
    pause: Duration,
    waiting: &mut dyn FnMut(&str),
    mut attempt: impl FnMut() -> Result<Result<T, String>>,
) -> Result<T> {
    let deadline = Instant::now() + timeout;
    let mut told = false;
    loop {
        let holder = match attempt()? {
            Ok(lock) => return Ok(lock),
            Err(holder) => holder,
        };
        if Instant::now() >= deadline {
            bail!(
                "another migration runner holds the lock {place}: {holder}; waited {} (--lock-timeout); \
                 wait for it to finish, or stop it",
                crate::text::std_duration(timeout)
            );
        }
        if !told {
            waiting(&holder);
            told = true;
        }
        std::thread::sleep(pause);
    }
}

/// The sessions holding the advisory lock, described, or `None` when nobody holds it.
fn pg_holder(conn: &mut Conn) -> Result<Option<String>> {
    let low = PG_LOCK_KEY & 0xffff_ffff;
    let high = PG_LOCK_KEY >> 32;
    let text = conn.query_text(&format!(
        "SELECT COALESCE(string_agg(format('pid %s, %s, user %s, connected since %s', a.pid, \
         NULLIF(a.application_name, ''), a.usename, date_trunc('second', a.backend_start)), '; '), '') AS v \
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
         WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) \
         AND l.classid = {high} AND l.objid = {low} AND l.objsubid = 1"
    ))?;
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// Who holds the lock right now, if anyone, found without taking it or creating anything.
pub fn holder(conn: &mut Conn, target: &DbTarget) -> Option<String> {
    match conn {
        Conn::Pg(_) => pg_holder(conn).ok().flatten(),
        Conn::Sqlite(_) => filelock::current_holder(&lock_file_path(target)?),
    }
}

/// Releases a lock.
pub fn release(conn: &mut Conn, lock: Lock) {
    match lock {
        Lock::Pg => {
            let _ = conn.query_bool(&format!("SELECT pg_advisory_unlock({PG_LOCK_KEY}) AS v"));
        }
        Lock::File(held) => held.release(),
        Lock::None => {}
    }
}
