//! A consistent SQLite snapshot to stream: the database file itself under a read lock (rollback
//! journal, or WAL mode once the WAL is checkpointed and empty), or a VACUUM INTO copy when other
//! connections keep the WAL busy.

use std::path::Path;

use anyhow::{Context, Result, anyhow};

use crate::db::Conn;

/// Opens a read transaction (BEGIN and a first read) that reads the database file alone, and
/// says whether that worked. Under the rollback journal it always does. In WAL mode the WAL is
/// first checkpointed and truncated; a transaction that starts while the WAL is empty reads
/// only the database file (read-mark 0), and while it is open the checkpointer cannot copy
/// later commits into that file. The WAL's size seen after the first read proves it: the WAL
/// cannot be truncated under a reader that uses it, so an empty WAL then was empty at the start.
/// Busy WALs are retried a few times, each waiting briefly for other connections (`busy`, the
/// connection's busy timeout, is restored after); `false` (no transaction open) means give up.
pub fn wal_read_from_file(conn: &mut Conn, path: &Path, busy: std::time::Duration) -> Result<bool> {
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

pub fn begin_read(conn: &mut Conn) -> Result<()> {
    conn.batch("BEGIN").map_err(|e| anyhow!("starting a read transaction: {e}"))?;
    conn.query_int("SELECT count(*) AS v FROM sqlite_master").context("taking the SQLite read lock")?;
    Ok(())
}

/// How a SQLite database is read consistently.
pub enum SqliteSnapshot {
    /// The database file itself, under the read lock of an open transaction.
    Locked(std::path::PathBuf),
    /// A copy made by VACUUM INTO (WAL mode), deleted when dropped.
    Copy(tempfile::NamedTempFile),
}
