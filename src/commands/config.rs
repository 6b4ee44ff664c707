//! `dbctl config show` and `dbctl config check`

use anyhow::Result;
use serde::Serialize;

use crate::backup::Config as BackupConfig;
use crate::error::ConfigError;
use crate::output::Output;
use crate::settings::Overrides;
use crate::settings::{ConfigFile, Environment, Profile, Settings, find_config};

#[derive(Serialize)]
struct ShownKey {
    key: &'static str,
    value: Option<String>,
    source: &'static str,
    origin: String,
    env: &'static [&'static str],
}

#[derive(Serialize)]
struct ShownDestination {
    name: &'static str,
    location: String,
}

#[derive(Serialize)]
struct Shown {
    config_file: Option<String>,
    profile: Option<String>,
    protected: bool,
    database: String,
    /// `recipients`, `passphrase` or `none`: what `dbctl backup` will do, with no flags.
    backup_encryption: String,
    /// Where `dbctl backup` stores: each destination that is on, and where it is.
    backup_destinations: Vec<ShownDestination>,
    /// The migrations directory in use, and why it was chosen.
    migrations: String,
    settings: Vec<ShownKey>,
}

pub fn show(settings: &Settings, changed: bool, out: &Output) -> Result<u8> {
    let keys: Vec<ShownKey> = settings
        .resolved
        .iter()
        .filter(|r| !changed || r.origin.kind() != "default")
        .map(|r| ShownKey {
            key: r.key.name,
            value: r.display_value(),
            source: r.origin.kind(),
            origin: r.origin.to_string(),
            env: r.key.env,
        })
        .collect();
    let doc = Shown {
        config_file: settings.config_file.as_ref().map(|p| p.display().to_string()),
        profile: settings.profile.clone(),
        protected: settings.protected,
        database: {
            let key = if settings.database.direct { "database.direct_url" } else { "database.url" };
            let raw = settings.resolved(key).and_then(|r| r.value.clone()).unwrap_or_default();
            let cwd = std::env::current_dir().unwrap_or_default();
            let mut note =
                crate::db::file_url_note(&raw, &cwd).map(|n| format!(" ({n})")).unwrap_or_default();
            if settings.database.direct {
                note.push_str(" (database.direct_url, in place of the pooled database.url)");
            }
            format!("{} {}{note}", settings.database.target.backend(), settings.database.target.display())
        },
        backup_encryption: match crate::backup::make::encryption(
            false,
            &[],
            &BackupConfig::from_settings(settings),
        ) {
            Ok(crate::backup::pipeline::Encryption::Recipients { recipients, .. }) => {
                format!("recipients ({})", recipients.len())
            }
            Ok(crate::backup::pipeline::Encryption::Passphrase { .. }) => "passphrase".into(),
            Ok(crate::backup::pipeline::Encryption::None) => "none".into(),
            Err(e) => format!("invalid: {e:#}"),
        },
        backup_destinations: settings
            .backup
            .destinations
            .iter()
            .map(|d| ShownDestination { name: d.name.as_str(), location: d.place() })
            .collect(),
        migrations: format!(
            "{} ({}{})",
            settings.migrations.dir.display(),
            settings.migrations.dir_reason,
            if settings.migrations.dir.is_dir() { "" } else { "; not there" }
        ),
        settings: keys,
    };
    if settings.output.json {
        let mut text = serde_json::to_string_pretty(&doc)?;
        text.push('\n');
        return out.stdout(&text).map(|()| 0);
    }
    let mut text = String::new();
    text.push_str(&format!(
        "config file: {}\nprofile:     {}{}\ndatabase:    {}\nmigrations:  {}\nbackups:     {}\ndestinations: {}\n\n",
        doc.config_file.as_deref().unwrap_or("(none)"),
        doc.profile.as_deref().unwrap_or("(none)"),
        if doc.protected { " (protected)" } else { "" },
        doc.database,
        doc.migrations,
        match doc.backup_encryption.as_str() {
            "none" => "NOT ENCRYPTED (set BACKUP_ENCRYPTION_KEY or backup.recipients)".to_string(),
            "passphrase" => "age-encrypted with a passphrase".to_string(),
            other => format!("age-encrypted to {other}"),
        },
        doc.backup_destinations
            .iter()
            .map(|d| format!("{} ({})", d.name, d.location))
            .collect::<Vec<_>>()
            .join(", "),
    ));
    let rows: Vec<Vec<String>> = doc
        .settings
        .iter()
        .map(|k| {
            vec![k.key.to_string(), k.value.clone().unwrap_or_else(|| "(not set)".into()), k.origin.clone()]
        })
        .collect();
    if !rows.is_empty() {
        text.push_str(&crate::output::table(&["KEY", "VALUE", "SOURCE"], &rows, |_, _, c| c.to_string()));
    }
    if changed {
        text.push_str(&format!(
            "{} of {} settings set; the others are their defaults (`dbctl config show` lists them all)\n",
            rows.len(),
            settings.resolved.len()
        ));
    }
    out.stdout(&text).map(|()| 0)
}

/// Checks the file, every profile in it, and the environment; all problems in one report.
pub fn check(args: &Overrides, env: &dyn Environment, out: &Output) -> Result<u8> {
    let cwd = env.current_dir();
    let file: Option<ConfigFile> = find_config(args, env, &cwd)?;
    let mut profiles: Vec<Option<String>> = vec![None];
    if let Some(f) = &file {
        profiles.extend(f.profiles.keys().cloned().map(Some));
    }
    let selected = args.profile.clone().or_else(|| env.var("DBCTL_ENV").filter(|s| !s.is_empty()));
    if let Some(p) = &selected
        && !profiles.contains(&Some(p.clone()))
    {
        profiles.push(Some(p.clone()));
    }
    let mut problems = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for p in &profiles {
        let choice = p.as_deref().map_or(Profile::TopLevel, Profile::Named);
        match Settings::load_with(args, env, choice) {
            Err(e) => {
                // A problem of the environment shows in every profile: report it once.
                for problem in e.problems {
                    if !seen.contains(&problem) {
                        seen.push(problem.clone());
                        let label = p.as_ref().map(|p| format!("[env.{p}] ")).unwrap_or_default();
                        problems.push(format!("{label}{problem}"));
                    }
                }
            }
            // Warnings (a Prisma setting dbctl cannot follow, an unknown BACKUP_* variable) do
            // not fail the check, but it says them, once.
            Ok(settings) => {
                for w in settings.warnings {
                    if !warnings.contains(&w) {
                        warnings.push(w);
                    }
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(ConfigError { problems }.into());
    }
    for w in &warnings {
        out.problem(w);
    }
    let names: Vec<String> = profiles.iter().flatten().cloned().collect();
    let what = match &file {
        Some(f) => format!("{} is valid", f.path.display()),
        None => "no dbctl.toml found; defaults and environment are valid".to_string(),
    };
    let detail =
        if names.is_empty() { String::new() } else { format!(" (profiles checked: {})", names.join(", ")) };
    if out.settings.json {
        let doc = serde_json::json!({
            "valid": true,
            "config_file": file.as_ref().map(|f| f.path.display().to_string()),
            "profiles": names,
            "warnings": warnings,
        });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&doc)?))?;
    } else if !out.settings.quiet {
        out.stdout(&format!("configuration OK: {what}{detail}\n"))?;
    }
    Ok(0)
}
