//! A dump in several parts, made by several workers at once (`backup --jobs N`): one snapshot,
//! exported by a coordinator connection that holds it open until every part is made, and imported
//! by each worker (`pg_dump --snapshot`, `SET TRANSACTION SNAPSHOT`), so the parts are one
//! consistent dump. The parts: the pre-data section (the artifact), the rows of each large table
//! on its own, the rows of every other table with the sequences' values and the large objects,
//! and the post-data section (indexes, constraints, triggers). Each is plain SQL a stock `psql`
//! loads, in that order.
//!
//! A table much larger than the others (more than a quarter of one worker's share) is cut into
//! ranges of its file's pages, each a part of its own, so that several workers dump it and
//! several connections load it; PostgreSQL 14 and later read such a range alone (a TID range
//! scan). Those parts are written by dbctl itself: `COPY (SELECT … WHERE ctid …) TO STDOUT` in the
//! same snapshot, framed as pg_dump frames a table's rows (its settings, `COPY … FROM stdin;`, the
//! rows, `\.`, its completion line).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, anyhow};

use crate::db::libpq::PqConn;
use crate::db::pg_tools::{PgTool, Tool};

/// A table at least this large gets a part of its own; the smaller ones share one.
pub const OWN_PART_MIN: u64 = 1 << 20;
/// At most this many tables get a part of their own (part numbers have four digits).
const MAX_OWN_PARTS: usize = 999;
/// At most this many ranges of one table.
const MAX_RANGES: u64 = 64;
/// Bytes a range's thread hands over at a time.
const CHUNK: usize = 256 * 1024;

/// A table cut in ranges: its index among the large tables, and each range's first page and
/// the page after its last (None: to the end).
type Cut = (usize, Vec<(u64, Option<u64>)>);

/// What one worker makes.
#[derive(Debug, Clone, PartialEq)]
pub enum Section {
    PreData,
    /// One table's rows: its name as shown (`public.orders`) and its size.
    Table {
        shown: String,
        size: u64,
    },
    /// The rows of a table in pages `from` up to `to` (to its end when None).
    Range {
        shown: String,
        from: u64,
        to: Option<u64>,
        size: u64,
    },
    /// Every other table's rows, the sequences' values and the large objects.
    Rest,
    PostData,
}

impl Section {
    /// How much it is expected to hold.
    pub fn size(&self) -> Option<u64> {
        match self {
            Section::Table { size, .. } | Section::Range { size, .. } => Some(*size),
            _ => None,
        }
    }

    /// The table whose rows it holds.
    pub fn table(&self) -> Option<&str> {
        match self {
            Section::Table { shown, .. } | Section::Range { shown, .. } => Some(shown),
            _ => None,
        }
    }
}

/// A table with parts of its own.
struct Own {
    /// pg_dump's pattern naming it alone.
    pattern: String,
    /// `public.orders`.
    shown: String,
    /// As pg_dump writes it in `COPY`: `public."Order Items"`.
    quoted: String,
    /// Its columns as COPY lists them (not the dropped or generated ones).
    columns: String,
    size: u64,
    /// Pages of its file when the snapshot was taken.
    pages: u64,
}

/// The snapshot and the parts to make from it.
pub struct Plan {
    /// Holds the exported snapshot (and a share lock on the tables dumped in ranges) until every
    /// part is made.
    _coordinator: PqConn,
    snapshot: String,
    tool: PgTool,
    url: String,
    password: Option<String>,
    /// The URL with its password, for the connections that dump ranges.
    full: String,
    /// The server's encoding, which the ranges are written in (as pg_dump writes by default).
    encoding: String,
    tenant: Option<String>,
    /// The tables with parts of their own, largest first.
    own: Vec<Own>,
    /// The tables cut in ranges: their index in `own`, and the ranges' page bounds.
    ranges: Vec<Cut>,
    /// Set when the backup fails: the ranges being dumped stop.
    stop: Arc<AtomicBool>,
}

/// A pg_dump pattern naming exactly one table: both names quoted, so no character is a wildcard.
fn exact_pattern(schema: &str, table: &str) -> String {
    format!("\"{}\".\"{}\"", schema.replace('"', "\"\""), table.replace('"', "\"\""))
}

impl Plan {
    /// Connects to `url` (as `full`, with dbctl's defaults and its password), exports a snapshot
    /// and lists the tables to dump on their own, cutting the largest for `jobs` workers.
    pub fn open(
        full: &str,
        tool: PgTool,
        url: String,
        password: Option<String>,
        tenant: Option<String>,
        jobs: u32,
    ) -> Result<Self> {
        let mut conn = PqConn::connect(full).context("connecting to export the dump's snapshot")?;
        conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .map_err(|e| anyhow!("starting the snapshot's transaction: {e}"))?;
        let snapshot = conn
            .scalar("SELECT pg_export_snapshot()")
            .map_err(|e| anyhow!("exporting a snapshot for the parallel dump: {e}"))?
            .ok_or_else(|| anyhow!("the server exported no snapshot"))?;
        if !snapshot.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
            anyhow::bail!(
                "the server's snapshot id `{}` is not one",
                crate::text::escape_controls(&snapshot)
            );
        }
        let encoding = conn
            .scalar("SELECT current_setting('server_encoding')")
            .map_err(|e| anyhow!("reading the server's encoding: {e}"))?
            .unwrap_or_else(|| "UTF8".into());
        if !encoding.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            anyhow::bail!("the server's encoding `{}` is not one", crate::text::escape_controls(&encoding));
        }
        let major: u32 = conn
            .scalar("SELECT current_setting('server_version_num')")
            .ok()
            .flatten()
            .and_then(|v| v.parse::<u32>().ok())
            .map_or(0, |n| n / 10000);
        let tenant_filter = match &tenant {
            Some(t) => format!("AND n.nspname = {}", crate::db::quote_literal(t)),
            None => String::new(),
        };
        let sql = format!(
            "SELECT n.nspname, c.relname, pg_table_size(c.oid)::text, \
             quote_ident(n.nspname) || '.' || quote_ident(c.relname), \
             (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a \
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''), \
             (pg_relation_size(c.oid) / current_setting('block_size')::bigint)::text \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' \
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass \
                             AND d.objid = c.oid AND d.deptype = 'e') \
             AND pg_table_size(c.oid) >= {OWN_PART_MIN} {tenant_filter} \
             ORDER BY pg_table_size(c.oid) DESC, 1, 2 LIMIT {MAX_OWN_PARTS}"
        );
        let mut own = Vec::new();
        conn.query_each(&sql, &[], &mut |_, row| {
            if let [Some(schema), Some(table), Some(size), Some(quoted), columns, Some(pages)] =
                row.as_slice()
            {
                own.push(Own {
                    pattern: exact_pattern(schema, table),
                    shown: format!("{schema}.{table}"),
                    quoted: quoted.clone(),
                    columns: columns.clone().unwrap_or_default(),
                    size: size.parse().unwrap_or(0),
                    pages: pages.parse().unwrap_or(0),
                });
            }
            true
        })
        .map_err(|e| anyhow!("listing the tables to dump: {e}"))?;
        let sizes: Vec<(u64, u64)> = own.iter().map(|t| (t.size, t.pages)).collect();
        let ranges = if major >= 14 { cut(&sizes, jobs) } else { Vec::new() };
        // The tables dumped in ranges stay as they are until the last range is read (pg_dump
        // takes the same lock on the tables it dumps).
        for (i, _) in &ranges {
            conn.exec(format!("LOCK TABLE ONLY {} IN ACCESS SHARE MODE", own[*i].quoted))
                .map_err(|e| anyhow!("locking {} for the parallel dump: {e}", own[*i].shown))?;
        }
        Ok(Plan {
            _coordinator: conn,
            snapshot,
            tool,
            url,
            password,
            full: full.to_string(),
            encoding,
            tenant,
            own,
            ranges,
            stop: Arc::default(),
        })
    }

    /// Stops the ranges being dumped (a part failed: the backup is given up).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// The sections in the order they are best made in: the largest first, so that the small
    /// parts fill the gaps at the end.
    pub fn sections(&self) -> Vec<Section> {
        let mut all: Vec<Section> = Vec::new();
        for (i, t) in self.own.iter().enumerate() {
            match self.ranges.iter().find(|(r, _)| *r == i) {
                Some((_, bounds)) => {
                    let size = t.size / bounds.len() as u64;
                    all.extend(bounds.iter().map(|&(from, to)| Section::Range {
                        shown: t.shown.clone(),
                        from,
                        to,
                        size,
                    }));
                }
                None => all.push(Section::Table { shown: t.shown.clone(), size: t.size }),
            }
        }
        all.sort_by_key(|s| std::cmp::Reverse(s.size().unwrap_or(0)));
        all.extend([Section::Rest, Section::PreData, Section::PostData]);
        all
    }

    fn table(&self, shown: &str) -> &Own {
        self.own.iter().find(|t| t.shown == shown).expect("a table of the plan")
    }

    /// Starts what makes `section`: a pg_dump, or (a range) a connection copying its rows.
    pub fn start(&self, section: &Section) -> Result<Started> {
        if let Section::Range { shown, from, to, .. } = section {
            return Ok(Started::Stream(Box::new(self.range(self.table(shown), *from, *to)?)));
        }
        let mut cmd = std::process::Command::new(&self.tool.path);
        cmd.arg("--no-password")
            .arg(format!("--dbname={}", self.url))
            .arg("--format=plain")
            .arg(format!("--snapshot={}", self.snapshot));
        if let Some(s) = &self.tenant {
            cmd.arg(format!("--schema=\"{}\"", s.replace('"', "\"\"")));
        }
        match section {
            Section::PreData => {
                // The large objects come whole with the other tables' rows (a data-only dump
                // makes them too: in both, they would be made twice).
                cmd.args(["--section=pre-data", "--no-blobs"]);
            }
            Section::PostData => {
                cmd.arg("--section=post-data");
            }
            Section::Table { shown, .. } => {
                cmd.arg("--data-only").arg(format!("--table={}", self.table(shown).pattern));
            }
            Section::Rest => {
                cmd.arg("--data-only");
                for t in &self.own {
                    cmd.arg(format!("--exclude-table-data={}", t.pattern));
                }
            }
            Section::Range { .. } => unreachable!("handled above"),
        }
        Ok(Started::Child(Tool::spawn(cmd, self.password.as_deref(), &self.tool.path, false, true)?))
    }

    /// The rows of `t` in pages `from`..`to`, read by a connection of their own in the dump's
    /// snapshot, as SQL text framed as pg_dump frames a table's rows.
    fn range(&self, t: &Own, from: u64, to: Option<u64>) -> Result<CopyStream> {
        let mut conn = PqConn::connect(&self.full).context("connecting to dump a range of a table")?;
        let setup = format!(
            "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT '{}'; \
             SET client_encoding = '{}'; SET DateStyle = ISO; SET IntervalStyle = postgres; \
             SET extra_float_digits = 3; SET row_security = off; SET statement_timeout = 0; \
             SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0",
            self.snapshot, self.encoding
        );
        conn.exec(&setup).map_err(|e| anyhow!("joining the dump's snapshot: {e}"))?;
        let bound = match to {
            Some(to) => format!(" AND ctid < '({to},0)'::tid"),
            None => String::new(),
        };
        let copy = format!(
            "COPY (SELECT {} FROM ONLY {} WHERE ctid >= '({from},0)'::tid{bound}) TO STDOUT",
            t.columns, t.quoted
        );
        let head = format!(
            "--\n-- dbctl: the rows of {} in pages {from} to {}, from the dump's snapshot\n--\n\n\
             SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET idle_in_transaction_session_timeout = 0;\n\
             SET client_encoding = '{}';\nSET standard_conforming_strings = on;\n\
             SELECT pg_catalog.set_config('search_path', '', false);\nSET check_function_bodies = false;\n\
             SET xmloption = content;\nSET client_min_messages = warning;\nSET row_security = off;\n\n\
             COPY {} ({}) FROM stdin;\n",
            crate::text::escape_controls(&t.shown),
            to.map_or("its end".to_string(), |t| t.saturating_sub(1).to_string()),
            self.encoding,
            t.quoted,
            t.columns
        );
        let tail = "\\.\n\n\n--\n-- PostgreSQL database dump complete\n--\n\n";
        let stop = self.stop.clone();
        Ok(CopyStream::start(move |send| {
            send(head.into_bytes())?;
            let mut chunk = Vec::with_capacity(CHUNK);
            conn.copy_out(&copy, &mut |row| {
                if stop.load(Ordering::SeqCst) || crate::sys::signals::received().is_some() {
                    return Err(std::io::Error::other("stopped"));
                }
                chunk.extend_from_slice(row);
                if chunk.len() >= CHUNK {
                    send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))?;
                }
                Ok(())
            })
            .map_err(|e| std::io::Error::other(format!("copying the rows: {e}")))?;
            if !chunk.is_empty() {
                send(chunk)?;
            }
            send(tail.as_bytes().to_vec())?;
            let _ = conn.exec("COMMIT");
            Ok(())
        }))
    }
}

/// The page ranges of the tables worth cutting, from their (bytes, pages): a table larger than a
/// quarter of one worker's share of all the large tables' bytes, in pieces of about that size
/// (at most [`MAX_RANGES`], never more than its pages).
fn cut(tables: &[(u64, u64)], jobs: u32) -> Vec<Cut> {
    if jobs < 2 {
        return Vec::new();
    }
    let total: u64 = tables.iter().map(|(size, _)| size).sum();
    let piece = (total / (u64::from(jobs) * 4)).max(OWN_PART_MIN);
    let mut out = Vec::new();
    for (i, &(size, pages)) in tables.iter().enumerate() {
        let n = size.div_ceil(piece).min(MAX_RANGES).min(pages);
        if n < 2 {
            continue;
        }
        let bounds = (0..n).map(|k| (pages * k / n, (k + 1 < n).then(|| pages * (k + 1) / n))).collect();
        out.push((i, bounds));
    }
    out
}

/// What [`Plan::start`] started.
pub enum Started {
    Child(Tool),
    Stream(Box<dyn std::io::Read + Send>),
}

/// The text a thread writes, read as a stream: the thread's failure is the reader's error, and a
/// thread that ends without saying it finished is one too (a stream cut short never reads as a
/// clean end).
pub struct CopyStream {
    rx: std::sync::mpsc::Receiver<std::io::Result<Option<Vec<u8>>>>,
    buf: Vec<u8>,
    at: usize,
    done: bool,
}

impl CopyStream {
    fn start(
        work: impl FnOnce(&mut dyn FnMut(Vec<u8>) -> std::io::Result<()>) -> std::io::Result<()> + Send + 'static,
    ) -> Self {
        let (tx, rx) = std::sync::mpsc::sync_channel(8);
        std::thread::spawn(move || {
            let mut send = |bytes: Vec<u8>| {
                tx.send(Ok(Some(bytes))).map_err(|_| std::io::Error::other("the reader is gone"))
            };
            let end = match work(&mut send) {
                Ok(()) => Ok(None),
                Err(e) => Err(e),
            };
            let _ = tx.send(end);
        });
        CopyStream { rx, buf: Vec::new(), at: 0, done: false }
    }
}

impl std::io::Read for CopyStream {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.buf.len() {
            if self.done {
                return Ok(0);
            }
            match self.rx.recv() {
                Ok(Ok(Some(bytes))) => {
                    self.buf = bytes;
                    self.at = 0;
                }
                Ok(Ok(None)) => self.done = true,
                Ok(Err(e)) => return Err(e),
                Err(_) => return Err(std::io::Error::other("the range's thread ended without finishing")),
            }
        }
        let n = out.len().min(self.buf.len() - self.at);
        out[..n].copy_from_slice(&self.buf[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_pattern_names_one_table_whatever_its_characters() {
        assert_eq!(exact_pattern("public", "orders"), "\"public\".\"orders\"");
        assert_eq!(exact_pattern("a\"b", "x*?.y"), "\"a\"\"b\".\"x*?.y\"");
    }

    #[test]
    fn only_the_tables_that_outweigh_a_workers_share_are_cut() {
        const M: u64 = 1 << 20;
        // 100 MiB, 10 MiB and 2 MiB with 2 workers: pieces of 14 MiB; the largest in 8 ranges.
        let cuts = cut(&[(100 * M, 12800), (10 * M, 1280), (2 * M, 256)], 2);
        assert_eq!(cuts.len(), 1, "{cuts:?}");
        let (i, bounds) = &cuts[0];
        assert_eq!((*i, bounds.len()), (0, 8));
        assert_eq!(bounds[0], (0, Some(1600)));
        assert_eq!(bounds[7], (11200, None), "the last range runs to the end");
        assert!(bounds.windows(2).all(|w| w[0].1 == Some(w[1].0)), "no gap, no overlap");
        assert!(cut(&[(100 * M, 12800)], 1).is_empty(), "one worker cuts nothing");
        assert!(cut(&[(100 * M, 1)], 4).is_empty(), "never more ranges than pages");
    }

    #[test]
    fn a_stream_cut_short_is_an_error_not_an_end() {
        let mut ok = CopyStream::start(|send| send(b"abc".to_vec()));
        let mut text = String::new();
        ok.read_to_string(&mut text).unwrap();
        assert_eq!(text, "abc");
        let mut failed = CopyStream::start(|send| {
            send(b"partial".to_vec())?;
            Err(std::io::Error::other("the server went away"))
        });
        let mut text = String::new();
        let e = failed.read_to_string(&mut text).unwrap_err();
        assert!(e.to_string().contains("went away"), "{e}");
    }
}
