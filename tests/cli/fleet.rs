//! Fleets: every database of a server in one run.

use crate::support::{Backend, PgCluster, Project, free_port};

/// Five databases with different owners on a cluster of their own (plus `postgres`); one is
/// dropped while the first is being dumped, so it fails mid-run.
#[test]
fn every_database_of_a_server_is_backed_up_and_one_failing_does_not_stop_the_others() {
    let cluster = PgCluster::init(free_port());
    cluster.start();
    for sql in [
        "CREATE ROLE app LOGIN",
        "CREATE ROLE reports LOGIN",
        "CREATE DATABASE d1 OWNER app",
        "CREATE DATABASE d2 OWNER reports",
        "CREATE DATABASE d3 OWNER app",
        "CREATE DATABASE d4",
        "CREATE DATABASE scratch_tmp",
        "CREATE DATABASE closed ALLOW_CONNECTIONS false",
    ] {
        cluster.psql("postgres", sql);
    }
    for (i, db) in ["d1", "d2", "d3", "d4"].iter().enumerate() {
        cluster.psql(db, &format!("CREATE TABLE t AS SELECT g FROM generate_series(1, {}) g", 100 * (i + 1)));
    }
    let p = Project::new(Backend::Pg, "fleet_all");
    // pg_dump, which drops d4 while it dumps d1, and fails on d1 once `d1.broken` exists.
    let real = crate::support::bin_of(15).join("pg_dump");
    let psql = crate::support::bin_of(15).join("psql");
    let wrapper = p.path().join("pg_dump");
    let broken = p.path().join("d1.broken");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\ncase \"$*\" in *127.0.0.1:{port}/d1*) [ -e {broken} ] && {{ echo 'pg_dump: d1 is broken' >&2; exit 1; }}; \
             {psql} -X -q -h 127.0.0.1 -p {port} -U postgres -d postgres \
             -c 'DROP DATABASE IF EXISTS d4' >&2 ;; esac\nexec {real} \"$@\"\n",
            port = cluster.port,
            psql = psql.display(),
            real = real.display(),
            broken = broken.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(crate::support::bin_of(15).join("pg_dumpall"), p.path().join("pg_dumpall"))
        .unwrap();
    std::fs::write(p.path().join("dbctl.toml"), format!("[backup]\npg_dump = \"{}\"\n", wrapper.display()))
        .unwrap();

    let out = p
        .cmd()
        .env("DATABASE_URL", cluster.url("postgres"))
        .args(["backup", "--all-databases", "--exclude", "scratch_*"])
        .code(1)
        .run();
    let row = |db: &str| {
        out.stdout
            .lines()
            .find(|l| l.starts_with(&format!("{db} ")))
            .unwrap_or_else(|| panic!("{db}: {}", out.stdout))
            .to_string()
    };
    assert!(row("d1").contains("ok ") && row("d1").contains("with the server's globals"), "{}", out.stdout);
    for db in ["d2", "d3", "postgres"] {
        assert!(row(db).contains("ok "), "{}", out.stdout);
    }
    assert!(
        row("d4").contains("FAILED") && row("d4").contains("does not exist"),
        "the dropped database: {}",
        out.stdout
    );
    // What is not backed up is listed, with why: an operator sees every database of the server.
    assert!(row("scratch_tmp").contains("skipped: excluded by --exclude scratch_*"), "{}", out.stdout);
    assert!(row("closed").contains("skipped: accepts no connections"), "{}", out.stdout);
    assert!(row("template1").contains("skipped: a template"), "{}", out.stdout);
    assert!(
        out.stdout.contains("4 of 5 databases backed up; 1 failed; 4 skipped (listed)"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("1 of 5 databases failed: d4"), "{}", out.stderr);

    // One manifest each, under each database's name; the list shows them.
    let list = p
        .cmd()
        .env("DATABASE_URL", cluster.url("postgres"))
        .args(["backup", "list", "--json"])
        .code(0)
        .run()
        .json();
    let mut dbs: Vec<&str> =
        list.as_array().unwrap().iter().map(|m| m["database"].as_str().unwrap()).collect();
    dbs.sort();
    assert_eq!(dbs, ["d1", "d2", "d3", "postgres"]);

    // Two at a time, as JSON; every database there now succeeds.
    let docs = p
        .cmd()
        .env("DATABASE_URL", cluster.url("postgres"))
        .args([
            "backup",
            "--all-databases",
            "--exclude",
            "scratch_*",
            "--exclude",
            "postgres",
            "--jobs",
            "2",
            "--json",
        ])
        .code(0)
        .run()
        .json();
    let names: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["skipped"].is_null())
        .map(|d| d["database"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["d1", "d2", "d3"]);
    assert!(docs.as_array().unwrap().iter().all(|d| d["ok"] == true), "{docs:#}");
    let skipped: Vec<(&str, &str)> = docs
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| Some((d["database"].as_str()?, d["skipped"].as_str()?)))
        .collect();
    assert!(skipped.contains(&("closed", "accepts no connections (datallowconn = false)")), "{docs:#}");
    assert!(skipped.contains(&("postgres", "excluded by --exclude postgres")), "{docs:#}");

    // The first database fails: the globals go with the next one's backup instead.
    std::fs::write(&broken, "").unwrap();
    let out = p
        .cmd()
        .env("DATABASE_URL", cluster.url("postgres"))
        .args(["backup", "--all-databases", "--exclude", "scratch_*", "--exclude", "postgres"])
        .code(1)
        .run();
    let row = |db: &str| out.stdout.lines().find(|l| l.starts_with(&format!("{db} "))).unwrap().to_string();
    assert!(row("d1").contains("FAILED") && row("d1").contains("d1 is broken"), "{}", out.stdout);
    assert!(row("d2").contains("with the server's globals"), "{}", out.stdout);
    assert!(!row("d3").contains("globals"), "once per run: {}", out.stdout);
    cluster.stop();
}

/// Every SQLite file of a directory, each its own backup; other files are left alone.
#[test]
fn every_sqlite_file_of_a_directory_is_backed_up() {
    let p = Project::new(Backend::Sqlite, "fleet_sqlite");
    let dir = p.path().join("tenants");
    std::fs::create_dir(&dir).unwrap();
    for name in ["acme.sqlite3", "globex.db", "initech.sqlite"] {
        let out = std::process::Command::new("sqlite3")
            .arg(dir.join(name))
            .arg("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2);")
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    std::fs::write(dir.join("notes.txt"), "not a database").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.join("planted.db")).unwrap();
    let out = p
        .cmd()
        .args(["backup", "--all-databases", dir.to_str().unwrap(), "--exclude", "initech"])
        .code(0)
        .run();
    assert!(out.stdout.contains("2 of 2 databases backed up"), "{}", out.stdout);
    let list = p.cmd().args(["backup", "list", "--json"]).code(0).run().json();
    let mut dbs: Vec<&str> =
        list.as_array().unwrap().iter().map(|m| m["database"].as_str().unwrap()).collect();
    dbs.sort();
    assert_eq!(dbs, ["acme", "globex"], "neither the symlink nor the excluded file");
}

/// A database and its server's roles moved from cluster A to a fresh cluster B: with its roles
/// (twice: the second run changes nothing), as a non-superuser who owns nothing of A's, and with
/// A's role renamed.
#[test]
fn a_database_moves_to_another_server_with_or_without_its_roles() {
    let a = PgCluster::init(free_port());
    a.start();
    let b = PgCluster::init(free_port());
    b.start();
    for sql in [
        "CREATE ROLE app LOGIN PASSWORD 'app-secret-1'",
        "CREATE ROLE reports",
        "GRANT reports TO app",
        "CREATE DATABASE shop OWNER app",
    ] {
        a.psql("postgres", sql);
    }
    a.psql(
        "shop",
        "SET ROLE app; CREATE TABLE orders (id int PRIMARY KEY, total numeric); \
         INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 50) g; \
         GRANT SELECT ON orders TO reports",
    );
    let p = Project::new(Backend::Pg, "fleet_move");
    let m = p
        .cmd()
        .env("DATABASE_URL", a.url("shop"))
        .args(["backup", "--globals", "--json"])
        .code(0)
        .run()
        .json();
    let id = m["id"].as_str().unwrap().to_string();
    let count = |c: &PgCluster, db: &str| {
        c.psql(db, "SELECT count(*) || ' ' || sum(total) FROM orders").trim().to_string()
    };
    let want = count(&a, "shop");
    let owner = |c: &PgCluster, db: &str| {
        c.psql(db, "SELECT tableowner FROM pg_tables WHERE tablename = 'orders'").trim().to_string()
    };
    let roles = |c: &PgCluster| {
        c.psql("postgres", "SELECT string_agg(rolname || ':' || rolcanlogin || ':' || coalesce(rolpassword, ''), ',' ORDER BY rolname) FROM pg_authid WHERE rolname IN ('app', 'reports', 'staging_app')")
    };

    // With the roles: created on B, then kept on the second run, which changes nothing.
    let restore = |args: &[&str]| {
        p.cmd().args(["restore", &id]).args(args).any_code("each call checks its exit code").run()
    };
    let out = restore(&["--to", &b.url("shop"), "--create", "--globals"]).code(0);
    let out = out.stderr_has("globals: created roles: app, reports");
    out.stderr_has("kept the existing roles as they are: postgres");
    assert_eq!(count(&b, "shop"), want);
    assert_eq!(owner(&b, "shop"), "app");
    assert_eq!(b.psql("shop", "SELECT has_table_privilege('reports', 'orders', 'SELECT')").trim(), "t");
    assert_eq!(b.psql("postgres", "SELECT pg_has_role('app', 'reports', 'MEMBER')").trim(), "t");
    let before = roles(&b);
    assert!(before.contains("app:true:SCRAM-SHA-256$"), "the password hash came along: {before}");
    restore(&["--to", &b.url("shop"), "--clean", "--globals", "--yes"])
        .code(0)
        .stderr_has("kept the existing roles as they are: app, postgres, reports");
    assert_eq!(roles(&b), before);
    assert_eq!(count(&b, "shop"), want);

    // As a non-superuser who owns the target and nothing else: --no-owner --no-acl.
    b.psql("postgres", "CREATE ROLE restorer LOGIN PASSWORD 'restorer-pw'");
    b.psql("postgres", "CREATE DATABASE shop_copy OWNER restorer");
    let as_restorer = format!("postgres://restorer:restorer-pw@127.0.0.1:{}/shop_copy", b.port);
    let refused = restore(&["--to", &as_restorer]).code(1);
    assert!(
        refused.stderr.contains("must be") || refused.stderr.contains("permission denied"),
        "{}",
        refused.stderr
    );
    restore(&["--to", &as_restorer, "--no-owner", "--no-acl"]).code(0);
    assert_eq!(count(&b, "shop_copy"), want);
    assert_eq!(owner(&b, "shop_copy"), "restorer");

    // A's app becomes staging_app on B.
    b.psql("postgres", "CREATE ROLE staging_app");
    restore(&["--to", &b.url("shop_staging"), "--create", "--role-map", "app=staging_app"]).code(0);
    assert_eq!(owner(&b, "shop_staging"), "staging_app");
    assert_eq!(count(&b, "shop_staging"), want);
    a.stop();
    b.stop();
}

/// `backup.from = "replica"`: the dump comes from a streaming replica of the primary while it is
/// healthy, and from the primary, with a warning, once it is stopped. Servers from `[[servers]]`
/// and from the applications' `REPLICATION_NODES`.
#[test]
fn backups_are_taken_from_a_healthy_replica() {
    let primary = PgCluster::init(free_port());
    primary.start();
    primary.psql("postgres", "CREATE DATABASE shop");
    primary.psql("shop", "CREATE TABLE t AS SELECT g FROM generate_series(1, 1000) g");
    primary.psql(
        "shop",
        "CREATE TABLE big AS SELECT g, md5(g::text) AS v FROM generate_series(1, 150000) g; ANALYZE",
    );
    let replica = PgCluster::replica_of(&primary, free_port());
    replica.start();
    let p = Project::new(Backend::Pg, "fleet_replica");
    std::fs::write(
        p.path().join("dbctl.toml"),
        format!(
            "[[servers]]\nname = \"main\"\nurl = \"{}\"\n\n[[servers]]\nname = \"main-ro\"\nurl = \"{}\"\nrole = \"replica\"\n",
            primary.url("postgres"),
            replica.url("postgres")
        ),
    )
    .unwrap();
    let backup = |extra: &[(&str, String)]| {
        let mut run = p.cmd().env("DATABASE_URL", primary.url("shop")).env("BACKUP_FROM", "replica");
        for (k, v) in extra {
            run = run.env(k, v);
        }
        run.args(["backup", "--json"]).code(0).run()
    };
    let out = backup(&[]);
    let out = out.stderr_has("dumping from replica main-ro");
    let m = out.json();
    assert_eq!(m["source"]["server"].as_str().unwrap(), format!("127.0.0.1:{}", replica.port), "{m:#}");
    assert_eq!(m["database"], "shop");

    // A dump in parts from the replica: the snapshot exported there, the large table cut into
    // ranges of its pages read there too; it restores on the primary with every row.
    let m = p
        .cmd()
        .env("DATABASE_URL", primary.url("shop"))
        .env("BACKUP_FROM", "replica")
        .args(["backup", "--jobs", "2", "--json"])
        .code(0)
        .run()
        .stderr_has("dumping from replica main-ro")
        .json();
    assert_eq!(m["source"]["server"].as_str().unwrap(), format!("127.0.0.1:{}", replica.port), "{m:#}");
    let ranges = m["parts"].as_array().unwrap().iter().filter(|p| p["table"] == "public.big").count();
    assert!(ranges >= 2, "{m:#}");
    primary.psql("postgres", "CREATE DATABASE shop_copy");
    p.cmd()
        .env("DATABASE_URL", primary.url("shop"))
        .args(["restore", "latest", "--jobs", "2", "--to", &primary.url("shop_copy")])
        .code(0)
        .run();
    let sums = |db: &str| {
        primary
            .psql(db, "SELECT count(*) || ' ' || sum(g) || ' ' || md5(string_agg(v, '' ORDER BY g)) FROM big")
    };
    assert_eq!(sums("shop_copy"), sums("shop"));

    // The same through REPLICATION_NODES, with the replica stopped: the primary, said so.
    std::fs::remove_file(p.path().join("dbctl.toml")).unwrap();
    replica.stop();
    let nodes = format!(
        r#"[{{"name": "pg-1", "url": "{}", "role": "primary"}}, {{"name": "pg-2", "url": "{}", "role": "replica"}}]"#,
        primary.url("shop"),
        replica.url("shop")
    );
    let out = backup(&[("REPLICATION_NODES", nodes)]);
    let out = out.stderr_has("no healthy replica to dump from (pg-2 does not answer");
    let out = out.stderr_has("dumping from the primary");
    let m = out.json();
    assert_eq!(m["source"]["server"].as_str().unwrap(), format!("127.0.0.1:{}", primary.port), "{m:#}");
    primary.stop();
}

/// Two servers in `[[servers]]`: one run backs up both (all of one's databases, one named of the
/// other's), health reports the fleet in one document with the worst status, `migrate --check`
/// checks each.
#[test]
fn all_servers_in_one_run() {
    let a = PgCluster::init(free_port());
    a.start();
    let b = PgCluster::init(free_port());
    b.start();
    for db in ["shop", "billing"] {
        a.psql("postgres", &format!("CREATE DATABASE {db}"));
    }
    for db in ["inventory", "scratch"] {
        b.psql("postgres", &format!("CREATE DATABASE {db}"));
    }
    let p = Project::new(Backend::Pg, "fleet_servers");
    p.migration("2024-01-01-000001_t", "CREATE TABLE t (x INTEGER);", None, None);
    std::fs::write(
        p.path().join("dbctl.toml"),
        format!(
            "[[servers]]\nname = \"eu\"\nurl = \"{}\"\ndatabases = \"all\"\n\n\
             [[servers]]\nname = \"us\"\nurl = \"{}\"\ndatabases = [\"inventory\"]\n",
            a.url("shop"),
            b.url("inventory")
        ),
    )
    .unwrap();
    let out = p.cmd().args(["--all-servers", "backup", "--exclude", "postgres"]).code(0).run();
    let rows: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| (l.starts_with("eu ") || l.starts_with("us ")) && !l.contains("skipped:"))
        .collect();
    assert_eq!(rows.len(), 3, "{}", out.stdout);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("eu ") && l.contains("postgres") && l.contains("skipped: excluded"))
    );
    assert!(
        rows[0].contains("billing") && rows[1].contains("shop") && rows[2].contains("inventory"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("SERVER") && out.stdout.contains("3 of 3 databases backed up"),
        "{}",
        out.stdout
    );
    // The list of one server: its backups only.
    let us = p.cmd().args(["--server", "us", "backup", "list", "--json"]).code(0).run().json();
    let dbs: Vec<&str> = us.as_array().unwrap().iter().map(|m| m["database"].as_str().unwrap()).collect();
    assert_eq!(dbs, ["inventory"]);

    // migrate --check per server: eu's shop gets the migration, us's inventory does not.
    p.cmd().args(["--server", "eu", "migrate"]).code(0).run();
    let check = p.cmd().args(["--all-servers", "migrate", "--check"]).code(10).run();
    assert!(check.stdout.contains("eu: migrate check: up to date"), "{}", check.stdout);
    assert!(check.stdout.contains("us: migrate check: PENDING (exit 10)"), "{}", check.stdout);

    // Health of the fleet; with us stopped, critical, and eu still reported.
    let report = p.cmd().args(["--all-servers", "health", "--json"]).health_report();
    let servers: std::collections::BTreeSet<&str> =
        report["checks"].as_array().unwrap().iter().filter_map(|c| c["server"].as_str()).collect();
    assert_eq!(servers.into_iter().collect::<Vec<_>>(), ["eu", "us"]);
    b.stop();
    let down = p.cmd().args(["--all-servers", "health", "--json"]).code(2).run().json();
    let connection = |server: &str| {
        down["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["server"] == server && c["name"] == "connection")
            .cloned()
            .unwrap()
    };
    assert_eq!(connection("us")["status"], "critical");
    assert_eq!(connection("eu")["status"], "ok");
    let prom = p
        .cmd()
        .args(["--all-servers", "health", "--format", "prometheus"])
        .any_code("health's exit code is its worst check; the checks are asserted one by one")
        .run()
        .stdout;
    assert!(prom.contains("check=\"connection\",server=\"us\"} 2"), "{prom}");
    // Commands that take one server say so.
    p.cmd()
        .args(["--all-servers", "seed"])
        .code(2)
        .run()
        .stderr_has("--all-servers works with backup, backup list, health and migrate --check");
    a.stop();
}

/// A Redis snapshot over the replication protocol, stored like any backup, written back as an RDB
/// file that a fresh redis-server loads with the same keys.
#[test]
fn redis_snapshots_round_trip() {
    // Both ways a server sends a snapshot: of a known length (from a file), and diskless (ended by
    // a mark).
    for diskless in ["no", "yes"] {
        redis_round_trip(diskless);
    }
}

fn redis_round_trip(diskless: &str) {
    let source = crate::support::RedisServer::start_with(
        free_port(),
        &["--repl-diskless-sync", diskless, "--repl-diskless-sync-delay", "0"],
    );
    source.cli("SET greeting hello");
    source.cli("HSET user:1 name Ada lang en");
    source.cli("RPUSH queue a b c");
    source.cli("SET counter 42");
    source.cli("EXPIRE counter 86400");
    let p = Project::new(Backend::Sqlite, "fleet_redis");
    let (key, recipient) = crate::support::fixtures::age_key(p.path());
    let m = p
        .cmd()
        .env("REDIS_URL", source.url())
        .args(["-v", "backup", "--redis", "--recipient", &recipient, "--json"])
        .code(0)
        .run();
    let sent = if diskless == "yes" { "sends a diskless snapshot" } else { "sends a snapshot of " };
    let m = m.stderr_has(sent).json();
    assert_eq!(m["backend"], "redis");
    assert!(m["artifact"].as_str().unwrap().ends_with(".rdb.gz.age"), "{m:#}");
    let id = m["id"].as_str().unwrap().to_string();
    p.cmd().args(["backup", "verify", &id, "-i", key.to_str().unwrap()]).code(0).run().stdout_has("ok");

    let dir = tempfile::tempdir().unwrap();
    let rdb = dir.path().join("dump.rdb");
    let out = p
        .cmd()
        .args(["restore", &id, "--to", rdb.to_str().unwrap(), "-i", key.to_str().unwrap()])
        .code(0)
        .run();
    out.stderr_has("to load it: stop redis-server");
    // An existing file is replaced only with --clean.
    p.cmd()
        .args(["restore", &id, "--to", rdb.to_str().unwrap(), "-i", key.to_str().unwrap()])
        .code(1)
        .run()
        .stderr_has("pass --clean to replace it");
    let restored = crate::support::RedisServer::start_with(
        free_port(),
        &["--dir", dir.path().to_str().unwrap(), "--dbfilename", "dump.rdb"],
    );
    let keys = |r: &crate::support::RedisServer| {
        let mut k: Vec<String> = r.cli("--scan").lines().map(str::to_string).collect();
        k.sort();
        k
    };
    assert_eq!(keys(&restored), keys(&source));
    assert_eq!(restored.cli("GET greeting"), "hello\n");
    assert_eq!(restored.cli("HGETALL user:1"), source.cli("HGETALL user:1"));
    assert_eq!(restored.cli("LRANGE queue 0 -1"), "a\nb\nc\n");
    assert!(restored.cli("TTL counter").trim().parse::<i64>().unwrap() > 0, "the expiry came along");
}

/// A snapshot over TLS (rediss://): the certificate checked against SSL_CERT_FILE's CA before
/// the password goes out, and refused from a CA not trusted.
#[test]
fn redis_snapshots_over_tls() {
    let ca = crate::support::TestCa::new();
    let server = crate::support::RedisServer::start_tls(free_port(), &ca);
    let cli = |args: &str| {
        let ca_file = ca.file("ca.pem");
        crate::support::fixtures::sh(&format!(
            "redis-cli --no-auth-warning --tls --cacert {} -a '{}' -p {} {args}",
            ca_file.display(),
            crate::support::REDIS_PASSWORD,
            server.port
        ))
    };
    cli("SET greeting over-tls");
    cli("RPUSH queue a b c");
    let p = Project::new(Backend::Sqlite, "fleet_redis_tls");
    let backup = |ca_file: &std::path::Path| {
        p.cmd()
            .env("REDIS_URL", server.tls_url())
            .env("SSL_CERT_FILE", ca_file)
            .args(["backup", "--redis", "--json"])
            .any_code("each call checks its exit code")
            .run()
    };
    let other = crate::support::TestCa::new();
    backup(&other.file("ca.pem")).code(1).stderr_has("TLS handshake with Redis").stderr_has("SSL_CERT_FILE");
    let m = backup(&ca.file("ca.pem")).code(0).json();
    let id = m["id"].as_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let rdb = dir.path().join("dump.rdb");
    p.cmd().args(["restore", &id, "--to", rdb.to_str().unwrap()]).code(0).run();
    let restored = crate::support::RedisServer::start_with(
        free_port(),
        &["--dir", dir.path().to_str().unwrap(), "--dbfilename", "dump.rdb"],
    );
    assert_eq!(restored.cli("GET greeting"), "over-tls\n");
    assert_eq!(restored.cli("LRANGE queue 0 -1"), "a\nb\nc\n");
    let listed = p.cmd().args(["backup", "list", "--json"]).code(0).run().json();
    assert_eq!(listed.as_array().unwrap().len(), 1, "the refused run stored nothing: {listed}");
}

/// Any engine through a command: `sqlite3 DB .dump` backed up and fed back to `sqlite3 NEW`; a
/// command that fails midway, or writes nothing, leaves nothing listed.
#[test]
fn other_engines_go_through_dump_and_restore_commands() {
    let p = Project::new(Backend::Sqlite, "fleet_command");
    let db = p.path().join("inventory.db");
    let out = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO items (name) VALUES ('bolt'), ('nut'), ('washer');")
        .output()
        .unwrap();
    assert!(out.status.success());
    let restored = p.path().join("copy.db");
    std::fs::write(
        p.path().join("dbctl.toml"),
        format!(
            "[backup]\ndump_command = \"sqlite3 {} .dump\"\ndump_name = \"inventory\"\n\n[restore]\ncommand = \"sqlite3 {}\"\n",
            db.display(),
            restored.display()
        ),
    )
    .unwrap();
    let m = p.cmd().args(["backup", "--dump-command", "--json"]).code(0).run().json();
    assert_eq!(
        (m["backend"].as_str(), m["database"].as_str(), m["dump_tool"].as_str()),
        (Some("command"), Some("inventory"), Some("sqlite3"))
    );
    let id = m["id"].as_str().unwrap().to_string();
    p.cmd().args(["restore", &id]).code(0).run().stdout_has("restored");
    let rows = std::process::Command::new("sqlite3")
        .arg(&restored)
        .arg("SELECT group_concat(name) FROM items")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&rows.stdout).trim(), "bolt,nut,washer");

    // Failing midway, and writing nothing: no backup is listed afterwards.
    for (command, why) in [
        (format!("sqlite3 {} .dump; exit 3", db.display()), "exited with status 3"),
        ("head -c 300000 /dev/urandom; kill -9 $$".to_string(), "was killed"),
        ("true".to_string(), "the dump is empty"),
    ] {
        p.cmd()
            .args(["backup", "--dump-command"])
            .env("BACKUP_DUMP_COMMAND", &command)
            .code(1)
            .run()
            .stderr_has(why);
    }
    let list = p.cmd().args(["backup", "list", "--json"]).code(0).run().json();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list:#}");
    let left: Vec<String> = std::fs::read_dir(p.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(left.len(), 2, "only the good backup and its manifest: {left:?}");
}

/// A Redis that answers RESP commands by `mode`: oversized or endless replies, endless newlines
/// after SYNC, or a snapshot larger than allowed.
const HOSTILE_REDIS: &str = r#"
import socket, threading, time
mode = sys.argv[1]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', 0))
s.listen(8)
print(s.getsockname()[1], flush=True)
def handle(c):
    f = c.makefile('rb')
    try:
        while True:
            line = f.readline()
            if not line:
                return
            if not line.startswith(b'*'):
                continue
            args = []
            for _ in range(int(line[1:])):
                f.readline()
                args.append(f.readline().strip().upper())
            cmd = args[0]
            if cmd == b'INFO':
                if mode == 'info-huge':
                    c.sendall(b'$100000000000\r\n'); time.sleep(60); return
                if mode == 'info-max':
                    c.sendall(b'$18446744073709551615\r\n'); time.sleep(60); return
                if mode == 'endless-line':
                    while True:
                        c.sendall(b'a' * 65536)
                info = b'# Server\r\nredis_version:7.2.0\r\n'
                c.sendall(b'$%d\r\n%s\r\n' % (len(info), info))
            elif cmd == b'SYNC':
                if mode == 'endless-newlines':
                    while True:
                        c.sendall(b'\n'); time.sleep(0.01)
                if mode == 'big':
                    c.sendall(b'$1000000000\r\n'); time.sleep(60); return
                if mode == 'diskless-big':
                    c.sendall(b'$EOF:' + b'x' * 40 + b'\r\n')
                    while True:
                        c.sendall(b'R' * 65536)
            else:
                c.sendall(b'+OK\r\n')
    except Exception:
        pass
while True:
    c, _ = s.accept()
    threading.Thread(target=handle, args=(c,), daemon=True).start()
"#;

/// `backup --redis` against a hostile server: every reply is bounded, arithmetic checked, a
/// snapshot capped, and SIGTERM acted on while the server sends newlines forever. Each ends in
/// a clear error (or the signal's exit code), never an abort, a panic or a hang, and stores nothing.
#[test]
fn a_hostile_redis_server_cannot_exhaust_or_hang_a_snapshot() {
    let p = Project::new(Backend::Sqlite, "fleet_hostile_redis");
    let stored = |p: &Project| {
        std::fs::read_dir(p.path().join("backups"))
            .map(|d| d.flatten().filter(|e| !e.file_name().to_string_lossy().starts_with('.')).count())
            .unwrap_or(0)
    };
    for (mode, said) in [
        ("info-huge", "answered INFO oddly"),
        ("info-max", "answered INFO oddly"),
        ("endless-line", "longer than 64 KiB"),
        ("big", "more than backup.redis_max_bytes"),
        ("diskless-big", "grew past backup.redis_max_bytes"),
    ] {
        let (mut server, port) = crate::support::python_server(HOSTILE_REDIS, &[mode]);
        let out = p
            .cmd()
            .args(["backup", "--redis", "--no-encryption"])
            .env("REDIS_URL", format!("redis://127.0.0.1:{port}/0"))
            .env("BACKUP_REDIS_MAX_BYTES", "1MiB")
            .code(1)
            .run();
        assert!(out.stderr.contains(said), "{mode}: {}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{mode}: {}", out.stderr);
        assert_eq!(stored(&p), 0, "{mode} stored nothing");
        let _ = server.kill();
        let _ = server.wait();
    }
    // Newlines forever after SYNC: SIGTERM ends it, with the signal's exit code.
    let (mut server, port) = crate::support::python_server(HOSTILE_REDIS, &["endless-newlines"]);
    let child = p
        .cmd()
        .args(["backup", "--redis", "--no-encryption"])
        .env("REDIS_URL", format!("redis://127.0.0.1:{port}/0"))
        .spawn();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    crate::support::fixtures::sh(&format!("kill -TERM {}", child.id()));
    let out = crate::support::Outcome::from(child.wait_with_output().unwrap());
    assert_eq!(out.code, 143, "{}", out.stderr);
    assert_eq!(stored(&p), 0);
    let _ = server.kill();
    let _ = server.wait();
}
