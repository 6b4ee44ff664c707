//! The operating system, in the few forms dbctl needs: who and where we are, the time as stored,
//! signals, random numbers, file locks and private temporary files.

pub mod beside;
pub mod filelock;
pub mod http;
pub mod random;
pub mod signals;

use std::path::Path;

use anyhow::{Context, Result};

/// `s` as one word for a POSIX shell: as it is when it needs no quoting, else single-quoted.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:=@".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// `user@host pid N`: who holds a lock, ran a migration or made a backup.
pub fn whoami() -> String {
    // The process's own user (cron and `sudo -i` leave USER unset or another's): from the uid.
    // SAFETY: geteuid has no preconditions; getpwuid returns static storage or null, read at once.
    let user = unsafe {
        let pw = libc::getpwuid(libc::geteuid());
        (!pw.is_null() && !(*pw).pw_name.is_null())
            .then(|| std::ffi::CStr::from_ptr((*pw).pw_name).to_string_lossy().into_owned())
    }
    .or_else(|| std::env::var("USER").ok())
    .or_else(|| std::env::var("LOGNAME").ok())
    .unwrap_or_else(|| format!("uid {}", unsafe { libc::geteuid() }));
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

/// This user's private directory for dbctl's lock files, `$XDG_RUNTIME_DIR/dbctl` or
/// `$TMPDIR/dbctl-<uid>`: created mode 0700, and refused unless it is a real directory of this
/// user that nobody else may enter (another user could have made it first, or a symlink).
pub fn private_dir() -> Result<std::path::PathBuf> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt};
    // SAFETY: geteuid has no preconditions and cannot fail.
    let uid = unsafe { libc::geteuid() };
    let dir = match std::env::var_os("XDG_RUNTIME_DIR").map(std::path::PathBuf::from) {
        Some(run) if run.is_absolute() && run.is_dir() => run.join("dbctl"),
        _ => std::env::temp_dir().join(format!("dbctl-{uid}")),
    };
    match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => {
            return Err(e).with_context(|| format!("creating dbctl's private directory {}", dir.display()));
        }
    }
    let meta = std::fs::symlink_metadata(&dir).with_context(|| format!("reading {}", dir.display()))?;
    let problem = if !meta.file_type().is_dir() {
        Some("it is not a directory (a symlink, or a file)".to_string())
    } else if meta.uid() != uid {
        Some(format!("it belongs to uid {}, not to this user ({uid})", meta.uid()))
    } else if meta.mode() & 0o077 != 0 {
        Some(format!("other users may enter it (mode {:o})", meta.mode() & 0o777))
    } else {
        None
    };
    match problem {
        Some(p) => anyhow::bail!(
            "{} cannot hold dbctl's locks: {p}; remove it (it may have been planted), or set TMPDIR to a directory of yours",
            dir.display()
        ),
        None => Ok(dir),
    }
}

/// A file only its owner can read (mode 0600), deleted when dropped unless persisted: in `dir`,
/// or in the temporary directory.
pub fn private_tempfile(dir: Option<&Path>, prefix: &str) -> Result<tempfile::NamedTempFile> {
    let b = private_file_builder(prefix, "");
    match dir {
        Some(dir) => b.tempfile_in(dir).with_context(|| format!("creating a file in {}", dir.display())),
        None => b.tempfile().context("creating a temporary file"),
    }
}

/// A temporary-file builder whose files only their owner can read (mode 0600).
pub fn private_file_builder<'a, 'b>(prefix: &'a str, suffix: &'b str) -> tempfile::Builder<'a, 'b> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(suffix).permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    b
}

/// Runs `work` (a blocking request) on a thread of its own and waits for it, except that SIGINT
/// and SIGTERM end the wait within a tenth of a second: the request is then left to itself (it
/// ends with its own timeout, or with the process).
pub fn interruptible<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> anyhow::Result<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    loop {
        match rx.recv_timeout(std::time::Duration::from_millis(100)) {
            Ok(done) => return Ok(done),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if let Some(sig) = signals::received() {
                    return Err(signals::Interrupted(sig).into());
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                anyhow::bail!("the request's thread ended without an answer")
            }
        }
    }
}
