//! The health report as a table, JSON, or Prometheus text.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Check, Report, Status, Unit, Value};
use crate::output::Style;
use crate::text::{bytes, duration, percent};

fn number(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Seconds => duration(value),
        Unit::Bytes => bytes(value),
        Unit::Percent => percent(value),
        Unit::Count => format!("{value}"),
        Unit::Timestamp => chrono::DateTime::from_timestamp(value as i64, 0)
            .map_or_else(|| format!("{value}"), |t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string()),
    }
}

fn value_text(c: &Check) -> String {
    match (&c.value, c.unit) {
        (Some(Value::Number(n)), Some(unit)) => number(*n, unit),
        (Some(Value::Number(n)), None) => format!("{n}"),
        (Some(Value::Text(t)), _) => t.clone(),
        (None, _) => "-".to_string(),
    }
}

fn threshold_text(c: &Check) -> String {
    let (Some(t), Some(unit)) = (c.threshold, c.unit) else { return "-".to_string() };
    let mut parts = Vec::new();
    if let Some(w) = t.warn {
        parts.push(format!("warn ≥ {}", number(w, unit)));
    }
    if let Some(cr) = t.crit {
        parts.push(format!("crit ≥ {}", number(cr, unit)));
    }
    parts.join(", ")
}

pub fn status_style(s: Status) -> Style {
    match s {
        Status::Ok => Style::Good,
        Status::Warning => Style::Warn,
        Status::Critical => Style::Bad,
        Status::Unknown => Style::Dim,
    }
}

/// How wide the human table is, unless `--wide`.
pub const TABLE_WIDTH: usize = 100;

/// The table; with `problems_only`, only checks that are not ok (nothing at all when all are).
/// With `width`, the table fits it: the thresholds go into DETAIL, which is wrapped (keeping 30
/// columns at least); without, a THRESHOLD column and DETAIL on one line. `database`, the
/// database's URL or path (password hidden), is said once above the table and not in each DETAIL.
pub fn human(
    report: &Report,
    color: bool,
    problems_only: bool,
    width: Option<usize>,
    database: Option<&str>,
) -> String {
    let checks: Vec<&crate::health::Check> =
        report.checks.iter().filter(|c| !problems_only || c.status != Status::Ok).collect();
    if checks.is_empty() && problems_only {
        return String::new();
    }
    let detail = |message: &str| match database.filter(|d| !d.is_empty()) {
        Some(d) => message.replace(&format!(" in {d}"), "").replace(&format!(" {d}"), ""),
        None => message.to_string(),
    };
    let cells: Vec<Vec<String>> = checks
        .iter()
        .map(|c| {
            let (title, status, value, threshold) =
                (c.title(), c.status.as_str().to_string(), value_text(c), threshold_text(c));
            let message = detail(&c.message);
            match (width, threshold.as_str()) {
                (None, _) => vec![title, status, value, threshold, message],
                (Some(_), "-") => vec![title, status, value, message],
                (Some(_), t) => vec![title, status, value, format!("{message} ({t})")],
            }
        })
        .collect();
    let header: &[&str] = match width {
        None => &["CHECK", "STATUS", "VALUE", "THRESHOLD", "DETAIL"],
        Some(_) => &["CHECK", "STATUS", "VALUE", "DETAIL"],
    };
    let last = header.len() - 1;
    let left: usize = (0..last)
        .map(|i| cells.iter().map(|r| r[i].chars().count()).chain([header[i].len()]).max().unwrap_or(0) + 2)
        .sum();
    let detail_width = width.map(|w| w.saturating_sub(left).max(30));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut statuses: Vec<Status> = Vec::new();
    for (c, mut row) in checks.iter().zip(cells) {
        let detail = row.pop().unwrap_or_default();
        let lines = match detail_width {
            Some(w) => crate::text::wrap(&detail, w),
            None => vec![detail],
        };
        for (i, line) in lines.into_iter().enumerate() {
            let mut shown: Vec<String> = if i == 0 { row.clone() } else { vec![String::new(); row.len()] };
            shown.push(line);
            rows.push(shown);
            statuses.push(c.status);
        }
    }
    let mut out =
        database.map_or(String::new(), |d| format!("database: {}\n\n", crate::text::escape_controls(d)));
    out += &crate::output::table(header, &rows, |r, col, cell| {
        if col == 1 { status_style(statuses[r]).paint(cell, color) } else { cell.to_string() }
    });
    let status = report.status();
    let _ = writeln!(
        out,
        "\nhealth: {} (exit {})",
        status_style(status).paint(&status.as_str().to_uppercase(), color),
        status.code()
    );
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    status: Status,
    exit_code: u8,
    checked_at: String,
    dbctl_version: &'static str,
    checks: &'a [Check],
}

pub fn json(report: &Report) -> String {
    let doc = JsonReport {
        status: report.status(),
        exit_code: report.status().code(),
        checked_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        dbctl_version: env!("CARGO_PKG_VERSION"),
        checks: &report.checks,
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a report always serializes");
    text.push('\n');
    text
}

fn label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// `,destination="s3"` for a check about one backup destination, `,server="main"` for one about
/// a configured server.
fn destination_label(c: &Check) -> String {
    let mut text = c.destination.map(|d| format!(",destination=\"{}\"", label(d))).unwrap_or_default();
    if let Some(s) = &c.server {
        text.push_str(&format!(",server=\"{}\"", label(s)));
    }
    text
}

/// Prometheus text exposition format, for node-exporter's textfile collector. Percentages are
/// exported as ratios (0–1), durations in seconds, sizes in bytes.
pub fn prometheus(report: &Report) -> String {
    let mut out = String::new();
    let status = report.status();
    let _ = writeln!(
        out,
        "# HELP dbctl_health_status Worst status of all checks: 0 ok, 1 warning, 2 critical, 3 unknown."
    );
    let _ = writeln!(out, "# TYPE dbctl_health_status gauge");
    let _ = writeln!(out, "dbctl_health_status {}", status.code());
    let _ = writeln!(
        out,
        "# HELP dbctl_health_check_status Status of one check: 0 ok, 1 warning, 2 critical, 3 unknown."
    );
    let _ = writeln!(out, "# TYPE dbctl_health_check_status gauge");
    for c in &report.checks {
        let _ = writeln!(
            out,
            "dbctl_health_check_status{{component=\"{}\",check=\"{}\"{}}} {}",
            label(c.component),
            label(c.name),
            destination_label(c),
            c.status.code()
        );
    }
    // Per destination when several are configured (a `destination` label).
    let values_of = |id: &str| -> Vec<(String, f64)> {
        report
            .checks
            .iter()
            .filter(|c| c.id() == id)
            .filter_map(|c| match &c.value {
                Some(Value::Number(n)) => {
                    let labels = destination_label(c);
                    let labels = labels.strip_prefix(',').map(|l| format!("{{{l}}}")).unwrap_or_default();
                    Some((labels, *n))
                }
                _ => None,
            })
            .collect()
    };
    let last = values_of("backups.last_success");
    if !last.is_empty() {
        let _ = writeln!(
            out,
            "# HELP dbctl_backup_last_success_timestamp_seconds Start of the newest backup with a manifest."
        );
        let _ = writeln!(out, "# TYPE dbctl_backup_last_success_timestamp_seconds gauge");
        for (labels, t) in last {
            let _ = writeln!(out, "dbctl_backup_last_success_timestamp_seconds{labels} {t}");
        }
    }
    let sizes = values_of("backups.last_size");
    if !sizes.is_empty() {
        let _ = writeln!(out, "# HELP dbctl_backup_last_size_bytes Stored size of the newest backup.");
        let _ = writeln!(out, "# TYPE dbctl_backup_last_size_bytes gauge");
        for (labels, b) in sizes {
            let _ = writeln!(out, "dbctl_backup_last_size_bytes{labels} {b}");
        }
    }
    let _ =
        writeln!(out, "# HELP dbctl_health_check_value Value measured by a check, in the unit of its label.");
    let _ = writeln!(out, "# TYPE dbctl_health_check_value gauge");
    for c in &report.checks {
        if let (Some(Value::Number(n)), Some(unit)) = (&c.value, c.unit) {
            let (v, unit) = match unit {
                Unit::Percent => (n / 100.0, "ratio"),
                Unit::Seconds => (*n, "seconds"),
                Unit::Bytes => (*n, "bytes"),
                Unit::Count => (*n, "count"),
                Unit::Timestamp => (*n, "unix_seconds"),
            };
            let _ = writeln!(
                out,
                "dbctl_health_check_value{{component=\"{}\",check=\"{}\"{},unit=\"{unit}\"}} {v}",
                label(c.component),
                label(c.name),
                destination_label(c)
            );
        }
    }
    let _ = writeln!(out, "# HELP dbctl_health_timestamp_seconds When the checks ran, as a Unix time.");
    let _ = writeln!(out, "# TYPE dbctl_health_timestamp_seconds gauge");
    let _ = writeln!(out, "dbctl_health_timestamp_seconds {}", chrono::Utc::now().timestamp());
    out
}

#[cfg(test)]
mod tests {
    use super::super::Threshold;
    use super::*;

    fn sample() -> Report {
        Report {
            checks: vec![
                Check::measured(
                    "database",
                    "connections",
                    85.0,
                    Unit::Percent,
                    Some(Threshold::new(80.0, 95.0)),
                    "85 of 100",
                ),
                Check::info("database", "version", "15.18", "PostgreSQL 15.18"),
            ],
        }
    }

    #[test]
    fn units_for_people() {
        assert_eq!(duration(0.0004), "400µs");
        assert_eq!(duration(0.0123), "12.3ms");
        assert_eq!(duration(200.0), "3m 20s");
        assert_eq!(duration(0.25), "250ms");
        assert_eq!(duration(2.0), "2s");
        assert_eq!(duration(300.0), "5m");
        assert_eq!(duration(26.0 * 3600.0), "26h");
        assert_eq!(duration(498_933.0 * 3600.0), "20788d 21h");
        assert_eq!(bytes(512.0), "512 B");
        assert_eq!(bytes(8.5 * 1024.0 * 1024.0), "8.5 MiB");
        assert_eq!(percent(0.5), "0.5%");
    }

    #[test]
    fn table_shows_value_threshold_and_verdict() {
        let text = human(&sample(), false, false, None, None);
        assert!(text.contains("database.connections  warning  85%"), "{text}");
        assert!(text.contains("warn ≥ 80%, crit ≥ 95%"), "{text}");
        assert!(text.ends_with("health: WARNING (exit 1)\n"), "{text}");
        let problems = human(&sample(), false, true, None, None);
        assert!(!problems.contains("version"), "{problems}");
        // Fitted: no line over the width, the threshold after the detail.
        let fitted = human(&sample(), false, false, Some(70), None);
        assert!(fitted.lines().all(|l| l.chars().count() <= 70), "{fitted}");
        assert!(fitted.contains("(warn ≥ 80%,") && !fitted.contains("THRESHOLD"), "{fitted}");
    }

    #[test]
    fn prometheus_exports_ratios() {
        let text = prometheus(&sample());
        assert!(text.contains("dbctl_health_status 1\n"));
        assert!(
            text.contains(
                "dbctl_health_check_value{component=\"database\",check=\"connections\",unit=\"ratio\"} 0.85\n"
            ),
            "{text}"
        );
        assert!(text.contains("dbctl_health_check_status{component=\"database\",check=\"version\"} 0\n"));
    }
}
