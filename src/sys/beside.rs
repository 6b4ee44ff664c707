//! Private working copies beside a file (a SQLite database being restored or snapshotted):
//! mode 0600, named `.<file>.dbctl-<kind>-XXXXXX`, and locked (`flock`) for as long as they are
//! in use. A process killed with SIGKILL cannot delete its copy, but the kernel drops its lock,
//! so a copy nobody holds is known to be left over, and the next run (or `prune --orphans`)
//! removes it. A copy a running process holds is never touched.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// What a copy is for, as written in its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A restore writing the new database before it replaces the old one.
    Restore,
    /// A backup's `VACUUM INTO` snapshot.
    Snapshot,
}

impl Kind {
    const ALL: [Kind; 2] = [Kind::Restore, Kind::Snapshot];

    fn tag(self) -> &'static str {
        match self {
            Kind::Restore => "restore",
            Kind::Snapshot => "snapshot",
        }
    }

    /// For people: what an interrupted run left.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Restore => "partial copy of an interrupted restore",
            Kind::Snapshot => "snapshot copy of an interrupted backup",
        }
    }
}

fn dir_and_name(target: &Path) -> (&Path, String) {
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().map_or("db".into(), |n| n.to_string_lossy().into_owned());
    (dir, name)
}

fn prefix(name: &str, kind: Kind) -> String {
    format!(".{name}.dbctl-{}-", kind.tag())
}

/// Creates a private copy beside `target`, locked until it is dropped or persisted and closed.
pub fn create(target: &Path, kind: Kind) -> Result<tempfile::NamedTempFile> {
    let (dir, name) = dir_and_name(target);
    let file = super::private_tempfile(Some(dir), &prefix(&name, kind))?;
    file.as_file().try_lock().with_context(|| format!("locking {}", file.path().display()))?;
    Ok(file)
}

/// A copy left by a run that ended without removing it.
#[derive(Debug)]
pub struct Stale {
    pub path: PathBuf,
    pub kind: Kind,
}

/// The copies beside `target` that no process holds: regular files of this user with dbctl's
/// exact prefix (and tempfile's six-character suffix), whose lock could be taken.
pub fn stale(target: &Path) -> Result<Vec<Stale>> {
    use std::os::unix::fs::MetadataExt;
    let (dir, name) = dir_and_name(target);
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e).with_context(|| format!("listing {}", dir.display())),
    };
    let me = unsafe { libc::geteuid() };
    for entry in entries {
        let entry = entry?;
        let Ok(file_name) = entry.file_name().into_string() else { continue };
        let Some(kind) = Kind::ALL.into_iter().find(|k| {
            file_name
                .strip_prefix(&prefix(&name, *k))
                .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
        }) else {
            continue;
        };
        let path = entry.path();
        // Not followed: a symlink or another user's file is not ours to remove.
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if !meta.is_file() || meta.uid() != me {
            continue;
        }
        if unlocked(&path) {
            out.push(Stale { path, kind });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The file at `path`, locked by this process, when nobody else holds its lock.
fn lock(path: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::File::options().read(true).custom_flags(libc::O_NOFOLLOW).open(path).ok()?;
    file.try_lock().ok().map(|()| file)
}

fn unlocked(path: &Path) -> bool {
    lock(path).is_some()
}

/// Removes the stale copies beside `target` (each under its lock, so one taken up meanwhile is
/// left alone), saying each through `say`; returns them.
pub fn remove_stale(target: &Path, say: &mut dyn FnMut(&Stale)) -> Result<Vec<Stale>> {
    let mut removed = Vec::new();
    for s in stale(target)? {
        let Some(_held) = lock(&s.path) else { continue };
        std::fs::remove_file(&s.path).with_context(|| format!("removing {}", s.path.display()))?;
        say(&s);
        removed.push(s);
    }
    Ok(removed)
}

/// Removes what interrupted restores and backups of the database at `target` left beside it,
/// saying each (`removed PATH (what it was)`) to `say`.
pub fn remove_leftovers(target: &Path, say: &mut dyn FnMut(String)) -> Result<()> {
    remove_stale(target, &mut |s| say(format!("removed {} ({})", s.path.display(), s.kind.describe())))?;
    Ok(())
}
