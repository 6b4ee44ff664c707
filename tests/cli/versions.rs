//! Every PostgreSQL from 14 to 18, each a real server with its own programs: migrate, seed,
//! health, backup and restore on each, with every newer client installed beside it; the upgrade
//! path from 15 to 18; and a newer server's dump into an older one. One focused group, so that
//! the matrix costs four cluster starts, not the whole suite four times.

use std::path::{Path, PathBuf};

use crate::support::fixtures::FINGERPRINT_SQL;
use crate::support::{PgCluster, bin_of, dbctl, free_port, project};

/// `dbctl` in `dir` against database `db` of `cluster`, with every version's programs to choose
/// from (`backup.pg_bin_dir`: the cache's pg/N/bin, and Debian's 15).
fn run(dir: &Path, cluster: &PgCluster, db: &str, args: &[&str]) -> crate::support::Outcome {
    let all: PathBuf = bin_of(16).parent().unwrap().parent().unwrap().to_path_buf();
    dbctl(dir)
        .args(args)
        .env("DATABASE_URL", cluster.url(db))
        .env("DBCTL_PG_BIN_DIR", &all)
        .env("BACKUP_LOCAL", dir.join("backups"))
        .any_code("each call checks its exit code")
        .run()
}

#[test]
fn every_major_from_14_to_18_backs_up_restores_and_upgrades() {
    let dir = project();
    // The example app's migrations and seeds.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::support::fixtures::sh(&format!(
        "cp -r {}/migrations {}/seeds {}/",
        root.display(),
        root.display(),
        dir.path().display()
    ));
    let mut clusters = Vec::new();
    let mut backups = Vec::new();
    for major in [14u32, 15, 16, 17, 18] {
        let c = PgCluster::init_version(major, free_port());
        c.start();
        c.psql("postgres", "CREATE DATABASE app");
        run(dir.path(), &c, "app", &["migrate"]).code(0);
        run(dir.path(), &c, "app", &["--env", "dev", "seed"]).code(0);
        let health = run(dir.path(), &c, "app", &["health", "--json"]).json();
        let version =
            health["checks"].as_array().unwrap().iter().find(|k| k["name"] == "version").unwrap().clone();
        assert!(version["value"].as_str().unwrap().starts_with(&format!("{major}.")), "{version}");
        // The database's and the migrations' checks (the catalogue queries) are ok on each major.
        for check in health["checks"].as_array().unwrap() {
            if check["component"] == "database" || check["component"] == "migrations" {
                assert_eq!(check["status"], "ok", "PostgreSQL {major}: {check}");
            }
        }
        run(dir.path(), &c, "app", &["migrate", "--check"]).code(0);
        // studio-lite's catalogue queries: the tables, a table, its schema, the console.
        let studio = crate::studio::Studio::launch(
            dbctl(dir.path())
                .args(["studio-lite", "--port", "0", "--allow-superuser"])
                .env("DATABASE_URL", c.url("app")),
        );
        for page in ["/", "/t/public/issues", "/t/public/issues/schema"] {
            let got = studio.get(page);
            assert_eq!(got.status, 200, "PostgreSQL {major} {page}: {}", got.body);
            assert!(got.body.contains("issues"), "PostgreSQL {major} {page}");
        }
        drop(studio);

        // The server's own pg_dump, though newer ones are there too.
        let m = run(dir.path(), &c, "app", &["backup", "--json", "--no-encryption"]).code(0).json();
        assert!(m["dump_tool"].as_str().unwrap().starts_with(&format!("pg_dump {major}.")), "{m}");
        assert!(m["server_version"].as_str().unwrap().starts_with(&format!("{major}.")), "{m}");
        let listed = run(dir.path(), &c, "app", &["restore", m["id"].as_str().unwrap(), "--list", "--json"])
            .code(0)
            .json();
        assert_eq!(listed["dump_tool"], m["dump_tool"]);
        assert_eq!(listed["server_version"], m["server_version"]);
        let before = (c.schema("app", &[]), c.psql("app", FINGERPRINT_SQL));
        c.psql("app", "DELETE FROM issue_relations; DELETE FROM issue_labels; DELETE FROM issues");
        let out = run(
            dir.path(),
            &c,
            "app",
            &["restore", m["id"].as_str().unwrap(), "--clean", "--no-safety-backup"],
        );
        out.code(0);
        assert_eq!((c.schema("app", &[]), c.psql("app", FINGERPRINT_SQL)), before, "PostgreSQL {major}");
        backups.push((major, m["id"].as_str().unwrap().to_string(), before.1));
        clusters.push(c);
    }

    // The upgrade path: 15's backup into a new database on 18.
    let at = |major: u32| backups.iter().position(|(m, _, _)| *m == major).unwrap();
    let (c15, c18) = (&clusters[at(15)], &clusters[at(18)]);
    let (_, id15, fingerprint15) = &backups[at(15)];
    let target = c18.url("app_from_15");
    run(dir.path(), c15, "app", &["restore", id15, "--to", &target, "--create"]).code(0);
    assert_eq!(&c18.psql("app_from_15", FINGERPRINT_SQL), fingerprint15);
    // What the upgraded database has, dbctl's checks agree with.
    run(dir.path(), c18, "app_from_15", &["migrate", "--check"]).code(0);

    // A 17 dump into 16: refused up front, then forced, with what was left out said.
    let c16 = &clusters[at(16)];
    let (_, id17, fingerprint17) = &backups[at(17)];
    let into16 = c16.url("app_from_17");
    let refused = run(dir.path(), c16, "app", &["restore", id17, "--to", &into16, "--create"]);
    refused.code(2).stderr_has("taken from PostgreSQL 17").stderr_has("--force");
    let forced = run(dir.path(), c16, "app", &["restore", id17, "--to", &into16, "--create", "--force"]);
    forced.code(0).stderr_has("transaction_timeout");
    assert_eq!(&c16.psql("app_from_17", FINGERPRINT_SQL), fingerprint17);

    // A bare file of pg_dump 18 (no manifest): its header names the server; refused by 16 too.
    let c18 = &clusters[at(18)];
    let bare = dir.path().join("from18.sql");
    let out = std::process::Command::new(c18.bin.join("pg_dump"))
        .args(["-h", "127.0.0.1", "-U", "postgres", "-p", &c18.port.to_string(), "-f"])
        .arg(&bare)
        .arg("app")
        .env("PGPASSWORD", crate::support::PG_PASSWORD)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let into16 = c16.url("app_from_18");
    run(dir.path(), c16, "app", &["restore", bare.to_str().unwrap(), "--to", &into16, "--create"])
        .code(2)
        .stderr_has("taken from PostgreSQL 18");
    // A bare custom archive of pg_dump 17: its header says so; pg_restore 17 lists it, and 16
    // refuses it.
    let c17 = &clusters[at(17)];
    let archive = dir.path().join("from17.dump");
    let out = std::process::Command::new(c17.bin.join("pg_dump"))
        .args(["-Fc", "-h", "127.0.0.1", "-U", "postgres", "-p", &c17.port.to_string(), "-f"])
        .arg(&archive)
        .arg("app")
        .env("PGPASSWORD", crate::support::PG_PASSWORD)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    run(dir.path(), c16, "app", &["restore", archive.to_str().unwrap(), "--list"])
        .code(0)
        .stdout_has("issues");
    run(
        dir.path(),
        c16,
        "app",
        &["restore", archive.to_str().unwrap(), "--to", &c16.url("app_from_17c"), "--create"],
    )
    .code(2)
    .stderr_has("taken from PostgreSQL 17");
    // Refused before anything was made: no database was created.
    assert_eq!(
        c16.psql("postgres", "SELECT count(*) FROM pg_database WHERE datname = 'app_from_18'").trim(),
        "0"
    );
}
