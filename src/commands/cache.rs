//! `dbctl cache flush PATTERN…` and `dbctl cache stats`: the application's Redis cache.

use anyhow::{Result, anyhow};

use crate::cli::CacheCommand;
use crate::db::redis::{connect_configured, parse_info, unlink_matching};
use crate::output::Output;
use crate::settings::Settings;

pub fn run(cmd: &CacheCommand, settings: &Settings, out: &Output) -> Result<u8> {
    match cmd {
        CacheCommand::Flush(args) => {
            if !args.dry_run {
                crate::commands::guard::protected(
                    settings,
                    args.yes,
                    "`cache flush` removes keys from Redis",
                )?;
            }
            let mut conn = connect_configured(
                settings.redis.as_ref().map(|r| r.url.as_str()),
                settings.database.connect_timeout,
            )?;
            let counts = unlink_matching(&mut conn, &args.patterns, args.dry_run)?;
            if out.settings.json {
                let value: serde_json::Map<String, serde_json::Value> =
                    counts.iter().map(|(p, n)| (p.clone(), (*n).into())).collect();
                let key = if args.dry_run { "matching" } else { "removed" };
                out.stdout(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&serde_json::json!({ key: value }))?
                ))?;
            } else if !out.settings.quiet {
                let verb = if args.dry_run { "match (nothing removed: --dry-run)" } else { "removed" };
                for (pattern, n) in &counts {
                    out.stdout(&format!("{pattern}: {} {verb}\n", crate::text::count(*n, "key")))?;
                }
            }
            Ok(0)
        }
        CacheCommand::Stats => stats(settings, out),
    }
}

fn stats(settings: &Settings, out: &Output) -> Result<u8> {
    let mut conn = connect_configured(
        settings.redis.as_ref().map(|r| r.url.as_str()),
        settings.database.connect_timeout,
    )?;
    let info: String =
        redis::cmd("INFO").query(&mut conn).map_err(|e| anyhow!("INFO on Redis failed: {e}"))?;
    let keys: u64 =
        redis::cmd("DBSIZE").query(&mut conn).map_err(|e| anyhow!("DBSIZE on Redis failed: {e}"))?;
    let info = parse_info(&info);
    let num = |k: &str| info.get(k).and_then(|v| v.parse::<f64>().ok());
    // Counters and sizes are whole numbers, and JSON shows them so.
    let int = |k: &str| info.get(k).and_then(|v| v.parse::<u64>().ok());
    let hits = int("keyspace_hits").unwrap_or(0);
    let misses = int("keyspace_misses").unwrap_or(0);
    let hit_rate = (hits + misses > 0).then(|| hits as f64 / (hits + misses) as f64);
    let text = |k: &str| info.get(k).cloned().unwrap_or_default();
    if out.settings.json {
        let value = serde_json::json!({
            "keys": keys,
            "used_memory_bytes": int("used_memory"),
            "maxmemory_bytes": int("maxmemory"),
            "maxmemory_policy": text("maxmemory_policy"),
            "keyspace_hits": hits,
            "keyspace_misses": misses,
            "hit_rate": hit_rate,
            "evicted_keys": int("evicted_keys"),
            "expired_keys": int("expired_keys"),
            "redis_version": text("redis_version"),
        });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
        return Ok(0);
    }
    let bytes = |k: &str| num(k).map_or("-".into(), crate::text::bytes);
    let rows = vec![
        vec!["keys".into(), keys.to_string()],
        vec!["memory used".into(), bytes("used_memory")],
        vec![
            "memory limit".into(),
            if num("maxmemory") == Some(0.0) { "none".into() } else { bytes("maxmemory") },
        ],
        vec!["eviction policy".into(), text("maxmemory_policy")],
        vec!["hit rate".into(), hit_rate.map_or("-".into(), |r| format!("{:.1}%", r * 100.0))],
        vec!["hits / misses".into(), format!("{hits} / {misses}")],
        vec!["evicted keys".into(), text("evicted_keys")],
        vec!["expired keys".into(), text("expired_keys")],
        vec!["version".into(), text("redis_version")],
    ];
    out.stdout(&crate::output::table(&["STAT", "VALUE"], &rows, |_, _, s| s.to_string()))?;
    Ok(0)
}
