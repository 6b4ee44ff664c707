//! A dump in several parts, made by several pg_dump processes at once (`backup --jobs N`): one
//! snapshot, exported by a coordinator connection that holds it open until every part is made,
//! and imported by each pg_dump (`--snapshot`), so the parts are one consistent dump. The parts:
//! the pre-data section (the artifact), the rows of each large table on its own, the rows of
//! every other table with the sequences' values and the large objects, and the post-data section
//! (indexes, constraints, triggers). Each is plain SQL a stock `psql` loads, in that order.

use anyhow::{Context, Result, anyhow};

use crate::db::libpq::PqConn;
use crate::db::pg_tools::{PgTool, Tool};

/// A table at least this large gets a part of its own; the smaller ones share one.
pub const OWN_PART_MIN: u64 = 1 << 20;
/// At most this many tables get a part of their own (part numbers have four digits).
const MAX_OWN_PARTS: usize = 999;

/// What one pg_dump makes.
#[derive(Debug, Clone, PartialEq)]
pub enum Section {
    PreData,
    /// One table's rows: its name as shown (`public.orders`) and its size.
    Table {
        shown: String,
        size: u64,
    },
    /// Every other table's rows, the sequences' values and the large objects.
    Rest,
    PostData,
}

/// The snapshot and the parts to make from it.
pub struct Plan {
    /// Holds the exported snapshot: kept open until every part is made.
    _coordinator: PqConn,
    snapshot: String,
    tool: PgTool,
    url: String,
    password: Option<String>,
    tenant: Option<String>,
    /// The tables with parts of their own, largest first: (pg_dump pattern, shown, bytes).
    own: Vec<(String, String, u64)>,
}

/// A pg_dump pattern naming exactly one table: both names quoted, so no character is a wildcard.
fn exact_pattern(schema: &str, table: &str) -> String {
    format!("\"{}\".\"{}\"", schema.replace('"', "\"\""), table.replace('"', "\"\""))
}

impl Plan {
    /// Connects to `url` (as `full`, with dbctl's defaults), exports a snapshot and lists the
    /// tables to dump on their own.
    pub fn open(
        full: &str,
        tool: PgTool,
        url: String,
        password: Option<String>,
        tenant: Option<String>,
    ) -> Result<Self> {
        let mut conn = PqConn::connect(full).context("connecting to export the dump's snapshot")?;
        conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .map_err(|e| anyhow!("starting the snapshot's transaction: {e}"))?;
        let snapshot = conn
            .scalar("SELECT pg_export_snapshot()")
            .map_err(|e| anyhow!("exporting a snapshot for the parallel dump: {e}"))?
            .ok_or_else(|| anyhow!("the server exported no snapshot"))?;
        if !snapshot.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
            anyhow::bail!(
                "the server's snapshot id `{}` is not one",
                crate::text::escape_controls(&snapshot)
            );
        }
        let tenant_filter = match &tenant {
            Some(t) => format!("AND n.nspname = {}", crate::db::quote_literal(t)),
            None => String::new(),
        };
        let sql = format!(
            "SELECT n.nspname, c.relname, pg_table_size(c.oid)::text FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' \
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass \
                             AND d.objid = c.oid AND d.deptype = 'e') \
             AND pg_table_size(c.oid) >= {OWN_PART_MIN} {tenant_filter} \
             ORDER BY pg_table_size(c.oid) DESC, 1, 2 LIMIT {MAX_OWN_PARTS}"
        );
        let mut own = Vec::new();
        conn.query_each(&sql, &[], &mut |_, row| {
            if let [Some(schema), Some(table), Some(size)] = row.as_slice() {
                own.push((
                    exact_pattern(schema, table),
                    format!("{schema}.{table}"),
                    size.parse().unwrap_or(0),
                ));
            }
            true
        })
        .map_err(|e| anyhow!("listing the tables to dump: {e}"))?;
        Ok(Plan { _coordinator: conn, snapshot, tool, url, password, tenant, own })
    }

    /// The sections in the order they are best made in: the largest tables first, so that the
    /// small parts fill the gaps at the end.
    pub fn sections(&self) -> Vec<Section> {
        let mut all: Vec<Section> = self
            .own
            .iter()
            .map(|(_, shown, size)| Section::Table { shown: shown.clone(), size: *size })
            .collect();
        all.extend([Section::Rest, Section::PreData, Section::PostData]);
        all
    }

    /// Starts the pg_dump that makes `section`.
    pub fn start(&self, section: &Section) -> Result<Tool> {
        let mut cmd = std::process::Command::new(&self.tool.path);
        cmd.arg("--no-password")
            .arg(format!("--dbname={}", self.url))
            .arg("--format=plain")
            .arg(format!("--snapshot={}", self.snapshot));
        if let Some(s) = &self.tenant {
            cmd.arg(format!("--schema=\"{}\"", s.replace('"', "\"\"")));
        }
        match section {
            Section::PreData => {
                // The large objects come whole with the other tables' rows (a data-only dump
                // makes them too: in both, they would be made twice).
                cmd.args(["--section=pre-data", "--no-blobs"]);
            }
            Section::PostData => {
                cmd.arg("--section=post-data");
            }
            Section::Table { shown, .. } => {
                let (pattern, _, _) =
                    self.own.iter().find(|(_, s, _)| s == shown).expect("a table of the plan");
                cmd.arg("--data-only").arg(format!("--table={pattern}"));
            }
            Section::Rest => {
                cmd.arg("--data-only");
                for (pattern, _, _) in &self.own {
                    cmd.arg(format!("--exclude-table-data={pattern}"));
                }
            }
        }
        Tool::spawn(cmd, self.password.as_deref(), &self.tool.path, false, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_names_one_table_whatever_its_characters() {
        assert_eq!(exact_pattern("public", "orders"), "\"public\".\"orders\"");
        assert_eq!(exact_pattern("a\"b", "x*?.y"), "\"a\"\"b\".\"x*?.y\"");
    }
}
