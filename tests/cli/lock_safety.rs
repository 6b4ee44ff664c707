//! Lock-safe execution: a migration that cannot get its table's lock within
//! `migrations.statement_lock_timeout` is rolled back and retried, the session holding the lock
//! is named, and an invalid index a failed `CREATE INDEX CONCURRENTLY` left is rebuilt.

use std::io::Read;
use std::time::{Duration, Instant};

use crate::support::{Backend, Project, pg};

/// A PostgreSQL project whose applied migration made `orders` with a few rows, and whose
/// dbctl.toml sets the lock policy.
fn with_orders(name: &str, policy: &str) -> (Project, String) {
    let p = Project::new(Backend::Pg, name);
    p.migration(
        "2026-01-01-000001_orders",
        "CREATE TABLE orders (id bigint PRIMARY KEY, kind text);",
        None,
        None,
    );
    p.dbctl(0, ["migrate"]);
    p.sql("INSERT INTO orders SELECT g, 'k' || (g % 3) FROM generate_series(1, 100) g;");
    std::fs::write(p.path().join("dbctl.toml"), format!("[migrations]\n{policy}\n")).unwrap();
    let db = p.url.rsplit('/').next().unwrap().to_string();
    (p, db)
}

/// Waits until a session named `app` is idle inside its transaction.
fn wait_idle_in_transaction(app: &str) {
    pg().wait_for(
        &format!(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '{app}' AND state = 'idle in transaction'"
        ),
        "the holder's open transaction",
    );
}

/// dbctl's sessions waiting for a lock, right now.
const DBCTL_WAITING: &str = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) \
                             WHERE NOT l.granted AND a.application_name LIKE 'dbctl migrate%'";

/// Waits until dbctl waits for a lock, then until it gave that attempt up (it pauses before the
/// next one).
fn wait_for_a_given_up_attempt() {
    pg().wait_for(DBCTL_WAITING, "dbctl's wait for the lock");
    let deadline = Instant::now() + Duration::from_secs(20);
    while pg().psql("postgres", DBCTL_WAITING).trim() != "0" {
        assert!(Instant::now() < deadline, "dbctl never gave up its first attempt");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for `child` to end; its success and stderr.
fn finished(mut child: std::process::Child) -> (bool, String) {
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    (status.success(), stderr)
}

#[test]
fn a_migration_that_cannot_get_its_lock_is_rolled_back_retried_and_names_the_holder() {
    let (p, db) = with_orders("lock_retry", "statement_lock_timeout = \"300ms\"\nlock_retries = 1");
    p.migration(
        "2026-01-02-000001_orders_note",
        "ALTER TABLE orders ADD COLUMN note text;\nCREATE TABLE audit (id int);",
        Some("DROP TABLE audit;\nALTER TABLE orders DROP COLUMN note;"),
        None,
    );
    let mut holder = pg().session(&db);
    holder.send("SET application_name = 'nightly-report'; BEGIN; SELECT count(*) FROM orders;");
    wait_idle_in_transaction("nightly-report");

    let failed = p.dbctl(1, ["migrate"]);
    let err = &failed.stderr;
    for needle in [
        "2026-01-02-000001_orders_note: no lock within 300ms (migrations.statement_lock_timeout)",
        "waited for ACCESS EXCLUSIVE on orders, held by pid ",
        "application nightly-report",
        "idle in a transaction open since ",
        "trying again in 1s (retry 1 of 1)",
        "no lock within 300ms in 2 attempts",
        "migrations.lock_retries",
    ] {
        assert!(err.contains(needle), "missing `{needle}` in:\n{err}");
    }
    // Nothing of it stayed: no column, no table, no ledger row.
    assert_eq!(p.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'note'").trim(), "0");
    assert_eq!(p.sql("SELECT to_regclass('audit') IS NULL").trim(), "t");
    p.dbctl(14, ["migrate", "--check"])
        .stdout_has("LAST RUN FAILED")
        .stdout_has("1 pending: 2026-01-02-000001_orders_note");

    // The holder lets go while dbctl pauses between attempts: the retry goes through.
    std::fs::write(
        p.path().join("dbctl.toml"),
        "[migrations]\nstatement_lock_timeout = \"300ms\"\nlock_retries = 3\n",
    )
    .unwrap();
    let child = p.cmd().arg("migrate").spawn();
    wait_for_a_given_up_attempt();
    holder.send("COMMIT;");
    let (ok, stderr) = finished(child);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("(retry 1 of 3)"), "{stderr}");
    assert_eq!(p.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'note'").trim(), "1");
    p.dbctl(0, ["migrate", "--check"]);

    // A revert waits the same way.
    let mut holder = pg().session(&db);
    holder.send("SET application_name = 'nightly-report'; BEGIN; SELECT count(*) FROM orders;");
    wait_idle_in_transaction("nightly-report");
    std::fs::write(
        p.path().join("dbctl.toml"),
        "[migrations]\nstatement_lock_timeout = \"200ms\"\nlock_retries = 0\n",
    )
    .unwrap();
    p.dbctl(1, ["migrate", "revert"])
        .stderr_has("no lock within 200ms in 1 attempt (waited for ACCESS EXCLUSIVE on orders");
    assert_eq!(p.sql("SELECT to_regclass('audit') IS NOT NULL").trim(), "t");
    drop(holder);
    p.dbctl(0, ["migrate", "revert"]);
    assert_eq!(p.sql("SELECT to_regclass('audit') IS NULL").trim(), "t");
}

#[test]
fn a_concurrent_index_that_timed_out_is_dropped_and_built_again_on_the_next_run() {
    let (p, db) = with_orders("lock_cic", "statement_lock_timeout = \"300ms\"\nlock_retries = 0");
    p.migration(
        "2026-01-02-000001_orders_kind",
        "CREATE INDEX CONCURRENTLY orders_kind ON orders (kind);",
        None,
        Some("run_in_transaction = false\n"),
    );
    // A writer's open transaction: the build waits for it after making the index's entry.
    let mut writer = pg().session(&db);
    writer.send("SET application_name = 'slow-writer'; BEGIN; INSERT INTO orders VALUES (1000, 'k9');");
    wait_idle_in_transaction("slow-writer");
    let failed = p.dbctl(1, ["migrate"]);
    assert!(failed.stderr.contains("no lock within 300ms in 1 attempt"), "{}", failed.stderr);
    assert!(
        failed.stderr.contains("waited for the end of another transaction, held by pid"),
        "{}",
        failed.stderr
    );
    assert!(failed.stderr.contains("application slow-writer"), "{}", failed.stderr);
    assert!(failed.stderr.contains("up.sql:1"), "{}", failed.stderr);
    assert_eq!(
        p.sql("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_kind'::regclass").trim(),
        "f",
        "the failed build leaves an invalid index"
    );
    writer.send("COMMIT;");
    drop(writer);

    // The next run: another writer is in the way again (the drop of the first run's invalid index,
    // or the build, waits for it), and lets go while dbctl pauses; each attempt first drops what
    // the one before it left, so the retry builds the index.
    std::fs::write(
        p.path().join("dbctl.toml"),
        "[migrations]\nstatement_lock_timeout = \"300ms\"\nlock_retries = 1\n",
    )
    .unwrap();
    let mut writer = pg().session(&db);
    writer.send("SET application_name = 'slow-writer'; BEGIN; INSERT INTO orders VALUES (1001, 'k9');");
    wait_idle_in_transaction("slow-writer");
    let child = p.cmd().arg("migrate").spawn();
    wait_for_a_given_up_attempt();
    writer.send("COMMIT;");
    let (ok, stderr) = finished(child);
    assert!(ok, "{stderr}");
    // (Which statement waited, the drop or the build, and so whether a retry was needed, is the
    // server's timing; the outcome is not.)
    assert!(
        stderr.contains(
            "dropped the invalid index public.orders_kind that an earlier CREATE INDEX CONCURRENTLY left"
        ),
        "{stderr}"
    );
    // One index, valid: no invalid one is left beside it.
    assert_eq!(
        p.sql("SELECT count(*) FROM pg_index WHERE indrelid = 'orders'::regclass AND NOT indisvalid").trim(),
        "0"
    );
    assert_eq!(
        p.sql("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_kind'::regclass").trim(),
        "t"
    );
    // An index that is valid is never touched: a file that builds it again fails as it should.
    p.dbctl(0, ["migrate", "--check"]);
}

#[test]
fn without_a_lock_timeout_a_migration_waits_and_notices_stay_quiet() {
    let (p, db) = with_orders("lock_wait", "");
    p.migration(
        "2026-01-02-000001_orders_note",
        "DROP TABLE IF EXISTS no_such_table;\nALTER TABLE orders ADD COLUMN note text;",
        None,
        Some("run_in_transaction = false\n"),
    );
    let mut holder = pg().session(&db);
    holder.send("SET application_name = 'short-report'; BEGIN; SELECT count(*) FROM orders;");
    wait_idle_in_transaction("short-report");
    let child = p.cmd().arg("migrate").spawn();
    pg().wait_for(DBCTL_WAITING, "dbctl's wait for the lock");
    holder.send("COMMIT;");
    let (ok, stderr) = finished(child);
    assert!(ok, "{stderr}");
    // The server's NOTICE (`table … does not exist, skipping`) is not printed.
    assert!(!stderr.contains("NOTICE") && !stderr.contains("skipping"), "{stderr}");
}
