use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::fixtures::{
    FINGERPRINT_SQL, age_key, fake_pg_dump, s3_project, seeded, sh, slow_pg_dump, still_running, stored,
    term_once_started, visible,
};
use crate::support::{Backend, Project, pg};

#[test]
fn postgres_backups_restore_with_the_stock_tools() {
    let p = seeded(Backend::Pg, "backup_pg");
    let (key, recipient) = age_key(p.path());
    let want = p.sql(FINGERPRINT_SQL);

    // Plain SQL, gzip, age: age -d | gunzip | psql.
    let out = p.dbctl(0, ["backup", "--recipient", &recipient, "--json"]);
    let m = out.json();
    assert_eq!(m["compression"], "gzip");
    assert_eq!(m["dump_format"], "plain");
    assert!(m["dump_tool"].as_str().unwrap().starts_with("pg_dump 15."));
    assert_eq!(m["encryption"]["recipients"][0].as_str().unwrap().len(), "sha256:".len() + 16);
    assert!(!out.stdout.contains(&recipient), "the manifest holds fingerprints, not recipients");
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    assert!(artifact.to_str().unwrap().ends_with(".sql.gz.age"));
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&artifact).unwrap().permissions()) & 0o777;
    assert_eq!(mode, 0o600);

    let restored = pg().create_database("backup_pg_restored");
    let db = restored.rsplit('/').next().unwrap();
    sh(&format!(
        "age -d -i {} {} | gunzip | PGPASSWORD={} psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p {} -U postgres -d {db} >/dev/null",
        key.display(),
        artifact.display(),
        crate::support::PG_PASSWORD,
        pg().port
    ));
    assert_eq!(pg().psql(db, FINGERPRINT_SQL), want);

    // Custom format, zstd: age -d | zstd -d | pg_restore.
    let m = p
        .dbctl(
            0,
            ["backup", "--recipient", &recipient, "--format", "custom", "--compression", "zstd", "--json"],
        )
        .json();
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    assert!(artifact.to_str().unwrap().ends_with(".dump.zst.age"));
    let restored = pg().create_database("backup_pg_custom");
    let db = restored.rsplit('/').next().unwrap();
    sh(&format!(
        "age -d -i {} {} | zstd -d -q | PGPASSWORD={} pg_restore --no-owner -h 127.0.0.1 -p {} -U postgres -d {db}",
        key.display(),
        artifact.display(),
        crate::support::PG_PASSWORD,
        pg().port
    ));
    assert_eq!(pg().psql(db, FINGERPRINT_SQL), want);

    // list shows both; verify checks them, and decodes with the key.
    let list = p.dbctl(0, ["backup", "list", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    p.dbctl(0, ["backup", "verify", "--all"]).stdout_has("pass --identity to also decrypt");
    p.cmd()
        .args(["backup", "verify", "--all", "--identity"])
        .args([&key])
        .code(0)
        .run()
        .stdout_has("content check out");
}

#[test]
fn sqlite_backup_is_a_snapshot_the_stock_tools_open() {
    let p = seeded(Backend::Sqlite, "backup_sqlite");
    let (key, recipient) = age_key(p.path());
    let m = p.cmd().args(["backup", "--json"]).env("BACKUP_ENCRYPTION_KEY", &recipient).code(0).run().json();
    // Rollback-journal mode: the file itself is streamed under a read lock, with no copy on disk.
    assert_eq!(m["dump_tool"], "sqlite file under a read lock");
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    assert!(artifact.to_str().unwrap().ends_with(".sqlite3.gz.age"));
    // --json says where the backup went.
    assert_eq!(m["location"]["artifact"], artifact.to_str().unwrap());
    assert_eq!(m["location"]["manifest"], format!("{}.manifest.json", artifact.display()));
    assert!(std::path::Path::new(m["location"]["manifest"].as_str().unwrap()).is_file());
    let file = p.path().join("restored.db");
    sh(&format!("age -d -i {} {} | gunzip > {}", key.display(), artifact.display(), file.display()));
    let got = sh(&format!(
        "sqlite3 {} 'SELECT count(*) FROM issues; SELECT email FROM users ORDER BY 1'",
        file.display()
    ));
    assert_eq!(got, "5\nada@example.com\ndemo@example.com\n");
    let leftovers: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("snapshot"))
        .collect();
    assert!(leftovers.is_empty(), "the snapshot file was removed: {leftovers:?}");

    // WAL mode, with committed pages still in the WAL: checkpointed first, then the file itself.
    p.sql("PRAGMA journal_mode = WAL;");
    let mut writer = held_sqlite_reader(&p.sqlite_file());
    let m = p.cmd().args(["backup", "--json"]).env("BACKUP_ENCRYPTION_KEY", &recipient).code(0).run().json();
    assert_eq!(m["dump_tool"], "sqlite file under a read lock");
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    let wal_file = p.path().join("restored-wal.db");
    sh(&format!("age -d -i {} {} | gunzip > {}", key.display(), artifact.display(), wal_file.display()));
    assert_eq!(sh(&format!("sqlite3 {} 'SELECT count(*) FROM issues'", wal_file.display())), "6\n");

    // A reader that keeps the WAL busy: a VACUUM INTO copy instead, said so, and removed after.
    writer.read();
    let out = p.cmd().args(["backup", "--json"]).env("BACKUP_ENCRYPTION_KEY", &recipient).code(0).run();
    assert!(out.stderr.contains("VACUUM INTO copy"), "{}", out.stderr);
    let m = out.json();
    assert_eq!(m["dump_tool"], "sqlite VACUUM INTO");
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    std::fs::remove_file(&wal_file).unwrap();
    sh(&format!("age -d -i {} {} | gunzip > {}", key.display(), artifact.display(), wal_file.display()));
    assert_eq!(sh(&format!("sqlite3 {} 'SELECT count(*) FROM issues'", wal_file.display())), "7\n");
    drop(writer);
    let leftovers: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("snapshot"))
        .collect();
    assert!(leftovers.is_empty(), "the snapshot copy was removed: {leftovers:?}");
    p.sql("PRAGMA journal_mode = DELETE;");

    // Without a key: stored plainly, and said so.
    p.dbctl(0, ["backup", "--compression", "none"]).stdout_has("NOT ENCRYPTED");
    // A passphrase: verify decrypts with the configured one.
    let pass = "correct horse battery staple";
    let out =
        p.cmd().args(["backup"]).env("BACKUP_ENCRYPTION_KEY", pass).code(0).run().stdout_has("age-encrypted");
    assert!(!out.stdout.contains(pass) && !out.stderr.contains(pass));
    let out = p.cmd().args(["backup", "verify", "latest"]).env("BACKUP_ENCRYPTION_KEY", pass).code(0).run();
    let out = out.code(0).stdout_has("content check out");
    assert!(!out.stdout.contains(pass));
}

/// A `sqlite3` shell (line-buffered, so its answers arrive) on a WAL database: it commits one issue (left in the WAL) when started, and
/// on `read()` commits another and then holds a read transaction open until dropped.
struct SqliteShell(std::process::Child);

fn held_sqlite_reader(db: &Path) -> SqliteShell {
    let child = Command::new("stdbuf")
        .args(["-oL", "sqlite3", "-bail"])
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut shell = SqliteShell(child);
    shell.run("INSERT INTO issues (id, project_id, number, title, status_id) SELECT 'wal-1', project_id, 1001, 'in the WAL', status_id FROM issues LIMIT 1; SELECT 'ok';");
    shell
}

impl SqliteShell {
    fn run(&mut self, sql: &str) {
        use std::io::{BufRead, Write};
        let stdin = self.0.stdin.as_mut().unwrap();
        writeln!(stdin, "{sql}").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        std::io::BufReader::new(self.0.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ok");
    }

    fn read(&mut self) {
        self.run("INSERT INTO issues (id, project_id, number, title, status_id) SELECT 'wal-2', project_id, 1002, 'held', status_id FROM issues LIMIT 1; BEGIN; SELECT 'ok' FROM issues LIMIT 1;");
    }
}

impl Drop for SqliteShell {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn tampering_and_the_wrong_key_fail_verify() {
    let p = seeded(Backend::Sqlite, "backup_verify");
    let (_, recipient) = age_key(p.path());
    let other = p.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let (other_key, _) = age_key(&other);
    let m = p.dbctl(0, ["backup", "--recipient", &recipient, "--json"]).json();
    let id = m["id"].as_str().unwrap().to_string();
    p.cmd().args(["backup", "verify", &id, "-i"]).args([&other_key]).code(1).run().stdout_has("FAILED");
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    let mut bytes = std::fs::read(&artifact).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&artifact, bytes).unwrap();
    p.dbctl(1, ["backup", "verify", &id]).stdout_has("sha256 of its payload is");
    p.dbctl(1, ["backup", "verify", "nope"]).stderr_has("no backup `nope`");

    // "latest" is the newest backup of the configured database, not of whatever shares the storage.
    let other_db = p.path().join("other.db");
    sh(&format!("sqlite3 {} 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'", other_db.display()));
    let newer = p.cmd().args(["backup", "--json"]).env("DATABASE_URL", &other_db).code(0).run().json();
    assert!(newer["artifact"].as_str().unwrap().starts_with("other-"));
    p.cmd()
        .args(["backup", "verify", "latest"])
        .env("DATABASE_URL", &other_db)
        .code(0)
        .run()
        .stdout_has("ok ");
    let out = p.dbctl(1, ["backup", "verify", "latest"]);
    assert!(out.stdout.contains(m["artifact"].as_str().unwrap()), "{}", out.stdout);
    p.cmd()
        .args(["backup", "verify", "latest"])
        .env("DATABASE_URL", p.path().join("nothing.db"))
        .code(1)
        .run()
        .stderr_has("no backup of database `nothing` in")
        .stderr_has("only of: app, other");
}

/// A stand-in pg_dump: answers --version like version `version`, then runs `body`.

#[test]
fn failures_leave_nothing_that_looks_like_a_backup() {
    let p = seeded(Backend::Pg, "backup_fail");
    let (_, recipient) = age_key(p.path());
    p.dbctl(0, ["backup", "--recipient", &recipient]);
    let before = stored(&p);
    assert_eq!(visible(&before).len(), 2, "{before:?}");

    let cases: [(&str, &str, &str, &str); 4] = [
        (
            "15.99",
            "echo '-- partial'; echo 'pg_dump: error: connection to server lost' >&2; exit 1",
            "pg_dump exited with status 1: pg_dump: error: connection to server lost",
            "failing",
        ),
        ("15.99", "echo '-- partial'; kill -9 $$", "pg_dump was killed", "killed"),
        ("15.99", "echo 'CREATE TABLE x (id int);'", "without its completion marker", "truncated"),
        ("12.3", "exit 0", "the server is PostgreSQL 15 but backup.pg_dump", "too old"),
    ];
    for (version, body, message, what) in cases {
        fake_pg_dump(&p, version, body);
        let out = p.dbctl(1, ["backup", "--recipient", &recipient]);
        assert!(out.stderr.contains(message), "{what}: {}", out.stderr);
        assert_eq!(stored(&p), before, "{what}: nothing new in the backup directory");
    }
    std::fs::remove_file(p.path().join("dbctl.toml")).unwrap();

    // pg_dump missing altogether (PATH without it, nothing configured).
    std::fs::write(p.path().join("dbctl.toml"), "[backup]\npg_dump = \"/nonexistent/pg_dump\"\n").unwrap();
    p.dbctl(1, ["backup"]).stderr_has("does not run as pg_dump");
    std::fs::remove_file(p.path().join("dbctl.toml")).unwrap();

    // A bad recipient is a usage error before anything runs.
    p.dbctl(2, ["backup", "--recipient", "age1notreally"]).stderr_has("not a valid age recipient");
    p.dbctl(2, ["backup", "--recipient", "hunter2"]).stderr_has("is not an age recipient");

    // An unusable backup location.
    std::fs::write(p.path().join("not-a-dir"), "").unwrap();
    p.cmd()
        .args(["backup"])
        .env("BACKUP_LOCAL", p.path().join("not-a-dir"))
        .code(1)
        .run()
        .stderr_has("not a directory");
    assert_eq!(stored(&p), before);
}

#[test]
fn a_full_disk_fails_cleanly() {
    let (out, leftovers) = crate::support::fixtures::on_a_tiny_disk("backup_full", |p, small| {
        p.cmd().args(["backup", "--compression", "none"]).env("BACKUP_LOCAL", small).code(1).run()
    });
    assert!(out.stderr.contains("No space left on device"), "{}", out.stderr);
    assert!(out.stderr.contains("nothing was stored"), "{}", out.stderr);
    assert!(leftovers.iter().all(|n| n.ends_with("-lock")), "{leftovers:?}");
}

#[test]
fn sigterm_mid_backup_stops_pg_dump_and_leaves_nothing() {
    let p = seeded(Backend::Pg, "backup_sigterm");
    let pid_file = slow_pg_dump(&p);
    let child = p.cmd().args(["backup"]).spawn();
    let out = term_once_started(child, &pid_file);
    assert_eq!(out.code, 143, "128 + SIGTERM: {}", out.stderr);
    assert!(out.stderr.contains("interrupted by SIGTERM"), "{}", out.stderr);
    assert!(!still_running(&pid_file), "pg_dump was stopped");
    assert!(visible(&stored(&p)).is_empty(), "{:?}", stored(&p));
}

#[test]
fn globals_are_a_second_part_of_the_backup() {
    let p = seeded(Backend::Pg, "backup_globals");
    let (key, recipient) = age_key(p.path());
    pg().psql(
        "postgres",
        "DO $$ BEGIN CREATE ROLE dbctl_reporting NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    );
    let m = p.dbctl(0, ["backup", "--globals", "--recipient", &recipient, "--json"]).json();
    let part = &m["parts"][0];
    assert_eq!(part["kind"], "globals");
    let name = part["name"].as_str().unwrap();
    assert!(name.ends_with(".globals.sql.gz.age"), "{name}");
    let text = sh(&format!(
        "age -d -i {} {} | gunzip",
        key.display(),
        p.path().join("backups").join(name).display()
    ));
    assert!(text.contains("CREATE ROLE dbctl_reporting"), "{text}");
    p.cmd()
        .args(["backup", "verify", "latest", "-i"])
        .args([&key])
        .code(0)
        .run()
        .stdout_has("with 1 more part");

    // A tampered part fails verify.
    let path = p.path().join("backups").join(name);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[10] ^= 0x01;
    std::fs::write(&path, bytes).unwrap();
    p.cmd().args(["backup", "verify", "latest", "-i"]).args([&key]).code(1).run().stdout_has("globals part");

    // SQLite has no globals.
    let s = Project::new(Backend::Sqlite, "backup_globals_sqlite");
    s.migration("2024-01-01-000001_t", "CREATE TABLE t (id INTEGER);", None, None);
    s.dbctl(0, ["migrate"]);
    s.dbctl(2, ["backup", "--globals"]).stderr_has("--globals is for PostgreSQL");
}

#[test]
fn s3_backups_stream_in_parts_and_restore_with_the_stock_tools() {
    let p = seeded(Backend::Pg, "backup_s3");
    // Enough incompressible data for several 8 MiB parts.
    p.sql("CREATE TABLE blobs AS SELECT g AS id, encode(decode(md5(g::text) || md5((g+1)::text) || md5((g+2)::text) || md5((g+3)::text), 'hex'), 'base64') AS b FROM generate_series(1, 300000) g");
    let (key, recipient) = age_key(p.path());
    let want = p.sql(FINGERPRINT_SQL);
    let s3 = crate::support::s3();
    let dbctl = s3_project(&p, "dbctl-s3-ok");

    let m =
        dbctl(&["backup", "--recipient", &recipient, "--compression", "none", "--json"]).code(0).run().json();
    let artifact = m["artifact"].as_str().unwrap().to_string();
    assert!(m["stored_bytes"].as_u64().unwrap() > 16 << 20, "several parts: {}", m["stored_bytes"]);
    assert_eq!(s3.keys("dbctl-s3-ok"), [artifact.clone(), format!("{artifact}.manifest.json")]);
    assert_eq!(s3.open_uploads("dbctl-s3-ok"), 0);
    assert!(!p.path().join("backups").exists(), "nothing was written locally");

    let list = dbctl(&["backup", "list"]).code(0).run();
    assert!(list.stdout.contains(&artifact) && list.stdout.contains("s3://dbctl-s3-ok/"), "{}", list.stdout);
    dbctl(&["backup", "verify", "latest", "-i", key.to_str().unwrap()])
        .code(0)
        .run()
        .stdout_has("content check out");

    let local = p.path().join("downloaded.age");
    s3.download("dbctl-s3-ok", &artifact, &local);
    let restored = pg().create_database("backup_s3_restored");
    let db = restored.rsplit('/').next().unwrap();
    sh(&format!(
        "age -d -i {} {} | PGPASSWORD={} psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p {} -U postgres -d {db} >/dev/null",
        key.display(),
        local.display(),
        crate::support::PG_PASSWORD,
        pg().port
    ));
    assert_eq!(pg().psql(db, FINGERPRINT_SQL), want);
}

#[test]
fn s3_failures_abort_the_upload() {
    let p = seeded(Backend::Pg, "backup_s3_fail");
    let s3 = crate::support::s3();
    let dbctl = s3_project(&p, "dbctl-s3-fail");
    fake_pg_dump(&p, "15.99", "head -c 20000000 /dev/urandom; echo 'pg_dump: error: lost' >&2; exit 1");
    dbctl(&["backup", "--compression", "none"]).code(1).run().stderr_has("pg_dump: error: lost");
    assert!(s3.keys("dbctl-s3-fail").is_empty(), "{:?}", s3.keys("dbctl-s3-fail"));
    assert_eq!(s3.open_uploads("dbctl-s3-fail"), 0, "the multipart upload was aborted");

    // Unknown bucket: one clear message.
    std::fs::remove_file(p.path().join("dbctl.toml")).unwrap();
    p.cmd()
        .args(["backup"])
        .env("BACKUP_S3_BUCKET", "no-such-bucket")
        .env("AWS_ENDPOINT_URL", s3.endpoint())
        .env("BACKUP_S3_ACCESS_KEY", crate::support::S3_ACCESS_KEY)
        .env("BACKUP_S3_SECRET_KEY", crate::support::S3_SECRET_KEY)
        .code(1)
        .run()
        .stderr_has("cannot start an upload to s3://no-such-bucket/");
}

#[test]
fn s3_server_stopping_mid_upload_fails_cleanly() {
    let p = seeded(Backend::Pg, "backup_s3_stop");
    let mut server = crate::support::S3Server::start();
    server.create_bucket("dbctl-s3-stop");
    let started = p.path().join("started");
    fake_pg_dump(
        &p,
        "15.99",
        &format!(
            "head -c 12000000 /dev/urandom; touch {}; sleep 2; head -c 12000000 /dev/urandom; \
             echo; echo '-- PostgreSQL database dump complete'",
            started.display()
        ),
    );
    let child = p
        .cmd()
        .args(["backup", "--compression", "none"])
        .env("BACKUP_S3_BUCKET", "dbctl-s3-stop")
        .env("AWS_ENDPOINT_URL", server.endpoint())
        .env("BACKUP_S3_ACCESS_KEY", crate::support::S3_ACCESS_KEY)
        .env("BACKUP_S3_SECRET_KEY", crate::support::S3_SECRET_KEY)
        .spawn();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !started.exists() {
        assert!(std::time::Instant::now() < deadline, "the fake pg_dump never started");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    server.stop();
    let out = crate::support::Outcome::from(child.wait_with_output().unwrap()).no_secrets();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("S3 failed") || out.stderr.contains("S3 upload"), "{}", out.stderr);
    assert!(out.stderr.contains("nothing was stored"), "{}", out.stderr);
}

#[test]
fn ssh_recipients_armor_and_passphrase_files() {
    let p = seeded(Backend::Sqlite, "backup_ssh");
    let ssh_key = p.path().join("id_ed25519");
    sh(&format!("ssh-keygen -q -t ed25519 -N '' -f {}", ssh_key.display()));
    let public = std::fs::read_to_string(p.path().join("id_ed25519.pub")).unwrap();
    std::fs::write(p.path().join("dbctl.toml"), "[backup]\narmor = true\n").unwrap();
    let m = p.dbctl(0, ["backup", "--recipient", public.trim(), "--json"]).json();
    assert_eq!(m["encryption"]["armor"], true);
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    let head = std::fs::read_to_string(&artifact).unwrap();
    assert!(head.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"), "{}", &head[..40.min(head.len())]);
    let file = p.path().join("restored.db");
    sh(&format!("age -d -i {} {} | gunzip > {}", ssh_key.display(), artifact.display(), file.display()));
    assert_eq!(sh(&format!("sqlite3 {} 'SELECT count(*) FROM issues'", file.display())), "5\n");
    p.cmd()
        .args(["backup", "verify", "latest", "-i"])
        .args([&ssh_key])
        .code(0)
        .run()
        .stdout_has("content check out");
    // restore reads the armor and takes the SSH private key.
    let copy = p.path().join("ssh-restored.db");
    p.cmd()
        .args(["restore", m["id"].as_str().unwrap(), "--create", "--to"])
        .args([&copy])
        .args(["-i"])
        .args([&ssh_key])
        .code(0)
        .run();
    assert_eq!(sh(&format!("sqlite3 {} 'SELECT count(*) FROM issues'", copy.display())), "5\n");

    // A passphrase from a file turns encryption on; verify uses it too.
    std::fs::write(p.path().join("pass.txt"), "from-a-file passphrase\n").unwrap();
    std::fs::write(p.path().join("dbctl.toml"), "[backup]\npassphrase_file = \"pass.txt\"\n").unwrap();
    let m = p.dbctl(0, ["backup", "--json"]).json();
    assert_eq!(m["encryption"]["passphrase"], true);
    let out = p.dbctl(0, ["backup", "verify", "latest"]).stdout_has("content check out");
    assert!(!out.stdout.contains("from-a-file"), "{}", out.stdout);
    // And so does restore.
    let copy = p.path().join("pass-restored.db");
    let out = p.cmd().args(["restore", "latest", "--create", "--to"]).args([&copy]).code(0).run();
    assert!(!out.stdout.contains("from-a-file") && !out.stderr.contains("from-a-file"));
    assert_eq!(sh(&format!("sqlite3 {} 'SELECT count(*) FROM issues'", copy.display())), "5\n");
}

#[test]
fn s3_server_side_encryption_and_storage_class() {
    let p = seeded(Backend::Sqlite, "backup_s3_sse");
    let dbctl = s3_project(&p, "dbctl-s3-sse");
    std::fs::write(
        p.path().join("dbctl.toml"),
        "[backup.s3]\nsse = \"AES256\"\nstorage_class = \"STANDARD_IA\"\nprefix = \"nightly\"\n",
    )
    .unwrap();
    let m = dbctl(&["backup", "--json"]).code(0).run().json();
    let key = format!("nightly/{}", m["artifact"].as_str().unwrap());
    assert_eq!(m["location"]["artifact"], format!("s3://dbctl-s3-sse/{key}"));
    assert_eq!(m["location"]["storage"], "s3://dbctl-s3-sse/nightly/");
    let head = crate::support::s3().python(&format!(
        "h = s3.head_object(Bucket='dbctl-s3-sse', Key='{key}'); print(h.get('ServerSideEncryption'), h.get('StorageClass'))"
    ));
    assert_eq!(head.trim(), "AES256 STANDARD_IA");
    dbctl(&["backup", "list"]).code(0).run().stdout_has("s3://dbctl-s3-sse/nightly/");
}

#[test]
fn child_programs_get_the_database_password_and_no_other_secret() {
    let p = seeded(Backend::Pg, "backup_child_env");
    let seen = p.path().join("pg_dump.env");
    fake_pg_dump(
        &p,
        "15.99",
        &format!("env > {}; echo 'SELECT 1;'; echo '-- PostgreSQL database dump complete'", seen.display()),
    );
    p.cmd()
        .args(["backup"])
        .env("BACKUP_ENCRYPTION_KEY", "the age passphrase 123")
        .env("AWS_SECRET_ACCESS_KEY", "aws-secret-456")
        .env("REDIS_URL", "redis://:redis-pass-000@127.0.0.1:1/0")
        .env("PGSSLMODE", "prefer")
        .code(0)
        .run();
    let env = std::fs::read_to_string(&seen).unwrap();
    assert!(env.contains(&format!("PGPASSWORD={}", crate::support::PG_PASSWORD)), "{env}");
    assert!(env.contains("PGSSLMODE=prefer"), "libpq's own settings pass: {env}");
    for secret in ["the age passphrase", "aws-secret", "redis-pass", "DATABASE_URL", "BACKUP_"] {
        assert!(!env.contains(secret), "pg_dump saw {secret}: {env}");
    }
}

#[test]
fn locks_and_backup_directories_other_users_could_write_are_refused() {
    let p = seeded(Backend::Sqlite, "backup_shared_host");
    let dir = p.path().join("backups");
    p.dbctl(0, ["backup"]);
    // A symlink planted where the lock goes: never followed, the file it points at untouched.
    let victim = p.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let lock = dir.join(".app.dbctl-backup-lock");
    std::fs::remove_file(&lock).ok();
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    p.dbctl(1, ["backup"]).stderr_has("symlink");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    std::fs::remove_file(&lock).unwrap();

    // A backup directory others may write to.
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    p.dbctl(1, ["backup"]).stderr_has("writable by other users").stderr_has("chmod go-w");
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    p.dbctl(0, ["backup"]);

    // S3's lock lives in a private directory of this user; one planted by someone else (here, a
    // symlink) is refused.
    let tmp = p.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let uid = sh("id -u").trim().to_string();
    std::os::unix::fs::symlink(&dir, tmp.join(format!("dbctl-{uid}"))).unwrap();
    let run = crate::support::fixtures::s3_project(&p, "dbctl-shared-host");
    run(&["backup"]).env("TMPDIR", &tmp).code(1).run().stderr_has("cannot hold dbctl's locks");
    std::fs::remove_file(tmp.join(format!("dbctl-{uid}"))).unwrap();
    run(&["backup"]).env("TMPDIR", &tmp).code(0).run();
    let private = tmp.join(format!("dbctl-{uid}"));
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&private).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o700);
    assert_eq!(std::fs::read_dir(&private).unwrap().count(), 1, "the S3 lock is in there");
}

#[test]
fn the_list_names_each_database_newest_first_and_cache_counters_are_integers() {
    let p = seeded(Backend::Sqlite, "backup_list_order");
    let first = p.dbctl(0, ["backup", "--json"]).json();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = p.dbctl(0, ["backup", "--json"]).json();
    let out = p.dbctl(0, ["backup", "list"]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].contains("DATABASE"), "{}", out.stdout);
    assert!(lines[1].starts_with(second["id"].as_str().unwrap()), "newest first: {}", out.stdout);
    assert!(lines[2].starts_with(first["id"].as_str().unwrap()), "{}", out.stdout);
    assert!(lines[1].contains(second["database"].as_str().unwrap()), "{}", out.stdout);

    let redis = crate::support::redis();
    redis.cli("SET list:counter 1");
    let stats = p.cmd().args(["cache", "stats", "--json"]).env("REDIS_URL", redis.url()).code(0).run().json();
    for k in ["keys", "used_memory_bytes", "keyspace_hits", "keyspace_misses", "expired_keys"] {
        assert!(stats[k].is_u64(), "{k} is {}", stats[k]);
    }
}

#[test]
fn verify_and_a_migration_dry_run_speak_json() {
    let p = seeded(Backend::Sqlite, "backup_verify_json");
    let m = p.dbctl(0, ["backup", "--json"]).json();
    let v = p.dbctl(0, ["backup", "verify", "--json"]).json();
    assert_eq!(v[0]["id"], m["id"]);
    assert_eq!(v[0]["ok"], true);
    assert!(v[0]["checks"][0]["detail"].as_str().unwrap().contains("sha256"), "{v}");

    p.migration("2030-01-01-000001_more", "CREATE TABLE more_things (id INTEGER PRIMARY KEY);", None, None);
    let d = p.dbctl(0, ["migrate", "--dry-run", "--json"]).json();
    assert_eq!(d["would_apply"][0]["version"], "20300101000001", "{d}");
    assert!(d["would_apply"][0]["sql"].as_str().unwrap().contains("more_things"), "{d}");
    assert_eq!(p.tables().iter().filter(|t| *t == "more_things").count(), 0, "a dry run changes nothing");
}

/// The frames of the progress bar dbctl drew on a terminal `cols` wide (through `script`, which
/// gives it a pseudo-terminal), escape sequences removed.
fn progress_frames(p: &Project, cols: u16) -> Vec<String> {
    let line =
        format!("stty rows 24 cols {cols}; exec '{}' backup --no-encryption", env!("CARGO_BIN_EXE_dbctl"));
    let out = Command::new("script")
        .args(["-qfec", &line, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", p.path())
        .env("DATABASE_URL", &p.url)
        .env("TERM", "xterm")
        .current_dir(p.path())
        .stdin(Stdio::null())
        .output()
        .expect("running script");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    // Without CSI sequences (ESC [ parameters, a final letter).
    let mut text = String::new();
    let mut chars = String::from_utf8_lossy(&out.stdout).into_owned().chars().collect::<Vec<_>>().into_iter();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            let _ = chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            text.push(c);
        }
    }
    let frames: Vec<String> =
        text.split(['\r', '\n']).filter(|l| l.contains("% ")).map(str::to_string).collect();
    assert!(!frames.is_empty(), "at {cols} columns, no progress was drawn:\n{text}");
    frames
}

#[test]
fn the_progress_bar_has_a_percentage_and_an_eta_estimated_from_the_size_and_fits_the_terminal() {
    for backend in crate::support::BACKENDS {
        let p = Project::new(backend, "backup_progress");
        let fill = match backend {
            Backend::Pg => {
                "CREATE TABLE big (b text); INSERT INTO big \
                 SELECT (SELECT string_agg(md5(random()::text || g || h), '') FROM generate_series(1, 8192) h) \
                 FROM generate_series(1, 24) g"
            }
            Backend::Sqlite => {
                "CREATE TABLE big (b blob); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL \
                 SELECT i + 1 FROM n WHERE i < 12) INSERT INTO big SELECT randomblob(524288) FROM n"
            }
        };
        p.sql(fill);
        for cols in [100, 60, 40] {
            let frames = progress_frames(&p, cols);
            for f in &frames {
                assert!(f.chars().count() <= cols as usize, "{backend:?}: {f:?} is wider than {cols}");
                assert!(f.contains("ETA "), "{backend:?}: {f:?}");
            }
            if cols >= 60 {
                // The total is an estimate, said so with "~".
                assert!(frames.iter().any(|f| f.contains("/~")), "{frames:?}");
            }
        }
    }
}

#[test]
fn two_servers_sharing_a_storage_see_only_their_own_backups() {
    let a = pg();
    let b = crate::support::PgCluster::init(crate::support::free_port());
    b.start();
    for (server, marker) in [(a, "from a"), (&b, "from b")] {
        server.psql("postgres", "DROP DATABASE IF EXISTS shared_app");
        server.psql("postgres", "CREATE DATABASE shared_app");
        server.psql("shared_app", &format!("CREATE TABLE t (v text); INSERT INTO t VALUES ('{marker}')"));
    }
    let dir = crate::support::project();
    let storage = dir.path().join("bucket");
    let run = |url: &str, args: &[&str]| {
        crate::support::dbctl(dir.path())
            .args(args)
            .env("DATABASE_URL", url)
            .env("BACKUP_LOCAL", &storage)
            .any_code("each call checks its exit code")
            .run()
    };
    let (url_a, url_b) = (a.url("shared_app"), b.url("shared_app"));
    let first_a = run(&url_a, &["backup", "--json"]).code(0).json();
    run(&url_a, &["backup"]).code(0);
    let newest_b = run(&url_b, &["backup", "--json"]).code(0).json();
    // The manifest records where it came from.
    let system_a = a.psql("postgres", "SELECT system_identifier FROM pg_control_system()");
    assert_eq!(first_a["source"]["system_identifier"], system_a.trim());
    assert_eq!(first_a["source"]["server"], format!("127.0.0.1:{}", a.port));

    // `latest` on a is a's newest, not b's (which is newer).
    a.psql("shared_app", "UPDATE t SET v = 'changed'");
    run(&url_a, &["restore", "latest", "--clean", "--no-safety-backup"])
        .code(0)
        .stderr_has("1 backup of a database named `shared_app` from other sources");
    assert_eq!(a.psql("shared_app", "SELECT v FROM t").trim(), "from a");

    // list says which is whose; prune counts a's alone and leaves b's alone.
    let list = run(&url_a, &["backup", "list"]).code(0);
    list.stdout_has("SOURCE").stdout_has(&format!("127.0.0.1:{}", b.port));
    let pruned = run(&url_a, &["backup", "prune", "--keep-last", "1"]).code(0);
    pruned.stdout_has("from other sources");
    let left = run(&url_a, &["backup", "list", "--json"]).code(0).json();
    let ids: Vec<&str> = left.as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.contains(&newest_b["id"].as_str().unwrap()), "b's backup stays: {ids:?}");
    assert!(!ids.contains(&first_a["id"].as_str().unwrap()), "a's older backup went: {ids:?}");

    // A server with no backups of its own is not given another's under `latest`.
    let c = crate::support::PgCluster::init(crate::support::free_port());
    c.start();
    c.psql("postgres", "CREATE DATABASE shared_app");
    run(&c.url("shared_app"), &["restore", "latest", "--clean", "--no-safety-backup"])
        .code(1)
        .stderr_has("no backup of this server's `shared_app`")
        .stderr_has(newest_b["id"].as_str().unwrap());

    // When the server cannot be reached, its backups cannot be told from the others': prune
    // refuses rather than count them together.
    c.stop();
    run(&c.url("shared_app"), &["--connect-timeout", "1s", "backup", "prune", "--keep-last", "1"])
        .code(1)
        .stderr_has("come from 2 sources");

    // backup.name decides where it is set.
    let named = crate::support::dbctl(dir.path())
        .args(["backup", "--json"])
        .env("DATABASE_URL", &url_b)
        .env("BACKUP_LOCAL", &storage)
        .env("BACKUP_NAME", "eu-1")
        .code(0)
        .run()
        .json();
    assert_eq!(named["source"]["name"], "eu-1");
    crate::support::dbctl(dir.path())
        .args(["backup", "--json"])
        .env("DATABASE_URL", &url_b)
        .env("BACKUP_LOCAL", &storage)
        .env("BACKUP_NAME", "no spaces")
        .code(2)
        .run()
        .stderr_has("is not a backup name");
}

/// An `sslpassword` in DATABASE_URL reaches pg_dump through a private libpq service file, not its
/// command line, and the dump still connects.
#[test]
fn an_ssl_password_never_reaches_pg_dumps_command_line() {
    let p = seeded(Backend::Pg, "backup_sslpassword");
    let url = format!("{}?sslpassword=ssl-Secret-77", p.url);
    let out = p
        .cmd()
        .args(["backup", "--no-encryption", "--globals", "-v"])
        .env("DATABASE_URL", &url)
        .code(0)
        .run();
    assert!(!out.stdout.contains("ssl-Secret-77") && !out.stderr.contains("ssl-Secret-77"), "{out:?}");
}

/// Listing, checking health and pruning read the backup directory; only a backup makes it.
#[test]
fn reading_commands_create_no_backup_directory() {
    let p = seeded(Backend::Sqlite, "backup_no_dir");
    let dir = p.path().join("backups");
    assert!(!dir.exists());
    p.dbctl(0, ["backup", "list"]).stdout_has("no backups");
    p.cmd().args(["health"]).any_code("a missing backup is a finding").run();
    p.dbctl(0, ["backup", "prune", "--orphans", "--dry-run"]);
    assert!(!dir.exists(), "nothing but a backup makes the directory");
    p.dbctl(0, ["backup"]);
    assert!(dir.is_dir());
}
