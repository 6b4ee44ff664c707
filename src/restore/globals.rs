//! `restore --globals`: the roles and tablespaces of a backup's globals part (pg_dumpall
//! --globals-only), created on the target server where missing. A role that exists is kept as it
//! is (its attributes, password and settings are not changed) and said so; the roles and their
//! memberships are applied in one transaction, so a failure applies none of them. Tablespaces
//! (which no transaction can hold) follow, each on its own.

use std::io::Read;

use anyhow::{Context, Result, anyhow, bail};

use super::StoredBackup;
use super::roles::Ownership;
use crate::backup::unpack::{self, Keys};
use crate::db::{self, DbTarget};
use crate::output::Output;

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
    let mut sum = crate::backup::digest::Digest::default();
    sum.update(&stored);
    part.check_stored(&sum.sum()).context("nothing was restored")?;
    let decoded =
        unpack::open(Box::new(std::io::Cursor::new(stored)), keys, false, Some(part.uncompressed_bytes))?;
    let mut sql = Vec::new();
    decoded.reader.take(MAX_GLOBALS + 1).read_to_end(&mut sql)?;
    Ok(sql)
}

/// A token of a globals statement: comments left out, strings and quoted names kept with their
/// text (pg_dumpall writes plain '…' strings only).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// An unquoted word: upper-cased for key words, lower-cased as a name.
    Word(String),
    /// A "quoted name", as written inside the quotes.
    Quoted(String),
    /// A '…' string, as its value.
    Str(String),
    /// Digits, with a leading minus sign when there is one.
    Number(String),
    Punct(char),
}

fn lex(sql: &str) -> Result<Vec<Tok>, String> {
    use crate::db::sql::LexKind;
    let mut out = Vec::new();
    for l in crate::db::sql::lex(sql.as_bytes()) {
        if !l.closed {
            return Err("an unclosed quote".into());
        }
        let tok = match l.kind {
            LexKind::Word => Tok::Word(l.text),
            LexKind::Quoted => Tok::Quoted(l.text),
            LexKind::Str => Tok::Str(l.text),
            LexKind::Number => match out.last() {
                // A negative number: the minus sign and its digits.
                Some(Tok::Punct('-')) => {
                    out.pop();
                    Tok::Number(format!("-{}", l.text))
                }
                _ => Tok::Number(l.text),
            },
            LexKind::EscapeStr => {
                return Err("a string with escapes (E'…'), which pg_dumpall does not write".into());
            }
            LexKind::DollarStr => {
                return Err("a dollar-quoted string, which pg_dumpall does not write there".into());
            }
            LexKind::Punct => Tok::Punct(l.text.chars().next().unwrap_or(' ')),
        };
        out.push(tok);
    }
    Ok(out)
}

/// Names that are not role names where pg_dumpall writes one.
const RESERVED: &[&str] = &["current_user", "session_user", "current_role", "public", "all", "none"];

/// Walks one statement's tokens.
struct Cur<'a> {
    t: &'a [Tok],
    i: usize,
}

impl Cur<'_> {
    fn kw(&mut self, w: &str) -> bool {
        match self.t.get(self.i) {
            Some(Tok::Word(x)) if x.eq_ignore_ascii_case(w) => {
                self.i += 1;
                true
            }
            _ => false,
        }
    }
    fn expect(&mut self, w: &str) -> Result<(), String> {
        if self.kw(w) { Ok(()) } else { Err(format!("`{w}` expected")) }
    }
    fn punct(&mut self, c: char) -> bool {
        if self.t.get(self.i) == Some(&Tok::Punct(c)) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    /// A role's or tablespace's name: a word (folded to lower case, as the server does) or a
    /// quoted name; CURRENT_USER, PUBLIC and the like are refused.
    fn name(&mut self) -> Result<String, String> {
        let name = match self.t.get(self.i) {
            Some(Tok::Word(w)) => {
                let lower = w.to_lowercase();
                if RESERVED.contains(&lower.as_str()) {
                    return Err(format!("`{}` where a role's name belongs", lower.to_uppercase()));
                }
                lower
            }
            Some(Tok::Quoted(q)) if !q.is_empty() => q.clone(),
            _ => return Err("a name expected".into()),
        };
        self.i += 1;
        Ok(name)
    }
    fn string(&mut self) -> Result<String, String> {
        match self.t.get(self.i) {
            Some(Tok::Str(s)) => {
                self.i += 1;
                Ok(s.clone())
            }
            _ => Err("a string expected".into()),
        }
    }
    fn end(&self) -> Result<(), String> {
        if self.i == self.t.len() { Ok(()) } else { Err("more than pg_dumpall writes".into()) }
    }
    /// A setting's value as written: strings, names, numbers and commas, re-quoted.
    fn values(&mut self) -> Result<String, String> {
        let mut out = Vec::new();
        loop {
            let v = match self.t.get(self.i) {
                Some(Tok::Str(s)) => crate::db::quote_literal(s),
                Some(Tok::Quoted(q)) => crate::db::quote_ident(q),
                Some(Tok::Number(n)) => n.clone(),
                Some(Tok::Word(w)) if w.chars().all(|c| c.is_alphanumeric() || c == '_') => w.clone(),
                _ => return Err("a setting's value expected".into()),
            };
            self.i += 1;
            out.push(v);
            if !self.punct(',') {
                return Ok(out.join(", "));
            }
        }
    }
    /// `( name = value, … )`, re-quoted.
    fn options(&mut self) -> Result<String, String> {
        if !self.punct('(') {
            return Err("`(` expected".into());
        }
        let mut out = Vec::new();
        loop {
            let Some(Tok::Word(k)) = self.t.get(self.i).cloned() else {
                return Err("an option expected".into());
            };
            self.i += 1;
            if !self.punct('=') {
                return Err("`=` expected".into());
            }
            out.push(format!("{} = {}", k.to_lowercase(), self.values()?));
            if self.punct(')') {
                return Ok(format!("({})", out.join(", ")));
            }
            if !self.punct(',') {
                return Err("`,` or `)` expected".into());
            }
        }
    }
}

/// One statement of the part, in the shapes pg_dumpall writes, names already mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Global {
    /// pg_dumpall's own `SET`s: default_transaction_read_only off, client_encoding,
    /// standard_conforming_strings on.
    Set(String),
    CreateRole(String),
    /// `ALTER ROLE … WITH` attributes, password, validity and connection limit (for a role this
    /// part creates).
    RoleAttributes {
        role: String,
        attributes: Vec<String>,
        rest: String,
    },
    /// `ALTER ROLE … [IN DATABASE …] SET name TO value`.
    RoleSetting {
        role: String,
        sql: String,
    },
    CommentOnRole {
        role: String,
        text: String,
    },
    /// `GRANT role TO member [WITH …] [GRANTED BY …]`.
    Membership {
        role: String,
        member: String,
        sql: String,
    },
    CreateTablespace {
        name: String,
        sql: String,
    },
    /// `ALTER TABLESPACE … SET (…)`, its grants, revokes and comment.
    OnTablespace {
        name: String,
        sql: String,
    },
}

/// The role attributes pg_dumpall writes, and those a restore never gives without asking.
const ATTRIBUTES: &[&str] = &[
    "SUPERUSER",
    "NOSUPERUSER",
    "INHERIT",
    "NOINHERIT",
    "CREATEROLE",
    "NOCREATEROLE",
    "CREATEDB",
    "NOCREATEDB",
    "LOGIN",
    "NOLOGIN",
    "REPLICATION",
    "NOREPLICATION",
    "BYPASSRLS",
    "NOBYPASSRLS",
];
const PRIVILEGED: &[&str] = &["SUPERUSER", "REPLICATION", "BYPASSRLS"];
/// Settings a role must not carry from a backup: libraries loaded into its sessions.
const REFUSED_SETTINGS: &[&str] =
    &["session_preload_libraries", "local_preload_libraries", "shared_preload_libraries"];

/// Reads one statement, mapping role names with `map` (OLD → NEW).
fn parse(sql: &str, map: &[(String, String)]) -> Result<Global, String> {
    let toks = lex(sql)?;
    let toks: &[Tok] = match toks.last() {
        Some(Tok::Punct(';')) => &toks[..toks.len() - 1],
        _ => &toks,
    };
    let mut c = Cur { t: toks, i: 0 };
    let role = |c: &mut Cur| -> Result<String, String> {
        let n = c.name()?;
        Ok(map.iter().find(|(old, _)| *old == n).map_or(n, |(_, new)| new.clone()))
    };
    let q = |n: &str| crate::db::quote_ident(n);
    let global = if c.kw("SET") {
        let setting = match c.t.get(c.i) {
            Some(Tok::Word(w)) => w.to_lowercase(),
            _ => return Err("a setting expected".into()),
        };
        c.i += 1;
        if !(c.punct('=') || c.kw("TO")) {
            return Err("`=` expected".into());
        }
        let value = c.values()?;
        match (setting.as_str(), value.as_str()) {
            ("default_transaction_read_only", "off") | ("standard_conforming_strings", "on") => {}
            ("client_encoding", v) if v.starts_with('\'') => {}
            _ => return Err(format!("SET {setting} is not one of pg_dumpall's")),
        }
        Global::Set(format!("SET {setting} = {value}"))
    } else if c.kw("CREATE") {
        if c.kw("ROLE") {
            let r = role(&mut c)?;
            Global::CreateRole(r)
        } else if c.kw("TABLESPACE") {
            let name = c.name()?;
            c.expect("OWNER")?;
            let owner = role(&mut c)?;
            c.expect("LOCATION")?;
            let location = c.string()?;
            let with = if c.kw("WITH") { format!(" WITH {}", c.options()?) } else { String::new() };
            c.end()?;
            return Ok(Global::CreateTablespace {
                sql: format!(
                    "CREATE TABLESPACE {} OWNER {} LOCATION {}{with}",
                    q(&name),
                    q(&owner),
                    crate::db::quote_literal(&location)
                ),
                name,
            });
        } else {
            return Err("CREATE other than ROLE or TABLESPACE".into());
        }
    } else if c.kw("ALTER") {
        if c.kw("ROLE") {
            let r = role(&mut c)?;
            if c.kw("WITH") {
                let mut attributes = Vec::new();
                let mut rest = String::new();
                while c.i < c.t.len() {
                    if let Some(Tok::Word(w)) = c.t.get(c.i).cloned()
                        && ATTRIBUTES.contains(&w.to_uppercase().as_str())
                    {
                        attributes.push(w.to_uppercase());
                        c.i += 1;
                    } else if c.kw("PASSWORD") {
                        if c.kw("NULL") {
                            rest.push_str(" PASSWORD NULL");
                        } else {
                            rest.push_str(&format!(" PASSWORD {}", crate::db::quote_literal(&c.string()?)));
                        }
                    } else if c.kw("VALID") {
                        c.expect("UNTIL")?;
                        rest.push_str(&format!(" VALID UNTIL {}", crate::db::quote_literal(&c.string()?)));
                    } else if c.kw("CONNECTION") {
                        c.expect("LIMIT")?;
                        match c.t.get(c.i) {
                            Some(Tok::Number(n)) if n.parse::<i32>().is_ok() => {
                                rest.push_str(&format!(" CONNECTION LIMIT {n}"));
                                c.i += 1;
                            }
                            _ => return Err("a connection limit expected".into()),
                        }
                    } else {
                        return Err("an attribute pg_dumpall does not write".into());
                    }
                }
                return Ok(Global::RoleAttributes { role: r, attributes, rest });
            }
            let database = if c.kw("IN") {
                c.expect("DATABASE")?;
                Some(c.name()?)
            } else {
                None
            };
            c.expect("SET")?;
            let mut setting = match c.t.get(c.i) {
                Some(Tok::Word(w)) => w.to_lowercase(),
                _ => return Err("a setting expected".into()),
            };
            c.i += 1;
            // Extensions' settings: `name.name`.
            while c.punct('.') {
                match c.t.get(c.i) {
                    Some(Tok::Word(w)) => setting.push_str(&format!(".{}", w.to_lowercase())),
                    _ => return Err("a setting expected".into()),
                }
                c.i += 1;
            }
            if REFUSED_SETTINGS.contains(&setting.as_str()) {
                return Err(format!("a role setting of {setting}, which loads libraries into its sessions"));
            }
            if !(c.kw("TO") || c.punct('=')) {
                return Err("`TO` expected".into());
            }
            let value = c.values()?;
            c.end()?;
            let db = database.map(|d| format!(" IN DATABASE {}", q(&d))).unwrap_or_default();
            return Ok(Global::RoleSetting {
                sql: format!("ALTER ROLE {}{db} SET {setting} TO {value}", q(&r)),
                role: r,
            });
        } else if c.kw("TABLESPACE") {
            let name = c.name()?;
            c.expect("SET")?;
            let options = c.options()?;
            c.end()?;
            return Ok(Global::OnTablespace {
                sql: format!("ALTER TABLESPACE {} SET {options}", q(&name)),
                name,
            });
        } else {
            return Err("ALTER other than ROLE or TABLESPACE".into());
        }
    } else if c.kw("COMMENT") {
        c.expect("ON")?;
        let on_role = c.kw("ROLE");
        if !on_role && !c.kw("TABLESPACE") {
            return Err("COMMENT other than on a role or tablespace".into());
        }
        let name = if on_role { role(&mut c)? } else { c.name()? };
        c.expect("IS")?;
        let text = c.string()?;
        c.end()?;
        return Ok(if on_role {
            Global::CommentOnRole { role: name, text }
        } else {
            Global::OnTablespace {
                sql: format!("COMMENT ON TABLESPACE {} IS {}", q(&name), crate::db::quote_literal(&text)),
                name,
            }
        });
    } else if c.kw("GRANT") || c.kw("REVOKE") {
        let verb = if matches!(c.t.first(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case("GRANT")) {
            "GRANT"
        } else {
            "REVOKE"
        };
        // On a tablespace: GRANT CREATE|ALL [PRIVILEGES] ON TABLESPACE t TO|FROM role.
        let privilege = if c.kw("CREATE") {
            Some("CREATE")
        } else if c.kw("ALL") {
            c.kw("PRIVILEGES");
            Some("ALL")
        } else {
            None
        };
        if let Some(privilege) = privilege {
            c.expect("ON")?;
            c.expect("TABLESPACE")?;
            let name = c.name()?;
            if !(c.kw("TO") || c.kw("FROM")) {
                return Err("`TO` expected".into());
            }
            let grantee = role(&mut c)?;
            let option = if verb == "GRANT" && c.kw("WITH") {
                c.expect("GRANT")?;
                c.expect("OPTION")?;
                " WITH GRANT OPTION"
            } else {
                ""
            };
            c.end()?;
            let direction = if verb == "GRANT" { "TO" } else { "FROM" };
            return Ok(Global::OnTablespace {
                sql: format!(
                    "{verb} {privilege} ON TABLESPACE {} {direction} {}{option}",
                    q(&name),
                    q(&grantee)
                ),
                name,
            });
        }
        if verb == "REVOKE" {
            return Err("REVOKE other than on a tablespace".into());
        }
        // A membership: GRANT role TO member [WITH ADMIN OPTION | WITH INHERIT …, SET …] [GRANTED BY g].
        let granted = role(&mut c)?;
        c.expect("TO")?;
        let member = role(&mut c)?;
        let mut with = Vec::new();
        if c.kw("WITH") {
            loop {
                let Some(Tok::Word(o)) = c.t.get(c.i).cloned() else {
                    return Err("an option expected".into());
                };
                let o = o.to_uppercase();
                if !["ADMIN", "INHERIT", "SET"].contains(&o.as_str()) {
                    return Err(format!("`{o}` is not a membership option"));
                }
                c.i += 1;
                let value = match c.t.get(c.i) {
                    Some(Tok::Word(v))
                        if ["OPTION", "TRUE", "FALSE"].contains(&v.to_uppercase().as_str()) =>
                    {
                        v.to_uppercase()
                    }
                    _ => return Err("OPTION, TRUE or FALSE expected".into()),
                };
                c.i += 1;
                with.push(format!("{o} {value}"));
                if !c.punct(',') {
                    break;
                }
            }
        }
        let by = if c.kw("GRANTED") {
            c.expect("BY")?;
            format!(" GRANTED BY {}", q(&role(&mut c)?))
        } else {
            String::new()
        };
        c.end()?;
        let with = if with.is_empty() { String::new() } else { format!(" WITH {}", with.join(", ")) };
        return Ok(Global::Membership {
            sql: format!("GRANT {} TO {}{with}{by}", q(&granted), q(&member)),
            role: granted,
            member,
        });
    } else {
        return Err("not a statement pg_dumpall writes for roles and tablespaces".into());
    };
    c.end()?;
    Ok(global)
}

/// One statement of the part and its line.
struct Statement {
    line: usize,
    global: Global,
}

/// The statements, names mapped per `ownership`'s `--role-map`; psql's `\restrict` lines
/// skipped, any other meta-command and anything that is not one of pg_dumpall's shapes for roles
/// and tablespaces refused.
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
    let text = String::from_utf8(text)
        .map_err(|_| anyhow!("the globals part is not UTF-8 text; nothing was restored"))?;
    let mut out = Vec::new();
    for statement in db::sql::split(&text) {
        let global = parse(statement.sql, &ownership.map).map_err(|why| {
            anyhow!(
                "the globals part's line {} is not a statement dbctl restores ({why}): only pg_dumpall's own \
                 statements for roles, memberships and tablespaces are; nothing was restored",
                statement.line
            )
        })?;
        out.push(Statement { line: statement.line, global });
    }
    Ok(out)
}

/// Creates the roles and tablespaces of `source`'s globals part on the server of `target`.
/// Roles and tablespaces that exist are left exactly as they are: only what this part creates
/// gets its attributes, cfg, comments and memberships. No role is given SUPERUSER,
/// REPLICATION or BYPASSRLS, nor membership of a predefined `pg_*` role or of a role that existed:
/// those are said, for an administrator to grant.
pub fn restore(
    source: &StoredBackup,
    keys: &mut Keys,
    target: &DbTarget,
    ownership: &Ownership,
    cfg: &super::Config,
    out: &Output,
) -> Result<Applied> {
    let DbTarget::Postgres { .. } = target else {
        bail!("--globals restores PostgreSQL roles and tablespaces; the target is not PostgreSQL");
    };
    let sql = read_part(source, keys)?;
    let statements = statements(&sql, ownership)?;
    let mut conn = db::wait_for_database(target, cfg.base.wait, out, || {
        db::connect(target, cfg.base.connect_timeout, &mut |m| out.info(&m))
    })?;
    // Whether a role or tablespace exists is the catalogue's answer, for the mapped names.
    let roles: Vec<String> = conn.query_texts("SELECT rolname AS v FROM pg_roles", &[])?;
    let spaces: Vec<String> = conn.query_texts("SELECT spcname AS v FROM pg_tablespace", &[])?;
    let mut applied = Applied::default();
    let mut said: Vec<String> = Vec::new();
    let created = |name: &str, applied: &Applied| applied.created_roles.iter().any(|r| r == name);

    // Roles, their settings and memberships: one transaction.
    let fail = |s: &Statement, e: &dyn std::fmt::Display| {
        anyhow!("the globals part's line {}: {e}; no role was created or changed", s.line)
    };
    let run = |conn: &mut db::Conn, sql: &str| conn.execute_one(sql);
    conn.batch("BEGIN").map_err(|e| anyhow!("starting the globals' transaction: {e}"))?;
    let result: Result<()> = (|| {
        for s in &statements {
            let sql = match &s.global {
                Global::Set(sql) => sql.clone(),
                Global::CreateRole(name) => {
                    if roles.iter().any(|r| r == name) {
                        applied.kept_roles.push(name.clone());
                        continue;
                    }
                    applied.created_roles.push(name.clone());
                    format!("CREATE ROLE {}", db::quote_ident(name))
                }
                Global::RoleAttributes { role, attributes, rest } if created(role, &applied) => {
                    let mut kept = Vec::new();
                    for a in attributes {
                        if PRIVILEGED.contains(&a.as_str()) {
                            said.push(format!(
                                "role {role} was created without {a}, which the globals part gives it: grant it by \
                                 hand if it needs it (ALTER ROLE {} {a})",
                                db::quote_ident(role)
                            ));
                            kept.push(format!("NO{a}"));
                        } else {
                            kept.push(a.clone());
                        }
                    }
                    format!("ALTER ROLE {} WITH {}{rest}", db::quote_ident(role), kept.join(" "))
                }
                Global::RoleSetting { role, sql } if created(role, &applied) => sql.clone(),
                Global::CommentOnRole { role, text } if created(role, &applied) => {
                    format!("COMMENT ON ROLE {} IS {}", db::quote_ident(role), db::quote_literal(text))
                }
                Global::RoleAttributes { role, .. }
                | Global::RoleSetting { role, .. }
                | Global::CommentOnRole { role, .. } => {
                    if !applied.kept_roles.contains(role) {
                        said.push(format!(
                            "line {}: left out a change of role {role}, which this globals part does not create",
                            s.line
                        ));
                    }
                    continue;
                }
                Global::Membership { role, member, sql } => {
                    if role.starts_with("pg_") {
                        said.push(format!(
                            "left out the membership of {member} in {role}: predefined roles are granted by hand"
                        ));
                        continue;
                    }
                    if !(created(role, &applied) && created(member, &applied)) {
                        said.push(format!(
                            "left out the membership of {member} in {role}: it involves a role that existed \
                             before, which a restore leaves as it was; grant it by hand if wanted"
                        ));
                        continue;
                    }
                    sql.clone()
                }
                Global::CreateTablespace { .. } | Global::OnTablespace { .. } => continue,
            };
            run(&mut conn, &sql).map_err(|e| fail(s, &format!("{e:#}")))?;
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
        match &s.global {
            Global::CreateTablespace { name, sql } => {
                if spaces.iter().any(|t| t == name) {
                    applied.kept_tablespaces.push(name.clone());
                    continue;
                }
                run(&mut conn, sql).map_err(|e| {
                    anyhow!(
                        "the globals part's line {}: {e:#}; the roles were created, this tablespace and those \
                         after it were not (its directory must exist on the target server)",
                        s.line
                    )
                })?;
                applied.created_tablespaces.push(name.clone());
            }
            Global::OnTablespace { name, sql } if applied.created_tablespaces.contains(name) => {
                run(&mut conn, sql).map_err(|e| anyhow!("the globals part's line {}: {e:#}", s.line))?;
            }
            _ => {}
        }
    }
    for w in said {
        out.warn(&format!("globals: {w}"));
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(sql: &str) -> Result<Global, String> {
        parse(sql, &[("app".into(), "staging_app".into())])
    }

    /// What pg_dumpall 15 and 16 write for roles, memberships and tablespaces.
    #[test]
    fn pg_dumpalls_statements_are_read_and_written_again() {
        let o = Ownership::default();
        let ok = "SET default_transaction_read_only = off;\nSET client_encoding = 'UTF8';\n\
                  SET standard_conforming_strings = on;\n\\restrict abc\nCREATE ROLE app;\n\
                  ALTER ROLE app WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS \
                  PASSWORD 'SCRAM-SHA-256$4096:abc=' VALID UNTIL 'infinity' CONNECTION LIMIT 5;\n\
                  ALTER ROLE app SET search_path TO 'app', public;\nALTER ROLE app IN DATABASE shop SET work_mem TO '64MB';\n\
                  COMMENT ON ROLE app IS 'the app''s role';\n\
                  GRANT app TO reports WITH INHERIT TRUE, SET FALSE GRANTED BY postgres;\nGRANT app TO ops GRANTED BY postgres;\n\
                  CREATE TABLESPACE fast OWNER app LOCATION '/x' WITH (random_page_cost = 1.1);\n\
                  GRANT CREATE ON TABLESPACE fast TO reports;\nCOMMENT ON TABLESPACE fast IS 'ssd';\n";
        let s = statements(ok.as_bytes(), &o).unwrap();
        assert_eq!(s.len(), 13);
        assert_eq!(s[3].global, Global::CreateRole("app".into()));
        assert_eq!(
            s[4].global,
            Global::RoleAttributes {
                role: "app".into(),
                attributes: [
                    "NOSUPERUSER",
                    "INHERIT",
                    "NOCREATEROLE",
                    "NOCREATEDB",
                    "LOGIN",
                    "NOREPLICATION",
                    "NOBYPASSRLS"
                ]
                .map(String::from)
                .to_vec(),
                rest: " PASSWORD 'SCRAM-SHA-256$4096:abc=' VALID UNTIL 'infinity' CONNECTION LIMIT 5".into(),
            }
        );
        assert!(
            matches!(&s[5].global, Global::RoleSetting { sql, .. } if sql == "ALTER ROLE \"app\" SET search_path TO 'app', public")
        );
        assert!(matches!(&s[8].global, Global::Membership { sql, .. }
            if sql == "GRANT \"app\" TO \"reports\" WITH INHERIT TRUE, SET FALSE GRANTED BY \"postgres\""));
        assert!(matches!(&s[10].global, Global::CreateTablespace { sql, .. }
            if sql == "CREATE TABLESPACE \"fast\" OWNER \"app\" LOCATION '/x' WITH (random_page_cost = 1.1)"));
    }

    /// The mapped names are the ones the catalogue is asked about and the statements name.
    #[test]
    fn role_map_applies_before_anything_is_decided() {
        assert_eq!(parsed("CREATE ROLE app").unwrap(), Global::CreateRole("staging_app".into()));
        assert!(
            matches!(parsed("/* x */ ALTER ROLE app WITH LOGIN").unwrap(), Global::RoleAttributes { role, .. } if role == "staging_app")
        );
        assert!(matches!(parsed("GRANT app TO app GRANTED BY app").unwrap(), Global::Membership { sql, .. }
            if sql == "GRANT \"staging_app\" TO \"staging_app\" GRANTED BY \"staging_app\""));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "DROP ROLE app",
            "CREATE TABLE t (x int)",
            "COPY t FROM PROGRAM 'x'",
            "ALTER ROLE CURRENT_USER WITH SUPERUSER",
            "ALTER ROLE session_user WITH PASSWORD 'x'",
            "ALTER ROLE app RENAME TO boss",
            "ALTER ROLE app WITH SUPERUSER; ALTER ROLE x WITH LOGIN",
            "GRANT ALL ON DATABASE shop TO app",
            "GRANT app TO PUBLIC",
            "GRANT pg_execute_server_program TO app WITH ADMIN OPTION, BOGUS TRUE",
            "SET role = postgres",
            "SET session_authorization = postgres",
            "SET standard_conforming_strings = off",
            "SELECT pg_catalog.set_config('role', 'postgres', false)",
            "ALTER ROLE app SET session_preload_libraries TO 'evil'",
            "ALTER ROLE app WITH PASSWORD E'x\\' LOGIN'",
            "ALTER ROLE app WITH PASSWORD $$x$$",
            "REVOKE app FROM reports",
            "DO $$ BEGIN ALTER ROLE postgres PASSWORD 'x'; END $$",
        ] {
            assert!(parsed(bad).is_err(), "{bad}");
        }
        assert!(statements(b"\\! rm -rf /\n", &Ownership::default()).is_err());
    }
}
