//! Backups: producer → compress → encrypt → hash → storage → manifest (written last).

pub mod catalog;
pub mod digest;
pub mod lease;
pub mod lock;
pub mod make;
pub mod manifest;
pub mod pargz;
pub mod pipeline;
pub mod producer;
pub mod prune;
pub mod retention;
pub mod slot;
pub mod snapshot;
pub mod tables;
pub mod unpack;
pub mod verify;
