//! The manifest: written last, beside the artifact. A backup without a manifest is not a backup:
//! list, verify, restore and retention only ever consider manifests.

use std::io::Write;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// Suffix of manifest objects: `<artifact>.manifest.json`.
pub const SUFFIX: &str = ".manifest.json";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format_version: u32,
    pub id: String,
    /// The artifact's object name.
    pub artifact: String,
    pub database: String,
    /// postgresql or sqlite.
    pub backend: String,
    pub server_version: String,
    /// `pg_dump 15.18`, or `sqlite VACUUM INTO`.
    pub dump_tool: String,
    /// plain, custom or sqlite.
    pub dump_format: String,
    /// gzip, zstd or none.
    pub compression: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression_level: Option<i32>,
    /// null when not encrypted; else kind, recipient fingerprints or passphrase, armor.
    pub encryption: Option<serde_json::Value>,
    /// Further objects of the same backup (roles and tablespaces with --globals).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    pub stored_bytes: u64,
    pub uncompressed_bytes: u64,
    /// sha256 of the stored bytes, hex.
    pub sha256: String,
    pub started_at: String,
    pub finished_at: String,
    pub duration_ms: u64,
    pub dbctl_version: String,
    pub host: String,
    /// Why the backup was made, when not by `dbctl backup`: `safety` before a restore overwrote
    /// the database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Rows and bytes per table, as in the dump (plain PostgreSQL dumps and SQLite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tables: Option<std::collections::BTreeMap<String, super::tables::TableData>>,
}

impl Manifest {
    pub fn object_name(&self) -> String {
        format!("{}{SUFFIX}", self.artifact)
    }

    pub fn parse(name: &str, bytes: &[u8]) -> Result<Self> {
        serde_json::from_slice(bytes).with_context(|| format!("{name} is not a dbctl manifest"))
    }

    /// When the backup started, if the manifest's time reads.
    pub fn started(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::parse_from_rfc3339(&self.started_at).ok().map(|t| t.to_utc())
    }

    /// Checks the size and sha256 of the stored bytes, read to their end, against the manifest.
    pub fn check_stored(&self, bytes: u64, sha256: &str) -> Result<()> {
        check_sum(self.stored_bytes, &self.sha256, bytes, sha256)
    }

    pub fn is_encrypted(&self) -> bool {
        self.encryption.is_some()
    }

    pub fn is_armored(&self) -> bool {
        self.encryption.as_ref().and_then(|e| e.get("armor")).and_then(|a| a.as_bool()).unwrap_or(false)
    }
}

/// Suffix of the object recording the latest `backup verify` of a backup.
pub const VERIFY_SUFFIX: &str = ".verify.json";

/// The result of the latest `backup verify` of one backup, kept beside it (for `dbctl health`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerifyRecord {
    pub verified_at: String,
    pub ok: bool,
    /// Whether it restored the backup into a scratch database too.
    pub restore_test: bool,
    pub detail: String,
}

impl VerifyRecord {
    pub fn object_name(m: &Manifest) -> String {
        format!("{}{VERIFY_SUFFIX}", m.artifact)
    }

    /// Replaces the record beside `m`.
    pub fn store(&self, store: &dyn crate::storage::Storage, m: &Manifest) -> Result<()> {
        let name = Self::object_name(m);
        // Storage never overwrites; a record that is not there yet makes the delete fail, harmlessly.
        let _ = store.delete(&name);
        let mut up = store.put(&name)?;
        up.write_all(serde_json::to_string_pretty(self)?.as_bytes())?;
        up.commit()
    }

    /// The record beside `m`, if `names` (the storage's listing) has one.
    pub fn load(store: &dyn crate::storage::Storage, m: &Manifest, names: &[String]) -> Result<Option<Self>> {
        let name = Self::object_name(m);
        if !names.contains(&name) {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut store.get(&name)?, &mut bytes)?;
        Ok(Some(serde_json::from_slice(&bytes).with_context(|| format!("{name} is not a verify record"))?))
    }
}

/// A further object of a backup, compressed and encrypted like the main one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Part {
    pub name: String,
    /// `globals`: pg_dumpall --globals-only.
    pub kind: String,
    pub stored_bytes: u64,
    pub uncompressed_bytes: u64,
    pub sha256: String,
}

impl Part {
    /// Checks the size and sha256 of this part's stored bytes against the manifest.
    pub fn check_stored(&self, bytes: u64, sha256: &str) -> Result<()> {
        check_sum(self.stored_bytes, &self.sha256, bytes, sha256)
            .with_context(|| format!("its {} part {}", self.kind, self.name))
    }
}

/// The one comparison of stored bytes with what a manifest recorded.
fn check_sum(want_bytes: u64, want_sha256: &str, bytes: u64, sha256: &str) -> Result<()> {
    if bytes != want_bytes {
        anyhow::bail!(
            "the stored backup is {bytes} bytes, the manifest says {want_bytes}: it was truncated or changed"
        );
    }
    if sha256 != want_sha256 {
        anyhow::bail!(
            "sha256 is {sha256}, the manifest says {want_sha256}: the stored backup was changed or damaged"
        );
    }
    Ok(())
}

/// The UTC time stamp in backup names (`20261122T020000Z`).
pub const STAMP_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// The database, UTC time stamp and id of an object named like dbctl names backups
/// (`<db>-<yyyymmddThhmmssZ>-<id>.<ext…>`, parts and manifests included), or None.
pub fn parse_backup_name(name: &str) -> Option<(&str, &str, &str)> {
    let (stem, _ext) = name.split_once('.')?;
    let (rest, id) = stem.rsplit_once('-')?;
    let (db, stamp) = rest.rsplit_once('-')?;
    let stamp_ok = stamp.len() == 16
        && stamp.as_bytes()[8] == b'T'
        && stamp.ends_with('Z')
        && stamp.bytes().enumerate().all(|(i, c)| matches!(i, 8 | 15) || c.is_ascii_digit());
    let id_ok = id.len() == 6 && id.bytes().all(|c| c.is_ascii_hexdigit());
    (!db.is_empty() && stamp_ok && id_ok).then_some((db, stamp, id))
}

/// A short random id (6 hex digits); the clock and the pid if the system has no random source,
/// so that a backup never fails for want of a name.
pub fn short_id() -> String {
    crate::sys::random::hex(3).unwrap_or_else(|_| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        hex::encode([(nanos >> 16) as u8, (nanos >> 8) as u8, std::process::id() as u8])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_are_recognised() {
        assert_eq!(
            parse_backup_name("my-app-20261122T020000Z-1a2b3c.sql.gz.age"),
            Some(("my-app", "20261122T020000Z", "1a2b3c"))
        );
        assert_eq!(
            parse_backup_name("app-20261122T020000Z-1a2b3c.globals.sql.gz.manifest.json").map(|p| p.2),
            Some("1a2b3c")
        );
        for other in [
            "notes.txt",
            "app-2026-1a2b3c.sql",
            "app-20261122T020000Z-xyz.sql",
            "app-20261122T020000Z-1a2b3c",
        ] {
            assert_eq!(parse_backup_name(other), None, "{other}");
        }
    }

    #[test]
    fn ids_are_short_hex() {
        let id = short_id();
        assert_eq!(id.len(), 6);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
