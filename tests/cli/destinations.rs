//! Backups kept in several places at once: the applications' env block as it is, one stream to
//! every destination, list, verify, restore, prune and health across them, and one destination
//! failing without spoiling the others.

use crate::support::fixtures::{FINGERPRINT_SQL, age_key, recorded_sha256, seeded};
use crate::support::{Backend, GCS_CLIENT_EMAIL, Project, Run, S3_ACCESS_KEY, S3_SECRET_KEY, gcs, pg, s3};

/// The applications' env block, with local and S3 on.
fn both<'a>(p: &'a Project, bucket: &str, key: &str) -> impl Fn(&[&str]) -> Run + 'a {
    let (bucket, key) = (bucket.to_string(), key.to_string());
    move |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("BACKUP_RETENTION_DAYS", "30")
            .env("BACKUP_COMPRESSION", "true")
            .env("BACKUP_ENCRYPTION", "true")
            .env("BACKUP_ENCRYPTION_KEY", &key)
            .env("BACKUP_LOCAL", "true")
            .env("BACKUP_S3_BUCKET", &bucket)
            .env("BACKUP_S3_REGION", "us-east-1")
            .env("BACKUP_S3_ACCESS_KEY", S3_ACCESS_KEY)
            .env("BACKUP_S3_SECRET_KEY", S3_SECRET_KEY)
            .env("AWS_ENDPOINT_URL", s3().endpoint())
    }
}

fn sha256(path: &std::path::Path) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn one_backup_goes_to_local_and_s3_at_once_and_each_is_read_on_its_own() {
    let p = seeded(Backend::Pg, "dest_both");
    let (key, recipient) = age_key(p.path());
    let key = key.to_str().unwrap().to_string();
    s3().create_bucket("dbctl-dest-both");
    let dbctl = both(&p, "dbctl-dest-both", &recipient);
    let want = p.sql(FINGERPRINT_SQL);

    let m = dbctl(&["backup", "--json"]).code(0).run().json();
    let artifact = m["artifact"].as_str().unwrap().to_string();
    assert!(artifact.ends_with(".sql.gz.age"), "{artifact}");
    let dests = m["destinations"].as_array().unwrap();
    let names: Vec<&str> = dests.iter().map(|d| d["destination"].as_str().unwrap()).collect();
    assert_eq!(names, ["local", "s3"]);
    assert!(dests.iter().all(|d| d["ok"] == true), "{m:#}");
    // The same bytes in both places, each with its manifest.
    let local = p.path().join("backups").join(&artifact);
    assert!(p.path().join("backups").join(format!("{artifact}.manifest.json")).is_file());
    assert_eq!(s3().keys("dbctl-dest-both"), [artifact.clone(), format!("{artifact}.manifest.json")]);
    let downloaded = p.path().join("from-s3");
    s3().download("dbctl-dest-both", &artifact, &downloaded);
    assert_eq!(sha256(&local), sha256(&downloaded));
    assert_eq!(recorded_sha256(&std::fs::read(&local).unwrap(), &m), m["sha256"].as_str().unwrap());
    assert!(m["age_header"]["bytes"].as_u64().unwrap() > 100, "an age file's header is summed apart: {m:#}");

    let list = dbctl(&["backup", "list"]).code(0).run();
    let rows: Vec<&str> = list.stdout.lines().filter(|l| l.contains(&artifact)).collect();
    assert_eq!(rows.len(), 2, "{}", list.stdout);
    assert!(list.stdout.contains("DESTINATION"), "{}", list.stdout);
    // One backup, counted once, in the two places that hold it.
    assert!(list.stdout.contains("1 backup (2 copies) in 2 destinations: "), "{}", list.stdout);
    assert!(
        rows.iter().any(|r| r.contains(" local ")) && rows.iter().any(|r| r.contains(" s3 ")),
        "{}",
        list.stdout
    );
    let only = dbctl(&["backup", "list", "--destination", "s3", "--json"]).code(0).run().json();
    assert_eq!(only.as_array().unwrap().len(), 1);
    assert_eq!(only[0]["destination"], "s3");

    let verified = dbctl(&["backup", "verify", "-i", &key]).code(0).run();
    assert_eq!(verified.stdout.lines().filter(|l| l.starts_with("ok")).count(), 2, "{}", verified.stdout);
    assert!(verified.stdout.contains("(local)") && verified.stdout.contains("(s3)"), "{}", verified.stdout);

    // Restore reads the first destination that has it (local), or the one named.
    for (from, db) in [(None, "dest_both_a"), (Some("s3"), "dest_both_b")] {
        let url = pg().create_database(db);
        let mut args = vec!["restore", "latest", "--to", &url, "-i", &key];
        if let Some(d) = from {
            args.extend(["--destination", d]);
        }
        let out = dbctl(&args).code(0).run();
        out.stderr_has(&format!("from {}", from.unwrap_or("local")));
        let name = url.rsplit('/').next().unwrap();
        assert_eq!(pg().psql(name, FINGERPRINT_SQL), want);
    }

    // Health judges each destination; Prometheus labels them.
    let report = dbctl(&["health", "--json"]).health_report();
    let freshness: Vec<&serde_json::Value> =
        report["checks"].as_array().unwrap().iter().filter(|c| c["name"] == "freshness").collect();
    assert_eq!(freshness.len(), 2, "{report:#}");
    assert!(freshness.iter().all(|c| c["status"] == "ok"), "{report:#}");
    let prom = dbctl(&["health", "--format", "prometheus"])
        .any_code("health's exit code is its worst check; the checks are asserted one by one")
        .run()
        .stdout;
    assert!(prom.contains("dbctl_backup_last_success_timestamp_seconds{destination=\"s3\"}"), "{prom}");
    assert!(prom.contains("check=\"freshness\",destination=\"local\"}"), "{prom}");

    // Retention per destination: one more backup, keep the newest in each.
    dbctl(&["backup", "-q"]).code(0).run();
    let pruned = dbctl(&["backup", "prune", "--keep-last", "1", "--keep-within", "1ms", "--json"])
        .code(0)
        .run()
        .json();
    let docs = pruned.as_array().unwrap();
    assert_eq!(docs.len(), 2, "{pruned:#}");
    let left = s3().keys("dbctl-dest-both");
    assert_eq!(left.len(), 2, "one backup and its manifest stay in S3: {left:?}");
    let local_left = std::fs::read_dir(p.path().join("backups"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".manifest.json"))
        .count();
    assert_eq!(local_left, 1);

    // With the bucket alone configured, the local backups are not read, and `list` says so.
    let bucket_only = crate::support::fixtures::s3_project(&p, "dbctl-dest-both");
    let list = bucket_only(&["backup", "list"]).code(0).run();
    assert_eq!(list.stdout.lines().filter(|l| l.contains(" s3 ")).count(), 1, "{}", list.stdout);
    list.stderr_has("1 backup in ./backups is not read: local backups are off");
}

#[test]
fn a_failing_destination_does_not_spoil_the_others() {
    let p = seeded(Backend::Sqlite, "dest_one_fails");
    let (key, recipient) = age_key(p.path());
    // No such bucket: S3 refuses the upload; the local copy is made all the same.
    let dbctl = both(&p, "dbctl-dest-no-such-bucket", &recipient);
    let out = dbctl(&["backup"]).code(1).run();
    let out = out.stdout_has("(NOT in s3://dbctl-dest-no-such-bucket/: failed)");
    let out = out.stderr_has("was not stored in 1 of 2 destinations: s3");
    out.stderr_has("it is complete in local");
    let local: Vec<String> = std::fs::read_dir(p.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(local.len(), 2, "the artifact and its manifest: {local:?}");
    dbctl(&["backup", "verify", "--destination", "local", "-i", key.to_str().unwrap()])
        .code(0)
        .run()
        .stdout_has("ok");
    // An unconfigured destination named: a clear configuration error.
    p.cmd()
        .args(["backup", "list", "--destination", "gcs"])
        .code(2)
        .run()
        .stderr_has("that destination is not configured; the configured destination: local");
}

/// The env block with all three destinations on, GCS signing in with `key_file`.
fn three<'a>(
    p: &'a Project,
    bucket: &str,
    key: &str,
    key_file: &std::path::Path,
) -> impl Fn(&[&str]) -> Run + 'a {
    let with_two = both(p, bucket, key);
    let (bucket, key_file) = (bucket.to_string(), key_file.to_path_buf());
    move |args: &[&str]| {
        with_two(args)
            .env("BACKUP_GCS_BUCKET", &bucket)
            .env("BACKUP_GCS_PROJECT_ID", "dbctl-test")
            .env("BACKUP_GCS_KEY_FILE", &key_file)
            .env("BACKUP_GCS_ENDPOINT_URL", gcs().endpoint())
    }
}

#[test]
fn google_cloud_storage_signs_in_with_the_key_file_and_takes_a_third_copy() {
    let p = seeded(Backend::Pg, "dest_gcs");
    // Several 8 MiB chunks of incompressible data, so the resumable upload goes in parts.
    p.sql(
        "CREATE TABLE blobs AS SELECT g AS id, encode(decode(md5(g::text) || md5((g+1)::text) || \
         md5((g+2)::text) || md5((g+3)::text), 'hex'), 'base64') AS b FROM generate_series(1, 200000) g",
    );
    let (key, recipient) = age_key(p.path());
    let key = key.to_str().unwrap().to_string();
    let bucket = "dbctl-dest-gcs";
    s3().create_bucket(bucket);
    gcs().create_bucket(bucket);
    let dbctl = three(&p, bucket, &recipient, &gcs().key_file());
    let want = p.sql(FINGERPRINT_SQL);

    let m = dbctl(&["backup", "--compression", "none", "--json"]).code(0).run().json();
    let artifact = m["artifact"].as_str().unwrap().to_string();
    assert!(m["stored_bytes"].as_u64().unwrap() > 16 << 20, "several chunks: {}", m["stored_bytes"]);
    let names: Vec<&str> =
        m["destinations"].as_array().unwrap().iter().map(|d| d["destination"].as_str().unwrap()).collect();
    assert_eq!(names, ["local", "s3", "gcs"], "{m:#}");
    assert!(m["destinations"].as_array().unwrap().iter().all(|d| d["ok"] == true), "{m:#}");
    assert_eq!(gcs().objects(bucket), [artifact.clone(), format!("{artifact}.manifest.json")]);
    let copy = gcs().download(bucket, &artifact);
    assert_eq!(recorded_sha256(&copy, &m), m["sha256"].as_str().unwrap());

    // The sign-in was a JWT signed with the key file's key, for the key's token endpoint.
    let sign_in = gcs().sign_ins().pop().expect("a sign-in");
    assert_eq!(sign_in["header"]["alg"], "RS256");
    assert_eq!(sign_in["header"]["kid"], "0123456789abcdef");
    assert_eq!(sign_in["claims"]["iss"], GCS_CLIENT_EMAIL);
    assert_eq!(sign_in["claims"]["aud"], format!("http://127.0.0.1:{}/token", gcs().token_port));
    assert_eq!(sign_in["claims"]["scope"], "https://www.googleapis.com/auth/devstorage.read_write");

    dbctl(&["backup", "verify", "--destination", "gcs", "-i", &key]).code(0).run().stdout_has("ok");
    let url = pg().create_database("dest_gcs_restored");
    dbctl(&["restore", "latest", "--destination", "gcs", "--to", &url, "-i", &key])
        .code(0)
        .run()
        .stderr_has("from gcs (gs://dbctl-dest-gcs/)");
    assert_eq!(pg().psql(url.rsplit('/').next().unwrap(), FINGERPRINT_SQL), want);

    // Retention in GCS alone: a second backup, the first removed there and kept elsewhere.
    dbctl(&["backup", "-q", "--compression", "none"]).code(0).run();
    dbctl(&["backup", "prune", "--destination", "gcs", "--keep-last", "1", "--keep-within", "1ms"])
        .code(0)
        .run();
    let left = gcs().objects(bucket);
    assert!(left.len() == 2 && !left.contains(&artifact), "{left:?}");
    assert!(s3().keys(bucket).contains(&artifact));

    // A key the token endpoint refuses: GCS fails, named, and the other two still get the backup.
    let wrong = three(&p, bucket, &recipient, &gcs().wrong_key_file());
    let out = wrong(&["backup"]).code(1).run();
    let out = out.stderr_has("was not stored in 1 of 3 destinations: gcs (gs://dbctl-dest-gcs/)");
    let out = out.stderr_has("Invalid JWT Signature");
    out.stderr_has("it is complete in local, s3");
    let list = wrong(&["backup", "list"]).code(0).run();
    assert!(list.stderr.contains("cannot open gcs"), "{}", list.stderr);
    let health = wrong(&["health", "--json"]).health_report();
    let storage: Vec<&serde_json::Value> = health["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"] == "storage" && c["destination"] == "gcs")
        .collect();
    assert_eq!(storage.len(), 1, "{health:#}");
    assert_eq!(storage[0]["status"], "critical");
    // A destination that cannot be opened is passed over: restore reads the first other one
    // that has the backup, and verify's restore test checks each copy that opens.
    let restored = pg().create_database("dest_gcs_unopened");
    wrong(&["restore", "latest", "--to", &restored, "-i", &key]).code(0).run();
    assert_eq!(pg().psql(restored.rsplit('/').next().unwrap(), FINGERPRINT_SQL), want);
    let verified = wrong(&["backup", "verify", "--restore-test", "-i", &key]).code(0).run();
    let verified =
        verified.stdout_has("(local)").stdout_has("(s3)").stdout_has("every table's row count matches");
    assert!(verified.stderr.contains("cannot open gcs"), "{}", verified.stderr);
}

/// The applications' env block exactly as they write it (the schedule, retention, booleans, a
/// passphrase, all three destinations), on SQLite; only the emulators' endpoints are added.
#[test]
fn the_env_block_as_written_keeps_three_identical_copies_and_each_restores() {
    let p = seeded(Backend::Sqlite, "dest_env_block");
    let bucket = "dbctl-dest-env-block";
    s3().create_bucket(bucket);
    gcs().create_bucket(bucket);
    let run = |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("BACKUP_SCHEDULE", "0 2 * * *")
            .env("BACKUP_RETENTION_DAYS", "30")
            .env("BACKUP_COMPRESSION", "true")
            .env("BACKUP_ENCRYPTION", "true")
            .env("BACKUP_ENCRYPTION_KEY", "correct horse battery staple")
            .env("BACKUP_LOCAL", "true")
            .env("BACKUP_S3_BUCKET", bucket)
            .env("BACKUP_S3_REGION", "us-east-1")
            .env("BACKUP_S3_ACCESS_KEY", S3_ACCESS_KEY)
            .env("BACKUP_S3_SECRET_KEY", S3_SECRET_KEY)
            .env("BACKUP_GCS_BUCKET", bucket)
            .env("BACKUP_GCS_PROJECT_ID", "dbctl-test")
            .env("BACKUP_GCS_KEY_FILE", gcs().key_file())
            .env("AWS_ENDPOINT_URL", s3().endpoint())
            .env("BACKUP_GCS_ENDPOINT_URL", gcs().endpoint())
    };
    let shown = run(&["config", "show"]).code(0).run();
    let shown = shown.stdout_has("destinations: local (");
    let shown = shown.stdout_has("s3 (s3://dbctl-dest-env-block/), gcs (gs://dbctl-dest-env-block/)");
    shown.stdout_has("age-encrypted with a passphrase");
    let out = run(&["backup"]).code(0).run();
    assert!(!out.stderr.contains("warning"), "no setting of the block is unknown: {}", out.stderr);
    let artifact = out.stdout.split_whitespace().nth(1).unwrap().to_string();
    assert!(artifact.ends_with(".sqlite3.gz.age"), "{}", out.stdout);
    let local = std::fs::read(p.path().join("backups").join(&artifact)).unwrap();
    let from_s3 = p.path().join("s3-copy");
    s3().download(bucket, &artifact, &from_s3);
    assert_eq!(local, std::fs::read(&from_s3).unwrap(), "local and S3 hold the same bytes");
    assert_eq!(local, gcs().download(bucket, &artifact), "local and GCS hold the same bytes");

    let want = p.sql("SELECT count(*) FROM issues");
    for from in ["local", "s3", "gcs"] {
        let target = p.path().join(format!("restored-from-{from}.db"));
        run(&["restore", "latest", "--destination", from, "--create", "--to", target.to_str().unwrap()])
            .code(0)
            .run();
        let count = std::process::Command::new("sqlite3")
            .arg(&target)
            .arg("SELECT count(*) FROM issues")
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&count.stdout), want, "restored from {from}");
    }
}

/// A destination that fails in the middle of the stream (its disk fills up) keeps nothing; the
/// other two complete, and the exit code and summary say which failed.
#[test]
fn a_destination_failing_mid_upload_keeps_nothing_and_the_others_complete() {
    let bucket = "dbctl-dest-mid-upload";
    s3().create_bucket(bucket);
    gcs().create_bucket(bucket);
    let (out, leftovers) = crate::support::fixtures::on_a_tiny_disk("dest_mid_upload", |p, small| {
        let (_, recipient) = age_key(p.path());
        let dbctl = three(p, bucket, &recipient, &gcs().key_file());
        dbctl(&["backup", "--compression", "none"])
            .env("BACKUP_LOCAL", small)
            .any_code("each call checks its exit code")
            .run()
    });
    let out = out.code(1).stdout_has("(NOT in ");
    assert!(
        !out.stdout.contains(" in NOT in "),
        "the local copy that failed is named once, after the others: {}",
        out.stdout
    );
    assert!(out.stdout.contains(" in s3://"), "{}", out.stdout);
    let out = out.stderr_has("was not stored in 1 of 3 destinations: local");
    let out = out.stderr_has("No space left on device");
    out.stderr_has("it is complete in s3, gcs");
    assert!(
        leftovers.iter().all(|n| n.ends_with("-lock")),
        "the local destination keeps nothing: {leftovers:?}"
    );
    let in_s3 = s3().keys(bucket);
    assert_eq!(in_s3.len(), 2, "{in_s3:?}");
    assert_eq!(gcs().objects(bucket), in_s3, "the same artifact and manifest in GCS");
}

/// A GCS endpoint played by a Python handler (`script`, recording to sys.argv[1] = `record`)
/// with a key file whose token_uri is the same server; runs `dbctl backup ARGS` against it (with
/// the local destination `local`) and stops the server.
fn backup_to_scripted_gcs(
    p: &Project,
    script: &str,
    record: &std::path::Path,
    local: bool,
    args: &[&str],
) -> crate::support::Outcome {
    let (mut server, port) = crate::support::python_server(script, &[record.to_str().unwrap()]);
    let dir = record.parent().unwrap();
    let key = gcs().write_key(
        &format!("{}.json", p.path().file_name().unwrap().to_string_lossy()),
        &crate::support::rsa_key(&dir.join("k.pem")),
    );
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap();
    doc["token_uri"] = format!("http://127.0.0.1:{port}/token").into();
    std::fs::write(&key, doc.to_string()).unwrap();
    let out = p
        .cmd()
        .args(["backup"])
        .args(args)
        .env("BACKUP_LOCAL", local.to_string())
        .env("BACKUP_GCS_BUCKET", "scripted")
        .env("BACKUP_GCS_KEY_FILE", &key)
        .env("BACKUP_GCS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
        .any_code("each call checks its exit code")
        .run();
    let _ = server.kill();
    let _ = server.wait();
    out
}

/// A hostile (or broken) GCS endpoint answering the upload with a session on another server: no
/// byte of the backup is sent there, and the other destinations still get it.
#[test]
fn an_upload_session_on_another_server_is_refused() {
    let p = seeded(Backend::Sqlite, "dest_gcs_elsewhere");
    let dir = p.path().join("hostile");
    std::fs::create_dir(&dir).unwrap();
    let script = r#"
record = sys.argv[1]
class H(Base):
    def do_POST(self):
        self.body()
        if self.path.startswith('/token'):
            return self.answer(200, [('Content-Type', 'application/json')], b'{"access_token": "t", "expires_in": 3600}')
        # The same listener under another name: an upload sent there would be recorded.
        self.answer(200, [('Location', 'http://localhost:%d/steal?upload_id=1' % self.server.server_address[1])])
    def do_PUT(self):
        open(record, 'a').write(self.path + '\n')
        self.answer(200)
serve(H)
"#;
    let out = backup_to_scripted_gcs(&p, script, &dir.join("puts"), true, &[]);
    let out = out.code(1).stderr_has("the upload session is on another server");
    out.stderr_has("it is complete in local");
    assert!(!dir.join("puts").exists(), "nothing was sent to the hostile session");
}

/// A GCS session that refuses the second chunk (a quota, a revoked key): the backup fails naming
/// the answer, the object is never completed (no last request) and the session is cancelled.
#[test]
fn a_chunk_refused_mid_upload_fails_the_backup_and_cancels_the_session() {
    let p = seeded(Backend::Sqlite, "dest_gcs_refused");
    p.sql("CREATE TABLE blobs (b BLOB); INSERT INTO blobs SELECT randomblob(1 << 20) FROM generate_series(1, 20);");
    let dir = p.path().join("refusing");
    std::fs::create_dir(&dir).unwrap();
    let script = r#"
record = sys.argv[1]
class H(Base):
    def log(self, what):
        open(record, 'a').write(what + '\n')
    def do_POST(self):
        self.body()
        if self.path.startswith('/token'):
            return self.answer(200, [('Content-Type', 'application/json')], b'{"access_token": "t", "expires_in": 3600}')
        self.answer(200, [('Location', 'http://127.0.0.1:%d/session/1' % self.server.server_address[1])])
    def do_PUT(self):
        n = len(self.body())
        self.log('PUT %s %d' % (self.headers.get('Content-Range'), n))
        if self.headers.get('Content-Range', '').startswith('bytes 0-'):
            return self.answer(308, [('Range', 'bytes=0-%d' % (n - 1))])
        self.answer(403, body=b'{"error": {"message": "quota exceeded"}}')
    def do_DELETE(self):
        self.log('DELETE ' + self.path)
        self.answer(499)
serve(H)
"#;
    let record = dir.join("requests");
    let out = backup_to_scripted_gcs(&p, script, &record, false, &["--compression", "none"]);
    out.code(1).stderr_has("403").stderr_has("quota exceeded");
    let requests = std::fs::read_to_string(&record).unwrap();
    let lines: Vec<&str> = requests.lines().collect();
    assert!(lines[0].starts_with("PUT bytes 0-8388607/* 8388608"), "{requests}");
    assert!(lines[1].starts_with("PUT bytes 8388608-16777215/* "), "{requests}");
    assert!(
        !requests.lines().any(|l| l.starts_with("PUT") && !l.contains("/* ")),
        "never completed: {requests}"
    );
    assert_eq!(lines.last().copied(), Some("DELETE /session/1"), "the session is cancelled: {requests}");
}

/// A GCS endpoint whose listing never ends (the same page token again and again): the listing is
/// given up with a clear error, bounded in pages and names, instead of growing without end.
#[test]
fn a_listing_that_never_ends_is_given_up() {
    let p = seeded(Backend::Sqlite, "dest_gcs_endless_list");
    let dir = p.path().join("hostile");
    std::fs::create_dir(&dir).unwrap();
    let script = r#"
record = sys.argv[1]
class H(Base):
    def do_POST(self):
        self.body()
        self.answer(200, [('Content-Type', 'application/json')], b'{"access_token": "t", "expires_in": 3600}')
    def do_GET(self):
        open(record, 'a').write('x')
        page = json.dumps({'items': [{'name': 'app-20260101T000000Z-abcdef.sqlite3.gz'}] * 100, 'nextPageToken': 'again'})
        self.answer(200, [('Content-Type', 'application/json')], page.encode())
serve(H)
"#;
    let out = backup_to_scripted_gcs(&p, script, &dir.join("gets"), false, &["list"]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("the same page token twice"), "{}", out.stderr);
    let requests = std::fs::read_to_string(dir.join("gets")).unwrap_or_default().len();
    assert!(requests <= 3, "the listing stopped at once ({requests} requests)");
}

/// A GCS session whose connection breaks in the middle of a chunk, after the server kept part of
/// it: the upload asks where the session stands and resumes from there, instead of sending the
/// chunk (or the backup) again; the object assembled is the backup, byte for byte.
#[test]
fn a_chunk_cut_off_mid_upload_is_resumed_where_the_session_stands() {
    let p = seeded(Backend::Sqlite, "dest_gcs_resume");
    p.sql("CREATE TABLE blobs (b BLOB); INSERT INTO blobs SELECT randomblob(1 << 20) FROM generate_series(1, 20);");
    let dir = p.path().join("resuming");
    std::fs::create_dir(&dir).unwrap();
    let script = r#"
import os, socket
record = sys.argv[1]
state = {'held': 0, 'cut': False, 'done': False, 'n': 0}
def obj():
    return record + ('.object' if state['n'] == 1 else '.other%d' % state['n'])
class H(Base):
    def log(self, what):
        open(record, 'a').write(what + '\n')
    def hold(self):
        return [('Range', 'bytes=0-%d' % (state['held'] - 1))] if state['held'] else []
    def do_POST(self):
        self.body()
        if self.path.startswith('/token'):
            return self.answer(200, [('Content-Type', 'application/json')], b'{"access_token": "t", "expires_in": 3600}')
        # A new session per object: the backup first, then its manifest.
        state.update(held=0, done=False, n=state['n'] + 1)
        open(obj(), 'wb').close()
        self.answer(200, [('Location', 'http://127.0.0.1:%d/session/%d' % (self.server.server_address[1], state['n']))])
    def do_PUT(self):
        cr = self.headers.get('Content-Range', '')
        n = int(self.headers.get('Content-Length', 0))
        spec, total = cr[len('bytes '):].split('/')
        if spec == '*':
            self.body()
            self.log('STATUS %s held %d' % (cr, state['held']))
            return self.answer(200 if state['done'] else 308, self.hold())
        first, last = (int(x) for x in spec.split('-'))
        self.log('PUT %s %d' % (cr, n))
        if first != state['held']:
            self.log('GAP: expected %d' % state['held'])
            return self.answer(400, body=b'{"error": {"message": "not where the session stands"}}')
        if first > 0 and not state['cut']:
            # The second chunk: keep 1.25 MiB of it, then the connection breaks.
            state['cut'] = True
            kept = self.rfile.read(5 * 256 * 1024)
            with open(obj(), 'r+b') as f:
                f.seek(first); f.write(kept)
            state['held'] += len(kept)
            self.log('CUT after %d' % len(kept))
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        data = self.rfile.read(n)
        with open(obj(), 'r+b') as f:
            f.seek(first); f.write(data)
        state['held'] += len(data)
        if total != '*' and state['held'] == int(total):
            state['done'] = True
            return self.answer(200, [('Content-Type', 'application/json')], b'{"name": "x"}')
        self.answer(308, self.hold())
    def do_DELETE(self):
        self.log('DELETE ' + self.path)
        self.answer(499)
serve(H)
"#;
    let record = dir.join("requests");
    let out = backup_to_scripted_gcs(&p, script, &record, true, &["--compression", "none"]);
    let requests = std::fs::read_to_string(&record).unwrap_or_default();
    assert_eq!(out.code, 0, "{}\n{}\n{requests}", out.stdout, out.stderr);
    assert!(requests.contains("CUT after 1310720"), "{requests}");
    assert!(!requests.contains("GAP"), "{requests}");
    assert!(requests.contains("STATUS bytes */* held 9699328"), "{requests}");
    // The rest of the second chunk, from where the session stood, then the last chunk.
    assert!(requests.contains("PUT bytes 9699328-16777215/* 7077888"), "{requests}");
    assert!(!requests.contains("DELETE"), "{requests}");
    // The object is the backup the local destination holds, byte for byte.
    let object = std::fs::read(dir.join("requests.object")).unwrap();
    let mut local = Vec::new();
    let mut stack = vec![p.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(".sqlite3") && path.file_name().unwrap() != "app.db" {
                local.push(path);
            }
        }
    }
    assert_eq!(local.len(), 1, "{local:?}");
    assert!(object == std::fs::read(&local[0]).unwrap(), "the object assembled differs from the backup");
}

/// A hostile session that, asked where it stands after a broken connection, claims bytes it was
/// never sent: the upload is not completed on its word, and the backup is not listed there.
#[test]
fn a_session_claiming_bytes_it_was_never_sent_is_not_trusted() {
    let p = seeded(Backend::Sqlite, "dest_gcs_overclaim");
    p.sql("CREATE TABLE blobs (b BLOB); INSERT INTO blobs SELECT randomblob(1 << 20) FROM generate_series(1, 12);");
    let dir = p.path().join("claiming");
    std::fs::create_dir(&dir).unwrap();
    let script = r#"
import socket
record = sys.argv[1]
class H(Base):
    def do_POST(self):
        self.body()
        if self.path.startswith('/token'):
            return self.answer(200, [('Content-Type', 'application/json')], b'{"access_token": "t", "expires_in": 3600}')
        self.answer(200, [('Location', 'http://127.0.0.1:%d/session/1' % self.server.server_address[1])])
    def do_PUT(self):
        cr = self.headers.get('Content-Range', '')
        open(record, 'a').write('PUT %s\n' % cr)
        if cr.startswith('bytes */'):
            self.body()
            return self.answer(308, [('Range', 'bytes=0-99999999')])
        self.rfile.read(1024)
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)
    def do_DELETE(self):
        open(record, 'a').write('DELETE\n')
        self.answer(499)
serve(H)
"#;
    let record = dir.join("requests");
    let out = backup_to_scripted_gcs(&p, script, &record, true, &["--compression", "none"]);
    let requests = std::fs::read_to_string(&record).unwrap_or_default();
    assert_eq!(out.code, 1, "{}\n{requests}", out.stderr);
    assert!(out.stderr.contains("the upload session says it holds"), "{}", out.stderr);
    assert!(out.stderr.contains("it cannot be resumed"), "{}", out.stderr);
    assert!(out.stderr.contains("it is complete in local"), "{}", out.stderr);
    assert!(
        !requests.lines().any(|l| l.starts_with("PUT bytes ") && !l.contains("/*")),
        "never completed: {requests}"
    );
    assert!(requests.contains("DELETE"), "the session is cancelled: {requests}");
}
