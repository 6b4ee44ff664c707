//! Schema drift: the applied migrations replayed into a shadow database, and its schema compared
//! with the live one, catalogue against catalogue (PostgreSQL's own `pg_get_*def` functions for
//! definitions; on SQLite, `sqlite_master`). dbctl's, diesel's and Prisma's own tables are not
//! schema. The live schema is read under the migration lock, so a deploy in progress is waited for
//! rather than reported.

use std::collections::BTreeMap;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;

use super::plan::Analysis;
use super::source::{Format, MigrationFile};
use crate::db::{self, Conn, DbTarget, quote_ident, script};
use crate::output::Output;

/// The exit code of drift (`migrate drift`, `migrate --check --drift`).
pub const EXIT_DRIFT: u8 = 15;

/// Tables that hold the migrations' bookkeeping, not the schema.
const OWN_TABLES: [&str; 4] =
    ["__dbctl_migrations", "__dbctl_migration_runs", "__diesel_schema_migrations", "_prisma_migrations"];

/// One object of a schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Object {
    pub kind: String,
    pub schema: String,
    /// The table a column, constraint or trigger belongs to.
    pub table: String,
    pub name: String,
    pub definition: String,
}

impl Object {
    fn key(&self) -> (String, String, String, String) {
        (self.kind.clone(), self.schema.clone(), self.table.clone(), self.name.clone())
    }

    /// `schema.table.name`, without the empty parts.
    pub fn label(&self) -> String {
        [&self.schema, &self.table, &self.name]
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// One difference between what the migrations make and what the database holds.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// `missing` (the migrations make it, the database lacks it), `unexpected` (the database has
    /// it, the migrations do not make it) or `changed`.
    pub change: &'static str,
    pub kind: String,
    pub object: String,
    /// What the migrations make.
    pub expected: Option<String>,
    /// What the database holds.
    pub actual: Option<String>,
    #[serde(skip)]
    expected_object: Option<Object>,
    #[serde(skip)]
    actual_object: Option<Object>,
}

/// What a drift check found.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Where the migrations were replayed.
    pub shadow: String,
    pub replayed: usize,
    pub differences: Vec<Difference>,
}

/// Compares two sets of objects.
pub fn compare(expected: &[Object], actual: &[Object]) -> Vec<Difference> {
    let index = |objects: &[Object]| -> BTreeMap<_, Object> {
        objects.iter().map(|o| (o.key(), o.clone())).collect()
    };
    let (want, have) = (index(expected), index(actual));
    let mut out = Vec::new();
    for (key, e) in &want {
        match have.get(key) {
            None => out.push(Difference {
                change: "missing",
                kind: e.kind.clone(),
                object: e.label(),
                expected: Some(e.definition.clone()),
                actual: None,
                expected_object: Some(e.clone()),
                actual_object: None,
            }),
            Some(a) if a.definition != e.definition => out.push(Difference {
                change: "changed",
                kind: e.kind.clone(),
                object: e.label(),
                expected: Some(e.definition.clone()),
                actual: Some(a.definition.clone()),
                expected_object: Some(e.clone()),
                actual_object: Some(a.clone()),
            }),
            Some(_) => {}
        }
    }
    for (key, a) in &have {
        if !want.contains_key(key) {
            out.push(Difference {
                change: "unexpected",
                kind: a.kind.clone(),
                object: a.label(),
                expected: None,
                actual: Some(a.definition.clone()),
                expected_object: None,
                actual_object: Some(a.clone()),
            });
        }
    }
    out
}

#[derive(diesel::QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Text)]
    kind: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    schema: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    tbl: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    def: String,
}

/// The PostgreSQL catalogue of the user schemas (or of `only` one), without what extensions own
/// and without the migrations' own tables.
fn pg_objects(conn: &mut Conn, only: Option<&str>) -> Result<Vec<Object>> {
    let schemas = match only {
        Some(s) => format!("n.nspname = {}", db::quote_literal(s)),
        None => "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' \
                 AND n.nspname NOT LIKE 'pg\\_temp%'"
            .to_string(),
    };
    let own = OWN_TABLES.iter().map(|t| db::quote_literal(t)).collect::<Vec<_>>().join(", ");
    let not_extension = |oid: &str, class: &str| {
        format!(
            "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = {oid} AND d.classid = '{class}'::regclass AND d.deptype = 'e')"
        )
    };
    let rel = format!("{schemas} AND c.relname NOT IN ({own}) AND {}", not_extension("c.oid", "pg_class"));
    let queries = [
        format!("SELECT 'schema' AS kind, n.nspname AS schema, '' AS tbl, '' AS name, '' AS def FROM pg_namespace n WHERE {schemas} AND {}", not_extension("n.oid", "pg_namespace")),
        format!(
            "SELECT 'table' AS kind, n.nspname AS schema, '' AS tbl, c.relname AS name, \
             concat_ws(' ', CASE WHEN c.relkind = 'p' THEN 'PARTITION BY ' || pg_get_partkeydef(c.oid) END, \
             CASE WHEN c.relispartition THEN 'PARTITION OF ' || (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid) END, \
             CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED' END) AS def \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND {rel}"
        ),
        format!(
            "SELECT 'column' AS kind, n.nspname AS schema, c.relname AS tbl, a.attname AS name, \
             concat_ws(' ', format_type(a.atttypid, a.atttypmod), \
             CASE WHEN a.attnotnull THEN 'NOT NULL' END, \
             CASE WHEN a.attidentity = 'a' THEN 'GENERATED ALWAYS AS IDENTITY' WHEN a.attidentity = 'd' THEN 'GENERATED BY DEFAULT AS IDENTITY' END, \
             CASE WHEN a.attgenerated = 's' THEN 'GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ') STORED' \
                  WHEN d.adbin IS NOT NULL THEN 'DEFAULT ' || pg_get_expr(d.adbin, d.adrelid) END, \
             CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN 'COLLATE ' || a.attcollation::regcollation::text END) AS def \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_type t ON t.oid = a.atttypid \
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f') AND {rel}"
        ),
        format!(
            "SELECT 'constraint' AS kind, n.nspname AS schema, c.relname AS tbl, k.conname AS name, pg_get_constraintdef(k.oid) AS def \
             FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE k.conislocal AND {rel}"
        ),
        format!(
            "SELECT 'index' AS kind, n.nspname AS schema, '' AS tbl, i.relname AS name, pg_get_indexdef(x.indexrelid) AS def \
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid \
             JOIN pg_namespace n ON n.oid = i.relnamespace WHERE {rel}"
        ),
        format!(
            "SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END AS kind, n.nspname AS schema, '' AS tbl, \
             c.relname AS name, pg_get_viewdef(c.oid, true) AS def \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND {rel}"
        ),
        format!(
            "SELECT 'sequence' AS kind, n.nspname AS schema, '' AS tbl, c.relname AS name, \
             format('%s START %s INCREMENT %s MINVALUE %s MAXVALUE %s CACHE %s%s', format_type(s.seqtypid, NULL), s.seqstart, \
             s.seqincrement, s.seqmin, s.seqmax, s.seqcache, CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END) AS def \
             FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {rel}"
        ),
        format!(
            "SELECT 'function' AS kind, n.nspname AS schema, '' AS tbl, \
             p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name, pg_get_functiondef(p.oid) AS def \
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND {schemas} AND {}",
            not_extension("p.oid", "pg_proc")
        ),
        format!(
            "SELECT 'trigger' AS kind, n.nspname AS schema, c.relname AS tbl, g.tgname AS name, pg_get_triggerdef(g.oid) AS def \
             FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE NOT g.tgisinternal AND {rel}"
        ),
        format!(
            "SELECT 'enum' AS kind, n.nspname AS schema, '' AS tbl, t.typname AS name, \
             (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS def \
             FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND {schemas} AND {}",
            not_extension("t.oid", "pg_type")
        ),
        format!(
            "SELECT 'domain' AS kind, n.nspname AS schema, '' AS tbl, t.typname AS name, \
             concat_ws(' ', format_type(t.typbasetype, t.typtypmod), CASE WHEN t.typnotnull THEN 'NOT NULL' END, \
             'DEFAULT ' || t.typdefault, \
             (SELECT string_agg('CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid), ' ' ORDER BY k.conname) \
              FROM pg_constraint k WHERE k.contypid = t.oid)) AS def \
             FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' AND {schemas} AND {}",
            not_extension("t.oid", "pg_type")
        ),
        "SELECT 'extension' AS kind, '' AS schema, '' AS tbl, extname AS name, '' AS def FROM pg_extension WHERE extname <> 'plpgsql'".to_string(),
    ];
    let mut objects = Vec::new();
    for q in queries {
        let rows: Vec<Row> = conn.load(&q, &[]).with_context(|| "reading the schema's catalogue")?;
        objects.extend(rows.into_iter().map(|r| Object {
            kind: r.kind,
            schema: r.schema,
            table: r.tbl,
            name: r.name,
            definition: r.def.trim().to_string(),
        }));
    }
    objects.sort();
    Ok(objects)
}

/// SQLite's schema: `sqlite_master`, its SQL with runs of blanks made one.
fn sqlite_objects(conn: &mut Conn) -> Result<Vec<Object>> {
    let own = OWN_TABLES.iter().map(|t| db::quote_literal(t)).collect::<Vec<_>>().join(", ");
    let rows: Vec<Row> = conn.load(
        &format!(
            "SELECT type AS kind, '' AS schema, tbl_name AS tbl, name, coalesce(sql, '') AS def FROM sqlite_master \
             WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND tbl_name NOT IN ({own})"
        ),
        &[],
    )?;
    let mut objects: Vec<Object> = rows
        .into_iter()
        .map(|r| Object {
            kind: r.kind,
            schema: String::new(),
            table: if r.tbl == r.name { String::new() } else { r.tbl },
            name: r.name,
            definition: r.def.split_whitespace().collect::<Vec<_>>().join(" "),
        })
        .collect();
    objects.sort();
    Ok(objects)
}

/// Replays the applied migrations, in the order they ran, into `conn`.
fn replay(conn: &mut Conn, applied: &[&MigrationFile]) -> Result<()> {
    for m in applied {
        let fail = |f: script::Failed| {
            anyhow!(
                "replaying {} into the shadow database failed at {}{}: {} (the migration does not apply on its own \
                 any more: fix it, or compare against a copy of the database)",
                m.name,
                m.up_path().display(),
                f.line.map(|l| format!(":{l}")).unwrap_or_default(),
                f.message
            )
        };
        let pg = conn.is_pg();
        match (m.format, m.run_in_transaction, pg) {
            (Format::Prisma, _, true) => {
                script::run_implicit(conn, &m.up, "").map_err(fail)?;
            }
            (_, true, _) => {
                let begin = if pg { "BEGIN" } else { "BEGIN IMMEDIATE" };
                script::run_bracketed(conn, &m.up, begin, "ROLLBACK").map_err(fail)?;
                conn.commit().map_err(|e| anyhow!("replaying {}: {e}", m.name))?;
            }
            (_, false, _) => {
                script::run_each(conn, &m.up).map_err(fail)?;
            }
        }
    }
    Ok(())
}

/// Where the shadow is: a URL given, a database dbctl made on the same server (dropped after), or
/// a throwaway local cluster of the server's version (when the role may not create databases).
enum Shadow {
    Given(DbTarget),
    Made { url: String, name: String },
    Local(super::scratch_cluster::ScratchCluster),
    Memory,
}

/// Replays `migrations` into a shadow database (see [`Shadow`]) and runs `work` on it; the shadow
/// is dropped afterwards when dbctl made it. Returns what `work` returned and where it ran.
pub fn in_shadow<T>(
    migrations: &[&MigrationFile],
    opts: &super::Options,
    out: &Output,
    work: impl FnOnce(&mut Conn, &DbTarget) -> Result<T>,
) -> Result<(T, String)> {
    let target = &opts.target;
    let shadow = match (target, &opts.shadow_url) {
        (_, Some(url)) => Shadow::Given(
            DbTarget::parse(url, std::path::Path::new("."))
                .map_err(|e| anyhow!("migrations.shadow_url: {e}"))?,
        ),
        (DbTarget::Postgres { url }, None) => {
            let db = crate::redact::url_database(url).unwrap_or_else(|| "db".into());
            // Shadows of earlier runs that were killed (no session uses them): removed first.
            if let Ok(stale) = crate::db::admin::stale_drift_shadows(url, &db, opts.connect_timeout, false)
                && !stale.is_empty()
            {
                out.info(&format!(
                    "dropped the shadow {} {} that killed runs left",
                    crate::text::plural(stale.len(), "database"),
                    stale.join(", ")
                ));
            }
            let name =
                format!("{}_dbctl_drift_{}", crate::text::prefix(&db, 40), crate::sys::random::short_id());
            let quiet = out.quieted();
            match crate::db::admin::create_pg_database(url, &name, opts.connect_timeout, &quiet) {
                Ok(()) => Shadow::Made { url: crate::redact::url_with_database(url, &name), name },
                Err(e) if e.downcast_ref::<crate::db::NoCreateDb>().is_some() => {
                    // No CREATEDB: a throwaway cluster of the server's version, on this host.
                    let major = db::connect(target, opts.connect_timeout, &mut |_| {})
                        .and_then(|mut c| c.pg_major())?;
                    out.info(&format!(
                        "the role may not create databases; replaying into a throwaway PostgreSQL {major} on this host"
                    ));
                    let cluster = super::scratch_cluster::ScratchCluster::start(major, opts).map_err(|e| {
                        e.context(
                            "the role may not create a shadow database on the server (CREATEDB), and no throwaway \
                             cluster could be started here; give one with --shadow-url or migrations.shadow_url",
                        )
                    })?;
                    Shadow::Local(cluster)
                }
                Err(e) => {
                    return Err(e.context(
                        "creating a shadow database to replay the migrations into; give one with --shadow-url or \
                         migrations.shadow_url",
                    ));
                }
            }
        }
        (DbTarget::Sqlite { .. }, None) => Shadow::Memory,
        (DbTarget::SqliteMemory, None) => bail!("an in-memory database has no schema to compare"),
        (t @ DbTarget::Command { .. }, None) => {
            return Err(t.not_connectable().expect("another engine").into());
        }
    };
    let described = match &shadow {
        Shadow::Given(t) => t.display(),
        Shadow::Made { name, .. } => format!("the shadow database {name} (made for this, then dropped)"),
        Shadow::Local(_) => "a throwaway local PostgreSQL of the server's version".into(),
        Shadow::Memory => "an in-memory SQLite database".into(),
    };
    // SIGINT and SIGTERM end the replay by taking its shadow away (dropped, or the throwaway
    // cluster stopped); the run then says so.
    crate::sys::signals::install().context("catching SIGINT and SIGTERM")?;
    let timeout = opts.connect_timeout;
    match (&shadow, target) {
        (Shadow::Made { name, .. }, DbTarget::Postgres { url }) => {
            let (url, name) = (url.clone(), name.clone());
            crate::sys::signals::set_on_signal(Some(Box::new(move || {
                let _ = crate::db::admin::drop_pg_database(&url, &name, timeout);
            })));
        }
        (Shadow::Local(cluster), _) => {
            let pid = cluster.pid();
            crate::sys::signals::set_on_signal(Some(Box::new(move || {
                // SAFETY: a signal to the postmaster this process started.
                unsafe { libc::kill(pid as libc::pid_t, libc::SIGQUIT) };
            })));
        }
        _ => {}
    }
    let result = (|| {
        let shadow_target = match &shadow {
            Shadow::Given(t) => t.clone(),
            Shadow::Made { url, .. } => DbTarget::Postgres { url: url.clone() },
            Shadow::Local(cluster) => DbTarget::Postgres { url: cluster.url("postgres") },
            Shadow::Memory => DbTarget::SqliteMemory,
        };
        let mut conn = db::connect(&shadow_target, opts.connect_timeout, &mut |_| {})
            .context("connecting to the shadow database")?;
        if let Shadow::Given(_) = &shadow {
            // Its contents are replaced: whatever an earlier replay (or anything else) left.
            crate::db::admin::refuse_same(&shadow_target, &mut conn, target, opts.connect_timeout)?;
            if conn.is_pg() {
                crate::db::admin::take_given_scratch(&mut conn, opts.shadow_from_project.as_deref())?;
            } else {
                super::prisma::drop_everything(&mut conn)?;
            }
        }
        if let Some(schema) = tenant(target) {
            conn.batch(&format!("CREATE SCHEMA IF NOT EXISTS {}", quote_ident(&schema)))?;
        }
        if let Some(init) = &opts.shadow_init {
            conn.batch(init).map_err(|e| {
                anyhow!(
                    "migrations.shadow_init (Prisma's initShadowDb) failed in the shadow database: {e}; \
                     fix that SQL (it runs before the migrations are replayed)"
                )
            })?;
        }
        replay(&mut conn, migrations)?;
        work(&mut conn, &shadow_target)
    })();
    crate::sys::signals::set_on_signal(None);
    if let (Shadow::Made { name, .. }, DbTarget::Postgres { url }) = (&shadow, target)
        && let Err(e) = crate::db::admin::drop_pg_database(url, name, opts.connect_timeout)
    {
        out.warn(&format!("could not drop the shadow database {name}: {e:#}; drop it by hand"));
    }
    if let Some(sig) = crate::sys::signals::received() {
        let what = match &shadow {
            Shadow::Made { name, .. } => format!("; the shadow database {name} was dropped"),
            Shadow::Local(_) => "; the throwaway cluster was stopped and removed".into(),
            _ => String::new(),
        };
        drop(shadow);
        return Err(anyhow::Error::new(crate::sys::signals::Interrupted(sig))
            .context(format!("migrate drift stopped{what}")));
    }
    Ok((result?, described))
}

/// The one schema a Prisma URL names (its tenant), compared alone.
fn tenant(target: &DbTarget) -> Option<String> {
    match target {
        DbTarget::Postgres { url } => crate::db::prisma_url::schema(url),
        _ => None,
    }
}

/// Runs the drift check: `files` and `analysis` say which migrations are applied.
pub fn check(
    files: &[MigrationFile],
    analysis: &Analysis,
    opts: &super::Options,
    out: &Output,
) -> Result<Report> {
    let target = &opts.target;
    let mut applied: Vec<&MigrationFile> =
        analysis.applied_newest_first().into_iter().filter_map(|e| e.file.map(|i| &files[i])).collect();
    applied.reverse();
    let only = tenant(target);
    let (expected, described) = in_shadow(&applied, opts, out, |conn, _| match conn {
        Conn::Pg(_) => pg_objects(conn, only.as_deref()),
        Conn::Sqlite(_) => sqlite_objects(conn),
    })?;
    // The live schema, under the migration lock: a deploy in progress is waited for.
    let mut conn = db::wait_for_database(target, opts.wait, out, || {
        db::connect(target, opts.connect_timeout, &mut |m| out.info(&m))
    })?;
    let held = super::lock::acquire(&mut conn, target, opts.lock_timeout, &mut |holder| {
        out.info(&format!("waiting for the migration lock, held by {holder}, before reading the schema"))
    })?;
    let actual = match conn {
        Conn::Pg(_) => pg_objects(&mut conn, only.as_deref()),
        Conn::Sqlite(_) => sqlite_objects(&mut conn),
    };
    super::lock::release(&mut conn, held);
    let differences = compare(&expected, &actual?);
    Ok(Report { shadow: described, replayed: applied.len(), differences })
}

/// `schema dump`: the schema every migration makes, as normalised SQL: PostgreSQL's from pg_dump
/// (`--schema-only`, no owners or privileges; without comments, `SET` lines, psql's `\restrict`
/// lines and repeated blank lines), SQLite's from `sqlite_master` in a stable order.
pub fn schema_sql(files: &[MigrationFile], opts: &super::Options, out: &Output) -> Result<String> {
    let all: Vec<&MigrationFile> = files.iter().collect();
    let (text, _) = in_shadow(&all, opts, out, |conn, shadow| match (&*conn, shadow) {
        (Conn::Pg(_), DbTarget::Postgres { url }) => {
            let major = conn.pg_major()?;
            let tool = crate::backup::producer::find_pg_dump(
                opts.pg_dump.as_deref(),
                &opts.pg_bin_dirs,
                major,
                &mut |w| out.warn(w),
            )?;
            let (bare, password) = crate::redact::url_without_password(url);
            let mut cmd = std::process::Command::new(&tool.path);
            cmd.args(["--schema-only", "--no-owner", "--no-privileges"]).arg(format!("--dbname={bare}"));
            if let Some(t) = tenant(&opts.target) {
                cmd.arg(format!("--schema={t}"));
            }
            let mut child =
                crate::backup::producer::Tool::spawn(cmd, password.as_deref(), &tool.path, false, true)?;
            let mut dump = String::new();
            std::io::Read::read_to_string(child.stdout.as_mut().expect("piped"), &mut dump)?;
            child.finish()?;
            Ok(normalise_dump(&dump))
        }
        _ => {
            let rows: Vec<Row> = conn.load(
                "SELECT type AS kind, '' AS schema, tbl_name AS tbl, name, sql AS def FROM sqlite_master \
                 WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
                 ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, tbl_name, name",
                &[],
            )?;
            Ok(rows.iter().map(|r| format!("{};\n", r.def.trim())).collect::<Vec<_>>().join("\n"))
        }
    })?;
    Ok(text)
}

/// pg_dump's schema without what changes from run to run or says nothing about the schema.
fn normalise_dump(dump: &str) -> String {
    let mut out = String::new();
    let mut blank = true;
    for line in dump.lines() {
        let t = line.trim_start();
        let noise = t.starts_with("--")
            || t.starts_with("\\restrict")
            || t.starts_with("\\unrestrict")
            || t.starts_with("SET ")
            || t.starts_with("SELECT pg_catalog.set_config");
        if noise {
            continue;
        }
        if line.trim().is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            continue;
        }
        out.push_str(line.trim_end());
        out.push('\n');
        blank = false;
    }
    out.trim_end().to_string() + "\n"
}

/// Statements that would bring the database back to what the migrations make, for a person to
/// review (dbctl never runs them): drops first, then creations.
pub fn repair_sql(report: &Report, postgres: bool) -> String {
    let mut drops = Vec::new();
    let mut creates = Vec::new();
    let q = |o: &Object| {
        let mut parts: Vec<String> = Vec::new();
        if !o.schema.is_empty() {
            parts.push(quote_ident(&o.schema));
        }
        parts.push(quote_ident(&o.name));
        parts.join(".")
    };
    let table_of = |o: &Object| {
        if o.schema.is_empty() {
            quote_ident(&o.table)
        } else {
            format!("{}.{}", quote_ident(&o.schema), quote_ident(&o.table))
        }
    };
    let drop = |o: &Object| -> String {
        match (o.kind.as_str(), postgres) {
            ("column", true) => format!("ALTER TABLE {} DROP COLUMN {};", table_of(o), quote_ident(&o.name)),
            ("constraint", true) => {
                format!("ALTER TABLE {} DROP CONSTRAINT {};", table_of(o), quote_ident(&o.name))
            }
            ("trigger", true) => format!("DROP TRIGGER {} ON {};", quote_ident(&o.name), table_of(o)),
            ("function", true) => format!("DROP FUNCTION {}.{};", quote_ident(&o.schema), o.name),
            ("enum" | "domain", true) => {
                format!("DROP {} {};", if o.kind == "enum" { "TYPE" } else { "DOMAIN" }, q(o))
            }
            ("schema", true) => format!("DROP SCHEMA {};", quote_ident(&o.schema)),
            ("extension", true) => format!("DROP EXTENSION {};", quote_ident(&o.name)),
            (kind, _) => format!("DROP {} {};", kind.to_uppercase(), q(o)),
        }
    };
    let create = |o: &Object| -> String {
        let def = &o.definition;
        match (o.kind.as_str(), postgres) {
            (_, false) => format!("{def};"),
            ("schema", _) => format!("CREATE SCHEMA {};", quote_ident(&o.schema)),
            ("extension", _) => format!("CREATE EXTENSION IF NOT EXISTS {};", quote_ident(&o.name)),
            ("table", _) => format!("CREATE TABLE {} () {def};", q(o)),
            ("column", _) => {
                format!("ALTER TABLE {} ADD COLUMN {} {def};", table_of(o), quote_ident(&o.name))
            }
            ("constraint", _) => {
                format!("ALTER TABLE {} ADD CONSTRAINT {} {def};", table_of(o), quote_ident(&o.name))
            }
            ("index" | "trigger", _) => format!("{def};"),
            ("function", _) => format!("{};", def.trim_end().trim_end_matches(';')),
            ("view", _) => format!("CREATE VIEW {} AS {}", q(o), def.trim_end()),
            ("materialized view", _) => format!("CREATE MATERIALIZED VIEW {} AS {}", q(o), def.trim_end()),
            ("sequence", _) => format!("CREATE SEQUENCE {} AS {def};", q(o)),
            ("enum", _) => format!("CREATE TYPE {} AS ENUM ({def});", q(o)),
            ("domain", _) => format!("CREATE DOMAIN {} AS {def};", q(o)),
            (kind, _) => format!("-- {kind} {}: {def}", o.label()),
        }
    };
    for d in &report.differences {
        match d.change {
            "missing" => creates.push(create(d.expected_object.as_ref().expect("expected"))),
            "unexpected" => drops.push(drop(d.actual_object.as_ref().expect("actual"))),
            _ => {
                let (e, a) = (
                    d.expected_object.as_ref().expect("expected"),
                    d.actual_object.as_ref().expect("actual"),
                );
                if !postgres && e.kind == "table" {
                    creates.push(format!(
                        "-- review: table {} differs; SQLite changes a table by rebuilding it (new table, copy, \
                         rename). The migrations make: {}",
                        e.label(),
                        e.definition
                    ));
                } else if e.kind == "column" && postgres {
                    creates.push(format!(
                        "-- review: column {} is `{}` in the database, the migrations make `{}`",
                        e.label(),
                        a.definition,
                        e.definition
                    ));
                } else {
                    drops.push(drop(a));
                    creates.push(create(e));
                }
            }
        }
    }
    let mut text = String::from(
        "-- For review: what would bring the database back to the migrations' schema. dbctl does not run it.\n",
    );
    for line in drops.iter().chain(&creates) {
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(kind: &str, name: &str, def: &str) -> Object {
        Object {
            kind: kind.into(),
            schema: "public".into(),
            table: String::new(),
            name: name.into(),
            definition: def.into(),
        }
    }

    #[test]
    fn differences_are_missing_unexpected_or_changed() {
        let expected =
            [o("index", "a_idx", "CREATE INDEX a_idx ON public.a (x)"), o("view", "v", "SELECT 1")];
        let actual =
            [o("view", "v", "SELECT 2"), o("index", "hotfix_idx", "CREATE INDEX hotfix_idx ON public.a (y)")];
        let d = compare(&expected, &actual);
        let seen: Vec<(&str, &str)> = d.iter().map(|d| (d.change, d.object.as_str())).collect();
        assert_eq!(
            seen,
            [("missing", "public.a_idx"), ("changed", "public.v"), ("unexpected", "public.hotfix_idx")]
        );
        assert!(compare(&expected, &expected).is_empty());
        let sql = repair_sql(&Report { shadow: String::new(), replayed: 0, differences: d }, true);
        assert!(sql.contains("DROP INDEX \"public\".\"hotfix_idx\";"), "{sql}");
        assert!(sql.contains("CREATE INDEX a_idx ON public.a (x);"), "{sql}");
        assert!(sql.contains("DROP VIEW \"public\".\"v\";"), "{sql}");
        assert!(sql.contains("CREATE VIEW \"public\".\"v\" AS SELECT 1"), "{sql}");
    }
}
