//! `dbctl health`

use anyhow::Result;

use crate::cli::{HealthArgs, HealthFormat};
use crate::health::{self, render};
use crate::output::Output;
use crate::settings::Settings;

/// Runs the checks, prints or writes the report, and returns the Nagios exit code.
pub fn run(args: &HealthArgs, settings: &Settings, out: &Output) -> Result<u8> {
    settings.database.target.require_configured()?;
    if let Some(addr) = &args.serve {
        let addr = crate::health::serve::parse_addr(addr)?;
        let every = args.cache_for.unwrap_or(std::time::Duration::from_secs(10));
        let at = crate::health::serve::Endpoint { addr, every, allow_hosts: args.allow_host.clone() };
        crate::health::serve::serve(&at, &health::Config::from_settings(settings), out)?;
        return Ok(0);
    }
    let report = health::run_checks(&health::Config::from_settings(settings), out);
    let database = settings.database.target.display();
    let text = rendered(&report, args, settings, Some(&database));
    match &args.output {
        Some(path) => {
            out.write_file_atomically(path, &text)?;
            out.verbose(&format!("wrote {}", path.display()));
        }
        None => out.stdout(&text)?,
    }
    Ok(report.status().code())
}

/// `--all-servers health`: Every server's checks in one report (each check names its server), the worst status as the
/// exit code.
pub fn all_servers(args: &HealthArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let servers = settings.chosen_servers(|_| true)?;
    let report = health::run_fleet(&health::Config::from_settings(settings), &servers, out);
    let text = rendered(&report, args, settings, None);
    match &args.output {
        Some(path) => out.write_file_atomically(path, &text)?,
        None => out.stdout(&text)?,
    }
    Ok(report.status().code())
}

/// The report in the format asked for (human by default, JSON with --json).
/// `database`: the one database checked, said once above a human table (None with --all-servers,
/// where each check names its server).
fn rendered(
    report: &health::Report,
    args: &HealthArgs,
    settings: &Settings,
    database: Option<&str>,
) -> String {
    let format =
        args.format.unwrap_or(if settings.output.json { HealthFormat::Json } else { HealthFormat::Human });
    match format {
        HealthFormat::Human => render::human(
            report,
            settings.output.color && args.output.is_none(),
            settings.output.quiet,
            (!args.wide).then_some(render::TABLE_WIDTH),
            database,
        ),
        HealthFormat::Json => render::json(report),
        HealthFormat::Prometheus => render::prometheus(report),
    }
}
