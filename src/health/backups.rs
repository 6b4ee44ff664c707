//! Backup checks: the storage answers, the newest backup is fresh (against the schedule, or
//! `health.backup_max_age`), and the latest `backup verify` passed.

use chrono::{DateTime, Utc};

use super::{Check, Report, Status, Threshold, Unit};
use crate::backup::manifest::{Manifest, VerifyRecord};

const C: &str = "backups";

pub(super) fn checks(cfg: &super::Config, out: &crate::output::Output, report: &mut Report) {
    if !cfg.backups_wanted {
        return;
    }
    let dests = crate::storage::open_each(&cfg.backup.backup.destinations);
    // Each destination is judged on its own: a copy missing in one is a problem there.
    let several = dests.len() > 1;
    // Which backups are this database's: asked of the database once, for every destination.
    let me = crate::backup::identity::Identity::current(&cfg.backup, out);
    for ((name, store), spec) in dests.iter().zip(&cfg.backup.backup.destinations) {
        let mut checks = Report::default();
        match store {
            Ok(store) => {
                // One listing of the destination serves every check of it.
                match crate::backup::catalog::read(store.as_ref()) {
                    Ok(catalog) => {
                        destination(store.as_ref(), &catalog, me.as_ref(), cfg, &mut checks);
                        recovery_window(spec, &catalog.manifests, &mut checks);
                        base_freshness(&catalog.manifests, me.as_ref(), cfg, &mut checks);
                    }
                    Err(e) => {
                        let msg = format!("cannot list {}: {e:#}", store.describe());
                        checks.push(Check::new(C, "storage", Status::Critical, msg));
                    }
                }
                // Object Lock configured: whether the bucket really enforces it.
                match store.immutability() {
                    Some(Ok(said)) => checks.push(Check::new(C, "immutability", Status::Ok, said)),
                    Some(Err(e)) => {
                        checks.push(Check::new(C, "immutability", Status::Critical, format!("{e:#}")))
                    }
                    None => {}
                }
            }
            Err(e) => checks.push(Check::new(C, "storage", Status::Critical, format!("{e:#}"))),
        }
        for c in checks.checks {
            report.push(c.at(several.then_some(name.as_str())));
        }
    }
}

/// With base backups in the destination: the window point-in-time recovery covers, from the
/// oldest base backup's end to the newest archived WAL file, and whether the chain between is
/// whole (`backup verify --wal`).
fn recovery_window(spec: &crate::storage::DestinationSpec, all: &[Manifest], report: &mut Report) {
    let bases: Vec<&Manifest> = all.iter().filter(|m| m.physical.is_some()).collect();
    let Some(oldest) = bases.iter().min_by_key(|m| m.started_at.clone()) else { return };
    let physical: Vec<&crate::backup::basebackup::Physical> =
        bases.iter().filter_map(|m| m.physical.as_ref()).collect();
    let chain = match crate::backup::wal::check_chain(spec, &physical) {
        Ok(c) => c,
        Err(e) => return report.push(Check::unknown("wal", "window", &e)),
    };
    let newest = chain.last.as_deref().and_then(|f| crate::backup::wal::archived_at(spec, f).ok());
    let to = match newest.as_ref().and_then(|t| DateTime::parse_from_rfc3339(t).ok()) {
        Some(t) => {
            format!("{} ago", crate::text::duration((Utc::now() - t.to_utc()).num_seconds().max(0) as f64))
        }
        None => "its end (no WAL archived after it yet)".to_string(),
    };
    let from = oldest.finished_at.get(..16).unwrap_or(&oldest.finished_at).replace('T', " ");
    if chain.is_complete() {
        report.push(Check::new(
            "wal",
            "window",
            Status::Ok,
            format!(
                "point-in-time recovery to any second from {from} to {to} ({} base backup(s))",
                bases.len()
            ),
        ));
    } else {
        let first_gap = chain
            .missing
            .first()
            .or(chain.incomplete.first())
            .or(chain.conflicting.first())
            .cloned()
            .unwrap_or_default();
        report.push(Check::new(
            "wal",
            "window",
            Status::Critical,
            format!(
                "the WAL archive has a gap at {first_gap}: recovery from the oldest base backup stops there \
                 (`dbctl backup verify --wal`); take a new base backup"
            ),
        ));
    }
}

/// With `backup.physical_schedule`: the newest base backup of this database against it, as
/// `backups.freshness` judges the dumps (a slot missed past the grace is a warning, two critical).
fn base_freshness(
    all: &[Manifest],
    me: Option<&crate::backup::identity::Identity>,
    cfg: &super::Config,
    report: &mut Report,
) {
    let Some(schedule) = &cfg.physical_schedule else { return };
    let newest = all.iter().rfind(|m| m.physical.is_some() && me.is_none_or(|me| me.owns(m)));
    let Some(m) = newest else {
        return report.push(Check::new(
            "wal",
            "base_backup",
            Status::Critical,
            format!("no base backup was made, though backup.physical_schedule is `{}`", schedule.as_str()),
        ));
    };
    let now = Utc::now();
    let started = started(m);
    let grace = chrono::Duration::from_std(cfg.thresholds.backup_grace).unwrap_or_default();
    let missed = missed_slots(schedule, started, now - grace);
    let mut check = Check::measured(
        "wal",
        "base_backup",
        (now - started).num_seconds().max(0) as f64,
        Unit::Seconds,
        None,
        format!(
            "newest base backup {} started {} ago; {} of `{}` missed since",
            m.id,
            crate::text::duration((now - started).num_seconds().max(0) as f64),
            crate::text::count(missed, "slot"),
            schedule.as_str()
        ),
    );
    check.status = match missed {
        0 => Status::Ok,
        1 => Status::Warning,
        _ => Status::Critical,
    };
    report.push(check);
}

fn destination(
    store: &dyn crate::storage::Storage,
    catalog: &crate::backup::catalog::Catalog,
    me: Option<&crate::backup::identity::Identity>,
    cfg: &super::Config,
    report: &mut Report,
) {
    if !catalog.skipped.is_empty() {
        let msg = format!(
            "{} skipped: {}",
            crate::text::count(catalog.skipped.len(), "manifest"),
            catalog.skipped.join("; ")
        );
        report.push(Check::new(C, "manifests", Status::Warning, msg));
    }
    let all = &catalog.manifests;
    report.push(Check::new(
        C,
        "storage",
        Status::Ok,
        format!("{} answers; {} with a manifest", store.describe(), crate::text::count(all.len(), "backup")),
    ));
    let Some(me) = me else {
        return;
    };
    let db = me.database.clone();
    if let Some(sources) = me.ambiguity(all) {
        return report.push(Check::new(
            C,
            "freshness",
            Status::Unknown,
            format!("{:#}", me.ambiguity_error(&sources)),
        ));
    }
    // The dumps: a fresh base backup does not hide stale dumps (wal.window speaks of those).
    let ours: Vec<&Manifest> = all.iter().filter(|m| me.owns(m) && m.physical.is_none()).collect();
    let now = Utc::now();
    report.push(freshness(ours.last().copied(), &db, cfg, now));
    if let Some(m) = ours.last() {
        let started = started(m);
        report.push(Check::measured(
            C,
            "last_success",
            started.timestamp() as f64,
            Unit::Timestamp,
            None,
            format!(
                "newest backup {} started {} ago",
                m.id,
                crate::text::std_duration((now - started).to_std().unwrap_or_default())
            ),
        ));
        report.push(Check::measured(
            C,
            "last_size",
            m.total_stored_bytes() as f64,
            Unit::Bytes,
            None,
            format!("newest backup {} stores {}", m.id, crate::text::bytes(m.total_stored_bytes() as f64)),
        ));
    }
    // The latest verify: that of the newest backup that has been verified.
    let names = match store.list() {
        Ok(n) => n,
        Err(e) => return report.push(Check::unknown(C, "verify", &e)),
    };
    let mut record = None;
    for m in ours.iter().rev() {
        match VerifyRecord::load(store, m, &names) {
            Ok(Some(r)) => {
                record = Some((m, r));
                break;
            }
            Ok(None) => {}
            Err(e) => return report.push(Check::unknown(C, "verify", &e)),
        }
    }
    report.push(match record {
        // Nothing verified is not "ok": whether the backups restore is not known.
        None => Check::new(
            C,
            "verify",
            Status::Unknown,
            "no backup of this database was verified yet: run `dbctl backup verify` (or `schedule run --verify`)",
        ),
        Some((m, r)) if r.ok => Check::new(
            C,
            "verify",
            Status::Ok,
            format!("{} verified at {}: {}", m.id, r.verified_at, r.detail),
        ),
        Some((m, r)) => Check::new(
            C,
            "verify",
            Status::Critical,
            format!("{} FAILED its verify at {}: {}", m.id, r.verified_at, r.detail),
        ),
    });
}

fn started(m: &Manifest) -> DateTime<Utc> {
    m.started().unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Against the schedule: a slot missed (its grace passed with no backup since) is a warning,
/// two are critical. Without a schedule: `backup_max_age` (warning), twice that (critical).
fn freshness(newest: Option<&Manifest>, db: &str, cfg: &super::Config, now: DateTime<Utc>) -> Check {
    let Some(m) = newest else {
        return Check::new(C, "freshness", Status::Critical, format!("no backup of {db} was ever made"));
    };
    let started = started(m);
    let age = (now - started).to_std().unwrap_or_default();
    let age_text = crate::text::duration(age.as_secs_f64());
    if let Some(schedule) = &cfg.backup.backup.schedule {
        let grace = chrono::Duration::from_std(cfg.thresholds.backup_grace).unwrap_or_default();
        let missed = missed_slots(schedule, started, now - grace);
        let status = match missed {
            0 => Status::Ok,
            1 => Status::Warning,
            _ => Status::Critical,
        };
        let mut check = Check::measured(
            C,
            "freshness",
            age.as_secs_f64(),
            Unit::Seconds,
            None,
            format!(
                "newest backup {} is {age_text} old; {} of `{}` missed since (grace {})",
                m.id,
                crate::text::count(missed, "slot"),
                schedule.as_str(),
                crate::text::std_duration(cfg.thresholds.backup_grace)
            ),
        );
        check.status = status;
        return check;
    }
    let max = cfg.thresholds.backup_max_age.unwrap_or(std::time::Duration::from_secs(26 * 3600));
    Check::measured(
        C,
        "freshness",
        age.as_secs_f64(),
        Unit::Seconds,
        Some(Threshold::durations(max, max * 2)),
        format!(
            "newest backup {} is {age_text} old (at most {} wanted)",
            m.id,
            crate::text::std_duration(max)
        ),
    )
}

/// Slots after `since` and at or before `until` (counting stops at 2, enough to judge).
fn missed_slots(schedule: &crate::crontab::Schedule, since: DateTime<Utc>, until: DateTime<Utc>) -> u32 {
    let mut n = 0;
    let mut from = since;
    while n < 2 {
        match schedule.next_after(&from) {
            Some(slot) if slot <= until => {
                n += 1;
                from = slot;
            }
            _ => break,
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missed_slots_count_after_the_grace() {
        let s = crate::crontab::Schedule::parse("0 2 * * *").unwrap();
        let t = |h: &str| DateTime::parse_from_rfc3339(h).unwrap().to_utc();
        let last = t("2026-11-20T02:00:05Z");
        assert_eq!(missed_slots(&s, last, t("2026-11-21T01:59:00Z")), 0);
        assert_eq!(missed_slots(&s, last, t("2026-11-21T02:00:00Z")), 1);
        assert_eq!(missed_slots(&s, last, t("2026-11-22T02:30:00Z")), 2);
        assert_eq!(missed_slots(&s, last, t("2026-12-22T02:30:00Z")), 2);
    }
}
