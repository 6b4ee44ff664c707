//! `dbctl keys check`: which keys open which backups, from the manifests.

use anyhow::Result;

use crate::backup::Config as BackupConfig;
use crate::backup::keys::{self, Known, Lock};
use crate::backup::make;
use crate::backup::pipeline::Encryption;
use crate::cli::KeysCommand;
use crate::output::Output;
use crate::settings::Settings;

pub fn run(cmd: &KeysCommand, settings: &Settings, out: &Output) -> Result<u8> {
    let KeysCommand::Check { identity, destination, wal } = cmd;
    let dests = crate::storage::choose(&settings.backup.destinations, *destination)?;
    // The keys known by name: the configured recipients, then each identity file.
    let mut known = Vec::new();
    if let Ok(Encryption::Recipients { recipients, .. }) =
        make::encryption(false, &[], &BackupConfig::from_settings(settings))
    {
        for r in recipients {
            known.push(Known { label: "configured".into(), fingerprints: keys::fingerprints_of(&r) });
        }
    }
    for path in identity {
        let label = path.file_name().map_or(path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let fingerprints =
            keys::identity_recipients(path)?.iter().flat_map(|r| keys::fingerprints_of(r)).collect();
        known.push(Known { label, fingerprints });
    }
    let mut rows = Vec::new();
    let mut docs = Vec::new();
    let mut opened: Vec<usize> = vec![0; known.len()];
    let (mut total, mut by_none) = (0usize, Vec::new());
    for spec in &dests {
        let store = spec.open()?;
        for m in crate::backup::catalog::manifests(store.as_ref(), out)? {
            total += 1;
            let lock = keys::lock_of(&m);
            let names: Vec<String> = match &lock {
                Lock::None => vec!["not encrypted".into()],
                Lock::Passphrase => vec!["a passphrase".into()],
                Lock::Recipients(fps) => fps
                    .iter()
                    .map(|fp| {
                        let who: Vec<&str> = known
                            .iter()
                            .filter(|k| k.fingerprints.contains(fp))
                            .map(|k| k.label.as_str())
                            .collect();
                        if who.is_empty() { fp.clone() } else { format!("{fp} ({})", who.join(", ")) }
                    })
                    .collect(),
            };
            let openers: Vec<&str> = known
                .iter()
                .enumerate()
                .filter(|(_, k)| k.opens(&lock))
                .map(|(i, k)| {
                    opened[i] += 1;
                    k.label.as_str()
                })
                .collect();
            let given = known.iter().filter(|k| k.label != "configured").any(|k| k.opens(&lock));
            if !identity.is_empty() && !given && lock != Lock::None {
                by_none.push(format!("{} ({})", m.id, spec.name));
            }
            docs.push(serde_json::json!({
                "destination": spec.name.as_str(), "id": m.id, "database": m.database, "started_at": m.started_at,
                "kind": if m.physical.is_some() { "base backup" } else { "dump" },
                "encrypted_to": names, "opened_by": openers,
            }));
            rows.push(vec![
                spec.name.to_string(),
                m.id.clone(),
                crate::text::escape_controls(&m.database),
                m.started_at.get(..16).unwrap_or(&m.started_at).replace('T', " "),
                names.join("; "),
            ]);
        }
    }
    // The WAL archive: files per set of recipients, and which known keys open each set.
    let mut wal_docs = Vec::new();
    let mut wal_lines = Vec::new();
    if *wal {
        for spec in &dests {
            for (fps, count) in crate::backup::wal::recipients(spec)? {
                let lock = if fps.is_empty() { Lock::None } else { Lock::Recipients(fps.clone()) };
                let openers: Vec<&str> =
                    known.iter().filter(|k| k.opens(&lock)).map(|k| k.label.as_str()).collect();
                let to = if fps.is_empty() { "not encrypted".to_string() } else { fps.join(", ") };
                wal_lines.push(format!(
                    "WAL in {}: {} encrypted to {to}; opened by {}",
                    spec.name,
                    crate::text::count(count, "file"),
                    match (fps.is_empty(), openers.is_empty()) {
                        (true, _) => "anyone who can read the storage".to_string(),
                        (false, true) => "none of the keys above".to_string(),
                        (false, false) => openers.join(", "),
                    }
                ));
                wal_docs.push(serde_json::json!({
                    "destination": spec.name.as_str(), "files": count, "encrypted_to": fps, "opened_by": openers,
                }));
            }
        }
    }
    if out.settings.json {
        out.stdout(&format!(
            "{}\n",
            serde_json::to_string_pretty(
                &serde_json::json!({ "backups": docs, "opened_by_no_identity_given": by_none, "wal": wal_docs })
            )?
        ))?;
        return Ok(0);
    }
    let mut text = crate::output::table(
        &["DESTINATION", "ID", "DATABASE", "STARTED", "ENCRYPTED TO"],
        &rows,
        |_, _, s| s.to_string(),
    );
    for (k, n) in known.iter().zip(&opened) {
        text.push_str(&format!("{} opens {n} of {}\n", k.label, crate::text::count(total, "backup")));
    }
    if !identity.is_empty() {
        if by_none.is_empty() {
            text.push_str("every encrypted backup opens with one of the identities given\n");
        } else {
            text.push_str(&format!(
                "{} {} with none of the identities given: {}\n",
                crate::text::count(by_none.len(), "backup"),
                if by_none.len() == 1 { "opens" } else { "open" },
                by_none.join(", ")
            ));
        }
    }
    for line in wal_lines {
        text.push_str(&line);
        text.push('\n');
    }
    out.stdout(&text)?;
    Ok(0)
}
