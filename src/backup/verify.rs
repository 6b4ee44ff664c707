//! `backup verify`: the stored bytes against their manifest, and, with keys that fit, the dump
//! decoded to its end.

use anyhow::{Context, Result, bail};

use super::manifest::{self, Manifest};
use super::pipeline;
use super::producer::PLAIN_DUMP_END;
use super::unpack::Keys;
use crate::storage::Storage;

/// Checks size and sha256 of the stored bytes; with keys that fit, decrypts and decompresses to
/// the end in the same pass, and checks the decoded size and pg_dump's completion marker.
pub fn verify_one(store: &dyn Storage, m: &Manifest, keys: &mut Keys) -> Result<String> {
    if !keys.fit(m) {
        let stored = pipeline::drain(&mut store.get(&m.artifact)?)?;
        m.check_stored(&stored.sum)?;
        for part in &m.parts {
            let got = pipeline::drain(&mut store.get(&part.name)?)?;
            part.check_stored(&got.sum)?;
        }
        let parts = if m.parts.is_empty() {
            String::new()
        } else {
            format!(" with {} more {}", m.parts.len(), crate::text::plural(m.parts.len(), "part"))
        };
        return Ok(format!(
            "size and sha256 match ({}){parts}; pass --identity to also decrypt",
            crate::text::bytes(m.total_stored_bytes() as f64)
        ));
    }
    let decoded = (|| {
        let open = if matches!(m.backend.as_str(), "redis" | "command") {
            super::unpack::open_any
        } else {
            super::unpack::open
        };
        let mut d = open(store.get(&m.artifact)?, keys, false, Some(m.uncompressed_bytes))?;
        let content = pipeline::drain(&mut d.reader).context("decoding")?;
        Ok::<_, anyhow::Error>((content, d.finish()?))
    })();
    let (content, stored) = match decoded {
        Ok(done) => done,
        Err(e) => {
            // A changed file fails decryption first; its size and sha256 say more.
            let stored = pipeline::drain(&mut store.get(&m.artifact)?)?;
            m.check_stored(&stored.sum)?;
            return Err(e);
        }
    };
    m.check_stored(&stored)?;
    let raw = content.bytes;
    if raw != m.uncompressed_bytes {
        bail!("decodes to {raw} bytes, the manifest says {}", m.uncompressed_bytes);
    }
    if m.dump_format == "plain" && !content.tail.contains(PLAIN_DUMP_END) {
        bail!("the dump does not end with pg_dump's completion marker");
    }
    for part in &m.parts {
        if part.kind == "globals" {
            let got = pipeline::drain(&mut store.get(&part.name)?)?;
            part.check_stored(&got.sum)?;
            continue;
        }
        // The parts of a dump in several parts are decoded as the artifact is.
        let mut d = super::unpack::open(store.get(&part.name)?, keys, false, Some(part.uncompressed_bytes))
            .with_context(|| format!("its {} part {}", part.kind, part.name))?;
        let content =
            pipeline::drain(&mut d.reader).with_context(|| format!("decoding the part {}", part.name))?;
        let got = d.finish()?;
        part.check_stored(&got)?;
        if content.bytes != part.uncompressed_bytes || !content.tail.contains(PLAIN_DUMP_END) {
            bail!(
                "its part {} decodes to {} bytes without pg_dump's completion marker at its end, or not to the {} \
                 bytes the manifest says",
                part.name,
                content.bytes,
                part.uncompressed_bytes
            );
        }
    }
    let parts = if m.parts.is_empty() {
        String::new()
    } else {
        format!(" with {} more {}", m.parts.len(), crate::text::plural(m.parts.len(), "part"))
    };
    Ok(format!("size, sha256 and content check out ({} decoded){parts}", crate::text::bytes(raw as f64)))
}

/// Records the outcome of a verify beside the backup, where `health` finds it.
pub fn record(
    store: &dyn Storage,
    m: &Manifest,
    outcome: &[(bool, String)],
    restore_test: bool,
) -> Result<()> {
    let record = manifest::VerifyRecord {
        verified_at: crate::sys::now(),
        ok: outcome.iter().all(|(ok, _)| *ok),
        restore_test,
        detail: outcome.iter().map(|(_, d)| d.as_str()).collect::<Vec<_>>().join("; "),
    };
    record.store(store, m)
}
