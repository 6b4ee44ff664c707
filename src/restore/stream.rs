//! Moving the decoded dump to its consumer: signals watched, the tail kept for the completion
//! marker, COPY blocks scanned, progress shown, and the stored bytes checked at the end.

use std::io::{Read, Write};

use anyhow::{Result, anyhow};

use super::StoredBackup;
use crate::backup::pipeline::Tail;
use crate::backup::tables::TableScan;
use crate::backup::unpack::{self, Decoded};
use crate::output::Output;

/// An error when a signal arrived (checked last, before the point of no return).
pub fn not_interrupted() -> Result<()> {
    match crate::sys::signals::received() {
        Some(sig) => Err(crate::sys::signals::Interrupted(sig).into()),
        None => Ok(()),
    }
}

/// A bar over the stored bytes when their total is known, else a spinner.
pub fn progress(total: Option<u64>, label: &str, out: &Output) -> Option<indicatif::ProgressBar> {
    out.progress(total, false, label)
}

/// Copies `from` into `to`, watching for signals, keeping the tail and scanning COPY blocks.
pub fn pump(
    from: &mut dyn Read,
    to: &mut dyn Write,
    scan: Option<&mut TableScan>,
    tail: &mut Tail,
    tick: &mut dyn FnMut(),
) -> Result<u64, PumpError> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    let mut scan = scan;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(PumpError::Read(anyhow!(e))),
        };
        if let Some(sig) = crate::sys::signals::received() {
            return Err(PumpError::Read(crate::sys::signals::Interrupted(sig).into()));
        }
        to.write_all(&buf[..n]).map_err(|e| PumpError::Write(anyhow!(e)))?;
        if let Some(s) = scan.as_deref_mut() {
            s.observe(&buf[..n]);
        }
        tail.push(&buf[..n]);
        total += n as u64;
        tick();
    }
}

/// Moves the progress bar (if any) to the stored bytes read so far.
pub fn ticker<'a>(
    read: &std::sync::Arc<std::sync::atomic::AtomicU64>,
    bar: &'a Option<indicatif::ProgressBar>,
) -> impl FnMut() + 'a {
    let read = std::sync::Arc::clone(read);
    move || {
        if let Some(bar) = bar {
            bar.set_position(read.load(std::sync::atomic::Ordering::Relaxed));
        }
    }
}

/// Writes the whole dump into `file` (buffered), flushed and synced; returns its size.
pub fn pump_to_file(decoded: &mut Decoded, file: &mut std::fs::File, tick: &mut dyn FnMut()) -> Result<u64> {
    let mut w = std::io::BufWriter::with_capacity(256 * 1024, &mut *file);
    let n = pump(&mut decoded.reader, &mut w, None, &mut Tail::default(), tick).map_err(|e| match e {
        PumpError::Read(e) => e.context("reading the backup"),
        PumpError::Write(e) => e.context("writing the restored file"),
    })?;
    w.flush()?;
    drop(w);
    file.sync_all()?;
    Ok(n)
}

/// Which side of a copy failed: reading the backup, or writing to the consumer (whose own
/// error message then says more).
pub enum PumpError {
    Read(anyhow::Error),
    Write(anyhow::Error),
}

/// Checks the stored bytes against the manifest once they were read to their end.
pub fn check_stored(decoded: &Decoded, source: &StoredBackup) -> Result<unpack::StoredSum> {
    let sum = decoded.finish()?;
    if let Some(m) = &source.manifest {
        m.check_stored(&sum)?;
    }
    Ok(sum)
}
