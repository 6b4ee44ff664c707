//! Migrations in diesel's format: source, ledger, lock, plan, and running them.

pub mod apply;
pub mod ledger;
pub mod lock;
pub mod plan;
pub mod run;
pub mod source;
