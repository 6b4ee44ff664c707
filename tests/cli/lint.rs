//! `dbctl migrate lint` and `migrate --check --lint`: what the pending migrations would do to a
//! database in use, read from their files.

use crate::support::{Backend, Project};

#[test]
fn a_blocking_index_is_an_error_with_its_file_line_and_fix_and_can_be_allowed() {
    let p = Project::new(Backend::Pg, "lint_index");
    p.migration(
        "2026-01-01-000001_events",
        "CREATE TABLE events (id bigint PRIMARY KEY, kind text);",
        None,
        None,
    );
    p.dbctl(0, ["migrate"]);
    p.sql("INSERT INTO events SELECT g, 'k' || (g % 7) FROM generate_series(1, 20000) g; ANALYZE events;");
    let dir = p.migration(
        "2026-01-02-000001_events_kind",
        "-- the dashboards filter by kind\nCREATE INDEX events_kind ON events (kind);\nSET search_path = app;\n",
        None,
        None,
    );
    let out = p.dbctl(16, ["migrate", "lint"]);
    let out = out
        .stdout_has("up.sql:2: error require-concurrent-index-creation on public.events (")
        .stdout_has("20 k rows)")
        .stdout_has("CREATE INDEX events_kind ON events (kind)")
        .stdout_has("up.sql:3: warning session-setting")
        .stdout_has("2 finding(s), 1 error(s) (exit 16)");
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
    p.dbctl(0, ["migrate", "lint"]).stdout_has("0 finding(s), 0 error(s)");
    // Applied migrations are not linted; --all and names are, without asking the database.
    p.dbctl(0, ["migrate"]);
    p.dbctl(0, ["migrate", "lint"]).stdout_has("0 finding(s)");
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
        .stdout_has("1 finding(s), 1 error(s)");
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
    p.dbctl(0, ["migrate", "lint", "--all"]).stdout_has("0 finding(s)");
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
