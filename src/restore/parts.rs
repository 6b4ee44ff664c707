//! A dump in several parts (`backup --jobs`): the artifact (its pre-data), each data part, then
//! the post-data part, read as one SQL stream, so that the restore loads them in one transaction
//! as it loads a dump in one piece. Each part is checked against its manifest entry (size and
//! sha256 of the stored bytes, size of the SQL) once read to its end, before the next one is
//! opened: a part changed, truncated or missing fails the restore before its COMMIT.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::Arc;

use crate::backup::manifest::Part;
use crate::backup::unpack::{self, Content, Decoded, Keys};
use crate::storage::Storage;

pub struct Sections {
    /// The artifact's SQL (checked by the restore itself, as any artifact).
    first: Option<Box<dyn Read + Send>>,
    current: Option<(Decoded, Part)>,
    rest: VecDeque<Part>,
    store: Arc<dyn Storage>,
    keys: Keys,
}

impl Sections {
    pub fn new(first: Box<dyn Read + Send>, parts: Vec<Part>, store: Arc<dyn Storage>, keys: Keys) -> Self {
        Sections { first: Some(first), current: None, rest: parts.into(), store, keys }
    }

    /// Checks the part read to its end, and opens the next; false when none is left.
    fn next(&mut self) -> anyhow::Result<bool> {
        if let Some((decoded, part)) = self.current.take() {
            let sum = decoded.finish()?;
            part.check_stored(sum.bytes, &sum.sha256)?;
        }
        let Some(part) = self.rest.pop_front() else { return Ok(false) };
        let stored = self.store.get(&part.name)?;
        let decoded = unpack::open(stored, &mut self.keys, false, Some(part.uncompressed_bytes))
            .map_err(|e| e.context(format!("opening the part {}", part.name)))?;
        if decoded.content != Content::PlainSql {
            anyhow::bail!(
                "the part {} is not SQL text, as every part of a dump in several parts is",
                part.name
            );
        }
        self.current = Some((decoded, part));
        Ok(true)
    }
}

impl Read for Sections {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let n = match (&mut self.first, &mut self.current) {
                (Some(first), _) => first.read(buf)?,
                (None, Some((decoded, _))) => decoded.reader.read(buf)?,
                (None, None) => 0,
            };
            if n > 0 {
                return Ok(n);
            }
            // The end of one part: the next, after the last one's check.
            self.first = None;
            if !self.next().map_err(|e| io::Error::other(format!("{e:#}")))? {
                return Ok(0);
            }
        }
    }
}
