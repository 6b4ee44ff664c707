//! The application database: which one (from a URL), and a connection to it.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use diesel::Connection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;

pub mod admin;
pub use crate::conninfo;
mod error;
pub mod libpq;
pub mod pg_catalog;
pub mod pg_tools;
pub mod prisma_url;
pub mod redis;
pub mod script;
pub mod sql;
mod target;

pub use error::{NoCreateDb, QueryError, SqlState};
pub use target::{DbTarget, EMBEDDED_DEFAULT_FILE, file_url_note, prisma_base, set_schema};

use crate::output::Output;

/// An open connection to either backend.
pub enum Conn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Adds `connect_timeout` (whole seconds, libpq's minimum is 2) and `application_name` unless the
/// URL sets them.
pub fn pg_url_with_defaults(url: &str, timeout: Duration) -> String {
    let mut out = url.to_string();
    let has = |k: &str| url_has_param(url, k);
    let mut add = |k: &str, v: String| {
        out.push(if out.contains('?') { '&' } else { '?' });
        out.push_str(&format!("{k}={v}"));
    };
    if !has("connect_timeout") {
        add("connect_timeout", timeout.as_secs_f64().ceil().max(2.0).to_string());
    }
    if !has("application_name") {
        add("application_name", "dbctl".to_string());
    }
    out
}

/// Whether a PostgreSQL URL's query sets `key`.
fn url_has_param(url: &str, key: &str) -> bool {
    crate::redact::url_params(url).iter().any(|p| p.split('=').next() == Some(key))
}

/// Percent-encodes a path for a SQLite `file:` URI.
fn sqlite_uri(path: &Path, mode: &str) -> String {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(b as char),
        }
    }
    format!("{uri}?mode={mode}")
}

/// A hint for the commonest connection failures. Read from the message because a failed
/// connection carries no SQLSTATE through libpq; it only words the hint (and, in
/// [`is_retryable`], stops `--wait` early on a wrong password): nothing else is decided from a
/// server's words (see [`SqlState`]).
pub(crate) fn pg_hint(message: &str) -> &'static str {
    let m = message.to_ascii_lowercase();
    if m.contains("password authentication failed") || m.contains("no password supplied") {
        "check the user and password in DATABASE_URL"
    } else if m.contains("does not exist") {
        "create the database or role, or fix its name in DATABASE_URL"
    } else if m.contains("connection refused") || m.contains("no such file or directory") {
        "is PostgreSQL running and listening on that host and port? (--wait retries while it starts)"
    } else if m.contains("timeout") || m.contains("timed out") {
        "is the host reachable? raise --connect-timeout for slow networks"
    } else if m.contains("could not translate host name") {
        "check the host name in DATABASE_URL"
    } else if m.contains("starting up") || m.contains("shutting down") {
        "the server is not ready; --wait retries until it is"
    } else {
        "check DATABASE_URL"
    }
}

/// The error of a failed PostgreSQL connection, whichever client made it: the server's message
/// on one line, the URL without its password, and the likely fix.
pub fn pg_connect_error(url: &str, message: &str) -> anyhow::Error {
    let msg = message.split_whitespace().collect::<Vec<_>>().join(" ");
    anyhow!("cannot connect to PostgreSQL at {}: {msg}; {}", target::shown_url(url), pg_hint(&msg))
}

/// Whether a failed attempt is worth retrying under `--wait` (a wrong password is not).
pub fn is_retryable(err: &anyhow::Error) -> bool {
    let m = format!("{err:#}").to_ascii_lowercase();
    !(m.contains("password authentication failed") || m.contains("no password supplied"))
}

/// Connects to PostgreSQL within `timeout`, to the millisecond. libpq counts whole seconds of
/// at least 2 (`connect_timeout=1` waits 2 s), so unless the URL sets its own `connect_timeout`,
/// the attempt runs on a thread and is given up at the deadline; the thread ends at libpq's
/// rounded-up limit and drops what it got.
fn establish_pg(url: &str, timeout: Duration) -> Result<PgConnection> {
    let full = pg_url_with_defaults(url, timeout);
    let deadline = !url_has_param(url, "connect_timeout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("pg-connect".into())
        .spawn(move || {
            let _ = tx.send(PgConnection::establish(&full).map_err(|e| e.to_string()));
        })
        .context("starting a thread to connect")?;
    let got = if deadline { rx.recv_timeout(timeout).ok() } else { rx.recv().ok() };
    match got {
        Some(Ok(conn)) => Ok(conn),
        Some(Err(e)) => Err(pg_connect_error(url, &e)),
        None => Err(pg_connect_error(
            url,
            &format!(
                "timed out: no connection within {} (--connect-timeout)",
                crate::text::std_duration(timeout)
            ),
        )),
    }
}

/// Opens a connection; the first use of the embedded default creates its file and says so.
pub fn connect(target: &DbTarget, timeout: Duration, announce: &mut dyn FnMut(String)) -> Result<Conn> {
    if let Some(e) = target.not_connectable() {
        return Err(e.into());
    }
    match target {
        DbTarget::Postgres { url } => Ok(Conn::Pg(establish_pg(url, timeout)?)),
        DbTarget::Sqlite { path, embedded } => {
            let exists = path.exists();
            if !exists && !embedded {
                anyhow::bail!(
                    "SQLite database {} does not exist; check DATABASE_URL (dbctl never creates a \
                     configured SQLite file by accident)",
                    path.display()
                );
            }
            if !exists {
                announce(format!(
                    "using the embedded SQLite database {} (created now; set DATABASE_URL to use another)",
                    path.display()
                ));
            }
            let mode = if exists { "rw" } else { "rwc" };
            let mut conn = SqliteConnection::establish(&sqlite_uri(path, mode))
                .map_err(|e| anyhow!("cannot open SQLite database {}: {e}", path.display()))?;
            set_busy_timeout(&mut conn, timeout)?;
            Ok(Conn::Sqlite(conn))
        }
        DbTarget::Command { .. } => unreachable!("refused above"),
        DbTarget::SqliteMemory => {
            let conn = SqliteConnection::establish(":memory:")
                .map_err(|e| anyhow!("cannot open an in-memory SQLite database: {e}"))?;
            Ok(Conn::Sqlite(conn))
        }
    }
}

/// Opens the database for a command that sets it up (migrate): a configured SQLite file that does
/// not exist yet is created, and that is said.
pub fn connect_creating(
    target: &DbTarget,
    timeout: Duration,
    announce: &mut dyn FnMut(String),
) -> Result<Conn> {
    match target {
        DbTarget::Sqlite { path, embedded: false } if !path.exists() => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
            }
            announce(format!("creating the SQLite database {}", path.display()));
            let mut conn = SqliteConnection::establish(&sqlite_uri(path, "rwc"))
                .map_err(|e| anyhow!("cannot create SQLite database {}: {e}", path.display()))?;
            set_busy_timeout(&mut conn, timeout)?;
            Ok(Conn::Sqlite(conn))
        }
        _ => connect(target, timeout, announce),
    }
}

/// Opens the database for reading only. PostgreSQL sessions are made read-only; SQLite files are
/// opened with `mode=ro`. A missing embedded default reads as an empty database (`None`) and is
/// not created.
pub fn connect_read_only(target: &DbTarget, timeout: Duration) -> Result<Option<Conn>> {
    if let Some(e) = target.not_connectable() {
        return Err(e.into());
    }
    match target {
        DbTarget::Postgres { .. } => {
            let mut conn = connect(target, timeout, &mut |_| {})?;
            conn.batch("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                .context("making the session read-only")?;
            Ok(Some(conn))
        }
        DbTarget::Sqlite { path, .. } => {
            // No file, no migration applied: read-only commands create nothing (the caller says
            // so for a configured path, which may be mistyped).
            if !path.exists() {
                return Ok(None);
            }
            // Read-write at the file level, read-only for statements: a process killed mid-write
            // leaves a hot journal, which SQLite rolls back on the first read, and a `mode=ro`
            // connection cannot ("attempt to write a readonly database").
            // A file this user may only read opens `mode=ro` (without a hot journal to roll back).
            let mut conn = SqliteConnection::establish(&sqlite_uri(path, "rw"))
                .or_else(|_| SqliteConnection::establish(&sqlite_uri(path, "ro")))
                .map_err(|e| anyhow!("cannot open SQLite database {}: {e}", path.display()))?;
            set_busy_timeout(&mut conn, timeout)?;
            let mut conn = Conn::Sqlite(conn);
            conn.batch("PRAGMA query_only = 1").context("making the connection read-only")?;
            Ok(Some(conn))
        }
        DbTarget::SqliteMemory => connect(target, timeout, &mut |_| {}).map(Some),
        DbTarget::Command { .. } => unreachable!("refused above"),
    }
}

fn set_busy_timeout(conn: &mut SqliteConnection, timeout: Duration) -> Result<()> {
    use diesel::RunQueryDsl;
    diesel::sql_query(format!("PRAGMA busy_timeout = {}", timeout.as_millis()))
        .execute(conn)
        .context("setting SQLite busy_timeout")?;
    Ok(())
}

/// Says once, on stderr, that dbctl is waiting for `what`; each later attempt only with --verbose.
pub fn announce_wait(out: &Output, attempt: u32, wait: Option<Duration>, what: &str, err: &anyhow::Error) {
    let wait = wait.map(crate::text::std_duration).unwrap_or_default();
    // The server's own message comes once: in the error that ends the wait (each attempt's
    // with -v).
    if attempt == 1 {
        out.info(&format!("waiting up to {wait} for {what} to accept connections"));
    }
    out.verbose(&format!("attempt {attempt}: {err:#}"));
}

/// Connects to `target` with `attempt`, retrying for `wait` (`--wait`) and saying so.
pub fn wait_for_database<T>(
    target: &DbTarget,
    wait: Option<Duration>,
    out: &Output,
    attempt: impl FnMut() -> Result<T>,
) -> Result<T> {
    let what = format!("the database {}", target.display());
    with_wait("the database", wait, attempt, is_retryable, |n, e| announce_wait(out, n, wait, &what, e))
}

/// Retries `attempt` until it succeeds, fails with a non-retryable error, or `wait` has passed
/// (no retry when `wait` is `None`). `on_retry` hears about each failed attempt, with its number
/// (1 for the first).
pub fn with_wait<T>(
    what: &str,
    wait: Option<Duration>,
    mut attempt: impl FnMut() -> Result<T>,
    retryable: impl Fn(&anyhow::Error) -> bool,
    mut on_retry: impl FnMut(u32, &anyhow::Error),
) -> Result<T> {
    let Some(wait) = wait else { return attempt() };
    let deadline = Instant::now() + wait;
    let mut pause = Duration::from_millis(200);
    let mut failures = 0;
    loop {
        match attempt() {
            Ok(v) => return Ok(v),
            Err(e) if !retryable(&e) => return Err(e),
            Err(e) => {
                let now = Instant::now();
                if now >= deadline {
                    return Err(e.context(format!(
                        "{what} did not accept connections within --wait={}",
                        crate::text::std_duration(wait)
                    )));
                }
                failures += 1;
                on_retry(failures, &e);
                std::thread::sleep(pause.min(deadline - now));
                pause = (pause * 2).min(Duration::from_secs(2));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pg_urls_get_a_timeout_unless_they_have_one() {
        assert_eq!(
            pg_url_with_defaults("postgres://h/db", Duration::from_millis(500)),
            "postgres://h/db?connect_timeout=2&application_name=dbctl"
        );
        assert_eq!(
            pg_url_with_defaults(
                "postgres://h/db?connect_timeout=9&application_name=x",
                Duration::from_secs(5)
            ),
            "postgres://h/db?connect_timeout=9&application_name=x"
        );
    }

    #[test]
    fn sqlite_uris_escape_reserved_characters() {
        assert_eq!(sqlite_uri(Path::new("/tmp/a?b#c%d.db"), "rw"), "file:/tmp/a%3Fb%23c%25d.db?mode=rw");
    }

    #[test]
    fn query_errors_keep_their_kind_and_say_their_message_once() {
        let mut conn = connect(&DbTarget::SqliteMemory, Duration::from_secs(1), &mut |_| {}).unwrap();
        conn.batch("CREATE TABLE t (x INTEGER PRIMARY KEY)").unwrap();
        conn.execute("INSERT INTO t VALUES (?)", &[Param::Int(1)]).unwrap();
        let err = conn.execute("INSERT INTO t VALUES (?)", &[Param::Int(1)]).unwrap_err();
        let typed = err.downcast_ref::<QueryError>().expect("a typed query error");
        assert!(matches!(typed.kind(), Some(diesel::result::DatabaseErrorKind::UniqueViolation)), "{err:#}");
        let shown = format!("{err:#}");
        assert_eq!(shown.matches("UNIQUE").count(), 1, "{shown}");
    }

    #[test]
    fn configured_sqlite_files_are_never_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing.db");
        let target = DbTarget::Sqlite { path: path.clone(), embedded: false };
        let err = connect(&target, Duration::from_secs(1), &mut |_| {}).err().unwrap();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(!path.exists());

        let mut said = Vec::new();
        let embedded = DbTarget::embedded_default(dir.path());
        connect(&embedded, Duration::from_secs(1), &mut |m| said.push(m)).unwrap();
        assert!(dir.path().join(EMBEDDED_DEFAULT_FILE).exists());
        assert_eq!(said.len(), 1);
        connect(&embedded, Duration::from_secs(1), &mut |m| said.push(m)).unwrap();
        assert_eq!(said.len(), 1, "announced only on first use");
    }

    #[test]
    fn wait_gives_up_after_the_deadline_and_stops_on_fatal_errors() {
        let mut tries = 0;
        let err = with_wait(
            "the database",
            Some(Duration::from_millis(300)),
            || -> Result<()> {
                tries += 1;
                anyhow::bail!("connection refused")
            },
            |_| true,
            |_, _| {},
        )
        .unwrap_err();
        assert!(tries >= 2);
        assert!(format!("{err:#}").contains("did not accept connections within --wait=300ms"), "{err:#}");

        let mut tries = 0;
        let _ = with_wait(
            "the database",
            Some(Duration::from_secs(5)),
            || -> Result<()> {
                tries += 1;
                anyhow::bail!("password authentication failed")
            },
            is_retryable,
            |_, _| {},
        );
        assert_eq!(tries, 1);
    }
}

/// A server's error as dbctl shows it: the message, then `(detail)` and `; hint: …` when given.
pub fn server_message(message: &str, detail: Option<&str>, hint: Option<&str>) -> String {
    let mut text = message.to_string();
    if let Some(d) = detail {
        text.push_str(&format!(" ({d})"));
    }
    if let Some(h) = hint {
        text.push_str(&format!("; hint: {h}"));
    }
    text
}

/// Quotes an identifier for PostgreSQL and SQLite alike: the one place names from files, dumps
/// and catalogues become SQL.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Quotes a string literal for PostgreSQL (standard-conforming strings) and SQLite alike.
pub fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

mod rows {
    use diesel::QueryableByName;
    use diesel::sql_types::{BigInt, Double, Nullable, Text};

    #[derive(QueryableByName)]
    pub struct TextRow {
        #[diesel(sql_type = Text)]
        pub v: String,
    }

    #[derive(QueryableByName)]
    pub struct IntRow {
        #[diesel(sql_type = BigInt)]
        pub v: i64,
    }

    #[derive(QueryableByName)]
    pub struct BoolRow {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        pub v: bool,
    }

    #[derive(QueryableByName)]
    pub struct FloatRow {
        #[diesel(sql_type = Nullable<Double>)]
        pub v: Option<f64>,
    }
}

/// Runs `$sql` on either backend and takes column `v` of its one row.
macro_rules! one_row {
    ($conn:expr, $row:ty, $sql:expr) => {{
        use diesel::RunQueryDsl;
        let result = match $conn {
            Conn::Pg(c) => diesel::sql_query($sql).get_result::<$row>(c),
            Conn::Sqlite(c) => diesel::sql_query($sql).get_result::<$row>(c),
        };
        result.map(|r| r.v).map_err(|e| QueryError::from(e).into())
    }};
}

/// A bound parameter of [`Conn::execute`] and [`Conn::load`].
#[derive(Debug, Clone)]
pub enum Param {
    Text(String),
    OptText(Option<String>),
    Int(i64),
}

/// Binds `params` to a boxed raw query, whichever the backend.
macro_rules! bind_all {
    ($query:expr, $params:expr) => {{
        use diesel::sql_types::{BigInt, Nullable, Text};
        let mut q = $query;
        for p in $params {
            q = match p {
                Param::Text(s) => q.bind::<Text, _>(s.clone()),
                Param::OptText(s) => q.bind::<Nullable<Text>, _>(s.clone()),
                Param::Int(i) => q.bind::<BigInt, _>(*i),
            };
        }
        q
    }};
}

/// Rewrites `?` placeholders as PostgreSQL's `$1`, `$2`, … (only for dbctl's own SQL, which has no
/// literal question mark).
fn pg_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

impl Conn {
    pub fn backend(&self) -> &'static str {
        match self {
            Conn::Pg(_) => "postgresql",
            Conn::Sqlite(_) => "sqlite",
        }
    }

    pub fn is_pg(&self) -> bool {
        matches!(self, Conn::Pg(_))
    }

    /// Runs SQL text as written (one or several statements, no parameters, no result).
    pub fn batch(&mut self, sql: &str) -> diesel::QueryResult<()> {
        use diesel::connection::SimpleConnection;
        match self {
            Conn::Pg(c) => c.batch_execute(sql),
            Conn::Sqlite(c) => c.batch_execute(sql),
        }
    }

    /// Runs one statement, as written, through the extended protocol (on PostgreSQL an unnamed
    /// prepared statement: the server refuses a text holding several); returns rows affected.
    pub fn execute_one(&mut self, sql: &str) -> Result<usize> {
        use diesel::RunQueryDsl;
        match self {
            Conn::Pg(c) => diesel::sql_query(sql).execute(c),
            Conn::Sqlite(c) => diesel::sql_query(sql).execute(c),
        }
        .map_err(|e| QueryError::from(e).into())
    }

    /// Runs one statement of dbctl's own, `?` placeholders bound to `params`; returns rows affected.
    pub fn execute(&mut self, sql: &str, params: &[Param]) -> Result<usize> {
        use diesel::RunQueryDsl;
        let result = match self {
            Conn::Pg(c) => {
                bind_all!(diesel::sql_query(pg_placeholders(sql)).into_boxed::<diesel::pg::Pg>(), params)
                    .execute(c)
            }
            Conn::Sqlite(c) => {
                bind_all!(diesel::sql_query(sql).into_boxed::<diesel::sqlite::Sqlite>(), params).execute(c)
            }
        };
        result.map_err(|e| QueryError::from(e).into())
    }

    /// Loads the rows of one query of dbctl's own, `?` placeholders bound to `params`.
    pub fn load<R>(&mut self, sql: &str, params: &[Param]) -> Result<Vec<R>>
    where
        R: diesel::QueryableByName<diesel::pg::Pg>
            + diesel::QueryableByName<diesel::sqlite::Sqlite>
            + 'static,
    {
        use diesel::RunQueryDsl;
        let result = match self {
            Conn::Pg(c) => {
                bind_all!(diesel::sql_query(pg_placeholders(sql)).into_boxed::<diesel::pg::Pg>(), params)
                    .load(c)
            }
            Conn::Sqlite(c) => {
                bind_all!(diesel::sql_query(sql).into_boxed::<diesel::sqlite::Sqlite>(), params).load(c)
            }
        };
        result.map_err(|e| QueryError::from(e).into())
    }

    /// The boolean in column `v` of the single row `sql` returns.
    pub fn query_bool(&mut self, sql: &str) -> Result<bool> {
        one_row!(self, rows::BoolRow, sql)
    }

    /// Begins a transaction; on SQLite it takes the write lock at once (no upgrade deadlocks).
    pub fn begin(&mut self) -> diesel::QueryResult<()> {
        match self {
            Conn::Pg(_) => self.batch("BEGIN"),
            Conn::Sqlite(_) => self.batch("BEGIN IMMEDIATE"),
        }
    }

    pub fn commit(&mut self) -> diesel::QueryResult<()> {
        self.batch("COMMIT")
    }

    /// Rolls back, ignoring "no transaction is active" (the server may have aborted it already).
    pub fn rollback(&mut self) {
        let _ = self.batch("ROLLBACK");
    }

    /// Whether a table exists, without creating anything.
    pub fn table_exists(&mut self, table: &str) -> Result<bool> {
        let sql = match self {
            Conn::Pg(_) => "SELECT to_regclass(?) IS NOT NULL AS v",
            Conn::Sqlite(_) => {
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?) AS v"
            }
        };
        let rows: Vec<rows::BoolRow> = self.load(sql, &[Param::Text(table.to_string())])?;
        Ok(rows.first().is_some_and(|r| r.v))
    }

    /// The text in column `v` of the single row `sql` returns.
    pub fn query_text(&mut self, sql: &str) -> Result<String> {
        one_row!(self, rows::TextRow, sql)
    }

    /// PostgreSQL's major version (15 for 15.4).
    pub fn pg_major(&mut self) -> Result<u32> {
        Ok(self.query_int("SELECT current_setting('server_version_num')::bigint / 10000 AS v")? as u32)
    }

    /// The texts in column `v` of every row `sql` returns (`?` placeholders bound to `params`).
    pub fn query_texts(&mut self, sql: &str, params: &[Param]) -> Result<Vec<String>> {
        let rows: Vec<rows::TextRow> = self.load(sql, params)?;
        Ok(rows.into_iter().map(|r| r.v).collect())
    }

    /// The integer (BIGINT) in column `v` of the single row `sql` returns.
    pub fn query_int(&mut self, sql: &str) -> Result<i64> {
        one_row!(self, rows::IntRow, sql)
    }

    /// The nullable double in column `v` of the single row `sql` returns.
    pub fn query_float(&mut self, sql: &str) -> Result<Option<f64>> {
        one_row!(self, rows::FloatRow, sql)
    }
}
