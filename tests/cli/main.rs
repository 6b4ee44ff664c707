//! Integration tests: the real dbctl binary against real PostgreSQL, SQLite and Redis.

#[path = "../support/mod.rs"]
mod support;

mod applications;
mod backup;
mod config;
mod destinations;
mod docs;
mod drift;
mod faults;
mod fleet;
mod generated;
mod health;
mod hooks;
mod keys;
mod kubernetes;
mod lint;
mod locale;
mod lock_safety;
mod migrate;
mod modules;
mod parallel;
mod pitr;
mod prisma;
mod prune;
mod restore;
mod schedule;
mod seed;
mod studio;
mod studio_browser;
mod versions;
mod wal;
