//! PostgreSQL vital signs.

use super::{Check, Report, Threshold, Unit};
use crate::db::Conn;
use crate::settings::HealthThresholds;

const C: &str = "database";

pub(super) fn checks(conn: &mut Conn, t: &HealthThresholds, report: &mut Report) {
    match conn.query_text("SELECT current_setting('server_version') AS v") {
        Ok(v) => report.push(Check::info(C, "version", v.clone(), format!("PostgreSQL {v}"))),
        Err(e) => report.push(Check::unknown(C, "version", &e)),
    }

    let in_recovery = conn.query_int("SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END::bigint AS v");
    match &in_recovery {
        Ok(1) => report.push(Check::info(C, "role", "replica", "replica (in recovery, read-only)")),
        Ok(_) => report.push(Check::info(C, "role", "primary", "primary (accepts writes)")),
        Err(e) => report.push(Check::unknown(C, "role", e)),
    }
    if matches!(in_recovery, Ok(1)) {
        // A replica that has replayed everything it received is not lagging, however old its
        // last replayed transaction is (an idle primary sends none).
        let lag = conn.query_float(
            "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 \
             ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END::float8 AS v",
        );
        match lag {
            Ok(Some(secs)) => report.push(Check::measured(
                C,
                "replication_lag",
                secs,
                Unit::Seconds,
                Some(Threshold::durations(t.replication_lag_warn, t.replication_lag_crit)),
                format!("replay is {} behind the primary", crate::output::duration(secs)),
            )),
            Ok(None) => report.push(Check::new(
                C,
                "replication_lag",
                super::Status::Unknown,
                "no transaction replayed yet",
            )),
            Err(e) => report.push(Check::unknown(C, "replication_lag", &e)),
        }
    }

    match conn.query_int("SELECT pg_database_size(current_database())::bigint AS v") {
        Ok(bytes) => report.push(Check::measured(
            C,
            "size",
            bytes as f64,
            Unit::Bytes,
            None,
            format!("database uses {}", crate::output::bytes(bytes as f64)),
        )),
        Err(e) => report.push(Check::unknown(C, "size", &e)),
    }

    let used = conn.query_int(
        "SELECT count(*)::bigint AS v FROM pg_stat_activity WHERE backend_type = 'client backend'",
    );
    let max = conn.query_int("SELECT current_setting('max_connections')::bigint AS v");
    match (used, max) {
        (Ok(used), Ok(max)) if max > 0 => {
            let pct = used as f64 * 100.0 / max as f64;
            report.push(Check::measured(
                C,
                "connections",
                pct,
                Unit::Percent,
                Some(Threshold::new(t.connections_warn, t.connections_crit)),
                format!("{used} of max_connections {max} in use ({})", crate::output::percent(pct)),
            ));
        }
        (Err(e), _) | (_, Err(e)) => report.push(Check::unknown(C, "connections", &e)),
        _ => report.push(Check::new(C, "connections", super::Status::Unknown, "max_connections is 0")),
    }

    // Other roles' xact_start is hidden without pg_read_all_stats: then this sees only our own.
    let longest = conn.query_float(
        "SELECT COALESCE(EXTRACT(EPOCH FROM max(now() - xact_start)), 0)::float8 AS v \
         FROM pg_stat_activity WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() \
         AND backend_type = 'client backend'",
    );
    match longest {
        Ok(secs) => {
            let secs = secs.unwrap_or(0.0);
            report.push(Check::measured(
                C,
                "longest_transaction",
                secs,
                Unit::Seconds,
                Some(Threshold::durations(t.transaction_age_warn, t.transaction_age_crit)),
                if secs > 0.0 {
                    format!("oldest open transaction started {} ago", crate::output::duration(secs))
                } else {
                    "no open transaction".to_string()
                },
            ))
        }
        Err(e) => report.push(Check::unknown(C, "longest_transaction", &e)),
    }
}
