//! `dbctl backup prune`: the retention policy applied to the backups of this database in this
//! storage, and `--orphans`: what interrupted runs left.

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};

use crate::backup::manifest::{self, Manifest};
use crate::backup::retention::{self, Decision, Policy};
use crate::cli::{PruneArgs, RetentionArgs};
use crate::commands::backup;
use crate::output::Output;
use crate::settings::Settings;
use crate::storage::Storage;

pub fn run(args: &PruneArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let store = backup::storage(settings)?;
    if args.orphans {
        return orphans(store.as_ref(), args, out);
    }
    let policy = policy(&args.rules, settings);
    apply(store.as_ref(), &policy, args.dry_run, settings, out)?;
    Ok(0)
}

/// The configured policy, with the rules given as flags in place of the configured ones.
pub fn policy(flags: &RetentionArgs, settings: &Settings) -> Policy {
    let c = &settings.backup.retention;
    Policy {
        keep_last: flags.keep_last.or(c.keep_last),
        keep_within: flags.keep_within.or(c.keep_within),
        keep_hourly: flags.keep_hourly.or(c.keep_hourly),
        keep_daily: flags.keep_daily.or(c.keep_daily),
        keep_weekly: flags.keep_weekly.or(c.keep_weekly),
        keep_monthly: flags.keep_monthly.or(c.keep_monthly),
        keep_yearly: flags.keep_yearly.or(c.keep_yearly),
    }
}

/// One backup of the plan.
struct Planned<'a> {
    m: &'a Manifest,
    decision: Decision,
}

/// The keep or remove decision for every backup of this database in `all`, newest first.
/// Backups of other databases, and anything without a manifest, are not part of it.
fn plan<'a>(all: &'a [Manifest], db: &str, policy: &Policy) -> Vec<Planned<'a>> {
    let ours: Vec<&Manifest> = all.iter().filter(|m| m.database == db).collect();
    let times: Vec<DateTime<Utc>> =
        ours.iter().map(|m| m.started().unwrap_or(DateTime::<Utc>::MAX_UTC)).collect();
    let mut planned: Vec<Planned> = retention::decide(&times, policy)
        .into_iter()
        .zip(ours)
        .map(|(decision, m)| Planned { m, decision })
        .collect();
    planned.sort_by(|a, b| b.m.started_at.cmp(&a.m.started_at));
    planned
}

/// Applies `policy` (or shows it, with `dry_run`); returns how many backups were removed.
pub fn apply(
    store: &dyn Storage,
    policy: &Policy,
    dry_run: bool,
    settings: &Settings,
    out: &Output,
) -> Result<usize> {
    let db = settings.database.target.name().ok_or_else(|| {
        anyhow!("the configured database has no name to find its backups by; set DATABASE_URL")
    })?;
    if policy.is_empty() && !dry_run {
        out.info(
            "no retention policy is set ([backup.retention] or BACKUP_RETENTION_DAYS); nothing was removed",
        );
        return Ok(0);
    }
    let all = backup::manifests(store)?;
    let planned = plan(&all, &db, policy);
    let mut removed = Vec::new();
    let mut failed = None;
    if !dry_run {
        for p in planned.iter().filter(|p| !p.decision.keep) {
            match remove(store, p.m) {
                Ok(()) => removed.push(p.m.id.clone()),
                Err(e) => {
                    failed = Some(e.context(format!("removing {}", p.m.artifact)));
                    break;
                }
            }
        }
    }
    if out.settings.json {
        let rows: Vec<serde_json::Value> = planned
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.m.id, "artifact": p.m.artifact, "started_at": p.m.started_at,
                    "keep": p.decision.keep, "reasons": p.decision.reasons,
                    "removed": removed.contains(&p.m.id),
                })
            })
            .collect();
        let value = serde_json::json!({
            "database": db, "storage": store.describe(), "policy": policy.describe(),
            "dry_run": dry_run, "backups": rows,
        });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
    } else if !out.settings.quiet || dry_run {
        let rows: Vec<Vec<String>> = planned
            .iter()
            .map(|p| {
                let action = match (p.decision.keep, dry_run, removed.contains(&p.m.id)) {
                    (true, _, _) => "keep",
                    (false, true, _) => "remove",
                    (false, false, true) => "removed",
                    (false, false, false) => "not removed",
                };
                vec![
                    action.to_string(),
                    p.m.id.clone(),
                    p.m.started_at.get(..19).unwrap_or(&p.m.started_at).to_string(),
                    crate::output::bytes(p.m.stored_bytes as f64),
                    if p.decision.keep { p.decision.reasons.join(", ") } else { "no rule keeps it".into() },
                ]
            })
            .collect();
        let mut text =
            crate::output::table(&["ACTION", "ID", "STARTED", "SIZE", "WHY"], &rows, |_, _, s| s.to_string());
        let gone = planned.iter().filter(|p| !p.decision.keep).count();
        let bytes: u64 = planned.iter().filter(|p| !p.decision.keep).map(|p| p.m.stored_bytes).sum();
        text.push_str(&format!(
            "{} backup(s) of {db} in {}; policy: {}; {} {gone} ({}), keep {}\n",
            planned.len(),
            store.describe(),
            policy.describe(),
            if dry_run { "would remove" } else { "removed" },
            crate::output::bytes(bytes as f64),
            planned.len() - gone,
        ));
        out.stdout(&text)?;
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(removed.len()),
    }
}

/// Removes one backup: its manifest first, so that an interrupted prune never leaves a manifest
/// without its files (what it leaves, files without a manifest, `--orphans` cleans).
fn remove(store: &dyn Storage, m: &Manifest) -> Result<()> {
    store.delete(&m.object_name())?;
    let _ = store.delete(&manifest::VerifyRecord::object_name(m));
    for part in &m.parts {
        store.delete(&part.name)?;
    }
    store.delete(&m.artifact)
}

/// `--orphans`: temporary files and unfinished uploads, and dbctl's backup files whose manifest
/// is missing, older than the grace period. Nothing that dbctl does not name is touched.
fn orphans(store: &dyn Storage, args: &PruneArgs, out: &Output) -> Result<u8> {
    let mut found: Vec<(String, &'static str, Option<crate::storage::Leftover>)> = Vec::new();
    for l in store.leftovers(&|n| manifest::parse_backup_name(n).is_some())? {
        if l.age >= args.grace {
            found.push((l.name.clone(), l.kind, Some(l)));
        }
    }
    let names = store.list()?;
    let with_manifest: std::collections::HashSet<&str> = names
        .iter()
        .filter(|n| n.ends_with(manifest::SUFFIX))
        .filter_map(|n| manifest::parse_backup_name(n).map(|(_, _, id)| id))
        .collect();
    let grace = chrono::Duration::from_std(args.grace).unwrap_or(chrono::Duration::MAX);
    for name in &names {
        let Some((_, stamp, id)) = manifest::parse_backup_name(name) else { continue };
        let made = chrono::NaiveDateTime::parse_from_str(stamp, manifest::STAMP_FORMAT).map(|t| t.and_utc());
        let old_enough = made.is_ok_and(|t| Utc::now() - t >= grace);
        if !name.ends_with(manifest::SUFFIX) && !with_manifest.contains(id) && old_enough {
            found.push((name.clone(), "backup file without a manifest", None));
        }
    }
    if !args.dry_run {
        for (name, _, leftover) in &found {
            match leftover {
                Some(l) => store.remove_leftover(l)?,
                None => store.delete(name)?,
            }
        }
    }
    if out.settings.json {
        let rows: Vec<serde_json::Value> =
            found.iter().map(|(name, kind, _)| serde_json::json!({ "name": name, "kind": kind })).collect();
        let value =
            serde_json::json!({ "storage": store.describe(), "dry_run": args.dry_run, "orphans": rows });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
    } else if !out.settings.quiet || args.dry_run {
        let mut text = String::new();
        for (name, kind, _) in &found {
            text.push_str(&format!(
                "{} {name} ({kind})\n",
                if args.dry_run { "would remove" } else { "removed" }
            ));
        }
        text.push_str(&format!(
            "{} orphan(s) older than {} in {}{}\n",
            found.len(),
            humantime::format_duration(args.grace),
            store.describe(),
            if args.dry_run { "; nothing removed (--dry-run)" } else { "" }
        ));
        out.stdout(&text)?;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
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
        /// Random histories of several databases: only this database's backups are ever
        /// removed, its newest always stays, and pruning again removes nothing more.
        #[test]
        fn only_this_databases_backups_go_and_never_the_newest(
            history in proptest::collection::vec((0usize..3, 1_700_000_000i64..1_800_000_000), 0..40),
            last in proptest::option::of(0u32..4),
            daily in proptest::option::of(0u32..4),
        ) {
            let dbs = ["app", "other", "app_2"];
            let all: Vec<Manifest> = history
                .iter()
                .enumerate()
                .map(|(i, (db, secs))| {
                    let t = DateTime::from_timestamp(*secs, 0).unwrap().to_rfc3339();
                    manifest(dbs[*db], &t, &format!("{i:06x}"))
                })
                .collect();
            let policy = Policy { keep_last: last, keep_daily: daily, ..Policy::default() };
            let planned = plan(&all, "app", &policy);
            prop_assert!(planned.iter().all(|p| p.m.database == "app"));
            if let Some(first) = planned.first() {
                prop_assert!(first.decision.keep, "the newest stays");
            }
            let kept: Vec<Manifest> = all
                .iter()
                .filter(|m| m.database != "app" || planned.iter().any(|p| p.m.id == m.id && p.decision.keep))
                .cloned()
                .collect();
            prop_assert!(plan(&kept, "app", &policy).iter().all(|p| p.decision.keep));
        }
    }
}
