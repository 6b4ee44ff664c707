//! Prisma's ledger, `_prisma_migrations`, created, read and written exactly as Prisma does, so
//! that `prisma migrate status` and dbctl agree about every database either tool touched; and
//! Prisma's advisory lock, so that `prisma migrate deploy` and `dbctl migrate` never overlap.
//!
//! A row is inserted when a migration starts; `finished_at` and `applied_steps_count` are set
//! when it succeeded, `logs` when it failed. A row with neither `finished_at` nor
//! `rolled_back_at` is a failed migration, which blocks further runs until it is resolved.
//! SQLite keeps the times as integer milliseconds since the epoch (as Prisma writes them);
//! text times are read too.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::apply::Failure;
use super::ledger::{DieselRow, LedgerRow, Recorded, RunRow};
use super::session::Session;
use super::source::{MigrationFile, prisma_checksum_matches};
use crate::db::{Conn, Param, script};

pub const TABLE: &str = "_prisma_migrations";

/// The key of Prisma's advisory lock on PostgreSQL.
pub const PG_LOCK_KEY: i64 = 72_707_369;

const PG_DDL: &str = "CREATE TABLE IF NOT EXISTS _prisma_migrations (\n\
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,\n\
    checksum                VARCHAR(64) NOT NULL,\n\
    finished_at             TIMESTAMPTZ,\n\
    migration_name          VARCHAR(255) NOT NULL,\n\
    logs                    TEXT,\n\
    rolled_back_at          TIMESTAMPTZ,\n\
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),\n\
    applied_steps_count     INTEGER NOT NULL DEFAULT 0\n\
)";

const SQLITE_DDL: &str = "CREATE TABLE IF NOT EXISTS \"_prisma_migrations\" (\n\
    \"id\"                    TEXT PRIMARY KEY NOT NULL,\n\
    \"checksum\"              TEXT NOT NULL,\n\
    \"finished_at\"           DATETIME,\n\
    \"migration_name\"        TEXT NOT NULL,\n\
    \"logs\"                  TEXT,\n\
    \"rolled_back_at\"        DATETIME,\n\
    \"started_at\"            DATETIME NOT NULL DEFAULT current_timestamp,\n\
    \"applied_steps_count\"   INTEGER UNSIGNED NOT NULL DEFAULT 0\n\
)";

/// One row, times as text (PostgreSQL's, or SQLite's milliseconds or text).
#[derive(Debug, Clone, QueryableByName)]
pub struct Row {
    #[diesel(sql_type = Text)]
    pub id: String,
    #[diesel(sql_type = Text)]
    pub checksum: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub finished_at: Option<String>,
    #[diesel(sql_type = Text)]
    pub migration_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub logs: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub rolled_back_at: Option<String>,
    #[diesel(sql_type = Text)]
    pub started_at: String,
    #[diesel(sql_type = BigInt)]
    pub applied_steps_count: i64,
}

impl Row {
    fn applied(&self) -> bool {
        self.finished_at.is_some() && self.rolled_back_at.is_none()
    }

    fn failed(&self) -> bool {
        self.finished_at.is_none() && self.rolled_back_at.is_none()
    }
}

/// A time as people read it: SQLite's integer milliseconds become RFC 3339.
fn readable(time: &str) -> String {
    match time.parse::<i64>() {
        Ok(ms) => chrono::DateTime::from_timestamp_millis(ms)
            .map_or_else(|| time.to_string(), |t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        Err(_) => time.to_string(),
    }
}

/// Whether the table exists (on the search path, on PostgreSQL).
pub fn table_exists(conn: &mut Conn) -> Result<bool> {
    let sql = if conn.is_pg() {
        "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS v"
    } else {
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations') AS v"
    };
    conn.query_bool(sql)
}

/// Every row, oldest first; none when the table does not exist. Its text comes back with control
/// characters escaped: anyone who can write to the table writes what dbctl prints.
pub fn rows(conn: &mut Conn) -> Result<Vec<Row>> {
    if !table_exists(conn)? {
        return Ok(Vec::new());
    }
    let sql = "SELECT id, checksum, CAST(finished_at AS TEXT) AS finished_at, migration_name, logs, \
               CAST(rolled_back_at AS TEXT) AS rolled_back_at, CAST(started_at AS TEXT) AS started_at, \
               CAST(applied_steps_count AS BIGINT) AS applied_steps_count \
               FROM _prisma_migrations ORDER BY started_at, migration_name";
    let mut rows: Vec<Row> = conn.load(sql, &[]).context("reading _prisma_migrations")?;
    let clean = crate::text::escape_controls;
    for r in &mut rows {
        r.migration_name = clean(&r.migration_name);
        r.checksum = clean(&r.checksum);
        r.started_at = clean(&r.started_at);
        for field in [&mut r.logs, &mut r.finished_at, &mut r.rolled_back_at].into_iter().flatten() {
            *field = clean(field);
        }
    }
    Ok(rows)
}

/// The rows as the analysis reads them: applied migrations, their checksums (a stored one that
/// matches the file in any accepted form counts as the file's), and the newest failed one.
pub fn read(conn: &mut Conn, files: &[MigrationFile]) -> Result<Recorded> {
    let rows = rows(conn)?;
    Ok(recorded(&rows, files, conn_has_table(&rows, conn)?))
}

fn conn_has_table(rows: &[Row], conn: &mut Conn) -> Result<bool> {
    if rows.is_empty() { table_exists(conn) } else { Ok(true) }
}

/// The analysis's view of the rows.
pub fn recorded(rows: &[Row], files: &[MigrationFile], has_table: bool) -> Recorded {
    let mut rec = Recorded { has_diesel_table: has_table, ..Recorded::default() };
    for (seq, row) in rows.iter().filter(|r| r.applied()).enumerate() {
        if rec.diesel.iter().any(|d| d.version == row.migration_name) {
            continue;
        }
        let file = files.iter().find(|f| f.name == row.migration_name);
        let checksum = match file {
            Some(f) if prisma_checksum_matches(&row.checksum, f.up.as_bytes()) => f.checksum.clone(),
            _ => row.checksum.clone(),
        };
        let at = readable(row.finished_at.as_deref().unwrap_or_default());
        rec.diesel.push(DieselRow { version: row.migration_name.clone(), run_on: Some(at.clone()) });
        rec.ledger.push(LedgerRow {
            version: row.migration_name.clone(),
            name: row.migration_name.clone(),
            checksum,
            applied_at: at,
            seq: seq as i64 + 1,
            duration_ms: 0,
            applied_by: String::new(),
            dbctl_version: String::new(),
            how: "prisma".into(),
        });
    }
    rec.diesel.sort_by(|a, b| a.version.cmp(&b.version));
    rec.last_run = rows.iter().rev().find(|r| r.failed()).map(|r| RunRow {
        id: 0,
        command: "migrate (Prisma)".into(),
        started_at: readable(&r.started_at),
        finished_at: None,
        status: "failed".into(),
        failed_version: Some(r.migration_name.clone()),
        error: r.logs.clone().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
        run_by: "prisma or dbctl".into(),
    });
    rec
}

/// Creates the table if missing, with Prisma's own statement.
pub fn ensure_table(conn: &mut Conn) -> Result<()> {
    let ddl = if conn.is_pg() { PG_DDL } else { SQLITE_DDL };
    conn.batch(ddl).context("creating _prisma_migrations")
}

/// A random (version 4) UUID, as Prisma's ids are.
fn uuid() -> Result<String> {
    let hex = crate::sys::random::hex(16)?;
    let mut b: Vec<char> = hex.chars().collect();
    b[12] = '4';
    b[16] = ['8', '9', 'a', 'b'][usize::from_str_radix(&b[16].to_string(), 16).unwrap_or(0) % 4];
    let s: String = b.into_iter().collect();
    Ok(format!("{}-{}-{}-{}-{}", &s[..8], &s[8..12], &s[12..16], &s[16..20], &s[20..]))
}

/// `now` as the backend stores it: PostgreSQL's `now()`, SQLite's integer milliseconds.
fn now_sql(conn: &Conn) -> &'static str {
    if conn.is_pg() { "now()" } else { "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)" }
}

/// Records that `m` starts; returns the row's id.
fn record_started(conn: &mut Conn, m: &MigrationFile) -> Result<String> {
    let id = uuid()?;
    conn.execute(
        &format!(
            "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, applied_steps_count) \
             VALUES (?, ?, {}, ?, 0)",
            now_sql(conn)
        ),
        &[Param::Text(id.clone()), Param::Text(m.checksum.clone()), Param::Text(m.name.clone())],
    )
    .with_context(|| format!("recording the start of {} in _prisma_migrations", m.name))?;
    Ok(id)
}

fn record_finished(conn: &mut Conn, id: &str) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE _prisma_migrations SET finished_at = {}, applied_steps_count = applied_steps_count + 1 \
             WHERE id = ?",
            now_sql(conn)
        ),
        &[Param::Text(id.to_string())],
    )?;
    Ok(())
}

fn record_failed(conn: &mut Conn, id: &str, logs: &str) -> Result<()> {
    conn.execute(
        "UPDATE _prisma_migrations SET logs = ? WHERE id = ?",
        &[Param::Text(logs.to_string()), Param::Text(id.to_string())],
    )?;
    Ok(())
}

/// SQLite ignores `PRAGMA foreign_keys` inside a transaction, and Prisma's table-redefining
/// migrations rely on it: such a file runs statement by statement, as Prisma runs it.
fn needs_no_transaction(conn: &Conn, text: &str) -> bool {
    !conn.is_pg() && text.to_ascii_lowercase().contains("pragma foreign_keys")
}

/// Applies `m` as Prisma does: the row first, then the file as one unit, `finished_at` set on
/// success (in the same transaction when it can be) and `logs` on failure.
pub fn up(s: &mut Session, m: &MigrationFile) -> Result<Duration, Failure> {
    let file = m.up_path();
    let other = |e: anyhow::Error| Failure {
        file: file.clone(),
        line: None,
        message: format!("{e:#}"),
        committed: 0,
    };
    if !s.is_pg() {
        // Prisma's SQLite connections enforce foreign keys; its migrations are written for that.
        s.conn.batch("PRAGMA foreign_keys = ON").map_err(|e| other(e.into()))?;
    }
    let id = record_started(s.conn, m).map_err(other)?;
    let started = Instant::now();
    let finished =
        |s: &mut Session| record_finished(s.conn, &id).map_err(|e| script::Failed::other(format!("{e:#}")));
    let ran = if s.is_pg() {
        // As Prisma sends it: one simple query, one implicit transaction (a lone statement runs
        // outside a transaction block, so `CREATE INDEX CONCURRENTLY` works); the row is
        // finished in the same transaction when the file has several statements.
        let finish = format!(
            "UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = applied_steps_count + 1 \
             WHERE id = {}",
            crate::db::quote_literal(&id)
        );
        let statements = crate::db::sql::split(&m.up);
        match statements.as_slice() {
            [lone] => s.run_alone(&m.name, lone).and_then(|()| finished(s)),
            _ => s
                .retrying(&m.name, |s| script::run_implicit(s, &m.up, &finish))
                .and_then(|finished_too| if finished_too { Ok(()) } else { finished(s) }),
        }
    } else if needs_no_transaction(s.conn, &m.up) {
        s.run_each(&m.name, &m.up).map(drop).and_then(|()| finished(s))
    } else {
        script::run_bracketed(s, &m.up, "BEGIN IMMEDIATE", "ROLLBACK").map(drop).and_then(|()| {
            let done = record_finished(s.conn, &id).and_then(|()| s.conn.commit().map_err(Into::into));
            done.map_err(|e| {
                s.conn.rollback();
                script::Failed::other(format!("{e:#}"))
            })
        })
    };
    match ran {
        Ok(()) => Ok(started.elapsed()),
        Err(f) => {
            let failure =
                Failure { file: file.clone(), line: f.line, message: f.message, committed: f.ran_before };
            let _ = record_failed(s.conn, &id, &failure.to_string());
            Err(failure)
        }
    }
}

/// The rows of `name`.
fn rows_of<'a>(rows: &'a [Row], name: &str) -> impl Iterator<Item = &'a Row> {
    rows.iter().filter(move |r| r.migration_name == name)
}

/// `migrate resolve --applied`: records `m` as applied without running it. Refused when it is
/// applied already; its failed rows are marked rolled back first (as Prisma does).
pub fn mark_applied(conn: &mut Conn, m: &MigrationFile) -> Result<()> {
    let rows = rows(conn)?;
    if rows_of(&rows, &m.name).any(Row::applied) {
        bail!("{} is already recorded as applied in _prisma_migrations", m.name);
    }
    let now = now_sql(conn);
    conn.execute(
        &format!(
            "UPDATE _prisma_migrations SET rolled_back_at = {now} \
             WHERE migration_name = ? AND finished_at IS NULL AND rolled_back_at IS NULL"
        ),
        &[Param::Text(m.name.clone())],
    )?;
    conn.execute(
        &format!(
            "INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, \
             applied_steps_count) VALUES (?, ?, {now}, {now}, ?, 0)"
        ),
        &[Param::Text(uuid()?), Param::Text(m.checksum.clone()), Param::Text(m.name.clone())],
    )
    .with_context(|| format!("recording {} as applied", m.name))?;
    Ok(())
}

/// `migrate resolve --rolled-back`: marks the failed rows of `name` rolled back, so that the
/// migration runs again at the next `migrate`. Refused when it has no failed row.
pub fn mark_rolled_back(conn: &mut Conn, name: &str) -> Result<()> {
    let rows = rows(conn)?;
    if !rows_of(&rows, name).any(Row::failed) {
        if rows_of(&rows, name).any(Row::applied) {
            bail!("{name} is applied, not failed: only a failed migration can be marked rolled back");
        }
        bail!("{name} has no failed run in _prisma_migrations: there is nothing to mark rolled back");
    }
    conn.execute(
        &format!(
            "UPDATE _prisma_migrations SET rolled_back_at = {} \
             WHERE migration_name = ? AND finished_at IS NULL AND rolled_back_at IS NULL",
            now_sql(conn)
        ),
        &[Param::Text(name.to_string())],
    )?;
    Ok(())
}

/// Accepts the edited text of an applied migration: its checksum becomes the file's.
pub fn accept_checksum(conn: &mut Conn, m: &MigrationFile) -> Result<()> {
    conn.execute(
        "UPDATE _prisma_migrations SET checksum = ? \
         WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL",
        &[Param::Text(m.checksum.clone()), Param::Text(m.name.clone())],
    )?;
    Ok(())
}

/// Empties the database as `prisma migrate reset` does: on PostgreSQL the schema on the search
/// path is dropped and made again (`public` as a new database has it), on SQLite every table,
/// view, index and trigger is dropped.
pub fn drop_everything(conn: &mut Conn) -> Result<()> {
    if conn.is_pg() {
        let schema = conn.query_text("SELECT current_schema() AS v")?;
        let quoted = crate::db::quote_ident(&schema);
        // `public` as a new database of the server's version has it.
        let recreate = match schema.as_str() {
            "public" => crate::db::admin::public_schema_sql(conn.pg_major()?).to_string(),
            _ => format!("CREATE SCHEMA {quoted}"),
        };
        return conn.batch(&format!("BEGIN; DROP SCHEMA {quoted} CASCADE; {recreate}; COMMIT")).map_err(
            |e| {
                conn.rollback();
                anyhow!("dropping the schema {schema}: {e}")
            },
        );
    }
    let objects: Vec<String> = conn.query_texts(
        "SELECT type || ' ' || name AS v FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'          AND type IN ('table', 'view') ORDER BY type DESC",
        &[],
    )?;
    let mut sql = String::from("PRAGMA foreign_keys = OFF; BEGIN;");
    for o in &objects {
        let (kind, name) = o.split_once(' ').unwrap_or(("table", o));
        sql.push_str(&format!(" DROP {} IF EXISTS {};", kind.to_uppercase(), crate::db::quote_ident(name)));
    }
    sql.push_str(" COMMIT; PRAGMA foreign_keys = ON;");
    conn.batch(&sql).map_err(|e| {
        conn.rollback();
        anyhow!("emptying the SQLite database: {e}")
    })
}

/// Whether the database holds tables of the application (anything but the ledgers).
pub fn has_user_tables(conn: &mut Conn) -> Result<bool> {
    let sql = if conn.is_pg() {
        "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = current_schema() \
         AND c.relname NOT IN ('_prisma_migrations')) AS v"
    } else {
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') \
         AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations') AS v"
    };
    conn.query_bool(sql)
}

/// Who holds Prisma's advisory lock, if anyone (PostgreSQL).
pub fn lock_holder(conn: &mut Conn) -> Option<String> {
    if !conn.is_pg() {
        return None;
    }
    let text = conn
        .query_text(&format!(
            "SELECT COALESCE(string_agg(format('pid %s, %s, user %s', a.pid, \
             COALESCE(NULLIF(a.application_name, ''), 'no application name'), a.usename), '; '), '') AS v \
             FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
             WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = {PG_LOCK_KEY} \
             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) \
             AND l.objsubid = 1"
        ))
        .ok()?;
    (!text.is_empty()).then_some(text)
}

/// Takes Prisma's advisory lock (PostgreSQL), polling until `timeout`; `waiting` hears once who
/// holds it. SQLite has none: dbctl's file lock keeps runners apart there.
pub fn lock(conn: &mut Conn, timeout: Duration, waiting: &mut dyn FnMut(&str)) -> Result<bool> {
    if !conn.is_pg() {
        return Ok(false);
    }
    let place = format!("of Prisma (advisory lock {PG_LOCK_KEY}, which `prisma migrate deploy` takes)");
    super::lock::poll(timeout, &place, Duration::from_millis(200), waiting, || {
        if conn.query_bool(&format!("SELECT pg_try_advisory_lock({PG_LOCK_KEY}) AS v"))? {
            return Ok(Ok(true));
        }
        let holder = lock_holder(conn).unwrap_or_else(|| "a session that just ended".into());
        Ok(Err(format!("{holder} (Prisma's migration lock)")))
    })
}

pub fn unlock(conn: &mut Conn) {
    let _ = conn.query_bool(&format!("SELECT pg_advisory_unlock({PG_LOCK_KEY}) AS v"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_version_4_uuids() {
        let id = uuid().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
        assert_ne!(id, uuid().unwrap());
    }

    #[test]
    fn sqlite_milliseconds_read_as_times() {
        assert_eq!(readable("1732924800000"), "2024-11-30T00:00:00.000Z");
        assert_eq!(readable("2024-11-30 00:00:00"), "2024-11-30 00:00:00");
    }
}
