//! A throwaway PostgreSQL cluster (initdb + pg_ctl, as `postgres` when running as root), shared by the suite.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::{free_port, running_as_root, watchdog};

pub const PG_BIN: &str = "/usr/lib/postgresql/15/bin";
/// The superuser password of test clusters; every test checks it never appears in output.
pub const PG_PASSWORD: &str = "pg-Secret-4242";

/// A throwaway PostgreSQL cluster in a temporary directory.
pub struct PgCluster {
    pub port: u16,
    dir: PathBuf,
    as_postgres: bool,
    /// The server's programs.
    pub bin: PathBuf,
}

/// Where `scripts/setup --test` put the programs of PostgreSQL `major` (15: Debian's).
pub fn bin_of(major: u32) -> PathBuf {
    if major == 15 {
        return PathBuf::from(PG_BIN);
    }
    pg_cache().join("pg").join(major.to_string()).join("bin")
}

/// `scripts/setup --test`'s cache: the unpacked PostgreSQL builds, and the wheels they came from.
pub fn pg_cache() -> PathBuf {
    std::env::var_os("DBCTL_TEST_PG_CACHE").map(PathBuf::from).unwrap_or_else(|| {
        let uid = unsafe { libc::geteuid() };
        PathBuf::from(format!("/var/tmp/dbctl-test-{uid}"))
    })
}

impl PgCluster {
    /// Runs initdb on a new directory (the server is not started).
    pub fn init(port: u16) -> Self {
        Self::init_version(15, port)
    }

    /// [`PgCluster::init`] with the programs of PostgreSQL `major`.
    pub fn init_version(major: u32, port: u16) -> Self {
        let bin = bin_of(major);
        assert!(
            bin.join("initdb").is_file() && bin.join("pg_ctl").is_file(),
            "PostgreSQL {major} server binaries not found in {}: `scripts/setup --test` installs them",
            bin.display()
        );
        let cluster = Self::empty(port, bin);
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
    fn empty(port: u16, bin: PathBuf) -> Self {
        let as_postgres = running_as_root();
        let dir = tempfile::Builder::new().prefix("dbctl-test-pg-").tempdir().unwrap().keep();
        std::fs::write(dir.join("pwfile"), PG_PASSWORD).unwrap();
        if as_postgres {
            let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(&dir).status().unwrap();
            assert!(status.success(), "chown of {} to postgres failed", dir.display());
        }
        let cluster = Self { port, dir, as_postgres, bin };
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
        let replica = Self::empty(port, primary.bin.clone());
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
                // An immediate checkpoint: a spread one waits for most of checkpoint_timeout.
                "--checkpoint=fast",
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

    /// Appends settings to the cluster's postgresql.conf (before it starts).
    pub fn configure(&self, lines: &str) {
        let mut f =
            std::fs::OpenOptions::new().append(true).open(self.data().join("postgresql.conf")).unwrap();
        writeln!(f, "{lines}").unwrap();
    }

    fn pg_ctl_prefix(&self) -> String {
        if self.as_postgres {
            format!("runuser -u postgres -- {}/pg_ctl", self.bin.display())
        } else {
            format!("{}/pg_ctl", self.bin.display())
        }
    }

    fn pg_command(&self, tool: &str) -> Command {
        let path = self.bin.join(tool);
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
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=40 -c wal_level=logical",
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

    /// The schema of `db` as this server's pg_dump prints it (with `--exclude-table` for each of
    /// `exclude`), without blank lines, comments and psql meta-commands (`\restrict` keys differ
    /// on every run). Up to PostgreSQL 14, initdb's `public` has `GRANT ALL … TO PUBLIC` as its
    /// initial privilege, which pg_dump leaves unsaid; a `public` made again with the same grant
    /// (by `restore --clean`) has pg_dump say it. The privileges are the same: that line is left
    /// out too.
    pub fn schema(&self, db: &str, exclude: &[&str]) -> String {
        let out = Command::new(self.bin.join("pg_dump"))
            .args(["--schema-only", "-h", "127.0.0.1", "-U", "postgres", "-p", &self.port.to_string()])
            .args(exclude.iter().map(|t| format!("--exclude-table={t}")))
            .arg(db)
            .env("PGPASSWORD", PG_PASSWORD)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| {
                !l.is_empty()
                    && !l.starts_with("--")
                    && !l.starts_with('\\')
                    && *l != "GRANT ALL ON SCHEMA public TO PUBLIC;"
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// URL of a database on this cluster, with the superuser's password.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres:{PG_PASSWORD}@127.0.0.1:{}/{database}", self.port)
    }

    /// Runs SQL as the superuser through psql; panics with psql's message on failure.
    pub fn psql(&self, database: &str, sql: &str) -> String {
        let out = self.psql_output(database, sql);
        assert!(out.status.success(), "psql failed on `{sql}`: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs SQL that is meant to fail; returns psql's error.
    pub fn psql_failing(&self, database: &str, sql: &str) -> String {
        let out = self.psql_output(database, sql);
        assert!(!out.status.success(), "`{sql}` was meant to fail");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    fn psql_output(&self, database: &str, sql: &str) -> std::process::Output {
        psql_output_at(&self.bin, self.port, database, sql)
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

    /// A session of `database` holding an ACCESS EXCLUSIVE lock on `table` in an idle transaction,
    /// as a deploy's `ALTER TABLE` does, once the lock is granted; it ends with the session.
    pub fn hold_exclusive_lock(&self, database: &str, table: &str) -> PgSession {
        let mut holder = self.session(database);
        holder.send(&format!("BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE;"));
        self.wait_for(
            &format!(
                "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database \
                 WHERE d.datname = '{database}' AND l.mode = 'AccessExclusiveLock' AND l.granted"
            ),
            "the table lock",
        );
        holder
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

/// psql (of `bin`, else PATH's) as the superuser on 127.0.0.1:`port`, running `sql`.
fn psql_output_at(bin: &Path, port: u16, database: &str, sql: &str) -> std::process::Output {
    let psql = bin.join("psql");
    Command::new(if psql.is_file() { psql } else { PathBuf::from("psql") })
        .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres"])
        .args(["-p", &port.to_string(), "-d", database, "-c", sql])
        .env("PGPASSWORD", PG_PASSWORD)
        .output()
        .unwrap()
}

/// Runs SQL as the superuser on a server of the tests that is not a [`PgCluster`] here (a
/// restored copy started by dbctl); panics with psql's message on failure.
pub fn psql_at(port: u16, database: &str, sql: &str) -> String {
    let out = psql_output_at(Path::new(PG_BIN), port, database, sql);
    assert!(out.status.success(), "psql failed on `{sql}`: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
