use std::path::Path;

use crate::support::fixtures::{FINGERPRINT_SQL, age_key, s3_project, seeded, sh, stored, visible};
use crate::support::{Backend, Project, pg};

/// The name of the database a URL points at.
fn db_of(url: &str) -> &str {
    url.rsplit('/').next().unwrap()
}

/// A dump of a database with pg_dump's random `\restrict` keys taken out, so two dumps compare.
fn pg_dump(url: &str, what: &str) -> String {
    let out = sh(&pg_env(&format!(
        "{}/pg_dump --no-password {what} --dbname='{}'",
        crate::support::PG_BIN,
        url.replace(&format!(":{}@", crate::support::PG_PASSWORD), "@")
    )));
    out.lines()
        .filter(|l| !l.starts_with("\\restrict") && !l.starts_with("\\unrestrict"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn pg_env(cmd: &str) -> String {
    format!("PGPASSWORD={} {cmd}", crate::support::PG_PASSWORD)
}

#[test]
fn plain_and_custom_backups_round_trip_from_local_disk_and_s3() {
    let p = seeded(Backend::Pg, "restore_round_trip");
    let (key, recipient) = age_key(p.path());
    let want = p.sql(FINGERPRINT_SQL);
    let pass = "restore passphrase 77";
    let cases: [(&str, &str, bool); 4] = [
        ("plain", "gzip", true),
        ("custom", "zstd", false),
        ("plain", "none", false),
        ("custom", "gzip", true),
    ];
    for (format, compression, to_recipient) in cases {
        let mut backup = p.cmd().args(["backup", "--json", "--format", format, "--compression", compression]);
        backup = if to_recipient {
            backup.args(["--recipient", &recipient])
        } else {
            backup.env("BACKUP_ENCRYPTION_KEY", pass)
        };
        let m = backup.code(0).run().json();
        let id = m["id"].as_str().unwrap();
        let target = pg().create_database(&format!("restore_rt_{format}_{compression}"));
        let out = p
            .cmd()
            .args(["restore", id, "--to", &target, "--json", "-i"])
            .args([&key])
            .env("BACKUP_ENCRYPTION_KEY", pass)
            .code(0)
            .run();
        let done = out.json();
        assert_eq!(done["content"], format, "{format} {compression}");
        assert_eq!(done["sha256"], m["sha256"]);
        assert!(done["tables"]["public.issues"]["rows"].as_u64() == Some(5), "{}", out.stdout);
        assert!(!out.stdout.contains(crate::support::PG_PASSWORD) && !out.stderr.contains(pass));
        assert_eq!(pg().psql(db_of(&target), FINGERPRINT_SQL), want, "{format} {compression}");
    }

    // From S3: the configured bucket's latest, and an s3:// URL.
    let dbctl = s3_project(&p, "dbctl-restore");
    let m = dbctl(&["backup", "--json", "--recipient", &recipient]).code(0).run().json();
    let target = pg().create_database("restore_from_s3");
    dbctl(&["restore", "--to", &target, "-i", key.to_str().unwrap()]).code(0).run().stdout_has("restored");
    assert_eq!(pg().psql(db_of(&target), FINGERPRINT_SQL), want);
    let url = format!("s3://dbctl-restore/{}", m["artifact"].as_str().unwrap());
    let target = pg().create_database("restore_from_s3_url");
    let out = dbctl(&["restore", &url, "--to", &target, "-i", key.to_str().unwrap(), "--json"]).code(0).run();
    assert_eq!(out.json()["id"], m["id"], "the manifest beside the object was found");
    assert_eq!(pg().psql(db_of(&target), FINGERPRINT_SQL), want);

    // --list shows the tables without touching any database.
    let list = dbctl(&["restore", &url, "--list", "-i", key.to_str().unwrap()]).code(0).run();
    assert!(
        list.stdout.contains("public.issues") && list.stdout.contains("plain dump, gzip, age-encrypted"),
        "{}",
        list.stdout
    );
}

#[test]
fn a_rich_schema_comes_back_identical() {
    let source = pg().create_database("restore_rich");
    let db = db_of(&source);
    pg().psql(
        db,
        "CREATE EXTENSION citext;
         CREATE SCHEMA billing;
         CREATE TYPE billing.state AS ENUM ('open', 'paid', 'void');
         CREATE SEQUENCE billing.invoice_no START 1000;
         CREATE TABLE billing.invoices (
             id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
             no int NOT NULL DEFAULT nextval('billing.invoice_no'),
             email citext NOT NULL, state billing.state NOT NULL DEFAULT 'open',
             total numeric(10,2), meta jsonb, updated_at timestamptz);
         CREATE TABLE billing.events (at date NOT NULL, what text) PARTITION BY RANGE (at);
         CREATE TABLE billing.events_2025 PARTITION OF billing.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
         CREATE TABLE billing.events_2026 PARTITION OF billing.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
         CREATE FUNCTION billing.touch() RETURNS trigger LANGUAGE plpgsql AS
             $$ BEGIN NEW.updated_at := '2026-01-01 00:00:00+00'; RETURN NEW; END $$;
         CREATE TRIGGER invoices_touch BEFORE INSERT OR UPDATE ON billing.invoices
             FOR EACH ROW EXECUTE FUNCTION billing.touch();
         CREATE VIEW billing.open_invoices AS SELECT id, email FROM billing.invoices WHERE state = 'open';
         INSERT INTO billing.invoices (email, state, total, meta)
             SELECT 'User' || g || '@Example.com', (ARRAY['open','paid','void']::billing.state[])[1 + g % 3],
                    g * 1.5, jsonb_build_object('n', g, 'tags', jsonb_build_array('a', g))
             FROM generate_series(1, 500) g;
         INSERT INTO billing.events VALUES ('2025-06-01', 'a'), ('2026-02-03', E'tab\\there'), ('2026-03-04', NULL);",
    );
    let p = Project::new(Backend::Pg, "restore_rich_project");
    let (key, recipient) = age_key(p.path());
    let schema = pg_dump(&source, "--schema-only");
    let data = pg_dump(&source, "--data-only");
    for format in ["plain", "custom"] {
        let m = p
            .cmd()
            .args(["backup", "--json", "--format", format, "--recipient", &recipient])
            .env("DATABASE_URL", &source)
            .code(0)
            .run()
            .json();
        let target = pg().create_database(&format!("restore_rich_{format}"));
        p.cmd()
            .args(["restore", m["id"].as_str().unwrap(), "--to", &target, "-i"])
            .args([&key])
            .env("DATABASE_URL", &source)
            .code(0)
            .run();
        assert_eq!(pg_dump(&target, "--schema-only"), schema, "{format}: the schema differs");
        assert_eq!(pg_dump(&target, "--data-only"), data, "{format}: the data differs");
        // The restored sequence and identity continue where the source was.
        assert_eq!(
            pg().psql(
                db_of(&target),
                "INSERT INTO billing.invoices (email) VALUES ('x@y') RETURNING id, no, updated_at"
            ),
            "501|1500|2026-01-01 00:00:00+00\n"
        );
    }
    // The nightly check: restore into a scratch database and compare row counts, with those the
    // plain backup recorded, or those the custom archive holds.
    let plain = p.cmd().args(["backup", "list", "--json"]).env("DATABASE_URL", &source).code(0).run().json();
    let plain_id = plain[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        plain[0]["tables"]["billing.invoices"]["rows"], 500,
        "the plain backup recorded its row counts"
    );
    p.cmd()
        .args(["backup", "verify", "--restore-test", &plain_id, "-i"])
        .args([&key])
        .env("DATABASE_URL", &source)
        .code(0)
        .run()
        .stdout_has("every table's row count matches the backup's record");
    p.cmd()
        .args(["backup", "verify", "--restore-test", "latest", "-i"])
        .args([&key])
        .env("DATABASE_URL", &source)
        .code(0)
        .run()
        .stdout_has("every table's row count matches the dump");
    let scratch =
        pg().psql("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE '%restore_test%'");
    assert_eq!(scratch, "0\n", "the scratch database was dropped");
}

#[test]
fn a_non_empty_target_is_refused_then_replaced_with_a_safety_backup() {
    let p = seeded(Backend::Pg, "restore_safety");
    let (key, recipient) = age_key(p.path());
    let original = p.sql(FINGERPRINT_SQL);
    let m = p.dbctl(0, ["backup", "--json", "--recipient", &recipient]).json();
    let id = m["id"].as_str().unwrap();

    p.cmd()
        .args(["restore", id, "-i"])
        .args([&key])
        .code(1)
        .run()
        .stderr_has("is not empty (")
        .stderr_has("pass --clean");
    p.sql("UPDATE issues SET title = 'changed since the backup'; DELETE FROM issue_labels;");
    let changed = p.sql(FINGERPRINT_SQL);
    assert_ne!(changed, original);

    // A protected profile needs --yes as well.
    std::fs::write(p.path().join("dbctl.toml"), "[env.prod]\nprotected = true\n").unwrap();
    p.cmd()
        .args(["--env", "prod", "restore", id, "--clean", "-i"])
        .args([&key])
        .code(2)
        .run()
        .stderr_has("profile `prod` is protected");
    assert_eq!(p.sql(FINGERPRINT_SQL), changed);

    let out =
        p.cmd().args(["--env", "prod", "restore", id, "--clean", "--yes", "-i"]).args([&key]).code(0).run();
    assert!(
        out.stderr.contains("safety backup") && out.stderr.contains("to undo the restore: dbctl restore "),
        "{}",
        out.stderr
    );
    assert_eq!(p.sql(FINGERPRINT_SQL), original);
    assert_eq!(p.sql("SELECT count(*) FROM issue_labels").trim(), "5");

    // The safety backup is tagged, and the undo is one command.
    let list = p.dbctl(0, ["backup", "list", "--json"]).json();
    let safety: Vec<_> = list.as_array().unwrap().iter().filter(|m| m["tag"] == "safety").collect();
    assert_eq!(safety.len(), 1);
    let undo = safety[0]["id"].as_str().unwrap();
    assert!(out.stderr.contains(&format!("dbctl restore {undo} --clean")));
    p.dbctl(0, ["--env", "prod", "restore", undo, "--clean", "--yes", "--no-safety-backup"]);
    assert_eq!(p.sql(FINGERPRINT_SQL), changed);
    let list = p.dbctl(0, ["backup", "list", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 2, "--no-safety-backup took none");

    // `latest` is never a safety backup: run again, it restores the backup the first restore
    // was bringing back, not the data that restore replaced.
    let again = p
        .cmd()
        .args(["--env", "prod", "restore", "latest", "--clean", "--yes", "--no-safety-backup", "-i"])
        .args([&key])
        .code(0)
        .run();
    assert!(
        again.stderr.contains(&format!("passed over 1 newer safety backup taken before a restore ({undo})"))
    );
    assert_eq!(p.sql(FINGERPRINT_SQL), original);
}

#[test]
fn damaged_or_wrongly_keyed_backups_leave_the_target_untouched() {
    let p = seeded(Backend::Pg, "restore_damage");
    let (key, recipient) = age_key(p.path());
    let other = p.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let (other_key, _) = age_key(&other);
    let before = p.sql(FINGERPRINT_SQL);
    let dir = p.path().join("backups");
    let restore = |what: &str, key: &Path| {
        p.cmd().args(["restore", what, "--clean", "--no-safety-backup", "-i"]).args([key]).code(1).run()
    };

    // Wrong key.
    let enc = p.dbctl(0, ["backup", "--json", "--recipient", &recipient]).json();
    restore(enc["id"].as_str().unwrap(), &other_key).stderr_has("cannot decrypt");
    assert_eq!(p.sql(FINGERPRINT_SQL), before);

    // Tampered ciphertext: age's authentication fails.
    let artifact = dir.join(enc["artifact"].as_str().unwrap());
    let mut bytes = std::fs::read(&artifact).unwrap();
    let i = bytes.len() - 100;
    bytes[i] ^= 1;
    std::fs::write(&artifact, &bytes).unwrap();
    restore(enc["id"].as_str().unwrap(), &key).stderr_has("decryption error");
    assert_eq!(p.sql(FINGERPRINT_SQL), before);

    // Truncated: the stream ends early.
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&artifact, &bytes).unwrap();
    restore(enc["id"].as_str().unwrap(), &key);
    assert_eq!(p.sql(FINGERPRINT_SQL), before);

    // Neither encrypted nor compressed, one title changed in place: the SQL stays valid and
    // complete, so only the manifest's sha256 can tell, and it does, before COMMIT.
    let plain = p.dbctl(0, ["backup", "--json", "--no-encryption", "--compression", "none"]).json();
    let artifact = dir.join(plain["artifact"].as_str().unwrap());
    let text = std::fs::read_to_string(&artifact).unwrap();
    let title = p.sql("SELECT title FROM issues ORDER BY number LIMIT 1").trim().to_string();
    let forged: String = title
        .chars()
        .map(|c| {
            if c == 'a' {
                'o'
            } else if c == 'e' {
                'a'
            } else {
                c
            }
        })
        .collect();
    assert_ne!(forged, title);
    std::fs::write(&artifact, text.replacen(&title, &forged, 1)).unwrap();
    p.sql("UPDATE issues SET title = title || '!' WHERE number = 2");
    let before = p.sql(FINGERPRINT_SQL);
    restore(plain["id"].as_str().unwrap(), &key).stderr_has("sha256").stderr_has("manifest says");
    assert_eq!(p.sql(FINGERPRINT_SQL), before);

    // A bare plain dump cut short (no manifest): the missing completion marker tells.
    let cut = p.path().join("cut.sql");
    std::fs::write(&cut, &text[..text.len() * 2 / 3]).unwrap();
    restore(cut.to_str().unwrap(), &key).stderr_has("completion marker");
    assert_eq!(p.sql(FINGERPRINT_SQL), before);
    // Cut inside a statement, which then fails: the cause named is still the cut.
    let mid = text.find("CREATE TABLE").expect("a CREATE TABLE in the dump") + "CREATE TABLE public.".len();
    std::fs::write(&cut, &text[..mid]).unwrap();
    restore(cut.to_str().unwrap(), &key)
        .stderr_has("completion marker")
        .stderr_has("its last statement failed");
    assert_eq!(p.sql(FINGERPRINT_SQL), before);
}

#[test]
fn files_made_by_the_stock_tools_restore_and_create_makes_the_target() {
    let p = seeded(Backend::Pg, "restore_interop");
    let (key, recipient) = age_key(p.path());
    let want = p.sql(FINGERPRINT_SQL);
    let file = p.path().join("stock.sql.gz.age");
    sh(&pg_env(&format!(
        "{}/pg_dump --no-password --dbname='{}' | gzip | age -r {recipient} > {}",
        crate::support::PG_BIN,
        p.url.replace(&format!(":{}@", crate::support::PG_PASSWORD), "@"),
        file.display()
    )));
    // A name that says nothing: recognised by content.
    let renamed = p.path().join("mystery.bin");
    std::fs::rename(&file, &renamed).unwrap();
    let name = format!("restore_created_{}", std::process::id());
    let target = pg().url(&name);
    p.cmd()
        .args(["restore", renamed.to_str().unwrap(), "--to", &target, "-i"])
        .args([&key])
        .code(1)
        .run()
        .stderr_has("does not exist")
        .stderr_has("--create");
    p.cmd()
        .args(["restore", renamed.to_str().unwrap(), "--to", &target, "--create", "-i"])
        .args([&key])
        .code(0)
        .run();
    assert_eq!(pg().psql(&name, FINGERPRINT_SQL), want);

    // A custom archive made by pg_dump -Fc (its own compression), zstd'ed and passphrase-encrypted by hand.
    let archive = p.path().join("stock.dump");
    sh(&pg_env(&format!(
        "{}/pg_dump --no-password -Fc --dbname='{}' > {}",
        crate::support::PG_BIN,
        p.url.replace(&format!(":{}@", crate::support::PG_PASSWORD), "@"),
        archive.display()
    )));
    let target = pg().create_database("restore_stock_custom");
    p.cmd().args(["restore", archive.to_str().unwrap(), "--to", &target]).code(0).run();
    assert_eq!(pg().psql(db_of(&target), FINGERPRINT_SQL), want);
}

#[test]
fn redis_keys_are_flushed_by_pattern_after_a_restore() {
    let p = seeded(Backend::Pg, "restore_redis");
    let redis = crate::support::redis();
    let cli = |args: &str| redis.cli(args);
    cli("SET rt:cache:1 a");
    cli("SET rt:cache:2 b");
    cli("SET rt:session:1 c");
    let m = p.dbctl(0, ["backup", "--json", "--no-encryption"]).json();
    let target = pg().create_database("restore_redis_target");
    let out = p
        .cmd()
        .args([
            "restore",
            m["id"].as_str().unwrap(),
            "--to",
            &target,
            "--flush-redis",
            "rt:cache:*",
            "--json",
        ])
        .env("REDIS_URL", redis.url())
        .code(0)
        .run();
    assert_eq!(out.json()["redis_keys_removed"], 2);
    assert_eq!(cli("EXISTS rt:cache:1 rt:cache:2 rt:session:1").trim(), "1");

    let flush = |args: &[&str]| {
        p.cmd()
            .args(["cache", "flush"])
            .args(args)
            .env("REDIS_URL", redis.url())
            .any_code("each call checks its exit code")
            .run()
    };
    flush(&["rt:session:*", "--dry-run"]).no_secrets().code(0).stdout_has("rt:session:*: 1 key match");
    assert_eq!(cli("EXISTS rt:session:1").trim(), "1");
    flush(&["rt:session:*"]).code(0).stdout_has("rt:session:*: 1 key removed");
    assert_eq!(cli("EXISTS rt:session:1").trim(), "0");
    let stats = p.cmd().args(["cache", "stats", "--json"]).env("REDIS_URL", redis.url()).code(0).run().json();
    assert!(stats["keys"].is_u64() && stats["redis_version"].as_str().unwrap().starts_with('7'), "{stats}");
    p.dbctl(2, ["cache", "stats"]).stderr_has("REDIS_URL");
}

#[test]
fn sqlite_restores_replace_the_file_atomically() {
    let p = seeded(Backend::Sqlite, "restore_sqlite");
    let (key, recipient) = age_key(p.path());
    let count = || p.sql("SELECT count(*) FROM issues").trim().to_string();
    let m = p.dbctl(0, ["backup", "--json", "--recipient", &recipient]).json();
    let id = m["id"].as_str().unwrap();
    p.sql("DELETE FROM issue_relations; DELETE FROM issue_labels; DELETE FROM issues;");
    p.cmd().args(["restore", id, "-i"]).args([&key]).code(1).run().stderr_has("not empty");
    assert_eq!(count(), "0");
    let out = p.cmd().args(["restore", id, "--clean", "-i"]).args([&key]).code(0).run();
    assert!(out.stderr.contains("safety backup"), "{}", out.stderr);
    assert_eq!(count(), "5");
    let leftovers: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("dbctl-restore"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A new file with --create; a damaged backup leaves the target as it was.
    let fresh = p.path().join("fresh.db");
    p.cmd()
        .args(["restore", id, "--to", fresh.to_str().unwrap(), "-i"])
        .args([&key])
        .code(1)
        .run()
        .stderr_has("--create");
    p.cmd()
        .args(["restore", id, "--to", fresh.to_str().unwrap(), "--create", "-i"])
        .args([&key])
        .code(0)
        .run();
    assert_eq!(sh(&format!("sqlite3 {} 'SELECT count(*) FROM users'", fresh.display())), "2\n");
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    let mut bytes = std::fs::read(&artifact).unwrap();
    bytes.truncate(bytes.len() - 10);
    std::fs::write(&artifact, &bytes).unwrap();
    p.sql("DELETE FROM sessions");
    let before = std::fs::read(p.sqlite_file()).unwrap();
    p.cmd().args(["restore", id, "--clean", "--no-safety-backup", "-i"]).args([&key]).code(1).run();
    assert_eq!(std::fs::read(p.sqlite_file()).unwrap(), before, "the target is byte for byte as it was");

    // A PostgreSQL dump is not restored into SQLite.
    let sql = p.path().join("x.sql");
    std::fs::write(&sql, "--\n-- PostgreSQL database dump\n--\nSELECT 1;\n").unwrap();
    p.dbctl(1, ["restore", sql.to_str().unwrap()]).stderr_has("is SQLite");

    // restore-test and --list.
    let m = p.dbctl(0, ["backup", "--json", "--no-encryption"]).json();
    p.dbctl(0, ["backup", "verify", "--restore-test", m["id"].as_str().unwrap()])
        .stdout_has("every table's row count matches the backup's record");
    p.dbctl(0, ["restore", m["id"].as_str().unwrap(), "--list"])
        .stdout_has("issues")
        .stdout_has("sqlite dump");
    // A difference in row counts fails the restore test, naming the table.
    let manifest =
        p.path().join("backups").join(format!("{}.manifest.json", m["artifact"].as_str().unwrap()));
    let mut recorded: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    recorded["tables"]["issues"]["rows"] = 99.into();
    std::fs::write(&manifest, serde_json::to_vec(&recorded).unwrap()).unwrap();
    p.dbctl(1, ["backup", "verify", "--restore-test", m["id"].as_str().unwrap()])
        .stdout_has("issues: 5 rows restored, the backup has 99");
}

#[test]
fn sigterm_stops_the_restore_before_its_commit() {
    let p = Project::new(Backend::Pg, "restore_sigterm");
    let target = pg().create_database("restore_sigterm_target");
    let db = db_of(&target).to_string();
    // psql sleeps on the second statement; the rows after it fill the pipe, so dbctl is still
    // streaming when the signal comes.
    let mut dump =
        String::from("CREATE TABLE t (x int);\nSELECT pg_sleep(20);\nCOPY public.t (x) FROM stdin;\n");
    dump.push_str(&"1\n".repeat(400_000));
    dump.push_str("\\.\n\n--\n-- PostgreSQL database dump complete\n--\n\n");
    let file = p.path().join("slow.sql");
    std::fs::write(&file, dump).unwrap();
    let child = p.cmd().args(["restore", file.to_str().unwrap(), "--to", &target]).spawn();
    pg().wait_for(
        &format!("SELECT count(*) FROM pg_stat_activity WHERE datname = '{db}' AND query LIKE '%pg_sleep%'"),
        "psql reaching the sleep",
    );
    sh(&format!("kill -TERM {}", child.id()));
    let out = crate::support::Outcome::from(child.wait_with_output().unwrap()).no_secrets();
    assert_eq!(out.code, 143, "128 + SIGTERM: {}", out.stderr);
    assert!(out.stderr.contains("interrupted by SIGTERM"), "{}", out.stderr);
    assert!(out.stderr.contains("stopped before its COMMIT"), "{}", out.stderr);
    // The server's side of the dead psql is still sleeping in its open transaction; end it.
    pg().psql(
        "postgres",
        &format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}'"),
    );
    assert_eq!(pg().psql(&db, "SELECT count(*) FROM pg_tables WHERE tablename = 't'"), "0\n");
}

#[test]
fn jobs_load_a_custom_archive_in_parallel_into_a_database_swapped_in_at_the_end() {
    let p = seeded(Backend::Pg, "restore_jobs");
    let (key, recipient) = age_key(p.path());
    let want = p.sql(FINGERPRINT_SQL);
    let custom = p.dbctl(0, ["backup", "--json", "--format", "custom", "--recipient", &recipient]).json();
    let plain = p.dbctl(0, ["backup", "--json", "--recipient", &recipient]).json();
    p.cmd()
        .args(["restore", plain["id"].as_str().unwrap(), "--jobs", "2", "--clean", "-i"])
        .args([&key])
        .code(2)
        .run()
        .stderr_has("--jobs is for pg_dump custom archives");
    p.sql("DELETE FROM issue_labels; UPDATE users SET email = 'x' || email;");
    let db = db_of(&p.url).to_string();
    let owner_before = pg()
        .psql("postgres", &format!("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{db}'"));
    let out = p
        .cmd()
        .args(["restore", custom["id"].as_str().unwrap(), "--jobs", "2", "--clean", "-i"])
        .args([&key])
        .code(0)
        .run();
    assert!(out.stderr.contains("safety backup"), "{}", out.stderr);
    assert_eq!(p.sql(FINGERPRINT_SQL), want);
    assert_eq!(p.sql("SELECT count(*) FROM issue_labels").trim(), "5");
    let leftovers =
        pg().psql("postgres", &format!("SELECT count(*) FROM pg_database WHERE datname LIKE '{db}_dbctl_%'"));
    assert_eq!(leftovers, "0\n", "neither the new nor the old database is left behind");
    assert_eq!(
        pg().psql(
            "postgres",
            &format!("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{db}'")
        ),
        owner_before
    );

    // Someone connected to the target: the swap is refused and the target stays as it was.
    p.sql("UPDATE issues SET title = 'kept'");
    let kept = p.sql(FINGERPRINT_SQL);
    let mut holder = pg().session(&db);
    holder.send("SELECT pg_sleep(30);");
    pg().wait_for(
        &format!("SELECT count(*) FROM pg_stat_activity WHERE datname = '{db}' AND query LIKE '%pg_sleep%'"),
        "the holding session",
    );
    p.cmd()
        .args([
            "restore",
            custom["id"].as_str().unwrap(),
            "--jobs",
            "2",
            "--clean",
            "--no-safety-backup",
            "-i",
        ])
        .args([&key])
        .code(1)
        .run()
        .stderr_has("stop the application's connections");
    drop(holder);
    pg().psql(
        "postgres",
        &format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}'"),
    );
    assert_eq!(p.sql(FINGERPRINT_SQL), kept);
    let leftovers =
        pg().psql("postgres", &format!("SELECT count(*) FROM pg_database WHERE datname LIKE '{db}_dbctl_%'"));
    assert_eq!(leftovers, "0\n");
}

/// `command` run by `script`, which gives it a terminal: what is written to the child's stdin is
/// typed there (Ctrl-C included).
fn on_a_terminal(p: &Project, command: &str, database_url: &std::ffi::OsStr) -> std::process::Child {
    std::process::Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .current_dir(p.path())
        .env("DATABASE_URL", database_url)
        .env("HOME", p.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script (apt-get install -y util-linux)")
}

#[test]
fn a_terminal_is_asked_for_the_passphrase_and_for_confirmation() {
    let p = seeded(Backend::Sqlite, "restore_tty");
    let pass = "typed at the terminal";
    let m = p.cmd().args(["backup", "--json"]).env("BACKUP_ENCRYPTION_KEY", pass).code(0).run().json();
    let id = m["id"].as_str().unwrap();
    // `script` gives dbctl a terminal; what is written to its stdin is typed there.
    let on_terminal = |typed: &str| {
        let command = format!("{} restore {id} --clean --no-safety-backup", env!("CARGO_BIN_EXE_dbctl"));
        let mut child = on_a_terminal(&p, &command, std::ffi::OsStr::new(&p.url));
        for line in typed.lines() {
            std::thread::sleep(std::time::Duration::from_millis(500));
            let stdin = child.stdin.as_mut().unwrap();
            std::io::Write::write_all(stdin, format!("{line}\n").as_bytes()).unwrap();
        }
        crate::support::Outcome::from(child.wait_with_output().unwrap())
    };
    p.sql("DELETE FROM sessions; DELETE FROM issue_relations;");
    let out = on_terminal(&format!("{pass}\nno"));
    assert!(
        out.stdout.contains("Passphrase for the backup:") && out.stdout.contains("Type `yes` to continue"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("not confirmed; nothing was changed"), "{}", out.stdout);
    assert!(!out.stdout.contains(pass), "the passphrase is not echoed: {}", out.stdout);
    assert_eq!(p.sql("SELECT count(*) FROM issue_relations").trim(), "0");
    let out = on_terminal(&format!("{pass}\nyes"));
    assert!(out.stdout.contains("restored "), "{}", out.stdout);
    assert!(!out.stdout.contains(pass), "{}", out.stdout);
    assert_eq!(p.sql("SELECT count(*) FROM issue_relations").trim(), "2");
}

/// A plain dump of `p`'s database as pg_dump writes it, and where its first statement starts.
fn stock_dump(p: &Project) -> String {
    sh(&pg_env(&format!(
        "{}/pg_dump --no-password --dbname='{}'",
        crate::support::PG_BIN,
        p.url.replace(&format!(":{}@", crate::support::PG_PASSWORD), "@")
    )))
}

/// `dump` with `extra` lines put before its first `CREATE TABLE`.
fn planted(dump: &str, extra: &str) -> String {
    let at = dump.find("\nCREATE TABLE").expect("the dump creates tables") + 1;
    format!("{}{extra}\n{}", &dump[..at], &dump[at..])
}

fn public_tables(db: &str) -> String {
    pg().psql(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").trim().to_string()
}

#[test]
fn psql_meta_commands_in_a_dump_are_refused_and_never_run() {
    let p = seeded(Backend::Pg, "restore_meta");
    let dump = stock_dump(&p);
    let owned = p.path().join("owned.txt");
    let o = owned.display();
    let script = p.path().join("more.sql");
    std::fs::write(&script, format!("\\! touch {o}\n")).unwrap();
    let metas = [
        format!("\\! touch {o}"),
        format!("\\o |touch {o}"),
        format!("\\copy (SELECT 1) TO PROGRAM 'touch {o}'"),
        "\\setenv PAGER 'touch /tmp/x'".to_string(),
        format!("\\i {}", script.display()),
        "\\c postgres".to_string(),
        format!("  \\! touch {o}"),
    ];
    for (i, meta) in metas.iter().enumerate() {
        let file = p.path().join(format!("hostile-{i}.sql"));
        std::fs::write(&file, planted(&dump, meta)).unwrap();
        let target = pg().create_database(&format!("restore_meta_{i}"));
        let out = p.cmd().args(["restore", file.to_str().unwrap(), "--to", &target]).code(1).run();
        out.stderr_has("psql meta-command").stderr_has("line ");
        assert!(!owned.exists(), "{meta} ran on the host");
        assert_eq!(public_tables(db_of(&target)), "0", "{meta}: nothing stays in the target");
    }
    // pg_dump's own \restrict lines are not meta-commands to refuse, and a statement that holds a
    // backslash reaches the server as SQL, which refuses it.
    let file = p.path().join("inline.sql");
    std::fs::write(&file, planted(&dump, &format!("SELECT 1 \\! touch {o}\n;"))).unwrap();
    let target = pg().create_database("restore_meta_inline");
    p.cmd()
        .args(["restore", file.to_str().unwrap(), "--to", &target])
        .code(1)
        .run()
        .stderr_has("syntax error");
    assert!(!owned.exists());
    assert!(dump.contains("\\restrict "), "pg_dump writes \\restrict lines");
    let target = pg().create_database("restore_meta_stock");
    let file = p.path().join("stock.sql");
    std::fs::write(&file, &dump).unwrap();
    p.cmd().args(["restore", file.to_str().unwrap(), "--to", &target]).code(0).run();
    assert_eq!(pg().psql(db_of(&target), FINGERPRINT_SQL), p.sql(FINGERPRINT_SQL));
}

#[test]
fn nothing_in_a_dump_ends_the_restores_transaction() {
    let p = seeded(Backend::Pg, "restore_commit");
    let dump = stock_dump(&p);
    let original = p.sql(FINGERPRINT_SQL);
    // COMMIT mid-file, then a failure: before, the COMMIT kept the --clean drop and the planted
    // table while dbctl said the target was left as it was.
    let file = p.path().join("commit.sql");
    std::fs::write(
        &file,
        planted(&dump, "CREATE TABLE public.planted (x int);\nCOMMIT;\nSELECT public.no_such_function();"),
    )
    .unwrap();
    p.cmd()
        .args(["restore", file.to_str().unwrap(), "--clean", "--yes", "--no-safety-backup"])
        .code(1)
        .run()
        .stderr_has("no_such_function")
        .stderr_has("left as it was");
    assert_eq!(p.sql(FINGERPRINT_SQL), original, "the drop of --clean was rolled back");
    assert_eq!(p.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'planted'").trim(), "0");

    for (i, end) in ["ROLLBACK;", "abort;", "PREPARE TRANSACTION 'x';", "END; ROLLBACK;"].iter().enumerate() {
        let file = p.path().join(format!("end-{i}.sql"));
        std::fs::write(&file, planted(&dump, end)).unwrap();
        p.cmd()
            .args(["restore", file.to_str().unwrap(), "--clean", "--yes", "--no-safety-backup"])
            .code(1)
            .run()
            .stderr_has("refused");
        assert_eq!(p.sql(FINGERPRINT_SQL), original, "{end}");
    }
    // Copies from or to the server's files and programs are no dump's.
    let file = p.path().join("program.sql");
    std::fs::write(&file, planted(&dump, "COPY (SELECT 1) TO PROGRAM 'true';")).unwrap();
    let target = pg().create_database("restore_commit_program");
    p.cmd()
        .args(["restore", file.to_str().unwrap(), "--to", &target])
        .code(1)
        .run()
        .stderr_has("programs on the database server");

    // pg_dump brackets large objects with BEGIN/COMMIT: they load inside the one transaction.
    p.sql("SELECT lo_from_bytea(4242, 'hello large object')");
    let dump = stock_dump(&p);
    assert!(dump.contains("\nBEGIN;\n") && dump.contains("\nCOMMIT;\n"), "pg_dump brackets large objects");
    let file = p.path().join("blobs.sql");
    std::fs::write(&file, &dump).unwrap();
    let target = pg().create_database("restore_commit_blobs");
    p.cmd().args(["restore", file.to_str().unwrap(), "--to", &target]).code(0).run();
    assert_eq!(
        pg().psql(db_of(&target), "SELECT convert_from(lo_get(4242), 'UTF8')").trim(),
        "hello large object"
    );
}

#[test]
fn a_planted_backup_with_a_matching_manifest_runs_nothing_in_verify() {
    let p = seeded(Backend::Pg, "restore_planted_verify");
    let m = p.dbctl(0, ["backup", "--json", "--compression", "none", "--no-encryption"]).json();
    let artifact = p.path().join("backups").join(m["artifact"].as_str().unwrap());
    let owned = p.path().join("owned-by-verify.txt");
    let text =
        planted(&std::fs::read_to_string(&artifact).unwrap(), &format!("\\! touch {}", owned.display()));
    std::fs::write(&artifact, &text).unwrap();
    // The adversary rewrites the manifest to match.
    let manifest_path =
        p.path().join("backups").join(format!("{}.manifest.json", m["artifact"].as_str().unwrap()));
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    let sha = sh(&format!("sha256sum {}", artifact.display()));
    doc["sha256"] = sha.split_whitespace().next().unwrap().into();
    doc["stored_bytes"] = (text.len() as u64).into();
    doc["uncompressed_bytes"] = (text.len() as u64).into();
    std::fs::write(&manifest_path, serde_json::to_vec(&doc).unwrap()).unwrap();
    p.dbctl(1, ["backup", "verify", m["id"].as_str().unwrap(), "--restore-test"])
        .stdout_has("psql meta-command");
    assert!(!owned.exists(), "the restore test ran a meta-command");
}

#[test]
fn a_decompression_bomb_is_stopped_before_it_fills_the_disk() {
    let p = Project::new(Backend::Sqlite, "restore_bomb");
    let bomb = p.path().join("bomb.sqlite3.gz");
    sh(&format!("(printf 'SQLite format 3\\000'; head -c 100M /dev/zero) | gzip -9 > {}", bomb.display()));
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20);
    let tmp = p.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    p.cmd()
        .args(["restore", bomb.to_str().unwrap(), "--list"])
        .env("TMPDIR", &tmp)
        .code(1)
        .run()
        .stderr_has("decompression bomb");
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0, "nothing is left in the temporary directory");
    let target = p.path().join("target.sqlite3");
    p.cmd()
        .args(["restore", bomb.to_str().unwrap(), "--to", target.to_str().unwrap(), "--create"])
        .code(1)
        .run()
        .stderr_has("decompression bomb");
    let left: Vec<_> = std::fs::read_dir(p.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|n| n.to_string_lossy().contains("dbctl-restore")), "{left:?}");
}

#[test]
fn an_unencrypted_file_needs_consent_where_backups_are_encrypted() {
    let p = seeded(Backend::Pg, "restore_unencrypted");
    let file = p.path().join("planted.sql");
    std::fs::write(&file, stock_dump(&p)).unwrap();
    let target = pg().create_database("restore_unencrypted_target");
    p.cmd()
        .args(["restore", file.to_str().unwrap(), "--to", &target])
        .env("BACKUP_ENCRYPTION_KEY", "a configured passphrase")
        .code(2)
        .run()
        .stderr_has("is not encrypted, but encryption is configured")
        .stderr_has("--allow-unencrypted");
    assert_eq!(public_tables(db_of(&target)), "0");
    p.cmd()
        .args(["restore", file.to_str().unwrap(), "--to", &target, "--allow-unencrypted"])
        .env("BACKUP_ENCRYPTION_KEY", "a configured passphrase")
        .code(0)
        .run();
    // Without encryption configured, nothing changes.
    let other = pg().create_database("restore_unencrypted_plain");
    p.cmd().args(["restore", file.to_str().unwrap(), "--to", &other]).code(0).run();
}

#[test]
fn encryption_turned_off_with_a_key_set_restores_what_backup_made() {
    // The key stays set (it decrypts older backups) while new ones are made in the clear: backup
    // and restore read the same decision, so restore does not call its own backups planted.
    let p = seeded(Backend::Sqlite, "restore_encryption_off");
    let key = "a configured passphrase, long enough";
    let run = |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("BACKUP_ENCRYPTION_KEY", key)
            .env("BACKUP_ENCRYPTION", "none")
            .any_code("each call checks its exit code")
            .run()
    };
    run(&["backup"]).code(0);
    let made = visible(&stored(&p)).into_iter().find(|n| !n.ends_with(".json")).unwrap().clone();
    assert!(!made.ends_with(".age"), "{made}");
    let target = p.path().join("copy.sqlite3");
    run(&["restore", "latest", "--to", target.to_str().unwrap(), "--create"]).code(0);
    let rows = sh(&format!("sqlite3 {} 'SELECT count(*) FROM users'", target.display()));
    assert_eq!(rows.trim(), p.sql("SELECT count(*) FROM users").trim());
}

#[test]
fn protected_profiles_guard_the_cache_and_ctrl_c_at_a_prompt_aborts() {
    let p = seeded(Backend::Sqlite, "restore_guards");
    let redis = crate::support::redis();
    redis.cli("SET guard:one 1");
    std::fs::write(p.path().join("dbctl.toml"), "[env.production]\nprotected = true\n").unwrap();
    let flush = |args: &[&str]| {
        p.cmd()
            .args(["--env", "production", "cache", "flush", "guard:*"])
            .args(args)
            .env("REDIS_URL", redis.url())
            .any_code("each call checks its exit code")
            .run()
    };
    flush(&[]).no_secrets().code(2).stderr_has("profile `production` is protected");
    assert_eq!(redis.cli("EXISTS guard:one").trim(), "1", "nothing was removed");
    flush(&["--dry-run"]).code(0);
    flush(&["--yes"]).code(0).stdout_has("1 key removed");

    // Ctrl-C at the confirmation of a restore (signals are caught there to stop children
    // cleanly): the prompt ends at once, with 130, and nothing is changed.
    let m = p.dbctl(0, ["backup", "--json"]).json();
    let command = format!(
        "{} restore {} --clean --no-safety-backup",
        env!("CARGO_BIN_EXE_dbctl"),
        m["id"].as_str().unwrap()
    );
    let mut child = on_a_terminal(&p, &command, p.sqlite_file().as_os_str());
    std::thread::sleep(std::time::Duration::from_millis(1500));
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), b"\x03").unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("the prompt ended").unwrap();
    let out = crate::support::Outcome::from(out);
    assert!(out.stdout.contains("Type `yes` to continue"), "{}", out.stdout);
    assert_eq!(out.code, 130, "{}", out.stdout);
}

#[test]
fn a_restore_says_what_it_waits_for_and_prints_an_undo_that_runs() {
    let p = seeded(Backend::Pg, "restore_waits");
    let (key, recipient) = age_key(p.path());
    // A key whose path a shell must be given quoted.
    let key = {
        let hostile = p.path().join("it's a key.txt");
        std::fs::rename(&key, &hostile).unwrap();
        hostile
    };
    let m = p.dbctl(0, ["backup", "--json", "--recipient", &recipient]).json();
    let id = m["id"].as_str().unwrap();
    let db = db_of(&p.url).to_string();
    let target = p.url.clone();
    // The application's open transaction holds a lock on a table that --clean drops.
    let mut app = pg().session(&db);
    app.send("BEGIN; LOCK TABLE issues IN ACCESS SHARE MODE;");
    pg().wait_for(
        &format!(
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = '{db}' \
             AND l.locktype = 'relation' AND l.mode = 'AccessShareLock' AND l.granted"
        ),
        "the application's lock",
    );
    let restore = |extra: &[&str]| {
        p.cmd()
            .args(["restore", id, "--clean", "--yes", "--to", &target, "-i"])
            .args([&key])
            .args(extra)
            .env("BACKUP_RECIPIENTS", &recipient)
            .any_code("each call checks its exit code")
            .run()
    };
    let out = restore(&["--lock-timeout", "2s"]).code(1);
    let out = out.stderr_has("other sessions use the target").stderr_has("lock timeout");
    out.stderr_has("stop the application, or raise --lock-timeout");
    drop(app);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let out = restore(&[]).code(0);
    let undo =
        out.stderr.lines().find_map(|l| l.split_once("to undo the restore: ")).map(|(_, c)| c.to_string());
    let undo = undo.unwrap_or_else(|| panic!("no undo command: {}", out.stderr));
    assert!(undo.contains("-i '") && undo.contains("it'\\''s a key.txt") && !undo.contains("URL"), "{undo}");
    // As printed, by a shell, with the password from the environment.
    let bin = p.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_dbctl"), bin.join("dbctl")).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = std::process::Command::new("sh")
        .args(["-c", &format!("{undo} --yes --no-safety-backup")])
        .current_dir(p.path())
        .env_clear()
        .env("PATH", path)
        .env("HOME", p.path())
        .env("PGPASSWORD", crate::support::PG_PASSWORD)
        .env("BACKUP_RECIPIENTS", &recipient)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    crate::support::Outcome::from(out).code(0);
}

/// Names of the files beside the project's SQLite database that a restore or backup left.
fn copies_beside(p: &Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".app.db.dbctl-"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_killed_sqlite_restore_leaves_a_private_copy_the_next_run_removes() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new(Backend::Sqlite, "restore_sqlite_killed");
    p.sql(
        "CREATE TABLE big (b blob); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n \
         WHERE i < 16) INSERT INTO big SELECT randomblob(1048576) FROM n",
    );
    let m = p.dbctl(0, ["backup", "--json", "--no-encryption"]).json();
    let id = m["id"].as_str().unwrap().to_string();
    let child = p.cmd().args(["restore", &id, "--clean", "--no-safety-backup"]).spawn();
    // Killed (SIGKILL: nothing can clean up) as soon as its copy appears.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while copies_beside(&p).is_empty() {
        assert!(std::time::Instant::now() < deadline, "the restore never started its copy");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    sh(&format!("kill -9 {}", child.id()));
    let _ = child.wait_with_output();
    let left = copies_beside(&p);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(".app.db.dbctl-restore-"), "{left:?}");
    let mode = std::fs::metadata(p.path().join(&left[0])).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the partial copy is private");

    // Not dbctl's, or held by a running process: never listed, never removed.
    std::fs::write(p.path().join(".app.db.dbctl-restore-notes.txt"), "mine").unwrap();
    let held = p.path().join(".app.db.dbctl-restore-Held01");
    std::fs::write(&held, "").unwrap();
    let mut holder = std::process::Command::new("flock")
        .args([held.to_str().unwrap(), "sleep", "60"])
        .spawn()
        .expect("flock (util-linux)");
    while sh(&format!("flock -n {} true || echo held", held.display())).trim() != "held" {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }

    // prune --orphans sees the leftover …
    let dry = p
        .dbctl(0, ["backup", "prune", "--orphans", "--dry-run"])
        .stdout_has(&format!("would remove {}", p.path().join(&left[0]).display()))
        .stdout_has("partial copy of an interrupted restore");
    assert!(!dry.stdout.contains("notes.txt") && !dry.stdout.contains("Held01"), "{}", dry.stdout);
    // … and the next restore removes it, says so, and restores.
    let out = p.dbctl(0, ["restore", &id, "--clean", "--no-safety-backup"]);
    out.stderr_has(&format!("removed {}", p.path().join(&left[0]).display()));
    assert_eq!(p.sql("SELECT count(*) FROM big").trim(), "16");
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(copies_beside(&p), [".app.db.dbctl-restore-Held01", ".app.db.dbctl-restore-notes.txt"]);
}

/// pg_dump's output without its `\restrict` fences, whose key is new at every run.
fn comparable(dump: &str) -> String {
    dump.lines()
        .filter(|l| !l.starts_with("\\restrict") && !l.starts_with("\\unrestrict"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The hostile dump corpus (`tests/hostile/dumps/`): each planted text tries to end the restore's
/// transaction, to slip a second statement past the loader, or to run a program. `restore
/// --clean` fails naming a line, runs nothing on any host, and leaves the database exactly as it
/// was (pg_dump before and after).
#[test]
fn the_hostile_dump_corpus_changes_nothing() {
    let p = seeded(Backend::Pg, "restore_corpus");
    let dump = stock_dump(&p);
    let before = comparable(&dump);
    // Where the database server (as the postgres user) could write, were a program run.
    let owned = std::env::temp_dir().join(format!("dbctl-owned-by-corpus-{}", std::process::id()));
    let _ = std::fs::remove_file(&owned);
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/dumps");
    let mut entries: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 16, "the corpus: {entries:?}");
    for entry in entries {
        let text = std::fs::read_to_string(&entry).unwrap().replace("@OWNED@", &owned.display().to_string());
        let file = p.path().join("hostile.sql");
        std::fs::write(&file, planted(&dump, &format!("{text}SELECT public.no_such_function();"))).unwrap();
        let out = p
            .cmd()
            .args(["restore", file.to_str().unwrap(), "--clean", "--yes", "--no-safety-backup"])
            .code(1)
            .run();
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        assert!(out.stderr.contains("line "), "{name} names the line: {}", out.stderr);
        assert!(!owned.exists(), "{name} ran a program");
        assert!(comparable(&stock_dump(&p)) == before, "{name} changed the database");
    }
}

/// A backup's globals part replaced by an adversary (the manifest rewritten to match): roles that
/// exist stay exactly as they were, a role the part creates gets no SUPERUSER, BYPASSRLS or
/// predefined role, and a statement pg_dumpall never writes fails the restore before any role is
/// made.
#[test]
fn a_planted_globals_part_changes_no_existing_role() {
    let p = seeded(Backend::Pg, "restore_globals_hostile");
    pg().psql(
        "postgres",
        "DO $$ BEGIN CREATE ROLE victim_g LOGIN PASSWORD 'victim-Pw-1'; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    );
    let m = p.dbctl(0, ["backup", "--globals", "--json", "--compression", "none", "--no-encryption"]).json();
    let dir = p.path().join("backups");
    let part = m["parts"].as_array().unwrap().iter().position(|x| x["kind"] == "globals").unwrap();
    let manifest_path = dir.join(format!("{}.manifest.json", m["artifact"].as_str().unwrap()));
    let plant = |text: &str| {
        let mut doc: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
        let name = doc["parts"][part]["name"].as_str().unwrap().to_string();
        std::fs::write(dir.join(&name), text).unwrap();
        let sum = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(text.as_bytes()));
        doc["parts"][part]["sha256"] = sum.into();
        doc["parts"][part]["stored_bytes"] = text.len().into();
        doc["parts"][part]["uncompressed_bytes"] = text.len().into();
        std::fs::write(&manifest_path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    };
    let victim = || {
        pg().psql(
            "postgres",
            "SELECT rolsuper || ' ' || rolbypassrls || ' ' || rolpassword || ' ' \
             || coalesce((SELECT array_to_string(rolconfig, ',') FROM pg_roles WHERE rolname = 'victim_g'), '') \
             || ' ' || (SELECT count(*) FROM pg_auth_members WHERE member = r.oid OR roleid = r.oid) \
             FROM pg_authid r WHERE rolname = 'victim_g'",
        )
    };
    let before = victim();
    plant(
        "SET default_transaction_read_only = off;\nCREATE ROLE victim_g;\n\
         ALTER ROLE victim_g WITH SUPERUSER LOGIN PASSWORD 'owned-by-the-part';\nALTER ROLE victim_g SET search_path TO evil;\n\
         CREATE ROLE newcomer_g;\nALTER ROLE newcomer_g WITH SUPERUSER LOGIN BYPASSRLS;\n\
         GRANT pg_execute_server_program TO newcomer_g;\nGRANT victim_g TO newcomer_g;\nGRANT newcomer_g TO victim_g;\n",
    );
    let target = pg().create_database("restore_globals_hostile_new");
    let out = p.cmd().args(["restore", "latest", "--to", &target, "--globals"]).code(0).run();
    assert_eq!(victim(), before, "the existing role is as it was");
    assert_eq!(
        pg().psql(
            "postgres",
            "SELECT rolsuper || ' ' || rolbypassrls || ' ' || rolcanlogin || ' ' || pg_has_role('newcomer_g', 'pg_execute_server_program', 'MEMBER') \
             FROM pg_roles WHERE rolname = 'newcomer_g'"
        )
        .trim(),
        "false false true false"
    );
    for said in [
        "created without SUPERUSER",
        "created without BYPASSRLS",
        "predefined roles are granted by hand",
        "existed before",
    ] {
        assert!(out.stderr.contains(said), "{said}: {}", out.stderr);
    }
    // A statement pg_dumpall never writes: refused before any role is made.
    plant("CREATE ROLE another_g;\nALTER ROLE CURRENT_USER WITH PASSWORD 'x';\n");
    let target = pg().create_database("restore_globals_hostile_refused");
    let out = p.cmd().args(["restore", "latest", "--to", &target, "--globals"]).code(1).run();
    assert!(out.stderr.contains("line 2 is not a statement dbctl restores"), "{}", out.stderr);
    assert_eq!(
        pg().psql("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = 'another_g'").trim(),
        "0"
    );
}

/// The server stopped in the middle of a restore: said as a lost connection (not as a fault of the
/// statement it was running), exit 1.
#[test]
fn a_server_stopped_mid_restore_is_a_lost_connection() {
    let p = seeded(Backend::Pg, "restore_server_gone");
    let dump = stock_dump(&p);
    let file = p.path().join("slow.sql");
    std::fs::write(&file, planted(&dump, "SELECT pg_sleep(5);")).unwrap();
    let cluster = crate::support::PgCluster::init(crate::support::free_port());
    cluster.start();
    cluster.psql("postgres", "CREATE DATABASE target");
    let child = p.cmd().args(["restore", file.to_str().unwrap(), "--to", &cluster.url("target")]).spawn();
    // Stopped while the restore sleeps in it.
    cluster.wait_for(
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(5)%'",
        "the restore's sleep",
    );
    cluster.stop();
    let out = crate::support::Outcome::from(child.wait_with_output().unwrap()).no_secrets();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("the connection to the server was lost"), "{}", out.stderr);
    assert!(!out.stderr.contains("invalid socket"), "{}", out.stderr);
}
