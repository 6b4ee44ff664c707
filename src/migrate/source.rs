//! The migrations directory: diesel's format (`VERSION_NAME/up.sql`, read through
//! diesel_migrations so that names and versions are exactly diesel_cli's), or Prisma's
//! (`YYYYMMDDHHMMSS_name/migration.sql` beside `migration_lock.toml`).

use crate::values::MigrationFormat;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use diesel::migration::MigrationSource;
use diesel_migrations::FileBasedMigrations;
use sha2::{Digest, Sha256};

/// Version format of new migrations, as diesel_cli writes it.
pub const VERSION_FORMAT: &str = "%Y-%m-%d-%H%M%S";

/// The layout of a migrations directory, and the ledger that goes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `up.sql`/`down.sql`/`metadata.toml`; `__diesel_schema_migrations` and dbctl's ledger.
    Diesel,
    /// `migration.sql`; `_prisma_migrations`, as Prisma keeps it.
    Prisma,
}

/// Prisma's lock file, which marks a Prisma migrations directory and names its provider.
pub const PRISMA_LOCK_FILE: &str = "migration_lock.toml";

impl Format {
    /// `migrations.format`: `diesel`, `prisma`, or `auto` (Prisma when the directory has a
    /// `migration_lock.toml`).
    pub fn of(setting: MigrationFormat, dir: &Path) -> Format {
        match setting {
            MigrationFormat::Prisma => Format::Prisma,
            MigrationFormat::Diesel => Format::Diesel,
            MigrationFormat::Auto if dir.join(PRISMA_LOCK_FILE).is_file() => Format::Prisma,
            // No lock file (deleted, or never committed): folders of migration.sql and no up.sql.
            MigrationFormat::Auto => {
                let folders: Vec<PathBuf> = std::fs::read_dir(dir)
                    .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
                    .unwrap_or_default();
                let prisma = folders.iter().any(|f| f.join("migration.sql").is_file())
                    && !folders.iter().any(|f| f.join("up.sql").is_file());
                if prisma { Format::Prisma } else { Format::Diesel }
            }
        }
    }
}

/// One migration directory.
#[derive(Debug, Clone)]
pub struct MigrationFile {
    pub format: Format,
    /// diesel's version: the directory name up to the first `_`, without dashes.
    pub version: String,
    /// The directory name.
    pub name: String,
    pub dir: PathBuf,
    pub up: String,
    pub down: Option<String>,
    pub run_in_transaction: bool,
    /// sha256 of `up.sql`, line endings normalised to LF, in hex.
    pub checksum: String,
}

impl MigrationFile {
    pub fn up_path(&self) -> PathBuf {
        match self.format {
            Format::Diesel => self.dir.join("up.sql"),
            Format::Prisma => self.dir.join("migration.sql"),
        }
    }

    pub fn down_path(&self) -> PathBuf {
        self.dir.join("down.sql")
    }
}

/// sha256 of SQL text with CRLF and CR line endings read as LF, so a checkout on Windows is not
/// an edit.
pub fn checksum(sql: &str) -> String {
    let normalised = sql.replace("\r\n", "\n").replace('\r', "\n");
    hex::encode(Sha256::digest(normalised.as_bytes()))
}

/// Reads `metadata.toml`. Unlike diesel (whose parser turns a file without the key into
/// `false`), a missing `run_in_transaction` means `true`, the documented default.
fn run_in_transaction(dir: &Path) -> Result<bool> {
    let path = dir.join("metadata.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| anyhow!("{}: invalid TOML: {}", path.display(), e.message()))?;
    match table.get("run_in_transaction") {
        None => Ok(true),
        Some(toml::Value::Boolean(b)) => Ok(*b),
        Some(other) => bail!("{}: run_in_transaction must be true or false, not {other}", path.display()),
    }
}

/// Reads every migration in `dir` in `format`, sorted by version.
pub fn load_as(dir: &Path, format: Format) -> Result<Vec<MigrationFile>> {
    match format {
        Format::Diesel => load(dir),
        Format::Prisma => load_prisma(dir),
    }
}

/// Prisma's checksum: the SHA-256 of `migration.sql` as read, lowercase hex.
pub fn prisma_checksum(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether a checksum Prisma stored is that of `text`: also with its line endings turned from
/// CRLF to LF or from LF to CRLF (a checkout on another system), and in the unpadded hex of
/// older Prisma versions (each byte without its leading zero).
pub fn prisma_checksum_matches(stored: &str, text: &[u8]) -> bool {
    let text = String::from_utf8_lossy(text);
    let lf = text.replace("\r\n", "\n");
    let crlf = lf.replace('\n', "\r\n");
    [text.as_bytes(), lf.as_bytes(), crlf.as_bytes()].iter().any(|bytes| {
        let digest = Sha256::digest(bytes);
        let unpadded: String = digest.iter().map(|b| format!("{b:x}")).collect();
        stored.eq_ignore_ascii_case(&hex::encode(digest)) || stored.eq_ignore_ascii_case(&unpadded)
    })
}

/// The provider `migration_lock.toml` names (`postgresql`, `sqlite`, …), if it names one.
pub fn prisma_provider(dir: &Path) -> Result<Option<String>> {
    let path = dir.join(PRISMA_LOCK_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| anyhow!("{}: invalid TOML: {}", path.display(), e.message()))?;
    Ok(table.get("provider").and_then(|v| v.as_str()).map(str::to_string))
}

/// Prisma's folders: every directory holding a `migration.sql`, in name order (Prisma's order).
fn load_prisma(dir: &Path) -> Result<Vec<MigrationFile>> {
    if !dir.is_dir() {
        bail!(
            "no migrations directory at {}; create one with `dbctl migrate new NAME`, or set \
             migrations.dir (env MIGRATION_DIRECTORY)",
            dir.display()
        );
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else { continue };
        if name.starts_with('.') || !entry.file_type()?.is_dir() {
            continue;
        }
        let path = dir.join(&name);
        let file = path.join("migration.sql");
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!(
                    "{} has no migration.sql; every folder of a Prisma migrations directory needs one",
                    path.display()
                )
            }
            Err(e) => return Err(e).with_context(|| format!("reading {}", file.display())),
        };
        let up = String::from_utf8(bytes).map_err(|_| anyhow!("{} is not UTF-8 text", file.display()))?;
        out.push(MigrationFile {
            format: Format::Prisma,
            checksum: prisma_checksum(up.as_bytes()),
            run_in_transaction: true,
            version: name.clone(),
            name,
            dir: path,
            up,
            down: None,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Reads every migration in `dir`, sorted by version.
pub fn load(dir: &Path) -> Result<Vec<MigrationFile>> {
    if !dir.is_dir() {
        bail!(
            "no migrations directory at {}; create one with `dbctl migrate new NAME`, or set \
             migrations.dir (env MIGRATION_DIRECTORY)",
            dir.display()
        );
    }
    let source = FileBasedMigrations::from_path(dir)
        .map_err(|e| anyhow!("cannot read migrations in {}: {e}", dir.display()))?;
    let listed = MigrationSource::<diesel::sqlite::Sqlite>::migrations(&source).map_err(|e| {
        anyhow!(
            "cannot read migrations in {}: {e}; each migration is a directory VERSION_NAME holding up.sql",
            dir.display()
        )
    })?;
    let mut out = Vec::with_capacity(listed.len());
    for m in listed {
        let name = m.name().to_string();
        let version = m.name().version().to_string();
        let path = dir.join(&name);
        let up = std::fs::read_to_string(path.join("up.sql"))
            .with_context(|| format!("reading {}", path.join("up.sql").display()))?;
        let down = match std::fs::read_to_string(path.join("down.sql")) {
            Ok(t) => Some(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.join("down.sql").display())),
        };
        out.push(MigrationFile {
            format: Format::Diesel,
            checksum: checksum(&up),
            run_in_transaction: run_in_transaction(&path)?,
            version,
            name,
            dir: path,
            up,
            down,
        });
    }
    out.sort_by(|a, b| a.version.cmp(&b.version).then_with(|| a.name.cmp(&b.name)));
    for pair in out.windows(2) {
        if pair[0].version == pair[1].version {
            bail!(
                "migrations {} and {} have the same version {}; rename one of them",
                pair[0].name,
                pair[1].name,
                pair[0].version
            );
        }
    }
    Ok(out)
}

/// Whether `name` may name a migration: an identifier of letters, digits and underscores.
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 100
}

/// Creates a new migration in `format`: Prisma's `<YYYYMMDDHHMMSS>_<name>/migration.sql`, or
/// diesel's (see [`create`]).
pub fn create_as(
    format: Format,
    dir: &Path,
    name: &str,
    no_down: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PathBuf> {
    if format == Format::Diesel {
        return create(dir, name, no_down, now);
    }
    if !valid_name(name) {
        bail!("`{name}` is not a valid migration name; use letters, digits and underscores (e.g. add_users)");
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let existing: Vec<String> =
        load_prisma(dir).map(|l| l.into_iter().map(|m| m.name).collect()).unwrap_or_default();
    let mut at = now;
    let path = loop {
        let stamp = at.format("%Y%m%d%H%M%S").to_string();
        if !existing.iter().any(|n| n.starts_with(&format!("{stamp}_"))) {
            break dir.join(format!("{stamp}_{name}"));
        }
        at += chrono::Duration::seconds(1);
    };
    std::fs::create_dir(&path).with_context(|| format!("creating {}", path.display()))?;
    std::fs::write(path.join("migration.sql"), format!("-- {name}\n"))
        .with_context(|| format!("writing {}", path.join("migration.sql").display()))?;
    Ok(path)
}

/// Creates `<version>_<name>/up.sql` (and `down.sql` unless `no_down`) in `dir`; returns the new
/// directory. Two migrations made in the same second get consecutive versions.
pub fn create(dir: &Path, name: &str, no_down: bool, now: chrono::DateTime<chrono::Utc>) -> Result<PathBuf> {
    if !valid_name(name) {
        bail!(
            "`{name}` is not a valid migration name; use letters, digits and underscores, starting with a \
             letter (e.g. create_users)"
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let existing: Vec<String> = match load(dir) {
        Ok(list) => list.into_iter().map(|m| m.version).collect(),
        Err(_) => Vec::new(),
    };
    let mut at = now;
    let path = loop {
        let version = at.format(VERSION_FORMAT).to_string();
        if !existing.contains(&version.replace('-', "")) {
            break dir.join(format!("{version}_{name}"));
        }
        at += chrono::Duration::seconds(1);
    };
    std::fs::create_dir(&path).with_context(|| format!("creating {}", path.display()))?;
    std::fs::write(path.join("up.sql"), format!("-- {name}: the change to make\n"))
        .with_context(|| format!("writing {}", path.join("up.sql").display()))?;
    if !no_down {
        std::fs::write(path.join("down.sql"), format!("-- {name}: undo everything up.sql does\n"))
            .with_context(|| format!("writing {}", path.join("down.sql").display()))?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn write(dir: &Path, name: &str, up: &str, extra: &[(&str, &str)]) {
        let d = dir.join(name);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("up.sql"), up).unwrap();
        for (f, t) in extra {
            std::fs::write(d.join(f), t).unwrap();
        }
    }

    #[test]
    fn versions_are_diesels_and_sorted() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "2026-07-30-140000-0000_later", "SELECT 1;", &[]);
        write(dir.path(), "20240127120000_first", "SELECT 1;", &[("down.sql", "SELECT 2;")]);
        write(
            dir.path(),
            "2024-01-27-120001_second",
            "SELECT 1;",
            &[("metadata.toml", "run_in_transaction = false\n")],
        );
        write(
            dir.path(),
            "2024-02-01-000000_meta_without_key",
            "SELECT 1;",
            &[("metadata.toml", "# nothing\n")],
        );
        std::fs::create_dir(dir.path().join(".hidden")).unwrap();
        let list = load(dir.path()).unwrap();
        let got: Vec<(&str, bool, bool)> =
            list.iter().map(|m| (m.version.as_str(), m.run_in_transaction, m.down.is_some())).collect();
        assert_eq!(
            got,
            [
                ("20240127120000", true, true),
                ("20240127120001", false, false),
                ("20240201000000", true, false),
                ("202607301400000000", true, false)
            ]
        );
    }

    #[test]
    fn line_endings_do_not_change_the_checksum() {
        assert_eq!(
            checksum("CREATE TABLE a (id INT);\r\nSELECT 1;\r\n"),
            checksum("CREATE TABLE a (id INT);\nSELECT 1;\n")
        );
        assert_ne!(checksum("SELECT 1;"), checksum("SELECT 2;"));
    }

    #[test]
    fn duplicate_versions_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "2024-01-01-000000_a", "SELECT 1;", &[]);
        write(dir.path(), "20240101000000_b", "SELECT 1;", &[]);
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("have the same version 20240101000000"), "{err}");
    }

    #[test]
    fn new_migrations_get_unique_versions_and_valid_names() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let a = create(dir.path(), "create_users", false, now).unwrap();
        let b = create(dir.path(), "add_index", true, now).unwrap();
        assert!(a.ends_with("2026-11-21-120000_create_users"));
        assert!(b.ends_with("2026-11-21-120001_add_index"));
        assert!(a.join("down.sql").exists() && !b.join("down.sql").exists());
        for bad in ["", "1abc", "has space", "semi;colon", "dash-ed"] {
            assert!(create(dir.path(), bad, false, now).is_err(), "{bad}");
        }
    }
}
