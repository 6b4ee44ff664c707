//! WAL archiving through the backup destinations: `wal push` (archive_command) stores each file
//! once in every destination, compressed and encrypted, and refuses other content under the same
//! name; `wal fetch` (restore_command) checks every byte and falls back to the next destination.

use std::path::Path;

use crate::support::fixtures::age_key;
use crate::support::{Backend, Project, Run, S3_ACCESS_KEY, S3_SECRET_KEY, s3};

/// Bytes that look like a WAL segment to dbctl (it reads any content).
fn segment_bytes(seed: u8, len: usize) -> Vec<u8> {
    let mut x = 0x9E37_79B9u32 ^ u32::from(seed);
    (0..len)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            // Half of it compressible, as WAL is.
            if i % 2 == 0 { (x >> 24) as u8 } else { b'w' }
        })
        .collect()
}

/// dbctl in `cwd` (the server's data directory), working on project `p` (-C), to local + S3.
fn dbctl_in(p: &Project, cwd: &Path, bucket: &str, recipient: &str, args: &[&str]) -> Run {
    let mut run = p
        .cmd()
        .arg("-C")
        .arg(p.path())
        .args(args)
        .env("BACKUP_ENCRYPTION_KEY", recipient)
        .env("BACKUP_LOCAL", "true")
        .env("BACKUP_S3_BUCKET", bucket)
        .env("BACKUP_S3_REGION", "us-east-1")
        .env("BACKUP_S3_ACCESS_KEY", S3_ACCESS_KEY)
        .env("BACKUP_S3_SECRET_KEY", S3_SECRET_KEY)
        .env("AWS_ENDPOINT_URL", s3().endpoint());
    run.cmd.current_dir(cwd);
    run
}

#[test]
fn wal_files_are_archived_everywhere_once_and_fetched_back_checked() {
    let p = Project::new(Backend::Sqlite, "wal_push_fetch");
    let (key, recipient) = age_key(p.path());
    let bucket = "dbctl-wal-push";
    s3().create_bucket(bucket);
    // A data directory elsewhere: PostgreSQL runs archive_command there, %p relative to it.
    let data = p.path().join("data");
    std::fs::create_dir_all(data.join("pg_wal")).unwrap();
    let name = "000000010000000000000003";
    let original = segment_bytes(1, 1 << 20);
    std::fs::write(data.join("pg_wal").join(name), &original).unwrap();
    let wal_path = format!("pg_wal/{name}");
    let dbctl = |args: &[&str]| dbctl_in(&p, &data, bucket, &recipient, args);

    let out = dbctl(&["wal", "push", &wal_path]).code(0).run();
    let out = out.stderr_has(&format!("archived {name} (1.0 MiB"));
    assert!(out.stderr.contains("to local, s3"), "{}", out.stderr);
    let folder = p.path().join("backups/wal/00000001");
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join(format!("{name}.json"))).unwrap()).unwrap();
    let object = record["object"].as_str().unwrap().to_string();
    assert!(object.starts_with(&format!("{name}.")) && object.ends_with(".zst.age"), "{record:#}");
    assert_eq!(record["bytes"], 1 << 20);
    // Encrypted: the stored bytes are age's, not the segment's.
    let stored = std::fs::read(folder.join(&object)).unwrap();
    assert!(stored.starts_with(b"age-encryption.org/v1"));
    let keys = s3().keys(bucket);
    assert!(
        keys.contains(&format!("wal/00000001/{name}.json"))
            && keys.contains(&format!("wal/00000001/{object}")),
        "{keys:?}"
    );
    // WAL is not a backup: the catalogue does not list it.
    p.cmd().args(["backup", "list"]).env("BACKUP_LOCAL", "true").code(0).run().stdout_has("no backups");

    // Pushed again (the server retries after a crash): success, nothing stored twice.
    dbctl(&["wal", "push", &wal_path])
        .code(0)
        .run()
        .stderr_has("is archived already (same content) in local, s3");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);

    // Other content under the same name (another server on the same timeline): refused, loudly,
    // and what was archived stays.
    let other = segment_bytes(2, 1 << 20);
    std::fs::write(data.join("pg_wal").join(name), &other).unwrap();
    let out = dbctl(&["wal", "push", &wal_path]).code(1).run();
    assert!(out.stderr.contains("archived already with other content"), "{}", out.stderr);
    assert!(out.stderr.contains("local:") && out.stderr.contains("s3:"), "{}", out.stderr);
    assert_eq!(std::fs::read(folder.join(&object)).unwrap(), stored);
    std::fs::write(data.join("pg_wal").join(name), &original).unwrap();

    // Fetched (restore_command): the same bytes, written complete.
    let key_arg = key.to_str().unwrap();
    dbctl(&["wal", "fetch", name, "pg_wal/RECOVERYXLOG", "-i", key_arg])
        .code(0)
        .run()
        .stderr_has("from local");
    assert_eq!(std::fs::read(data.join("pg_wal/RECOVERYXLOG")).unwrap(), original);
    // Not archived: exit 1, nothing written (the server then tries its own pg_wal or stops).
    let out = dbctl(&["wal", "fetch", "000000010000000000000009", "pg_wal/X", "-i", key_arg]).code(1).run();
    assert!(out.stderr.contains("is not archived in any destination"), "{}", out.stderr);
    assert!(!data.join("pg_wal/X").exists());

    // A local copy damaged: skipped with a warning, the file comes from S3.
    let mut damaged = stored.clone();
    let at = damaged.len() - 100;
    damaged[at] ^= 0x55;
    std::fs::write(folder.join(&object), &damaged).unwrap();
    let out = dbctl(&["wal", "fetch", name, "pg_wal/RECOVERYXLOG", "-i", key_arg]).code(0).run();
    assert!(out.stderr.contains("from s3") && out.stderr.contains("skipped"), "{}", out.stderr);
    assert_eq!(std::fs::read(data.join("pg_wal/RECOVERYXLOG")).unwrap(), original);
    std::fs::write(folder.join(&object), &stored).unwrap();

    // A planted record that points elsewhere, or lies about the content: refused, never followed.
    let record_path = folder.join(format!("{name}.json"));
    let genuine = std::fs::read_to_string(&record_path).unwrap();
    for (what, planted) in [
        ("names the object", genuine.replace(&object, "../../../etc/passwd")),
        ("other content", genuine.replace(record["sha256"].as_str().unwrap(), &"0".repeat(64))),
        ("not dbctl's", "{\"format\": 1}".to_string()),
    ] {
        std::fs::write(&record_path, planted).unwrap();
        // Not "not archived" (exit 1: the end of the archive to PostgreSQL) but a failure that
        // stops recovery (126) rather than ending it early.
        let out =
            dbctl(&["wal", "fetch", name, "pg_wal/RECOVERYXLOG", "-i", key_arg, "--destination", "local"])
                .code(126)
                .run();
        assert!(out.stderr.contains(what), "{what}: {}", out.stderr);
    }
    std::fs::write(&record_path, &genuine).unwrap();
    // The wrong key, or an unreachable destination: stop, never "not archived".
    let other = p.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let (wrong, _) = age_key(&other);
    let out = dbctl(&["wal", "fetch", name, "pg_wal/W", "-i", wrong.to_str().unwrap()]).code(126).run();
    assert!(out.stderr.contains("stops recovery here"), "{}", out.stderr);
    assert!(!data.join("pg_wal/W").exists());
    let out = dbctl(&["wal", "fetch", "000000010000000000000009", "pg_wal/W", "-i", key_arg])
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .code(126)
        .run();
    assert!(out.stderr.contains("s3"), "{}", out.stderr);

    // Names that are not WAL files never become paths or object names.
    for bad in ["../000000010000000000000003", "000000010000000000000003/../../x", "RECOVERYXLOG", "x.json"] {
        let out = dbctl(&["wal", "fetch", bad, "pg_wal/Y", "-i", key_arg]).code(126).run();
        assert!(out.stderr.contains("is not the name of a WAL file"), "{bad}: {}", out.stderr);
    }
    std::fs::write(data.join("pg_wal/RECOVERYXLOG"), b"x").unwrap();
    let out = dbctl(&["wal", "push", "pg_wal/RECOVERYXLOG"]).code(1).run();
    assert!(out.stderr.contains("is not the name of a WAL file"), "{}", out.stderr);

    // History files and partial segments travel the same way.
    for extra in ["00000002.history", "000000010000000000000004.partial"] {
        std::fs::write(data.join("pg_wal").join(extra), b"1\t0/3000000\tno recovery target specified\n")
            .unwrap();
        dbctl(&["wal", "push", &format!("pg_wal/{extra}")]).code(0).run();
        dbctl(&["wal", "fetch", extra, "pg_wal/Z", "-i", key_arg]).code(0).run();
        assert_eq!(
            std::fs::read(data.join("pg_wal/Z")).unwrap(),
            std::fs::read(data.join("pg_wal").join(extra)).unwrap()
        );
    }
    assert!(p.path().join("backups/wal/00000002/00000002.history.json").is_file());
}

/// A passphrase cannot encrypt WAL (each file would pay scrypt's cost): refused with the fix.
#[test]
fn wal_push_needs_recipients_not_a_passphrase() {
    let p = Project::new(Backend::Sqlite, "wal_passphrase");
    std::fs::create_dir(p.path().join("pg_wal")).unwrap();
    std::fs::write(p.path().join("pg_wal/000000010000000000000001"), b"wal").unwrap();
    let out = p
        .cmd()
        .args(["wal", "push", "pg_wal/000000010000000000000001"])
        .env("BACKUP_ENCRYPTION_KEY", "a long passphrase nobody guesses 4242")
        .code(1)
        .run();
    assert!(out.stderr.contains("not to a passphrase"), "{}", out.stderr);
    assert!(!p.path().join("backups").exists());
}

/// `backup prune` removes the WAL no kept base backup needs: every segment before the earliest
/// start of the base backups it keeps, on every timeline; timeline history files stay, and
/// without a base backup nothing goes.
#[test]
fn pruning_keeps_the_wal_of_every_kept_base_backup() {
    let p = Project::new(Backend::Sqlite, "wal_prune");
    p.sql("CREATE TABLE t (x int)");
    let (_, recipient) = age_key(p.path());
    let wal_dir = p.path().join("pg_wal");
    std::fs::create_dir(&wal_dir).unwrap();
    let run = |args: &[&str]| p.cmd().args(args).env("BACKUP_ENCRYPTION_KEY", &recipient);
    let mut files: Vec<String> = (1..=6).map(|n| format!("0000000100000000000000{n:02X}")).collect();
    files.extend(["000000020000000000000005".to_string(), "00000002.history".to_string()]);
    for (i, f) in files.iter().enumerate() {
        std::fs::write(wal_dir.join(f), segment_bytes(i as u8, 4096)).unwrap();
        run(&["wal", "push", &format!("pg_wal/{f}")]).code(0).run();
    }
    let archived = |tl: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(p.path().join("backups/wal").join(tl))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter_map(|n| n.strip_suffix(".json").map(String::from))
            .collect();
        names.sort();
        names
    };
    // Without a base backup, nothing goes.
    run(&["backup", "prune", "--keep-last", "1"]).code(0).run();
    assert_eq!(archived("00000001").len(), 6);

    // Two base backups (manifests as `backup --physical` writes them), starting in segments 2 and 5.
    let m = run(&["backup", "--json"]).code(0).run().json();
    let dir = p.path().join("backups");
    for name in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()) {
        std::fs::remove_file(name).unwrap();
    }
    for (id, day, start) in [("aaaaaa", "01", 2), ("bbbbbb", "02", 5)] {
        let artifact = format!("app-202601{day}T020000Z-{id}.base.tar");
        std::fs::write(dir.join(&artifact), b"tar").unwrap();
        let mut base = m.clone();
        for k in ["location", "destinations", "seconds", "tables", "parts"] {
            base.as_object_mut().unwrap().remove(k);
        }
        for (k, v) in [
            ("id", serde_json::json!(id)),
            ("artifact", serde_json::json!(artifact)),
            ("dump_format", serde_json::json!("basebackup")),
            ("started_at", serde_json::json!(format!("2026-01-{day}T02:00:00Z"))),
            ("sha256", serde_json::json!("0".repeat(64))),
            (
                "physical",
                serde_json::json!({
                    "system_identifier": "7400000000000000001", "timeline": 1,
                    "start_lsn": format!("0/{start}000028"), "stop_lsn": format!("0/{start}000100"),
                    "start_wal": format!("0000000100000000000000{start:02X}"),
                    "stop_wal": format!("0000000100000000000000{start:02X}"),
                    "wal_segment_size": 16777216u64,
                }),
            ),
        ] {
            base[k] = v;
        }
        std::fs::write(dir.join(format!("{artifact}.manifest.json")), serde_json::to_vec(&base).unwrap())
            .unwrap();
    }
    // Both kept: what comes before the older one's start goes.
    let out = run(&["backup", "prune", "--keep-last", "2"]).code(0).run();
    assert!(out.stderr.contains("removed 1 file before 000000010000000000000002"), "{}", out.stderr);
    assert_eq!(archived("00000001")[0], "000000010000000000000002");
    // A dry run that would drop the older one says so and removes nothing.
    let out = run(&["backup", "prune", "--keep-last", "1", "--dry-run"]).code(0).run();
    assert!(out.stderr.contains("would remove 3 files before 000000010000000000000005"), "{}", out.stderr);
    assert_eq!(archived("00000001").len(), 5);
    // Dropped: its WAL goes with it; the newer one's, timeline 2's and the history file stay.
    let out = run(&["backup", "prune", "--keep-last", "1", "--json"]).code(0).run();
    assert_eq!(out.json()["wal"]["removed"], 3, "{}", out.stdout);
    assert_eq!(archived("00000001"), ["000000010000000000000005", "000000010000000000000006"]);
    assert_eq!(archived("00000002"), ["00000002.history", "000000020000000000000005"]);
    // Nothing of a removed file is left (record and data go together).
    let left: Vec<String> = std::fs::read_dir(p.path().join("backups/wal/00000001"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left.len(), 4, "{left:?}");

    // Dumps and base backups are kept as two series: a newer dump does not push out the base
    // backup (nor, with it, the WAL).
    run(&["backup"]).code(0).run();
    run(&["backup", "prune", "--keep-last", "1"]).code(0).run();
    assert!(dir.join("app-20260102T020000Z-bbbbbb.base.tar.manifest.json").is_file());
    assert_eq!(archived("00000001").len(), 2);

    // The chain from the kept base backup's start: complete, then with a gap, then half stored.
    run(&["backup", "verify", "--wal"])
        .code(0)
        .run()
        .stdout_has("from 000000010000000000000005 to 000000010000000000000006");
    for f in ["000000010000000000000007", "000000010000000000000008"] {
        std::fs::write(wal_dir.join(f), segment_bytes(9, 4096)).unwrap();
        run(&["wal", "push", &format!("pg_wal/{f}")]).code(0).run();
    }
    let tl1 = p.path().join("backups/wal/00000001");
    for e in std::fs::read_dir(&tl1).unwrap().map(|e| e.unwrap().path()) {
        if e.file_name().unwrap().to_str().unwrap().starts_with("000000010000000000000007") {
            std::fs::remove_file(e).unwrap();
        }
    }
    let out = run(&["backup", "verify", "--wal"]).code(1).run();
    assert!(
        out.stdout.contains("FAILED") && out.stdout.contains("missing 000000010000000000000007"),
        "{}",
        out.stdout
    );
    std::fs::remove_file(tl1.join("000000010000000000000008.json")).unwrap();
    let out = run(&["backup", "verify", "--wal", "--json"]).code(1).run();
    let doc = out.json();
    assert_eq!(doc[0]["incomplete"][0], "000000010000000000000008", "{doc:#}");
    // A second content beside a file's (what a write-only push leaves when two servers archive
    // to one place): said as such.
    let data = std::fs::read_dir(&tl1)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|e| {
            let n = e.file_name().unwrap().to_str().unwrap().to_string();
            n.starts_with("000000010000000000000006.") && !n.ends_with(".json")
        })
        .unwrap();
    std::fs::copy(&data, tl1.join("000000010000000000000006.ffffffffffffffff.zst.age")).unwrap();
    let doc = run(&["backup", "verify", "--wal", "--json"]).code(1).run().json();
    assert_eq!(doc[0]["conflicting"][0], "000000010000000000000006", "{doc:#}");
    run(&["backup", "verify", "--wal"]).code(1).run().stdout_has("archived with two contents");
}

/// The same archive in Google Cloud Storage: timelines found by the listing's prefixes, the
/// chain checked, and the WAL before the kept base backup pruned.
#[test]
fn the_wal_archive_works_in_google_cloud_storage() {
    use crate::support::gcs;
    let p = Project::new(Backend::Sqlite, "wal_gcs");
    p.sql("CREATE TABLE t (x int)");
    let (key, recipient) = age_key(p.path());
    let bucket = "dbctl-wal-gcs";
    gcs().create_bucket(bucket);
    let run = |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("BACKUP_ENCRYPTION_KEY", &recipient)
            .env("BACKUP_LOCAL", "false")
            .env("BACKUP_GCS_BUCKET", bucket)
            .env("BACKUP_GCS_PROJECT_ID", "dbctl-test")
            .env("BACKUP_GCS_KEY_FILE", gcs().key_file())
            .env("BACKUP_GCS_ENDPOINT_URL", gcs().endpoint())
    };
    std::fs::create_dir(p.path().join("pg_wal")).unwrap();
    for n in 1..=4 {
        let f = format!("00000001000000000000000{n}");
        std::fs::write(p.path().join("pg_wal").join(&f), segment_bytes(n, 8192)).unwrap();
        run(&["wal", "push", &format!("pg_wal/{f}")]).code(0).run().stderr_has("to gcs");
    }
    run(&["wal", "fetch", "000000010000000000000002", "got", "-i", key.to_str().unwrap()]).code(0).run();
    assert_eq!(std::fs::read(p.path().join("got")).unwrap(), segment_bytes(2, 8192));
    // A base backup starting in segment 3 (its manifest as `backup --physical` writes it).
    let m = run(&["backup", "--json"]).code(0).run().json();
    let mut base = m.clone();
    for k in ["location", "destinations", "seconds", "tables", "parts"] {
        base.as_object_mut().unwrap().remove(k);
    }
    let artifact = "app-20260101T020000Z-cccccc.base.tar";
    for (k, v) in [
        ("id", serde_json::json!("cccccc")),
        ("artifact", serde_json::json!(artifact)),
        ("dump_format", serde_json::json!("basebackup")),
        ("started_at", serde_json::json!("2026-01-01T02:00:00Z")),
        ("sha256", serde_json::json!("0".repeat(64))),
        (
            "physical",
            serde_json::json!({
                "system_identifier": "7400000000000000001", "timeline": 1, "start_lsn": "0/3000028",
                "stop_lsn": "0/3000100", "start_wal": "000000010000000000000003",
                "stop_wal": "000000010000000000000003", "wal_segment_size": 16777216u64,
            }),
        ),
    ] {
        base[k] = v;
    }
    gcs().upload(bucket, artifact, b"tar");
    gcs().upload(bucket, &format!("{artifact}.manifest.json"), &serde_json::to_vec(&base).unwrap());
    run(&["backup", "verify", "--wal"]).code(0).run().stdout_has("2 segments from 000000010000000000000003");
    let out = run(&["backup", "prune", "--keep-last", "5"]).code(0).run();
    assert!(out.stderr.contains("removed 2 files before 000000010000000000000003"), "{}", out.stderr);
    let left: Vec<String> = gcs().objects(bucket).into_iter().filter(|o| o.starts_with("wal/")).collect();
    assert_eq!(left.len(), 4, "two segments, each a record and its data: {left:?}");
    assert!(left.iter().all(|o| o.contains("00000003") || o.contains("00000004")), "{left:?}");
}
