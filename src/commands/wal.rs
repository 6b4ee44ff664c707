//! `dbctl wal push` and `dbctl wal fetch`: PostgreSQL's archive_command and restore_command.

use anyhow::{Result, bail};

use crate::backup::Config as BackupConfig;
use crate::backup::make;
use crate::backup::unpack::Keys;
use crate::backup::wal::{self, Pushed};
use crate::cli::WalCommand;
use crate::output::Output;
use crate::settings::{Compression, Settings};

/// `wal fetch`'s exit code when a file may exist but could not be read: above 125, which
/// PostgreSQL's restore_command handling treats as fatal rather than as the end of the archive.
pub const FETCH_FAILED: u8 = 126;

pub fn run(cmd: &WalCommand, settings: &Settings, out: &Output) -> Result<u8> {
    match cmd {
        WalCommand::Push { path, destination } => {
            let dests = &crate::storage::choose(&settings.backup.destinations, *destination)?;
            let cfg = BackupConfig::from_settings(settings);
            let encryption = make::encryption(false, &[], &cfg)?;
            let level = (settings.backup.compression == Compression::Zstd)
                .then_some(settings.backup.compression_level)
                .flatten();
            let report = wal::push(path, dests, &encryption, level, settings.backup.write_only)?;
            let (mut stored, mut there, mut failed) = (Vec::new(), Vec::new(), Vec::new());
            for (name, result) in report.each {
                match result {
                    Ok(Pushed::Stored) => stored.push(name),
                    Ok(Pushed::AlreadyThere) => there.push(name),
                    Err(e) => failed.push(format!("{name}: {e:#}")),
                }
            }
            if !failed.is_empty() {
                bail!(
                    "{} was not archived in {} of {}: {}; the server keeps the file and retries",
                    report.file,
                    failed.len(),
                    crate::text::count(dests.len(), "destination"),
                    failed.join("; ")
                );
            }
            let mut said = if stored.is_empty() {
                format!("{} is archived already (same content) in {}", report.file, there.join(", "))
            } else {
                format!(
                    "archived {} ({}, {} stored) to {}",
                    report.file,
                    crate::text::bytes(report.bytes as f64),
                    crate::text::bytes(report.stored_bytes as f64),
                    stored.join(", ")
                )
            };
            if !stored.is_empty() && !there.is_empty() {
                said.push_str(&format!("; already there in {}", there.join(", ")));
            }
            out.info(&said);
            Ok(0)
        }
        WalCommand::Fetch { name, path, identity, destination } => {
            let fetched =
                crate::storage::choose(&settings.backup.destinations, *destination).and_then(|dests| {
                    let mut keys = Keys::load(identity, settings.backup.encryption_key.as_deref())?;
                    wal::fetch(name, path, &dests, &mut keys)
                });
            match fetched {
                Ok(fetched) => {
                    for skipped in &fetched.skipped {
                        out.warn(&format!("{name}: skipped {skipped}"));
                    }
                    out.info(&format!("fetched {name} from {}", fetched.from));
                    Ok(0)
                }
                // Every destination answered that it has no such file: the end of the archive,
                // exit 1, which PostgreSQL reads as "not available".
                Err(e) if e.downcast_ref::<wal::NotArchived>().is_some_and(|n| n.failures.is_empty()) => Err(e),
                Err(e) if e.chain().any(|c| c.is::<crate::sys::signals::Interrupted>()) => Err(e),
                // Anything else (a destination unreachable, a copy that fails its checks, a key
                // missing): PostgreSQL would take exit 1 for the end of the archive and finish
                // recovery early; above 125 it stops instead, and recovery resumes once fixed.
                Err(e) => Err(e.context(crate::error::ExitWith {
                    code: FETCH_FAILED,
                    message: format!(
                        "{name} could not be fetched (exit {FETCH_FAILED}: PostgreSQL stops recovery here rather than \
                         end it early; fix the cause and start the server again)"
                    ),
                })),
            }
        }
    }
}
