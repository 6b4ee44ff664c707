//! PostgreSQL vital signs.

use super::{Check, Report, Threshold, Unit};
use crate::db::Conn;
use crate::settings::HealthThresholds;

const C: &str = "database";

/// The server's archiver, when archiving is on: failing now (critical), WAL piling up in
/// pg_wal waiting for it (warning past 16 files), or keeping up.
const ARCHIVER: &str = "SELECT concat_ws(' ', archived_count, failed_count, \
     coalesce(extract(epoch FROM now() - last_archived_time)::bigint, -1), \
     CASE WHEN last_failed_time > coalesce(last_archived_time, '-infinity') THEN 1 ELSE 0 END, \
     coalesce(last_archived_wal, '-'), coalesce(last_failed_wal, '-')) AS v FROM pg_stat_archiver";

fn archiving(conn: &mut Conn, report: &mut Report) {
    let mode = match conn.query_text("SELECT current_setting('archive_mode') AS v") {
        Ok(m) => m,
        Err(e) => return report.push(Check::unknown("wal", "archiving", &e)),
    };
    if mode == "off" {
        return;
    }
    let row = match conn.query_text(ARCHIVER) {
        Ok(r) => r,
        Err(e) => return report.push(Check::unknown("wal", "archiving", &e)),
    };
    let f: Vec<&str> = row.split(' ').collect();
    let [archived, failed, age, failing, last, last_failed] = f[..] else {
        return report.push(Check::new(
            "wal",
            "archiving",
            super::Status::Unknown,
            "pg_stat_archiver did not read",
        ));
    };
    // Files waiting in pg_wal (needs pg_monitor or a superuser; unknown otherwise).
    let waiting = conn
        .query_int("SELECT count(*)::bigint AS v FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready'")
        .ok();
    let since = match age.parse::<i64>() {
        Ok(s) if s >= 0 => format!("last {last} {} ago", crate::text::duration(s as f64)),
        _ => "nothing archived yet".to_string(),
    };
    let waiting_text =
        waiting.map_or(String::new(), |w| format!("; {} waiting in pg_wal", crate::text::count(w, "file")));
    // archive_timeout: with files waiting, nothing archived for twice that long is a lag.
    let timeout = conn
        .query_int("SELECT setting::bigint AS v FROM pg_settings WHERE name = 'archive_timeout'")
        .unwrap_or(0);
    let stale = timeout > 0
        && waiting.is_some_and(|w| w > 0)
        && age.parse::<i64>().is_ok_and(|a| a < 0 || a > 2 * timeout);
    let (status, message) = if failing == "1" {
        (
            super::Status::Critical,
            format!(
                "archive_command is failing (on {last_failed}; {} since the statistics reset){waiting_text}; \
                 {since}: WAL piles up on the server until it works again, see its log",
                crate::text::count(failed, "failure")
            ),
        )
    } else if waiting.is_some_and(|w| w > 16) || stale {
        let against = if stale { format!(" (archive_timeout is {timeout} s)") } else { String::new() };
        (super::Status::Warning, format!("archiving lags: {since}{against}{waiting_text}"))
    } else {
        (
            super::Status::Ok,
            format!("{} archived, {since}{waiting_text}", crate::text::count(archived, "file")),
        )
    };
    let mut check = Check::new("wal", "archiving", status, message);
    check.value = waiting.map(|w| super::Value::Number(w as f64));
    report.push(check);
}

/// The invalid indexes (a failed or cancelled `CREATE INDEX CONCURRENTLY`), as `schema.name`.
pub(crate) const INVALID_INDEXES: &str = "SELECT format('%I.%I', n.nspname, c.relname) AS v FROM pg_index x \
     JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE NOT x.indisvalid ORDER BY 1";

pub(super) fn checks(conn: &mut Conn, t: &HealthThresholds, report: &mut Report) {
    match conn.query_text("SELECT current_setting('server_version') AS v") {
        Ok(v) => report.push(Check::info(C, "version", v.clone(), format!("PostgreSQL {v}"))),
        Err(e) => report.push(Check::unknown(C, "version", &e)),
    }
    archiving(conn, report);

    let in_recovery = conn.query_int("SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END::bigint AS v");
    match &in_recovery {
        Ok(1) => report.push(Check::info(C, "role", "replica", "replica (in recovery, read-only)")),
        Ok(_) => report.push(Check::info(C, "role", "primary", "primary (accepts writes)")),
        Err(e) => report.push(Check::unknown(C, "role", e)),
    }
    if matches!(in_recovery, Ok(1)) {
        let lag = conn.query_float(crate::db::pg_catalog::REPLICA_LAG);
        match lag {
            Ok(Some(secs)) => report.push(Check::measured(
                C,
                "replication_lag",
                secs,
                Unit::Seconds,
                Some(Threshold::durations(t.replication_lag_warn, t.replication_lag_crit)),
                format!("replay is {} behind the primary", crate::text::duration(secs)),
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
            format!("database uses {}", crate::text::bytes(bytes as f64)),
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
                format!("{used} of max_connections {max} in use ({})", crate::text::percent(pct)),
            ));
        }
        (Err(e), _) | (_, Err(e)) => report.push(Check::unknown(C, "connections", &e)),
        _ => report.push(Check::new(C, "connections", super::Status::Unknown, "max_connections is 0")),
    }

    // Other roles' xact_start is hidden without pg_read_all_stats: then this sees only our own.
    oldest(
        conn,
        report,
        "longest_transaction",
        "SELECT COALESCE(EXTRACT(EPOCH FROM max(now() - xact_start)), 0)::float8 AS v \
         FROM pg_stat_activity WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() \
         AND backend_type = 'client backend'",
        Threshold::durations(t.transaction_age_warn, t.transaction_age_crit),
        |age| format!("oldest open transaction started {age} ago"),
        "no open transaction",
    );
    // Sessions idle inside a transaction: they hold locks and keep old rows from being vacuumed.
    oldest(
        conn,
        report,
        "idle_in_transaction",
        "SELECT COALESCE(EXTRACT(EPOCH FROM max(now() - state_change)), 0)::float8 AS v FROM pg_stat_activity \
         WHERE state IN ('idle in transaction', 'idle in transaction (aborted)') AND pid <> pg_backend_pid()",
        Threshold::durations(t.idle_in_transaction_warn, t.idle_in_transaction_crit),
        |age| format!("a session has been idle in a transaction for {age}"),
        "no session idle in a transaction",
    );
    invalid_indexes(conn, report);
    wraparound(conn, t, report);
    if !matches!(in_recovery, Ok(1)) {
        slots(conn, t, report);
    }
    dead_tuples(conn, t, report);
}

/// A check of how long ago the oldest of something began: `sql` gives the seconds (0 when there
/// is none), `some` says an age, `none` the absence.
fn oldest(
    conn: &mut Conn,
    report: &mut Report,
    name: &'static str,
    sql: &str,
    threshold: Threshold,
    some: impl Fn(&str) -> String,
    none: &str,
) {
    match conn.query_float(sql) {
        Ok(secs) => {
            let secs = secs.unwrap_or(0.0);
            let said = if secs > 0.0 { some(&crate::text::duration(secs)) } else { none.to_string() };
            report.push(Check::measured(C, name, secs, Unit::Seconds, Some(threshold), said))
        }
        Err(e) => report.push(Check::unknown(C, name, &e)),
    }
}

/// Indexes left invalid (a failed or cancelled `CREATE INDEX CONCURRENTLY`): they cost writes and
/// serve no query.
fn invalid_indexes(conn: &mut Conn, report: &mut Report) {
    let names = conn.query_texts(INVALID_INDEXES, &[]);
    match names {
        Ok(names) => {
            let mut check = Check::measured(
                C,
                "invalid_indexes",
                names.len() as f64,
                Unit::Count,
                None,
                if names.is_empty() {
                    "no invalid index".to_string()
                } else {
                    format!(
                        "invalid (a failed CREATE INDEX CONCURRENTLY): {}; `dbctl maintain` rebuilds them",
                        names.join(", ")
                    )
                },
            );
            if !names.is_empty() {
                check.status = super::Status::Warning;
            }
            report.push(check);
        }
        Err(e) => report.push(Check::unknown(C, "invalid_indexes", &e)),
    }
}

/// The oldest unfrozen transaction ID of any database, against the 2^31 limit where PostgreSQL
/// stops accepting writes.
fn wraparound(conn: &mut Conn, t: &HealthThresholds, report: &mut Report) {
    match conn.query_float(
        "SELECT (max(age(datfrozenxid))::float8 / 2147483648.0 * 100)::float8 AS v FROM pg_database",
    ) {
        Ok(Some(pct)) => report.push(Check::measured(
            C,
            "wraparound",
            pct,
            Unit::Percent,
            Some(Threshold::new(t.wraparound_warn, t.wraparound_crit)),
            format!("the oldest transaction ID is {} of the way to wraparound", crate::text::percent(pct)),
        )),
        Ok(None) => {}
        Err(e) => report.push(Check::unknown(C, "wraparound", &e)),
    }
}

/// Replication slots and the WAL they keep the server from removing; an inactive slot with no
/// consumer fills the disk.
fn slots(conn: &mut Conn, t: &HealthThresholds, report: &mut Report) {
    let rows = conn.query_texts(
        "SELECT format('%s %s %s %s', slot_name, slot_type, CASE WHEN active THEN 'active' ELSE 'inactive' END, \
         COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint) AS v FROM pg_replication_slots ORDER BY 1",
        &[],
    );
    let rows = match rows {
        Ok(r) => r,
        Err(e) => return report.push(Check::unknown(C, "replication_slots", &e)),
    };
    if rows.is_empty() {
        return;
    }
    let parsed: Vec<(String, String, String, f64)> = rows
        .iter()
        .filter_map(|r| {
            let mut w = r.split(' ');
            Some((w.next()?.into(), w.next()?.into(), w.next()?.into(), w.next()?.parse().ok()?))
        })
        .collect();
    let worst = parsed.iter().map(|p| p.3).fold(0.0, f64::max);
    let detail: Vec<String> = parsed
        .iter()
        .map(|(name, kind, active, bytes)| {
            format!("{name} ({kind}, {active}) holds {}", crate::text::bytes(*bytes))
        })
        .collect();
    report.push(Check::measured(
        C,
        "replication_slots",
        worst,
        Unit::Bytes,
        Some(Threshold::new(t.slot_wal_warn, t.slot_wal_crit)),
        format!("{}; a slot nobody consumes keeps WAL until it is dropped", detail.join("; ")),
    ));
}

/// The dead rows of the largest tables, against their live ones: autovacuum is behind. The
/// largest by the catalogue's page count, which takes no lock (`pg_total_relation_size` would
/// wait behind a migration's `ALTER TABLE`).
fn dead_tuples(conn: &mut Conn, t: &HealthThresholds, report: &mut Report) {
    let worst = conn.query_texts(
        "SELECT format('%s %s.%s', round((n_dead_tup::numeric * 100 / (n_live_tup + n_dead_tup)), 1), schemaname, relname) AS v \
         FROM (SELECT s.* FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid ORDER BY c.relpages DESC LIMIT 10) s \
         WHERE n_live_tup + n_dead_tup >= 1000 ORDER BY n_dead_tup::float8 / (n_live_tup + n_dead_tup) DESC LIMIT 1",
        &[],
    );
    match worst {
        Ok(rows) => {
            let (pct, table) = rows
                .first()
                .and_then(|r| r.split_once(' '))
                .map_or((0.0, None), |(p, t)| (p.parse().unwrap_or(0.0), Some(t.to_string())));
            report.push(Check::measured(
                C,
                "dead_tuples",
                pct,
                Unit::Percent,
                Some(Threshold::new(t.dead_tuples_warn, t.dead_tuples_crit)),
                match table {
                    Some(table) => format!(
                        "{table} has the most dead rows of the largest tables: {} of its rows",
                        crate::text::percent(pct)
                    ),
                    None => "no large table has dead rows to speak of".to_string(),
                },
            ));
        }
        Err(e) => report.push(Check::unknown(C, "dead_tuples", &e)),
    }
}
