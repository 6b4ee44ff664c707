//! Pruning: the retention policy applied to the backups of one database in one storage (the
//! plan beside the pure decision in `retention`), and the orphans that interrupted runs left.
//! Callers render; nothing here prints a result.

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};

use super::catalog;
use super::identity::Identity;
use super::manifest::{self, Manifest};
use super::retention::{self, Decision, Policy};
use crate::output::Output;
use crate::storage::{Leftover, Storage};

/// One backup of the plan.
pub struct Planned {
    pub manifest: Manifest,
    pub decision: Decision,
}

/// The keep or remove decision for every backup of `me` in `all`, newest first. Backups of
/// other databases (also of another server's database of the same name), and anything without
/// a manifest, are not part of it.
/// Dumps and physical base backups are two series, each kept by the policy on its own (daily
/// dumps never push out the weekly base backup that point-in-time recovery starts from).
pub fn plan(all: &[Manifest], me: &Identity, policy: &Policy) -> Vec<Planned> {
    let mut planned = Vec::new();
    for base in [false, true] {
        let ours: Vec<&Manifest> =
            all.iter().filter(|m| me.owns(m) && m.physical.is_some() == base).collect();
        let times: Vec<DateTime<Utc>> =
            ours.iter().map(|m| m.started().unwrap_or(DateTime::<Utc>::MAX_UTC)).collect();
        planned.extend(
            retention::decide(&times, policy)
                .into_iter()
                .zip(ours)
                .map(|(decision, m)| Planned { manifest: m.clone(), decision }),
        );
    }
    planned.sort_by(|a, b| b.manifest.started_at.cmp(&a.manifest.started_at));
    planned
}

/// What a prune did (or, dry, would do).
pub struct Pruned {
    pub database: String,
    pub planned: Vec<Planned>,
    /// How many backups of databases of the same name from other sources were left out.
    pub others: usize,
    /// Ids of the backups removed.
    pub removed: Vec<String>,
    /// The removal that failed, which stopped the prune.
    pub failed: Option<anyhow::Error>,
    /// Backups the storage would not let go yet (S3 Object Lock): id, and until when.
    pub locked: Vec<(String, String)>,
}

impl Pruned {
    pub fn was_removed(&self, m: &Manifest) -> bool {
        self.removed.contains(&m.id)
    }

    /// Until when the storage locks `m`, when it would not let it go.
    pub fn locked_until(&self, m: &Manifest) -> Option<&str> {
        self.locked.iter().find(|(id, _)| *id == m.id).map(|(_, until)| until.as_str())
    }

    /// How many were removed, or the failure.
    pub fn into_result(self) -> Result<usize> {
        match self.failed {
            Some(e) => Err(e),
            None => Ok(self.removed.len()),
        }
    }
}

/// After a backup: the configured retention applied in each of `dests` that holds `made`, to the
/// backups of its source; returns where, and how many backups went.
pub fn after_backup(
    made: &super::make::Made,
    dests: &[crate::storage::Opened],
    cfg: &super::Config,
    out: &Output,
) -> Result<Vec<(String, usize)>> {
    let me = Identity::of_manifest(&made.manifest);
    dests
        .iter()
        .filter(|d| made.holds(d.name))
        .map(|d| {
            let removed = apply_configured(d.store.as_ref(), cfg, &me, out).map_err(|e| {
                e.context(format!(
                    "the backup succeeded, but pruning old backups in {} failed",
                    d.store.describe()
                ))
            })?;
            // Then the WAL no kept base backup needs.
            if let Some(spec) = cfg.backup.destinations.iter().find(|s| s.name == d.name)
                && !cfg.backup.retention.is_empty()
            {
                prune_wal(spec, d.store.as_ref(), &[], false, out).map_err(|e| {
                    e.context(format!("the backup succeeded, but pruning the WAL in {} failed", spec.place()))
                })?;
            }
            Ok((d.store.describe(), removed))
        })
        .collect()
}

/// WAL retention in one destination, once its backups are settled: what no kept base backup
/// needs goes (see `wal::prune`); `going` are the backups a dry run would remove. Every base
/// backup in the storage counts, whatever its source: the archive is shared. Says what it did.
pub fn prune_wal(
    spec: &crate::storage::DestinationSpec,
    store: &dyn Storage,
    going: &[String],
    dry_run: bool,
    out: &Output,
) -> Result<super::wal::WalPruned> {
    let all = catalog::manifests(store, out)?;
    let bases: Vec<&super::basebackup::Physical> =
        all.iter().filter(|m| !going.contains(&m.id)).filter_map(|m| m.physical.as_ref()).collect();
    let done = super::wal::prune(spec, &bases, dry_run)?;
    let verb = if dry_run { "would remove" } else { "removed" };
    match &done.floor {
        _ if done.files == 0 && done.kept == 0 => {}
        Some(floor) => out.info(&format!(
            "WAL in {}: {verb} {} before {floor}, where the oldest kept base backup starts; {} kept",
            spec.under("wal").place(),
            crate::text::count(done.files, "file"),
            done.kept
        )),
        None => out.info(&format!(
            "WAL in {}: no base backup is kept, so the {} stay",
            spec.under("wal").place(),
            crate::text::count(done.kept, "archived file")
        )),
    }
    Ok(done)
}

/// Applies `policy` to the configured database's backups in `store` (or only plans it, with
/// `dry_run`). None when no policy is set and this is not a dry run: nothing is removed.
pub fn apply(
    store: &dyn Storage,
    policy: &Policy,
    dry_run: bool,
    me: &Identity,
    out: &Output,
) -> Result<Option<Pruned>> {
    if policy.is_empty() && !dry_run {
        out.info(
            "no retention policy is set ([backup.retention] or BACKUP_RETENTION_DAYS); nothing was removed",
        );
        return Ok(None);
    }
    let all = catalog::manifests(store, out)?;
    if let Some(sources) = me.ambiguity(&all) {
        return Err(me.ambiguity_error(&sources).context("nothing was pruned"));
    }
    let planned = plan(&all, me, policy);
    let others = me.others(&all).len();
    let mut removed = Vec::new();
    let mut failed = None;
    let mut locked = Vec::new();
    if !dry_run {
        for p in planned.iter().filter(|p| !p.decision.keep) {
            match remove(store, &p.manifest) {
                Ok(()) => removed.push(p.manifest.id.clone()),
                // Locked (its manifest goes first, so nothing of it went): left, said, not a failure.
                Err(e) if e.downcast_ref::<crate::storage::Locked>().is_some() => {
                    let until = e.downcast_ref::<crate::storage::Locked>().expect("checked").until.clone();
                    locked.push((p.manifest.id.clone(), until));
                }
                Err(e) => {
                    failed = Some(e.context(format!("removing {}", p.manifest.artifact)));
                    break;
                }
            }
        }
    }
    Ok(Some(Pruned { database: me.database.clone(), planned, others, removed, failed, locked }))
}

/// The configured database's identity, or the error that it has none.
pub fn identity(cfg: &super::Config, out: &Output) -> Result<Identity> {
    Identity::current(cfg, out).ok_or_else(|| {
        anyhow!("the configured database has no name to find its backups by; set DATABASE_URL")
    })
}

/// Applies the configured policy to `me`'s backups; returns how many were removed.
pub fn apply_configured(
    store: &dyn Storage,
    cfg: &super::Config,
    me: &Identity,
    out: &Output,
) -> Result<usize> {
    match apply(store, &cfg.backup.retention, false, me, out)? {
        Some(pruned) => pruned.into_result(),
        None => Ok(0),
    }
}

/// Removes one backup: its manifest first, so that an interrupted prune never leaves a manifest
/// without its files (what it leaves, files without a manifest, `orphans` finds).
fn remove(store: &dyn Storage, m: &Manifest) -> Result<()> {
    store.delete(&m.object_name())?;
    let _ = store.delete(&manifest::VerifyRecord::object_name(m));
    for part in &m.parts {
        store.delete(&part.name)?;
    }
    store.delete(&m.artifact)
}

/// Something an interrupted run left.
pub struct Orphan {
    pub name: String,
    /// `temporary file`, `unfinished upload`, `backup file without a manifest`.
    pub kind: &'static str,
    leftover: Option<Leftover>,
}

/// What `--orphans` found, with the backup locks of their databases held until it is dropped,
/// so that no backup starts writing beside what is being removed.
pub struct Orphans {
    pub found: Vec<Orphan>,
    /// Databases whose backup is running: their temporary files are that backup's, not orphans.
    pub running: Vec<String>,
    _locks: Vec<super::lock::Lock>,
}

/// Temporary files and unfinished uploads, and dbctl's backup files whose manifest is missing,
/// older than `grace`. Only objects named exactly as dbctl names them are considered, and never
/// those of a database whose backup is running (its lock is taken, or found busy).
pub fn orphans(store: &dyn Storage, grace: std::time::Duration, cfg: &super::Config) -> Result<Orphans> {
    let mut candidates = Vec::new();
    for l in store.leftovers(&|n| manifest::dbctl_object(n).is_some())? {
        if l.age >= grace {
            candidates.push(Orphan { name: l.name.clone(), kind: l.kind, leftover: Some(l) });
        }
    }
    let names = store.list()?;
    let with_manifest: std::collections::HashSet<&str> = names
        .iter()
        .filter(|n| n.ends_with(manifest::SUFFIX))
        .filter_map(|n| manifest::dbctl_object(n).map(|(_, _, id)| id))
        .collect();
    let grace_c = chrono::Duration::from_std(grace).unwrap_or(chrono::Duration::MAX);
    for name in &names {
        let Some((_, stamp, id)) = manifest::dbctl_object(name) else { continue };
        let made = chrono::NaiveDateTime::parse_from_str(stamp, manifest::STAMP_FORMAT).map(|t| t.and_utc());
        let old_enough = made.is_ok_and(|t| Utc::now() - t >= grace_c);
        if !name.ends_with(manifest::SUFFIX) && !with_manifest.contains(id) && old_enough {
            candidates.push(Orphan {
                name: name.clone(),
                kind: "backup file without a manifest",
                leftover: None,
            });
        }
    }
    // Each database's backup lock: held while its orphans go, or busy, and then they stay.
    let mut dbs: Vec<String> = candidates
        .iter()
        .filter_map(|o| manifest::dbctl_object(&o.name).map(|(db, _, _)| db.to_string()))
        .collect();
    dbs.sort();
    dbs.dedup();
    let (mut locks, mut running) = (Vec::new(), Vec::new());
    for db in dbs {
        match super::lock::take(cfg, &super::lock::name(cfg, &db)) {
            Ok(held) => locks.push(held),
            Err(e) if e.chain().any(|c| c.is::<super::lock::LockBusy>()) => running.push(db),
            Err(e) => return Err(e),
        }
    }
    let found = candidates
        .into_iter()
        .filter(|o| {
            manifest::dbctl_object(&o.name).is_some_and(|(db, _, _)| !running.iter().any(|r| r == db))
        })
        .collect();
    Ok(Orphans { found, running, _locks: locks })
}

/// Removes what [`orphans`] found.
pub fn remove_orphans(store: &dyn Storage, orphans: &Orphans) -> Result<()> {
    for o in &orphans.found {
        match &o.leftover {
            Some(l) => store.remove_leftover(l)?,
            None => store.delete(&o.name)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::identity::Source;
    use proptest::prelude::*;

    fn manifest(db: &str, started: &str, id: &str) -> Manifest {
        serde_json::from_value(serde_json::json!({
            "format_version": 1, "id": id, "artifact": format!("{db}-x-{id}.sql"), "database": db,
            "backend": "postgresql", "server_version": "15", "dump_tool": "pg_dump", "dump_format": "plain",
            "compression": "gzip", "encryption": null, "stored_bytes": 1, "uncompressed_bytes": 1,
            "sha256": "", "started_at": started, "finished_at": started, "duration_ms": 1,
            "dbctl_version": "0", "host": "h",
        }))
        .unwrap()
    }

    proptest! {
        /// Random histories of several databases on two servers (and from before sources were
        /// recorded): only this database's backups are ever removed, its newest always stays,
        /// and pruning again removes nothing more.
        #[test]
        fn only_this_databases_backups_go_and_never_the_newest(
            history in proptest::collection::vec((0usize..3, 0usize..3, 1_700_000_000i64..1_800_000_000), 0..40),
            last in proptest::option::of(0u32..4),
            daily in proptest::option::of(0u32..4),
        ) {
            let dbs = ["app", "other", "app_2"];
            let all: Vec<Manifest> = history
                .iter()
                .enumerate()
                .map(|(i, (db, server, secs))| {
                    let t = DateTime::from_timestamp(*secs, 0).unwrap().to_rfc3339();
                    let mut m = manifest(dbs[*db], &t, &format!("{i:06x}"));
                    m.source = [None, Some("1"), Some("2")][*server].map(|id| Source {
                        system_identifier: Some(id.into()),
                        ..Source::default()
                    });
                    m
                })
                .collect();
            let me = Identity {
                database: "app".into(),
                backend: "postgresql",
                source: Source { system_identifier: Some("1".into()), ..Source::default() },
            };
            let policy = Policy { keep_last: last, keep_daily: daily, ..Policy::default() };
            let planned = plan(&all, &me, &policy);
            prop_assert!(planned.iter().all(|p| p.manifest.database == "app"));
            prop_assert!(planned.iter().all(|p| p.manifest.source.as_ref().is_none_or(|s| s.system_identifier.as_deref() == Some("1"))));
            if let Some(first) = planned.first() {
                prop_assert!(first.decision.keep, "the newest stays");
            }
            let kept: Vec<Manifest> = all
                .iter()
                .filter(|m| !me.owns(m) || planned.iter().any(|p| p.manifest.id == m.id && p.decision.keep))
                .cloned()
                .collect();
            prop_assert!(plan(&kept, &me, &policy).iter().all(|p| p.decision.keep));
        }
    }
}
