//! Loading a plain SQL dump into PostgreSQL through libpq, statement by statement, COPY data
//! streamed straight from the decoder: no psql, so nothing in a backup runs on this host.
//!
//! A dump is read as SQL and nothing else. Between statements, a line starting with a backslash is
//! a psql meta-command (`\!`, `\o`, `\copy`, `\connect`, `\i`, …): the file is refused with the
//! line's number. pg_dump's own `\restrict` and `\unrestrict` lines, which only fence psql, are
//! skipped. A backslash inside a statement goes to the server as SQL, which never runs it.
//!
//! Nothing in the file may end the caller's transaction: `BEGIN`, `START TRANSACTION`, `COMMIT`
//! and `END` (pg_dump brackets large objects with them) are skipped; `ROLLBACK`, `ABORT` and
//! `PREPARE TRANSACTION` are refused. `COPY` is accepted only `FROM stdin`: copies from or to
//! files and programs would run on the database server, and pg_dump never writes them.

use std::io::{self, BufRead, Read};

use crate::db::libpq::{PqConn, PqError};
use crate::db::sql::{Piece, split_bytes};

/// PostgreSQL's limit on a query string; a longer "statement" is no dump's.
const MAX_STATEMENT: usize = 1 << 30;

/// Why a load stopped.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Reading the backup failed (damaged, truncated, wrong key) or a signal came.
    #[error(transparent)]
    Read(#[from] anyhow::Error),
    /// The dump holds something that is not a dump's.
    #[error("line {line}: {what}")]
    Refused { line: usize, what: String },
    /// The server refused a statement.
    #[error("line {line}: {message}")]
    Server { line: usize, message: String },
}

/// Reads the dump line by line, numbering the lines and showing each to `observe`.
struct Lines<'a> {
    reader: &'a mut dyn BufRead,
    number: usize,
    bytes: u64,
    observe: &'a mut dyn FnMut(&[u8]),
}

impl Lines<'_> {
    /// The next line with its newline, into `line` (cleared first); false at the end.
    fn next(&mut self, line: &mut Vec<u8>) -> Result<bool, LoadError> {
        line.clear();
        if let Some(sig) = crate::sys::signals::received() {
            return Err(LoadError::Read(crate::sys::signals::Interrupted(sig).into()));
        }
        // One byte over the limit is enough to know a line is too long.
        let n = (&mut *self.reader)
            .take(MAX_STATEMENT as u64 + 1)
            .read_until(b'\n', line)
            .map_err(|e| LoadError::Read(e.into()))?;
        if n == 0 {
            return Ok(false);
        }
        if line.len() > MAX_STATEMENT {
            return Err(LoadError::Refused {
                line: self.number + 1,
                what: "a line longer than PostgreSQL's 1 GiB limit on a statement".into(),
            });
        }
        self.number += 1;
        self.bytes += n as u64;
        (self.observe)(line);
        Ok(true)
    }
}

/// What a statement of the dump is, for the loader.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Sql,
    CopyIn,
    Skip,
    Refuse(&'static str),
}

/// The first words of a statement, upper-cased, comments skipped (nested ones as PostgreSQL
/// nests them).
fn first_words(sql: &[u8], n: usize) -> Vec<Vec<u8>> {
    tokens(sql)
        .into_iter()
        .map_while(|t| match t {
            Tok::Word(w) => Some(w),
            _ => None,
        })
        .take(n)
        .collect()
}

/// A token of a statement, comments left out.
#[derive(Debug, PartialEq, Eq)]
enum Tok {
    /// A key word or plain identifier, upper-cased.
    Word(Vec<u8>),
    /// A "quoted identifier".
    Ident,
    /// A string constant ('…', E'…', $tag$…$tag$).
    Str,
    /// Anything else, one byte at a time.
    Punct(u8),
}

/// The statement's tokens, from the one scanner ([`crate::db::sql::lex`]): comments left out,
/// what strings and quoted names hold never counting as words.
fn tokens(sql: &[u8]) -> Vec<Tok> {
    use crate::db::sql::LexKind;
    crate::db::sql::lex(sql)
        .into_iter()
        .map(|l| match l.kind {
            LexKind::Word | LexKind::Number => Tok::Word(l.text.to_ascii_uppercase().into_bytes()),
            LexKind::Quoted => Tok::Ident,
            LexKind::Str | LexKind::EscapeStr | LexKind::DollarStr => Tok::Str,
            LexKind::Punct => Tok::Punct(l.text.as_bytes()[0]),
        })
        .collect()
}

/// `COPY name[.name] [(column, …)] FROM STDIN …`, exactly: what pg_dump writes, and nothing that
/// reads a file or runs a program (whatever comments or strings say).
fn is_copy_from_stdin(toks: &[Tok]) -> bool {
    let name = |t: Option<&Tok>| matches!(t, Some(Tok::Word(_) | Tok::Ident));
    let mut i = 0;
    if toks.first() != Some(&Tok::Word(b"COPY".to_vec())) {
        return false;
    }
    i += 1;
    if !name(toks.get(i)) {
        return false;
    }
    i += 1;
    while toks.get(i) == Some(&Tok::Punct(b'.')) {
        if !name(toks.get(i + 1)) {
            return false;
        }
        i += 2;
    }
    if toks.get(i) == Some(&Tok::Punct(b'(')) {
        i += 1;
        loop {
            if !name(toks.get(i)) {
                return false;
            }
            i += 1;
            match toks.get(i) {
                Some(Tok::Punct(b',')) => i += 1,
                Some(Tok::Punct(b')')) => {
                    i += 1;
                    break;
                }
                _ => return false,
            }
        }
    }
    toks.get(i) == Some(&Tok::Word(b"FROM".to_vec()))
        && toks.get(i + 1) == Some(&Tok::Word(b"STDIN".to_vec()))
}

fn classify(sql: &[u8]) -> Kind {
    // The splitter reads strings as PostgreSQL does with standard_conforming_strings on, which
    // is all pg_dump ever sets; a dump that would turn it off (by SET or set_config) is refused.
    if memchr::memmem::find(&sql.to_ascii_lowercase(), b"standard_conforming_strings").is_some()
        && !is_conforming_strings_on(sql)
    {
        return Kind::Refuse(
            "the dump changes standard_conforming_strings, which pg_dump only ever sets on; dbctl reads strings \
             that way",
        );
    }
    let words = first_words(sql, 3);
    let word = |i: usize| words.get(i).map_or(&b""[..], |w| w.as_slice());
    match word(0) {
        b"BEGIN" | b"COMMIT" | b"END" => Kind::Skip,
        b"START" if word(1) == b"TRANSACTION" => Kind::Skip,
        b"ROLLBACK" if word(1) == b"TO" => Kind::Sql,
        b"ROLLBACK" | b"ABORT" => Kind::Refuse("the dump rolls back a transaction, which only dbctl ends"),
        b"PREPARE" if word(1) == b"TRANSACTION" => {
            Kind::Refuse("the dump prepares a transaction for two-phase commit, which would end dbctl's")
        }
        b"COPY" => {
            if is_copy_from_stdin(&tokens(sql)) {
                Kind::CopyIn
            } else {
                Kind::Refuse(
                    "COPY other than `COPY table [(columns)] FROM stdin` reads or writes files or programs on the \
                     database server",
                )
            }
        }
        _ => Kind::Sql,
    }
}

/// Whether `sql` is pg_dump's own `SET standard_conforming_strings = on;` (or `TO on`, quoted or
/// not, any case), and nothing else.
fn is_conforming_strings_on(sql: &[u8]) -> bool {
    let text = String::from_utf8_lossy(sql).to_ascii_lowercase();
    let words: Vec<&str> = text
        .trim()
        .trim_end_matches(';')
        .split(|c: char| c.is_ascii_whitespace() || c == '=')
        .filter(|w| !w.is_empty())
        .collect();
    matches!(words.as_slice(), ["set", "standard_conforming_strings", v] | ["set", "standard_conforming_strings", "to", v]
        if matches!(*v, "on" | "'on'" | "true" | "'true'"))
}

/// The settings of the target server, upper-cased: a dump's `SET name = …` for a setting the
/// target does not know (pg_dump 17's `transaction_timeout` in a PostgreSQL 16) is left out.
#[derive(Debug, Default)]
pub struct TargetSettings {
    pub known: std::collections::HashSet<Vec<u8>>,
    /// Those left out, in the order met.
    pub skipped: Vec<String>,
    /// Ownership and privileges changed on the way in (`--no-owner`, `--no-acl`, `--role-map`).
    pub ownership: super::roles::Ownership,
}

impl TargetSettings {
    /// The settings the server of `conn` knows (none when it does not say: nothing is left out),
    /// with the ownership changes to make.
    pub fn of(conn: &mut PqConn, ownership: &super::roles::Ownership) -> Self {
        let mut known = TargetSettings { ownership: ownership.clone(), ..Default::default() };
        if let Ok(Some(names)) = conn.scalar("SELECT string_agg(upper(name), ',') FROM pg_settings") {
            known.known = names.split(',').map(|n| n.as_bytes().to_vec()).collect();
        }
        known
    }

    /// Whether `sql` is `SET <setting> …` (not SET ROLE, SET SESSION …) of an unknown setting.
    fn unknown(&mut self, sql: &[u8]) -> bool {
        if self.known.is_empty() {
            return false;
        }
        let words = first_words(sql, 2);
        let [set, name] = words.as_slice() else { return false };
        if set.as_slice() != b"SET"
            || matches!(
                name.as_slice(),
                b"SESSION"
                    | b"LOCAL"
                    | b"TIME"
                    | b"ROLE"
                    | b"TRANSACTION"
                    | b"CONSTRAINTS"
                    | b"NAMES"
                    | b"SCHEMA"
                    | b"XML"
            )
            || self.known.contains(name)
        {
            return false;
        }
        let name = String::from_utf8_lossy(name).to_ascii_lowercase();
        if !self.skipped.contains(&name) {
            self.skipped.push(name);
        }
        true
    }
}

/// Runs the dump's statements on `conn`, inside the transaction the caller opened and ends.
/// Returns the bytes read.
pub fn load(
    conn: &mut PqConn,
    reader: &mut dyn BufRead,
    observe: &mut dyn FnMut(&[u8]),
    settings: &mut TargetSettings,
) -> Result<u64, LoadError> {
    let mut lines = Lines { reader, number: 0, bytes: 0, observe };
    let mut line = Vec::new();
    let mut stmt: Vec<u8> = Vec::new();
    let mut stmt_line = 0;
    while lines.next(&mut line)? {
        if stmt.is_empty() {
            let text = line.trim_ascii();
            if text.is_empty() || text.starts_with(b"--") {
                continue;
            }
            if text.starts_with(b"\\") {
                let command = text.split(|c| c.is_ascii_whitespace()).next().unwrap_or_default();
                if command == b"\\restrict" || command == b"\\unrestrict" {
                    continue;
                }
                return Err(LoadError::Refused {
                    line: lines.number,
                    what: format!(
                        "`{}` is a psql meta-command, and dbctl runs only SQL from a backup",
                        String::from_utf8_lossy(command)
                    ),
                });
            }
            stmt_line = lines.number;
        }
        if stmt.len() + line.len() > MAX_STATEMENT {
            return Err(LoadError::Refused {
                line: stmt_line,
                what: "a statement longer than PostgreSQL's 1 GiB limit".into(),
            });
        }
        stmt.extend_from_slice(&line);
        if !line.contains(&b';') {
            continue;
        }
        let pieces = split_bytes(&stmt);
        if pieces.last().is_some_and(|p| !p.terminated) {
            continue;
        }
        let count = pieces.len();
        for (i, piece) in pieces.into_iter().enumerate() {
            run(conn, &stmt, &piece, stmt_line, i + 1 == count, &mut lines, settings)?;
        }
        stmt.clear();
    }
    if !stmt.trim_ascii().is_empty() {
        // The last statement has no semicolon: psql would run it; so does dbctl.
        for piece in split_bytes(&stmt) {
            run(conn, &stmt, &piece, stmt_line, false, &mut lines, settings)?;
        }
    }
    Ok(lines.bytes)
}

/// Runs one statement that starts at line `first` of the dump (its buffer's first line).
fn run(
    conn: &mut PqConn,
    buffer: &[u8],
    piece: &Piece,
    first: usize,
    ends_buffer: bool,
    lines: &mut Lines,
    settings: &mut TargetSettings,
) -> Result<(), LoadError> {
    let sql = &buffer[piece.range.clone()];
    if settings.unknown(sql) {
        return Ok(());
    }
    let sql = match settings.ownership.apply(sql) {
        super::roles::Action::Skip => return Ok(()),
        super::roles::Action::Run(sql) => sql,
    };
    let sql: &[u8] = &sql;
    let line = first + piece.line - 1;
    let outcome = match run_classified(conn, sql, piece, first, line, ends_buffer, lines) {
        // A server that went away mid-restore: said as such, not as the statement's fault.
        Err(LoadError::Server { line, message }) if !conn.is_ok() => Err(LoadError::Server {
            line,
            message: format!(
                "the connection to the server was lost ({}); the server rolls back what the restore did",
                message.trim()
            ),
        }),
        other => other,
    };
    // Whatever the statement was, dbctl's transaction must still be open after it: a dump
    // that ended it (or failed it) stops here.
    if outcome.is_ok() && !conn.in_open_transaction() {
        return Err(LoadError::Refused {
            line,
            what: "the statement ended the restore's transaction, which only dbctl ends".into(),
        });
    }
    outcome
}

/// Runs one statement as its kind says: SQL through the extended protocol (one statement at
/// most, whatever the splitter concluded), COPY FROM STDIN with its data.
fn run_classified(
    conn: &mut PqConn,
    sql: &[u8],
    piece: &Piece,
    first: usize,
    line: usize,
    ends_buffer: bool,
    lines: &mut Lines,
) -> Result<(), LoadError> {
    let server = |e: PqError, at: usize| LoadError::Server { line: at, message: e.to_string() };
    match classify(sql) {
        Kind::Skip => Ok(()),
        Kind::Refuse(what) => Err(LoadError::Refused { line, what: what.into() }),
        Kind::Sql => conn.exec_one(sql).map(drop).map_err(|e| {
            let at = e.position.map_or(line, |p| {
                let upto = String::from_utf8_lossy(&sql[..p.saturating_sub(1).min(sql.len())]).into_owned();
                first + piece.start_line - 1 + upto.matches('\n').count()
            });
            server(e, at.max(line))
        }),
        Kind::CopyIn if !ends_buffer => Err(LoadError::Refused {
            line,
            what: "COPY FROM stdin must end its line, with its data on the lines after it".into(),
        }),
        Kind::CopyIn => {
            let copy_line = lines.number;
            let mut data =
                CopyData { lines, line: Vec::new(), pos: 0, at_line_start: true, ended: false, failed: None };
            let copied = conn.copy_in(sql, &mut data);
            let (ended, failed) = (data.ended, data.failed.take());
            if let Some(e) = failed {
                return Err(e);
            }
            copied.map_err(|e| {
                let at = e.copy_line().map_or(line, |l| copy_line + l);
                server(e, at)
            })?;
            if !ended {
                return Err(LoadError::Read(anyhow::anyhow!(
                    "the dump ends inside the COPY data that starts at line {copy_line} (it is truncated)"
                )));
            }
            Ok(())
        }
    }
}

/// The data lines of a COPY, up to the `\.` line, which ends them. Data moves in whole chunks
/// of the reader's buffer: only the end marker is looked for (a `\.` that starts a line);
/// a line cut by the buffer's edge where the marker could be is read on its own.
struct CopyData<'a, 'b> {
    lines: &'a mut Lines<'b>,
    /// A line read on its own, and how much of it was given out.
    line: Vec<u8>,
    pos: usize,
    /// Whether the next byte starts a line.
    at_line_start: bool,
    ended: bool,
    /// A read error, kept to be reported as itself rather than as the server's abort.
    failed: Option<LoadError>,
}

/// Where the end marker `\.` (alone on its line) is in `data`, whose first byte starts a line when
/// `at_line_start`: `Ok(Some((at, len)))` found; `Ok(None)` none; `Err(at)` a line at `at` could
/// be the marker but is cut by the end of `data`.
fn end_marker(data: &[u8], at_line_start: bool) -> Result<Option<(usize, usize)>, usize> {
    for at in memchr::memmem::find_iter(data, b"\\.") {
        let starts_line = if at == 0 { at_line_start } else { data[at - 1] == b'\n' };
        if !starts_line {
            continue;
        }
        match &data[at + 2..] {
            [b'\n', ..] => return Ok(Some((at, 3))),
            [b'\r', b'\n', ..] => return Ok(Some((at, 4))),
            [] | [b'\r'] => return Err(at),
            _ => {}
        }
    }
    Ok(None)
}

impl CopyData<'_, '_> {
    fn fail(&mut self, e: LoadError) -> io::Error {
        self.failed = Some(e);
        io::Error::other("reading the backup failed")
    }

    /// Shows `data` (just taken from the reader) to the observer and counts its lines.
    fn taken(&mut self, data: &[u8]) {
        self.lines.number += memchr::memchr_iter(b'\n', data).count();
        self.lines.bytes += data.len() as u64;
        (self.lines.observe)(data);
        self.at_line_start = data.last() == Some(&b'\n');
    }
}

impl Read for CopyData<'_, '_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.ended || out.is_empty() {
            return Ok(0);
        }
        if self.pos < self.line.len() {
            let n = (self.line.len() - self.pos).min(out.len());
            out[..n].copy_from_slice(&self.line[self.pos..self.pos + n]);
            self.pos += n;
            return Ok(n);
        }
        if let Some(sig) = crate::sys::signals::received() {
            return Err(self.fail(LoadError::Read(crate::sys::signals::Interrupted(sig).into())));
        }
        let avail = match self.lines.reader.fill_buf() {
            Ok(a) => a,
            Err(e) => return Err(self.fail(LoadError::Read(e.into()))),
        };
        if avail.is_empty() {
            return Ok(0);
        }
        let window = avail.len().min(out.len());
        match end_marker(&avail[..window], self.at_line_start) {
            Ok(found) => {
                let (take, marker) = match found {
                    Some((0, len)) => (len, true),
                    Some((at, _)) => (at, false),
                    None => (window, false),
                };
                if marker {
                    let data = avail[..take].to_vec();
                    self.lines.reader.consume(take);
                    self.taken(&data);
                    self.ended = true;
                    return Ok(0);
                }
                out[..take].copy_from_slice(&avail[..take]);
                self.lines.reader.consume(take);
                self.taken(&out[..take]);
                Ok(take)
            }
            Err(0) => {
                // A line that may be the marker, cut by the buffer's edge: read it whole.
                let mut line = std::mem::take(&mut self.line);
                let ok = self.lines.next(&mut line);
                self.line = line;
                self.pos = 0;
                match ok {
                    Ok(true) => {}
                    Ok(false) => return Ok(0),
                    Err(e) => return Err(self.fail(e)),
                }
                self.at_line_start = self.line.last() == Some(&b'\n');
                if matches!(self.line.as_slice(), b"\\.\n" | b"\\.\r\n" | b"\\.") {
                    self.line.clear();
                    self.ended = true;
                    return Ok(0);
                }
                self.read(out)
            }
            Err(at) => {
                out[..at].copy_from_slice(&avail[..at]);
                self.lines.reader.consume(at);
                self.taken(&out[..at]);
                Ok(at)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_of_copy_data_is_found_at_a_line_start_only() {
        assert_eq!(end_marker(b"1\ta\n2\tb\n\\.\nSELECT 1;\n", true), Ok(Some((8, 3))));
        assert_eq!(end_marker(b"\\.\r\n", true), Ok(Some((0, 4))));
        assert_eq!(end_marker(b"x\\.\n", true), Ok(None), "not at a line start");
        assert_eq!(end_marker(b"\\.\n", false), Ok(None), "the chunk starts inside a line");
        assert_eq!(end_marker(b"1\n\\.x\n", true), Ok(None), "data that starts with \\.");
        assert_eq!(end_marker(b"1\n\\.", true), Err(2), "cut by the edge");
    }

    #[test]
    fn copy_is_read_on_tokens_comments_and_strings_left_out() {
        for ok in [
            &b"COPY public.t (a, \"b c\") FROM stdin;"[..],
            b"COPY \"odd \"\"name\" FROM stdin WITH (FORMAT csv)",
            b"/* x */ COPY t FROM STDIN",
        ] {
            assert_eq!(classify(ok), Kind::CopyIn, "{}", String::from_utf8_lossy(ok));
        }
        for bad in [
            &b"COPY t FROM PROGRAM 'touch x' /* FROM stdin */"[..],
            b"COPY t FROM '/etc/passwd' -- FROM stdin",
            b"COPY t FROM PROGRAM $$ FROM stdin $$",
            b"COPY t FROM PROGRAM E'\\' FROM stdin'",
            b"COPY (SELECT 1) TO STDOUT",
            b"COPY t TO STDOUT",
            b"COPY t (a, 'x') FROM stdin",
        ] {
            assert!(matches!(classify(bad), Kind::Refuse(_)), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn a_dump_that_turns_standard_strings_off_is_refused() {
        assert_eq!(classify(b"SET standard_conforming_strings = on;"), Kind::Sql);
        assert_eq!(classify(b"SET standard_conforming_strings TO 'on'"), Kind::Sql);
        for bad in [
            &b"SET standard_conforming_strings = off"[..],
            b"SET LOCAL standard_conforming_strings = off",
            b"SELECT pg_catalog.set_config('standard_conforming_strings', 'off', false)",
            b"SET standard_conforming_strings = on, off",
        ] {
            assert!(matches!(classify(bad), Kind::Refuse(_)), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn statements_are_classified_by_their_first_words() {
        assert_eq!(classify(b"CREATE TABLE t (a int)"), Kind::Sql);
        assert_eq!(classify(b"-- note\nBEGIN"), Kind::Skip);
        assert_eq!(classify(b"commit and chain"), Kind::Skip);
        assert_eq!(classify(b"START TRANSACTION ISOLATION LEVEL SERIALIZABLE"), Kind::Skip);
        assert_eq!(classify(b"/* x */ END"), Kind::Skip);
        assert!(matches!(classify(b"ROLLBACK"), Kind::Refuse(_)));
        assert!(matches!(classify(b"abort"), Kind::Refuse(_)));
        assert_eq!(classify(b"ROLLBACK TO SAVEPOINT a"), Kind::Sql);
        assert!(matches!(classify(b"PREPARE TRANSACTION 'x'"), Kind::Refuse(_)));
        assert_eq!(classify(b"PREPARE q AS SELECT 1"), Kind::Sql);
        assert_eq!(classify(b"COPY public.t (a, b) FROM stdin"), Kind::CopyIn);
        assert!(matches!(classify(b"COPY t FROM PROGRAM 'id'"), Kind::Refuse(_)));
        assert!(matches!(classify(b"COPY t TO '/tmp/x'"), Kind::Refuse(_)));
        assert!(matches!(classify(b"copy (select 1) to stdout"), Kind::Refuse(_)));
    }
}
