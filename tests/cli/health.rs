use std::time::Duration;

use crate::support::{self, PG_PASSWORD, PgCluster, RedisServer, dbctl, free_port, project};

use crate::support::fixtures::health_check as check;

#[test]
fn postgres_and_redis_healthy() {
    let url = support::pg().create_database("healthy");
    let dir = project();
    let out = dbctl(dir.path())
        .args(["health", "--database-url", &url, "--redis-url", &support::redis().url()])
        .code(0)
        .run()
        .stdout_has("health: OK (exit 0)");
    for id in [
        "database.connection",
        "database.version",
        "database.role",
        "database.size",
        "database.connections",
        "database.longest_transaction",
        "redis.connection",
        "redis.version",
        "redis.role",
        "redis.memory",
        "redis.rejected_connections",
    ] {
        assert!(out.stdout.contains(id), "{id} missing:\n{}", out.stdout);
    }
    assert!(out.stdout.contains("postgres://postgres:***@127.0.0.1"), "{}", out.stdout);
    // The table fits 100 columns (DETAIL wrapped, thresholds in it); --wide gives each its line.
    let widest = out.stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 100, "{widest} columns:\n{}", out.stdout);
    assert!(out.stdout.contains("(warn ≥") && !out.stdout.contains("THRESHOLD"), "{}", out.stdout);
    let wide = dbctl(dir.path())
        .args(["health", "--wide", "--database-url", &url, "--redis-url", &support::redis().url()])
        .code(0)
        .run();
    assert!(wide.stdout.contains("THRESHOLD"), "{}", wide.stdout);
    let rows = |text: &str| text.lines().filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase())).count();
    assert_eq!(rows(&wide.stdout), rows(&out.stdout), "the same checks");
    assert!(wide.stdout.lines().count() < out.stdout.lines().count(), "{}", wide.stdout);
}

#[test]
fn json_report_parses_back() {
    let url = support::pg().create_database("json");
    let dir = project();
    let out = dbctl(dir.path())
        .args(["health", "--json"])
        .env("DATABASE_URL", &url)
        .env("REDIS_URL", support::redis().url())
        .code(0)
        .run();
    let report = out.json();
    assert_eq!(report["status"], "ok");
    assert_eq!(report["exit_code"], 0);
    assert!(report["checked_at"].as_str().unwrap().ends_with('Z'));
    let version = check(&report, "database.version");
    assert!(version["value"].as_str().unwrap().starts_with("15."), "{version}");
    let conns = check(&report, "database.connections");
    assert_eq!(conns["unit"], "percent");
    assert_eq!(conns["threshold"]["warn"], 80.0);
    assert_eq!(conns["threshold"]["crit"], 95.0);
    assert!(conns["value"].as_f64().unwrap() > 0.0);
    assert_eq!(check(&report, "database.role")["value"], "primary");
    let size = check(&report, "database.size");
    assert!(size["value"].as_f64().unwrap() > 1_000_000.0, "{size}");
    assert_eq!(check(&report, "redis.role")["value"], "master");
    assert!(check(&report, "redis.version")["value"].as_str().unwrap().contains('.'));
}

#[test]
fn prometheus_textfile_is_written_atomically() {
    let url = support::pg().create_database("prom");
    let dir = project();
    let target = dir.path().join("metrics").join("dbctl.prom");
    std::fs::create_dir(dir.path().join("metrics")).unwrap();
    dbctl(dir.path())
        .args(["health", "--format", "prometheus", "--output"])
        .args([&target])
        .env("DATABASE_URL", &url)
        .env("REDIS_URL", support::redis().url())
        .code(0)
        .run();
    let entries: Vec<_> =
        std::fs::read_dir(dir.path().join("metrics")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries, ["dbctl.prom"], "only the final file remains");
    let text = std::fs::read_to_string(&target).unwrap();
    let mut samples = std::collections::HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (name, value) = line.rsplit_once(' ').unwrap();
        let value: f64 = value.parse().unwrap_or_else(|_| panic!("bad sample `{line}`"));
        samples.insert(name.to_string(), value);
    }
    assert_eq!(samples["dbctl_health_status"], 0.0);
    assert_eq!(samples[r#"dbctl_health_check_status{component="database",check="connection"}"#], 0.0);
    let ratio = samples[r#"dbctl_health_check_value{component="database",check="connections",unit="ratio"}"#];
    assert!(ratio > 0.0 && ratio < 1.0, "{ratio}");
    assert!(
        samples[r#"dbctl_health_check_value{component="redis",check="connection",unit="seconds"}"#] >= 0.0
    );
    assert!(samples["dbctl_health_timestamp_seconds"] > 1.7e9);
}

#[test]
fn without_a_database_configured_nothing_reports_green_and_only_migrate_makes_the_default() {
    let dir = project();
    let path = dir.path().join("dbctl.sqlite3");
    // A cron job whose environment file is missing: no DATABASE_URL, no .env, no config.
    std::fs::write(dir.path().join("stray.sql"), "SELECT 1;\n").unwrap();
    for args in [vec!["health"], vec!["-q", "backup"], vec!["restore", "stray.sql"]] {
        dbctl(dir.path()).args(&args).code(2).run().stderr_has("no database configured");
    }
    dbctl(dir.path())
        .args(["schedule", "run"])
        .env("BACKUP_SCHEDULE", "@every 1s")
        .code(2)
        .run()
        .stderr_has("no database configured");
    assert!(!path.exists(), "nothing created the embedded default");
    assert!(!dir.path().join("backups").exists(), "no backup of nothing");

    // The quickstart: migrate makes it, and says so; then health reads it.
    std::fs::create_dir(dir.path().join("migrations")).unwrap();
    let out = dbctl(dir.path()).args(["migrate"]).code(0).run();
    assert!(
        out.stderr.contains(&format!("using the embedded SQLite database {}", path.display())),
        "{}",
        out.stderr
    );
    assert!(path.is_file());
    let again = dbctl(dir.path()).args(["health", "--json"]).code(0).run();
    assert!(again.stderr.is_empty(), "said only on first use: {}", again.stderr);
    let report = again.json();
    assert_eq!(check(&report, "database.integrity")["value"], "ok");
    assert_eq!(check(&report, "database.journal_mode")["value"], "delete");
}

#[test]
fn configured_sqlite_file_is_checked_not_created() {
    let dir = project();
    dbctl(dir.path())
        .args(["health", "--database-url", "sqlite://missing.db"])
        .code(2)
        .run()
        .stdout_has("does not exist");
    assert!(!dir.path().join("missing.db").exists());

    std::fs::write(
        dir.path().join("broken.db"),
        b"this is not a database file, just some bytes that are long enough",
    )
    .unwrap();
    let out = dbctl(dir.path()).args(["health", "--json", "--database-url", "broken.db"]).code(2).run();
    let report = out.json();
    assert_eq!(report["status"], "critical");
}

#[test]
fn lowered_threshold_gives_a_warning() {
    let url = support::pg().create_database("warn");
    let dir = project();
    std::fs::write(dir.path().join("dbctl.toml"), "[health]\nconnections_warn = 0\nconnections_crit = 100\n")
        .unwrap();
    let out = dbctl(dir.path()).args(["health", "--json", "--database-url", &url]).code(1).run();
    let report = out.json();
    assert_eq!(report["status"], "warning");
    let conns = check(&report, "database.connections");
    assert_eq!(conns["status"], "warning");
    assert_eq!(conns["threshold"]["warn"], 0.0);
    // --quiet prints only the problems.
    let quiet = dbctl(dir.path()).args(["health", "--quiet", "--database-url", &url]).code(1).run();
    assert!(
        quiet.stdout.contains("database.connections") && !quiet.stdout.contains("database.version"),
        "{}",
        quiet.stdout
    );
}

#[test]
fn stopped_server_is_critical_and_wait_succeeds_when_it_comes_up_late() {
    let port = free_port();
    let cluster = PgCluster::init(port);
    let url = cluster.url("postgres");
    let dir = project();
    let out = dbctl(dir.path()).args(["health", "--database-url", &url]).code(2).run();
    assert!(out.stdout.contains("database.connection") && out.stdout.contains("critical"), "{}", out.stdout);
    assert!(out.stdout.contains("Connection refused"), "{}", out.stdout);

    let waiting = dbctl(dir.path()).args(["health", "--wait=60s", "--json", "--database-url", &url]).spawn();
    std::thread::sleep(Duration::from_millis(1500));
    cluster.start();
    let out = support::Outcome::from(waiting.wait_with_output().unwrap()).code(0).no_secrets();
    assert_eq!(out.json()["status"], "ok");
    assert!(
        out.stderr.contains("waiting up to 1m for the database postgres://postgres:***@"),
        "{}",
        out.stderr
    );

    cluster.stop();
    let out = dbctl(dir.path()).args(["health", "--wait=2s", "--database-url", &url]).code(2).run();
    assert!(out.stdout.contains("did not accept connections within --wait=2s"), "{}", out.stdout);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert_eq!(said.matches("Connection refused").count(), 1, "libpq's message once: {said}");
}

#[test]
fn wrong_password_is_critical_without_leaking_it() {
    let pg = support::pg();
    pg.create_database("wrongpw");
    let wrong = "Wrong-Passw0rd-xyz";
    let url = format!("postgres://postgres:{wrong}@127.0.0.1:{}/postgres", pg.port);
    let dir = project();
    let started = std::time::Instant::now();
    let out =
        dbctl(dir.path()).args(["health", "--wide", "--wait=60s", "--database-url", &url]).code(2).run();
    assert!(started.elapsed() < Duration::from_secs(50), "a wrong password is not retried");
    assert!(out.stdout.contains("password authentication failed"), "{}", out.stdout);
    assert!(out.stdout.contains("check the user and password in DATABASE_URL"), "{}", out.stdout);
    assert!(!out.stdout.contains(wrong) && !out.stderr.contains(wrong), "{}{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains(PG_PASSWORD));
}

#[test]
fn redis_refusing_or_rejecting_the_password_is_critical() {
    let dir = project();
    let url = support::pg().create_database("redisbad");
    let bad = format!("redis://:Not-The-Redis-Pw@127.0.0.1:{}/0", support::redis().port);
    let out = dbctl(dir.path())
        .args(["health", "--json", "--database-url", &url, "--redis-url", &bad])
        .code(2)
        .run();
    assert!(!out.stdout.contains("Not-The-Redis-Pw"), "{}", out.stdout);
    let report = out.json();
    let conn = check(&report, "redis.connection");
    assert_eq!(conn["status"], "critical");
    assert!(conn["message"].as_str().unwrap().contains("password"), "{conn}");
    assert_eq!(check(&report, "database.connection")["status"], "ok");

    let mut server = RedisServer::start(free_port());
    let stopped_url = server.url();
    server.stop();
    let out =
        dbctl(dir.path()).args(["health", "--database-url", &url, "--redis-url", &stopped_url]).code(2).run();
    assert!(
        out.stdout.contains("cannot connect to Redis") && out.stdout.contains("refused"),
        "{}",
        out.stdout
    );
}

#[test]
fn password_never_appears_in_any_output() {
    let url = support::pg().create_database("secrets");
    let dir = project();
    let redis = support::redis().url();
    for args in [
        vec!["health"],
        vec!["health", "--json"],
        vec!["health", "--format", "prometheus"],
        vec!["--verbose", "health"],
        vec!["config", "show"],
        vec!["config", "show", "--json"],
        vec!["config", "check"],
    ] {
        dbctl(dir.path())
            .args(&args)
            .env("DATABASE_URL", &url)
            .env("REDIS_URL", &redis)
            .any_code("this loop is about secrets in the output")
            .run();
    }
    // Failures: an unreachable server, a bad scheme, a bad setting next to a secret.
    let unreachable = format!("postgres://postgres:{PG_PASSWORD}@127.0.0.1:{}/x", free_port());
    dbctl(dir.path())
        .args(["--verbose", "health", "--wait=1s"])
        .env("DATABASE_URL", &unreachable)
        .code(2)
        .run();
    let mysql = format!("mysql://root:{PG_PASSWORD}@h/db");
    dbctl(dir.path())
        .args(["health"])
        .env("DATABASE_URL", &mysql)
        .code(2)
        .run()
        .stderr_has("unsupported database URL scheme");
    dbctl(dir.path())
        .args(["config", "check"])
        .env("DATABASE_URL", &url)
        .env("BACKUP_ENCRYPTION_KEY", PG_PASSWORD)
        .env("BACKUP_RETENTION_DAYS", "week")
        .code(2)
        .run();
}

#[test]
fn postgres_replica_reports_its_role_and_lag() {
    let primary = PgCluster::init(free_port());
    primary.start();
    let replica = PgCluster::replica_of(&primary, free_port());
    replica.start();
    let dir = project();
    let out = dbctl(dir.path())
        .args(["health", "--json", "--database-url", &replica.url("postgres")])
        .code(0)
        .run();
    let report = out.json();
    assert_eq!(check(&report, "database.role")["value"], "replica");
    let lag = check(&report, "database.replication_lag");
    assert_eq!(lag["unit"], "seconds");
    assert_eq!(lag["threshold"]["warn"], 30.0);
    assert!(lag["value"].as_f64().unwrap() >= 0.0, "{lag}");

    let primary_report = dbctl(dir.path())
        .args(["health", "--json", "--database-url", &primary.url("postgres")])
        .code(0)
        .run()
        .json();
    assert_eq!(check(&primary_report, "database.role")["value"], "primary");
    assert!(primary_report["checks"].as_array().unwrap().iter().all(|c| c["name"] != "replication_lag"));
}

#[test]
fn redis_replica_is_ok_while_linked_and_critical_when_its_master_is_gone() {
    let dir = project();
    let db = support::pg().create_database("redisreplica");
    let mut master = RedisServer::start(free_port());
    let replica = RedisServer::replica_of(master.port, free_port());
    let run = || {
        dbctl(dir.path())
            .args(["health", "--json", "--database-url", &db, "--redis-url", &replica.url()])
            .any_code("health's exit code is its worst check; the checks are asserted one by one")
            .run()
    };
    // The first sync takes a moment: poll until the link is up.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let report = loop {
        let out = run();
        let report = out.json();
        if check(&report, "redis.role")["status"] == "ok" || std::time::Instant::now() > deadline {
            break report;
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    let role = check(&report, "redis.role");
    assert_eq!(role["status"], "ok", "{role}");
    assert_eq!(role["value"], "replica");
    assert!(role["message"].as_str().unwrap().contains("master link up"), "{role}");

    master.stop();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let out = loop {
        let out = run();
        if out.code == 2 || std::time::Instant::now() > deadline {
            break out;
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    let out = out.code(2);
    let role = check(&out.json(), "redis.role").clone();
    assert_eq!(role["status"], "critical");
    assert!(role["message"].as_str().unwrap().contains("master link down"), "{role}");
}

#[test]
fn redis_over_tls_verifies_the_certificate() {
    let ca = support::TestCa::new();
    let server = RedisServer::start_tls(free_port(), &ca);
    let dir = project();
    let out = dbctl(dir.path())
        .args(["health", "--json", "--database-url", "sqlite::memory:", "--redis-url", &server.tls_url()])
        .env("SSL_CERT_FILE", ca.file("ca.pem"))
        .code(0)
        .run();
    let report = out.json();
    assert_eq!(check(&report, "redis.connection")["status"], "ok");
    assert_eq!(check(&report, "redis.role")["value"], "master");

    // A certificate from a CA the client does not trust is refused, with the fix.
    let other_ca = support::TestCa::new();
    let out = dbctl(dir.path())
        .args(["health", "--json", "--database-url", "sqlite::memory:", "--redis-url", &server.tls_url()])
        .env("SSL_CERT_FILE", other_ca.file("ca.pem"))
        .code(2)
        .run();
    let conn = check(&out.json(), "redis.connection").clone();
    assert_eq!(conn["status"], "critical");
    assert!(conn["message"].as_str().unwrap().contains("SSL_CERT_FILE"), "{conn}");
}

/// Sets the newest backup's start `ago` before now, by rewriting its manifest.
fn backdate(
    p: &crate::support::Project,
    manifest: &serde_json::Value,
    started: chrono::DateTime<chrono::Utc>,
) {
    let path =
        p.path().join("backups").join(format!("{}.manifest.json", manifest["artifact"].as_str().unwrap()));
    let mut m = manifest.clone();
    m["started_at"] = started.to_rfc3339_opts(chrono::SecondsFormat::Millis, true).into();
    std::fs::write(path, serde_json::to_vec_pretty(&m).unwrap()).unwrap();
}

#[test]
fn backup_freshness_against_the_schedule_or_a_maximum_age_and_the_latest_verify() {
    let p = crate::support::fixtures::seeded(crate::support::Backend::Sqlite, "health_backups");
    // No schedule, no maximum age, the default directory: no backup checks.
    let report = p.dbctl(0, ["health", "--json"]).json();
    assert!(!report["checks"].as_array().unwrap().iter().any(|c| c["component"] == "backups"));

    std::fs::write(p.path().join("dbctl.toml"), "[health]\nbackup_grace = \"0s\"\n").unwrap();
    let scheduled = |expect: i32| {
        p.cmd().args(["health", "--json"]).env("BACKUP_SCHEDULE", "@every 1h").code(expect).run().json()
    };
    let report = scheduled(2);
    assert_eq!(check(&report, "backups.freshness")["status"], "critical");
    assert!(check(&report, "backups.freshness")["message"].as_str().unwrap().contains("no backup of app"));

    let m = p.dbctl(0, ["backup", "--json"]).json();
    // Nothing verified yet is unknown, not ok: whether the backups restore is not known.
    let report = scheduled(3);
    assert_eq!(check(&report, "backups.verify")["status"], "unknown");
    assert!(check(&report, "backups.verify")["message"].as_str().unwrap().contains("verified yet"));
    p.dbctl(0, ["backup", "verify", "latest"]);
    let report = scheduled(0);
    assert_eq!(check(&report, "backups.storage")["status"], "ok");
    assert_eq!(check(&report, "backups.freshness")["status"], "ok");
    // Slots are whole hours: one second after the slot before the last, one slot was missed …
    let hour = chrono::Duration::hours(1);
    let now = chrono::Utc::now();
    let last_slot = chrono::DateTime::from_timestamp(now.timestamp() - now.timestamp() % 3600, 0).unwrap();
    backdate(&p, &m, last_slot - hour + chrono::Duration::seconds(1));
    let report = scheduled(1);
    assert_eq!(check(&report, "backups.freshness")["status"], "warning", "{report:#}");
    assert!(check(&report, "backups.freshness")["message"].as_str().unwrap().contains("1 slot"));
    // … and two are critical.
    backdate(&p, &m, last_slot - hour * 2 + chrono::Duration::seconds(1));
    assert_eq!(check(&scheduled(2), "backups.freshness")["status"], "critical");

    // Without a schedule: the maximum age, and twice it.
    std::fs::write(p.path().join("dbctl.toml"), "[health]\nbackup_max_age = \"1h\"\n").unwrap();
    backdate(&p, &m, now - chrono::Duration::minutes(90));
    let report = p.dbctl(1, ["health", "--json"]).json();
    assert_eq!(check(&report, "backups.freshness")["status"], "warning");
    backdate(&p, &m, now - chrono::Duration::minutes(150));
    assert_eq!(check(&p.dbctl(2, ["health", "--json"]).json(), "backups.freshness")["status"], "critical");
    backdate(&p, &m, now);

    // The latest verify: passed, then failed.
    p.dbctl(0, ["backup", "verify", "latest"]);
    assert_eq!(check(&p.dbctl(0, ["health", "--json"]).json(), "backups.verify")["status"], "ok");
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    let mut bytes = std::fs::read(&artifact).unwrap();
    bytes[10] ^= 1;
    std::fs::write(&artifact, bytes).unwrap();
    p.dbctl(1, ["backup", "verify", "latest"]);
    let report = p.dbctl(2, ["health", "--json"]).json();
    assert_eq!(check(&report, "backups.verify")["status"], "critical");
    assert!(check(&report, "backups.verify")["message"].as_str().unwrap().contains("FAILED its verify"));

    // Prometheus: the newest backup's start and size.
    let prom = p.dbctl(2, ["health", "--format", "prometheus"]);
    assert!(prom.stdout.contains("dbctl_backup_last_success_timestamp_seconds "), "{}", prom.stdout);
    assert!(
        prom.stdout.contains(&format!("dbctl_backup_last_size_bytes {}\n", m["stored_bytes"])),
        "{}",
        prom.stdout
    );

    // A storage that does not answer is critical.
    let report = p
        .cmd()
        .args(["health", "--json"])
        .env("BACKUP_LOCAL", p.path().join("dbctl.toml"))
        .code(2)
        .run()
        .json();
    assert_eq!(check(&report, "backups.storage")["status"], "critical");
}

#[test]
fn a_short_password_is_masked_where_it_stands_alone_and_nowhere_else() {
    let pg = support::pg();
    pg.psql(
        "postgres",
        "DO $$ BEGIN CREATE ROLE redact_stg LOGIN PASSWORD 'stg'; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    );
    let dir = project();
    let url = pg.url("postgres").replace(&format!("postgres:{PG_PASSWORD}@"), "redact_stg:stg@");
    let out = dbctl(dir.path())
        .args(["health"])
        .env("DATABASE_URL", &url)
        .any_code("health's exit code is its worst check; the checks are asserted one by one")
        .run();
    // Before, every `stg` was masked: `PostgreSQL` became `Po***reSQL`, giving the password away.
    assert!(out.stdout.contains("PostgreSQL"), "{}", out.stdout);
    assert!(!out.stdout.contains("***reSQL") && !out.stderr.contains("***reSQL"), "{}", out.stdout);
    // A password with characters URLs do not allow unencoded never shows.
    let odd = "postgres://app:pa/ss?w#rd@127.0.0.1:1/app";
    let shown = dbctl(dir.path()).args(["config", "show"]).env("DATABASE_URL", odd).code(0).run();
    assert!(!shown.stdout.contains("pa/ss") && !shown.stdout.contains("w#rd"), "{}", shown.stdout);
    assert!(shown.stdout.contains("postgres://app:***@127.0.0.1:1/app"), "{}", shown.stdout);
}

#[test]
fn a_redis_or_postgres_that_never_answers_is_said_to_time_out_at_the_limit_given() {
    let port = free_port();
    // Accepts connections and never answers.
    let mut silent = std::process::Command::new("python3")
        .args([
            "-c",
            &format!(
                "import socket\ns = socket.socket()\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n\
                 s.bind(('127.0.0.1', {port}))\ns.listen(16)\nheld = []\nwhile True:\n    held.append(s.accept()[0])\n"
            ),
        ])
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(std::time::Instant::now() < deadline, "the silent server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let dir = project();
    std::fs::write(dir.path().join("db.sqlite3"), b"").unwrap();
    let out = dbctl(dir.path())
        .args(["--connect-timeout", "1s", "health", "--json"])
        .env("DATABASE_URL", dir.path().join("db.sqlite3"))
        .env("REDIS_URL", format!("redis://127.0.0.1:{port}/0"))
        .any_code("health's exit code is its worst check; the checks are asserted one by one")
        .run();
    // PostgreSQL too, below libpq's whole seconds (its minimum is 2 s).
    let pg_out = dbctl(dir.path())
        .args(["--connect-timeout", "500ms", "health", "--json"])
        .env("DATABASE_URL", format!("postgres://app:secret@127.0.0.1:{port}/app"))
        .any_code("health's exit code is its worst check; the checks are asserted one by one")
        .run();
    let _ = silent.kill();
    let _ = silent.wait();
    let report = out.json();
    let message = check(&report, "redis.connection")["message"].as_str().unwrap().to_string();
    assert!(message.contains("no answer within 1s"), "{message}");
    assert!(!message.contains("os error"), "{message}");
    let report = pg_out.code(2).no_secrets().json();
    let message = check(&report, "database.connection")["message"].as_str().unwrap().to_string();
    assert!(message.contains("no connection within 500ms"), "{message}");
}

#[test]
fn backups_made_into_the_default_directory_are_checked_and_their_time_is_a_time() {
    let p = crate::support::fixtures::seeded(crate::support::Backend::Sqlite, "health_default_dir");
    let m = p.dbctl(0, ["backup", "--json"]).json();
    // Nothing configured but the default directory, which now holds a backup: checked.
    let report = p.dbctl(3, ["health", "--json"]).json();
    assert_eq!(check(&report, "backups.storage")["status"], "ok", "{report:#}");
    assert_eq!(check(&report, "backups.freshness")["status"], "ok");
    let last = check(&report, "backups.last_success");
    assert_eq!(last["unit"], "timestamp");
    let started = chrono::DateTime::parse_from_rfc3339(m["started_at"].as_str().unwrap()).unwrap();
    assert_eq!(last["value"].as_f64().unwrap() as i64, started.timestamp());
    // People read a UTC time, and one duration format ("26h", not "26h 0m" or "1d 2h 0m").
    let human = p.dbctl(3, ["health", "--wide"]).stdout;
    let line = human.lines().find(|l| l.starts_with("backups.last_success")).expect(&human);
    assert!(line.contains(&started.format("%Y-%m-%d %H:%M:%S UTC").to_string()), "{line}");
    let freshness = human.lines().find(|l| l.starts_with("backups.freshness")).expect(&human);
    assert!(freshness.contains("at most 26h wanted"), "{freshness}");
}

#[test]
fn a_redis_loading_its_dataset_is_reported_as_loading_not_as_unreachable() {
    let data = tempfile::Builder::new().prefix("dbctl-test-redis-data-").tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let mut first = RedisServer::start_with(free_port(), &["--dir", dir]);
    first.cli("EVAL \"for i = 1, 200 do redis.call('SET', 'k' .. i, string.rep(i, 2000)) end\" 0");
    first.cli("SAVE");
    first.stop();
    // Loading 200 keys at 100 ms each, answering clients every KiB: LOADING for about 20 s.
    let slow = ["--key-load-delay", "100000", "--loading-process-events-interval-bytes", "1024"];
    let loading = RedisServer::start_with(free_port(), &[&["--dir", dir][..], &slow].concat());
    let p = crate::support::fixtures::seeded(crate::support::Backend::Sqlite, "health_redis_loading");
    let report = p.cmd().args(["health", "--json"]).env("REDIS_URL", loading.url()).code(2).run().json();
    assert_eq!(check(&report, "redis.connection")["status"], "ok", "{report:#}");
    assert_eq!(check(&report, "redis.loading")["status"], "critical");
    let message = check(&report, "redis.loading")["message"].as_str().unwrap();
    assert!(message.contains("% done"), "{message}");
}

/// `health --serve` against clients that never finish their request: each is closed once its
/// headers are late, at most a bounded number are held at once, and a probe gets its answer
/// (retried as a prober would, within a generous guard, since timings are not asserted here).
#[test]
fn half_sent_requests_do_not_starve_the_health_endpoint() {
    use std::io::{Read, Write};
    let p = crate::support::fixtures::seeded(support::Backend::Sqlite, "health_slow_clients");
    let mut server = p.cmd().args(["health", "--serve", "127.0.0.1:0"]).spawn();
    let (base, _rx) = support::fixtures::served_base(&mut server);
    let addr = base.trim_start_matches("http://").to_string();
    let mut slow = Vec::new();
    for _ in 0..300 {
        if let Ok(mut s) = std::net::TcpStream::connect(&addr) {
            let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            slow.push(s);
        }
    }
    let guard = std::time::Instant::now() + Duration::from_secs(60);
    let answered = loop {
        if let Ok(mut r) =
            ureq::get(&format!("{base}/healthz")).config().http_status_as_error(false).build().call()
        {
            break (r.status().as_u16(), r.body_mut().read_to_string().unwrap_or_default());
        }
        assert!(
            std::time::Instant::now() < guard,
            "the health endpoint never answered while slow clients held it"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(answered.0, 200, "{}", answered.1);
    // The slow clients are closed by the server, not kept forever.
    let first = &mut slow[0];
    first.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut buf = [0u8; 512];
    let closed = loop {
        match first.read(&mut buf) {
            Ok(0) => break true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                break false;
            }
            Err(_) => break true,
        }
    };
    assert!(closed, "a client that never finished its headers is still held");
    let _ = server.kill();
    let _ = server.wait();
}

/// A migration holds (or waits for) an exclusive lock on a table, as `ALTER TABLE` does: the
/// health checks do not queue behind it. `health` answers within its own time, and says which
/// check it could not make and why, instead of waiting as long as the migration takes.
#[test]
fn health_does_not_wait_behind_a_table_lock() {
    let p = crate::support::fixtures::seeded(support::Backend::Pg, "health_table_lock");
    p.dbctl(0, ["migrate"]);
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let holder = support::pg().hold_exclusive_lock(&db, "issues");
    let out = crate::support::fixtures::ended(
        p.cmd().args(["health", "--json"]).spawn(),
        "health waited behind the table lock",
    );
    let report: serde_json::Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    assert_eq!(check(&report, "database.connection")["status"], "ok", "{report:#}");
    // The largest tables are found without their locks: the dead-rows check is still made.
    assert_ne!(check(&report, "database.dead_tuples")["status"], "unknown", "{report:#}");
    drop(holder);
}
