//! A throwaway PostgreSQL cluster of the server's major version, made with initdb in a private
//! temporary directory and listening on a unix socket there only: the shadow of `migrate drift`
//! when the role may not create databases on the server. Stopped and deleted when dropped.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, anyhow, bail};

use crate::backup::producer::find_pg_tool;
use crate::settings::Settings;

pub struct ScratchCluster {
    dir: tempfile::TempDir,
    pg_ctl: PathBuf,
    port: u16,
    /// Run as this user (root may not run PostgreSQL: the `postgres` user then does).
    as_user: Option<String>,
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl ScratchCluster {
    /// Makes and starts a cluster whose programs are of major version `major`.
    pub fn start(major: u32, settings: &Settings) -> Result<Self> {
        let dirs = &settings.backup.pg_bin_dirs;
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
        let bin = initdb.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let pg_ctl = bin.join("pg_ctl");
        // SAFETY: geteuid has no preconditions.
        let root = unsafe { libc::geteuid() } == 0;
        let as_user = root.then(|| "postgres".to_string());
        let dir = tempfile::Builder::new()
            .prefix("dbctl-shadow-")
            .tempdir()
            .context("creating a temporary directory")?;
        if let Some(user) = &as_user {
            let ok = Command::new("chown").arg(user).arg(dir.path()).status().is_ok_and(|s| s.success());
            if !ok {
                bail!(
                    "running as root, the throwaway PostgreSQL runs as `{user}`, which does not exist here"
                );
            }
        }
        let cluster = Self { dir, pg_ctl, port: free_port()?, as_user };
        let data = cluster.data();
        let out = cluster
            .command(&initdb.path)
            .args(["-D"])
            .arg(&data)
            .args(["-U", "dbctl", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"])
            .output()
            .context("running initdb")?;
        if !out.status.success() {
            bail!("initdb failed: {}", String::from_utf8_lossy(&out.stderr).trim());
        }
        let options = format!(
            "-p {} -c listen_addresses='' -c unix_socket_directories={} -c fsync=off -c full_page_writes=off",
            cluster.port,
            cluster.dir.path().display()
        );
        let out = cluster
            .command(&cluster.pg_ctl)
            .args(["-D"])
            .arg(&data)
            .arg("-l")
            .arg(cluster.dir.path().join("log"))
            .args(["-w", "-t", "60", "-o", &options, "start"])
            .stdin(Stdio::null())
            .output()
            .context("starting the throwaway PostgreSQL")?;
        if !out.status.success() {
            let log = std::fs::read_to_string(cluster.dir.path().join("log")).unwrap_or_default();
            return Err(anyhow!("the throwaway PostgreSQL did not start: {}", log.trim()));
        }
        Ok(cluster)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn command(&self, program: &Path) -> Command {
        match &self.as_user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(program);
                c
            }
            None => Command::new(program),
        }
    }

    /// A URL of a database of the cluster (over its unix socket).
    pub fn url(&self, database: &str) -> String {
        let host: String = percent_encoding::utf8_percent_encode(
            &self.dir.path().to_string_lossy(),
            percent_encoding::NON_ALPHANUMERIC,
        )
        .to_string();
        format!("postgres://dbctl@/{database}?host={host}&port={}", self.port)
    }
}

impl Drop for ScratchCluster {
    fn drop(&mut self) {
        let _ = self
            .command(&self.pg_ctl)
            .args(["-D"])
            .arg(self.data())
            .args(["-m", "immediate", "-w", "stop"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
