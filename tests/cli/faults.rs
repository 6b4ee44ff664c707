//! Faults an unattended run meets, each against the real component or a server that misbehaves
//! on purpose: a storage endpoint that accepts connections and never answers, a signal while a
//! request hangs. (Other faults live beside their feature: a destination's full disk and a dead
//! bucket in `destinations`, a dead bucket in the scheduler and SIGTERM mid-backup in `schedule`,
//! a server stopped mid-restore and hostile dumps in `restore`, hung notifications and hooks in
//! `hooks`, a hostile Redis in `fleet`, an interrupted `migrate drift` in `drift`.)

use std::time::Duration;

use crate::support::fixtures::{seeded, sh};
use crate::support::{Backend, Outcome, Project};

use crate::support::fixtures::SILENT_SERVER as SILENT;

fn with_silent_s3(p: &Project, port: u16) -> crate::support::Run {
    p.cmd()
        .args(["backup"])
        .env("BACKUP_LOCAL", "true")
        .env("BACKUP_S3_BUCKET", "dbctl-silent")
        .env("BACKUP_S3_REGION", "us-east-1")
        .env("BACKUP_S3_ACCESS_KEY", crate::support::S3_ACCESS_KEY)
        .env("BACKUP_S3_SECRET_KEY", crate::support::S3_SECRET_KEY)
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
        .env("AWS_MAX_ATTEMPTS", "1")
}

/// Sends SIGTERM to a run once it is under way, and waits for its end (a guard against a hang,
/// not a measure: it must end long before any stall timeout).
fn terminated(child: std::process::Child) -> Outcome {
    std::thread::sleep(Duration::from_millis(1500));
    sh(&format!("kill -TERM {}", child.id()));
    crate::support::fixtures::ended(child, "did not act on SIGTERM while a request hung")
}

/// A service-account key whose sign-in goes to the server on `port`.
fn key_signing_in_at(p: &Project, name: &str, port: u16) -> std::path::PathBuf {
    let key = crate::support::gcs().write_key(name, &crate::support::rsa_key(&p.path().join("k.pem")));
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap();
    doc["token_uri"] = format!("http://127.0.0.1:{port}/token").into();
    std::fs::write(&key, doc.to_string()).unwrap();
    key
}

fn visible_backups(p: &Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(p.path().join("backups"))
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|n| !n.ends_with("-lock"));
    names.sort();
    names
}

/// S3 hung (it accepts and never answers): the S3 destination is given up after the stall
/// timeout, the local copy completes, and the run says which destination missed it (exit 1).
#[test]
fn a_hung_storage_endpoint_is_dropped_and_the_others_complete() {
    let p = seeded(Backend::Sqlite, "faults_hung_s3");
    let (mut server, port) = crate::support::python_server(SILENT, &[]);
    let out = with_silent_s3(&p, port).env("BACKUP_STALL_TIMEOUT", "2s").code(1).run();
    assert!(out.stderr.contains("was not stored in 1 of 2 destinations: s3"), "{}", out.stderr);
    assert!(out.stderr.contains("it is complete in local"), "{}", out.stderr);
    let kept = visible_backups(&p);
    assert_eq!(kept.len(), 2, "the local backup and its manifest: {kept:?}");
    assert!(kept.iter().all(|n| !n.starts_with('.')), "no temporary file: {kept:?}");
    let _ = server.kill();
    let _ = server.wait();
}

/// SIGTERM while a request hangs (a long stall timeout): acted on at once, exit 143, nothing
/// left in the backup directory (no temporary file), whatever the request is doing.
#[test]
fn sigterm_is_acted_on_while_a_storage_request_hangs() {
    let p = seeded(Backend::Sqlite, "faults_sigterm_hung");
    let (mut server, port) = crate::support::python_server(SILENT, &[]);
    let child = with_silent_s3(&p, port).env("BACKUP_STALL_TIMEOUT", "10m").spawn();
    let out = terminated(child);
    assert_eq!(out.code, 143, "{}", out.stderr);
    assert!(visible_backups(&p).is_empty(), "nothing left: {:?}", visible_backups(&p));
    let _ = server.kill();
    let _ = server.wait();
}

/// The same with Google Cloud Storage whose sign-in endpoint never answers: SIGTERM ends the wait.
#[test]
fn sigterm_is_acted_on_while_a_gcs_sign_in_hangs() {
    let p = seeded(Backend::Sqlite, "faults_sigterm_gcs");
    let (mut server, port) = crate::support::python_server(SILENT, &[]);
    let key = key_signing_in_at(&p, "faults-silent.json", port);
    let child = p
        .cmd()
        .args(["backup"])
        .env("BACKUP_LOCAL", "true")
        .env("BACKUP_GCS_BUCKET", "silent")
        .env("BACKUP_GCS_KEY_FILE", &key)
        .env("BACKUP_GCS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
        .env("BACKUP_STALL_TIMEOUT", "10m")
        .spawn();
    let out = terminated(child);
    assert_eq!(out.code, 143, "{}", out.stderr);
    assert!(visible_backups(&p).is_empty(), "nothing left: {:?}", visible_backups(&p));
    let _ = server.kill();
    let _ = server.wait();
}

/// A GCS server that signs in, then starts each answer and never finishes it (the headers and a
/// few bytes of the body, then nothing).
const STALLING_GCS: &str = r#"
import time
class Handler(Base):
    def do_POST(self):
        self.body()
        token = {'access_token': 'stalled', 'expires_in': 3600, 'token_type': 'Bearer'}
        self.answer(200, [('Content-Type', 'application/json')], json.dumps(token).encode())
    def do_GET(self):
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', '100000')
        self.end_headers()
        self.wfile.write(b'{"items": [')
        self.wfile.flush()
        time.sleep(3600)
class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
s = Server(('127.0.0.1', 0), Handler)
print(s.server_address[1], flush=True)
s.serve_forever()
"#;

/// A listing whose answer stops half-way: `backup list` gives up after the stall timeout with
/// an error naming the bucket, instead of waiting for the rest for ever (the same limit holds
/// for every read from GCS, downloads included).
#[test]
fn a_gcs_answer_that_stops_half_way_is_given_up() {
    let p = seeded(Backend::Sqlite, "faults_gcs_stalled_body");
    let (mut server, port) = crate::support::python_server(STALLING_GCS, &[]);
    let key = key_signing_in_at(&p, "faults-stalled.json", port);
    let child = p
        .cmd()
        .args(["backup", "list"])
        .env("BACKUP_GCS_BUCKET", "stalled")
        .env("BACKUP_GCS_KEY_FILE", &key)
        .env("BACKUP_GCS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
        .env("BACKUP_STALL_TIMEOUT", "2s")
        .spawn();
    let out =
        crate::support::fixtures::ended(child, "backup list waited for ever for the rest of a GCS answer")
            .no_secrets();
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("gs://stalled"), "{}", out.stderr);
    assert!(
        out.stderr.contains("stopped answering") && out.stderr.contains("backup.stall_timeout"),
        "{}",
        out.stderr
    );
    let _ = server.kill();
    let _ = server.wait();
}
