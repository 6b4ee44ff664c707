//! The operating system, in the few forms dbctl needs: who and where we are, the time as stored,
//! signals, random numbers, file locks and private temporary files.

pub mod filelock;
pub mod random;
pub mod signals;

use std::path::Path;

use anyhow::{Context, Result};

/// `user@host pid N`: who holds a lock, ran a migration or made a backup.
pub fn whoami() -> String {
    let user =
        std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "unknown".into());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".into());
    format!("{user}@{host} pid {}", std::process::id())
}

/// Now, as dbctl stores times (ledgers, manifests): RFC 3339 UTC with microseconds, which sorts
/// as text.
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// A file only its owner can read (mode 0600), deleted when dropped unless persisted: in `dir`,
/// or in the temporary directory.
pub fn private_tempfile(dir: Option<&Path>, prefix: &str) -> Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    match dir {
        Some(dir) => b.tempfile_in(dir).with_context(|| format!("creating a file in {}", dir.display())),
        None => b.tempfile().context("creating a temporary file"),
    }
}
