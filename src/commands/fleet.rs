//! `--all-servers`: a command run on every configured server ([[servers]], REPLICATION_NODES),
//! with one report: backup and `migrate --check` on the primaries, health on every server.

use anyhow::Result;

use crate::backup::fleet::{self, Outcome};
use crate::cli::{BackupCommand, Cli, Command, HealthFormat};
use crate::error::ConfigError;
use crate::output::Output;
use crate::settings::Settings;
use crate::settings::servers::{Databases, Role, Server};

/// The settings of each server, as `--server NAME` would make them.
fn each(settings: &Settings, wanted: impl Fn(&Server) -> bool) -> Result<Vec<(String, Settings)>> {
    if settings.servers.is_empty() {
        return Err(ConfigError::new(
            "--all-servers: no server is configured; add [[servers]] to dbctl.toml or set REPLICATION_NODES",
        )
        .into());
    }
    Ok(settings
        .servers
        .iter()
        .filter(|s| wanted(s))
        .map(|s| {
            let mut one = settings.clone();
            one.database.target = s.target.clone();
            one.server = Some(s.name.clone());
            (s.name.clone(), one)
        })
        .collect())
}

pub fn run(cli: &Cli, settings: &Settings, out: &Output) -> Result<u8> {
    let primary = |s: &Server| s.role == Role::Primary;
    match &cli.command {
        Command::Health(args) => health(args, &each(settings, |_| true)?, settings, out),
        Command::Migrate(args) if args.command.is_none() && args.run.check => {
            super::migrate::check_servers(&each(settings, primary)?, out)
        }
        Command::Backup(args) => match &args.command {
            None => backup(&args.create, &each(settings, primary)?, out),
            Some(BackupCommand::Create(a)) => backup(a, &each(settings, primary)?, out),
            // Every server's backups are in the storage they share: the list is theirs already.
            Some(BackupCommand::List) => super::backup::list(settings, out),
            Some(_) => Err(unsupported()),
        },
        _ => Err(unsupported()),
    }
}

fn unsupported() -> anyhow::Error {
    ConfigError::new(
        "--all-servers works with backup, backup list, health and migrate --check; for other commands name \
         one server with --server NAME",
    )
    .into()
}

/// Every server's checks in one report (each check names its server), the worst status as the
/// exit code.
fn health(
    args: &crate::cli::HealthArgs,
    servers: &[(String, Settings)],
    settings: &Settings,
    out: &Output,
) -> Result<u8> {
    let mut report = crate::health::Report::default();
    for (name, one) in servers {
        for mut check in crate::health::run_checks(one, out).checks {
            check.server = Some(name.clone());
            report.push(check);
        }
    }
    let format =
        args.format.unwrap_or(if settings.output.json { HealthFormat::Json } else { HealthFormat::Human });
    let text = match format {
        HealthFormat::Human => crate::health::render::human(
            &report,
            settings.output.color && args.output.is_none(),
            settings.output.quiet,
        ),
        HealthFormat::Json => crate::health::render::json(&report),
        HealthFormat::Prometheus => crate::health::render::prometheus(&report),
    };
    match &args.output {
        Some(path) => out.write_file_atomically(path, &text)?,
        None => out.stdout(&text)?,
    }
    Ok(report.status().code())
}

/// Each primary's databases (its URL's, the ones named, or all), one backup each, one summary.
fn backup(args: &crate::cli::CreateBackupArgs, servers: &[(String, Settings)], out: &Output) -> Result<u8> {
    let mut rows: Vec<(String, Outcome)> = Vec::new();
    let mut skipped: Vec<(String, String, String)> = Vec::new();
    for (name, one) in servers {
        let opts = super::backup::options(args, one)?;
        let spec = one.servers.iter().find(|s| &s.name == name).expect("a configured server");
        let target = &one.database.target;
        let databases = match &spec.databases {
            Databases::Url => Ok(vec![(target.name().unwrap_or_default(), target.clone())]),
            Databases::All => fleet::databases(one, target, None, &args.exclude, out).map(|found| {
                skipped.extend(found.skipped.into_iter().map(|(db, why)| (name.clone(), db, why)));
                found.databases
            }),
            Databases::Named(names) => Ok(names
                .iter()
                .map(|db| match target {
                    crate::db::DbTarget::Postgres { url } => (
                        db.clone(),
                        crate::db::DbTarget::Postgres { url: crate::redact::url_with_database(url, db) },
                    ),
                    other => (db.clone(), other.clone()),
                })
                .collect()),
        };
        match databases {
            Ok(dbs) => {
                for o in fleet::run(&opts, one, dbs, args.jobs.unwrap_or(1) as usize, out) {
                    rows.push((name.clone(), o));
                }
            }
            Err(e) => {
                rows.push((name.clone(), Outcome { database: "(all)".into(), made: Err(e), seconds: 0.0 }))
            }
        }
    }
    super::backup::summarize(&rows, &skipped, args, servers.first().map(|(_, s)| s), out)
}
