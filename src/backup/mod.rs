//! Backups: producer → compress → encrypt → hash → storage → manifest (written last).

pub mod digest;
pub mod lease;
pub mod manifest;
pub mod pargz;
pub mod pipeline;
pub mod producer;
pub mod retention;
pub mod tables;
pub mod unpack;
