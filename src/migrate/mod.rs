//! Migrations in diesel's or Prisma's format: source, ledgers, lock, plan, and running them.

pub mod apply;
pub mod drift;
pub mod ledger;
pub mod lock;
pub mod plan;
pub mod prisma;
pub mod run;
pub mod scratch_cluster;
pub mod source;
