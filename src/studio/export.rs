//! Exports: a table's pages or a console query, streamed as CSV or JSON lines.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;

use super::catalog::Table;
use super::console::ENDED_TRANSACTION;
use super::db::{Backend, Session, Value};
use super::query::{self, Seek};
use super::web::{Shared, View, lookup, pairs};
use super::{App, WebError, streamed};

/// Writes rows as CSV or JSON into `send`, 64 KiB at a time. The header (CSV) comes with the
/// columns, which a query only names once it runs.
struct Exporter<'a> {
    json: bool,
    /// CSV cells that a spreadsheet would run as a formula get a leading `'`.
    neutralise: bool,
    columns: Option<Vec<String>>,
    buf: Vec<u8>,
    rows: u64,
    send: &'a mut dyn FnMut(Vec<u8>) -> bool,
}

impl<'a> Exporter<'a> {
    fn new(format: Format, send: &'a mut dyn FnMut(Vec<u8>) -> bool) -> Self {
        let (json, neutralise) = (format.json, !format.json && !format.raw);
        Exporter { json, neutralise, columns: None, buf: Vec::with_capacity(1 << 16), rows: 0, send }
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
            let neutralise = self.neutralise;
            let _ = w.write_record(values.iter().map(|v| {
                let text = v.text().unwrap_or_default();
                if neutralise { neutralised(text) } else { text }
            }));
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

/// What an export writes.
#[derive(Clone, Copy)]
pub(super) struct Format {
    pub json: bool,
    /// CSV cells as they are, formulas included (`raw=1`).
    pub raw: bool,
}

pub(super) fn export_type(format: &str, raw: bool) -> Result<(Format, &'static str), WebError> {
    match format {
        "csv" => Ok((Format { json: false, raw }, "text/csv; charset=utf-8")),
        "json" => Ok((Format { json: true, raw }, "application/json")),
        other => Err(WebError::BadRequest(format!("format is csv or json, not `{other}`"))),
    }
}

/// A CSV cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab or carriage return
/// first, and not a plain number) with a `'` in front, so that opening an export runs nothing.
fn neutralised(text: String) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && text.trim().parse::<f64>().is_err() { format!("'{text}") } else { text }
}

pub(super) async fn export_table(
    State(app): Shared,
    Path((schema, name)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Response, WebError> {
    let mut pairs = pairs(&q);
    let format = pairs.iter().find(|(k, _)| k == "format").map_or("csv".to_string(), |(_, v)| v.clone());
    let raw = pairs.iter().any(|(k, v)| k == "raw" && v == "1");
    pairs.retain(|(k, _)| k != "format" && k != "raw" && k != "after" && k != "before" && k != "page");
    let (format_, content_type) = export_type(&format, raw)?;
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
    Ok(streamed(content_type, &filename, super::stall_limit(&app.config), move |send| {
        let mut s = app.read.take().map_err(|e| format!("{e:#}"))?;
        let out = export_rows(&mut s, &table, &view, format_, send);
        app.read.give(s);
        out
    }))
}

/// Reads the whole table view in keyset pages inside one snapshot, streaming each page.
fn export_rows(
    s: &mut Session,
    table: &Table,
    view: &View,
    format: Format,
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
    let mut out = Exporter::new(format, send);
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

/// Streams a console statement's rows (read-only, under the statement timeout, without the row cap).
pub(super) fn export_query(
    app: &App,
    s: &mut Session,
    sql: &str,
    format: Format,
    send: &mut dyn FnMut(Vec<u8>) -> bool,
) -> Result<(), String> {
    s.begin_read(app.config.statement_timeout).map_err(|e| e.message)?;
    let mut out = Exporter::new(format, send);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for (cell, shown) in [
            ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-2+3", "'-2+3"),
            ("\tx", "'\tx"),
            ("-5", "-5"),
            ("+3.25", "+3.25"),
            ("plain", "plain"),
            ("", ""),
        ] {
            assert_eq!(neutralised(cell.to_string()), shown, "{cell}");
        }
    }
}
