//! One backup of a database at a time: a file lock beside the local backups (or in this user's
//! private directory without local ones), or a Redis lease shared by every host with
//! `backup.lock = "redis"`.

use anyhow::Result;

use super::lease;
use crate::sys::filelock;

/// Where the backup lock lives: the local directory itself when local backups are on, else this
/// user's private directory (one lock per set of destinations), never the shared temporary
/// directory.
fn lock_dir(cfg: &super::Config) -> Result<std::path::PathBuf> {
    match &cfg.backup.local {
        Some(dir) => {
            // The first backup makes the directory (its lock goes there before any file).
            crate::storage::LocalDir::ensure(dir)?;
            Ok(dir.clone())
        }
        None => crate::sys::private_dir(),
    }
}

/// Another backup of the same database holds the lock (here, or on another host with a Redis
/// lease): the message names the holder.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LockBusy(pub String);

/// Whichever lock keeps two backups of one database apart; released when dropped.
pub enum Lock {
    File(#[allow(dead_code)] filelock::Held),
    Redis(#[allow(dead_code)] lease::Lease),
}

/// The name of the backup lock of database `db`: the database's name, with the fingerprint of
/// the configured buckets when there is no local directory (locks then share one directory).
pub fn name(cfg: &super::Config, db: &str) -> String {
    let b = &cfg.backup;
    if b.local.is_some() {
        return db.to_string();
    }
    let places: Vec<String> = b.destinations.iter().map(|d| d.place()).collect();
    format!("{db}-{}", &super::pipeline::fingerprint(&places.join(" "))[7..])
}

/// Holds the backup lock of `db_name` for the run (`<dir>/.<db>.dbctl-backup-lock`, or a Redis
/// lease with `backup.lock = "redis"`), or says who holds it.
pub fn take(cfg: &super::Config, db_name: &str) -> Result<Lock> {
    let holder = format!("dbctl backup {} since {}", crate::sys::whoami(), crate::sys::now());
    let busy = |who: String| {
        anyhow::Error::new(LockBusy(format!(
            "another backup of {db_name} is running ({who}); two backups of one database never run at once"
        )))
    };
    if cfg.backup.lock == crate::values::LockKind::Redis {
        let redis = cfg.redis.as_ref().ok_or_else(|| {
            crate::error::ConfigError::new(
                "backup.lock = \"redis\" needs a Redis: set REDIS_URL or redis.url",
            )
        })?;
        let key = format!("dbctl:backup-lock:{db_name}");
        return match lease::try_take(&redis.url, &key, &holder, cfg.connect_timeout)? {
            lease::Attempt::Held(lease) => Ok(Lock::Redis(lease)),
            lease::Attempt::Busy(who) => Err(busy(who)),
        };
    }
    let path = lock_dir(cfg)?.join(format!(".{db_name}.dbctl-backup-lock"));
    match filelock::try_lock(&path, &holder)? {
        filelock::Attempt::Held(held) => Ok(Lock::File(held)),
        filelock::Attempt::Busy(who) => Err(busy(who)),
    }
}
