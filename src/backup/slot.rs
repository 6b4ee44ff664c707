//! One slot of a backup schedule: skipped when its backup exists already (another host sharing
//! the storage made it), else a backup, verified and pruned when asked.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::lock::LockBusy;
use super::make::{self, Made, MakeOptions};
use super::manifest::Manifest;
use super::{catalog, prune, verify};
use crate::output::Output;

/// What became of a slot.
pub enum Slot {
    /// This slot's backup was made already, by this one.
    Done(Manifest),
    Made {
        made: Made,
        /// The size and sha256 check, when asked for.
        verified: Option<Result<()>>,
        /// How many old backups were removed, when asked for.
        pruned: Option<Result<usize>>,
    },
    /// Another backup of the database holds the lock.
    Busy(anyhow::Error),
    /// A signal stopped the backup.
    Stopped(anyhow::Error),
    Failed(anyhow::Error),
}

/// Runs the slot that started at `slot` for database `db`. Errors are those of the storage, before
/// any backup was tried.
pub fn run(
    slot: DateTime<Utc>,
    db: &str,
    verify: bool,
    prune: bool,
    cfg: &super::Config,
    out: &Output,
) -> Result<Slot> {
    // A destination that cannot be opened or listed does not hold the others back: the slot goes
    // on with those that answer (and is logged `partial` naming the others); only when none
    // answers is the slot a storage failure, tried again at the next one.
    let mut dests = Vec::new();
    let mut unreachable = Vec::new();
    for (name, store) in crate::storage::open_each(&cfg.backup.destinations) {
        match store {
            Ok(store) => dests.push(crate::storage::Opened { name, store }),
            Err(e) => unreachable.push(anyhow::anyhow!("{e:#}").context(name.as_str())),
        }
    }
    // This server's backups only: another's of the same name in a shared storage does not count.
    // A backup in any destination makes the slot done (one that failed there is reported by the
    // run that made it, not made again).
    let me = super::identity::Identity::current(cfg, out);
    let mut listed = 0;
    // Write-only credentials cannot list: every slot backs up (the Redis lease, when set, still
    // keeps one backup per slot across hosts).
    for d in dests.iter().filter(|_| !cfg.backup.write_only) {
        let manifests = match catalog::manifests(d.store.as_ref(), out) {
            Ok(m) => m,
            Err(e) => {
                unreachable.push(e.context(d.name));
                continue;
            }
        };
        listed += 1;
        let done = manifests
            .into_iter()
            .filter(|m| m.database == db && m.tag.is_none() && me.as_ref().is_none_or(|me| me.owns(m)))
            .find(|m| m.started().is_some_and(|t| t >= slot));
        if let Some(m) = done {
            return Ok(Slot::Done(m));
        }
    }
    if listed == 0 && !unreachable.is_empty() && !cfg.backup.write_only {
        return Err(unreachable.remove(0));
    }
    for e in &unreachable {
        out.problem(&format!("{e:#}; this slot's backup goes to the other destinations"));
    }
    let target = &cfg.target;
    let around = match crate::hooks::Around::start("backup", &cfg.hooks, out) {
        Ok(a) => a,
        Err(e) => return Ok(Slot::Failed(e)),
    };
    let made = MakeOptions::configured(cfg).and_then(|o| make::make(&o, cfg, target, out));
    around.finish(&match &made {
        Ok(m) => match m.failure() {
            None => Ok(crate::hooks::Outcome {
                backup_id: Some(m.manifest.id.clone()),
                artifact: Some(m.manifest.artifact.clone()),
                stored_bytes: Some(m.manifest.stored_bytes),
                error: None,
                duration: std::time::Duration::from_secs_f64(m.seconds),
            }),
            Some(e) => Err(e),
        },
        Err(e) => Err(anyhow::anyhow!("{e:#}")),
    });
    Ok(match made {
        Ok(made) => {
            // Verified and pruned in each destination that has it.
            // Each outcome recorded beside the backup, as `backup verify` records it, where
            // health finds it.
            let verified = verify.then(|| {
                let mut first_error = None;
                for d in dests.iter().filter(|d| made.holds(d.name)) {
                    let checked =
                        verify::verify_one(d.store.as_ref(), &made.manifest, &mut Default::default());
                    let outcome = match &checked {
                        Ok(detail) => vec![(true, detail.clone())],
                        Err(e) => vec![(false, format!("{e:#}"))],
                    };
                    if let Err(e) = verify::record(d.store.as_ref(), &made.manifest, &outcome, false) {
                        out.warn(&format!(
                            "could not record the result of the verify beside {} in {}: {e:#}",
                            made.manifest.artifact, d.name
                        ));
                    }
                    if let Err(e) = checked
                        && first_error.is_none()
                    {
                        first_error = Some(e.context(d.name));
                    }
                }
                first_error.map_or(Ok(()), Err)
            });
            let pruned = prune.then(|| {
                prune::after_backup(&made, &dests, cfg, out).map(|p| p.iter().map(|(_, n)| n).sum())
            });
            Slot::Made { made, verified, pruned }
        }
        Err(e) if e.chain().any(|c| c.is::<LockBusy>()) => Slot::Busy(e),
        Err(e) if crate::sys::signals::received().is_some() => Slot::Stopped(e),
        Err(e) => Slot::Failed(e),
    })
}
