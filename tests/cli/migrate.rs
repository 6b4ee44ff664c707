use std::time::Duration;

use crate::support::{BACKENDS, Backend, PgCluster, Project, dbctl, free_port};

const A_UP: &str = "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n";
const B_UP: &str = "CREATE TABLE b (id INTEGER PRIMARY KEY);\nINSERT INTO b (id) VALUES (1);\n";
const C_UP: &str = "CREATE TABLE c (id INTEGER PRIMARY KEY);\n";

/// Three reversible migrations 1, 2, 3 (a, b, c).
fn three(p: &Project) {
    p.migration("2024-01-01-000001_a", A_UP, Some("DROP TABLE a;"), None);
    p.migration("2024-01-01-000002_b", B_UP, Some("DROP TABLE b;"), None);
    p.migration("2024-01-01-000003_c", C_UP, Some("DROP TABLE c;"), None);
}

fn versions_in_diesel_table(p: &Project) -> Vec<String> {
    p.sql("SELECT version FROM __diesel_schema_migrations ORDER BY version")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn example_schema_applies_reverts_and_resets_on_both_backends() {
    for backend in BACKENDS {
        let p = Project::new(backend, "example");
        p.example_migrations();
        let out = p.dbctl(0, ["migrate"]);
        assert_eq!(out.stdout.matches("applied 2024-").count(), 6, "{backend:?}: {}", out.stdout);
        let tables = p.tables();
        for t in [
            "users",
            "sessions",
            "roles",
            "permissions",
            "role_permissions",
            "organizations",
            "teams",
            "memberships",
        ] {
            assert!(tables.contains(&t.to_string()), "{backend:?}: {t} missing from {tables:?}");
        }
        for t in
            ["workflows", "workflow_statuses", "projects", "areas", "issues", "issue_relations", "labels"]
        {
            assert!(tables.contains(&t.to_string()), "{backend:?}: {t} missing from {tables:?}");
        }
        assert!(tables.contains(&"audit_events".to_string()));
        p.dbctl(0, ["migrate", "--check"]).stdout_has("up to date (6 of 6 applied)");
        p.dbctl(0, ["migrate"]).stdout_has("nothing to apply: all 6 migrations are applied");

        let status = p.dbctl(0, ["migrate", "status", "--json"]).json();
        let states: Vec<&str> =
            status["migrations"].as_array().unwrap().iter().map(|m| m["state"].as_str().unwrap()).collect();
        assert_eq!(states, ["applied"; 6]);
        assert_eq!(status["last_run"]["status"], "ok");

        p.dbctl(0, ["migrate", "revert", "--steps", "2"])
            .stdout_has("reverted 2024-02-02-080000_create_audit_log");
        assert!(!p.tables().contains(&"issues".to_string()));
        p.dbctl(10, ["migrate", "--check"]).stdout_has("PENDING (exit 10): 2 pending");
        p.dbctl(0, ["migrate", "redo"]);
        p.dbctl(0, ["migrate"]);
        let reset = p.dbctl(0, ["migrate", "reset", "--yes"]);
        assert!(reset.stdout.contains("reset: 6 reverted, 6 applied"), "{}", reset.stdout);
        p.dbctl(0, ["migrate", "--check"]);
    }
}

#[test]
fn check_on_a_fresh_database_writes_nothing() {
    // PostgreSQL: no table appears.
    let p = Project::new(Backend::Pg, "check_fresh");
    three(&p);
    let catalog = "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace";
    let before = p.sql(catalog);
    p.dbctl(10, ["migrate", "--check"]);
    p.dbctl(0, ["migrate", "status"]);
    p.dbctl(0, ["migrate", "--dry-run"]).stdout_has("CREATE TABLE b");
    assert_eq!(p.sql(catalog), before);
    assert!(p.tables().is_empty(), "{:?}", p.tables());

    // SQLite: an existing empty file stays byte for byte the same, a missing one is not created.
    let s = Project::new(Backend::Sqlite, "check_fresh");
    three(&s);
    // A configured file that is not there yet: every migration pending (exit 10), said why.
    s.dbctl(10, ["migrate", "--check"]).stderr_has("does not exist yet, so no migration is applied");
    s.dbctl(0, ["migrate", "status"]).stdout_has("0 applied, 3 pending");
    assert!(!s.sqlite_file().exists());
    s.sql("PRAGMA user_version = 7;");
    let before = std::fs::read(s.sqlite_file()).unwrap();
    s.dbctl(10, ["migrate", "--check"]);
    s.dbctl(0, ["migrate", "status", "--json"]);
    s.dbctl(0, ["migrate", "--dry-run"]);
    assert_eq!(std::fs::read(s.sqlite_file()).unwrap(), before, "the file changed");
    let names: Vec<_> =
        std::fs::read_dir(s.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(
        !names.iter().any(|n| n.contains("-journal") || n.contains("-wal") || n.contains("lock")),
        "{names:?}"
    );

    // The embedded default is not created by a check either.
    let dir = crate::support::project();
    std::fs::create_dir(dir.path().join("migrations")).unwrap();
    let m = dir.path().join("migrations/2024-01-01-000001_a");
    std::fs::create_dir(&m).unwrap();
    std::fs::write(m.join("up.sql"), A_UP).unwrap();
    dbctl(dir.path()).args(["migrate", "--check"]).code(10).run();
    assert!(!dir.path().join("dbctl.sqlite3").exists());
}

#[test]
fn every_check_outcome_has_its_exit_code() {
    for backend in BACKENDS {
        let p = Project::new(backend, "codes");
        p.migration("2024-01-01-000001_a", A_UP, Some("DROP TABLE a;"), None);
        p.migration("2024-01-01-000003_c", C_UP, Some("DROP TABLE c;"), None);
        p.dbctl(0, ["migrate"]);
        p.dbctl(0, ["migrate", "--check"]);

        // Pending: newer than everything applied.
        p.migration("2024-01-01-000004_d", "CREATE TABLE d (id INTEGER);", Some("DROP TABLE d;"), None);
        p.dbctl(10, ["migrate", "--check"])
            .stdout_has("migrate check: PENDING (exit 10): 1 pending: 2024-01-01-000004_d");

        // Out of order: older than the newest applied (wins over pending).
        p.migration("2024-01-01-000002_b", B_UP, Some("DROP TABLE b;"), None);
        let out = p.dbctl(11, ["migrate", "--check"]);
        assert!(
            out.stdout.contains("OUT OF ORDER (exit 11): 1 out of order: 2024-01-01-000002_b"),
            "{}",
            out.stdout
        );
        assert_eq!(out.stdout.lines().count(), 2, "one line per finding:\n{}", out.stdout);
        p.dbctl(0, ["migrate"]).stderr_has("older than the newest applied migration");

        // Edited.
        let a = p.path().join("migrations/2024-01-01-000001_a/up.sql");
        std::fs::write(&a, format!("{A_UP}-- changed\n")).unwrap();
        p.dbctl(12, ["migrate", "--check"]).stdout_has("EDITED (exit 12): 1 edited: 2024-01-01-000001_a");
        p.dbctl(0, ["migrate", "status"]).stdout_has("edited");
        p.dbctl(1, ["migrate"]).stderr_has("--allow-edited");
        p.dbctl(0, ["migrate", "--allow-edited"])
            .stderr_has("accepted the edited text of 2024-01-01-000001_a");
        p.dbctl(0, ["migrate", "--check"]);

        // Missing (wins over edited).
        std::fs::write(&a, format!("{A_UP}-- changed again\n")).unwrap();
        std::fs::rename(p.path().join("migrations/2024-01-01-000003_c"), p.path().join("c.away")).unwrap();
        let out = p.dbctl(13, ["migrate", "--check", "--json"]);
        let kinds: Vec<String> = out.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["kind"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(kinds, ["missing", "edited"]);
        std::fs::rename(p.path().join("c.away"), p.path().join("migrations/2024-01-01-000003_c")).unwrap();
        std::fs::write(&a, format!("{A_UP}-- changed\n")).unwrap();
        p.dbctl(0, ["migrate", "--check"]);

        // Last run failed (wins over everything), until a run succeeds.
        p.migration(
            "2024-01-01-000005_bad",
            "CREATE TABLE e (id INTEGER);\nINSERT INTO nowhere VALUES (1);\n",
            None,
            None,
        );
        p.dbctl(1, ["migrate"]);
        let out = p.dbctl(14, ["migrate", "--check"]);
        assert!(out.stdout.contains("LAST RUN FAILED (exit 14)"), "{}", out.stdout);
        assert!(out.stdout.contains("failed at 20240101000005"), "{}", out.stdout);
        assert!(out.stdout.contains("PENDING (exit 10)"), "{}", out.stdout);
        std::fs::write(
            p.path().join("migrations/2024-01-01-000005_bad/up.sql"),
            "CREATE TABLE e (id INTEGER);\n",
        )
        .unwrap();
        p.dbctl(0, ["migrate"]);
        p.dbctl(0, ["migrate", "--check"]);
    }
}

#[test]
fn a_failing_migration_names_file_and_line_and_leaves_nothing_half_done() {
    for backend in BACKENDS {
        let p = Project::new(backend, "failing");
        p.migration("2024-01-01-000001_a", A_UP, None, None);
        let bad = "-- creates two tables, the second is broken\nCREATE TABLE ok_part (id INTEGER);\n\nINSERT INTO ok_part VALUES (1);\nCREATE TABLE broken (\n  id INTEGER,\n  oops NOT_A_TYPE(\n);\n";
        p.migration("2024-01-01-000002_bad", bad, None, None);
        p.migration("2024-01-01-000003_c", C_UP, None, None);
        let out = p.dbctl(1, ["migrate"]);
        assert!(out.stdout.contains("applied 2024-01-01-000001_a"), "{}", out.stdout);
        let file = p.path().join("migrations/2024-01-01-000002_bad/up.sql");
        let line = if backend == Backend::Pg { 8 } else { 5 };
        assert!(
            out.stderr.contains(&format!("{}:{line}:", file.display())),
            "{backend:?}: expected line {line}:\n{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("migration 2024-01-01-000002_bad failed and was rolled back"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("the 1 migration before it in this run stay applied"), "{}", out.stderr);
        let tables = p.tables();
        assert!(tables.contains(&"a".to_string()));
        assert!(
            !tables.contains(&"ok_part".to_string()),
            "{backend:?}: half of the failed migration stayed: {tables:?}"
        );
        assert!(!tables.contains(&"c".to_string()), "the run stopped at the failure");
        assert_eq!(versions_in_diesel_table(&p), ["20240101000001"]);
    }
}

/// Consecutive migrations share a transaction; a failure in the middle of such a run,
/// around a migration that runs outside a transaction, leaves what one transaction per migration
/// leaves, recorded in the order the migrations ran.
#[test]
fn a_failure_after_several_migrations_keeps_exactly_those_before_it() {
    for backend in BACKENDS {
        let p = Project::new(backend, "failing_late");
        p.migration("2024-01-01-000001_a", A_UP, None, None);
        p.migration("2024-01-01-000002_b", B_UP, None, None);
        p.migration(
            "2024-01-01-000003_outside",
            "CREATE TABLE d (x INTEGER);
",
            None,
            Some("run_in_transaction = false\n"),
        );
        p.migration("2024-01-01-000004_c", C_UP, None, None);
        p.migration(
            "2024-01-01-000005_bad",
            "INSERT INTO b (id) VALUES (2);\nINSERT INTO b (id) VALUES (1);\n",
            None,
            None,
        );
        p.migration("2024-01-01-000006_e", "CREATE TABLE e (x INTEGER);\n", None, None);
        let out = p.dbctl(1, ["migrate"]);
        for name in ["000001_a", "000002_b", "000003_outside", "000004_c"] {
            assert!(out.stdout.contains(&format!("applied 2024-01-01-{name}")), "{}", out.stdout);
        }
        assert!(!out.stdout.contains("000005_bad") && !out.stdout.contains("000006_e"), "{}", out.stdout);
        out.stderr_has("000005_bad/up.sql:2: ")
            .stderr_has("the 4 migrations before it in this run stay applied");
        assert_eq!(
            versions_in_diesel_table(&p),
            ["20240101000001", "20240101000002", "20240101000003", "20240101000004"]
        );
        assert_eq!(
            p.sql("SELECT version FROM __dbctl_migrations ORDER BY seq").lines().collect::<Vec<_>>(),
            ["20240101000001", "20240101000002", "20240101000003", "20240101000004"]
        );
        assert_eq!(
            p.sql("SELECT count(*) FROM b").trim(),
            "1",
            "{backend:?}: half of the failed migration stayed"
        );
        let tables = p.tables();
        assert!(tables.contains(&"c".to_string()) && tables.contains(&"d".to_string()), "{tables:?}");
        assert!(!tables.contains(&"e".to_string()), "the run stopped at the failure");
        // Fixed, the run goes on from there.
        std::fs::write(
            p.path().join("migrations/2024-01-01-000005_bad/up.sql"),
            "INSERT INTO b (id) VALUES (2);\n",
        )
        .unwrap();
        p.dbctl(0, ["migrate"]).stdout_has("applied 2024-01-01-000006_e");
        assert_eq!(p.sql("SELECT count(*) FROM __diesel_schema_migrations").trim(), "6");
    }
}

/// A PostgreSQL migration that sets something for the rest of its transaction keeps it to
/// itself: the next migration does not run under its `SET LOCAL` (a guard for any batching of
/// migrations into fewer transactions).
#[test]
fn set_local_stays_in_its_own_migration_on_postgres() {
    let p = Project::new(Backend::Pg, "set_local");
    p.migration("2024-01-01-000001_a", A_UP, None, None);
    p.migration(
        "2024-01-01-000002_zoned",
        "SET LOCAL TIME ZONE 'Pacific/Auckland';\nCREATE TABLE zoned AS SELECT current_setting('TimeZone') AS tz;\n",
        None,
        None,
    );
    p.migration(
        "2024-01-01-000003_next",
        "CREATE TABLE next AS SELECT current_setting('TimeZone') AS tz;\n",
        None,
        None,
    );
    p.dbctl(0, ["migrate"]).stdout_has("3 migrations applied");
    assert_eq!(p.sql("SELECT tz FROM zoned").trim(), "Pacific/Auckland");
    assert_ne!(
        p.sql("SELECT tz FROM next").trim(),
        "Pacific/Auckland",
        "the next migration does not run under the SET LOCAL"
    );
}

#[test]
fn non_transactional_migration_with_create_index_concurrently_applies_on_postgres() {
    let p = Project::new(Backend::Pg, "concurrently");
    p.migration("2024-01-01-000001_a", A_UP, None, None);
    let up = "CREATE INDEX CONCURRENTLY a_name_idx ON a (name);\n-- a second one; with a semicolon in a comment\nCREATE UNIQUE INDEX CONCURRENTLY a_id_name_idx ON a (id, name);\n";
    p.migration(
        "2024-01-01-000002_idx",
        up,
        Some("DROP INDEX CONCURRENTLY a_name_idx;\nDROP INDEX CONCURRENTLY a_id_name_idx;\n"),
        Some("run_in_transaction = false\n"),
    );
    p.dbctl(0, ["migrate"]);
    let indexes = p.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'a' ORDER BY 1");
    assert!(indexes.contains("a_name_idx") && indexes.contains("a_id_name_idx"), "{indexes}");
    assert!(p.sql("SELECT count(*) FROM pg_index WHERE NOT indisvalid").trim() == "0");
    p.dbctl(0, ["migrate", "revert"]);
    assert!(!p.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'a'").contains("a_name_idx"));

    // The same file inside a transaction fails as PostgreSQL says it must, with the line.
    let q = Project::new(Backend::Pg, "concurrently_tx");
    q.migration("2024-01-01-000001_a", A_UP, None, None);
    q.migration("2024-01-01-000002_idx", up, None, Some("# no run_in_transaction key: the default, true\n"));
    q.dbctl(1, ["migrate"])
        .stderr_has("up.sql:1: CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
}

#[test]
fn a_failing_non_transactional_migration_says_what_stayed_applied() {
    for backend in BACKENDS {
        let p = Project::new(backend, "non_tx_fails");
        p.migration(
            "2024-01-01-000001_half",
            "CREATE TABLE kept (x INTEGER);\nCREATE TABLE kept (x INTEGER);\n",
            None,
            Some("run_in_transaction = false\n"),
        );
        let out = p
            .dbctl(1, ["migrate"])
            .stderr_has("migration 2024-01-01-000001_half failed: ")
            .stderr_has("up.sql:2: ")
            .stderr_has("1 earlier statement of this non-transactional migration stayed applied");
        assert!(!out.stderr.contains("rolled back"), "{backend:?}: {}", out.stderr);
        assert!(p.sql("SELECT count(*) FROM kept").trim() == "0", "{backend:?}: the first statement stayed");
    }
}

#[test]
fn line_endings_are_not_an_edit() {
    for backend in BACKENDS {
        let p = Project::new(backend, "crlf");
        let d = p.migration("2024-01-01-000001_a", A_UP, None, None);
        p.dbctl(0, ["migrate"]);
        std::fs::write(d.join("up.sql"), A_UP.replace('\n', "\r\n")).unwrap();
        p.dbctl(0, ["migrate", "--check"]);
    }
}

#[test]
fn diesel_cli_and_dbctl_see_each_others_work() {
    for backend in BACKENDS {
        let p = Project::new(backend, "interop");
        three(&p);
        if backend == Backend::Sqlite {
            std::fs::write(p.sqlite_file(), b"").unwrap();
        }
        // diesel_cli applies 1 and 2 (3 is moved away meanwhile).
        std::fs::rename(p.path().join("migrations/2024-01-01-000003_c"), p.path().join("c.later")).unwrap();
        let out = p.diesel(["migration", "run"]);
        assert_eq!(out.code, 0, "diesel migration run failed: {}{}", out.stdout, out.stderr);
        std::fs::rename(p.path().join("c.later"), p.path().join("migrations/2024-01-01-000003_c")).unwrap();

        // dbctl: 1 and 2 are applied (unverified: no checksum yet), 3 is pending.
        let status = p.dbctl(0, ["migrate", "status", "--json"]).json();
        let states: Vec<&str> =
            status["migrations"].as_array().unwrap().iter().map(|m| m["state"].as_str().unwrap()).collect();
        assert_eq!(states, ["unverified", "unverified", "pending"], "{backend:?}");
        p.dbctl(10, ["migrate", "--check"]);
        p.dbctl(0, ["migrate", "baseline", "--to", "2024-01-01-000002"]).stdout_has("2 adopted");
        p.dbctl(0, ["migrate"]).stdout_has("applied 2024-01-01-000003_c");
        p.dbctl(0, ["migrate", "--check"]);
        // diesel_cli's times and dbctl's, on either backend, in one form.
        let status = p.dbctl(0, ["migrate", "status", "--json"]).json();
        for m in status["migrations"].as_array().unwrap() {
            let at = m["applied_at"].as_str().unwrap();
            let shape: String = at.chars().map(|c| if c.is_ascii_digit() { '9' } else { c }).collect();
            assert_eq!(shape, "9999-99-99T99:99:99Z", "{backend:?}: {at}");
        }

        // diesel_cli: nothing pending after dbctl's run, and it can revert what dbctl applied.
        let list = p.diesel(["migration", "list"]);
        assert_eq!(list.code, 0, "{}{}", list.stdout, list.stderr);
        assert!(
            !list.stdout.contains("[ ]"),
            "{backend:?}: diesel sees a pending migration:\n{}",
            list.stdout
        );
        assert_eq!(list.stdout.matches("[X]").count(), 3, "{}", list.stdout);
        let pending = p.diesel(["migration", "pending"]);
        assert!(pending.stdout.contains("false"), "{}{}", pending.stdout, pending.stderr);
        let revert = p.diesel(["migration", "revert"]);
        assert_eq!(revert.code, 0, "{}{}", revert.stdout, revert.stderr);
        p.dbctl(10, ["migrate", "--check"]).stdout_has("2024-01-01-000003_c");
        // dbctl re-applies what diesel_cli reverted (its own ledger row of it is replaced).
        p.dbctl(0, ["migrate"]).stdout_has("applied 2024-01-01-000003_c");
        p.dbctl(0, ["migrate", "--check"]);
    }
}

#[test]
fn eight_concurrent_runners_apply_each_migration_once() {
    for backend in BACKENDS {
        let p = Project::new(backend, "concurrent");
        p.example_migrations();
        let children: Vec<_> = (0..8)
            .map(|_| dbctl(p.path()).args(["migrate", "--json"]).env("DATABASE_URL", &p.url).spawn())
            .collect();
        let mut applied = 0;
        for child in children {
            let out = crate::support::Outcome::from(child.wait_with_output().unwrap()).code(0).no_secrets();
            applied += out.json()["applied"].as_array().unwrap().len();
        }
        assert_eq!(applied, 6, "{backend:?}: each migration applied exactly once in all");
        assert_eq!(versions_in_diesel_table(&p).len(), 6);
        assert_eq!(p.sql("SELECT count(*) FROM __dbctl_migrations").trim(), "6");
        assert_eq!(p.sql("SELECT count(*) FROM __dbctl_migration_runs WHERE status = 'ok'").trim(), "8");
    }
}

#[test]
fn lock_timeout_names_the_holder() {
    // PostgreSQL: a psql session holds the advisory lock.
    let p = Project::new(Backend::Pg, "lock");
    three(&p);
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let key = dbctl::migrate::lock::PG_LOCK_KEY;
    // A psql session holds the lock until it ends.
    let mut holder = crate::support::pg().session(&db);
    holder.send(&format!("SET application_name = 'deploy-42'; SELECT pg_advisory_lock({key});"));
    crate::support::pg().wait_for(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted",
        "the deploy's advisory lock",
    );
    let out = p.dbctl(1, ["migrate", "--lock-timeout", "1s"]);
    drop(holder);
    assert!(out.stderr.contains("waiting for the migration lock, held by pid"), "{}", out.stderr);
    assert!(
        out.stderr.contains("another migration runner holds the lock on this database: pid"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("deploy-42") && out.stderr.contains("--lock-timeout"), "{}", out.stderr);
    assert!(!p.tables().contains(&"a".to_string()), "{:?}", p.tables());
    p.dbctl(0, ["migrate"]);

    // SQLite: another process holds the lock file (with flock(1)); dbctl waits, then names it.
    let s = Project::new(Backend::Sqlite, "lock");
    three(&s);
    s.dbctl(0, ["migrate", "--target", "2024-01-01-000001"]);
    let lock_path = format!("{}.dbctl-lock", s.sqlite_file().display());
    std::fs::write(&lock_path, "dbctl migrate ops@deployhost pid 4242").unwrap();
    // -F: flock execs sleep, so the process killed below is the one holding the lock.
    let mut flock =
        std::process::Command::new("flock").args(["-F", &lock_path, "sleep", "30"]).spawn().unwrap();
    // Until flock holds it, a non-blocking attempt succeeds.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::process::Command::new("flock").args(["-n", &lock_path, "true"]).status().unwrap().success() {
        assert!(std::time::Instant::now() < deadline, "flock never took the lock");
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = s.dbctl(1, ["migrate", "--lock-timeout", "1s"]);
    // A run marked running while its runner holds the lock is in progress, not a failure.
    s.sql("INSERT INTO __dbctl_migration_runs (id, command, started_at, status, run_by) VALUES (99, 'migrate', 'now', 'running', 'ops')");
    let check = s.dbctl(10, ["migrate", "--check"]);
    assert!(
        check
            .stdout
            .contains("RUNNING: a migration run is in progress: dbctl migrate ops@deployhost pid 4242"),
        "{}",
        check.stdout
    );
    flock.kill().unwrap();
    let _ = flock.wait();
    assert!(out.stderr.contains("ops@deployhost pid 4242"), "{}", out.stderr);
    assert_eq!(versions_in_diesel_table(&s), ["20240101000001"]);
    // Nobody holds the lock any more: that run was interrupted.
    s.dbctl(14, ["migrate", "--check"]).stdout_has("was interrupted before it finished");
}

#[test]
fn revert_follows_the_order_migrations_ran() {
    for backend in BACKENDS {
        let p = Project::new(backend, "revert_order");
        p.migration("2024-01-01-000001_a", A_UP, Some("DROP TABLE a;"), None);
        p.migration("2024-01-01-000003_c", C_UP, Some("DROP TABLE c;"), None);
        p.dbctl(0, ["migrate"]);
        // A branch merged late brings version 2, which runs last.
        p.migration("2024-01-01-000002_b", B_UP, Some("DROP TABLE b;"), None);
        p.dbctl(0, ["migrate"]);
        p.dbctl(0, ["migrate", "revert"]).stdout_has("reverted 2024-01-01-000002_b");
        assert_eq!(versions_in_diesel_table(&p), ["20240101000001", "20240101000003"]);
        p.dbctl(0, ["migrate"]);
        let out = p.dbctl(0, ["migrate", "revert", "--to", "20240101000001"]);
        let order: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("reverted")).collect();
        assert!(order[0].contains("000002_b") && order[1].contains("000003_c"), "{order:?}");
        assert_eq!(versions_in_diesel_table(&p), ["20240101000001"]);

        // A migration without down.sql stops the revert before anything is undone.
        p.migration("2024-01-01-000004_oneway", "CREATE TABLE d (id INTEGER);", None, None);
        p.dbctl(0, ["migrate"]);
        p.dbctl(1, ["migrate", "revert", "--steps", "5"])
            .stderr_has("cannot revert 2024-01-01-000004_oneway: it has no down.sql");
        assert_eq!(versions_in_diesel_table(&p).len(), 4);
    }
}

#[test]
fn target_dry_run_new_and_reset_guard() {
    let p = Project::new(Backend::Pg, "target");
    three(&p);
    let dry = p.dbctl(0, ["migrate", "--dry-run", "--target", "2024-01-01-000002"]);
    assert!(
        dry.stdout.contains("-- 2024-01-01-000001_a")
            && dry.stdout.contains("INSERT INTO b (id) VALUES (1);"),
        "{}",
        dry.stdout
    );
    assert!(!dry.stdout.contains("CREATE TABLE c"), "{}", dry.stdout);
    assert!(p.tables().is_empty(), "dry run changed nothing");
    p.dbctl(0, ["migrate", "--target", "20240101000002"]);
    assert_eq!(versions_in_diesel_table(&p), ["20240101000001", "20240101000002"]);
    p.dbctl(2, ["migrate", "--target", "1999"]).stderr_has("no migration has version 1999");

    let created = p.dbctl(0, ["migrate", "new", "add_widgets"]);
    assert!(created.stdout.contains("_add_widgets with up.sql and down.sql"), "{}", created.stdout);
    p.dbctl(0, ["migrate", "new", "no_way_back", "--no-down"]).stdout_has("with up.sql\n");
    p.dbctl(2, ["migrate", "new", "bad-name"]).stderr_has("not a valid migration name");
    let names: Vec<String> = std::fs::read_dir(p.path().join("migrations"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with("_add_widgets"))
        .collect();
    assert_eq!(names.len(), 1);
    assert!(
        names[0].len() == "2026-11-21-120000_add_widgets".len() && names[0].as_bytes()[4] == b'-',
        "{names:?}"
    );

    // reset: no terminal and no --yes, or a protected profile without --yes: refused.
    p.dbctl(2, ["migrate", "reset"]).stderr_has("pass --yes");
    std::fs::write(p.path().join("dbctl.toml"), "[env.production]\nprotected = true\n").unwrap();
    p.dbctl(2, ["--env", "production", "migrate", "reset"]).stderr_has("profile `production` is protected");
    assert_eq!(versions_in_diesel_table(&p).len(), 2, "nothing was reset");
}

#[test]
fn baseline_adopts_an_existing_database() {
    for backend in BACKENDS {
        let p = Project::new(backend, "baseline");
        three(&p);
        if backend == Backend::Sqlite {
            std::fs::write(p.sqlite_file(), b"").unwrap();
        }
        // The schema exists already, made by hand.
        p.sql("CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL); CREATE TABLE b (id INTEGER PRIMARY KEY);");
        p.dbctl(0, ["migrate", "baseline", "--to", "2024-01-01-000002"]).stdout_has("baseline: 2 recorded");
        p.dbctl(10, ["migrate", "--check"]);
        p.dbctl(0, ["migrate"]).stdout_has("applied 2024-01-01-000003_c");
        assert_eq!(p.sql("SELECT count(*) FROM b").trim(), "0", "baseline ran nothing");
        p.dbctl(0, ["migrate", "--check"]);
    }
}

#[test]
fn migrate_waits_for_a_late_database() {
    let port = free_port();
    let cluster = PgCluster::init(port);
    let dir = crate::support::project();
    let m = dir.path().join("migrations/2024-01-01-000001_a");
    std::fs::create_dir_all(&m).unwrap();
    std::fs::write(m.join("up.sql"), A_UP).unwrap();
    let child = dbctl(dir.path())
        .args(["--wait=60s", "migrate"])
        .env("DATABASE_URL", cluster.url("postgres"))
        .spawn();
    std::thread::sleep(Duration::from_millis(1500));
    cluster.start();
    let out = crate::support::Outcome::from(child.wait_with_output().unwrap()).code(0).no_secrets();
    assert!(out.stdout.contains("applied 2024-01-01-000001_a"), "{}", out.stdout);
    assert!(out.stderr.contains("waiting up to 1m"), "{}", out.stderr);
}

#[test]
fn health_reports_the_state_of_migrations() {
    let p = Project::new(Backend::Pg, "health_migrations");
    three(&p);
    let report = p.dbctl(1, ["health", "--json"]).json();
    let check =
        report["checks"].as_array().unwrap().iter().find(|c| c["component"] == "migrations").unwrap().clone();
    assert_eq!(check["status"], "warning");
    assert_eq!(check["value"], 3.0);
    p.dbctl(0, ["migrate"]);
    p.dbctl(0, ["health"]).stdout_has("all 3 migrations applied");
    std::fs::write(p.path().join("migrations/2024-01-01-000002_b/up.sql"), "SELECT 'edited';").unwrap();
    let out = p.dbctl(2, ["health", "--json"]);
    let check = out.json()["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == "migrations")
        .unwrap()
        .clone();
    assert_eq!(check["status"], "critical");
    assert!(check["message"].as_str().unwrap().contains("1 edited"), "{check}");
}

#[test]
fn real_world_postgres_files_apply() {
    let p = Project::new(Backend::Pg, "realistic");
    p.migration(
        "2024-01-01-000001_search",
        r#"-- Extension, a plpgsql trigger function with dollar quoting, and a trigger.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE docs (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    -- a semicolon; and a 'quote' inside the body
    NEW.updated_at := now();
    RETURN NEW;
END;
$fn$;
CREATE TRIGGER docs_touch BEFORE UPDATE ON docs FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
INSERT INTO docs (title, body) VALUES ('it''s; tricky', E'line\none; two'), ($$dollar; title$$, 'x');
"#,
        Some("DROP TABLE docs;\nDROP FUNCTION touch_updated_at();\nDROP EXTENSION pg_trgm;\n"),
        None,
    );
    p.migration(
        "2024-01-01-000002_search_index",
        "CREATE INDEX CONCURRENTLY docs_title_trgm ON docs USING gin (title gin_trgm_ops);\n",
        Some("DROP INDEX CONCURRENTLY docs_title_trgm;\n"),
        Some("run_in_transaction = false\n"),
    );
    p.dbctl(0, ["migrate"]);
    assert_eq!(p.sql("SELECT title FROM docs ORDER BY id"), "it's; tricky\ndollar; title\n");
    assert_eq!(p.sql("SELECT count(*) FROM docs WHERE title % 'tricky'").trim(), "1");
    p.dbctl(0, ["migrate", "reset", "--yes"]);
    p.dbctl(0, ["migrate", "--check"]);
}

#[test]
fn a_killed_sqlite_migration_is_reported_as_interrupted() {
    let p = Project::new(Backend::Sqlite, "migrate_killed_sqlite");
    p.migration("2024-01-01-000001_t", "CREATE TABLE t (x INTEGER);", None, None);
    p.migration(
        "2024-01-01-000002_slow",
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) \
         INSERT INTO t SELECT x FROM c;",
        None,
        None,
    );
    let child = p.cmd().args(["migrate"]).spawn();
    std::thread::sleep(std::time::Duration::from_millis(2500));
    crate::support::fixtures::sh(&format!("kill -9 {}", child.id()));
    let _ = child.wait_with_output();
    // The killed run left a hot journal; reading it must not need a write.
    let out = p.dbctl(14, ["migrate", "--check"]);
    assert!(!out.stderr.contains("readonly"), "{}", out.stderr);
    out.stdout_has("LAST RUN FAILED");
    let status = p.dbctl(0, ["migrate", "status"]);
    status.stdout_has("pending");
}

#[test]
fn text_planted_in_dbctl_s_tables_is_printed_inert() {
    let p = Project::new(Backend::Sqlite, "migrate_planted_text");
    p.migration("2024-01-01-000001_t", "CREATE TABLE t (x INTEGER);", None, None);
    p.dbctl(0, ["migrate"]);
    p.sql(
        "INSERT INTO __dbctl_migration_runs (id, command, started_at, status, failed_version, error, run_by) \
         VALUES (99, 'migrate', '2026', 'failed', 'v', char(27) || ']0;owned' || char(7) || char(27) || '[2J', \
         'mallory' || char(27) || '[31m')",
    );
    let out = p.dbctl(14, ["migrate", "--check"]);
    assert!(!out.stdout.contains('\x1b') && !out.stderr.contains('\x1b'), "{out:?}");
    let status = p.dbctl(0, ["migrate", "status"]);
    assert!(!status.stdout.contains('\x1b'), "{}", status.stdout);
    // An environment file's value as config show prints it.
    std::fs::write(p.path().join(".env"), "BACKUP_SCHEDULE=\"0 2 * * *\x1b[2J\"\n").unwrap();
    // And an error message quoting a bad value (here: not a schedule).
    let shown = p.dbctl(2, ["config", "show"]);
    assert!(!shown.stdout.contains('\x1b'), "{}", shown.stdout);
    assert!(!shown.stderr.contains('\x1b') && shown.stderr.contains("BACKUP_SCHEDULE"), "{}", shown.stderr);
}
