//! Counting and hashing bytes as they pass, on the way into storage (a writer) and out of it (a
//! reader): the one place where a backup's size and sha256 are computed.

use std::io::{self, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// The first line of a binary age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";
/// An age header larger than this is not one dbctl (or any age tool, for a handful of
/// recipients) wrote; such a stream is summed whole only.
pub const MAX_AGE_HEADER: usize = 64 * 1024;

/// The size and sha256 of an age file's header: the part `backup rekey` rewrites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderSum {
    pub bytes: u64,
    pub sha256: String,
}

/// An age file's sums taken apart: its header's, and its payload's (everything after the
/// header, which a rekey leaves as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeSum {
    pub header: HeaderSum,
    pub payload_sha256: String,
}

/// What was counted and hashed of a stream read or written to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSum {
    pub bytes: u64,
    /// sha256 of all of it, hex; empty where only the parts were hashed ([`Digest::storing`]).
    pub sha256: String,
    /// For a binary age file, the header's and the payload's sums.
    pub age: Option<AgeSum>,
}

/// Where the search for an age header stands.
enum Age {
    /// Not looked for.
    Off,
    /// The stream's first bytes, while they may still be an age header, and where to go on
    /// looking for its end.
    Header(Vec<u8>, usize),
    /// Past the header: the payload is being hashed.
    Payload { header: HeaderSum, payload: Box<Sha256> },
    /// Not an age file.
    Not,
}

/// The size and sha256 of the bytes seen so far, and for an age file its header's and payload's
/// sums apart; the count is also readable from other threads while the bytes flow (for progress
/// bars).
pub struct Digest {
    whole: Option<Box<Sha256>>,
    bytes: u64,
    shared: Arc<AtomicU64>,
    age: Age,
}

impl Default for Digest {
    fn default() -> Self {
        Self::new(Arc::new(AtomicU64::new(0)))
    }
}

impl Digest {
    /// A digest of everything, and of an age file's header and payload apart; it also
    /// publishes its count in `shared`.
    pub fn new(shared: Arc<AtomicU64>) -> Self {
        Self { whole: Some(Box::new(Sha256::new())), bytes: 0, shared, age: Age::Header(Vec::new(), 0) }
    }

    /// The digest of a stream being stored: an age file's header and payload apart and not the
    /// whole (what its manifest records), anything else whole.
    pub fn storing(shared: Arc<AtomicU64>, age: bool) -> Self {
        if age {
            Self { whole: None, bytes: 0, shared, age: Age::Header(Vec::new(), 0) }
        } else {
            Self { whole: Some(Box::new(Sha256::new())), bytes: 0, shared, age: Age::Off }
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        if let Some(h) = &mut self.whole {
            h.update(data);
        }
        self.bytes += data.len() as u64;
        self.shared.store(self.bytes, Ordering::Relaxed);
        match &mut self.age {
            Age::Off | Age::Not => {}
            Age::Payload { payload, .. } => payload.update(data),
            Age::Header(head, from) => {
                head.extend_from_slice(data);
                let known = head.len().min(AGE_MAGIC.len());
                if head[..known] != AGE_MAGIC[..known] {
                    self.age = Age::Not;
                    return;
                }
                match header_end(head, *from) {
                    Ok(end) if end <= MAX_AGE_HEADER => {
                        let mut payload = Box::new(Sha256::new());
                        payload.update(&head[end..]);
                        let header = HeaderSum {
                            bytes: end as u64,
                            sha256: hex::encode(Sha256::digest(&head[..end])),
                        };
                        self.age = Age::Payload { header, payload };
                    }
                    Err(next) if head.len() <= MAX_AGE_HEADER => *from = next,
                    _ => self.age = Age::Not,
                }
            }
        }
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// What was seen so far.
    pub fn sum(&self) -> StoredSum {
        let age = match &self.age {
            Age::Payload { header, payload } => Some(AgeSum {
                header: header.clone(),
                payload_sha256: hex::encode(payload.as_ref().clone().finalize()),
            }),
            _ => None,
        };
        let sha256 =
            self.whole.as_ref().map(|h| hex::encode(h.as_ref().clone().finalize())).unwrap_or_default();
        StoredSum { bytes: self.bytes, sha256, age }
    }
}

/// Where an age header whose first `head.len()` bytes are known ends: after the line that
/// starts with `---` (its MAC), searched from `from` on; or, not known yet, where to search
/// from when more bytes came.
fn header_end(head: &[u8], from: usize) -> std::result::Result<usize, usize> {
    let from = from.max(AGE_MAGIC.len() - 1);
    let Some(found) = head[from.min(head.len())..].windows(4).position(|w| w == b"\n---") else {
        return Err(head.len().saturating_sub(3).max(from));
    };
    let line = from + found + 1;
    match head[line..].iter().position(|&b| b == b'\n') {
        Some(nl) => Ok(line + nl + 1),
        None => Err(line - 1),
    }
}

/// A writer that digests what it passes on.
pub struct Digesting<T> {
    pub inner: T,
    pub digest: Digest,
}

impl<W: Write> Write for Digesting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<R: Read> Read for Digesting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_directions_agree_with_sha256() {
        let data = b"hello, backup";
        let expected = hex::encode(Sha256::digest(data));
        let mut w = Digesting { inner: Vec::new(), digest: Digest::default() };
        w.write_all(data).unwrap();
        assert_eq!((w.digest.bytes(), w.digest.sum().sha256), (data.len() as u64, expected.clone()));
        assert_eq!(w.digest.sum().age, None, "not an age file");
        let shared = Arc::new(AtomicU64::new(0));
        let mut r = Digesting { inner: &data[..], digest: Digest::new(Arc::clone(&shared)) };
        io::copy(&mut r, &mut io::sink()).unwrap();
        assert_eq!(r.digest.sum().sha256, expected);
        assert_eq!(shared.load(Ordering::Relaxed), data.len() as u64, "the count is published");
    }

    #[test]
    fn an_age_files_header_and_payload_are_summed_apart_however_the_bytes_arrive() {
        let header = b"age-encryption.org/v1\n-> X25519 abc\nQUJD\n--- bWFj\n".to_vec();
        let payload: Vec<u8> = (0..100_000u32).map(|i| (i * 7) as u8).collect();
        let file = [header.clone(), payload.clone()].concat();
        let want = AgeSum {
            header: HeaderSum { bytes: header.len() as u64, sha256: hex::encode(Sha256::digest(&header)) },
            payload_sha256: hex::encode(Sha256::digest(&payload)),
        };
        for chunk in [1, 3, 4, 5, 17, 4096, file.len()] {
            let mut d = Digest::default();
            file.chunks(chunk).for_each(|c| d.update(c));
            let sum = d.sum();
            assert_eq!(sum.age.as_ref(), Some(&want), "in chunks of {chunk}");
            assert_eq!(sum.sha256, hex::encode(Sha256::digest(&file)));
            let mut s = Digest::storing(Arc::new(AtomicU64::new(0)), true);
            file.chunks(chunk).for_each(|c| s.update(c));
            assert_eq!((s.sum().age, s.sum().sha256.is_empty()), (Some(want.clone()), true));
        }
        // Not an age file, or a header that never ends, is summed whole only.
        for other in
            [b"age-encryption.org/v2\n--- x\n".to_vec(), [&header[..30], &vec![b'a'; 70_000][..]].concat()]
        {
            let mut d = Digest::default();
            d.update(&other);
            assert_eq!(d.sum().age, None);
            assert_eq!(d.sum().sha256, hex::encode(Sha256::digest(&other)));
        }
    }
}
