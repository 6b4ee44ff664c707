//! The tables in a plain SQL dump, read as the stream goes by: each `COPY <table> (…) FROM stdin;`
//! block's rows and bytes. Backups record them in the manifest; restore shows them (`--list`)
//! and compares them with what reached the database (`verify --restore-test`).

use std::collections::BTreeMap;
use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};

/// One table's data in a dump.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableData {
    pub rows: u64,
    /// Bytes of COPY data (text format, as in the dump).
    pub bytes: u64,
}

/// Longest statement line kept while looking for `COPY … FROM stdin;`.
const MAX_COPY_LINE: usize = 1 << 20;

/// Scans a plain dump's text for COPY blocks. Feed it every byte in order with [`observe`].
///
/// [`observe`]: TableScan::observe
#[derive(Debug, Default)]
pub struct TableScan {
    tables: BTreeMap<String, TableData>,
    /// The table whose data is being read, when inside a COPY block, and its counts so far
    /// (added to `tables` when the block ends, not looked up per line).
    copying: Option<(String, TableData)>,
    /// Outside a block: the current line while it may be a COPY statement. Inside: the current
    /// line's first bytes, enough to recognise the `\.` that ends the block.
    line: Vec<u8>,
    /// The current line was already ruled out (outside a block).
    skip_line: bool,
}

impl TableScan {
    pub fn observe(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            let (chunk, ended) = match memchr::memchr(b'\n', data) {
                Some(i) => (&data[..i], true),
                None => (data, false),
            };
            if self.copying.is_some() {
                if self.line.len() < 3 {
                    let take = (3 - self.line.len()).min(chunk.len());
                    self.line.extend_from_slice(&chunk[..take]);
                }
                let (_, entry) = self.copying.as_mut().expect("copying");
                entry.bytes += chunk.len() as u64 + u64::from(ended);
                if ended {
                    if self.line == b"\\." {
                        entry.bytes -= 3;
                        self.end_block();
                    } else {
                        entry.rows += 1;
                    }
                    self.line.clear();
                }
            } else {
                if !self.skip_line {
                    self.line.extend_from_slice(chunk);
                    let prefix_ok = b"COPY ".starts_with(&self.line[..self.line.len().min(5)]);
                    if !prefix_ok || self.line.len() > MAX_COPY_LINE {
                        self.skip_line = true;
                        self.line.clear();
                    }
                }
                if ended {
                    if !self.skip_line
                        && let Some(name) = copy_target(&self.line)
                    {
                        self.tables.entry(name.clone()).or_default();
                        self.copying = Some((name, TableData::default()));
                    }
                    self.line.clear();
                    self.skip_line = false;
                }
            }
            data = &data[chunk.len() + usize::from(ended)..];
        }
    }

    /// Adds the block being read to its table.
    fn end_block(&mut self) {
        if let Some((name, data)) = self.copying.take() {
            let entry = self.tables.entry(name).or_default();
            entry.rows += data.rows;
            entry.bytes += data.bytes;
        }
    }

    /// Tables by their qualified name as the dump writes it (`public.orders`), with rows and
    /// bytes (a block cut off by the end of the dump counts what was read of it).
    pub fn into_tables(mut self) -> BTreeMap<String, TableData> {
        self.end_block();
        self.tables
    }
}

/// `public."Order Items"` from `COPY public."Order Items" (id, …) FROM stdin;`.
fn copy_target(line: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(line).ok()?.trim_end_matches('\r');
    let rest = text.strip_prefix("COPY ")?;
    if !text.ends_with(" FROM stdin;") {
        return None;
    }
    let mut quoted = false;
    let end = rest
        .char_indices()
        .find(|&(_, c)| {
            if c == '"' {
                quoted = !quoted;
            }
            !quoted && (c == ' ' || c == '(')
        })
        .map_or(rest.len(), |(i, _)| i);
    (end > 0).then(|| rest[..end].to_string())
}

/// Rows per table of a SQLite database (bytes are not known there: 0).
pub fn sqlite_counts(conn: &mut crate::db::Conn) -> anyhow::Result<BTreeMap<String, TableData>> {
    let names = conn.query_texts(
        "SELECT name AS v FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
         ORDER BY 1",
        &[],
    )?;
    let mut out = BTreeMap::new();
    for name in names {
        let rows = conn.query_int(&format!("SELECT count(*) AS v FROM {}", crate::db::quote_ident(&name)))?;
        out.insert(name, TableData { rows: rows as u64, bytes: 0 });
    }
    Ok(out)
}

/// A reader that scans what passes through it.
pub struct Scanning<'a, R> {
    pub inner: R,
    pub scan: &'a mut dyn Observe,
}

/// What watches a stream as it passes: the table scan of a dump, the tar watch of a base backup.
pub trait Observe {
    fn observe(&mut self, data: &[u8]);
}

impl Observe for TableScan {
    fn observe(&mut self, data: &[u8]) {
        TableScan::observe(self, data)
    }
}

impl Observe for super::basebackup::TarWatch {
    fn observe(&mut self, data: &[u8]) {
        super::basebackup::TarWatch::observe(self, data)
    }
}

impl<R: Read> Read for Scanning<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan.observe(&buf[..n]);
        Ok(n)
    }
}

/// A writer that scans what passes through it.
pub struct ScanningWriter<'a, W> {
    pub inner: W,
    pub scan: &'a mut TableScan,
}

impl<W: Write> Write for ScanningWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.scan.observe(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUMP: &str = "SET x = 1;\n\
        CREATE TABLE public.t (id int);\n\
        COPY public.t (id, note) FROM stdin;\n1\tone\n2\t\\N\n\\.\n\n\
        COPY public.\"Order Items\" (id) FROM stdin;\n\\.\n\
        -- COPY public.fake (id) FROM stdin;\n\
        COPY public.big FROM stdin;\n\\.x\n3\n\\.\n\
        SELECT 'COPY public.no (id) FROM stdin;';\n";

    #[test]
    fn copy_blocks_are_counted_whatever_the_chunking() {
        for size in [1, 2, 3, 7, 64, DUMP.len()] {
            let mut scan = TableScan::default();
            for chunk in DUMP.as_bytes().chunks(size) {
                scan.observe(chunk);
            }
            let t = scan.into_tables();
            assert_eq!(t.keys().collect::<Vec<_>>(), ["public.\"Order Items\"", "public.big", "public.t"]);
            assert_eq!(t["public.t"], TableData { rows: 2, bytes: 11 }, "chunk size {size}");
            assert_eq!(t["public.\"Order Items\""], TableData { rows: 0, bytes: 0 });
            assert_eq!(t["public.big"].rows, 2, "a line starting with \\. is data unless it is exactly \\.");
        }
    }

    #[test]
    fn the_target_of_a_copy_statement() {
        assert_eq!(copy_target(b"COPY a.b (x) FROM stdin;").as_deref(), Some("a.b"));
        assert_eq!(
            copy_target(b"COPY \"we ird\".\"t(1)\" (x) FROM stdin;").as_deref(),
            Some("\"we ird\".\"t(1)\"")
        );
        assert_eq!(copy_target(b"COPY a.b TO stdout;"), None);
    }
}
