//! `dbctl backup prune`: the retention policy applied to the backups of this database in this
//! storage, and `--orphans`: what interrupted runs left.

use anyhow::Result;

use crate::backup::Config as BackupConfig;
use crate::backup::prune::{self, Pruned};
use crate::backup::retention::Policy;
use crate::cli::{PruneArgs, RetentionArgs};
use crate::output::Output;
use crate::settings::Settings;
use crate::storage::{DestinationSpec, Storage};
use crate::sys::beside;

pub fn run(args: &PruneArgs, specs: &[DestinationSpec], settings: &Settings, out: &Output) -> Result<u8> {
    if settings.backup.write_only {
        return Err(crate::backup::write_only_refuses("backup prune").into());
    }
    // Each destination on its own: retention counts the backups each one holds.
    let dests = crate::storage::open(specs)?;
    let mut docs = Vec::new();
    let mut failures = Vec::new();
    let me =
        if args.orphans { None } else { Some(prune::identity(&BackupConfig::from_settings(settings), out)?) };
    for (k, d) in dests.iter().enumerate() {
        let store = d.store.as_ref();
        let done = match &me {
            None => orphans(store, args, settings, k == 0, out),
            Some(me) => {
                let policy = policy(&args.rules, settings);
                prune::apply(store, &policy, args.dry_run, me, out).and_then(|pruned| match pruned {
                    None => Ok(None),
                    Some(pruned) => {
                        // A dry run's backups that would go (a real run's are gone already).
                        let going: Vec<String> = match args.dry_run {
                            true => pruned
                                .planned
                                .iter()
                                .filter(|p| !p.decision.keep)
                                .map(|p| p.manifest.id.clone())
                                .collect(),
                            false => Vec::new(),
                        };
                        let mut doc = render(&pruned, store, &policy, args.dry_run, out)?;
                        pruned.into_result()?;
                        // The WAL no kept base backup needs, once the backups are settled.
                        let wal = wal_retention(&specs[k], store, &going, args.dry_run, out)?;
                        if let (Some(doc), Some(wal)) = (doc.as_mut(), wal) {
                            doc["wal"] = wal;
                        }
                        Ok(doc)
                    }
                })
            }
        };
        match done {
            Ok(Some(mut doc)) => {
                doc["destination"] = d.name.as_str().into();
                docs.push(doc);
            }
            Ok(None) => {}
            Err(e) if dests.len() == 1 => return Err(e),
            Err(e) => {
                out.problem(&format!("{} ({}): {e:#}", d.name, store.describe()));
                failures.push(format!("{}: {e:#}", d.name));
            }
        }
    }
    if out.settings.json && !docs.is_empty() {
        // One destination: its document, as always; several: one per destination.
        let value = if docs.len() == 1 { docs.remove(0) } else { serde_json::Value::Array(docs) };
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
    }
    if !failures.is_empty() {
        anyhow::bail!(
            "pruning failed in {}: {}",
            crate::text::count(failures.len(), "destination"),
            failures.join("; ")
        );
    }
    Ok(0)
}

/// WAL retention in one destination (see `prune::prune_wal`), as the JSON document's `wal`.
fn wal_retention(
    spec: &DestinationSpec,
    store: &dyn Storage,
    going: &[String],
    dry_run: bool,
    out: &Output,
) -> Result<Option<serde_json::Value>> {
    let done = prune::prune_wal(spec, store, going, dry_run, out)?;
    if done.files == 0 && done.kept == 0 {
        return Ok(None);
    }
    Ok(Some(
        serde_json::json!({ "before": done.floor, "removed": done.files, "kept": done.kept, "dry_run": dry_run }),
    ))
}

/// The configured policy, with the rules given as flags in place of the configured ones.
fn policy(flags: &RetentionArgs, settings: &Settings) -> Policy {
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

/// Prints the plan for people, or returns it as JSON for the caller to print.
fn render(
    pruned: &Pruned,
    store: &dyn Storage,
    policy: &Policy,
    dry_run: bool,
    out: &Output,
) -> Result<Option<serde_json::Value>> {
    let (db, planned) = (&pruned.database, &pruned.planned);
    if out.settings.json {
        let rows: Vec<serde_json::Value> = planned
            .iter()
            .map(|p| {
                let m = &p.manifest;
                serde_json::json!({
                    "id": m.id, "artifact": m.artifact, "started_at": m.started_at,
                    "keep": p.decision.keep, "reasons": p.decision.reasons,
                    "removed": pruned.was_removed(m), "locked_until": pruned.locked_until(m),
                })
            })
            .collect();
        return Ok(Some(serde_json::json!({
            "database": db, "storage": store.describe(), "policy": policy.describe(),
            "dry_run": dry_run, "backups": rows,
        })));
    }
    if !out.settings.quiet || dry_run {
        let rows: Vec<Vec<String>> = planned
            .iter()
            .map(|p| {
                let m = &p.manifest;
                let action = match (p.decision.keep, dry_run, pruned.was_removed(m)) {
                    (true, _, _) => "keep".to_string(),
                    (false, true, _) => "remove".to_string(),
                    (false, false, true) => "removed".to_string(),
                    (false, false, false) => match pruned.locked_until(m) {
                        Some(until) => format!("locked until {until}"),
                        None => "not removed".to_string(),
                    },
                };
                vec![
                    action,
                    m.id.clone(),
                    m.started_at.get(..19).unwrap_or(&m.started_at).to_string(),
                    crate::text::bytes(m.stored_bytes as f64),
                    if p.decision.keep { p.decision.reasons.join(", ") } else { "no rule keeps it".into() },
                ]
            })
            .collect();
        let mut text =
            crate::output::table(&["ACTION", "ID", "STARTED", "SIZE", "WHY"], &rows, |_, _, s| s.to_string());
        // Those the storage still locks are neither removed nor kept by a rule.
        let going = |p: &&crate::backup::prune::Planned| {
            !p.decision.keep && pruned.locked_until(&p.manifest).is_none()
        };
        let gone = planned.iter().filter(going).count();
        let bytes: u64 = planned.iter().filter(going).map(|p| p.manifest.stored_bytes).sum();
        text.push_str(&format!(
            "{} of {db} in {}; policy: {}; {} {gone} ({}), keep {}\n",
            crate::text::count(planned.len(), "backup"),
            store.describe(),
            policy.describe(),
            if dry_run { "would remove" } else { "removed" },
            crate::text::bytes(bytes as f64),
            planned.len() - gone - pruned.locked.len(),
        ));
        if !pruned.locked.is_empty() {
            text.push_str(&format!(
                "{} the storage still locks (S3 Object Lock) {} left; a later prune removes them\n",
                crate::text::count(pruned.locked.len(), "backup"),
                if pruned.locked.len() == 1 { "was" } else { "were" }
            ));
        }
        if pruned.others > 0 {
            text.push_str(&format!(
                "{} of a database named {db} from other sources (another server, or another \
                 backup.name) {} not this database's and {} left alone\n",
                crate::text::count(pruned.others, "backup"),
                if pruned.others == 1 { "is" } else { "are" },
                if pruned.others == 1 { "was" } else { "were" }
            ));
        }
        out.stdout(&text)?;
    }
    Ok(None)
}

/// `--orphans`: temporary files and unfinished uploads, and dbctl's backup files whose manifest
/// is missing, older than the grace period. Nothing that dbctl does not name is touched.
/// `beside`: also the copies beside the SQLite database (once per run, with the first destination).
fn orphans(
    store: &dyn Storage,
    args: &PruneArgs,
    settings: &Settings,
    beside: bool,
    out: &Output,
) -> Result<Option<serde_json::Value>> {
    let first = beside;
    let orphans = prune::orphans(store, args.grace, &BackupConfig::from_settings(settings))?;
    if !args.dry_run {
        prune::remove_orphans(store, &orphans)?;
    }
    for db in &orphans.running {
        out.info(&format!("a backup of {db} is running: its files are left alone"));
    }
    // Beside a SQLite database: the copies of restores and backups that were killed (a copy a
    // running process holds is locked, and never listed).
    let beside: Vec<(String, String)> = match &settings.database.target {
        crate::db::DbTarget::Sqlite { path, .. } if beside => {
            let stale =
                if args.dry_run { beside::stale(path)? } else { beside::remove_stale(path, &mut |_| {})? };
            stale.iter().map(|s| (s.path.display().to_string(), s.kind.describe().to_string())).collect()
        }
        _ => Vec::new(),
    };
    // Shadow clusters of `migrate drift` runs that were killed, once per run.
    let mut beside = beside;
    if first {
        for dir in crate::migrate::scratch_cluster::stale_shadows(args.dry_run) {
            beside.push((dir.display().to_string(), "a killed migrate drift's shadow cluster".into()));
        }
        // And the shadow databases such runs left on the server.
        if let crate::db::DbTarget::Postgres { url } = &settings.database.target
            && let Some(db) = crate::redact::url_database(url)
        {
            for (kind, what) in [
                ("drift", "a killed migrate drift's shadow database"),
                ("rehearse", "a killed migrate rehearse's scratch database"),
            ] {
                match crate::db::admin::stale_scratch_databases(
                    url,
                    &db,
                    kind,
                    settings.database.connect_timeout,
                    args.dry_run,
                ) {
                    Ok(names) => beside.extend(names.into_iter().map(|n| (n, what.to_string()))),
                    Err(e) => {
                        out.warn(&format!("could not look for databases killed {kind} runs left: {e:#}"))
                    }
                }
            }
        }
    }
    let found = &orphans.found;
    if out.settings.json {
        let mut rows: Vec<serde_json::Value> =
            found.iter().map(|o| serde_json::json!({ "name": o.name, "kind": o.kind })).collect();
        rows.extend(beside.iter().map(|(name, kind)| serde_json::json!({ "name": name, "kind": kind })));
        return Ok(Some(
            serde_json::json!({ "storage": store.describe(), "dry_run": args.dry_run, "orphans": rows }),
        ));
    }
    if !out.settings.quiet || args.dry_run {
        let mut text = String::new();
        let verb = if args.dry_run { "would remove" } else { "removed" };
        for o in found {
            text.push_str(&format!("{verb} {} ({})\n", o.name, o.kind));
        }
        for (name, kind) in &beside {
            text.push_str(&format!("{verb} {name} ({kind})\n"));
        }
        text.push_str(&format!(
            "{} older than {} in {}{}\n",
            crate::text::count(found.len(), "orphan"),
            crate::text::std_duration(args.grace),
            store.describe(),
            if args.dry_run { "; nothing removed (--dry-run)" } else { "" }
        ));
        out.stdout(&text)?;
    }
    Ok(None)
}
