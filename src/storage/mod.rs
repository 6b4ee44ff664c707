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

use crate::settings::Settings;

/// A stream being stored; nothing is visible under its name until `commit`. Dropping it without
/// `commit` must discard what was written (this is how failures and panics clean up).
pub trait Upload: Write + Send {
    /// Makes the object visible under its final name.
    fn commit(self: Box<Self>) -> Result<()>;
    /// Throws away what was written.
    fn abort(self: Box<Self>);
}

/// A place that keeps backups.
pub trait Storage {
    /// Starts storing `name`; refuses to overwrite an existing object.
    fn put(&self, name: &str) -> Result<Box<dyn Upload>>;
    /// Reads an object.
    fn get(&self, name: &str) -> Result<Box<dyn Read + Send>>;
    /// Names of all objects.
    fn list(&self) -> Result<Vec<String>>;
    fn delete(&self, name: &str) -> Result<()>;
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

/// One configured place that keeps backups: `local`, `s3` or `gcs`, and its storage.
pub struct Destination {
    pub name: &'static str,
    pub store: Box<dyn Storage>,
}

/// The names destinations go by, in the order they are written and read (local first).
pub const NAMES: [&str; 3] = ["local", "s3", "gcs"];

/// Every configured destination, local first; with `--destination` (`backup.only`), that one
/// alone (an error names the configured ones when it is not among them). The first that cannot
/// be opened (a bucket's sign-in failing) is the error.
pub fn open_all(settings: &Settings) -> Result<Vec<Destination>> {
    open_each(settings)?
        .into_iter()
        .map(|(name, store)| store.map(|store| Destination { name, store }))
        .collect()
}

/// A destination's name, and its storage or why it could not be opened.
pub type Opened = (&'static str, Result<Box<dyn Storage>>);

/// Like [`open_all`], with each destination's own outcome: one that cannot be opened does not
/// keep the others from being used.
pub fn open_each(settings: &Settings) -> Result<Vec<Opened>> {
    let b = &settings.backup;
    let only = b.only.as_deref();
    let configured: Vec<&'static str> = NAMES
        .into_iter()
        .filter(|n| match *n {
            "local" => b.local.is_some(),
            "s3" => b.s3.is_some(),
            _ => b.gcs.is_some(),
        })
        .collect();
    let chosen: Vec<&'static str> = match only {
        None => configured.clone(),
        Some(want) => {
            let want = want.trim().to_ascii_lowercase();
            match configured.iter().find(|n| **n == want) {
                Some(n) => vec![*n],
                None => {
                    return Err(crate::error::ConfigError::new(format!(
                        "--destination {want}: {}; the configured destination(s): {}",
                        if NAMES.contains(&want.as_str()) {
                            "that destination is not configured"
                        } else {
                            "unknown destination (local, s3 or gcs)"
                        },
                        configured.join(", ")
                    ))
                    .into());
                }
            }
        }
    };
    Ok(chosen
        .into_iter()
        .map(|name| {
            let store: Result<Box<dyn Storage>> = match name {
                "local" => LocalDir::open(b.local.as_deref().expect("configured")).map(|s| Box::new(s) as _),
                "s3" => S3Storage::open(b.s3.as_ref().expect("configured")).map(|s| Box::new(s) as _),
                _ => GcsStorage::open(b.gcs.as_ref().expect("configured")).map(|s| Box::new(s) as _),
            };
            (name, store)
        })
        .collect())
}

/// Where a configured destination is, from the settings alone (for messages about one that could
/// not be opened).
pub fn configured_place(settings: &Settings, name: &str) -> String {
    let b = &settings.backup;
    let slash = |p: &Option<String>| {
        let p = p.clone().unwrap_or_default();
        if p.is_empty() || p.ends_with('/') { p } else { format!("{p}/") }
    };
    match name {
        "local" => b.local.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
        "s3" => b.s3.as_ref().map(|s| format!("s3://{}/{}", s.bucket, slash(&s.prefix))).unwrap_or_default(),
        _ => b.gcs.as_ref().map(|g| format!("gs://{}/{}", g.bucket, slash(&g.prefix))).unwrap_or_default(),
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
