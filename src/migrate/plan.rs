//! What state each migration is in, and what CI should hear about it. Pure: files and recorded
//! rows in, analysis out.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::ledger::{Recorded, RunRow};
use super::source::MigrationFile;

/// The state of one migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Applied, and the file is what was applied.
    Applied,
    /// Not applied yet, newer than everything applied.
    Pending,
    /// Not applied yet, but older than the newest applied one (a merge brought it in late).
    OutOfOrder,
    /// Applied, but `up.sql` changed since.
    Edited,
    /// Applied, but its directory is gone.
    Missing,
    /// Applied by another tool: no checksum recorded yet (`dbctl migrate baseline` records one).
    Unverified,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Applied => "applied",
            State::Pending => "pending",
            State::OutOfOrder => "out of order",
            State::Edited => "edited",
            State::Missing => "missing",
            State::Unverified => "unverified",
        }
    }

    pub fn is_applied(self) -> bool {
        matches!(self, State::Applied | State::Edited | State::Missing | State::Unverified)
    }
}

/// One line of `migrate status`.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub version: String,
    /// Directory name; for a missing migration, the name the ledger remembers, if any.
    pub name: Option<String>,
    pub state: State,
    /// When it was applied (dbctl's ledger, else diesel's run_on).
    pub applied_at: Option<String>,
    /// Position in the order migrations actually ran (1 = first), when known.
    pub run_order: Option<usize>,
    /// Index into the files, when the directory exists.
    #[serde(skip)]
    pub file: Option<usize>,
}

/// Exit codes of `migrate --check`. They skip 2 (usage or configuration error); when several
/// findings apply, the highest code wins.
pub mod exit {
    pub const UP_TO_DATE: u8 = 0;
    pub const PENDING: u8 = 10;
    pub const OUT_OF_ORDER: u8 = 11;
    pub const EDITED: u8 = 12;
    pub const MISSING: u8 = 13;
    pub const LAST_RUN_FAILED: u8 = 14;
}

/// The whole picture.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub entries: Vec<Entry>,
    pub last_run: Option<RunRow>,
    /// Who holds the migration lock at the time of the analysis (a run in progress).
    pub running_now: Option<String>,
    /// Whether the database has its migration ledger at all.
    pub ledger_exists: bool,
    /// Prisma's folders and `_prisma_migrations` (the messages name Prisma's fixes).
    pub prisma: bool,
    /// The ledger's highest `seq` (0 when empty), and the versions it has a row for.
    pub ledger_seq: i64,
    pub ledger_versions: HashSet<String>,
}

/// Combines the files and the recorded rows.
pub fn analyse(files: &[MigrationFile], rec: &Recorded) -> Analysis {
    let applied: HashSet<&str> = rec.diesel.iter().map(|r| r.version.as_str()).collect();
    let ledger: HashMap<&str, usize> =
        rec.ledger.iter().enumerate().map(|(i, r)| (r.version.as_str(), i)).collect();
    let newest_applied = rec.diesel.iter().map(|r| r.version.as_str()).max();
    let order = run_order(rec);
    let mut entries = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let state = if applied.contains(f.version.as_str()) {
            match ledger.get(f.version.as_str()) {
                Some(&l) if rec.ledger[l].checksum != f.checksum => State::Edited,
                Some(_) => State::Applied,
                None => State::Unverified,
            }
        } else if newest_applied.is_some_and(|n| f.version.as_str() < n) {
            State::OutOfOrder
        } else {
            State::Pending
        };
        entries.push(Entry {
            version: f.version.clone(),
            name: Some(f.name.clone()),
            state,
            applied_at: applied_at(rec, &f.version),
            run_order: order.get(f.version.as_str()).copied(),
            file: Some(i),
        });
    }
    let known: HashSet<&str> = files.iter().map(|f| f.version.as_str()).collect();
    for row in rec.diesel.iter().filter(|r| !known.contains(r.version.as_str())) {
        entries.push(Entry {
            version: row.version.clone(),
            name: ledger.get(row.version.as_str()).map(|&l| rec.ledger[l].name.clone()),
            state: State::Missing,
            applied_at: applied_at(rec, &row.version),
            run_order: order.get(row.version.as_str()).copied(),
            file: None,
        });
    }
    entries.sort_by(|a, b| a.version.cmp(&b.version));
    let prisma = files.first().is_some_and(|f| f.format == super::source::Format::Prisma)
        || rec.ledger.first().is_some_and(|l| l.how == "prisma");
    Analysis {
        entries,
        last_run: rec.last_run.clone(),
        running_now: None,
        ledger_exists: rec.has_diesel_table,
        prisma,
        ledger_seq: rec.ledger.iter().map(|l| l.seq).max().unwrap_or(0),
        ledger_versions: rec.ledger.iter().map(|l| l.version.clone()).collect(),
    }
}

fn applied_at(rec: &Recorded, version: &str) -> Option<String> {
    rec.ledger
        .iter()
        .find(|l| l.version == version)
        .map(|l| l.applied_at.clone())
        .or_else(|| rec.diesel.iter().find(|d| d.version == version).and_then(|d| d.run_on.clone()))
        .map(|t| uniform_time(&t))
}

/// One form for every ledger's time, whichever backend and tool wrote it (dbctl's RFC 3339,
/// PostgreSQL's `2026-01-01 10:00:00.123+00`, diesel's zone-less `2026-01-01 10:00:00`, Prisma's
/// SQLite milliseconds): RFC 3339 in UTC, to the second. Zone-less times are read as UTC (what
/// diesel_cli and the servers' default write). Anything else is shown as stored.
pub fn uniform_time(text: &str) -> String {
    use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
    let t = text.trim();
    let parsed: Option<DateTime<Utc>> = DateTime::parse_from_rfc3339(t)
        .ok()
        .map(|d| d.with_timezone(&Utc))
        .or_else(|| {
            // PostgreSQL writes `+00` (no minutes); chrono's %#z reads it.
            DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f%#z").ok().map(|d| d.with_timezone(&Utc))
        })
        .or_else(|| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f").ok().map(|n| n.and_utc()))
        .or_else(|| t.parse::<i64>().ok().and_then(DateTime::from_timestamp_millis));
    parsed.map_or_else(|| t.to_string(), |d| d.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// The order applied migrations actually ran in: those another tool applied first (by diesel's
/// run_on, then version), then dbctl's ledger order.
fn run_order(rec: &Recorded) -> HashMap<&str, usize> {
    let in_ledger: HashSet<&str> = rec.ledger.iter().map(|l| l.version.as_str()).collect();
    let mut foreign: Vec<_> = rec.diesel.iter().filter(|d| !in_ledger.contains(d.version.as_str())).collect();
    foreign.sort_by(|a, b| a.run_on.cmp(&b.run_on).then_with(|| a.version.cmp(&b.version)));
    let applied: HashSet<&str> = rec.diesel.iter().map(|d| d.version.as_str()).collect();
    let mut ledger: Vec<_> = rec.ledger.iter().filter(|l| applied.contains(l.version.as_str())).collect();
    ledger.sort_by_key(|l| l.seq);
    foreign
        .iter()
        .map(|d| d.version.as_str())
        .chain(ledger.iter().map(|l| l.version.as_str()))
        .enumerate()
        .map(|(i, v)| (v, i + 1))
        .collect()
}

/// One thing `--check` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// pending, out_of_order, edited, missing, last_run_failed, unverified.
    pub kind: &'static str,
    pub code: u8,
    pub message: String,
}

impl Analysis {
    pub fn with_state(&self, state: State) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.state == state)
    }

    /// Migrations to apply, in version order (out-of-order ones included).
    pub fn to_apply(&self) -> Vec<&Entry> {
        self.entries.iter().filter(|e| matches!(e.state, State::Pending | State::OutOfOrder)).collect()
    }

    /// Applied migrations, most recently run first.
    pub fn applied_newest_first(&self) -> Vec<&Entry> {
        let mut applied: Vec<&Entry> = self.entries.iter().filter(|e| e.state.is_applied()).collect();
        applied.sort_by(|a, b| b.run_order.cmp(&a.run_order).then_with(|| b.version.cmp(&a.version)));
        applied
    }

    /// Whether the last run failed (or was interrupted: still marked running, with nobody holding
    /// the lock).
    pub fn last_run_failed(&self) -> Option<&RunRow> {
        self.last_run
            .as_ref()
            .filter(|r| r.status == "failed" || (r.status == "running" && self.running_now.is_none()))
    }

    /// The findings, worst first. Unverified migrations are reported but are not a failure.
    pub fn findings(&self) -> Vec<Finding> {
        let names = |state: State| -> Vec<String> {
            self.with_state(state).map(|e| e.name.clone().unwrap_or_else(|| e.version.clone())).collect()
        };
        let mut out = Vec::new();
        if let Some(holder) = &self.running_now {
            out.push(Finding {
                kind: "running",
                code: exit::UP_TO_DATE,
                message: format!("a migration run is in progress: {holder}"),
            });
        }
        if let Some(run) = self.last_run_failed() {
            let what = match (run.status.as_str(), &run.failed_version) {
                ("running", _) => "was interrupted before it finished".to_string(),
                (_, Some(v)) => format!("failed at {v}"),
                _ => "failed".to_string(),
            };
            let message = match (&run.failed_version, self.prisma) {
                (Some(name), true) if run.status == "failed" => format!(
                    "migration {name} failed (started at {}){}; no further migration runs until it is \
                     resolved: undo what it did and run `dbctl migrate resolve --rolled-back {name}` (it runs \
                     again next time), or finish it by hand and run `dbctl migrate resolve --applied {name}`",
                    run.started_at,
                    run.error.as_deref().map(|e| format!(": {e}")).unwrap_or_default()
                ),
                _ => format!(
                    "last run failed: `{}` by {} at {} {what}{}; fix the migration and run `dbctl migrate` again",
                    run.command,
                    run.run_by,
                    run.started_at,
                    run.error.as_deref().map(|e| format!(": {e}")).unwrap_or_default()
                ),
            };
            out.push(Finding { kind: "last_run_failed", code: exit::LAST_RUN_FAILED, message });
        }
        let list = |kind: &'static str, code: u8, state: State, text: &str| {
            let items = names(state);
            (!items.is_empty()).then(|| Finding {
                kind,
                code,
                message: format!("{} {}: {}{text}", items.len(), state.as_str(), items.join(", ")),
            })
        };
        out.extend(list(
            "missing",
            exit::MISSING,
            State::Missing,
            " (applied, but the directory is gone; restore it from version control)",
        ));
        out.extend(list(
            "edited",
            exit::EDITED,
            State::Edited,
            if self.prisma {
                " (migration.sql changed after it was applied; revert the edit, or accept it with `dbctl migrate --allow-edited`)"
            } else {
                " (up.sql changed after it was applied; revert the edit, or accept it with `dbctl migrate --allow-edited` or `dbctl migrate baseline`)"
            },
        ));
        out.extend(list(
            "out_of_order",
            exit::OUT_OF_ORDER,
            State::OutOfOrder,
            " (older than the newest applied migration; `dbctl migrate` applies it)",
        ));
        out.extend(list("pending", exit::PENDING, State::Pending, " (run `dbctl migrate`)"));
        out.extend(list(
            "unverified",
            exit::UP_TO_DATE,
            State::Unverified,
            " (applied by another tool; `dbctl migrate baseline` records their checksums)",
        ));
        out
    }

    /// The exit code of `--check`: the worst finding's.
    pub fn check_code(&self) -> u8 {
        self.findings().iter().map(|f| f.code).max().unwrap_or(exit::UP_TO_DATE)
    }
}

#[cfg(test)]
mod tests {
    use super::super::ledger::{DieselRow, LedgerRow};
    use super::*;
    use std::path::PathBuf;

    fn file(version: &str, up: &str) -> MigrationFile {
        MigrationFile {
            format: super::super::source::Format::Diesel,
            version: version.into(),
            name: format!("{version}_m"),
            dir: PathBuf::from(format!("/m/{version}_m")),
            up: up.into(),
            down: None,
            run_in_transaction: true,
            checksum: super::super::source::checksum(up),
        }
    }

    fn diesel(version: &str, run_on: &str) -> DieselRow {
        DieselRow { version: version.into(), run_on: Some(run_on.into()) }
    }

    fn ledger(version: &str, up: &str, seq: i64) -> LedgerRow {
        LedgerRow {
            version: version.into(),
            name: format!("{version}_m"),
            checksum: super::super::source::checksum(up),
            applied_at: format!("2026-01-01T00:00:{seq:02}Z"),
            seq,
            duration_ms: 1,
            applied_by: "t".into(),
            dbctl_version: "0".into(),
            how: "run".into(),
        }
    }

    fn states(a: &Analysis) -> Vec<(&str, State)> {
        a.entries.iter().map(|e| (e.version.as_str(), e.state)).collect()
    }

    #[test]
    fn every_ledgers_time_reads_the_same() {
        for written in [
            "2026-12-06T13:44:21.854140Z",
            "2026-12-06 13:44:21.854+00",
            "2026-12-06 13:44:21.854",
            "2026-12-06 13:44:21",
            "1796564661854",
        ] {
            assert_eq!(uniform_time(written), "2026-12-06T13:44:21Z", "{written}");
        }
        assert_eq!(uniform_time("2026-12-06 14:44:21+01"), "2026-12-06T13:44:21Z");
        assert_eq!(uniform_time("not a time"), "not a time");
    }

    #[test]
    fn every_state() {
        let files = [file("1", "a"), file("2", "b-edited"), file("3", "c"), file("4", "d"), file("6", "f")];
        let rec = Recorded {
            diesel: vec![diesel("1", "t1"), diesel("2", "t1"), diesel("3", "t0"), diesel("5", "t1")],
            ledger: vec![ledger("1", "a", 1), ledger("2", "b", 2), ledger("5", "e", 3)],
            last_run: None,
            has_diesel_table: true,
        };
        let a = analyse(&files, &rec);
        assert_eq!(
            states(&a),
            [
                ("1", State::Applied),
                ("2", State::Edited),
                ("3", State::Unverified),
                ("4", State::OutOfOrder),
                ("5", State::Missing),
                ("6", State::Pending)
            ]
        );
        assert_eq!(a.check_code(), exit::MISSING);
        let kinds: Vec<&str> = a.findings().iter().map(|f| f.kind).collect();
        assert_eq!(kinds, ["missing", "edited", "out_of_order", "pending", "unverified"]);

        // A run marked running is interrupted unless someone holds the lock right now.
        let mut running = rec.clone();
        running.last_run = Some(RunRow {
            id: 1,
            command: "migrate".into(),
            started_at: "t".into(),
            finished_at: None,
            status: "running".into(),
            failed_version: None,
            error: None,
            run_by: "ci@host".into(),
        });
        let mut a = analyse(&files, &running);
        assert_eq!(a.check_code(), exit::LAST_RUN_FAILED);
        a.running_now = Some("pid 7".into());
        assert_eq!(a.check_code(), exit::MISSING);
        assert!(a.findings().iter().any(|f| f.kind == "running" && f.message.contains("pid 7")));
        let apply: Vec<&str> = a.to_apply().iter().map(|e| e.version.as_str()).collect();
        assert_eq!(apply, ["4", "6"]);
    }

    #[test]
    fn codes_by_worst_finding() {
        let files = [file("1", "a"), file("2", "b")];
        let up_to_date = Recorded {
            diesel: vec![diesel("1", "t"), diesel("2", "t")],
            ledger: vec![ledger("1", "a", 1), ledger("2", "b", 2)],
            ..Default::default()
        };
        assert_eq!(analyse(&files, &up_to_date).check_code(), exit::UP_TO_DATE);
        assert!(analyse(&files, &up_to_date).findings().is_empty());

        let fresh = Recorded::default();
        assert_eq!(analyse(&files, &fresh).check_code(), exit::PENDING);

        let foreign = Recorded { diesel: vec![diesel("1", "t"), diesel("2", "t")], ..Default::default() };
        let a = analyse(&files, &foreign);
        assert_eq!(a.check_code(), exit::UP_TO_DATE, "unverified alone is not a failure");
        assert_eq!(a.findings()[0].kind, "unverified");

        let failed = Recorded {
            last_run: Some(RunRow {
                id: 1,
                command: "migrate".into(),
                started_at: "t".into(),
                finished_at: Some("t".into()),
                status: "failed".into(),
                failed_version: Some("2".into()),
                error: Some("syntax error".into()),
                run_by: "ci@host".into(),
            }),
            ..up_to_date
        };
        let a = analyse(&files, &failed);
        assert_eq!(a.check_code(), exit::LAST_RUN_FAILED);
        assert!(a.findings()[0].message.contains("failed at 2: syntax error"), "{:?}", a.findings());
    }

    #[test]
    fn run_order_follows_what_actually_ran() {
        let files = [file("1", "a"), file("2", "b"), file("3", "c")];
        // 3 ran before 2 (an out-of-order merge), 1 was applied by another tool earlier.
        let rec = Recorded {
            diesel: vec![diesel("1", "2020"), diesel("2", "2026"), diesel("3", "2026")],
            ledger: vec![ledger("3", "c", 1), ledger("2", "b", 2)],
            ..Default::default()
        };
        let a = analyse(&files, &rec);
        let newest_first: Vec<&str> = a.applied_newest_first().iter().map(|e| e.version.as_str()).collect();
        assert_eq!(newest_first, ["2", "3", "1"]);
    }
}
