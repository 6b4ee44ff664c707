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
    let run =
        |schema: &str, args: &[&str]| p.cmd().env("DATABASE_URL", url(schema)).args(args).run().no_secrets();
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
    let run = |args: &[&str]| crate::support::dbctl(p.path()).args(args).run();
    run(&["migrate"]).code(0);
    assert!(p.path().join("prisma/dev.db").is_file(), "the file is where Prisma puts it");
    assert!(!p.path().join("dev.db").exists());
    run(&["config", "show"]).code(0).stdout_has("(the directory of").stdout_has("schema.prisma");
    run(&["migrate", "--check"]).code(0);
}
