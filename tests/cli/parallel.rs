//! `backup --jobs N` on one PostgreSQL database: one snapshot, several pg_dump processes, a dump
//! in parts that dbctl restores in one transaction and the stock tools load in the manifest's
//! order; a part that fails leaves no backup, a part changed fails the restore.

use std::process::Command;

use crate::support::fixtures::age_key;
use crate::support::{Backend, Project, pg};

/// A database with two tables large enough for parts of their own (with a foreign key between
/// them), small ones, a sequence, an index and a large object.
fn shop(name: &str) -> Project {
    let p = Project::new(Backend::Pg, name);
    p.migration(
        "2026-01-01-000001_shop",
        "CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, bio text);\n\
         CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, total numeric(10,2), note text);\n\
         CREATE INDEX orders_customer ON orders (customer_id);\n\
         CREATE TABLE settings (key text PRIMARY KEY, value text);\n\
         CREATE TABLE \"Audit Log\" (at timestamptz DEFAULT now(), what text);\n\
         CREATE TABLE events (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);\n\
         CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n\
         CREATE INDEX events_at ON events (at);\n\
         ALTER TABLE events ADD PRIMARY KEY (id, at);",
        None,
        None,
    );
    p.dbctl(0, ["migrate"]);
    p.sql(
        "INSERT INTO customers (name, bio) SELECT 'c' || g, repeat(md5(g::text), 4) FROM generate_series(1, 12000) g;\n\
         INSERT INTO orders (customer_id, total, note) SELECT 1 + g % 12000, g % 997, md5(g::text) FROM generate_series(1, 40000) g;\n\
         INSERT INTO settings VALUES ('mode', 'live'), ('tab', E'a\\tb');\n\
         INSERT INTO \"Audit Log\" (what) VALUES ('made');\n\
         INSERT INTO events SELECT g, date '2026-01-01' + g % 300 FROM generate_series(1, 500) g;\n\
         SELECT lo_from_bytea(4242, 'a large object');\n\
         ANALYZE;",
    );
    p
}

/// What must come back: rows, the sequence, the large object, the schema.
fn fingerprint(db: &str) -> String {
    let facts = pg().psql(
        db,
        "SELECT (SELECT count(*) FROM customers) || ' ' || (SELECT count(*) FROM orders) || ' ' || \
         (SELECT sum(total) FROM orders) || ' ' || (SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM settings) || ' ' || \
         (SELECT count(*) FROM \"Audit Log\") || ' ' || (SELECT count(*) FROM events) || ' ' || (SELECT last_value FROM orders_id_seq) || ' ' || \
         (SELECT encode(lo_get(4242), 'escape'))",
    );
    format!("{}\n{}", facts.trim(), pg().schema(db, &[]))
}

fn db_of(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_string()
}

#[test]
fn a_dump_in_parts_restores_in_one_transaction_and_loads_with_the_stock_tools() {
    let p = shop("parallel_roundtrip");
    let (key, recipient) = age_key(p.path());
    let m = p
        .cmd()
        .args(["backup", "--jobs", "2", "--compression", "zstd", "--json"])
        .env("BACKUP_ENCRYPTION_KEY", &recipient)
        .code(0)
        .run()
        .json();
    // In parts (format 2), age files summed as header and payload (format 3).
    assert_eq!(m["format_version"], 3, "{m:#}");
    let parts = m["parts"].as_array().unwrap();
    let kinds: Vec<(&str, Option<&str>)> =
        parts.iter().map(|p| (p["kind"].as_str().unwrap(), p["table"].as_str())).collect();
    // The two large tables are cut into ranges of their pages (parts of dbctl's own COPY), the
    // others share a part, the post-data comes last.
    let count = |t: &str| kinds.iter().filter(|k| **k == ("data", Some(t))).count();
    assert!(count("public.orders") >= 2 && count("public.customers") >= 2, "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| **k == ("data", None)).count(), 1, "{kinds:?}");
    assert_eq!(kinds.last(), Some(&("post-data", None)), "{kinds:?}");
    let n = parts.len();
    assert!(m["artifact"].as_str().unwrap().ends_with(".sql.zst.age"), "{m:#}");
    assert!(parts[0]["name"].as_str().unwrap().contains(".data-0001.sql.zst.age"), "{m:#}");
    // The rows of every table, from every part.
    assert_eq!(m["tables"]["public.orders"]["rows"], 40000, "{m:#}");
    assert_eq!(m["tables"]["public.settings"]["rows"], 2, "{m:#}");
    let source = fingerprint(&db_of(&p.url));

    // dbctl restores it (into an empty database) in one transaction.
    let target = pg().create_database("parallel_restored");
    p.cmd()
        .args(["restore", "latest", "--to", &target, "-i"])
        .arg(&key)
        .env("BACKUP_ENCRYPTION_KEY", &recipient)
        .code(0)
        .run();
    assert_eq!(fingerprint(&db_of(&target)), source);
    // With --jobs: its parts loaded by two connections into a new database, swapped in.
    let swapped = pg().create_database("parallel_swapped");
    let done = p
        .cmd()
        .args(["restore", "latest", "--jobs", "2", "--json", "--to", &swapped, "-i"])
        .arg(&key)
        .env("BACKUP_ENCRYPTION_KEY", &recipient)
        .code(0)
        .run()
        .json();
    assert_eq!(fingerprint(&db_of(&swapped)), source);
    // Its rows, counted over the ranges each large table was cut in.
    assert_eq!(done["tables"]["public.orders"]["rows"], 40000, "{done:#}");
    p.cmd()
        .args(["backup", "verify", "latest", "-i"])
        .arg(&key)
        .code(0)
        .run()
        .stdout_has(&format!("{n} more {}", dbctl::text::plural(n, "part")));
    p.dbctl(0, ["backup", "verify", "latest"])
        .stdout_has(&format!("with {n} more {}; pass --identity", dbctl::text::plural(n, "part")));

    // The stock tools: each object decrypted, decompressed and loaded by psql, in the manifest's
    // order (the artifact, then the parts).
    let stock = pg().create_database("parallel_stock");
    let dir = p.path().join("backups");
    let mut order = vec![m["artifact"].as_str().unwrap().to_string()];
    order.extend(parts.iter().map(|p| p["name"].as_str().unwrap().to_string()));
    for name in &order {
        let script = format!(
            "age -d -i '{}' '{}' | zstd -dc | psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p {} -U postgres -d {} >/dev/null",
            key.display(),
            dir.join(name).display(),
            pg().port,
            db_of(&stock)
        );
        let out = Command::new("sh")
            .arg("-c")
            .arg(&script)
            .env("PGPASSWORD", crate::support::PG_PASSWORD)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(fingerprint(&db_of(&stock)), source);

    // Rekeyed: every part's header replaced, and the whole backup restored with the new key.
    let new_dir = p.path().join("new-key");
    std::fs::create_dir(&new_dir).unwrap();
    let (new_key, new) = age_key(&new_dir);
    let done = p
        .cmd()
        .args(["--json", "backup", "rekey", "latest", "-i"])
        .arg(&key)
        .args(["--recipient", &new])
        .code(0)
        .run()
        .json();
    assert_eq!(done["rekeyed"][0]["objects"], n + 1, "{done:#}");
    let rekeyed = pg().create_database("parallel_rekeyed");
    p.cmd().args(["restore", "latest", "--jobs", "2", "--to", &rekeyed, "-i"]).arg(&new_key).code(0).run();
    assert_eq!(fingerprint(&db_of(&rekeyed)), source);
}

#[test]
fn a_part_that_fails_leaves_no_backup_and_a_changed_part_fails_the_restore() {
    let p = shop("parallel_failing");
    // A role that may read every table but settings: the part of the small tables fails (pg_dump's
    // own error), while the others run.
    let db = db_of(&p.url);
    pg().psql(&db, "CREATE ROLE parallel_reader LOGIN PASSWORD 'reader-pw'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO parallel_reader; GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO parallel_reader; REVOKE SELECT ON settings FROM parallel_reader; GRANT SELECT ON pg_largeobject TO parallel_reader; ALTER LARGE OBJECT 4242 OWNER TO parallel_reader");
    let reader = format!("postgres://parallel_reader:reader-pw@127.0.0.1:{}/{db}", pg().port);
    let out = p
        .cmd()
        .env("DATABASE_URL", &reader)
        .args(["backup", "--jobs", "2", "--no-encryption"])
        .code(1)
        .allow_secrets("the reader's URL is the test's own")
        .run();
    // Whichever pg_dump meets the table first says so (each locks every table it dumps): the
    // part of the small tables, or the pre-data's.
    assert!(
        out.stderr.contains("making the part") && out.stderr.contains("permission denied for table settings"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing was stored"), "{}", out.stderr);
    let left: Vec<_> = std::fs::read_dir(p.path().join("backups"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name()).filter(|n| !n.to_string_lossy().starts_with('.')).collect()
        })
        .unwrap_or_default();
    assert!(left.is_empty(), "no part of the failed backup stays: {left:?}");
    p.dbctl(0, ["backup", "list"]).stdout_has("no backups");
    // What a killed run of a dump in parts leaves (parts without a manifest) are orphans.
    let dir = p.path().join("backups");
    std::fs::create_dir_all(&dir).unwrap();
    for part in
        ["app-20200101T000000Z-abcdef.data-0001.sql.zst", "app-20200101T000000Z-abcdef.post-data.sql.zst"]
    {
        std::fs::write(dir.join(part), b"x").unwrap();
    }
    std::fs::write(dir.join("app-20200101T000000Z-abcdef.data-01.sql.zst"), b"not ours").unwrap();
    let orphans = p.dbctl(0, ["backup", "prune", "--orphans", "--dry-run"]);
    let orphans = orphans.stdout_has("data-0001.sql.zst").stdout_has("post-data.sql.zst");
    assert!(!orphans.stdout.contains("data-01.sql"), "{}", orphans.stdout);
    p.dbctl(0, ["backup", "prune", "--orphans"]);
    assert!(dir.join("app-20200101T000000Z-abcdef.data-01.sql.zst").exists());
    assert!(!dir.join("app-20200101T000000Z-abcdef.post-data.sql.zst").exists());
    std::fs::remove_file(dir.join("app-20200101T000000Z-abcdef.data-01.sql.zst")).unwrap();

    // A part changed after the backup: the restore fails before its COMMIT, the target untouched.
    let m =
        p.dbctl(0, ["backup", "--jobs", "2", "--no-encryption", "--compression", "none", "--json"]).json();
    let part = p.path().join("backups").join(m["parts"][1]["name"].as_str().unwrap());
    let mut bytes = std::fs::read(&part).unwrap();
    let at = bytes.len() / 2;
    bytes[at] = if bytes[at] == b'7' { b'8' } else { b'7' };
    std::fs::write(&part, bytes).unwrap();
    p.dbctl(1, ["backup", "verify", "latest"]).stdout_has("sha256");
    let target = pg().create_database("parallel_changed");
    let failed = p.cmd().args(["restore", "latest", "--to", &target]).code(1).run();
    assert!(failed.stderr.contains("sha256"), "{}", failed.stderr);
    assert_eq!(
        pg().psql(&db_of(&target), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").trim(),
        "0"
    );
    // The same in parallel: the new database is dropped, the target untouched.
    pg().psql(&db_of(&target), "CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)");
    let failed = p
        .cmd()
        .args(["restore", "latest", "--jobs", "2", "--clean", "--yes", "--no-safety-backup", "--to", &target])
        .code(1)
        .run();
    assert!(failed.stderr.contains("sha256"), "{}", failed.stderr);
    assert!(failed.stderr.contains("was left as it was"), "{}", failed.stderr);
    assert_eq!(pg().psql(&db_of(&target), "SELECT x FROM kept").trim(), "7");
    assert_eq!(
        pg().psql(
            "postgres",
            "SELECT count(*) FROM pg_database WHERE datname LIKE '%parallel_changed_dbctl_new%'"
        )
        .trim(),
        "0"
    );
}

/// Rows of large values (TOAST) and large objects of several MiB through a dump in parts and both
/// restores: the same bytes come back.
#[test]
fn large_values_and_large_objects_go_through_both_paths() {
    let p = Project::new(Backend::Pg, "parallel_large_values");
    p.migration(
        "2026-01-01-000001_files",
        "CREATE TABLE files (id int PRIMARY KEY, body bytea);",
        None,
        None,
    );
    p.dbctl(0, ["migrate"]);
    // Random bytes do not compress: each value stays as large as it is.
    p.sql(
        "INSERT INTO files SELECT g, (SELECT string_agg(decode(md5(random()::text || i), 'hex'), '') \
         FROM generate_series(1, 4 * 65536) i) FROM generate_series(1, 3) g;\n\
         SELECT lo_from_bytea(777, (SELECT string_agg(decode(md5(random()::text || i), 'hex'), '') FROM generate_series(1, 3 * 65536) i));",
    );
    let sums = |db: &str| {
        pg().psql(
            db,
            "SELECT (SELECT string_agg(id || ':' || md5(body), ',' ORDER BY id) FROM files) || ' ' || md5(lo_get(777))",
        )
    };
    let source = sums(&db_of(&p.url));
    let m =
        p.dbctl(0, ["backup", "--jobs", "2", "--no-encryption", "--compression", "zstd", "--json"]).json();
    assert!(m["parts"].as_array().unwrap().iter().any(|p| p["table"] == "public.files"), "{m:#}");
    for jobs in [None, Some("2")] {
        let target = pg().create_database(&format!("parallel_large_{}", jobs.unwrap_or("1")));
        let mut restore = p.cmd().args(["restore", "latest", "--to", &target]);
        if let Some(j) = jobs {
            restore = restore.args(["--jobs", j]);
        }
        restore.code(0).run();
        assert_eq!(sums(&db_of(&target)), source, "--jobs {jobs:?}");
    }
}

/// SIGTERM while the parts are being made: every pg_dump is stopped, the coordinator's and the
/// ranges' sessions end, no part stays, exit 143.
#[test]
fn sigterm_mid_parallel_dump_stops_every_worker_and_leaves_nothing() {
    let p = shop("parallel_sigterm");
    let db = db_of(&p.url);
    // pg_dump as it is, but the part of the small tables (data only, the large ones' data
    // excluded) starts and then hangs.
    let pid_file = p.path().join("hung.pid");
    let wrapper = p.path().join("pg_dump");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\ncase \"$*\" in *--exclude-table-data*) echo $$ > {pid}; echo '-- start'; exec sleep 60 ;; esac\nexec {real} \"$@\"\n",
            pid = pid_file.display(),
            real = pg().bin.join("pg_dump").display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::write(p.path().join("dbctl.toml"), format!("[backup]\npg_dump = \"{}\"\n", wrapper.display()))
        .unwrap();
    let child = p.cmd().args(["backup", "--jobs", "2", "--no-encryption"]).spawn();
    let out = crate::support::fixtures::term_once_started(child, &pid_file);
    assert_eq!(out.code, 143, "128 + SIGTERM: {}", out.stderr);
    assert!(out.stderr.contains("interrupted by SIGTERM"), "{}", out.stderr);
    assert!(!crate::support::fixtures::still_running(&pid_file), "the hung pg_dump was stopped");
    let left = crate::support::fixtures::stored(&p);
    assert!(crate::support::fixtures::visible(&left).is_empty(), "{left:?}");
    // The snapshot's coordinator and any range's session are gone (a backend ends a moment after
    // its client).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let sessions = pg().psql(
            "postgres",
            &format!("SELECT count(*) FROM pg_stat_activity WHERE datname = '{db}' AND backend_type = 'client backend'"),
        );
        if sessions.trim() == "0" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{sessions} sessions of dbctl stayed on {db}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
