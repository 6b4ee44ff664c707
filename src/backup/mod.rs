//! Backups: producer → compress → encrypt → hash → storage → manifest (written last).
//!
//! `make` runs the steps (the producer from `producer` or `snapshot`, the stream through
//! `pipeline` and `digest`, the `manifest` last) under `lock`; `catalog` reads the manifests back;
//! `verify`, `prune` (with the pure `retention` policy) and `slot` (one scheduled run) work on
//! them; `unpack` opens a stored backup for verify and restore.

pub mod catalog;
pub mod digest;
pub mod fleet;
pub mod lease;
pub mod lock;
pub mod make;
pub mod manifest;
pub mod pargz;
pub mod pipeline;
pub mod producer;
pub mod prune;
pub mod rdb;
pub mod retention;
pub mod slot;
pub mod snapshot;
pub mod source;
pub mod tables;
pub mod unpack;
pub mod verify;
