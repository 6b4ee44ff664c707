//! What the database records about migrations.
//!
//! - `__diesel_schema_migrations`: diesel_cli's table, created and written exactly as diesel_cli
//!   does (version, run_on), so either tool sees the other's work.
//! - `__dbctl_migrations`: dbctl's ledger beside it: checksum of `up.sql`, when, how long, by whom,
//!   in which order.
//! - `__dbctl_migration_runs`: one row per run of a writing command, to report a failed last run.
//!
//! Reading never creates anything: a missing table reads as empty.

use anyhow::{Context, Result};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::source::MigrationFile;
use crate::db::{Conn, Param};

pub const DIESEL_TABLE: &str = "__diesel_schema_migrations";
pub const LEDGER_TABLE: &str = "__dbctl_migrations";
pub const RUNS_TABLE: &str = "__dbctl_migration_runs";

/// A row of diesel's table.
#[derive(Debug, Clone, QueryableByName)]
pub struct DieselRow {
    #[diesel(sql_type = Text)]
    pub version: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub run_on: Option<String>,
}

/// A row of dbctl's ledger.
#[derive(Debug, Clone, QueryableByName)]
pub struct LedgerRow {
    #[diesel(sql_type = Text)]
    pub version: String,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Text)]
    pub checksum: String,
    #[diesel(sql_type = Text)]
    pub applied_at: String,
    #[diesel(sql_type = BigInt)]
    pub seq: i64,
    #[diesel(sql_type = BigInt)]
    pub duration_ms: i64,
    #[diesel(sql_type = Text)]
    pub applied_by: String,
    #[diesel(sql_type = Text)]
    pub dbctl_version: String,
    /// `run` (dbctl ran it), `baseline` (recorded without running), `adopted` (another tool ran it;
    /// checksum recorded by baseline).
    #[diesel(sql_type = Text)]
    pub how: String,
}

/// A row of the run log.
#[derive(Debug, Clone, QueryableByName, serde::Serialize)]
pub struct RunRow {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub command: String,
    #[diesel(sql_type = Text)]
    pub started_at: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub finished_at: Option<String>,
    /// running, ok or failed.
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub failed_version: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub error: Option<String>,
    #[diesel(sql_type = Text)]
    pub run_by: String,
}

/// Everything the database says about migrations.
#[derive(Debug, Clone, Default)]
pub struct Recorded {
    pub diesel: Vec<DieselRow>,
    pub ledger: Vec<LedgerRow>,
    pub last_run: Option<RunRow>,
    /// Whether diesel's table exists at all.
    pub has_diesel_table: bool,
}

/// Reads the tables that exist; creates nothing.
pub fn read(conn: &mut Conn) -> Result<Recorded> {
    let mut rec = Recorded::default();
    let [has_diesel, has_ledger, has_runs] = tables_present(conn)?;
    if has_diesel {
        rec.has_diesel_table = true;
        rec.diesel = conn
            .load(
                &format!(
                    "SELECT version, CAST(run_on AS TEXT) AS run_on FROM {DIESEL_TABLE} ORDER BY version"
                ),
                &[],
            )
            .context("reading __diesel_schema_migrations")?;
    }
    if has_ledger {
        rec.ledger = conn
            .load(
                &format!(
                    "SELECT version, name, checksum, applied_at, seq, duration_ms, applied_by, dbctl_version, how \
                     FROM {LEDGER_TABLE} ORDER BY seq"
                ),
                &[],
            )
            .context("reading __dbctl_migrations")?;
    }
    if has_runs {
        let mut runs: Vec<RunRow> = conn
            .load(
                &format!(
                    "SELECT id, command, started_at, finished_at, status, failed_version, error, run_by \
                     FROM {RUNS_TABLE} ORDER BY id DESC LIMIT 1"
                ),
                &[],
            )
            .context("reading __dbctl_migration_runs")?;
        rec.last_run = runs.pop();
    }
    // What other sessions wrote is printed: control characters escaped.
    let clean = crate::text::escape_controls;
    for l in &mut rec.ledger {
        for field in [&mut l.name, &mut l.applied_at, &mut l.applied_by, &mut l.dbctl_version, &mut l.how] {
            *field = clean(field);
        }
    }
    for d in &mut rec.diesel {
        d.version = clean(&d.version);
    }
    if let Some(run) = &mut rec.last_run {
        for field in [&mut run.command, &mut run.started_at, &mut run.status, &mut run.run_by] {
            *field = clean(field);
        }
        for field in [&mut run.finished_at, &mut run.failed_version, &mut run.error].into_iter().flatten() {
            *field = clean(field);
        }
    }
    Ok(rec)
}

/// Which of diesel's table, the ledger and the run log exist, in one query.
fn tables_present(conn: &mut Conn) -> Result<[bool; 3]> {
    #[derive(QueryableByName)]
    struct Present {
        #[diesel(sql_type = diesel::sql_types::Text)]
        v: String,
    }
    let sql = if conn.is_pg() {
        "SELECT COALESCE(string_agg(relname::text, ','), '') AS v FROM pg_class \
         WHERE relname IN (?, ?, ?) AND relkind = 'r' AND pg_table_is_visible(oid)"
    } else {
        "SELECT COALESCE(group_concat(name, ','), '') AS v FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)"
    };
    let names = [DIESEL_TABLE, LEDGER_TABLE, RUNS_TABLE];
    let rows: Vec<Present> = conn.load(sql, &names.map(|n| Param::Text(n.to_string())))?;
    let found: Vec<String> =
        rows.first().map(|r| r.v.split(',').map(str::to_string).collect()).unwrap_or_default();
    Ok(names.map(|n| found.iter().any(|f| f == n)))
}

/// Creates the three tables if missing. diesel's is created with diesel_cli's own statement.
pub fn ensure_tables(conn: &mut Conn) -> Result<()> {
    conn.batch(&format!(
        "CREATE TABLE IF NOT EXISTS {DIESEL_TABLE} (\
            version VARCHAR(50) PRIMARY KEY NOT NULL, \
            run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP); \
         CREATE TABLE IF NOT EXISTS {LEDGER_TABLE} (\
            version VARCHAR(50) PRIMARY KEY NOT NULL, \
            name TEXT NOT NULL, \
            checksum TEXT NOT NULL, \
            applied_at TEXT NOT NULL, \
            seq BIGINT NOT NULL, \
            duration_ms BIGINT NOT NULL, \
            applied_by TEXT NOT NULL, \
            dbctl_version TEXT NOT NULL, \
            how TEXT NOT NULL); \
         CREATE TABLE IF NOT EXISTS {RUNS_TABLE} (\
            id BIGINT PRIMARY KEY NOT NULL, \
            command TEXT NOT NULL, \
            started_at TEXT NOT NULL, \
            finished_at TEXT, \
            status TEXT NOT NULL, \
            failed_version TEXT, \
            error TEXT, \
            run_by TEXT NOT NULL);"
    ))
    .context("creating the migration tables")
}

/// PostgreSQL: the statement that records `m` as applied in both tables, with its values as
/// literals, so that it travels with the migration's own SQL and its `COMMIT` in one round trip.
/// The duration is the server's: since the start of that round trip's query.
pub fn applied_sql_pg(m: &MigrationFile, by: &str, how: &str, seq: Seq) -> String {
    applied_sql(
        seq,
        m,
        by,
        how,
        "(extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000)::bigint",
        true,
    )
}

/// SQLite: the statements that record `m` as applied, sent with the migration in one batch; the
/// duration runs from `started` (an RFC 3339 time taken before the batch was sent).
pub fn applied_sql_sqlite(m: &MigrationFile, by: &str, how: &str, started: &str, seq: Seq) -> String {
    let duration = format!(
        "MAX(0, CAST((julianday('now') - julianday({})) * 86400000 AS INTEGER))",
        crate::db::quote_literal(started.trim_end_matches('Z'))
    );
    applied_sql(seq, m, by, how, &duration, false)
}

/// Where a ledger row goes: its place in the order migrations ran (known under the lock: the
/// ledger's highest plus one), and whether a row of that version may be there already (left by
/// another tool's revert), which the insert then replaces. Knowing both spares the server a scan
/// and a conflict check per migration.
#[derive(Debug, Clone, Copy)]
pub struct Seq {
    pub seq: i64,
    pub replace: bool,
}

fn applied_sql(seq: Seq, m: &MigrationFile, by: &str, how: &str, duration: &str, pg: bool) -> String {
    use crate::db::quote_literal as q;
    let diesel_row = format!("INSERT INTO {DIESEL_TABLE} (version) VALUES ({})", q(&m.version));
    let (before, after) = if pg {
        (format!("WITH d AS ({diesel_row}) "), String::new())
    } else {
        (String::new(), format!(";\n{diesel_row}"))
    };
    format!(
        "{before}INSERT INTO {LEDGER_TABLE} (version, name, checksum, applied_at, seq, duration_ms, applied_by, \
         dbctl_version, how) VALUES ({version}, {name}, {checksum}, {at}, {number}, {duration}, {by}, {dbctl}, \
         {how}){replace}{after}",
        number = seq.seq,
        replace = if seq.replace {
            " ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum, \
             applied_at = excluded.applied_at, seq = excluded.seq, duration_ms = excluded.duration_ms, \
             applied_by = excluded.applied_by, dbctl_version = excluded.dbctl_version, how = excluded.how"
        } else {
            ""
        },
        version = q(&m.version),
        name = q(&m.name),
        checksum = q(&m.checksum),
        at = q(&crate::sys::now()),
        by = q(by),
        dbctl = q(env!("CARGO_PKG_VERSION")),
        how = q(how),
    )
}

/// Records a migration as applied, in diesel's table and in the ledger. Run it inside the
/// migration's transaction. On PostgreSQL both rows go in one statement (one round trip).
pub fn record_applied(
    conn: &mut Conn,
    m: &MigrationFile,
    duration_ms: i64,
    by: &str,
    how: &str,
) -> Result<()> {
    if conn.is_pg() {
        return write_ledger(
            conn,
            m,
            duration_ms,
            by,
            how,
            &format!("WITH d AS (INSERT INTO {DIESEL_TABLE} (version) VALUES (?)) "),
            true,
        );
    }
    conn.execute(
        &format!("INSERT INTO {DIESEL_TABLE} (version) VALUES (?)"),
        &[Param::Text(m.version.clone())],
    )
    .with_context(|| format!("recording {} in {DIESEL_TABLE}", m.name))?;
    record_checksum(conn, m, duration_ms, by, how)
}

/// Writes (or rewrites) the ledger row of a migration in one statement (a row left behind by
/// another tool's revert is replaced).
pub fn record_checksum(
    conn: &mut Conn,
    m: &MigrationFile,
    duration_ms: i64,
    by: &str,
    how: &str,
) -> Result<()> {
    write_ledger(conn, m, duration_ms, by, how, "", false)
}

fn write_ledger(
    conn: &mut Conn,
    m: &MigrationFile,
    duration_ms: i64,
    by: &str,
    how: &str,
    prefix: &str,
    version_first: bool,
) -> Result<()> {
    let mut params = Vec::with_capacity(9);
    if version_first {
        params.push(Param::Text(m.version.clone()));
    }
    params.extend([
        Param::Text(m.version.clone()),
        Param::Text(m.name.clone()),
        Param::Text(m.checksum.clone()),
        Param::Text(crate::sys::now()),
        Param::Int(duration_ms),
        Param::Text(by.to_string()),
        Param::Text(env!("CARGO_PKG_VERSION").to_string()),
        Param::Text(how.to_string()),
    ]);
    conn.execute(
        &format!(
            "{prefix}INSERT INTO {LEDGER_TABLE} (version, name, checksum, applied_at, seq, duration_ms, applied_by, \
             dbctl_version, how) VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM {LEDGER_TABLE}), ?, ?, ?, ?) \
             ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum, \
             applied_at = excluded.applied_at, seq = excluded.seq, duration_ms = excluded.duration_ms, \
             applied_by = excluded.applied_by, dbctl_version = excluded.dbctl_version, how = excluded.how"
        ),
        &params,
    )
    .with_context(|| format!("recording {} in {LEDGER_TABLE}", m.name))?;
    Ok(())
}

/// Updates only the checksum of a ledger row (an edit accepted with --allow-edited).
pub fn accept_checksum(conn: &mut Conn, m: &MigrationFile) -> Result<()> {
    conn.execute(
        &format!("UPDATE {LEDGER_TABLE} SET checksum = ? WHERE version = ?"),
        &[Param::Text(m.checksum.clone()), Param::Text(m.version.clone())],
    )?;
    Ok(())
}

/// The statements that forget a reverted migration in both tables, sent with its down.sql and
/// its `COMMIT` in one round trip.
pub fn reverted_sql(version: &str) -> String {
    let v = crate::db::quote_literal(version);
    format!("DELETE FROM {DIESEL_TABLE} WHERE version = {v};\nDELETE FROM {LEDGER_TABLE} WHERE version = {v}")
}

/// Forgets a reverted migration in both tables.
pub fn record_reverted(conn: &mut Conn, version: &str) -> Result<()> {
    for table in [DIESEL_TABLE, LEDGER_TABLE] {
        conn.execute(&format!("DELETE FROM {table} WHERE version = ?"), &[Param::Text(version.to_string())])
            .with_context(|| format!("removing {version} from {table}"))?;
    }
    Ok(())
}

/// Opens a run in the log; returns its id.
pub fn start_run(conn: &mut Conn, command: &str, by: &str) -> Result<i64> {
    #[derive(QueryableByName)]
    struct Next {
        #[diesel(sql_type = BigInt)]
        v: i64,
    }
    let next: Vec<Next> =
        conn.load(&format!("SELECT COALESCE(MAX(id), 0) + 1 AS v FROM {RUNS_TABLE}"), &[])?;
    let id = next.first().map_or(1, |n| n.v);
    conn.execute(
        &format!("INSERT INTO {RUNS_TABLE} (id, command, started_at, status, run_by) VALUES (?, ?, ?, 'running', ?)"),
        &[Param::Int(id), Param::Text(command.to_string()), Param::Text(crate::sys::now()), Param::Text(by.to_string())],
    )
    .context("recording the run")?;
    Ok(id)
}

/// Closes a run in the log.
pub fn finish_run(conn: &mut Conn, id: i64, failure: Option<(&str, &str)>) -> Result<()> {
    let (status, version, error) = match failure {
        None => ("ok", None, None),
        Some((v, e)) => ("failed", Some(v.to_string()), Some(e.to_string())),
    };
    conn.execute(
        &format!(
            "UPDATE {RUNS_TABLE} SET finished_at = ?, status = ?, failed_version = ?, error = ? WHERE id = ?"
        ),
        &[
            Param::Text(crate::sys::now()),
            Param::Text(status.into()),
            Param::OptText(version),
            Param::OptText(error),
            Param::Int(id),
        ],
    )
    .context("recording the end of the run")?;
    Ok(())
}
