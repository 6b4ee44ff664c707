//! Where backups are kept. One trait for every place (put a stream, get a stream, list, delete),
//! so that list, verify, restore and retention work the same on each; [`open`] chooses the place
//! the settings name.

mod local;
mod s3;

use std::io::{Read, Write};

use anyhow::Result;

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

/// The configured storage: S3 when a bucket is configured, else the local directory.
pub fn open(settings: &Settings) -> Result<Box<dyn Storage>> {
    match &settings.backup.s3 {
        Some(s3) => Ok(Box::new(S3Storage::open(s3)?)),
        None => Ok(Box::new(LocalDir::open(&settings.backup.local_path)?)),
    }
}
