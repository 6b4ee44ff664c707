//! `dbctl migrate lint` and `migrate --check --lint`: what the pending migrations would do to a
//! database in use, read from their files.

use crate::support::{Backend, Project};

/// A PostgreSQL project whose one applied migration made `events`, filled with `rows` rows.
fn with_events(name: &str, rows: u32) -> Project {
    let p = Project::new(Backend::Pg, name);
    p.migration(
        "2026-01-01-000001_events",
        "CREATE TABLE events (id bigint PRIMARY KEY, kind text);",
        None,
        None,
    );
    p.dbctl(0, ["migrate"]);
    p.sql(&format!(
        "INSERT INTO events SELECT g, 'k' || (g % 97) FROM generate_series(1, {rows}) g; ANALYZE events;"
    ));
    p
}

#[test]
fn a_blocking_index_is_an_error_with_its_file_line_and_fix_and_can_be_allowed() {
    let p = with_events("lint_index", 20000);
    let dir = p.migration(
        "2026-01-02-000001_events_kind",
        "-- the dashboards filter by kind\nCREATE INDEX events_kind ON events (kind);\nSET search_path = app;\n",
        None,
        None,
    );
    let out = p.dbctl(16, ["migrate", "lint"]);
    let out = out
        .stdout_has("migrations/2026-01-02-000001_events_kind/up.sql:2: error require-concurrent-index-creation on public.events (")
        .stdout_has("\n    CREATE INDEX events_kind ON events (kind)\n")
        .stdout_has("20 k rows)")
        .stdout_has("CREATE INDEX events_kind ON events (kind)")
        .stdout_has("up.sql:3: warning session-setting")
        .stdout_has("2 findings, 1 error (exit 16)");
    assert!(out.stdout.contains("fix: "), "{}", out.stdout);
    // CI: pending (10) and the lint's error (16): the worst wins.
    p.dbctl(16, ["migrate", "--check", "--lint"])
        .stdout_has("PENDING")
        .stdout_has("require-concurrent-index-creation");
    p.dbctl(10, ["migrate", "--check"]);
    let doc = p.dbctl(16, ["migrate", "lint", "--json"]).json();
    let first = &doc["findings"][0];
    assert_eq!(first["rule"], "require-concurrent-index-creation", "{doc:#}");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["line"], 2);
    assert_eq!(first["table"]["table"], "public.events", "{doc:#}");
    assert_eq!(first["table"]["rows"], 20000, "{doc:#}");
    assert!(first["table"]["bytes"].as_u64().unwrap() > 8192, "{doc:#}");
    assert!(first["file"].as_str().unwrap().ends_with("up.sql"));
    // Allowed in the migration, and for the project.
    std::fs::write(
        dir.join("up.sql"),
        "-- dbctl:allow require-concurrent-index-creation\nCREATE INDEX events_kind ON events (kind);\n",
    )
    .unwrap();
    p.dbctl(0, ["migrate", "lint"]).stdout_has("0 findings, 0 errors");
    // Applied migrations are not linted; --all and names are, without asking the database.
    p.dbctl(0, ["migrate"]);
    p.dbctl(0, ["migrate", "lint"]).stdout_has("0 findings");
    std::fs::write(p.path().join("dbctl.toml"), "[migrations]\nlint_allow = \"session-setting\"\n").unwrap();
    std::fs::write(
        dir.join("up.sql"),
        "CREATE INDEX events_kind ON events (kind);\nSET search_path = app;\n",
    )
    .unwrap();
    crate::support::dbctl(p.path())
        .args(["--database-url", "postgres://nobody@127.0.0.1:1/none", "migrate", "lint", "--all"])
        .code(16)
        .run()
        .stdout_has("1 finding, 1 error");
    p.dbctl(2, ["migrate", "lint", "2026-09-09-000001_nope"])
        .stderr_has("no migration `2026-09-09-000001_nope`");
}

#[test]
fn what_only_the_runner_knows() {
    // diesel's runner wraps even a lone statement: CONCURRENTLY fails there, not with
    // run_in_transaction = false.
    let p = Project::new(Backend::Pg, "lint_runner");
    let wrapped = p.migration("2026-01-01-000001_idx", "CREATE INDEX CONCURRENTLY i ON t (x);", None, None);
    p.dbctl(16, ["migrate", "lint", "--all"])
        .stdout_has("concurrently-in-transaction")
        .stdout_has("metadata.toml");
    std::fs::write(wrapped.join("metadata.toml"), "run_in_transaction = false\n").unwrap();
    p.dbctl(0, ["migrate", "lint", "--all"]);
    // An enum value used in the file that adds it.
    p.migration(
        "2026-01-02-000001_mood",
        "ALTER TYPE mood ADD VALUE 'meh';\nUPDATE people SET mood = 'meh' WHERE mood IS NULL;\n",
        None,
        None,
    );
    p.dbctl(16, ["migrate", "lint", "--all"])
        .stdout_has("up.sql:2: error enum-value-used-in-same-transaction");

    // SQLite: a PRAGMA the runner's transaction makes void, and transaction control in a wrapped file.
    let s = Project::new(Backend::Sqlite, "lint_sqlite");
    s.migration(
        "2026-01-01-000001_rebuild",
        "PRAGMA foreign_keys = OFF;\nCREATE TABLE new_a (x INTEGER);\nDROP TABLE a;\nCOMMIT;\n",
        None,
        None,
    );
    let out = s.dbctl(16, ["migrate", "lint", "--all"]);
    out.stdout_has("up.sql:1: error pragma-in-transaction").stdout_has("up.sql:4: error transaction-nesting");
}

#[test]
fn prisma_folders_are_linted_as_prisma_sends_them() {
    let p = Project::new(Backend::Pg, "lint_prisma");
    std::fs::remove_dir(p.path().join("migrations")).unwrap();
    let dir = p.path().join("prisma/migrations");
    std::fs::create_dir_all(dir.join("20260101000000_init")).unwrap();
    std::fs::write(dir.join("migration_lock.toml"), "provider = \"postgresql\"\n").unwrap();
    // One statement: Prisma sends it outside a transaction, CONCURRENTLY is fine.
    std::fs::write(dir.join("20260101000000_init/migration.sql"), "CREATE INDEX CONCURRENTLY i ON t (x);\n")
        .unwrap();
    p.dbctl(0, ["migrate", "lint", "--all"]).stdout_has("0 findings");
    // Two: one implicit transaction, which CONCURRENTLY cannot run in.
    std::fs::write(
        dir.join("20260101000000_init/migration.sql"),
        "CREATE TABLE t (x bigint);\nCREATE INDEX CONCURRENTLY i ON t (x);\n",
    )
    .unwrap();
    p.dbctl(16, ["migrate", "lint", "--all"])
        .stdout_has("migration.sql:2: error concurrently-in-transaction")
        .stdout_has("a migration of its own");
}

#[test]
fn a_rehearsal_on_the_latest_backup_reports_each_migrations_locks_and_rewrites() {
    let p = with_events("rehearse_locks", 300000);
    p.dbctl(0, ["backup", "--compression", "none"]);
    p.migration("2026-01-02-000001_events_kind", "CREATE INDEX events_kind ON events (kind);", None, None);
    p.migration(
        "2026-01-03-000001_events_zero",
        "ALTER TABLE events ADD COLUMN zero int DEFAULT 0;",
        None,
        None,
    );
    p.migration(
        "2026-01-04-000001_events_random",
        "ALTER TABLE events ADD COLUMN noise float8 DEFAULT random();",
        None,
        None,
    );
    let doc = p.dbctl(0, ["migrate", "rehearse", "--json"]).json();
    let steps = doc["migrations"].as_array().unwrap();
    assert_eq!(steps.len(), 3, "{doc:#}");
    let lock = |i: usize| {
        steps[i]["locks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["relation"] == "public.events")
            .cloned()
            .unwrap_or_else(|| panic!("no lock on events in {}", steps[i]))
    };
    // The index: SHARE, writes blocked, for about as long as the migration ran.
    let index = lock(0);
    assert_eq!(index["mode"], "ShareLock", "{doc:#}");
    assert_eq!(index["blocks"], "writes");
    assert_eq!(index["has_rows"], true);
    assert!(index["held_ms"].as_f64().unwrap() > 0.0, "{doc:#}");
    assert!(steps[0]["duration_ms"].as_f64().unwrap() > 0.0);
    // A constant default rewrites nothing (PostgreSQL 11+); a volatile one copies every row under
    // ACCESS EXCLUSIVE.
    assert_eq!(steps[1]["rewrote"], serde_json::json!([]), "{doc:#}");
    assert_eq!(steps[2]["rewrote"], serde_json::json!(["public.events"]), "{doc:#}");
    assert_eq!(lock(2)["mode"], "AccessExclusiveLock", "{doc:#}");
    assert_eq!(lock(2)["blocks"], "reads and writes");
    assert_eq!(lock(2)["rewritten"], true, "{doc:#}");
    assert_eq!(lock(2)["rows_rewritten"], 300000, "{doc:#}");
    assert_eq!(lock(0)["rows_rewritten"], serde_json::Value::Null, "{doc:#}");
    // The gate: exit 17, naming the migration and the table.
    p.dbctl(17, ["migrate", "rehearse", "--from", "latest", "--max-lock", "1ms"])
        .stdout_has("blocked writes on public.events")
        .stdout_has("more than --max-lock 1ms (exit 17)")
        .stdout_has("2026-01-02-000001_events_kind/up.sql:1: require-concurrent-index-creation fix: ");
    // One a killed rehearsal left (no session on it) is an orphan `backup prune --orphans` drops.
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let stale = format!("{db}_dbctl_rehearse_0a1b2c");
    crate::support::pg().psql("postgres", &format!("CREATE DATABASE {stale}"));
    p.dbctl(0, ["backup", "prune", "--orphans", "--dry-run"])
        .stdout_has(&format!("would remove {stale} (a killed migrate rehearse's scratch database)"));
    p.dbctl(0, ["backup", "prune", "--orphans"]);
    // The database itself is untouched, and no scratch database is left.
    p.dbctl(10, ["migrate", "--check"]);
    let left = crate::support::pg().psql(
        "postgres",
        &format!("SELECT count(*) FROM pg_database WHERE datname LIKE '{db}\\_dbctl\\_rehearse%'"),
    );
    assert_eq!(left.trim(), "0");
}

#[test]
fn a_rehearsal_on_sqlite_reports_durations_on_a_copy() {
    let p = Project::new(Backend::Sqlite, "rehearse_sqlite");
    p.migration("2026-01-01-000001_t", "CREATE TABLE t (x INTEGER);", None, None);
    p.dbctl(0, ["migrate"]);
    p.dbctl(0, ["backup"]);
    p.migration("2026-01-02-000001_u", "CREATE TABLE u (y INTEGER);", None, None);
    let out = p.dbctl(0, ["migrate", "rehearse"]);
    out.stdout_has("2026-01-02-000001_u: ");
    // The copy was a copy: the database still has it pending, and no copy is left beside it.
    p.dbctl(10, ["migrate", "--check"]);
    let left: Vec<_> = std::fs::read_dir(p.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|n| n.to_string_lossy().contains("rehearse")), "{left:?}");
}

#[test]
fn a_rehearsal_without_createdb_runs_in_a_throwaway_cluster_or_the_database_given() {
    let pg = crate::support::pg();
    pg.psql("postgres", "CREATE ROLE rehearse_nocreatedb LOGIN PASSWORD 'no-createdb-pw' NOCREATEDB");
    pg.psql("postgres", "CREATE DATABASE rehearse_nocreatedb OWNER rehearse_nocreatedb");
    pg.psql("postgres", "CREATE DATABASE rehearse_given OWNER rehearse_nocreatedb");
    let url = |db: &str| format!("postgres://rehearse_nocreatedb:no-createdb-pw@127.0.0.1:{}/{db}", pg.port);
    let p = Project::new(Backend::Pg, "rehearse_nocreatedb_unused");
    let run = |code: i32, args: &[&str]| {
        p.cmd().env("DATABASE_URL", url("rehearse_nocreatedb")).args(args).code(code).run()
    };
    p.migration(
        "2026-01-01-000001_events",
        "CREATE TABLE events (id bigint PRIMARY KEY, kind text);",
        None,
        None,
    );
    run(0, &["migrate"]);
    pg.psql(
        "rehearse_nocreatedb",
        "INSERT INTO events SELECT g, 'k' || (g % 7) FROM generate_series(1, 200000) g",
    );
    run(0, &["backup", "--compression", "none"]);
    p.migration("2026-01-02-000001_events_kind", "CREATE INDEX events_kind ON events (kind);", None, None);

    // No CREATEDB: a throwaway cluster of the backup's version, on this host.
    let out = run(0, &["migrate", "rehearse", "--json"]);
    assert!(
        out.stderr.contains("the role may not create databases; rehearsing in a throwaway PostgreSQL 15"),
        "{}",
        out.stderr
    );
    let doc = out.json();
    let locks = doc["migrations"][0]["locks"].as_array().unwrap();
    assert!(locks.iter().any(|l| l["relation"] == "public.events" && l["mode"] == "ShareLock"), "{doc:#}");

    // A database given: what it held is replaced, and it is left empty.
    pg.psql("rehearse_given", "CREATE TABLE leftover (x int); INSERT INTO leftover VALUES (1)");
    pg.psql("rehearse_given", "ALTER TABLE leftover OWNER TO rehearse_nocreatedb");
    let out = run(0, &["migrate", "rehearse", "--shadow-url", &url("rehearse_given")]);
    let out = out.stdout_has("2026-01-02-000001_events_kind: ").stdout_has("public.events ShareLock");
    assert!(out.stderr.contains("(emptied before and after)"), "{}", out.stderr);
    assert_eq!(
        pg.psql("rehearse_given", "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'").trim(),
        "0",
        "the given database keeps no copy of the backup's data"
    );
    // Never the database itself: refused, and nothing of it touched.
    let refused = run(
        1,
        &[
            "migrate",
            "rehearse",
            "--shadow-url",
            &url("rehearse_nocreatedb").replace("127.0.0.1", "localhost"),
        ],
    );
    assert!(
        refused.stderr.contains("the shadow database is the configured database itself"),
        "{}",
        refused.stderr
    );
    assert_eq!(pg.psql("rehearse_nocreatedb", "SELECT count(*) FROM events").trim(), "200000");
    run(10, &["migrate", "--check"]);
}

#[test]
fn an_interrupted_rehearsal_stops_at_once_and_leaves_no_scratch_database() {
    let p = with_events("rehearse_sigterm", 10);
    p.dbctl(0, ["backup", "--compression", "none"]);
    p.migration("2026-01-02-000001_slow", "SELECT pg_sleep(600);", None, None);
    let mut child = p.cmd().args(["migrate", "rehearse"]).spawn();
    crate::support::pg().wait_for(
        "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE '%rehearse_sigterm_dbctl_rehearse_%' AND query LIKE '%pg_sleep(600)%' AND state = 'active'",
        "the rehearsal's slow migration",
    );
    // SAFETY: a signal to the child this test started.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(143), "{stderr}");
    assert!(stderr.contains("migrate rehearse stopped; its scratch copy was removed"), "{stderr}");
    let left = crate::support::pg().psql(
        "postgres",
        "SELECT count(*) FROM pg_database WHERE datname LIKE '%rehearse_sigterm_dbctl_rehearse%'",
    );
    assert_eq!(left.trim(), "0");
}

/// A deploy holds an exclusive lock on the table a pending migration changes: the lint does not
/// wait for it (it would wait as long as the deploy takes); the finding stands, unweighed.
#[test]
fn a_locked_table_is_linted_without_waiting_for_its_lock() {
    let p = with_events("lint_locked", 100);
    p.migration("2026-01-02-000001_events_kind", "CREATE INDEX events_kind ON events (kind);\n", None, None);
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let holder = crate::support::pg().hold_exclusive_lock(&db, "events");
    let doc = p.dbctl(16, ["migrate", "lint", "--json"]).json();
    assert_eq!(doc["findings"][0]["rule"], "require-concurrent-index-creation", "{doc:#}");
    assert!(doc["findings"][0]["table"].is_null(), "{doc:#}");
    drop(holder);
}
