//! Where the dump comes from: a `pg_dump` child process, or a SQLite snapshot.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::thread::JoinHandle;

use anyhow::{Context, Result, anyhow, bail};

/// pg_dump's output formats dbctl offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpFormat {
    /// SQL text, restorable with psql.
    Plain,
    /// pg_dump's custom archive (`-Fc -Z0`; dbctl compresses), restorable with pg_restore.
    Custom,
}

impl DumpFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            DumpFormat::Plain => "plain",
            DumpFormat::Custom => "custom",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            DumpFormat::Plain => ".sql",
            DumpFormat::Custom => ".dump",
        }
    }
}

/// The last line of a complete plain dump.
pub const PLAIN_DUMP_END: &str = "-- PostgreSQL database dump complete";
/// The last line of a complete pg_dumpall output.
pub const PLAIN_DUMPALL_END: &str = "-- PostgreSQL database cluster dump complete";

/// A pg_dump binary and its version.
#[derive(Debug, Clone)]
pub struct PgDump {
    pub path: PathBuf,
    pub major: u32,
    pub version: String,
}

fn pg_dump_version(path: &Path) -> Option<PgDump> {
    let out = Command::new(path).arg("--version").stdin(Stdio::null()).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    // "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    let version = text.split_whitespace().nth(2)?.to_string();
    let major = version.split(['.', 'b', 'r']).next()?.parse().ok()?;
    Some(PgDump { path: path.to_path_buf(), major, version })
}

/// Finds a pg_dump whose major version is at least the server's: `configured` if set, else the
/// newest fitting one on PATH or in /usr/lib/postgresql/*/bin.
pub fn find_pg_dump(configured: Option<&Path>, server_major: u32) -> Result<PgDump> {
    if let Some(path) = configured {
        let found = pg_dump_version(path).ok_or_else(|| {
            anyhow!("backup.pg_dump is {}, which does not run as pg_dump; fix the path", path.display())
        })?;
        if found.major < server_major {
            bail!(
                "the server is PostgreSQL {server_major} but backup.pg_dump ({}) is version {}: pg_dump cannot \
                 dump a newer server; install postgresql-client-{server_major} and point backup.pg_dump at it",
                path.display(),
                found.version
            );
        }
        return Ok(found);
    }
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join("pg_dump")).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    if let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") {
        for e in entries.flatten() {
            let p = e.path().join("bin/pg_dump");
            if p.is_file() {
                candidates.push(p);
            }
        }
    }
    let mut found: Vec<PgDump> = candidates.iter().filter_map(|p| pg_dump_version(p)).collect();
    found.sort_by_key(|d| std::cmp::Reverse(d.major));
    match found.iter().find(|d| d.major >= server_major) {
        Some(d) => Ok(d.clone()),
        None => match found.first() {
            Some(newest) => bail!(
                "the server is PostgreSQL {server_major} but the newest pg_dump found is {} ({}): install \
                 postgresql-client-{server_major} or set backup.pg_dump",
                newest.version,
                newest.path.display()
            ),
            None => bail!(
                "pg_dump not found on PATH or in /usr/lib/postgresql/*/bin: install postgresql-client-{server_major} \
                 or set backup.pg_dump"
            ),
        },
    }
}

/// A running pg_dump; its stdout is the dump.
pub struct Producer {
    child: Child,
    pub stdout: ChildStdout,
    stderr: Option<JoinHandle<String>>,
}

impl Producer {
    /// Starts pg_dump on `url` (which must carry no password: it goes in `password`, passed
    /// through the environment, never on the command line).
    pub fn pg_dump(tool: &PgDump, url: &str, password: Option<&str>, format: DumpFormat) -> Result<Self> {
        let mut cmd = Command::new(&tool.path);
        cmd.arg("--no-password").arg(format!("--dbname={url}"));
        match format {
            DumpFormat::Plain => cmd.arg("--format=plain"),
            DumpFormat::Custom => cmd.args(["--format=custom", "--compress=0"]),
        };
        Self::spawn(cmd, password, &tool.path)
    }

    /// Starts `pg_dumpall --globals-only` (roles and tablespaces) from the same installation as
    /// `tool`.
    pub fn pg_dumpall_globals(tool: &PgDump, url: &str, password: Option<&str>) -> Result<Self> {
        let path = tool.path.with_file_name("pg_dumpall");
        if !path.is_file() {
            bail!(
                "--globals needs pg_dumpall beside {}; install the full PostgreSQL client",
                tool.path.display()
            );
        }
        let mut cmd = Command::new(&path);
        cmd.args(["--globals-only", "--no-password"]).arg(format!("--dbname={url}"));
        Self::spawn(cmd, password, &path)
    }

    fn spawn(mut cmd: Command, password: Option<&str>, path: &Path) -> Result<Self> {
        cmd.env_remove("PGPASSWORD").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        if let Some(pw) = password {
            cmd.env("PGPASSWORD", pw);
        }
        let mut child = cmd.spawn().with_context(|| format!("starting {}", path.display()))?;
        let stdout = child.stdout.take().expect("piped");
        let mut err = child.stderr.take().expect("piped");
        // Collect stderr on a side thread so a chatty child never blocks on a full pipe.
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = err.read_to_string(&mut text);
            text
        });
        Ok(Self { child, stdout, stderr: Some(stderr) })
    }

    /// Waits for pg_dump; a non-zero exit or a kill is an error carrying pg_dump's own message.
    pub fn finish(mut self) -> Result<()> {
        let status = self.child.wait().context("waiting for pg_dump")?;
        let stderr = self.stderr.take().and_then(|h| h.join().ok()).unwrap_or_default();
        let message = stderr.trim().lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("; ");
        if status.success() {
            return Ok(());
        }
        let how = match status.code() {
            Some(code) => format!("exited with status {code}"),
            None => "was killed".to_string(),
        };
        if message.is_empty() { bail!("pg_dump {how}") } else { bail!("pg_dump {how}: {message}") }
    }

    /// The child's process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Stops pg_dump (after a failure downstream).
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
