//! Re-encrypting a backup to new recipients without decrypting its payload: an age file is a
//! header (the file key wrapped once per recipient, then a MAC keyed by the file key) and a
//! payload encrypted with a key derived from the file key. The header is read, the file key
//! unwrapped with an old identity (and the MAC checked with it), wrapped again to the new
//! recipients, and a new header written with a new MAC; the payload is copied byte for byte.

use std::io::{BufRead, Read, Write};

use age_core::format::{FileKey, Stanza};
use age_core::secrecy::ExposeSecret;
use anyhow::{Result, anyhow, bail};
use base64::Engine;
use base64::prelude::BASE64_STANDARD_NO_PAD;
use hmac::Mac;

const MAGIC: &str = "age-encryption.org/v1";
/// A header larger than this is not one dbctl wrote (nor any age tool, for a handful of
/// recipients).
const MAX_HEADER: u64 = 64 * 1024;

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

/// What rekeying one stream did.
#[derive(Debug)]
pub struct Rekeyed {
    /// Bytes of the old header read, of the new one written, of payload copied.
    pub old_header: u64,
    pub new_header: u64,
    pub payload: u64,
}

/// Reads an age file from `input` and writes it to `output` encrypted to `recipients`: the file
/// key unwrapped by one of `identities` (the old header's MAC checked), the payload copied.
pub fn rekey(
    input: &mut impl BufRead,
    output: &mut impl Write,
    identities: &[std::sync::Arc<dyn age::Identity + Send + Sync>],
    recipients: &[Box<dyn age::Recipient + Send>],
) -> Result<Rekeyed> {
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
    let new = write_header(&stanzas, &file_key);
    output.write_all(&new)?;
    let payload = std::io::copy(input, output)?;
    Ok(Rekeyed { old_header: header.len, new_header: new.len() as u64, payload })
}

/// A backup in a local directory re-encrypted to `recipients` (their texts in
/// `recipient_texts`, for the manifest's fingerprints): each object (artifact, parts) rewritten
/// through a temporary file moved over it, then the manifest with the new sizes, sums and
/// recipients, written last the same way. Returns the new manifest and the bytes rewritten.
pub fn rekey_local(
    dir: &std::path::Path,
    m: &super::manifest::Manifest,
    identities: &[std::sync::Arc<dyn age::Identity + Send + Sync>],
    recipients: &[Box<dyn age::Recipient + Send>],
    recipient_texts: &[String],
) -> Result<(super::manifest::Manifest, u64)> {
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
    // Every object first into a temporary file; none replaces its original until all are made.
    let mut made = Vec::new();
    let mut new = m.clone();
    let mut rewritten = 0;
    let mut objects: Vec<String> = vec![m.artifact.clone()];
    objects.extend(m.parts.iter().map(|p| p.name.clone()));
    for (i, name) in objects.iter().enumerate() {
        let path = dir.join(name);
        let file = std::fs::File::open(&path).map_err(|e| anyhow!("opening {}: {e}", path.display()))?;
        let mut input = std::io::BufReader::new(file);
        let tmp = crate::sys::private_file_builder(&format!(".{name}."), ".rekey").tempfile_in(dir)?;
        let mut out = super::digest::Digesting {
            inner: std::io::BufWriter::new(tmp),
            digest: super::digest::Digest::default(),
        };
        let done = rekey(&mut input, &mut out, identities, recipients)
            .map_err(|e| e.context(format!("{}: {name}", m.id)))?;
        rewritten += done.new_header + done.payload;
        let super::digest::Digesting { inner, digest } = out;
        let tmp = inner.into_inner().map_err(|e| anyhow!("writing {name}: {}", e.error()))?;
        tmp.as_file().sync_all()?;
        if i == 0 {
            new.stored_bytes = digest.bytes();
            new.sha256 = digest.sha256();
        } else {
            new.parts[i - 1].stored_bytes = digest.bytes();
            new.parts[i - 1].sha256 = digest.sha256();
        }
        made.push((tmp, path));
    }
    for (tmp, path) in made {
        tmp.persist(&path)
            .map_err(|e| anyhow!("moving the rekeyed {} into place: {}", path.display(), e.error))?;
    }
    if let Some(enc) = new.encryption.as_mut() {
        enc["recipients"] = serde_json::json!(
            recipient_texts.iter().map(|r| super::pipeline::fingerprint(r)).collect::<Vec<_>>()
        );
    }
    let manifest_path = dir.join(new.object_name());
    let mut tmp = crate::sys::private_file_builder(".manifest.", ".rekey").tempfile_in(dir)?;
    tmp.write_all(&serde_json::to_vec_pretty(&new)?)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&manifest_path).map_err(|e| anyhow!("moving the new manifest into place: {}", e.error))?;
    std::fs::File::open(dir).and_then(|d| d.sync_all())?;
    // A verify record of the old bytes says nothing of the new ones.
    let _ = std::fs::remove_file(dir.join(super::manifest::VerifyRecord::object_name(m)));
    Ok((new, rewritten))
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let mut out = Vec::new();
        let done = rekey(&mut &encrypted[..], &mut out, &ids, &to).unwrap();
        assert_eq!(done.payload as usize + done.old_header as usize, encrypted.len());
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
        assert!(rekey(&mut &out[..], &mut Vec::new(), &ids, &to).is_err());
        let mut forged = encrypted.clone();
        let at = forged.windows(4).position(|w| w == b"--- ").unwrap() + 5;
        forged[at] = if forged[at] == b'A' { b'B' } else { b'A' };
        assert!(rekey(&mut &forged[..], &mut Vec::new(), &ids, &to).unwrap_err().to_string().contains("MAC"));
    }
}
