//! The manifest: written last, beside the artifact. A backup without a manifest is not a backup:
//! list, verify, restore and retention only ever consider manifests.

use std::io::Write;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::digest::{HeaderSum, MAX_AGE_HEADER, StoredSum};

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
    /// sha256 of the stored bytes, hex; with `age_header`, of the bytes after that header.
    pub sha256: String,
    /// An age-encrypted object's header, summed apart from its payload, so that `backup rekey`
    /// can replace it and record the new one without reading the payload (format 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_header: Option<HeaderSum>,
    pub started_at: String,
    pub finished_at: String,
    pub duration_ms: u64,
    pub dbctl_version: String,
    pub host: String,
    /// What made it: `backup.name`, the server's system identifier and address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<super::identity::Source>,
    /// Why the backup was made, when not by `dbctl backup`: `safety` before a restore overwrote
    /// the database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Rows and bytes per table, as in the dump (plain PostgreSQL dumps and SQLite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tables: Option<std::collections::BTreeMap<String, super::tables::TableData>>,
    /// A physical base backup's WAL range (`backup --physical`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical: Option<super::basebackup::Physical>,
}

impl Manifest {
    /// The format a manifest with these contents is written in: the oldest that says it all,
    /// so that an older dbctl reads what it can.
    pub fn format_for(&self) -> u32 {
        if self.age_header.is_some() || self.parts.iter().any(|p| p.age_header.is_some()) {
            3
        } else if self.parts.iter().any(|p| p.kind == "post-data") {
            2
        } else {
            1
        }
    }

    /// The stored bytes of the whole backup: the artifact and every part.
    pub fn total_stored_bytes(&self) -> u64 {
        self.stored_bytes + self.parts.iter().map(|p| p.stored_bytes).sum::<u64>()
    }

    /// The bytes the whole backup decodes to: the artifact and every part.
    pub fn total_uncompressed_bytes(&self) -> u64 {
        self.uncompressed_bytes + self.parts.iter().map(|p| p.uncompressed_bytes).sum::<u64>()
    }

    /// The data and post-data parts of a dump in several parts (`backup --jobs`), in the order
    /// they load after the artifact (the pre-data); empty for a dump in one piece.
    pub fn sections(&self) -> Vec<&Part> {
        self.parts.iter().filter(|p| p.kind == "data" || p.kind == "post-data").collect()
    }

    /// A safety backup, taken of a database just before a restore overwrote it: never what
    /// `latest` means (after a failed or regretted restore, `restore latest` again must not bring
    /// back the data the restore was replacing).
    pub fn is_safety(&self) -> bool {
        self.tag.as_deref() == Some("safety")
    }

    pub fn object_name(&self) -> String {
        format!("{}{SUFFIX}", self.artifact)
    }

    /// Reads the manifest stored as `name`, and checks that it describes only files named after
    /// itself: a planted manifest must never make prune delete, or verify and restore read,
    /// anything else. Free-text fields come back with control characters escaped.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Self> {
        let mut m: Manifest =
            serde_json::from_slice(bytes).with_context(|| format!("{name} is not a dbctl manifest"))?;
        m.check_names(name)
            .map_err(|problem| anyhow::anyhow!("{name} is not a manifest dbctl can use: {problem}"))?;
        for field in [
            &mut m.backend,
            &mut m.server_version,
            &mut m.dump_tool,
            &mut m.dump_format,
            &mut m.compression,
            &mut m.started_at,
            &mut m.finished_at,
            &mut m.dbctl_version,
            &mut m.host,
        ] {
            *field = crate::text::escape_controls(field);
        }
        m.tag = m.tag.as_deref().map(crate::text::escape_controls);
        for part in &mut m.parts {
            part.table = part.table.as_deref().map(crate::text::escape_controls);
        }
        if let Some(src) = &mut m.source {
            for field in [&mut src.name, &mut src.system_identifier, &mut src.server].into_iter().flatten() {
                *field = crate::text::escape_controls(field);
            }
        }
        Ok(m)
    }

    /// The manifest is `<artifact>.manifest.json`; the artifact and every part are named
    /// `<database>-<stamp>-<id>.<ext>` with this manifest's database, stamp and id and an
    /// extension dbctl writes; sha256 sums are sums.
    fn check_names(&self, name: &str) -> std::result::Result<(), String> {
        let shown = |n: &str| crate::text::escape_controls(n);
        if name != self.object_name() {
            return Err(format!(
                "it describes `{}`, not the file it is stored beside",
                shown(&self.artifact)
            ));
        }
        let Some(own @ (db, _, id)) = backup_file(&self.artifact, ARTIFACT_EXTENSIONS) else {
            return Err(format!("`{}` is not the name of a backup dbctl makes", shown(&self.artifact)));
        };
        if db != self.database || id != self.id {
            return Err(format!(
                "its database `{}` and id `{}` differ from its file's name",
                shown(&self.database),
                shown(&self.id)
            ));
        }
        let split = self.age_header.is_some() || self.parts.iter().any(|p| p.age_header.is_some());
        if split && self.format_version < 3 {
            return Err("it records age headers apart, which only format 3 does".into());
        }
        if self.format_version > FORMAT_VERSION {
            return Err(format!(
                "it is of format {}, newer than this dbctl reads ({FORMAT_VERSION}): restore it with the dbctl that made it \
                 ({}) or a newer one",
                self.format_version,
                shown(&self.dbctl_version)
            ));
        }
        for part in &self.parts {
            let Some(ext) = part_extension(&part.kind, &part.name) else {
                return Err(format!(
                    "its part `{}` is of a kind this dbctl does not know",
                    shown(&part.name)
                ));
            };
            if backup_file(&part.name, &[&ext]) != Some(own) {
                return Err(format!("its part `{}` is not named after the backup", shown(&part.name)));
            }
        }
        let mut names: Vec<&str> = self.parts.iter().map(|p| p.name.as_str()).collect();
        names.sort_unstable();
        if names.windows(2).any(|w| w[0] == w[1]) || names.contains(&self.artifact.as_str()) {
            return Err("it lists a part twice (its rows would load twice)".into());
        }
        // A dump in several parts: its data and post-data parts, in the order they load.
        let sections: Vec<&str> =
            self.parts.iter().map(|p| p.kind.as_str()).filter(|k| *k != "globals").collect();
        let post = sections.iter().filter(|k| **k == "post-data").count();
        if !sections.is_empty() && (post != 1 || sections.last() != Some(&"post-data")) {
            return Err("its data parts are not followed by exactly one post-data part".into());
        }
        let base_tar = backup_file(&self.artifact, &[".base.tar"]).is_some();
        match &self.physical {
            Some(p) if base_tar && self.dump_format == "basebackup" && self.parts.is_empty() => {
                p.check().map_err(|e| format!("its base backup details do not read: {e}"))?
            }
            None if !base_tar && self.dump_format != "basebackup" => {}
            _ => return Err("its base backup details do not match its file and format".into()),
        }
        let is_sum = |s: &str| s.len() == 64 && s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'));
        if !is_sum(&self.sha256) || !self.parts.iter().all(|p| is_sum(&p.sha256)) {
            return Err("a sha256 in it is not 64 hex digits".into());
        }
        let objects = std::iter::once((&self.age_header, self.stored_bytes))
            .chain(self.parts.iter().map(|p| (&p.age_header, p.stored_bytes)));
        for (header, stored) in objects {
            let Some(h) = header else { continue };
            if !self.is_encrypted() || self.is_armored() {
                return Err("it records an age header for a backup that is not binary age".into());
            }
            if !is_sum(&h.sha256) || h.bytes > MAX_AGE_HEADER as u64 || h.bytes > stored {
                return Err("an age header it records is not a sum, or larger than an age header is".into());
            }
        }
        Ok(())
    }

    /// When the backup started, if the manifest's time reads.
    pub fn started(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::parse_from_rfc3339(&self.started_at).ok().map(|t| t.to_utc())
    }

    /// When the backup finished (a base backup is consistent from then on), if the time reads.
    pub fn finished(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::parse_from_rfc3339(&self.finished_at).ok().map(|t| t.to_utc())
    }

    /// Checks the size and sums of the stored bytes, read to their end, against the manifest.
    pub fn check_stored(&self, got: &StoredSum) -> Result<()> {
        check_sum(self.stored_bytes, &self.sha256, self.age_header.as_ref(), got)
    }

    /// The sha256 of `got` that this manifest records (of the payload, for an age file summed
    /// in two pieces): what to show beside the manifest's own.
    pub fn recorded_sha256(&self, got: &StoredSum) -> String {
        match (&self.age_header, &got.age) {
            (Some(_), Some(age)) => age.payload_sha256.clone(),
            _ => got.sha256.clone(),
        }
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

    /// Stores the record beside `m`, replacing the one there (whole; in a bucket with Object Lock
    /// as a new version, since the old one may not be deleted yet).
    pub fn store(&self, store: &dyn crate::storage::Storage, m: &Manifest) -> Result<()> {
        let name = Self::object_name(m);
        let text = serde_json::to_string_pretty(self)?;
        let created = store.put(&name).and_then(|mut up| {
            up.write_all(text.as_bytes())?;
            up.commit()
        });
        match created {
            Err(e) if e.is::<crate::storage::Exists>() => {
                let mut old = Vec::new();
                std::io::Read::read_to_end(&mut std::io::Read::take(store.get(&name)?, 1 << 20), &mut old)?;
                store.rewrite(&name, old.len() as u64, old.len() as u64, text.as_bytes()).map(drop)
            }
            other => other,
        }
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
    /// `globals`: pg_dumpall --globals-only; `data`: a table's rows (or, with no `table`, every
    /// other table's, the sequences' values and the large objects); `post-data`: indexes,
    /// constraints, triggers (a dump in several parts, whose artifact is its pre-data).
    pub kind: String,
    /// The table a `data` part holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    pub stored_bytes: u64,
    pub uncompressed_bytes: u64,
    /// As the manifest's own: with `age_header`, of the bytes after it.
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_header: Option<HeaderSum>,
}

impl Part {
    /// Checks the size and sums of this part's stored bytes against the manifest.
    pub fn check_stored(&self, got: &StoredSum) -> Result<()> {
        check_sum(self.stored_bytes, &self.sha256, self.age_header.as_ref(), got)
            .with_context(|| format!("its {} part {}", self.kind, self.name))
    }
}

/// The one comparison of stored bytes with what a manifest recorded: their size, and their
/// sha256, or for an age file recorded in two pieces its header's and its payload's.
fn check_sum(want_bytes: u64, want_sha256: &str, header: Option<&HeaderSum>, got: &StoredSum) -> Result<()> {
    let bytes = got.bytes;
    if bytes != want_bytes {
        anyhow::bail!(
            "the stored backup is {bytes} bytes, the manifest says {want_bytes}: it was truncated or changed"
        );
    }
    let Some(header) = header else {
        if got.sha256 != want_sha256 {
            anyhow::bail!(
                "sha256 is {}, the manifest says {want_sha256}: the stored backup was changed or damaged",
                got.sha256
            );
        }
        return Ok(());
    };
    let Some(age) = &got.age else {
        anyhow::bail!(
            "the stored backup does not begin with an age header, as its manifest says: it was changed"
        );
    };
    if age.header != *header {
        anyhow::bail!(
            "its age header ({} bytes, sha256 {}) is not the one the manifest records ({} bytes, sha256 {}): it was \
             changed, or a rekey was interrupted (run `dbctl backup rekey` again, with the old and new identity)",
            age.header.bytes,
            age.header.sha256,
            header.bytes,
            header.sha256
        );
    }
    if age.payload_sha256 != want_sha256 {
        anyhow::bail!(
            "sha256 of its payload is {}, the manifest says {want_sha256}: the stored backup was changed or damaged",
            age.payload_sha256
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

/// The database, stamp and id of `name` when it is exactly an object dbctl writes: a backup's
/// artifact or part, or the manifest or verify record beside one. Files that merely look alike
/// (`report-20261130T010000Z-abcdef.pdf`, `….manifest.json.old`) are not.
pub fn dbctl_object(name: &str) -> Option<(&str, &str, &str)> {
    let base = name.strip_suffix(SUFFIX).or_else(|| name.strip_suffix(VERIFY_SUFFIX)).unwrap_or(name);
    backup_file(base, ARTIFACT_EXTENSIONS)
        .or_else(|| backup_file(base, &[".globals.sql", ".post-data.sql"]))
        .or_else(|| part_extension("data", base).and_then(|ext| backup_file(base, &[&ext])))
}

/// The newest manifest format this dbctl reads (2: a dump in several parts, `backup --jobs`; 3:
/// age files summed as header and payload, `age_header`).
pub const FORMAT_VERSION: u32 = 3;

/// The extension (before compression and encryption) a part of `kind` named `name` has:
/// `.globals.sql`, `.post-data.sql`, `.data-0001.sql` (four digits); None for a kind this dbctl
/// does not know.
fn part_extension(kind: &str, name: &str) -> Option<String> {
    match kind {
        "globals" => Some(".globals.sql".into()),
        "post-data" => Some(".post-data.sql".into()),
        "data" => {
            let (_, _, id) = parse_backup_name(name)?;
            let rest = &name[name.find(&format!("-{id}."))? + 1 + id.len()..];
            let digits = rest.strip_prefix(".data-")?.get(..4)?;
            digits.bytes().all(|b| b.is_ascii_digit()).then(|| format!(".data-{digits}.sql"))
        }
        _ => None,
    }
}

/// What dbctl names a backup's main object: the dump's kind.
const ARTIFACT_EXTENSIONS: &[&str] = &[".sql", ".dump", ".sqlite3", ".rdb", ".base.tar"];

/// The database, stamp and id of `name` when it is a backup object dbctl writes: one of
/// `extensions`, then `.gz` or `.zst`, then `.age`, each optional, and nothing that leaves its
/// directory or disturbs a terminal.
fn backup_file<'a>(name: &'a str, extensions: &[&str]) -> Option<(&'a str, &'a str, &'a str)> {
    if name.contains(['/', '\\']) || name.starts_with('.') || name.chars().any(char::is_control) {
        return None;
    }
    let parsed @ (_, _, id) = parse_backup_name(name)?;
    let rest = &name[name.find(&format!("-{id}."))? + 1 + id.len()..];
    let layers = |rest: &str| {
        let rest = rest.strip_prefix(".gz").or_else(|| rest.strip_prefix(".zst")).unwrap_or(rest);
        rest.strip_prefix(".age").unwrap_or(rest).is_empty()
    };
    extensions.iter().any(|e| rest.strip_prefix(e).is_some_and(layers)).then_some(parsed)
}

pub use crate::sys::random::short_id;

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

    fn doc(artifact: &str, parts: &[&str]) -> Vec<u8> {
        let parts: Vec<serde_json::Value> = parts
            .iter()
            .map(|n| serde_json::json!({"name": n, "kind": "globals", "stored_bytes": 1, "uncompressed_bytes": 1, "sha256": "0".repeat(64)}))
            .collect();
        serde_json::to_vec(&serde_json::json!({
            "format_version": 1, "id": "1a2b3c", "artifact": artifact, "database": "app",
            "backend": "postgresql", "server_version": "15\u{1b}[2J", "dump_tool": "pg_dump",
            "dump_format": "plain", "compression": "gzip", "encryption": null, "parts": parts,
            "stored_bytes": 1, "uncompressed_bytes": 1, "sha256": "f".repeat(64),
            "started_at": "2026-11-22T02:00:00Z", "finished_at": "2026-11-22T02:00:01Z",
            "duration_ms": 1, "dbctl_version": "0", "host": "h\u{1b}]0;owned\u{7}", "tag": "\u{1b}[31mred",
        }))
        .unwrap()
    }

    #[test]
    fn a_dump_in_parts_is_read_only_whole_and_in_order() {
        let art = "app-20261122T020000Z-1a2b3c.sql.zst.age";
        let data = |n: u32| format!("app-20261122T020000Z-1a2b3c.data-{n:04}.sql.zst.age");
        let post = "app-20261122T020000Z-1a2b3c.post-data.sql.zst.age";
        let with = |version: u32, parts: &[(&str, String)]| {
            let mut v: serde_json::Value = serde_json::from_slice(&doc(art, &[])).unwrap();
            v["format_version"] = version.into();
            v["parts"] = parts
                .iter()
                .map(|(kind, name)| {
                    serde_json::json!({"name": name, "kind": kind, "table": "public.t\u{1b}[2J", "stored_bytes": 1, "uncompressed_bytes": 1, "sha256": "0".repeat(64)})
                })
                .collect();
            Manifest::parse(&format!("{art}{SUFFIX}"), &serde_json::to_vec(&v).unwrap())
        };
        let good = with(2, &[("data", data(1)), ("data", data(2)), ("post-data", post.into())]).unwrap();
        assert_eq!(good.sections().len(), 3);
        assert!(!good.parts[0].table.as_deref().unwrap().contains('\u{1b}'), "control characters escaped");
        let refused = |version: u32, parts: &[(&str, String)], why: &str| {
            let e = with(version, parts).unwrap_err().to_string();
            assert!(e.contains(why), "{e}");
        };
        // Post-data first, twice, or missing; a part twice; a kind or format from the future.
        refused(2, &[("post-data", post.into()), ("data", data(1))], "followed by exactly one post-data");
        refused(2, &[("data", data(1)), ("post-data", post.into()), ("post-data", post.into())], "twice");
        refused(2, &[("data", data(1))], "followed by exactly one post-data");
        refused(2, &[("data", data(1)), ("data", data(1)), ("post-data", post.into())], "twice");
        refused(2, &[("index", data(1))], "of a kind this dbctl does not know");
        refused(FORMAT_VERSION + 1, &[], "newer than this dbctl reads");
        // A data part named after another backup, or with a number that is not four digits.
        refused(
            2,
            &[("data", data(1).replace("1a2b3c", "ffffff")), ("post-data", post.into())],
            "not named after",
        );
        refused(2, &[("data", data(1).replace("0001", "01")), ("post-data", post.into())], "does not know");
    }

    #[test]
    fn an_age_header_sum_is_read_only_where_it_can_be() {
        let art = "app-20261122T020000Z-1a2b3c.sql.gz.age";
        let with = |version: u32, encryption: serde_json::Value, header: serde_json::Value| {
            let mut v: serde_json::Value = serde_json::from_slice(&doc(art, &[])).unwrap();
            v["format_version"] = version.into();
            v["encryption"] = encryption;
            v["stored_bytes"] = 500.into();
            v["age_header"] = header;
            Manifest::parse(&format!("{art}{SUFFIX}"), &serde_json::to_vec(&v).unwrap())
        };
        let age = serde_json::json!({"kind": "age", "recipients": ["x"]});
        let header = serde_json::json!({"bytes": 200, "sha256": "a".repeat(64)});
        let good = with(3, age.clone(), header.clone()).unwrap();
        assert_eq!(good.age_header.as_ref().map(|h| h.bytes), Some(200));
        let refused = |version, enc: &serde_json::Value, h: serde_json::Value, why: &str| {
            let e = with(version, enc.clone(), h).unwrap_err().to_string();
            assert!(e.contains(why), "{e}");
        };
        refused(2, &age, header.clone(), "only format 3");
        refused(3, &serde_json::Value::Null, header.clone(), "not binary age");
        refused(3, &serde_json::json!({"kind": "age", "armor": true}), header, "not binary age");
        refused(3, &age, serde_json::json!({"bytes": 501, "sha256": "a".repeat(64)}), "larger than");
        refused(3, &age, serde_json::json!({"bytes": 20, "sha256": "zz"}), "not a sum");
        // Sums apart are checked apart: the payload's is the manifest's sha256.
        let sum = |header_sha: &str, payload: &str| StoredSum {
            bytes: 500,
            sha256: String::new(),
            age: Some(super::super::digest::AgeSum {
                header: HeaderSum { bytes: 200, sha256: header_sha.into() },
                payload_sha256: payload.into(),
            }),
        };
        assert!(good.check_stored(&sum(&"a".repeat(64), &"f".repeat(64))).is_ok());
        let e = good.check_stored(&sum(&"b".repeat(64), &"f".repeat(64))).unwrap_err().to_string();
        assert!(e.contains("is not the one the manifest records"), "{e}");
        let e = good.check_stored(&sum(&"a".repeat(64), &"e".repeat(64))).unwrap_err().to_string();
        assert!(e.contains("sha256 of its payload"), "{e}");
        let whole = StoredSum { bytes: 500, sha256: "f".repeat(64), age: None };
        assert!(
            good.check_stored(&whole).unwrap_err().to_string().contains("does not begin with an age header")
        );
    }

    #[test]
    fn a_manifest_names_only_files_named_after_itself() {
        for name in ["app-20261122T020000Z-1a2b3c.sqlite3", "app-20261122T020000Z-1a2b3c.dump.zst"] {
            assert!(Manifest::parse(&format!("{name}{SUFFIX}"), &doc(name, &[])).is_ok(), "{name}");
        }
        let good = "app-20261122T020000Z-1a2b3c.sql.gz.age";
        let parts = ["app-20261122T020000Z-1a2b3c.globals.sql.gz.age"];
        let m = Manifest::parse(&format!("{good}{SUFFIX}"), &doc(good, &parts)).unwrap();
        assert_eq!(m.parts.len(), 1);
        assert!(
            !m.host.contains('\u{1b}') && !m.server_version.contains('\u{1b}'),
            "control characters escaped"
        );
        assert_eq!(m.tag.as_deref(), Some("\\u{1b}[31mred"));

        let bad: &[(&str, &str, &[&str])] = &[
            // It describes another file than the one it is stored as.
            ("app-20261122T020000Z-1a2b3c.sql.gz.age", "app-20261122T020000Z-1a2b3c.sql.gz", &[]),
            // Another database's, or no backup at all.
            ("other-20261122T020000Z-1a2b3c.sql.gz", "other-20261122T020000Z-1a2b3c.sql.gz", &[]),
            ("notes.txt", "notes.txt", &[]),
            // Another backup's manifest or verify record, by name.
            ("app-20261122T020000Z-1a2b3c.manifest.json", "app-20261122T020000Z-1a2b3c.manifest.json", &[]),
            (
                "app-20261122T020000Z-1a2b3c.sql.verify.json",
                "app-20261122T020000Z-1a2b3c.sql.verify.json",
                &[],
            ),
            // Parts of another backup, another directory, or the artifact itself.
            (good, good, &["app-20261121T020000Z-ffffff.globals.sql"]),
            (good, good, &["../app-20261122T020000Z-1a2b3c.globals.sql"]),
            (good, good, &["app-20261122T020000Z-1a2b3c.globals.sql/../../x"]),
            (good, good, &[good]),
        ];
        for (stored_as, artifact, parts) in bad {
            let e = Manifest::parse(&format!("{stored_as}{SUFFIX}"), &doc(artifact, parts)).unwrap_err();
            assert!(format!("{e:#}").contains("not a manifest dbctl can use"), "{artifact} {parts:?}: {e:#}");
        }
        let mut wrong_sum: serde_json::Value = serde_json::from_slice(&doc(good, &[])).unwrap();
        wrong_sum["sha256"] = "\u{1b}[2J".into();
        assert!(
            Manifest::parse(&format!("{good}{SUFFIX}"), &serde_json::to_vec(&wrong_sum).unwrap()).is_err()
        );
    }

    #[test]
    fn only_dbctl_objects_are_dbctls() {
        for ours in [
            "app-20261130T010000Z-abcdef.sql.gz.age",
            "app-20261130T010000Z-abcdef.sqlite3",
            "app-20261130T010000Z-abcdef.dump.zst.manifest.json",
            "app-20261130T010000Z-abcdef.sql.gz.verify.json",
            "app-20261130T010000Z-abcdef.globals.sql.gz",
        ] {
            assert!(dbctl_object(ours).is_some(), "{ours}");
        }
        for theirs in [
            "report-20261130T010000Z-abcdef.pdf",
            "customer-20261130T010000Z-123456.xlsx",
            "app-20261130T010000Z-abcdef.sql.gz.manifest.json.old",
            "app-20261130T010000Z-abcdef.sql.gz.bak",
            "app-20261130T010000Z-abcdef.sql.gz.age.tmp",
            "nightly.manifest.json",
        ] {
            assert!(dbctl_object(theirs).is_none(), "{theirs}");
        }
    }

    #[test]
    fn ids_are_short_hex() {
        let id = short_id();
        assert_eq!(id.len(), 6);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
