//! A dump in several parts (`backup --jobs`): the artifact (its pre-data), each data part, then
//! the post-data part, read as one SQL stream, so that the restore loads them in one transaction
//! as it loads a dump in one piece. Each part is checked against its manifest entry (size and
//! sha256 of the stored bytes, size of the SQL) once read to its end, before the next one is
//! opened: a part changed, truncated or missing fails the restore before its COMMIT.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::Arc;

use crate::backup::manifest::Part;
use crate::backup::unpack::{self, Content, Decoded, Keys};
use crate::storage::Storage;

pub struct Sections {
    /// The artifact's SQL (checked by the restore itself, as any artifact).
    first: Option<Box<dyn Read + Send>>,
    current: Option<(Decoded, Part)>,
    rest: VecDeque<Part>,
    store: Arc<dyn Storage>,
    keys: Keys,
}

impl Sections {
    pub fn new(first: Box<dyn Read + Send>, parts: Vec<Part>, store: Arc<dyn Storage>, keys: Keys) -> Self {
        Sections { first: Some(first), current: None, rest: parts.into(), store, keys }
    }

    /// Checks the part read to its end, and opens the next; false when none is left.
    fn next(&mut self) -> anyhow::Result<bool> {
        if let Some((decoded, part)) = self.current.take() {
            let sum = decoded.finish()?;
            part.check_stored(&sum)?;
        }
        let Some(part) = self.rest.pop_front() else { return Ok(false) };
        let stored = self.store.get(&part.name)?;
        let decoded = unpack::open(stored, &mut self.keys, false, Some(part.uncompressed_bytes))
            .map_err(|e| e.context(format!("opening the part {}", part.name)))?;
        if decoded.content != Content::PlainSql {
            anyhow::bail!(
                "the part {} is not SQL text, as every part of a dump in several parts is",
                part.name
            );
        }
        self.current = Some((decoded, part));
        Ok(true)
    }
}

impl Read for Sections {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let n = match (&mut self.first, &mut self.current) {
                (Some(first), _) => first.read(buf)?,
                (None, Some((decoded, _))) => decoded.reader.read(buf)?,
                (None, None) => 0,
            };
            if n > 0 {
                return Ok(n);
            }
            // The end of one part: the next, after the last one's check.
            self.first = None;
            if !self.next().map_err(|e| io::Error::other(format!("{e:#}")))? {
                return Ok(0);
            }
        }
    }
}

// ---------------------------------------------------------------- in parallel (`restore --jobs`)

use anyhow::{Context, Result, anyhow};

use super::load::{self, TargetSettings};
use super::stream::check_stored;
use super::{Prepared, Restored, StoredBackup};
use crate::backup::pipeline::Tail;
use crate::backup::producer::PLAIN_DUMP_END;
use crate::backup::tables::{TableData, TableScan};
use crate::db::admin::{create_pg_database, drop_pg_database};
use crate::db::libpq::{Canceller, PqConn};
use crate::db::{self, DbTarget};
use crate::output::Output;
use crate::redact::{url_database, url_with_database};

/// What loading one part gave: its SQL's bytes and its tables' rows.
type Loaded = (u64, std::collections::BTreeMap<String, TableData>);

/// Loads `reader` (one part's SQL) into the database of `url` in a transaction of its own, and
/// commits it once `check` (the part's size, sha256 and completion marker) passed. The
/// connection's canceller goes to `cancellers`, so that a signal or another part's failure stops
/// this one.
fn load_one(
    url: &str,
    reader: Box<dyn Read + Send>,
    ownership: &super::roles::Ownership,
    cancellers: &std::sync::Mutex<Vec<Canceller>>,
    check: impl FnOnce(&Tail) -> Result<()>,
) -> Result<Loaded> {
    let mut conn = PqConn::connect(url).map_err(|e| db::pg_connect_error(url, &e.to_string()))?;
    if let Some(c) = conn.canceller() {
        cancellers.lock().unwrap_or_else(|e| e.into_inner()).push(c);
    }
    let mut known = TargetSettings::of(&mut conn, ownership);
    conn.exec("SET client_min_messages = warning; BEGIN")
        .map_err(|e| anyhow!("starting a transaction: {e}"))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, reader);
    let (mut scan, mut tail) = (TableScan::default(), Tail::default());
    let mut observe = |line: &[u8]| {
        scan.observe(line);
        tail.push(line);
    };
    let loaded = load::load(&mut conn, &mut reader, &mut observe, &mut known)
        .map_err(|e| match e {
            load::LoadError::Read(e) => {
                e.context("reading the backup (it is damaged or truncated, or the key does not fit)")
            }
            other => anyhow!("the dump failed at {other}"),
        })
        .and_then(|raw| {
            drop(reader);
            check(&tail)?;
            super::stream::not_interrupted()?;
            Ok(raw)
        });
    match loaded {
        Ok(raw) => {
            conn.exec("COMMIT").map_err(|e| anyhow!("committing a part: {e}"))?;
            Ok((raw, scan.into_tables()))
        }
        Err(e) => {
            let _ = conn.exec("ROLLBACK");
            Err(e)
        }
    }
}

/// `restore --jobs N` of a dump in parts: into a new database, the pre-data (the artifact) in one
/// transaction, then the data parts N at a time, each in a transaction of its own on its own
/// connection, then the post-data (indexes, constraints) in one transaction; each part checked
/// against the manifest before its COMMIT. Only when all of them are in is the new database
/// swapped in for the target, which until then is untouched: any failure (a part's, a signal)
/// drops the new database and leaves the target as it was.
pub fn restore_parts(
    mut decoded: Decoded,
    source: &StoredBackup,
    prepared: &Prepared,
    jobs: u32,
    keys: &Keys,
    cfg: &super::Config,
    out: &Output,
) -> Result<Restored> {
    let DbTarget::Postgres { url } = &prepared.target else { unreachable!("checked with the backend") };
    let m = source.manifest.as_ref().ok_or_else(|| anyhow!("a dump in parts has a manifest"))?;
    let name = url_database(url).ok_or_else(|| anyhow!("the target URL names no database"))?;
    let left = format!("{} was left as it was", prepared.target.display());
    let suffix = crate::backup::manifest::short_id();
    let (fresh, old) = (format!("{name}_dbctl_new_{suffix}"), format!("{name}_dbctl_old_{suffix}"));
    let timeout = cfg.base.connect_timeout;
    create_pg_database(url, &fresh, timeout, out)?;
    let fresh_url = db::pg_url_with_defaults(&url_with_database(url, &fresh), timeout);
    let cancellers = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Canceller>::new()));
    let ownership = &prepared.ownership;
    let to = Dest { url: &fresh_url, ownership, cancellers: &cancellers };
    let sections = m.sections();
    let (data, post): (Vec<&Part>, Vec<&Part>) = sections.iter().partition(|p| p.kind == "data");
    out.info(&format!(
        "restoring {} parts into a new database {fresh}, {jobs} at a time",
        sections.len() + 1
    ));
    // A signal cancels every part's statement; each then rolls back.
    let on_signal = cancellers.clone();
    crate::sys::signals::set_on_signal(Some(Box::new(move || cancel_all(&on_signal))));
    let loaded = {
        let result = (|| -> Result<(unpack::StoredSum, Vec<Loaded>)> {
            let artifact = std::mem::replace(&mut decoded.reader, Box::new(std::io::empty()));
            let mut sum = None;
            let pre = load_one(&fresh_url, artifact, ownership, &cancellers, |_| {
                sum = Some(check_stored(&decoded, source)?);
                Ok(())
            })
            .context("the pre-data (the artifact)")?;
            let sum = sum.expect("checked before the COMMIT");
            // The data parts, `jobs` at a time.
            let store = source.store.as_ref();
            let loaded = in_parallel(data.iter().copied(), jobs, &cancellers, |next| {
                let mut done = Vec::new();
                while let Some(part) = next() {
                    done.push(load_part(part, store, keys, &to)?);
                }
                Ok(done)
            })?;
            let mut all = vec![pre];
            all.extend(loaded);
            for part in post {
                all.push(load_post_data(part, source.store.as_ref(), keys, &to, jobs)?);
            }
            super::stream::not_interrupted()?;
            Ok((sum, all))
        })();
        crate::sys::signals::set_on_signal(None);
        result
    };
    let (sum, all) = match loaded {
        Ok(l) => l,
        Err(e) => {
            let _ = drop_pg_database(url, &fresh, timeout);
            return Err(match crate::sys::signals::received() {
                Some(sig) => anyhow::Error::new(crate::sys::signals::Interrupted(sig))
                    .context(format!("the restore was stopped before the swap; {left}")),
                None => e.context(format!("the restore failed; {left}")),
            });
        }
    };
    super::postgres::swap_in(url, &name, &fresh, &old, cfg, &left)?;
    let raw = all.iter().map(|(r, _)| r).sum();
    // A table restored from several ranges: the rows of all of them.
    let mut tables: std::collections::BTreeMap<String, TableData> = std::collections::BTreeMap::new();
    for (table, d) in all.into_iter().flat_map(|(_, t)| t) {
        let sum = tables.entry(table).or_default();
        sum.rows += d.rows;
        sum.bytes += d.bytes;
    }
    Ok(Restored { stored: sum, raw_bytes: raw, tables: Some(tables) })
}

/// Where the parts go: the new database's URL, the ownership changes, and the connections'
/// cancellers (a signal or a failed part cancels them all).
struct Dest<'a> {
    url: &'a str,
    ownership: &'a super::roles::Ownership,
    cancellers: &'a std::sync::Mutex<Vec<Canceller>>,
}

/// Cancels the statement running on each connection of a restore.
fn cancel_all(cancellers: &std::sync::Mutex<Vec<Canceller>>) {
    for c in cancellers.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        c.cancel();
    }
}

/// Runs `jobs` workers over `items`: each takes the next item with the function it is given
/// (None when none is left, or once one worker failed) and returns what it made. The first
/// failure cancels the others' running statements and is returned; theirs, its consequence, are
/// not.
fn in_parallel<T: Send, R: Send>(
    items: impl IntoIterator<Item = T>,
    jobs: u32,
    cancellers: &std::sync::Mutex<Vec<Canceller>>,
    worker: impl Fn(&dyn Fn() -> Option<T>) -> Result<Vec<R>> + Sync,
) -> Result<Vec<R>> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let queue = std::sync::Mutex::new(items.into_iter().collect::<VecDeque<T>>());
    let failed = AtomicBool::new(false);
    let next = || {
        if failed.load(Ordering::SeqCst) {
            return None;
        }
        queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front()
    };
    let first = std::sync::Mutex::new(None);
    let made = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| match worker(&next) {
                Ok(done) => made.lock().unwrap_or_else(|e| e.into_inner()).extend(done),
                Err(e) => {
                    if !failed.swap(true, Ordering::SeqCst) {
                        *first.lock().unwrap_or_else(|e| e.into_inner()) = Some(e);
                        cancel_all(cancellers);
                    }
                }
            });
        }
    });
    match first.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(e) => Err(e),
        None => Ok(made.into_inner().unwrap_or_else(|e| e.into_inner())),
    }
}

/// Opens one part, loads it in a transaction of its own, checks it against the manifest (size,
/// sha256, pg_dump's completion marker) before its COMMIT.
fn load_part(part: &Part, store: &dyn Storage, keys: &Keys, to: &Dest) -> Result<Loaded> {
    let (url, ownership, cancellers) = (to.url, to.ownership, to.cancellers);
    let stored = store.get(&part.name)?;
    let mut decoded = unpack::open(stored, &mut keys.share(), false, Some(part.uncompressed_bytes))
        .with_context(|| format!("opening the part {}", part.name))?;
    if decoded.content != Content::PlainSql {
        anyhow::bail!("the part {} is not SQL text, as every part of a dump in several parts is", part.name);
    }
    let reader = std::mem::replace(&mut decoded.reader, Box::new(std::io::empty()));
    load_one(url, reader, ownership, cancellers, |tail| {
        let sum = decoded.finish()?;
        part.check_stored(&sum)?;
        if !tail.contains(PLAIN_DUMP_END) {
            anyhow::bail!("the part {} does not end with pg_dump's completion marker", part.name);
        }
        Ok(())
    })
    .with_context(|| format!("the part {}", part.name))
}

/// The largest post-data part whose index builds are run in parallel (read whole first); a larger
/// one loads as one.
const MAX_POST_DATA: u64 = 64 << 20;

/// The setting a `SET name = …` statement sets, upper-cased (not `SET ROLE`, `SET SESSION …`).
fn setting_name(sql: &str) -> Option<String> {
    let mut words = crate::db::sql::without_leading_comments(sql).split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("SET") {
        return None;
    }
    let name = words.next()?.to_ascii_uppercase();
    let next = words.next()?;
    (next == "=" || next.eq_ignore_ascii_case("TO")).then_some(name)
}

/// Whether a statement at a dump section's head is one of the settings pg_dump writes there, which
/// every session running a piece of the section takes: nothing that changes who runs it.
fn is_dump_setting(sql: &str) -> bool {
    const SETTINGS: &[&str] = &[
        "STATEMENT_TIMEOUT",
        "LOCK_TIMEOUT",
        "IDLE_IN_TRANSACTION_SESSION_TIMEOUT",
        "TRANSACTION_TIMEOUT",
        "CLIENT_ENCODING",
        "STANDARD_CONFORMING_STRINGS",
        "CHECK_FUNCTION_BODIES",
        "XMLOPTION",
        "CLIENT_MIN_MESSAGES",
        "ROW_SECURITY",
        "DEFAULT_TABLESPACE",
        "DEFAULT_TABLE_ACCESS_METHOD",
    ];
    let text = crate::db::sql::without_leading_comments(sql).trim();
    setting_name(text).is_some_and(|n| SETTINGS.contains(&n.as_str()))
        || text.eq_ignore_ascii_case("SELECT pg_catalog.set_config('search_path', '', false)")
}

/// Whether a post-data statement builds an index (`CREATE [UNIQUE] INDEX`, a primary key or a
/// unique constraint): what may run beside the others, each in a transaction of its own, before
/// what depends on them (foreign keys, attached partition indexes, triggers, grants).
fn builds_an_index(sql: &str) -> bool {
    let words: Vec<String> = crate::db::sql::without_leading_comments(sql)
        .split_whitespace()
        .take(12)
        .map(|w| w.to_ascii_uppercase())
        .collect();
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    match w.as_slice() {
        ["CREATE", "INDEX", rest @ ..] | ["CREATE", "UNIQUE", "INDEX", rest @ ..] => {
            // An index of a partitioned table's parent (`ON ONLY`) is attached to later.
            !rest.windows(2).any(|p| p == ["ON", "ONLY"])
        }
        ["ALTER", "TABLE", "ONLY", _, "ADD", "CONSTRAINT", _, kind, ..] => {
            matches!(*kind, "PRIMARY" | "UNIQUE")
        }
        _ => false,
    }
}

/// The post-data part: its index builds (see [`builds_an_index`]) on `jobs` connections at once,
/// each committed on its own, then the rest (foreign keys, triggers, …) in one transaction through
/// the loader. The part is read whole and checked against the manifest before anything of it
/// runs; a large one (or one that is not UTF-8) loads as one, as [`load_part`] loads it.
fn load_post_data(part: &Part, store: &dyn Storage, keys: &Keys, to: &Dest, jobs: u32) -> Result<Loaded> {
    let (url, ownership, cancellers) = (to.url, to.ownership, to.cancellers);
    if part.uncompressed_bytes > MAX_POST_DATA || jobs < 2 {
        return load_part(part, store, keys, to);
    }
    let mut decoded =
        unpack::open(store.get(&part.name)?, &mut keys.share(), false, Some(part.uncompressed_bytes))
            .with_context(|| format!("opening the part {}", part.name))?;
    let mut sql = Vec::new();
    (&mut decoded.reader)
        .take(MAX_POST_DATA + 1)
        .read_to_end(&mut sql)
        .with_context(|| format!("reading the part {}", part.name))?;
    let sum = decoded.finish()?;
    part.check_stored(&sum).with_context(|| format!("the part {}", part.name))?;
    let mut tail = Tail::default();
    tail.push(&sql[sql.len().saturating_sub(4096)..]);
    if decoded.content != Content::PlainSql || !tail.contains(PLAIN_DUMP_END) {
        anyhow::bail!("the part {} is not a complete SQL dump section", part.name);
    }
    let Ok(text) = String::from_utf8(sql) else {
        return load_part(part, store, keys, to);
    };
    let statements = crate::db::sql::split(&text);
    // The settings at its head (search_path, …) hold in every session that runs a piece of it.
    let head: Vec<&str> = statements.iter().map(|s| s.sql).take_while(|s| is_dump_setting(s)).collect();
    // Each index build with the `default_tablespace` pg_dump set before it (an index placed in
    // another tablespace than its table's).
    let mut tablespace: Option<&str> = None;
    let mut indexes: Vec<(Option<&str>, &str)> = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    for stmt in statements.iter().map(|s| s.sql).skip(head.len()) {
        if setting_name(stmt).as_deref() == Some("DEFAULT_TABLESPACE") {
            tablespace = Some(stmt);
        }
        if builds_an_index(stmt) {
            indexes.push((tablespace, stmt));
        } else {
            rest.push(stmt);
        }
    }
    in_parallel(indexes, jobs, cancellers, |next| {
        let mut conn = PqConn::connect(url).map_err(|e| db::pg_connect_error(url, &e.to_string()))?;
        if let Some(c) = conn.canceller() {
            cancellers.lock().unwrap_or_else(|e| e.into_inner()).push(c);
        }
        conn.exec("SET client_min_messages = warning").map_err(|e| anyhow!("{e}"))?;
        for h in &head {
            conn.exec_one(h).map_err(|e| anyhow!("{e}"))?;
        }
        let mut in_tablespace = None;
        while let Some((tablespace, stmt)) = next() {
            if tablespace != in_tablespace {
                conn.exec_one(tablespace.unwrap_or("SET default_tablespace = ''"))
                    .map_err(|e| anyhow!("{e}"))?;
                in_tablespace = tablespace;
            }
            conn.exec_one(stmt).map_err(|e| {
                anyhow!("building an index of the post-data ({}): {e}", crate::text::prefix(stmt.trim(), 120))
            })?;
            super::stream::not_interrupted()?;
        }
        Ok(Vec::<()>::new())
    })
    .map_err(|e| e.context(format!("the part {}", part.name)))?;
    // The rest, in the order pg_dump wrote it, through the loader (its checks, --role-map …).
    let mut remaining = String::new();
    for s in head.iter().chain(&rest) {
        remaining.push_str(s.trim_end().trim_end_matches(';'));
        remaining.push_str(";\n");
    }
    remaining.push_str("\n--\n-- PostgreSQL database dump complete\n--\n");
    let reader: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(remaining.into_bytes()));
    load_one(url, reader, ownership, cancellers, |_| Ok(()))
        .with_context(|| format!("the part {}", part.name))
}

#[cfg(test)]
mod tests {
    use super::builds_an_index;

    #[test]
    fn only_index_builds_run_beside_each_other() {
        assert!(builds_an_index("CREATE INDEX orders_customer ON public.orders USING btree (customer_id)"));
        assert!(builds_an_index("--\n-- Name: x\n--\n\nCREATE UNIQUE INDEX u ON public.t USING btree (a)"));
        assert!(builds_an_index(
            "ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_pkey PRIMARY KEY (id)"
        ));
        assert!(builds_an_index("ALTER TABLE ONLY public.t\n    ADD CONSTRAINT t_a_key UNIQUE (a)"));
        // What depends on them, or on what the others make, waits.
        assert!(!builds_an_index(
            "ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id)"
        ));
        assert!(!builds_an_index("CREATE INDEX p_a ON ONLY public.p USING btree (a)"));
        assert!(!builds_an_index("ALTER INDEX public.p_a ATTACH PARTITION public.p1_a_idx"));
        assert!(!builds_an_index(
            "CREATE TRIGGER t AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION f()"
        ));
        assert!(!builds_an_index("SELECT 'CREATE INDEX x ON y (z)'"));
    }

    #[test]
    fn a_sections_head_is_pg_dumps_settings_and_nothing_that_changes_who_runs_it() {
        use super::is_dump_setting;
        assert!(is_dump_setting("SET statement_timeout = 0"));
        assert!(is_dump_setting("--\n-- PostgreSQL database dump\n--\n\nSET client_encoding = 'UTF8'"));
        assert!(is_dump_setting("SELECT pg_catalog.set_config('search_path', '', false)"));
        assert!(!is_dump_setting("SET ROLE postgres"));
        assert!(!is_dump_setting("SET SESSION AUTHORIZATION postgres"));
        assert!(!is_dump_setting("SET search_path = public"));
        assert!(!is_dump_setting("SELECT pg_catalog.set_config('search_path', 'evil', false)"));
    }
}
