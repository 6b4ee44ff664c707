//! `dbctl schedule show | run | install`: backups on `backup.schedule`.

use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::backup::Config as BackupConfig;
use crate::backup::{self, slot::Slot};
use crate::cli::{ScheduleCommand, ScheduleRunArgs};
use crate::crontab::Schedule;
use crate::error::ConfigError;
use crate::output::Output;
use crate::settings::Settings;
use crate::sys::signals;

pub fn run(cmd: &ScheduleCommand, settings: &Settings, out: &Output) -> Result<u8> {
    if let ScheduleCommand::Install { kubernetes: true, .. } = cmd {
        return install_kubernetes(cmd, settings, false, out);
    }
    if let ScheduleCommand::Install { cron, user, no_env_file, .. } = cmd {
        let default = std::path::Path::new("/etc/dbctl/env");
        let env_file = (!no_env_file).then(|| settings.named_env_file().unwrap_or(default));
        return install(*cron, user.as_deref(), env_file, settings, out);
    }
    let schedule = settings.backup.schedule.as_ref().ok_or_else(|| {
        ConfigError::new(
            "no schedule is set: set backup.schedule or BACKUP_SCHEDULE, e.g. `0 2 * * *` for 02:00 every day",
        )
    })?;
    match cmd {
        ScheduleCommand::Show { count, from } => show(schedule, *count, *from, out),
        ScheduleCommand::Run(args) => run_forever(schedule, args, settings, out),
        ScheduleCommand::Install { .. } => unreachable!("handled above"),
    }
}

fn show(schedule: &Schedule, count: usize, after: Option<DateTime<Utc>>, out: &Output) -> Result<u8> {
    let now = Utc::now();
    let mut times = Vec::new();
    let mut from = after.unwrap_or(now);
    while times.len() < count {
        let Some(next) = schedule.next_after(&from) else { break };
        times.push(next);
        from = next;
    }
    if out.settings.json {
        let value = serde_json::json!({
            "schedule": schedule.as_str(),
            "timezone": schedule.zone().name(),
            "next": times.iter().map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).collect::<Vec<_>>(),
        });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
        return Ok(0);
    }
    let zone = schedule.zone();
    let mut text = format!(
        "schedule `{}` ({}); the {} runs after {}:\n",
        schedule.as_str(),
        zone.name(),
        times.len(),
        match after {
            Some(t) => t.with_timezone(&zone).format("%Y-%m-%d %H:%M:%S %Z").to_string(),
            None => "now".into(),
        }
    );
    for t in &times {
        let local = t.with_timezone(&zone).format("%Y-%m-%d %H:%M:%S %a %Z");
        let utc =
            if zone == chrono_tz::Tz::UTC { String::new() } else { t.format("  (%H:%M UTC)").to_string() };
        let when = match (*t - now).to_std() {
            Ok(wait) => format!("in {}", crate::text::std_duration(wait)),
            Err(_) => "past".to_string(),
        };
        text.push_str(&format!("  {local}{utc}  {when}\n"));
    }
    out.stdout(&text)?;
    Ok(0)
}

/// A job `schedule install` writes: the backups on `backup.schedule`, the base backups on
/// `backup.physical_schedule`, the restore test on `backup.verify_schedule`, the maintenance on
/// `maintain.schedule`.
struct Job<'a> {
    /// `backup`, `base-backup`, `verify` or `maintain`: the units' names (dbctl-backup.service)
    /// and the job's words.
    name: &'static str,
    schedule: &'a Schedule,
    /// dbctl's arguments after the global ones.
    args: Vec<String>,
}

fn words(text: &str) -> Vec<String> {
    text.split(' ').map(str::to_string).collect()
}

/// `backup verify latest --restore-test`, with the identity it decrypts with.
fn verify_args(settings: &Settings) -> Result<Vec<String>> {
    let mut args = words("backup verify latest --restore-test");
    match &settings.verify_identity {
        Some(key) => args.extend(["-i".to_string(), key.display().to_string()]),
        None if !settings.backup.recipients.is_empty() => {
            return Err(ConfigError::new(
                "backup.verify_schedule restores encrypted backups, which needs their private key: set \
                 backup.verify_identity or BACKUP_VERIFY_IDENTITY to an age identity file (on a host other than \
                 the one holding the backup credentials, preferably)",
            )
            .into());
        }
        None => {}
    }
    Ok(args)
}

fn jobs(settings: &Settings) -> Result<Vec<Job<'_>>> {
    let mut jobs = Vec::new();
    if let Some(schedule) = &settings.backup.schedule {
        jobs.push(Job { name: "backup", schedule, args: words("backup --prune") });
    }
    if let Some(schedule) = &settings.physical_schedule {
        jobs.push(Job { name: "base-backup", schedule, args: words("backup --physical --prune") });
    }
    if let Some(schedule) = &settings.verify_schedule {
        jobs.push(Job { name: "verify", schedule, args: verify_args(settings)? });
    }
    if let Some(schedule) = &settings.maintain_schedule {
        jobs.push(Job { name: "maintain", schedule, args: words("maintain") });
    }
    if jobs.is_empty() {
        return Err(ConfigError::new(
            "no schedule is set: set backup.schedule or BACKUP_SCHEDULE (e.g. `0 2 * * *` for 02:00 every day), \
             and maintain.schedule for maintenance",
        )
        .into());
    }
    Ok(jobs)
}

/// What runs a job, as a shell command: this binary, in this directory, with the config and the
/// environment file (which dbctl reads by dotenv's rules: no shell ever sources it).
fn job_command(
    settings: &Settings,
    env_file: Option<&std::path::Path>,
    args: &[String],
) -> Result<(String, String)> {
    let exe = std::env::current_exe().map_err(|e| anyhow!("finding dbctl's own path: {e}"))?;
    let cwd = std::env::current_dir()?;
    let mut cmd = crate::sys::shell_quote(&exe.display().to_string());
    if let Some(config) = &settings.config_file {
        let config = if config.is_absolute() { config.clone() } else { cwd.join(config) };
        cmd.push_str(&format!(" --config {}", crate::sys::shell_quote(&config.display().to_string())));
    }
    if let Some(f) = env_file {
        let f = if f.is_absolute() { f.to_path_buf() } else { cwd.join(f) };
        cmd.push_str(&format!(" --env-file {}", crate::sys::shell_quote(&f.display().to_string())));
    }
    if let Some(profile) = &settings.profile {
        cmd.push_str(&format!(" --env {}", crate::sys::shell_quote(profile)));
    }
    cmd.push_str(" --quiet");
    for a in args {
        cmd.push(' ');
        cmd.push_str(&crate::sys::shell_quote(a));
    }
    let cwd = cwd.display().to_string();
    // A crontab line ends at a newline and turns `%` into one; a unit file reads `%` as a
    // specifier: a path holding either would make the job run something else.
    for text in [&cwd, &cmd] {
        if text.contains(['\n', '\r', '%']) {
            return Err(ConfigError::new(format!(
                "the job's command would hold a newline or `%` ({}), which cron and systemd read as more than \
                 text; run dbctl from, and name files in, paths without them",
                crate::text::escape_controls(text)
            ))
            .into());
        }
    }
    Ok((cwd, cmd))
}

fn install(
    cron: bool,
    user: Option<&str>,
    env_file: Option<&std::path::Path>,
    settings: &Settings,
    out: &Output,
) -> Result<u8> {
    let jobs = jobs(settings)?;
    // Cron and systemd start with an almost empty environment: what this shell gives dbctl now,
    // the job will not have.
    let from_shell: Vec<&str> = settings
        .resolved
        .iter()
        // The schedules themselves are in the crontab lines or the timers.
        .filter(|r| !r.key.name.starts_with("backup.schedule") && r.key.name != "maintain.schedule")
        .filter_map(|r| r.origin.shell_variable())
        .collect();
    if !from_shell.is_empty() {
        out.warn(&format!(
            "{} {} from this shell's environment, which the job will not have: put {} in {}",
            from_shell.join(", "),
            if from_shell.len() == 1 { "comes" } else { "come" },
            if from_shell.len() == 1 { "it" } else { "them" },
            env_file.map_or("the config file".to_string(), |f| f.display().to_string())
        ));
    }
    // Values of an environment file the job will not read (the project's `.env` when the job
    // reads /etc/dbctl/env): the same loss.
    if let Some(job_file) = env_file {
        let mut elsewhere: Vec<(&str, &std::path::Path)> = Vec::new();
        for r in &settings.resolved {
            if let crate::settings::Origin::EnvFile { var, path } = &r.origin
                && path.as_path() != job_file
                && !r.key.name.starts_with("backup.schedule")
                && r.key.name != "maintain.schedule"
            {
                elsewhere.push((var, path));
            }
        }
        if let Some((_, from)) = elsewhere.first() {
            let vars: Vec<&str> = elsewhere.iter().map(|(v, _)| *v).collect();
            out.warn(&format!(
                "{} {} from {}, which the job will not read (it reads {}): copy that file there \
                 (`install -m 600 {} {}`), or pass --env-file {}",
                vars.join(", "),
                if vars.len() == 1 { "comes" } else { "come" },
                from.display(),
                job_file.display(),
                from.display(),
                job_file.display(),
                from.display()
            ));
        }
    }
    let settings_from = env_file.map_or("the config file".to_string(), |f| {
        format!(
            "{} (read by dbctl by dotenv's rules, as the application's .env is written; mode 0600)",
            f.display()
        )
    });
    let mut text = String::new();
    if cron {
        // Both schedules are read in backup.schedule_timezone: one CRON_TZ serves them.
        let zone = jobs[0].schedule.zone().name();
        let (user_field, target) = match user {
            Some(u) => (format!("{u} "), "for /etc/cron.d (with its user field)"),
            None => (String::new(), "for `crontab -e` (no user field; pass --user for /etc/cron.d)"),
        };
        let what: Vec<String> =
            jobs.iter().map(|j| format!("{} on `{}`", j.name, j.schedule.as_str())).collect();
        text.push_str(&format!(
            "# dbctl: {} in {zone}, {target}. CRON_TZ is honoured by cronie (Fedora, RHEL, Arch);\n\
             # where the host's cron ignores it (Debian's cron uses the host's zone), use --systemd or\n\
             # `dbctl schedule run`. Settings come from {settings_from}.\n\
             CRON_TZ={zone}\n",
            what.join(", ")
        ));
        for job in &jobs {
            let fields = job.schedule.crontab_fields().ok_or_else(|| {
                ConfigError::new(format!(
                    "`{}` has no crontab form; use `dbctl schedule install --systemd` or `dbctl schedule run`",
                    job.schedule.as_str()
                ))
            })?;
            let (cwd, cmd) = job_command(settings, env_file, &job.args)?;
            // A failing `cd` or a missing environment file stops the job with a message cron
            // mails, rather than a run against the wrong database or none. The file itself is
            // read by dbctl (`--env-file`), never sourced by the shell, whose quoting rules
            // are not dotenv's.
            let mut line = format!("cd {} || exit 1", crate::sys::shell_quote(&cwd));
            if let Some(f) = env_file {
                let f = crate::sys::shell_quote(&f.display().to_string());
                line.push_str(&format!(
                    "; [ -r {f} ] || {{ echo \"dbctl {}: cannot read {f}\" >&2; exit 1; }}",
                    job.name
                ));
            }
            text.push_str(&format!("{fields} {user_field}{line}; {cmd}\n"));
        }
    } else {
        let user_line = user.map_or(String::new(), |u| format!("User={u}\n"));
        // The environment file is dbctl's `--env-file` (dotenv's rules; systemd's
        // EnvironmentFile= would keep `# comments` in values); a missing one fails the unit.
        for job in &jobs {
            let (cwd, cmd) = job_command(settings, env_file, &job.args)?;
            let timer: String = job.schedule.systemd_timer().iter().map(|l| format!("{l}\n")).collect();
            let name = job.name;
            text.push_str(&format!(
                "# /etc/systemd/system/dbctl-{name}.service\n\
                 [Unit]\n\
                 Description=dbctl {name}\n\
                 Wants=network-online.target\n\
                 After=network-online.target\n\n\
                 [Service]\n\
                 Type=oneshot\n\
                 {user_line}\
                 WorkingDirectory={cwd}\n\
                 ExecStart={cmd}\n\n\
                 # /etc/systemd/system/dbctl-{name}.timer\n\
                 [Unit]\n\
                 Description=dbctl {name} on `{}`\n\n\
                 [Timer]\n\
                 {timer}\
                 Persistent=true\n\n\
                 [Install]\n\
                 WantedBy=timers.target\n\n",
                job.schedule.as_str()
            ));
        }
        let timers: Vec<String> = jobs.iter().map(|j| format!("dbctl-{}.timer", j.name)).collect();
        text.push_str(&format!(
            "# Then: systemctl daemon-reload && systemctl enable --now {}\n",
            timers.join(" ")
        ));
    }
    out.stdout(&text)?;
    Ok(0)
}

/// `schedule install --kubernetes`: the manifests, and what to run before applying them.
/// `all_servers`: a CronJob per primary, or with --indexed one Indexed Job across them.
pub fn install_kubernetes(
    cmd: &ScheduleCommand,
    settings: &Settings,
    all_servers: bool,
    out: &Output,
) -> Result<u8> {
    let ScheduleCommand::Install { namespace, image, name, indexed, parallelism, deployment, user, .. } = cmd
    else {
        unreachable!("only install")
    };
    if user.is_some() {
        return Err(ConfigError::new("--user: a pod runs as the image's own non-root user (65532)").into());
    }
    let base = crate::kubernetes::dns_label(name);
    if base.is_empty() || base.len() > 30 || base != *name {
        return Err(ConfigError::new(format!(
            "--name {name}: a name prefix is lowercase letters, digits and `-`, 30 characters at most (CronJob \
             names are limited to 52 with their job and server)"
        ))
        .into());
    }
    if *indexed && !all_servers {
        return Err(ConfigError::new(
            "--indexed spreads the servers of --all-servers over one Job's pods: add --all-servers",
        )
        .into());
    }
    // A local destination is a directory in the pod, gone with it.
    if let Some(local) =
        settings.backup.destinations.iter().find(|d| matches!(d.place, crate::storage::Place::Local(_)))
    {
        return Err(ConfigError::new(format!(
            "the local destination ({}) would be a directory inside the pod, lost with it: back up to S3 or GCS \
             (set BACKUP_S3_BUCKET or BACKUP_GCS_BUCKET, and leave BACKUP_LOCAL unset or `false`) in the \
             environment file the Secret will hold",
            local.place()
        ))
        .into());
    }
    let jobs = jobs(settings)?;
    let history = longest_runs(settings, out);
    let mut kube_jobs = Vec::new();
    let mut deadlines = Vec::new();
    for job in &jobs {
        if job.schedule.crontab_fields().is_none() {
            return Err(ConfigError::new(format!(
                "`{}` has no crontab form, which a CronJob needs; write it in five fields, or use --deployment \
                 (`schedule run`)",
                job.schedule.as_str()
            ))
            .into());
        }
        // The dump's CronJob runs its slot through `schedule run --once`: a second Job or a
        // retry for the same slot finds the backup made and makes none.
        let args: Vec<String> = match job.name {
            "backup" => words("schedule run --once --prune"),
            // The identity as the pod sees it (from the Secret).
            "verify" => {
                let mut args = words("backup verify latest --restore-test");
                if let Some(path) = pod_path(settings, "backup.verify_identity") {
                    args.extend(["-i".to_string(), path]);
                }
                args
            }
            _ => job.args.clone(),
        };
        // Stopped before the next slot: with concurrencyPolicy Forbid a hung job would otherwise
        // keep every later one from starting. Within that, four times the longest recent run of
        // its kind (an hour at least), when the destinations say how long backups take.
        let interval = crate::kubernetes::interval(job.schedule).unwrap_or(86_400);
        let ceiling = (interval * 9 / 10).clamp(300, 86_400);
        let longest = match job.name {
            "backup" | "verify" => history.as_ref().map(|h| h.0),
            "base-backup" => history.as_ref().map(|h| h.1),
            _ => None,
        }
        .filter(|s| *s > 0);
        let deadline = longest.map_or(ceiling, |s| (s * 4).max(3600).min(ceiling));
        deadlines.push((job.name, deadline));
        kube_jobs.push(crate::kubernetes::Job { name: job.name, schedule: job.schedule, args });
    }
    let servers = if !all_servers {
        crate::kubernetes::Servers::One
    } else {
        let primaries: Vec<String> = settings.primaries()?.iter().map(|s| s.name.clone()).collect();
        if *indexed {
            crate::kubernetes::Servers::Indexed {
                count: primaries.len(),
                parallelism: usize::from(*parallelism).min(primaries.len()),
            }
        } else {
            let mut labels: Vec<String> = primaries.iter().map(|n| crate::kubernetes::dns_label(n)).collect();
            labels.sort();
            if labels.windows(2).any(|w| w[0] == w[1])
                || labels.iter().any(|l| base.len() + l.len() + 13 > 52)
            {
                return Err(ConfigError::new(
                    "the servers' names do not make distinct CronJob names of 52 characters at most (lowercased, \
                     `_` and `.` as `-`): use --indexed, or shorter names",
                )
                .into());
            }
            crate::kubernetes::Servers::Each(primaries)
        }
    };
    let config = match &settings.config_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow!("reading the config file {}: {e}", path.display()))?;
            // A ConfigMap is no place for a password: what the redactor would hide stays out.
            if out.redact(&text) != text {
                return Err(ConfigError::new(format!(
                    "the config file {} holds a password or key, which would go into a ConfigMap (readable by \
                     whoever may read the namespace's configuration): move it to the environment file the \
                     Secret holds (DATABASE_URL, REDIS_URL, BACKUP_S3_SECRET_KEY…)",
                    path.display()
                ))
                .into());
            }
            Some(text)
        }
        None => None,
    };
    // Files the settings name, from the Secret, where the pods look for them.
    let mut files = Vec::new();
    let mut from_files = String::new();
    for (secret_key, setting) in
        [("gcs-key", "backup.gcs.key_file"), ("age-identity", "backup.verify_identity")]
    {
        let in_use = match setting {
            "backup.gcs.key_file" => {
                settings.backup.destinations.iter().any(|d| matches!(d.place, crate::storage::Place::Gcs(_)))
            }
            _ => settings.verify_schedule.is_some(),
        };
        let here = settings.resolved(setting).and_then(|r| r.value.clone());
        if let (true, Some(here), Some(in_pod)) = (in_use, here, pod_path(settings, setting)) {
            let here = if std::path::Path::new(&here).is_absolute() {
                here
            } else {
                std::env::current_dir()?.join(&here).display().to_string()
            };
            from_files.push_str(&format!(" --from-file={secret_key}={}", crate::sys::shell_quote(&here)));
            files.push((secret_key.to_string(), in_pod));
        }
    }
    // Measured: dbctl peaks at 31–67 MiB for one backup (docs/benchmarks.md), pg_dump beside it;
    // each further pg_dump of `backup.jobs` adds its own.
    let memory_mib = 128 + 64 * u64::from(settings.backup.jobs.saturating_sub(1));
    let version = env!("CARGO_PKG_VERSION");
    let plan = crate::kubernetes::Plan {
        base: base.clone(),
        namespace: namespace.clone(),
        image: image.clone().unwrap_or_else(|| format!("dbctl:{version}")),
        jobs: kube_jobs,
        servers,
        config,
        files,
        memory_mib,
        deadlines,
        deployment: deployment.then(|| {
            let mut args: Vec<String> = vec![
                "schedule".into(),
                "run".into(),
                "--prune".into(),
                "--serve".into(),
                format!("0.0.0.0:{}", crate::kubernetes::SERVE_PORT),
            ];
            // The probes come by the pod's address; Prometheus may come by the Service's names.
            let service = format!("{base}-scheduler");
            let mut names = vec![service.clone()];
            if let Some(ns) = namespace {
                names.extend([
                    format!("{service}.{ns}"),
                    format!("{service}.{ns}.svc"),
                    format!("{service}.{ns}.svc.cluster.local"),
                ]);
            }
            for n in names {
                args.extend(["--allow-host".into(), n]);
            }
            args
        }),
    };
    // Settings this shell gives dbctl now, which the pods will not have.
    let from_shell: Vec<&str> = settings.resolved.iter().filter_map(|r| r.origin.shell_variable()).collect();
    if !from_shell.is_empty() {
        out.warn(&format!(
            "{} {} from this shell's environment, which the pods will not have: put {} in the environment file \
             the Secret holds",
            from_shell.join(", "),
            if from_shell.len() == 1 { "comes" } else { "come" },
            if from_shell.len() == 1 { "it" } else { "them" }
        ));
    }
    let env_file = settings
        .named_env_file()
        .map(std::path::Path::to_path_buf)
        .or_else(|| settings.env_files.first().cloned())
        .map_or(".env".to_string(), |p| p.display().to_string());
    let ns = namespace.as_ref().map_or(String::new(), |n| format!(" -n {}", crate::sys::shell_quote(n)));
    let mut secret = format!(
        "kubectl{ns} create secret generic {base}-env --from-file=env={}",
        crate::sys::shell_quote(&env_file)
    );
    secret.push_str(&from_files);
    let watch = if *deployment {
        format!("kubectl{ns} logs -f deployment/{base}-scheduler")
    } else {
        format!("kubectl{ns} get jobs -l app.kubernetes.io/instance={base} --watch")
    };
    let mut text = format!(
        "# dbctl {version}: Kubernetes manifests. Settings reach the pods as files, nothing inline:\n\
         #   the environment file from the Secret {base}-env (read by dbctl by dotenv's rules){},\n\
         #   {}.\n\
         # 1. {secret}\n\
         # 2. kubectl apply -f <this file>\n\
         # 3. {watch}\n",
        if from_files.is_empty() { "" } else { ", with the files the settings name" },
        if plan.config.is_some() {
            "the config file from the ConfigMap below"
        } else {
            "no config file (none is used here)"
        }
    );
    text.push_str(&crate::kubernetes::to_yaml(&plan.objects()));
    out.stdout(&text)?;
    Ok(0)
}

/// The longest of the recent runs recorded in the destinations, in seconds: of dumps, and of base
/// backups (the ten newest of each). None when no destination can be read from here, said once.
fn longest_runs(settings: &Settings, out: &Output) -> Option<(u64, u64)> {
    let quiet = out.quieted();
    let mut all = Vec::new();
    for spec in &settings.backup.destinations {
        match spec.open().and_then(|store| crate::backup::catalog::manifests(store.as_ref(), &quiet)) {
            Ok(found) => all.extend(found),
            Err(e) => {
                out.warn(&format!("{}: {e:#}; the jobs' deadlines come from the schedule alone", spec.name))
            }
        }
    }
    if all.is_empty() {
        return None;
    }
    let longest = |base: bool| {
        let mut runs: Vec<&crate::backup::manifest::Manifest> =
            all.iter().filter(|m| m.physical.is_some() == base).collect();
        runs.sort_by(|a, b| b.started_at.cmp(&a.started_at));
        runs.iter().take(10).map(|m| m.duration_ms.div_ceil(1000)).max().unwrap_or(0)
    };
    Some((longest(false), longest(true)))
}

/// Where a pod finds the file the setting `key` names, as its environment file writes it: an
/// absolute path as it is, a relative one under the pods' working directory.
fn pod_path(settings: &Settings, key: &str) -> Option<String> {
    let raw = settings.resolved(key).and_then(|r| r.value.clone()).filter(|v| !v.is_empty())?;
    Some(if raw.starts_with('/') { raw } else { format!("{}/{raw}", crate::kubernetes::WORK_DIR) })
}

/// Sleeps until `until`, waking early on SIGINT/SIGTERM; false when a signal came.
fn sleep_until(until: DateTime<Utc>) -> bool {
    signals::sleep_while(|| (until - Utc::now()).to_std().unwrap_or_default())
}

fn run_forever(schedule: &Schedule, args: &ScheduleRunArgs, settings: &Settings, out: &Output) -> Result<u8> {
    settings.database.target.require_configured()?;
    if settings.backup.write_only && (args.prune || args.verify) {
        return Err(backup::write_only_refuses("schedule run --prune or --verify").into());
    }
    signals::install().map_err(|e| anyhow!("catching SIGINT and SIGTERM: {e}"))?;
    if let Some(addr) = &args.serve {
        let addr = crate::health::serve::parse_addr(addr)?;
        let every = args.cache_for.unwrap_or(Duration::from_secs(10));
        let at = crate::health::serve::Endpoint { addr, every, allow_hosts: args.allow_host.clone() };
        crate::health::serve::spawn(&at, &crate::health::Config::from_settings(settings), out)?;
    }
    let quiet = out.quieted();
    let target = &settings.database.target;
    let db = target.name().ok_or_else(|| anyhow!("the configured database has no name; set DATABASE_URL"))?;
    if args.once {
        // The slot a CronJob started this for: the latest at or before now. A second Job for
        // the same slot, or a retry after the backup was made, finds it made and skips.
        let now = Utc::now();
        let slot = schedule.latest_at_or_before(&now).ok_or_else(|| {
            anyhow!("`{}` had no run in the last eight days: there is no slot to back up", schedule.as_str())
        })?;
        return Ok(match dump_slot(slot, &db, args, settings, out, &quiet)? {
            SlotEnd::Done => 0,
            SlotEnd::Failed | SlotEnd::Stop => 1,
        });
    }
    let stopping =
        |why: &str| out.log("schedule.stopped", &format!("stopping: {why}"), json!({ "reason": why }));
    out.log(
        "schedule.started",
        &format!("schedule `{}` for {db}: next run {}", schedule.as_str(), next_text(schedule)),
        json!({ "schedule": schedule.as_str(), "timezone": schedule.zone().name(), "database": db,
                "next": next_text(schedule) }),
    )?;
    if let Some(m) = &settings.maintain_schedule {
        out.log(
            "schedule.started",
            &format!("maintenance on `{}`: next run {}", m.as_str(), next_text(m)),
            json!({ "maintain_schedule": m.as_str(), "next": next_text(m) }),
        )?;
    }
    if let Some(v) = &settings.verify_schedule {
        verify_args(settings)?;
        out.log(
            "schedule.started",
            &format!("restore tests on `{}`: next run {}", v.as_str(), next_text(v)),
            json!({ "verify_schedule": v.as_str(), "next": next_text(v) }),
        )?;
    }
    if let Some(b) = &settings.physical_schedule {
        out.log(
            "schedule.started",
            &format!("base backups on `{}`: next run {}", b.as_str(), next_text(b)),
            json!({ "physical_schedule": b.as_str(), "next": next_text(b) }),
        )?;
    }
    loop {
        let Some(slot) = schedule.next_after(&Utc::now()) else { bail!("the schedule has no next run") };
        // The other jobs (base backups, restore tests, maintenance): the first whose slot comes
        // before the next dump's runs, then the loop looks again.
        let now = Utc::now();
        let side = [
            (SideJob::BaseBackup, settings.physical_schedule.as_ref()),
            (SideJob::RestoreTest, settings.verify_schedule.as_ref()),
            (SideJob::Maintenance, settings.maintain_schedule.as_ref()),
        ]
        .into_iter()
        .filter_map(|(job, schedule)| Some((schedule?.next_after(&now)?, job)))
        .filter(|(at, _)| *at < slot)
        .min_by_key(|(at, _)| *at);
        if let Some((at, job)) = side {
            if !sleep_until(at) {
                stopping("signal received while idle")?;
                return Ok(0);
            }
            match job {
                SideJob::BaseBackup => base_backup_slot(at, args.prune, settings, out, &quiet)?,
                SideJob::RestoreTest => verify_slot(at, settings, out, &quiet)?,
                SideJob::Maintenance => maintenance_slot(at, settings, out, &quiet)?,
            }
            if signals::received().is_some() {
                stopping("signal received; the job in progress finished first")?;
                return Ok(0);
            }
            continue;
        }
        let jitter = args.jitter.map_or(Duration::ZERO, random_below);
        if !sleep_until(slot + chrono::Duration::from_std(jitter).unwrap_or_default()) {
            stopping("signal received while idle")?;
            return Ok(0);
        }
        match dump_slot(slot, &db, args, settings, out, &quiet)? {
            SlotEnd::Stop => return Ok(0),
            SlotEnd::Done | SlotEnd::Failed => {}
        }
        if signals::received().is_some() {
            stopping("signal received; the backup in progress finished first")?;
            return Ok(0);
        }
    }
}

/// How a dump's slot ended, for the scheduler: go on, or stop (a signal came).
enum SlotEnd {
    /// Made, or made already (by another host or an earlier try).
    Done,
    Failed,
    Stop,
}

/// One slot of `backup.schedule`: its backup (unless made already), verified and pruned as asked,
/// and a `slot` log line saying what became of it.
fn dump_slot(
    slot: DateTime<Utc>,
    db: &str,
    args: &ScheduleRunArgs,
    settings: &Settings,
    out: &Output,
    quiet: &Output,
) -> Result<SlotEnd> {
    let slot_text = slot.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let slot_log = |result: &str, msg: String, mut fields: serde_json::Value| {
        fields["slot"] = slot_text.clone().into();
        fields["result"] = result.into();
        out.log("slot", &format!("slot {slot_text}: {msg}"), fields)
    };
    // Whatever fails inside a slot (the storage unreachable, say) is logged and tried again
    // at the next slot; only a configuration error, which no retry fixes, stops the scheduler.
    let outcome = match backup::slot::run(
        slot,
        db,
        args.verify,
        args.prune,
        &BackupConfig::from_settings(settings),
        quiet,
    ) {
        Ok(outcome) => outcome,
        Err(e) if e.chain().any(|c| c.is::<ConfigError>()) => return Err(e),
        Err(e) => {
            let why = out.redact(&format!("{e:#}"));
            let again = if args.once { "exiting 1 for a retry" } else { "trying again at the next slot" };
            slot_log("failed", format!("FAILED: {why}; {again}"), json!({ "error": why }))?;
            return Ok(SlotEnd::Failed);
        }
    };
    match outcome {
        Slot::Done(m) => {
            let by = format!("{} (from {}) made this slot's backup already", m.id, m.host);
            slot_log("skipped", format!("skipped, {by}"), json!({ "backup_id": m.id, "by": m.host }))?;
        }
        Slot::Made { made, verified, pruned } => {
            let m = &made.manifest;
            let mut fields = json!({
                "backup_id": m.id, "artifact": m.artifact, "stored_bytes": m.stored_bytes,
                "raw_bytes": m.uncompressed_bytes, "duration_ms": (made.seconds * 1000.0) as u64,
                "encrypted": m.is_encrypted(),
                "destinations": made.stored.iter().map(|s| json!({
                    "name": s.destination, "location": s.location, "error": s.error,
                })).collect::<Vec<_>>(),
            });
            let mut line = format!("backup {}", made.summary());
            if let Some(e) = made.failure() {
                line.push_str(&format!("; DESTINATION FAILED: {}", out.redact(&format!("{e:#}"))));
            }
            match verified {
                Some(Ok(())) => {
                    line.push_str("; verified (size and sha256)");
                    fields["verified"] = true.into();
                }
                Some(Err(e)) => {
                    line.push_str(&format!("; VERIFY FAILED: {e:#}"));
                    fields["verified"] = false.into();
                    fields["verify_error"] = format!("{e:#}").into();
                }
                None => {}
            }
            match pruned {
                Some(Ok(n)) => {
                    line.push_str(&format!("; pruned {n}"));
                    fields["pruned"] = n.into();
                }
                Some(Err(e)) => {
                    line.push_str(&format!("; PRUNE FAILED: {e:#}"));
                    fields["prune_error"] = format!("{e:#}").into();
                }
                None => {}
            }
            let result = if made.failure().is_some() { "partial" } else { "made" };
            slot_log(result, line, fields)?;
        }
        Slot::Busy(e) => slot_log("skipped", format!("skipped, {e}"), json!({ "by": e.to_string() }))?,
        Slot::Stopped(e) => {
            slot_log("stopped", format!("{e:#}; stopping"), json!({ "error": format!("{e:#}") }))?;
            return Ok(SlotEnd::Stop);
        }
        Slot::Failed(e) => {
            let why = out.redact(&format!("{e:#}"));
            let retry = if args.once { "; exiting 1 for a retry" } else { "" };
            slot_log("failed", format!("BACKUP FAILED: {why}{retry}"), json!({ "error": why }))?;
            return Ok(SlotEnd::Failed);
        }
    }
    Ok(SlotEnd::Done)
}

/// The jobs `schedule run` runs between dumps.
enum SideJob {
    BaseBackup,
    RestoreTest,
    Maintenance,
}

/// One slot of `maintain.schedule`: `dbctl maintain`, logged as a `maintenance` event; a failure
/// is logged and the scheduler goes on.
fn maintenance_slot(at: DateTime<Utc>, settings: &Settings, out: &Output, quiet: &Output) -> Result<()> {
    let at_text = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let started = std::time::Instant::now();
    match crate::health::maintain::perform(&crate::health::Config::from_settings(settings), false, quiet) {
        Ok(steps) => {
            let done: Vec<&str> = steps.iter().map(|s| s.sql.as_str()).collect();
            let fields = json!({ "slot": at_text, "result": "done", "steps": done,
                                 "duration_ms": started.elapsed().as_millis() as u64 });
            out.log("maintenance", &format!("maintenance {at_text}: {}", done.join("; ")), fields)?;
        }
        Err(e) => {
            let why = out.redact(&format!("{e:#}"));
            let fields = json!({ "slot": at_text, "result": "failed", "error": why });
            out.log("maintenance", &format!("maintenance {at_text}: FAILED: {why}"), fields)?
        }
    }
    Ok(())
}

/// One slot of `backup.verify_schedule`: in each destination, the newest backup of this
/// database verified and restored into a scratch database, its outcome recorded beside it (for
/// `health`) and logged as a `verify` event; a failure is logged and the scheduler goes on.
fn verify_slot(at: DateTime<Utc>, settings: &Settings, out: &Output, quiet: &Output) -> Result<()> {
    let at_text = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let identity: Vec<std::path::PathBuf> = settings.verify_identity.iter().cloned().collect();
    let cfg = crate::restore::Config::from_settings(settings);
    let me = crate::backup::identity::Identity::current(&BackupConfig::from_settings(settings), quiet);
    for spec in &settings.backup.destinations {
        let checked = (|| -> Result<(String, Vec<(bool, String)>)> {
            let store = spec.open()?;
            let all = crate::backup::catalog::manifests(store.as_ref(), quiet)?;
            let m = crate::backup::catalog::find(&all, "latest", me.as_ref(), store.as_ref(), quiet)?.clone();
            let mut keys =
                crate::backup::unpack::Keys::load(&identity, settings.backup.encryption_key.as_deref())?;
            let outcome =
                crate::restore::scratch::check_copy(spec, store.as_ref(), &m, &mut keys, true, &cfg, quiet);
            if let Err(e) = crate::backup::verify::record(store.as_ref(), &m, &outcome, true) {
                out.warn(&format!("could not record the result of the verify beside {}: {e:#}", m.artifact));
            }
            Ok((m.id, outcome))
        })();
        let (line, fields) = match checked {
            Ok((id, outcome)) => {
                let ok = outcome.iter().all(|(ok, _)| *ok);
                let said: Vec<&str> = outcome.iter().map(|(_, d)| d.as_str()).collect();
                let line = format!(
                    "restore test {at_text} of {id} in {}: {}{}",
                    spec.name,
                    if ok { "" } else { "FAILED: " },
                    said.join("; ")
                );
                let result = if ok { "ok" } else { "failed" };
                (
                    line,
                    json!({ "slot": at_text, "destination": spec.name.as_str(), "backup_id": id,
                               "result": result, "checks": said }),
                )
            }
            Err(e) => {
                let why = out.redact(&format!("{e:#}"));
                let line = format!("restore test {at_text} in {}: FAILED: {why}", spec.name);
                (
                    line,
                    json!({ "slot": at_text, "destination": spec.name.as_str(), "result": "failed",
                               "error": why }),
                )
            }
        };
        out.log("verify", &line, fields)?;
    }
    Ok(())
}

/// One slot of `backup.physical_schedule`: a base backup (then the retention, with --prune),
/// logged like a dump's slot; a failure is logged and the scheduler goes on.
fn base_backup_slot(
    at: DateTime<Utc>,
    prune: bool,
    settings: &Settings,
    out: &Output,
    quiet: &Output,
) -> Result<()> {
    let at_text = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let cfg = BackupConfig::from_settings(settings);
    let made = backup::make::MakeOptions::configured(&cfg).and_then(|mut opts| {
        opts.engine = backup::make::Engine::Physical;
        backup::make::make(&opts, &cfg, &settings.database.target, quiet)
    });
    match made {
        Ok(made) => {
            let m = &made.manifest;
            let mut line = format!("base backup {}", made.summary());
            let mut fields = json!({
                "slot": at_text, "result": if made.failure().is_some() { "partial" } else { "made" },
                "backup_id": m.id, "artifact": m.artifact, "stored_bytes": m.stored_bytes,
                "physical": m.physical,
            });
            if prune {
                let pruned = crate::storage::open(&cfg.backup.destinations)
                    .and_then(|dests| backup::prune::after_backup(&made, &dests, &cfg, quiet));
                match pruned {
                    Ok(n) => {
                        let n: usize = n.iter().map(|(_, n)| n).sum();
                        line.push_str(&format!("; pruned {n}"));
                        fields["pruned"] = n.into();
                    }
                    Err(e) => {
                        line.push_str(&format!("; PRUNE FAILED: {e:#}"));
                        fields["prune_error"] = format!("{e:#}").into();
                    }
                }
            }
            out.log("base_backup", &format!("slot {at_text}: {line}"), fields)
        }
        Err(e) if e.chain().any(|c| c.is::<ConfigError>()) => Err(e),
        Err(e) => {
            let why = out.redact(&format!("{e:#}"));
            let fields = json!({ "slot": at_text, "result": "failed", "error": why });
            out.log("base_backup", &format!("slot {at_text}: BASE BACKUP FAILED: {why}"), fields)
        }
    }
}

fn next_text(schedule: &Schedule) -> String {
    schedule
        .next_after(&Utc::now())
        .map_or("never".into(), |t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// A random duration below `max` (no jitter if the system has no random source).
fn random_below(max: Duration) -> Duration {
    max.mul_f64(crate::sys::random::fraction().unwrap_or(0.0))
}
