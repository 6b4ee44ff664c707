//! Re-encrypting a backup to new recipients without decrypting its payload: an age file is a
//! header (the file key wrapped once per recipient, then a MAC keyed by the file key) and a
//! payload encrypted with a key derived from the file key. The header is read, the file key
//! unwrapped with an old identity (and the MAC checked with it), wrapped again to the new
//! recipients, and a new header written with a new MAC; the payload is copied byte for byte.

use std::io::{BufRead, Read};

use super::digest::HeaderSum;
use super::manifest::Manifest;

use age_core::format::{FileKey, Stanza};
use age_core::secrecy::ExposeSecret;
use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use base64::prelude::BASE64_STANDARD_NO_PAD;
use hmac::Mac;

const MAGIC: &str = "age-encryption.org/v1";
/// A header larger than this is not one dbctl wrote (nor any age tool, for a handful of
/// recipients).
const MAX_HEADER: u64 = super::digest::MAX_AGE_HEADER as u64;

/// A binary age header, as read.
struct Header {
    stanzas: Vec<Stanza>,
    /// The bytes the MAC covers: from the magic line through `---`.
    covered: Vec<u8>,
    mac: Vec<u8>,
    /// The whole header's length, MAC line included.
    len: u64,
}

/// Reads the header from `input`, leaving it at the payload's first byte.
fn read_header(input: &mut impl BufRead) -> Result<Header> {
    let mut limited = input.take(MAX_HEADER);
    let mut covered = Vec::new();
    let mut line = Vec::new();
    let mut next = |covered: &mut Vec<u8>, line: &mut Vec<u8>| -> Result<String> {
        line.clear();
        limited.read_until(b'\n', line)?;
        if line.last() != Some(&b'\n') {
            bail!("the age header ends early (or is larger than any dbctl writes)");
        }
        covered.extend_from_slice(line);
        String::from_utf8(line[..line.len() - 1].to_vec()).map_err(|_| anyhow!("the age header is not text"))
    };
    if next(&mut covered, &mut line)? != MAGIC {
        bail!("not a binary age file (an armored one is not rekeyed)");
    }
    let mut stanzas = Vec::new();
    loop {
        let l = next(&mut covered, &mut line)?;
        if let Some(mac) = l.strip_prefix("--- ") {
            // The MAC covers the header up to and including `---`, not the space and MAC.
            let len = covered.len() as u64;
            covered.truncate(covered.len() - l.len() - 1 + 3);
            let mac = BASE64_STANDARD_NO_PAD
                .decode(mac)
                .map_err(|_| anyhow!("the age header's MAC is not base64"))?;
            return Ok(Header { stanzas, covered, mac, len });
        }
        let Some(rest) = l.strip_prefix("-> ") else {
            bail!("the age header has a line that is not a stanza")
        };
        let mut words = rest.split(' ');
        let tag =
            words.next().filter(|t| !t.is_empty()).ok_or_else(|| anyhow!("an age stanza has no type"))?;
        let args = words.map(str::to_string).collect();
        let mut body = String::new();
        loop {
            let b = next(&mut covered, &mut line)?;
            let last = b.len() < 64;
            body.push_str(&b);
            if last {
                break;
            }
        }
        let body = BASE64_STANDARD_NO_PAD
            .decode(&body)
            .map_err(|_| anyhow!("an age stanza's body is not base64"))?;
        stanzas.push(Stanza { tag: tag.to_string(), args, body });
    }
}

fn mac_of(file_key: &FileKey, covered: &[u8]) -> hmac::Hmac<sha2_10::Sha256> {
    let key = age_core::primitives::hkdf(&[], b"header", file_key.expose_secret());
    let mut mac = <hmac::Hmac<sha2_10::Sha256> as Mac>::new_from_slice(&key).expect("any key length");
    mac.update(covered);
    mac
}

/// A new header: the stanzas, `---`, and the MAC under `file_key`.
fn write_header(stanzas: &[Stanza], file_key: &FileKey) -> Vec<u8> {
    let mut out = format!("{MAGIC}\n").into_bytes();
    for s in stanzas {
        out.extend_from_slice(format!("-> {}", s.tag).as_bytes());
        for a in &s.args {
            out.extend_from_slice(format!(" {a}").as_bytes());
        }
        out.push(b'\n');
        let body = BASE64_STANDARD_NO_PAD.encode(&s.body);
        let mut last_len = 0;
        for c in body.as_bytes().chunks(64) {
            out.extend_from_slice(c);
            out.push(b'\n');
            last_len = c.len();
        }
        // A body whose last line is a whole 64 characters ends with an empty line.
        if last_len == 64 || body.is_empty() {
            out.push(b'\n');
        }
    }
    out.extend_from_slice(b"---");
    let mac = mac_of(file_key, &out).finalize().into_bytes();
    out.extend_from_slice(format!(" {}\n", BASE64_STANDARD_NO_PAD.encode(mac)).as_bytes());
    out
}

/// The header of an age file wrapped again: the file key unwrapped by one of `identities` (the
/// old header's MAC checked) and wrapped to `recipients`. Returns the old header's length and
/// the new header.
fn rewrap(
    input: &mut impl BufRead,
    identities: &[std::sync::Arc<dyn age::Identity + Send + Sync>],
    recipients: &[Box<dyn age::Recipient + Send>],
) -> Result<(u64, Vec<u8>)> {
    let header = read_header(input)?;
    let file_key = identities
        .iter()
        .find_map(|i| i.unwrap_stanzas(&header.stanzas))
        .ok_or_else(|| anyhow!("none of the identities given opens it"))?
        .map_err(|e| anyhow!("its key does not unwrap: {e}"))?;
    mac_of(&file_key, &header.covered)
        .verify_slice(&header.mac)
        .map_err(|_| anyhow!("its age header's MAC does not check out (damaged or forged)"))?;
    let mut stanzas = Vec::new();
    for r in recipients {
        let (wrapped, _) = r.wrap_file_key(&file_key).map_err(|e| anyhow!("wrapping the key: {e}"))?;
        stanzas.extend(wrapped);
    }
    Ok((header.len, write_header(&stanzas, &file_key)))
}

/// What rekeying a backup moved, over all its objects.
#[derive(Debug, Default)]
pub struct Report {
    pub objects: usize,
    /// Bytes read from the storage, sent to it, and copied by the storage itself.
    pub read: u64,
    pub sent: u64,
    pub copied: u64,
    /// Objects whose previous version the storage keeps (still encrypted to the old keys).
    pub kept: Vec<String>,
}

impl Report {
    fn add(&mut self, name: &str, r: crate::storage::Rewritten) {
        self.read += r.read;
        self.sent += r.sent;
        self.copied += r.copied;
        if let Some(k) = r.kept {
            self.kept.push(format!("{name}: {k}"));
        }
    }
}

/// One object of a backup, ready to be rewritten: its name, stored size, the old header's
/// length, the new header, and its payload's sha256.
struct Planned {
    name: String,
    size: u64,
    old_header: u64,
    new_header: Vec<u8>,
    payload_sha256: String,
}

/// A backup in `store` re-encrypted to `recipients` (their texts in `recipient_texts`, for the
/// manifest's fingerprints), without decrypting its payload: every object's header is read and
/// wrapped again first (one the identities do not open stops it before anything changes), then
/// each object is rewritten with its new header (the storage copying what it can itself), and
/// the manifest last, with the new sizes, header sums and recipients. A manifest that sums its
/// objects whole (made before format 3) has each object read once to check it and to sum its
/// payload. Returns the new manifest and what was moved.
pub fn rekey_backup(
    store: &dyn crate::storage::Storage,
    m: &Manifest,
    identities: &[std::sync::Arc<dyn age::Identity + Send + Sync>],
    recipients: &[Box<dyn age::Recipient + Send>],
    recipient_texts: &[String],
) -> Result<(Manifest, Report)> {
    if !m.is_encrypted() || m.is_armored() {
        bail!(
            "{} is {}; only binary age backups are rekeyed",
            m.id,
            if m.is_armored() { "armored" } else { "not encrypted" }
        );
    }
    if m.encryption.as_ref().and_then(|e| e.get("passphrase")).and_then(|p| p.as_bool()) == Some(true) {
        bail!("{} is encrypted with a passphrase, not to recipients: it is not rekeyed", m.id);
    }
    let mut report = Report::default();
    let mut objects =
        vec![(m.artifact.clone(), m.stored_bytes, m.sha256.clone(), m.age_header.clone(), None)];
    objects.extend(
        m.parts
            .iter()
            .map(|p| (p.name.clone(), p.stored_bytes, p.sha256.clone(), p.age_header.clone(), Some(p))),
    );
    let mut plan = Vec::new();
    for (name, stored, sha256, header, part) in objects {
        let mut head = Vec::new();
        store
            .get_range(&name, 0, Some(MAX_HEADER + 1))?
            .read_to_end(&mut head)
            .with_context(|| format!("reading {name}"))?;
        report.read += head.len() as u64;
        let (old_header, new_header) = rewrap(&mut std::io::Cursor::new(&head), identities, recipients)
            .with_context(|| format!("{}: {name}", m.id))?;
        let (size, payload_sha256) = match header {
            // The payload's sum is known; the object is its header and that payload (a rekey
            // interrupted after rewriting it left another header there: its length counts).
            Some(h) => (stored - h.bytes + old_header, sha256),
            // Summed whole: read once, checked against the manifest, its payload summed.
            None => {
                let drained = super::pipeline::drain(&mut store.get(&name)?)
                    .with_context(|| format!("reading {name}"))?;
                report.read += drained.bytes;
                match part {
                    Some(p) => p.check_stored(&drained.sum)?,
                    None => m.check_stored(&drained.sum).with_context(|| format!("{}: {name}", m.id))?,
                }
                let age = drained.sum.age.filter(|a| a.header.bytes == old_header).ok_or_else(|| {
                    anyhow!("{}: {name} does not read as one age header and its payload", m.id)
                })?;
                (stored, age.payload_sha256)
            }
        };
        plan.push(Planned { name, size, old_header, new_header, payload_sha256 });
    }
    let mut new = m.clone();
    for (i, p) in plan.iter().enumerate() {
        let done = store
            .rewrite(&p.name, p.size, p.old_header, &p.new_header)
            .with_context(|| format!("{}: rewriting {}", m.id, p.name))?;
        report.add(&p.name, done);
        report.objects += 1;
        let stored_bytes = p.size - p.old_header + p.new_header.len() as u64;
        let header = Some(HeaderSum {
            bytes: p.new_header.len() as u64,
            sha256: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&p.new_header)),
        });
        if i == 0 {
            (new.stored_bytes, new.sha256, new.age_header) = (stored_bytes, p.payload_sha256.clone(), header);
        } else {
            let part = &mut new.parts[i - 1];
            (part.stored_bytes, part.sha256, part.age_header) =
                (stored_bytes, p.payload_sha256.clone(), header);
        }
    }
    if let Some(enc) = new.encryption.as_mut() {
        enc["recipients"] = serde_json::json!(
            recipient_texts.iter().map(|r| super::pipeline::fingerprint(r)).collect::<Vec<_>>()
        );
    }
    new.format_version = new.format_for().max(m.format_version);
    let name = new.object_name();
    let mut old = Vec::new();
    store.get(&name)?.read_to_end(&mut old).with_context(|| format!("reading {name}"))?;
    let text = serde_json::to_vec_pretty(&new)?;
    let done = store.rewrite(&name, old.len() as u64, old.len() as u64, &text)?;
    report.add(&name, done);
    // A verify record of the old bytes says nothing of the new ones.
    let _ = store.delete(&super::manifest::VerifyRecord::object_name(m));
    Ok((new, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::str::FromStr;

    #[test]
    fn a_rekeyed_file_opens_with_the_new_key_only_and_holds_the_same_bytes() {
        let old = age::x25519::Identity::generate();
        let new = age::x25519::Identity::generate();
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&old.to_public() as &dyn age::Recipient))
                .unwrap();
        let mut encrypted = Vec::new();
        let mut w = encryptor.wrap_output(&mut encrypted).unwrap();
        w.write_all(&data).unwrap();
        w.finish().unwrap();

        let ids: Vec<std::sync::Arc<dyn age::Identity + Send + Sync>> =
            vec![std::sync::Arc::new(old.clone())];
        let to: Vec<Box<dyn age::Recipient + Send>> =
            vec![Box::new(age::x25519::Recipient::from_str(&new.to_public().to_string()).unwrap())];
        // The new header, then the payload as it was.
        let rekey = |file: &[u8]| {
            rewrap(&mut &file[..], &ids, &to)
                .map(|(old, head)| [head, file[old as usize..].to_vec()].concat())
        };
        let out = rekey(&encrypted).unwrap();
        assert!(out.ends_with(&encrypted[encrypted.len() - 100_000..]), "the payload is copied as it is");
        let open = |id: &dyn age::Identity, bytes: &[u8]| -> Option<Vec<u8>> {
            let d = age::Decryptor::new(bytes).ok()?;
            let mut r = d.decrypt(std::iter::once(id)).ok()?;
            let mut v = Vec::new();
            r.read_to_end(&mut v).ok()?;
            Some(v)
        };
        assert_eq!(open(&new, &out).as_deref(), Some(&data[..]));
        assert!(open(&old, &out).is_none());
        // The wrong old key, a forged MAC: refused.
        assert!(rekey(&out).is_err());
        let mut forged = encrypted.clone();
        let at = forged.windows(4).position(|w| w == b"--- ").unwrap() + 5;
        forged[at] = if forged[at] == b'A' { b'B' } else { b'A' };
        assert!(rekey(&forged).unwrap_err().to_string().contains("MAC"));
    }
}
