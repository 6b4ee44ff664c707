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

/// SQL that makes the schema `public` again as a new database of server major `major` has it.
pub fn public_schema_sql(major: u32) -> &'static str {
    if major >= 15 {
        "CREATE SCHEMA public AUTHORIZATION pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC; \
         COMMENT ON SCHEMA public IS 'standard public schema'"
    } else {
        "CREATE SCHEMA public; GRANT ALL ON SCHEMA public TO PUBLIC; COMMENT ON SCHEMA public IS 'standard public schema'"
    }
}

/// Empties a database given to dbctl as scratch space (a shadow): every schema but the system's
/// is dropped with what it holds, in one transaction, and `public` is made again as a new
/// database has it. Returns the schemas dropped.
pub fn empty_pg_database(conn: &mut super::Conn) -> Result<Vec<String>> {
    let schemas = conn.query_texts(
        "SELECT nspname AS v FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%' \
         ORDER BY nspname",
        &[],
    )?;
    let major = conn.pg_major()?;
    let mut sql = String::from("BEGIN;");
    for s in &schemas {
        sql.push_str(&format!(" DROP SCHEMA {} CASCADE;", quote_ident(s)));
    }
    sql.push_str(&format!(" {}; COMMIT", public_schema_sql(major)));
    conn.batch(&sql).map_err(|e| {
        conn.rollback();
        anyhow!("emptying the scratch database: {e}")
    })?;
    Ok(schemas)
}

/// Whether a PostgreSQL database holds nothing a new one would not: no schema but `public`, and
/// no table, view, sequence, function or type in it.
pub fn is_empty_pg_database(conn: &mut super::Conn) -> Result<bool> {
    conn.query_bool(
        "SELECT NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') \
         AND nspname NOT LIKE 'pg\\_%') \
         AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = 'public'::regnamespace) \
         AND NOT EXISTS (SELECT 1 FROM pg_proc WHERE pronamespace = 'public'::regnamespace) \
         AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typnamespace = 'public'::regnamespace) AS v",
    )
}

/// Prepares a database given as scratch space (a shadow): emptied, unless a project's own file
/// named it (`from_project`: where), which may be a cloned stranger's: then it must be empty
/// already, and is refused otherwise.
pub fn take_given_scratch(conn: &mut super::Conn, from_project: Option<&str>) -> Result<()> {
    if let Some(origin) = from_project {
        // No `public` at all counts as empty too.
        let public = conn.query_bool("SELECT to_regnamespace('public') IS NOT NULL AS v")?;
        if public && !is_empty_pg_database(conn)? {
            anyhow::bail!(
                "the shadow database named by {origin} holds tables or other objects, and a project's own file \
                 may not have dbctl empty a database; empty it yourself, or name it with --shadow-url or in the \
                 environment (DBCTL_SHADOW_URL)"
            );
        }
        return Ok(());
    }
    empty_pg_database(conn).map(drop)
}

/// What tells a database of a running server from any other: the server's start time to the
/// microsecond and the database's oid (host names and ports do not: `localhost` and `127.0.0.1`
/// are one server).
pub fn identity(conn: &mut super::Conn) -> Result<String> {
    conn.query_text(
        "SELECT pg_postmaster_start_time()::text || '/' || (SELECT oid FROM pg_database WHERE datname = current_database())::text AS v",
    )
}

/// Refuses a scratch database (`--shadow-url`) that is the database it stands in for: its
/// contents are replaced. When `target` cannot be reached, they cannot be one.
pub fn refuse_same(
    scratch_target: &DbTarget,
    scratch: &mut super::Conn,
    target: &DbTarget,
    timeout: std::time::Duration,
) -> Result<()> {
    let same = match (scratch_target, target) {
        (DbTarget::Sqlite { path: a, .. }, DbTarget::Sqlite { path: b, .. }) => {
            matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
        }
        (DbTarget::Postgres { .. }, DbTarget::Postgres { .. }) => {
            let Ok(mut theirs) = super::connect(target, timeout, &mut |_| {}) else { return Ok(()) };
            identity(scratch)? == identity(&mut theirs)?
        }
        _ => false,
    };
    if same {
        anyhow::bail!(
            "the shadow database is the configured database itself ({}), and a shadow's contents are replaced; \
             give a scratch database with --shadow-url (migrations.shadow_url, DBCTL_SHADOW_URL)",
            target.display()
        );
    }
    Ok(())
}
