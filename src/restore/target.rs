//! The target of a restore: which backend it must be, whether it holds anything, and the SQL that
//! empties it for `--clean`.

use anyhow::{Result, bail};

use super::Prepared;
use crate::backup::unpack::Content;
use crate::db::{self, Conn, DbTarget, quote_ident};
use crate::output::Output;
use crate::redact::url_database;

pub fn check_backend(content: Content, target: &DbTarget) -> Result<()> {
    match (content, target) {
        (Content::Other, _) => bail!(
            "the backup is not a database dump dbctl restores into a database (a Redis snapshot or another \
             engine's dump restores through its own route: see README, \"Other engines\")"
        ),
        (Content::Sqlite, DbTarget::Sqlite { .. }) => Ok(()),
        (Content::PlainSql | Content::Custom, DbTarget::Postgres { .. }) => Ok(()),
        (Content::Sqlite, _) => bail!(
            "the backup is a SQLite database but the target {} is not SQLite; give a SQLite target with --to",
            target.display()
        ),
        (_, DbTarget::SqliteMemory) => bail!("cannot restore into an in-memory SQLite database; set --to"),
        (_, t @ DbTarget::Command { .. }) => Err(t.not_connectable().expect("another engine").into()),
        (_, DbTarget::Sqlite { .. }) => bail!(
            "the backup is a PostgreSQL dump but the target {} is SQLite; give a PostgreSQL target with --to",
            target.display()
        ),
    }
}

/// Connects to the target (creating it when `create`), and refuses a non-empty one unless
/// `clean`. Consent to replace what it holds is the caller's to ask.
pub fn prepare(
    target: &DbTarget,
    create: bool,
    clean: bool,
    cfg: &super::Config,
    out: &Output,
) -> Result<Prepared> {
    let timeout = cfg.base.connect_timeout;
    let (not_empty, prelude, server_major) = match target {
        DbTarget::Postgres { url } => {
            let mut conn = match db::connect(target, timeout, &mut |m| out.info(&m)) {
                Ok(c) => c,
                // Whether the database is missing is asked of the maintenance database, not
                // read from the message (whose language is the server's).
                Err(e) if crate::db::admin::database_exists(url, timeout).ok() != Some(false) => {
                    return Err(e);
                }
                Err(_) => {
                    let name = url_database(url).unwrap_or_default();
                    if !create {
                        bail!(
                            "the database `{name}` does not exist on that server; pass --create to create it"
                        );
                    }
                    crate::db::admin::create_pg_database(url, &name, cfg.base.connect_timeout, out)?;
                    db::connect(target, timeout, &mut |m| out.info(&m))?
                }
            };
            let major = conn.pg_major()?;
            // A URL naming a schema (Prisma's `schema=`, one tenant) restores that schema alone.
            let tenant = crate::db::prisma_url::schema(url).filter(|s| s != "public");
            let contents = pg_contents(&mut conn, tenant.as_deref())?;
            let prelude = match (&contents, &tenant) {
                (None, _) => String::new(),
                (Some(_), Some(t)) => format!("DROP SCHEMA IF EXISTS {} CASCADE;\n", quote_ident(t)),
                (Some(_), None) => pg_clean_sql(&mut conn, major)?,
            };
            (contents, prelude, major)
        }
        DbTarget::Sqlite { path, .. } => {
            if !path.exists() && !create {
                bail!("{} does not exist; pass --create to restore into a new file", path.display());
            }
            let contents = if path.exists() { sqlite_contents(target, cfg)? } else { None };
            (contents, String::new(), 0)
        }
        DbTarget::SqliteMemory | DbTarget::Command { .. } => unreachable!("checked with the backend"),
    };
    if let Some(what) = &not_empty
        && !clean
    {
        bail!(
            "the target {} is not empty ({what}); pass --clean to replace its contents (a safety \
             backup of it is taken first)",
            target.display()
        );
    }
    Ok(Prepared { target: target.clone(), not_empty, prelude, server_major, ownership: Default::default() })
}

/// The schemas that are the database's own, not PostgreSQL's (`n` is pg_namespace).
const USER_NS: &str = "n.nspname NOT IN ('pg_catalog', 'information_schema') \
    AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

/// What a PostgreSQL database holds outside the system schemas (in `only` when given), or None
/// when empty.
pub fn pg_contents(conn: &mut Conn, only: Option<&str>) -> Result<Option<String>> {
    let scope = only.map_or(String::new(), |s| format!(" AND n.nspname = {}", crate::db::quote_literal(s)));
    let count = |conn: &mut Conn, sql: String| conn.query_int(&format!("{sql}{scope}"));
    let relations = count(
        conn,
        format!(
            "SELECT count(*) AS v FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {USER_NS}"
        ),
    )?;
    let functions = count(
        conn,
        format!(
            "SELECT count(*) AS v FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {USER_NS}"
        ),
    )?;
    let types = count(
        conn,
        format!(
            "SELECT count(*) AS v FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
             WHERE t.typtype IN ('e', 'd', 'r', 'm') AND {USER_NS}"
        ),
    )?;
    let schemas = match only {
        Some(_) => 0,
        None => count(
            conn,
            format!("SELECT count(*) AS v FROM pg_namespace n WHERE n.nspname <> 'public' AND {USER_NS}"),
        )?,
    };
    let parts: Vec<String> =
        [(relations, "relations"), (functions, "functions"), (types, "types"), (schemas, "schemas")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
    Ok((!parts.is_empty()).then(|| parts.join(", ")))
}

/// SQL that empties a PostgreSQL database: every user schema dropped, `public` made again as a
/// new database has it.
fn pg_clean_sql(conn: &mut Conn, major: u32) -> Result<String> {
    let schemas = conn
        .query_texts(&format!("SELECT n.nspname AS v FROM pg_namespace n WHERE {USER_NS} ORDER BY 1"), &[])?;
    let mut sql = String::new();
    for s in &schemas {
        sql.push_str(&format!("DROP SCHEMA IF EXISTS {} CASCADE;\n", quote_ident(s)));
    }
    if major >= 15 {
        sql.push_str("CREATE SCHEMA public AUTHORIZATION pg_database_owner;\nGRANT USAGE ON SCHEMA public TO PUBLIC;\n");
    } else {
        sql.push_str("CREATE SCHEMA public;\nGRANT ALL ON SCHEMA public TO PUBLIC;\n");
    }
    sql.push_str("COMMENT ON SCHEMA public IS 'standard public schema';\n");
    Ok(sql)
}

/// What a SQLite database holds, or None when empty.
fn sqlite_contents(target: &DbTarget, cfg: &super::Config) -> Result<Option<String>> {
    let mut conn = db::connect(target, cfg.base.connect_timeout, &mut |_| {})?;
    let n = conn.query_int(
        "SELECT count(*) AS v FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    Ok((n > 0).then(|| format!("{n} tables and views")))
}
