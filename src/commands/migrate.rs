//! `dbctl migrate` and its subcommands.

use anyhow::{Result, anyhow, bail};
use serde::Serialize;

use crate::cli::{
    BaselineArgs, MigrateArgs, MigrateCommand, NewArgs, RedoArgs, ResetArgs, RevertArgs, RunArgs,
};
use crate::commands::guard;
use crate::db::{self, Conn};
use crate::error::ConfigError;
use crate::migrate::plan::{self, Analysis, Entry, State};
use crate::migrate::source::{self, MigrationFile};
use crate::migrate::{apply, ledger, lock};
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
    }
}

/// A result line for people; silent with --quiet or --json.
fn say(out: &Output, text: &str) -> Result<()> {
    if out.settings.quiet || out.settings.json { Ok(()) } else { out.stdout(&format!("{text}\n")) }
}

fn print_json(out: &Output, value: &impl Serialize) -> Result<()> {
    out.stdout(&format!("{}\n", serde_json::to_string_pretty(value)?))
}

fn connect_rw(settings: &Settings, out: &Output) -> Result<Conn> {
    let target = &settings.database.target;
    db::wait_for_database(settings, out, || {
        db::connect_creating(target, settings.database.connect_timeout, &mut |m| out.info(&m))
    })
}

/// The analysis without writing anything: no table is created, even on a new database.
pub(crate) fn analyse_read_only(settings: &Settings, out: &Output) -> Result<(Vec<MigrationFile>, Analysis)> {
    let files = source::load(&settings.migrations.dir)?;
    let target = &settings.database.target;
    let conn = db::wait_for_database(settings, out, || {
        db::connect_read_only(target, settings.database.connect_timeout)
    })?;
    let (recorded, running_now) = match conn {
        Some(mut c) => {
            let recorded = ledger::read(&mut c)?;
            let running = recorded
                .last_run
                .as_ref()
                .filter(|r| r.status == "running")
                .and_then(|_| lock::holder(&mut c, target));
            (recorded, running)
        }
        None => (ledger::Recorded::default(), None),
    };
    let mut analysis = plan::analyse(&files, &recorded);
    analysis.running_now = running_now;
    Ok((files, analysis))
}

/// A version as the user typed it (dashes allowed), checked against the files.
fn known_version(files: &[MigrationFile], typed: &str, flag: &str) -> Result<String> {
    let version = typed.replace('-', "");
    let version = version.split('_').next().unwrap_or_default().to_string();
    if files.iter().any(|f| f.version == version) {
        Ok(version)
    } else {
        Err(ConfigError::new(format!(
            "{flag} {typed}: no migration has version {version}; `dbctl migrate status` lists them"
        ))
        .into())
    }
}

/// A migration that failed, for the run log.
#[derive(Debug)]
struct RunFailed {
    version: String,
    name: String,
    failure: apply::Failure,
    done_before: usize,
}

impl std::fmt::Display for RunFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "migration {} failed and was rolled back: {}", self.name, self.failure)?;
        if self.done_before > 0 {
            write!(f, "; the {} migration(s) before it in this run stay applied", self.done_before)?;
        }
        Ok(())
    }
}

impl std::error::Error for RunFailed {}

/// Connects, takes the lock, creates the tables, logs the run, and calls `work` with the files and
/// a fresh analysis made under the lock.
fn with_lock<T>(
    settings: &Settings,
    out: &Output,
    command: &str,
    work: impl FnOnce(&mut Conn, &[MigrationFile], &Analysis, &str) -> Result<T>,
) -> Result<T> {
    let files = source::load(&settings.migrations.dir)?;
    let mut conn = connect_rw(settings, out)?;
    let timeout = settings.migrations.lock_timeout;
    let held = lock::acquire(&mut conn, &settings.database.target, timeout, &mut |holder| {
        out.info(&format!("waiting for the migration lock, held by {holder}"))
    })?;
    let by = crate::sys::whoami();
    let result = (|| {
        ledger::ensure_tables(&mut conn)?;
        let recorded = ledger::read(&mut conn)?;
        let analysis = plan::analyse(&files, &recorded);
        let run_id = ledger::start_run(&mut conn, command, &by)?;
        let result = work(&mut conn, &files, &analysis, &by);
        let failure = match &result {
            Ok(_) => None,
            Err(e) => match e.downcast_ref::<RunFailed>() {
                Some(f) => Some((f.version.clone(), f.failure.to_string())),
                None => Some((String::new(), format!("{e:#}"))),
            },
        };
        let logged = ledger::finish_run(
            &mut conn,
            run_id,
            failure.as_ref().map(|(v, e)| (v.as_str(), e.as_str())).filter(|(v, _)| !v.is_empty()),
        );
        let value = result?;
        logged?;
        Ok(value)
    })();
    lock::release(&mut conn, held);
    result
}

fn apply_one(
    conn: &mut Conn,
    m: &MigrationFile,
    by: &str,
    done_before: usize,
) -> Result<std::time::Duration> {
    apply::up(conn, m, by).map_err(|failure| {
        anyhow!(RunFailed { version: m.version.clone(), name: m.name.clone(), failure, done_before })
    })
}

#[derive(Serialize)]
struct Applied {
    version: String,
    name: String,
    duration_ms: f64,
}

impl Applied {
    /// Prints `verb NAME (took)` and returns the record.
    fn done(out: &Output, verb: &str, m: &MigrationFile, took: std::time::Duration) -> Result<Self> {
        say(out, &format!("{verb} {} ({})", m.name, crate::output::duration(took.as_secs_f64())))?;
        let ms = (took.as_secs_f64() * 1e6).round() / 1e3;
        Ok(Self { version: m.version.clone(), name: m.name.clone(), duration_ms: ms })
    }
}

fn run_pending(args: &RunArgs, settings: &Settings, out: &Output) -> Result<u8> {
    if args.check {
        return check(settings, out);
    }
    if args.dry_run {
        return dry_run(args, settings, out);
    }
    let applied = with_lock(settings, out, "migrate", |conn, files, analysis, by| {
        let target = args.target.as_deref().map(|t| known_version(files, t, "--target")).transpose()?;
        accept_or_refuse_edits(conn, files, analysis, args.allow_edited, out)?;
        for e in analysis.with_state(State::Missing) {
            out.warn(&format!(
                "{} is applied but its directory is gone from {}",
                e.name.as_deref().unwrap_or(&e.version),
                settings.migrations.dir.display()
            ));
        }
        let mut applied = Vec::new();
        for entry in analysis.to_apply() {
            if target.as_ref().is_some_and(|t| entry.version.as_str() > t.as_str()) {
                break;
            }
            let m = &files[entry.file.expect("pending migrations have files")];
            if entry.state == State::OutOfOrder {
                out.warn(&format!("{} is older than the newest applied migration; applying it now", m.name));
            }
            let took = apply_one(conn, m, by, applied.len())?;
            applied.push(Applied::done(out, "applied", m, took)?);
        }
        Ok((applied, files.len()))
    })?;
    let (applied, total) = applied;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "applied": applied, "migrations": total }))?;
    } else if applied.is_empty() {
        say(out, &format!("nothing to apply: all {total} migrations are applied"))?;
    } else {
        say(out, &format!("{} migration(s) applied", applied.len()))?;
    }
    Ok(0)
}

/// Edited applied migrations stop a run unless accepted.
fn accept_or_refuse_edits(
    conn: &mut Conn,
    files: &[MigrationFile],
    analysis: &Analysis,
    allow: bool,
    out: &Output,
) -> Result<()> {
    let edited: Vec<&Entry> = analysis.with_state(State::Edited).collect();
    if edited.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = edited.iter().filter_map(|e| e.name.as_deref()).collect();
    if !allow {
        bail!(
            "applied migration(s) edited since they ran: {}; revert the edit, or accept the new text with \
             --allow-edited (or `dbctl migrate baseline`)",
            names.join(", ")
        );
    }
    for e in edited {
        ledger::accept_checksum(conn, &files[e.file.expect("edited migrations have files")])?;
    }
    out.warn(&format!("accepted the edited text of {}", names.join(", ")));
    Ok(())
}

fn check(settings: &Settings, out: &Output) -> Result<u8> {
    let (_, analysis) = analyse_read_only(settings, out)?;
    let findings = analysis.findings();
    let code = analysis.check_code();
    if out.settings.json {
        print_json(
            out,
            &serde_json::json!({ "exit_code": code, "up_to_date": code == 0, "findings": findings }),
        )?;
        return Ok(code);
    }
    let applied = analysis.entries.iter().filter(|e| e.state.is_applied()).count();
    for f in &findings {
        let label = f.kind.replace('_', " ").to_uppercase();
        let code = if f.code == 0 { String::new() } else { format!(" (exit {})", f.code) };
        out.stdout(&format!("migrate check: {label}{code}: {}\n", f.message))?;
    }
    if code == 0 && !out.settings.quiet {
        out.stdout(&format!(
            "migrate check: up to date ({applied} of {} applied)\n",
            analysis.entries.len()
        ))?;
    }
    Ok(code)
}

fn dry_run(args: &RunArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let (files, analysis) = analyse_read_only(settings, out)?;
    let target = args.target.as_deref().map(|t| known_version(&files, t, "--target")).transpose()?;
    let edited: Vec<&str> = analysis.with_state(State::Edited).filter_map(|e| e.name.as_deref()).collect();
    if !edited.is_empty() && !args.allow_edited {
        out.warn(&format!("a real run would stop: edited applied migration(s) {}", edited.join(", ")));
    }
    let mut text = String::new();
    let mut count = 0;
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
    out.stdout(&text)?;
    out.info(&format!("dry run: {count} migration(s) would be applied; nothing was changed"));
    Ok(0)
}

fn status(settings: &Settings, out: &Output) -> Result<u8> {
    let (_, analysis) = analyse_read_only(settings, out)?;
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
    let rows: Vec<Vec<String>> = analysis
        .entries
        .iter()
        .map(|e| {
            vec![
                e.version.clone(),
                e.name.clone().unwrap_or_else(|| "(unknown)".into()),
                e.state.as_str().to_string(),
                e.applied_at.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let mut text =
        crate::output::table(&["VERSION", "NAME", "STATE", "APPLIED AT"], &rows, |_, _, c| c.to_string());
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
    let dir = source::create(&settings.migrations.dir, &args.name, args.no_down, chrono::Utc::now())
        .map_err(|e| {
            if source::valid_name(&args.name) { e } else { ConfigError::new(format!("{e:#}")).into() }
        })?;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "created": dir.display().to_string() }))?;
    } else {
        let files = if args.no_down { "up.sql" } else { "up.sql and down.sql" };
        say(out, &format!("created {} with {files}", dir.display()))?;
    }
    Ok(0)
}

/// The applied migrations to revert, most recently run first; checks up front that each one has
/// its directory and a down.sql, so that a revert never stops half-way for a missing file.
fn revertible<'a>(files: &'a [MigrationFile], chosen: &[&Entry]) -> Result<Vec<&'a MigrationFile>> {
    chosen
        .iter()
        .map(|e| {
            let m = e.file.map(|i| &files[i]).ok_or_else(|| {
                anyhow!("cannot revert {}: its directory is gone; restore it from version control", e.version)
            })?;
            if m.down.is_none() {
                bail!(
                    "cannot revert {}: it has no down.sql (an irreversible migration); nothing was reverted",
                    m.name
                );
            }
            Ok(m)
        })
        .collect()
}

/// Applies the migrations in the order given, printing each.
fn apply_all(conn: &mut Conn, list: Vec<&MigrationFile>, by: &str, out: &Output) -> Result<Vec<Applied>> {
    let mut applied = Vec::new();
    for m in list {
        let took = apply_one(conn, m, by, applied.len())?;
        applied.push(Applied::done(out, "applied", m, took)?);
    }
    Ok(applied)
}

fn revert_all(conn: &mut Conn, list: &[&MigrationFile], out: &Output) -> Result<Vec<Applied>> {
    let mut done = Vec::new();
    for m in list {
        let took = apply::down(conn, m).map_err(|failure| {
            anyhow!(RunFailed {
                version: m.version.clone(),
                name: m.name.clone(),
                failure,
                done_before: done.len()
            })
        })?;
        done.push(Applied::done(out, "reverted", m, took)?);
    }
    Ok(done)
}

fn revert(args: &RevertArgs, settings: &Settings, out: &Output) -> Result<u8> {
    guard::protected(settings, args.yes, "`migrate revert` runs down.sql, which usually drops data")?;
    let reverted = with_lock(settings, out, "migrate revert", |conn, files, analysis, _| {
        let applied = analysis.applied_newest_first();
        let chosen: Vec<&Entry> = match &args.to {
            Some(to) => {
                let to = to.replace('-', "");
                let pos = applied.iter().position(|e| e.version == to).ok_or_else(|| {
                    ConfigError::new(format!(
                        "--to {to}: that migration is not applied; `dbctl migrate status` lists them"
                    ))
                })?;
                applied[..pos].to_vec()
            }
            None => applied.iter().take(args.steps).copied().collect(),
        };
        let list = revertible(files, &chosen)?;
        revert_all(conn, &list, out)
    })?;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "reverted": reverted }))?;
    } else if reverted.is_empty() {
        say(out, "nothing to revert")?;
    }
    Ok(0)
}

fn redo(args: &RedoArgs, settings: &Settings, out: &Output) -> Result<u8> {
    guard::protected(settings, args.yes, "`migrate redo` runs down.sql, which usually drops data")?;
    let (reverted, applied) = with_lock(settings, out, "migrate redo", |conn, files, analysis, by| {
        let chosen: Vec<&Entry> = analysis.applied_newest_first().into_iter().take(args.steps).collect();
        let list = revertible(files, &chosen)?;
        let reverted = revert_all(conn, &list, out)?;
        let mut again: Vec<&MigrationFile> = list.clone();
        again.sort_by(|a, b| a.version.cmp(&b.version));
        Ok((reverted, apply_all(conn, again, by, out)?))
    })?;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "reverted": reverted, "applied": applied }))?;
    }
    Ok(0)
}

fn reset(args: &ResetArgs, settings: &Settings, out: &Output) -> Result<u8> {
    guard::confirm(
        settings,
        args.yes,
        "`migrate reset` reverts every migration (their data is lost) and applies them again",
    )?;
    let (reverted, applied) = with_lock(settings, out, "migrate reset", |conn, files, analysis, by| {
        let chosen = analysis.applied_newest_first();
        let list = revertible(files, &chosen)?;
        let reverted = revert_all(conn, &list, out)?;
        Ok((reverted, apply_all(conn, files.iter().collect(), by, out)?))
    })?;
    if out.settings.json {
        print_json(out, &serde_json::json!({ "reverted": reverted, "applied": applied }))?;
    } else {
        say(out, &format!("reset: {} reverted, {} applied", reverted.len(), applied.len()))?;
    }
    Ok(0)
}

fn baseline(args: &BaselineArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let (recorded, adopted, accepted) =
        with_lock(settings, out, "migrate baseline", |conn, files, analysis, by| {
            let to = args.to.as_deref().map(|t| known_version(files, t, "--to")).transpose()?;
            let (mut recorded, mut adopted, mut accepted) = (Vec::new(), Vec::new(), Vec::new());
            conn.begin()?;
            let result = (|| -> Result<()> {
                for e in &analysis.entries {
                    if to.as_ref().is_some_and(|t| e.version.as_str() > t.as_str()) {
                        continue;
                    }
                    let Some(m) = e.file.map(|i| &files[i]) else { continue };
                    match e.state {
                        State::Pending | State::OutOfOrder => {
                            ledger::record_applied(conn, m, 0, by, "baseline")?;
                            recorded.push(m.name.clone());
                        }
                        State::Unverified => {
                            ledger::record_checksum(conn, m, 0, by, "adopted")?;
                            adopted.push(m.name.clone());
                        }
                        State::Edited => {
                            ledger::accept_checksum(conn, m)?;
                            accepted.push(m.name.clone());
                        }
                        State::Applied | State::Missing => {}
                    }
                }
                conn.commit()?;
                Ok(())
            })();
            if result.is_err() {
                conn.rollback();
            }
            result.map(|()| (recorded, adopted, accepted))
        })?;
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
