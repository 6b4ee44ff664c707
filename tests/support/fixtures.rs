//! Fixtures several test files share: keys, seeded projects, fake tools, S3 projects.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Backend, Outcome, Project, Run, S3_ACCESS_KEY, S3_SECRET_KEY, s3};

/// An age key pair made by the stock age-keygen: (identity file, recipient).
pub fn age_key(dir: &Path) -> (PathBuf, String) {
    let key = dir.join("backup-key.txt");
    let out =
        Command::new("age-keygen").arg("-o").arg(&key).output().expect("age-keygen (apt-get install -y age)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = Command::new("age-keygen").arg("-y").arg(&key).output().unwrap();
    (key, String::from_utf8(r.stdout).unwrap().trim().to_string())
}

/// A project with the example schema and its demo data.
pub fn seeded(backend: Backend, name: &str) -> Project {
    let p = Project::new(backend, name);
    p.example_migrations();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for set in ["common", "dev"] {
        let dir = p.path().join("seeds").join(set);
        std::fs::create_dir_all(&dir).unwrap();
        for e in std::fs::read_dir(src.join(set)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
    }
    p.dbctl(0, ["migrate"]);
    p.dbctl(0, ["--env", "dev", "seed"]);
    p
}

/// Files in the backup directory, hidden ones (temporaries, locks) apart.
pub fn stored(p: &Project) -> Vec<String> {
    let dir = p.path().join("backups");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| d.map(|e| e.unwrap().file_name().into_string().unwrap()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

pub fn visible(names: &[String]) -> Vec<&String> {
    names.iter().filter(|n| !n.ends_with("-lock")).collect()
}

/// Runs a shell pipeline and asserts it succeeded.
/// Waits for `child` to end, at most 60 s (a guard against a hang, not a measure): past that it
/// is killed and the test fails with `hung`.
pub fn ended(child: std::process::Child, hung: &str) -> crate::support::Outcome {
    let pid = child.id();
    let guard = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let waiter = std::thread::spawn(move || child.wait_with_output());
    while !waiter.is_finished() {
        if std::time::Instant::now() > guard {
            sh(&format!("kill -9 {pid}"));
            panic!("dbctl {pid}: {hung}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    crate::support::Outcome::from(waiter.join().unwrap().unwrap())
}

pub fn sh(script: &str) -> String {
    let out = Command::new("sh").args(["-c", script]).stdin(Stdio::null()).output().unwrap();
    assert!(out.status.success(), "`{script}` failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

pub const FINGERPRINT_SQL: &str = "SELECT (SELECT count(*) FROM users) || '/' || (SELECT count(*) FROM issues) || '/' || \
    (SELECT count(*) FROM role_permissions) || '/' || (SELECT string_agg(title, ',' ORDER BY number) FROM issues)";

/// Configures the project with a pg_dump that starts a dump and then hangs; returns the file its
/// pid will be written to.
pub fn slow_pg_dump(p: &Project) -> PathBuf {
    let pid_file = p.path().join("fake.pid");
    fake_pg_dump(
        p,
        "15.99",
        &format!("echo $$ > {}; echo '-- start of a long dump'; exec sleep 30", pid_file.display()),
    );
    pid_file
}

/// Sends SIGTERM to `child` once the fake pg_dump wrote its pid to `pid_file`, and waits.
pub fn term_once_started(child: std::process::Child, pid_file: &Path) -> Outcome {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !pid_file.exists() {
        assert!(std::time::Instant::now() < deadline, "the fake pg_dump never started");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    sh(&format!("kill -TERM {}", child.id()));
    Outcome::from(child.wait_with_output().unwrap()).no_secrets()
}

/// Whether the process whose pid is in `pid_file` still runs.
pub fn still_running(pid_file: &Path) -> bool {
    let pid = std::fs::read_to_string(pid_file).unwrap().trim().to_string();
    Command::new("kill").args(["-0", &pid]).stderr(Stdio::null()).status().unwrap().success()
}

/// A project that backs up to its own bucket on the shared S3 server.
pub fn s3_project<'a>(p: &'a Project, bucket: &str) -> impl Fn(&[&str]) -> Run + 'a {
    s3().create_bucket(bucket);
    let bucket = bucket.to_string();
    move |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("BACKUP_S3_BUCKET", &bucket)
            .env("AWS_ENDPOINT_URL", s3().endpoint())
            .env("BACKUP_S3_REGION", "us-east-1")
            .env("BACKUP_S3_ACCESS_KEY", S3_ACCESS_KEY)
            .env("BACKUP_S3_SECRET_KEY", S3_SECRET_KEY)
    }
}

/// Configures the project (its dbctl.toml) to use a fake pg_dump that reports `version` and runs
/// the shell `body`; returns the fake's path.
pub fn fake_pg_dump(p: &Project, version: &str, body: &str) -> PathBuf {
    let path = p.path().join("fake_pg_dump");
    std::fs::write(
        &path,
        format!("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'pg_dump (PostgreSQL) {version}'; exit 0; fi\n{body}\n"),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::write(p.path().join("dbctl.toml"), format!("[backup]\npg_dump = \"{}\"\n", path.display()))
        .unwrap();
    path
}

/// A project whose database dumps to well past 256 KiB, and a 256 KiB tmpfs (root only, as the CI
/// runs) for `run` to fill; returns what `run` returned and the names left on the little disk.
pub fn on_a_tiny_disk<T>(name: &str, run: impl FnOnce(&Project, &Path) -> T) -> (T, Vec<String>) {
    assert!(
        std::fs::read_to_string("/proc/self/status").unwrap().lines().any(|l| l.starts_with("Uid:\t0\t")),
        "this test mounts a small tmpfs and needs root (as the CI runs)"
    );
    let p = seeded(Backend::Pg, name);
    p.sql("CREATE TABLE filler AS SELECT g AS id, md5(g::text) || md5((g * 7)::text) AS junk FROM generate_series(1, 40000) g");
    let small = p.path().join("small");
    std::fs::create_dir(&small).unwrap();
    sh(&format!("mount -t tmpfs -o size=256k,mode=0700 tmpfs {}", small.display()));
    let result = run(&p, &small);
    let left: Vec<String> =
        std::fs::read_dir(&small).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    sh(&format!("umount {}", small.display()));
    (result, left)
}

/// The base URL (`http://127.0.0.1:PORT`) a `--serve` process says it listens on, and the rest of
/// its stderr, read on a thread that keeps draining it.
pub fn served_base(child: &mut std::process::Child) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::BufRead;
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = loop {
        let line =
            rx.recv_timeout(std::time::Duration::from_secs(20)).expect("the server says where it listens");
        if line.starts_with("serving health on") {
            break line;
        }
    };
    let base = first.split_whitespace().find(|w| w.starts_with("http://")).unwrap().trim_end_matches('/');
    (base.to_string(), rx)
}

/// GET `base` + `path`: the status and the body, whatever the status.
pub fn http_get(base: &str, path: &str) -> (u16, String) {
    let mut r =
        ureq::get(&format!("{base}{path}")).config().http_status_as_error(false).build().call().unwrap();
    (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
}

/// The check `id` (`component.name`, e.g. `database.connection`) of a `health --json` report.
pub fn health_check<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    let (component, name) = id.split_once('.').unwrap();
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == component && c["name"] == name)
        .unwrap_or_else(|| panic!("no check {id} in {report:#}"))
}

/// A Python server (see [`crate::support::python_server`]) that accepts every connection and
/// never says a word: a hung endpoint.
pub const SILENT_SERVER: &str = r#"
import socket
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(128)
print(s.getsockname()[1], flush=True)
held = []
while True:
    c, _ = s.accept()
    held.append(c)
"#;

/// The sha256 a manifest `m` records for stored `bytes`: of the whole object, or, for an age file
/// summed in two pieces (`age_header`), of its payload after the header.
pub fn recorded_sha256(bytes: &[u8], m: &serde_json::Value) -> String {
    let skip = m["age_header"]["bytes"].as_u64().unwrap_or(0) as usize;
    hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes[skip..]))
}
