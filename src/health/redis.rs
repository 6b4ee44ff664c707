//! Redis vital signs, from PING and INFO.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::anyhow;

use super::{Check, Report, Status, Threshold, Unit};
use crate::db;
use crate::db::redis::{connect, redis_hint};
use crate::output::Output;
use crate::redact::redact_url;
use crate::settings::RedisSettings;

const C: &str = "redis";

pub(super) fn checks(redis: &RedisSettings, cfg: &super::Config, out: &Output, report: &mut Report) {
    let timeout = cfg.backup.connect_timeout;
    let started = Instant::now();
    let conn = db::with_wait(
        "Redis",
        cfg.backup.wait,
        || connect(&redis.url, timeout),
        |e| !redis_hint(&format!("{e:#}")).contains("password"),
        |n, e| db::announce_wait(out, n, cfg.backup.wait, &format!("Redis {}", redact_url(&redis.url)), e),
    );
    let mut conn = match conn {
        Ok(c) => c,
        Err(e) => {
            report.push(Check::new(C, "connection", Status::Critical, format!("{e:#}")));
            return;
        }
    };
    let connect_time = started.elapsed();
    // Connecting and the first answer share one timeout, not one each.
    let left = timeout.saturating_sub(connect_time).max(std::time::Duration::from_millis(100));
    let _ = conn.set_read_timeout(Some(left));
    let t = &cfg.thresholds;
    let ping = Instant::now();
    match redis::cmd("PING").query::<String>(&mut conn) {
        Ok(pong) if pong == "PONG" => {
            let rtt = ping.elapsed().as_secs_f64();
            report.push(Check::measured(
                C,
                "connection",
                rtt,
                Unit::Seconds,
                Some(Threshold::durations(t.latency_warn, t.latency_crit)),
                format!(
                    "Redis {} answered PONG in {} (connected in {})",
                    redact_url(&redis.url),
                    crate::text::duration(rtt),
                    crate::text::duration(connect_time.as_secs_f64())
                ),
            ));
        }
        Ok(other) => {
            report.push(Check::new(
                C,
                "connection",
                Status::Critical,
                format!("PING answered `{other}`, not PONG"),
            ));
            return;
        }
        // A Redis loading its dataset answers every PING with LOADING: it is up, and INFO (which
        // it answers) says how far it is; `loading` reports it.
        Err(e) if e.code() == Some("LOADING") => {
            report.push(Check::new(
                C,
                "connection",
                Status::Ok,
                format!(
                    "Redis {} answered LOADING (it is loading its dataset) in {}",
                    redact_url(&redis.url),
                    crate::text::duration(ping.elapsed().as_secs_f64())
                ),
            ));
        }
        Err(e) => {
            let said = db::redis::describe(&e, timeout);
            let hint = redis_hint(&said);
            report.push(Check::new(
                C,
                "connection",
                Status::Critical,
                format!("PING failed: {said}; {hint}"),
            ));
            return;
        }
    }
    let _ = conn.set_read_timeout(Some(timeout));
    let info = match redis::cmd("INFO").query::<String>(&mut conn) {
        Ok(text) => db::redis::parse_info(&text),
        Err(e) => {
            report.push(Check::unknown(C, "info", &anyhow!("INFO failed: {e}")));
            return;
        }
    };
    info_checks(&info, t, report);
}

/// The checks read from INFO.
pub(crate) fn info_checks(
    info: &HashMap<String, String>,
    t: &crate::settings::HealthThresholds,
    report: &mut Report,
) {
    let num = |k: &str| info.get(k).and_then(|v| v.parse::<f64>().ok());
    if info.get("loading").map(String::as_str) == Some("1") {
        let done = match (info.get("loading_loaded_perc"), num("loading_eta_seconds")) {
            (Some(perc), Some(eta)) => {
                format!(" ({perc}% done, about {} left)", crate::text::duration(eta))
            }
            (Some(perc), None) => format!(" ({perc}% done)"),
            _ => String::new(),
        };
        report.push(Check::new(
            C,
            "loading",
            Status::Critical,
            format!("Redis is loading its dataset{done} and refuses most commands until it is done"),
        ));
    }
    match info.get("redis_version") {
        Some(v) => report.push(Check::info(C, "version", v.clone(), format!("Redis {v}"))),
        None => report.push(Check::new(C, "version", Status::Unknown, "INFO has no redis_version")),
    }
    match info.get("role").map(String::as_str) {
        Some("master") => report.push(Check::info(C, "role", "master", "master (accepts writes)")),
        Some("slave") | Some("replica") => {
            let link = info.get("master_link_status").map(String::as_str).unwrap_or("unknown");
            let host = info.get("master_host").map(String::as_str).unwrap_or("?");
            let port = info.get("master_port").map(String::as_str).unwrap_or("?");
            let status = if link == "up" { Status::Ok } else { Status::Critical };
            report.push(Check {
                value: Some(super::Value::Text("replica".into())),
                ..Check::new(C, "role", status, format!("replica of {host}:{port}, master link {link}"))
            });
        }
        other => report.push(Check::new(C, "role", Status::Unknown, format!("unexpected role {other:?}"))),
    }
    match (num("used_memory"), num("maxmemory")) {
        (Some(used), Some(max)) if max > 0.0 => {
            let pct = used * 100.0 / max;
            report.push(Check::measured(
                C,
                "memory",
                pct,
                Unit::Percent,
                Some(Threshold::new(t.redis_memory_warn, t.redis_memory_crit)),
                format!(
                    "{} of maxmemory {} used ({})",
                    crate::text::bytes(used),
                    crate::text::bytes(max),
                    crate::text::percent(pct)
                ),
            ));
        }
        (Some(used), _) => report.push(Check::measured(
            C,
            "memory",
            used,
            Unit::Bytes,
            None,
            format!("{} used, no maxmemory limit", crate::text::bytes(used)),
        )),
        _ => report.push(Check::new(C, "memory", Status::Unknown, "INFO has no used_memory")),
    }
    match num("rejected_connections") {
        Some(n) => {
            let threshold = (t.redis_rejected_warn > 0)
                .then_some(Threshold { warn: Some(t.redis_rejected_warn as f64), crit: None });
            report.push(Check::measured(
                C,
                "rejected_connections",
                n,
                Unit::Count,
                threshold,
                format!(
                    "{n} connections rejected since start (maxclients {})",
                    info.get("maxclients").map(String::as_str).unwrap_or("?")
                ),
            ));
        }
        None => report.push(Check::new(
            C,
            "rejected_connections",
            Status::Unknown,
            "INFO has no rejected_connections",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thresholds() -> crate::settings::HealthThresholds {
        let dir = tempfile::tempdir().unwrap();
        crate::settings::testing::settings(dir.path(), &[]).health
    }

    #[test]
    fn replica_with_a_broken_link_is_critical() {
        let info = crate::db::redis::parse_info(
            "# Replication\r\nrole:slave\r\nmaster_host:10.0.0.1\r\nmaster_port:6379\r\nmaster_link_status:down\r\n\
             # Memory\r\nused_memory:900\r\nmaxmemory:1000\r\nredis_version:7.0.15\r\nrejected_connections:0\r\nloading:1\r\n",
        );
        let mut r = Report::default();
        info_checks(&info, &thresholds(), &mut r);
        let by = |n: &str| r.checks.iter().find(|c| c.name == n).unwrap().clone();
        assert_eq!(by("role").status, Status::Critical);
        assert!(by("role").message.contains("master link down"));
        assert_eq!(by("memory").status, Status::Warning);
        assert_eq!(by("loading").status, Status::Critical);
        assert_eq!(by("rejected_connections").status, Status::Ok);
    }
}
