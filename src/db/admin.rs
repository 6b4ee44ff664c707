//! Creating and dropping PostgreSQL databases, through the server's maintenance database.

use anyhow::{Context, Result, anyhow};

use super::{DbTarget, quote_ident};
use crate::output::Output;
use crate::redact::url_with_database;

/// Creates database `name` on the server of `url`, through its maintenance database.
pub fn create_pg_database(url: &str, name: &str, timeout: std::time::Duration, out: &Output) -> Result<()> {
    let admin = DbTarget::Postgres { url: url_with_database(url, "postgres") };
    let mut conn = super::connect(&admin, timeout, &mut |m| out.info(&m))
        .context("connecting to the maintenance database `postgres` to create the target")?;
    if let Err(e) = conn.batch(&format!("CREATE DATABASE {}", quote_ident(name))) {
        let said = e.to_string();
        // Whether the role may create databases, from the catalogue (the message's language is
        // the server's).
        let may =
            conn.query_bool("SELECT rolcreatedb OR rolsuper AS v FROM pg_roles WHERE rolname = current_user");
        if matches!(may, Ok(false)) {
            let user = crate::redact::url_user(url).unwrap_or_else(|| "USER".to_string());
            return Err(super::error::NoCreateDb {
                database: name.to_string(),
                database_sql: quote_ident(name),
                user_sql: quote_ident(&user),
                user,
                said,
            }
            .into());
        }
        return Err(anyhow!("creating the database `{name}`: {said}"));
    }
    out.info(&format!("created the database `{name}`"));
    Ok(())
}

/// Whether the database `url` names exists on its server, asked of the maintenance database
/// `postgres` (an error when that cannot be reached).
pub fn database_exists(url: &str, timeout: std::time::Duration) -> Result<bool> {
    let name = crate::redact::url_database(url).unwrap_or_default();
    let admin = DbTarget::Postgres { url: url_with_database(url, "postgres") };
    let mut conn = super::connect(&admin, timeout, &mut |_| {})?;
    let found = conn.query_texts(
        "SELECT datname::text AS v FROM pg_database WHERE datname = ?",
        &[super::Param::Text(name)],
    )?;
    Ok(!found.is_empty())
}

/// The shadow databases `migrate drift` runs of database `db` left on the server of `url` (their
/// run was killed): named `<db>_dbctl_drift_<6 hex digits>`, with no session connected. Dropped
/// unless `dry_run`; returned.
pub fn stale_drift_shadows(
    url: &str,
    db: &str,
    timeout: std::time::Duration,
    dry_run: bool,
) -> Result<Vec<String>> {
    stale_scratch_databases(url, db, "drift", timeout, dry_run)
}

/// The scratch databases runs of dbctl of kind `kind` (`drift`, `rehearse`) made for database
/// `db` and left on the server of `url` when they were killed: `<db>_dbctl_<kind>_<6 hex
/// digits>`, with no session connected. Dropped unless `dry_run`; returned.
pub fn stale_scratch_databases(
    url: &str,
    db: &str,
    kind: &str,
    timeout: std::time::Duration,
    dry_run: bool,
) -> Result<Vec<String>> {
    let admin = DbTarget::Postgres { url: url_with_database(url, "postgres") };
    let mut conn = super::connect(&admin, timeout, &mut |_| {})?;
    let prefix = format!("{}_dbctl_{kind}_", crate::text::prefix(db, 40));
    let names = conn.query_texts(
        "SELECT datname AS v FROM pg_database d WHERE starts_with(datname, ?) AND length(datname) = length(?) + 6 \
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname) ORDER BY datname",
        &[super::Param::Text(prefix.clone()), super::Param::Text(prefix.clone())],
    )?;
    let stale: Vec<String> =
        names.into_iter().filter(|n| n[prefix.len()..].chars().all(|c| c.is_ascii_hexdigit())).collect();
    if !dry_run {
        for name in &stale {
            conn.batch(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_ident(name)))
                .map_err(|e| anyhow!("dropping the stale scratch database `{name}`: {e}"))?;
        }
    }
    Ok(stale)
}

/// Drops database `name` (closing its sessions) on the server of `url`, through its maintenance
/// database, connecting within `timeout`.
pub fn drop_pg_database(url: &str, name: &str, timeout: std::time::Duration) -> Result<()> {
    let admin = DbTarget::Postgres { url: url_with_database(url, "postgres") };
    let mut conn = super::connect(&admin, timeout, &mut |_| {})?;
    conn.batch(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_ident(name)))
        .map_err(|e| anyhow!("dropping the database `{name}`: {e}"))?;
    Ok(())
}
