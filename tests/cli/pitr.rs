//! Point-in-time recovery through dbctl: a real cluster archiving its WAL with `dbctl wal push`
//! (local + S3, age recipients), a base backup by `backup --physical`, rows committed at three
//! moments, and `restore --physical --target-time` between the second and the third into a new
//! data directory that starts and holds exactly the first two; then the same across a timeline
//! switch (the restored copy promoted, archiving on, restored again).

use std::path::{Path, PathBuf};

use std::process::{Command, Stdio};

use crate::support::{
    PG_PASSWORD, PgCluster, S3_ACCESS_KEY, S3_SECRET_KEY, bin_of, free_port, running_as_root, s3,
};

/// A project directory the server's user can read and write (archive_command and
/// restore_command run as that user), with the applications' env block in its .env.
fn server_project(bucket: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::Builder::new().prefix("dbctl-test-pitr-").tempdir().unwrap();
    let key = dir.path().join("wal.key");
    let out = Command::new("age-keygen").arg("-o").arg(&key).stderr(Stdio::null()).output().unwrap();
    assert!(out.status.success());
    let recipient =
        String::from_utf8(Command::new("age-keygen").arg("-y").arg(&key).output().unwrap().stdout)
            .unwrap()
            .trim()
            .to_string();
    std::fs::write(
        dir.path().join(".env"),
        format!(
            "BACKUP_ENCRYPTION=true\nBACKUP_ENCRYPTION_KEY={recipient}\nBACKUP_COMPRESSION=true\nBACKUP_LOCAL=true\n\
             BACKUP_S3_BUCKET={bucket}\nBACKUP_S3_REGION=us-east-1\nBACKUP_S3_ACCESS_KEY={S3_ACCESS_KEY}\n\
             BACKUP_S3_SECRET_KEY={S3_SECRET_KEY}\n"
        ),
    )
    .unwrap();
    // Where S3 is comes from dbctl.toml (a project's .env may not send credentials elsewhere).
    std::fs::write(
        dir.path().join("dbctl.toml"),
        format!("[backup.s3]\nendpoint_url = \"{}\"\n", s3().endpoint()),
    )
    .unwrap();
    if running_as_root() {
        let ok = Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).status().unwrap();
        assert!(ok.success());
    }
    (dir, key, recipient)
}

/// dbctl as the server's user, in the project.
fn dbctl_as_server(project: &Path, args: &[&str]) -> std::process::Output {
    dbctl_as_server_env(project, &[], args)
}

/// `program` as the server's user (through runuser when the tests run as root).
fn as_server(program: &Path) -> Command {
    if running_as_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn dbctl_as_server_env(project: &Path, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut cmd = as_server(Path::new(env!("CARGO_BIN_EXE_dbctl")));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", project)
        .envs(env.iter().copied())
        .arg("-C")
        .arg(project)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn ok(out: std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dbctl failed: {stderr}");
    assert!(!stderr.contains(PG_PASSWORD) && !stderr.contains(S3_SECRET_KEY), "{stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn rows(port: u16) -> String {
    Server { port }.psql("SELECT string_agg(n::text, ',' ORDER BY n) FROM events").trim().to_string()
}

/// `restore --physical` of `project`'s backups into `dir`, as the server's user, with `more`.
fn restore_physical(project: &Path, url: &str, dir: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec!["--database-url", url, "restore", "--physical", "--pgdata", dir.to_str().unwrap()];
    args.extend_from_slice(more);
    dbctl_as_server(project, &args)
}

/// Stops a restored server (pg_ctl as its user).
fn stop(data: &Path) {
    let _ = as_server(&bin_of(15).join("pg_ctl"))
        .arg("-D")
        .arg(data)
        .args(["-m", "immediate", "stop"])
        .stdout(Stdio::null())
        .status();
}

#[test]
fn a_new_data_directory_recovers_to_a_second_between_two_commits() {
    let bucket = "dbctl-pitr";
    s3().create_bucket(bucket);
    let (project, key, _) = server_project(bucket);
    let project = project.path().to_path_buf();
    let cluster = PgCluster::init(free_port());
    cluster.configure(&format!(
        "archive_mode = on\narchive_command = '{} -C {} --quiet wal push %p'\narchive_timeout = 0",
        env!("CARGO_BIN_EXE_dbctl"),
        project.display()
    ));
    cluster.start();
    cluster.psql("postgres", "CREATE DATABASE shop");
    cluster.psql(
        "shop",
        "CREATE TABLE events (n int PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())",
    );
    let url = cluster.url("shop");
    let key_arg = key.to_str().unwrap();

    let m: serde_json::Value = serde_json::from_str(&ok(dbctl_as_server(
        &project,
        &["--database-url", &url, "backup", "--physical", "--json"],
    )))
    .unwrap();
    assert_eq!(m["dump_format"], "basebackup");
    assert_eq!(m["physical"]["timeline"], 1);
    assert!(m["artifact"].as_str().unwrap().ends_with(".base.tar.gz.age"), "{m:#}");
    let primary = Server { port: cluster.port };
    primary.commit(1);
    let t2 = primary.commit(2);
    let t3 = primary.commit(3);
    primary.archive_now();
    // Every segment went to both destinations, encrypted.
    let local: Vec<String> = std::fs::read_dir(project.join("backups/wal/00000001"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(local.iter().any(|n| n.ends_with(".zst.age")), "{local:?}");
    let keys = s3().keys(bucket);
    for n in local.iter().filter(|n| n.ends_with(".json")) {
        assert!(keys.contains(&format!("wal/00000001/{n}")), "{n} in S3: {keys:?}");
    }
    // health: archiving keeps up, and the recovery window runs from the base backup to now.
    let checks = health(&project, &url);
    let (status, message) = find(&checks, "wal.archiving");
    assert_eq!(status, "ok", "{message}");
    let (status, message) = find(&checks, "wal.window");
    assert!(status == "ok" && message.contains("point-in-time recovery to any second from"), "{message}");
    // A dump restore is not for a base backup: said, with the command that is.
    let out = dbctl_as_server(&project, &["--database-url", &url, "restore", m["id"].as_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("restore --physical"));

    // A target before the base backup ended cannot be reached from it: refused, nothing written.
    let early = "2020-01-01 00:00:00+00";
    for which in ["latest", m["id"].as_str().unwrap()] {
        let out = restore_physical(
            &project,
            &url,
            &project.join("early"),
            &[which, "--target-time", early, "-i", key_arg],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success()
                && (err.contains("before the recovery target") || err.contains("after the recovery target")),
            "{err}"
        );
        assert!(!project.join("early").exists());
    }

    // Between t2 and t3: a new data directory with rows 1 and 2, not 3.
    let target = primary.between(&t2, &t3);
    let data = project.join("restored");
    let port = free_port();
    let port_text = port.to_string();
    let said = ok(restore_physical(
        &project,
        &url,
        &data,
        &["latest", "--target-time", &target, "--start", &port_text, "-i", key_arg, "--archive"],
    ));
    assert!(said.contains("recovered to"), "{said}");
    assert_eq!(rows(port), "1,2");

    // A timeline switch: the restored copy was promoted (timeline 2) and archives to the same
    // place; rows 4 and 5 on it, a restore to between them follows timeline 2.
    let copy = Server { port };
    let t4 = copy.commit(4);
    let t5 = copy.commit(5);
    copy.archive_now();
    assert!(project.join("backups/wal/00000002/00000002.history.json").is_file());
    let target = copy.between(&t4, &t5);
    stop(&data);
    let again = project.join("again");
    let port2 = free_port();
    let port_text = port2.to_string();
    ok(restore_physical(
        &project,
        &url,
        &again,
        &["latest", "--target-time", &target, "--start", &port_text, "-i", key_arg],
    ));
    assert_eq!(rows(port2), "1,2,4");
    stop(&again);

    // A non-empty directory is refused without --clean, and nothing in it is touched.
    let out = restore_physical(&project, &url, &again, &["latest", "-i", key_arg]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not empty"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(again.join("PG_VERSION").is_file());
    cluster.stop();
}

/// A server of the test (the primary, the promoted copy), reached over TCP.
struct Server {
    port: u16,
}

impl Server {
    fn psql(&self, sql: &str) -> String {
        crate::support::psql_at(self.port, "shop", sql)
    }

    fn commit(&self, n: i32) -> String {
        self.psql(&format!("INSERT INTO events (n) VALUES ({n})"));
        let at = self.psql(&format!("SELECT at FROM events WHERE n = {n}")).trim().to_string();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        at
    }

    fn between(&self, a: &str, b: &str) -> String {
        self.psql(&format!("SELECT '{a}'::timestamptz + ('{b}'::timestamptz - '{a}'::timestamptz) / 2"))
            .trim()
            .to_string()
    }

    fn archive_now(&self) {
        let before: i64 = self.psql("SELECT archived_count FROM pg_stat_archiver").trim().parse().unwrap();
        self.psql("SELECT pg_switch_wal()");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while self.psql("SELECT archived_count FROM pg_stat_archiver").trim().parse::<i64>().unwrap()
            <= before
        {
            assert!(std::time::Instant::now() < deadline, "the promoted copy did not archive");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

/// What cannot be recovered is refused with the reason, never waited for: a server without WAL
/// archiving, and one whose archive_command fails (a base backup would wait for its WAL to be
/// archived forever). A planted base backup whose tar leaves the data directory is refused and
/// leaves nothing.
#[test]
fn base_backups_that_cannot_be_recovered_are_refused() {
    let bucket = "dbctl-pitr-refused";
    s3().create_bucket(bucket);
    let (project, key, _) = server_project(bucket);
    let project = project.path().to_path_buf();
    let cluster = PgCluster::init(free_port());
    cluster.start();
    let url = cluster.url("postgres");
    let stored = || -> Vec<String> {
        std::fs::read_dir(project.join("backups"))
            .map(|d| {
                d.map(|e| e.unwrap().file_name().into_string().unwrap())
                    .filter(|n| n.contains("base"))
                    .collect()
            })
            .unwrap_or_default()
    };

    let out = dbctl_as_server(&project, &["--database-url", &url, "backup", "--physical"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("archive_mode = off"), "{err}");

    // Archiving that fails: the backup stops after the stall timeout with the reason.
    cluster.stop();
    cluster.configure("archive_mode = on\narchive_command = 'false'");
    cluster.start();
    let mut started = std::time::Instant::now();
    let out = dbctl_as_server_env(
        &project,
        &[("BACKUP_STALL_TIMEOUT", "3s")],
        &["--database-url", &url, "backup", "--physical"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("WAL archiving has failed"), "{err}");
    assert!(err.contains("nothing was stored"), "{err}");
    assert!(stored().is_empty(), "{:?}", stored());
    assert!(started.elapsed() < std::time::Duration::from_secs(120));
    // The next attempt is refused at once while the archiver still fails.
    started = std::time::Instant::now();
    let out = dbctl_as_server(&project, &["--database-url", &url, "backup", "--physical"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("archiving is failing"));
    let (status, message) = find(&health(&project, &url), "wal.archiving");
    assert!(status == "critical" && message.contains("archive_command is failing"), "{message}");
    assert!(started.elapsed() < std::time::Duration::from_secs(60));

    // Archiving through dbctl: a base backup, then a planted one beside it.
    cluster.psql(
        "postgres",
        &format!(
            "ALTER SYSTEM SET archive_command = '{} -C {} --quiet wal push %p'",
            env!("CARGO_BIN_EXE_dbctl"),
            project.display()
        ),
    );
    cluster.psql("postgres", "SELECT pg_reload_conf()");
    std::thread::sleep(std::time::Duration::from_secs(2));
    let m: serde_json::Value = serde_json::from_str(&ok(dbctl_as_server(
        &project,
        &[
            "--database-url",
            &url,
            "backup",
            "--physical",
            "--no-encryption",
            "--compression",
            "none",
            "--json",
        ],
    )))
    .unwrap();
    let dir = project.join("backups");
    let (id, planted_id) = (m["id"].as_str().unwrap().to_string(), "e71100");
    let artifact = m["artifact"].as_str().unwrap().replace(&id, planted_id);
    let tar = dir.join(&artifact);
    let out = Command::new("python3")
        .arg("-c")
        .arg(
            "import io, sys, tarfile\n\
             t = tarfile.open(sys.argv[1], 'w', format=tarfile.USTAR_FORMAT)\n\
             for name in ['backup_label', '../../escaped']:\n\
             \x20   data = b'START WAL LOCATION: 0/2000028 (file 000000010000000000000002)\\n'\n\
             \x20   info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))\n\
             t.close()\n",
        )
        .arg(&tar)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&tar).unwrap();
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&bytes))
    };
    let mut planted = m.clone();
    for (k, v) in [
        ("id", serde_json::json!(planted_id)),
        ("artifact", serde_json::json!(artifact)),
        ("stored_bytes", serde_json::json!(bytes.len())),
        ("uncompressed_bytes", serde_json::json!(bytes.len())),
        ("sha256", serde_json::json!(sha)),
    ] {
        planted[k] = v;
    }
    for k in ["location", "destinations", "seconds"] {
        planted.as_object_mut().unwrap().remove(k);
    }
    std::fs::write(dir.join(format!("{artifact}.manifest.json")), serde_json::to_vec(&planted).unwrap())
        .unwrap();
    if running_as_root() {
        Command::new("chown").args(["-R", "postgres:postgres"]).arg(&dir).status().unwrap();
    }
    let target = project.join("target-dir");
    let out = restore_physical(&project, &url, &target, &[planted_id, "-i", key.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("leaves the data directory"), "{err}");
    assert!(!target.exists(), "nothing is left of the failed restore");
    assert!(!project.join("escaped").exists() && !project.parent().unwrap().join("escaped").exists());
    // The genuine one restores (without starting it), between the restore hooks.
    let toml = project.join("dbctl.toml");
    let mut config = std::fs::read_to_string(&toml).unwrap();
    config
        .push_str("\n[restore]\nafter = \"echo $DBCTL_EVENT $DBCTL_STATUS $DBCTL_BACKUP_ID >> hooks.txt\"\n");
    std::fs::write(&toml, config).unwrap();
    let out = ok(restore_physical(&project, &url, &target, &[&id]));
    assert!(out.contains("pg_ctl -D"), "{out}");
    assert!(target.join("PG_VERSION").is_file() && target.join("recovery.signal").is_file());
    let hooks = std::fs::read_to_string(project.join("hooks.txt")).unwrap_or_default();
    assert_eq!(hooks.trim(), format!("restore success {id}"));
    let auto = std::fs::read_to_string(target.join("postgresql.auto.conf")).unwrap();
    assert!(auto.contains("--quiet wal fetch %f %p") && auto.contains("archive_mode = 'off'"), "{auto}");

    // backup.physical_schedule: a line of its own from `schedule install`, and base backups
    // between the dumps' slots from `schedule run`.
    let schedules = [("BACKUP_SCHEDULE", "0 2 * * *"), ("BACKUP_PHYSICAL_SCHEDULE", "0 3 * * 0")];
    let out = dbctl_as_server_env(
        &project,
        &schedules,
        &["--database-url", &url, "schedule", "install", "--cron", "--no-env-file"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("0 3 * * 0 ") && l.contains("backup --physical --prune")),
        "{text}"
    );
    let before = stored().len();
    let child = as_server(Path::new(env!("CARGO_BIN_EXE_dbctl")))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &project)
        .env("BACKUP_SCHEDULE", "@every 1h")
        .env("BACKUP_PHYSICAL_SCHEDULE", "@every 2s")
        .arg("-C")
        .arg(&project)
        .args(["--database-url", &url, "--log-format", "json", "schedule", "run"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while stored().len() < before + 2 {
        assert!(std::time::Instant::now() < deadline, "no scheduled base backup: {:?}", stored());
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // Stopped as a service manager stops it: SIGTERM to dbctl itself (runuser's child when root).
    let pid = if running_as_root() {
        let out = Command::new("pgrep").args(["-P", &child.id().to_string()]).output().unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    } else {
        child.id().to_string()
    };
    assert!(!pid.is_empty() && !pid.contains('\n'), "dbctl's pid: {pid:?}");
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    let out = crate::support::Outcome::from(child.wait_with_output().unwrap());
    assert_eq!(out.code, 0, "the scheduler stops cleanly on SIGTERM: {}", out.stderr);
    let made = out.events("base_backup");
    assert!(
        made.iter().any(|l| l["fields"]["result"] == "made" && l["fields"]["physical"]["timeline"] == 1),
        "{}",
        out.stdout
    );
    // health judges the newest base backup against backup.physical_schedule.
    let (status, message) =
        find(&health_env(&project, &url, &[("BACKUP_PHYSICAL_SCHEDULE", "0 3 * * 0")]), "wal.base_backup");
    assert!(status == "ok" && message.contains("0 slots"), "{message}");
    cluster.stop();
}

/// `health --json` of the project's database, as the server's user.
fn health(project: &Path, url: &str) -> serde_json::Value {
    health_env(project, url, &[])
}

fn health_env(project: &Path, url: &str, env: &[(&str, &str)]) -> serde_json::Value {
    let out = dbctl_as_server_env(project, env, &["--database-url", url, "health", "--json"]);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)))
}

/// The status and message of check `id` (`component.name`) in a health report.
fn find(report: &serde_json::Value, id: &str) -> (String, String) {
    let checks = report["checks"].as_array().unwrap_or_else(|| panic!("{report:#}"));
    let c = checks
        .iter()
        .find(|c| format!("{}.{}", c["component"].as_str().unwrap(), c["name"].as_str().unwrap()) == id)
        .unwrap_or_else(|| panic!("no {id} in {report:#}"));
    (c["status"].as_str().unwrap().to_string(), c["message"].as_str().unwrap().to_string())
}
