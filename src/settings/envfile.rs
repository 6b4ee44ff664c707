//! Environment files, as Prisma and dbmate read them: `./.env` and `./prisma/.env` (or the one
//! `--env-file` / `DBCTL_ENV_FILE` names) give variables the real environment does not set.
//! Parsed by dotenvy (quotes, `export`, comments, `${VAR}` expansion).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Environment;
use crate::error::ConfigError;

/// The real environment, with the variables of the environment files under it.
pub struct WithEnvFiles<'a> {
    real: &'a dyn Environment,
    /// Name → value and the file it came from.
    vars: HashMap<String, (String, PathBuf)>,
    /// The files read, in order.
    pub files: Vec<PathBuf>,
}

impl Environment for WithEnvFiles<'_> {
    fn var(&self, name: &str) -> Option<String> {
        self.real.var(name).or_else(|| self.vars.get(name).map(|(v, _)| v.clone()))
    }

    fn current_dir(&self) -> PathBuf {
        self.real.current_dir()
    }

    fn env_files(&self) -> Vec<PathBuf> {
        self.files.clone()
    }

    fn names(&self) -> Vec<String> {
        let mut names = self.real.names();
        names.extend(self.vars.keys().cloned());
        names
    }

    fn file_of(&self, name: &str) -> Option<PathBuf> {
        match self.real.var(name) {
            Some(_) => None,
            None => self.vars.get(name).map(|(_, f)| f.clone()),
        }
    }
}

impl<'a> WithEnvFiles<'a> {
    /// Reads the file named by `flag` or `DBCTL_ENV_FILE` (it must exist, unless
    /// `allow_missing`), else `./.env` and `./prisma/.env` when present. The two may not give
    /// one variable different values (Prisma refuses that too).
    pub fn load(
        real: &'a dyn Environment,
        flag: Option<&Path>,
        allow_missing: bool,
    ) -> Result<Self, ConfigError> {
        let cwd = real.current_dir();
        let named = flag
            .map(Path::to_path_buf)
            .or_else(|| real.var("DBCTL_ENV_FILE").filter(|v| !v.is_empty()).map(PathBuf::from));
        let candidates: Vec<(PathBuf, bool)> = match named {
            Some(f) => vec![(if f.is_absolute() { f } else { cwd.join(f) }, !allow_missing)],
            None => vec![(cwd.join(".env"), false), (cwd.join("prisma").join(".env"), false)],
        };
        let mut layer = WithEnvFiles { real, vars: HashMap::new(), files: Vec::new() };
        for (path, required) in candidates {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => continue,
                Err(e) => {
                    return Err(ConfigError::new(format!(
                        "cannot read the environment file {}: {e}; check --env-file / DBCTL_ENV_FILE",
                        path.display()
                    )));
                }
            };
            for (name, value) in parse(&path, &text)? {
                if let Some((earlier, from)) = layer.vars.get(&name)
                    && from != &path
                    && *earlier != value
                {
                    return Err(ConfigError::new(format!(
                        "{name} has different values in {} and {}; keep it in one of them",
                        from.display(),
                        path.display()
                    )));
                }
                layer.vars.insert(name, (value, path.clone()));
            }
            layer.files.push(path);
        }
        Ok(layer)
    }
}

/// The variables of one file, later lines winning. A line that is not `NAME=value` is an error
/// naming the file and the line, and never quoting it (it may hold a password).
fn parse(path: &Path, text: &str) -> Result<Vec<(String, String)>, ConfigError> {
    let mut out = Vec::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            Ok(pair) => out.push(pair),
            Err(dotenvy::Error::LineParse(line, at)) => {
                let number = text.find(line.as_str()).map_or(0, |i| text[..i].matches('\n').count() + 1);
                return Err(ConfigError::new(format!(
                    "{}:{number}: not a NAME=value line (at column {}); quote values with spaces or `#` \
                     in double quotes",
                    path.display(),
                    at + 1
                )));
            }
            Err(e) => return Err(ConfigError::new(format!("{}: {e}", path.display()))),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prisma_style_files_parse_with_quotes_comments_and_expansion() {
        let text = "# the app\nexport DB_USER=app\nDATABASE_URL=\"postgresql://${DB_USER}:p@h:5432/app?schema=public\"\n\
                    REDIS_URL='redis://localhost:6379' # cache\nEMPTY=\n";
        let vars = parse(Path::new(".env"), text).unwrap();
        let get = |k: &str| vars.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("DATABASE_URL"), Some("postgresql://app:p@h:5432/app?schema=public"));
        assert_eq!(get("REDIS_URL"), Some("redis://localhost:6379"));
        assert_eq!(get("EMPTY"), Some(""));
    }

    #[test]
    fn a_malformed_line_names_file_and_line_and_not_its_text() {
        let err = parse(Path::new("/app/.env"), "A=1\nB=2\nPASSWORD = s3cr3t value\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("/app/.env:3"), "{msg}");
        assert!(!msg.contains("s3cr3t"), "{msg}");
    }
}
