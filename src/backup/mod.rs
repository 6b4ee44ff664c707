//! Backups: producer → compress → encrypt → hash → storage → manifest (written last).

pub mod manifest;
pub mod pipeline;
pub mod producer;
pub mod storage;
