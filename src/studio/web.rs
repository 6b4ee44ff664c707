//! The routes: parse and check what the URL or form asks for against the catalogue, run it on a
//! session, hand the result to a page.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{Form, Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine;
use maud::Markup;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::catalog::{self, Table};
use super::db::{Backend, Session, Value};
use super::pages::{self, Cell, Chrome};
use super::query::{self, Filter, Op, OrderCol, Seek};
use super::{App, WebError, streamed};

type Shared = State<Arc<App>>;

pub fn router(_app: Arc<App>) -> Router<Arc<App>> {
    Router::new()
        .route("/", get(tables_page))
        .route("/t/{schema}/{table}", get(table_page))
        .route("/t/{schema}/{table}/row", get(row_page))
        .route("/t/{schema}/{table}/schema", get(schema_page))
        .route("/t/{schema}/{table}/export", get(export_table))
        .route("/t/{schema}/{table}/insert", post(insert_row))
        .route("/t/{schema}/{table}/update", post(update_row))
        .route("/t/{schema}/{table}/delete", post(delete_row))
        .route("/sql", get(console_page).post(console_run))
        .route("/static/app.css", get(|| async { asset("text/css; charset=utf-8", pages::CSS) }))
        .route("/static/app.js", get(|| async { asset("text/javascript; charset=utf-8", pages::JS) }))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut res = body.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("max-age=3600"));
    res
}

/// Characters kept as they are in a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// `/t/<schema>/<table>` with both names encoded.
pub fn table_path(schema: &str, table: &str) -> String {
    format!("/t/{}/{}", utf8_percent_encode(schema, SEGMENT), utf8_percent_encode(table, SEGMENT))
}

fn qs(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    format!("?{}", url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish())
}

fn pairs(q: &Option<String>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(q.as_deref().unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn chrome(app: &App) -> Chrome {
    Chrome { database: app.config.database_label.clone(), write: app.config.write }
}

/// The table or view the URL names, from the catalogue; an unknown name is a 400.
fn lookup(s: &mut Session, schema: &str, name: &str) -> Result<Table, WebError> {
    catalog::table(s, schema, name)?.ok_or_else(|| {
        WebError::BadRequest(format!("there is no table or view `{name}` in schema `{schema}`"))
    })
}

/// A value from a URL or form for a column: text for PostgreSQL (the server converts it), and for
/// SQLite a number where the column has numeric affinity, as SQLite would compare it.
fn param(backend: Backend, table: &Table, column: &str, text: &str) -> Value {
    if backend == Backend::Pg {
        return Value::Text(text.to_string());
    }
    let decl = table.column(column).map_or("INTEGER".to_string(), |c| c.type_name.to_ascii_uppercase());
    let textual =
        decl.contains("CHAR") || decl.contains("CLOB") || decl.contains("TEXT") || decl.contains("BLOB");
    if !textual && !decl.is_empty() {
        if let Ok(i) = text.trim().parse::<i64>() {
            return Value::Int(i);
        }
        if let Ok(f) = text.trim().parse::<f64>() {
            return Value::Real(f);
        }
    }
    Value::Text(text.to_string())
}

/// A key column's name as it may appear in a URL: a column, or the table's ctid/rowid.
fn check_key_column(table: &Table, name: &str) -> Result<String, WebError> {
    if table.column(name).is_some() || table.fallback_key.iter().any(|k| k == name) {
        Ok(table.key_expr(name))
    } else {
        Err(WebError::BadRequest(format!("`{}` has no column `{name}`", table.name)))
    }
}

fn encode_cursor(values: &[Value]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(serde_json::to_vec(values).expect("values serialize"))
}

fn decode_cursor(text: &str, len: usize) -> Result<Vec<Value>, WebError> {
    let bad = || {
        WebError::BadRequest("the page cursor is not one this server made; start from the first page".into())
    };
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
    let values: Vec<Value> = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    if values.len() != len {
        return Err(bad());
    }
    Ok(values)
}

/// What a table page's URL asks for, checked.
struct View {
    sort: Option<String>,
    desc: bool,
    /// Column, operator, value as given.
    filters: Vec<(String, Op, String)>,
    seek: Seek,
    size: usize,
    /// The page size when the URL does not give one.
    default_size: usize,
}

impl View {
    fn parse(pairs: &[(String, String)], table: &Table, default_size: usize) -> Result<View, WebError> {
        let mut v = View {
            sort: None,
            desc: false,
            filters: Vec::new(),
            seek: Seek::First,
            size: default_size,
            default_size,
        };
        let mut after = None;
        let mut before = None;
        for (k, val) in pairs {
            match k.as_str() {
                "sort" => {
                    if table.column(val).is_none() {
                        return Err(WebError::BadRequest(format!(
                            "cannot sort by `{val}`: `{}` has no such column",
                            table.name
                        )));
                    }
                    v.sort = Some(val.clone());
                }
                "dir" => match val.as_str() {
                    "asc" => v.desc = false,
                    "desc" => v.desc = true,
                    _ => return Err(WebError::BadRequest(format!("dir is asc or desc, not `{val}`"))),
                },
                "n" => {
                    v.size =
                        val.parse::<usize>().ok().filter(|n| (1..=1000).contains(n)).ok_or_else(|| {
                            WebError::BadRequest(format!("n is a page size from 1 to 1000, not `{val}`"))
                        })?
                }
                "after" => after = Some(val.clone()),
                "before" => before = Some(val.clone()),
                "page" if val == "last" => v.seek = Seek::Last,
                "page" if val == "first" => v.seek = Seek::First,
                _ => {
                    if let Some(rest) = k.strip_prefix("f.") {
                        let (col, op) = rest.rsplit_once('.').ok_or_else(|| {
                            WebError::BadRequest(format!("filter `{k}`: expected f.<column>.<operator>"))
                        })?;
                        if table.column(col).is_none() {
                            return Err(WebError::BadRequest(format!(
                                "cannot filter on `{col}`: `{}` has no such column",
                                table.name
                            )));
                        }
                        let op = Op::parse(op).ok_or_else(|| {
                            WebError::BadRequest(format!(
                                "filter `{k}`: unknown operator `{op}` (eq, ne, lt, le, gt, ge, contains, null, notnull)"
                            ))
                        })?;
                        if op.takes_value() && val.is_empty() {
                            continue;
                        }
                        v.filters.push((col.to_string(), op, val.clone()));
                    } else if !matches!(k.as_str(), "schema") {
                        return Err(WebError::BadRequest(format!("unknown parameter `{k}`")));
                    }
                }
            }
        }
        let width = v.order(table).len();
        if let Some(a) = after {
            v.seek = Seek::After(decode_cursor(&a, width)?);
        } else if let Some(b) = before {
            v.seek = Seek::Before(decode_cursor(&b, width)?);
        }
        Ok(v)
    }

    /// The ordering: the sort column, then the key.
    fn order(&self, table: &Table) -> Vec<OrderCol> {
        let mut order = Vec::new();
        let key = table.key();
        let view_key = table.primary_key.is_empty() && table.fallback_key.is_empty();
        if let Some(sort) = self.sort.as_ref().filter(|s| !(key.len() == 1 && key[0] == **s)) {
            let nullable = !table.column(sort).is_some_and(|c| c.not_null);
            order.push(OrderCol { expr: crate::db::quote_ident(sort), desc: self.desc, nullable });
        }
        for k in key {
            let nullable = view_key && !table.column(&k).is_some_and(|c| c.not_null);
            order.push(OrderCol { expr: table.key_expr(&k), desc: self.desc, nullable });
        }
        order
    }

    fn filters(&self, backend: Backend, table: &Table) -> Vec<Filter> {
        self.filters
            .iter()
            .map(|(col, op, val)| Filter {
                expr: crate::db::quote_ident(col),
                op: *op,
                value: if op.takes_value() { param(backend, table, col, val) } else { Value::Null },
            })
            .collect()
    }

    /// The URL parameters of this view with another starting point (`None`: the first page).
    fn pairs(&self, seek: Option<(&str, String)>) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(s) = &self.sort {
            out.push(("sort".into(), s.clone()));
            out.push(("dir".into(), if self.desc { "desc" } else { "asc" }.into()));
        }
        for (c, op, v) in &self.filters {
            out.push((format!("f.{c}.{}", op.name()), v.clone()));
        }
        if self.size != self.default_size {
            out.push(("n".into(), self.size.to_string()));
        }
        if let Some((k, v)) = seek {
            out.push((k.into(), v));
        }
        out
    }
}

async fn tables_page(State(app): Shared, RawQuery(q): RawQuery) -> Result<Markup, WebError> {
    let wanted = pairs(&q).into_iter().find(|(k, _)| k == "schema").map(|(_, v)| v);
    app.read(move |app, s| {
        let schemas = catalog::schemas(s)?;
        let schema = match wanted {
            Some(w) if schemas.contains(&w) => w,
            Some(w) => return Err(WebError::BadRequest(format!("there is no schema `{w}`"))),
            None => catalog::default_schema(s)?,
        };
        let tables = catalog::tables(s, &schema)?;
        Ok(pages::tables(&chrome(app), &schemas, &schema, &tables))
    })
    .await
}

async fn table_page(
    State(app): Shared,
    Path((schema, name)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Markup, WebError> {
    let pairs = pairs(&q);
    app.read(move |app, s| {
        let backend = s.backend();
        let table = lookup(s, &schema, &name)?;
        let view = View::parse(&pairs, &table, app.config.page_size)?;
        let order = view.order(&table);
        let select = table.select_list();
        let stmt = query::page(
            backend,
            &table.relation(backend),
            &select,
            &order,
            &view.filters(backend, &table),
            &view.seek,
            view.size + 1,
        );
        let started = Instant::now();
        let mut got = s.query(&stmt.sql, &stmt.params, view.size + 1)?;
        let elapsed = started.elapsed();
        let more = got.rows.len() > view.size;
        got.rows.truncate(view.size);
        if stmt.reversed {
            got.rows.reverse();
        }
        let ncols = table.columns.len();
        let keys: Vec<Vec<Value>> = got.rows.iter().map(|r| r[ncols..].to_vec()).collect();
        let (has_prev, has_next) = match &view.seek {
            Seek::First => (false, more),
            Seek::After(_) => (true, more),
            Seek::Before(_) => (more, true),
            Seek::Last => (more, false),
        };
        let base = table_path(&table.schema, &table.name);
        let link = |seek: Option<(&str, String)>| format!("{base}{}", qs(&view.pairs(seek)));
        let nav = pages::Nav {
            first: link(None),
            last: link(Some(("page", "last".into()))),
            prev: (has_prev && !keys.is_empty()).then(|| link(Some(("before", encode_cursor(&keys[0]))))),
            next: (has_next && !keys.is_empty())
                .then(|| link(Some(("after", encode_cursor(keys.last().expect("not empty")))))),
        };
        let rows = got.rows.iter().map(|r| cells(&table, &r[..ncols], 200)).collect();
        let row_links = got.rows.iter().map(|r| row_href(&table, &r[..ncols], &r[ncols..], &order)).collect();
        let sort_links = table
            .columns
            .iter()
            .map(|c| {
                let desc = view.sort.as_deref() == Some(c.name.as_str()) && !view.desc;
                let p = View {
                    sort: Some(c.name.clone()),
                    desc,
                    filters: view.filters.clone(),
                    seek: Seek::First,
                    size: view.size,
                    default_size: view.default_size,
                }
                .pairs(None);
                format!("{base}{}", qs(&p))
            })
            .collect();
        let export = |format: &str| {
            let mut p = view.pairs(None);
            p.push(("format".into(), format.into()));
            format!("{base}/export{}", qs(&p))
        };
        Ok(pages::table(
            &chrome(app),
            &pages::TableView {
                table: &table,
                rows,
                row_links,
                sort_links,
                sort: view.sort.clone(),
                desc: view.desc,
                filters: view.filters.iter().map(|(c, o, v)| (c.clone(), *o, v.clone())).collect(),
                nav,
                elapsed,
                export_csv: export("csv"),
                export_json: export("json"),
                writable: app.config.write && table.writable(),
            },
        ))
    })
    .await
}

/// The cells of a row: text (cut to `limit` characters) and, for foreign-key columns, a link to
/// the referenced row.
fn cells(table: &Table, values: &[Value], limit: usize) -> Vec<Cell> {
    table
        .columns
        .iter()
        .zip(values)
        .map(|(col, v)| {
            let text = v.text().map(|t| {
                if t.chars().count() > limit {
                    format!("{}…", t.chars().take(limit).collect::<String>())
                } else {
                    t
                }
            });
            let href = table.foreign_keys.iter().find(|fk| fk.columns.contains(&col.name)).and_then(|fk| {
                let mut p = Vec::new();
                for (c, rc) in fk.columns.iter().zip(&fk.ref_columns) {
                    let i = table.columns.iter().position(|x| &x.name == c)?;
                    p.push((format!("w.{rc}"), values[i].text()?));
                }
                Some(format!("{}/row{}", table_path(&fk.ref_schema, &fk.ref_table), qs(&p)))
            });
            Cell { text, href }
        })
        .collect()
}

/// The link to a row's own page, by its key.
fn row_href(table: &Table, values: &[Value], order_values: &[Value], order: &[OrderCol]) -> Option<String> {
    let key = table.key();
    let mut p = Vec::new();
    for k in &key {
        let v = match table.columns.iter().position(|c| &c.name == k) {
            Some(i) => values[i].text()?,
            None => {
                let expr = table.key_expr(k);
                let i = order.iter().position(|o| o.expr == expr)?;
                order_values[i].text()?
            }
        };
        p.push((format!("w.{k}"), v));
    }
    Some(format!("{}/row{}", table_path(&table.schema, &table.name), qs(&p)))
}

/// The `w.<column>=value` equalities of a row URL or form, checked.
fn row_match(
    table: &Table,
    backend: Backend,
    pairs: &[(String, String)],
) -> Result<Vec<(String, Value)>, WebError> {
    let mut eq = Vec::new();
    for (k, v) in pairs {
        if let Some(col) = k.strip_prefix("w.") {
            let expr = check_key_column(table, col)?;
            eq.push((expr, param(backend, table, col, v)));
        }
    }
    if eq.is_empty() {
        return Err(WebError::BadRequest("which row? give w.<column>=<value>".into()));
    }
    Ok(eq)
}

async fn row_page(
    State(app): Shared,
    Path((schema, name)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Markup, WebError> {
    let pairs = pairs(&q);
    app.read(move |app, s| {
        let backend = s.backend();
        let table = lookup(s, &schema, &name)?;
        let writable = app.config.write && table.writable();
        if pairs.iter().any(|(k, v)| k == "new" && v == "1") {
            return Ok(pages::row(&chrome(app), &table, None, Vec::new(), writable));
        }
        for (k, _) in &pairs {
            if !k.starts_with("w.") {
                return Err(WebError::BadRequest(format!("unknown parameter `{k}`")));
            }
        }
        let eq = row_match(&table, backend, &pairs)?;
        let select = table.select_list();
        let stmt = query::matching(backend, &table.relation(backend), &select, &eq, 2);
        let got = s.query(&stmt.sql, &stmt.params, 2)?;
        let Some(values) = got.rows.first() else {
            return Err(WebError::NotFound(format!("no row of `{}` matches", table.name)));
        };
        // The rows of other tables that point at this one, counted up to a cap.
        let mut refs = Vec::new();
        for fk in &table.referenced_by {
            let mut eq = Vec::new();
            let mut filter = Vec::new();
            for (c, rc) in fk.columns.iter().zip(&fk.ref_columns) {
                let Some(i) = table.columns.iter().position(|x| &x.name == rc) else { continue };
                let Some(v) = values[i].text() else { continue };
                eq.push((crate::db::quote_ident(c), values[i].clone()));
                filter.push((format!("f.{c}.eq"), v));
            }
            if eq.len() != fk.columns.len() {
                continue;
            }
            let relation = catalog::relation(backend, &fk.schema, &fk.table);
            let inner = query::matching(backend, &relation, &["1".into()], &eq, 1001);
            let count =
                s.query(&format!("SELECT count(*) FROM ({}) AS refs", inner.sql), &inner.params, 1)?;
            let n =
                count.rows.first().and_then(|r| r[0].text()).and_then(|t| t.parse::<u64>().ok()).unwrap_or(0);
            refs.push(pages::Reference {
                table: fk.table.clone(),
                columns: fk.columns.join(", "),
                count: n,
                href: format!("{}{}", table_path(&fk.schema, &fk.table), qs(&filter)),
            });
        }
        let full = cells(&table, values, usize::MAX);
        Ok(pages::row(&chrome(app), &table, Some((full, pairs)), refs, writable))
    })
    .await
}

async fn schema_page(
    State(app): Shared,
    Path((schema, name)): Path<(String, String)>,
) -> Result<Markup, WebError> {
    app.read(move |app, s| {
        let table = lookup(s, &schema, &name)?;
        Ok(pages::schema(&chrome(app), &table))
    })
    .await
}

/// Writes rows as CSV or JSON into `send`, 64 KiB at a time. The header (CSV) comes with the
/// columns, which a query only names once it runs.
struct Exporter<'a> {
    json: bool,
    columns: Option<Vec<String>>,
    buf: Vec<u8>,
    rows: u64,
    send: &'a mut dyn FnMut(Vec<u8>) -> bool,
}

impl<'a> Exporter<'a> {
    fn new(json: bool, send: &'a mut dyn FnMut(Vec<u8>) -> bool) -> Self {
        Exporter { json, columns: None, buf: Vec::with_capacity(1 << 16), rows: 0, send }
    }

    fn columns(&mut self, columns: &[String]) {
        if self.columns.is_some() {
            return;
        }
        if self.json {
            self.buf.extend_from_slice(b"[");
        } else {
            let mut w = csv::Writer::from_writer(std::mem::take(&mut self.buf));
            let _ = w.write_record(columns);
            self.buf = w.into_inner().unwrap_or_default();
        }
        self.columns = Some(columns.to_vec());
    }

    /// false: the client went away.
    fn row(&mut self, values: &[Value]) -> bool {
        let columns = self.columns.as_deref().unwrap_or_default();
        if self.json {
            self.buf.extend_from_slice(if self.rows == 0 { b"\n" } else { b",\n" });
            let mut obj = String::from("{");
            for (i, (c, v)) in columns.iter().zip(values).enumerate() {
                if i > 0 {
                    obj.push_str(", ");
                }
                obj.push_str(&serde_json::to_string(c).unwrap_or_default());
                obj.push_str(": ");
                obj.push_str(&v.json().to_string());
            }
            obj.push('}');
            self.buf.extend_from_slice(obj.as_bytes());
        } else {
            let mut w = csv::Writer::from_writer(std::mem::take(&mut self.buf));
            let _ = w.write_record(values.iter().map(|v| v.text().unwrap_or_default()));
            self.buf = w.into_inner().unwrap_or_default();
        }
        self.rows += 1;
        if self.buf.len() >= 1 << 16 { (self.send)(std::mem::take(&mut self.buf)) } else { true }
    }

    fn finish(mut self, columns: &[String]) -> bool {
        self.columns(columns);
        if self.json {
            self.buf.extend_from_slice(if self.rows == 0 { b"]\n" } else { b"\n]\n" });
        }
        (self.send)(std::mem::take(&mut self.buf))
    }
}

fn export_type(format: &str) -> Result<(bool, &'static str), WebError> {
    match format {
        "csv" => Ok((false, "text/csv; charset=utf-8")),
        "json" => Ok((true, "application/json")),
        other => Err(WebError::BadRequest(format!("format is csv or json, not `{other}`"))),
    }
}

async fn export_table(
    State(app): Shared,
    Path((schema, name)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Response, WebError> {
    let mut pairs = pairs(&q);
    let format = pairs.iter().find(|(k, _)| k == "format").map_or("csv".to_string(), |(_, v)| v.clone());
    pairs.retain(|(k, _)| k != "format" && k != "after" && k != "before" && k != "page");
    let (json, content_type) = export_type(&format)?;
    // Check everything before the response starts: errors after it cannot change the status.
    let (table, view) = app
        .read(move |app, s| {
            let table = lookup(s, &schema, &name)?;
            let view = View::parse(&pairs, &table, app.config.page_size)?;
            Ok((table, view))
        })
        .await?;
    let filename = format!("{}.{format}", table.name);
    let app = app.clone();
    Ok(streamed(content_type, &filename, move |send| {
        let mut s = app.read.take().map_err(|e| format!("{e:#}"))?;
        let out = export_rows(&mut s, &table, &view, json, send);
        app.read.give(s);
        out
    }))
}

/// Reads the whole table view in keyset pages inside one snapshot, streaming each page.
fn export_rows(
    s: &mut Session,
    table: &Table,
    view: &View,
    json: bool,
    send: &mut dyn FnMut(Vec<u8>) -> bool,
) -> Result<(), String> {
    let backend = s.backend();
    let begin = match backend {
        Backend::Pg => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        Backend::Sqlite => "BEGIN",
    };
    s.batch(begin).map_err(|e| e.message)?;
    let order = view.order(table);
    let select = table.select_list();
    let filters = view.filters(backend, table);
    let ncols = table.columns.len();
    let names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
    let mut out = Exporter::new(json, send);
    out.columns(&names);
    let mut seek = Seek::First;
    loop {
        let stmt = query::page(backend, &table.relation(backend), &select, &order, &filters, &seek, 1000);
        let page = s.query(&stmt.sql, &stmt.params, 1000).map_err(|e| e.message)?;
        for r in &page.rows {
            if !out.row(&r[..ncols]) {
                return Ok(());
            }
        }
        match page.rows.last() {
            Some(last) if page.rows.len() == 1000 => seek = Seek::After(last[ncols..].to_vec()),
            _ => break,
        }
    }
    out.finish(&names);
    Ok(())
}

async fn console_page(State(app): Shared) -> Markup {
    pages::console(&chrome(&app), &app.config, "", None)
}

/// The console's answer to one statement.
pub struct ConsoleResult {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Option<String>>>,
    pub capped: bool,
    pub elapsed: std::time::Duration,
    pub explain: bool,
    pub error: Option<String>,
}

/// What the console says when a statement ended its transaction (run and export alike).
const ENDED_TRANSACTION: &str = "the statement ended the console's read-only transaction: transaction control \
                                 (COMMIT, ROLLBACK, BEGIN) is not allowed here";

/// Runs one statement in a read-only transaction with the statement timeout; the transaction is
/// always rolled back.
fn run_console(app: &App, s: &mut Session, sql: &str, explain: bool, cap: usize) -> ConsoleResult {
    let backend = s.backend();
    let text = if explain {
        match backend {
            Backend::Pg => format!("EXPLAIN {sql}"),
            Backend::Sqlite => format!("EXPLAIN QUERY PLAN {sql}"),
        }
    } else {
        sql.to_string()
    };
    let started = Instant::now();
    let mut out = ConsoleResult {
        columns: Vec::new(),
        rows: Vec::new(),
        capped: false,
        elapsed: Default::default(),
        explain,
        error: None,
    };
    if let Err(e) = s.begin_read(app.config.statement_timeout) {
        out.error = Some(e.message);
        return out;
    }
    let result = s.query(&text, &[], cap);
    let still_ours = s.in_transaction();
    s.rollback();
    out.elapsed = started.elapsed();
    match result {
        _ if !still_ours => out.error = Some(ENDED_TRANSACTION.into()),
        Ok(rows) => {
            out.columns = rows.columns;
            out.capped = rows.capped;
            out.rows = rows.rows.iter().map(|r| r.iter().map(Value::text).collect()).collect();
        }
        Err(e) => {
            let timeout = e.message.contains("statement timeout");
            out.error = Some(if timeout {
                format!(
                    "{} (the console's limit is {}; studio.statement_timeout or --statement-timeout)",
                    e.message,
                    humantime::format_duration(app.config.statement_timeout)
                )
            } else {
                match e.position {
                    Some(p) => format!("{} (at character {p})", e.message),
                    None => e.message,
                }
            });
        }
    }
    out
}

async fn console_run(
    State(app): Shared,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let sql = get("sql").unwrap_or_default();
    let action = get("action").unwrap_or_else(|| "run".into());
    if sql.trim().is_empty() {
        return Ok(pages::console(&chrome(&app), &app.config, "", None).into_response());
    }
    match action.as_str() {
        "run" | "explain" => {
            let explain = action == "explain";
            let cap = app.config.row_cap;
            let sql2 = sql.clone();
            let result = app.read(move |app, s| Ok(run_console(app, s, &sql2, explain, cap))).await?;
            Ok(pages::console(&chrome(&app), &app.config, &sql, Some(&result)).into_response())
        }
        "csv" | "json" => {
            let (json, content_type) = export_type(&action)?;
            let app2 = app.clone();
            Ok(streamed(content_type, &format!("query.{action}"), move |send| {
                let mut s = app2.read.take().map_err(|e| format!("{e:#}"))?;
                let out = export_query(&app2, &mut s, &sql, json, send);
                app2.read.give(s);
                out
            }))
        }
        other => Err(WebError::BadRequest(format!("action is run, explain, csv or json, not `{other}`"))),
    }
}

/// Streams a console statement's rows (read-only, under the statement timeout, without the row cap).
fn export_query(
    app: &App,
    s: &mut Session,
    sql: &str,
    json: bool,
    send: &mut dyn FnMut(Vec<u8>) -> bool,
) -> Result<(), String> {
    s.begin_read(app.config.statement_timeout).map_err(|e| e.message)?;
    let mut out = Exporter::new(json, send);
    let mut gone = false;
    let columns = s
        .query_each(sql, &[], &mut |cols, values| {
            out.columns(cols);
            gone = !out.row(&values);
            !gone
        })
        .map_err(|e| e.message)?;
    if !s.in_transaction() {
        return Err(ENDED_TRANSACTION.into());
    }
    if !gone {
        out.finish(&columns);
    }
    Ok(())
}

/// The `v.<column>` values of an edit form (`null.<column>` = NULL); columns checked.
fn form_values(
    table: &Table,
    backend: Backend,
    form: &[(String, String)],
    skip_empty: bool,
) -> Result<Vec<(String, Value)>, WebError> {
    let nulls: Vec<&str> = form.iter().filter_map(|(k, _)| k.strip_prefix("null.")).collect();
    let mut out = Vec::new();
    for (k, v) in form {
        let Some(col) = k.strip_prefix("v.") else { continue };
        if table.column(col).is_none() {
            return Err(WebError::BadRequest(format!("`{}` has no column `{col}`", table.name)));
        }
        if nulls.contains(&col) {
            out.push((col.to_string(), Value::Null));
        } else if !(skip_empty && v.is_empty()) {
            out.push((col.to_string(), param(backend, table, col, v)));
        }
    }
    Ok(out)
}

/// Runs one change in its own transaction; it must touch exactly one row or nothing is kept.
fn one_row_change(s: &mut Session, change: &query::Statement) -> Result<(), WebError> {
    s.batch("BEGIN")?;
    match s.execute(&change.sql, &change.params) {
        Ok(1) => {
            s.batch("COMMIT")?;
            Ok(())
        }
        Ok(n) => {
            s.rollback();
            Err(WebError::BadRequest(format!(
                "the change would touch {n} rows, not one: nothing was changed"
            )))
        }
        Err(e) => {
            s.rollback();
            Err(e.into())
        }
    }
}

fn writable_table(s: &mut Session, schema: &str, name: &str) -> Result<Table, WebError> {
    let table = lookup(s, schema, name)?;
    if !table.writable() {
        return Err(WebError::BadRequest(format!(
            "`{}` cannot be edited here: only tables with a primary key can",
            table.name
        )));
    }
    Ok(table)
}

/// Form values with their column names quoted for SQL.
fn quoted(values: &[(String, Value)]) -> Vec<(String, Value)> {
    values.iter().map(|(c, v)| (crate::db::quote_ident(c), v.clone())).collect()
}

/// The `w.<key>` pairs of a row from the values just written (when they include the key).
fn key_pairs(table: &Table, values: &[(String, Value)]) -> Vec<(String, String)> {
    table
        .primary_key
        .iter()
        .filter_map(|k| {
            values.iter().find(|(c, _)| c == k).and_then(|(_, v)| v.text()).map(|v| (format!("w.{k}"), v))
        })
        .collect()
}

async fn insert_row(
    State(app): Shared,
    Path((schema, name)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    app.write(move |_, s| {
        let backend = s.backend();
        let table = writable_table(s, &schema, &name)?;
        let values = form_values(&table, backend, &form, true)?;
        one_row_change(s, &query::insert(backend, &table.relation(backend), &quoted(&values)))?;
        let key = key_pairs(&table, &values);
        let to = if key.len() == table.primary_key.len() {
            format!("{}/row{}", table_path(&table.schema, &table.name), qs(&key))
        } else {
            table_path(&table.schema, &table.name)
        };
        Ok(Redirect::to(&to).into_response())
    })
    .await
}

async fn update_row(
    State(app): Shared,
    Path((schema, name)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    app.write(move |_, s| {
        let backend = s.backend();
        let table = writable_table(s, &schema, &name)?;
        let eq = row_match(&table, backend, &form)?;
        let values = form_values(&table, backend, &form, false)?;
        if values.is_empty() {
            return Err(WebError::BadRequest("nothing to change: give v.<column>=<value>".into()));
        }
        one_row_change(s, &query::update(backend, &table.relation(backend), &quoted(&values), &eq))?;
        // The row's page, under its key as it is now.
        let mut key = Vec::new();
        for (k, v) in form.iter().filter(|(k, _)| k.starts_with("w.")) {
            let col = &k[2..];
            let now = values.iter().find(|(c, _)| c == col).and_then(|(_, v)| v.text()).unwrap_or(v.clone());
            key.push((k.clone(), now));
        }
        Ok(Redirect::to(&format!("{}/row{}", table_path(&table.schema, &table.name), qs(&key)))
            .into_response())
    })
    .await
}

async fn delete_row(
    State(app): Shared,
    Path((schema, name)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    if !form.iter().any(|(k, v)| k == "confirm" && v == "yes") {
        return Err(WebError::BadRequest("deleting a row needs confirm=yes (the page asks first)".into()));
    }
    app.write(move |_, s| {
        let backend = s.backend();
        let table = writable_table(s, &schema, &name)?;
        let eq = row_match(&table, backend, &form)?;
        one_row_change(s, &query::delete(backend, &table.relation(backend), &eq))?;
        Ok(Redirect::to(&table_path(&table.schema, &table.name)).into_response())
    })
    .await
}
