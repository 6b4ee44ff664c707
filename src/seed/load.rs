//! Running seed files in one transaction.
//!
//! PostgreSQL (through libpq): SQL files run in one round trip each; CSV files stream into
//! `COPY … FROM STDIN (FORMAT csv)`, straight into the table when it is empty, otherwise through
//! a temporary table and `INSERT … ON CONFLICT DO NOTHING`, so that a re-run adds only what is
//! missing. SQLite: batched prepared `INSERT … ON CONFLICT DO NOTHING`.
//!
//! An empty CSV field is NULL, quoted or not, on both backends. Any failure rolls back
//! everything and names the file and the line (SQL) or record (CSV).

use std::fs::File;
use std::io::{BufReader, Read};
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use serde::Serialize;

use super::{Kind, SeedFile, sql_targets};
use crate::db::libpq::{PqConn, PqError};
use crate::db::script::{self, Exec};
use crate::db::{self, Conn, DbTarget, Param, quote_ident};
use crate::output::Output;

/// What one file did.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub set: String,
    pub file: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// CSV: records in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
    /// CSV: records that were not there yet and were inserted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inserted: Option<u64>,
    /// SQL: statements in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statements: Option<usize>,
    pub duration_ms: f64,
    /// What the operator should know: a CSV into a table without a key adds its rows again on
    /// every run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

/// Where a seed failed.
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}: {}{message}; nothing was seeded (everything ran in one transaction and was rolled back)",
    at.as_ref().map(|a| format!("{a}: ")).unwrap_or_default()
)]
pub struct Failure {
    pub file: String,
    pub at: Option<String>,
    pub message: String,
}

/// Hears the bytes of a file read so far.
pub type Tick = Box<dyn FnMut(u64)>;

/// Options of a run.
pub struct Options<'a> {
    /// The database the seeds go into.
    pub target: &'a DbTarget,
    /// One connection attempt's limit, and how long `--wait` retries.
    pub connect_timeout: std::time::Duration,
    pub wait: Option<std::time::Duration>,
    pub reset: bool,
    /// Called with (file label, bytes total) for each CSV file; returns its progress callback.
    pub progress: &'a dyn Fn(&str, u64) -> Tick,
}

/// Runs the files in order on either backend: SQL files through [`run_sql_file`], CSV files
/// through `load_csv` (which returns the rows in the file and the rows inserted).
fn run_files<C: Exec>(
    conn: &mut C,
    files: &[SeedFile],
    opts: &Options,
    mut load_csv: impl FnMut(&mut C, &SeedFile, &[String]) -> Result<(u64, u64, bool)>,
) -> Result<Vec<FileReport>> {
    if opts.reset {
        reset_tables(conn, files)?;
    }
    let mut out = Vec::new();
    for f in files {
        let start = Instant::now();
        out.push(match &f.kind {
            Kind::Sql => run_sql_file(conn, f, start)?,
            Kind::Csv { .. } => {
                let cols = csv_columns(f)?;
                let (rows, inserted, keyed) = load_csv(conn, f, &cols)?;
                let warning = (!keyed).then(|| {
                    format!(
                        "{} has no primary key or unique constraint, so re-running the seed inserts its {} \
                         again; give the table a key, or seed it with a SQL file",
                        f.quoted_table().unwrap_or_default(),
                        crate::text::count(rows, "row")
                    )
                });
                FileReport { rows: Some(rows), inserted: Some(inserted), warning, ..report(f, start) }
            }
        });
    }
    Ok(out)
}

/// `--reset`: empties the tables the files load, last-loaded first.
fn reset_tables(conn: &mut dyn Exec, files: &[SeedFile]) -> Result<()> {
    for table in touched_tables(files)?.iter().rev() {
        conn.exec_sql(&format!("DELETE FROM {table}"))
            .map_err(|e| anyhow!("--reset: emptying {table}: {}", e.message))?;
    }
    Ok(())
}

/// Runs a SQL file in one round trip inside a savepoint; on failure, replays it statement by
/// statement from the savepoint to name the failing line.
fn run_sql_file(conn: &mut dyn Exec, f: &SeedFile, start: Instant) -> Result<FileReport> {
    let text = read_sql(f)?;
    let statements =
        script::run_bracketed(conn, &text, "SAVEPOINT dbctl_seed", "ROLLBACK TO SAVEPOINT dbctl_seed")
            .map_err(|e| Failure {
                file: f.label(),
                at: e.line.map(|l| format!("line {l}")),
                message: e.message,
            })?;
    conn.exec_sql("RELEASE SAVEPOINT dbctl_seed").map_err(|e| anyhow!("{}", e.message))?;
    Ok(FileReport { statements: Some(statements), ..report(f, start) })
}

/// The CSV header: column names, checked.
fn csv_columns(f: &SeedFile) -> Result<Vec<String>, Failure> {
    let fail = |m: String| Failure { file: f.label(), at: Some("line 1".into()), message: m };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_path(&f.path).map_err(|e| Failure {
        file: f.label(),
        at: None,
        message: e.to_string(),
    })?;
    let headers = reader.headers().map_err(|e| fail(e.to_string()))?;
    let cols: Vec<String> =
        headers.iter().map(|h| h.trim_start_matches('\u{feff}').trim().to_string()).collect();
    if cols.is_empty() || cols.iter().any(String::is_empty) {
        return Err(fail("the header row must name every column".into()));
    }
    for (i, c) in cols.iter().enumerate() {
        if cols[..i].contains(c) {
            return Err(fail(format!("column `{c}` appears twice in the header")));
        }
    }
    Ok(cols)
}

/// Where PostgreSQL's COPY line `line` (a physical line: a quoted field's line breaks count) is:
/// the record that spans it, as `line L (record N)` with L the record's first line.
fn place_of_line(f: &SeedFile, line: u64) -> String {
    let fallback = format!("line {line}");
    let Ok(mut reader) = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_path(&f.path) else {
        return fallback;
    };
    let mut rec = csv::ByteRecord::new();
    let mut found = None;
    let mut n = 0u64;
    while let Ok(true) = reader.read_byte_record(&mut rec) {
        let start = rec.position().map_or(0, |p| p.line());
        if start > line {
            break;
        }
        n += 1;
        found = Some((start, n));
    }
    match found {
        Some((start, n)) => format!("line {start} (record {n})"),
        None => fallback,
    }
}

/// Counts the records of a CSV file (for --dry-run).
pub fn count_records(f: &SeedFile) -> Result<u64> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).from_path(&f.path).with_context(|| f.label())?;
    let mut n = 0;
    let mut rec = csv::ByteRecord::new();
    while reader.read_byte_record(&mut rec).with_context(|| f.label())? {
        n += 1;
    }
    Ok(n)
}

/// The tables the files load, first-loaded first, each once (quoted).
pub fn touched_tables(files: &[SeedFile]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for f in files {
        let tables = match &f.kind {
            Kind::Csv { .. } => vec![f.quoted_table().expect("csv has a table")],
            Kind::Sql => sql_targets(&std::fs::read_to_string(&f.path).with_context(|| f.label())?),
        };
        for t in tables {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    Ok(out)
}

fn ms(start: Instant) -> f64 {
    (start.elapsed().as_secs_f64() * 1e6).round() / 1e3
}

fn report(f: &SeedFile, start: Instant) -> FileReport {
    FileReport {
        set: f.set.clone(),
        file: f.name.clone(),
        kind: if matches!(f.kind, Kind::Csv { .. }) { "csv" } else { "sql" },
        table: match &f.kind {
            Kind::Csv { schema, table } => {
                Some(schema.as_ref().map_or(table.clone(), |s| format!("{s}.{table}")))
            }
            Kind::Sql => None,
        },
        rows: None,
        inserted: None,
        warning: None,
        statements: None,
        duration_ms: ms(start),
    }
}

fn read_sql(f: &SeedFile) -> Result<String, Failure> {
    std::fs::read_to_string(&f.path).map_err(|e| Failure {
        file: f.label(),
        at: None,
        message: e.to_string(),
    })
}

/// A reader that reports how many bytes went through it.
struct Counting<'a, R> {
    inner: R,
    seen: u64,
    tick: Box<dyn FnMut(u64) + 'a>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen += n as u64;
        (self.tick)(self.seen);
        Ok(n)
    }
}

fn open_counting<'a>(f: &SeedFile, opts: &Options) -> Result<Counting<'a, BufReader<File>>, Failure> {
    let file =
        File::open(&f.path).map_err(|e| Failure { file: f.label(), at: None, message: e.to_string() })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok(Counting {
        inner: BufReader::with_capacity(256 * 1024, file),
        seen: 0,
        tick: (opts.progress)(&f.label(), size),
    })
}

/// Connects to the configured database and loads `files` in one transaction.
pub fn run(files: &[SeedFile], opts: &Options, out: &Output) -> Result<Vec<FileReport>> {
    let target = opts.target;
    match target {
        DbTarget::Postgres { url } => {
            let full = db::pg_url_with_defaults(url, opts.connect_timeout);
            let mut conn = db::wait_for_database(target, opts.wait, out, || {
                PqConn::connect(&full).map_err(|e| db::pg_connect_error(url, &e.to_string()))
            })?;
            run_pg(&mut conn, files, opts)
        }
        _ => {
            let mut conn = db::connect(target, opts.connect_timeout, &mut |m| out.info(&m))?;
            run_sqlite(&mut conn, files, opts)
        }
    }
}

// ---------------------------------------------------------------- PostgreSQL

fn pq_failure(f: &SeedFile, at: Option<String>, e: &PqError) -> Failure {
    Failure { file: f.label(), at, message: e.to_string() }
}

/// Runs the files on PostgreSQL in one transaction.
fn run_pg(conn: &mut PqConn, files: &[SeedFile], opts: &Options) -> Result<Vec<FileReport>> {
    conn.exec("SET client_encoding TO 'UTF8'").map_err(|e| anyhow!("{e}"))?;
    conn.exec("BEGIN").map_err(|e| anyhow!("{e}"))?;
    let result = pg_files(conn, files, opts);
    match &result {
        Ok(_) => conn.exec("COMMIT").map_err(|e| anyhow!("committing the seed: {e}")).map(|_| ())?,
        Err(_) => {
            let _ = conn.exec("ROLLBACK");
        }
    }
    result
}

fn pg_files(conn: &mut PqConn, files: &[SeedFile], opts: &Options) -> Result<Vec<FileReport>> {
    run_files(conn, files, opts, |conn, f, cols| pg_csv(conn, f, cols, opts))
}

/// Loads a CSV file through COPY: straight into an empty table; otherwise staged in a temporary
/// table, then inserted where the key is missing. Returns (rows in the file, rows inserted).
fn pg_csv(conn: &mut PqConn, f: &SeedFile, cols: &[String], opts: &Options) -> Result<(u64, u64, bool)> {
    let table = f.quoted_table().expect("csv has a table");
    let keyed = conn
        .scalar(&format!(
            "SELECT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = {}::regclass AND (indisprimary OR indisunique))",
            crate::db::quote_literal(&table)
        ))
        .map_err(|e| pq_failure(f, None, &e))?
        .as_deref()
        == Some("t");
    let list = cols.iter().map(|c| quote_ident(c)).collect::<Vec<_>>().join(", ");
    let options = format!("(FORMAT csv, HEADER true, FORCE_NULL ({list}))");
    let empty = conn
        .scalar(&format!("SELECT NOT EXISTS (SELECT 1 FROM {table}) AS v"))
        .map_err(|e| pq_failure(f, None, &e))?
        .as_deref()
        == Some("t");
    let mut data = open_counting(f, opts)?;
    let at = |e: &PqError| e.copy_line().map(|l| place_of_line(f, l as u64));
    let (rows, inserted) = if empty {
        let rows = conn
            .copy_in(format!("COPY {table} ({list}) FROM STDIN WITH {options}"), &mut data)
            .map_err(|e| pq_failure(f, at(&e), &e))?;
        (rows, rows)
    } else {
        // Stage the rows, numbered in file order, then insert the missing ones.
        conn.exec(format!(
            "CREATE TEMP TABLE dbctl_seed_rows (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP; \
             ALTER TABLE dbctl_seed_rows ADD COLUMN dbctl_record BIGINT GENERATED ALWAYS AS IDENTITY"
        ))
        .map_err(|e| pq_failure(f, None, &e))?;
        let rows = conn
            .copy_in(format!("COPY dbctl_seed_rows ({list}) FROM STDIN WITH {options}"), &mut data)
            .map_err(|e| pq_failure(f, at(&e), &e))?;
        conn.exec("SAVEPOINT dbctl_seed_insert").map_err(|e| pq_failure(f, None, &e))?;
        let inserted = match conn.exec(format!(
            "INSERT INTO {table} ({list}) SELECT {list} FROM dbctl_seed_rows ORDER BY dbctl_record \
             ON CONFLICT DO NOTHING"
        )) {
            Ok(n) => n,
            Err(e) => {
                let _ = conn.exec("ROLLBACK TO SAVEPOINT dbctl_seed_insert");
                return Err(pg_locate_record(conn, f, &table, cols, e));
            }
        };
        conn.exec("DROP TABLE dbctl_seed_rows").map_err(|e| pq_failure(f, None, &e))?;
        (rows, inserted)
    };
    Ok((rows, inserted, keyed))
}

/// After a staged insert failed: replays the staged rows one by one on the server, inside one
/// exception block, to name the record that fails. Runs only on the failure path.
fn pg_locate_record(
    conn: &mut PqConn,
    f: &SeedFile,
    table: &str,
    cols: &[String],
    first: PqError,
) -> anyhow::Error {
    const TAG: &str = "$dbctl_seed$";
    if cols.iter().any(|c| c.contains(TAG)) {
        return pq_failure(f, None, &first).into();
    }
    let list = cols.iter().map(|c| quote_ident(c)).collect::<Vec<_>>().join(", ");
    let values = cols.iter().map(|c| format!("r.{}", quote_ident(c))).collect::<Vec<_>>().join(", ");
    let block = format!(
        "DO {TAG} DECLARE r record; n bigint := 0; d text; BEGIN \
           FOR r IN SELECT * FROM dbctl_seed_rows ORDER BY dbctl_record LOOP \
             n := r.dbctl_record; \
             INSERT INTO {table} ({list}) VALUES ({values}) ON CONFLICT DO NOTHING; \
           END LOOP; \
         EXCEPTION WHEN OTHERS THEN \
           GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL; \
           RAISE EXCEPTION USING MESSAGE = SQLERRM, DETAIL = d, HINT = 'dbctl-record:' || n, ERRCODE = SQLSTATE; \
         END {TAG}"
    );
    match conn.exec(&block) {
        Err(e) => {
            let record = e.hint.as_deref().and_then(|h| h.strip_prefix("dbctl-record:")).map(str::to_string);
            let e = PqError { hint: None, ..e };
            pq_failure(f, record.map(|r| format!("record {r}")), &e).into()
        }
        Ok(_) => pq_failure(f, None, &first).into(),
    }
}

// ---------------------------------------------------------------- SQLite

fn diesel_failure(f: &SeedFile, at: Option<String>, e: impl std::fmt::Display) -> Failure {
    Failure { file: f.label(), at, message: e.to_string() }
}

/// Runs the files on SQLite in one transaction.
fn run_sqlite(conn: &mut Conn, files: &[SeedFile], opts: &Options) -> Result<Vec<FileReport>> {
    conn.batch("BEGIN IMMEDIATE").context("starting the seed transaction")?;
    let result = sqlite_files(conn, files, opts);
    match &result {
        Ok(_) => conn.commit().context("committing the seed")?,
        Err(_) => conn.rollback(),
    }
    result
}

fn sqlite_files(conn: &mut Conn, files: &[SeedFile], opts: &Options) -> Result<Vec<FileReport>> {
    run_files(conn, files, opts, |conn, f, cols| Ok(sqlite_csv(conn, f, cols, opts)?))
}

/// SQLite allows 32766 bound values per statement; batches stay well below.
const MAX_BATCH_VALUES: usize = 30_000;
const MAX_BATCH_ROWS: usize = 500;

fn sqlite_csv(
    conn: &mut Conn,
    f: &SeedFile,
    cols: &[String],
    opts: &Options,
) -> Result<(u64, u64, bool), Failure> {
    let table = f.quoted_table().expect("csv has a table");
    let Kind::Csv { table: name, .. } = &f.kind else { unreachable!("a CSV file") };
    let literal = crate::db::quote_literal(name);
    let keyed = conn
        .query_int(&format!(
            "SELECT (SELECT count(*) FROM pragma_index_list({literal}) WHERE \"unique\" = 1) \
             + (SELECT count(*) FROM pragma_table_info({literal}) WHERE pk > 0) AS v"
        ))
        .map_err(|e| diesel_failure(f, None, e))?
        > 0;
    let list = cols.iter().map(|c| quote_ident(c)).collect::<Vec<_>>().join(", ");
    let row_sql = format!("({})", vec!["?"; cols.len()].join(", "));
    let per_batch = (MAX_BATCH_VALUES / cols.len()).clamp(1, MAX_BATCH_ROWS);
    let insert = |n: usize| {
        format!(
            "INSERT INTO {table} ({list}) VALUES {} ON CONFLICT DO NOTHING",
            vec![row_sql.as_str(); n].join(", ")
        )
    };
    let full_batch_sql = insert(per_batch);

    let data = open_counting(f, opts)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(data);
    let mut record = csv::StringRecord::new();
    let (mut rows, mut inserted) = (0u64, 0u64);
    let mut batch: Vec<Param> = Vec::with_capacity(per_batch * cols.len());
    let mut lines: Vec<u64> = Vec::with_capacity(per_batch);
    let flush =
        |conn: &mut Conn, batch: &mut Vec<Param>, lines: &mut Vec<u64>, first: u64| -> Result<u64, Failure> {
            let n = lines.len();
            if n == 0 {
                return Ok(0);
            }
            let sql = if n == per_batch { full_batch_sql.clone() } else { insert(n) };
            let result = conn.execute(&sql, batch);
            let done = match result {
                Ok(count) => count as u64,
                Err(batch_error) => {
                    // Find the failing record: one insert per row (the failed statement changed nothing).
                    let single = insert(1);
                    for (i, chunk) in batch.chunks(cols.len()).enumerate() {
                        if let Err(e) = conn.execute(&single, chunk) {
                            let at = format!("line {} (record {})", lines[i], first + i as u64);
                            return Err(diesel_failure(f, Some(at), e));
                        }
                    }
                    return Err(diesel_failure(f, None, batch_error));
                }
            };
            batch.clear();
            lines.clear();
            Ok(done)
        };
    let mut first_of_batch = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let at = e.position().map(|p| format!("line {} (record {})", p.line(), rows + 1));
                return Err(diesel_failure(f, at, e));
            }
        }
        rows += 1;
        if record.len() != cols.len() {
            let line = record.position().map_or(0, |p| p.line());
            return Err(diesel_failure(
                f,
                Some(format!("line {line} (record {rows})")),
                format!("{} fields, but the header names {} columns", record.len(), cols.len()),
            ));
        }
        batch.extend(record.iter().map(|v| Param::OptText((!v.is_empty()).then(|| v.to_string()))));
        lines.push(record.position().map_or(0, |p| p.line()));
        if lines.len() == per_batch {
            inserted += flush(conn, &mut batch, &mut lines, first_of_batch)?;
            first_of_batch = rows + 1;
        }
    }
    inserted += flush(conn, &mut batch, &mut lines, first_of_batch)?;
    Ok((rows, inserted, keyed))
}
