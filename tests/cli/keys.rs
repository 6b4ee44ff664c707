//! `dbctl keys check`: which recipients each backup is encrypted to, and which backups the
//! configured recipients and given identities open, from the manifests alone.

use crate::support::Backend;
use crate::support::fixtures::{age_key, seeded};

#[test]
fn keys_check_tells_what_a_lost_or_leaked_key_affects() {
    let p = seeded(Backend::Sqlite, "keys_check");
    let (old_key, old) = age_key(p.path());
    let other = p.path().join("new");
    std::fs::create_dir(&other).unwrap();
    let (new_key, new) = age_key(&other);
    let a = p.cmd().args(["backup", "--json"]).env("BACKUP_ENCRYPTION_KEY", &old).code(0).run().json();
    let b = p.cmd().args(["backup", "--json"]).env("BACKUP_ENCRYPTION_KEY", &new).code(0).run().json();
    let both = p
        .cmd()
        .args(["backup", "--json", "--recipient", &old])
        .env("BACKUP_ENCRYPTION_KEY", &new)
        .code(0)
        .run()
        .json();
    let plain = p.cmd().args(["backup", "--json", "--no-encryption"]).code(0).run().json();
    let id = |m: &serde_json::Value| m["id"].as_str().unwrap().to_string();

    // The configured recipient (the new key) and the old identity file.
    let out = p
        .cmd()
        .args(["keys", "check", "-i", old_key.to_str().unwrap()])
        .env("BACKUP_ENCRYPTION_KEY", &new)
        .code(0)
        .run();
    let key_name = old_key.file_name().unwrap().to_str().unwrap();
    let row = |m: &serde_json::Value| out.stdout.lines().find(|l| l.contains(&id(m))).unwrap().to_string();
    assert!(row(&a).contains(&format!("({key_name})")) && !row(&a).contains("configured"), "{}", out.stdout);
    assert!(row(&b).contains("(configured)"), "{}", out.stdout);
    assert!(
        row(&both).contains("(configured)") && row(&both).contains(&format!("({key_name})")),
        "{}",
        out.stdout
    );
    assert!(row(&plain).contains("not encrypted"), "{}", out.stdout);
    assert!(out.stdout.contains("configured opens 3 of 4"), "{}", out.stdout);
    assert!(out.stdout.contains(&format!("{key_name} opens 3 of 4")), "{}", out.stdout);
    assert!(
        out.stdout.contains(&format!("1 backup opens with none of the identities given: {} (local)", id(&b))),
        "{}",
        out.stdout
    );

    // JSON, with both identities: every encrypted backup opens with one of them.
    let doc = p
        .cmd()
        .args(["keys", "check", "--json", "-i", old_key.to_str().unwrap(), "-i", new_key.to_str().unwrap()])
        .code(0)
        .run()
        .json();
    assert_eq!(doc["backups"].as_array().unwrap().len(), 4, "{doc:#}");
    assert!(doc["opened_by_no_identity_given"].as_array().unwrap().is_empty(), "{doc:#}");
    // Not a key: a clear error.
    std::fs::write(p.path().join("junk.txt"), "hello\n").unwrap();
    p.cmd().args(["keys", "check", "-i", "junk.txt"]).code(1).run().stderr_has("holds no age identity");
}

/// S3 Object Lock: every object of a backup is created locked; deleting it with the same
/// credentials fails at the server, prune leaves it ("locked until …") without failing, health
/// says the bucket enforces it, and a prune after the date removes it.
#[test]
fn locked_backups_survive_their_own_credentials_until_the_date() {
    use crate::support::fixtures::s3_project;
    let p = seeded(Backend::Sqlite, "keys_object_lock");
    let bucket = "dbctl-locked";
    crate::support::s3().create_locked_bucket(bucket);
    let (_, recipient) = age_key(p.path());
    let dbctl = s3_project(&p, "dbctl-locked-unused");
    let run = |args: &[&str]| {
        dbctl(args)
            .env("BACKUP_S3_BUCKET", bucket)
            .env("BACKUP_LOCAL", "false")
            .env("BACKUP_ENCRYPTION_KEY", &recipient)
            .env("BACKUP_S3_OBJECT_LOCK", "governance")
            .env("BACKUP_S3_LOCK_DAYS", "6s")
    };
    let first = run(&["backup", "--json"]).code(0).run().json();
    let artifact = first["artifact"].as_str().unwrap().to_string();
    // Locked at creation: the object's own version cannot be deleted with these credentials.
    let s3 = crate::support::s3();
    let refused = s3.python(&format!(
        "h = s3.head_object(Bucket='{bucket}', Key='{artifact}')\n\
         print(h.get('ObjectLockMode'))\n\
         try:\n    s3.delete_object(Bucket='{bucket}', Key='{artifact}', VersionId=h['VersionId']); print('deleted')\n\
         except Exception as e:\n    print('refused', type(e).__name__)"
    ));
    assert!(refused.contains("GOVERNANCE") && refused.contains("refused"), "{refused}");
    // health: the bucket enforces it.
    let report = run(&["health", "--json"]).any_code("the database checks are not the point").run().json();
    let check = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == "backups" && c["name"] == "immutability")
        .unwrap_or_else(|| panic!("{report:#}"))
        .clone();
    assert_eq!(check["status"], "ok", "{check:#}");
    // A second backup, then a prune that keeps one: the first is locked, left, and said so.
    run(&["backup"]).code(0).run();
    let out = run(&["backup", "prune", "--keep-last", "1"]).code(0).run();
    assert!(out.stdout.contains("locked until"), "{}", out.stdout);
    assert!(s3.keys(bucket).contains(&artifact), "{:?}", s3.keys(bucket));
    // After the date the next prune removes it, its versions too.
    std::thread::sleep(std::time::Duration::from_secs(7));
    let out = run(&["backup", "prune", "--keep-last", "1", "--json"]).code(0).run().json();
    let row = out["backups"].as_array().unwrap().iter().find(|b| b["artifact"] == artifact).unwrap().clone();
    assert_eq!(row["removed"], true, "{out:#}");
    let versions = s3.python(&format!(
        "print(len([v for v in s3.list_object_versions(Bucket='{bucket}').get('Versions', []) if v['Key'] == '{artifact}']))"
    ));
    assert_eq!(versions.trim(), "0");

    // A backup larger than one part goes as a multipart upload started with the lock's headers
    // (moto does not apply them there; the upload itself must work all the same).
    p.sql("CREATE TABLE blobs (b BLOB); INSERT INTO blobs SELECT randomblob(1048576) FROM generate_series(1, 12);");
    let big = run(&["backup", "--json"]).code(0).run().json();
    assert!(big["stored_bytes"].as_u64().unwrap() > 9 << 20, "{big:#}");
    let big_id = big["id"].as_str().unwrap();
    run(&["backup", "verify", big_id]).code(0).run();
    assert_eq!(s3.open_uploads(bucket), 0);

    // A bucket without Object Lock: health says the backups there can be deleted.
    crate::support::s3().create_bucket("dbctl-unlocked");
    let report = run(&["health", "--json"])
        .env("BACKUP_S3_BUCKET", "dbctl-unlocked")
        .any_code("critical is the point")
        .run()
        .json();
    let check =
        report["checks"].as_array().unwrap().iter().find(|c| c["name"] == "immutability").unwrap().clone();
    assert_eq!(check["status"], "critical", "{check:#}");
    // A lock mode without a period: a configuration error naming both ways to give one.
    dbctl(&["backup"])
        .env("BACKUP_S3_BUCKET", bucket)
        .env("BACKUP_S3_OBJECT_LOCK", "compliance")
        .code(2)
        .run()
        .stderr_has("BACKUP_S3_LOCK_DAYS");
}

/// An S3 endpoint that lets these credentials create objects and nothing else: PUT and POST
/// (and the abort of a multipart upload) go through to the real S3, GET, HEAD and DELETE are
/// refused with AccessDenied.
const WRITE_ONLY_S3: &str = r#"
import http.client, urllib.parse
target = urllib.parse.urlparse(sys.argv[1])
class H(Base):
    def refuse(self):
        self.body()
        xml = b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'
        self.answer(403, [('Content-Type', 'application/xml')], b'' if self.command == 'HEAD' else xml)
    def forward(self):
        data = self.body()
        c = http.client.HTTPConnection(target.hostname, target.port)
        headers = {k: v for k, v in self.headers.items() if k.lower() != 'host'}
        headers['Host'] = '%s:%d' % (target.hostname, target.port)
        c.request(self.command, self.path, body=data, headers=headers)
        r = c.getresponse()
        out = r.read()
        self.answer(r.status, [(k, v) for k, v in r.getheaders() if k.lower() not in ('content-length', 'transfer-encoding', 'connection')], out)
    def do_PUT(self): self.forward()
    def do_POST(self): self.forward()
    def do_GET(self): self.refuse()
    def do_HEAD(self): self.refuse()
    def do_DELETE(self):
        if 'uploadId=' in self.path: self.forward()
        else: self.refuse()
serve(H)
"#;

/// `backup.write_only`: with credentials that may only create objects, `backup` and `schedule
/// run` store backups and read, list and delete nothing; what needs more is refused up front.
#[test]
fn write_only_credentials_back_up_and_never_read_or_delete() {
    let p = seeded(Backend::Sqlite, "keys_write_only");
    let bucket = "dbctl-write-only";
    let s3 = crate::support::s3();
    s3.create_bucket(bucket);
    let (mut proxy, port) = crate::support::python_server(WRITE_ONLY_S3, &[&s3.endpoint()]);
    let (_, recipient) = age_key(p.path());
    let run = |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("BACKUP_LOCAL", "false")
            .env("BACKUP_S3_BUCKET", bucket)
            .env("BACKUP_S3_REGION", "us-east-1")
            .env("BACKUP_S3_ACCESS_KEY", crate::support::S3_ACCESS_KEY)
            .env("BACKUP_S3_SECRET_KEY", crate::support::S3_SECRET_KEY)
            .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
            .env("BACKUP_ENCRYPTION_KEY", &recipient)
            .env("BACKUP_WRITE_ONLY", "true")
    };
    let m = run(&["backup", "--json"]).code(0).run().json();
    let artifact = m["artifact"].as_str().unwrap().to_string();
    assert_eq!(s3.keys(bucket), [artifact.clone(), format!("{artifact}.manifest.json")]);
    // Reading, listing or deleting is refused by the endpoint; dbctl refuses what would need it.
    run(&["backup", "list"]).code(1).run().stderr_has("AccessDenied");
    run(&["backup", "--prune"]).code(2).run().stderr_has("BACKUP_WRITE_ONLY");
    run(&["backup", "prune", "--keep-last", "1"]).code(2).run().stderr_has("BACKUP_WRITE_ONLY");
    run(&["schedule", "run", "--prune"])
        .env("BACKUP_SCHEDULE", "@every 1h")
        .code(2)
        .run()
        .stderr_has("BACKUP_WRITE_ONLY");
    // The scheduler makes its slot's backup without listing the bucket first.
    let child = run(&["--log-format", "json", "schedule", "run"]).env("BACKUP_SCHEDULE", "@every 2s").spawn();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while s3.keys(bucket).len() < 4 {
        assert!(std::time::Instant::now() < deadline, "no scheduled backup: {:?}", s3.keys(bucket));
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let out = crate::support::Outcome::from(child.wait_with_output().unwrap());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let slots = out.events("slot");
    assert!(slots.iter().any(|l| l["fields"]["result"] == "made"), "{}", out.stdout);

    // WAL archiving with the same credentials: nothing is read; S3's refusal to create a name
    // that is taken (If-None-Match) says what is there.
    let seg = "000000010000000000000001";
    std::fs::write(p.path().join(seg), vec![7u8; 1 << 20]).unwrap();
    run(&["wal", "push", seg]).code(0).run().stderr_has("archived 000000010000000000000001");
    run(&["wal", "push", seg]).code(0).run().stderr_has("archived already (same content)");
    let keys = s3.keys(bucket);
    assert_eq!(keys.iter().filter(|k| k.starts_with(&format!("wal/00000001/{seg}"))).count(), 2, "{keys:?}");
    // Other content under that name: refused, and nothing overwritten.
    std::fs::write(p.path().join(seg), vec![8u8; 1 << 20]).unwrap();
    run(&["wal", "push", seg]).code(1).run().stderr_has("archived already with other content");
    let record = s3.python(&format!(
        "print(s3.get_object(Bucket='{bucket}', Key='wal/00000001/{seg}.json')['Body'].read().decode())"
    ));
    let record: serde_json::Value = serde_json::from_str(&record).unwrap();
    let first_sha = std::process::Command::new("sh")
        .arg("-c")
        .arg("head -c 1048576 /dev/zero | tr '\\0' '\\7' | sha256sum")
        .output()
        .unwrap();
    assert_eq!(
        record["sha256"].as_str().unwrap(),
        String::from_utf8_lossy(&first_sha.stdout).split(' ').next().unwrap()
    );
    let _ = proxy.kill();
    let _ = proxy.wait();
}

/// `backup rekey`: a backup re-encrypted to a new recipient without its payload decrypted; the
/// new key opens it (dbctl and the stock age CLI), the old one no longer does, its manifest
/// checks out, and a backup the old key does not open is left as it was.
#[test]
fn rekey_moves_backups_to_a_new_key_without_decrypting_them() {
    let p = seeded(Backend::Sqlite, "keys_rekey");
    let (old_key, old) = age_key(p.path());
    let other = p.path().join("new");
    std::fs::create_dir(&other).unwrap();
    let (new_key, new) = age_key(&other);
    let third = p.path().join("third");
    std::fs::create_dir(&third).unwrap();
    let (_, unrelated) = age_key(&third);
    let a = p.cmd().args(["backup", "--json", "--recipient", &old]).code(0).run().json();
    let b = p.cmd().args(["backup", "--json", "--recipient", &unrelated]).code(0).run().json();
    let path = |m: &serde_json::Value| p.path().join("backups").join(m["artifact"].as_str().unwrap());
    let before = std::fs::read(path(&a)).unwrap();
    let untouched = std::fs::read(path(&b)).unwrap();

    let out = p
        .cmd()
        .args(["backup", "rekey", "--all", "-i", old_key.to_str().unwrap(), "--recipient", &new])
        .code(0)
        .run();
    assert!(out.stdout.contains("1 backup rekeyed"), "{}", out.stdout);
    assert!(
        out.stderr.contains(b["id"].as_str().unwrap()) && out.stderr.contains("left as it is"),
        "{}",
        out.stderr
    );
    let after = std::fs::read(path(&a)).unwrap();
    assert_ne!(after, before);
    // The payload is the same bytes: only the header changed.
    assert_eq!(&after[after.len() - 1000..], &before[before.len() - 1000..]);
    assert_eq!(std::fs::read(path(&b)).unwrap(), untouched);
    // The new key opens it with the stock age CLI, the old one does not.
    let age_d = |key: &std::path::Path| {
        std::process::Command::new("age").arg("-d").arg("-i").arg(key).arg(path(&a)).output().unwrap()
    };
    let opened = age_d(&new_key);
    assert!(
        opened.status.success() && opened.stdout.starts_with(&[0x1f, 0x8b]),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    assert!(!age_d(&old_key).status.success());
    // Its manifest was updated: verify and keys check agree.
    let id = a["id"].as_str().unwrap();
    p.cmd().args(["backup", "verify", id, "-i", new_key.to_str().unwrap()]).code(0).run();
    let check = p.cmd().args(["keys", "check", "-i", new_key.to_str().unwrap()]).code(0).run();
    let row = check.stdout.lines().find(|l| l.contains(id)).unwrap().to_string();
    assert!(row.contains(new_key.file_name().unwrap().to_str().unwrap()), "{}", check.stdout);
    // Naming a backup the key does not open: an error, and it stays as it was.
    let out = p
        .cmd()
        .args([
            "backup",
            "rekey",
            b["id"].as_str().unwrap(),
            "-i",
            old_key.to_str().unwrap(),
            "--recipient",
            &new,
        ])
        .code(1)
        .run();
    assert!(out.stderr.contains("none of the identities given opens it"), "{}", out.stderr);
    assert_eq!(std::fs::read(path(&b)).unwrap(), untouched);
}

/// `keys check --wal`: the WAL archive's files by the recipients their records name.
#[test]
fn keys_check_counts_the_wal_archive_by_key() {
    let p = seeded(Backend::Sqlite, "keys_check_wal");
    let (old_key, old) = age_key(p.path());
    let other = p.path().join("new");
    std::fs::create_dir(&other).unwrap();
    let (_, new) = age_key(&other);
    std::fs::create_dir(p.path().join("pg_wal")).unwrap();
    for (n, key) in [(1, &old), (2, &old), (3, &new)] {
        let f = format!("00000001000000000000000{n}");
        std::fs::write(p.path().join("pg_wal").join(&f), vec![n as u8; 4096]).unwrap();
        p.cmd().args(["wal", "push", &format!("pg_wal/{f}")]).env("BACKUP_ENCRYPTION_KEY", key).code(0).run();
    }
    let out = p
        .cmd()
        .args(["keys", "check", "--wal", "-i", old_key.to_str().unwrap()])
        .env("BACKUP_ENCRYPTION_KEY", &new)
        .code(0)
        .run();
    let name = old_key.file_name().unwrap().to_str().unwrap();
    assert!(
        out.stdout.lines().any(|l| l.contains("2 files") && l.ends_with(&format!("opened by {name}"))),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.lines().any(|l| l.contains("1 file") && l.ends_with("opened by configured")),
        "{}",
        out.stdout
    );
}

/// Whether the stock age CLI opens `file` with `key`.
fn age_opens(key: &std::path::Path, file: &std::path::Path) -> bool {
    let out = std::process::Command::new("age").arg("-d").arg("-i").arg(key).arg(file).output().unwrap();
    out.status.success() && out.stdout.starts_with(&[0x1f, 0x8b])
}

/// A second age key in its own folder of the project.
fn another_key(p: &crate::support::Project, folder: &str) -> (std::path::PathBuf, String) {
    let dir = p.path().join(folder);
    std::fs::create_dir(&dir).unwrap();
    age_key(&dir)
}

/// How many versions of `key` a bucket keeps.
fn versions(bucket: &str, key: &str) -> usize {
    crate::support::s3()
        .python(&format!(
            "print(len([v for v in s3.list_object_versions(Bucket='{bucket}').get('Versions', []) if v['Key'] == '{key}']))"
        ))
        .trim()
        .parse()
        .unwrap()
}

/// `backup rekey` in S3: a backup of several parts' size keeps its payload where it is (S3
/// copies it itself, UploadPartCopy); only the header and a first part are read and sent. The
/// new key opens it with the stock age CLI, the old one no longer does, and verify reads it to
/// its end. In a bucket that keeps versions the old version is removed; under Object Lock it
/// cannot be: the new version is written beside it, that is said, and prune removes both after
/// the date.
#[test]
fn rekey_in_s3_copies_the_payload_in_the_bucket() {
    use crate::support::fixtures::s3_project;
    let p = seeded(Backend::Sqlite, "keys_rekey_s3");
    p.sql("CREATE TABLE blobs (b BLOB); INSERT INTO blobs SELECT randomblob(1048576) FROM generate_series(1, 20);");
    let (old_key, old) = age_key(p.path());
    let (new_key, new) = another_key(&p, "new");
    let bucket = "dbctl-rekey";
    let dbctl = s3_project(&p, bucket);
    let run = |args: &[&str]| dbctl(args).env("BACKUP_LOCAL", "false").env("BACKUP_ENCRYPTION_KEY", &old);
    let m = run(&["backup", "--json"]).code(0).run().json();
    let (id, artifact) = (m["id"].as_str().unwrap().to_string(), m["artifact"].as_str().unwrap().to_string());
    let stored = m["stored_bytes"].as_u64().unwrap();
    assert!(stored > 18 << 20, "{m:#}");
    let rekey = |id: &str, extra: &[&str]| {
        let mut args =
            vec!["--json", "backup", "rekey", id, "-i", old_key.to_str().unwrap(), "--recipient", &new];
        args.extend_from_slice(extra);
        args.iter().map(|a| a.to_string()).collect::<Vec<_>>()
    };
    let args = rekey(&id, &[]);
    let done = run(&args.iter().map(String::as_str).collect::<Vec<_>>()).code(0).run().json();
    let row = &done["rekeyed"][0];
    let (read, copied) =
        (row["read_bytes"].as_u64().unwrap(), row["copied_by_storage_bytes"].as_u64().unwrap());
    assert!(read <= (8 << 20) + (64 << 10) + 4096, "only a first part is read: {done:#}");
    assert!(copied > stored - (9 << 20), "the rest is copied by S3: {done:#}");
    let now = row["stored_bytes"].as_u64().unwrap();
    assert!(now.abs_diff(stored) < 1024, "only the header changed: {now} vs {stored}");
    let file = p.path().join("downloaded.age");
    let s3 = crate::support::s3();
    s3.download(bucket, &artifact, &file);
    assert!(age_opens(&new_key, &file), "the new key opens it");
    assert!(!age_opens(&old_key, &file), "the old key no longer does");
    run(&["backup", "verify", &id, "-i", new_key.to_str().unwrap()]).code(0).run().stdout_has("decoded");
    assert_eq!(s3.open_uploads(bucket), 0);

    // A bucket that keeps versions: the old version, readable with the old key, is removed.
    let small = seeded(Backend::Sqlite, "keys_rekey_versions");
    let (small_old_key, small_old) = age_key(small.path());
    let versioned = "dbctl-rekey-versioned";
    let dbctl = s3_project(&small, versioned);
    s3.python(&format!(
        "s3.put_bucket_versioning(Bucket='{versioned}', VersioningConfiguration={{'Status': 'Enabled'}})"
    ));
    let run =
        |args: &[&str]| dbctl(args).env("BACKUP_LOCAL", "false").env("BACKUP_ENCRYPTION_KEY", &small_old);
    let m = run(&["backup", "--json"]).code(0).run().json();
    let artifact = m["artifact"].as_str().unwrap().to_string();
    let key = small_old_key.to_str().unwrap();
    run(&["backup", "rekey", m["id"].as_str().unwrap(), "-i", key, "--recipient", &new]).code(0).run();
    assert_eq!(versions(versioned, &artifact), 1, "the old version is gone");
    assert_eq!(versions(versioned, &format!("{artifact}.manifest.json")), 1);

    // Object Lock: the locked version stays until its date, and is said to.
    let locked = "dbctl-rekey-locked";
    s3.create_locked_bucket(locked);
    let run = |args: &[&str]| {
        dbctl(args)
            .env("BACKUP_LOCAL", "false")
            .env("BACKUP_ENCRYPTION_KEY", &small_old)
            .env("BACKUP_S3_BUCKET", locked)
            .env("BACKUP_S3_OBJECT_LOCK", "governance")
            .env("BACKUP_S3_LOCK_DAYS", "6s")
    };
    let m = run(&["backup", "--json"]).code(0).run().json();
    let (id, artifact) = (m["id"].as_str().unwrap().to_string(), m["artifact"].as_str().unwrap().to_string());
    let out = run(&["backup", "rekey", &id, "-i", key, "--recipient", &new]).code(0).run();
    assert!(
        out.stderr.contains("locked until") && out.stderr.contains("still encrypted to the old key"),
        "{}",
        out.stderr
    );
    assert_eq!(versions(locked, &artifact), 2, "the new version beside the locked one");
    // Verified twice: the second record replaces the first (a new version; the first is locked).
    for _ in 0..2 {
        let out = run(&["backup", "verify", &id, "-i", new_key.to_str().unwrap()]).code(0).run();
        assert!(out.stdout.contains("decoded") && !out.stderr.contains("could not record"), "{}", out.stderr);
    }
    assert_eq!(versions(locked, &format!("{artifact}.verify.json")), 2);
    std::thread::sleep(std::time::Duration::from_secs(7));
    run(&["backup"]).code(0).run();
    run(&["backup", "prune", "--keep-last", "1"]).code(0).run();
    assert_eq!(versions(locked, &artifact), 0, "both versions removed after the date");
    assert_eq!(versions(locked, &format!("{artifact}.manifest.json")), 0);
    assert_eq!(versions(locked, &format!("{artifact}.verify.json")), 0);
}

/// `backup rekey` in GCS: the object is read and sent again (GCS copies no range of an object
/// into another), and the new key opens it.
#[test]
fn rekey_in_gcs_rewrites_the_object() {
    use crate::support::gcs;
    let p = seeded(Backend::Sqlite, "keys_rekey_gcs");
    let (old_key, old) = age_key(p.path());
    let (new_key, new) = another_key(&p, "new");
    let bucket = "dbctl-rekey-gcs";
    gcs().create_bucket(bucket);
    let run = |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("BACKUP_LOCAL", "false")
            .env("BACKUP_ENCRYPTION_KEY", &old)
            .env("BACKUP_GCS_BUCKET", bucket)
            .env("BACKUP_GCS_PROJECT_ID", "dbctl-test")
            .env("BACKUP_GCS_KEY_FILE", gcs().key_file())
            .env("BACKUP_GCS_ENDPOINT_URL", gcs().endpoint())
    };
    let m = run(&["backup", "--json"]).code(0).run().json();
    let (id, artifact) = (m["id"].as_str().unwrap(), m["artifact"].as_str().unwrap());
    let done = run(&["--json", "backup", "rekey", id, "-i", old_key.to_str().unwrap(), "--recipient", &new])
        .code(0)
        .run()
        .json();
    assert_eq!(done["rekeyed"][0]["copied_by_storage_bytes"], 0, "{done:#}");
    let file = p.path().join("downloaded.age");
    std::fs::write(&file, gcs().download(bucket, artifact)).unwrap();
    assert!(age_opens(&new_key, &file) && !age_opens(&old_key, &file));
    run(&["backup", "verify", id, "-i", new_key.to_str().unwrap()]).code(0).run().stdout_has("decoded");
}

/// A manifest made before header sums (the whole object's sha256) is checked and rekeyed all
/// the same, and written anew with header sums; one whose sum the object does not match is
/// refused with nothing changed. A rekey interrupted between its objects and its manifest is
/// said so by verify and finished by running it again with both keys.
#[test]
fn rekey_reads_older_manifests_and_finishes_an_interrupted_run() {
    let p = seeded(Backend::Sqlite, "keys_rekey_older");
    let (old_key, old) = age_key(p.path());
    let (new_key, new) = another_key(&p, "new");
    let (third_key, third) = another_key(&p, "third");
    let m = p.cmd().args(["backup", "--json", "--recipient", &old]).code(0).run().json();
    let id = m["id"].as_str().unwrap();
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    let manifest =
        p.path().join("backups").join(format!("{}.manifest.json", m["artifact"].as_str().unwrap()));
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    assert_eq!(doc["format_version"], 3, "{doc:#}");
    assert!(doc["age_header"]["bytes"].as_u64().unwrap() > 100, "{doc:#}");
    // As dbctl wrote manifests before: the whole object's sum, no header sum.
    let whole = std::process::Command::new("sha256sum").arg(&artifact).output().unwrap();
    let whole = String::from_utf8(whole.stdout).unwrap().split(' ').next().unwrap().to_string();
    doc.as_object_mut().unwrap().remove("age_header");
    doc["format_version"] = 1.into();
    let key = |k: &std::path::Path| k.to_str().unwrap().to_string();
    let rekey = |ids: &[&str], keys: &[&std::path::PathBuf], to: &str| {
        let mut args = vec!["backup".to_string(), "rekey".into()];
        args.extend(ids.iter().map(|s| s.to_string()));
        for k in keys {
            args.extend(["-i".to_string(), key(k)]);
        }
        args.extend(["--recipient".to_string(), to.to_string()]);
        p.cmd().args(args)
    };
    // Damaged (the sum is not the object's): refused, nothing changed.
    doc["sha256"] = "0".repeat(64).into();
    std::fs::write(&manifest, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let before = std::fs::read(&artifact).unwrap();
    rekey(&[id], &[&old_key], &new).code(1).run().stderr_has("changed or damaged");
    assert_eq!(std::fs::read(&artifact).unwrap(), before);
    // The older manifest as it was: rekeyed, and given header sums.
    doc["sha256"] = whole.into();
    std::fs::write(&manifest, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    p.cmd().args(["backup", "verify", id, "-i", &key(&old_key)]).code(0).run();
    rekey(&[id], &[&old_key], &new).code(0).run();
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    assert_eq!(doc["format_version"], 3, "{doc:#}");
    assert!(doc["age_header"].is_object(), "{doc:#}");
    p.cmd().args(["backup", "verify", id, "-i", &key(&new_key)]).code(0).run().stdout_has("decoded");
    // Interrupted: the object rekeyed, its manifest not (as a kill between the two leaves it).
    let saved = std::fs::read(&manifest).unwrap();
    rekey(&[id], &[&new_key], &third).code(0).run();
    std::fs::write(&manifest, &saved).unwrap();
    p.cmd()
        .args(["backup", "verify", id, "-i", &key(&third_key)])
        .code(1)
        .run()
        .stdout_has("a rekey was interrupted");
    rekey(&[id], &[&new_key, &third_key], &third).code(0).run();
    p.cmd().args(["backup", "verify", id, "-i", &key(&third_key)]).code(0).run().stdout_has("decoded");
    assert!(age_opens(&third_key, &artifact) && !age_opens(&new_key, &artifact));
}
