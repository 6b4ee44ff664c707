//! Running one migration up or down.
//!
//! A migration runs statement by statement, so that a failure names the file and the line of the
//! failing statement. With `run_in_transaction` (the default) the statements and the bookkeeping
//! rows commit together or not at all. Without it, each statement commits on its own (what
//! `CREATE INDEX CONCURRENTLY` needs) and the bookkeeping is written once all succeeded.
//! A migration whose lock is not granted in time is retried as the session's policy says
//! (see [`super::session`]): a transactional one whole, the others statement by statement.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::ledger;
use super::session::Session;
use super::source::MigrationFile;
use crate::db::script;

/// Why a migration failed.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}{}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default(), stayed(*committed))]
pub struct Failure {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
    /// Statements that committed before the failure (only without a transaction).
    pub committed: usize,
}

fn stayed(committed: usize) -> String {
    match committed {
        0 => String::new(),
        n => format!(
            " ({n} earlier statement{} of this non-transactional migration stayed applied: fix the \
             database by hand or make the file safe to re-run, then run `dbctl migrate` again)",
            if n == 1 { "" } else { "s" }
        ),
    }
}

fn other_failure(file: PathBuf, e: impl fmt::Display) -> Failure {
    Failure { file, line: None, message: format!("{e:#}"), committed: 0 }
}

/// The failure of a file run by `db::script`.
fn failure(file: &Path, f: script::Failed) -> Failure {
    Failure { file: file.to_path_buf(), line: f.line, message: f.message, committed: f.ran_before }
}

/// Applies `m` and records it; returns how long it took.
pub fn up(s: &mut Session, m: &MigrationFile, by: &str, seq: ledger::Seq) -> Result<Duration, Failure> {
    let file = m.up_path();
    let started = Instant::now();
    if m.run_in_transaction {
        // One round trip: BEGIN, the file, its bookkeeping rows, COMMIT.
        let (begin, record) = if s.is_pg() {
            ("BEGIN", ledger::applied_sql_pg(m, by, "run", seq))
        } else {
            ("BEGIN IMMEDIATE", ledger::applied_sql_sqlite(m, by, "run", &crate::sys::now(), seq))
        };
        let then = format!("{record};\nCOMMIT");
        s.retrying(&m.name, |s| script::run_bracketed_then(s, &m.up, begin, &then, "ROLLBACK"))
            .map_err(|f| failure(&file, f))?;
        return Ok(started.elapsed());
    }
    s.run_each(&m.name, &m.up).map_err(|f| failure(&file, f))?;
    let conn = &mut *s.conn;
    conn.begin().map_err(|e| other_failure(file.clone(), e))?;
    let took = started.elapsed();
    let recorded = ledger::record_applied(conn, m, took.as_millis() as i64, by, "run")
        .and_then(|()| conn.commit().map_err(Into::into))
        .map_err(|e| other_failure(file.clone(), e));
    if recorded.is_err() {
        conn.rollback();
    }
    recorded.map(|()| took)
}

/// Applies `m` (transactional) and writes its bookkeeping rows inside the transaction the caller
/// holds open, in one round trip; returns how long it took. On an error the transaction holds part
/// of the file: the caller rolls it back (and replays migration by migration to locate the error).
pub fn up_within(s: &mut Session, m: &MigrationFile, by: &str, seq: ledger::Seq) -> Option<Duration> {
    debug_assert!(m.run_in_transaction);
    let started = Instant::now();
    let record = if s.is_pg() {
        ledger::applied_sql_pg(m, by, "run", seq)
    } else {
        ledger::applied_sql_sqlite(m, by, "run", &crate::sys::now(), seq)
    };
    s.conn.batch(&format!("{}\n;\n{record}", m.up)).ok().map(|()| started.elapsed())
}

/// Reverts `m` with its down.sql and forgets it.
pub fn down(s: &mut Session, m: &MigrationFile) -> Result<Duration, Failure> {
    let file = m.down_path();
    let Some(text) = &m.down else {
        return Err(Failure {
            file,
            line: None,
            message: format!(
                "{} has no down.sql, so it cannot be reverted; write one, or restore from a backup",
                m.name
            ),
            committed: 0,
        });
    };
    let started = Instant::now();
    if m.run_in_transaction {
        let begin = if s.is_pg() { "BEGIN" } else { "BEGIN IMMEDIATE" };
        let then = format!("{};\nCOMMIT", ledger::reverted_sql(&m.version));
        s.retrying(&m.name, |s| script::run_bracketed_then(s, text, begin, &then, "ROLLBACK"))
            .map_err(|f| failure(&file, f))?;
    } else {
        s.run_each(&m.name, text).map_err(|f| failure(&file, f))?;
        ledger::record_reverted(s.conn, &m.version).map_err(|e| other_failure(file.clone(), e))?;
    }
    Ok(started.elapsed())
}
