//! WAL archiving through the backup destinations: PostgreSQL's `archive_command`
//! (`dbctl wal push %p`) and `restore_command` (`dbctl wal fetch %f %p`).
//!
//! Each file is compressed (zstd) and encrypted (age, to the backup's recipients) once, and
//! stored in every destination under `wal/<timeline>/` as two objects: the data, named after the
//! file and its content (`<file>.<sha256 prefix>.zst.age`), then a small record (`<file>.json`:
//! the file's size and sha256, the data object's size and sha256), written last. The record is
//! what makes a file archived: a push that finds it with the same content succeeds without
//! storing anything, one that finds different content fails (two servers archiving to the same
//! place); a fetch reads it first, then checks every byte against it.

pub mod names;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, anyhow, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::backup::pipeline::{self, Encryption};
use crate::backup::unpack::{self, Keys};
use crate::settings::Compression;
use crate::storage::{DestinationSpec, Storage, Upload};
pub use names::WalName;

/// The largest WAL file PostgreSQL makes (`wal_segment_size` is at most 1 GiB).
pub const MAX_FILE: u64 = 1 << 30;
/// The largest record read back.
const MAX_RECORD: u64 = 64 * 1024;
const RECORD_FORMAT: u32 = 1;

/// What `<file>.json` says about one archived file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Record {
    pub format: u32,
    pub file: String,
    /// The file's size and sha256 (hex), before compression.
    pub bytes: u64,
    pub sha256: String,
    /// The data object, its size and sha256 as stored.
    pub object: String,
    pub stored_bytes: u64,
    pub stored_sha256: String,
    /// age recipients' fingerprints, as a backup's manifest has them; none when not encrypted.
    #[serde(default)]
    pub encryption: Option<serde_json::Value>,
    pub archived_at: String,
}

impl Record {
    /// Checks a record read from storage before anything it says is used.
    fn check(&self, wal: &WalName) -> Result<()> {
        if self.format > RECORD_FORMAT {
            bail!(
                "its record is of format {} and this dbctl reads up to {RECORD_FORMAT}; upgrade dbctl",
                self.format
            );
        }
        if self.file != wal.file {
            bail!(
                "its record describes `{}`, not {}",
                crate::text::escape_controls(crate::text::prefix(&self.file, 40)),
                wal.file
            );
        }
        let hex64 = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex64(&self.sha256) || !hex64(&self.stored_sha256) {
            bail!("its record's sha256 is not one");
        }
        if self.bytes > MAX_FILE || self.stored_bytes > MAX_FILE + MAX_FILE / 8 {
            bail!("its record gives a size ({} bytes) no WAL file has", self.bytes.max(self.stored_bytes));
        }
        if !object_name_fits(&self.object, wal) {
            bail!(
                "its record names the object `{}`, not one of this file's",
                crate::text::escape_controls(crate::text::prefix(&self.object, 60))
            );
        }
        Ok(())
    }
}

/// `<file>.<16 hex>.zst` or `<file>.<16 hex>.zst.age`: the only data objects a record may name.
fn object_name_fits(object: &str, wal: &WalName) -> bool {
    let Some(rest) = object.strip_prefix(&wal.file).and_then(|r| r.strip_prefix('.')) else { return false };
    let (hash, ext) = rest.split_at(rest.find('.').unwrap_or(rest.len()));
    hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) && (ext == ".zst" || ext == ".zst.age")
}

/// Where the files of one timeline are kept in one destination.
pub fn folder(spec: &DestinationSpec, wal: &WalName) -> DestinationSpec {
    spec.under(&format!("wal/{:08X}", wal.timeline))
}

/// The timeline folders of `spec`'s archive (named by 8 hex digits; anything else is not
/// dbctl's and is passed over), each with its timeline and opened.
fn timelines(spec: &DestinationSpec) -> Result<Vec<(u32, Box<dyn Storage>)>> {
    let root = spec.under("wal");
    let mut out = Vec::new();
    for name in root.open()?.folders()? {
        if name.len() != 8 || !name.bytes().all(|b| b.is_ascii_hexdigit()) {
            continue;
        }
        let tli = u32::from_str_radix(&name, 16)?;
        out.push((tli, root.under(&name).open()?));
    }
    Ok(out)
}

fn record_name(file: &str) -> String {
    format!("{file}.json")
}

/// A memory upload: the encoded file, made once and then stored in each destination.
struct Memory(Arc<Mutex<Vec<u8>>>);

impl Write for Memory {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Upload for Memory {
    fn commit(self: Box<Self>) -> Result<()> {
        Ok(())
    }
    fn abort(self: Box<Self>) {}
}

/// What pushing one file did in one destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pushed {
    Stored,
    /// The same content was archived there before.
    AlreadyThere,
}

/// The outcome of a push: per destination, what happened or what failed.
pub struct PushReport {
    pub file: String,
    pub bytes: u64,
    pub stored_bytes: u64,
    pub each: Vec<(String, Result<Pushed>)>,
}

/// Archives the WAL file at `path` to every destination of `specs`.
pub fn push(
    path: &Path,
    specs: &[DestinationSpec],
    encryption: &Encryption,
    level: Option<i32>,
    write_only: bool,
) -> Result<PushReport> {
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| anyhow!("{} names no WAL file", path.display()))?;
    let wal = names::parse(file_name)?;
    if let Encryption::Passphrase { .. } = encryption {
        bail!(
            "WAL archiving encrypts to age recipients (public keys), not to a passphrase: each file would pay the \
             passphrase's deliberate slowness; set BACKUP_ENCRYPTION_KEY to a recipient (age1…)"
        );
    }
    encryption.check()?;
    let data = read_bounded(path)?;
    let sha256 = hex::encode(Sha256::digest(&data));
    let object = format!("{}.{}.zst{}", wal.file, &sha256[..16], encryption.extension());

    // Encode once; the same bytes go to every destination.
    let encoded = Arc::new(Mutex::new(Vec::with_capacity(data.len() / 4)));
    let (_, streamed) = pipeline::stream(
        &mut &data[..],
        Box::new(Memory(Arc::clone(&encoded))),
        Compression::Zstd,
        level,
        encryption,
        pipeline::threads_for(1),
        &mut |_, _| {},
    )?;
    let encoded = std::mem::take(&mut *encoded.lock().unwrap_or_else(|e| e.into_inner()));
    debug_assert_eq!(encoded.len() as u64, streamed.stored_bytes);
    let record = Record {
        format: RECORD_FORMAT,
        file: wal.file.clone(),
        bytes: data.len() as u64,
        sha256,
        object,
        stored_bytes: streamed.stored_bytes,
        // The whole object's (a backup's manifest sums an age file's header and payload apart).
        stored_sha256: hex::encode(Sha256::digest(&encoded)),
        encryption: encryption.describe(),
        archived_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let each = specs
        .iter()
        .map(|spec| {
            let folder = folder(spec, &wal);
            let one = if write_only { push_blind } else { push_one };
            let result = folder.open().and_then(|store| one(store.as_ref(), &record, &encoded));
            (spec.name.to_string(), result.with_context(|| format!("{} in {}", wal.file, folder.place())))
        })
        .collect();
    Ok(PushReport { file: wal.file, bytes: record.bytes, stored_bytes: record.stored_bytes, each })
}

fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("reading the WAL file {}", path.display()))?;
    let mut data = Vec::new();
    file.take(MAX_FILE + 1).read_to_end(&mut data).with_context(|| format!("reading {}", path.display()))?;
    if data.len() as u64 > MAX_FILE {
        bail!("{} is larger than any WAL file PostgreSQL makes (1 GiB)", path.display());
    }
    Ok(data)
}

fn push_one(store: &dyn Storage, record: &Record, encoded: &[u8]) -> Result<Pushed> {
    let wal = names::parse(&record.file)?;
    let record_name = record_name(&record.file);
    if store.exists(&record_name)? {
        let there = read_record(store, &wal)?;
        if there.sha256 != record.sha256 || there.bytes != record.bytes {
            bail!(
                "it is archived already with other content ({} bytes, sha256 {}…; this one: {} bytes, sha256 {}…). \
                 Two servers are archiving to the same place (a promoted replica or a restored copy still \
                 running as the old timeline?): give each its own prefix or stop one; nothing was overwritten",
                there.bytes,
                &there.sha256[..12],
                record.bytes,
                &record.sha256[..12]
            );
        }
        if store.exists(&there.object)? {
            return Ok(Pushed::AlreadyThere);
        }
        // Its data was removed by hand: store it again (the record stays what it was).
        put_all(store, &there.object, encoded)?;
        return Ok(Pushed::Stored);
    }
    // The data first (a run that stopped after it left the same bytes under the same name), the
    // record last.
    if !store.exists(&record.object)? {
        put_all(store, &record.object, encoded)?;
    }
    let json = serde_json::to_vec_pretty(record)?;
    match put_all(store, &record_name, &json) {
        Ok(()) => Ok(Pushed::Stored),
        // Another push of the same file won the race: fine if it is the same content.
        Err(e) => match read_record(store, &wal) {
            Ok(there) if there.sha256 == record.sha256 => Ok(Pushed::AlreadyThere),
            _ => Err(e),
        },
    }
}

/// [`push_one`] with credentials that may only create objects (`backup.write_only`): nothing is
/// read; the storage's refusal to create an object whose name is taken says what is there. The
/// data's name is its content's, so a data object already there is this file's; a record
/// already there is this file's only if its data object was there too, because a record is
/// written after its data: a new data object beside an old record is other content (two
/// servers archiving to one place).
fn push_blind(store: &dyn Storage, record: &Record, encoded: &[u8]) -> Result<Pushed> {
    let taken = |r: Result<()>| match r {
        Ok(()) => Ok(false),
        Err(e) if e.is::<crate::storage::Exists>() => Ok(true),
        Err(e) => Err(e),
    };
    let data_there = taken(put_all(store, &record.object, encoded))?;
    let json = serde_json::to_vec_pretty(record)?;
    let record_there = taken(put_all(store, &record_name(&record.file), &json))?;
    match (data_there, record_there) {
        (_, false) => Ok(Pushed::Stored),
        (true, true) => Ok(Pushed::AlreadyThere),
        (false, true) => bail!(
            "it is archived already with other content (its record is there, this content's data was not). Two \
             servers are archiving to the same place (a promoted replica or a restored copy still running as the \
             old timeline?): give each its own prefix or stop one; nothing was overwritten (this content's data \
             object stays beside it, for `backup verify --wal` to show)"
        ),
    }
}

fn put_all(store: &dyn Storage, name: &str, bytes: &[u8]) -> Result<()> {
    let mut upload = store.put(name)?;
    if let Err(e) = upload.write_all(bytes) {
        upload.abort();
        return Err(anyhow!(e).context(format!("storing {name}")));
    }
    upload.commit()
}

fn read_record(store: &dyn Storage, wal: &WalName) -> Result<Record> {
    let mut text = Vec::new();
    store
        .get(&record_name(&wal.file))?
        .take(MAX_RECORD + 1)
        .read_to_end(&mut text)
        .context("reading the record")?;
    if text.len() as u64 > MAX_RECORD {
        bail!("its record is larger than any dbctl writes");
    }
    let record: Record =
        serde_json::from_slice(&text).map_err(|e| anyhow!("its record is not dbctl's: {e}"))?;
    record.check(wal)?;
    Ok(record)
}

/// Why a fetch found nothing usable.
#[derive(Debug)]
pub struct NotArchived {
    pub file: String,
    /// Destinations that failed (unreachable, or a copy that did not check out), with why.
    pub failures: Vec<String>,
}

impl std::fmt::Display for NotArchived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.failures.is_empty() {
            write!(f, "{} is not archived in any destination", self.file)
        } else {
            write!(f, "{} could not be fetched: {}", self.file, self.failures.join("; "))
        }
    }
}

impl std::error::Error for NotArchived {}

/// Where a fetched file came from, and the destinations tried before whose copy failed.
pub struct Fetched {
    pub from: String,
    pub skipped: Vec<String>,
}

/// Fetches `file` from the first destination that has a copy that checks out, and writes it to
/// `target` (complete or not at all).
pub fn fetch(file: &str, target: &Path, specs: &[DestinationSpec], keys: &mut Keys) -> Result<Fetched> {
    let wal = names::parse(file)?;
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut failures = Vec::new();
    for spec in specs {
        let folder = folder(spec, &wal);
        let got = folder.open().and_then(|store| {
            if !store.exists(&record_name(&wal.file))? {
                return Ok(false);
            }
            let record = read_record(store.as_ref(), &wal)?;
            fetch_one(store.as_ref(), &record, &dir, target, keys)?;
            Ok(true)
        });
        match got {
            Ok(true) => return Ok(Fetched { from: spec.name.to_string(), skipped: failures }),
            Ok(false) => {}
            Err(e) => {
                if e.downcast_ref::<crate::sys::signals::Interrupted>().is_some() {
                    return Err(e);
                }
                failures.push(format!("{}: {e:#}", folder.place()))
            }
        }
    }
    Err(NotArchived { file: wal.file, failures }.into())
}

fn fetch_one(store: &dyn Storage, record: &Record, dir: &Path, target: &Path, keys: &mut Keys) -> Result<()> {
    let stored = store.get(&record.object)?;
    let mut decoded = unpack::open_any(stored, keys, false, Some(record.bytes))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".dbctl-wal-")
        .tempfile_in(dir)
        .with_context(|| format!("writing in {}", dir.display()))?;
    let mut hash = Sha256::new();
    let mut size = 0u64;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = match decoded.reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(anyhow!(e).context(format!("decoding {}", record.object))),
        };
        hash.update(&buf[..n]);
        size += n as u64;
        tmp.write_all(&buf[..n]).with_context(|| format!("writing {}", tmp.path().display()))?;
    }
    let sum = decoded.finish()?;
    if sum.bytes != record.stored_bytes || sum.sha256 != record.stored_sha256 {
        bail!("{}: its stored bytes are not the ones archived (size or sha256 differs)", record.object);
    }
    if size != record.bytes || hex::encode(hash.finalize()) != record.sha256 {
        bail!("{}: it decodes to other content than was archived (size or sha256 differs)", record.object);
    }
    tmp.as_file().sync_all().context("syncing the fetched file")?;
    tmp.persist(target)
        .map_err(|e| anyhow!("moving the fetched file to {}: {}", target.display(), e.error))?;
    Ok(())
}

/// The WAL file an object of a timeline's folder belongs to: `<file>.json` (its record) or
/// `<file>.<16 hex>.zst[.age]` (its data); None for anything else, which is left alone.
fn file_of(object: &str) -> Option<WalName> {
    if let Some(file) = object.strip_suffix(".json") {
        return names::parse(file).ok();
    }
    let base = object.strip_suffix(".age").unwrap_or(object).strip_suffix(".zst")?;
    let (file, hash) = base.rsplit_once('.')?;
    (hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(())?;
    names::parse(file).ok()
}

/// What WAL retention did (or, dry, would do) in one destination.
#[derive(Debug, Default)]
pub struct WalPruned {
    /// The first segment a kept base backup needs; none when no base backup is kept (then
    /// nothing is removed).
    pub floor: Option<String>,
    /// WAL files (each a record and its data) removed, or that would be.
    pub files: usize,
    pub kept: usize,
}

/// Removes from `spec`'s `wal/` the files no kept base backup needs: every segment (and
/// partial segment, and backup history file) before the earliest start of `bases`, on any
/// timeline (recovery from a base backup reads only what follows its start). Timeline history
/// files stay. Without a base backup nothing is removed. Each file's record goes before its
/// data, so that a file is never half there as far as a fetch can tell.
pub fn prune(
    spec: &DestinationSpec,
    bases: &[&crate::backup::basebackup::Physical],
    dry_run: bool,
) -> Result<WalPruned> {
    let floor = bases
        .iter()
        .filter_map(|p| {
            names::parse(&p.start_wal).ok().and_then(|w| w.position().map(|pos| (pos, p.start_wal.clone())))
        })
        .min();
    let Some((floor, floor_name)) = floor else { return Ok(WalPruned::default()) };
    let mut pruned = WalPruned { floor: Some(floor_name), ..Default::default() };
    for (_, store) in timelines(spec)? {
        let objects = store.list()?;
        let mut files: std::collections::BTreeMap<String, (bool, Vec<String>)> =
            std::collections::BTreeMap::new();
        for object in objects {
            let Some(wal) = file_of(&object) else { continue };
            let before = wal.kind != names::Kind::History && wal.position().is_some_and(|p| p < floor);
            let entry = files.entry(wal.file.clone()).or_insert((before, Vec::new()));
            // The record first.
            if object.ends_with(".json") {
                entry.1.insert(0, object);
            } else {
                entry.1.push(object);
            }
        }
        for (_, (before, objects)) in files {
            if !before {
                pruned.kept += 1;
                continue;
            }
            pruned.files += 1;
            if !dry_run {
                for object in &objects {
                    store.delete(object).with_context(|| format!("removing {}", store.locate(object)))?;
                }
            }
        }
    }
    Ok(pruned)
}

/// The archive of one destination, from the oldest base backup's start on: which WAL files are
/// there, and which are missing or incomplete.
#[derive(Debug, Default, serde::Serialize)]
pub struct Chain {
    /// The first segment a base backup needs, and the newest archived.
    pub first: Option<String>,
    pub last: Option<String>,
    /// Segments archived (record and data) from `first` to `last`.
    pub segments: usize,
    pub timelines: Vec<u32>,
    /// Segment positions with no archived file on any timeline (gaps recovery cannot cross).
    pub missing: Vec<String>,
    /// Files with a record but no data, or data with no record (an interrupted push or prune).
    pub incomplete: Vec<String>,
    /// Files archived with two contents (data objects of two sums): two servers archived to
    /// one place, and one's file was not kept.
    pub conflicting: Vec<String>,
}

impl Chain {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.incomplete.is_empty() && self.conflicting.is_empty()
    }
}

/// Checks the archive in `spec` for the chain the oldest of `bases` starts: every segment
/// position from its start to the newest archived segment must be on some timeline. Reads
/// listings only (no file is fetched).
pub fn check_chain(spec: &DestinationSpec, bases: &[&crate::backup::basebackup::Physical]) -> Result<Chain> {
    let Some(oldest) = bases
        .iter()
        .filter(|p| names::parse(&p.start_wal).is_ok())
        .min_by_key(|p| names::parse(&p.start_wal).ok().and_then(|w| w.position()))
    else {
        return Ok(Chain::default());
    };
    let start = names::parse(&oldest.start_wal)?.position().expect("a segment");
    let per_log = 0x1_0000_0000u64 / oldest.wal_segment_size.max(1);
    let index = |(log, seg): (u32, u32)| u64::from(log) * per_log + u64::from(seg);
    let mut chain = Chain { first: Some(oldest.start_wal.clone()), ..Default::default() };
    let mut have: std::collections::BTreeMap<u64, String> = std::collections::BTreeMap::new();
    for (tli, store) in timelines(spec)? {
        chain.timelines.push(tli);
        let objects = store.list()?;
        // Per file: whether its record is there, and how many data objects.
        let mut parts: std::collections::BTreeMap<String, (bool, usize)> = std::collections::BTreeMap::new();
        for object in &objects {
            let Some(wal) = file_of(object) else { continue };
            let e = parts.entry(wal.file).or_default();
            if object.ends_with(".json") { e.0 = true } else { e.1 += 1 }
        }
        for (file, (record, data)) in parts {
            if data > 1 {
                chain.conflicting.push(file.clone());
            }
            if !(record && data > 0) {
                chain.incomplete.push(file);
                continue;
            }
            let wal = names::parse(&file)?;
            if wal.kind != names::Kind::Segment {
                continue;
            }
            let pos = wal.position().expect("a segment");
            if pos >= start {
                have.entry(index(pos)).or_insert(file);
            }
        }
    }
    let (Some(first), Some((last, last_name))) = (have.keys().next().copied(), have.iter().next_back())
    else {
        chain.missing.push(oldest.start_wal.clone());
        return Ok(chain);
    };
    chain.last = Some(last_name.clone());
    chain.segments = have.len();
    let want_first = index(start);
    let mut expected = want_first.min(first);
    for at in have.keys().copied() {
        while expected < at {
            chain.missing.push(format!(
                "{:08X}{:08X}{:08X}",
                oldest.timeline,
                expected / per_log,
                expected % per_log
            ));
            if chain.missing.len() >= 100 {
                return Ok(chain);
            }
            expected += 1;
        }
        expected = at + 1;
    }
    let _ = last;
    Ok(chain)
}

/// When `file` was archived in `spec`, as its record says.
pub fn archived_at(spec: &DestinationSpec, file: &str) -> Result<String> {
    let wal = names::parse(file)?;
    let store = folder(spec, &wal).open()?;
    Ok(read_record(store.as_ref(), &wal)?.archived_at)
}

/// The recipients' fingerprints of every archived file in `spec` (from each record; none for a
/// file stored unencrypted), with how many files carry each set.
pub fn recipients(spec: &DestinationSpec) -> Result<Vec<(Vec<String>, usize)>> {
    let mut sets: std::collections::BTreeMap<Vec<String>, usize> = std::collections::BTreeMap::new();
    for (_, store) in timelines(spec)? {
        for object in store.list()? {
            let Some(file) = object.strip_suffix(".json") else { continue };
            let Ok(wal) = names::parse(file) else { continue };
            let record = read_record(store.as_ref(), &wal)?;
            let fps: Vec<String> = record
                .encryption
                .as_ref()
                .and_then(|e| e.get("recipients"))
                .and_then(|r| r.as_array())
                .map(|r| r.iter().filter_map(|f| f.as_str()).map(crate::text::escape_controls).collect())
                .unwrap_or_default();
            *sets.entry(fps).or_default() += 1;
        }
    }
    Ok(sets.into_iter().collect())
}
