//! `dbctl backup --all-databases`: every database of a server (or every SQLite file of a
//! directory), one backup and manifest each, several at once with `--jobs`, going on past a
//! database that fails. The server's globals are stored once, with the first database's backup (or,
//! when that one fails, the next one's).

use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Result, bail};

use super::make::{self, Made, MakeOptions};
use crate::db::{self, DbTarget};
use crate::error::ConfigError;
use crate::output::Output;

/// SQLite files `--all-databases DIR` takes, by extension.
const SQLITE_EXTENSIONS: [&str; 3] = ["sqlite3", "sqlite", "db"];

/// One database of the run and what became of it.
pub struct Outcome {
    pub database: String,
    pub made: Result<Made>,
    pub seconds: f64,
}

/// Whether `name` matches the glob `pattern` (`*` any run of characters, `?` one character).
pub fn matches(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some('*'), _) => go(&p[1..], n) || (!n.is_empty() && go(p, &n[1..])),
            (Some('?'), Some(_)) => go(&p[1..], &n[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &n[1..]),
            _ => false,
        }
    }
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    go(&p, &n)
}

/// What `--all-databases` found on a server: the databases to back up, and every other one with
/// why it is not (a template, one that accepts no connections, one `--exclude` matches).
#[derive(Default)]
pub struct Found {
    pub databases: Vec<(String, DbTarget)>,
    pub skipped: Vec<(String, String)>,
}

/// The databases of configured server `server` to back up (`--all-servers`): its URL's, the
/// ones it names, or every one of it (`exclude` apart, the others listed with their reason).
/// `cfg` is the configuration for that server ([`super::Config::for_server`]).
pub fn of_server(
    cfg: &super::Config,
    server: &crate::settings::servers::Server,
    exclude: &[String],
    out: &Output,
) -> Result<Found> {
    use crate::settings::servers::Databases;
    let target = &server.target;
    let databases = match &server.databases {
        Databases::Url => vec![(target.name().unwrap_or_default(), target.clone())],
        Databases::All => return databases(cfg, target, None, exclude, out),
        Databases::Named(names) => names
            .iter()
            .map(|db| match target {
                DbTarget::Postgres { url } => {
                    (db.clone(), DbTarget::Postgres { url: crate::redact::url_with_database(url, db) })
                }
                other => (db.clone(), other.clone()),
            })
            .collect(),
    };
    Ok(Found { databases, skipped: Vec::new() })
}

/// The databases to back up, by name, in name order: those of the server `target` points at that
/// accept connections (not templates), or the SQLite files of `dir`; without those `exclude`
/// matches. The others are listed with their reason.
pub fn databases(
    cfg: &super::Config,
    target: &DbTarget,
    dir: Option<&Path>,
    exclude: &[String],
    out: &Output,
) -> Result<Found> {
    let mut skipped: Vec<(String, String)> = Vec::new();
    let mut found: Vec<(String, DbTarget)> = match (target, dir) {
        (_, Some(dir)) => {
            let entries = std::fs::read_dir(dir).map_err(|e| {
                ConfigError::new(format!(
                    "--all-databases {}: cannot read that directory: {e}",
                    dir.display()
                ))
            })?;
            let mut files = Vec::new();
            for entry in entries {
                let path = entry?.path();
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let sqlite = path.extension().is_some_and(|e| SQLITE_EXTENSIONS.iter().any(|x| e == *x));
                // Regular files only (no symlinks planted to point elsewhere), not hidden ones.
                let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
                if sqlite && regular && !name.starts_with('.') {
                    let target = DbTarget::Sqlite { path: path.clone(), embedded: false };
                    files.push((target.name().unwrap_or(name), target));
                }
            }
            files
        }
        (DbTarget::Postgres { url }, None) => {
            let mut conn = db::wait_for_database(target, cfg.wait, out, || {
                db::connect(target, cfg.connect_timeout, &mut |m| out.info(&m))
            })?;
            for (sql, why) in [
                ("SELECT datname AS v FROM pg_database WHERE datistemplate ORDER BY datname", "a template"),
                (
                    "SELECT datname AS v FROM pg_database WHERE NOT datallowconn AND NOT datistemplate ORDER BY datname",
                    "accepts no connections (datallowconn = false)",
                ),
            ] {
                for name in conn.query_texts(sql, &[])? {
                    skipped.push((crate::text::escape_controls(&name), why.to_string()));
                }
            }
            conn.query_texts(
                "SELECT datname AS v FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY datname",
                &[],
            )?
            .into_iter()
            .map(|name| {
                let url = crate::redact::url_with_database(url, &name);
                (name, DbTarget::Postgres { url })
            })
            .collect()
        }
        _ => {
            return Err(ConfigError::new(
                "--all-databases needs a PostgreSQL server (DATABASE_URL), or a directory of SQLite files: \
                 --all-databases DIR",
            )
            .into());
        }
    };
    found.retain(|(name, _)| match exclude.iter().find(|p| matches(p, name)) {
        Some(p) => {
            skipped.push((crate::text::escape_controls(name), format!("excluded by --exclude {p}")));
            false
        }
        None => true,
    });
    found.sort_by(|a, b| a.0.cmp(&b.0));
    skipped.sort();
    if found.is_empty() {
        bail!(
            "--all-databases found no database to back up{}",
            if exclude.is_empty() { "" } else { " (after --exclude)" }
        );
    }
    Ok(Found { databases: found, skipped })
}

/// Who stores the server's globals.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Globals {
    /// The next database to start carries them.
    Wanted,
    /// A backup carrying them runs.
    Carried,
    /// Stored, or not wanted (SQLite, or every backup carries them with --globals).
    Done,
}

/// Backs up each of `databases`, `jobs` at a time, each on its own: one failing does not stop the
/// others. PostgreSQL's globals go with the first database's backup (once per server); when that
/// backup fails for a reason of its own, the next database to start carries them (not when
/// `pg_dumpall` itself failed: it would fail again). Returns each database's outcome, in the
/// order given.
pub fn run(
    opts: &MakeOptions,
    cfg: &super::Config,
    databases: Vec<(String, DbTarget)>,
    jobs: usize,
    out: &Output,
) -> Vec<Outcome> {
    let postgres = matches!(databases.first(), Some((_, DbTarget::Postgres { .. })));
    let globals = Mutex::new(if postgres && !opts.globals { Globals::Wanted } else { Globals::Done });
    let queue = Mutex::new(databases.into_iter().enumerate().collect::<Vec<_>>().into_iter());
    let results = Mutex::new(Vec::new());
    // With several at once, no progress bars fight over the terminal.
    let quiet = out.quieted();
    let each = if jobs > 1 { &quiet } else { out };
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some((i, (database, target))) = next else { break };
                    if crate::sys::signals::received().is_some() {
                        break;
                    }
                    let carry = {
                        let mut g = globals.lock().unwrap_or_else(|e| e.into_inner());
                        let carry = *g == Globals::Wanted;
                        if carry {
                            *g = Globals::Carried;
                        }
                        carry
                    };
                    let opts = MakeOptions { globals: opts.globals || carry, ..opts.clone() };
                    let started = Instant::now();
                    let made = make::make(&opts, cfg, &target, each);
                    let seconds = started.elapsed().as_secs_f64();
                    if carry {
                        let passed_on =
                            matches!(&made, Err(e) if e.downcast_ref::<make::GlobalsFailed>().is_none());
                        *globals.lock().unwrap_or_else(|e| e.into_inner()) =
                            if passed_on { Globals::Wanted } else { Globals::Done };
                    }
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((i, Outcome { database, made, seconds }));
                }
            });
        }
    });
    if globals.into_inner().unwrap_or_else(|e| e.into_inner()) == Globals::Wanted {
        out.problem(
            "the server's globals (roles, tablespaces) were not stored: the backups that were to carry \
             them failed and no database was left to start; `dbctl backup --globals` stores them with \
             one database's backup",
        );
    }
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, o)| o).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_whole_names() {
        assert!(matches("test_*", "test_app"));
        assert!(matches("*_tmp", "x_tmp"));
        assert!(matches("db?", "db1"));
        assert!(!matches("db?", "db12"));
        assert!(!matches("app", "app2"));
        assert!(matches("*", ""));
        assert!(matches("a*b*c", "aXXbYc"));
        assert!(!matches("a*b*c", "aXXbY"));
    }
}
