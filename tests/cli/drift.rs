//! `migrate drift`: the live schema against the applied migrations replayed into a shadow.

use std::time::Duration;

use crate::support::fixtures::sh;
use crate::support::{Backend, Project};

/// Partitions, enums, a domain, views (one materialized), a function, a trigger, identity and
/// generated columns: none of it is drift when it came from the migrations.
const RICH_UP: &str = r#"
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TABLE events (
    id bigint GENERATED ALWAYS AS IDENTITY,
    at timestamptz NOT NULL DEFAULT now(),
    mood mood NOT NULL DEFAULT 'ok',
    weight positive_int,
    doubled integer GENERATED ALWAYS AS (weight * 2) STORED,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX events_mood_idx ON events (mood);
CREATE VIEW happy_events AS SELECT id, at FROM events WHERE mood = 'happy';
CREATE MATERIALIZED VIEW mood_counts AS SELECT mood, count(*) AS n FROM events GROUP BY mood;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
CREATE TRIGGER events_touch BEFORE UPDATE ON events_2026 FOR EACH ROW EXECUTE FUNCTION touch();
CREATE SEQUENCE ticket_seq START 100 INCREMENT 5;
"#;

fn check_json(p: &Project) -> serde_json::Value {
    p.cmd()
        .args(["migrate", "drift", "--json"])
        .any_code("drift exits 1 when it finds drift; callers read the report")
        .run()
        .json()
}

fn differences(report: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut d: Vec<(String, String, String)> = report["drift"]["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["change"].as_str().unwrap().to_string(),
                d["kind"].as_str().unwrap().to_string(),
                d["object"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    d.sort();
    d
}

#[test]
fn a_clean_postgres_database_has_no_drift_and_each_change_out_of_band_is_reported_once() {
    let p = Project::new(Backend::Pg, "drift_pg");
    p.example_migrations();
    p.migration("2030-01-01-000001_rich", RICH_UP, None, None);
    p.dbctl(0, ["migrate"]);
    for _ in 0..2 {
        let out = p.dbctl(0, ["migrate", "drift"]);
        assert!(out.stdout.contains("no drift"), "{}", out.stdout);
    }
    p.dbctl(0, ["migrate", "--check", "--drift"]);

    // Hotfixes by hand.
    p.sql(
        "CREATE INDEX hotfix_email ON users (email); \
         ALTER TABLE users ADD COLUMN nickname text; \
         ALTER TABLE users ALTER COLUMN display_name DROP NOT NULL; \
         CREATE OR REPLACE VIEW happy_events AS SELECT id, at, mood FROM events WHERE mood = 'happy'; \
         CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; \
         ALTER TYPE mood ADD VALUE 'ecstatic'; \
         DROP TRIGGER events_touch ON events_2026; \
         ALTER TABLE users DROP CONSTRAINT users_email_lowercase",
    );
    let report = p.cmd().args(["migrate", "drift", "--json"]).code(15).run().json();
    assert_eq!(report["exit_code"], 15);
    let found = differences(&report);
    let want: Vec<(String, String, String)> = [
        ("changed", "column", "public.users.display_name"),
        ("changed", "enum", "public.mood"),
        ("changed", "function", "public.touch()"),
        ("changed", "view", "public.happy_events"),
        ("missing", "constraint", "public.users.users_email_lowercase"),
        ("missing", "trigger", "public.events_2026.events_touch"),
        ("unexpected", "column", "public.users.nickname"),
        ("unexpected", "index", "public.hotfix_email"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(found, want, "{report:#}");
    // Both definitions of a change.
    let column = report["drift"]["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["object"] == "public.users.display_name")
        .unwrap();
    assert_eq!(column["expected"], "text NOT NULL");
    assert_eq!(column["actual"], "text");

    let human = p.dbctl(15, ["migrate", "drift"]);
    assert!(human.stdout.contains("+ unexpected index public.hotfix_email"), "{}", human.stdout);
    assert!(human.stdout.contains("DRIFT (exit 15): 8 differences"), "{}", human.stdout);
    let sql = p.dbctl(15, ["migrate", "drift", "--sql"]).stdout;
    assert!(sql.contains("DROP INDEX \"public\".\"hotfix_email\";"), "{sql}");
    assert!(sql.contains("ALTER TABLE \"public\".\"users\" DROP COLUMN \"nickname\";"), "{sql}");
    assert!(
        sql.contains("ALTER TABLE \"public\".\"users\" ADD CONSTRAINT \"users_email_lowercase\" CHECK"),
        "{sql}"
    );
    assert!(sql.contains("CREATE TRIGGER events_touch BEFORE UPDATE ON public.events_2026"), "{sql}");
    p.dbctl(15, ["migrate", "--check", "--drift"]).stdout_has("DRIFT (exit 15)");
    // Health watches it when asked to.
    std::fs::write(p.path().join("dbctl.toml"), "[health]\ndrift = true\n").unwrap();
    let health = p.cmd().args(["health", "--json"]).code(2).run().json();
    let check = health["checks"].as_array().unwrap().iter().find(|c| c["name"] == "drift").cloned().unwrap();
    assert_eq!((check["status"].as_str(), check["value"].as_f64()), (Some("critical"), Some(8.0)), "{check}");
    // No shadow database is left behind.
    let left = crate::support::pg().psql(
        "postgres",
        &format!(
            "SELECT count(*) FROM pg_database WHERE datname LIKE '{}\\_dbctl\\_drift%'",
            p.url.rsplit('/').next().unwrap()
        ),
    );
    assert_eq!(left.trim(), "0");
}

#[test]
fn the_migrations_schema_dumps_as_stable_normalised_sql() {
    let p = Project::new(Backend::Pg, "schema_dump");
    p.example_migrations();
    p.migration("2030-01-01-000001_rich", RICH_UP, None, None);
    let file = p.path().join("schema.sql");
    p.cmd().args(["schema", "dump", file.to_str().unwrap()]).code(0).run();
    let first = std::fs::read_to_string(&file).unwrap();
    assert!(first.contains("CREATE TABLE public.users"), "{first}");
    assert!(first.contains("PARTITION BY RANGE"), "{first}");
    for noise in ["\\restrict", "-- Dumped", "\nSET ", "set_config", "OWNER TO", "\n\n\n"] {
        assert!(!first.contains(noise), "`{noise}` in the dump");
    }
    let again = p.dbctl(0, ["schema", "dump"]).stdout;
    assert_eq!(again, first, "two dumps are identical");
    // It is the migrations' schema: the (empty) database itself is not touched.
    assert!(p.tables().is_empty());
}

#[test]
fn a_given_shadow_database_and_a_deploy_holding_the_lock() {
    let p = Project::new(Backend::Pg, "drift_shadow");
    p.example_migrations();
    p.dbctl(0, ["migrate"]);
    let shadow = crate::support::pg().create_database("drift_shadow_given");
    let out = p.cmd().args(["migrate", "drift", "--shadow-url", &shadow]).code(0).run();
    assert!(out.stdout.contains("no drift") && out.stdout.contains("drift_shadow_given"), "{}", out.stdout);
    // Its contents are replaced: the next run finds the last one's replay there, and no drift.
    p.cmd().args(["migrate", "drift", "--shadow-url", &shadow]).code(0).run().stdout_has("no drift");
    // Never the database itself (whatever the URL's spelling): its contents would be replaced.
    let own = p.url.replace("127.0.0.1", "localhost");
    p.cmd()
        .args(["migrate", "drift", "--shadow-url", &own])
        .code(1)
        .run()
        .stderr_has("the shadow database is the configured database itself");
    p.dbctl(0, ["migrate", "--check"]);

    // A deploy holds the migration lock: drift waits for it instead of reading a half-done schema.
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let key = dbctl::migrate::lock::PG_LOCK_KEY;
    let mut holder = crate::support::pg().session(&db);
    holder.send(&format!("SET application_name = 'deploy-7'; SELECT pg_advisory_lock({key});"));
    crate::support::pg().wait_for(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted",
        "the deploy's advisory lock",
    );
    let waiting = p.cmd().args(["migrate", "drift", "--lock-timeout", "1s"]).code(1).run();
    assert!(waiting.stderr.contains("waiting for the migration lock, held by pid"), "{}", waiting.stderr);
    assert!(waiting.stderr.contains("deploy-7"), "{}", waiting.stderr);
    drop(holder);
    p.dbctl(0, ["migrate", "drift"]);
}

#[test]
fn sqlite_drift_against_an_in_memory_replay() {
    let p = Project::new(Backend::Sqlite, "drift_sqlite");
    p.example_migrations();
    p.dbctl(0, ["migrate"]);
    p.dbctl(0, ["migrate", "drift"]).stdout_has("replayed into an in-memory SQLite database");
    p.sql("CREATE INDEX hotfix ON users (email); ALTER TABLE users ADD COLUMN nickname TEXT; DROP VIEW IF EXISTS no_such_view;");
    let report = p.cmd().args(["migrate", "drift", "--json"]).code(15).run().json();
    let found = differences(&report);
    assert_eq!(
        found,
        [
            ("changed".to_string(), "table".to_string(), "users".to_string()),
            ("unexpected".to_string(), "index".to_string(), "users.hotfix".to_string()),
        ]
    );
    let sql = p.dbctl(15, ["migrate", "drift", "--sql"]).stdout;
    assert!(sql.contains("-- review: table users differs") && !sql.contains("DROP TABLE"), "{sql}");
    // A migration edited after it ran is drift too: the replay uses the files as they are.
    p.sql("DROP INDEX hotfix");
    let first =
        std::fs::read_dir(p.path().join("migrations")).unwrap().map(|e| e.unwrap().path()).min().unwrap();
    let up = first.join("up.sql");
    let text = std::fs::read_to_string(&up).unwrap();
    std::fs::write(&up, format!("{text}\nCREATE INDEX users_display_name_idx ON users (display_name);\n"))
        .unwrap();
    let found = differences(&check_json(&p));
    assert!(
        found.contains(&(
            "missing".to_string(),
            "index".to_string(),
            "users.users_display_name_idx".to_string()
        )),
        "{found:?}"
    );
}

/// A role that may not create databases still gets a result: the migrations are replayed into a
/// throwaway cluster of the server's version on this host.
#[test]
fn a_role_without_createdb_gets_a_throwaway_local_shadow() {
    let pg = crate::support::pg();
    pg.psql("postgres", "CREATE ROLE drift_nocreatedb LOGIN PASSWORD 'no-createdb-pw' NOCREATEDB");
    pg.psql("postgres", "CREATE DATABASE drift_nocreatedb OWNER drift_nocreatedb");
    let p = Project::new(Backend::Pg, "drift_nocreatedb");
    p.example_migrations();
    let url = format!("postgres://drift_nocreatedb:no-createdb-pw@127.0.0.1:{}/drift_nocreatedb", pg.port);
    p.cmd().env("DATABASE_URL", &url).args(["migrate"]).code(0).run();
    let out = p.cmd().env("DATABASE_URL", &url).args(["migrate", "drift"]).code(0).run();
    assert!(out.stderr.contains("replaying into a throwaway PostgreSQL 15 on this host"), "{}", out.stderr);
    assert!(out.stdout.contains("no drift"), "{}", out.stdout);
    pg.psql("drift_nocreatedb", "CREATE INDEX hotfix ON users (email)");
    p.cmd()
        .env("DATABASE_URL", &url)
        .args(["migrate", "drift"])
        .code(15)
        .run()
        .stdout_has("unexpected index public.hotfix");
}

/// A migration that uses a table another tool makes: the replay needs it first, from
/// `migrations.shadow_init` or Prisma's `migrations.initShadowDb` in prisma.config.ts.
#[test]
fn the_shadow_is_prepared_with_the_sql_the_migrations_expect() {
    let p = Project::new(Backend::Pg, "drift_shadow_init");
    p.sql("CREATE TABLE legacy (id integer PRIMARY KEY, name text)");
    p.migration(
        "2024-01-01-000001_names",
        "CREATE VIEW legacy_names AS SELECT name FROM legacy;\n",
        None,
        None,
    );
    p.dbctl(0, ["migrate"]);
    p.dbctl(1, ["migrate", "drift"]).stderr_has("replaying").stderr_has("legacy");
    std::fs::write(
        p.path().join("prisma.config.ts"),
        "import { defineConfig } from 'prisma/config'\nexport default defineConfig({\n  migrations: {\n    \
         initShadowDb: `CREATE TABLE legacy (id integer PRIMARY KEY, name text);`,\n  },\n})\n",
    )
    .unwrap();
    p.dbctl(0, ["migrate", "drift"]).stdout_has("no drift");
    // dbctl's own setting wins, and a bad one is named.
    std::fs::write(p.path().join("dbctl.toml"), "[migrations]\nshadow_init = \"CREATE TABLE nonsense (\"\n")
        .unwrap();
    p.dbctl(1, ["migrate", "drift"]).stderr_has("migrations.shadow_init (Prisma's initShadowDb) failed");
}

/// The throwaway shadow cluster is this user's alone and dies with dbctl: its directory and socket
/// are mode 0700, its superuser has a password checked by SCRAM (no `trust`), its postmaster ends
/// when dbctl is killed with SIGKILL, and what that left is removed by the next run.
#[test]
fn the_throwaway_shadow_is_private_and_dies_with_dbctl() {
    let pg = crate::support::pg();
    pg.psql(
        "postgres",
        "DO $$ BEGIN CREATE ROLE drift_private LOGIN PASSWORD 'drift-private-pw' NOCREATEDB; \
         EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    );
    pg.psql("postgres", "CREATE DATABASE drift_private OWNER drift_private");
    let p = Project::new(Backend::Pg, "drift_private");
    p.migration("2024-01-01-000001_slow", "CREATE TABLE t (x int);\nSELECT pg_sleep(4);\n", None, None);
    let url = format!("postgres://drift_private:drift-private-pw@127.0.0.1:{}/drift_private", pg.port);
    p.cmd().env("DATABASE_URL", &url).args(["migrate"]).code(0).run();
    // A temporary directory of the test's own, which the postgres user (as root) can enter.
    let tmp = p.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    std::fs::set_permissions(p.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(0o1777)).unwrap();
    let mut child = p.cmd().env("DATABASE_URL", &url).env("TMPDIR", &tmp).args(["migrate", "drift"]).spawn();
    // The shadow is up once its socket is there (the replay then sleeps in it).
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let (dir, socket) = loop {
        let found = std::fs::read_dir(&tmp).unwrap().flatten().map(|e| e.path()).find_map(|d| {
            let s = std::fs::read_dir(&d).ok()?.flatten().map(|e| e.path()).find(|f| {
                f.file_name().unwrap().to_string_lossy().starts_with(".s.PGSQL.")
                    && !f.to_string_lossy().ends_with(".lock")
            })?;
            Some((d, s))
        });
        if let Some(f) = found {
            break f;
        }
        assert!(std::time::Instant::now() < deadline, "no shadow cluster appeared in {}", tmp.display());
        std::thread::sleep(Duration::from_millis(50));
    };
    let mode = |p: &std::path::Path| {
        std::os::unix::fs::PermissionsExt::mode(&std::fs::symlink_metadata(p).unwrap().permissions()) & 0o777
    };
    assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    assert_eq!(mode(&socket), 0o700, "{}", socket.display());
    let hba = std::fs::read_to_string(dir.join("data/pg_hba.conf")).unwrap();
    let rules: Vec<&str> =
        hba.lines().filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty()).collect();
    assert!(!rules.is_empty() && rules.iter().all(|l| l.ends_with("scram-sha-256")), "{rules:?}");
    let pid: i32 = std::fs::read_to_string(dir.join("data/postmaster.pid"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // dbctl killed: the kernel takes its postmaster with it.
    sh(&format!("kill -KILL {}", child.id()));
    let _ = child.wait();
    let alive = |pid: i32| {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
            && !std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default().contains(") Z ")
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while alive(pid) {
        assert!(std::time::Instant::now() < deadline, "the shadow's postmaster {pid} outlived dbctl");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(dir.exists(), "a killed run leaves its directory");
    // `backup prune --orphans` names it (and would remove it).
    let listed = p
        .cmd()
        .env("DATABASE_URL", &url)
        .env("TMPDIR", &tmp)
        .args(["backup", "prune", "--orphans", "--dry-run"])
        .code(0)
        .run();
    assert!(listed.stdout.contains(&format!("would remove {}", dir.display())), "{}", listed.stdout);
    assert!(listed.stdout.contains("a killed migrate drift's shadow cluster"), "{}", listed.stdout);
    assert!(dir.exists(), "a dry run removes nothing");
    // The next run removes it.
    let next = p.cmd().env("DATABASE_URL", &url).env("TMPDIR", &tmp).args(["migrate", "drift"]).code(0).run();
    assert!(!dir.exists(), "the stale shadow was removed: {}", next.stderr);
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0, "and the run's own is gone too");
}

/// `migrate drift` stopped by SIGTERM drops the shadow database it made and says so; one killed
/// by SIGKILL leaves it, and `backup prune --orphans` and the next `migrate drift` remove it.
#[test]
fn an_interrupted_drift_leaves_no_shadow_database() {
    let p = Project::new(Backend::Pg, "drift_interrupted");
    p.migration("2024-01-01-000001_slow", "CREATE TABLE t (x int);\nSELECT pg_sleep(4);\n", None, None);
    p.dbctl(0, ["migrate"]);
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let pg = crate::support::pg();
    let shadows = || {
        pg.psql(
            "postgres",
            &format!("SELECT datname FROM pg_database WHERE datname LIKE '{db}_dbctl_drift_%' ORDER BY 1"),
        )
    };
    let replaying = format!(
        "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE '{db}_dbctl_drift_%' AND query LIKE '%pg_sleep%'"
    );
    for (signal, code) in [("TERM", 143), ("KILL", -1)] {
        let child = p.cmd().args(["migrate", "drift"]).spawn();
        pg.wait_for(&replaying, "the replay's sleep");
        sh(&format!("kill -{signal} {}", child.id()));
        let out = crate::support::Outcome::from(child.wait_with_output().unwrap());
        assert_eq!(out.code, code, "{}", out.stderr);
        if signal == "TERM" {
            assert!(out.stderr.contains("migrate drift stopped; the shadow database"), "{}", out.stderr);
            assert!(out.stderr.contains("was dropped"), "{}", out.stderr);
            assert_eq!(shadows().trim(), "", "nothing left on the server");
        }
    }
    // After SIGKILL: left behind, then listed and removed.
    let left = shadows().trim().to_string();
    assert!(!left.is_empty(), "a killed run leaves its shadow");
    pg.wait_for(
        &format!("SELECT (count(*) = 0)::int FROM pg_stat_activity WHERE datname = '{left}'"),
        "the killed run's session to end",
    );
    p.dbctl(0, ["backup", "prune", "--orphans", "--dry-run"])
        .stdout_has(&format!("would remove {left} (a killed migrate drift's shadow database)"));
    let out = p.dbctl(0, ["migrate", "drift"]);
    assert!(out.stderr.contains(&format!("dropped the shadow database {left}")), "{}", out.stderr);
    assert_eq!(shadows().trim(), "");
}

/// A cloned project's `.env` may name any database as the shadow (the operator's credentials in
/// ~/.pgpass would open it): dbctl uses one from a project's own file only while it is empty,
/// and never empties it.
#[test]
fn a_shadow_a_projects_env_names_is_used_only_empty() {
    let p = Project::new(Backend::Pg, "drift_env_shadow");
    p.example_migrations();
    p.dbctl(0, ["migrate"]);
    let victim = crate::support::pg().create_database("drift_env_victim");
    let victim_db = victim.rsplit('/').next().unwrap().to_string();
    crate::support::pg().psql(&victim_db, "CREATE TABLE precious (x int); INSERT INTO precious VALUES (1)");
    std::fs::write(p.path().join(".env"), format!("DBCTL_SHADOW_URL={victim}\n")).unwrap();
    p.dbctl(1, ["migrate", "drift"])
        .stderr_has("the shadow database named by")
        .stderr_has("may not have dbctl empty a database");
    assert_eq!(crate::support::pg().psql(&victim_db, "SELECT count(*) FROM precious").trim(), "1");
    p.dbctl(0, ["backup", "--compression", "none"]);
    p.dbctl(1, ["migrate", "rehearse"]).stderr_has("may not have dbctl empty a database");
    assert_eq!(crate::support::pg().psql(&victim_db, "SELECT count(*) FROM precious").trim(), "1");
    // Empty, it is used; named on the command line, it is emptied.
    let empty = crate::support::pg().create_database("drift_env_empty");
    std::fs::write(p.path().join(".env"), format!("DBCTL_SHADOW_URL={empty}\n")).unwrap();
    p.dbctl(0, ["migrate", "drift"]).stdout_has("no drift");
    p.cmd().args(["migrate", "drift", "--shadow-url", &victim]).code(0).run().stdout_has("no drift");
    assert_eq!(crate::support::pg().psql(&victim_db, "SELECT to_regclass('precious') IS NULL").trim(), "t");
}
