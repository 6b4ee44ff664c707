//! The PostgreSQL client programs dbctl runs, chosen by version (pg_dump and pg_dumpall to back
//! up, psql and pg_restore to restore), and the configured shell commands, as watched children.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::thread::JoinHandle;

use anyhow::{Context, Result, anyhow, bail};

use crate::values::DumpFormat;

/// A PostgreSQL client program (pg_dump, pg_dumpall, psql, pg_restore) and its version.
#[derive(Debug, Clone)]
pub struct PgTool {
    pub path: PathBuf,
    pub major: u32,
    pub version: String,
}

fn tool_version(path: &Path) -> Option<PgTool> {
    let out = Command::new(path)
        .arg("--version")
        .env_clear()
        .envs(std::env::vars_os().filter(|(k, _)| child_may_see(k)))
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    // "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    let version = text.split_whitespace().nth(2)?.to_string();
    let major = major_of(&version)?;
    Some(PgTool { path: path.to_path_buf(), major, version })
}

/// The major version in a version text: `15.18 (Debian …)`, `pg_dump 17.6`, `18beta1`.
pub fn major_of(text: &str) -> Option<u32> {
    let number = text.split_whitespace().find(|w| w.starts_with(|c: char| c.is_ascii_digit()))?;
    number.split(['.', 'b', 'r']).next()?.parse().ok()
}

/// Finds pg_dump for a server: `backup.pg_dump` if set, else the one of the server's major
/// version, else (with a warning) the oldest newer one. `bin_dirs` (`backup.pg_bin_dir`) are
/// searched first.
pub fn find_pg_dump(
    configured: Option<&Path>,
    bin_dirs: &[PathBuf],
    server_major: u32,
    warn: &mut dyn FnMut(&str),
) -> Result<PgTool> {
    find_pg_tool("pg_dump", configured.map(|p| (p, "backup.pg_dump")), bin_dirs, server_major, warn)
}

/// Where the packages put the client programs of each major version: the directories of
/// `backup.pg_bin_dir` (each a `bin` directory, or one holding `N/bin` or `*/bin` ones), then
/// Debian's and Ubuntu's `/usr/lib/postgresql/N/bin`, RHEL's `/usr/pgsql-N/bin`, Homebrew's
/// `…/opt/postgresql@N/bin`, then `PATH`.
pub fn candidate_paths(name: &str, bin_dirs: &[PathBuf]) -> Vec<PathBuf> {
    // `dir/<child>/bin/name` for the children whose names `pattern` accepts, in name order.
    let children = |dir: &Path, pattern: &dyn Fn(&str) -> bool| -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_name().to_str().is_some_and(pattern))
            .map(|e| e.path().join("bin").join(name))
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        found
    };
    let mut out = Vec::new();
    for dir in bin_dirs {
        if dir.join(name).is_file() {
            out.push(dir.join(name));
        } else {
            out.extend(children(dir, &|_| true));
        }
    }
    out.extend(children(Path::new("/usr/lib/postgresql"), &|_| true));
    out.extend(children(Path::new("/usr"), &|n| n.starts_with("pgsql-")));
    for brew in ["/opt/homebrew/opt", "/usr/local/opt", "/home/linuxbrew/.linuxbrew/opt"] {
        out.extend(children(Path::new(brew), &|n| n.starts_with("postgresql@")));
    }
    if let Some(path) = std::env::var_os("PATH") {
        out.extend(std::env::split_paths(&path).map(|d| d.join(name)).filter(|p| p.is_file()));
    }
    out
}

/// Finds the client program `name` for a server of `server_major`: the configured one
/// (`(path, setting)`) if set; else the first found of the server's own major version; else
/// the oldest newer one, with a warning (a newer pg_dump writes what older servers may reject,
/// such as pg_dump 17's `SET transaction_timeout`). An older one cannot serve a newer server.
pub fn find_pg_tool(
    name: &str,
    configured: Option<(&Path, &str)>,
    bin_dirs: &[PathBuf],
    server_major: u32,
    warn: &mut dyn FnMut(&str),
) -> Result<PgTool> {
    if let Some((path, setting)) = configured {
        let found = tool_version(path).ok_or_else(|| {
            anyhow!("{setting} is {}, which does not run as {name}; fix the path", path.display())
        })?;
        if found.major < server_major {
            bail!(
                "the server is PostgreSQL {server_major} but {setting} ({}) is version {}: {name} cannot \
                 handle a newer server; install postgresql-client-{server_major} and point {setting} at it",
                path.display(),
                found.version
            );
        }
        return Ok(found);
    }
    let mut found: Vec<PgTool> = Vec::new();
    for p in candidate_paths(name, bin_dirs) {
        if let Some(t) = tool_version(&p) {
            if t.major == server_major {
                return Ok(t);
            }
            found.push(t);
        }
    }
    let hint = if name == "pg_dump" {
        ", or set backup.pg_dump or backup.pg_bin_dir"
    } else {
        ", or set backup.pg_bin_dir"
    };
    if let Some(newer) = found.iter().filter(|t| t.major > server_major).min_by_key(|t| t.major) {
        warn(&format!(
            "no {name} {server_major} found (the server is PostgreSQL {server_major}); using {name} {} ({}), \
             whose output may not load into PostgreSQL older than {}: install postgresql-client-{server_major}{hint}",
            newer.version,
            newer.path.display(),
            newer.major
        ));
        return Ok(newer.clone());
    }
    match found.iter().max_by_key(|t| t.major) {
        Some(newest) => bail!(
            "the server is PostgreSQL {server_major} but the newest {name} found is {} ({}): install \
             postgresql-client-{server_major}{hint}",
            newest.version,
            newest.path.display()
        ),
        None => bail!(
            "{name} not found in backup.pg_bin_dir, /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin, Homebrew's \
             postgresql@*/bin or PATH: install postgresql-client-{server_major}{hint}"
        ),
    }
}

/// The variables a PostgreSQL client program gets from dbctl's environment: the locale, the
/// time zone, where to find programs and temporary files, and libpq's own `PG…` settings (SSL
/// files, service files; not PGPASSWORD, which is set per call).
fn child_may_see(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    matches!(name.as_ref(), "PATH" | "HOME" | "USER" | "LOGNAME" | "LANG" | "LANGUAGE" | "TZ" | "TMPDIR")
        || name.starts_with("LC_")
        || (name.starts_with("PG") && name != "PGPASSWORD")
}

/// A client program running as a child process: pg_dump (its stdout is the dump), psql or
/// pg_restore (fed on stdin). Its stderr is collected on the side for the error message.
pub struct Tool {
    child: Child,
    pub stdin: Option<ChildStdin>,
    pub stdout: Option<ChildStdout>,
    stderr: Option<JoinHandle<String>>,
    name: String,
    /// A private libpq service file holding what must not be on a command line (`sslpassword`),
    /// kept while the program runs.
    _service: Option<tempfile::TempDir>,
}

/// Moves an `sslpassword=` of a `--dbname=URL` argument into a libpq service file (mode 0600 in a
/// directory of mode 0700), named by PGSERVICEFILE, so that it never shows on the command line
/// (`ps`). libpq has no environment variable for it, as it has PGPASSWORD for the password.
fn hide_ssl_password(cmd: Command) -> Result<(Command, Option<tempfile::TempDir>)> {
    let dbname = cmd.get_args().filter_map(|a| a.to_str()).find_map(|a| a.strip_prefix("--dbname="));
    let Some(url) = dbname else { return Ok((cmd, None)) };
    let mut secret = None;
    let without = crate::redact::url_with_params(url, |params| {
        params
            .into_iter()
            .filter(|p| match p.split_once('=') {
                Some((k, v)) if k.eq_ignore_ascii_case("sslpassword") => {
                    secret = Some(percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned());
                    false
                }
                _ => true,
            })
            .chain(std::iter::once("service=dbctl".to_string()))
            .collect()
    });
    let Some(secret) = secret else { return Ok((cmd, None)) };
    if secret.contains(['\n', '\r']) {
        bail!("the sslpassword in DATABASE_URL holds a line break, which a libpq service file cannot carry");
    }
    let dir =
        tempfile::Builder::new().prefix("dbctl-libpq-").tempdir().context("making a private directory")?;
    #[cfg(unix)]
    std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
    let file = dir.path().join("pg_service.conf");
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode_0600().open(&file)?;
        writeln!(f, "[dbctl]\nsslpassword={secret}")?;
    }
    let mut rebuilt = Command::new(cmd.get_program());
    for a in cmd.get_args() {
        match a.to_str().and_then(|a| a.strip_prefix("--dbname=")) {
            Some(_) => rebuilt.arg(format!("--dbname={without}")),
            None => rebuilt.arg(a),
        };
    }
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            rebuilt.env(k, v);
        }
    }
    rebuilt.env("PGSERVICEFILE", &file);
    Ok((rebuilt, Some(dir)))
}

/// `OpenOptions` with mode 0600 where the platform has modes.
trait Mode0600 {
    fn mode_0600(&mut self) -> &mut Self;
}

impl Mode0600 for std::fs::OpenOptions {
    fn mode_0600(&mut self) -> &mut Self {
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(self, 0o600);
        self
    }
}

impl Tool {
    /// Starts pg_dump on `url` (which must carry no password: it goes in `password`, passed
    /// through the environment, never on the command line).
    /// Starts pg_dump; with `schema`, only that schema is dumped (a Prisma tenant's `schema=`).
    pub fn pg_dump(
        tool: &PgTool,
        url: &str,
        password: Option<&str>,
        format: DumpFormat,
        schema: Option<&str>,
    ) -> Result<Self> {
        let mut cmd = Command::new(&tool.path);
        cmd.arg("--no-password").arg(format!("--dbname={url}"));
        if let Some(s) = schema {
            // pg_dump reads -n as a pattern: quoted, the name is taken as it is.
            cmd.arg(format!("--schema=\"{}\"", s.replace('"', "\"\"")));
        }
        match format {
            DumpFormat::Plain => cmd.arg("--format=plain"),
            DumpFormat::Custom => cmd.args(["--format=custom", "--compress=0"]),
        };
        Self::spawn(cmd, password, &tool.path, false, true)
    }

    /// Starts `pg_dumpall --globals-only` (roles and tablespaces) from the same installation as
    /// `tool`.
    pub fn pg_dumpall_globals(tool: &PgTool, url: &str, password: Option<&str>) -> Result<Self> {
        let path = tool.path.with_file_name("pg_dumpall");
        if !path.is_file() {
            bail!(
                "--globals needs pg_dumpall beside {}; install the full PostgreSQL client",
                tool.path.display()
            );
        }
        let mut cmd = Command::new(&path);
        cmd.args(["--globals-only", "--no-password"]).arg(format!("--dbname={url}"));
        Self::spawn(cmd, password, &path, false, true)
    }

    /// Starts pg_restore turning a custom archive on stdin into SQL on stdout (no connection).
    pub fn pg_restore_to_sql(tool: &PgTool) -> Result<Self> {
        let mut cmd = Command::new(&tool.path);
        cmd.args(["--file=-"]);
        Self::spawn(cmd, None, &tool.path, true, true)
    }

    /// Starts `cmd` (found at `path`), with the password in its environment, stdin and stdout
    /// piped as asked.
    /// Starts `cmd` with piped stderr (and stdin or stdout when asked), the password in
    /// PGPASSWORD, and nothing else of dbctl's environment but what [`child_may_see`] allows.
    pub fn spawn(
        cmd: Command,
        password: Option<&str>,
        path: &Path,
        stdin: bool,
        stdout: bool,
    ) -> Result<Self> {
        let (mut cmd, service) = hide_ssl_password(cmd)?;
        // Only what a PostgreSQL client needs: never the storage's keys, the age passphrase,
        // REDIS_URL or DATABASE_URL (whose password goes as PGPASSWORD alone).
        let service_file = cmd
            .get_envs()
            .find(|(k, _)| *k == "PGSERVICEFILE")
            .and_then(|(_, v)| v.map(|v| v.to_os_string()));
        cmd.env_clear().envs(std::env::vars_os().filter(|(k, _)| child_may_see(k)));
        if let Some(f) = service_file {
            cmd.env("PGSERVICEFILE", f);
        }
        cmd.stdin(if stdin { Stdio::piped() } else { Stdio::null() })
            .stdout(if stdout { Stdio::piped() } else { Stdio::null() })
            .stderr(Stdio::piped());
        if let Some(pw) = password {
            cmd.env("PGPASSWORD", pw);
        }
        let child = cmd.spawn().with_context(|| format!("starting {}", path.display()))?;
        let name = path.file_name().map_or("child".into(), |n| n.to_string_lossy().into_owned());
        let mut tool = Self::watched(child, name);
        tool._service = service;
        Ok(tool)
    }

    /// Runs a configured shell command (`backup.dump_command`, `restore.command`) through `sh -c`,
    /// with stdout or stdin piped, and exactly the environment `env` (the caller leaves dbctl's
    /// own secrets and settings out: `settings::command_environment`).
    pub fn shell(
        command: &str,
        stdin: bool,
        stdout: bool,
        env: Vec<(std::ffi::OsString, std::ffi::OsString)>,
    ) -> Result<Self> {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(command);
        cmd.env_clear().envs(env);
        cmd.stdin(if stdin { Stdio::piped() } else { Stdio::null() })
            .stdout(if stdout { Stdio::piped() } else { Stdio::null() })
            .stderr(Stdio::piped());
        let child = cmd.spawn().context("starting sh for the configured command")?;
        Ok(Self::watched(child, command.split_whitespace().next().unwrap_or("the command").to_string()))
    }

    /// A started child, its stderr collected on a side thread so that a chatty child never
    /// blocks on a full pipe.
    fn watched(mut child: Child, name: String) -> Self {
        let mut err = child.stderr.take().expect("piped");
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = err.read_to_string(&mut text);
            text
        });
        Self {
            stdin: child.stdin.take(),
            stdout: child.stdout.take(),
            child,
            stderr: Some(stderr),
            name,
            _service: None,
        }
    }

    /// Waits for the program; a non-zero exit or a kill is an error carrying its own message.
    pub fn finish(mut self) -> Result<()> {
        drop(self.stdin.take());
        let status = self.child.wait().with_context(|| format!("waiting for {}", self.name))?;
        let stderr = self.stderr.take().and_then(|h| h.join().ok()).unwrap_or_default();
        let message = stderr.trim().lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("; ");
        if status.success() {
            return Ok(());
        }
        let name = &self.name;
        let how = match (status.code(), std::os::unix::process::ExitStatusExt::signal(&status)) {
            (Some(code), _) => format!("exited with status {code}"),
            // SIGKILL from nobody in particular is most often the kernel's out-of-memory killer.
            (None, Some(libc::SIGKILL)) => {
                "was killed by signal 9 (SIGKILL: out of memory? see `dmesg` or the journal)".to_string()
            }
            (None, Some(sig)) => format!("was killed by signal {sig}"),
            (None, None) => "was killed".to_string(),
        };
        if message.is_empty() { bail!("{name} {how}") } else { bail!("{name} {how}: {message}") }
    }

    /// The child's process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Stops the program (after a failure elsewhere).
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ssl_password_goes_to_a_private_service_file_not_the_command_line() {
        let mut cmd = Command::new("pg_dump");
        cmd.arg("--no-password")
            .arg("--dbname=postgresql://u@db/app?sslmode=require&sslpassword=k%20ey%3D1&x=2");
        let (cmd, dir) = hide_ssl_password(cmd).unwrap();
        let args: Vec<String> = cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(
            args,
            ["--no-password", "--dbname=postgresql://u@db/app?sslmode=require&x=2&service=dbctl"]
        );
        let dir = dir.expect("a service file");
        let file = dir.path().join("pg_service.conf");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "[dbctl]\nsslpassword=k ey=1\n");
        let mode = |p: &std::path::Path| {
            std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(p).unwrap().permissions()) & 0o777
        };
        assert_eq!((mode(dir.path()), mode(&file)), (0o700, 0o600));
        assert_eq!(
            cmd.get_envs().find(|(k, _)| *k == "PGSERVICEFILE").and_then(|(_, v)| v),
            Some(file.as_os_str())
        );
        // Without one, nothing changes.
        let mut plain = Command::new("pg_dump");
        plain.arg("--dbname=postgresql://u@db/app");
        assert!(hide_ssl_password(plain).unwrap().1.is_none());
    }
}
