//! A local directory: written under a temporary name (mode 0600), fsynced, renamed into place,
//! and the directory fsynced, so that a backup becomes visible only once complete and a failed or
//! interrupted run leaves nothing at the final name.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::{Leftover, Storage, Upload};

/// What opening a directory did that the user should hear of once (said by the command).
static NOTICES: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// The notices since the last call.
pub fn take_notices() -> Vec<String> {
    std::mem::take(&mut *NOTICES.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// The git work tree `path` is (or would be) inside: the nearest ancestor holding `.git`.
pub fn git_work_tree(path: &Path) -> Option<PathBuf> {
    let absolute =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
    absolute.ancestors().skip(1).find(|a| a.join(".git").exists()).map(Path::to_path_buf)
}

/// A local directory.
pub struct LocalDir {
    pub dir: PathBuf,
}

impl LocalDir {
    /// Opens the directory, checking that no other user may write in it. A directory that does
    /// not exist yet is made by the first backup stored there ([`LocalDir::ensure`]), not by
    /// opening it: listing, checking health or verifying creates nothing.
    pub fn open(dir: &Path) -> Result<Self> {
        if dir.exists() {
            Self::check(dir)?;
        }
        Ok(Self { dir: dir.to_path_buf() })
    }

    /// Makes the directory (mode 0700) when it is missing (with a `.gitignore` inside a git work
    /// tree, and a notice), and checks it.
    pub fn ensure(dir: &Path) -> Result<()> {
        if !dir.exists() {
            std::fs::create_dir_all(dir).with_context(|| {
                format!(
                    "cannot create the backup directory {}; create it, or set BACKUP_LOCAL",
                    dir.display()
                )
            })?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
            }
            // Backups made inside a repository (the default ./backups) stay out of its commits.
            if let Some(root) = git_work_tree(dir) {
                std::fs::write(dir.join(".gitignore"), "# Backups made by dbctl: never committed.\n*\n")
                    .with_context(|| format!("writing {}", dir.join(".gitignore").display()))?;
                NOTICES.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(format!(
                    "created the backup directory {} inside the git work tree {}, with a .gitignore so that \
                     `git add -A` never commits a backup; a directory outside the repository is safer (BACKUP_LOCAL)",
                    dir.display(),
                    root.display()
                ));
            }
        }
        Self::check(dir)
    }

    /// A directory, which no other user may write in.
    fn check(dir: &Path) -> Result<()> {
        if !dir.is_dir() {
            bail!(
                "the backup location {} is not a directory; fix BACKUP_LOCAL / backup.local.path",
                dir.display()
            );
        }
        let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(dir)?.permissions());
        if mode & 0o022 != 0 {
            bail!(
                "the backup directory {} is writable by other users (mode {:o}), who could plant, replace or \
                 delete backups and hold its lock; run `chmod go-w {}`, or choose a directory only this user writes",
                dir.display(),
                mode & 0o777,
                dir.display()
            );
        }
        Ok(())
    }

    fn path(&self, name: &str) -> Result<PathBuf> {
        if name.is_empty() || name.contains('/') || name.starts_with('.') {
            bail!("`{name}` is not a backup name");
        }
        Ok(self.dir.join(name))
    }
}

impl LocalDir {
    /// A new file for `target`, written under a temporary name as `put` names them (so that
    /// an interrupted run's is found) and moved into place by `commit`.
    fn upload(&self, target: PathBuf, replace: bool) -> Result<LocalUpload> {
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let file = crate::sys::private_file_builder(&format!(".{name}."), ".tmp")
            .tempfile_in(&self.dir)
            .with_context(|| {
                format!(
                    "cannot write in the backup directory {}: check its permissions and free space",
                    self.dir.display()
                )
            })?;
        Ok(LocalUpload { file, target, dir: self.dir.clone(), replace })
    }

    /// The names of the files (or, with `dirs`, the folders) in the directory, hidden ones left
    /// out, sorted; none when it does not exist yet.
    fn entries(&self, dirs: bool) -> Result<Vec<String>> {
        if !self.dir.exists() {
            return Ok(Vec::new());
        }
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)
            .with_context(|| format!("listing {}", self.dir.display()))?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| if dirs { t.is_dir() } else { t.is_file() }))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        Ok(names)
    }
}

struct LocalUpload {
    file: tempfile::NamedTempFile,
    target: PathBuf,
    dir: PathBuf,
    /// `rewrite`: the new file replaces the one there; `put`: it never does.
    replace: bool,
}

impl Write for LocalUpload {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Upload for LocalUpload {
    fn commit(self: Box<Self>) -> Result<()> {
        let LocalUpload { mut file, target, dir, replace } = *self;
        file.flush().context("writing the backup")?;
        file.as_file().sync_all().with_context(|| format!("syncing {}", file.path().display()))?;
        let placed = if replace { file.persist(&target) } else { file.persist_noclobber(&target) };
        placed.map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                anyhow::Error::from(super::Exists { place: target.display().to_string() })
            } else {
                anyhow::anyhow!("cannot move the backup into place at {}: {}", target.display(), e.error)
            }
        })?;
        File::open(&dir).and_then(|d| d.sync_all()).with_context(|| format!("syncing {}", dir.display()))?;
        Ok(())
    }

    fn abort(self: Box<Self>) {
        let _ = self.file.close();
    }
}

impl Storage for LocalDir {
    fn put(&self, name: &str) -> Result<Box<dyn Upload>> {
        Self::ensure(&self.dir)?;
        let target = self.path(name)?;
        if target.exists() {
            return Err(super::Exists { place: target.display().to_string() }.into());
        }
        Ok(Box::new(self.upload(target, false)?))
    }

    fn get(&self, name: &str) -> Result<Box<dyn Read + Send>> {
        let path = self.path(name)?;
        let f = File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        Ok(Box::new(io::BufReader::with_capacity(256 * 1024, f)))
    }

    fn get_range(&self, name: &str, offset: u64, len: Option<u64>) -> Result<Box<dyn Read + Send>> {
        use std::io::Seek;
        let path = self.path(name)?;
        let mut f = File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        f.seek(io::SeekFrom::Start(offset)).with_context(|| format!("reading {}", path.display()))?;
        let f = io::BufReader::with_capacity(256 * 1024, f);
        Ok(match len {
            Some(n) => Box::new(f.take(n)),
            None => Box::new(f),
        })
    }

    fn rewrite(&self, name: &str, size: u64, skip: u64, head: &[u8]) -> Result<super::Rewritten> {
        let path = self.path(name)?;
        let mut old = File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        if old.metadata()?.len() != size {
            bail!(
                "{} is no longer {size} bytes: it changed meanwhile; nothing was rewritten",
                path.display()
            );
        }
        io::Seek::seek(&mut old, io::SeekFrom::Start(skip))?;
        let mut up = self.upload(path.clone(), true)?;
        up.write_all(head)?;
        let rest = io::copy(&mut io::BufReader::with_capacity(256 * 1024, old), &mut up)
            .with_context(|| format!("copying {}", path.display()))?;
        if rest != size - skip.min(size) {
            bail!("{} changed while it was copied; nothing was rewritten", path.display());
        }
        Box::new(up).commit()?;
        Ok(super::Rewritten { read: rest, sent: head.len() as u64 + rest, copied: 0, kept: None })
    }

    fn list(&self) -> Result<Vec<String>> {
        self.entries(false)
    }

    fn delete(&self, name: &str) -> Result<()> {
        let path = self.path(name)?;
        std::fs::remove_file(&path).with_context(|| format!("deleting {}", path.display()))
    }

    fn folders(&self) -> Result<Vec<String>> {
        self.entries(true)
    }

    fn exists(&self, name: &str) -> Result<bool> {
        let path = self.path(name)?;
        match std::fs::symlink_metadata(&path) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(anyhow::anyhow!("checking {}: {e}", path.display())),
        }
    }

    fn describe(&self) -> String {
        self.dir.display().to_string()
    }

    fn leftovers(&self, ours: &dyn Fn(&str) -> bool) -> Result<Vec<Leftover>> {
        let mut out = Vec::new();
        if !self.dir.exists() {
            return Ok(out);
        }
        for e in std::fs::read_dir(&self.dir).with_context(|| format!("listing {}", self.dir.display()))? {
            let e = e?;
            let Ok(file) = e.file_name().into_string() else { continue };
            // `.<backup name>.<random>.tmp`, as `put` names them, and nothing else.
            let Some(name) = file.strip_prefix('.').and_then(|f| f.strip_suffix(".tmp")) else { continue };
            let Some((name, _random)) = name.rsplit_once('.') else { continue };
            if !ours(name) || !e.file_type()?.is_file() {
                continue;
            }
            let age = e.metadata()?.modified()?.elapsed().unwrap_or_default();
            out.push(Leftover { name: name.to_string(), kind: "temporary file", age, handle: file });
        }
        Ok(out)
    }

    fn remove_leftover(&self, leftover: &Leftover) -> Result<()> {
        let path = self.dir.join(&leftover.handle);
        std::fs::remove_file(&path).with_context(|| format!("deleting {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn nothing_is_visible_until_commit() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalDir::open(dir.path()).unwrap();
        let mut up = store.put("a.sql.gz").unwrap();
        up.write_all(b"data").unwrap();
        assert!(store.list().unwrap().is_empty(), "temporary files are hidden");
        up.commit().unwrap();
        assert_eq!(store.list().unwrap(), ["a.sql.gz"]);
        let mode = std::fs::metadata(dir.path().join("a.sql.gz")).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let mut text = String::new();
        store.get("a.sql.gz").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "data");

        let mut up = store.put("b.sql.gz").unwrap();
        up.write_all(b"partial").unwrap();
        up.abort();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "an aborted upload leaves nothing");
        assert!(store.put("a.sql.gz").is_err(), "never overwrites");
    }
}
