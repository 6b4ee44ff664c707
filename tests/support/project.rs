//! Test projects and the runner of the real `dbctl` binary: every run declares its exit code and
//! is checked for secrets.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use super::{PG_PASSWORD, REDIS_PASSWORD, S3_SECRET_KEY, find_in_path, pg};

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
    Run { cmd, expected: None, any_code: false, secrets_allowed: false }
}

/// A dbctl command to run. Every run declares its exit code before it runs (`.code(N)`, or
/// `.any_code(why)` where the test reads the code itself) and is checked for the test servers'
/// secrets unless it says why not (`.allow_secrets(why)`).
#[must_use = "a command does nothing until .run()"]
pub struct Run {
    pub cmd: Command,
    expected: Option<i32>,
    any_code: bool,
    secrets_allowed: bool,
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

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.arg(arg);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// The exit code the run must end with.
    pub fn code(mut self, code: i32) -> Self {
        self.expected = Some(code);
        self
    }

    /// The test reads the exit code itself (`why` says what it does with it).
    pub fn any_code(mut self, why: &str) -> Self {
        assert!(!why.trim().is_empty(), "say why the exit code is not declared");
        self.any_code = true;
        self
    }

    /// The output may hold a test server's secret (`why` says how that is right).
    pub fn allow_secrets(mut self, why: &str) -> Self {
        assert!(!why.trim().is_empty(), "say why the output may hold a secret");
        self.secrets_allowed = true;
        self
    }

    /// `health --json`'s report. Its exit code is the worst check's, which the caller asserts
    /// check by check.
    #[track_caller]
    pub fn health_report(self) -> serde_json::Value {
        self.any_code("health's exit code is its worst check; the checks are asserted one by one")
            .run()
            .json()
    }

    #[track_caller]
    pub fn run(mut self) -> Outcome {
        assert!(
            self.expected.is_some() || self.any_code,
            "declare the exit code before the run: .code(N), or .any_code(why)"
        );
        let out = Outcome::from(self.cmd.output().expect("running dbctl"));
        let out = if self.secrets_allowed { out } else { out.no_secrets() };
        match self.expected {
            Some(code) => out.code(code),
            None => out,
        }
    }

    pub fn spawn(mut self) -> Child {
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("starting dbctl")
    }
}

/// What one run printed, and its exit code (already checked against the declared one, so an
/// outcome may be dropped).
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
    #[track_caller]
    pub fn code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The lines of a JSON log on stdout (`--log-format json`) whose event is `name`.
    pub fn events(&self, name: &str) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|l| l["event"] == name)
            .collect()
    }

    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// Panics if any secret of the test servers appears in stdout or stderr (every run checks
    /// this unless it allows secrets).
    #[track_caller]
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

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks `{needle}`:\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
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

    /// dbctl in this project, against its database, ending with exit code `code`.
    #[track_caller]
    pub fn dbctl<I, S>(&self, code: i32, args: I) -> Outcome
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        dbctl(self.path()).args(args).env("DATABASE_URL", &self.url).code(code).run()
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
