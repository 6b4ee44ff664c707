//! Moving a dump to a server whose roles differ: `--no-owner` leaves out the statements that give
//! objects to their owners (`ALTER … OWNER TO`, `SET SESSION AUTHORIZATION`), `--no-acl` the
//! privileges (`GRANT`, `REVOKE`, `ALTER DEFAULT PRIVILEGES`), and `--role-map OLD=NEW` renames
//! roles where such statements name them. Only these statements are looked into; a role's name
//! elsewhere (in a string, a function's body, a table's name) is never touched.

use std::borrow::Cow;

/// What to change in a dump's ownership and privileges on the way in.
#[derive(Debug, Clone, Default)]
pub struct Ownership {
    pub no_owner: bool,
    pub no_acl: bool,
    /// OLD → NEW, role names as the catalog has them (case kept: `--role-map Reports=…` is the
    /// role created as "Reports").
    pub map: Vec<(String, String)>,
}

/// What becomes of one statement.
#[derive(Debug, PartialEq, Eq)]
pub enum Action<'a> {
    Run(Cow<'a, [u8]>),
    Skip,
}

/// The statements that name roles.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    /// `ALTER … OWNER TO`, `SET SESSION AUTHORIZATION`, `SET ROLE`.
    Owner,
    /// `GRANT`, `REVOKE`, `ALTER DEFAULT PRIVILEGES`.
    Acl,
    /// `CREATE POLICY`, `ALTER POLICY`: roles in `TO`, kept either way.
    Policy,
    /// A globals dump's `CREATE ROLE`, `ALTER ROLE`, `COMMENT ON ROLE`, `CREATE TABLESPACE … OWNER`.
    Globals,
    /// `CREATE SCHEMA … AUTHORIZATION role`: renamed, or without its owner under `--no-owner`.
    SchemaAuthorization,
    Other,
}

/// One token of a statement: where it is, and for an identifier, the name it means.
struct Token {
    range: std::ops::Range<usize>,
    /// An identifier's name (unquoted ones folded to lower case, as the server does).
    ident: Option<String>,
    /// An unquoted word, upper-cased (keywords are matched on it).
    word: Option<String>,
}

/// The statement's tokens, strings and comments left out (from [`crate::db::sql::lex`]).
fn tokens(sql: &[u8]) -> Vec<Token> {
    use crate::db::sql::LexKind;
    crate::db::sql::lex(sql)
        .into_iter()
        .filter(|l| !matches!(l.kind, LexKind::Str | LexKind::EscapeStr | LexKind::DollarStr))
        .map(|l| Token { ident: l.name(), word: l.word(), range: l.range })
        .collect()
}

fn kind(tokens: &[Token], sql: &[u8]) -> Kind {
    let word = |i: usize| tokens.get(i).and_then(|t| t.word.as_deref()).unwrap_or("");
    // set_config('role', …) and set_config('session_authorization', …) change who owns what
    // follows, as SET ROLE does.
    if tokens.iter().any(|t| t.word.as_deref() == Some("SET_CONFIG")) {
        let lower = String::from_utf8_lossy(sql).to_ascii_lowercase();
        if lower.contains("'role'") || lower.contains("'session_authorization'") {
            return Kind::Owner;
        }
    }
    match word(0) {
        "GRANT" | "REVOKE" => Kind::Acl,
        "ALTER" if word(1) == "DEFAULT" && word(2) == "PRIVILEGES" => Kind::Acl,
        "ALTER" if word(1) == "POLICY" => Kind::Policy,
        "CREATE" if word(1) == "POLICY" => Kind::Policy,
        "ALTER"
            if tokens
                .windows(2)
                .any(|w| w[0].word.as_deref() == Some("OWNER") && w[1].word.as_deref() == Some("TO")) =>
        {
            Kind::Owner
        }
        "SET" if word(1) == "SESSION" && word(2) == "AUTHORIZATION" => Kind::Owner,
        "SET" if word(1) == "ROLE" => Kind::Owner,
        "SET" if matches!(word(1), "LOCAL" | "SESSION") && matches!(word(2), "ROLE" | "SESSION") => {
            Kind::Owner
        }
        "CREATE"
            if word(1) == "SCHEMA" && tokens.iter().any(|t| t.word.as_deref() == Some("AUTHORIZATION")) =>
        {
            Kind::SchemaAuthorization
        }
        "CREATE" | "ALTER" if matches!(word(1), "ROLE" | "USER" | "GROUP" | "TABLESPACE") => Kind::Globals,
        "COMMENT" if word(1) == "ON" && word(2) == "ROLE" => Kind::Globals,
        _ => Kind::Other,
    }
}

/// How an identifier is written: bare when PostgreSQL would read it back the same, else quoted.
fn quote_ident(name: &str) -> String {
    let bare = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if bare { name.to_string() } else { format!("\"{}\"", name.replace('"', "\"\"")) }
}

impl Ownership {
    /// Whether anything is changed at all.
    pub fn changes_nothing(&self) -> bool {
        !self.no_owner && !self.no_acl && self.map.is_empty()
    }

    /// What becomes of `sql`, one statement of a dump.
    pub fn apply<'a>(&self, sql: &'a [u8]) -> Action<'a> {
        if self.changes_nothing() {
            return Action::Run(Cow::Borrowed(sql));
        }
        // Cheap first look, past leading comments: the statements that name roles start with
        // these words (and a SELECT may call set_config('role', …)).
        let first = crate::db::sql::past_comments(sql);
        let starts = |w: &[u8]| first.len() >= w.len() && first[..w.len()].eq_ignore_ascii_case(w);
        if !(starts(b"ALTER")
            || starts(b"GRANT")
            || starts(b"REVOKE")
            || starts(b"SET")
            || starts(b"CREATE")
            || starts(b"SELECT"))
        {
            return Action::Run(Cow::Borrowed(sql));
        }
        let tokens = tokens(sql);
        match kind(&tokens, sql) {
            Kind::Owner if self.no_owner => Action::Skip,
            // CREATE SCHEMA … AUTHORIZATION role: the schema, without its owner.
            Kind::SchemaAuthorization if self.no_owner => {
                let at =
                    tokens.iter().position(|t| t.word.as_deref() == Some("AUTHORIZATION")).expect("found");
                let end = tokens.get(at + 1).map_or(tokens[at].range.end, |t| t.range.end);
                let mut out = sql[..tokens[at].range.start].to_vec();
                out.extend_from_slice(&sql[end..]);
                Action::Run(Cow::Owned(out))
            }
            Kind::Acl if self.no_acl => Action::Skip,
            Kind::Other => Action::Run(Cow::Borrowed(sql)),
            _ => self.rename(sql, &tokens),
        }
    }

    /// Renames the roles the statement names (after TO, FROM, ROLE, AUTHORIZATION, BY, OWNER, and
    /// the commas of their lists; the roles a grant of roles grants) per the map.
    fn rename<'a>(&self, sql: &'a [u8], tokens: &[Token]) -> Action<'a> {
        if self.map.is_empty() {
            return Action::Run(Cow::Borrowed(sql));
        }
        let mut out = Vec::with_capacity(sql.len() + 16);
        let mut copied = 0;
        // A grant of roles (no ON): the roles granted come first.
        let first = tokens.first().and_then(|t| t.word.as_deref());
        let mut in_roles = matches!(first, Some("GRANT" | "REVOKE"))
            && !tokens.iter().any(|t| t.word.as_deref() == Some("ON"));
        let mut changed = false;
        for (i, t) in tokens.iter().enumerate().skip(usize::from(in_roles)) {
            let word = t.word.as_deref();
            if in_roles && word == Some("TO") {
                // OWNER TO: the role follows.
                continue;
            }
            if in_roles && let Some(name) = &t.ident {
                // The map names roles as the catalog does; a bare name was folded to lower case.
                let target = self.map.iter().find(|(old, _)| old == name);
                if let Some((_, new)) = target {
                    out.extend_from_slice(&sql[copied..t.range.start]);
                    out.extend_from_slice(quote_ident(new).as_bytes());
                    copied = t.range.end;
                    changed = true;
                }
                in_roles = tokens.get(i + 1).is_some_and(|n| &sql[n.range.clone()] == b",");
                continue;
            }
            if sql[t.range.clone()] == *b"," && in_roles {
                continue;
            }
            in_roles = matches!(
                word,
                Some("TO" | "FROM" | "ROLE" | "USER" | "GROUP" | "AUTHORIZATION" | "BY" | "OWNER")
            );
        }
        if !changed {
            return Action::Run(Cow::Borrowed(sql));
        }
        out.extend_from_slice(&sql[copied..]);
        Action::Run(Cow::Owned(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::parse_role_map;

    fn run(o: &Ownership, sql: &str) -> Option<String> {
        match o.apply(sql.as_bytes()) {
            Action::Run(s) => Some(String::from_utf8(s.into_owned()).unwrap()),
            Action::Skip => None,
        }
    }

    fn map(pairs: &[(&str, &str)]) -> Ownership {
        Ownership {
            map: pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn no_owner_and_no_acl_leave_out_their_statements_only() {
        let o = Ownership { no_owner: true, no_acl: true, ..Default::default() };
        assert_eq!(run(&o, "ALTER TABLE public.t OWNER TO app"), None);
        assert_eq!(run(&o, "ALTER FUNCTION public.f(integer) OWNER TO app"), None);
        assert_eq!(run(&o, "SET SESSION AUTHORIZATION app"), None);
        assert_eq!(run(&o, "GRANT SELECT ON TABLE public.t TO reports"), None);
        assert_eq!(run(&o, "REVOKE ALL ON SCHEMA public FROM PUBLIC"), None);
        assert_eq!(run(&o, "ALTER DEFAULT PRIVILEGES FOR ROLE app GRANT SELECT ON TABLES TO reports"), None);
        for kept in [
            "ALTER TABLE public.t ADD COLUMN owner text",
            "ALTER TABLE public.t RENAME TO grants",
            "CREATE TABLE public.owner_to (x int)",
            "SET search_path = public",
            "SELECT 'ALTER TABLE t OWNER TO app'",
        ] {
            assert_eq!(run(&o, kept).as_deref(), Some(kept));
        }
    }

    #[test]
    fn roles_are_renamed_where_statements_name_roles() {
        let o = map(&[("app", "staging_app"), ("Reports", "read only")]);
        assert_eq!(
            run(&o, "ALTER TABLE public.app OWNER TO app").unwrap(),
            "ALTER TABLE public.app OWNER TO staging_app"
        );
        assert_eq!(
            run(&o, "GRANT SELECT ON TABLE public.t TO \"Reports\", app WITH GRANT OPTION").unwrap(),
            "GRANT SELECT ON TABLE public.t TO \"read only\", staging_app WITH GRANT OPTION"
        );
        assert_eq!(
            run(&o, "REVOKE ALL ON TABLE t FROM APP").unwrap(),
            "REVOKE ALL ON TABLE t FROM staging_app"
        );
        assert_eq!(
            run(&o, "ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA app GRANT SELECT ON TABLES TO app")
                .unwrap(),
            "ALTER DEFAULT PRIVILEGES FOR ROLE staging_app IN SCHEMA app GRANT SELECT ON TABLES TO staging_app"
        );
        assert_eq!(
            run(&o, "SET SESSION AUTHORIZATION app").unwrap(),
            "SET SESSION AUTHORIZATION staging_app"
        );
        // A bare Reports folds to reports, which is not the quoted "Reports".
        assert_eq!(run(&o, "GRANT SELECT ON t TO Reports").unwrap(), "GRANT SELECT ON t TO Reports");
        // Strings, comments and function bodies are left as they are.
        let body = "CREATE FUNCTION f() RETURNS text AS $$ SELECT 'TO app' $$ LANGUAGE sql";
        assert_eq!(run(&o, body).unwrap(), body);
        let policy = "CREATE POLICY p ON t TO app USING (owner = 'app')";
        assert_eq!(run(&o, policy).unwrap(), "CREATE POLICY p ON t TO staging_app USING (owner = 'app')");
    }

    #[test]
    fn granted_roles_are_renamed_too() {
        let o = map(&[("app", "staging_app")]);
        assert_eq!(
            run(&o, "GRANT app TO reports GRANTED BY postgres").unwrap(),
            "GRANT staging_app TO reports GRANTED BY postgres"
        );
        assert_eq!(run(&o, "GRANT reports TO app").unwrap(), "GRANT reports TO staging_app");
        assert_eq!(run(&o, "CREATE ROLE app").unwrap(), "CREATE ROLE staging_app");
    }

    #[test]
    fn comments_and_other_spellings_do_not_slip_past_the_options() {
        let o = Ownership { no_owner: true, no_acl: true, map: Vec::new() };
        for skipped in [
            "/**/GRANT SELECT ON t TO app",
            "/* x */ ALTER TABLE t OWNER TO app",
            "-- c\n/* /* nested */ */ REVOKE ALL ON t FROM PUBLIC",
            "SET LOCAL ROLE app",
            "SET SESSION ROLE app",
            "SET LOCAL SESSION AUTHORIZATION app",
            "SELECT pg_catalog.set_config('role', 'app', false)",
            "/**/ SELECT set_config('session_authorization', 'app', true)",
        ] {
            assert_eq!(o.apply(skipped.as_bytes()), Action::Skip, "{skipped}");
        }
        assert_eq!(run(&o, "CREATE SCHEMA shop AUTHORIZATION app").unwrap(), "CREATE SCHEMA shop ");
        assert_eq!(
            run(&o, "SELECT set_config('search_path', '', false)").unwrap(),
            "SELECT set_config('search_path', '', false)"
        );
        let mapped = Ownership { map: vec![("app".into(), "staging_app".into())], ..Ownership::default() };
        assert_eq!(
            run(&mapped, "/* x */ ALTER TABLE t OWNER TO app").unwrap(),
            "/* x */ ALTER TABLE t OWNER TO staging_app"
        );
        assert_eq!(
            run(&mapped, "CREATE SCHEMA shop AUTHORIZATION app").unwrap(),
            "CREATE SCHEMA shop AUTHORIZATION staging_app"
        );
    }

    #[test]
    fn role_maps_are_checked() {
        assert_eq!(parse_role_map("app=staging_app").unwrap(), ("app".into(), "staging_app".into()));
        assert!(parse_role_map("app").is_err());
        assert!(parse_role_map("=x").is_err());
        assert!(parse_role_map("a=b\u{1b}[2J").is_err());
    }
}
