//! Real servers for the integration tests, and a runner for the real `dbctl` binary.
//!
//! The suite starts one throwaway PostgreSQL cluster and one `redis-server` the first time a test
//! asks for them and shares them; each test gets its own database. A watchdog process per server
//! stops it and deletes its files when the test process exits, whether the tests passed, failed
//! or were interrupted. A missing server binary fails the test with the command that installs it.

#![allow(dead_code)]

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const PG_BIN: &str = "/usr/lib/postgresql/15/bin";
/// The superuser password of test clusters; every test checks it never appears in output.
pub const PG_PASSWORD: &str = "pg-Secret-4242";
/// The password of the test Redis.
pub const REDIS_PASSWORD: &str = "redis-Secret-7373";

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe extern "C" {
        fn geteuid() -> u32;
    }
    unsafe { geteuid() == 0 }
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

/// Starts a process that, when the test process exits (passed, failed or interrupted), runs
/// `cleanup`. It is never waited for: it must outlive this process.
#[allow(clippy::zombie_processes)]
fn watchdog(cleanup: &str) {
    let script = format!("while kill -0 {} 2>/dev/null; do sleep 0.5; done; {cleanup}", std::process::id());
    Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("starting the cleanup watchdog");
}

/// A throwaway PostgreSQL cluster in a temporary directory.
pub struct PgCluster {
    pub port: u16,
    dir: PathBuf,
    as_postgres: bool,
}

impl PgCluster {
    /// Runs initdb on a new directory (the server is not started).
    pub fn init(port: u16) -> Self {
        let bin = Path::new(PG_BIN);
        assert!(
            bin.join("initdb").is_file() && bin.join("pg_ctl").is_file(),
            "PostgreSQL 15 server binaries not found in {PG_BIN}: install them with \
             `apt-get install -y postgresql-15` (scripts/test does this)"
        );
        let cluster = Self::empty(port);
        let out = cluster
            .pg_command("initdb")
            .arg("-D")
            .arg(cluster.data())
            .args([
                "-U",
                "postgres",
                "-A",
                "scram-sha-256",
                "--auth-local=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ])
            .arg(format!("--pwfile={}", cluster.dir.join("pwfile").display()))
            .output()
            .unwrap();
        assert!(out.status.success(), "initdb failed: {}", String::from_utf8_lossy(&out.stderr));
        cluster
    }

    /// A new directory for a cluster, owned by the user the server runs as, removed (and the
    /// server stopped) by a watchdog when the test process exits.
    fn empty(port: u16) -> Self {
        let as_postgres = running_as_root();
        let dir = tempfile::Builder::new().prefix("dbctl-test-pg-").tempdir().unwrap().keep();
        std::fs::write(dir.join("pwfile"), PG_PASSWORD).unwrap();
        if as_postgres {
            let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(&dir).status().unwrap();
            assert!(status.success(), "chown of {} to postgres failed", dir.display());
        }
        let cluster = Self { port, dir, as_postgres };
        watchdog(&format!(
            "{} -D {} -m immediate stop >/dev/null 2>&1; rm -rf {}",
            cluster.pg_ctl_prefix(),
            cluster.data().display(),
            cluster.dir.display()
        ));
        cluster
    }

    /// A streaming replica of `primary` (pg_basebackup -R), not started.
    pub fn replica_of(primary: &PgCluster, port: u16) -> Self {
        let replica = Self::empty(port);
        let out = replica
            .pg_command("pg_basebackup")
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &primary.port.to_string(),
                "-U",
                "postgres",
                "-R",
                "-X",
                "stream",
            ])
            .arg("-D")
            .arg(replica.data())
            .env("PGPASSWORD", PG_PASSWORD)
            .output()
            .unwrap();
        assert!(out.status.success(), "pg_basebackup failed: {}", String::from_utf8_lossy(&out.stderr));
        replica
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn pg_ctl_prefix(&self) -> String {
        if self.as_postgres {
            format!("runuser -u postgres -- {PG_BIN}/pg_ctl")
        } else {
            format!("{PG_BIN}/pg_ctl")
        }
    }

    fn pg_command(&self, tool: &str) -> Command {
        let path = Path::new(PG_BIN).join(tool);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    pub fn start(&self) {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=40",
            self.port,
            self.dir.display()
        );
        let out = self
            .pg_command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.dir.join("server.log"))
            .args(["-w", "-t", "60", "-o", &options, "start"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg_ctl start failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
        );
    }

    pub fn stop(&self) {
        let _ = self
            .pg_command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .args(["-m", "fast", "-w", "stop"])
            .stdin(Stdio::null())
            .output();
    }

    /// URL of a database on this cluster, with the superuser's password.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres:{PG_PASSWORD}@127.0.0.1:{}/{database}", self.port)
    }

    /// Runs SQL as the superuser through psql; panics with psql's message on failure.
    pub fn psql(&self, database: &str, sql: &str) -> String {
        let psql = Path::new(PG_BIN).join("psql");
        let out = Command::new(if psql.is_file() { psql } else { PathBuf::from("psql") })
            .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres"])
            .args(["-p", &self.port.to_string(), "-d", database, "-c", sql])
            .env("PGPASSWORD", PG_PASSWORD)
            .output()
            .unwrap();
        assert!(out.status.success(), "psql failed on `{sql}`: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// An open psql session on `database` as the superuser, for statements sent with
    /// [`PgSession::send`]; it ends when dropped.
    pub fn session(&self, database: &str) -> PgSession {
        let psql = Path::new(PG_BIN).join("psql");
        let child = Command::new(psql)
            .args([
                "-X",
                "-q",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-p",
                &self.port.to_string(),
                "-d",
                database,
            ])
            .env("PGPASSWORD", PG_PASSWORD)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("starting psql");
        PgSession(child)
    }

    /// Waits (at most 20 s) until `sql`, run in the `postgres` database, returns more than 0.
    pub fn wait_for(&self, sql: &str, what: &str) {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while self.psql("postgres", sql).trim() == "0" {
            assert!(std::time::Instant::now() < deadline, "{what} never happened");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Creates a fresh database for one test and returns its URL.
    pub fn create_database(&self, test: &str) -> String {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let name: String = format!("t{n}_{test}")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
            .take(60)
            .collect();
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
        self.url(&name)
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ =
            self.pg_command("pg_ctl").arg("-D").arg(self.data()).args(["-m", "immediate", "stop"]).output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A psql session kept open (see [`PgCluster::session`]).
pub struct PgSession(Child);

impl PgSession {
    /// Sends statements; they run in the session, in order, while the test goes on.
    pub fn send(&mut self, sql: &str) {
        let stdin = self.0.stdin.as_mut().expect("piped");
        writeln!(stdin, "{sql}").unwrap();
        stdin.flush().unwrap();
    }
}

impl Drop for PgSession {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The cluster shared by the whole suite.
pub fn pg() -> &'static PgCluster {
    static PG: OnceLock<PgCluster> = OnceLock::new();
    PG.get_or_init(|| {
        let cluster = PgCluster::init(free_port());
        cluster.start();
        cluster
    })
}

/// A `redis-server` on a free port, with a password.
pub struct RedisServer {
    pub port: u16,
    child: Child,
}

impl RedisServer {
    pub fn start(port: u16) -> Self {
        Self::start_with(port, &[])
    }

    /// A replica of the Redis on `master_port` (which uses the test password).
    pub fn replica_of(master_port: u16, port: u16) -> Self {
        Self::start_with(
            port,
            &["--replicaof", "127.0.0.1", &master_port.to_string(), "--masterauth", REDIS_PASSWORD],
        )
    }

    pub fn start_with(port: u16, extra: &[&str]) -> Self {
        let bin = find_in_path("redis-server").unwrap_or_else(|| {
            panic!("redis-server not found: install it with `apt-get install -y redis-server` (scripts/test does this)")
        });
        let child = Command::new(bin)
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .args(["--requirepass", REDIS_PASSWORD, "--protected-mode", "no", "--loglevel", "warning"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting redis-server");
        watchdog(&format!("kill -9 {} 2>/dev/null", child.id()));
        let listen =
            extra.iter().position(|a| *a == "--tls-port").map_or(port, |i| extra[i + 1].parse().unwrap());
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", listen)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not listen on port {port} within 20s");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { port, child }
    }

    pub fn url(&self) -> String {
        format!("redis://:{REDIS_PASSWORD}@127.0.0.1:{}/0", self.port)
    }

    /// Runs `redis-cli` with `args` (shell words) against this server; panics on an error reply.
    pub fn cli(&self, args: &str) -> String {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("redis-cli --no-auth-warning -a '{REDIS_PASSWORD}' -p {} {args}", self.port))
            .output()
            .expect("redis-cli (apt-get install -y redis-tools)");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success() && !text.contains("ERR") && !text.contains("NOAUTH"),
            "redis-cli {args}: {text}"
        );
        text
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A private CA and a server certificate for 127.0.0.1 and localhost, made with openssl.
pub struct TestCa {
    pub dir: tempfile::TempDir,
}

impl TestCa {
    pub fn new() -> Self {
        assert!(
            find_in_path("openssl").is_some(),
            "openssl not found: install it with `apt-get install -y openssl`"
        );
        let dir = tempfile::Builder::new().prefix("dbctl-test-ca-").tempdir().unwrap();
        std::fs::write(dir.path().join("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n").unwrap();
        let steps: [&[&str]; 3] = [
            &[
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2",
            ] as &[&str],
            &["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr"],
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.pem",
                "-days",
                "2",
                "-extfile",
                "ext",
            ],
        ];
        for (i, args) in steps.iter().enumerate() {
            let mut cmd = Command::new("openssl");
            cmd.args(*args).current_dir(dir.path());
            if i < 2 {
                cmd.args(["-subj", if i == 0 { "/CN=dbctl test CA" } else { "/CN=localhost" }]);
            }
            let out = cmd.output().unwrap();
            assert!(
                out.status.success(),
                "openssl {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Self { dir }
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

impl RedisServer {
    /// A Redis that speaks only TLS, with a certificate of `ca`.
    pub fn start_tls(port: u16, ca: &TestCa) -> Self {
        let (cert, key, ca_pem) = (ca.file("server.pem"), ca.file("server.key"), ca.file("ca.pem"));
        let port_s = port.to_string();
        let mut server = Self::start_with(
            0,
            &[
                "--tls-port",
                &port_s,
                "--tls-cert-file",
                cert.to_str().unwrap(),
                "--tls-key-file",
                key.to_str().unwrap(),
                "--tls-ca-cert-file",
                ca_pem.to_str().unwrap(),
                "--tls-auth-clients",
                "no",
            ],
        );
        server.port = port;
        server
    }

    pub fn tls_url(&self) -> String {
        format!("rediss://:{REDIS_PASSWORD}@127.0.0.1:{}/0", self.port)
    }
}

/// The Redis shared by the whole suite.
pub fn redis() -> &'static RedisServer {
    static REDIS: OnceLock<RedisServer> = OnceLock::new();
    REDIS.get_or_init(|| RedisServer::start(free_port()))
}

/// A temporary project directory to run dbctl in.
pub fn project() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("dbctl-test-project-").tempdir().unwrap()
}

/// The real dbctl binary, in `dir`, with a clean environment (nothing of the developer's
/// DATABASE_URL or REDIS_URL leaks in).
pub fn dbctl(dir: &Path) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dbctl"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .current_dir(dir)
        .stdin(Stdio::null());
    Run { cmd }
}

pub struct Run {
    pub cmd: Command,
}

impl Run {
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    pub fn run(mut self) -> Outcome {
        Outcome::from(self.cmd.output().expect("running dbctl"))
    }

    pub fn spawn(mut self) -> Child {
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("starting dbctl")
    }
}

/// What one run printed, and its exit code.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Outcome {
    fn from(o: Output) -> Self {
        Self {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Outcome {
    /// Panics, showing everything printed, unless the exit code is `code`.
    pub fn code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// Panics if any secret of the test servers appears in stdout or stderr.
    pub fn no_secrets(self) -> Self {
        for secret in [PG_PASSWORD, REDIS_PASSWORD, S3_SECRET_KEY] {
            assert!(
                !self.stdout.contains(secret) && !self.stderr.contains(secret),
                "a password leaked into the output\n--- stdout\n{}\n--- stderr\n{}",
                self.stdout,
                self.stderr
            );
        }
        self
    }

    pub fn stdout_has(self, needle: &str) -> Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks `{needle}`:\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn stderr_has(self, needle: &str) -> Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks `{needle}`:\n{}\n--- stdout\n{}",
            self.stderr,
            self.stdout
        );
        self
    }
}

/// diesel_cli's binary; scripts/setup --test installs it.
pub fn diesel_cli() -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(&std::env::var_os("HOME").unwrap()).join(".cargo"));
    find_in_path("diesel").or_else(|| Some(cargo_home.join("bin/diesel")).filter(|p| p.is_file())).unwrap_or_else(|| {
        panic!(
            "diesel_cli not found: install it with `cargo install diesel_cli@2.3.14 --no-default-features \
             --features postgres,sqlite` (scripts/setup --test does this)"
        )
    })
}

/// The two database backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Pg,
    Sqlite,
}

pub const BACKENDS: [Backend; 2] = [Backend::Pg, Backend::Sqlite];

/// A project directory with its own database and a `migrations/` folder.
pub struct Project {
    pub dir: tempfile::TempDir,
    pub url: String,
    pub backend: Backend,
}

impl Project {
    /// A fresh project with an empty database; on SQLite the file does not exist yet.
    pub fn new(backend: Backend, test: &str) -> Self {
        let dir = project();
        let url = match backend {
            Backend::Pg => pg().create_database(test),
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("app.db").display()),
        };
        std::fs::create_dir(dir.path().join("migrations")).unwrap();
        Self { dir, url, backend }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn sqlite_file(&self) -> PathBuf {
        self.dir.path().join("app.db")
    }

    /// Writes migrations/NAME/up.sql, and down.sql / metadata.toml when given.
    pub fn migration(&self, name: &str, up: &str, down: Option<&str>, metadata: Option<&str>) -> PathBuf {
        let d = self.dir.path().join("migrations").join(name);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("up.sql"), up).unwrap();
        if let Some(down) = down {
            std::fs::write(d.join("down.sql"), down).unwrap();
        }
        if let Some(meta) = metadata {
            std::fs::write(d.join("metadata.toml"), meta).unwrap();
        }
        d
    }

    /// Copies the repository's example migrations into the project.
    pub fn example_migrations(&self) {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        for entry in std::fs::read_dir(src).unwrap() {
            let entry = entry.unwrap();
            let to = self.dir.path().join("migrations").join(entry.file_name());
            std::fs::create_dir_all(&to).unwrap();
            for f in std::fs::read_dir(entry.path()).unwrap() {
                let f = f.unwrap();
                std::fs::copy(f.path(), to.join(f.file_name())).unwrap();
            }
        }
    }

    /// dbctl in this project, against its database.
    pub fn dbctl<I, S>(&self, args: I) -> Outcome
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        dbctl(self.path()).args(args).env("DATABASE_URL", &self.url).run().no_secrets()
    }

    /// dbctl in this project, against its database, to add arguments and environment to.
    pub fn cmd(&self) -> Run {
        dbctl(self.path()).env("DATABASE_URL", &self.url)
    }

    /// Runs SQL and returns the rows, one per line, columns separated by `|`.
    pub fn sql(&self, sql: &str) -> String {
        match self.backend {
            Backend::Pg => {
                let db = self.url.rsplit('/').next().unwrap().to_string();
                pg().psql(&db, sql)
            }
            Backend::Sqlite => {
                let out = Command::new("sqlite3")
                    .arg(self.sqlite_file())
                    .arg(sql)
                    .output()
                    .expect("running sqlite3");
                assert!(
                    out.status.success(),
                    "sqlite3 failed on `{sql}`: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                String::from_utf8(out.stdout).unwrap()
            }
        }
    }

    /// The user tables of the database, sorted.
    pub fn tables(&self) -> Vec<String> {
        let q = match self.backend {
            Backend::Pg => "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
            }
        };
        if self.backend == Backend::Sqlite && !self.sqlite_file().exists() {
            return Vec::new();
        }
        self.sql(q).lines().map(str::to_string).collect()
    }

    /// diesel_cli in this project, against its database.
    pub fn diesel<I, S>(&self, args: I) -> Outcome
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let out = Command::new(diesel_cli())
            .args(args)
            .arg("--database-url")
            .arg(&self.url)
            .arg("--migration-dir")
            .arg(self.dir.path().join("migrations"))
            .current_dir(self.path())
            .output()
            .expect("running diesel");
        Outcome::from(out)
    }
}

/// An S3 server (moto_server from Python's moto) on a free port.
pub struct S3Server {
    pub port: u16,
    child: Child,
}

pub const S3_ACCESS_KEY: &str = "dbctl-test-access";
pub const S3_SECRET_KEY: &str = "dbctl-test-S3-secret-9911";

impl S3Server {
    pub fn start() -> Self {
        let bin = find_in_path("moto_server").unwrap_or_else(|| {
            panic!("moto_server not found: install it with `pip install 'moto[server]'` (scripts/setup --test does this)")
        });
        let port = free_port();
        let child = Command::new(bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting moto_server");
        watchdog(&format!("kill -9 {} 2>/dev/null", child.id()));
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not listen on port {port} within 30s");
            std::thread::sleep(Duration::from_millis(100));
        }
        Self { port, child }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Runs Python with boto3 against this server; `code` sees a client `s3`.
    pub fn python(&self, code: &str) -> String {
        let script = format!(
            "import boto3, sys\ns3 = boto3.client('s3', endpoint_url='{}', aws_access_key_id='{S3_ACCESS_KEY}', \
             aws_secret_access_key='{S3_SECRET_KEY}', region_name='us-east-1')\n{code}\n",
            self.endpoint()
        );
        let out = Command::new("python3").args(["-c", &script]).output().expect("python3");
        assert!(out.status.success(), "boto3 failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn create_bucket(&self, bucket: &str) {
        self.python(&format!("s3.create_bucket(Bucket='{bucket}')"));
    }

    /// Keys in a bucket, sorted.
    pub fn keys(&self, bucket: &str) -> Vec<String> {
        let out = self.python(&format!(
            "for o in s3.list_objects_v2(Bucket='{bucket}').get('Contents', []): print(o['Key'])"
        ));
        let mut keys: Vec<String> = out.lines().map(str::to_string).collect();
        keys.sort();
        keys
    }

    /// Multipart uploads started and neither completed nor aborted.
    pub fn open_uploads(&self, bucket: &str) -> usize {
        self.python(&format!("print(len(s3.list_multipart_uploads(Bucket='{bucket}').get('Uploads', [])))"))
            .trim()
            .parse()
            .unwrap()
    }

    pub fn download(&self, bucket: &str, key: &str, to: &Path) {
        self.python(&format!("s3.download_file('{bucket}', '{key}', '{}')", to.display()));
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The S3 server shared by the whole suite.
pub fn s3() -> &'static S3Server {
    static S3: OnceLock<S3Server> = OnceLock::new();
    S3.get_or_init(S3Server::start)
}
