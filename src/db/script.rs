//! Running a SQL file on either backend, and, when it fails, finding the line of the failing
//! statement: the whole file goes to the server in one round trip; only on failure is it undone
//! and replayed statement by statement. Migrations and seeds pass their own brackets (a
//! transaction, a savepoint).

use diesel::result::Error as DieselError;

use super::Conn;
use super::libpq::PqConn;
use super::sql::{Statement, split};

/// A server's error: its message (with detail and hint) and the 1-based position in the SQL
/// sent, when the server gave one.
#[derive(Debug)]
pub struct ExecError {
    pub message: String,
    pub position: Option<usize>,
    /// The SQLSTATE code, when the connection reports it (libpq's do; diesel's do not).
    pub sqlstate: Option<[u8; 5]>,
}

impl ExecError {
    /// A failure without a server's position or code.
    pub fn plain(message: impl Into<String>) -> Self {
        ExecError { message: message.into(), position: None, sqlstate: None }
    }

    /// Whether the server reported this condition.
    pub fn is(&self, state: super::SqlState) -> bool {
        self.sqlstate.as_ref().map(|c| &c[..]) == Some(state.code().as_bytes())
    }
}

/// What running SQL needs of a connection.
pub trait Exec {
    /// Runs SQL text, which may hold several statements.
    fn exec_sql(&mut self, sql: &str) -> Result<(), ExecError>;
}

impl Exec for PqConn {
    fn exec_sql(&mut self, sql: &str) -> Result<(), ExecError> {
        self.exec(sql).map(|_| ()).map_err(|e| ExecError {
            message: e.to_string(),
            position: e.position,
            sqlstate: e.sqlstate,
        })
    }
}

impl Exec for Conn {
    fn exec_sql(&mut self, sql: &str) -> Result<(), ExecError> {
        self.batch(sql).map_err(|e| match &e {
            DieselError::DatabaseError(_, info) => ExecError {
                message: super::server_message(info.message().trim(), info.details(), info.hint()),
                position: info.statement_position().and_then(|p| usize::try_from(p).ok()),
                sqlstate: None,
            },
            other => ExecError::plain(other.to_string()),
        })
    }
}

/// Where a file failed.
#[derive(Debug)]
pub struct Failed {
    /// The line of the failing statement (of the server's error position within it, when
    /// given); None when the replay did not fail again.
    pub line: Option<usize>,
    pub message: String,
    /// Statements that ran, and stayed, before the failing one ([`run_each`] only).
    pub ran_before: usize,
    /// The server's SQLSTATE, when the connection reports it.
    pub sqlstate: Option<[u8; 5]>,
}

impl Failed {
    pub fn at(stmt: &Statement, e: ExecError, ran_before: usize) -> Self {
        let line = e.position.map_or(stmt.line, |p| stmt.line_of_position(p));
        Failed { line: Some(line), message: e.message, ran_before, sqlstate: e.sqlstate }
    }

    /// A failure not located in the file.
    pub fn unlocated(e: ExecError) -> Self {
        Failed { line: None, message: e.message, ran_before: 0, sqlstate: e.sqlstate }
    }

    /// A failure of the client's, not of a statement (the bookkeeping, a lost connection).
    pub fn other(message: impl Into<String>) -> Self {
        Failed { line: None, message: message.into(), ran_before: 0, sqlstate: None }
    }

    /// Whether the server reported this condition.
    pub fn is(&self, state: super::SqlState) -> bool {
        self.sqlstate.as_ref().map(|c| &c[..]) == Some(state.code().as_bytes())
    }
}

/// Whether a failure is one a replay would only wait for again: a lock not granted in time or a
/// cancelled statement. Such a failure is not located statement by statement.
fn not_worth_replaying(e: &ExecError) -> bool {
    e.is(super::SqlState::LockNotAvailable) || e.is(super::SqlState::QueryCanceled)
}

/// Runs `text` after `begin` (`BEGIN`, `SAVEPOINT x`) in one round trip; what `begin` opened
/// stays open on success. On failure, `undo` (`ROLLBACK`, `ROLLBACK TO SAVEPOINT x`) throws it
/// away, and the statements are replayed one by one after `begin` again to find the failing
/// line, then undone again: nothing of a failed file survives. Returns how many statements ran.
pub fn run_bracketed(conn: &mut dyn Exec, text: &str, begin: &str, undo: &str) -> Result<usize, Failed> {
    run_bracketed_then(conn, text, begin, "", undo)
}

/// [`run_bracketed`], with `then` (the bookkeeping, a `COMMIT`) sent after `text` in the same
/// round trip; a failure is located in `text` alone.
pub fn run_bracketed_then(
    conn: &mut dyn Exec,
    text: &str,
    begin: &str,
    then: &str,
    undo: &str,
) -> Result<usize, Failed> {
    let statements = split(text);
    let batch =
        if then.is_empty() { format!("{begin};\n{text}") } else { format!("{begin};\n{text}\n;\n{then}") };
    let batch_error = match conn.exec_sql(&batch) {
        Ok(()) => return Ok(statements.len()),
        Err(e) => e,
    };
    let _ = conn.exec_sql(undo);
    if not_worth_replaying(&batch_error) {
        return Err(Failed::unlocated(batch_error));
    }
    if let Err(e) = conn.exec_sql(begin) {
        return Err(Failed::unlocated(e));
    }
    let located =
        statements.iter().find_map(|stmt| conn.exec_sql(stmt.sql).err().map(|e| Failed::at(stmt, e, 0)));
    let _ = conn.exec_sql(undo);
    Err(located.unwrap_or(Failed::unlocated(batch_error)))
}

/// Runs `text` as PostgreSQL runs one simple query, as Prisma sends a migration: several
/// statements in one implicit transaction (all or nothing), a lone statement outside any
/// transaction block (what `CREATE INDEX CONCURRENTLY` needs). `then`, when given, runs in the
/// same implicit transaction after several statements; with a lone one it is left to the caller
/// (returns `Ok(false)`: not run). A failure is replayed in a rolled-back transaction to find its
/// line.
pub fn run_implicit(conn: &mut dyn Exec, text: &str, then: &str) -> Result<bool, Failed> {
    let statements = split(text);
    let lone = statements.len() <= 1;
    let sql = if lone { text.to_string() } else { format!("{text}\n;\n{then}") };
    let error = match conn.exec_sql(&sql) {
        Ok(()) => return Ok(!lone),
        Err(e) => e,
    };
    if lone {
        return Err(match statements.first() {
            Some(stmt) => Failed::at(stmt, error, 0),
            None => Failed::unlocated(error),
        });
    }
    if not_worth_replaying(&error) {
        return Err(Failed::unlocated(error));
    }
    let located = run_bracketed(conn, text, "BEGIN", "ROLLBACK").err().filter(|f| f.line.is_some());
    if located.is_none() {
        // The replay went through (the failure was `then`'s, or came and went): nothing stays.
        let _ = conn.exec_sql("ROLLBACK");
    }
    Err(located.unwrap_or(Failed::unlocated(error)))
}

/// Runs the statements of `text` one by one, each on its own (what `CREATE INDEX CONCURRENTLY`
/// needs); a failure leaves the statements before it applied, and says how many.
pub fn run_each(conn: &mut dyn Exec, text: &str) -> Result<usize, Failed> {
    let statements = split(text);
    for (i, stmt) in statements.iter().enumerate() {
        conn.exec_sql(stmt.sql).map_err(|e| Failed::at(stmt, e, i))?;
    }
    Ok(statements.len())
}
