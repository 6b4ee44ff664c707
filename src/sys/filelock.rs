//! Exclusive locks on files that say who holds them: `flock(2)` through std, released by the
//! kernel if the process dies, with the holder's description written inside for the next one.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// A lock this process holds.
#[derive(Debug)]
pub struct Held {
    file: File,
    pub path: PathBuf,
}

impl Held {
    /// Empties the holder text and unlocks (also done by the kernel when the process exits).
    pub fn release(self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// The outcome of one attempt.
pub enum Attempt {
    Held(Held),
    /// Someone else holds it; what they wrote about themselves.
    Busy(String),
}

/// Opens a lock file without following a symlink (another user's link must not make dbctl
/// write through it), creating it mode 0600 when `create`; it must be a regular file.
fn open_lock(path: &Path, create: bool) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = File::options()
        .read(true)
        .write(create)
        .create(create)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    Ok(file)
}

/// What the holder wrote about itself, as it may be shown: one line, no control characters,
/// not longer than a message.
fn holder_text(path: &Path) -> String {
    let mut text = String::new();
    let _ = open_lock(path, false).and_then(|f| f.take(400).read_to_string(&mut text));
    let text = crate::text::escape_controls(text.trim());
    if text.is_empty() { "another process".to_string() } else { text }
}

/// Tries once to take the lock at `path` (creating the file); on success writes `holder` into it.
pub fn try_lock(path: &Path, holder: &str) -> Result<Attempt> {
    let mut file = open_lock(path, true).with_context(|| {
        format!(
            "opening the lock file {} (a symlink or another kind of file there is refused; remove it)",
            path.display()
        )
    })?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0)?;
            file.rewind()?;
            write!(file, "{holder}")?;
            file.flush()?;
            Ok(Attempt::Held(Held { file, path: path.to_path_buf() }))
        }
        Err(std::fs::TryLockError::WouldBlock) => Ok(Attempt::Busy(holder_text(path))),
        Err(std::fs::TryLockError::Error(e)) => Err(e).with_context(|| format!("locking {}", path.display())),
    }
}

/// Who holds the lock at `path` right now, found without taking it or creating the file.
pub fn current_holder(path: &Path) -> Option<String> {
    let file = open_lock(path, false).ok()?;
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            None
        }
        Err(std::fs::TryLockError::WouldBlock) => Some(holder_text(path)),
        Err(std::fs::TryLockError::Error(_)) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symlink_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let lock = dir.path().join("x.lock");
        std::os::unix::fs::symlink(&victim, &lock).unwrap();
        let e = try_lock(&lock, "me").err().expect("refused");
        assert!(format!("{e:#}").contains("symlink"), "{e:#}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(current_holder(&lock), None);
    }

    #[test]
    fn a_second_attempt_sees_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let Attempt::Held(held) = try_lock(&path, "first pid 1").unwrap() else { panic!("free lock") };
        // flock locks belong to the open file: a second open in this process conflicts too.
        match try_lock(&path, "second").unwrap() {
            Attempt::Busy(who) => assert_eq!(who, "first pid 1"),
            Attempt::Held(_) => panic!("taken twice"),
        }
        assert_eq!(current_holder(&path).as_deref(), Some("first pid 1"));
        held.release();
        assert_eq!(current_holder(&path), None);
        assert!(matches!(try_lock(&path, "second").unwrap(), Attempt::Held(_)));
    }
}
