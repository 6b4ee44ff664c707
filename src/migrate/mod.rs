//! Migrations in diesel's or Prisma's format: source, ledgers, lock, plan, and running them.

pub mod apply;
pub mod drift;
pub mod ledger;
pub mod lint;
pub mod lock;
pub mod plan;
pub mod prisma;
pub mod rehearse;
pub mod run;
pub mod scratch_cluster;
pub mod session;
pub mod source;

/// What running migrations needs, built once by the command from the settings and its flags:
/// the domain never reads the whole configuration.
#[derive(Debug, Clone)]
pub struct Options {
    /// The database the migrations are for.
    pub target: crate::db::DbTarget,
    /// How long one connection attempt may take, and how long `--wait` retries.
    pub connect_timeout: std::time::Duration,
    pub wait: Option<std::time::Duration>,
    /// How long a runner waits for another's lock.
    pub lock_timeout: std::time::Duration,
    /// How a migration waits for the locks of the tables it changes.
    pub lock_policy: session::LockPolicy,
    /// The migrations directory, its format, and why it was chosen (for messages).
    pub dir: std::path::PathBuf,
    pub format: crate::values::MigrationFormat,
    pub dir_reason: String,
    /// The project's Prisma schema, when it has one (for the hints of a missing directory).
    pub prisma_schema: Option<std::path::PathBuf>,
    /// `migrate drift`: where the migrations are replayed, and what runs there first.
    pub shadow_url: Option<String>,
    /// Where `shadow_url` came from when that is a project's own file: then it is used only empty.
    pub shadow_from_project: Option<String>,
    pub shadow_init: Option<String>,
    /// Where the PostgreSQL client programs are looked for.
    pub pg_dump: Option<std::path::PathBuf>,
    pub pg_bin_dirs: Vec<std::path::PathBuf>,
    /// `migrations.lint_allow`: lint rules allowed everywhere.
    pub lint_allow: Vec<String>,
}

impl Options {
    /// The same options for server `s` (`--all-servers`).
    pub fn for_server(&self, s: &crate::settings::servers::Server) -> Self {
        Options { target: s.target.clone(), ..self.clone() }
    }

    /// The options the configuration gives: the one place this module reads the settings (the
    /// command and health build them here; `migrate drift --shadow-url` then sets its own).
    pub fn from_settings(settings: &crate::settings::Settings) -> Self {
        let m = &settings.migrations;
        Options {
            target: settings.database.target.clone(),
            connect_timeout: settings.database.connect_timeout,
            wait: settings.wait,
            lock_timeout: m.lock_timeout,
            lock_policy: session::LockPolicy { timeout: m.statement_lock_timeout, retries: m.lock_retries },
            dir: m.dir.clone(),
            format: m.format,
            dir_reason: m.dir_reason.clone(),
            prisma_schema: m.prisma_schema.clone(),
            shadow_url: m.shadow_url.clone(),
            shadow_from_project: m.shadow_from_project.clone(),
            shadow_init: m.shadow_init.clone(),
            pg_dump: settings.backup.pg_dump.clone(),
            pg_bin_dirs: settings.backup.pg_bin_dirs.clone(),
            lint_allow: m.lint_allow.clone(),
        }
    }
}
