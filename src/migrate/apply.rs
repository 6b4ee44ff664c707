//! Running one migration up or down.
//!
//! A migration runs statement by statement, so that a failure names the file and the line of the
//! failing statement. With `run_in_transaction` (the default) the statements and the bookkeeping
//! rows commit together or not at all. Without it, each statement commits on its own (what
//! `CREATE INDEX CONCURRENTLY` needs) and the bookkeeping is written once all succeeded.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diesel::result::Error as DieselError;

use super::ledger;
use super::source::MigrationFile;
use super::sql::{Statement, split};
use crate::db::Conn;

/// Why a migration failed.
#[derive(Debug)]
pub struct Failure {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
    /// Statements that committed before the failure (only without a transaction).
    pub committed: usize,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.message)?,
            None => write!(f, "{}: {}", self.file.display(), self.message)?,
        }
        if self.committed > 0 {
            write!(
                f,
                " ({} earlier statement{} of this non-transactional migration stayed applied: fix the \
                 database by hand or make the file safe to re-run, then run `dbctl migrate` again)",
                self.committed,
                if self.committed == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

fn db_message(e: &DieselError) -> String {
    match e {
        DieselError::DatabaseError(_, info) => {
            let mut m = info.message().trim().to_string();
            if let Some(d) = info.details() {
                m.push_str(&format!(" ({d})"));
            }
            if let Some(h) = info.hint() {
                m.push_str(&format!("; hint: {h}"));
            }
            m
        }
        other => other.to_string(),
    }
}

fn failure_at(file: PathBuf, stmt: &Statement, e: &DieselError, committed: usize) -> Failure {
    let line = match e {
        DieselError::DatabaseError(_, info) => info
            .statement_position()
            .and_then(|p| usize::try_from(p).ok())
            .map(|p| stmt.line_of_position(p))
            .unwrap_or(stmt.line),
        _ => stmt.line,
    };
    Failure { file, line: Some(line), message: db_message(e), committed }
}

fn other_failure(file: PathBuf, e: impl fmt::Display) -> Failure {
    Failure { file, line: None, message: format!("{e:#}"), committed: 0 }
}

/// Runs the statements of `text` in order; on error returns the failure (nothing rolled back here).
fn run_statements(conn: &mut Conn, file: &Path, text: &str, in_tx: bool) -> Result<(), Failure> {
    for (i, stmt) in split(text).iter().enumerate() {
        if let Err(e) = conn.batch(stmt.sql) {
            return Err(failure_at(file.to_path_buf(), stmt, &e, if in_tx { 0 } else { i }));
        }
    }
    Ok(())
}

/// Runs `text` inside a transaction that stays open on success. The fast path sends `BEGIN` and
/// the whole file in one round trip; if that fails, the transaction is rolled back and the file
/// replayed statement by statement (still inside a transaction that is rolled back) to find the
/// failing statement's line. Nothing of a failed attempt survives.
fn run_in_transaction(conn: &mut Conn, file: &Path, text: &str) -> Result<(), Failure> {
    let begin = if conn.is_pg() { "BEGIN" } else { "BEGIN IMMEDIATE" };
    let batch_error = match conn.batch(&format!("{begin};\n{text}")) {
        Ok(()) => return Ok(()),
        Err(e) => e,
    };
    conn.rollback();
    conn.begin().map_err(|e| other_failure(file.to_path_buf(), e))?;
    let located = run_statements(conn, file, text, true);
    conn.rollback();
    Err(located.err().unwrap_or_else(|| Failure {
        file: file.to_path_buf(),
        line: None,
        message: db_message(&batch_error),
        committed: 0,
    }))
}

/// Applies `m` and records it; returns how long it took.
pub fn up(conn: &mut Conn, m: &MigrationFile, by: &str) -> Result<Duration, Failure> {
    let file = m.up_path();
    let started = Instant::now();
    if m.run_in_transaction {
        run_in_transaction(conn, &file, &m.up)?;
    } else {
        run_statements(conn, &file, &m.up, false)?;
        conn.begin().map_err(|e| other_failure(file.clone(), e))?;
    }
    let took = started.elapsed();
    let recorded = ledger::record_applied(conn, m, took.as_millis() as i64, by, "run")
        .and_then(|()| conn.commit().map_err(Into::into))
        .map_err(|e| other_failure(file.clone(), e));
    if recorded.is_err() {
        conn.rollback();
    }
    recorded.map(|()| took)
}

/// Reverts `m` with its down.sql and forgets it.
pub fn down(conn: &mut Conn, m: &MigrationFile) -> Result<Duration, Failure> {
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
        run_in_transaction(conn, &file, text)?;
        let result = ledger::record_reverted(conn, &m.version)
            .and_then(|()| conn.commit().map_err(Into::into))
            .map_err(|e| other_failure(file.clone(), e));
        if result.is_err() {
            conn.rollback();
        }
        result?;
    } else {
        run_statements(conn, &file, text, false)?;
        ledger::record_reverted(conn, &m.version).map_err(|e| other_failure(file.clone(), e))?;
    }
    Ok(started.elapsed())
}
