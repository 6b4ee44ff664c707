//! A throwaway PostgreSQL cluster of the server's major version: the shadow of `migrate drift`
//! when the role may not create databases on the server. It is private to this user and dies
//! with dbctl:
//! - its directory is mode 0700, its unix socket (the only way in: no TCP) mode 0700 in it;
//! - its superuser has a random password, checked by SCRAM (no `trust`);
//! - `postgres` is started directly (no `pg_ctl`, no shell) in its own process group, and the
//!   kernel kills it when dbctl ends, even by `kill -9` (the parent-death signal);
//! - what an earlier dbctl that was killed left behind (`dbctl-shadow-*` of this user, whose
//!   postmaster is gone) is removed when the next one starts.
//!
//! As root (PostgreSQL refuses to run as root), the cluster runs as the `postgres` user.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

use crate::backup::producer::find_pg_tool;

/// The prefix of the clusters' directories in the temporary directory.
const PREFIX: &str = "dbctl-shadow-";
/// The file in a cluster's directory that holds the pid of the dbctl that made it.
const MAKER: &str = "dbctl.pid";

pub struct ScratchCluster {
    dir: tempfile::TempDir,
    postmaster: Child,
    port: u16,
    password: String,
}

/// The user the cluster runs as, when dbctl runs as root: uid and gid of `postgres`.
fn postgres_user() -> Result<Option<(libc::uid_t, libc::gid_t)>> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(None);
    }
    let name = std::ffi::CString::new("postgres").expect("no NUL");
    // SAFETY: a valid C string; getpwnam returns a pointer into static storage or null, read at once.
    let pw = unsafe { libc::getpwnam(name.as_ptr()) };
    if pw.is_null() {
        bail!("running as root, the throwaway PostgreSQL runs as `postgres`, which does not exist here");
    }
    // SAFETY: non-null, as checked.
    Ok(Some(unsafe { ((*pw).pw_uid, (*pw).pw_gid) }))
}

fn chown(path: &Path, owner: Option<(libc::uid_t, libc::gid_t)>) -> Result<()> {
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(path, Some(uid), Some(gid))
            .with_context(|| format!("giving {} to the postgres user", path.display()))?;
    }
    Ok(())
}

/// A command that runs as `owner` (when given), in a process group of its own, and that the kernel
/// kills with SIGKILL when dbctl's thread that started it ends.
fn command(program: &Path, owner: Option<(libc::uid_t, libc::gid_t)>) -> Command {
    let mut c = Command::new(program);
    c.env_clear().env("PATH", "/usr/bin:/bin").env("LC_ALL", "C");
    // SAFETY: between fork and exec only async-signal-safe calls are made.
    unsafe {
        c.pre_exec(move || {
            let parent = libc::getppid();
            if libc::setpgid(0, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if let Some((uid, gid)) = owner
                && (libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(gid) != 0
                    || libc::setuid(uid) != 0)
            {
                return Err(std::io::Error::last_os_error());
            }
            // After setuid, which clears it.
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // dbctl may have ended between the fork and the prctl.
            if libc::getppid() != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
    c
}

/// Whether process `pid` runs (a zombie, which nobody reaped, does not).
fn alive(pid: i32) -> bool {
    // SAFETY: kill with signal 0 only checks that the process exists.
    if unsafe { libc::kill(pid, 0) } != 0 {
        return false;
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // `pid (name) S …`: the state follows the name's closing parenthesis.
    !stat.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('Z'))
}

/// What killed runs of this user left (`dbctl-shadow-*` directories of ours whose postmaster no
/// longer runs): removed unless `dry_run`, and listed. For `backup prune --orphans`.
pub fn stale_shadows(dry_run: bool) -> Vec<std::path::PathBuf> {
    remove_stale(postgres_user().ok().flatten(), !dry_run)
}

/// Removes (when `remove`) and lists what earlier runs of this user left: `dbctl-shadow-*`
/// directories of ours whose postmaster no longer runs.
fn remove_stale(owner: Option<(libc::uid_t, libc::gid_t)>, remove: bool) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    // SAFETY: geteuid has no preconditions.
    let me = owner.map_or(unsafe { libc::geteuid() }, |(uid, _)| uid);
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return found };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().starts_with(PREFIX) {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if !meta.is_dir() || std::os::unix::fs::MetadataExt::uid(&meta) != me {
            continue;
        }
        // The dbctl that made it still runs: it is in use (initdb's own short-lived backends
        // come and go meanwhile, so the postmaster's pid alone cannot tell).
        let maker = std::fs::read_to_string(path.join(MAKER)).ok().and_then(|t| t.trim().parse::<i32>().ok());
        if maker.is_some_and(|p| p > 0 && alive(p)) {
            continue;
        }
        let pid = std::fs::read_to_string(path.join("data/postmaster.pid"))
            .ok()
            .and_then(|t| t.lines().next().and_then(|l| l.trim().parse::<i32>().ok()));
        let stale = match pid {
            Some(p) => p <= 0 || !alive(p),
            // No postmaster yet: another run may be making it; only an old one is stale.
            None => meta
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age > Duration::from_secs(600)),
        };
        if stale {
            if remove {
                let _ = std::fs::remove_dir_all(&path);
            }
            found.push(path);
        }
    }
    found
}

impl ScratchCluster {
    /// Makes and starts a cluster whose programs are of major version `major`.
    pub fn start(major: u32, opts: &super::Options) -> Result<Self> {
        let dirs = &opts.pg_bin_dirs;
        let initdb = find_pg_tool("initdb", None, dirs, major, &mut |_| {}).context(
            "a throwaway PostgreSQL for the shadow needs initdb of the server's version (the server package)",
        )?;
        if initdb.major != major {
            bail!(
                "a throwaway PostgreSQL for the shadow needs initdb {major} (found {}); install the PostgreSQL {major} \
                 server package, or give a shadow database with --shadow-url",
                initdb.major
            );
        }
        let postgres = initdb.path.with_file_name("postgres");
        let owner = postgres_user()?;
        remove_stale(owner, true);
        let dir =
            tempfile::Builder::new().prefix(PREFIX).tempdir().context("creating a temporary directory")?;
        std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
        std::fs::write(dir.path().join(MAKER), std::process::id().to_string())?;
        chown(dir.path(), owner)?;
        let password = crate::sys::random::hex(24)?;
        // The password reaches initdb through a file only it and this user can read.
        let pwfile = dir.path().join("pwfile");
        std::fs::write(&pwfile, format!("{password}\n"))?;
        std::fs::set_permissions(&pwfile, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        chown(&pwfile, owner)?;
        let data = dir.path().join("data");
        let out = command(&initdb.path, owner)
            .arg("-D")
            .arg(&data)
            .args(["-U", "dbctl", "--auth=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C"])
            .arg(format!("--pwfile={}", pwfile.display()))
            .stdin(Stdio::null())
            .output()
            .context("running initdb")?;
        let _ = std::fs::remove_file(&pwfile);
        if !out.status.success() {
            bail!("initdb failed: {}", String::from_utf8_lossy(&out.stderr).trim());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let log = std::fs::File::create(dir.path().join("log"))?;
        chown(&dir.path().join("log"), owner)?;
        let postmaster = command(&postgres, owner)
            .arg("-D")
            .arg(&data)
            .arg("-p")
            .arg(port.to_string())
            .args(["-c", "listen_addresses=", "-c", "unix_socket_permissions=0700"])
            .arg("-c")
            .arg(format!("unix_socket_directories={}", dir.path().display()))
            .args(["-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=20"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .context("starting the throwaway PostgreSQL")?;
        let mut cluster = Self { dir, postmaster, port, password };
        cluster.wait_ready()?;
        Ok(cluster)
    }

    /// Waits until the cluster accepts connections, or its postmaster ended.
    fn wait_ready(&mut self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let url = self.url("postgres");
        loop {
            if let Ok(Some(status)) = self.postmaster.try_wait() {
                let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
                return Err(anyhow!("the throwaway PostgreSQL did not start ({status}): {}", log.trim()));
            }
            if crate::db::libpq::PqConn::connect(&url).is_ok() {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("the throwaway PostgreSQL did not accept connections within 60s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The postmaster's process id.
    pub fn pid(&self) -> u32 {
        self.postmaster.id()
    }

    /// A URL of a database of the cluster (over its unix socket).
    pub fn url(&self, database: &str) -> String {
        let host: String = percent_encoding::utf8_percent_encode(
            &self.dir.path().to_string_lossy(),
            percent_encoding::NON_ALPHANUMERIC,
        )
        .to_string();
        format!("postgres://dbctl:{}@/{database}?host={host}&port={}", self.password, self.port)
    }
}

impl Drop for ScratchCluster {
    fn drop(&mut self) {
        // Immediate shutdown (SIGQUIT), then the directory goes with the TempDir.
        let pid = self.postmaster.id() as i32;
        // SAFETY: signalling our own child.
        unsafe { libc::kill(pid, libc::SIGQUIT) };
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.postmaster.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.postmaster.kill();
        let _ = self.postmaster.wait();
    }
}
