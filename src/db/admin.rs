//! Creating and dropping PostgreSQL databases, through the server's maintenance database.

use anyhow::{Context, Result, anyhow};

use super::{DbTarget, quote_ident};
use crate::output::Output;
use crate::redact::url_with_database;
use crate::settings::Settings;

/// Creates database `name` on the server of `url`, through its maintenance database.
pub fn create_pg_database(url: &str, name: &str, settings: &Settings, out: &Output) -> Result<()> {
    let admin = DbTarget::Postgres { url: url_with_database(url, "postgres") };
    let mut conn = super::connect(&admin, settings.database.connect_timeout, &mut |m| out.info(&m))
        .context("connecting to the maintenance database `postgres` to create the target")?;
    conn.batch(&format!("CREATE DATABASE {}", quote_ident(name)))
        .map_err(|e| anyhow!("creating the database `{name}`: {e}"))?;
    out.info(&format!("created the database `{name}`"));
    Ok(())
}

/// Drops database `name` on the server of `url`, whoever is connected to it.
pub fn drop_pg_database(url: &str, name: &str, settings: &Settings) -> Result<()> {
    let admin = DbTarget::Postgres { url: url_with_database(url, "postgres") };
    let mut conn = super::connect(&admin, settings.database.connect_timeout, &mut |_| {})?;
    conn.batch(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_ident(name)))
        .map_err(|e| anyhow!("dropping the database `{name}`: {e}"))?;
    Ok(())
}
