//! Restoring into SQLite: the decoded file written beside the target, checked, and renamed over it.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use super::stream::{check_stored, not_interrupted, pump_to_file, ticker};
use super::{Restored, StoredBackup};
use crate::backup::unpack::Decoded;
use crate::db::{self, DbTarget};
use crate::output::Output;
use crate::sys::beside;

pub fn into_sqlite(
    mut decoded: Decoded,
    source: &StoredBackup,
    path: &Path,
    cfg: &super::Config,
    out: &Output,
    bar: &Option<indicatif::ProgressBar>,
) -> Result<Restored> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    beside::remove_leftovers(path, &mut |m| out.info(&m))?;
    let mut file = beside::create(path, beside::Kind::Restore)?;
    let mut tick = ticker(&decoded.stored_read, bar);
    let raw = pump_to_file(&mut decoded, file.as_file_mut(), &mut tick)?;
    let sum = check_stored(&decoded, source)?;
    let copy = DbTarget::Sqlite { path: file.path().to_path_buf(), embedded: false };
    {
        let mut conn = db::connect(&copy, cfg.base.connect_timeout, &mut |_| {})?;
        let check = conn.query_text("SELECT quick_check AS v FROM pragma_quick_check")?;
        if check != "ok" {
            bail!("the restored SQLite file fails its integrity check: {check}");
        }
    }
    // The target's own WAL must not be replayed onto the new file.
    let wal = sidecar(path, "-wal");
    if wal.exists() {
        let target = DbTarget::Sqlite { path: path.to_path_buf(), embedded: false };
        let mut conn = db::connect(&target, cfg.base.connect_timeout, &mut |_| {})?;
        let _ = conn.batch("PRAGMA wal_checkpoint(TRUNCATE)");
        drop(conn);
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            bail!(
                "{} is in use (its WAL could not be emptied); stop the application and retry",
                path.display()
            );
        }
    }
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(file.path(), meta.permissions());
    }
    not_interrupted()?;
    file.persist(path).map_err(|e| anyhow!("replacing {}: {}", path.display(), e.error))?;
    for s in ["-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sidecar(path, s));
    }
    std::fs::File::open(dir).and_then(|d| d.sync_all()).ok();
    let target = DbTarget::Sqlite { path: path.to_path_buf(), embedded: false };
    let mut conn = db::connect(&target, cfg.base.connect_timeout, &mut |_| {})?;
    let tables = crate::backup::tables::sqlite_counts(&mut conn)?;
    Ok(Restored { stored: sum, raw_bytes: raw, tables: Some(tables) })
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}
