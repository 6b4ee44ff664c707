//! Where backups are kept. One trait for every place (put a stream, get a stream, list, delete),
//! so that list, verify, restore and retention work the same on each; [`open`] chooses the place
//! the settings name.

mod fanout;
mod gcs;
mod local;
pub use local::{git_work_tree, take_notices};

/// The most pages a listing follows, and the most names it keeps: a storage (or something
/// answering in its place) that never stops paging is given up with a clear error.
pub const MAX_LIST_PAGES: usize = 10_000;
pub const MAX_LIST_NAMES: usize = 2_000_000;

/// Checks a listing's progress after a page: `token` must be new and the totals within bounds.
pub fn listing_bounded(
    what: &str,
    pages: usize,
    names: usize,
    token: Option<&str>,
    seen: &mut std::collections::HashSet<String>,
) -> Result<()> {
    if pages >= MAX_LIST_PAGES || names >= MAX_LIST_NAMES {
        anyhow::bail!(
            "{what}: the listing goes on past {pages} pages and {names} names, more than dbctl follows; check the \
             endpoint, or give backups their own prefix"
        );
    }
    if let Some(t) = token
        && !seen.insert(t.to_string())
    {
        anyhow::bail!("{what}: the storage sent the same page token twice; its listing never ends");
    }
    Ok(())
}
mod s3;

use std::io::{Read, Write};

use anyhow::Result;

pub use fanout::{Fanout, Outcomes};
pub use gcs::GcsStorage;
pub use local::LocalDir;
pub use s3::S3Storage;

pub use crate::values::Destination;
pub use gcs::GcsSettings;
pub use s3::S3Settings;

/// A stream being stored; nothing is visible under its name until `commit`. Dropping it without
/// `commit` must discard what was written (this is how failures and panics clean up).
pub trait Upload: Write + Send {
    /// Makes the object visible under its final name.
    fn commit(self: Box<Self>) -> Result<()>;
    /// Throws away what was written.
    fn abort(self: Box<Self>);
}

/// A place that keeps backups.
pub trait Storage: Send + Sync {
    /// Starts storing `name`; refuses to overwrite an existing object.
    fn put(&self, name: &str) -> Result<Box<dyn Upload>>;
    /// Reads an object.
    fn get(&self, name: &str) -> Result<Box<dyn Read + Send>>;
    /// Names of all objects.
    fn list(&self) -> Result<Vec<String>>;
    fn delete(&self, name: &str) -> Result<()>;
    /// The folders directly below this place (`wal`'s timelines): subdirectories, or the
    /// common prefixes of a bucket listing.
    fn folders(&self) -> Result<Vec<String>>;
    /// Whether an object of that name is there (`Ok(false)` only when the storage says it is
    /// not; an unreachable storage is an error).
    fn exists(&self, name: &str) -> Result<bool>;
    /// Where this is, for messages (`/var/backups/app`, `s3://bucket/prefix`).
    fn describe(&self) -> String;
    /// Where the object `name` is, for people and scripts (`/var/backups/app/x.sql.gz`,
    /// `s3://bucket/prefix/x.sql.gz`).
    fn locate(&self, name: &str) -> String {
        format!("{}/{name}", self.describe().trim_end_matches('/'))
    }
    /// What interrupted runs left behind here (temporary files, unfinished multipart uploads)
    /// for the objects whose names `ours` accepts; nothing else is touched.
    fn leftovers(&self, ours: &dyn Fn(&str) -> bool) -> Result<Vec<Leftover>>;
    /// Removes one of [`Storage::leftovers`].
    fn remove_leftover(&self, leftover: &Leftover) -> Result<()>;
    /// Reads `name` from byte `offset` on: `len` bytes at most, or all of the rest.
    fn get_range(&self, name: &str, offset: u64, len: Option<u64>) -> Result<Box<dyn Read + Send>>;
    /// Replaces the object `name`, of `size` bytes, by `head` followed by its bytes from `skip`
    /// on (`backup rekey` replacing an age header). The object is replaced whole or not at all;
    /// one no longer of `size` bytes is left alone. What the storage can copy itself is not
    /// downloaded.
    fn rewrite(&self, name: &str, size: u64, skip: u64, head: &[u8]) -> Result<Rewritten>;
    /// With locked objects configured (S3 Object Lock): whether the place really enforces them,
    /// said for `health`; None where nothing is configured.
    fn immutability(&self) -> Option<Result<String>> {
        None
    }
}

/// What [`Storage::rewrite`] moved: bytes read from the storage, sent to it, and copied by the
/// storage itself; and what is left of the old object, when something is.
#[derive(Debug, Default, Clone)]
pub struct Rewritten {
    pub read: u64,
    pub sent: u64,
    pub copied: u64,
    /// The old object's version kept by the storage (a bucket that keeps versions), said for
    /// people: it still holds the old bytes.
    pub kept: Option<String>,
}

/// S3 Object Lock for every object a backup writes: its mode, and how long from creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectLock {
    pub mode: crate::values::ObjectLockMode,
    pub period: std::time::Duration,
}

/// An object that may not be removed yet: its storage locks it until then (S3 Object Lock).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name} is locked until {until}")]
pub struct Locked {
    pub name: String,
    /// RFC 3339.
    pub until: String,
}

/// An object that could not be created because one of its name is there, said by the storage
/// itself as the object was written (S3's `If-None-Match: *`, GCS's `ifGenerationMatch=0`, a
/// local rename that does not replace): nothing was overwritten.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place} exists already; dbctl never overwrites it")]
pub struct Exists {
    pub place: String,
}

/// Something an interrupted run left, named for people and for its storage.
#[derive(Debug, Clone)]
pub struct Leftover {
    /// The backup it was going to be.
    pub name: String,
    /// `temporary file` or `unfinished upload`.
    pub kind: &'static str,
    /// How long ago it was last written or started.
    pub age: std::time::Duration,
    /// What the storage needs to remove it (a file name, an upload id).
    pub handle: String,
}

/// Where one destination is, as configured: what [`open`] opens.
#[derive(Debug, Clone)]
pub struct DestinationSpec {
    pub name: Destination,
    pub place: Place,
}

/// A destination's configuration.
#[derive(Debug, Clone)]
pub enum Place {
    Local(std::path::PathBuf),
    S3(S3Settings),
    Gcs(GcsSettings),
}

impl DestinationSpec {
    /// Where it is, from the configuration alone (for messages about one that could not be
    /// opened): `/var/backups/app`, `s3://bucket/prefix/`, `gs://bucket/prefix/`.
    pub fn place(&self) -> String {
        let slash = |p: &Option<String>| {
            let p = p.clone().unwrap_or_default();
            if p.is_empty() || p.ends_with('/') { p } else { format!("{p}/") }
        };
        match &self.place {
            Place::Local(p) => p.display().to_string(),
            Place::S3(s) => format!("s3://{}/{}", s.bucket, slash(&s.prefix)),
            Place::Gcs(g) => format!("gs://{}/{}", g.bucket, slash(&g.prefix)),
        }
    }

    /// The same destination's folder `sub` (`wal/00000001`): a directory below a local one, a
    /// longer prefix in a bucket. Its objects stay out of the destination's own listing.
    pub fn under(&self, sub: &str) -> DestinationSpec {
        let join = |p: &Option<String>| {
            let p = p.clone().unwrap_or_default();
            Some(if p.is_empty() { format!("{sub}/") } else { format!("{}/{sub}/", p.trim_end_matches('/')) })
        };
        let place = match &self.place {
            Place::Local(p) => Place::Local(p.join(sub)),
            Place::S3(s) => Place::S3(S3Settings { prefix: join(&s.prefix), ..s.clone() }),
            Place::Gcs(g) => Place::Gcs(GcsSettings { prefix: join(&g.prefix), ..g.clone() }),
        };
        DestinationSpec { name: self.name, place }
    }

    /// Opens its storage (signing in to a bucket).
    pub fn open(&self) -> Result<Box<dyn Storage>> {
        match &self.place {
            Place::Local(p) => LocalDir::open(p).map(|s| Box::new(s) as _),
            Place::S3(s) => S3Storage::open(s).map(|s| Box::new(s) as _),
            Place::Gcs(g) => GcsStorage::open(g).map(|s| Box::new(s) as _),
        }
    }
}

/// One place that keeps backups, open: its name and its storage.
pub struct Opened {
    pub name: Destination,
    pub store: Box<dyn Storage>,
}

/// A destination and its storage, or why it could not be opened.
pub type Attempt = (Destination, Result<Box<dyn Storage>>);

/// Opens every destination of `specs`, in their order; the first that cannot be opened (a
/// bucket's sign-in failing) is the error.
pub fn open(specs: &[DestinationSpec]) -> Result<Vec<Opened>> {
    specs.iter().map(|d| d.open().map(|store| Opened { name: d.name, store })).collect()
}

/// Like [`open`], with each destination's own outcome: one that cannot be opened does not keep
/// the others from being used.
pub fn open_each(specs: &[DestinationSpec]) -> Vec<Attempt> {
    specs.iter().map(|d| (d.name, d.open())).collect()
}

/// The destinations of `all` a command works on: every one, or with `--destination` that one
/// alone (an error naming the configured ones when it is not among them).
pub fn choose(all: &[DestinationSpec], only: Option<Destination>) -> Result<Vec<DestinationSpec>> {
    let Some(want) = only else { return Ok(all.to_vec()) };
    match all.iter().find(|d| d.name == want) {
        Some(d) => Ok(vec![d.clone()]),
        None => {
            let configured: Vec<&str> = all.iter().map(|d| d.name.as_str()).collect();
            Err(crate::error::ConfigError::new(format!(
                "--destination {want}: that destination is not configured; the configured {}: {}",
                crate::text::plural(configured.len(), "destination"),
                configured.join(", ")
            ))
            .into())
        }
    }
}

#[cfg(test)]
mod listing_tests {
    use super::*;

    #[test]
    fn a_listing_is_bounded_in_pages_names_and_repeats() {
        let mut seen = std::collections::HashSet::new();
        assert!(listing_bounded("listing", 1, 10, Some("a"), &mut seen).is_ok());
        assert!(
            listing_bounded("listing", 2, 20, Some("a"), &mut seen)
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
        assert!(listing_bounded("listing", MAX_LIST_PAGES, 0, Some("b"), &mut seen).is_err());
        assert!(listing_bounded("listing", 3, MAX_LIST_NAMES, Some("c"), &mut seen).is_err());
    }
}
