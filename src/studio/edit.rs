//! Row edits with `--write`: insert, update and delete of exactly one row in one transaction.

use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::WebError;
use super::catalog::Table;
use super::db::{Backend, Session, Value};
use super::query::{self};
use super::web::{Shared, lookup, param, qs, row_match, table_path};

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

pub(super) async fn insert_row(
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

pub(super) async fn update_row(
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

pub(super) async fn delete_row(
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
