//! What a dump is: its format and how a complete one ends. The client programs that make it are
//! in [`crate::db::pg_tools`] (re-exported here).

pub use crate::db::pg_tools::*;
pub use crate::values::DumpFormat;

impl DumpFormat {
    /// What a dump of this format is named with.
    pub fn extension(self) -> &'static str {
        match self {
            DumpFormat::Plain => ".sql",
            DumpFormat::Custom => ".dump",
        }
    }
}

/// The last line of a complete plain dump.
pub const PLAIN_DUMP_END: &str = "-- PostgreSQL database dump complete";
/// The last line of a complete pg_dumpall output.
pub const PLAIN_DUMPALL_END: &str = "-- PostgreSQL database cluster dump complete";
