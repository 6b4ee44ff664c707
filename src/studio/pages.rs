//! The pages, as server-rendered HTML (maud escapes every value), with the stylesheet and the
//! little script embedded in the binary.

use std::time::Duration;

use maud::{DOCTYPE, Markup, html};

use super::catalog::{Table, TableSummary};
use super::console::ConsoleResult;
use super::query::Op;
use super::web::table_path;

pub const CSS: &str = include_str!("assets/app.css");
pub const JS: &str = include_str!("assets/app.js");

/// What every page's header shows.
pub struct Chrome {
    pub database: String,
    pub write: bool,
}

pub struct Cell {
    pub text: Option<String>,
    pub href: Option<String>,
}

pub struct Nav {
    pub first: String,
    pub last: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// A row's cells and the `w.<column>` pairs that name it.
pub type ShownRow = (Vec<Cell>, Vec<(String, String)>);

pub struct Reference {
    pub table: String,
    pub columns: String,
    pub count: u64,
    pub href: String,
}

pub struct TableView<'a> {
    pub table: &'a Table,
    pub rows: Vec<Vec<Cell>>,
    pub row_links: Vec<Option<String>>,
    pub sort_links: Vec<String>,
    pub sort: Option<String>,
    pub desc: bool,
    pub filters: Vec<(String, Op, String)>,
    pub nav: Nav,
    pub elapsed: Duration,
    /// How many rows match: `1,234 rows`, `more than 10,000 rows`.
    pub total: Option<String>,
    pub export_csv: String,
    pub export_json: String,
    pub writable: bool,
}

fn layout(chrome: Option<&Chrome>, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · dbctl studio-lite" }
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "dbctl studio-lite" }
                    @if let Some(c) = chrome {
                        span.db title="database" { (c.database) }
                        nav {
                            a href="/" { "Tables" }
                            a href="/sql" { "SQL console" }
                        }
                        @if c.write {
                            span.mode.write title="started with --write" { "read-write" }
                        } @else {
                            span.mode title="the connection is read-only" { "read-only" }
                        }
                    }
                    button #theme type="button" title="Switch light and dark" { "◐" }
                }
                main { (body) }
            }
        }
    }
}

pub fn error_page(title: &str, text: &str) -> Markup {
    layout(
        None,
        title,
        html! {
            h1 { (title) }
            p.error { (text) }
            p { a href="/" { "Back to the tables" } }
        },
    )
}

pub fn tables(chrome: &Chrome, schemas: &[String], schema: &str, tables: &[TableSummary]) -> Markup {
    layout(
        Some(chrome),
        "Tables",
        html! {
            div.bar {
                h1 { "Tables" }
                @if schemas.len() > 1 {
                    form.schema method="get" action="/" {
                        label { "Schema "
                            select name="schema" data-autosubmit {
                                @for s in schemas {
                                    option value=(s) selected[s == schema] { (s) }
                                }
                            }
                        }
                        noscript { button type="submit" { "Show" } }
                    }
                }
            }
            @if tables.is_empty() {
                p.empty { "No tables or views in " (schema) "." }
            } @else {
                table.grid.tables {
                    thead { tr { th { "Name" } th { "Kind" } th.num { "Rows (estimate)" } th.num { "Size" } th {} } }
                    tbody {
                        @for t in tables {
                            tr {
                                td { a.table-link href=(table_path(schema, &t.name)) { (t.name) } }
                                td.kind { (t.kind) }
                                td.num {
                                    @match t.rows {
                                        Some(n) => { (crate::text::thousands(n.max(0) as u64)) @if t.rows_capped { "+" } }
                                        None => span.null { "?" },
                                    }
                                }
                                td.num {
                                    @if let Some(b) = t.size { (crate::text::bytes(b as f64)) }
                                    @else if t.locked {
                                        span.null title="another session holds or awaits an exclusive lock on it (a migration's ALTER TABLE, say)" { "locked" }
                                    }
                                }
                                td { a href={ (table_path(schema, &t.name)) "/schema" } { "schema" } }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn cell(c: &Cell) -> Markup {
    html! {
        @match (&c.text, &c.href) {
            (None, _) => span.null { "NULL" },
            (Some(t), Some(h)) => a.fk href=(h) title="the referenced row" { (t) },
            (Some(t), None) => (t),
        }
    }
}

fn table_heading(table: &Table, here: &str) -> Markup {
    let base = table_path(&table.schema, &table.name);
    html! {
        div.bar {
            h1 {
                span.schema { (table.schema) "." } (table.name)
                " " small.kind { (table.kind) }
            }
            nav.tabs {
                a href=(base) aria-current=[(here == "rows").then_some("page")] { "Rows" }
                a href={ (base) "/schema" } aria-current=[(here == "schema").then_some("page")] { "Schema" }
            }
        }
    }
}

pub fn table(chrome: &Chrome, v: &TableView) -> Markup {
    let t = v.table;
    let base = table_path(&t.schema, &t.name);
    layout(
        Some(chrome),
        &t.name,
        html! {
            (table_heading(t, "rows"))
            form.filters method="get" action=(base) {
                @if let Some(s) = &v.sort {
                    input type="hidden" name="sort" value=(s);
                    input type="hidden" name="dir" value=(if v.desc { "desc" } else { "asc" });
                }
                div.filter-rows {
                    @for (col, op, val) in &v.filters {
                        (filter_row(t, Some(col), *op, val))
                    }
                    (filter_row(t, None, Op::Eq, ""))
                }
                button type="submit" { "Filter" }
                @if !v.filters.is_empty() {
                    " " a href=(base) { "clear filters" }
                }
            }
            div.pager {
                a href=(v.nav.first) { "« First" }
                @if let Some(p) = &v.nav.prev { a rel="prev" href=(p) { "‹ Previous" } } @else { span.off { "‹ Previous" } }
                @if let Some(n) = &v.nav.next { a rel="next" href=(n) { "Next ›" } } @else { span.off { "Next ›" } }
                a href=(v.nav.last) { "Last »" }
                span.timing {
                    (v.rows.len()) " shown"
                    @if let Some(total) = &v.total { " of " (total) }
                    " · " (format!("{:.1} ms", v.elapsed.as_secs_f64() * 1000.0))
                }
                span.spacer {}
                a.export href=(v.export_csv) download { "Export CSV" }
                a.export href=(v.export_json) download { "Export JSON" }
                @if v.writable { a.button href={ (base) "/row?new=1" } { "Insert row" } }
            }
            div.scroll {
                table.grid.rows {
                    thead {
                        tr {
                            th.rowlink {}
                            @for (c, href) in t.columns.iter().zip(&v.sort_links) {
                                th {
                                    a.sort href=(href) title={ "Sort by " (c.name) } {
                                        (c.name)
                                        @if v.sort.as_deref() == Some(c.name.as_str()) {
                                            @if v.desc { " ▼" } @else { " ▲" }
                                        }
                                    }
                                    @if t.primary_key.contains(&c.name) { span.pk title="primary key" { "PK" } }
                                    br; small.type { (c.type_name) }
                                }
                            }
                        }
                    }
                    tbody {
                        @for (row, link) in v.rows.iter().zip(&v.row_links) {
                            tr {
                                td.rowlink { @if let Some(l) = link { a href=(l) title="Open the row" { "→" } } }
                                @for c in row { td { (cell(c)) } }
                            }
                        }
                    }
                }
                @if v.rows.is_empty() { p.empty { "No rows." } }
            }
        },
    )
}

fn filter_row(t: &Table, col: Option<&String>, op: Op, val: &str) -> Markup {
    html! {
        div.filter {
            select.fcol data-filter-col {
                @if col.is_none() { option value="" { "column…" } }
                @for c in &t.columns {
                    option value=(c.name) selected[col == Some(&c.name)] { (c.name) }
                }
            }
            select.fop data-filter-op {
                @for o in Op::ALL {
                    option value=(o.name()) selected[o == op] { (o.label()) }
                }
            }
            @if let Some(c) = col {
                input.fval type="text" name={ "f." (c) "." (op.name()) } value=(val) placeholder="value";
            } @else {
                input.fval type="text" placeholder="value";
            }
        }
    }
}

pub fn row(
    chrome: &Chrome,
    t: &Table,
    row: Option<ShownRow>,
    refs: Vec<Reference>,
    writable: bool,
) -> Markup {
    let base = table_path(&t.schema, &t.name);
    let title = if row.is_some() { format!("{} row", t.name) } else { format!("New {} row", t.name) };
    layout(
        Some(chrome),
        &title,
        html! {
            (table_heading(t, "row"))
            @match &row {
                Some((cells, key)) => {
                    h2 { "Row " small { @for (k, v) in key { (k.trim_start_matches("w.")) " = " (v) " " } } }
                    table.grid.record {
                        tbody {
                            @for (c, cell_) in t.columns.iter().zip(cells) {
                                tr { th { (c.name) br; small.type { (c.type_name) } } td.value { (cell(cell_)) } }
                            }
                        }
                    }
                    @if !refs.is_empty() {
                        h2 { "Referenced by" }
                        ul.refs {
                            @for r in &refs {
                                li {
                                    a href=(r.href) { (r.table) }
                                    " (" (r.columns) "): "
                                    @if r.count > 1000 { "more than 1,000 rows" } @else { (r.count) " rows" }
                                }
                            }
                        }
                    }
                    @if writable {
                        h2 { "Edit" }
                        form.edit method="post" action={ (base) "/update" } {
                            @for (k, v) in key { input type="hidden" name=(k) value=(v); }
                            (edit_fields(t, Some(cells)))
                            button type="submit" { "Save" }
                        }
                        form.delete method="post" action={ (base) "/delete" } data-confirm="Delete this row? This cannot be undone." {
                            @for (k, v) in key { input type="hidden" name=(k) value=(v); }
                            input type="hidden" name="confirm" value="yes";
                            button.danger type="submit" { "Delete row" }
                        }
                    }
                }
                None => {
                    h2 { "Insert a row" }
                    @if writable {
                        form.edit method="post" action={ (base) "/insert" } {
                            p.hint { "Empty fields take the column's default." }
                            (edit_fields(t, None))
                            button type="submit" { "Insert" }
                        }
                    } @else {
                        p.error { "studio-lite is read-only: restart it with --write to insert rows." }
                    }
                }
            }
        },
    )
}

fn edit_fields(t: &Table, cells: Option<&Vec<Cell>>) -> Markup {
    html! {
        table.grid.record {
            tbody {
                @for (i, c) in t.columns.iter().enumerate() {
                    @let current = cells.and_then(|cs| cs.get(i));
                    @let is_null = current.is_some_and(|c| c.text.is_none());
                    tr {
                        th { label for={ "v-" (i) } { (c.name) } br; small.type { (c.type_name) } }
                        td {
                            input id={ "v-" (i) } type="text" name={ "v." (c.name) }
                                value=(current.and_then(|c| c.text.clone()).unwrap_or_default())
                                placeholder=[c.default.as_deref().map(|d| format!("default: {d}"))];
                            @if !c.not_null {
                                label.null { input type="checkbox" name={ "null." (c.name) } checked[is_null]; " NULL" }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn schema(chrome: &Chrome, t: &Table) -> Markup {
    layout(
        Some(chrome),
        &format!("{} schema", t.name),
        html! {
            (table_heading(t, "schema"))
            h2 { "Columns" }
            table.grid {
                thead { tr { th { "Name" } th { "Type" } th { "Nullable" } th { "Default" } th { "Key" } } }
                tbody {
                    @for c in &t.columns {
                        tr {
                            td { (c.name) }
                            td.type { (c.type_name) }
                            td { @if c.not_null { "not null" } @else { "null" } }
                            td { @if let Some(d) = &c.default { code { (d) } } }
                            td { @if let Some(i) = t.primary_key.iter().position(|k| *k == c.name) { "primary key" @if t.primary_key.len() > 1 { " (" (i + 1) ")" } } }
                        }
                    }
                }
            }
            @if t.primary_key.is_empty() {
                p.hint {
                    @if t.fallback_key.is_empty() { "No primary key: pages are ordered by every column." }
                    @else { "No primary key: pages are ordered by " code { (t.fallback_key.join(", ")) } "." }
                }
            }
            h2 { "Indexes" }
            @if t.indexes.is_empty() { p.empty { "None." } } @else {
                table.grid { thead { tr { th { "Name" } th { "Unique" } th { "Definition" } } }
                    tbody { @for i in &t.indexes { tr { td { (i.name) } td { @if i.unique { "unique" } } td { code { (i.definition) } } } } } }
            }
            h2 { "Constraints" }
            @if t.constraints.is_empty() { p.empty { "None." } } @else {
                table.grid { thead { tr { th { "Name" } th { "Kind" } th { "Definition" } } }
                    tbody { @for c in &t.constraints { tr { td { (c.name) } td { (c.kind) } td { code { (c.definition) } } } } } }
            }
            h2 { "Foreign keys" }
            @if t.foreign_keys.is_empty() { p.empty { "None." } } @else {
                ul.refs { @for fk in &t.foreign_keys {
                    li { "(" (fk.columns.join(", ")) ") → " a href=(table_path(&fk.ref_schema, &fk.ref_table)) { (fk.ref_table) } " (" (fk.ref_columns.join(", ")) ")" }
                } }
            }
            h2 { "Referenced by" }
            @if t.referenced_by.is_empty() { p.empty { "None." } } @else {
                ul.refs { @for fk in &t.referenced_by {
                    li { a href=(table_path(&fk.schema, &fk.table)) { (fk.table) } " (" (fk.columns.join(", ")) ") → (" (fk.ref_columns.join(", ")) ")" }
                } }
            }
        },
    )
}

pub fn console(
    chrome: &Chrome,
    config: &super::Config,
    off: Option<&str>,
    sql: &str,
    result: Option<&ConsoleResult>,
) -> Markup {
    if let Some(why) = off {
        return layout(
            Some(chrome),
            "SQL console",
            html! { div.bar { h1 { "SQL console" } } p.error { (why) } },
        );
    }
    layout(
        Some(chrome),
        "SQL console",
        html! {
            div.bar { h1 { "SQL console" } }
            p.hint {
                "One statement, in a read-only transaction that is always rolled back; stopped after "
                (crate::text::std_duration(config.statement_timeout)) ", at most " (config.row_cap) " rows shown. "
                "Ctrl+Enter runs."
            }
            form #console method="post" action="/sql" {
                textarea name="sql" rows="8" spellcheck="false" autofocus placeholder="SELECT …" { (sql) }
                div.actions {
                    button type="submit" name="action" value="run" { "Run" }
                    button type="submit" name="action" value="explain" { "Explain" }
                    button type="submit" name="action" value="csv" { "Export CSV" }
                    button type="submit" name="action" value="json" { "Export JSON" }
                }
            }
            @if let Some(r) = result {
                @if let Some(e) = &r.error {
                    p.error.sql-error { (e) }
                } @else {
                    p.timing {
                        @if r.explain { "Plan" } @else { (r.rows.len()) " rows" }
                        @if r.capped { " (stopped at the row cap of " (config.row_cap) ")" }
                        " · " (format!("{:.1} ms", r.elapsed.as_secs_f64() * 1000.0))
                    }
                    div.scroll {
                        table.grid.result {
                            thead { tr { @for c in &r.columns { th { (c) } } } }
                            tbody {
                                @for row in &r.rows {
                                    tr { @for v in row { td { @match v { Some(t) => pre.plain { (t) }, None => span.null { "NULL" } } } } }
                                }
                            }
                        }
                    }
                }
            }
            section.history {
                h2 { "History" }
                ol #history {}
                p.hint { "Kept in this browser only." }
            }
        },
    )
}
