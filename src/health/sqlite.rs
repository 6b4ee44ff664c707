//! SQLite vital signs.

use super::{Check, Report, Status, Unit};
use crate::db::{Conn, DbTarget};

const C: &str = "database";

/// Free pages as a percentage of the file.
pub(crate) const FREELIST_PERCENT: &str = "SELECT CAST(CASE WHEN page_count = 0 THEN 0 \
     ELSE freelist_count * 100.0 / page_count END AS REAL) AS v FROM pragma_freelist_count, pragma_page_count";

pub(super) fn checks(
    conn: &mut Conn,
    target: &DbTarget,
    t: &crate::settings::HealthThresholds,
    report: &mut Report,
) {
    match conn.query_text("SELECT sqlite_version() AS v") {
        Ok(v) => report.push(Check::info(C, "version", v.clone(), format!("SQLite {v}"))),
        Err(e) => report.push(Check::unknown(C, "version", &e)),
    }

    match conn.query_text("SELECT group_concat(quick_check, '; ') AS v FROM pragma_quick_check") {
        Ok(v) if v == "ok" => report.push(Check::info(C, "integrity", "ok", "PRAGMA quick_check: ok")),
        Ok(v) => report.push(Check {
            value: Some(super::Value::Text(v.clone())),
            ..Check::new(C, "integrity", Status::Critical, format!("PRAGMA quick_check found damage: {v}"))
        }),
        Err(e) => report.push(Check::new(
            C,
            "integrity",
            Status::Critical,
            format!("PRAGMA quick_check failed: {e:#}"),
        )),
    }

    match conn.query_text("SELECT journal_mode AS v FROM pragma_journal_mode") {
        Ok(mode) => report.push(Check::info(C, "journal_mode", mode.clone(), format!("journal mode {mode}"))),
        Err(e) => report.push(Check::unknown(C, "journal_mode", &e)),
    }

    let size =
        conn.query_int("SELECT (page_count * page_size) AS v FROM pragma_page_count, pragma_page_size");
    match size {
        Ok(bytes) => {
            let place = match target {
                DbTarget::Sqlite { path, .. } => format!(" in {}", path.display()),
                _ => " in memory".to_string(),
            };
            report.push(Check::measured(
                C,
                "size",
                bytes as f64,
                Unit::Bytes,
                None,
                format!("database uses {}{place}", crate::text::bytes(bytes as f64)),
            ))
        }
        Err(e) => report.push(Check::unknown(C, "size", &e)),
    }
    freelist(conn, t, report);
}

/// Free pages, against the file: space a `VACUUM` (`dbctl maintain`) gives back.
fn freelist(conn: &mut Conn, t: &crate::settings::HealthThresholds, report: &mut Report) {
    match conn.query_float(FREELIST_PERCENT) {
        Ok(Some(pct)) => report.push(Check::measured(
            C,
            "freelist",
            pct,
            Unit::Percent,
            Some(super::Threshold::new(t.freelist_warn, t.freelist_crit)),
            format!(
                "{} of the file is free pages; `dbctl maintain` (VACUUM) gives them back",
                crate::text::percent(pct)
            ),
        )),
        Ok(None) => {}
        Err(e) => report.push(Check::unknown(C, "freelist", &e)),
    }
}
