//! `restore --globals`: the roles and tablespaces of a backup's globals part (pg_dumpall
//! --globals-only), created on the target server where missing. A role that exists is kept as it
//! is (its attributes, password and settings are not changed) and said so; the roles and their
//! memberships are applied in one transaction, so a failure applies none of them. Tablespaces
//! (which no transaction can hold) follow, each on its own.

use std::io::Read;

use anyhow::{Context, Result, anyhow, bail};
use sha2::Digest as _;

use super::StoredBackup;
use super::roles::{Action, Ownership, leading_words, subject};
use crate::backup::unpack::{self, Keys};
use crate::db::{self, DbTarget};
use crate::output::Output;
use crate::settings::Settings;

/// Larger than any globals part: the roles and tablespaces of a server.
const MAX_GLOBALS: u64 = 64 << 20;

/// What `--globals` did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Applied {
    pub created_roles: Vec<String>,
    pub kept_roles: Vec<String>,
    pub created_tablespaces: Vec<String>,
    pub kept_tablespaces: Vec<String>,
}

/// Reads the globals part of `source`, checked against its manifest's size and sha256.
fn read_part(source: &StoredBackup, keys: &mut Keys) -> Result<Vec<u8>> {
    let m = source.manifest.as_ref().ok_or_else(|| {
        anyhow!(
            "{} has no manifest, so no globals part is known; --globals needs a backup dbctl made",
            source.label
        )
    })?;
    let part = m.parts.iter().find(|p| p.kind == "globals").ok_or_else(|| {
        anyhow!(
            "backup {} has no globals part; make backups with `dbctl backup --globals` (or --all-databases) \
             to carry the server's roles",
            m.id
        )
    })?;
    let mut stored = Vec::new();
    source
        .store
        .get(&part.name)?
        .take(MAX_GLOBALS + 1)
        .read_to_end(&mut stored)
        .with_context(|| format!("reading {}", part.name))?;
    let sum = hex::encode(sha2::Sha256::digest(&stored));
    if stored.len() as u64 != part.stored_bytes || sum != part.sha256 {
        bail!(
            "the globals part {} does not match its manifest (size or sha256 differ): it was changed or \
             damaged; nothing was restored",
            part.name
        );
    }
    let decoded =
        unpack::open(Box::new(std::io::Cursor::new(stored)), keys, false, Some(part.uncompressed_bytes))?;
    let mut sql = Vec::new();
    decoded.reader.take(MAX_GLOBALS + 1).read_to_end(&mut sql)?;
    Ok(sql)
}

/// One statement of the part, where it is, and what it is about.
struct Statement {
    line: usize,
    sql: Vec<u8>,
    subject: Option<(String, String)>,
}

/// The statements, mapped per `ownership`; psql's `\restrict` lines skipped, any other
/// meta-command and anything that is not a globals statement refused.
fn statements(sql: &[u8], ownership: &Ownership) -> Result<Vec<Statement>> {
    // Meta-command lines first: only pg_dump's fences are allowed.
    let mut text = Vec::with_capacity(sql.len());
    for (n, line) in sql.split_inclusive(|b| *b == b'\n').enumerate() {
        let trimmed = line.trim_ascii();
        if trimmed.starts_with(b"\\") {
            if trimmed.starts_with(b"\\restrict") || trimmed.starts_with(b"\\unrestrict") {
                text.push(b'\n');
                continue;
            }
            bail!("the globals part's line {} is a psql meta-command; nothing was restored", n + 1);
        }
        text.extend_from_slice(line);
    }
    let mut out = Vec::new();
    for piece in db::sql::split_bytes(&text) {
        let raw = &text[piece.range.clone()];
        let mapped = match ownership.apply(raw) {
            Action::Run(s) => s.into_owned(),
            Action::Skip => continue,
        };
        let words = leading_words(&mapped, 2);
        let subject = subject(&mapped);
        let allowed = subject.as_ref().is_some_and(|(verb, _)| !verb.starts_with("DROP"))
            || matches!(words.first().map(String::as_str), Some("SET" | "GRANT"));
        if !allowed {
            bail!(
                "the globals part's line {} is not a role, membership or tablespace statement ({}); nothing \
                 was restored",
                piece.line,
                words.join(" ")
            );
        }
        out.push(Statement { line: piece.line, sql: mapped, subject });
    }
    Ok(out)
}

/// Whether `sql` grants or revokes privileges on a tablespace (it goes with the tablespaces).
fn on_tablespace(sql: &[u8]) -> bool {
    let words = leading_words(sql, 64);
    matches!(words.first().map(String::as_str), Some("GRANT" | "REVOKE"))
        && words.windows(2).any(|w| w[0] == "ON" && w[1] == "TABLESPACE")
}

/// Creates the roles and tablespaces of `source`'s globals part on the server of `target`.
pub fn restore(
    source: &StoredBackup,
    keys: &mut Keys,
    target: &DbTarget,
    ownership: &Ownership,
    settings: &Settings,
    out: &Output,
) -> Result<Applied> {
    let DbTarget::Postgres { .. } = target else {
        bail!("--globals restores PostgreSQL roles and tablespaces; the target is not PostgreSQL");
    };
    let sql = read_part(source, keys)?;
    let statements = statements(&sql, ownership)?;
    let mut conn = db::wait_for_database(settings, out, || {
        db::connect(target, settings.database.connect_timeout, &mut |m| out.info(&m))
    })?;
    let roles: Vec<String> = conn.query_texts("SELECT rolname AS v FROM pg_roles", &[])?;
    let spaces: Vec<String> = conn.query_texts("SELECT spcname AS v FROM pg_tablespace", &[])?;
    let mut applied = Applied::default();
    let kept_role = |name: &str, applied: &Applied| applied.kept_roles.iter().any(|r| r == name);
    let kept_space = |name: &str, applied: &Applied| applied.kept_tablespaces.iter().any(|r| r == name);

    // Roles, their settings and memberships: one transaction.
    let fail = |s: &Statement, e: &dyn std::fmt::Display| {
        anyhow!("the globals part's line {}: {e}; no role was created or changed", s.line)
    };
    conn.batch("BEGIN").map_err(|e| anyhow!("starting the globals' transaction: {e}"))?;
    let result: Result<()> = (|| {
        for s in &statements {
            match &s.subject {
                Some((verb, name))
                    if verb == "CREATE ROLE" || verb == "CREATE USER" || verb == "CREATE GROUP" =>
                {
                    if roles.iter().any(|r| r == name) {
                        applied.kept_roles.push(name.clone());
                        continue;
                    }
                    applied.created_roles.push(name.clone());
                }
                // A kept role's attributes, settings and comment stay as they are.
                Some((verb, name))
                    if (verb.ends_with("ROLE") || verb.ends_with("USER") || verb.ends_with("GROUP"))
                        && kept_role(name, &applied) =>
                {
                    continue;
                }
                Some((verb, _)) if verb.ends_with("TABLESPACE") => continue,
                _ => {}
            }
            if on_tablespace(&s.sql) {
                continue;
            }
            let text = String::from_utf8_lossy(&s.sql);
            conn.batch(&text).map_err(|e| fail(s, &e))?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            conn.batch("COMMIT").map_err(|e| anyhow!("committing the globals: {e}; nothing was applied"))?
        }
        Err(e) => {
            let _ = conn.batch("ROLLBACK");
            return Err(e);
        }
    }

    // Tablespaces, each on its own (CREATE TABLESPACE cannot run in a transaction).
    for s in &statements {
        let text = String::from_utf8_lossy(&s.sql);
        let on_tablespace = on_tablespace(&s.sql);
        match &s.subject {
            Some((verb, name)) if verb == "CREATE TABLESPACE" => {
                if spaces.iter().any(|t| t == name) {
                    applied.kept_tablespaces.push(name.clone());
                    continue;
                }
                conn.batch(&text).map_err(|e| {
                    anyhow!(
                        "the globals part's line {}: {e}; the roles were created, this tablespace and those \
                         after it were not (its directory must exist on the target server)",
                        s.line
                    )
                })?;
                applied.created_tablespaces.push(name.clone());
            }
            Some((verb, name)) if verb.ends_with("TABLESPACE") && !kept_space(name, &applied) => {
                conn.batch(&text).map_err(|e| anyhow!("the globals part's line {}: {e}", s.line))?;
            }
            None if on_tablespace => {
                conn.batch(&text).map_err(|e| anyhow!("the globals part's line {}: {e}", s.line))?;
            }
            _ => {}
        }
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_globals_statements_pass() {
        let o = Ownership::default();
        let ok = b"SET client_encoding = 'UTF8';\n\\restrict abc\nCREATE ROLE app;\nALTER ROLE app WITH LOGIN;\n\
                   GRANT app TO reports GRANTED BY postgres;\nCREATE TABLESPACE fast OWNER app LOCATION '/x';\n";
        let s = statements(ok, &o).unwrap();
        assert_eq!(s.len(), 5);
        assert_eq!(s[1].subject, Some(("CREATE ROLE".into(), "app".into())));
        for bad in [
            &b"DROP ROLE app;"[..],
            b"CREATE TABLE t (x int);",
            b"\\! rm -rf /\n",
            b"COPY t FROM PROGRAM 'x';",
        ] {
            assert!(statements(bad, &o).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
