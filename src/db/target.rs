//! Which database a URL names: PostgreSQL, a SQLite file, or SQLite in memory.

use std::path::{Path, PathBuf};

use crate::redact::redact_url;

/// The embedded default database, created in the working directory on first use.
pub const EMBEDDED_DEFAULT_FILE: &str = "dbctl.sqlite3";

/// Which database a URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    /// A libpq URL, passed to libpq as written (all its parameters work).
    Postgres { url: String },
    /// A SQLite file. `embedded` when it is the default, not configured by the user.
    Sqlite { path: PathBuf, embedded: bool },
    /// `sqlite::memory:`
    SqliteMemory,
    /// Another engine's URL (`mongodb://`, `mongodb+srv://`): dbctl drives it only through the
    /// configured commands (`backup.dump_command`, `restore.command`).
    Command { url: String },
}

impl DbTarget {
    /// Parses `postgres://…`, `postgresql://…`, a libpq `keyword=value` string (`host=db1
    /// dbname=app`), `sqlite://PATH`, `sqlite:PATH`, `sqlite::memory:` or a plain file path
    /// (relative to `cwd`).
    pub fn parse(text: &str, cwd: &Path) -> Result<Self, String> {
        let text = text.trim();
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            // Prisma's parameters, as libpq takes them; shown as the user wrote it.
            let url = super::prisma_url::to_libpq(text).0;
            if url != text {
                written_as(&url, text);
            }
            return Ok(Self::Postgres { url });
        }
        if lower.starts_with("mongodb://") || lower.starts_with("mongodb+srv://") {
            return Ok(Self::Command { url: text.to_string() });
        }
        // libpq's keyword=value strings, as psql and pg_dump take them.
        if super::conninfo::looks_like(text) {
            return super::conninfo::to_url(text)
                .map(|url| Self::Postgres { url })
                .map_err(|e| format!("cannot read the PostgreSQL connection string: {e}"));
        }
        if lower == "sqlite::memory:" || lower == ":memory:" {
            return Ok(Self::SqliteMemory);
        }
        // Prisma's SQLite form: `file:./dev.db`, relative to the Prisma schema's directory.
        if let Some(rest) = strip_prefix_ci(text, "file:") {
            let path = rest.trim_start_matches("//").split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(format!("`{text}` names no SQLite file; write file:./dev.db"));
            }
            let path = PathBuf::from(path);
            let path = if path.is_absolute() {
                path
            } else {
                let relative: PathBuf =
                    path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
                prisma_base(cwd).0.join(relative)
            };
            return Ok(Self::Sqlite { path, embedded: false });
        }
        let path = if let Some(rest) = strip_prefix_ci(text, "sqlite://") {
            rest
        } else if let Some(rest) = strip_prefix_ci(text, "sqlite:") {
            rest
        } else if let Some((scheme, _)) = text.split_once("://") {
            return Err(format!(
                "unsupported database URL scheme `{scheme}://` in `{}`; dbctl supports postgres://, \
                 postgresql://, sqlite://PATH, sqlite::memory: or a plain SQLite file path, and mongodb:// through \
                 commands; another engine is backed up through its own tool with backup.dump_command \
                 (BACKUP_DUMP_COMMAND) and restore.command (RESTORE_COMMAND)",
                redact_url(text)
            ));
        } else {
            text
        };
        // Query parameters of sqlx-style SQLite URLs (?mode=rwc) are not part of the path.
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() {
            return Err(format!("`{text}` names no SQLite file; write sqlite://PATH or a file path"));
        }
        let path = PathBuf::from(path);
        let path = if path.is_absolute() { path } else { cwd.join(path) };
        Ok(Self::Sqlite { path, embedded: false })
    }

    /// Refuses the embedded default when its file does not exist yet: only `dbctl migrate` makes
    /// it (the quickstart). Everything else (health, backup, restore, schedule) run with no
    /// database configured, by a cron job whose environment file is missing, must fail, not
    /// report on an empty file it just made.
    pub fn require_configured(&self) -> Result<(), crate::error::ConfigError> {
        match self {
            Self::Sqlite { path, embedded: true } if !path.exists() => {
                Err(crate::error::ConfigError::new(format!(
                    "no database configured: set DATABASE_URL (or database.url in dbctl.toml); the embedded SQLite \
                 default {} does not exist, and only `dbctl migrate` creates it",
                    path.display()
                )))
            }
            _ => Ok(()),
        }
    }

    pub fn embedded_default(cwd: &Path) -> Self {
        Self::Sqlite { path: cwd.join(EMBEDDED_DEFAULT_FILE), embedded: true }
    }

    /// `postgresql` or `sqlite`.
    pub fn backend(&self) -> &'static str {
        match self {
            Self::Postgres { .. } => "postgresql",
            Self::Sqlite { .. } | Self::SqliteMemory => "sqlite",
            Self::Command { .. } => "command",
        }
    }

    /// The error of a command that needs a database dbctl connects to, for another engine's URL.
    pub fn not_connectable(&self) -> Option<crate::error::ConfigError> {
        let Self::Command { url } = self else { return None };
        let scheme = url.split("://").next().unwrap_or_default().to_ascii_lowercase();
        Some(crate::error::ConfigError::new(format!(
            "DATABASE_URL is a {scheme}:// URL: dbctl connects to PostgreSQL and SQLite only, and drives other \
             engines through commands: `dbctl backup` runs backup.dump_command (BACKUP_DUMP_COMMAND, e.g. \
             mongodump --archive --uri \"$DATABASE_URL\") and `dbctl restore` restore.command (RESTORE_COMMAND); \
             migrations, seeds, health of the database and studio-lite do not apply (see README, \"Other engines\")"
        )))
    }

    /// The database's name as backups are named after it, known without connecting: the
    /// PostgreSQL database the URL names, or the SQLite file's stem.
    pub fn name(&self) -> Option<String> {
        match self {
            Self::Postgres { url } => crate::redact::url_database(url),
            Self::Sqlite { path, .. } => path.file_stem().map(|s| s.to_string_lossy().into_owned()),
            Self::SqliteMemory => None,
            Self::Command { url } => crate::redact::url_database(url),
        }
    }

    /// The target as it may be shown: URL without password.
    pub fn display(&self) -> String {
        match self {
            Self::Postgres { url } => shown_url(url),
            Self::Sqlite { path, .. } => path.display().to_string(),
            Self::SqliteMemory => "sqlite::memory:".to_string(),
            Self::Command { url } => redact_url(url),
        }
    }
}

/// The directory a relative `file:` path is relative to, as Prisma resolves it: that of the
/// Prisma schema (`schema` in prisma.config.ts, else `prisma.schema` in package.json, else
/// `prisma/schema.prisma`, else `schema.prisma`), else the working directory; and which file
/// decided.
pub fn prisma_base(cwd: &Path) -> (PathBuf, Option<PathBuf>) {
    if let Some(schema) = SCHEMA_FLAG.get() {
        let dir = if schema.is_dir() {
            schema.clone()
        } else {
            schema.parent().map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
        };
        return (dir, Some(schema.clone()));
    }
    let from_package = crate::prisma_config::read_bounded(&cwd.join("package.json"), 1 << 20)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.get("prisma")?.get("schema")?.as_str().map(|s| cwd.join(s)));
    // prisma.config.ts's `schema` first: a file, or a folder of *.prisma files.
    let from_config = crate::prisma_config::find(cwd).ok().flatten().and_then(|c| match c.schema {
        Some(crate::prisma_config::Source::Literal(s)) => Some(cwd.join(s)),
        _ => None,
    });
    if let Some(folder) = from_config.as_ref().filter(|p| p.is_dir()) {
        return (folder.clone(), Some(folder.clone()));
    }
    let candidates = from_config
        .into_iter()
        .chain(from_package)
        .chain([cwd.join("prisma/schema.prisma"), cwd.join("schema.prisma")]);
    for schema in candidates {
        if schema.is_file() {
            let dir = schema.parent().map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
            return (dir, Some(schema));
        }
    }
    (cwd.to_path_buf(), None)
}

/// The URLs as the user wrote them (`?schema=public`), by the libpq form dbctl made of them
/// (`?options=-c%20search_path%3Dpublic`): messages show what the user knows.
static WRITTEN: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

fn written_as(libpq: &str, written: &str) {
    let mut all = WRITTEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if !all.iter().any(|(l, _)| l == libpq) {
        all.push((libpq.to_string(), written.to_string()));
    }
}

/// A PostgreSQL URL as it may be shown: as the user wrote it when dbctl rewrote it for libpq,
/// password masked.
pub fn shown_url(url: &str) -> String {
    let all = WRITTEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let written = all.iter().find(|(l, _)| l == url).map_or(url, |(_, w)| w.as_str());
    redact_url(written)
}

/// The schema `--schema` names, set once before the settings are read.
static SCHEMA_FLAG: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// `--schema PATH`: the Prisma schema (a file or a folder), in place of the ones looked for.
pub fn set_schema(path: PathBuf) -> Result<(), crate::error::ConfigError> {
    if !path.exists() {
        return Err(crate::error::ConfigError::new(format!(
            "--schema {}: no such file or folder; name the project's schema.prisma (or its folder of .prisma files)",
            path.display()
        )));
    }
    let _ = SCHEMA_FLAG.set(path);
    Ok(())
}

/// For `config show`: how a relative `file:` URL was resolved, when the URL is one.
pub fn file_url_note(raw: &str, cwd: &Path) -> Option<String> {
    let rest = strip_prefix_ci(raw.trim(), "file:")?;
    if Path::new(rest.trim_start_matches("//")).is_absolute() {
        return None;
    }
    Some(match prisma_base(cwd).1 {
        Some(schema) => {
            format!("relative to {} (the directory of {})", prisma_base(cwd).0.display(), schema.display())
        }
        None => format!("relative to {} (no Prisma schema file found)", cwd.display()),
    })
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    (text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_backend() {
        let cwd = Path::new("/srv/app");
        assert_eq!(
            DbTarget::parse("postgres://u:p@h/db?sslmode=require", cwd).unwrap(),
            DbTarget::Postgres { url: "postgres://u:p@h/db?sslmode=require".into() }
        );
        assert_eq!(DbTarget::parse("PostgreSQL://h/db", cwd).unwrap().backend(), "postgresql");
        assert_eq!(DbTarget::parse("sqlite::memory:", cwd).unwrap(), DbTarget::SqliteMemory);
        let file = |p: &str| DbTarget::Sqlite { path: PathBuf::from(p), embedded: false };
        assert_eq!(DbTarget::parse("sqlite://data/app.db", cwd).unwrap(), file("/srv/app/data/app.db"));
        assert_eq!(DbTarget::parse("sqlite:///var/app.db", cwd).unwrap(), file("/var/app.db"));
        assert_eq!(DbTarget::parse("sqlite:app.db?mode=rwc", cwd).unwrap(), file("/srv/app/app.db"));
        assert_eq!(DbTarget::parse("./app.db", cwd).unwrap(), file("/srv/app/./app.db"));
        let err = DbTarget::parse("mysql://root:hunter2@h/db", cwd).unwrap_err();
        assert!(err.contains("unsupported database URL scheme `mysql://`"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
        assert!(DbTarget::parse("sqlite://", cwd).is_err());
    }

    #[test]
    fn prisma_file_urls_are_relative_to_the_schema_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = |p: PathBuf| DbTarget::Sqlite { path: p, embedded: false };
        let parse = |u: &str| DbTarget::parse(u, dir.path()).unwrap();
        assert_eq!(parse("file:./dev.db?connection_limit=1"), file(dir.path().join("./dev.db")));
        assert_eq!(parse("file:/var/app.db"), file(PathBuf::from("/var/app.db")));
        std::fs::create_dir(dir.path().join("prisma")).unwrap();
        std::fs::write(dir.path().join("prisma/schema.prisma"), "datasource db {}").unwrap();
        assert_eq!(parse("file:./dev.db"), file(dir.path().join("prisma/./dev.db")));
        assert!(file_url_note("file:./dev.db", dir.path()).unwrap().contains("schema.prisma"));
        std::fs::create_dir(dir.path().join("db")).unwrap();
        std::fs::write(dir.path().join("db/main.prisma"), "").unwrap();
        std::fs::write(dir.path().join("package.json"), r#"{"prisma": {"schema": "db/main.prisma"}}"#)
            .unwrap();
        assert_eq!(parse("file:dev.db"), file(dir.path().join("db/dev.db")));
        assert!(DbTarget::parse("file:", dir.path()).is_err());
    }
}
