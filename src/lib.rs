//! dbctl: an operator tool for the whole lifecycle of an application's database.
//!
//! `main.rs` parses the command line and calls [`run`]; everything else lives here.

pub mod backup;
pub mod cli;
pub mod commands;
pub mod conninfo;
pub mod crontab;
pub mod db;
pub mod error;
pub mod health;
pub mod hooks;
pub mod kubernetes;
pub mod migrate;
pub mod output;
pub mod prisma_config;
pub mod redact;
pub mod restore;
pub mod seed;
pub mod settings;
pub mod storage;
pub mod studio;
pub mod sys;
pub mod text;
pub mod values;

use cli::{BackupCommand, Cli, Command, ConfigCommand};
use error::Error;
use output::Output;
use redact::Redactor;
use settings::{OutputSettings, Settings};

/// Runs a parsed command line; returns the exit code, or an error whose message carries no secret.
pub fn run(mut cli: Cli) -> Result<u8, Error> {
    // One TLS crypto provider for the whole process (rediss://); ring, not AWS-LC.
    let _ = rustls::crypto::ring::default_provider().install_default();
    // WAL paths come relative to where the server started the command, whatever `-C` says.
    if let (Command::Wal(w), Ok(cwd)) = (&mut cli.command, std::env::current_dir()) {
        w.anchor(&cwd);
    }
    // `-C DIR` first: every relative path (.env, dbctl.toml, the schema, migrations) is then DIR's.
    if let Some(dir) = &cli.global.chdir {
        std::env::set_current_dir(dir).map_err(|e| {
            Error::from_anyhow(
                &error::ConfigError::new(format!("-C {}: cannot work there: {e}", dir.display())).into(),
                |s| s.to_string(),
            )
        })?;
    }
    if let Some(schema) = &cli.global.schema {
        let cwd = std::env::current_dir().unwrap_or_default();
        db::set_schema(if schema.is_absolute() { schema.clone() } else { cwd.join(schema) })
            .map_err(|e| Error::from_anyhow(&e.into(), |s| s.to_string()))?;
    }
    // Until the settings are known, scrub what the flags and environment hold.
    let plain = settings::early_redactor(&(&cli.global).into(), &settings::ProcessEnv);
    let fail = |e: anyhow::Error, r: &Redactor| Error::from_anyhow(&e, |s| r.redact(s));
    // The environment files under the real environment; `schedule install` names the job's file,
    // which need not exist on this machine.
    let install = matches!(&cli.command, Command::Schedule(cli::ScheduleCommand::Install { .. }));
    let completions = matches!(&cli.command, Command::Completions(_));
    let env = match completions {
        true => settings::envfile::WithEnvFiles::load(&settings::ProcessEnv, None, true),
        false => settings::envfile::WithEnvFiles::load(
            &settings::ProcessEnv,
            cli.global.env_file.as_deref(),
            install,
        ),
    }
    .map_err(|e| fail(e.into(), &plain))?;
    let early = settings::early_redactor(&(&cli.global).into(), &env);
    let quiet_output = Output::new(
        OutputSettings {
            json: cli.global.json,
            log_json: cli.global.log_format == Some(values::LogFormat::Json),
            quiet: cli.global.quiet,
            verbose: cli.global.verbose,
            color: false,
        },
        early.clone(),
    );
    match &cli.command {
        Command::Completions(args) => {
            return commands::completions::run(args.shell, &quiet_output).map_err(|e| fail(e, &early));
        }
        Command::Config(ConfigCommand::Check) => {
            return commands::config::check(&(&cli.global).into(), &env, &quiet_output)
                .map_err(|e| fail(e, &early));
        }
        _ => {}
    }

    let mut settings = Settings::load_with(&(&cli.global).into(), &env, settings::Profile::Selected)
        .map_err(|e| fail(e.into(), &early))?;
    command_settings(&cli.command, &mut settings);
    let out = Output::new(settings.output, settings.redactor.clone());
    out.verbose(&format!(
        "config file: {}; profile: {}; database: {} {} (from {})",
        settings.config_file.as_ref().map_or("none".to_string(), |p| p.display().to_string()),
        settings.profile.as_deref().unwrap_or("none"),
        settings.database.target.backend(),
        settings.database.target.display(),
        settings
            .resolved(if settings.database.direct { "database.direct_url" } else { "database.url" })
            .map_or("default".to_string(), |r| r.origin.to_string())
    ));
    for w in &settings.warnings {
        out.problem(w);
    }
    if let Some(raw) = settings.resolved("database.url").and_then(|r| r.value.as_deref()) {
        for note in db::prisma_url::to_libpq(raw).1 {
            out.verbose(&format!("DATABASE_URL: {note}"));
        }
    }
    let started = std::time::Instant::now();
    let result = if cli.global.all_servers {
        all_servers(&cli, &settings, &out)
    } else {
        dispatch(&cli, &settings, &out)
    };
    for notice in storage::take_notices() {
        out.warn(&notice);
    }
    // The JSON log's last line of a run that ended with an exit code (an error has its own).
    if let Ok(code) = &result {
        let name = command_name(&cli.command);
        out.record(
            if *code == 0 { "info" } else { "warning" },
            "command.finished",
            &format!("dbctl {name} finished with exit code {code}"),
            serde_json::json!({
                "command": name, "exit_code": code, "duration_ms": started.elapsed().as_millis() as u64,
            }),
        );
    }
    result.map_err(|e| fail(e, &settings.redactor))
}

/// The command's name as typed (the subcommand too where it matters), for the JSON log.
fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Migrate(a) => match &a.command {
            None | Some(cli::MigrateCommand::Run(_)) => "migrate",
            Some(cli::MigrateCommand::Status) => "migrate status",
            Some(cli::MigrateCommand::New(_)) => "migrate new",
            Some(cli::MigrateCommand::Revert(_)) => "migrate revert",
            Some(cli::MigrateCommand::Redo(_)) => "migrate redo",
            Some(cli::MigrateCommand::Reset(_)) => "migrate reset",
            Some(cli::MigrateCommand::Baseline(_)) => "migrate baseline",
            Some(cli::MigrateCommand::Resolve(_)) => "migrate resolve",
            Some(cli::MigrateCommand::Drift(_)) => "migrate drift",
            Some(cli::MigrateCommand::Lint(_)) => "migrate lint",
            Some(cli::MigrateCommand::Rehearse(_)) => "migrate rehearse",
        },
        Command::Seed(_) => "seed",
        Command::Backup(a) => match &a.command {
            None | Some(BackupCommand::Create(_)) => "backup",
            Some(BackupCommand::List) => "backup list",
            Some(BackupCommand::Verify(_)) => "backup verify",
            Some(BackupCommand::Prune(_)) => "backup prune",
            Some(BackupCommand::Rekey(_)) => "backup rekey",
        },
        Command::Restore(_) => "restore",
        Command::Cache(_) => "cache",
        Command::Schedule(_) => "schedule",
        Command::Health(_) => "health",
        Command::StudioLite(_) => "studio-lite",
        Command::Config(_) => "config",
        Command::Schema(_) => "schema dump",
        Command::Maintain(_) => "maintain",
        Command::Wal(cli::WalCommand::Push { .. }) => "wal push",
        Command::Wal(cli::WalCommand::Fetch { .. }) => "wal fetch",
        Command::Keys(_) => "keys check",
        Command::Completions(_) => "completions",
    }
}

/// Runs the command the line names.
/// `--all-servers`: the commands that take every configured server, each in its own command.
fn all_servers(cli: &Cli, settings: &Settings, out: &Output) -> anyhow::Result<u8> {
    match &cli.command {
        Command::Health(args) => commands::health::all_servers(args, settings, out),
        Command::Migrate(args) if args.command.is_none() && args.run.check => {
            commands::migrate::check_all_servers(settings, out)
        }
        Command::Backup(args) => {
            let dests = storage::choose(&settings.backup.destinations, args.destination)?;
            commands::backup::all_servers(args, &dests, settings, out)
        }
        Command::Schedule(cmd @ cli::ScheduleCommand::Install { kubernetes: true, .. }) => {
            commands::schedule::install_kubernetes(cmd, settings, true, out)
        }
        _ => Err(error::not_for_all_servers()),
    }
}

fn dispatch(cli: &Cli, settings: &Settings, out: &Output) -> anyhow::Result<u8> {
    match &cli.command {
        Command::Migrate(args) => commands::migrate::run(args, settings, out),
        Command::Seed(args) => commands::seed::run(args, settings, out),
        Command::Backup(args) => {
            // `--destination`: the one destination to work on, chosen once for the command.
            let dests = storage::choose(&settings.backup.destinations, args.destination)?;
            match &args.command {
                None => commands::backup::create(&args.create, &dests, settings, out),
                Some(BackupCommand::Create(a)) => commands::backup::create(a, &dests, settings, out),
                Some(BackupCommand::List) => commands::backup::list(&dests, settings, out),
                Some(BackupCommand::Verify(a)) => commands::backup::verify(a, &dests, settings, out),
                Some(BackupCommand::Prune(a)) => commands::prune::run(a, &dests, settings, out),
                Some(BackupCommand::Rekey(a)) => commands::backup::rekey(a, &dests, settings, out),
            }
        }
        Command::Restore(args) => {
            let dests = storage::choose(&settings.backup.destinations, args.destination)?;
            commands::restore::run(args, &dests, settings, out)
        }
        Command::Cache(cmd) => commands::cache::run(cmd, settings, out),
        Command::Schedule(cmd) => commands::schedule::run(cmd, settings, out),
        Command::Health(args) => commands::health::run(args, settings, out),
        Command::StudioLite(args) => commands::studio::run(args, settings, out),
        Command::Config(ConfigCommand::Show { changed }) => commands::config::show(settings, *changed, out),
        Command::Schema(cli::SchemaCommand::Dump(args)) => {
            commands::migrate::schema_dump(args, settings, out)
        }
        Command::Maintain(args) => commands::maintain::run(args, settings, out),
        Command::Wal(cmd) => commands::wal::run(cmd, settings, out),
        Command::Keys(cmd) => commands::keys::run(cmd, settings, out),
        Command::Config(ConfigCommand::Check) | Command::Completions(_) => unreachable!("handled above"),
    }
}

/// The URLs a command's own flags give (a restore's `--to`, a shadow database), kept out of
/// output like the configured ones.
fn command_settings(command: &Command, settings: &mut Settings) {
    let shadow = match command {
        Command::Migrate(cli::MigrateArgs { command: Some(cli::MigrateCommand::Drift(a)), .. }) => {
            Some(&a.shadow)
        }
        Command::Schema(cli::SchemaCommand::Dump(a)) => Some(&a.shadow),
        _ => None,
    };
    if let Some(url) = shadow.and_then(|s| s.shadow_url.as_ref()) {
        settings.redactor.add_url(url);
    }
    if let Command::Restore(cli::RestoreArgs { to: Some(url), .. }) = command {
        settings.redactor.add_url(url);
    }
}
