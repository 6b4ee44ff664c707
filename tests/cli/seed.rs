use crate::support::{BACKENDS, Backend, Project};

/// Writes seeds/SET/NAME.
fn seed_file(p: &Project, set: &str, name: &str, text: &str) {
    let dir = p.path().join("seeds").join(set);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

fn example_seeds(p: &Project) {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for set in ["common", "dev"] {
        for entry in std::fs::read_dir(src.join(set)).unwrap() {
            let entry = entry.unwrap();
            seed_file(
                p,
                set,
                entry.file_name().to_str().unwrap(),
                &std::fs::read_to_string(entry.path()).unwrap(),
            );
        }
    }
}

const COUNTS: &str = "SELECT (SELECT count(*) FROM roles) || ' ' || (SELECT count(*) FROM permissions) || ' ' || \
     (SELECT count(*) FROM role_permissions) || ' ' || (SELECT count(*) FROM workflow_statuses) || ' ' || \
     (SELECT count(*) FROM labels) || ' ' || (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM issues) || ' ' || \
     (SELECT count(*) FROM issue_relations) || ' ' || (SELECT count(*) FROM issue_labels)";

#[test]
fn example_seeds_load_and_rerun_changes_nothing() {
    for backend in BACKENDS {
        let p = Project::new(backend, "example_seeds");
        p.example_migrations();
        example_seeds(&p);
        p.dbctl(0, ["migrate"]);

        // System data only, without an environment.
        p.dbctl(0, ["seed"]).stdout_has("5 files of common seeded");
        assert_eq!(p.sql(COUNTS).trim(), "4 8 18 5 4 0 0 0 0", "{backend:?}");

        let out = p.dbctl(0, ["--env", "dev", "seed", "--json"]);
        let report = out.json();
        assert_eq!(report["sets"], "common + dev");
        assert_eq!(report["files"].as_array().unwrap().len(), 10);
        let after_first = p.sql(COUNTS);
        assert_eq!(after_first.trim(), "4 8 18 5 4 2 5 2 5", "{backend:?}");

        // Idempotent: the same counts, and no CSV row is new.
        let again = p.dbctl(0, ["--env", "dev", "seed", "--json"]).json();
        assert_eq!(again["csv_inserted"], 0);
        assert_eq!(again["csv_rows"], 17);
        assert_eq!(p.sql(COUNTS), after_first);

        let statuses = p.sql("SELECT name FROM workflow_statuses ORDER BY position");
        assert_eq!(statuses, "Backlog\nTo Do\nIn Progress\nIn Review\nDone\n");
        let hash = p.sql("SELECT password_hash FROM users WHERE email = 'demo@example.com'");
        assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
        let parent =
            p.sql("SELECT count(*) FROM issues WHERE parent_id = '80000000-0000-4000-8000-000000000001'");
        assert_eq!(parent.trim(), "3");
        assert_eq!(p.sql("SELECT count(*) FROM labels WHERE organization_id IS NULL").trim(), "4");
        assert!(p.sql("SELECT description FROM issues WHERE number = 5").contains("café ☕"));
    }
}

#[test]
fn files_run_in_order_per_environment() {
    for backend in BACKENDS {
        let p = Project::new(backend, "seed_order");
        p.migration(
            "2024-01-01-000001_log",
            "CREATE TABLE log (n INTEGER NOT NULL, what TEXT NOT NULL);",
            None,
            None,
        );
        p.dbctl(0, ["migrate"]);
        let log = |what: &str| format!("INSERT INTO log (n, what) SELECT COUNT(*) + 1, '{what}' FROM log;\n");
        seed_file(&p, "common", "020_second.sql", &log("common/020"));
        seed_file(&p, "common", "010_first.sql", &log("common/010"));
        seed_file(&p, "common", "015_log.csv", "n,what\n100,common/015.csv\n");
        seed_file(&p, "dev", "005_dev.sql", &log("dev/005"));
        seed_file(&p, "prod", "001_prod.sql", &log("prod/001"));
        p.dbctl(0, ["--env", "dev", "seed"]);
        let got = p.sql("SELECT n || ' ' || what FROM log ORDER BY n");
        // 015 (the CSV) runs between 010 and 020, so 020 counts two rows before it.
        assert_eq!(got, "1 common/010\n3 common/020\n4 dev/005\n100 common/015.csv\n", "{backend:?}");

        p.sql("DELETE FROM log");
        p.dbctl(0, ["--env", "prod", "seed", "--only", "010_first", "--only", "001_prod.sql"]);
        assert_eq!(p.sql("SELECT what FROM log ORDER BY n"), "common/010\nprod/001\n");
        p.dbctl(2, ["seed", "--only", "nope"]).stderr_has("--only nope: no such seed file");
    }
}

#[test]
fn csv_quoting_nulls_and_utf8() {
    for backend in BACKENDS {
        let p = Project::new(backend, "seed_csv");
        p.migration(
            "2024-01-01-000001_t",
            "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT, note TEXT, qty INTEGER);",
            None,
            None,
        );
        p.dbctl(0, ["migrate"]);
        let csv = "id,name,note,qty\n\
                   1,\"comma, inside\",\"a \"\"quoted\"\" word\",3\n\
                   2,,\"\",\n\
                   3,Zürich ☕ 日本,\"two\nlines\",0\n";
        seed_file(&p, "common", "010_things.csv", csv);
        p.dbctl(0, ["seed"]).stdout_has("3 rows into things, 3 new");
        let q = "SELECT id || '|' || COALESCE(name, '<null>') || '|' || COALESCE(note, '<null>') || '|' || \
                 COALESCE(CAST(qty AS TEXT), '<null>') FROM things ORDER BY id";
        assert_eq!(
            p.sql(q),
            "1|comma, inside|a \"quoted\" word|3\n2|<null>|<null>|<null>\n3|Zürich ☕ 日本|two\nlines|0\n",
            "{backend:?}"
        );
        // A row added to the file: the re-run inserts just that one.
        seed_file(&p, "common", "010_things.csv", &format!("{csv}4,new,,1\n"));
        p.dbctl(0, ["seed"]).stdout_has("4 rows into things, 1 new");
    }
}

#[test]
fn a_failure_rolls_everything_back_and_names_file_and_place() {
    for backend in BACKENDS {
        let p = Project::new(backend, "seed_fail");
        p.migration(
            "2024-01-01-000001_t",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, qty INTEGER NOT NULL CHECK (qty >= 0));",
            None,
            None,
        );
        p.dbctl(0, ["migrate"]);
        seed_file(&p, "common", "010_ok.sql", "INSERT INTO t (id, qty) VALUES (1, 1);\n");
        seed_file(
            &p,
            "common",
            "020_bad.sql",
            "-- second file\nINSERT INTO t (id, qty) VALUES (2, 2);\n\nINSERT INTO t (id, qty) VALUES (3, -1);\n",
        );
        let out = p.dbctl(1, ["seed"]);
        assert!(out.stderr.contains("common/020_bad.sql: line 4:"), "{backend:?}: {}", out.stderr);
        assert!(out.stderr.contains("nothing was seeded"), "{}", out.stderr);
        assert_eq!(
            p.sql("SELECT count(*) FROM t").trim(),
            "0",
            "{backend:?}: the first file was rolled back too"
        );

        std::fs::remove_file(p.path().join("seeds/common/020_bad.sql")).unwrap();
        seed_file(&p, "common", "030_t.csv", "id,qty\n10,1\n11,2\n12,-5\n13,4\n");
        let out = p.dbctl(1, ["seed"]);
        // The table has rows already (010_ok.sql ran first), so PostgreSQL stages the rows and
        // names the record; into an empty table, COPY itself names the line.
        let place = if backend == Backend::Pg {
            "common/030_t.csv: record 3:"
        } else {
            "common/030_t.csv: line 4 (record 3):"
        };
        assert!(out.stderr.contains(place), "{backend:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("check constraint") || out.stderr.contains("CHECK constraint"),
            "{}",
            out.stderr
        );
        assert_eq!(p.sql("SELECT count(*) FROM t").trim(), "0");
        p.dbctl(1, ["seed", "--only", "030_t"]).stderr_has("common/030_t.csv: line 4 (record 3):");

        // A quoted line break before the bad record: records and lines part ways.
        p.migration(
            "2024-01-01-000002_n",
            "CREATE TABLE n (id INTEGER PRIMARY KEY, note TEXT, qty INTEGER CHECK (qty > 0));",
            None,
            None,
        );
        p.dbctl(0, ["migrate"]);
        std::fs::remove_file(p.path().join("seeds/common/030_t.csv")).unwrap();
        seed_file(&p, "common", "040_n.csv", "id,note,qty\n1,\"two\nlines\",1\n2,plain,-1\n3,c,3\n");
        p.dbctl(1, ["seed", "--only", "040_n"]).stderr_has("common/040_n.csv: line 4 (record 2):");
        std::fs::remove_file(p.path().join("seeds/common/040_n.csv")).unwrap();

        seed_file(&p, "common", "030_t.csv", "id,qty\n10,1\n11\n");
        p.dbctl(1, ["seed"]).stderr_has("common/030_t.csv: line 3");
        seed_file(&p, "common", "030_t.csv", "id,nope\n10,1\n");
        p.dbctl(1, ["seed"]).stderr_has("common/030_t.csv");
        assert_eq!(p.sql("SELECT count(*) FROM t").trim(), "0");
    }
}

#[test]
fn pending_migrations_reset_guard_and_dry_run() {
    let p = Project::new(Backend::Pg, "seed_guard");
    p.migration("2024-01-01-000001_t", "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);", None, None);
    seed_file(&p, "common", "010_t.csv", "id,name\n1,one\n2,two\n");
    p.dbctl(1, ["seed"]).stderr_has("1 migration pending (2024-01-01-000001_t); run `dbctl migrate` first");
    p.dbctl(0, ["migrate"]);

    let dry = p.dbctl(0, ["seed", "--dry-run"]);
    assert!(dry.stdout.contains("would seed common/010_t.csv: 2 rows into \"t\""), "{}", dry.stdout);
    assert_eq!(p.sql("SELECT count(*) FROM t").trim(), "0", "dry run changed nothing");

    p.dbctl(0, ["seed"]);
    p.sql("UPDATE t SET name = 'changed by hand'");
    p.migration("2024-01-01-000002_u", "CREATE TABLE u (id INTEGER);", None, None);
    p.dbctl(1, ["seed"]).stderr_has("--no-migration-check");
    p.dbctl(0, ["seed", "--no-migration-check"]);
    p.dbctl(0, ["migrate"]);

    std::fs::write(p.path().join("dbctl.toml"), "[env.production]\nprotected = true\n").unwrap();
    p.dbctl(2, ["--env", "production", "seed", "--reset"]).stderr_has("profile `production` is protected");
    assert_eq!(p.sql("SELECT count(*) FROM t WHERE name = 'changed by hand'").trim(), "2");
    p.dbctl(0, ["--env", "production", "seed", "--reset", "--yes"]).stdout_has("(tables emptied first)");
    assert_eq!(p.sql("SELECT name FROM t ORDER BY id"), "one\ntwo\n");
}

#[test]
fn a_csv_into_a_table_without_a_key_is_warned_about() {
    for backend in BACKENDS {
        let p = Project::new(backend, &format!("seed_keyless_{backend:?}").to_lowercase());
        p.migration(
            "2024-01-01-000001_t",
            "CREATE TABLE visits (page TEXT, n INTEGER); CREATE TABLE pages (path TEXT PRIMARY KEY);",
            None,
            None,
        );
        p.dbctl(0, ["migrate"]);
        seed_file(&p, "common", "010_visits.csv", "page,n\n/home,1\n/about,2\n");
        seed_file(&p, "common", "020_pages.csv", "path\n/home\n");
        let out = p.dbctl(0, ["seed"]);
        assert!(out.stderr.contains("visits") && out.stderr.contains("has no primary key"), "{}", out.stderr);
        assert!(
            !out.stderr.contains("\"pages\" has no"),
            "a keyed table is not warned about: {}",
            out.stderr
        );
        let again = p.dbctl(0, ["seed", "--json"]).json();
        let visits = &again["files"][0];
        assert!(visits["warning"].as_str().unwrap().contains("inserts its 2 rows again"), "{again}");
        assert!(again["files"][1].get("warning").is_none(), "{again}");
    }
}
