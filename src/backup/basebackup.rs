//! Physical base backups (`backup --physical`): pg_basebackup's tar stream (`-D - -Ft -X none`)
//! through the same pipeline as a dump, its WAL left to the archive (`dbctl wal push`). While
//! the tar passes, [`TarWatch`] reads its `backup_label` (start LSN, timeline) and the end of its
//! `backup_manifest` (the WAL range), so that the manifest can say which WAL the backup needs.

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

/// What a physical backup's manifest records.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Physical {
    /// The cluster's `system_identifier` (pg_control_system()): WAL of another cluster does
    /// not fit.
    pub system_identifier: String,
    pub timeline: u32,
    pub start_lsn: String,
    pub stop_lsn: String,
    /// The first and last WAL segment recovery needs to reach consistency.
    pub start_wal: String,
    pub stop_wal: String,
    pub wal_segment_size: u64,
}

impl Physical {
    /// Checks what a manifest read from storage says, before it names files or positions.
    pub fn check(&self) -> Result<()> {
        let (start, stop) = match (parse_lsn(&self.start_lsn), parse_lsn(&self.stop_lsn)) {
            (Some(a), Some(b)) if a <= b => (a, b),
            _ => bail!("its start and stop positions are not LSNs in order"),
        };
        let size = self.wal_segment_size;
        if !size.is_power_of_two() || !((1 << 20)..=(1 << 30)).contains(&size) {
            bail!("its WAL segment size {size} is not one PostgreSQL allows");
        }
        if self.timeline == 0
            || self.start_wal != segment_name(self.timeline, start, size)
            || self.stop_wal != segment_name(self.timeline, stop, size)
        {
            bail!("its WAL segments do not match its positions and timeline");
        }
        if self.system_identifier.is_empty() || !self.system_identifier.bytes().all(|b| b.is_ascii_digit()) {
            bail!("its system identifier is not a number");
        }
        Ok(())
    }
}

/// The server's archiver, as `pg_stat_archiver` shows it: whether its last attempt failed, and
/// on which file.
pub const ARCHIVER_FAILING: &str = "SELECT CASE WHEN last_failed_time IS NOT NULL \
     AND last_failed_time > coalesce(last_archived_time, '-infinity') \
     THEN last_failed_wal || ' (' || last_failed_time || ')' ELSE '' END AS v FROM pg_stat_archiver";

/// Watches the server's archiver while pg_basebackup runs: the backup ends by waiting until
/// its last WAL file is archived, which never happens while archive_command fails. Archiving
/// that keeps failing for `patience` stops pg_basebackup, with the reason.
pub struct ArchiveWatch {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    reason: std::sync::Arc<std::sync::Mutex<Option<String>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ArchiveWatch {
    pub fn start(
        target: crate::db::DbTarget,
        connect_timeout: std::time::Duration,
        patience: std::time::Duration,
        child: u32,
    ) -> Self {
        use std::sync::atomic::Ordering;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reason = std::sync::Arc::new(std::sync::Mutex::new(None));
        let (stop2, reason2) = (stop.clone(), reason.clone());
        let thread = std::thread::spawn(move || {
            let Ok(mut conn) = crate::db::connect(&target, connect_timeout, &mut |_| {}) else { return };
            let mut failing_since: Option<std::time::Instant> = None;
            while !stop2.load(Ordering::Relaxed) {
                match conn.query_text(ARCHIVER_FAILING) {
                    Ok(wal) if !wal.is_empty() => {
                        let since = *failing_since.get_or_insert_with(std::time::Instant::now);
                        if since.elapsed() >= patience {
                            *reason2.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!(
                                "the server's WAL archiving has failed for {} (last on {wal}), and a base backup \
                                 ends only once its WAL is archived: fix archive_command (the server's log says why \
                                 `dbctl wal push` fails), then back up again",
                                crate::text::std_duration(since.elapsed())
                            ));
                            // SAFETY: a signal to the pg_basebackup this run started.
                            unsafe { libc::kill(child as i32, libc::SIGTERM) };
                            return;
                        }
                    }
                    Ok(_) => failing_since = None,
                    Err(_) => return,
                }
                for _ in 0..10 {
                    if stop2.load(Ordering::Relaxed) {
                        return;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
            }
        });
        ArchiveWatch { stop, reason, thread: Some(thread) }
    }

    /// Why it stopped the backup, if it did.
    pub fn reason(&self) -> Option<String> {
        self.reason.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Drop for ArchiveWatch {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A log sequence number, as PostgreSQL prints it (`16/B374D848`).
pub fn parse_lsn(text: &str) -> Option<u64> {
    let (hi, lo) = text.trim().split_once('/')?;
    let ok = |s: &str| !s.is_empty() && s.len() <= 8 && s.bytes().all(|b| b.is_ascii_hexdigit());
    if !ok(hi) || !ok(lo) {
        return None;
    }
    Some((u64::from_str_radix(hi, 16).ok()? << 32) | u64::from_str_radix(lo, 16).ok()?)
}

pub fn format_lsn(lsn: u64) -> String {
    format!("{:X}/{:X}", lsn >> 32, lsn & 0xFFFF_FFFF)
}

/// The name of the WAL segment holding `lsn` on `timeline` (XLogFileName of XLByteToSeg).
pub fn segment_name(timeline: u32, lsn: u64, segment_size: u64) -> String {
    let segno = lsn / segment_size;
    let per_id = 0x1_0000_0000u64 / segment_size;
    format!("{timeline:08X}{:08X}{:08X}", segno / per_id, segno % per_id)
}

/// The facts a base backup's tar carries, collected as it streams by.
#[derive(Debug, Default)]
pub struct TarWatch {
    /// Bytes of the current header seen so far (a header is 512 bytes).
    header: Vec<u8>,
    /// The member being read: its name, bytes of data left, padding left after them.
    member: Option<String>,
    data_left: u64,
    pad_left: u64,
    /// `backup_label`, whole (it is small).
    label: Vec<u8>,
    /// The end of `backup_manifest` (its WAL-Ranges are near the end).
    manifest_tail: Vec<u8>,
    /// A header that could not be read: the stream is not a tar as pg_basebackup writes it.
    broken: Option<String>,
}

const LABEL_MAX: usize = 64 * 1024;
const MANIFEST_TAIL: usize = 64 * 1024;

impl TarWatch {
    pub fn observe(&mut self, mut data: &[u8]) {
        while !data.is_empty() && self.broken.is_none() {
            if self.data_left > 0 {
                let n = (self.data_left as usize).min(data.len());
                self.keep(&data[..n]);
                self.data_left -= n as u64;
                data = &data[n..];
            } else if self.pad_left > 0 {
                let n = (self.pad_left as usize).min(data.len());
                self.pad_left -= n as u64;
                data = &data[n..];
            } else {
                let n = (512 - self.header.len()).min(data.len());
                self.header.extend_from_slice(&data[..n]);
                data = &data[n..];
                if self.header.len() == 512 {
                    let header = std::mem::take(&mut self.header);
                    self.start_member(&header);
                }
            }
        }
    }

    fn keep(&mut self, data: &[u8]) {
        match self.member.as_deref() {
            Some("backup_label") if self.label.len() + data.len() <= LABEL_MAX => {
                self.label.extend_from_slice(data)
            }
            Some("backup_manifest") => {
                self.manifest_tail.extend_from_slice(data);
                if self.manifest_tail.len() > 2 * MANIFEST_TAIL {
                    self.manifest_tail.drain(..self.manifest_tail.len() - MANIFEST_TAIL);
                }
            }
            _ => {}
        }
    }

    fn start_member(&mut self, h: &[u8]) {
        if h.iter().all(|b| *b == 0) {
            // The end-of-archive blocks.
            self.member = None;
            return;
        }
        let text = |r: std::ops::Range<usize>| {
            let field = &h[r];
            let end = field.iter().position(|b| *b == 0).unwrap_or(field.len());
            String::from_utf8_lossy(&field[..end]).into_owned()
        };
        let size = if h[124] & 0x80 != 0 {
            // base-256, for members of 8 GiB and more.
            h[125..136].iter().fold(0u64, |n, b| n.saturating_mul(256).saturating_add(u64::from(*b)))
        } else {
            match u64::from_str_radix(text(124..136).trim(), 8) {
                Ok(n) => n,
                Err(_) => {
                    self.broken = Some(format!("a tar header with the size `{}`", text(124..136)));
                    return;
                }
            }
        };
        let prefix = text(345..500);
        let name = text(0..100);
        let name = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        self.member = Some(name.trim_start_matches("./").to_string());
        self.data_left = size;
        self.pad_left = (512 - size % 512) % 512;
    }

    /// The backup's WAL range, from its label and manifest, once the stream has ended.
    pub fn facts(&self, system_identifier: &str, segment_size: u64) -> Result<Physical> {
        if let Some(b) = &self.broken {
            bail!("pg_basebackup's output is not the tar dbctl expects: {b}");
        }
        let label = String::from_utf8_lossy(&self.label);
        let field =
            |name: &str| label.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_string());
        let start = field("START WAL LOCATION:")
            .and_then(|v| v.split_whitespace().next().and_then(parse_lsn))
            .ok_or_else(|| anyhow::anyhow!("the base backup has no backup_label with its start position"))?;
        let timeline: u32 = field("START TIMELINE:")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| anyhow::anyhow!("the base backup's backup_label names no timeline"))?;
        // "WAL-Ranges": [ { "Timeline": 1, "Start-LSN": "0/2000028", "End-LSN": "0/2000100" } ]
        let tail = String::from_utf8_lossy(&self.manifest_tail);
        let stop = tail
            .rfind("\"End-LSN\"")
            .and_then(|at| tail[at + 9..].split('"').nth(1))
            .and_then(parse_lsn)
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "the base backup has no backup_manifest with its end position (PostgreSQL 13 or later)"
                )
            })?;
        if stop < start {
            bail!("the base backup ends ({}) before it starts ({})", format_lsn(stop), format_lsn(start));
        }
        Ok(Physical {
            system_identifier: system_identifier.to_string(),
            timeline,
            start_lsn: format_lsn(start),
            stop_lsn: format_lsn(stop),
            start_wal: segment_name(timeline, start, segment_size),
            stop_wal: segment_name(timeline, stop, segment_size),
            wal_segment_size: segment_size,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, data: &[u8]) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        let size = format!("{:011o}\0", data.len());
        h[124..136].copy_from_slice(size.as_bytes());
        h[156] = b'0';
        let mut out = h;
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
        out
    }

    #[test]
    fn lsns_and_segment_names_as_postgresql_writes_them() {
        assert_eq!(parse_lsn("16/B374D848"), Some(0x16_B374_D848));
        assert_eq!(format_lsn(0x16_B374_D848), "16/B374D848");
        assert_eq!(parse_lsn("0/"), None);
        assert_eq!(parse_lsn("x/1"), None);
        assert_eq!(segment_name(1, 0x0300_0028, 16 << 20), "000000010000000000000003");
        assert_eq!(segment_name(2, 0x1_0300_0028, 16 << 20), "000000020000000100000003");
        assert_eq!(segment_name(1, 0x1_0300_0028, 64 << 20), "000000010000000100000000");
    }

    #[test]
    fn the_label_and_the_manifest_are_read_as_the_tar_streams_by() {
        let label = b"START WAL LOCATION: 0/3000028 (file 000000010000000000000003)\nCHECKPOINT LOCATION: 0/3000060\nSTART TIMELINE: 1\n";
        let manifest = b"{ \"PostgreSQL-Backup-Manifest-Version\": 1,\n\"Files\": [],\n\"WAL-Ranges\": [\n{ \"Timeline\": 1, \"Start-LSN\": \"0/3000028\", \"End-LSN\": \"0/4000100\" }\n],\n\"Manifest-Checksum\": \"ab\"}\n";
        let mut tar = member("backup_label", label);
        tar.extend(member("base/1/1259", &vec![7u8; 10_000]));
        tar.extend(member("backup_manifest", manifest));
        tar.extend(vec![0u8; 1024]);
        // In odd-sized pieces, as a pipe delivers them.
        let mut watch = TarWatch::default();
        for piece in tar.chunks(333) {
            watch.observe(piece);
        }
        let facts = watch.facts("7400000000000000001", 16 << 20).unwrap();
        assert_eq!(facts.timeline, 1);
        assert_eq!((facts.start_lsn.as_str(), facts.stop_lsn.as_str()), ("0/3000028", "0/4000100"));
        assert_eq!(facts.start_wal, "000000010000000000000003");
        assert_eq!(facts.stop_wal, "000000010000000000000004");

        // Without a manifest, or not a tar at all: an error, not a guess.
        let mut watch = TarWatch::default();
        watch.observe(&member("backup_label", label));
        assert!(watch.facts("1", 16 << 20).unwrap_err().to_string().contains("backup_manifest"));
        let mut watch = TarWatch::default();
        watch.observe(&[b'x'; 2048]);
        assert!(watch.facts("1", 16 << 20).is_err());
    }
}
