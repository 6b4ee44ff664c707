//! Restoring other engines' backups: a Redis snapshot is written out as an RDB file (`--to FILE`)
//! for redis-server to load; a `backup.dump_command` backup is fed to `restore.command` on its
//! stdin. Both only after, or while, the stream checks out: the file is renamed into place once
//! the stored bytes matched the manifest, and the command's stdin is closed normally only then
//! (otherwise it is killed, so it never takes a damaged stream for a complete one).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use super::StoredBackup;
use super::stream::{PumpError, check_stored, not_interrupted, pump, pump_to_file};
use crate::backup::pipeline::Tail;
use crate::backup::producer::Tool;
use crate::backup::unpack::Keys;
use crate::output::Output;

/// What was restored, for the summary line.
pub struct Done {
    pub bytes: u64,
    pub into: String,
}

/// A Redis snapshot, written to `to` (a new file, or with `clean` one that is replaced).
pub fn redis(source: &StoredBackup, keys: &mut Keys, to: &str, clean: bool) -> Result<Done> {
    let path = Path::new(to);
    if path.exists() && !clean {
        bail!("{} exists; pass --clean to replace it", path.display());
    }
    if path.is_dir() {
        bail!("--to names a directory; give the RDB file's path (redis-server's dir and dbfilename)");
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut decoded = source.open(keys, true)?;
    let mut file = crate::sys::private_tempfile(Some(dir), ".dbctl-restore-")?;
    let bytes = pump_to_file(&mut decoded, file.as_file_mut(), &mut || {})?;
    check_stored(&decoded, source)?;
    let mut head = [0u8; 5];
    std::io::Read::read_exact(&mut std::fs::File::open(file.path())?, &mut head).ok();
    if &head != b"REDIS" {
        bail!("the backup is not a Redis snapshot (an RDB file starts with REDIS); nothing was written");
    }
    not_interrupted()?;
    file.persist(path).map_err(|e| anyhow!("writing {}: {}", path.display(), e.error))?;
    std::fs::File::open(dir).and_then(|d| d.sync_all()).ok();
    Ok(Done { bytes, into: path.display().to_string() })
}

/// A dump command's backup, fed to `restore.command`.
pub fn command(source: &StoredBackup, keys: &mut Keys, cfg: &super::Config, out: &Output) -> Result<Done> {
    let command = cfg.base.backup.restore_command.as_deref().ok_or_else(|| {
        crate::error::ConfigError::new(
            "this backup was made by backup.dump_command; set restore.command to the command that reads it \
             on stdin (e.g. `mongorestore --archive --drop`)",
        )
    })?;
    let mut decoded = source.open(keys, true)?;
    let url = match &cfg.base.target {
        crate::db::DbTarget::Command { url } => Some(url.as_str()),
        _ => None,
    };
    let mut child = Tool::shell(command, true, false, crate::settings::command_environment(url))?;
    crate::sys::signals::set_child(Some(child.id()));
    let mut stdin = child.stdin.take().expect("piped");
    let pumped = pump(&mut decoded.reader, &mut stdin, None, &mut Tail::default(), &mut || {});
    let checked = pumped
        .map_err(|e| match e {
            PumpError::Read(e) => e.context("reading the backup"),
            PumpError::Write(e) => e.context("the restore command stopped reading"),
        })
        .and_then(|bytes| {
            check_stored(&decoded, source)?;
            not_interrupted()?;
            stdin.flush().context("writing to the restore command")?;
            Ok(bytes)
        });
    crate::sys::signals::set_child(None);
    match checked {
        Ok(bytes) => {
            drop(stdin);
            child.finish().context("the restore command failed")?;
            out.verbose(&format!("fed {bytes} bytes to the restore command"));
            Ok(Done {
                bytes,
                into: format!("`{}`", command.split_whitespace().next().unwrap_or("the command")),
            })
        }
        Err(e) => {
            // It must not take a damaged or cut stream for a complete one.
            child.kill();
            Err(e.context("the restore command was stopped before the end of its input"))
        }
    }
}
