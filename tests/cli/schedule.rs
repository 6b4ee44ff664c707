use std::time::{Duration, Instant};

use crate::support::fixtures::{seeded, sh, slow_pg_dump, still_running, stored, term_once_started, visible};
use crate::support::{Backend, Outcome};

#[test]
fn show_and_install_speak_the_same_schedule() {
    let p = seeded(Backend::Sqlite, "schedule_show");
    p.dbctl(2, ["schedule", "show"]).stderr_has("no schedule is set");
    let show = p
        .cmd()
        .args(["schedule", "show", "-n", "3", "--json", "--from", "2027-03-01T12:00:00Z"])
        .env("BACKUP_SCHEDULE", "0 2 * * *")
        .code(0)
        .run();
    let next: Vec<String> =
        show.json()["next"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
    assert_eq!(next, ["2027-03-02T02:00:00Z", "2027-03-03T02:00:00Z", "2027-03-04T02:00:00Z"]);
    p.cmd()
        .args(["schedule", "show"])
        .env("BACKUP_SCHEDULE", "0 25 * * *")
        .code(2)
        .run()
        .stderr_has("field 2 (hour) `25` at column 3");

    let cron =
        p.cmd().args(["schedule", "install", "--cron"]).env("BACKUP_SCHEDULE", "30 1 * * 1-5").code(0).run();
    let line = cron.stdout.lines().find(|l| l.starts_with("30 1 * * 1-5 ")).expect("the crontab line");
    assert!(line.contains("--quiet backup --prune"), "{line}");
    let timer = p
        .cmd()
        .args(["schedule", "install", "--systemd"])
        .env("BACKUP_SCHEDULE", "30 1 * * 1-5")
        .code(0)
        .run();
    assert!(timer.stdout.contains("OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 01:30:00 UTC"), "{}", timer.stdout);
    assert!(timer.stdout.contains("ExecStart=") && timer.stdout.contains("WantedBy=timers.target"));
    p.cmd()
        .args(["schedule", "install", "--cron"])
        .env("BACKUP_SCHEDULE", "@every 6h")
        .code(2)
        .run()
        .stderr_has("has no crontab form");
}

#[test]
fn the_schedule_reads_hours_in_its_time_zone() {
    let p = seeded(Backend::Sqlite, "schedule_zone");
    let in_berlin = |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("BACKUP_SCHEDULE", "0 2 * * *")
            .env("BACKUP_SCHEDULE_TIMEZONE", "Europe/Berlin")
            .code(0)
            .run()
    };
    // 02:00 in Berlin is 01:00 UTC in winter and 00:00 UTC in summer (pinned dates of each).
    let winter = in_berlin(&["schedule", "show", "-n", "2", "--json", "--from", "2027-01-15"]).json();
    assert_eq!(winter["timezone"], "Europe/Berlin");
    assert_eq!(winter["next"][0], "2027-01-15T01:00:00Z", "{winter:#}");
    let summer = in_berlin(&["schedule", "show", "-n", "1", "--json", "--from", "2027-07-15"]).json();
    assert_eq!(summer["next"][0], "2027-07-16T00:00:00Z", "{summer:#}");
    let text = in_berlin(&["schedule", "show", "-n", "1"]);
    assert!(text.stdout.contains("(Europe/Berlin)") && text.stdout.contains(" 02:00:00 "), "{}", text.stdout);
    // The night summer time starts, 02:00 does not exist: that run happens when the clock jumps.
    let spring =
        in_berlin(&["schedule", "show", "-n", "3", "--from", "2027-03-27T12:00:00Z", "--json"]).json();
    assert_eq!(
        spring["next"],
        serde_json::json!(["2027-03-28T01:00:00Z", "2027-03-29T00:00:00Z", "2027-03-30T00:00:00Z"])
    );
    let cron = in_berlin(&["schedule", "install", "--cron"]);
    assert!(cron.stdout.contains("\nCRON_TZ=Europe/Berlin\n0 2 * * * "), "{}", cron.stdout);
    let timer = in_berlin(&["schedule", "install", "--systemd"]);
    assert!(timer.stdout.contains("OnCalendar=*-*-* 02:00:00 Europe/Berlin\n"), "{}", timer.stdout);
    // The default is UTC, and a zone that does not exist fails `config check` by name.
    let utc =
        p.cmd().args(["schedule", "install", "--cron"]).env("BACKUP_SCHEDULE", "0 2 * * *").code(0).run();
    assert!(utc.stdout.contains("\nCRON_TZ=UTC\n"), "{}", utc.stdout);
    std::fs::write(
        p.path().join("dbctl.toml"),
        "[backup]\nschedule = \"0 2 * * *\"\nschedule_timezone = \"Mars/Olympus\"\n",
    )
    .unwrap();
    p.dbctl(2, ["config", "check"]).stderr_has("`Mars/Olympus` is not a time zone");
}

/// Waits until `dir` holds `n` manifests.
fn wait_for_manifests(dir: &std::path::Path, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let count = std::fs::read_dir(dir)
            .map(|d| {
                d.filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".manifest.json"))
                    .count()
            })
            .unwrap_or(0);
        if count >= n {
            return;
        }
        assert!(Instant::now() < deadline, "{n} backups were never made");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn run_fires_at_each_slot_and_stops_on_sigterm() {
    let p = seeded(Backend::Sqlite, "schedule_run");
    std::fs::write(p.path().join("dbctl.toml"), "[backup.retention]\nkeep_last = 1\n").unwrap();
    let child =
        p.cmd().args(["schedule", "run", "--prune", "--verify"]).env("BACKUP_SCHEDULE", "@every 1s").spawn();
    wait_for_manifests(&p.path().join("backups"), 1);
    std::thread::sleep(Duration::from_millis(2500));
    sh(&format!("kill -TERM {}", child.id()));
    let out = Outcome::from(child.wait_with_output().unwrap());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let runs: Vec<&str> = out.stdout.lines().filter(|l| l.contains(": backup ")).collect();
    assert!(runs.len() >= 2, "{}", out.stdout);
    assert!(runs.iter().all(|l| l.contains("verified") && l.contains("pruned")), "{}", out.stdout);
    assert!(out.stdout.lines().last().unwrap().contains("stopping"), "{}", out.stdout);
    // keep_last = 1 after each run.
    let list = p.dbctl(0, ["backup", "list", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    // The scheduler's verifies are recorded as `backup verify` records them: health sees them.
    let report = p.cmd().args(["health", "--json"]).any_code("each check's status is asserted").run().json();
    let verify = crate::support::fixtures::health_check(&report, "backups.verify");
    assert_eq!(verify["status"], "ok", "{report:#}");
}

#[test]
fn sigterm_during_a_scheduled_backup_aborts_it_cleanly_and_stops() {
    let p = seeded(Backend::Pg, "schedule_sigterm");
    let pid_file = slow_pg_dump(&p);
    let child = p.cmd().args(["schedule", "run"]).env("BACKUP_SCHEDULE", "@every 1s").spawn();
    let out = term_once_started(child, &pid_file);
    assert_eq!(out.code, 0, "a scheduler stopped on purpose exits 0: {}", out.stderr);
    let last = out.stdout.lines().last().unwrap_or_default();
    assert!(last.contains("interrupted by SIGTERM") && last.ends_with("stopping"), "{}", out.stdout);
    assert!(!still_running(&pid_file), "pg_dump was stopped");
    assert!(visible(&stored(&p)).is_empty(), "the aborted backup left nothing: {:?}", stored(&p));
}

#[test]
fn four_hosts_on_one_schedule_make_one_backup_per_slot() {
    let p = seeded(Backend::Sqlite, "schedule_lease");
    let redis = crate::support::redis();
    let cli = |args: &str| redis.cli(args);
    // A lease someone else holds: the backup stops and names the holder.
    cli("SET dbctl:backup-lock:app 'abc host-b: dbctl backup since 02:00' PX 60000");
    p.cmd()
        .args(["backup"])
        .env("BACKUP_LOCK", "redis")
        .env("REDIS_URL", redis.url())
        .code(1)
        .run()
        .stderr_has("another backup of app is running (host-b: dbctl backup since 02:00)");
    cli("DEL dbctl:backup-lock:app");

    let hosts: Vec<_> = (0..4)
        .map(|_| {
            p.cmd()
                .args(["schedule", "run"])
                .env("BACKUP_SCHEDULE", "@every 2s")
                .env("BACKUP_LOCK", "redis")
                .env("REDIS_URL", redis.url())
                .spawn()
        })
        .collect();
    wait_for_manifests(&p.path().join("backups"), 2);
    std::thread::sleep(Duration::from_millis(1000));
    for h in &hosts {
        sh(&format!("kill -TERM {}", h.id()));
    }
    let outs: Vec<Outcome> =
        hosts.into_iter().map(|h| Outcome::from(h.wait_with_output().unwrap())).collect();
    let made: Vec<String> = outs
        .iter()
        .flat_map(|o| {
            o.stdout
                .lines()
                .filter(|l| l.contains(": backup "))
                .map(|l| l.split(": backup").next().unwrap().to_string())
        })
        .collect();
    let mut slots = made.clone();
    slots.sort();
    slots.dedup();
    assert_eq!(
        made.len(),
        slots.len(),
        "one backup per slot: {made:?}\n{:#?}",
        outs.iter().map(|o| &o.stdout).collect::<Vec<_>>()
    );
    assert!(made.len() >= 2);
    let skipped = outs.iter().flat_map(|o| o.stdout.lines()).filter(|l| l.contains("skipped")).count();
    assert!(skipped >= 1, "the other hosts skipped with a message");
    let list = p.dbctl(0, ["backup", "list", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), made.len(), "no second backup of any slot");
    assert_eq!(cli("EXISTS dbctl:backup-lock:app").trim(), "0", "the lease was released");
}

/// A run every second with S3 at an endpoint where nothing listens (one attempt per request).
fn with_dead_s3(run: crate::support::Run, bucket: &str) -> crate::support::Run {
    run.env("BACKUP_SCHEDULE", "@every 1s")
        .env("BACKUP_S3_BUCKET", bucket)
        .env("BACKUP_S3_REGION", "us-east-1")
        .env("BACKUP_S3_ACCESS_KEY", crate::support::S3_ACCESS_KEY)
        .env("BACKUP_S3_SECRET_KEY", crate::support::S3_SECRET_KEY)
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{}", crate::support::free_port()))
        .env("AWS_MAX_ATTEMPTS", "1")
}

#[test]
fn an_unreachable_storage_fails_a_slot_and_the_scheduler_goes_on() {
    let p = seeded(Backend::Sqlite, "schedule_outage");
    // An S3 endpoint where nothing listens: every slot fails to list the bucket.
    let child = with_dead_s3(p.cmd().args(["schedule", "run"]), "dbctl-outage").spawn();
    std::thread::sleep(Duration::from_millis(4000));
    sh(&format!("kill -TERM {}", child.id()));
    let out = Outcome::from(child.wait_with_output().unwrap()).no_secrets();
    assert_eq!(out.code, 0, "still running until stopped: {}\n{}", out.stdout, out.stderr);
    let failed: Vec<&str> = out.stdout.lines().filter(|l| l.contains(": FAILED: ")).collect();
    assert!(failed.len() >= 2, "{}", out.stdout);
    assert!(failed.iter().all(|l| l.contains("trying again at the next slot")), "{}", out.stdout);
}

/// One destination down (S3 where nothing listens) does not stop the others: each slot goes on
/// with the local directory, logged `partial` naming S3.
#[test]
fn a_dead_bucket_does_not_stop_the_other_destinations_in_the_scheduler() {
    let p = seeded(Backend::Sqlite, "schedule_partial");
    let child = with_dead_s3(p.cmd().args(["--log-format", "json", "schedule", "run"]), "dbctl-partial")
        .env("BACKUP_LOCAL", "true")
        .spawn();
    wait_for_manifests(&p.path().join("backups"), 2);
    sh(&format!("kill -TERM {}", child.id()));
    let out = Outcome::from(child.wait_with_output().unwrap()).no_secrets();
    let slots = out.events("slot");
    let partial: Vec<&serde_json::Value> =
        slots.iter().filter(|l| l["fields"]["result"] == "partial").collect();
    assert!(partial.len() >= 2, "{}", out.stdout);
    assert!(
        partial.iter().all(|l| l["message"].as_str().unwrap().contains("DESTINATION FAILED")),
        "{}",
        out.stdout
    );
    assert!(visible(&stored(&p)).len() >= 4, "local got each slot's backup: {:?}", stored(&p));
}

#[test]
fn the_cron_line_fails_loudly_and_runs_as_cron_would() {
    let p = seeded(Backend::Sqlite, "schedule_cron_line");
    let env_file = p.path().join("dbctl.env");
    let out = p
        .cmd()
        .args(["schedule", "install", "--cron", "--user", "backup", "--env-file"])
        .args([&env_file])
        .env("BACKUP_SCHEDULE", "30 1 * * *")
        .env("DBCTL_MAINTAIN_SCHEDULE", "45 3 * * 0")
        .code(0)
        .run();
    // The settings come from this shell, which cron will not have: said.
    assert!(
        out.stderr.contains("DATABASE_URL") && out.stderr.contains("which the job will not have"),
        "{}",
        out.stderr
    );
    let line =
        out.stdout.lines().find(|l| l.starts_with("30 1 * * * backup ")).expect("a line with its user field");
    let command = line.trim_start_matches("30 1 * * * backup ");
    // As cron runs it: sh, an empty environment.
    let cron = |cmd: &str| {
        crate::support::Outcome::from(
            std::process::Command::new("sh")
                .args(["-c", cmd])
                .env_clear()
                .env("PATH", "/usr/bin:/bin")
                .output()
                .unwrap(),
        )
    };
    let missing = cron(command);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(missing.stderr.contains("cannot read"), "{}", missing.stderr);
    std::fs::write(&env_file, format!("DATABASE_URL={}\n", p.sqlite_file().display())).unwrap();
    let ran = cron(command);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_eq!(visible(&stored(&p)).len(), 2, "one backup and its manifest: {:?}", stored(&p));
    // A directory that is gone stops the job before dbctl runs.
    let gone = command.replacen(&p.path().display().to_string(), "/nonexistent/dbctl-project", 1);
    let stopped = cron(&gone);
    assert_eq!(stopped.code, 1, "{}", stopped.stderr);
    assert_eq!(visible(&stored(&p)).len(), 2);

    // The maintenance has its own line, with the same guards, and runs as cron would run it.
    let maintain =
        out.stdout.lines().find(|l| l.starts_with("45 3 * * 0 backup ")).expect("the maintenance line");
    let command = maintain.trim_start_matches("45 3 * * 0 backup ");
    assert!(command.ends_with(" --quiet maintain"), "{command}");
    // A file that is mostly free pages: the job's VACUUM gives them back.
    p.sql("CREATE TABLE filler (b BLOB); INSERT INTO filler SELECT randomblob(4000) FROM generate_series(1, 500); DROP TABLE filler;");
    let before = std::fs::metadata(p.sqlite_file()).unwrap().len();
    let ran = cron(command);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(std::fs::metadata(p.sqlite_file()).unwrap().len() < before / 2, "the maintenance ran");
    std::fs::remove_file(&env_file).unwrap();
    assert_eq!(cron(command).code, 1, "a missing environment file stops the maintenance too");

    let units = p
        .cmd()
        .args(["schedule", "install", "--systemd", "--no-env-file"])
        .env("DBCTL_MAINTAIN_SCHEDULE", "45 3 * * 0")
        .code(0)
        .run();
    assert!(units.stdout.contains("# /etc/systemd/system/dbctl-maintain.timer\n"), "{}", units.stdout);
    assert!(units.stdout.contains("OnCalendar=Sun *-*-* 03:45:00 UTC\n"), "{}", units.stdout);
    assert!(units.stdout.contains(" --quiet maintain\n"), "{}", units.stdout);
    assert!(!units.stdout.contains("dbctl-backup"), "no backup.schedule, no backup units: {}", units.stdout);
    assert!(units.stdout.contains("enable --now dbctl-maintain.timer\n"), "{}", units.stdout);
}

/// `schedule run --serve`: a container's probes beside its scheduler, stopped with it.
#[test]
fn the_scheduler_serves_health_beside_it() {
    let p = seeded(Backend::Sqlite, "schedule_serve");
    let mut child = p
        .cmd()
        .args(["schedule", "run", "--serve", "127.0.0.1:0", "--cache-for", "1s"])
        .env("BACKUP_SCHEDULE", "@every 1h")
        .spawn();
    let (base, _rest) = crate::support::fixtures::served_base(&mut child);
    let get = |path: &str| crate::support::fixtures::http_get(&base, path);
    assert_eq!(get("/healthz").0, 200);
    let (code, body) = get("/readyz");
    assert_eq!(code, 200, "{body}");
    assert!(get("/metrics").1.contains("dbctl_health_status"));
    sh(&format!("kill -TERM {}", child.id()));
    let out = Outcome::from(child.wait_with_output().unwrap()).no_secrets();
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("stopping: signal received while idle"), "{}", out.stdout);
    // The address is taken before the scheduler starts: one in use fails it at once.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    p.cmd()
        .args(["schedule", "run", "--serve", &format!("127.0.0.1:{port}")])
        .env("BACKUP_SCHEDULE", "@every 1h")
        .code(1)
        .run()
        .stderr_has("cannot listen on");
}

/// A path cron or systemd would read as more than text (`%` is a newline to cron and a specifier
/// to systemd; a newline ends a crontab line) is refused, not written into a job that runs
/// something else.
#[test]
fn a_job_path_cron_would_misread_is_refused() {
    let parent = crate::support::project();
    for name in ["100%app", "app\n* * * * * root touch pwned #"] {
        let dir = parent.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        for how in ["--cron", "--systemd"] {
            let out = crate::support::dbctl(&dir)
                .args(["schedule", "install", how, "--no-env-file"])
                .env("DATABASE_URL", "sqlite://app.db")
                .env("BACKUP_SCHEDULE", "0 2 * * *")
                .code(2)
                .run();
            assert!(out.stdout.is_empty(), "nothing printed to install: {}", out.stdout);
            assert!(out.stderr.contains("a newline or `%`"), "{}", out.stderr);
        }
    }
}

/// `backup.verify_schedule`: the scheduler restores the newest backup into a scratch database at
/// each of its slots (decrypting with `backup.verify_identity`), logs a `verify` event, and
/// records the outcome where `health` reads it; `schedule install` writes it as a job of its own.
/// Encrypted backups without an identity to restore them with: refused up front.
#[test]
fn scheduled_restore_tests_run_between_backups() {
    let p = seeded(Backend::Sqlite, "schedule_verify");
    let (key, recipient) = crate::support::fixtures::age_key(p.path());
    let run = || {
        p.cmd()
            .env("BACKUP_ENCRYPTION_KEY", &recipient)
            .env("BACKUP_SCHEDULE", "0 0 1 1 *")
            .env("BACKUP_VERIFY_SCHEDULE", "@every 2s")
            .env("BACKUP_VERIFY_IDENTITY", &key)
    };
    run().args(["backup"]).code(0).run();
    let child = run().args(["--log-format", "json", "schedule", "run"]).spawn();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !std::fs::read_dir(p.path().join("backups"))
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".verify.json"))
    {
        assert!(Instant::now() < deadline, "no restore test recorded");
        std::thread::sleep(Duration::from_millis(200));
    }
    sh(&format!("kill -TERM {}", child.id()));
    let out = Outcome::from(child.wait_with_output().unwrap());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let events = out.events("verify");
    assert!(!events.is_empty(), "{}", out.stdout);
    assert_eq!(events[0]["fields"]["result"], "ok", "{}", out.stdout);
    assert!(
        events[0]["fields"]["checks"].to_string().contains("restored into a scratch database"),
        "{}",
        out.stdout
    );
    let report = run().args(["health", "--json"]).any_code("each check's status is asserted").run().json();
    let verify = crate::support::fixtures::health_check(&report, "backups.verify");
    assert_eq!(verify["status"], "ok", "{report:#}");
    // A job of its own for cron, with the identity.
    let cron = run()
        .args(["schedule", "install", "--cron"])
        .env("BACKUP_VERIFY_SCHEDULE", "0 5 * * 6")
        .code(0)
        .run();
    let line = cron
        .stdout
        .lines()
        .find(|l| l.starts_with("0 5 * * 6 "))
        .unwrap_or_else(|| panic!("{}", cron.stdout));
    assert!(line.contains(&format!("backup verify latest --restore-test -i {}", key.display())), "{line}");
    // Encrypted backups and no identity: refused by the scheduler and by install.
    for args in [&["schedule", "run"][..], &["schedule", "install", "--cron"][..]] {
        p.cmd()
            .args(args)
            .env("BACKUP_ENCRYPTION_KEY", &recipient)
            .env("BACKUP_SCHEDULE", "0 0 1 1 *")
            .env("BACKUP_VERIFY_SCHEDULE", "0 5 * * 6")
            .code(2)
            .run()
            .stderr_has("BACKUP_VERIFY_IDENTITY");
    }
}
