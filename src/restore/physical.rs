//! `restore --physical`: a base backup written out as a data directory, with the settings that
//! make PostgreSQL recover from the WAL archive (`dbctl wal fetch` as restore_command) up to a
//! target; with `--start`, the server started on a local port and watched until it got there.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};

use crate::backup::unpack::Keys;
use crate::output::Output;

/// Where recovery stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The end of the archived WAL.
    End,
    Time(chrono::DateTime<chrono::FixedOffset>),
    Lsn(u64),
    Xid(u64),
    Name(String),
}

impl Target {
    /// Reads the one target given (`--target-time` and the others are exclusive on the command
    /// line).
    pub fn from_args(
        time: Option<&str>,
        lsn: Option<&str>,
        xid: Option<&str>,
        name: Option<&str>,
    ) -> Result<Self> {
        if let Some(t) = time {
            return parse_time(t).map(Target::Time);
        }
        if let Some(l) = lsn {
            return crate::backup::basebackup::parse_lsn(l).map(Target::Lsn).ok_or_else(|| {
                anyhow!("--target-lsn `{l}` is not an LSN (written as PostgreSQL does: 0/3000028)")
            });
        }
        if let Some(x) = xid {
            return x
                .trim()
                .parse()
                .map(Target::Xid)
                .map_err(|_| anyhow!("--target-xid `{x}` is not a transaction id"));
        }
        if let Some(n) = name {
            if n.is_empty() || n.len() > 63 || n.chars().any(|c| c.is_control() || c == '\'' || c == '\\') {
                bail!(
                    "--target-name must be a restore point's name (pg_create_restore_point), at most 63 characters"
                );
            }
            return Ok(Target::Name(n.to_string()));
        }
        Ok(Target::End)
    }

    /// The recovery settings for it.
    fn settings(&self) -> Vec<(String, String)> {
        let mut out = match self {
            Target::End => Vec::new(),
            Target::Time(t) => {
                vec![("recovery_target_time".into(), t.format("%Y-%m-%d %H:%M:%S%.6f%:z").to_string())]
            }
            Target::Lsn(l) => vec![("recovery_target_lsn".into(), crate::backup::basebackup::format_lsn(*l))],
            Target::Xid(x) => vec![("recovery_target_xid".into(), x.to_string())],
            Target::Name(n) => vec![("recovery_target_name".into(), n.clone())],
        };
        if *self != Target::End {
            out.push(("recovery_target_action".into(), "promote".into()));
        }
        out.push(("recovery_target_timeline".into(), "latest".into()));
        out
    }

    /// Whether a base backup that finished at `finished` (its end LSN `stop`) can recover to
    /// this target: it must have ended before it.
    pub fn after_backup(&self, finished: Option<chrono::DateTime<chrono::Utc>>, stop: Option<u64>) -> bool {
        match self {
            Target::Time(t) => finished.is_some_and(|f| f <= t.to_utc()),
            Target::Lsn(l) => stop.is_some_and(|s| s <= *l),
            _ => true,
        }
    }
}

/// A time with its offset: RFC 3339 or `YYYY-MM-DD HH:MM:SS[.frac]±HH[:MM]` (as psql prints
/// timestamptz). A time without an offset is refused: the server would read it in its own zone.
pub fn parse_time(text: &str) -> Result<chrono::DateTime<chrono::FixedOffset>> {
    let t = text.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(d);
    }
    let with_minutes = if t.len() > 3 && t[t.len() - 3..].starts_with(['+', '-']) {
        format!("{t}:00")
    } else {
        t.to_string()
    };
    for f in ["%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%d %H:%M:%S%:z"] {
        if let Ok(d) = chrono::DateTime::parse_from_str(&with_minutes, f) {
            return Ok(d);
        }
    }
    bail!(
        "--target-time `{}` is not a time with its offset: write it as 2026-12-06 10:42:13+00 or 2026-12-06T10:42:13Z",
        crate::text::escape_controls(crate::text::prefix(t, 60))
    )
}

/// What `restore --physical` was asked.
pub struct Options {
    pub pgdata: PathBuf,
    pub clean: bool,
    pub target: Target,
    /// Start the restored server on this port (127.0.0.1), and wait for it to recover.
    pub start: Option<u16>,
    /// Keep WAL archiving on in the restored server.
    pub archive: bool,
    /// The restore_command's words before `%f %p` (dbctl's global flags: the project directory,
    /// config and env files, profile; then `wal fetch`) and after (identity files, destination),
    /// paths absolute.
    pub fetch_before: Vec<String>,
    pub fetch_after: Vec<String>,
    /// How long `--start` waits for recovery.
    pub wait: Duration,
}

/// Quotes `s` for the shell (single quotes, unless it is plain), then escapes what
/// PostgreSQL's restore_command would take as its own (`%`).
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"_./:@=+-,".contains(&b));
    let quoted = if plain { s.to_string() } else { format!("'{}'", s.replace('\'', "'\\''")) };
    quoted.replace('%', "%%")
}

/// A postgresql.conf string value.
fn conf_value(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
}

/// The directory to write: missing, empty, or (with --clean) a data directory no server runs
/// on, emptied. Returns whether dbctl made it.
fn prepare_dir(dir: &Path, clean: bool) -> Result<bool> {
    if !dir.exists() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        set_private(dir)?;
        return Ok(true);
    }
    if !dir.is_dir() {
        bail!("{} is not a directory", dir.display());
    }
    let mut entries =
        std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?.peekable();
    if entries.peek().is_some() {
        if !clean {
            bail!(
                "{} is not empty; give an empty or new directory, or --clean to replace the data directory that is there",
                dir.display()
            );
        }
        if !dir.join("PG_VERSION").is_file() {
            bail!(
                "{} is not empty and not a PostgreSQL data directory (no PG_VERSION): --clean only empties a data \
                 directory; give an empty or new directory",
                dir.display()
            );
        }
        if let Some(pid) = running_postmaster(dir) {
            bail!(
                "a server (pid {pid}) runs on {}; stop it first (pg_ctl -D {} stop)",
                dir.display(),
                dir.display()
            );
        }
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            let gone = if p.is_dir() && !p.is_symlink() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
            gone.with_context(|| format!("removing {}", p.display()))?;
        }
    }
    set_private(dir)?;
    Ok(false)
}

fn set_private(dir: &Path) -> Result<()> {
    std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .with_context(|| format!("setting the mode of {}", dir.display()))
}

/// The pid in `postmaster.pid`, when that process is alive.
fn running_postmaster(dir: &Path) -> Option<i32> {
    let text = std::fs::read_to_string(dir.join("postmaster.pid")).ok()?;
    let pid: i32 = text.lines().next()?.trim().parse().ok()?;
    // SAFETY: signal 0 only checks that the process exists.
    (pid > 0 && unsafe { libc::kill(pid, 0) } == 0).then_some(pid)
}

/// Removes what a failed restore wrote: the directory's contents, and the directory if dbctl
/// made it.
fn undo(dir: &Path, made: bool) {
    if made {
        let _ = std::fs::remove_dir_all(dir);
    } else if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            let _ = if p.is_dir() && !p.is_symlink() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
        }
    }
}

/// What a physical restore did.
pub struct Restored {
    pub pgdata: PathBuf,
    pub backup_id: String,
    /// With --start: the time of the last transaction replayed, as the server says it.
    pub recovered_to: Option<String>,
}

/// Writes the base backup `source` to `opts.pgdata` and sets it up to recover.
pub fn restore(
    source: &super::StoredBackup,
    keys: &mut Keys,
    opts: &Options,
    pg_bin_dirs: &[PathBuf],
    url: Option<&str>,
    out: &Output,
) -> Result<Restored> {
    let m = source.manifest.as_ref().ok_or_else(|| anyhow!("a base backup is restored from its manifest"))?;
    let facts = m.physical.as_ref().ok_or_else(|| anyhow!("{} is not a base backup", m.artifact))?;
    if m.is_encrypted() && keys.identities.is_empty() && keys.passphrase.is_none() {
        bail!(
            "{} is encrypted: give its identity with -i KEY (the restored server's restore_command decrypts each WAL \
             file with the same key)",
            m.artifact
        );
    }
    if !opts.target.after_backup(m.finished(), crate::backup::basebackup::parse_lsn(&facts.stop_lsn)) {
        bail!(
            "the base backup {} ends after the recovery target (it finished {}, at WAL position {}): choose an older \
             base backup (`dbctl backup list`), or a later target",
            m.id,
            m.finished_at,
            facts.stop_lsn
        );
    }
    if opts.start.is_some() && unsafe { libc::geteuid() } == 0 {
        bail!(
            "--start runs the restored server, which PostgreSQL refuses to run as root: run dbctl as the user the \
             server runs as (sudo -u postgres dbctl …)"
        );
    }
    let major = crate::db::pg_tools::major_of(&m.server_version)
        .ok_or_else(|| anyhow!("the base backup's server version `{}` does not read", m.server_version))?;
    let pg_ctl = match opts.start {
        Some(_) => Some(find_pg_ctl(pg_bin_dirs, major, out)?),
        None => None,
    };
    let made = prepare_dir(&opts.pgdata, opts.clean)?;
    let written =
        write_out(source, keys, &opts.pgdata, out).and_then(|()| write_settings(&opts.pgdata, m, opts));
    if let Err(e) = written {
        undo(&opts.pgdata, made);
        return Err(e.context(format!("nothing was left in {}", opts.pgdata.display())));
    }
    let mut restored = Restored { pgdata: opts.pgdata.clone(), backup_id: m.id.clone(), recovered_to: None };
    if let (Some(port), Some(pg_ctl)) = (opts.start, pg_ctl) {
        restored.recovered_to = Some(start_and_wait(&pg_ctl, &opts.pgdata, port, url, opts, out)?);
    }
    Ok(restored)
}

/// Decodes the stored tar into `dir`, then checks the stored bytes against the manifest.
fn write_out(source: &super::StoredBackup, keys: &mut Keys, dir: &Path, out: &Output) -> Result<()> {
    let mut decoded = source.open(keys, false)?;
    let m = source.manifest.as_ref().expect("checked");
    let bar = out.progress(Some(m.uncompressed_bytes), false, &m.artifact);
    let reader = std::mem::replace(&mut decoded.reader, Box::new(std::io::empty()));
    let mut archive = tar::Archive::new(Counted { inner: reader, read: 0, bar: bar.clone() });
    archive.set_preserve_permissions(true);
    archive.set_overwrite(false);
    archive.set_unpack_xattrs(false);
    let unpacked = unpack(&mut archive, dir);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    super::stream::not_interrupted()?;
    unpacked.with_context(|| format!("writing the base backup into {}", dir.display()))?;
    let mut rest = archive.into_inner();
    std::io::copy(&mut rest, &mut std::io::sink()).context("reading the end of the base backup")?;
    super::stream::check_stored(&decoded, source)?;
    Ok(())
}

/// Writes each member of the tar into `dir`: regular files and directories with plain relative
/// names only, as pg_basebackup writes them (a planted tar with `..`, an absolute name, a link
/// or a device is refused, not skipped).
fn unpack<R: std::io::Read>(archive: &mut tar::Archive<R>, dir: &Path) -> Result<()> {
    let mut seen_label = false;
    for entry in archive.entries().context("reading the base backup's tar")? {
        let mut entry = entry.context("reading the base backup's tar")?;
        let path = entry.path().context("a member's name")?.into_owned();
        let shown = crate::text::escape_controls(&path.to_string_lossy());
        let plain = path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir));
        if !plain || path.as_os_str().is_empty() {
            bail!(
                "the base backup holds `{shown}`, a name that leaves the data directory: it is not pg_basebackup's"
            );
        }
        let kind = entry.header().entry_type();
        if !(kind.is_file() || kind.is_dir()) {
            bail!(
                "the base backup holds `{shown}`, which is neither a file nor a directory (links and devices are not restored)"
            );
        }
        seen_label |= path == Path::new("backup_label");
        if !entry.unpack_in(dir).with_context(|| format!("writing {shown}"))? {
            bail!("the base backup's `{shown}` would be written outside the data directory");
        }
    }
    if !seen_label {
        bail!("the base backup has no backup_label: it is not pg_basebackup's, or it is cut short");
    }
    Ok(())
}

/// A reader that moves a progress bar.
struct Counted {
    inner: Box<dyn std::io::Read + Send>,
    read: u64,
    bar: Option<indicatif::ProgressBar>,
}

impl std::io::Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Some(sig) = crate::sys::signals::received() {
            return Err(std::io::Error::other(crate::sys::signals::Interrupted(sig)));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if let Some(bar) = &self.bar {
            bar.set_position(self.read);
        }
        Ok(n)
    }
}

/// `recovery.signal`, and the recovery settings appended to `postgresql.auto.conf` (which
/// overrides postgresql.conf).
fn write_settings(dir: &Path, m: &crate::backup::manifest::Manifest, opts: &Options) -> Result<()> {
    let exe = std::env::current_exe().context("finding dbctl's own path for the restore_command")?;
    let exe = exe.to_str().ok_or_else(|| anyhow!("dbctl's path {} is not UTF-8", exe.display()))?;
    let mut words = vec![shell_word(exe)];
    words.extend(opts.fetch_before.iter().map(|a| shell_word(a)));
    words.extend(["%f".to_string(), "%p".to_string()]);
    words.extend(opts.fetch_after.iter().map(|a| shell_word(a)));
    let command = words.join(" ");
    let mut settings = vec![("restore_command".to_string(), command)];
    settings.extend(opts.target.settings());
    if !opts.archive {
        settings.push(("archive_mode".into(), "off".into()));
    }
    let mut text = format!(
        "\n# Written by dbctl restore --physical {} ({}): recovery from the WAL archive.\n",
        m.id,
        crate::sys::now()
    );
    if !opts.archive {
        text.push_str(
            "# WAL archiving is off here, so that this copy never adds a timeline to the archive it came from;\n\
             # remove the archive_mode line (and restart) once this server is the primary.\n",
        );
    }
    for (k, v) in &settings {
        text.push_str(&format!("{k} = {}\n", conf_value(v)));
    }
    let auto = dir.join("postgresql.auto.conf");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&auto)
        .with_context(|| format!("writing {}", auto.display()))?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .with_context(|| format!("writing {}", auto.display()))?;
    std::fs::write(dir.join("recovery.signal"), b"").context("writing recovery.signal")?;
    Ok(())
}

/// pg_ctl of exactly the backup's major version: a server runs only its own data directory.
fn find_pg_ctl(bin_dirs: &[PathBuf], major: u32, out: &Output) -> Result<PathBuf> {
    let tool = crate::db::pg_tools::find_pg_tool("pg_ctl", None, bin_dirs, major, &mut |w| out.verbose(w))?;
    if tool.major != major {
        bail!(
            "--start needs PostgreSQL {major}'s server (the base backup's version); found only pg_ctl {}: install \
             postgresql-{major}, or set backup.pg_bin_dir",
            tool.version
        );
    }
    Ok(tool.path)
}

/// Starts the server on 127.0.0.1:`port` (no Unix socket), and waits until it has left
/// recovery; returns the time of the last transaction it replayed.
fn start_and_wait(
    pg_ctl: &Path,
    dir: &Path,
    port: u16,
    url: Option<&str>,
    opts: &Options,
    out: &Output,
) -> Result<String> {
    let log = dir.join("dbctl-recovery.log");
    let options = format!("-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=");
    let status = std::process::Command::new(pg_ctl)
        .arg("-D")
        .arg(dir)
        .arg("-l")
        .arg(&log)
        .args(["-W", "-o", &options, "start"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .with_context(|| format!("starting {}", pg_ctl.display()))?;
    if !status.success() {
        bail!("pg_ctl could not start the restored server; see {}", log.display());
    }
    let url = url
        .ok_or_else(|| anyhow!("--start connects with DATABASE_URL's user and database; set DATABASE_URL"))?;
    let mut local = url::Url::parse(url).map_err(|_| anyhow!("DATABASE_URL does not read as a URL"))?;
    local.set_host(Some("127.0.0.1")).map_err(|_| anyhow!("DATABASE_URL's host cannot be replaced"))?;
    local.set_port(Some(port)).map_err(|_| anyhow!("DATABASE_URL's port cannot be replaced"))?;
    let target = crate::db::DbTarget::Postgres { url: local.to_string() };
    out.info(&format!("the restored server is recovering on 127.0.0.1:{port} (log: {})", log.display()));
    let started = Instant::now();
    let deadline = started + opts.wait;
    loop {
        super::stream::not_interrupted()?;
        // It stopped (after the moment it takes to write its pid file): recovery failed, at a
        // target past the archive's end or a file missing from it.
        if started.elapsed() > Duration::from_secs(2) && running_postmaster(dir).is_none() {
            std::thread::sleep(Duration::from_millis(300));
            if running_postmaster(dir).is_none() {
                bail!("the restored server stopped during recovery: {}", log_tail(&log));
            }
        }
        if let Ok(mut conn) = crate::db::connect(&target, Duration::from_secs(5), &mut |_| {})
            && let Ok(v) = conn.query_text("SELECT pg_is_in_recovery()::text AS v")
            && v == "false"
        {
            let at = conn
                .query_text(
                    "SELECT coalesce(pg_last_xact_replay_timestamp()::text, 'no transaction replayed') AS v",
                )
                .unwrap_or_default();
            return Ok(at);
        }
        if Instant::now() > deadline {
            bail!(
                "the restored server has not finished recovery after {}; it keeps running (pg_ctl -D {} stop), see {}",
                crate::text::std_duration(opts.wait),
                dir.display(),
                log.display()
            );
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// The last lines of the server's log that say why it stopped.
fn log_tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("FATAL") || l.contains("PANIC") || l.contains("LOG:  recovery"))
        .collect();
    let shown = lines.iter().rev().take(3).rev().cloned().collect::<Vec<_>>().join("; ");
    if shown.is_empty() {
        format!("see {}", log.display())
    } else {
        format!("{shown} (see {})", log.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_as_postgresql_takes_them() {
        let t = parse_time("2026-12-06 10:42:13+00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-06T10:42:13+00:00");
        assert!(parse_time("2026-12-06T10:42:13.5Z").is_ok());
        assert!(parse_time("2026-12-06 10:42:13.123456+05:30").is_ok());
        assert!(parse_time("2026-12-06 10:42:13").unwrap_err().to_string().contains("offset"));
        assert!(parse_time("yesterday'; DROP").is_err());
        assert_eq!(Target::from_args(None, Some("0/3000028"), None, None).unwrap(), Target::Lsn(0x300_0028));
        assert!(Target::from_args(None, None, None, Some("a'b")).is_err());
        let s = Target::Time(t).settings();
        assert_eq!(
            s[0],
            ("recovery_target_time".to_string(), "2026-12-06 10:42:13.000000+00:00".to_string())
        );
        assert!(s.contains(&("recovery_target_action".to_string(), "promote".to_string())));
    }

    #[test]
    fn the_restore_command_survives_quotes_and_percent_signs() {
        assert_eq!(shell_word("/opt/it's 100%/dbctl"), "'/opt/it'\\''s 100%%/dbctl'");
        assert_eq!(shell_word("/usr/local/bin/dbctl"), "/usr/local/bin/dbctl");
        assert_eq!(shell_word("a;b"), "'a;b'");
        assert_eq!(conf_value("a 'b' \\c"), "'a ''b'' \\\\c'");
    }
}
