//! Backups: producer → compress → encrypt → hash → storage → manifest (written last).
//!
//! `make` runs the steps (the producer from `producer` or `snapshot`, the stream through
//! `pipeline` and `digest`, the `manifest` last) under `lock`; `catalog` reads the manifests back;
//! `verify`, `prune` (with the pure `retention` policy) and `slot` (one scheduled run) work on
//! them; `unpack` opens a stored backup for verify and restore.

pub mod basebackup;
pub mod catalog;
pub mod databases;
pub mod digest;
pub mod identity;
pub mod keys;
pub mod lease;
pub mod lock;
pub mod make;
pub mod manifest;
pub mod pargz;
pub mod pipeline;
pub mod producer;
pub mod prune;
pub mod rdb;
pub mod rekey;
pub mod retention;
pub mod sections;
pub mod slot;
pub mod snapshot;
pub mod tables;
pub mod unpack;
pub mod verify;
pub mod wal;

/// What the backup engine reads of the configuration, built once from the settings: the
/// database and how to reach it, the servers beside it, the Redis, the hooks, and the `[backup]`
/// table. The engine never sees the rest (studio, health, migrations, the redactor).
#[derive(Debug, Clone)]
pub struct Config {
    pub target: crate::db::DbTarget,
    pub connect_timeout: std::time::Duration,
    pub wait: Option<std::time::Duration>,
    pub redis: Option<crate::settings::RedisSettings>,
    /// `[[servers]]` and REPLICATION_NODES, and the one `--server` chose.
    pub servers: Vec<crate::settings::servers::Server>,
    pub server: Option<String>,
    pub hooks: crate::settings::HooksSettings,
    pub backup: crate::settings::BackupSettings,
}

impl Config {
    /// The same configuration for server `s` (`--all-servers`), as `--server NAME` would make it.
    pub fn for_server(&self, s: &crate::settings::servers::Server) -> Self {
        Config { target: s.target.clone(), server: Some(s.name.clone()), ..self.clone() }
    }

    /// The one place the backup engine reads the settings.
    pub fn from_settings(settings: &crate::settings::Settings) -> Self {
        Config {
            target: settings.database.target.clone(),
            connect_timeout: settings.database.connect_timeout,
            wait: settings.wait,
            redis: settings.redis.clone(),
            servers: settings.servers.clone(),
            server: settings.server.clone(),
            hooks: settings.hooks.clone(),
            backup: settings.backup.clone(),
        }
    }
}

/// What `backup.write_only` refuses: `what` lists, reads or deletes in the storage.
pub fn write_only_refuses(what: &str) -> crate::error::ConfigError {
    crate::error::ConfigError::new(format!(
        "{what} lists and deletes backups, and backup.write_only (BACKUP_WRITE_ONLY) says this host's storage \
         credentials may only create them: run it from a host whose credentials may read and delete"
    ))
}
