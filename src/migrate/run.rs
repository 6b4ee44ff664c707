//! Running migrations under the lock: apply what is pending, revert, redo, reset, baseline, each
//! logged as one run. Read-only analysis for status and `--check` creates nothing.
//!
//! Each migration applied or reverted is reported through `done` as it happens, so that a
//! caller can print it while the next one runs.

use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use serde::Serialize;

use super::plan::{self, Analysis, Entry, State};
use super::session::Session;
use super::source::{self, Format, MigrationFile};
use super::{apply, ledger, lock, prisma};
use crate::db::{self, Conn};
use crate::error::ConfigError;
use crate::output::Output;

/// A migration applied or reverted.
#[derive(Serialize)]
pub struct Applied {
    pub version: String,
    pub name: String,
    pub duration_ms: f64,
    #[serde(skip)]
    pub took: Duration,
}

impl Applied {
    fn new(m: &MigrationFile, took: Duration) -> Self {
        let ms = (took.as_secs_f64() * 1e6).round() / 1e3;
        Self { version: m.version.clone(), name: m.name.clone(), duration_ms: ms, took }
    }
}

/// Hears each migration as it is done: `applied` or `reverted`, and the record.
pub type Done<'a> = &'a mut dyn FnMut(&str, &Applied) -> Result<()>;

fn connect_rw(opts: &super::Options, out: &Output) -> Result<Conn> {
    let target = &opts.target;
    let mut conn = db::wait_for_database(target, opts.wait, out, || {
        db::connect_creating(target, opts.connect_timeout, &mut |m| out.info(&m))
    })?;
    // The schema the URL names (Prisma's `schema=`) is made when missing, as Prisma does.
    if let db::DbTarget::Postgres { url } = target
        && let Some(schema) = db::prisma_url::schema(url)
    {
        let exists = conn.query_bool(&format!(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = {}) AS v",
            db::quote_literal(&schema)
        ))?;
        if !exists {
            out.info(&format!("creating the schema {schema} that DATABASE_URL names"));
            conn.batch(&format!("CREATE SCHEMA IF NOT EXISTS {}", db::quote_ident(&schema)))
                .map_err(|e| anyhow!("creating the schema {schema} that DATABASE_URL names: {e:#}"))?;
        }
    }
    Ok(conn)
}

/// The migrations directory's format and its migrations. A Prisma directory whose
/// `migration_lock.toml` names another provider than the database's is refused.
pub fn load_files(opts: &super::Options) -> Result<(Format, Vec<MigrationFile>)> {
    let dir = &opts.dir;
    if let Some(e) = opts.target.not_connectable() {
        return Err(e.into());
    }
    if !dir.is_dir() {
        // A setting to fix, not a failed run; the hint fits the project.
        let m = opts;
        let hint = match &m.prisma_schema {
            Some(schema) => format!(
                "this is a Prisma project (schema {}): Prisma keeps migrations in migrations/ beside the schema; \
                 name the schema with --schema PATH, or the folder with --migrations-dir DIR (MIGRATION_DIRECTORY); \
                 `npx prisma migrate dev` creates the first one",
                schema.display()
            ),
            None => "create one with `dbctl migrate new NAME`, or name it with --migrations-dir DIR \
                 (migrations.dir, MIGRATION_DIRECTORY); a Prisma project: --schema PATH"
                .to_string(),
        };
        return Err(crate::error::ConfigError::new(format!(
            "no migrations directory at {} ({}); {hint}",
            dir.display(),
            m.dir_reason
        ))
        .into());
    }
    let format = Format::of(opts.format, dir);
    let files = source::load_as(dir, format)?;
    if format == Format::Prisma
        && let Some(provider) = source::prisma_provider(dir)?
    {
        let backend = opts.target.backend();
        let fits = match backend {
            "postgresql" => matches!(provider.as_str(), "postgresql" | "postgres" | "cockroachdb"),
            _ => provider == "sqlite",
        };
        if !fits {
            return Err(ConfigError::new(format!(
                "the migrations in {} were written for `{provider}` ({}), but the database is {backend}: \
                 the provider of the datasource and of migration_lock.toml must match; use a \
                 {provider} database, or create migrations for {backend}",
                dir.display(),
                source::PRISMA_LOCK_FILE
            ))
            .into());
        }
    }
    Ok((format, files))
}

/// The recorded rows of `format`'s ledger.
fn read_ledger(conn: &mut Conn, format: Format, files: &[MigrationFile]) -> Result<ledger::Recorded> {
    match format {
        Format::Diesel => ledger::read(conn),
        Format::Prisma => prisma::read(conn, files),
    }
}

/// The analysis without writing anything: no table is created, even on a new database.
pub fn analyse_read_only(opts: &super::Options, out: &Output) -> Result<(Vec<MigrationFile>, Analysis)> {
    let (format, files) = load_files(opts)?;
    let target = &opts.target;
    let conn = db::wait_for_database(target, opts.wait, out, || {
        db::connect_read_only(target, opts.connect_timeout)
    })?;
    let (recorded, running_now) = match conn {
        Some(mut c) => {
            let mut recorded = read_ledger(&mut c, format, &files)?;
            let running = match format {
                Format::Diesel => recorded
                    .last_run
                    .as_ref()
                    .filter(|r| r.status == "running")
                    .and_then(|_| lock::holder(&mut c, target)),
                // An unfinished row while a runner holds a lock is a run in progress, not a failure.
                Format::Prisma => lock::holder(&mut c, target).or_else(|| prisma::lock_holder(&mut c)),
            };
            if let (Some(run), Some(_)) = (&mut recorded.last_run, &running) {
                run.status = "running".into();
            }
            (recorded, running)
        }
        None => {
            if let crate::db::DbTarget::Sqlite { path, embedded: false } = target {
                out.warn(&format!(
                    "SQLite database {} does not exist yet, so no migration is applied; `dbctl migrate` \
                     creates it (check DATABASE_URL if it should exist)",
                    path.display()
                ));
            }
            (ledger::Recorded::default(), None)
        }
    };
    let mut analysis = plan::analyse(&files, &recorded);
    analysis.running_now = running_now;
    Ok((files, analysis))
}

/// A version as the user typed it (dashes allowed), checked against the files.
pub fn known_version(files: &[MigrationFile], typed: &str, flag: &str) -> Result<String> {
    // A Prisma migration by its folder name, or by its timestamp.
    if let Some(f) = files.iter().find(|f| f.name == typed || f.name.starts_with(&format!("{typed}_"))) {
        return Ok(f.version.clone());
    }
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
#[derive(Debug, thiserror::Error)]
#[error("migration {name} failed{}: {failure}{}", rolled_back(failure), stayed(*done_before))]
struct RunFailed {
    version: String,
    name: String,
    failure: apply::Failure,
    done_before: usize,
}

/// Says the migration was rolled back, unless some of its statements committed on their own.
fn rolled_back(failure: &apply::Failure) -> &'static str {
    if failure.committed == 0 { " and was rolled back" } else { "" }
}

fn stayed(done_before: usize) -> String {
    match done_before {
        0 => String::new(),
        n => format!("; the {} before it in this run stay applied", crate::text::count(n, "migration")),
    }
}

/// Connects, takes the lock, creates the tables, logs the run, and calls `work` with the files and
/// a fresh analysis made under the lock.
fn with_lock<T>(
    opts: &super::Options,
    out: &Output,
    command: &str,
    work: impl FnOnce(&mut Session, &[MigrationFile], &Analysis, &str) -> Result<T>,
) -> Result<T> {
    let (format, files) = load_files(opts)?;
    let mut conn = connect_rw(opts, out)?;
    let timeout = opts.lock_timeout;
    let held = lock::acquire(&mut conn, &opts.target, timeout, &mut |holder| {
        out.info(&format!("waiting for the migration lock, held by {holder}"))
    })?;
    let by = crate::sys::whoami();
    if format == Format::Prisma {
        // Prisma's lock too, so that a `prisma migrate deploy` and this run never overlap. No
        // table of dbctl's is made: `_prisma_migrations` is the ledger (and Prisma's drift
        // checks would see any other table).
        let result = prisma::lock(&mut conn, timeout, &mut |holder| {
            out.info(&format!("waiting for the migration lock, held by {holder}"))
        })
        .and_then(|prisma_held| {
            let result = prisma::read(&mut conn, &files).and_then(|recorded| {
                let analysis = plan::analyse(&files, &recorded);
                work(&mut Session::new(&mut conn, opts, out), &files, &analysis, &by)
            });
            if prisma_held {
                prisma::unlock(&mut conn);
            }
            result
        });
        lock::release(&mut conn, held);
        return result;
    }
    let result = (|| {
        ledger::ensure_tables(&mut conn)?;
        let recorded = ledger::read(&mut conn)?;
        let analysis = plan::analyse(&files, &recorded);
        let run_id = ledger::start_run(&mut conn, command, &by)?;
        let result = work(&mut Session::new(&mut conn, opts, out), &files, &analysis, &by);
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

/// The ledger rows a run writes: numbered on from the ledger's highest.
struct Rows<'a> {
    next: i64,
    existing: &'a std::collections::HashSet<String>,
}

impl<'a> Rows<'a> {
    fn of(analysis: &'a Analysis) -> Self {
        Rows { next: analysis.ledger_seq + 1, existing: &analysis.ledger_versions }
    }

    fn take(&mut self, m: &MigrationFile) -> ledger::Seq {
        self.next += 1;
        ledger::Seq { seq: self.next - 1, replace: self.existing.contains(&m.version) }
    }
}

fn apply_one(
    s: &mut Session,
    m: &MigrationFile,
    by: &str,
    done_before: usize,
    seq: ledger::Seq,
) -> Result<std::time::Duration> {
    let applied = match m.format {
        Format::Diesel => apply::up(s, m, by, seq),
        Format::Prisma => prisma::up(s, m),
    };
    applied.map_err(|failure| {
        anyhow!(RunFailed { version: m.version.clone(), name: m.name.clone(), failure, done_before })
    })
}

/// Applies the pending migrations in version order, up to `target`; edited applied migrations
/// stop the run unless `allow_edited`. Returns the applied ones and how many migrations exist.
pub fn pending(
    opts: &super::Options,
    out: &Output,
    target: Option<&str>,
    allow_edited: bool,
    done: Done,
) -> Result<(Vec<Applied>, usize)> {
    with_lock(opts, out, "migrate", |s, files, analysis, by| {
        let target = target.map(|t| known_version(files, t, "--target")).transpose()?;
        if analysis.prisma {
            prisma_may_deploy(s.conn, analysis, opts)?;
        }
        accept_or_refuse_edits(s.conn, files, analysis, allow_edited, out)?;
        for e in analysis.with_state(State::Missing) {
            out.warn(&format!(
                "{} is applied but its directory is gone from {}",
                e.name.as_deref().unwrap_or(&e.version),
                opts.dir.display()
            ));
        }
        let mut list = Vec::new();
        for entry in analysis.to_apply() {
            if target.as_ref().is_some_and(|t| entry.version.as_str() > t.as_str()) {
                break;
            }
            let m = &files[entry.file.expect("pending migrations have files")];
            if entry.state == State::OutOfOrder {
                out.warn(&format!("{} is older than the newest applied migration; applying it now", m.name));
            }
            list.push(m);
        }
        Ok((apply_all(s, list, by, &mut Rows::of(analysis), done)?, files.len()))
    })
}

/// What Prisma refuses before a deploy: a failed migration not yet resolved, and a database that
/// holds tables but no `_prisma_migrations` (it was made some other way: baseline it first).
/// Otherwise the table is created.
fn prisma_may_deploy(conn: &mut Conn, analysis: &Analysis, opts: &super::Options) -> Result<()> {
    if let Some(run) = analysis.last_run_failed() {
        let name = run.failed_version.clone().unwrap_or_default();
        bail!(
            "migration {name} failed (started at {}) and is not resolved, so no migration was applied: \
             undo what it did and run `dbctl migrate resolve --rolled-back {name}` (it runs again next \
             time), or finish it by hand and run `dbctl migrate resolve --applied {name}`{}",
            run.started_at,
            run.error.as_deref().map(|e| format!(". It failed with: {e}")).unwrap_or_default()
        );
    }
    if !analysis.ledger_exists && prisma::has_user_tables(conn)? {
        bail!(
            "the database {} holds tables but no _prisma_migrations, so it was not made by these \
             migrations; if its schema is what the migrations in {} make, adopt it with `dbctl migrate \
             baseline` (or `baseline --to NAME` for the migrations it already has), then run `dbctl migrate`",
            opts.target.display(),
            opts.dir.display()
        );
    }
    prisma::ensure_table(conn)
}

fn report(done: Done, verb: &str, m: &MigrationFile, took: Duration) -> Result<Applied> {
    let a = Applied::new(m, took);
    done(verb, &a)?;
    Ok(a)
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
            "applied {} edited since they ran: {}; revert the edit, or accept the new text with \
             --allow-edited (or `dbctl migrate baseline`)",
            crate::text::plural(names.len(), "migration"),
            names.join(", ")
        );
    }
    for e in edited {
        let m = &files[e.file.expect("edited migrations have files")];
        match m.format {
            Format::Diesel => ledger::accept_checksum(conn, m)?,
            Format::Prisma => prisma::accept_checksum(conn, m)?,
        }
    }
    out.warn(&format!("accepted the edited text of {}", names.join(", ")));
    Ok(())
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
            if m.format == Format::Prisma {
                bail!(
                    "cannot revert {}: Prisma migrations have no down migration. Write a new migration \
                     that undoes it, or restore a backup taken before it (`dbctl migrate --backup-first` \
                     takes one); nothing was reverted",
                    m.name
                );
            }
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

/// How long consecutive SQLite migrations share one transaction before it commits.
const SHARE_FOR: Duration = Duration::from_millis(500);

/// Applies the migrations in the order given, reporting each once it is committed.
///
/// On SQLite a commit costs several fsyncs, most of a small migration's time, so consecutive
/// transactional diesel-format migrations share one transaction, committed every [`SHARE_FOR`],
/// before a migration that runs outside a transaction, and at the end. The outcome is the one a
/// transaction per migration gives: when one of them fails (or the commit does), the shared
/// transaction is rolled back and its migrations are applied again one per transaction, so those
/// before the failure stay applied and the failure is located in its file. An interrupted run
/// loses only unreported migrations. PostgreSQL commits each migration in its own round trip
/// already, and keeps a transaction per migration so that locks are held briefly.
fn apply_all(
    s: &mut Session,
    list: Vec<&MigrationFile>,
    by: &str,
    rows: &mut Rows,
    done: Done,
) -> Result<Vec<Applied>> {
    let mut applied = Vec::new();
    let mut shared = Shared { open: Vec::new(), since: std::time::Instant::now() };
    let may_share = !s.is_pg();
    for m in list {
        let seq = rows.take(m);
        if may_share
            && m.format == Format::Diesel
            && m.run_in_transaction
            && (!shared.open.is_empty() || shared.begin(s.conn))
        {
            match apply::up_within(s, m, by, seq) {
                Some(took) => {
                    shared.open.push((m, seq, took));
                    if shared.since.elapsed() >= SHARE_FOR {
                        shared.settle(s, by, &mut applied, done)?;
                    }
                }
                None => {
                    shared.open.push((m, seq, Duration::ZERO));
                    shared.replay(s, by, &mut applied, done)?;
                }
            }
            continue;
        }
        shared.settle(s, by, &mut applied, done)?;
        let took = apply_one(s, m, by, applied.len(), seq)?;
        applied.push(report(done, "applied", m, took)?);
    }
    shared.settle(s, by, &mut applied, done)?;
    Ok(applied)
}

/// The migrations applied in the open shared transaction, not committed yet.
struct Shared<'m> {
    open: Vec<(&'m MigrationFile, ledger::Seq, Duration)>,
    since: std::time::Instant,
}

impl<'m> Shared<'m> {
    fn begin(&mut self, conn: &mut Conn) -> bool {
        self.since = std::time::Instant::now();
        conn.begin().is_ok()
    }

    /// Commits and reports; when the commit fails, replays one migration per transaction.
    fn settle(&mut self, s: &mut Session, by: &str, applied: &mut Vec<Applied>, done: Done) -> Result<()> {
        if self.open.is_empty() {
            return Ok(());
        }
        if s.conn.commit().is_err() {
            return self.replay(s, by, applied, done);
        }
        for (m, _, took) in self.open.drain(..) {
            applied.push(report(done, "applied", m, took)?);
        }
        Ok(())
    }

    /// Rolls the shared transaction back and applies its migrations one per transaction: the
    /// first that fails stops the run with its error located, as without sharing.
    fn replay(&mut self, s: &mut Session, by: &str, applied: &mut Vec<Applied>, done: Done) -> Result<()> {
        s.conn.rollback();
        for (m, seq, _) in std::mem::take(&mut self.open) {
            let took = apply_one(s, m, by, applied.len(), seq)?;
            applied.push(report(done, "applied", m, took)?);
        }
        Ok(())
    }
}

fn revert_all(s: &mut Session, list: &[&MigrationFile], done: Done) -> Result<Vec<Applied>> {
    let mut reverted = Vec::new();
    for m in list {
        let took = apply::down(s, m).map_err(|failure| {
            anyhow!(RunFailed {
                version: m.version.clone(),
                name: m.name.clone(),
                failure,
                done_before: reverted.len()
            })
        })?;
        reverted.push(report(done, "reverted", m, took)?);
    }
    Ok(reverted)
}

/// Reverts the `steps` most recently applied migrations, or every one applied after `to`.
pub fn revert(
    opts: &super::Options,
    out: &Output,
    to: Option<&str>,
    steps: usize,
    done: Done,
) -> Result<Vec<Applied>> {
    with_lock(opts, out, "migrate revert", |s, files, analysis, _| {
        let applied = analysis.applied_newest_first();
        let chosen: Vec<&Entry> = match to {
            Some(to) => {
                let to = to.replace('-', "");
                let pos = applied.iter().position(|e| e.version == to).ok_or_else(|| {
                    ConfigError::new(format!(
                        "--to {to}: that migration is not applied; `dbctl migrate status` lists them"
                    ))
                })?;
                applied[..pos].to_vec()
            }
            None => applied.iter().take(steps).copied().collect(),
        };
        let list = revertible(files, &chosen)?;
        revert_all(s, &list, done)
    })
}

/// Reverts the `steps` most recently applied migrations and applies them again, in version order.
pub fn redo(
    opts: &super::Options,
    out: &Output,
    steps: usize,
    done: Done,
) -> Result<(Vec<Applied>, Vec<Applied>)> {
    with_lock(opts, out, "migrate redo", |s, files, analysis, by| {
        let chosen: Vec<&Entry> = analysis.applied_newest_first().into_iter().take(steps).collect();
        let list = revertible(files, &chosen)?;
        let reverted = revert_all(s, &list, done)?;
        let mut again: Vec<&MigrationFile> = list.clone();
        again.sort_by(|a, b| a.version.cmp(&b.version));
        Ok((reverted, apply_all(s, again, by, &mut Rows::of(analysis), done)?))
    })
}

/// Reverts every applied migration, then applies every migration.
pub fn reset(opts: &super::Options, out: &Output, done: Done) -> Result<(Vec<Applied>, Vec<Applied>)> {
    with_lock(opts, out, "migrate reset", |s, files, analysis, by| {
        if analysis.prisma {
            // As `prisma migrate reset` does: everything dropped, every migration applied again.
            prisma::drop_everything(s.conn)?;
            out.info(
                "dropped every table, view and type of the schema (Prisma migrations have no down files)",
            );
            prisma::ensure_table(s.conn)?;
            return Ok((
                Vec::new(),
                apply_all(s, files.iter().collect(), by, &mut Rows::of(analysis), done)?,
            ));
        }
        let chosen = analysis.applied_newest_first();
        let list = revertible(files, &chosen)?;
        let reverted = revert_all(s, &list, done)?;
        Ok((reverted, apply_all(s, files.iter().collect(), by, &mut Rows::of(analysis), done)?))
    })
}

/// What a baseline recorded, by name.
pub struct Baselined {
    /// Pending migrations recorded as applied, not run.
    pub recorded: Vec<String>,
    /// Applied by another tool: their checksums recorded.
    pub adopted: Vec<String>,
    /// Edited since they ran: the new text accepted.
    pub accepted: Vec<String>,
}

/// Records the migrations up to `to` (all without it) as applied, in one transaction.
pub fn baseline(opts: &super::Options, out: &Output, to: Option<&str>) -> Result<Baselined> {
    with_lock(opts, out, "migrate baseline", |s, files, analysis, by| {
        let conn = &mut *s.conn;
        let to = to.map(|t| known_version(files, t, "--to")).transpose()?;
        let mut b = Baselined { recorded: Vec::new(), adopted: Vec::new(), accepted: Vec::new() };
        if analysis.prisma {
            prisma::ensure_table(conn)?;
        }
        conn.begin()?;
        let result = (|| -> Result<()> {
            for e in &analysis.entries {
                if to.as_ref().is_some_and(|t| e.version.as_str() > t.as_str()) {
                    continue;
                }
                let Some(m) = e.file.map(|i| &files[i]) else { continue };
                match e.state {
                    State::Pending | State::OutOfOrder => {
                        match m.format {
                            Format::Diesel => ledger::record_applied(conn, m, 0, by, "baseline")?,
                            Format::Prisma => prisma::mark_applied(conn, m)?,
                        }
                        b.recorded.push(m.name.clone());
                    }
                    State::Unverified => {
                        ledger::record_checksum(conn, m, 0, by, "adopted")?;
                        b.adopted.push(m.name.clone());
                    }
                    State::Edited => {
                        match m.format {
                            Format::Diesel => ledger::accept_checksum(conn, m)?,
                            Format::Prisma => prisma::accept_checksum(conn, m)?,
                        }
                        b.accepted.push(m.name.clone());
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
        result.map(|()| b)
    })
}

/// What `migrate resolve` is asked to record.
pub enum Resolve<'a> {
    /// A migration finished by hand (or already in the database): recorded as applied.
    Applied(&'a str),
    /// A failed migration whose changes were undone: it runs again at the next `migrate`.
    RolledBack(&'a str),
}

/// `migrate resolve`, with Prisma's meaning: for Prisma folders only.
pub fn resolve(opts: &super::Options, out: &Output, what: Resolve) -> Result<String> {
    with_lock(opts, out, "migrate resolve", |s, files, analysis, _| {
        let conn = &mut *s.conn;
        if !analysis.prisma {
            return Err(ConfigError::new(
                "`migrate resolve` is for Prisma migration folders; for diesel-format migrations, \
                 `dbctl migrate baseline --to VERSION` records migrations as applied",
            )
            .into());
        }
        prisma::ensure_table(conn)?;
        match what {
            Resolve::Applied(name) => {
                let m = files.iter().find(|f| f.name == name).ok_or_else(|| {
                    ConfigError::new(format!(
                        "no migration `{name}` in {}; `dbctl migrate status` lists them",
                        opts.dir.display()
                    ))
                })?;
                prisma::mark_applied(conn, m)?;
                Ok(format!("{name} is recorded as applied"))
            }
            Resolve::RolledBack(name) => {
                prisma::mark_rolled_back(conn, name)?;
                Ok(format!("{name} is recorded as rolled back; `dbctl migrate` applies it again"))
            }
        }
    })
}
