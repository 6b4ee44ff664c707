//! The restore test: a backup restored into a scratch database, which is dropped after, and every
//! table's row count compared with the backup's.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, bail};

use super::{Prepared, StoredBackup, restore_into};
use crate::backup::manifest::Manifest;
use crate::backup::unpack::Keys;
use crate::db::admin::{create_pg_database, drop_pg_database};
use crate::db::{self, DbTarget};
use crate::output::Output;
use crate::redact::url_with_database;

/// A scratch copy of a backup (`migrate rehearse`): a database made on the configured server, a
/// database given (`--shadow-url`, or one on a throwaway cluster), or a SQLite file in a private
/// temporary directory; dropped (emptied, deleted) when this is dropped, also when the work on it
/// failed or was interrupted.
pub struct Scratch {
    pub target: DbTarget,
    /// The server's URL and the database's name, to drop it.
    made_on: Option<(String, String, std::time::Duration)>,
    /// A database given: emptied again (it held a copy of the backup's data).
    given: Option<std::time::Duration>,
    _dir: Option<tempfile::TempDir>,
}

impl Scratch {
    /// Removes the scratch copy now (drops the database dbctl made, empties the one given) and
    /// warns, naming what to do, when that failed: a copy of the backup's data would stay.
    pub fn remove(mut self, out: &Output) {
        if let Err(e) = self.clean() {
            out.warn(&format!("{e:#}"));
        }
    }

    fn clean(&mut self) -> Result<()> {
        if let Some((url, name, timeout)) = self.made_on.take() {
            drop_pg_database(&url, &name, timeout).map_err(|e| {
                e.context(format!(
                    "the scratch database {name} was not dropped; drop it by hand or run `dbctl backup prune --orphans`"
                ))
            })?;
        }
        if let Some(timeout) = self.given.take() {
            db::connect(&self.target, timeout, &mut |_| {})
                .and_then(|mut conn| crate::db::admin::empty_pg_database(&mut conn))
                .map_err(|e| {
                    e.context(format!(
                        "the scratch database {} still holds a copy of the backup's data; empty it by hand (the next \
                         rehearsal in it empties it first)",
                        self.target.display()
                    ))
                })?;
        }
        Ok(())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = self.clean();
    }
}

/// Where a PostgreSQL scratch copy goes.
pub enum ScratchInto {
    /// A database of this name made on the configured server, dropped after.
    Made(String),
    /// A database given (`--shadow-url`) or on a throwaway cluster: emptied before and after;
    /// the roles of the backup's server are left out (they need not exist there). One a
    /// project's own file names (`from_project`: where) is used only when it is empty.
    Given { target: DbTarget, from_project: Option<String> },
}

/// Restores `source` into a scratch database (PostgreSQL: as `into` says; SQLite: a file in a
/// private temporary directory beside the configured one).
pub fn restore_scratch(
    source: &StoredBackup,
    keys: &mut Keys,
    into: &ScratchInto,
    allow_unencrypted: bool,
    cfg: &super::Config,
    out: &Output,
) -> Result<Scratch> {
    let decoded = source.open(keys, false)?;
    super::target::check_backend(decoded.content, &cfg.base.target)?;
    // As a restore: where backups are encrypted, an unencrypted one may have been planted.
    if cfg.base.backup.encryption.is_on() && !decoded.encrypted && !allow_unencrypted {
        return Err(crate::error::ConfigError::new(format!(
            "{} is not encrypted, but encryption is configured here, so dbctl did not make it with this \
             configuration; pass --allow-unencrypted if you know where it comes from",
            source.label
        ))
        .into());
    }
    let timeout = cfg.base.connect_timeout;
    match (&cfg.base.target, into) {
        (DbTarget::Postgres { url }, ScratchInto::Made(name)) => {
            create_pg_database(url, name, timeout, out)?;
            let target = DbTarget::Postgres { url: url_with_database(url, name) };
            let scratch = Scratch {
                target,
                made_on: Some((url.clone(), name.to_string(), timeout)),
                given: None,
                _dir: None,
            };
            let mut conn = db::connect(&scratch.target, timeout, &mut |_| {})?;
            let prepared = Prepared::empty(scratch.target.clone(), conn.pg_major()?);
            drop(conn);
            restore_into(decoded, source, &prepared, cfg, out)?;
            Ok(scratch)
        }
        (DbTarget::Postgres { .. }, ScratchInto::Given { target, from_project }) => {
            let DbTarget::Postgres { .. } = target else {
                bail!("the scratch database for a PostgreSQL backup must be a PostgreSQL database");
            };
            let mut conn = db::connect(target, timeout, &mut |_| {})
                .map_err(|e| e.context("connecting to the scratch database"))?;
            crate::db::admin::refuse_same(target, &mut conn, &cfg.base.target, timeout)?;
            crate::db::admin::take_given_scratch(&mut conn, from_project.as_deref())?;
            let scratch = Scratch { target: target.clone(), made_on: None, given: Some(timeout), _dir: None };
            let prepared = Prepared::empty(target.clone(), conn.pg_major()?).without_roles();
            drop(conn);
            restore_into(decoded, source, &prepared, cfg, out)?;
            Ok(scratch)
        }
        (DbTarget::Sqlite { path, .. }, _) => {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let tmp = tempfile::Builder::new().prefix(".dbctl-rehearse-").tempdir_in(dir)?;
            let target = DbTarget::Sqlite { path: tmp.path().join("rehearse.sqlite3"), embedded: false };
            let prepared = Prepared::empty(target.clone(), 0);
            restore_into(decoded, source, &prepared, cfg, out)?;
            Ok(Scratch { target, made_on: None, given: None, _dir: Some(tmp) })
        }
        (DbTarget::SqliteMemory, _) => {
            bail!("an in-memory SQLite database has no backups to rehearse on; set DATABASE_URL")
        }
        (DbTarget::Command { .. }, _) => bail!("another engine's migrations are not dbctl's to rehearse"),
    }
}

/// `backup verify` of one stored copy of `m` in the destination `spec` (open as `store`): its
/// bytes against the manifest (decoded to the end with `keys` when they fit), then with
/// `restore_test` a restore into a scratch database, read through a storage of its own opened
/// again from `spec` (one that fails to open is this copy's failure alone). Each check's outcome
/// and what it found.
pub fn check_copy(
    spec: &crate::storage::DestinationSpec,
    store: &dyn crate::storage::Storage,
    m: &Manifest,
    keys: &mut Keys,
    restore_test: bool,
    cfg: &super::Config,
    out: &Output,
) -> Vec<(bool, String)> {
    let mut outcome = vec![match crate::backup::verify::verify_one(store, m, keys) {
        Ok(detail) => (true, detail),
        Err(e) => (false, format!("{e:#}")),
    }];
    if restore_test && outcome[0].0 {
        let tested = spec.open().and_then(|copy| restore_test_of(copy, m, keys, cfg, out));
        outcome.push(match tested {
            Ok(problems) if problems.is_empty() => (
                true,
                format!(
                    "restored into a scratch database; every table's row count matches{}",
                    if m.tables.is_some() { " the backup's record" } else { " the dump" }
                ),
            ),
            Ok(problems) => (false, format!("restore test: {}", problems.join("; "))),
            Err(e) => (false, format!("restore test: {e:#}")),
        });
    }
    outcome
}

/// `backup verify --restore-test`: restores `m` into a scratch database that is dropped after,
/// and compares every table's row count with the backup's. Returns the differences.
fn restore_test_of(
    store: Box<dyn crate::storage::Storage>,
    m: &Manifest,
    keys: &mut Keys,
    cfg: &super::Config,
    out: &Output,
) -> Result<Vec<String>> {
    let source = StoredBackup {
        store: store.into(),
        name: m.artifact.clone(),
        manifest: Some(m.clone()),
        label: m.artifact.clone(),
        header_dump_major: Default::default(),
    };
    let decoded = source.open(keys, false)?;
    let scratch_name = format!("{}_dbctl_restore_test_{}", m.database, m.id);
    let (restored, actual) = match &cfg.base.target {
        DbTarget::Postgres { url } => {
            let scratch_url = url_with_database(url, &scratch_name);
            create_pg_database(url, &scratch_name, cfg.base.connect_timeout, out)?;
            let result = (|| {
                let target = DbTarget::Postgres { url: scratch_url.clone() };
                let mut conn = db::connect(&target, cfg.base.connect_timeout, &mut |_| {})?;
                let prepared = Prepared::empty(target.clone(), conn.pg_major()?);
                let restored = restore_into(decoded, &source, &prepared, cfg, out)?;
                let mut actual = BTreeMap::new();
                for name in restored.tables.iter().flat_map(|t| t.keys()) {
                    actual.insert(
                        name.clone(),
                        conn.query_int(&format!("SELECT count(*) AS v FROM {name}"))? as u64,
                    );
                }
                Ok::<_, anyhow::Error>((restored, actual))
            })();
            drop_pg_database(url, &scratch_name, cfg.base.connect_timeout)?;
            result?
        }
        DbTarget::Sqlite { path, .. } => {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let scratch = tempfile::Builder::new().prefix(".dbctl-restore-test-").tempdir_in(dir)?;
            let target = DbTarget::Sqlite {
                path: scratch.path().join(format!("{}.sqlite3", m.database)),
                embedded: false,
            };
            let prepared = Prepared::empty(target.clone(), 0);
            let restored = restore_into(decoded, &source, &prepared, cfg, out)?;
            let actual = restored.tables.iter().flatten().map(|(k, v)| (k.clone(), v.rows)).collect();
            (restored, actual)
        }
        DbTarget::SqliteMemory => {
            bail!("an in-memory SQLite database cannot hold a restore test; set DATABASE_URL")
        }
        DbTarget::Command { .. } => {
            bail!(
                "another engine's backup cannot be restore-tested by dbctl; restore it with restore.command"
            )
        }
    };
    // The backup's own record, else what the dump said while restoring (custom archives).
    let expected: BTreeMap<String, u64> = match &m.tables {
        Some(t) => t.iter().map(|(k, v)| (k.clone(), v.rows)).collect(),
        None => restored.tables.iter().flatten().map(|(k, v)| (k.clone(), v.rows)).collect(),
    };
    let mut problems = Vec::new();
    for (table, want) in &expected {
        match actual.get(table) {
            Some(got) if got == want => {}
            Some(got) => problems.push(format!("{table}: {got} rows restored, the backup has {want}")),
            None => problems.push(format!("{table}: missing after the restore (the backup has {want} rows)")),
        }
    }
    Ok(problems)
}
