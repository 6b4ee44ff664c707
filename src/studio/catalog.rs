//! What the database says about its tables: the only source of the names studio-lite puts in SQL.
//! A table or column named in a URL is looked up here first; an unknown name never reaches a
//! statement.

use super::db::{Backend, Session, SqlError, Value};
use crate::db::quote_ident;

#[derive(Debug, Clone)]
pub struct TableSummary {
    pub name: String,
    pub kind: String,
    /// Estimated rows (PostgreSQL's statistics, or a count capped at [`COUNT_CAP`]).
    pub rows: Option<i64>,
    pub rows_capped: bool,
    pub size: Option<i64>,
    /// Another session holds or awaits an exclusive lock on it: neither sized nor counted.
    pub locked: bool,
}

/// Tables without statistics are counted up to this many rows.
pub const COUNT_CAP: i64 = 10_000;

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub type_name: String,
    pub not_null: bool,
    pub default: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub name: String,
    /// The referencing table and its columns.
    pub schema: String,
    pub table: String,
    pub columns: Vec<String>,
    /// The referenced table and its columns.
    pub ref_schema: String,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Index {
    pub name: String,
    pub definition: String,
    pub unique: bool,
}

#[derive(Debug, Clone)]
pub struct Constraint {
    pub name: String,
    pub kind: String,
    pub definition: String,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub schema: String,
    pub name: String,
    pub kind: String,
    pub columns: Vec<Column>,
    /// The primary key's columns, in key order (empty when there is none).
    pub primary_key: Vec<String>,
    /// What identifies a row when there is no primary key: `ctid` / `rowid` (empty for views,
    /// whose pages are ordered by every column).
    pub fallback_key: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    pub referenced_by: Vec<ForeignKey>,
    pub indexes: Vec<Index>,
    pub constraints: Vec<Constraint>,
}

/// How a relation is named in SQL: `"schema"."table"` (PostgreSQL) or `"table"` (SQLite, whose
/// one schema is `main`).
pub fn relation(backend: Backend, schema: &str, name: &str) -> String {
    match backend {
        Backend::Pg => format!("{}.{}", quote_ident(schema), quote_ident(name)),
        Backend::Sqlite => quote_ident(name),
    }
}

impl Table {
    pub fn relation(&self, backend: Backend) -> String {
        relation(backend, &self.schema, &self.name)
    }

    /// Every column, quoted, in table order: what pages select.
    pub fn select_list(&self) -> Vec<String> {
        self.columns.iter().map(|c| quote_ident(&c.name)).collect()
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The columns (or system columns) that identify a row and end every ordering.
    pub fn key(&self) -> Vec<String> {
        if !self.primary_key.is_empty() {
            self.primary_key.clone()
        } else if !self.fallback_key.is_empty() {
            self.fallback_key.clone()
        } else {
            self.columns.iter().map(|c| c.name.clone()).collect()
        }
    }

    /// Whether a key part is a real column (not ctid/rowid), shown and quoted as such.
    pub fn is_system(&self, key: &str) -> bool {
        self.fallback_key.iter().any(|k| k == key) && self.column(key).is_none()
    }

    /// The SQL for a key part: a quoted column, or the bare system column.
    pub fn key_expr(&self, key: &str) -> String {
        if self.is_system(key) { key.to_string() } else { quote_ident(key) }
    }

    pub fn is_view(&self) -> bool {
        self.kind.contains("view") && !self.kind.contains("materialized")
    }

    pub fn writable(&self) -> bool {
        matches!(self.kind.as_str(), "table" | "partitioned table") && !self.primary_key.is_empty()
    }
}

fn text(v: &Value) -> String {
    v.text().unwrap_or_default()
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Text(t) => t.parse().ok(),
        Value::Real(f) => Some(*f as i64),
        Value::Null => None,
    }
}

fn truthy(v: &Value) -> bool {
    matches!(v, Value::Int(1)) || matches!(v, Value::Text(t) if t == "t" || t == "1" || t == "true")
}

/// A column from a catalogue row of name, type, not-null, default.
fn column(r: &[Value]) -> Column {
    Column { name: text(&r[0]), type_name: text(&r[1]), not_null: truthy(&r[2]), default: r[3].text() }
}

const SEP: char = '\u{1f}';

fn split(v: &Value) -> Vec<String> {
    text(v).split(SEP).map(str::to_string).collect()
}

/// The schemas a person would browse (PostgreSQL); `main` for SQLite.
pub fn schemas(s: &mut Session) -> Result<Vec<String>, SqlError> {
    match s.backend() {
        Backend::Sqlite => Ok(vec!["main".into()]),
        Backend::Pg => {
            let rows = s.query(
                "SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('information_schema') \
                 AND nspname NOT LIKE 'pg\\_%' AND has_schema_privilege(oid, 'USAGE') ORDER BY nspname",
                &[],
                10_000,
            )?;
            Ok(rows.rows.iter().map(|r| text(&r[0])).collect())
        }
    }
}

/// The schema shown first: the first of the search path (Prisma's `schema=`) when it exists,
/// else `public` when it exists, else the first.
pub fn default_schema(s: &mut Session) -> Result<String, SqlError> {
    let all = schemas(s)?;
    if s.backend() == Backend::Pg {
        let current = s.query("SELECT current_schema()", &[], 1)?;
        if let Some(name) = current.rows.first().map(|r| text(&r[0])).filter(|n| all.contains(n)) {
            return Ok(name);
        }
    }
    Ok(if all.iter().any(|n| n == "public") || all.is_empty() {
        match s.backend() {
            Backend::Pg => "public".into(),
            Backend::Sqlite => "main".into(),
        }
    } else {
        all[0].clone()
    })
}

fn pg_kind(k: &str) -> &'static str {
    match k {
        "r" => "table",
        "p" => "partitioned table",
        "v" => "view",
        "m" => "materialized view",
        "f" => "foreign table",
        _ => "relation",
    }
}

/// The tables and views of a schema, with estimated rows and size; no size for a table someone
/// holds or awaits an exclusive lock on (a deploy's `ALTER TABLE`), which the size would wait for.
pub fn tables(s: &mut Session, schema: &str) -> Result<Vec<TableSummary>, SqlError> {
    let mut out = Vec::new();
    match s.backend() {
        Backend::Pg => {
            let rows = s.query(
                &format!(
                "SELECT c.relname, c.relkind::text, \
                        CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END, \
                        CASE WHEN c.relkind IN ('r', 'm', 'p') AND NOT locked THEN pg_total_relation_size(c.oid) END, \
                        locked::text \
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, \
                 LATERAL (SELECT {} AS locked) lk \
                 WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname",
                crate::db::pg_catalog::EXCLUSIVELY_LOCKED
                ),
                &[Value::Text(schema.into())],
                100_000,
            )?;
            for r in rows.rows {
                out.push(TableSummary {
                    name: text(&r[0]),
                    kind: pg_kind(&text(&r[1])).into(),
                    rows: int(&r[2]),
                    rows_capped: false,
                    size: int(&r[3]),
                    locked: text(&r[4]) == "true",
                });
            }
        }
        Backend::Sqlite => {
            let rows = s.query(
                "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') \
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                &[],
                100_000,
            )?;
            let dbstat = s.query("SELECT 1 FROM dbstat LIMIT 1", &[], 1).is_ok();
            for r in rows.rows {
                let name = text(&r[0]);
                let size = if dbstat {
                    s.query(
                        "SELECT sum(pgsize) FROM dbstat WHERE name = ?1",
                        &[Value::Text(name.clone())],
                        1,
                    )?
                    .rows
                    .first()
                    .and_then(|r| int(&r[0]))
                } else {
                    None
                };
                out.push(TableSummary {
                    name,
                    kind: text(&r[1]),
                    rows: None,
                    rows_capped: false,
                    size,
                    locked: false,
                });
            }
        }
    }
    // Without statistics, count small relations (and views) up to a cap.
    for t in out.iter_mut().filter(|t| (t.rows.is_none() || t.rows == Some(0)) && !t.locked) {
        if t.size.is_some_and(|b| b > 64 << 20) {
            continue;
        }
        let relation = relation(s.backend(), schema, &t.name);
        let sql =
            format!("SELECT count(*) FROM (SELECT 1 FROM {relation} LIMIT {}) AS capped", COUNT_CAP + 1);
        if let Ok(rows) = s.query(&sql, &[], 1) {
            let n = rows.rows.first().and_then(|r| int(&r[0])).unwrap_or(0);
            t.rows = Some(n.min(COUNT_CAP));
            t.rows_capped = n > COUNT_CAP;
        }
    }
    Ok(out)
}

/// Everything about one table or view, or `None` when the catalogue has no such relation.
pub fn table(s: &mut Session, schema: &str, name: &str) -> Result<Option<Table>, SqlError> {
    match s.backend() {
        Backend::Pg => pg_table(s, schema, name),
        Backend::Sqlite => sqlite_table(s, schema, name),
    }
}

fn pg_table(s: &mut Session, schema: &str, name: &str) -> Result<Option<Table>, SqlError> {
    let found = s.query(
        "SELECT c.oid::text, c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
        &[Value::Text(schema.into()), Value::Text(name.into())],
        1,
    )?;
    let Some(row) = found.rows.first() else { return Ok(None) };
    let oid = [row[0].clone()];
    let kind = pg_kind(&text(&row[1])).to_string();
    let columns = s
        .query(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid) \
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            &oid,
            10_000,
        )?
        .rows
        .iter()
        .map(|r| column(r))
        .collect();
    let primary_key = s
        .query(
            "SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
             WHERE i.indrelid = $1::oid AND i.indisprimary ORDER BY k.ord",
            &oid,
            1000,
        )?
        .rows
        .iter()
        .map(|r| text(&r[0]))
        .collect();
    let fk_sql = |side: &str| {
        format!(
            "SELECT con.conname, ln.nspname, lc.relname, \
               (SELECT string_agg(a.attname, chr(31) ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(n, ord) \
                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n), \
               rn.nspname, rc.relname, \
               (SELECT string_agg(a.attname, chr(31) ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(n, ord) \
                JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n) \
             FROM pg_constraint con \
             JOIN pg_class lc ON lc.oid = con.conrelid JOIN pg_namespace ln ON ln.oid = lc.relnamespace \
             JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace \
             WHERE con.contype = 'f' AND con.{side} = $1::oid ORDER BY lc.relname, con.conname"
        )
    };
    let fks = |rows: Vec<Vec<Value>>| -> Vec<ForeignKey> {
        rows.iter()
            .map(|r| ForeignKey {
                name: text(&r[0]),
                schema: text(&r[1]),
                table: text(&r[2]),
                columns: split(&r[3]),
                ref_schema: text(&r[4]),
                ref_table: text(&r[5]),
                ref_columns: split(&r[6]),
            })
            .collect()
    };
    let foreign_keys = fks(s.query(&fk_sql("conrelid"), &oid, 10_000)?.rows);
    let referenced_by = fks(s.query(&fk_sql("confrelid"), &oid, 10_000)?.rows);
    let indexes = s
        .query(
            "SELECT ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique FROM pg_index i \
             JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = $1::oid ORDER BY ic.relname",
            &oid,
            10_000,
        )?
        .rows
        .iter()
        .map(|r| Index { name: text(&r[0]), definition: text(&r[1]), unique: truthy(&r[2]) })
        .collect();
    let constraints = s
        .query(
            "SELECT conname, CASE contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign key' \
             WHEN 'c' THEN 'check' WHEN 'x' THEN 'exclusion' ELSE contype::text END, pg_get_constraintdef(oid) \
             FROM pg_constraint WHERE conrelid = $1::oid ORDER BY conname",
            &oid,
            10_000,
        )?
        .rows
        .iter()
        .map(|r| Constraint { name: text(&r[0]), kind: text(&r[1]), definition: text(&r[2]) })
        .collect();
    let fallback_key = match kind.as_str() {
        "table" | "materialized view" => vec!["ctid".to_string()],
        "partitioned table" => vec!["tableoid".to_string(), "ctid".to_string()],
        _ => Vec::new(),
    };
    Ok(Some(Table {
        schema: schema.into(),
        name: name.into(),
        kind,
        columns,
        primary_key,
        fallback_key,
        foreign_keys,
        referenced_by,
        indexes,
        constraints,
    }))
}

fn sqlite_table(s: &mut Session, schema: &str, name: &str) -> Result<Option<Table>, SqlError> {
    if schema != "main" {
        return Ok(None);
    }
    let found = s.query(
        "SELECT type, sql FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?1",
        &[Value::Text(name.into())],
        1,
    )?;
    let Some(row) = found.rows.first() else { return Ok(None) };
    let kind = text(&row[0]);
    let create_sql = text(&row[1]);
    let n = Value::Text(name.into());
    let info = s.query(
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?1) WHERE hidden IN (0, 2, 3) ORDER BY cid",
        std::slice::from_ref(&n),
        10_000,
    )?;
    let columns: Vec<Column> = info.rows.iter().map(|r| column(r)).collect();
    let mut pk: Vec<(i64, String)> =
        info.rows.iter().filter_map(|r| int(&r[4]).filter(|p| *p > 0).map(|p| (p, text(&r[0])))).collect();
    pk.sort();
    let primary_key: Vec<String> = pk.into_iter().map(|(_, c)| c).collect();
    let without_rowid =
        create_sql.to_ascii_uppercase().replace(char::is_whitespace, "").contains("WITHOUTROWID");
    let fallback_key = if kind == "table" && !without_rowid && primary_key.is_empty() {
        vec!["rowid".to_string()]
    } else {
        Vec::new()
    };

    let fk_rows = |s: &mut Session, table: &str| -> Result<Vec<ForeignKey>, SqlError> {
        let rows = s.query(
            "SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
            &[Value::Text(table.into())],
            10_000,
        )?;
        let mut out: Vec<(i64, ForeignKey)> = Vec::new();
        for r in rows.rows {
            let id = int(&r[0]).unwrap_or(0);
            if out.last().is_none_or(|(last, _)| *last != id) {
                out.push((
                    id,
                    ForeignKey {
                        name: format!("{table}_fk{id}"),
                        schema: "main".into(),
                        table: table.into(),
                        columns: Vec::new(),
                        ref_schema: "main".into(),
                        ref_table: text(&r[2]),
                        ref_columns: Vec::new(),
                    },
                ));
            }
            let fk = &mut out.last_mut().expect("pushed").1;
            fk.columns.push(text(&r[3]));
            fk.ref_columns.push(r[4].text().unwrap_or_default());
        }
        Ok(out.into_iter().map(|(_, fk)| fk).collect())
    };
    let mut foreign_keys = fk_rows(s, name)?;
    // `REFERENCES t` without columns means t's primary key.
    for fk in &mut foreign_keys {
        if fk.ref_columns.iter().all(String::is_empty) {
            let target = s.query(
                "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk",
                &[Value::Text(fk.ref_table.clone())],
                100,
            )?;
            fk.ref_columns = target.rows.iter().map(|r| text(&r[0])).collect();
        }
    }
    let mut referenced_by = Vec::new();
    let others =
        s.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", &[], 100_000)?;
    for other in others.rows.iter().map(|r| text(&r[0])) {
        for mut fk in fk_rows(s, &other)? {
            if fk.ref_table.eq_ignore_ascii_case(name) {
                fk.ref_table = name.into();
                if fk.ref_columns.iter().all(String::is_empty) {
                    fk.ref_columns = primary_key.clone();
                }
                referenced_by.push(fk);
            }
        }
    }
    let mut indexes = Vec::new();
    let list = s.query(
        "SELECT l.name, l.\"unique\", m.sql FROM pragma_index_list(?1) AS l \
         LEFT JOIN sqlite_schema AS m ON m.type = 'index' AND m.name = l.name ORDER BY l.name",
        std::slice::from_ref(&n),
        10_000,
    )?;
    for r in list.rows {
        let iname = text(&r[0]);
        let definition = match r[2].text() {
            Some(sql) => sql,
            None => {
                let cols = s.query(
                    "SELECT name FROM pragma_index_info(?1) ORDER BY seqno",
                    &[Value::Text(iname.clone())],
                    1000,
                )?;
                let cols: Vec<String> = cols.rows.iter().map(|c| text(&c[0])).collect();
                format!("automatic index on ({})", cols.join(", "))
            }
        };
        indexes.push(Index { name: iname, definition, unique: truthy(&r[1]) });
    }
    let mut constraints = Vec::new();
    if !primary_key.is_empty() {
        constraints.push(Constraint {
            name: "primary key".into(),
            kind: "primary key".into(),
            definition: format!("PRIMARY KEY ({})", primary_key.join(", ")),
        });
    }
    for fk in &foreign_keys {
        constraints.push(Constraint {
            name: fk.name.clone(),
            kind: "foreign key".into(),
            definition: format!(
                "FOREIGN KEY ({}) REFERENCES {}({})",
                fk.columns.join(", "),
                fk.ref_table,
                fk.ref_columns.join(", ")
            ),
        });
    }
    Ok(Some(Table {
        schema: "main".into(),
        name: name.into(),
        kind,
        columns,
        primary_key,
        fallback_key,
        foreign_keys,
        referenced_by,
        indexes,
        constraints,
    }))
}
