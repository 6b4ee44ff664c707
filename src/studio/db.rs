//! studio-lite's sessions: rows of tables named at run time, as values, from either backend.
//! PostgreSQL through libpq (text results, parameters typed by the server), SQLite through
//! rusqlite. Read-only sessions are read-only by the connection itself: PostgreSQL's
//! `default_transaction_read_only`, SQLite's `mode=ro` plus `query_only`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use serde::{Deserialize, Serialize};

use crate::db::libpq::{PqConn, PqError};
use crate::db::{DbTarget, pg_connect_error, pg_url_with_defaults};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Pg,
    Sqlite,
}

/// One value of a row or a parameter. PostgreSQL values are all text (the server converts
/// parameters to the column's type); SQLite keeps its storage classes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Value {
    /// The value as a person reads it; `None` for NULL.
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Null => None,
            Value::Int(i) => Some(i.to_string()),
            Value::Real(f) => Some(f.to_string()),
            Value::Text(t) => Some(t.clone()),
        }
    }

    /// As JSON: numbers stay numbers.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Int(i) => (*i).into(),
            Value::Real(f) => serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into),
            Value::Text(t) => t.clone().into(),
        }
    }
}

/// An error from the database, for the page that asked.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct SqlError {
    pub message: String,
    /// 1-based character position in the statement.
    pub position: Option<usize>,
    /// The statement ran out of time (SQLSTATE 57014; SQLite's interrupt).
    pub timed_out: bool,
}

impl SqlError {
    pub fn new(message: impl Into<String>) -> Self {
        SqlError { message: message.into(), position: None, timed_out: false }
    }
}

impl From<PqError> for SqlError {
    fn from(e: PqError) -> Self {
        let timed_out = e.is(crate::db::SqlState::QueryCanceled);
        SqlError { message: e.to_string(), position: e.position, timed_out }
    }
}

impl From<rusqlite::Error> for SqlError {
    fn from(e: rusqlite::Error) -> Self {
        let timed_out = matches!(&e, rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::OperationInterrupted);
        let message = match &e {
            _ if timed_out => "canceling statement due to statement timeout".to_string(),
            rusqlite::Error::MultipleStatement => "one statement at a time, please".to_string(),
            other => other.to_string(),
        };
        SqlError { message, position: None, timed_out }
    }
}

/// A read or write session.
pub enum Session {
    Pg(PqConn),
    Sqlite { conn: rusqlite::Connection, deadline: Arc<Mutex<Option<Instant>>> },
}

/// What a query returned.
#[derive(Debug, Default, Clone)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// More rows existed than were asked for.
    pub capped: bool,
}

/// Introspection pragmas a read-only SQLite session may run (as statements or table-valued
/// functions); only with no value for those that would otherwise set something.
const READ_PRAGMAS: &[&str] = &[
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "collation_list",
    "function_list",
    "pragma_list",
    "compile_options",
];
const VALUE_PRAGMAS: &[&str] = &[
    "encoding",
    "page_size",
    "page_count",
    "freelist_count",
    "user_version",
    "schema_version",
    "foreign_keys",
];
/// Functions that reach native code, files or the schema's internals.
const DENIED_FUNCTIONS: &[&str] =
    &["fts3_tokenizer", "load_extension", "readfile", "writefile", "edit", "sqlite_dbpage"];

/// Makes a studio SQLite connection safe against what a request may send: defensive mode (no
/// writes to the schema's internals), the two-argument `fts3_tokenizer()` off, and an
/// authorizer that allows reading (and, for the `--write` pool, changing rows) and nothing else:
/// no ATTACH, no virtual tables, no pragma that sets anything, no schema change, no extension.
fn harden(conn: &rusqlite::Connection, write: bool) -> Result<()> {
    use rusqlite::config::DbConfig;
    use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, false)?;
    conn.authorizer(Some(move |ctx: AuthContext<'_>| {
        let allowed = match ctx.action {
            AuthAction::Select | AuthAction::Read { .. } | AuthAction::Recursive => true,
            AuthAction::Transaction { .. } | AuthAction::Savepoint { .. } => true,
            AuthAction::Function { function_name } => {
                !DENIED_FUNCTIONS.iter().any(|f| f.eq_ignore_ascii_case(function_name))
            }
            AuthAction::Pragma { pragma_name, pragma_value } => {
                let name = pragma_name.to_ascii_lowercase();
                READ_PRAGMAS.contains(&name.as_str())
                    || (pragma_value.is_none() && VALUE_PRAGMAS.contains(&name.as_str()))
            }
            AuthAction::Insert { table_name } | AuthAction::Delete { table_name } => {
                write && !table_name.starts_with("sqlite_")
            }
            // SQLite asks this while a pragma function declares its columns; it never lets a
            // statement change the schema table itself (and defensive mode keeps it so).
            AuthAction::Update { table_name: "sqlite_master" | "sqlite_temp_master", .. } => true,
            AuthAction::Update { table_name, .. } => write && !table_name.starts_with("sqlite_"),
            _ => false,
        };
        if allowed { Authorization::Allow } else { Authorization::Deny }
    }))?;
    Ok(())
}

/// A studio session's settings on PostgreSQL: read-only unless `write`; statements stop after
/// `limit`, and a transaction left idle (a paused export) ends after a minute at most.
fn pg_settings(conn: &mut PqConn, write: bool, limit: Duration) -> Result<(), crate::db::libpq::PqError> {
    let idle = limit.max(Duration::from_secs(60));
    conn.exec(format!(
        "SET default_transaction_read_only = {}; SET statement_timeout = {}; \
         SET idle_in_transaction_session_timeout = {}",
        if write { "off" } else { "on" },
        limit.as_millis().max(1),
        idle.as_millis()
    ))
    .map(drop)
}

impl Session {
    /// Opens a session on the configured database; read-only unless `write`.
    /// Every statement stops after `limit` (the console's own transactions set theirs).
    pub fn open(target: &DbTarget, write: bool, timeout: Duration, limit: Duration) -> Result<Session> {
        match target {
            DbTarget::Postgres { url } => {
                let mut conn = PqConn::connect(&pg_url_with_defaults(url, timeout))
                    .map_err(|e| pg_connect_error(url, &e.to_string()))?;
                pg_settings(&mut conn, write, limit).map_err(|e| anyhow!("setting up the session: {e}"))?;
                Ok(Session::Pg(conn))
            }
            DbTarget::Sqlite { path, .. } => {
                use rusqlite::OpenFlags;
                if !path.exists() {
                    bail!(
                        "SQLite database {} does not exist; run `dbctl migrate` first or set DATABASE_URL",
                        path.display()
                    );
                }
                let mode =
                    if write { OpenFlags::SQLITE_OPEN_READ_WRITE } else { OpenFlags::SQLITE_OPEN_READ_ONLY };
                let conn =
                    rusqlite::Connection::open_with_flags(path, mode | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                        .map_err(|e| anyhow!("cannot open SQLite database {}: {e}", path.display()))?;
                conn.busy_timeout(timeout)?;
                if !write {
                    conn.pragma_update(None, "query_only", true)?;
                }
                harden(&conn, write)?;
                let deadline: Arc<Mutex<Option<Instant>>> = Arc::default();
                let seen = deadline.clone();
                conn.progress_handler(
                    1000,
                    Some(move || seen.lock().ok().and_then(|d| *d).is_some_and(|d| Instant::now() >= d)),
                )?;
                Ok(Session::Sqlite { conn, deadline })
            }
            DbTarget::SqliteMemory => {
                bail!("an in-memory SQLite database has nothing to browse; set DATABASE_URL")
            }
            t @ DbTarget::Command { .. } => Err(t.not_connectable().expect("another engine").into()),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Session::Pg(_) => Backend::Pg,
            Session::Sqlite { .. } => Backend::Sqlite,
        }
    }

    /// Runs one statement and hands each row to `row` until it returns false.
    pub fn query_each(
        &mut self,
        sql: &str,
        params: &[Value],
        row: &mut dyn FnMut(&[String], Vec<Value>) -> bool,
    ) -> Result<Vec<String>, SqlError> {
        match self {
            Session::Pg(conn) => {
                let params: Vec<Option<String>> = params.iter().map(Value::text).collect();
                let end = conn.query_each(sql, &params, &mut |cols, values| {
                    row(cols, values.into_iter().map(|v| v.map_or(Value::Null, Value::Text)).collect())
                })?;
                Ok(end.columns)
            }
            Session::Sqlite { conn, .. } => {
                let mut stmt = conn.prepare(sql)?;
                let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
                for (i, p) in params.iter().enumerate() {
                    match p {
                        Value::Null => stmt.raw_bind_parameter(i + 1, rusqlite::types::Null)?,
                        Value::Int(v) => stmt.raw_bind_parameter(i + 1, v)?,
                        Value::Real(v) => stmt.raw_bind_parameter(i + 1, v)?,
                        Value::Text(v) => stmt.raw_bind_parameter(i + 1, v)?,
                    }
                }
                let mut rows = stmt.raw_query();
                while let Some(r) = rows.next()? {
                    let values = (0..columns.len())
                        .map(|i| {
                            use rusqlite::types::ValueRef;
                            Ok(match r.get_ref(i)? {
                                ValueRef::Null => Value::Null,
                                ValueRef::Integer(v) => Value::Int(v),
                                ValueRef::Real(v) => Value::Real(v),
                                ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                                ValueRef::Blob(b) => Value::Text(format!("\\x{}", hex::encode(b))),
                            })
                        })
                        .collect::<Result<Vec<_>, rusqlite::Error>>()?;
                    if !row(&columns, values) {
                        break;
                    }
                }
                Ok(columns)
            }
        }
    }

    /// Up to `cap` rows (and whether there were more).
    pub fn query(&mut self, sql: &str, params: &[Value], cap: usize) -> Result<Rows, SqlError> {
        let mut out = Rows::default();
        let columns = self.query_each(sql, params, &mut |_, values| {
            if out.rows.len() == cap {
                out.capped = true;
                return false;
            }
            out.rows.push(values);
            true
        })?;
        out.columns = columns;
        Ok(out)
    }

    /// Runs one statement that returns no rows; the rows it changed.
    pub fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, SqlError> {
        match self {
            Session::Pg(conn) => {
                let params: Vec<Option<String>> = params.iter().map(Value::text).collect();
                Ok(conn.query_each(sql, &params, &mut |_, _| true)?.affected)
            }
            Session::Sqlite { conn, .. } => {
                let params: Vec<rusqlite::types::Value> = params
                    .iter()
                    .map(|p| match p {
                        Value::Null => rusqlite::types::Value::Null,
                        Value::Int(v) => rusqlite::types::Value::Integer(*v),
                        Value::Real(v) => rusqlite::types::Value::Real(*v),
                        Value::Text(v) => rusqlite::types::Value::Text(v.clone()),
                    })
                    .collect();
                Ok(conn.execute(sql, rusqlite::params_from_iter(params))? as u64)
            }
        }
    }

    /// Runs statements without parameters (transaction control, settings).
    pub fn batch(&mut self, sql: &str) -> Result<(), SqlError> {
        match self {
            Session::Pg(conn) => conn.exec(sql).map(|_| ()).map_err(Into::into),
            Session::Sqlite { conn, .. } => conn.execute_batch(sql).map_err(Into::into),
        }
    }

    /// Whether the session can serve another request (a PostgreSQL connection may have been
    /// lost or terminated by the server).
    pub fn usable(&self) -> bool {
        match self {
            Session::Pg(conn) => conn.is_ok(),
            Session::Sqlite { .. } => true,
        }
    }

    /// Whether a transaction is open (a statement that ended ours is refused by the console).
    pub fn in_transaction(&self) -> bool {
        match self {
            Session::Pg(conn) => conn.in_transaction(),
            Session::Sqlite { conn, .. } => !conn.is_autocommit(),
        }
    }

    /// Opens a read-only transaction whose statements stop after `timeout`.
    pub fn begin_read(&mut self, timeout: Duration) -> Result<(), SqlError> {
        match self {
            Session::Pg(conn) => {
                conn.exec(format!(
                    "BEGIN READ ONLY; SET LOCAL statement_timeout = {}",
                    timeout.as_millis().max(1)
                ))?;
            }
            Session::Sqlite { conn, deadline } => {
                conn.execute_batch("BEGIN")?;
                *deadline.lock().expect("deadline lock") = Some(Instant::now() + timeout);
            }
        }
        Ok(())
    }

    /// Forgets what a request left in the session (prepared statements, advisory locks, cursors,
    /// settings, temporary tables) and sets it up again, so the next request finds it new; false
    /// when it cannot serve again.
    pub fn reset(&mut self, write: bool, limit: Duration) -> bool {
        self.rollback();
        match self {
            Session::Pg(conn) => conn.exec("DISCARD ALL").is_ok() && pg_settings(conn, write, limit).is_ok(),
            // SQLite sessions cannot change their state: the authorizer refuses it.
            Session::Sqlite { .. } => true,
        }
    }

    /// Stops the next statements after `limit` (SQLite; PostgreSQL sessions have it set).
    pub fn limit(&mut self, limit: Option<Duration>) {
        if let Session::Sqlite { deadline, .. } = self {
            *deadline.lock().expect("deadline lock") = limit.map(|l| Instant::now() + l);
        }
    }

    /// Ends whatever transaction is open, keeping nothing.
    pub fn rollback(&mut self) {
        if let Session::Sqlite { deadline, .. } = self {
            *deadline.lock().expect("deadline lock") = None;
        }
        if self.in_transaction() {
            let _ = self.batch("ROLLBACK");
        }
    }
}
