//! The stream: producer → compress → encrypt → hash and count → storage. Each stage is a
//! `Write` adapter over the next, finished explicitly in order, so memory stays flat whatever
//! the size and no cleartext reaches the storage.

use std::io::{self, Read, Write};
use std::str::FromStr;

use anyhow::{Context, Result, anyhow, bail};
use sha2::{Digest as _, Sha256};

use super::digest::{Digest, Digesting, HeaderSum, StoredSum};
use crate::settings::Compression;
use crate::storage::Upload;

/// How to encrypt.
#[derive(Clone)]
pub enum Encryption {
    None,
    /// age to these recipients (X25519 `age1…` or SSH public keys).
    Recipients {
        recipients: Vec<String>,
        armor: bool,
    },
    /// age with a passphrase (scrypt).
    Passphrase {
        passphrase: String,
        armor: bool,
    },
}

impl Encryption {
    /// Whether the stored bytes are a binary age file (a header, then the payload).
    pub fn binary_age(&self) -> bool {
        matches!(
            self,
            Encryption::Recipients { armor: false, .. } | Encryption::Passphrase { armor: false, .. }
        )
    }

    /// Checks recipient strings before anything starts.
    pub fn check(&self) -> Result<()> {
        if let Encryption::Recipients { recipients, .. } = self {
            if recipients.is_empty() {
                bail!("encryption is on but no recipient is given; set BACKUP_ENCRYPTION_KEY or --recipient");
            }
            for r in recipients {
                parse_recipient(r)?;
            }
        }
        Ok(())
    }

    /// For the manifest: the recipients' fingerprints, never a key.
    pub fn describe(&self) -> Option<serde_json::Value> {
        match self {
            Encryption::None => None,
            Encryption::Recipients { recipients, armor } => Some(serde_json::json!({
                "kind": "age",
                "recipients": recipients.iter().map(|r| fingerprint(r)).collect::<Vec<_>>(),
                "armor": armor,
            })),
            Encryption::Passphrase { armor, .. } => {
                Some(serde_json::json!({ "kind": "age", "passphrase": true, "armor": armor }))
            }
        }
    }

    pub fn extension(&self) -> &'static str {
        match self {
            Encryption::None => "",
            _ => ".age",
        }
    }
}

/// `sha256:` and the first 16 hex digits of a recipient string's hash.
pub fn fingerprint(recipient: &str) -> String {
    format!("sha256:{}", &hex::encode(Sha256::digest(recipient.trim().as_bytes()))[..16])
}

pub fn parse_recipient(text: &str) -> Result<Box<dyn age::Recipient + Send>> {
    let t = text.trim();
    if t.starts_with("age1") {
        return age::x25519::Recipient::from_str(t)
            .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
            .map_err(|e| anyhow!("`{t}` is not a valid age recipient: {e}; an X25519 recipient starts with age1 (see `age-keygen -y`)"));
    }
    if t.starts_with("ssh-") {
        return age::ssh::Recipient::from_str(t)
            .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
            .map_err(|e| {
                anyhow!("`{}…` is not a usable SSH public key: {e:?}", t.chars().take(24).collect::<String>())
            });
    }
    bail!(
        "`{}` is not an age recipient; use an X25519 recipient (age1…) or an SSH public key (ssh-ed25519 …, ssh-rsa …)",
        t.chars().take(24).collect::<String>()
    )
}

enum Enc<W: Write> {
    Plain(W),
    Age(age::stream::StreamWriter<W>),
    Armored(age::stream::StreamWriter<age::armor::ArmoredWriter<W>>),
}

impl<W: Write> Write for Enc<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Enc::Plain(w) => w.write(buf),
            Enc::Age(w) => w.write(buf),
            Enc::Armored(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Enc::Plain(w) => w.flush(),
            Enc::Age(w) => w.flush(),
            Enc::Armored(w) => w.flush(),
        }
    }
}

impl<W: Write> Enc<W> {
    fn new(inner: W, how: &Encryption) -> Result<Self> {
        let (encryptor, armor) = match how {
            Encryption::None => return Ok(Enc::Plain(inner)),
            Encryption::Recipients { recipients, armor } => {
                let parsed = recipients.iter().map(|r| parse_recipient(r)).collect::<Result<Vec<_>>>()?;
                let refs: Vec<&dyn age::Recipient> =
                    parsed.iter().map(|r| r.as_ref() as &dyn age::Recipient).collect();
                (age::Encryptor::with_recipients(refs.into_iter()).map_err(|e| anyhow!("age: {e}"))?, *armor)
            }
            Encryption::Passphrase { passphrase, armor } => (
                age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from(passphrase.clone())),
                *armor,
            ),
        };
        if armor {
            let armored = age::armor::ArmoredWriter::wrap_output(inner, age::armor::Format::AsciiArmor)?;
            Ok(Enc::Armored(encryptor.wrap_output(armored)?))
        } else {
            Ok(Enc::Age(encryptor.wrap_output(inner)?))
        }
    }

    /// Writes age's final chunk (and armor footer) and returns the inner writer.
    fn finish(self) -> io::Result<W> {
        match self {
            Enc::Plain(w) => Ok(w),
            Enc::Age(w) => w.finish(),
            Enc::Armored(w) => w.finish()?.finish(),
        }
    }
}

enum Comp<W: Write> {
    Plain(W),
    ParGzip(super::pargz::ParGzWriter<W>),
    Zstd(zstd::Encoder<'static, W>),
}

impl<W: Write> Write for Comp<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Comp::Plain(w) => w.write(buf),
            Comp::ParGzip(w) => w.write(buf),
            Comp::Zstd(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Comp::Plain(w) => w.flush(),
            Comp::ParGzip(w) => w.flush(),
            Comp::Zstd(w) => w.flush(),
        }
    }
}

impl<W: Write> Comp<W> {
    fn new(inner: W, how: Compression, level: Option<i32>, threads: usize) -> Result<Self> {
        Ok(match how {
            Compression::None => Comp::Plain(inner),
            Compression::Gzip => {
                let level = flate2::Compression::new(level.unwrap_or(6).clamp(0, 9) as u32);
                // Independent gzip members compressed on worker threads (one worker still
                // compresses while this thread reads).
                Comp::ParGzip(super::pargz::ParGzWriter::new(inner, level, threads))
            }
            Compression::Zstd => {
                let mut e = zstd::Encoder::new(inner, level.unwrap_or(3)).context("starting zstd")?;
                // Use the cores given: zstd's worker threads compress while this one reads (each
                // worker holds its jobs' buffers: one stream of several at once gets fewer).
                let workers = threads as u32;
                if workers > 1 {
                    e.multithread(workers).context("starting zstd workers")?;
                }
                // 2 MiB jobs instead of zstd's default 8 MiB keep memory low (under 64 MiB with an
                // S3 part in flight) at a negligible cost in ratio.
                if workers > 1 {
                    e.set_parameter(zstd::stream::raw::CParameter::JobSize(2 << 20))
                        .context("setting the zstd job size")?;
                }
                Comp::Zstd(e)
            }
        })
    }

    fn finish(self) -> io::Result<W> {
        match self {
            Comp::Plain(w) => Ok(w),
            Comp::ParGzip(w) => w.finish(),
            Comp::Zstd(w) => w.finish(),
        }
    }
}

/// The compression threads for one of `streams` streams made at once: the cores, shared.
pub fn threads_for(streams: u32) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (cores / streams.max(1) as usize).max(1)
}

/// The extension a compression adds.
pub fn compression_extension(c: Compression) -> &'static str {
    match c {
        Compression::Gzip => ".gz",
        Compression::Zstd => ".zst",
        Compression::None => "",
    }
}

/// The last bytes of a stream, where dumps write their completion marker.
#[derive(Debug, Clone, Default)]
pub struct Tail(Vec<u8>);

impl Tail {
    const KEEP: usize = 128;

    pub fn push(&mut self, data: &[u8]) {
        self.0.extend_from_slice(&data[data.len().saturating_sub(Self::KEEP)..]);
        if self.0.len() > Self::KEEP {
            self.0.drain(..self.0.len() - Self::KEEP);
        }
    }

    pub fn contains(&self, marker: &str) -> bool {
        String::from_utf8_lossy(&self.0).contains(marker)
    }
}

/// What reading a stream to its end found.
pub struct Drained {
    pub bytes: u64,
    /// sha256 of the bytes, hex.
    pub sha256: String,
    /// Their sums as stored bytes (for a manifest's check).
    pub sum: StoredSum,
    pub tail: Tail,
}

/// Reads `reader` to its end, counting, hashing and keeping the tail.
pub fn drain(reader: &mut dyn Read) -> io::Result<Drained> {
    let mut digest = Digest::default();
    let mut tail = Tail::default();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        digest.update(&buf[..n]);
        tail.push(&buf[..n]);
    }
    let sum = digest.sum();
    Ok(Drained { bytes: sum.bytes, sha256: sum.sha256.clone(), sum, tail })
}

/// What went through the pipeline.
#[derive(Debug, Clone)]
pub struct Streamed {
    /// Bytes the producer gave (before compression).
    pub raw_bytes: u64,
    /// Bytes stored.
    pub stored_bytes: u64,
    /// sha256 of the stored bytes, hex; of an age file's payload when `age_header` is there.
    pub sha256: String,
    /// An age file's header, summed apart (as manifests record it).
    pub age_header: Option<HeaderSum>,
    /// The end of the raw stream (to check pg_dump's completion marker).
    pub tail: Tail,
}

/// Streams `source` through compression and encryption into `upload`, compressing on `threads`
/// threads (several streams at once share the cores). On success the upload is returned (not yet
/// committed) with what was streamed; on failure the upload is aborted.
pub fn stream(
    source: &mut dyn Read,
    upload: Box<dyn Upload>,
    compression: Compression,
    level: Option<i32>,
    encryption: &Encryption,
    threads: usize,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(Box<dyn Upload>, Streamed)> {
    let stored = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let hashed = Digesting {
        inner: upload,
        digest: Digest::storing(std::sync::Arc::clone(&stored), encryption.binary_age()),
    };
    let enc = Enc::new(hashed, encryption)?;
    let mut comp = Comp::new(enc, compression, level, threads.max(1))?;
    let mut buf = vec![0u8; 256 * 1024];
    let mut raw = 0u64;
    let mut tail = Tail::default();
    let copied: Result<()> = (|| {
        loop {
            let n = match source.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(anyhow!(e).context("reading the dump")),
            };
            if let Some(sig) = crate::sys::signals::received() {
                return Err(crate::sys::signals::Interrupted(sig).into());
            }
            comp.write_all(&buf[..n]).context("storing the backup")?;
            raw += n as u64;
            tail.push(&buf[..n]);
            progress(raw, stored.load(std::sync::atomic::Ordering::Relaxed));
        }
    })();
    if let Err(e) = copied {
        abort_chain(comp);
        return Err(e);
    }
    let finished = comp
        .finish()
        .context("finishing compression")
        .and_then(|enc| enc.finish().context("finishing encryption"));
    let hashed = finished?;
    let Digesting { inner, digest } = hashed;
    let sum = digest.sum();
    let (sha256, age_header) = match sum.age {
        Some(age) => (age.payload_sha256, Some(age.header)),
        None if encryption.binary_age() => {
            drop(inner);
            bail!("the encrypted stream does not begin with an age header (an internal error)")
        }
        None => (sum.sha256, None),
    };
    Ok((inner, Streamed { raw_bytes: raw, stored_bytes: sum.bytes, sha256, age_header, tail }))
}

/// Throws the stream away: an upload dropped without `commit` discards what it received.
fn abort_chain(comp: Comp<Enc<Digesting<Box<dyn Upload>>>>) {
    drop(comp);
}

/// A reader run ahead on its own thread: it fills up to `depth` chunks of `chunk` bytes while
/// the consumer is busy, so decoding (decrypt, decompress) and consuming overlap. Dropping it
/// stops the thread at its next chunk.
pub struct ReadAhead {
    rx: std::sync::mpsc::Receiver<io::Result<Vec<u8>>>,
    current: Vec<u8>,
    pos: usize,
}

impl ReadAhead {
    pub fn new(mut inner: Box<dyn Read + Send>, chunk: usize, depth: usize) -> Self {
        let (tx, rx) = std::sync::mpsc::sync_channel(depth);
        std::thread::spawn(move || {
            loop {
                let mut buf = vec![0u8; chunk];
                let n = match inner.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                buf.truncate(n);
                if tx.send(Ok(buf)).is_err() {
                    return;
                }
            }
        });
        Self { rx, current: Vec::new(), pos: 0 }
    }
}

impl Read for ReadAhead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.current.len() {
            match self.rx.recv() {
                Ok(Ok(next)) => {
                    self.current = next;
                    self.pos = 0;
                }
                Ok(Err(e)) => return Err(e),
                // The thread ended: the inner reader reached its end.
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len() - self.pos);
        buf[..n].copy_from_slice(&self.current[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_ahead_gives_every_byte_then_the_error() {
        let data: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        let mut out = Vec::new();
        ReadAhead::new(Box::new(io::Cursor::new(data.clone())), 4096, 4).read_to_end(&mut out).unwrap();
        assert_eq!(out, data);
        let failing = io::Cursor::new(vec![1u8; 10]).chain(FailingReader);
        let mut out = Vec::new();
        let err = ReadAhead::new(Box::new(failing), 4, 2).read_to_end(&mut out).unwrap_err();
        assert_eq!(err.to_string(), "broken");
        assert_eq!(out, vec![1u8; 10]);
    }

    struct FailingReader;
    impl Read for FailingReader {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("broken"))
        }
    }

    #[test]
    fn drain_counts_hashes_and_keeps_the_end() {
        let mut data = vec![b'x'; 300_000];
        data.extend_from_slice(b"\n-- PostgreSQL database dump complete\n\n");
        let d = drain(&mut &data[..]).unwrap();
        assert_eq!(d.bytes, data.len() as u64);
        assert_eq!(d.sha256, hex::encode(Sha256::digest(&data)));
        assert!(d.tail.contains("-- PostgreSQL database dump complete"));
        assert!(
            !drain(&mut &b"-- PostgreSQL database dump complete"[..20]).unwrap().tail.contains("complete")
        );
        // A marker split across two writes is still found.
        let mut t = Tail::default();
        t.push(b"... dump com");
        t.push(b"plete\n");
        assert!(t.contains("dump complete"));
    }
}
