//! One module per command, each with a `run`.

pub mod backup;
pub mod cache;
pub mod completions;
pub mod config;
pub mod guard;
pub mod health;
pub mod keys;
pub mod maintain;
pub mod migrate;
pub mod prune;
pub mod restore;
pub mod schedule;
pub mod seed;
pub mod studio;
pub mod wal;
