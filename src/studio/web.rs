//! The routes: parse and check what the URL or form asks for against the catalogue, run it on a
//! session, hand the result to a page. The table, row and schema pages are here; the console,
//! exports and row edits have files of their own.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use maud::Markup;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::catalog::{self, Table};
use super::console::{console_page, console_run};
use super::db::{Backend, Session, Value};
use super::edit::{delete_row, insert_row, update_row};
use super::export::export_table;
use super::pages::{self, Cell, Chrome};
use super::query::{self, Filter, Op, OrderCol, Seek};
use super::{App, WebError};

pub(super) type Shared = State<Arc<App>>;

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

pub(super) fn qs(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    format!("?{}", url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish())
}

pub(super) fn pairs(q: &Option<String>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(q.as_deref().unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub(super) fn chrome(app: &App) -> Chrome {
    Chrome { database: app.config.database_label.clone(), write: app.config.write }
}

/// The table or view the URL names, from the catalogue; an unknown name is a 400.
pub(super) fn lookup(s: &mut Session, schema: &str, name: &str) -> Result<Table, WebError> {
    catalog::table(s, schema, name)?.ok_or_else(|| {
        WebError::BadRequest(format!("there is no table or view `{name}` in schema `{schema}`"))
    })
}

/// A value from a URL or form for a column: text for PostgreSQL (the server converts it), and for
/// SQLite a number where the column has numeric affinity, as SQLite would compare it.
pub(super) fn param(backend: Backend, table: &Table, column: &str, text: &str) -> Value {
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
pub(super) struct View {
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
    pub(super) fn parse(
        pairs: &[(String, String)],
        table: &Table,
        default_size: usize,
    ) -> Result<View, WebError> {
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
    pub(super) fn order(&self, table: &Table) -> Vec<OrderCol> {
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

    pub(super) fn filters(&self, backend: Backend, table: &Table) -> Vec<Filter> {
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
        // The rows the filters match, counted up to the cap (a bounded scan).
        let cap = crate::studio::catalog::COUNT_CAP;
        let counted = query::count(backend, &table.relation(backend), &view.filters(backend, &table), cap);
        let total = s
            .query(&counted.sql, &counted.params, 1)?
            .rows
            .first()
            .and_then(|r| r[0].text())
            .and_then(|t| t.parse::<i64>().ok())
            .map(|n| {
                if n > cap {
                    format!("more than {} rows", crate::text::thousands(cap as u64))
                } else {
                    format!("{} {}", crate::text::thousands(n as u64), crate::text::plural(n as usize, "row"))
                }
            });
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
                total,
                export_csv: export("csv"),
                export_json: export("json"),
                writable: app.config.write && table.writable(),
            },
        ))
    })
    .await
}

/// A boolean column's value as `true` / `false` (PostgreSQL's text form is `t` / `f`, SQLite
/// keeps 1 / 0): for people only; what is sent back to the database is the value as read.
fn boolean_text(col: &crate::studio::catalog::Column, text: String) -> String {
    if !matches!(col.type_name.to_ascii_lowercase().as_str(), "boolean" | "bool") {
        return text;
    }
    match text.as_str() {
        "t" | "1" | "true" => "true".into(),
        "f" | "0" | "false" => "false".into(),
        _ => text,
    }
}

/// The cells of a row: text (cut to `limit` characters) and, for foreign-key columns, a link to
/// the referenced row.
fn cells(table: &Table, values: &[Value], limit: usize) -> Vec<Cell> {
    table
        .columns
        .iter()
        .zip(values)
        .map(|(col, v)| {
            let text = v.text().map(|t| boolean_text(col, t)).map(|t| {
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
pub(super) fn row_match(
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
