//! The configuration file: found by `--config`, `DBCTL_CONFIG` or in the working directory, read
//! as TOML, and flattened to dotted keys, unknown keys refused by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Overrides;
use super::{DEFAULT_CONFIG_FILE, Environment, keys, non_empty};
use crate::error::ConfigError;

/// A parsed configuration file: the top level and each profile, flattened to dotted keys.
#[derive(Debug, Clone, Default)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub top: BTreeMap<String, String>,
    pub profiles: BTreeMap<String, BTreeMap<String, String>>,
    /// `[[servers]]`: the fleet's servers, as written (checked by `servers::read`).
    pub servers: Vec<toml::Table>,
}

impl ConfigFile {
    /// Reads and checks a file: malformed TOML and unknown keys are errors naming the file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigError::new(format!(
                "cannot read configuration file {}: {e}; check the path given to --config or DBCTL_CONFIG",
                path.display()
            ))
        })?;
        Self::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let at = e
                .span()
                .map(|s| {
                    let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                    format!(" at line {line}")
                })
                .unwrap_or_default();
            ConfigError::new(format!(
                "{}: invalid TOML{at}: {}; fix the syntax (see config.example.toml)",
                path.display(),
                e.message()
            ))
        })?;
        let mut file = ConfigFile { path: path.to_path_buf(), ..Default::default() };
        let mut problems = Vec::new();
        for (k, v) in &table {
            if k == "servers" {
                match v
                    .as_array()
                    .map(|a| a.iter().map(|t| t.as_table().cloned()).collect::<Option<Vec<_>>>())
                {
                    Some(Some(servers)) => file.servers = servers,
                    _ => problems.push(format!(
                        "{}: `servers` must be an array of tables, like [[servers]]",
                        path.display()
                    )),
                }
                continue;
            }
            if k == "env" {
                let Some(profiles) = v.as_table() else {
                    problems.push(format!(
                        "{}: `env` must be a table of profiles, like [env.production]",
                        path.display()
                    ));
                    continue;
                };
                for (name, body) in profiles {
                    let Some(body) = body.as_table() else {
                        problems.push(format!(
                            "{}: profile `env.{name}` must be a table, like [env.{name}]",
                            path.display()
                        ));
                        continue;
                    };
                    let mut flat = BTreeMap::new();
                    flatten(path, &format!("env.{name}."), "", body, &mut flat, &mut problems);
                    file.profiles.insert(name.clone(), flat);
                }
            } else {
                let single = toml::Table::from_iter([(k.clone(), v.clone())]);
                flatten(path, "", "", &single, &mut file.top, &mut problems);
            }
        }
        if problems.is_empty() { Ok(file) } else { Err(ConfigError { problems }) }
    }
}

fn flatten(
    path: &Path,
    shown_prefix: &str,
    prefix: &str,
    table: &toml::Table,
    out: &mut BTreeMap<String, String>,
    problems: &mut Vec<String>,
) {
    for (k, v) in table {
        let name = format!("{prefix}{k}");
        match v {
            toml::Value::Table(inner) if keys::is_table(&name) => {
                flatten(path, shown_prefix, &format!("{name}."), inner, out, problems);
            }
            _ if keys::find(&name).is_none() => {
                let hint = match keys::suggest(&name) {
                    Some(s) => format!(" (did you mean `{shown_prefix}{s}`?)"),
                    None => String::new(),
                };
                problems.push(format!(
                    "{}: unknown key `{shown_prefix}{name}`{hint}; config.example.toml lists every key",
                    path.display()
                ));
            }
            toml::Value::String(s) => {
                out.insert(name, s.clone());
            }
            toml::Value::Integer(i) => {
                out.insert(name, i.to_string());
            }
            toml::Value::Float(f) => {
                out.insert(name, f.to_string());
            }
            toml::Value::Boolean(b) => {
                out.insert(name, b.to_string());
            }
            other => problems.push(format!(
                "{}: key `{shown_prefix}{name}` must be a single value, not a {}",
                path.display(),
                other.type_str()
            )),
        }
    }
}

/// `--config`, then `DBCTL_CONFIG` (both must exist), then ./dbctl.toml if present.
pub fn find_config(
    args: &Overrides,
    env: &dyn Environment,
    cwd: &Path,
) -> Result<Option<ConfigFile>, ConfigError> {
    let explicit =
        args.config.clone().map(|p| (p, "--config")).or_else(|| {
            non_empty(env.trusted_var("DBCTL_CONFIG")).map(|p| (PathBuf::from(p), "DBCTL_CONFIG"))
        });
    match explicit {
        Some((path, origin)) => {
            let path = if path.is_absolute() { path } else { cwd.join(path) };
            if !path.is_file() {
                return Err(ConfigError::new(format!(
                    "configuration file {} (from {origin}) does not exist; fix the path or create it \
                     from config.example.toml",
                    path.display()
                )));
            }
            ConfigFile::load(&path).map(Some)
        }
        None => {
            let path = cwd.join(DEFAULT_CONFIG_FILE);
            if path.is_file() { ConfigFile::load(&path).map(Some) } else { Ok(None) }
        }
    }
}
