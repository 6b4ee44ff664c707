//! Repairs of what `health` finds (`dbctl maintain`, `maintain.schedule`): routine maintenance,
//! each step said with its reason. PostgreSQL: `ANALYZE`, `VACUUM (ANALYZE)` of the tables whose
//! dead rows pass `health.dead_tuples_warn`, and `REINDEX INDEX CONCURRENTLY` of invalid indexes.
//! SQLite: `PRAGMA integrity_check`, `VACUUM` when the free pages pass `health.freelist_warn`, and
//! `PRAGMA optimize`. A dry run plans and runs nothing.

use anyhow::{Result, anyhow};

use crate::db::{self, Conn};
use crate::output::Output;

/// One step: what runs, and why.
#[derive(serde::Serialize)]
pub struct Step {
    pub sql: String,
    pub why: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    took_ms: Option<u64>,
}

impl Step {
    fn new(sql: impl Into<String>, why: impl Into<String>) -> Self {
        Step { sql: sql.into(), why: why.into(), took_ms: None }
    }
}

fn plan(conn: &mut Conn, cfg: &super::Config) -> Result<Vec<Step>> {
    let t = &cfg.thresholds;
    let mut steps = Vec::new();
    match conn {
        Conn::Pg(_) => {
            for name in conn.query_texts(crate::health::pg::INVALID_INDEXES, &[])? {
                steps.push(Step::new(
                    format!("REINDEX INDEX CONCURRENTLY {name}"),
                    "the index is invalid (a failed or cancelled CREATE INDEX CONCURRENTLY)",
                ));
            }
            let dead = conn.query_texts(
                &format!(
                    "SELECT format('%s %I.%I', round(n_dead_tup::numeric * 100 / (n_live_tup + n_dead_tup), 1), schemaname, relname) AS v \
                     FROM pg_stat_user_tables WHERE n_live_tup + n_dead_tup >= 1000 \
                     AND n_dead_tup::float8 * 100 / (n_live_tup + n_dead_tup) >= {} ORDER BY 1 DESC",
                    t.dead_tuples_warn
                ),
                &[],
            )?;
            for row in dead {
                if let Some((pct, table)) = row.split_once(' ') {
                    steps.push(Step::new(
                        format!("VACUUM (ANALYZE) {table}"),
                        format!(
                            "{pct}% of its rows are dead (health.dead_tuples_warn {}%)",
                            t.dead_tuples_warn
                        ),
                    ));
                }
            }
            steps.push(Step::new("ANALYZE", "fresh statistics for the planner"));
        }
        Conn::Sqlite(_) => {
            steps.push(Step::new(
                "PRAGMA integrity_check",
                "the whole file checked (health runs the quicker quick_check)",
            ));
            let free = conn.query_float(crate::health::sqlite::FREELIST_PERCENT)?.unwrap_or(0.0);
            if free >= t.freelist_warn {
                steps.push(Step::new(
                    "VACUUM",
                    format!(
                        "{free:.1}% of the file is free pages (health.freelist_warn {}%)",
                        t.freelist_warn
                    ),
                ));
            }
            steps.push(Step::new("PRAGMA optimize", "statistics SQLite finds worth refreshing"));
        }
    }
    Ok(steps)
}

/// Plans and (unless `dry_run`) runs the maintenance; returns the steps, each with its time.
pub fn perform(cfg: &super::Config, dry_run: bool, out: &Output) -> Result<Vec<Step>> {
    let target = &cfg.backup.target;
    target.require_configured()?;
    let mut conn = db::wait_for_database(target, cfg.backup.wait, out, || {
        db::connect(target, cfg.backup.connect_timeout, &mut |m| out.info(&m))
    })?;
    let mut steps = plan(&mut conn, cfg)?;
    if !dry_run {
        for step in &mut steps {
            let started = std::time::Instant::now();
            if step.sql == "PRAGMA integrity_check" {
                let found =
                    conn.query_texts("SELECT integrity_check AS v FROM pragma_integrity_check", &[])?;
                if found != ["ok"] {
                    return Err(anyhow!(
                        "PRAGMA integrity_check found damage: {}; restore a backup (nothing else was done)",
                        found.join("; ")
                    ));
                }
            } else {
                conn.batch(&step.sql).map_err(|e| anyhow!("{}: {e}", step.sql))?;
            }
            step.took_ms = Some(started.elapsed().as_millis() as u64);
            if !out.settings.json {
                let fields =
                    serde_json::json!({ "sql": step.sql, "why": step.why, "duration_ms": step.took_ms });
                out.info_event(
                    "maintain.step",
                    &format!(
                        "{} ({}) in {}",
                        step.sql,
                        step.why,
                        crate::text::std_duration(started.elapsed())
                    ),
                    fields,
                );
            }
        }
    }
    Ok(steps)
}
