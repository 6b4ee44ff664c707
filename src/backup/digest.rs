//! Counting and hashing bytes as they pass, on the way into storage (a writer) and out of it (a
//! reader): the one place where a backup's size and sha256 are computed.

use std::io::{self, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest as _, Sha256};

/// The size and sha256 of the bytes seen so far; the count is also readable from other threads
/// while the bytes flow (for progress bars).
pub struct Digest {
    hasher: Sha256,
    bytes: u64,
    shared: Arc<AtomicU64>,
}

impl Default for Digest {
    fn default() -> Self {
        Self::new(Arc::new(AtomicU64::new(0)))
    }
}

impl Digest {
    /// A digest that also publishes its count in `shared`.
    pub fn new(shared: Arc<AtomicU64>) -> Self {
        Self { hasher: Sha256::new(), bytes: 0, shared }
    }

    pub fn update(&mut self, data: &[u8]) {
        self.hasher.update(data);
        self.bytes += data.len() as u64;
        self.shared.store(self.bytes, Ordering::Relaxed);
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The sha256 so far, in lowercase hex.
    pub fn sha256(&self) -> String {
        hex::encode(self.hasher.clone().finalize())
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
        assert_eq!((w.digest.bytes(), w.digest.sha256()), (data.len() as u64, expected.clone()));
        let shared = Arc::new(AtomicU64::new(0));
        let mut r = Digesting { inner: &data[..], digest: Digest::new(Arc::clone(&shared)) };
        io::copy(&mut r, &mut io::sink()).unwrap();
        assert_eq!(r.digest.sha256(), expected);
        assert_eq!(shared.load(Ordering::Relaxed), data.len() as u64, "the count is published");
    }
}
