//! `dbctl migrate` and its subcommands.

use anyhow::Result;
use serde::Serialize;

use crate::backup::Config as BackupConfig;
use crate::cli::{
    BaselineArgs, MigrateArgs, MigrateCommand, NewArgs, RedoArgs, ResetArgs, ResolveArgs, RevertArgs, RunArgs,
};
use crate::commands::guard;
use crate::error::ConfigError;
use crate::migrate::Options as MigrateOptions;
use crate::migrate::plan::State;
use crate::migrate::run::{self, Applied, analyse_read_only, known_version};
use crate::migrate::source;
use crate::output::Output;
use crate::settings::Settings;

pub fn run(args: &MigrateArgs, settings: &Settings, out: &Output) -> Result<u8> {
    match &args.command {
        None => run_pending(&args.run, settings, out),
        Some(MigrateCommand::Run(a)) => run_pending(a, settings, out),
        Some(MigrateCommand::Status) => status(settings, out),
        Some(MigrateCommand::New(a)) => new(a, settings, out),
        Some(MigrateCommand::Revert(a)) => revert(a, settings, out),
        Some(MigrateCommand::Redo(a)) => redo(a, settings, out),
        Some(MigrateCommand::Reset(a)) => reset(a, settings, out),
        Some(MigrateCommand::Baseline(a)) => baseline(a, settings, out),
        Some(MigrateCommand::Resolve(a)) => resolve(a, settings, out),
        Some(MigrateCommand::Drift(a)) => drift(a, settings, out),
        Some(MigrateCommand::Lint(a)) => lint(a, settings, out),
        Some(MigrateCommand::Rehearse(a)) => rehearse(a, settings, out),
    }
}

/// The configuration's migration options with `--shadow-url` over `migrations.shadow_url`.
fn with_shadow(settings: &Settings, shadow: &crate::cli::ShadowArgs) -> MigrateOptions {
    let mut opts = MigrateOptions::from_settings(settings);
    if let Some(url) = &shadow.shadow_url {
        opts.shadow_url = Some(url.clone());
        opts.shadow_from_project = None;
    }
    opts
}

/// `migrate drift`: the differences, for people, as JSON, or as SQL to review; exit 15 on drift.
fn drift(args: &crate::cli::DriftArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let opts = with_shadow(settings, &args.shadow);
    let (files, analysis) = analyse_read_only(&opts, out)?;
    let report = crate::migrate::drift::check(&files, &analysis, &opts, out)?;
    let code = if report.differences.is_empty() { 0 } else { crate::migrate::drift::EXIT_DRIFT };
    if args.sql {
        let pg = matches!(settings.database.target, crate::db::DbTarget::Postgres { .. });
        out.stdout(&crate::migrate::drift::repair_sql(&report, pg))?;
    } else if out.settings.json {
        print_json(out, &serde_json::json!({ "exit_code": code, "drift": report }))?;
    } else {
        print_drift(&report, out)?;
    }
    Ok(code)
}

/// `schema dump [FILE]`: the schema every migration makes, to stdout or FILE (atomically).
pub fn schema_dump(args: &crate::cli::SchemaDumpArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let opts = with_shadow(settings, &args.shadow);
    let (_, files) = crate::migrate::run::load_files(&opts)?;
    let sql = crate::migrate::drift::schema_sql(&files, &opts, out)?;
    match &args.file {
        Some(path) => {
            out.write_file_atomically(path, &sql)?;
            out.info(&format!(
                "wrote the schema of {} to {}",
                crate::text::count(files.len(), "migration"),
                path.display()
            ));
        }
        None => out.stdout(&sql)?,
    }
    Ok(0)
}

/// The differences for people: `- missing`, `+ unexpected`, `~ changed`, with both definitions.
fn print_drift(report: &crate::migrate::drift::Report, out: &Output) -> Result<()> {
    let mut text = String::new();
    for d in &report.differences {
        let sign = match d.change {
            "missing" => "-",
            "unexpected" => "+",
            _ => "~",
        };
        text.push_str(&format!("{sign} {} {} {}\n", d.change, d.kind, d.object));
        if let Some(e) = &d.expected {
            text.push_str(&format!("    migrations: {}\n", e.replace('\n', "\n                ")));
        }
        if let Some(a) = &d.actual {
            text.push_str(&format!("    database:   {}\n", a.replace('\n', "\n                ")));
        }
    }
    if report.differences.is_empty() {
        if !out.settings.quiet {
            text.push_str(&format!(
                "no drift: the schema is what the {} make (replayed into {})\n",
                crate::text::count(report.replayed, "applied migration"),
                report.shadow
            ));
        }
    } else {
        text.push_str(&format!(
            "DRIFT (exit 15): {} between the schema and what the {} make \
             (replayed into {}); `dbctl migrate drift --sql` prints statements to review\n",
            crate::text::count(report.differences.len(), "difference"),
            crate::text::count(report.replayed, "applied migration"),
            report.shadow
        ));
    }
    out.stdout(&text)
}

fn resolve(args: &ResolveArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let what = match (&args.applied, &args.rolled_back) {
        (Some(name), _) => run::Resolve::Applied(name),
        (None, Some(name)) => run::Resolve::RolledBack(name),
        (None, None) => unreachable!("clap requires one"),
    };
    let said = run::resolve(&MigrateOptions::from_settings(settings), out, what)?;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "resolved": said }))?;
    } else {
        say(out, &said)?;
    }
    Ok(0)
}

/// A result line for people; silent with --quiet or --json.
fn say(out: &Output, text: &str) -> Result<()> {
    if out.settings.quiet || out.settings.json { Ok(()) } else { out.stdout(&format!("{text}\n")) }
}

fn print_json(out: &Output, value: &impl Serialize) -> Result<()> {
    out.stdout(&format!("{}\n", serde_json::to_string_pretty(value)?))
}

/// Prints `verb NAME (took)` as each migration is done.
fn printer(out: &Output) -> impl FnMut(&str, &Applied) -> Result<()> + '_ {
    |verb, a| say(out, &format!("{verb} {} ({})", a.name, crate::text::duration(a.took.as_secs_f64())))
}

fn run_pending(args: &RunArgs, settings: &Settings, out: &Output) -> Result<u8> {
    if args.check {
        return check(settings, out, args.drift, args.lint);
    }
    if args.dry_run {
        return dry_run(args, settings, out);
    }
    let around = crate::hooks::Around::start("migrate", &settings.hooks, out)?;
    let ran = (|| {
        if args.backup_first || settings.migrations.backup_first {
            backup_first(settings, out)?;
        }
        run::pending(
            &MigrateOptions::from_settings(settings),
            out,
            args.target.as_deref(),
            args.allow_edited,
            &mut printer(out),
        )
    })();
    around.finish(&ran.as_ref().map(|_| Default::default()).map_err(|e| anyhow::anyhow!("{e:#}")));
    let (applied, total) = ran?;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "applied": applied, "migrations": total }))?;
    } else if applied.is_empty() {
        say(out, &format!("nothing to apply: all {total} migrations are applied"))?;
    } else {
        say(out, &format!("{} applied", crate::text::count(applied.len(), "migration")))?;
    }
    Ok(0)
}

/// A backup of the database, tagged `pre-migrate`, when something is pending; its failure stops
/// the run before any migration.
fn backup_first(settings: &Settings, out: &Output) -> Result<()> {
    if let crate::db::DbTarget::Sqlite { path, .. } = &settings.database.target
        && !path.exists()
    {
        out.info("the database does not exist yet: nothing to back up before migrating");
        return Ok(());
    }
    let (_, analysis) = analyse_read_only(&MigrateOptions::from_settings(settings), out)?;
    let pending = analysis.to_apply().len();
    if pending == 0 {
        return Ok(());
    }
    out.info(&format!("{} pending: taking a backup first", crate::text::count(pending, "migration")));
    let opts = crate::backup::make::MakeOptions::configured(&BackupConfig::from_settings(settings))
        .map(|o| crate::backup::make::MakeOptions { tag: Some("pre-migrate".into()), ..o })?;
    let made = crate::backup::make::make(
        &opts,
        &BackupConfig::from_settings(settings),
        &settings.database.target,
        out,
    )
    .map_err(|e| e.context("the backup before migrating failed, so no migration was applied"))?;
    if let Some(e) = made.failure() {
        out.warn(&format!("{e:#}"));
    }
    out.info(&format!(
        "backup {}; `dbctl restore {} --clean` undoes the migrations",
        made.summary(),
        made.manifest.id
    ));
    Ok(())
}

/// `migrate --check --all-servers`: each primary checked on its own, one report, the highest
/// code as the exit code (a server that cannot be checked counts as 1).
pub fn check_all_servers(settings: &Settings, out: &Output) -> Result<u8> {
    let configured = MigrateOptions::from_settings(settings);
    let mut worst = 0u8;
    let mut docs = Vec::new();
    for server in settings.primaries()? {
        let name = &server.name;
        let (code, doc) = match analyse_read_only(&configured.for_server(server), out) {
            Ok((_, analysis)) => {
                let (code, findings) = (analysis.check_code(), analysis.findings());
                if !out.settings.json {
                    print_check(&format!("{name}: "), &analysis, out)?;
                }
                (code, serde_json::json!({ "server": name, "exit_code": code, "findings": findings }))
            }
            Err(e) => {
                let message = out.redact(&format!("{e:#}"));
                if !out.settings.json {
                    out.stdout(&format!("{name}: migrate check: FAILED (exit 1): {message}\n"))?;
                }
                (1, serde_json::json!({ "server": name, "exit_code": 1, "error": message }))
            }
        };
        worst = worst.max(code);
        docs.push(doc);
    }
    if out.settings.json {
        print_json(out, &serde_json::json!({ "exit_code": worst, "servers": docs }))?;
    }
    Ok(worst)
}

fn check(settings: &Settings, out: &Output, with_drift: bool, with_lint: bool) -> Result<u8> {
    let opts = MigrateOptions::from_settings(settings);
    let (files, analysis) = analyse_read_only(&opts, out)?;
    if with_lint {
        let code = analysis.check_code();
        let findings = lint_findings(settings, &pending(&files, &analysis));
        let report = match with_drift {
            true => Some(crate::migrate::drift::check(&files, &analysis, &opts, out)?),
            false => None,
        };
        let drift = match &report {
            Some(r) if !r.differences.is_empty() => crate::migrate::drift::EXIT_DRIFT,
            _ => 0,
        };
        let worst = code.max(lint_code(&findings)).max(drift);
        if out.settings.json {
            print_json(
                out,
                &serde_json::json!({ "exit_code": worst, "up_to_date": code == 0, "findings": analysis.findings(), "lint": findings, "drift": report }),
            )?;
        } else {
            print_check("", &analysis, out)?;
            print_lint(&findings, out)?;
            if let Some(r) = report.as_ref().filter(|_| drift != 0 || !out.settings.quiet) {
                print_drift(r, out)?;
            }
        }
        return Ok(worst);
    }
    if with_drift {
        let code = analysis.check_code();
        let report = crate::migrate::drift::check(&files, &analysis, &opts, out)?;
        let drift = if report.differences.is_empty() { 0 } else { crate::migrate::drift::EXIT_DRIFT };
        let worst = code.max(drift);
        if out.settings.json {
            print_json(
                out,
                &serde_json::json!({ "exit_code": worst, "up_to_date": worst == 0, "findings": analysis.findings(), "drift": report }),
            )?;
        } else {
            print_check("", &analysis, out)?;
            if drift != 0 || !out.settings.quiet {
                print_drift(&report, out)?;
            }
        }
        return Ok(worst);
    }
    let findings = analysis.findings();
    let code = analysis.check_code();
    if out.settings.json {
        print_json(
            out,
            &serde_json::json!({ "exit_code": code, "up_to_date": code == 0, "findings": findings }),
        )?;
        return Ok(code);
    }
    print_check("", &analysis, out)?;
    Ok(code)
}

/// The migrations `analysis` finds not applied (pending or out of order), in order.
fn pending<'a>(
    files: &'a [crate::migrate::source::MigrationFile],
    analysis: &crate::migrate::plan::Analysis,
) -> Vec<&'a crate::migrate::source::MigrationFile> {
    use crate::migrate::plan::State;
    analysis
        .entries
        .iter()
        .filter(|e| matches!(e.state, State::Pending | State::OutOfOrder))
        .filter_map(|e| e.file.map(|i| &files[i]))
        .collect()
}

fn lint_findings(
    settings: &Settings,
    chosen: &[&crate::migrate::source::MigrationFile],
) -> Vec<crate::migrate::lint::Finding> {
    let postgres = matches!(settings.database.target, crate::db::DbTarget::Postgres { .. });
    let opts = crate::migrate::lint::Options { postgres, allow: settings.migrations.lint_allow.clone() };
    let mut findings = crate::migrate::lint::lint(chosen, &opts);
    // With the database at hand (read-only), each error is weighed by its table's size and rows;
    // without it, the findings stand as they are.
    if postgres
        && !findings.is_empty()
        && let Ok(Some(mut conn)) =
            crate::db::connect_read_only(&settings.database.target, settings.database.connect_timeout)
    {
        crate::migrate::lint::weigh(&mut findings, &mut conn);
    }
    findings
}

fn lint_code(findings: &[crate::migrate::lint::Finding]) -> u8 {
    let error = findings.iter().any(|f| f.severity == crate::migrate::lint::Severity::Error);
    if error { crate::migrate::lint::EXIT_LINT } else { 0 }
}

/// The lint's findings for people: `FILE:LINE: severity RULE: why`, the statement, the fix.
fn print_lint(findings: &[crate::migrate::lint::Finding], out: &Output) -> Result<()> {
    let cwd = std::env::current_dir().unwrap_or_default();
    for f in findings {
        // As the project's files are named in it: relative to where dbctl runs, when inside.
        let file = f.file.strip_prefix(&cwd).unwrap_or(&f.file);
        let severity = match f.severity {
            crate::migrate::lint::Severity::Error => "error",
            crate::migrate::lint::Severity::Warning => "warning",
        };
        let on = f.table.as_ref().map(|w| format!(" on {}", w.describe())).unwrap_or_default();
        let mut text = format!(
            "{}:{}: {severity} {}{on}: {}\n    {}\n",
            file.display(),
            f.line,
            f.rule,
            f.why,
            f.statement
        );
        if let Some(fix) = &f.fix {
            text.push_str(&format!("    fix: {fix}\n"));
        }
        out.stdout(&text)?;
    }
    let errors = findings.iter().filter(|f| f.severity == crate::migrate::lint::Severity::Error).count();
    if !out.settings.quiet || errors > 0 {
        out.stdout(&format!(
            "migrate lint: {}, {}{}\n",
            crate::text::count(findings.len(), "finding"),
            crate::text::count(errors, "error"),
            if errors > 0 { format!(" (exit {})", crate::migrate::lint::EXIT_LINT) } else { String::new() }
        ))?;
    }
    Ok(())
}

/// `migrate lint`: the pending migrations (or those named, or all), each finding with its rule,
/// file and line, why, and the fix; exit 16 on an error finding.
fn lint(args: &crate::cli::LintArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let opts = MigrateOptions::from_settings(settings);
    let (_, files) = crate::migrate::run::load_files(&opts)?;
    let chosen: Vec<&crate::migrate::source::MigrationFile> = if args.all {
        files.iter().collect()
    } else if !args.names.is_empty() {
        let mut chosen = Vec::new();
        for name in &args.names {
            let found = files.iter().find(|m| &m.name == name || &m.version == name).ok_or_else(|| {
                ConfigError::new(format!(
                    "no migration `{name}` in {}; `dbctl migrate status` lists them",
                    opts.dir.display()
                ))
            })?;
            chosen.push(found);
        }
        chosen
    } else {
        let (_, analysis) = analyse_read_only(&opts, out)?;
        pending(&files, &analysis)
            .into_iter()
            .map(|m| files.iter().find(|f| f.name == m.name).expect("listed"))
            .collect()
    };
    let findings = lint_findings(settings, &chosen);
    if out.settings.json {
        print_json(
            out,
            &serde_json::json!({ "exit_code": lint_code(&findings), "migrations": chosen.len(), "findings": findings }),
        )?;
    } else {
        print_lint(&findings, out)?;
    }
    Ok(lint_code(&findings))
}

/// `migrate rehearse`: the backup restored into a scratch database, the pending migrations applied
/// there by the runner while a second connection samples their locks, the report, the scratch
/// dropped; exit 17 when a lock blocked writes on a table with rows longer than `--max-lock`.
fn rehearse(args: &crate::cli::RehearseArgs, settings: &Settings, out: &Output) -> Result<u8> {
    crate::sys::signals::install()?;
    let rcfg = crate::restore::Config::from_settings(settings);
    let source = crate::restore::locate(&args.from, &settings.backup.destinations, false, &rcfg, out)?;
    let mut keys =
        crate::backup::unpack::Keys::load(&args.identity, settings.backup.encryption_key.as_deref())?;
    let scratch_cfg = MigrateOptions::from_settings(settings);
    let (scratch, _cluster) = scratch_for(args, &source, &mut keys, &rcfg, &scratch_cfg, out)?;
    // SIGINT and SIGTERM end the sessions in the scratch database (its own: the runner's and the
    // sampler's), so that a long statement stops at once; the scratch goes when `scratch` drops.
    if let crate::db::DbTarget::Postgres { .. } = &scratch.target {
        let (target, timeout) = (scratch.target.clone(), settings.database.connect_timeout);
        crate::sys::signals::set_on_signal(Some(Box::new(move || {
            if let Ok(mut c) = crate::db::connect(&target, timeout, &mut |_| {}) {
                let _ = c.batch(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = current_database() AND pid <> pg_backend_pid()",
                );
            }
        })));
    }
    let result = rehearse_in(&scratch, args, settings, &source.label, out);
    crate::sys::signals::set_on_signal(None);
    scratch.remove(out);
    if let Some(sig) = crate::sys::signals::received() {
        return Err(anyhow::Error::new(crate::sys::signals::Interrupted(sig))
            .context("migrate rehearse stopped; its scratch copy was removed"));
    }
    result
}

/// The scratch copy the rehearsal runs in: restored into `--shadow-url` (or
/// `migrations.shadow_url`) when given, else into a database made on the configured server,
/// else (the role may not create databases) into a throwaway cluster of the backup's major
/// version on this host, which is returned too and stopped when dropped.
fn scratch_for(
    args: &crate::cli::RehearseArgs,
    source: &crate::restore::StoredBackup,
    keys: &mut crate::backup::unpack::Keys,
    rcfg: &crate::restore::Config,
    opts: &MigrateOptions,
    out: &Output,
) -> Result<(crate::restore::scratch::Scratch, Option<crate::migrate::scratch_cluster::ScratchCluster>)> {
    use crate::restore::scratch::{ScratchInto, restore_scratch};
    let target = &rcfg.base.target;
    let (given, from_project) = match &args.shadow_url {
        Some(url) => (Some(url.clone()), None),
        None => (opts.shadow_url.clone(), opts.shadow_from_project.clone()),
    };
    if let (crate::db::DbTarget::Postgres { .. }, Some(url)) = (target, given) {
        let into = crate::db::DbTarget::parse(&url, std::path::Path::new("."))
            .map_err(|e| anyhow::anyhow!("--shadow-url (migrations.shadow_url): {e}"))?;
        out.info(&format!(
            "restoring {} into the scratch database {} (emptied before and after)",
            source.label,
            into.display()
        ));
        let into = ScratchInto::Given { target: into, from_project };
        let scratch = restore_scratch(source, keys, &into, args.allow_unencrypted, rcfg, out)?;
        return Ok((scratch, None));
    }
    let db = target.name().unwrap_or_else(|| "db".into());
    let name = format!("{}_dbctl_rehearse_{}", crate::text::prefix(&db, 40), crate::sys::random::short_id());
    if let crate::db::DbTarget::Postgres { .. } = target {
        out.info(&format!("restoring {} into the scratch database {name}", source.label));
    } else {
        out.info(&format!("restoring {} into a private copy", source.label));
    }
    match restore_scratch(source, keys, &ScratchInto::Made(name), args.allow_unencrypted, rcfg, out) {
        Ok(scratch) => Ok((scratch, None)),
        Err(e) if e.downcast_ref::<crate::db::NoCreateDb>().is_some() => {
            let major = match source.manifest.as_ref().and_then(|m| server_major(&m.server_version)) {
                Some(major) => major,
                None => crate::db::connect(target, opts.connect_timeout, &mut |_| {})?.pg_major()?,
            };
            out.info(&format!(
                "the role may not create databases; rehearsing in a throwaway PostgreSQL {major} on this host"
            ));
            let cluster =
                crate::migrate::scratch_cluster::ScratchCluster::start(major, opts).map_err(|e| {
                    e.context(
                    "the role may not create a scratch database on the server (CREATEDB), and no throwaway \
                     cluster could be started here; give one with --shadow-url or migrations.shadow_url",
                )
                })?;
            let target = crate::db::DbTarget::Postgres { url: cluster.url("postgres") };
            let into = ScratchInto::Given { target, from_project: None };
            let scratch = restore_scratch(source, keys, &into, args.allow_unencrypted, rcfg, out)?;
            Ok((scratch, Some(cluster)))
        }
        Err(e) => Err(e),
    }
}

/// The major version in a manifest's `server_version` (`16.4`, `PostgreSQL 15.8 on …`).
fn server_major(version: &str) -> Option<u32> {
    let from = version.find(|c: char| c.is_ascii_digit())?;
    version[from..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// The rehearsal proper, in `scratch`: the report, and the exit code.
fn rehearse_in(
    scratch: &crate::restore::scratch::Scratch,
    args: &crate::cli::RehearseArgs,
    settings: &Settings,
    label: &str,
    out: &Output,
) -> Result<u8> {
    use crate::migrate::rehearse;
    // A restored table has no hint bits, visibility map or statistics yet, which production's
    // have: the first statement to read it would pay for them, and time more than it will there.
    let timeout = settings.database.connect_timeout;
    if let crate::db::DbTarget::Postgres { .. } = &scratch.target {
        out.info("vacuuming and analysing the scratch copy, as the database it comes from is");
        let mut conn = crate::db::connect(&scratch.target, timeout, &mut |_| {})?;
        conn.batch("VACUUM (ANALYZE)").map_err(crate::db::QueryError::from)?;
    }
    // The scratch database is this rehearsal's own: every other session in it is the runner's.
    let target = scratch.target.clone();
    let mut opts = MigrateOptions::from_settings(settings);
    opts.target = target.clone();
    opts.wait = None;
    let sampler = match &target {
        crate::db::DbTarget::Postgres { .. } => Some(rehearse::Sampler::start(&scratch.target, timeout)?),
        _ => None,
    };
    // One connection reads the tables' files before the first migration and after each.
    let mut files_conn = match &scratch.target {
        crate::db::DbTarget::Postgres { .. } => {
            Some(crate::db::connect(&scratch.target, timeout, &mut |_| {})?)
        }
        _ => None,
    };
    let before = rehearse::filenodes(files_conn.as_mut());
    let started = std::time::Instant::now();
    let mut ends = Vec::new();
    let mut files_after = Vec::new();
    let ran = run::pending(&opts, &out.quieted(), None, false, &mut |_, a| {
        ends.push((a.name.clone(), std::time::Instant::now(), a.took));
        files_after.push(rehearse::filenodes(files_conn.as_mut()));
        Ok(())
    });
    let samples = sampler.map(rehearse::Sampler::finish).unwrap_or_default();
    anyhow::Context::context(
        ran,
        "a migration failed in the rehearsal (nothing was changed but the scratch copy)",
    )?;
    let mut steps = rehearse::attribute(&samples, started, &ends);
    rehearse::fill_rewrites(&mut steps, &before, &files_after);
    drop(files_conn);
    rehearse::fill_rows(&mut steps, &scratch.target, timeout);
    let over: Vec<(String, String, f64)> = match args.max_lock {
        Some(max) => rehearse::over(&steps, max)
            .into_iter()
            .map(|(s, l)| (s.migration.clone(), l.relation.clone(), l.held_ms))
            .collect(),
        None => Vec::new(),
    };
    // The safe rewrite of each migration over the limit: what the lint says of its file.
    let fixes = rewrites_of(over.iter().map(|(m, _, _)| m.as_str()), &opts, settings);
    let fix_of = |m: &str| fixes.iter().filter(|f| f.migration == m).collect::<Vec<_>>();
    let code = if over.is_empty() { 0 } else { rehearse::EXIT_MAX_LOCK };
    if out.settings.json {
        let over_json: Vec<serde_json::Value> = over
            .iter()
            .map(|(m, r, ms)| {
                serde_json::json!({ "migration": m, "relation": r, "held_ms": ms, "lint": fix_of(m) })
            })
            .collect();
        print_json(
            out,
            &serde_json::json!({ "exit_code": code, "backup": label, "migrations": steps, "over_max_lock": over_json }),
        )?;
    } else {
        if steps.is_empty() {
            out.stdout(&format!("migrate rehearse: nothing is pending on {label}\n"))?;
        }
        rehearse::render(&steps, out)?;
        for (m, rel, ms) in &over {
            out.stdout(&format!(
                "migrate rehearse: {m} blocked writes on {rel} for {}, more than --max-lock {} (exit {code})\n",
                crate::text::duration(ms / 1e3),
                crate::text::std_duration(args.max_lock.unwrap_or_default())
            ))?;
            let found = fix_of(m);
            if found.is_empty() {
                out.stdout("    the lint has no rule for it: split the migration, or run it when the table is quiet\n")?;
            }
            for f in found {
                out.stdout(&format!(
                    "    {}:{}: {} {}\n",
                    crate::text::escape_controls(&f.file.display().to_string()),
                    f.line,
                    f.rule,
                    f.fix.as_deref().map(|fix| format!("fix: {fix}")).unwrap_or_else(|| f.why.clone())
                ))?;
            }
        }
    }
    Ok(code)
}

/// The lint's error findings on the migrations `names` (their files, offline).
fn rewrites_of<'a>(
    names: impl Iterator<Item = &'a str>,
    opts: &MigrateOptions,
    settings: &Settings,
) -> Vec<crate::migrate::lint::Finding> {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        return Vec::new();
    }
    let Ok((_, files)) = run::load_files(opts) else { return Vec::new() };
    let chosen: Vec<&crate::migrate::source::MigrationFile> =
        files.iter().filter(|f| names.contains(&f.name.as_str())).collect();
    let lint_opts =
        crate::migrate::lint::Options { postgres: true, allow: settings.migrations.lint_allow.clone() };
    crate::migrate::lint::lint(&chosen, &lint_opts)
        .into_iter()
        .filter(|f| f.severity == crate::migrate::lint::Severity::Error)
        .collect()
}

/// `--check`'s lines for people: one per finding, or that all is up to date; each after `prefix`.
fn print_check(prefix: &str, analysis: &crate::migrate::plan::Analysis, out: &Output) -> Result<()> {
    let applied = analysis.entries.iter().filter(|e| e.state.is_applied()).count();
    for f in &analysis.findings() {
        let label = f.kind.replace('_', " ").to_uppercase();
        let code = if f.code == 0 { String::new() } else { format!(" (exit {})", f.code) };
        out.stdout(&format!("{prefix}migrate check: {label}{code}: {}\n", f.message))?;
    }
    if analysis.check_code() == 0 && !out.settings.quiet {
        out.stdout(&format!(
            "{prefix}migrate check: up to date ({applied} of {} applied)\n",
            analysis.entries.len()
        ))?;
    }
    Ok(())
}

fn dry_run(args: &RunArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let (files, analysis) = analyse_read_only(&MigrateOptions::from_settings(settings), out)?;
    let target = args.target.as_deref().map(|t| known_version(&files, t, "--target")).transpose()?;
    let edited: Vec<&str> = analysis.with_state(State::Edited).filter_map(|e| e.name.as_deref()).collect();
    if !edited.is_empty() && !args.allow_edited {
        out.warn(&format!(
            "a real run would stop: edited applied {} {}",
            crate::text::plural(edited.len(), "migration"),
            edited.join(", ")
        ));
    }
    let mut text = String::new();
    let mut count = 0;
    let mut listed = Vec::new();
    for entry in analysis.to_apply() {
        if target.as_ref().is_some_and(|t| entry.version.as_str() > t.as_str()) {
            break;
        }
        let m = &files[entry.file.expect("pending migrations have files")];
        let how = if m.run_in_transaction {
            "in one transaction"
        } else {
            "statement by statement, no transaction"
        };
        listed.push(serde_json::json!({
            "version": m.version, "name": m.name, "path": m.up_path().display().to_string(),
            "in_transaction": m.run_in_transaction, "sql": m.up,
        }));
        text.push_str(&format!("-- {} ({}, {how})\n{}", m.name, m.up_path().display(), m.up));
        if !m.up.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
        count += 1;
    }
    if count == 0 {
        text.push_str("-- nothing to apply\n");
    }
    if out.settings.json {
        print_json(out, &serde_json::json!({ "dry_run": true, "would_apply": listed, "edited": edited }))?;
        return Ok(0);
    }
    out.stdout(&text)?;
    out.info(&format!(
        "dry run: {} would be applied; nothing was changed",
        crate::text::count(count, "migration")
    ));
    Ok(0)
}

fn status(settings: &Settings, out: &Output) -> Result<u8> {
    let (_, analysis) = analyse_read_only(&MigrateOptions::from_settings(settings), out)?;
    if out.settings.json {
        print_json(
            out,
            &serde_json::json!({
                "migrations": analysis.entries,
                "last_run": analysis.last_run,
                "findings": analysis.findings(),
            }),
        )?;
        return Ok(0);
    }
    // A Prisma migration's version is its folder name: shown once, as the name.
    let rows: Vec<Vec<String>> = analysis
        .entries
        .iter()
        .map(|e| {
            let mut row = Vec::with_capacity(4);
            if !analysis.prisma {
                row.push(e.version.clone());
            }
            row.extend([
                e.name.clone().unwrap_or_else(|| e.version.clone()),
                e.state.as_str().to_string(),
                e.applied_at.clone().unwrap_or_else(|| "-".into()),
            ]);
            row
        })
        .collect();
    let header: &[&str] = if analysis.prisma {
        &["NAME", "STATE", "APPLIED AT"]
    } else {
        &["VERSION", "NAME", "STATE", "APPLIED AT"]
    };
    let mut text = crate::output::table(header, &rows, |_, _, c| c.to_string());
    let count = |s: State| analysis.with_state(s).count();
    text.push_str(&format!(
        "\n{} migrations: {} applied, {} pending, {} out of order, {} edited, {} missing, {} unverified\n",
        analysis.entries.len(),
        count(State::Applied),
        count(State::Pending),
        count(State::OutOfOrder),
        count(State::Edited),
        count(State::Missing),
        count(State::Unverified)
    ));
    if let Some(run) = &analysis.last_run {
        let detail = match (&run.failed_version, &run.error) {
            (Some(v), Some(e)) => format!(" at {v}: {e}"),
            _ => String::new(),
        };
        text.push_str(&format!(
            "last run: `{}` {} by {} at {}{detail}\n",
            run.command, run.status, run.run_by, run.started_at
        ));
    }
    out.stdout(&text)?;
    Ok(0)
}

fn new(args: &NewArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let format = source::Format::of(settings.migrations.format, &settings.migrations.dir);
    let dir =
        source::create_as(format, &settings.migrations.dir, &args.name, args.no_down, chrono::Utc::now())
            .map_err(|e| {
                if source::valid_name(&args.name) { e } else { ConfigError::new(format!("{e:#}")).into() }
            })?;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "created": dir.display().to_string() }))?;
    } else {
        let files = match format {
            source::Format::Prisma => "migration.sql (a Prisma migration: no down file)",
            _ if args.no_down => "up.sql",
            _ => "up.sql and down.sql",
        };
        say(out, &format!("created {} with {files}", dir.display()))?;
    }
    Ok(0)
}

fn revert(args: &RevertArgs, settings: &Settings, out: &Output) -> Result<u8> {
    guard::protected(settings, args.yes, "`migrate revert` runs down.sql, which usually drops data")?;
    let reverted = run::revert(
        &MigrateOptions::from_settings(settings),
        out,
        args.to.as_deref(),
        args.steps,
        &mut printer(out),
    )?;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "reverted": reverted }))?;
    } else if reverted.is_empty() {
        say(out, "nothing to revert")?;
    }
    Ok(0)
}

fn redo(args: &RedoArgs, settings: &Settings, out: &Output) -> Result<u8> {
    guard::protected(settings, args.yes, "`migrate redo` runs down.sql, which usually drops data")?;
    let (reverted, applied) =
        run::redo(&MigrateOptions::from_settings(settings), out, args.steps, &mut printer(out))?;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "reverted": reverted, "applied": applied }))?;
    }
    Ok(0)
}

fn reset(args: &ResetArgs, settings: &Settings, out: &Output) -> Result<u8> {
    guard::confirm(
        settings,
        args.yes,
        "`migrate reset` reverts every migration (for Prisma folders: drops every table of the schema), so their data is lost, and applies them again",
    )?;
    let (reverted, applied) = run::reset(&MigrateOptions::from_settings(settings), out, &mut printer(out))?;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "reverted": reverted, "applied": applied }))?;
    } else {
        say(out, &format!("reset: {} reverted, {} applied", reverted.len(), applied.len()))?;
    }
    Ok(0)
}

fn baseline(args: &BaselineArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let run::Baselined { recorded, adopted, accepted } =
        run::baseline(&MigrateOptions::from_settings(settings), out, args.to.as_deref())?;
    if out.settings.json {
        print_json(
            out,
            &serde_json::json!({ "recorded": recorded, "adopted": adopted, "accepted_edits": accepted }),
        )?;
    } else {
        for n in &recorded {
            say(out, &format!("recorded {n} as applied (not run)"))?;
        }
        for n in &adopted {
            say(out, &format!("recorded the checksum of {n} (applied by another tool)"))?;
        }
        for n in &accepted {
            say(out, &format!("accepted the edited text of {n}"))?;
        }
        say(
            out,
            &format!(
                "baseline: {} recorded, {} adopted, {} edits accepted",
                recorded.len(),
                adopted.len(),
                accepted.len()
            ),
        )?;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::server_major;

    #[test]
    fn a_manifests_server_version_gives_its_major() {
        assert_eq!(server_major("16.4"), Some(16));
        assert_eq!(server_major("PostgreSQL 15.8 (Debian 15.8-0+deb12u1) on x86_64"), Some(15));
        assert_eq!(server_major("18beta1"), Some(18));
        assert_eq!(server_major("sqlite"), None);
    }
}
