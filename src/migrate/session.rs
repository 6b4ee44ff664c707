//! Where a migration's SQL runs, and how it waits for locks.
//!
//! On PostgreSQL a migration runs in a session of its own, opened through libpq beside the
//! connection that holds the runner's lock and reads the ledger: its errors carry their SQLSTATE,
//! so a lock not granted within `migrations.statement_lock_timeout` (55P03) is told from any
//! other failure in every language the server speaks. Such a migration is rolled back and tried
//! again after a pause (`migrations.lock_retries`), instead of queueing behind a long query while
//! every reader and writer of the table queues behind it. While it waits, the other connection
//! asks the server who holds the lock, so that the retry and the final error name that session.
//! On SQLite the migration runs on the connection itself (SQLite has no lock timeout of this
//! kind; `busy_timeout` applies).

use std::sync::mpsc;
use std::time::Duration;

use regex_lite::Regex;

use crate::db::libpq::PqConn;
use crate::db::script::{Exec, ExecError, Failed};
use crate::db::sql::Statement;
use crate::db::{self, Conn, DbTarget, Param, SqlState};
use crate::output::Output;

/// How a migration waits for the locks it needs.
#[derive(Debug, Clone, Copy, Default)]
pub struct LockPolicy {
    /// `lock_timeout` of the migration's session; None: wait as long as the server lets it.
    pub timeout: Option<Duration>,
    /// Attempts after the first, when the lock was not granted in time.
    pub retries: u32,
}

/// The pause before retry `n` (1-based): 1 s, doubling, at most 30 s.
pub fn backoff(n: u32) -> Duration {
    Duration::from_secs(1u64 << n.saturating_sub(1).min(5)).min(Duration::from_secs(30))
}

/// The migration's own PostgreSQL session.
struct Runner {
    pq: PqConn,
    pid: i32,
}

/// What the runner waited for when it last waited for a lock, and the sessions that held it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Wait {
    /// `ACCESS EXCLUSIVE on public.orders`.
    pub lock: String,
    /// `pid 4242 (user alice, application psql, idle in a transaction open since …)`.
    pub holders: Vec<String>,
}

impl Wait {
    fn told(&self) -> String {
        let lock = if self.lock.is_empty() { "a lock".to_string() } else { self.lock.clone() };
        match self.holders.as_slice() {
            [] => format!("waited for {lock}"),
            holders => format!("waited for {lock}, held by {}", holders.join("; ")),
        }
    }
}

/// A migration's connections: `conn` for the lock and the ledger, and on PostgreSQL the
/// session the migration's SQL runs in (opened at its first statement).
pub struct Session<'c> {
    pub conn: &'c mut Conn,
    target: &'c DbTarget,
    connect_timeout: Duration,
    policy: LockPolicy,
    out: &'c Output,
    runner: Option<Runner>,
    /// What the runner's last statement waited for, if it waited for a lock.
    waited: Option<Wait>,
}

impl<'c> Session<'c> {
    pub fn new(conn: &'c mut Conn, opts: &'c super::Options, out: &'c Output) -> Self {
        Session {
            conn,
            target: &opts.target,
            connect_timeout: opts.connect_timeout,
            policy: opts.lock_policy,
            out,
            runner: None,
            waited: None,
        }
    }

    pub fn is_pg(&self) -> bool {
        self.conn.is_pg()
    }

    /// The runner's session, opened the first time it is needed.
    fn runner(&mut self) -> Result<&mut Runner, ExecError> {
        if self.runner.is_none() {
            let DbTarget::Postgres { url } = self.target else {
                return Err(ExecError::plain("a migration session is only opened on PostgreSQL"));
            };
            let full = db::pg_url_with_defaults(url, self.connect_timeout);
            let mut pq = PqConn::connect(&full)
                .map_err(|e| ExecError::plain(format!("{:#}", db::pg_connect_error(url, &e.to_string()))))?;
            let app = format!("dbctl migrate {}", crate::sys::whoami());
            let mut setup =
                format!("SET application_name = {}", db::quote_literal(crate::text::prefix(&app, 63)));
            if let Some(t) = self.policy.timeout {
                setup.push_str(&format!("; SET lock_timeout = '{}ms'", t.as_millis().max(1)));
            }
            pq.exec_sql(&setup)?;
            let pid = pq.backend_pid();
            self.runner = Some(Runner { pq, pid });
        }
        Ok(self.runner.as_mut().expect("opened above"))
    }

    /// Runs `attempt` (a whole transactional migration, or one statement run on its own); when
    /// the server did not grant a lock within the policy's timeout, says who held it, pauses
    /// and tries again, up to the policy's retries. `what` names the migration.
    pub fn retrying<T>(
        &mut self,
        what: &str,
        mut attempt: impl FnMut(&mut Self) -> Result<T, Failed>,
    ) -> Result<T, Failed> {
        let mut retried = 0;
        loop {
            self.waited = None;
            let failed = match attempt(self) {
                Err(f) if f.is(SqlState::LockNotAvailable) && self.policy.timeout.is_some() => f,
                other => return other,
            };
            let timeout = self.policy.timeout.map(crate::text::std_duration).unwrap_or_default();
            let told = self.waited.take().unwrap_or_default().told();
            if retried < self.policy.retries {
                retried += 1;
                let pause = backoff(retried);
                self.out.warn(&format!(
                    "{what}: no lock within {timeout} (migrations.statement_lock_timeout): {told}; rolled back, \
                     trying again in {} (retry {retried} of {})",
                    crate::text::std_duration(pause),
                    self.policy.retries
                ));
                if !pause_for(pause) {
                    return Err(Failed::other(
                        "interrupted while waiting to retry; nothing of it was applied",
                    ));
                }
                continue;
            }
            let tries = retried + 1;
            return Err(Failed {
                message: format!(
                    "{}: no lock within {timeout} in {tries} attempt{} ({told}). Run it again when that \
                     session is done (or end it: SELECT pg_terminate_backend(PID)), or raise \
                     migrations.statement_lock_timeout or migrations.lock_retries",
                    failed.message,
                    if tries == 1 { "" } else { "s" }
                ),
                ..failed
            });
        }
    }

    /// Runs the statements of `text` one by one, each committed on its own (what `CREATE INDEX
    /// CONCURRENTLY` needs), each retried on its own when its lock was not granted in time; an
    /// invalid index that a failed `CREATE INDEX CONCURRENTLY` left is dropped before the
    /// statement builds it again. A failure leaves the statements before it applied, and says
    /// how many.
    pub fn run_each(&mut self, what: &str, text: &str) -> Result<usize, Failed> {
        let statements = db::sql::split(text);
        for (i, stmt) in statements.iter().enumerate() {
            self.run_alone(what, stmt).map_err(|f| Failed { ran_before: i, ..f })?;
        }
        Ok(statements.len())
    }

    /// One statement outside any transaction block (see [`Self::run_each`]).
    pub fn run_alone(&mut self, what: &str, stmt: &Statement) -> Result<(), Failed> {
        // Looked for before each attempt: one that timed out leaves an invalid index too.
        self.retrying(what, |s| {
            s.drop_invalid_index(stmt).map_err(|e| Failed::at(stmt, e, 0))?;
            s.exec_sql(stmt.sql).map_err(|e| Failed::at(stmt, e, 0))
        })
    }

    /// Before `CREATE INDEX CONCURRENTLY name …`: drops an index of that name that is still
    /// invalid (left by a build that failed or was interrupted) and that no session is building,
    /// and says so. Without this, the statement fails (the name is taken), or with `IF NOT
    /// EXISTS` skips and leaves the index unusable.
    fn drop_invalid_index(&mut self, stmt: &Statement) -> Result<(), ExecError> {
        if !self.is_pg() {
            return Ok(());
        }
        let Some(name) = concurrent_index_name(stmt.sql) else { return Ok(()) };
        let sql = "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS v FROM pg_index i \
                   JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
                   WHERE i.indexrelid = to_regclass(?) AND NOT i.indisvalid AND NOT EXISTS \
                   (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)";
        // A name the server cannot read is left to the statement itself to fail on.
        let found = self.conn.query_texts(sql, &[Param::Text(name)]).unwrap_or_default();
        let Some(index) = found.into_iter().next() else { return Ok(()) };
        self.exec_sql(&format!("DROP INDEX CONCURRENTLY IF EXISTS {index}"))?;
        self.out.info(&format!(
            "dropped the invalid index {} that an earlier CREATE INDEX CONCURRENTLY left, to build it again",
            crate::text::escape_controls(&index)
        ));
        Ok(())
    }
}

/// The name a `CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] table` gives
/// its index, as `to_regclass` reads it: qualified with the table's schema when only the table
/// names one (the index goes where its table is). None for any other statement, and for an
/// index left to the server to name.
pub fn concurrent_index_name(sql: &str) -> Option<String> {
    static RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        let ident = r#"(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)"#;
        Regex::new(&format!(
            r"(?is)^create\s+(?:unique\s+)?index\s+concurrently\s+(?:if\s+not\s+exists\s+)?({ident}(?:\s*\.\s*{ident})?)\s+on\s+(?:only\s+)?(?:({ident})\s*\.\s*)?{ident}"
        ))
        .expect("a valid pattern")
    });
    let caps = RE.captures(db::sql::without_leading_comments(sql))?;
    let index = caps.get(1)?.as_str();
    if index.eq_ignore_ascii_case("on") {
        return None;
    }
    Some(match caps.get(2) {
        Some(schema) if !index.contains('.') => format!("{}.{index}", schema.as_str()),
        _ => index.to_string(),
    })
}

/// Sleeps `d`, waking early (false) when SIGINT or SIGTERM came.
fn pause_for(d: Duration) -> bool {
    let until = std::time::Instant::now() + d;
    crate::sys::signals::sleep_while(|| until.saturating_duration_since(std::time::Instant::now()))
}

/// How often the lock the runner waits for is looked at: often enough to see it within a short
/// `lock_timeout`.
fn watch_every(policy: &LockPolicy) -> Duration {
    policy.timeout.map_or(Duration::from_millis(200), |t| {
        (t / 4).clamp(Duration::from_millis(10), Duration::from_millis(200))
    })
}

/// The lock session `pid` waits for and the sessions that hold it, asked on `conn`; None when it
/// does not wait.
fn waiting_for(conn: &mut Conn, pid: i32) -> Option<Wait> {
    let lock = conn
        .query_texts(
            &format!(
                "SELECT l.mode || '|' || l.locktype || '|' || COALESCE(l.relation::regclass::text, '') AS v \
                 FROM pg_locks l WHERE l.pid = {pid} AND NOT l.granted LIMIT 1"
            ),
            &[],
        )
        .ok()?
        .into_iter()
        .next()?;
    let holders = conn
        .query_texts(
            &format!(
                "SELECT 'pid ' || a.pid || COALESCE(' (' || NULLIF(concat_ws(', ', 'user ' || a.usename, \
                 'application ' || NULLIF(a.application_name, ''), \
                 CASE WHEN a.state LIKE 'idle in transaction%' THEN 'idle in a transaction open since ' \
                 || to_char(a.xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC' \
                 WHEN a.state = 'active' THEN 'running a query started ' \
                 || to_char(a.query_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC' \
                 ELSE a.state END), '') || ')', '') AS v \
                 FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids({pid})) ORDER BY a.pid LIMIT 5"
            ),
            &[],
        )
        .unwrap_or_default();
    Some(Wait {
        lock: crate::text::escape_controls(&lock_words(&lock)),
        holders: holders.iter().map(|h| crate::text::escape_controls(h)).collect(),
    })
}

/// A row of `pg_locks` (`mode|locktype|relation`) as a person reads it: `ACCESS EXCLUSIVE on
/// public.t` (the mode as `LOCK` names it), or `the end of another transaction` for what
/// `CREATE INDEX CONCURRENTLY` waits for.
fn lock_words(row: &str) -> String {
    let mut parts = row.splitn(3, '|');
    let (mode, locktype, relation) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    if matches!(locktype, "virtualxid" | "transactionid") {
        return "the end of another transaction".into();
    }
    let mut words = String::new();
    for c in mode.strip_suffix("Lock").unwrap_or(mode).chars() {
        if c.is_ascii_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.push(c.to_ascii_uppercase());
    }
    match (relation.is_empty(), locktype) {
        (false, _) => format!("{words} on {relation}"),
        (true, "") => words,
        (true, other) => format!("{words} on a {other}"),
    }
}

impl Exec for Session<'_> {
    fn exec_sql(&mut self, sql: &str) -> Result<(), ExecError> {
        if !self.is_pg() {
            return self.conn.exec_sql(sql);
        }
        let every = watch_every(&self.policy);
        let watch = self.policy.timeout.is_some();
        self.runner()?;
        let Session { conn, runner, waited, .. } = self;
        let runner = runner.as_mut().expect("opened above");
        if !watch {
            return runner.pq.exec_sql(sql);
        }
        // The statement runs on a thread; meanwhile this one asks, on the other connection, what
        // it waits for.
        let pid = runner.pid;
        let pq = &mut runner.pq;
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel();
            scope.spawn(move || {
                let _ = tx.send(pq.exec_sql(sql));
            });
            loop {
                match rx.recv_timeout(every) {
                    Ok(result) => return result,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        if let Some(w) = waiting_for(conn, pid) {
                            *waited = Some(w);
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        return Err(ExecError::plain("the migration's statement ended without a result"));
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_of_a_concurrent_index() {
        let n = |s: &str| concurrent_index_name(s);
        assert_eq!(n("CREATE INDEX CONCURRENTLY idx_a ON t (a)"), Some("idx_a".into()));
        assert_eq!(
            n("-- why\ncreate unique index concurrently if not exists \"Idx A\" on only s.t (a)"),
            Some("s.\"Idx A\"".into())
        );
        assert_eq!(n("CREATE INDEX CONCURRENTLY x.i ON y.t (a)"), Some("x.i".into()));
        assert_eq!(n("CREATE INDEX CONCURRENTLY ON t (a)"), None);
        assert_eq!(n("CREATE INDEX idx ON t (a)"), None);
        assert_eq!(n("SELECT 'CREATE INDEX CONCURRENTLY i ON t'"), None);
    }

    #[test]
    fn lock_modes_read_as_sql_says_them() {
        assert_eq!(lock_words("AccessExclusiveLock|relation|public.t"), "ACCESS EXCLUSIVE on public.t");
        assert_eq!(lock_words("ShareRowExclusiveLock|relation|\"a|b\""), "SHARE ROW EXCLUSIVE on \"a|b\"");
        assert_eq!(lock_words("ShareLock|virtualxid|"), "the end of another transaction");
        assert_eq!(lock_words("ExclusiveLock|tuple|"), "EXCLUSIVE on a tuple");
    }

    #[test]
    fn pauses_double_up_to_half_a_minute() {
        let secs: Vec<u64> = (1..=8).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 30, 30, 30]);
    }

    #[test]
    fn a_wait_names_the_lock_and_its_holders() {
        let w = Wait { lock: "SHARE on public.t".into(), holders: vec!["pid 7 (user a)".into()] };
        assert_eq!(w.told(), "waited for SHARE on public.t, held by pid 7 (user a)");
        assert_eq!(Wait::default().told(), "waited for a lock");
    }
}
