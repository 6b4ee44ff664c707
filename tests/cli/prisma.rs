//! Prisma projects as they are: their URLs, `.env` and SQLite `file:` paths.

use crate::support::{Backend, Project, pg};

#[test]
fn a_prisma_url_with_a_schema_is_one_tenant_migrated_backed_up_and_restored_alone() {
    let pg = pg();
    pg.psql("postgres", "DROP DATABASE IF EXISTS prisma_tenants");
    pg.psql("postgres", "CREATE DATABASE prisma_tenants");
    let p = Project::new(Backend::Sqlite, "prisma_tenants");
    p.example_migrations();
    let url = |schema: &str| {
        format!(
            "{}?schema={schema}&connection_limit=5&pool_timeout=10&pgbouncer=false",
            pg.url("prisma_tenants")
        )
    };
    let run = |schema: &str, args: &[&str]| {
        p.cmd().env("DATABASE_URL", url(schema)).args(args).any_code("each call checks its exit code").run()
    };
    // Prisma's parameters never reach libpq; -v says what became of them.
    let out = run("tenant_a", &["-v", "migrate"]).code(0);
    out.stderr_has("creating the schema tenant_a").stderr_has("connection_limit (a Prisma parameter");
    run("tenant_b", &["migrate"]).code(0);
    let tables = |schema: &str| {
        pg.psql("prisma_tenants", &format!("SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}'"))
    };
    assert!(tables("tenant_a").trim().parse::<u32>().unwrap() > 3);
    assert_eq!(tables("tenant_a"), tables("tenant_b"));
    assert_eq!(tables("public").trim(), "0", "nothing lands in public");
    run("tenant_a", &["health"]).code(0);
    // studio-lite opens on the tenant's schema.
    let studio = crate::studio::Studio::launch(p.cmd().env("DATABASE_URL", url("tenant_b")).args([
        "studio-lite",
        "--port",
        "0",
        "--allow-superuser",
    ]));
    let page = studio.get("/");
    assert!(page.body.contains("value=\"tenant_b\" selected"), "{}", page.body);
    assert!(page.body.contains("/t/tenant_b/users"), "{}", page.body);
    drop(studio);

    pg.psql(
        "prisma_tenants",
        "INSERT INTO tenant_a.users (id, email, display_name) VALUES ('a', 'a@example.com', 'A')",
    );
    pg.psql(
        "prisma_tenants",
        "INSERT INTO tenant_b.users (id, email, display_name) VALUES ('b', 'b@example.com', 'B')",
    );
    let m = run("tenant_a", &["backup", "--json", "--no-encryption"]).code(0).json();
    assert_eq!(m["source"]["schema"], "tenant_a");
    run("tenant_b", &["backup", "--no-encryption"]).code(0);
    // Another tenant's newer backup is not this tenant's latest; the restore touches this schema only.
    pg.psql(
        "prisma_tenants",
        "UPDATE tenant_a.users SET display_name = 'changed'; UPDATE tenant_b.users SET display_name = 'kept'",
    );
    run("tenant_a", &["restore", "latest", "--clean", "--no-safety-backup"]).code(0);
    assert_eq!(pg.psql("prisma_tenants", "SELECT display_name FROM tenant_a.users").trim(), "A");
    assert_eq!(pg.psql("prisma_tenants", "SELECT display_name FROM tenant_b.users").trim(), "kept");
}

#[test]
fn a_prisma_file_url_is_relative_to_the_schema_file() {
    let p = Project::new(Backend::Sqlite, "prisma_file_url");
    p.example_migrations();
    std::fs::create_dir_all(p.path().join("prisma")).unwrap();
    std::fs::write(
        p.path().join("prisma/schema.prisma"),
        "datasource db {\n  provider = \"sqlite\"\n  url      = env(\"DATABASE_URL\")\n}\n",
    )
    .unwrap();
    std::fs::write(p.path().join(".env"), "DATABASE_URL=\"file:./dev.db\"\n").unwrap();
    let run = |args: &[&str]| {
        crate::support::dbctl(p.path()).args(args).any_code("each call checks its exit code").run()
    };
    run(&["migrate"]).code(0);
    assert!(p.path().join("prisma/dev.db").is_file(), "the file is where Prisma puts it");
    assert!(!p.path().join("dev.db").exists());
    run(&["config", "show"]).code(0).stdout_has("(the directory of").stdout_has("schema.prisma");
    run(&["migrate", "--check"]).code(0);
}

/// A Prisma 7 project: no URL in the schema, `prisma.config.ts` naming the schema, the
/// migrations folder and the variable that holds the URL; dbctl follows it without running it.
#[test]
fn a_prisma_config_file_names_the_schema_the_migrations_and_the_url_variable() {
    let dir = crate::support::project();
    let root = dir.path();
    std::fs::create_dir_all(root.join("db/migrations/20250101000000_init")).unwrap();
    std::fs::write(root.join("db/schema.prisma"), "datasource db {\n  provider = \"sqlite\"\n}\n").unwrap();
    std::fs::write(root.join("db/migrations/migration_lock.toml"), "provider = \"sqlite\"\n").unwrap();
    std::fs::write(root.join("db/migrations/20250101000000_init/migration.sql"), INIT).unwrap();
    std::fs::write(
        root.join("prisma.config.ts"),
        "import 'dotenv/config'\nimport { defineConfig, env } from 'prisma/config'\n\n\
         export default defineConfig({\n  schema: 'db/schema.prisma',\n  migrations: {\n    path: 'db/migrations',\n    \
         seed: 'tsx db/seed.ts',\n  },\n  datasource: {\n    url: env('APP_DATABASE_URL'),\n  },\n})\n",
    )
    .unwrap();
    std::fs::write(root.join(".env"), "APP_DATABASE_URL=\"file:./app.db\"\n").unwrap();
    let run = |args: &[&str]| {
        crate::support::dbctl(root).args(args).any_code("each call checks its exit code").run()
    };
    let out = run(&["migrate"]).code(0);
    out.stdout_has("20250101000000_init");
    assert!(root.join("db/app.db").is_file(), "beside the schema the config names, as Prisma puts it");
    let show = run(&["config", "show"]).code(0);
    let show = show.stdout_has("APP_DATABASE_URL, named by").stdout_has("prisma.config.ts");
    assert!(show.stdout.contains("db/migrations"), "{}", show.stdout);
    run(&["migrate", "--check"]).code(0);

    // The variable unset: said, with the fix; DATABASE_URL still wins over the config file.
    std::fs::write(root.join(".env"), "").unwrap();
    run(&["migrate", "status"]).stderr_has("datasource.url reads APP_DATABASE_URL, which is not set");
    let other = root.join("other.db");
    crate::support::dbctl(root)
        .env("DATABASE_URL", format!("file:{}", other.display()))
        .args(["migrate"])
        .code(0)
        .run();
    assert!(other.is_file());

    // From the shell, the variable is one a cron job would not have: `schedule install` says so.
    crate::support::dbctl(root)
        .env("APP_DATABASE_URL", "file:./app.db")
        .env("BACKUP_SCHEDULE", "0 2 * * *")
        .args(["schedule", "install", "--cron", "--no-env-file"])
        .code(0)
        .run()
        .stderr_has("APP_DATABASE_URL comes from this shell's environment");

    // Code is not run: named instead.
    std::fs::write(
        root.join("prisma.config.ts"),
        "export default defineConfig({ datasource: { url: buildUrl(process.env) } })",
    )
    .unwrap();
    run(&["migrate", "status"])
        .stderr_has("datasource.url is code dbctl does not run (`buildUrl(process.env)`)");
    // `config check` says it too, without failing.
    let check = run(&["config", "check", "--json"]).code(0);
    assert!(
        check.json()["warnings"][0].as_str().unwrap().contains("is code dbctl does not run"),
        "{}",
        check.stdout
    );
}

/// A Prisma 6 project on a pooled host (Vercel Postgres, Supabase, Neon): `url` names the
/// pooler's variable, `directUrl` the direct one; dbctl does everything over the direct one, as
/// Prisma's CLI migrates over it.
#[test]
fn a_schema_s_direct_url_is_used_in_place_of_the_pooled_url() {
    let p = prisma_project(Backend::Pg, "prisma_direct_url", &[("20250101000000_init", INIT)]);
    std::fs::write(
        p.path().join("prisma/schema.prisma"),
        "datasource db {\n  provider  = \"postgresql\"\n  url       = env(\"POSTGRES_PRISMA_URL\") // pooled\n  \
         directUrl = env(\"POSTGRES_URL_NON_POOLING\")\n}\n",
    )
    .unwrap();
    // The pooler is down (nothing listens there): only the direct URL can work.
    let pooled = format!(
        "postgres://app:pooler-secret-41@127.0.0.1:{}/app?pgbouncer=true&connect_timeout=2",
        crate::support::free_port()
    );
    std::fs::write(
        p.path().join(".env"),
        format!("POSTGRES_PRISMA_URL=\"{pooled}\"\nPOSTGRES_URL_NON_POOLING=\"{}\"\n", p.url),
    )
    .unwrap();
    let run = |args: &[&str]| {
        crate::support::dbctl(p.path()).args(args).any_code("each call checks its exit code").run()
    };
    run(&["migrate"]).code(0).stdout_has("applied 20250101000000_init");
    run(&["backup"]).code(0);
    let show = run(&["config", "show"]).code(0);
    let show = show.stdout_has("POSTGRES_URL_NON_POOLING, named by").stdout_has("schema.prisma");
    assert!(!show.stdout.contains("pooler-secret-41"), "{}", show.stdout);
    // health checks the pooled URL the application uses as well.
    let check = crate::support::fixtures::health_check;
    let report = run(&["health", "--json"]).code(2).json();
    assert_eq!(check(&report, "database.connection")["status"], "ok", "{report:#}");
    let pooler = check(&report, "database.pooler");
    assert_eq!(pooler["status"], "critical", "{pooler}");
    assert!(pooler["message"].as_str().unwrap().contains("does not answer"), "{pooler}");
    // A URL given to dbctl itself is used as given.
    let given = crate::support::dbctl(p.path())
        .args(["--database-url", &pooled, "migrate", "status"])
        .any_code("any failure will do: the pooler is down")
        .run();
    assert_ne!(given.code, 0, "the pooler is down: {}", given.stdout);
    assert!(!given.stderr.contains("pooler-secret-41"), "{}", given.stderr);
}

/// A Prisma project for `backend`: `prisma/migrations` with its lock file and `migrations`
/// (name, SQL) written as Prisma writes them (CRLF kept when given), DATABASE_URL in `.env`.
fn prisma_project(backend: Backend, test: &str, migrations: &[(&str, &str)]) -> Project {
    let p = Project::new(backend, test);
    std::fs::remove_dir(p.path().join("migrations")).unwrap();
    let dir = p.path().join("prisma/migrations");
    std::fs::create_dir_all(&dir).unwrap();
    let provider = match backend {
        Backend::Pg => "postgresql",
        Backend::Sqlite => "sqlite",
    };
    std::fs::write(
        dir.join("migration_lock.toml"),
        format!("# Please do not edit this file manually\n# It should be added in your version-control system (i.e. Git)\nprovider = \"{provider}\"\n"),
    )
    .unwrap();
    for (name, sql) in migrations {
        add(&p, name, sql);
    }
    p
}

fn add(p: &Project, name: &str, sql: &str) {
    let d = p.path().join("prisma/migrations").join(name);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("migration.sql"), sql).unwrap();
}

const INIT: &str = "-- CreateTable\r\nCREATE TABLE \"User\" (\r\n    \"id\" INTEGER NOT NULL PRIMARY KEY,\r\n    \"email\" TEXT NOT NULL\r\n);\r\n\r\n-- CreateIndex\r\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\r\n";
const POSTS: &str = "-- CreateTable\nCREATE TABLE \"Post\" (\n    \"id\" INTEGER NOT NULL PRIMARY KEY,\n    \"title\" TEXT NOT NULL,\n    \"authorId\" INTEGER NOT NULL REFERENCES \"User\" (\"id\")\n);\n";

fn sha256_hex(bytes: &[u8], padded: bool) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    if padded { hex::encode(digest) } else { digest.iter().map(|b| format!("{b:x}")).collect() }
}

#[test]
fn prisma_folders_deploy_record_and_check_as_prisma_does() {
    for backend in crate::support::BACKENDS {
        let p = prisma_project(
            backend,
            "prisma_deploy",
            &[("20240101000000_init", INIT), ("20240102000000_posts", POSTS)],
        );
        if backend == Backend::Sqlite {
            // An empty file is an empty database (a configured one is never created by a check).
            std::fs::write(p.sqlite_file(), "").unwrap();
        }
        p.dbctl(10, ["migrate", "--check"]).stdout_has("2 pending");
        p.dbctl(0, ["migrate"]).stdout_has("applied 20240102000000_posts");
        p.dbctl(0, ["migrate", "--check"]);
        // The rows are Prisma's: a uuid, the sha256 of the file as read, times, one step each.
        let rows = p.sql(
            "SELECT migration_name, checksum, length(id), finished_at IS NOT NULL, rolled_back_at IS NULL, \
             applied_steps_count, logs IS NULL FROM _prisma_migrations ORDER BY migration_name",
        );
        let t = match backend {
            Backend::Pg => "t",
            Backend::Sqlite => "1",
        };
        let want = format!(
            "20240101000000_init|{}|36|{t}|{t}|1|{t}\n20240102000000_posts|{}|36|{t}|{t}|1|{t}\n",
            sha256_hex(INIT.as_bytes(), true),
            sha256_hex(POSTS.as_bytes(), true),
        );
        assert_eq!(rows, want, "{backend:?}");
        if backend == Backend::Sqlite {
            // Times as integer milliseconds, as Prisma writes them on SQLite.
            assert_eq!(
                p.sql("SELECT DISTINCT typeof(started_at) || typeof(finished_at) FROM _prisma_migrations"),
                "integerinteger\n"
            );
        }
        // No table of dbctl's in a Prisma database (Prisma's drift checks would see it).
        let tables = p.tables();
        assert!(!tables.iter().any(|t| t.starts_with("__")), "{tables:?}");

        // A checkout with other line endings is not an edit; a real edit is.
        std::fs::write(
            p.path().join("prisma/migrations/20240101000000_init/migration.sql"),
            INIT.replace("\r\n", "\n"),
        )
        .unwrap();
        p.dbctl(0, ["migrate", "--check"]);
        std::fs::write(
            p.path().join("prisma/migrations/20240101000000_init/migration.sql"),
            INIT.replace("email", "mail"),
        )
        .unwrap();
        p.dbctl(12, ["migrate", "--check"]).stdout_has("migration.sql changed");
        std::fs::write(p.path().join("prisma/migrations/20240101000000_init/migration.sql"), INIT).unwrap();

        // Prisma folders have no down migrations: revert says so and changes nothing.
        p.dbctl(1, ["migrate", "revert"]).stderr_has("Prisma migrations have no down migration");
        p.dbctl(0, ["migrate", "--check"]);
        // A folder gone from the checkout is missing (13).
        std::fs::rename(p.path().join("prisma/migrations/20240102000000_posts"), p.path().join("posts.away"))
            .unwrap();
        p.dbctl(13, ["migrate", "--check"]);
    }
}

#[test]
fn a_failed_prisma_migration_blocks_until_it_is_resolved() {
    for backend in crate::support::BACKENDS {
        let p = prisma_project(backend, "prisma_failed", &[("20240101000000_init", INIT)]);
        p.dbctl(0, ["migrate"]);
        add(
            &p,
            "20240102000000_bad",
            "CREATE TABLE \"Tag\" (\"id\" INTEGER);\nINSERT INTO \"Nope\" VALUES (1);\n",
        );
        add(&p, "20240103000000_after", "CREATE TABLE \"Later\" (\"id\" INTEGER);\n");
        p.dbctl(1, ["migrate"]).stderr_has("migration.sql:2");
        // The file ran as one unit: nothing of it stayed; its row says it failed, with the error.
        assert!(!p.tables().contains(&"Tag".to_string()), "{backend:?}");
        let row = p.sql("SELECT finished_at IS NULL, rolled_back_at IS NULL, applied_steps_count FROM _prisma_migrations WHERE migration_name = '20240102000000_bad'");
        assert!(row == "t|t|0\n" || row == "1|1|0\n", "{backend:?}: {row}");
        assert!(
            p.sql("SELECT logs FROM _prisma_migrations WHERE migration_name = '20240102000000_bad'")
                .contains("Nope")
        );
        // Blocked, with Prisma's way out; --check says 14.
        p.dbctl(1, ["migrate"]).stderr_has("resolve --rolled-back 20240102000000_bad");
        p.dbctl(14, ["migrate", "--check"]);
        assert!(!p.tables().contains(&"Later".to_string()));
        // Rolled back, fixed, applied.
        p.dbctl(1, ["migrate", "resolve", "--applied", "20240101000000_init"])
            .stderr_has("already recorded as applied");
        p.dbctl(0, ["migrate", "resolve", "--rolled-back", "20240102000000_bad"]);
        p.dbctl(1, ["migrate", "resolve", "--rolled-back", "20240102000000_bad"])
            .stderr_has("nothing to mark");
        add(&p, "20240102000000_bad", "CREATE TABLE \"Tag\" (\"id\" INTEGER);\n");
        p.dbctl(0, ["migrate"]).stdout_has("applied 20240103000000_after");
        p.dbctl(0, ["migrate", "--check"]);
        // `--applied`: a migration done by hand is recorded without running.
        add(&p, "20240104000000_by_hand", "CREATE TABLE \"ByHand\" (\"id\" INTEGER);\n");
        p.sql("CREATE TABLE \"ByHand\" (\"id\" INTEGER)");
        p.dbctl(0, ["migrate", "resolve", "--applied", "20240104000000_by_hand"]);
        p.dbctl(0, ["migrate", "--check"]);
        let steps = p.sql("SELECT applied_steps_count FROM _prisma_migrations WHERE migration_name = '20240104000000_by_hand'");
        assert_eq!(steps, "0\n");
    }
}

#[test]
fn rows_prisma_wrote_are_read_as_prisma_reads_them() {
    for backend in crate::support::BACKENDS {
        let p = prisma_project(
            backend,
            "prisma_golden",
            &[("20240101000000_init", INIT), ("20240102000000_posts", POSTS)],
        );
        // The database as `prisma migrate deploy` left it, from an older Prisma: an unpadded
        // checksum for one file, and a failed run of the second, later rolled back and re-run.
        // (A leading space: the sqlite3 shell takes an argument starting with `-` for an option.)
        p.sql(&format!(" {}", INIT.replace("\r\n", "\n")));
        p.sql(&format!(" {POSTS}"));
        let (ddl, t) = match backend {
            Backend::Pg => (
                "CREATE TABLE \"_prisma_migrations\" (\n    \"id\" VARCHAR(36) NOT NULL,\n    \"checksum\" VARCHAR(64) NOT NULL,\n    \"finished_at\" TIMESTAMPTZ,\n    \"migration_name\" VARCHAR(255) NOT NULL,\n    \"logs\" TEXT,\n    \"rolled_back_at\" TIMESTAMPTZ,\n    \"started_at\" TIMESTAMPTZ NOT NULL DEFAULT now(),\n    \"applied_steps_count\" INTEGER NOT NULL DEFAULT 0,\n\n    CONSTRAINT \"_prisma_migrations_pkey\" PRIMARY KEY (\"id\")\n)",
                [
                    "'2024-01-01 10:00:00.987+00'",
                    "'2024-01-01 10:00:01.123+00'",
                    "'2024-01-02 10:00:00.5+00'",
                    "'2024-01-02 11:00:00+00'",
                ],
            ),
            Backend::Sqlite => (
                "CREATE TABLE \"_prisma_migrations\" (\n    \"id\"                    TEXT PRIMARY KEY NOT NULL,\n    \"checksum\"              TEXT NOT NULL,\n    \"finished_at\"           DATETIME,\n    \"migration_name\"        TEXT NOT NULL,\n    \"logs\"                  TEXT,\n    \"rolled_back_at\"        DATETIME,\n    \"started_at\"            DATETIME NOT NULL DEFAULT current_timestamp,\n    \"applied_steps_count\"   INTEGER UNSIGNED NOT NULL DEFAULT 0\n)",
                ["1704103200987", "1704103201123", "1704189600500", "1704193200000"],
            ),
        };
        p.sql(ddl);
        p.sql(&format!(
            "INSERT INTO \"_prisma_migrations\" VALUES \
             ('8f7c4a52-6a0e-4a57-9b8e-2f0c6d1d8a01', '{}', {}, '20240101000000_init', NULL, NULL, {}, 1), \
             ('2b1e9d3c-77a4-4f0b-8c5d-0e9a6b4c3f12', '{}', NULL, '20240102000000_posts', 'Database error: relation exists', {}, {}, 0), \
             ('c3d5e7f9-1a2b-4c6d-8e0f-a1b2c3d4e5f6', '{}', {}, '20240102000000_posts', NULL, NULL, {}, 1)",
            sha256_hex(INIT.replace("\r\n", "\n").as_bytes(), false),
            t[1], t[0],
            sha256_hex(POSTS.as_bytes(), true),
            t[3], t[2],
            sha256_hex(POSTS.as_bytes(), true),
            t[3], t[3],
        ));
        p.dbctl(0, ["migrate", "--check"]);
        let status = p.dbctl(0, ["migrate", "status", "--json"]).json();
        let states: Vec<&str> =
            status["migrations"].as_array().unwrap().iter().map(|m| m["state"].as_str().unwrap()).collect();
        assert_eq!(states, ["applied", "applied"], "{backend:?}: {status:#}");
        p.dbctl(0, ["migrate"]).stdout_has("nothing to apply");
    }
}

#[test]
fn a_non_empty_database_without_prisma_s_table_is_refused_and_baselined() {
    let p = prisma_project(
        Backend::Pg,
        "prisma_adopt",
        &[("20240101000000_init", INIT), ("20240102000000_posts", POSTS)],
    );
    p.sql(&format!(" {}", INIT.replace("\r\n", "\n")));
    p.dbctl(1, ["migrate"]).stderr_has("holds tables but no _prisma_migrations").stderr_has("baseline");
    p.dbctl(0, ["migrate", "baseline", "--to", "20240101000000_init"]);
    p.dbctl(0, ["migrate"]).stdout_has("applied 20240102000000_posts");
    p.dbctl(0, ["migrate", "--check"]);
}

#[test]
fn eight_concurrent_runs_apply_each_migration_once_and_prisma_s_lock_is_honoured() {
    let p = prisma_project(
        Backend::Pg,
        "prisma_concurrent",
        &[("20240101000000_init", INIT), ("20240102000000_posts", POSTS)],
    );
    let children: Vec<_> = (0..8).map(|_| p.cmd().args(["migrate"]).spawn()).collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(
        p.sql("SELECT migration_name, count(*) FROM _prisma_migrations GROUP BY 1 ORDER BY 1"),
        "20240101000000_init|1\n20240102000000_posts|1\n"
    );

    // A `prisma migrate deploy` holding its lock: dbctl waits, and says for whom.
    add(&p, "20240103000000_tags", "CREATE TABLE \"Tag\" (\"id\" INTEGER);\n");
    let pg = pg();
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let mut prisma = pg.session(&db);
    prisma.send("SET application_name = 'prisma-migrate-deploy'; SELECT pg_advisory_lock(72707369);");
    pg.wait_for(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND granted",
        "the Prisma lock",
    );
    p.cmd()
        .args(["--lock-timeout", "1s", "migrate"])
        .code(1)
        .run()
        .stderr_has("prisma-migrate-deploy")
        .stderr_has("Prisma's migration lock");
    assert_eq!(
        p.sql("SELECT count(*) FROM _prisma_migrations WHERE migration_name = '20240103000000_tags'"),
        "0\n"
    );
    let mut waiting = p.cmd().args(["migrate"]).spawn();
    // Released once dbctl says it waits (its stderr, read as it comes).
    let mut stderr = std::io::BufReader::new(waiting.stderr.take().unwrap());
    let mut said = String::new();
    while !said.contains("waiting for the migration lock") {
        let mut line = String::new();
        let n = std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
        assert!(n > 0, "dbctl ended without waiting: {said}");
        said.push_str(&line);
    }
    assert!(said.contains("Prisma's migration lock"), "{said}");
    assert_eq!(
        p.sql("SELECT count(*) FROM _prisma_migrations WHERE migration_name = '20240103000000_tags'"),
        "0\n"
    );
    drop(prisma);
    let status = waiting.wait().unwrap();
    assert!(status.success(), "{said}");
    p.dbctl(0, ["migrate", "--check"]);
}

#[test]
fn backup_first_backs_up_before_pending_migrations_and_stops_them_when_it_fails() {
    let p = prisma_project(Backend::Sqlite, "prisma_backup_first", &[("20240101000000_init", INIT)]);
    p.dbctl(0, ["migrate", "--backup-first"]).stderr_has("nothing to back up");
    p.sql("INSERT INTO \"User\" (\"id\", \"email\") VALUES (1, 'a@example.com')");
    add(&p, "20240102000000_posts", POSTS);
    // The storage cannot be written: no backup, so no migration.
    let blocked = p.path().join("not-a-dir");
    std::fs::write(&blocked, "").unwrap();
    p.cmd()
        .args(["migrate", "--backup-first"])
        .env("BACKUP_LOCAL", &blocked)
        .code(1)
        .run()
        .stderr_has("no migration was applied");
    p.dbctl(10, ["migrate", "--check"]);
    p.dbctl(0, ["migrate", "--backup-first"]).stderr_has("taking a backup first");
    let list = p.dbctl(0, ["backup", "list", "--json"]).json();
    let tags: Vec<&str> = list.as_array().unwrap().iter().filter_map(|m| m["tag"].as_str()).collect();
    assert_eq!(tags, ["pre-migrate"]);
    // Nothing pending: no backup.
    std::fs::write(p.path().join("dbctl.toml"), "[migrations]\nbackup_first = true\n").unwrap();
    p.dbctl(0, ["migrate"]);
    assert_eq!(p.dbctl(0, ["backup", "list", "--json"]).json().as_array().unwrap().len(), 1);
}

#[test]
fn reset_drops_everything_and_applies_again_as_prisma_does() {
    for backend in crate::support::BACKENDS {
        let p = prisma_project(
            backend,
            "prisma_reset",
            &[("20240101000000_init", INIT), ("20240102000000_posts", POSTS)],
        );
        p.dbctl(0, ["migrate"]);
        p.sql("INSERT INTO \"User\" (\"id\", \"email\") VALUES (1, 'a@example.com')");
        p.sql("CREATE TABLE stray (x INTEGER)");
        // Protected profiles need --yes, as every destructive command does.
        std::fs::write(p.path().join("dbctl.toml"), "[env.prod]\nprotected = true\n").unwrap();
        p.dbctl(2, ["--env", "prod", "migrate", "reset"]);
        p.dbctl(0, ["migrate", "reset", "--yes"]).stdout_has("applied 20240102000000_posts");
        assert_eq!(p.sql("SELECT count(*) FROM \"User\"").trim(), "0", "{backend:?}");
        assert!(!p.tables().contains(&"stray".to_string()), "{backend:?}");
        assert_eq!(p.sql("SELECT count(*) FROM _prisma_migrations").trim(), "2");
        p.dbctl(0, ["migrate", "--check"]);
    }
}

#[test]
fn new_makes_a_prisma_folder_in_a_prisma_project() {
    let p = prisma_project(Backend::Sqlite, "prisma_new", &[("20240101000000_init", INIT)]);
    let made = p.dbctl(0, ["migrate", "new", "add_tags", "--json"]).json();
    let dir = std::path::PathBuf::from(made["created"].as_str().unwrap());
    let name = dir.file_name().unwrap().to_str().unwrap().to_string();
    assert!(dir.starts_with(p.path().join("prisma/migrations")), "{dir:?}");
    assert!(name.len() == "YYYYMMDDHHMMSS_add_tags".len() && name.ends_with("_add_tags"), "{name}");
    assert!(dir.join("migration.sql").is_file() && !dir.join("up.sql").exists());
    std::fs::write(p.sqlite_file(), "").unwrap();
    p.dbctl(0, ["migrate", "status"]).stdout_has(&name);
}

/// The migrations of a real-world Prisma project (LiteLLM's proxy: 220 PostgreSQL migrations,
/// one folder name with spaces, `CREATE INDEX CONCURRENTLY` files), unpacked from the wheel
/// `scripts/setup --test` fetches.
fn real_world_migrations(into: &std::path::Path) -> std::path::PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache"));
    let wheel = cache.join("dbctl-test/litellm_proxy_extras-0.4.110-py3-none-any.whl");
    assert!(wheel.is_file(), "{} is missing: `scripts/setup --test` fetches it", wheel.display());
    crate::support::fixtures::sh(&format!(
        "python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
         [z.extract(n, sys.argv[2]) for n in z.namelist() if n.startswith(\"litellm_proxy_extras/migrations/\")]' '{}' '{}'",
        wheel.display(),
        into.display()
    ));
    into.join("litellm_proxy_extras/migrations")
}

#[test]
fn a_real_world_prisma_project_applies_as_psql_applies_each_file() {
    let pg = pg();
    let p = Project::new(Backend::Pg, "prisma_real_world");
    let dir = real_world_migrations(p.path());
    let count = std::fs::read_dir(&dir).unwrap().filter(|e| e.as_ref().unwrap().path().is_dir()).count();
    assert!(count > 200, "{count} migrations");
    p.cmd().args(["migrate"]).env("MIGRATION_DIRECTORY", &dir).code(0).run();
    p.cmd().args(["migrate", "--check"]).env("MIGRATION_DIRECTORY", &dir).code(0).run();
    // The same files, each run by psql in name order, into another database.
    pg.psql("postgres", "DROP DATABASE IF EXISTS prisma_real_world_psql");
    pg.psql("postgres", "CREATE DATABASE prisma_real_world_psql");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    names.sort();
    let script: String = names
        .iter()
        .map(|n| {
            format!("\\i '{}'\n", dir.join(n).join("migration.sql").display().to_string().replace('\'', "''"))
        })
        .collect();
    let script_file = p.path().join("apply.psql");
    std::fs::write(&script_file, script).unwrap();
    let out = std::process::Command::new(std::path::Path::new(crate::support::PG_BIN).join("psql"))
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres"])
        .args(["-p", &pg.port.to_string(), "-d", "prisma_real_world_psql", "-f"])
        .arg(&script_file)
        .env("PGPASSWORD", crate::support::PG_PASSWORD)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let ledger = ["_prisma_migrations"];
    let (ours, theirs) = (pg.schema(&db, &ledger), pg.schema("prisma_real_world_psql", &ledger));
    assert!(ours.lines().count() > 1000, "{ours}");
    assert!(ours == theirs, "the schemas differ");
}

#[test]
fn the_lock_file_s_provider_must_be_the_database_s() {
    let p = prisma_project(Backend::Sqlite, "prisma_provider", &[("20240101000000_init", INIT)]);
    std::fs::write(p.path().join("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n")
        .unwrap();
    p.dbctl(2, ["migrate"]).stderr_has("written for `postgresql`").stderr_has("the database is sqlite");
    assert!(!p.sqlite_file().exists(), "nothing was created");
}

#[test]
fn a_sqlite_table_redefinition_runs_with_foreign_keys_off_as_prisma_runs_it() {
    // What `prisma migrate dev` writes on SQLite to change a column of a referenced table.
    let redefine = "-- RedefineTables\nPRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\n\
        CREATE TABLE \"new_User\" (\n    \"id\" INTEGER NOT NULL PRIMARY KEY,\n    \"email\" TEXT NOT NULL,\n    \"name\" TEXT\n);\n\
        INSERT INTO \"new_User\" (\"email\", \"id\") SELECT \"email\", \"id\" FROM \"User\";\n\
        DROP TABLE \"User\";\nALTER TABLE \"new_User\" RENAME TO \"User\";\n\
        CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n\
        PRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;\n";
    // Posts go with their user: a DROP TABLE "User" with foreign keys on would take them along.
    let cascading =
        POSTS.replace("REFERENCES \"User\" (\"id\")", "REFERENCES \"User\" (\"id\") ON DELETE CASCADE");
    assert_ne!(cascading, POSTS);
    let p = prisma_project(
        Backend::Sqlite,
        "prisma_redefine",
        &[("20240101000000_init", INIT), ("20240102000000_posts", &cascading)],
    );
    p.dbctl(0, ["migrate"]);
    p.sql("PRAGMA foreign_keys = ON; INSERT INTO \"User\" VALUES (1, 'a@example.com'); INSERT INTO \"Post\" VALUES (1, 't', 1)");
    add(&p, "20240103000000_user_name", redefine);
    p.dbctl(0, ["migrate"]);
    // The referencing row survived the DROP TABLE of its parent, which foreign keys off allowed.
    assert_eq!(p.sql("SELECT count(*) FROM \"Post\"").trim(), "1");
    assert_eq!(p.sql("SELECT email FROM \"User\"").trim(), "a@example.com");
    p.dbctl(0, ["migrate", "--check"]);
}

#[test]
fn text_planted_in_prisma_s_table_is_printed_inert() {
    let p = prisma_project(Backend::Pg, "prisma_planted", &[("20240101000000_init", INIT)]);
    p.dbctl(0, ["migrate"]);
    // Anyone who can write to the table can put terminal escapes in a failed row's log.
    p.sql(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, applied_steps_count) \
         VALUES ('x', 'y', '20240102000000_evil', E'\\x1b]0;owned\\x07\\x1b[2Jfailed', now(), 0)",
    );
    let out = p.dbctl(14, ["migrate", "--check"]);
    assert!(!out.stdout.contains('\x1b') && !out.stderr.contains('\x1b'), "{out:?}");
    assert!(out.stdout.contains("20240102000000_evil"), "{}", out.stdout);
    let status = p.dbctl(0, ["migrate", "status"]);
    assert!(!status.stdout.contains('\x1b'), "{}", status.stdout);
}
