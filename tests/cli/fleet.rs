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
    // pg_dump, which drops d4 while it dumps d1.
    let real = crate::support::bin_of(15).join("pg_dump");
    let psql = crate::support::bin_of(15).join("psql");
    let wrapper = p.path().join("pg_dump");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\ncase \"$*\" in *127.0.0.1:{port}/d1*) {psql} -X -q -h 127.0.0.1 -p {port} -U postgres -d postgres \
             -c 'DROP DATABASE d4' >&2 ;; esac\nexec {real} \"$@\"\n",
            port = cluster.port,
            psql = psql.display(),
            real = real.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(crate::support::bin_of(15).join("pg_dumpall"), p.path().join("pg_dumpall")).unwrap();
    std::fs::write(p.path().join("dbctl.toml"), format!("[backup]\npg_dump = \"{}\"\n", wrapper.display()))
        .unwrap();

    let out = p
        .cmd()
        .env("DATABASE_URL", cluster.url("postgres"))
        .args(["backup", "--all-databases", "--exclude", "scratch_*"])
        .run()
        .no_secrets()
        .code(1);
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
    assert!(row("d4").contains("FAILED") && row("d4").contains("d4"), "{}", out.stdout);
    assert!(!out.stdout.contains("scratch_tmp") && !out.stdout.contains("closed"), "{}", out.stdout);
    assert!(out.stdout.contains("4 of 5 database(s) backed up; 1 failed"), "{}", out.stdout);
    assert!(out.stderr.contains("1 of 5 database(s) failed: d4"), "{}", out.stderr);

    // One manifest each, under each database's name; the list shows them.
    let list = p
        .cmd()
        .env("DATABASE_URL", cluster.url("postgres"))
        .args(["backup", "list", "--json"])
        .run()
        .code(0)
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
        .run()
        .no_secrets()
        .code(0)
        .json();
    let names: Vec<&str> = docs.as_array().unwrap().iter().map(|d| d["database"].as_str().unwrap()).collect();
    assert_eq!(names, ["d1", "d2", "d3"]);
    assert!(docs.as_array().unwrap().iter().all(|d| d["ok"] == true), "{docs:#}");
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
        .run()
        .no_secrets()
        .code(0);
    assert!(out.stdout.contains("2 of 2 database(s) backed up"), "{}", out.stdout);
    let list = p.cmd().args(["backup", "list", "--json"]).run().code(0).json();
    let mut dbs: Vec<&str> =
        list.as_array().unwrap().iter().map(|m| m["database"].as_str().unwrap()).collect();
    dbs.sort();
    assert_eq!(dbs, ["acme", "globex"], "neither the symlink nor the excluded file");
}
