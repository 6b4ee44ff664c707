//! The backup stream run backwards: stored bytes → hash and count → decrypt → decompress → the
//! dump. Each layer is recognised by its content, not by the file's name, so files that dbctl
//! never made (`pg_dump | gzip | age -r KEY > x`) read the same way.
//!
//! Nothing here decides success early: the caller pumps the dump into its consumer, then calls
//! [`Decoded::finish`], which reads whatever the decoders left and checks size and sha256, and
//! only then commits.

use std::io::{self, IsTerminal, Read};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use super::digest::{Digest, Digesting};
use anyhow::{Context, Result, anyhow, bail};

use crate::settings::Compression;

/// What a dump is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// SQL text, for psql (pg_dump's plain format).
    PlainSql,
    /// pg_dump's custom format archive, for pg_restore.
    Custom,
    /// A SQLite database file.
    Sqlite,
    /// Another engine's dump (a Redis snapshot, a dump command's output), opened with `open_any`.
    Other,
}

impl Content {
    pub fn as_str(self) -> &'static str {
        match self {
            Content::PlainSql => "plain",
            Content::Custom => "custom",
            Content::Sqlite => "sqlite",
            Content::Other => "other",
        }
    }
}

/// The keys a restore or a verify may decrypt with.
#[derive(Default)]
pub struct Keys {
    pub identities: Vec<Arc<dyn age::Identity + Send + Sync>>,
    pub passphrase: Option<String>,
}

impl Keys {
    /// The same keys, for a second reader (the further parts of a backup opened after the first).
    pub fn share(&self) -> Keys {
        Keys { identities: self.identities.clone(), passphrase: self.passphrase.clone() }
    }

    /// The identities in `identity_files` (`-i`), and the configured encryption key when it is a
    /// passphrase rather than a recipient.
    pub fn load(identity_files: &[std::path::PathBuf], configured: Option<&str>) -> Result<Self> {
        let mut identities: Vec<Arc<dyn age::Identity + Send + Sync>> = Vec::new();
        for path in identity_files {
            identities.extend(read_identities(path)?);
        }
        let passphrase = configured.filter(|k| !crate::settings::is_recipient(k)).map(str::to_string);
        Ok(Keys { identities, passphrase })
    }

    /// Whether these keys can be expected to decrypt the backup `m` describes (without asking).
    pub fn fit(&self, m: &super::manifest::Manifest) -> bool {
        let by_passphrase =
            m.encryption.as_ref().and_then(|e| e.get("passphrase")).and_then(|p| p.as_bool()) == Some(true);
        match &m.encryption {
            None => true,
            Some(_) if by_passphrase => self.passphrase.is_some(),
            Some(_) => !self.identities.is_empty(),
        }
    }
}

/// One handle on the hashing reader for the decoders, one kept to finish it.
#[derive(Clone)]
struct Shared(Arc<Mutex<Digesting<Box<dyn Read + Send>>>>);

impl Read for Shared {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).read(buf)
    }
}

/// A stored backup, opened: `reader` gives the dump.
pub struct Decoded {
    pub reader: Box<dyn Read + Send>,
    pub content: Content,
    pub encrypted: bool,
    pub compression: Compression,
    /// Stored bytes read so far (for progress).
    pub stored_read: Arc<AtomicU64>,
    stored: Shared,
}

pub use super::digest::StoredSum;

impl Decoded {
    /// To call once `reader` gave its last byte: reads what the decoders left of the stored bytes
    /// and returns their size and sha256.
    pub fn finish(&self) -> Result<StoredSum> {
        let mut rest = self.stored.clone();
        io::copy(&mut rest, &mut io::sink()).context("reading the end of the backup")?;
        let h = self.stored.0.lock().unwrap_or_else(|e| e.into_inner());
        Ok(h.digest.sum())
    }
}

/// A reader whose first bytes were read ahead: they come again, then the rest.
type Peeked<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// Reads up to `n` bytes, and returns them with a reader that gives them again, then the rest.
fn peek<R: Read>(mut reader: R, n: usize) -> io::Result<(Vec<u8>, Peeked<R>)> {
    let mut head = Vec::with_capacity(n);
    (&mut reader).take(n as u64).read_to_end(&mut head)?;
    Ok((head.clone(), io::Cursor::new(head).chain(reader)))
}

const AGE_BINARY: &[u8] = b"age-encryption.org/v1";
const AGE_ARMOR: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// How far decoding may grow a backup, so that a small planted file cannot fill a disk.
const MAX_RATIO: u64 = 200;
/// Below this, any ratio passes (small files of zeros are common and harmless).
const RATIO_FROM: u64 = 64 << 20;

/// The decoded dump, stopped when it grows past what it may be: the size its manifest records,
/// or, without a manifest, [`MAX_RATIO`] times the stored bytes read so far.
struct Bounded {
    inner: Box<dyn Read + Send>,
    decoded: u64,
    stored: Arc<AtomicU64>,
    expected: Option<u64>,
    /// Below this, any ratio passes.
    ratio_from: u64,
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.decoded += n as u64;
        let stored = self.stored.load(std::sync::atomic::Ordering::Relaxed);
        match self.expected {
            Some(max) if self.decoded > max => Err(io::Error::other(format!(
                "it decodes to more than the {max} bytes its manifest records (damaged, or planted to fill the disk)"
            ))),
            None if self.decoded > self.ratio_from && self.decoded > MAX_RATIO.saturating_mul(stored) => {
                Err(io::Error::other(format!(
                    "it decodes to more than {MAX_RATIO} times its stored size ({} from {}), as a decompression \
                     bomb does; if the file is genuine, decompress it yourself (gunzip, zstd -d) and restore the result",
                    crate::text::bytes(self.decoded as f64),
                    crate::text::bytes(stored as f64)
                )))
            }
            _ => Ok(n),
        }
    }
}

/// Opens a stored backup: recognises and removes age encryption and gzip or zstd compression,
/// and tells what the dump inside is. Decoding stops with an error past `expected` bytes (the
/// manifest's record), or, without one, when a compressed file grows too far.
pub fn open(
    stored: Box<dyn Read + Send>,
    keys: &mut Keys,
    prompt: bool,
    expected: Option<u64>,
) -> Result<Decoded> {
    open_with(stored, keys, prompt, expected, false)
}

/// [`open`] for another engine's backup: whatever the content, it is `Content::Other` unless it
/// is one of the database dumps.
pub fn open_any(
    stored: Box<dyn Read + Send>,
    keys: &mut Keys,
    prompt: bool,
    expected: Option<u64>,
) -> Result<Decoded> {
    open_with(stored, keys, prompt, expected, true)
}

fn open_with(
    stored: Box<dyn Read + Send>,
    keys: &mut Keys,
    prompt: bool,
    expected: Option<u64>,
    any: bool,
) -> Result<Decoded> {
    let stored_read = Arc::new(AtomicU64::new(0));
    let shared = Shared(Arc::new(Mutex::new(Digesting {
        inner: stored,
        digest: Digest::new(Arc::clone(&stored_read)),
    })));
    let (head, input) = peek(shared.clone(), 64).context("reading the backup")?;
    let trimmed = &head[head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len())..];
    let encrypted = head.starts_with(AGE_BINARY) || trimmed.starts_with(AGE_ARMOR);
    let decrypted: Box<dyn Read + Send> =
        if encrypted { decrypt(input, keys, prompt)? } else { Box::new(input) };

    let (head, input) = peek(decrypted, 64).context("reading the backup")?;
    let (compression, decompressed): (Compression, Box<dyn Read + Send>) = if head.starts_with(&[0x1f, 0x8b])
    {
        (Compression::Gzip, Box::new(flate2::read::MultiGzDecoder::new(io::BufReader::new(input))))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        (Compression::Zstd, Box::new(zstd::Decoder::new(input).context("reading zstd")?))
    } else {
        (Compression::None, Box::new(input))
    };

    let (head, input) = peek(decompressed, 64).map_err(|e| anyhow!("decompressing the backup: {e}"))?;
    let content = if head.starts_with(b"PGDMP") {
        Content::Custom
    } else if head.starts_with(b"SQLite format 3\0") {
        Content::Sqlite
    } else if !head.is_empty() && !head.contains(&0) {
        Content::PlainSql
    } else if head.is_empty() {
        bail!("the backup is empty: there is nothing to restore");
    } else if any {
        Content::Other
    } else {
        bail!(
            "this is not a database dump: neither SQL text, a pg_dump custom archive nor a SQLite \
             database{}",
            if encrypted { "" } else { " (nor age-encrypted, gzip or zstd)" }
        );
    };
    let bounded = expected.is_some() || compression != Compression::None;
    let reader: Box<dyn Read + Send> = if bounded {
        let stored = Arc::clone(&stored_read);
        Box::new(Bounded { inner: Box::new(input), decoded: 0, stored, expected, ratio_from: RATIO_FROM })
    } else {
        Box::new(input)
    };
    Ok(Decoded { reader, content, encrypted, compression, stored_read, stored: shared })
}

/// Decrypts with the identities, or the passphrase (asked for on a terminal once, then kept in
/// `keys`).
fn decrypt(input: impl Read + Send + 'static, keys: &mut Keys, prompt: bool) -> Result<Box<dyn Read + Send>> {
    let armored = age::armor::ArmoredReader::new(io::BufReader::new(input));
    let decryptor = age::Decryptor::new(armored).map_err(|e| anyhow!("not a readable age file: {e}"))?;
    if decryptor.is_scrypt() && keys.passphrase.is_none() && prompt && io::stdin().is_terminal() {
        keys.passphrase = Some(ask_passphrase()?);
    }
    let mut ids: Vec<&dyn age::Identity> =
        keys.identities.iter().map(|i| i.as_ref() as &dyn age::Identity).collect();
    let scrypt;
    if decryptor.is_scrypt() {
        let passphrase = match &keys.passphrase {
            Some(p) => p.clone(),
            None => bail!(
                "the backup is encrypted with a passphrase: set BACKUP_ENCRYPTION_KEY or \
                 backup.passphrase_file (or run on a terminal to be asked)"
            ),
        };
        scrypt = age::scrypt::Identity::new(age::secrecy::SecretString::from(passphrase));
        ids = vec![&scrypt];
    } else if ids.is_empty() {
        bail!(
            "the backup is encrypted to age recipients: give the private key with --identity FILE \
             (an age identity file or an SSH private key)"
        );
    }
    let reader = decryptor.decrypt(ids.into_iter()).map_err(|e| {
        anyhow!("cannot decrypt the backup: {e}; the key does not match the one it was encrypted to")
    })?;
    Ok(Box::new(reader))
}

/// Asks for the passphrase on the terminal, without echo.
fn ask_passphrase() -> Result<String> {
    let pass = rpassword::prompt_password("Passphrase for the backup: ").context("reading the passphrase")?;
    if pass.is_empty() {
        bail!("no passphrase given");
    }
    Ok(pass)
}

/// Reads the identity file at `path`: age identities, or an unencrypted SSH private key.
pub fn read_identities(path: &std::path::Path) -> Result<Vec<Arc<dyn age::Identity + Send + Sync>>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the identity file {}", path.display()))?;
    if text.trim_start().starts_with("-----BEGIN") {
        let filename = Some(path.display().to_string());
        return match age::ssh::Identity::from_buffer(io::BufReader::new(text.as_bytes()), filename) {
            Ok(id @ age::ssh::Identity::Unencrypted(_)) => Ok(vec![Arc::new(id)]),
            Ok(_) => bail!(
                "{} is a passphrase-protected or unsupported SSH key; decrypt with the stock `age -d -i` instead",
                path.display()
            ),
            Err(e) => bail!("{} is not a usable SSH private key: {e}", path.display()),
        };
    }
    let file = age::IdentityFile::from_buffer(io::BufReader::new(text.as_bytes()))
        .map_err(|e| anyhow!("cannot read the identity file {}: {e}", path.display()))?;
    let ids = file.into_identities().map_err(|e| anyhow!("{}: {e}", path.display()))?;
    Ok(ids.into_iter().map(Arc::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_all(data: Vec<u8>, keys: &mut Keys) -> Result<(Content, Compression, bool, Vec<u8>, StoredSum)> {
        let mut d = open(Box::new(io::Cursor::new(data)), &mut *keys, false, None)?;
        let mut out = Vec::new();
        d.reader.read_to_end(&mut out)?;
        let sum = d.finish()?;
        Ok((d.content, d.compression, d.encrypted, out, sum))
    }

    #[test]
    fn decoding_stops_where_a_bomb_would_grow() {
        let mut db = b"SQLite format 3\0".to_vec();
        db.resize(8 << 20, 0);
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&db).unwrap();
        let stored = e.finish().unwrap();
        assert!(stored.len() < (db.len() / 500), "zeros compress about 1000:1");
        let counted = Arc::new(AtomicU64::new(0));
        let shared =
            Digesting { inner: io::Cursor::new(stored.clone()), digest: Digest::new(Arc::clone(&counted)) };
        let inner = Box::new(flate2::read::GzDecoder::new(shared));
        let mut bomb = Bounded { inner, decoded: 0, stored: counted, expected: None, ratio_from: 1 << 20 };
        let e = io::copy(&mut bomb, &mut io::sink()).unwrap_err();
        assert!(e.to_string().contains("decompression bomb"), "{e}");
        let mut d = open(Box::new(io::Cursor::new(stored)), &mut Keys::default(), false, Some(1000)).unwrap();
        let e = io::copy(&mut d.reader, &mut io::sink()).unwrap_err();
        assert!(e.to_string().contains("more than the 1000 bytes its manifest records"), "{e}");
        // What its manifest records, and plain files, pass.
        let small = gz(&db[..4096]);
        let mut d = open(Box::new(io::Cursor::new(small)), &mut Keys::default(), false, Some(4096)).unwrap();
        assert_eq!(io::copy(&mut d.reader, &mut io::sink()).unwrap(), 4096);
        assert!(read_all(db, &mut Keys::default()).is_ok(), "uncompressed files are not bounded by a ratio");
    }

    #[test]
    fn layers_are_recognised_by_content() {
        let sql = b"--\n-- PostgreSQL database dump\n--\nSELECT 1;\n".to_vec();
        let stored = gz(&sql);
        let (content, comp, enc, out, sum) = read_all(stored.clone(), &mut Keys::default()).unwrap();
        assert_eq!((content, comp, enc), (Content::PlainSql, Compression::Gzip, false));
        assert_eq!(out, sql);
        assert_eq!(
            sum,
            StoredSum {
                bytes: stored.len() as u64,
                sha256: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&stored)),
                age: None
            }
        );

        let zst = zstd::encode_all(&b"PGDMP\x01\x0f\x00"[..], 3).unwrap();
        assert_eq!(read_all(zst, &mut Keys::default()).unwrap().0, Content::Custom);
        let lite = b"SQLite format 3\0rest".to_vec();
        assert_eq!(read_all(lite, &mut Keys::default()).unwrap().0, Content::Sqlite);
        let junk = vec![0u8, 1, 2, 3];
        assert!(
            read_all(junk, &mut Keys::default()).unwrap_err().to_string().contains("not a database dump")
        );
    }

    #[test]
    fn passphrases_and_identities_decrypt_and_wrong_keys_say_so() {
        let sql = b"SELECT 1;\n".repeat(1000);
        let mut enc =
            age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from("pw".to_string()))
                .wrap_output(Vec::new())
                .unwrap();
        enc.write_all(&gz(&sql)).unwrap();
        let stored = enc.finish().unwrap();
        let mut keys = Keys { identities: Vec::new(), passphrase: Some("pw".into()) };
        let (content, comp, encrypted, out, _) = read_all(stored.clone(), &mut keys).unwrap();
        assert_eq!((content, comp, encrypted), (Content::PlainSql, Compression::Gzip, true));
        assert_eq!(out, sql);
        let mut wrong = Keys { identities: Vec::new(), passphrase: Some("nope".into()) };
        assert!(read_all(stored.clone(), &mut wrong).unwrap_err().to_string().contains("cannot decrypt"));
        assert!(
            read_all(stored, &mut Keys::default()).unwrap_err().to_string().contains("BACKUP_ENCRYPTION_KEY")
        );

        // A truncated stream fails when read to its end, not before.
        let key = age::x25519::Identity::generate();
        let mut enc =
            age::Encryptor::with_recipients(std::iter::once(&key.to_public() as &dyn age::Recipient))
                .unwrap()
                .wrap_output(Vec::new())
                .unwrap();
        enc.write_all(&sql).unwrap();
        let mut stored = enc.finish().unwrap();
        stored.truncate(stored.len() - 20);
        let mut keys = Keys { identities: vec![Arc::new(key)], passphrase: None };
        assert!(read_all(stored, &mut keys).is_err());
    }
}
