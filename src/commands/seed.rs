//! `dbctl seed`

use std::time::Instant;

use anyhow::{Result, bail};

use crate::cli::SeedArgs;
use crate::error::ConfigError;
use crate::output::Output;
use crate::seed::{self, Kind, load};
use crate::settings::Settings;

/// CSV files at least this large get a progress bar (on a terminal).
const PROGRESS_FROM_BYTES: u64 = 4 * 1024 * 1024;

pub fn run(args: &SeedArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let env = settings.profile.as_deref();
    if !settings.seeds_dir.is_dir() {
        let cwd = std::env::current_dir().unwrap_or_default();
        let hint = match prisma_seed(&cwd) {
            Some(from) => format!(
                "this project seeds with `prisma db seed` ({from}); dbctl loads SQL and CSV seed sets: run \
                 `npx prisma db seed` for that seed, or put .sql and .csv files in seeds/common/ (and seeds/<env>/) \
                 for dbctl to load"
            ),
            None => "create seeds/common/ (and seeds/<env>/) with .sql and .csv files, or set seeds.dir"
                .to_string(),
        };
        return Err(ConfigError::new(format!(
            "no seeds directory at {}; {hint}",
            settings.seeds_dir.display()
        ))
        .into());
    }
    let files = seed::discover(&settings.seeds_dir, env, &args.only)
        .map_err(|e| if args.only.is_empty() { e } else { ConfigError::new(format!("{e:#}")).into() })?;
    if args.reset {
        crate::commands::guard::protected(settings, args.yes, "`seed --reset` empties the seeded tables")?;
    }
    if !args.no_migration_check && settings.migrations.dir.is_dir() {
        let (_, analysis) =
            crate::migrate::run::analyse_read_only(&crate::migrate::Options::from_settings(settings), out)?;
        let waiting = analysis.to_apply();
        if !waiting.is_empty() {
            bail!(
                "{} pending ({}); run `dbctl migrate` first, or pass --no-migration-check",
                crate::text::count(waiting.len(), "migration"),
                waiting.iter().filter_map(|e| e.name.as_deref()).collect::<Vec<_>>().join(", ")
            );
        }
    }
    let sets = match env {
        Some(e) => format!("common + {e}"),
        None => "common".to_string(),
    };
    if args.dry_run {
        return dry_run(&files, &sets, args.reset, out);
    }
    if files.is_empty() {
        out.info(&format!("no seed files for {sets} in {}", settings.seeds_dir.display()));
        return Ok(0);
    }

    let progress = |label: &str, total: u64| -> Box<dyn FnMut(u64)> {
        let bar = if total < PROGRESS_FROM_BYTES { None } else { out.progress(Some(total), false, label) };
        match bar {
            None => Box::new(|_| {}),
            Some(bar) => Box::new(move |done| {
                bar.set_position(done);
                if done >= total {
                    bar.finish_and_clear();
                }
            }),
        }
    };
    let opts = load::Options {
        target: &settings.database.target,
        connect_timeout: settings.database.connect_timeout,
        wait: settings.wait,
        reset: args.reset,
        progress: &progress,
    };
    let started = Instant::now();
    let reports = load::run(&files, &opts, out)?;
    for w in reports.iter().filter_map(|r| r.warning.as_deref()) {
        out.warn(w);
    }
    let rows: u64 = reports.iter().filter_map(|r| r.rows).sum();
    let inserted: u64 = reports.iter().filter_map(|r| r.inserted).sum();
    if out.settings.json {
        let doc = serde_json::json!({
            "sets": sets,
            "reset": args.reset,
            "files": reports,
            "csv_rows": rows,
            "csv_inserted": inserted,
        });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&doc)?))?;
        return Ok(0);
    }
    if !out.settings.quiet {
        let mut text = String::new();
        for r in &reports {
            let what = match (r.statements, r.rows, r.inserted) {
                (Some(n), _, _) => crate::text::count(n, "statement"),
                (_, Some(rows), Some(new)) => {
                    format!(
                        "{} into {}, {new} new",
                        crate::text::count(rows, "row"),
                        r.table.as_deref().unwrap_or("?")
                    )
                }
                _ => String::new(),
            };
            text.push_str(&format!(
                "seeded {}/{}: {what} ({})\n",
                r.set,
                r.file,
                crate::text::duration(r.duration_ms / 1000.0)
            ));
        }
        text.push_str(&format!(
            "{} of {sets} seeded in {}{}\n",
            crate::text::count(reports.len(), "file"),
            crate::text::duration(started.elapsed().as_secs_f64()),
            if args.reset { " (tables emptied first)" } else { "" }
        ));
        out.stdout(&text)?;
    }
    Ok(0)
}

fn dry_run(files: &[seed::SeedFile], sets: &str, reset: bool, out: &Output) -> Result<u8> {
    let mut listed = Vec::new();
    for f in files {
        let detail = match &f.kind {
            Kind::Csv { .. } => serde_json::json!({ "rows": load::count_records(f)? }),
            Kind::Sql => {
                let text = std::fs::read_to_string(&f.path)?;
                serde_json::json!({ "statements": crate::db::sql::split(&text).len() })
            }
        };
        listed.push((f, detail));
    }
    let touched = if reset { load::touched_tables(files)? } else { Vec::new() };
    if out.settings.json {
        let files: Vec<serde_json::Value> = listed
            .iter()
            .map(|(f, d)| {
                let mut v = serde_json::to_value(f).expect("serializable");
                if let (Some(obj), Some(extra)) = (v.as_object_mut(), d.as_object()) {
                    obj.extend(extra.clone());
                }
                v
            })
            .collect();
        let doc =
            serde_json::json!({ "sets": sets, "dry_run": true, "files": files, "reset_tables": touched });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&doc)?))?;
        return Ok(0);
    }
    let mut text = String::new();
    if reset {
        text.push_str(&format!(
            "would empty, in this order: {}\n",
            touched.iter().rev().cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    for (f, d) in &listed {
        let what = match &f.kind {
            Kind::Csv { .. } => format!(
                "{} into {}",
                crate::text::count(&d["rows"], "row"),
                f.quoted_table().unwrap_or_default()
            ),
            Kind::Sql => crate::text::count(&d["statements"], "statement"),
        };
        text.push_str(&format!("would seed {}: {what}\n", f.label()));
    }
    text.push_str(&format!(
        "dry run: {} of {sets}; nothing was changed\n",
        crate::text::count(listed.len(), "file")
    ));
    out.stdout(&text)?;
    Ok(0)
}

/// Where a Prisma project names its own seed command: package.json's `prisma.seed`, or
/// `migrations.seed` in prisma.config.ts (read as text, never run).
fn prisma_seed(cwd: &std::path::Path) -> Option<String> {
    let read = |p: std::path::PathBuf| crate::settings::prisma_config::read_bounded(&p, 1 << 20).ok();
    let package = read(cwd.join("package.json"));
    if package
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.get("prisma")?.get("seed").map(|s| s.is_string()))
        == Some(true)
    {
        return Some("package.json's prisma.seed".to_string());
    }
    ["prisma.config.ts", "prisma.config.mts", "prisma.config.js", "prisma.config.mjs"].iter().find_map(
        |name| {
            let text = read(cwd.join(name))?;
            text.contains("seed:").then(|| format!("the seed of {name}"))
        },
    )
}
