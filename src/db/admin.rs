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
    conn.batch(&format!("CREATE DATABASE {}", quote_ident(name))).map_err(|e| {
        let said = e.to_string();
        if said.contains("permission denied") {
            // The role may not create databases: someone who may does it once, for this role.
            let user = crate::redact::url_user(url).unwrap_or_else(|| "USER".to_string());
            anyhow!(
                "creating the database `{name}`: {said}; the role `{user}` may not create databases (no CREATEDB): \
                 have a superuser run `createdb -O {user} {name}` (or `CREATE DATABASE {} OWNER {}`), then run \
                 this again without --create",
                quote_ident(name),
                quote_ident(&user)
            )
        } else {
            anyhow!("creating the database `{name}`: {said}")
        }
    })?;
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
