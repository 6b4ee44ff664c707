//! The SQL console: read-only statements with a timeout and a row cap.

use std::time::Instant;

use axum::extract::{Form, State};
use axum::response::{IntoResponse, Response};
use maud::Markup;

use super::db::{Backend, Session, Value};
use super::export::{export_query, export_type};
use super::pages;
use super::web::{Shared, chrome};
use super::{App, WebError, streamed};

pub(super) async fn console_page(State(app): Shared) -> Markup {
    pages::console(&chrome(&app), &app.config, app.console_off.as_deref(), "", None)
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
pub(super) const ENDED_TRANSACTION: &str = "the statement ended the console's read-only transaction: transaction control \
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
            out.error = Some(if e.timed_out {
                format!(
                    "{} (the console's limit is {}; studio.statement_timeout or --statement-timeout)",
                    e.message,
                    crate::text::std_duration(app.config.statement_timeout)
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

pub(super) async fn console_run(
    State(app): Shared,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    if let Some(why) = &app.console_off {
        return Err(WebError::Forbidden(why.clone()));
    }
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let sql = get("sql").unwrap_or_default();
    let action = get("action").unwrap_or_else(|| "run".into());
    if sql.trim().is_empty() {
        return Ok(pages::console(&chrome(&app), &app.config, None, "", None).into_response());
    }
    match action.as_str() {
        "run" | "explain" => {
            let explain = action == "explain";
            let cap = app.config.row_cap;
            let sql2 = sql.clone();
            let result = app.read(move |app, s| Ok(run_console(app, s, &sql2, explain, cap))).await?;
            Ok(pages::console(&chrome(&app), &app.config, None, &sql, Some(&result)).into_response())
        }
        "csv" | "json" => {
            let raw = get("raw").as_deref() == Some("1");
            let (format, content_type) = export_type(&action, raw)?;
            let app2 = app.clone();
            Ok(streamed(
                content_type,
                &format!("query.{action}"),
                super::stall_limit(&app.config),
                move |send| {
                    let mut s = app2.read.take().map_err(|e| format!("{e:#}"))?;
                    let out = export_query(&app2, &mut s, &sql, format, send);
                    app2.read.give(s);
                    out
                },
            ))
        }
        other => Err(WebError::BadRequest(format!("action is run, explain, csv or json, not `{other}`"))),
    }
}
