use std::path::Path;

use crate::support::fixtures::{s3_project, seeded, sh};
use crate::support::{Backend, Project};

/// Backups made at the given times (`2026-03-01T02:00:00Z`), as copies of one real backup with
/// their own names, ids and manifests; returns (id, artifact) of each, in the given order.
fn history(
    template: &serde_json::Value,
    artifact: &Path,
    times: &[&str],
) -> Vec<(String, String, String, Vec<u8>)> {
    let bytes = std::fs::read(artifact).unwrap();
    let ext = template["artifact"].as_str().unwrap().split_once('.').unwrap().1.to_string();
    let db = template["database"].as_str().unwrap();
    times
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let stamp: String = t.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            let id = format!("{:06x}", 0xa00000 + i);
            let name = format!("{db}-{stamp}-{id}.{ext}");
            let mut m = template.clone();
            m["id"] = id.clone().into();
            m["artifact"] = name.clone().into();
            m["started_at"] = t.to_string().into();
            (id, name, serde_json::to_string_pretty(&m).unwrap(), bytes.clone())
        })
        .collect()
}

/// Files in `dir`, hidden ones (locks, temporaries) apart.
fn visible(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| !e.as_ref().unwrap().file_name().to_string_lossy().starts_with('.'))
        .count()
}

const TIMES: [&str; 8] = [
    "2026-01-01T02:00:00Z",
    "2026-01-20T02:00:00Z",
    "2026-02-01T02:00:00Z",
    "2026-02-10T02:00:00Z",
    "2026-03-01T02:00:00Z",
    "2026-03-01T14:00:00Z",
    "2026-03-02T02:00:00Z",
    "2026-03-03T02:00:00Z",
];

/// The ids a dry run keeps, and the reasons it gives for each.
fn dry_run(p: &Project, args: &[&str], env: &[(&str, &str)]) -> Vec<(String, bool, String)> {
    let mut run = p.cmd().args(["backup", "prune", "--dry-run", "--json"]).args(args);
    for (k, v) in env {
        run = run.env(k, v);
    }
    let out = run.code(0).run().json();
    out["backups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let reasons: Vec<&str> =
                b["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
            (b["id"].as_str().unwrap().to_string(), b["keep"].as_bool().unwrap(), reasons.join(","))
        })
        .collect()
}

#[test]
fn retention_keeps_what_the_rules_say_and_touches_nothing_else() {
    let p = seeded(Backend::Sqlite, "prune_local");
    let dir = p.path().join("backups");
    let m = p.dbctl(0, ["backup", "--json"]).json();
    let real = dir.join(m["artifact"].as_str().unwrap());
    // The real backup stands for "now", newer than the forged history.
    for (_, name, manifest, bytes) in history(&m, &real, &TIMES) {
        std::fs::write(dir.join(&name), bytes).unwrap();
        std::fs::write(dir.join(format!("{name}.manifest.json")), manifest).unwrap();
    }
    // Files that are not this database's backups.
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let other = p.path().join("other.db");
    sh(&format!("sqlite3 {} 'CREATE TABLE t (x)'", other.display()));
    let foreign = p.cmd().args(["backup", "--json"]).env("DATABASE_URL", &other).code(0).run().json();

    // No policy: nothing goes, and it says so.
    p.dbctl(0, ["backup", "prune"]).stderr_has("no retention policy is set");
    assert_eq!(visible(&dir), 2 + 2 * TIMES.len() + 3);

    // Each rule, as a dry run: keep or remove, and the rule that decided.
    let plan = dry_run(&p, &["--keep-daily", "3"], &[]);
    assert_eq!(plan.len(), 9, "only this database's backups: {plan:?}");
    let kept: Vec<&str> = plan.iter().filter(|(_, k, _)| *k).map(|(id, _, _)| id.as_str()).collect();
    let newest = m["id"].as_str().unwrap();
    // The real backup (today), then 03-03 and 03-02: three days that have a backup.
    assert_eq!(kept, [newest, "a00007", "a00006"]);
    assert_eq!(plan[0].2, "newest,keep_daily");
    let plan = dry_run(&p, &["--keep-monthly", "3"], &[]);
    let kept: Vec<&str> = plan.iter().filter(|(_, k, _)| *k).map(|(id, _, _)| id.as_str()).collect();
    // The real backup's month, then March and February 2026, each by its newest backup.
    assert_eq!(kept, [newest, "a00007", "a00003"], "{plan:?}");
    let plan = dry_run(&p, &["--keep-last", "2", "--keep-monthly", "1"], &[]);
    assert_eq!(plan.iter().filter(|(_, k, _)| *k).count(), 2);
    assert_eq!(plan[1], ("a00007".into(), true, "keep_last".into()));
    // BACKUP_RETENTION_DAYS is keep_within, counted from the newest backup: with the real backup
    // far newer than the history, only it stays.
    let plan = dry_run(&p, &[], &[("BACKUP_RETENTION_DAYS", "7")]);
    assert_eq!(plan.iter().filter(|(_, k, _)| *k).count(), 1);
    assert_eq!(plan[0].2, "newest,keep_within");

    // The human dry run says what would go, and removes nothing.
    let out = p.dbctl(0, ["backup", "prune", "--dry-run", "--keep-daily", "3"]);
    assert!(
        out.stdout.contains("no rule keeps it") && out.stdout.contains("would remove 6"),
        "{}",
        out.stdout
    );
    assert_eq!(visible(&dir), 2 + 2 * TIMES.len() + 3);

    // The same from the configuration, for real.
    std::fs::write(p.path().join("dbctl.toml"), "[backup.retention]\nkeep_daily = 3\n").unwrap();
    p.dbctl(0, ["backup", "prune"]).stdout_has("removed 6");
    let left: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(visible(&dir), 3 * 2 + 2 + 1, "{left:?}");
    assert!(left.contains(&"notes.txt".to_string()));
    assert!(left.contains(&foreign["artifact"].as_str().unwrap().to_string()));
    // Pruning again removes nothing more.
    p.dbctl(0, ["backup", "prune"]).stdout_has("removed 0");

    // backup --prune: after the new backup, the policy runs.
    std::fs::write(p.path().join("dbctl.toml"), "[backup.retention]\nkeep_last = 1\n").unwrap();
    let out = p.dbctl(0, ["backup", "--prune"]);
    assert!(out.stderr.contains("pruned 3 old backups"), "{}", out.stderr);
    let list = p.dbctl(0, ["backup", "list", "--json"]).json();
    let dbs: Vec<&str> = list.as_array().unwrap().iter().map(|m| m["database"].as_str().unwrap()).collect();
    assert_eq!(dbs.iter().filter(|d| **d == "app").count(), 1, "{dbs:?}");
    assert_eq!(dbs.iter().filter(|d| **d == "other").count(), 1, "{dbs:?}");
}

#[test]
fn orphans_are_what_failed_runs_left_and_nothing_else() {
    let p = seeded(Backend::Sqlite, "prune_orphans");
    let dir = p.path().join("backups");
    let m = p.dbctl(0, ["backup", "--json"]).json();
    let old_tmp = dir.join(".app-20260101T020000Z-abcdef.sqlite3.gz.Xy12ab.tmp");
    let new_tmp = dir.join(".app-20990101T020000Z-abcdef.sqlite3.gz.Zz34cd.tmp");
    let stray = dir.join("app-20260101T020000Z-fedcba.sqlite3.gz");
    for f in [&old_tmp, &new_tmp, &stray] {
        std::fs::write(f, "partial").unwrap();
    }
    sh(&format!("touch -d '2 days ago' {}", old_tmp.display()));
    std::fs::write(dir.join(".hidden-notes"), "mine").unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let out = p.dbctl(0, ["backup", "prune", "--orphans", "--dry-run"]);
    assert!(
        out.stdout.contains("would remove app-20260101T020000Z-abcdef.sqlite3.gz (temporary file)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("app-20260101T020000Z-fedcba.sqlite3.gz (backup file without a manifest)"));
    assert!(old_tmp.exists() && stray.exists());
    p.dbctl(0, ["backup", "prune", "--orphans"]).stdout_has("2 orphans older than 24h");
    assert!(!old_tmp.exists() && !stray.exists());
    assert!(new_tmp.exists(), "younger than the grace period");
    for kept in [".hidden-notes", "notes.txt", m["artifact"].as_str().unwrap()] {
        assert!(dir.join(kept).exists(), "{kept}");
    }
}

#[test]
fn s3_retention_and_unfinished_uploads() {
    let p = seeded(Backend::Sqlite, "prune_s3");
    let s3 = crate::support::s3();
    let dbctl = s3_project(&p, "dbctl-prune");
    let m = dbctl(&["backup", "--json"]).code(0).run().json();
    let local = p.path().join("real");
    s3.download("dbctl-prune", m["artifact"].as_str().unwrap(), &local);
    for (_, name, manifest, _) in history(&m, &local, &TIMES[..4]) {
        let json = p.path().join("m.json");
        std::fs::write(&json, manifest).unwrap();
        s3.python(&format!(
            "s3.upload_file('{}', 'dbctl-prune', '{name}')\ns3.upload_file('{}', 'dbctl-prune', '{name}.manifest.json')",
            local.display(),
            json.display()
        ));
    }
    s3.python("s3.put_object(Bucket='dbctl-prune', Key='someone-elses.txt', Body=b'x')");
    s3.python(
        "s3.create_multipart_upload(Bucket='dbctl-prune', Key='app-20260101T020000Z-abcdef.sqlite3.gz')",
    );
    s3.python("s3.create_multipart_upload(Bucket='dbctl-prune', Key='not-ours.bin')");
    assert_eq!(s3.open_uploads("dbctl-prune"), 2);

    dbctl(&["backup", "prune", "--keep-last", "2"]).code(0).run().stdout_has("removed 3");
    let keys = s3.keys("dbctl-prune");
    assert_eq!(keys.len(), 2 * 2 + 1, "{keys:?}");
    assert!(keys.contains(&"someone-elses.txt".to_string()));
    assert!(keys.contains(&m["artifact"].as_str().unwrap().to_string()));

    dbctl(&["backup", "prune", "--orphans", "--grace", "0s"]).code(0).run().stdout_has("(unfinished upload)");
    assert_eq!(s3.open_uploads("dbctl-prune"), 1, "only dbctl's upload was aborted");
}

#[test]
fn planted_manifests_delete_nothing_and_stop_nothing() {
    let p = seeded(Backend::Sqlite, "prune_planted");
    let dir = p.path().join("backups");
    let m = p.dbctl(0, ["backup", "--json"]).json();
    let newest = m["artifact"].as_str().unwrap().to_string();
    // Another database's backup, and a file that is no backup, in the same directory.
    let other = "other-20260101T020000Z-0b0b0b.sqlite3.gz";
    std::fs::write(dir.join(other), b"another database's backup").unwrap();
    std::fs::write(dir.join("keep-me.txt"), b"not a backup").unwrap();

    // Old manifests (so retention removes them) that name files that are not theirs.
    let plant = |id: &str, artifact: &str, parts: &[&str]| {
        let mut doc = m.clone();
        let own = format!("{}-20200101T020000Z-{id}.sqlite3.gz", m["database"].as_str().unwrap());
        doc["id"] = id.into();
        doc["artifact"] = artifact.into();
        doc["started_at"] = "2020-01-01T02:00:00Z".into();
        doc["parts"] = parts
            .iter()
            .map(|n| serde_json::json!({"name": n, "kind": "globals", "stored_bytes": 1, "uncompressed_bytes": 1, "sha256": "0".repeat(64)}))
            .collect();
        std::fs::write(dir.join(format!("{own}.manifest.json")), serde_json::to_vec(&doc).unwrap()).unwrap();
        own
    };
    plant("aaaaa1", &newest, &[]);
    let own = plant("aaaaa2", "PLACEHOLDER", &[other, "keep-me.txt"]);
    // This one names its own artifact but parts that are not its own.
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(format!("{own}.manifest.json"))).unwrap()).unwrap();
    doc["artifact"] = own.clone().into();
    std::fs::write(dir.join(format!("{own}.manifest.json")), serde_json::to_vec(&doc).unwrap()).unwrap();
    std::fs::write(dir.join(&own), b"x").unwrap();
    // Unreadable, and with a terminal escape in its name's reach.
    std::fs::write(dir.join("app-20200101T020000Z-aaaaa3.sqlite3.gz.manifest.json"), b"{ not json").unwrap();

    let out = p.cmd().args(["backup", "prune", "--keep-last", "1"]).code(0).run();
    out.stderr_has("skipped a manifest").stderr_has("not a manifest dbctl can use");
    for kept in [newest.as_str(), other, "keep-me.txt", own.as_str()] {
        assert!(dir.join(kept).exists(), "{kept} was deleted");
    }
    p.dbctl(0, ["backup", "verify", "latest"]);
    // The rest still works beside them.
    let list = p.cmd().args(["backup", "list"]).code(0).run();
    assert!(list.stdout.contains(&newest), "{}", list.stdout);
    list.stderr_has("skipped a manifest");
    let restored = p.path().join("restored.sqlite3");
    p.cmd()
        .args(["restore", "latest", "--to", &format!("sqlite://{}", restored.display()), "--create"])
        .code(0)
        .run();
    assert!(restored.exists());
}

#[test]
fn manifest_text_cannot_drive_the_terminal() {
    let p = seeded(Backend::Sqlite, "prune_escapes");
    let m = p.dbctl(0, ["backup", "--json"]).json();
    let path = p.path().join("backups").join(format!("{}.manifest.json", m["artifact"].as_str().unwrap()));
    let mut doc = m.clone();
    doc["tag"] = "\u{1b}]0;owned\u{7}\u{1b}[2J".into();
    doc["compression"] = "gzip\u{1b}[31m".into();
    std::fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
    let out = p.dbctl(0, ["backup", "list"]);
    assert!(!out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{7}'), "{:?}", out.stdout);
    assert!(out.stdout.contains("\\u{1b}"), "{:?}", out.stdout);
}

#[test]
fn orphans_are_only_dbctls_own_and_never_a_running_backups() {
    let p = seeded(Backend::Pg, "prune_orphans_exact");
    let dir = p.path().join("backups");
    p.dbctl(0, ["backup"]);
    // Files of other people that look like dbctl's names.
    let theirs = [
        "report-20261130T010000Z-abcdef.pdf",
        "customer-x-20261130T010000Z-123456.xlsx",
        "prune_orphans_exact-20261130T010000Z-abcdef.sql.gz.manifest.json.old",
        "prune_orphans_exact-20261130T010000Z-abcdef.sql.gz.bak",
    ];
    for f in theirs {
        std::fs::write(dir.join(f), "not dbctl's").unwrap();
    }
    // A backup that is running: its temporary file is no orphan, whatever --grace says.
    let pid_file = crate::support::fixtures::slow_pg_dump(&p);
    let child = p.cmd().args(["backup", "--compression", "none"]).spawn();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let running_tmp = loop {
        let tmp = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .find(|n| n.ends_with(".tmp"));
        if let (Some(tmp), true) = (tmp, pid_file.exists()) {
            break tmp;
        }
        assert!(std::time::Instant::now() < deadline, "the backup did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let out = p.dbctl(0, ["backup", "prune", "--orphans", "--grace", "0s"]);
    let out = out.stderr_has("is running: its files are left alone");
    assert!(dir.join(&running_tmp).exists(), "the running backup's file was removed: {}", out.stdout);
    for f in theirs {
        assert!(dir.join(f).exists(), "{f} was removed: {}", out.stdout);
    }
    sh(&format!("kill -TERM {}", child.id()));
    let _ = child.wait_with_output();
}
