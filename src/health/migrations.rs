//! The migrations check: the same read-only analysis as `dbctl migrate --check`.

use super::{Check, Report, Status, Unit};
use crate::db::Conn;
use crate::migrate::plan::{self, State, exit};
use crate::migrate::{ledger, source};

const C: &str = "migrations";

/// Adds the check when the project has a migrations directory (a host without the checkout
/// has nothing to compare the database with, and gets no check).
pub(super) fn check(conn: &mut Conn, cfg: &super::Config, report: &mut Report) {
    let dir = &cfg.migrate.dir;
    if !dir.is_dir() {
        return;
    }
    let (format, files) = match crate::migrate::run::load_files(&cfg.migrate) {
        Ok(f) => f,
        Err(e) => return report.push(Check::unknown(C, "state", &e)),
    };
    let read = match format {
        source::Format::Diesel => ledger::read(conn),
        source::Format::Prisma => crate::migrate::prisma::read(conn, &files),
    };
    let recorded = match read {
        Ok(r) => r,
        Err(e) => return report.push(Check::unknown(C, "state", &e)),
    };
    let analysis = plan::analyse(&files, &recorded);
    let findings: Vec<_> = analysis.findings().into_iter().filter(|f| f.code != exit::UP_TO_DATE).collect();
    let status = match findings.iter().map(|f| f.code).max() {
        None => Status::Ok,
        Some(code) if code >= exit::EDITED => Status::Critical,
        Some(_) => Status::Warning,
    };
    let waiting = analysis.to_apply().len();
    let message = if findings.is_empty() {
        let applied = analysis.entries.iter().filter(|e| e.state.is_applied()).count();
        let unverified = analysis.with_state(State::Unverified).count();
        let note = if unverified > 0 {
            format!(" ({unverified} unverified: run `dbctl migrate baseline`)")
        } else {
            String::new()
        };
        format!("all {applied} migrations applied{note}")
    } else {
        findings.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("; ")
    };
    report
        .push(Check { status, ..Check::measured(C, "pending", waiting as f64, Unit::Count, None, message) });
    if cfg.thresholds.drift {
        report.push(drift(&files, &analysis, cfg));
    }
}

/// `health.drift`: the schema against what the applied migrations make (see `migrate drift`).
fn drift(files: &[source::MigrationFile], analysis: &plan::Analysis, cfg: &super::Config) -> Check {
    let quiet = crate::output::Output::new(
        crate::settings::OutputSettings { quiet: true, json: false, ..cfg.output },
        cfg.redactor.clone(),
    );
    match crate::migrate::drift::check(files, analysis, &cfg.migrate, &quiet) {
        Err(e) => Check::unknown(C, "drift", &e),
        Ok(r) => {
            let n = r.differences.len();
            let message = if n == 0 {
                format!("the schema is what the {} make", crate::text::count(r.replayed, "applied migration"))
            } else {
                let shown: Vec<String> = r
                    .differences
                    .iter()
                    .take(5)
                    .map(|d| format!("{} {} {}", d.change, d.kind, d.object))
                    .collect();
                format!(
                    "{}: {}{}; `dbctl migrate drift` lists them",
                    crate::text::count(n, "difference"),
                    shown.join(", "),
                    if n > 5 { ", …" } else { "" }
                )
            };
            let status = if n == 0 { Status::Ok } else { Status::Critical };
            Check { status, ..Check::measured(C, "drift", n as f64, Unit::Count, None, message) }
        }
    }
}
