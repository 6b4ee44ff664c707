//! `dbctl migrate lint`: what applying a migration would do to a live database, read from its
//! file before it runs. PostgreSQL's lock and rewrite rules are squawk's (told whether dbctl's
//! runner wraps the file in a transaction); the rules only the runner knows are dbctl's own:
//! a `SET` that leaks into later migrations, an enum value used in the file that adds it, a
//! SQLite `PRAGMA foreign_keys` that has no effect inside the runner's transaction, and
//! transaction control in a file the runner wraps (SQLite; squawk covers PostgreSQL).
//!
//! A finding is allowed by a `-- dbctl:allow RULE` comment in its migration, or for the whole
//! project by `migrations.lint_allow`.

use std::path::PathBuf;

use serde::Serialize;
use squawk_linter::Rule;

use super::source::{Format, MigrationFile};

/// The exit code of `migrate lint` and `migrate --check --lint` when a finding is an error.
pub const EXIT_LINT: u8 = 16;

/// How bad a finding is: an error fails `migrate --check --lint` (exit 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing a migration would do that hurts, or may, a database in use.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// The migration's name (its directory).
    pub migration: String,
    pub file: PathBuf,
    pub line: usize,
    /// The statement, on one line, shortened.
    pub statement: String,
    /// The statement as written (for [`weigh`]).
    #[serde(skip)]
    pub raw: String,
    pub why: String,
    /// The safe way to write it, when there is one.
    pub fix: Option<String>,
    /// The table it locks or rewrites, weighed by the database (when one was at hand).
    pub table: Option<Weight>,
}

/// A table as the database sees it: its name, size on disk (indexes and TOAST included) and the
/// planner's estimate of its rows (unknown until it was analysed).
#[derive(Debug, Clone, Serialize)]
pub struct Weight {
    pub table: String,
    pub bytes: u64,
    pub rows: Option<u64>,
}

impl Weight {
    /// `public.events (2.1 GiB, 18.0 M rows)`.
    pub fn describe(&self) -> String {
        let rows = match self.rows {
            Some(n) if n >= 1_000_000 => format!(", {:.1} M rows", n as f64 / 1e6),
            Some(n) if n >= 10_000 => format!(", {:.0} k rows", n as f64 / 1e3),
            Some(n) => format!(", {n} rows"),
            None => String::new(),
        };
        format!("{} ({}{rows})", self.table, crate::text::bytes(self.bytes as f64))
    }
}

/// The table a statement works on: `CREATE [UNIQUE] INDEX … ON [ONLY] T`, `ALTER TABLE [IF
/// EXISTS] [ONLY] T`, `REINDEX TABLE T`, `CLUSTER T`, `VACUUM FULL T`.
pub fn table_of(statement: &str) -> Option<String> {
    static PATTERNS: std::sync::LazyLock<Vec<regex_lite::Regex>> = std::sync::LazyLock::new(|| {
        let name = r#"((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?)"#;
        [
            format!(r"(?is)^\s*create\s+(?:unique\s+)?index\b.*?\bon\s+(?:only\s+)?{name}"),
            format!(r"(?is)^\s*alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?{name}"),
            format!(r"(?is)^\s*reindex\s+table\s+(?:concurrently\s+)?{name}"),
            format!(r"(?is)^\s*(?:cluster|vacuum\s+full)\s+{name}"),
        ]
        .iter()
        .map(|p| regex_lite::Regex::new(p).expect("a valid pattern"))
        .collect()
    });
    let bare = std::str::from_utf8(crate::db::sql::past_comments(statement.as_bytes())).ok()?;
    PATTERNS.iter().find_map(|re| re.captures(bare).map(|c| c[1].to_string()))
}

/// Weighs each error finding by its table, read-only: size and row estimate from the catalogue.
/// A table the database does not have (made by an earlier pending migration) stays unweighed.
/// A table someone holds or awaits an exclusive lock on (a deploy's `ALTER TABLE`) is not weighed:
/// its size would wait for that lock.
pub fn weigh(findings: &mut [Finding], conn: &mut crate::db::Conn) {
    // The same as a backstop, should such a lock come between the look and the size.
    let _ = conn.batch("SET lock_timeout = '1s'");
    for f in findings.iter_mut().filter(|f| f.severity == Severity::Error) {
        let Some(name) = table_of(&f.raw) else { continue };
        let row = conn.query_texts(
            &format!(
                "SELECT n.nspname || '.' || c.relname || '|' || pg_total_relation_size(c.oid) || '|' || \
                 c.reltuples::bigint AS v FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE c.oid = to_regclass(?) AND NOT {}",
                crate::db::pg_catalog::EXCLUSIVELY_LOCKED
            ),
            &[crate::db::Param::Text(name)],
        );
        let Some(row) = row.ok().and_then(|r| r.into_iter().next()) else { continue };
        let mut parts = row.rsplitn(3, '|');
        let (rows, bytes, table) = (parts.next(), parts.next(), parts.next());
        if let (Some(rows), Some(bytes), Some(table)) = (rows, bytes, table) {
            f.table = Some(Weight {
                table: table.to_string(),
                bytes: bytes.parse().unwrap_or(0),
                rows: rows.parse::<i64>().ok().filter(|n| *n >= 0).map(|n| n as u64),
            });
        }
    }
}

/// What the lint needs to know of the project.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The database is PostgreSQL (else SQLite).
    pub postgres: bool,
    /// `migrations.lint_allow`: rules allowed everywhere.
    pub allow: Vec<String>,
}

/// The comment that allows a rule in one migration.
pub const ALLOW_MARK: &str = "dbctl:allow";

/// squawk's rules whose findings are errors: each takes a lock that blocks writes (or reads) for
/// as long as the table takes to scan or rewrite, or breaks the runner's transaction.
const ERROR_RULES: &[Rule] = &[
    Rule::RequireConcurrentIndexCreation,
    Rule::RequireConcurrentIndexDeletion,
    Rule::RequireConcurrentReindex,
    Rule::RequireConcurrentPartitionDetach,
    Rule::ConstraintMissingNotValid,
    Rule::AddingFieldWithDefault,
    Rule::AddingForeignKeyConstraint,
    Rule::ChangingColumnType,
    Rule::AddingNotNullableField,
    Rule::AddingRequiredField,
    Rule::AddingSerialPrimaryKeyField,
    Rule::DisallowedUniqueConstraint,
    Rule::TransactionNesting,
    Rule::BanUncommittedTransaction,
    Rule::BanDropDatabase,
];

/// squawk's rules left out: dbctl's runner makes them moot (each migration runs once, in its
/// transaction, so `IF NOT EXISTS` is not needed) or they are about settings dbctl's runner owns.
const LEFT_OUT: &[Rule] = &[
    // dbctl's own `concurrently-in-transaction` knows the runner: it wraps even a lone statement.
    Rule::BanConcurrentIndexCreationInTransaction,
    Rule::PreferRobustStmts,
    Rule::RequireTimeoutSettings,
    Rule::RequireLockTimeout,
    Rule::RequireStatementTimeout,
];

/// Whether dbctl's runner sends `m` inside a transaction: diesel's format unless
/// `run_in_transaction = false`; Prisma's as one query, which PostgreSQL runs as one implicit
/// transaction when it holds more than one statement.
pub fn wrapped(m: &MigrationFile, statements: usize) -> bool {
    match m.format {
        Format::Diesel => m.run_in_transaction,
        Format::Prisma => statements > 1,
    }
}

/// The findings of `files`, in file order.
pub fn lint(files: &[&MigrationFile], opts: &Options) -> Vec<Finding> {
    let mut all = Vec::new();
    for m in files {
        let allowed = allowed_in(&m.up);
        let keep = |f: &Finding| !opts.allow.contains(&f.rule) && !allowed.contains(&f.rule);
        let found = if opts.postgres { postgres(m) } else { sqlite(m) };
        all.extend(found.into_iter().filter(keep));
    }
    all
}

/// The rules a migration allows with `-- dbctl:allow RULE[, RULE…]`.
fn allowed_in(sql: &str) -> Vec<String> {
    sql.lines()
        .filter_map(|l| l.trim().strip_prefix("--"))
        .filter_map(|c| c.trim().strip_prefix(ALLOW_MARK))
        .flat_map(|rest| rest.split([',', ' ']).map(str::trim).filter(|r| !r.is_empty()).map(str::to_string))
        .collect()
}

/// 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// A statement on one line (the comments before it left out), at most 120 characters.
fn shorten(sql: &str) -> String {
    let sql = std::str::from_utf8(crate::db::sql::past_comments(sql.as_bytes())).unwrap_or(sql);
    let one: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = crate::text::escape_controls(&one);
    if shown.chars().count() > 120 {
        format!("{}…", shown.chars().take(119).collect::<String>())
    } else {
        shown
    }
}

fn finding(m: &MigrationFile, rule: &str, severity: Severity, line: usize, statement: &str) -> Finding {
    Finding {
        rule: rule.to_string(),
        severity,
        migration: m.name.clone(),
        file: m.up_path(),
        line,
        statement: shorten(statement),
        raw: statement.to_string(),
        why: String::new(),
        fix: None,
        table: None,
    }
}

/// The statement of `statements` that holds byte offset `at`.
fn statement_at<'a>(text: &'a str, statements: &[crate::db::sql::Piece], at: usize) -> &'a str {
    statements
        .iter()
        .find(|p| p.range.start <= at && at <= p.range.end)
        .map_or("", |p| text[p.range.clone()].trim())
}

fn postgres(m: &MigrationFile) -> Vec<Finding> {
    let text = m.up.as_str();
    let statements = crate::db::sql::split_bytes(text.as_bytes());
    let parsed = squawk_syntax::SourceFile::parse(text);
    let mut linter = squawk_linter::Linter::with_rules(&[], LEFT_OUT);
    linter.settings.assume_in_transaction = wrapped(m, statements.len());
    let mut out: Vec<Finding> = linter
        .lint(&parsed, text)
        .into_iter()
        .map(|v| {
            let at: usize = v.text_range.start().into();
            let severity = if ERROR_RULES.contains(&v.code) { Severity::Error } else { Severity::Warning };
            let mut f = finding(
                m,
                &v.code.to_string(),
                severity,
                line_of(text, at),
                statement_at(text, &statements, at),
            );
            f.why = v.message;
            f.fix = v.help.or_else(|| v.fix.map(|x| x.title));
            f
        })
        .collect();
    out.extend(runner_rules(m, text, &statements, true));
    out.sort_by_key(|f| f.line);
    out
}

fn sqlite(m: &MigrationFile) -> Vec<Finding> {
    let text = m.up.as_str();
    let statements = crate::db::sql::split_bytes(text.as_bytes());
    runner_rules(m, text, &statements, false)
}

/// The first words of a statement, lowercased, comments skipped.
fn words(sql: &str) -> Vec<String> {
    let bare = std::str::from_utf8(crate::db::sql::past_comments(sql.as_bytes())).unwrap_or(sql);
    bare.split(|c: char| c.is_whitespace() || c == '(' || c == ';')
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The rules dbctl's runner knows.
fn runner_rules(
    m: &MigrationFile,
    text: &str,
    statements: &[crate::db::sql::Piece],
    pg: bool,
) -> Vec<Finding> {
    let in_transaction = wrapped(m, statements.len());
    let mut out = Vec::new();
    let mut added_values: Vec<String> = Vec::new();
    for p in statements {
        let sql = text[p.range.clone()].trim();
        let w = words(sql);
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        match w.as_slice() {
            // A session setting stays set for every later migration of the run.
            ["set", next, ..] if !matches!(*next, "local" | "transaction" | "constraints") && pg => {
                let mut f = finding(m, "session-setting", Severity::Warning, p.line, sql);
                f.why = "`SET` without `LOCAL` changes the session dbctl runs the next migrations in: the \
                         setting leaks into them"
                    .into();
                f.fix = Some("write `SET LOCAL …`, which ends with this migration's transaction".into());
                out.push(f);
            }
            [first, ..]
                if pg
                    && in_transaction
                    && matches!(*first, "create" | "drop" | "reindex" | "alter" | "refresh")
                    && w.contains(&"concurrently") =>
            {
                let mut f = finding(m, "concurrently-in-transaction", Severity::Error, p.line, sql);
                f.why = "`CONCURRENTLY` cannot run inside a transaction block, and dbctl's runner runs this \
                         migration in one: it fails on every database"
                    .into();
                f.fix = Some(match m.format {
                    Format::Diesel => {
                        "set `run_in_transaction = false` in this migration's metadata.toml (and \
                                       keep the statement alone in it)"
                            .into()
                    }
                    Format::Prisma => "put the statement in a migration of its own: Prisma sends a lone \
                                       statement outside a transaction"
                        .into(),
                });
                out.push(f);
            }
            ["alter", "type", _, "add", "value", ..] if pg => {
                if let Some(v) = quoted_after(sql, "value") {
                    added_values.push(v);
                }
            }
            ["pragma", pragma, ..] if !pg && in_transaction && pragma.starts_with("foreign_keys") => {
                let mut f = finding(m, "pragma-in-transaction", Severity::Error, p.line, sql);
                f.why = "SQLite ignores `PRAGMA foreign_keys` inside a transaction, and dbctl's runner runs \
                         this migration in one: a table rebuild here runs with foreign keys as they were"
                    .into();
                f.fix = Some(
                    "set `run_in_transaction = false` in metadata.toml and keep the PRAGMA before the \
                     rebuild, or rebuild without dropping a referenced table"
                        .into(),
                );
                out.push(f);
            }
            ["begin" | "commit" | "rollback" | "end", ..] | ["start", "transaction", ..]
                if !pg && in_transaction && !sql.to_ascii_lowercase().starts_with("begin atomic") =>
            {
                let mut f = finding(m, "transaction-nesting", Severity::Error, p.line, sql);
                f.why =
                    "dbctl's runner already runs this migration in a transaction: this ends or nests it, \
                         and what follows runs outside it"
                        .into();
                f.fix = Some(
                    "remove the transaction control, or set `run_in_transaction = false` in metadata.toml"
                        .into(),
                );
                out.push(f);
            }
            _ => {}
        }
        // A value added to an enum cannot be used in the transaction that added it.
        if pg && in_transaction && !matches!(w.first(), Some(&"alter")) {
            for v in &added_values {
                if sql.contains(&format!("'{v}'")) {
                    let mut f =
                        finding(m, "enum-value-used-in-same-transaction", Severity::Error, p.line, sql);
                    f.why = format!(
                        "the enum value '{v}' is added in this migration, which runs in one transaction: \
                         PostgreSQL refuses to use a value before the transaction that added it commits"
                    );
                    f.fix = Some("add the value in a migration of its own, and use it in the next".into());
                    out.push(f);
                }
            }
        }
    }
    out
}

/// The first single-quoted string after the word `word` in `sql`.
fn quoted_after(sql: &str, word: &str) -> Option<String> {
    let lower = sql.to_ascii_lowercase();
    let at = lower.find(&format!("{word} "))? + word.len();
    let rest = sql[at..].trim_start();
    let rest =
        rest.strip_prefix("if not exists").or_else(|| rest.strip_prefix("IF NOT EXISTS")).unwrap_or(rest);
    let rest = rest.trim_start().strip_prefix('\'')?;
    Some(rest[..rest.find('\'')?].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migration(format: Format, up: &str, in_transaction: bool) -> MigrationFile {
        MigrationFile {
            format,
            version: "20260101000000".into(),
            name: "20260101000000_x".into(),
            dir: PathBuf::from("migrations/20260101000000_x"),
            up: up.into(),
            down: None,
            run_in_transaction: in_transaction,
            checksum: String::new(),
        }
    }

    fn rules(
        format: Format,
        up: &str,
        in_transaction: bool,
        postgres: bool,
    ) -> Vec<(String, Severity, usize)> {
        let m = migration(format, up, in_transaction);
        lint(&[&m], &Options { postgres, allow: Vec::new() })
            .into_iter()
            .map(|f| (f.rule, f.severity, f.line))
            .collect()
    }

    #[test]
    fn lock_rules_come_from_squawk_with_the_line() {
        let found = rules(Format::Diesel, "-- first\nCREATE INDEX i ON t (x);\n", true, true);
        assert!(
            found.contains(&("require-concurrent-index-creation".into(), Severity::Error, 2)),
            "{found:?}"
        );
        let rewrite =
            rules(Format::Diesel, "ALTER TABLE t ADD COLUMN c timestamptz DEFAULT random();", true, true);
        assert!(
            rewrite.iter().any(|(r, s, _)| r == "adding-field-with-default" && *s == Severity::Error),
            "{rewrite:?}"
        );
        let constant = rules(Format::Diesel, "ALTER TABLE t ADD COLUMN c int DEFAULT 0;", true, true);
        assert!(!constant.iter().any(|(r, _, _)| r == "adding-field-with-default"), "{constant:?}");
    }

    #[test]
    fn concurrently_is_an_error_only_where_the_runner_wraps() {
        let sql = "CREATE INDEX CONCURRENTLY i ON t (x);";
        let wrapped = rules(Format::Diesel, sql, true, true);
        assert_eq!(wrapped, [("concurrently-in-transaction".to_string(), Severity::Error, 1)]);
        assert!(rules(Format::Diesel, sql, false, true).is_empty());
        // Prisma sends a lone statement outside a transaction block.
        assert!(rules(Format::Prisma, sql, true, true).is_empty());
        let two = format!("{sql}\nCREATE INDEX CONCURRENTLY j ON t (y);");
        assert!(!rules(Format::Prisma, &two, true, true).is_empty());
    }

    #[test]
    fn runner_rules() {
        let set = rules(Format::Diesel, "SET search_path = app;\nSET LOCAL lock_timeout = '1s';", true, true);
        assert_eq!(set, [("session-setting".to_string(), Severity::Warning, 1)]);
        let enums = "ALTER TYPE mood ADD VALUE 'meh';\nUPDATE people SET mood = 'meh' WHERE mood IS NULL;";
        let found = rules(Format::Prisma, enums, true, true);
        assert!(
            found.contains(&("enum-value-used-in-same-transaction".into(), Severity::Error, 2)),
            "{found:?}"
        );
        let pragma = rules(Format::Diesel, "PRAGMA foreign_keys = OFF;\nDROP TABLE a;", true, false);
        assert_eq!(pragma, [("pragma-in-transaction".to_string(), Severity::Error, 1)]);
        assert!(rules(Format::Diesel, "PRAGMA foreign_keys = OFF;", false, false).is_empty());
        let nested = rules(Format::Diesel, "BEGIN;\nCREATE TABLE a (x);\nCOMMIT;", true, false);
        assert_eq!(nested.len(), 2, "{nested:?}");
    }

    #[test]
    fn tables_are_found_in_the_statements_that_lock_them() {
        assert_eq!(table_of("CREATE INDEX i ON events (kind)").as_deref(), Some("events"));
        assert_eq!(
            table_of("create unique index if not exists i on only app.events using btree (k)").as_deref(),
            Some("app.events")
        );
        assert_eq!(
            table_of("-- c\nALTER TABLE IF EXISTS \"Odd Name\" ADD COLUMN c int").as_deref(),
            Some("\"Odd Name\"")
        );
        assert_eq!(table_of("REINDEX TABLE CONCURRENTLY public.t").as_deref(), Some("public.t"));
        assert_eq!(table_of("UPDATE t SET x = 1"), None);
        let w = Weight { table: "public.events".into(), bytes: 3 << 30, rows: Some(18_000_000) };
        assert_eq!(w.describe(), "public.events (3.0 GiB, 18.0 M rows)");
    }

    #[test]
    fn allow_comments_and_the_project_list() {
        let sql = "-- dbctl:allow require-concurrent-index-creation\nCREATE INDEX i ON t (x);";
        assert!(
            !rules(Format::Diesel, sql, true, true)
                .iter()
                .any(|(r, _, _)| r == "require-concurrent-index-creation")
        );
        let m = migration(Format::Diesel, "CREATE INDEX i ON t (x);", true);
        let opts = Options { postgres: true, allow: vec!["require-concurrent-index-creation".into()] };
        assert!(!lint(&[&m], &opts).iter().any(|f| f.rule == "require-concurrent-index-creation"));
    }
}
