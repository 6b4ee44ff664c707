//! `dbctl health`: checks gathered into one report, rendered for people, JSON or Prometheus.
//!
//! Each component (database, redis, and later migrations and backups) appends [`Check`]s to a
//! [`Report`]; the report's status is the worst of its checks and becomes the exit code.

mod backups;
pub mod maintain;
mod migrations;
pub(crate) mod pg;
pub mod redis;
pub mod render;
pub mod serve;
pub(crate) mod sqlite;

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::db::{self, Conn, DbTarget};
use crate::output::Output;
use crate::settings::Settings;

/// A check's verdict, in the Nagios convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warning,
    Critical,
    Unknown,
}

impl Status {
    /// Nagios exit code: 0 ok, 1 warning, 2 critical, 3 unknown.
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Warning => 1,
            Status::Critical => 2,
            Status::Unknown => 3,
        }
    }

    /// How bad: ok < unknown < warning < critical. A known problem outranks an unknown.
    fn severity(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Unknown => 1,
            Status::Warning => 2,
            Status::Critical => 3,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Critical => "critical",
            Status::Unknown => "unknown",
        }
    }
}

/// The unit of a measured value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Seconds,
    Bytes,
    Percent,
    Count,
    /// A point in time, as Unix seconds (shown to people as a UTC time).
    Timestamp,
}

/// What a check measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
}

/// The levels that judged a value: at or above `warn` is a warning, at or above `crit` critical.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Threshold {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warn: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crit: Option<f64>,
}

impl Threshold {
    pub fn new(warn: f64, crit: f64) -> Self {
        Self { warn: Some(warn), crit: Some(crit) }
    }

    pub fn durations(warn: Duration, crit: Duration) -> Self {
        Self::new(warn.as_secs_f64(), crit.as_secs_f64())
    }

    pub fn judge(&self, value: f64) -> Status {
        if self.crit.is_some_and(|c| value >= c) {
            Status::Critical
        } else if self.warn.is_some_and(|w| value >= w) {
            Status::Warning
        } else {
            Status::Ok
        }
    }
}

/// One check of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// database, redis, migrations, backups.
    pub component: &'static str,
    /// What was checked, unique within the component: connection, connections, size, …
    pub name: &'static str,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    /// One line for people.
    pub message: String,
    /// The backup destination (local, s3, gcs) a backups check is about, when several are
    /// configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<&'static str>,
    /// The configured server the check is about, with `--all-servers`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
}

impl Check {
    pub fn new(
        component: &'static str,
        name: &'static str,
        status: Status,
        message: impl Into<String>,
    ) -> Self {
        Self {
            component,
            name,
            status,
            value: None,
            unit: None,
            threshold: None,
            message: message.into(),
            destination: None,
            server: None,
        }
    }

    /// A measured number judged against a threshold.
    pub fn measured(
        component: &'static str,
        name: &'static str,
        value: f64,
        unit: Unit,
        threshold: Option<Threshold>,
        message: impl Into<String>,
    ) -> Self {
        let status = threshold.map_or(Status::Ok, |t| t.judge(value));
        Self {
            component,
            name,
            status,
            value: Some(Value::Number(value)),
            unit: Some(unit),
            threshold,
            message: message.into(),
            destination: None,
            server: None,
        }
    }

    /// A piece of information (a version, a role).
    pub fn info(
        component: &'static str,
        name: &'static str,
        text: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self { value: Some(Value::Text(text.into())), ..Self::new(component, name, Status::Ok, message) }
    }

    /// A check that could not be made: status unknown, with the reason.
    pub fn unknown(component: &'static str, name: &'static str, err: &anyhow::Error) -> Self {
        Self::new(component, name, Status::Unknown, format!("could not check: {err:#}"))
    }

    pub fn id(&self) -> String {
        format!("{}.{}", self.component, self.name)
    }

    /// For people: the id, and the destination when there is one (`backups.freshness (s3)`).
    pub fn title(&self) -> String {
        let id = match &self.server {
            Some(s) => format!("{s}: {}", self.id()),
            None => self.id(),
        };
        match self.destination {
            Some(d) => format!("{id} ({d})"),
            None => id,
        }
    }

    /// The same check, about backup destination `d`.
    pub fn at(self, d: Option<&'static str>) -> Self {
        Self { destination: d, ..self }
    }
}

/// Every check of one run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub checks: Vec<Check>,
}

impl Report {
    pub fn status(&self) -> Status {
        self.checks.iter().map(|c| c.status).max_by_key(|s| s.severity()).unwrap_or(Status::Ok)
    }

    pub fn push(&mut self, check: Check) {
        self.checks.push(check);
    }
}

/// What the health checks read of the configuration, built once from the settings: the backup
/// engine's view (the database, Redis, the destinations, the schedule), the migrations, the
/// thresholds, and what the output and the pooler check need.
#[derive(Debug, Clone)]
pub struct Config {
    pub backup: crate::backup::Config,
    pub migrate: crate::migrate::Options,
    pub thresholds: crate::settings::HealthThresholds,
    /// With a direct URL in use, the pooled one the application connects through.
    pub pooled_url: Option<String>,
    /// Whether this host is meant to have backups (see [`backups_wanted`]).
    pub backups_wanted: bool,
    pub output: crate::output::OutputSettings,
    pub redactor: crate::redact::Redactor,
    /// `backup.physical_schedule`: base backups are judged against it.
    pub physical_schedule: Option<crate::crontab::Schedule>,
}

impl Config {
    /// The same configuration for server `s` (`--all-servers`).
    pub fn for_server(&self, s: &crate::settings::servers::Server) -> Self {
        Config { backup: self.backup.for_server(s), migrate: self.migrate.for_server(s), ..self.clone() }
    }

    /// The one place the health checks read the settings.
    pub fn from_settings(settings: &Settings) -> Self {
        Config {
            backup: crate::backup::Config::from_settings(settings),
            migrate: crate::migrate::Options::from_settings(settings),
            thresholds: settings.health.clone(),
            pooled_url: settings
                .database
                .direct
                .then(|| settings.resolved("database.url").and_then(|r| r.value.clone()))
                .flatten(),
            backups_wanted: backups_wanted(settings),
            output: settings.output,
            redactor: settings.redactor.clone(),
            physical_schedule: settings.physical_schedule.clone(),
        }
    }
}

/// Whether this host is meant to have backups: a schedule, a maximum age, a storage that was
/// configured, or the default directory holding something (backups were made here).
fn backups_wanted(settings: &Settings) -> bool {
    let configured =
        |key: &str| settings.resolved(key).is_some_and(|r| r.origin != crate::settings::Origin::Default);
    let default_dir_used = || {
        settings
            .backup
            .local
            .as_ref()
            .is_some_and(|dir| std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()))
    };
    settings.backup.schedule.is_some()
        || settings.health.backup_max_age.is_some()
        || settings.backup.s3.is_some()
        || settings.backup.gcs.is_some()
        || configured("backup.local.path")
        || default_dir_used()
}

/// Every server's checks in one report, each check naming its server (`--all-servers health`).
pub fn run_fleet(cfg: &Config, servers: &[&crate::settings::servers::Server], out: &Output) -> Report {
    let mut report = Report::default();
    for s in servers {
        for mut check in run_checks(&cfg.for_server(s), out).checks {
            check.server = Some(s.name.clone());
            report.push(check);
        }
    }
    report
}

/// Runs every configured check.
pub fn run_checks(cfg: &Config, out: &Output) -> Report {
    let mut report = Report::default();
    check_database(cfg, out, &mut report);
    check_pooler(cfg, &mut report);
    if let Some(redis) = &cfg.backup.redis {
        redis::checks(redis, cfg, out, &mut report);
    }
    backups::checks(cfg, out, &mut report);
    report
}

/// The limits of the health checks' PostgreSQL session.
const HEALTH_SESSION: &str = "SET lock_timeout = '1s'; SET statement_timeout = '30s'";

fn check_database(cfg: &Config, out: &Output, report: &mut Report) {
    let target = &cfg.backup.target;
    // Another engine (mongodb://) is backed up through commands; dbctl does not connect to it.
    if matches!(target, DbTarget::Command { .. }) {
        return;
    }
    let timeout = cfg.backup.connect_timeout;
    let started = Instant::now();
    let conn = db::wait_for_database(target, cfg.backup.wait, out, || {
        db::connect(target, timeout, &mut |m| out.info(&m))
    });
    let mut conn = match conn {
        Ok(c) => c,
        Err(e) => {
            report.push(Check::new("database", "connection", Status::Critical, format!("{e:#}")));
            return;
        }
    };
    let connect_time = started.elapsed();
    // No check waits behind a migration's table lock, or runs on without end: the report comes
    // in its own time, and a check that could not be made says why.
    if conn.is_pg() {
        let _ = conn.batch(HEALTH_SESSION);
    }
    let t = &cfg.thresholds;
    let threshold = Threshold::durations(t.latency_warn, t.latency_crit);
    let ping = Instant::now();
    match conn.query_int("SELECT CAST(1 AS BIGINT) AS v") {
        Ok(_) => {
            let rtt = ping.elapsed();
            let what = match target {
                DbTarget::Postgres { .. } => "PostgreSQL",
                _ => "SQLite",
            };
            report.push(Check::measured(
                "database",
                "connection",
                rtt.as_secs_f64(),
                Unit::Seconds,
                Some(threshold),
                format!(
                    "{what} {} answered in {} (connected in {})",
                    target.display(),
                    crate::text::duration(rtt.as_secs_f64()),
                    crate::text::duration(connect_time.as_secs_f64())
                ),
            ));
        }
        Err(e) => {
            report.push(Check::new(
                "database",
                "connection",
                Status::Critical,
                format!("connected, but SELECT 1 failed: {e:#}"),
            ));
            return;
        }
    }
    match &mut conn {
        Conn::Pg(_) => pg::checks(&mut conn, t, report),
        Conn::Sqlite(_) => sqlite::checks(&mut conn, target, &cfg.thresholds, report),
    }
    migrations::check(&mut conn, cfg, report);
}

/// With a direct URL in use, the pooled one the application connects through (PgBouncer, a
/// hosted pooler) is asked too: dbctl's own checks would not notice it down.
fn check_pooler(cfg: &Config, report: &mut Report) {
    let Some(raw) = cfg.pooled_url.as_deref() else { return };
    let cwd = std::env::current_dir().unwrap_or_default();
    let Ok(pooled @ DbTarget::Postgres { .. }) = DbTarget::parse(raw, &cwd) else { return };
    let t = &cfg.thresholds;
    let started = Instant::now();
    let answered = db::connect(&pooled, cfg.backup.connect_timeout, &mut |_| {})
        .and_then(|mut c| c.query_int("SELECT CAST(1 AS BIGINT) AS v"));
    report.push(match answered {
        Ok(_) => Check::measured(
            "database",
            "pooler",
            started.elapsed().as_secs_f64(),
            Unit::Seconds,
            Some(Threshold::durations(t.latency_warn, t.latency_crit)),
            format!(
                "the pooled URL the application uses ({}) answered in {}",
                pooled.display(),
                crate::text::std_duration(started.elapsed())
            ),
        ),
        Err(e) => Check::new(
            "database",
            "pooler",
            Status::Critical,
            format!(
                "the pooled URL the application uses ({}) does not answer: {e:#}; dbctl itself works over the direct URL",
                pooled.display()
            ),
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_status_wins_and_critical_outranks_unknown() {
        let mut r = Report::default();
        assert_eq!(r.status(), Status::Ok);
        r.push(Check::new("database", "a", Status::Ok, ""));
        r.push(Check::new("database", "b", Status::Unknown, ""));
        assert_eq!(r.status(), Status::Unknown);
        r.push(Check::new("redis", "c", Status::Warning, ""));
        assert_eq!(r.status(), Status::Warning);
        r.push(Check::new("redis", "d", Status::Critical, ""));
        assert_eq!(r.status().code(), 2);
    }

    #[test]
    fn thresholds_judge_at_or_above() {
        let t = Threshold::new(80.0, 95.0);
        assert_eq!(t.judge(79.9), Status::Ok);
        assert_eq!(t.judge(80.0), Status::Warning);
        assert_eq!(t.judge(95.0), Status::Critical);
        let warn_only = Threshold { warn: Some(1.0), crit: None };
        assert_eq!(warn_only.judge(1000.0), Status::Warning);
    }
}
