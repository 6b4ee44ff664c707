//! Hooks and notifications around backups, restores and migrations, against a small HTTP server
//! that records what it is sent.

use crate::support::fixtures::{seeded, sh, stored, visible};
use crate::support::{Backend, Outcome, Project, python_server};

const RECORDER: &str = r#"
record = sys.argv[1]
class H(Base):
    def do_POST(self):
        body = self.body().decode('utf-8', 'replace')
        with open(record, 'a') as f:
            f.write(json.dumps({'path': self.path, 'body': body}) + '\n')
        self.answer(200, body=b'OK')
serve(H)
"#;

/// A recording HTTP server; returns its base URL and a function reading what it got.
fn recorder(p: &Project) -> (String, impl Fn() -> Vec<serde_json::Value>) {
    let file = p.path().join("requests.jsonl");
    let (_child, port) = python_server(RECORDER, &[file.to_str().unwrap()]);
    std::mem::forget(_child);
    let read = move || {
        std::fs::read_to_string(&file)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect::<Vec<serde_json::Value>>()
    };
    (format!("http://127.0.0.1:{port}"), read)
}

#[test]
fn hooks_and_pings_around_a_backup_that_succeeds_and_one_that_fails() {
    let p = seeded(Backend::Sqlite, "hooks_backup");
    let (base, requests) = recorder(&p);
    std::fs::write(
        p.path().join("dbctl.toml"),
        format!(
            "[backup]\nbefore = \"echo about to back up $DBCTL_EVENT\"\n\
             after = \"echo $DBCTL_STATUS $DBCTL_BACKUP_ID $DBCTL_ARTIFACT > after.txt; env > env.txt\"\n\
             on_failure = \"echo failed: $DBCTL_ERROR > failed.txt\"\n\n\
             [notify]\nping_url = \"{base}/ping/0a1b2c\"\nwebhook = \"{base}/hook\"\n"
        ),
    )
    .unwrap();
    let run = |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("BACKUP_ENCRYPTION_KEY", "hook-test-passphrase-77")
            .any_code("each call checks its exit code")
            .run()
    };
    let out = run(&["backup", "--json"]).code(0);
    let m = out.json();
    assert!(out.stderr.contains("hook backup.before: about to back up backup"), "{}", out.stderr);
    let after = std::fs::read_to_string(p.path().join("after.txt")).unwrap();
    assert_eq!(
        after.trim(),
        format!("success {} {}", m["id"].as_str().unwrap(), m["artifact"].as_str().unwrap())
    );
    let env = std::fs::read_to_string(p.path().join("env.txt")).unwrap();
    assert!(
        !env.contains("hook-test-passphrase-77") && !env.contains("DATABASE_URL="),
        "no secret in a hook's environment"
    );
    let got = requests();
    let paths: Vec<&str> = got.iter().map(|r| r["path"].as_str().unwrap()).collect();
    // The start ping first; the finishing ping and the webhook go out together, in any order.
    assert_eq!(paths[0], "/ping/0a1b2c/start", "{paths:?}");
    let mut finishing = paths[1..].to_vec();
    finishing.sort_unstable();
    assert_eq!(finishing, ["/hook", "/ping/0a1b2c"]);
    let webhook = got.iter().find(|r| r["path"] == "/hook").unwrap();
    let hook: serde_json::Value = serde_json::from_str(webhook["body"].as_str().unwrap()).unwrap();
    assert_eq!((hook["event"].as_str(), hook["status"].as_str()), (Some("backup"), Some("success")));
    assert!(hook["text"].as_str().unwrap().contains("dbctl backup succeeded"), "{hook}");

    // A dump that fails: the on_failure hook, the /fail ping with the log's last lines.
    let out = p
        .cmd()
        .args(["backup", "--dump-command"])
        .env("BACKUP_DUMP_COMMAND", "echo partial; echo 'dump: disk on fire' >&2; exit 3")
        .code(1)
        .run();
    let failed = std::fs::read_to_string(p.path().join("failed.txt")).unwrap();
    assert!(
        failed.contains("failed:") && failed.contains("exited with status 3"),
        "{failed}\n{}",
        out.stderr
    );
    let got = requests();
    let fail = got.iter().find(|r| r["path"] == "/ping/0a1b2c/fail").expect("a /fail ping");
    let webhook = got.iter().rev().find(|r| r["path"] == "/hook").unwrap();
    let hook: serde_json::Value = serde_json::from_str(webhook["body"].as_str().unwrap()).unwrap();
    assert_eq!(hook["status"], "failure");
    assert!(hook["text"].as_str().unwrap().contains("dbctl backup FAILED"), "{hook}");
    let body = fail["body"].as_str().unwrap();
    assert!(body.contains("exited with status 3") && body.contains("disk on fire"), "{body}");
}

/// The real pg_dump killed mid-dump (as the OOM killer would): the failure hook, the /fail ping
/// and the webhook say so, and no backup is left behind.
#[test]
fn a_killed_pg_dump_fails_the_backup_with_hooks_and_pings() {
    let p = seeded(Backend::Pg, "hooks_killed_dump");
    let (base, requests) = recorder(&p);
    std::fs::write(
        p.path().join("dbctl.toml"),
        format!(
            "[backup]\non_failure = \"echo $DBCTL_STATUS: $DBCTL_ERROR > failed.txt\"\n\n\
             [notify]\nping_url = \"{base}/ping/killed\"\nwebhook = \"{base}/hook\"\n"
        ),
    )
    .unwrap();
    // Another session holds a lock on a table: pg_dump waits for it, and is killed waiting.
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let mut holder = crate::support::pg().session(&db);
    holder.send("BEGIN; LOCK TABLE users IN ACCESS EXCLUSIVE MODE;");
    crate::support::pg().wait_for(
        &format!(
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.datname = '{db}' \
                  WHERE l.mode = 'AccessExclusiveLock' AND l.granted AND l.relation IS NOT NULL"
        ),
        "the lock",
    );
    let child = p.cmd().args(["backup"]).spawn();
    crate::support::pg().wait_for(
        &format!("SELECT count(*) FROM pg_stat_activity WHERE datname = '{db}' AND wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE %'"),
        "pg_dump waiting for the lock",
    );
    let killed = sh(&format!("pkill -KILL -P {} -x pg_dump && echo killed", child.id()));
    assert_eq!(killed.trim(), "killed");
    let out = Outcome::from(child.wait_with_output().unwrap()).no_secrets();
    drop(holder);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("pg_dump") && out.stderr.contains("signal 9"), "{}", out.stderr);
    let failed = std::fs::read_to_string(p.path().join("failed.txt")).unwrap();
    assert!(failed.starts_with("failure: ") && failed.contains("signal 9"), "{failed}");
    let got = requests();
    let paths: Vec<&str> = got.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(paths[0], "/ping/killed/start", "{paths:?}");
    let mut finishing = paths[1..].to_vec();
    finishing.sort_unstable();
    assert_eq!(finishing, ["/hook", "/ping/killed/fail"]);
    let by_path = |path: &str| got.iter().find(|r| r["path"] == path).unwrap();
    let fail = by_path("/ping/killed/fail");
    assert!(fail["body"].as_str().unwrap().contains("signal 9"), "{}", fail["body"]);
    let hook: serde_json::Value = serde_json::from_str(by_path("/hook")["body"].as_str().unwrap()).unwrap();
    assert_eq!((hook["status"].as_str(), hook["backup_id"].as_str()), (Some("failure"), None));
    let list = p.cmd().args(["backup", "list", "--json"]).code(0).run().json();
    assert!(list.as_array().unwrap().is_empty(), "no backup from a killed dump: {list}");
    assert!(visible(&stored(&p)).is_empty(), "nothing left in the destination: {:?}", stored(&p));
}

#[test]
fn a_hanging_before_hook_is_stopped_and_stops_the_backup() {
    let p = seeded(Backend::Sqlite, "hooks_hang");
    std::fs::write(
        p.path().join("dbctl.toml"),
        "[backup]\nbefore = \"sleep 60\"\n\n[hooks]\ntimeout = \"1s\"\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    p.cmd()
        .args(["backup"])
        .code(1)
        .run()
        .stderr_has("the backup did not run: the backup.before hook was stopped after 1s (hooks.timeout)");
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "the sleep's process group was stopped");
    let list = p.cmd().args(["backup", "list", "--json"]).code(0).run().json();
    assert!(list.as_array().unwrap().is_empty());
}

/// A hook that leaves a child running in the background (holding the hook's output open): the
/// backup waits for the hook, not for the child; what the hook printed is still logged.
#[test]
fn a_hooks_background_child_does_not_hold_the_backup() {
    let p = seeded(Backend::Sqlite, "hooks_background");
    let marker = p.path().join("child-done");
    std::fs::write(
        p.path().join("dbctl.toml"),
        format!("[backup]\nafter = \"(sleep 120; touch '{}') & echo kicked off\"\n", marker.display()),
    )
    .unwrap();
    let out = p.cmd().args(["backup"]).code(0).run();
    assert!(out.stderr.contains("hook backup.after: kicked off"), "{}", out.stderr);
    // dbctl is done while the hook's child still runs (it would have made the marker at its end).
    assert!(!marker.exists(), "the backup waited for the hook's background child");
    let _ = std::process::Command::new("pkill").args(["-f", "sleep 120; touch"]).status();
}

#[test]
fn a_ping_endpoint_that_is_down_does_not_fail_the_backup() {
    let p = seeded(Backend::Sqlite, "hooks_ping_down");
    let closed = crate::support::free_port();
    let out = p
        .cmd()
        .args(["backup"])
        .env("DBCTL_PING_URL", format!("http://127.0.0.1:{closed}/ping/secret-token-9"))
        .code(0)
        .run();
    let out = out.stderr_has(&format!("the ping /start to http://127.0.0.1:{closed}/… failed"));
    let out = out.stderr_has(&format!("the ping to http://127.0.0.1:{closed}/… failed"));
    assert!(!out.stderr.contains("secret-token-9"), "the URL's token is masked: {}", out.stderr);
}

/// Endpoints that accept and never answer: the start ping does not hold the backup, and the
/// finishing ping and webhook go out together within `notify.timeout`, each named when it gives up.
#[test]
fn notifications_that_never_answer_do_not_hold_the_backup() {
    let p = seeded(Backend::Sqlite, "hooks_ping_hangs");
    let (mut server, port) = crate::support::python_server(crate::support::fixtures::SILENT_SERVER, &[]);
    let out = p
        .cmd()
        .args(["backup"])
        .env("DBCTL_PING_URL", format!("http://127.0.0.1:{port}/ping/token-123"))
        .env("DBCTL_WEBHOOK_URL", format!("http://127.0.0.1:{port}/hook"))
        .env("DBCTL_NOTIFY_TIMEOUT", "2s")
        .code(0)
        .run();
    for channel in ["ping /start", "ping", "webhook"] {
        assert!(
            out.stderr.contains(&format!("the {channel} to http://127.0.0.1:{port}/… failed")),
            "{channel}: {}",
            out.stderr
        );
    }
    assert!(out.stderr.contains("(notify.timeout)"), "{}", out.stderr);
    assert!(!out.stderr.contains("token-123"), "{}", out.stderr);
    let _ = server.kill();
    let _ = server.wait();
}

/// `health --serve`: /healthz, /readyz and /metrics, with PostgreSQL stopped and started again;
/// a scraper hitting /metrics 100 times causes at most one run of the checks per interval.
#[test]
fn the_health_endpoint_follows_the_database_and_caches_its_checks() {
    let cluster = crate::support::PgCluster::init(crate::support::free_port());
    cluster.start();
    let dir = crate::support::project();
    let mut child = crate::support::dbctl(dir.path())
        .env("DATABASE_URL", cluster.url("postgres"))
        .args(["-v", "health", "--serve", "127.0.0.1:0", "--cache-for", "1s", "--connect-timeout", "1s"])
        .spawn();
    let (base, rx) = crate::support::fixtures::served_base(&mut child);
    let get = |path: &str| crate::support::fixtures::http_get(&base, path);
    assert_eq!(get("/healthz").0, 200);
    let (code, body) = get("/readyz");
    assert_eq!(code, 200, "{body}");
    let (code, body) = get("/metrics");
    assert!(code == 200 && body.contains("dbctl_health_status 0"), "{body}");
    let (code, body) = get("/health");
    let report: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!((code, report["status"].as_str()), (200, Some("ok")), "{body}");
    assert!(!report["checks"].as_array().unwrap().is_empty(), "{body}");

    // A scraper: 100 requests; the checks run at most once per second of them.
    let started = std::time::Instant::now();
    for _ in 0..100 {
        assert_eq!(get("/metrics").0, 200);
    }
    let seconds = started.elapsed().as_secs_f64();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let runs = rx.try_iter().filter(|l| l.contains("health: running the checks")).count();
    assert!(runs as f64 <= seconds.ceil() + 1.0, "{runs} runs of the checks in {seconds:.1}s of requests");

    // PostgreSQL down: not ready (once the cached result is older than the interval); up: ready.
    cluster.stop();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (code, body) = get("/readyz");
    assert_eq!(code, 503, "{body}");
    assert!(get("/metrics").1.contains("dbctl_health_status 2"));
    let (code, body) = get("/health");
    let report: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(code, 503, "{body}");
    assert_eq!(report["status"], "critical", "the whole report, as health --json has it: {report}");
    assert_eq!(get("/healthz").0, 200, "dbctl itself is alive");
    cluster.start();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (code, body) = get("/readyz");
    assert_eq!(code, 200, "{body}");
    // A name that is not an address (DNS rebinding) is refused.
    let refused = ureq::get(&format!("{base}/metrics"))
        .header("Host", "attacker.example")
        .config()
        .http_status_as_error(false)
        .build()
        .call()
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let _ = child.kill();
    let _ = child.wait();
    cluster.stop();
}

/// An invalid index (a CREATE INDEX CONCURRENTLY that failed): health warns, `maintain` rebuilds
/// it, health is clean again. A replication slot nobody consumes: health warns with the WAL it
/// holds.
#[test]
fn maintenance_repairs_what_health_finds() {
    let p = Project::new(Backend::Pg, "maintain_pg");
    p.sql("CREATE TABLE t (x integer); INSERT INTO t SELECT g FROM generate_series(1, 100) g");
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let pg = crate::support::pg();
    // A concurrent build waits for the table's writers; cancelled while it waits, it leaves its
    // index behind, invalid.
    let mut writer = pg.session(&db);
    writer.send("BEGIN; INSERT INTO t VALUES (101);");
    pg.wait_for(
        &format!(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = '{db}' AND state = 'idle in transaction'"
        ),
        "the open write",
    );
    let mut builder = pg.session(&db);
    builder.send("CREATE INDEX CONCURRENTLY t_inverse_idx ON t ((1.0 / x));");
    let building = format!(
        "FROM pg_stat_activity WHERE datname = '{db}' AND query LIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'"
    );
    pg.wait_for(&format!("SELECT count(*) {building}"), "the build waiting for the writer");
    p.sql(&format!("SELECT pg_cancel_backend(pid) {building}"));
    pg.wait_for(
        &format!(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = '{db}' AND query LIKE 'CREATE INDEX CONCURRENTLY%' AND state = 'idle'"
        ),
        "the build cancelled",
    );
    writer.send("COMMIT;");
    drop(builder);
    let left = p.sql("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_inverse_idx'::regclass");
    assert_eq!(left.trim(), "f", "the cancelled build left an invalid index");
    let check = |name: &str| {
        let report = p.cmd().args(["health", "--json"]).health_report();
        crate::support::fixtures::health_check(&report, &format!("database.{name}")).clone()
    };
    let invalid = check("invalid_indexes");
    assert_eq!(invalid["status"], "warning", "{invalid}");
    assert!(invalid["message"].as_str().unwrap().contains("t_inverse_idx"), "{invalid}");

    let dry = p.dbctl(0, ["maintain", "--dry-run"]);
    assert!(
        dry.stdout.contains("would run: REINDEX INDEX CONCURRENTLY public.t_inverse_idx"),
        "{}",
        dry.stdout
    );
    assert_eq!(check("invalid_indexes")["status"], "warning", "a dry run changes nothing");
    p.dbctl(0, ["maintain"]).stdout_has("maintenance done");
    assert_eq!(check("invalid_indexes")["status"], "ok");

    // A logical slot with no consumer (a subscriber gone away) and a physical one reserving WAL
    // (a replica gone away), and a low threshold.
    p.sql(&format!("SELECT pg_create_logical_replication_slot('{db}_logical', 'pgoutput')"));
    p.sql(&format!("SELECT pg_create_physical_replication_slot('{db}_slot', true)"));
    p.sql("INSERT INTO t SELECT g FROM generate_series(1, 20000) g; SELECT pg_switch_wal()");
    std::fs::write(
        p.path().join("dbctl.toml"),
        "[health]\nslot_wal_warn = 1000\nslot_wal_crit = 100000000000\n",
    )
    .unwrap();
    let slots = check("replication_slots");
    p.sql(&format!(
        "SELECT pg_drop_replication_slot('{db}_slot'); SELECT pg_drop_replication_slot('{db}_logical')"
    ));
    assert_eq!(slots["status"], "warning", "{slots}");
    let said = slots["message"].as_str().unwrap();
    for slot in
        [format!("{db}_logical (logical, inactive) holds"), format!("{db}_slot (physical, inactive) holds")]
    {
        assert!(said.contains(&slot), "{slots}");
    }
    assert!(slots["value"].as_f64().unwrap() > 1000.0, "the retained WAL in bytes: {slots}");
}

#[test]
fn sqlite_maintenance_vacuums_a_file_that_is_mostly_free() {
    let p = seeded(Backend::Sqlite, "maintain_sqlite");
    p.sql("CREATE TABLE filler (b BLOB); INSERT INTO filler SELECT randomblob(4000) FROM generate_series(1, 500); DROP TABLE filler;");
    let report = p.cmd().args(["health", "--json"]).health_report();
    let free = crate::support::fixtures::health_check(&report, "database.freelist");
    assert_ne!(free["status"], "ok", "{free}");
    let dry = p.dbctl(0, ["maintain", "--dry-run"]);
    assert!(dry.stdout.contains("would run: VACUUM"), "{}", dry.stdout);
    let before = std::fs::metadata(p.sqlite_file()).unwrap().len();
    p.dbctl(0, ["maintain"]);
    assert!(std::fs::metadata(p.sqlite_file()).unwrap().len() < before / 2, "VACUUM gave the pages back");
}

/// `--log-format json`: every message on stderr one JSON object (time, level, event, message),
/// errors too, with no secret.
#[test]
fn logs_as_json_lines() {
    let p = seeded(Backend::Sqlite, "log_json");
    let out =
        p.cmd().args(["--log-format", "json", "-v", "backup"]).env("BACKUP_S3_BUKET", "typo").code(0).run();
    let lines: Vec<serde_json::Value> = out
        .stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    assert!(
        lines.iter().all(|l| l["time"].is_string() && l["level"].is_string() && l["message"].is_string())
    );
    assert!(
        lines
            .iter()
            .any(|l| l["level"] == "warning" && l["message"].as_str().unwrap().contains("BACKUP_S3_BUKET"))
    );
    let failed = p.cmd().args(["--log-format", "json", "-q", "restore", "no-such-backup"]).code(1).run();
    let last: serde_json::Value = serde_json::from_str(failed.stderr.lines().last().unwrap()).unwrap();
    assert_eq!((last["level"].as_str(), last["event"].as_str()), (Some("error"), Some("error")));
    assert!(last["message"].as_str().unwrap().contains("no-such-backup"), "{last}");
    assert_eq!(last["fields"]["exit_code"], 1, "{last}");

    // Under --quiet, a run leaves its record: the backup's outcome with the fields to alert on,
    // then the command's exit code.
    let quiet = p.cmd().args(["--log-format", "json", "-q", "backup"]).code(0).run();
    assert_eq!(quiet.stdout, "");
    let records: Vec<serde_json::Value> =
        quiet.stderr.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2, "{}", quiet.stderr);
    assert_eq!(records[1]["event"], "command.finished");
    assert_eq!(
        (records[1]["fields"]["command"].as_str(), records[1]["fields"]["exit_code"].as_u64()),
        (Some("backup"), Some(0))
    );
    let done = &records[0]["fields"];
    assert_eq!(
        (records[0]["event"].as_str(), done["status"].as_str()),
        (Some("backup.finished"), Some("success"))
    );
    let id = done["backup_id"].as_str().unwrap();
    assert!(stored(&p).iter().any(|f| f.contains(id)), "{id} is stored: {:?}", stored(&p));
    assert!(done["stored_bytes"].as_u64().unwrap() > 0 && done["duration_ms"].is_u64(), "{done}");
    // Any other command: its exit code, a non-zero one as a warning.
    let check = p.cmd().args(["--log-format", "json", "-q", "migrate", "--check"]).code(0).run();
    let last: serde_json::Value = serde_json::from_str(check.stderr.lines().last().unwrap()).unwrap();
    assert_eq!(
        (last["event"].as_str(), last["fields"]["command"].as_str()),
        (Some("command.finished"), Some("migrate"))
    );
}

/// `schedule run` with `maintain.schedule`: the maintenance runs between backups, and each line
/// of its log is one JSON object with the event's fields.
#[test]
fn the_scheduler_runs_the_maintenance_and_logs_json() {
    let p = seeded(Backend::Sqlite, "maintain_scheduled");
    p.sql("CREATE TABLE filler (b BLOB); INSERT INTO filler SELECT randomblob(4000) FROM generate_series(1, 500); DROP TABLE filler;");
    let before = std::fs::metadata(p.sqlite_file()).unwrap().len();
    let child = p
        .cmd()
        .args(["--log-format", "json", "schedule", "run"])
        .env("BACKUP_SCHEDULE", "@every 1h")
        .env("DBCTL_MAINTAIN_SCHEDULE", "@every 1s")
        .spawn();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::fs::metadata(p.sqlite_file()).unwrap().len() >= before / 2 {
        assert!(std::time::Instant::now() < deadline, "the scheduled maintenance never vacuumed the file");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // One more slot, so the log holds a whole maintenance line, then a clean stop.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    sh(&format!("kill -TERM {}", child.id()));
    let out = Outcome::from(child.wait_with_output().unwrap()).no_secrets();
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let lines: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    assert_eq!(lines[0]["event"], "schedule.started", "{}", out.stdout);
    assert_eq!(lines[0]["fields"]["schedule"], "@every 1h");
    let runs: Vec<&serde_json::Value> = lines.iter().filter(|l| l["event"] == "maintenance").collect();
    assert!(!runs.is_empty(), "{}", out.stdout);
    assert!(runs.iter().all(|r| r["fields"]["result"] == "done"), "{}", out.stdout);
    let first: Vec<&str> =
        runs[0]["fields"]["steps"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert_eq!(first, ["PRAGMA integrity_check", "VACUUM", "PRAGMA optimize"], "{}", out.stdout);
    assert_eq!(lines.last().unwrap()["event"], "schedule.stopped", "{}", out.stdout);
}

/// The same hooks around `dbctl migrate` and `dbctl restore`.
#[test]
fn hooks_around_migrations_and_restores() {
    let p = Project::new(Backend::Sqlite, "hooks_migrate");
    p.migration("2024-01-01-000001_t", "CREATE TABLE t (x INTEGER);", None, None);
    std::fs::write(
        p.path().join("dbctl.toml"),
        "[migrations]\nbefore = \"echo $DBCTL_EVENT $DBCTL_STATUS >> events.txt\"\n\
         after = \"echo $DBCTL_EVENT $DBCTL_STATUS >> events.txt\"\n\n\
         [restore]\non_failure = \"echo $DBCTL_EVENT $DBCTL_STATUS >> events.txt\"\n",
    )
    .unwrap();
    p.dbctl(0, ["migrate"]);
    p.cmd().args(["restore", "no-such-backup"]).code(1).run();
    let events = std::fs::read_to_string(p.path().join("events.txt")).unwrap();
    assert_eq!(
        events, "migrate started\nmigrate success\n",
        "a restore that cannot find its backup runs no hook"
    );
    // A restore that fails after it started runs on_failure.
    let m = p.cmd().args(["backup", "--json"]).code(0).run().json();
    let id = m["id"].as_str().unwrap().to_string();
    p.cmd().args(["restore", &id]).code(1).run().stderr_has("not empty");
    let events = std::fs::read_to_string(p.path().join("events.txt")).unwrap();
    assert!(events.ends_with("restore failure\n"), "{events}");
    // A failing before hook stops the migration run.
    std::fs::write(p.path().join("dbctl.toml"), "[migrations]\nbefore = \"exit 4\"\n").unwrap();
    p.migration("2024-01-01-000002_u", "CREATE TABLE u (x INTEGER);", None, None);
    p.dbctl(1, ["migrate"])
        .stderr_has("the migration run did not run: the migrations.before hook failed (exit status 4)");
    assert!(!p.tables().contains(&"u".to_string()));
}
