//! dbctl against a server that speaks German (`lc_messages = 'de_DE.UTF-8'`): what dbctl decides
//! from a server's errors it reads from SQLSTATE codes and the catalogue, never from English text.

use std::time::{Duration, Instant};

use crate::studio::Studio;
use crate::support::{Backend, PG_PASSWORD, PgCluster, Project, free_port, project};

/// A cluster of its own (the setting is the whole server's), answering in German.
fn german_server() -> PgCluster {
    let cluster = PgCluster::init(free_port());
    cluster.start();
    cluster.psql("postgres", "ALTER SYSTEM SET lc_messages = 'de_DE.UTF-8'");
    cluster.psql("postgres", "SELECT pg_reload_conf()");
    // The reload reaches new sessions soon after; poll until one answers in German.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let said = cluster.psql_failing("postgres", "SELECT 1/0");
        if said.contains("Division durch Null") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server does not answer in German (scripts/setup --test generates the de_DE.UTF-8 locale): {said}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    cluster
}

fn url(cluster: &PgCluster, user: &str, password: &str, db: &str) -> String {
    format!("postgres://{user}:{password}@127.0.0.1:{}/{db}", cluster.port)
}

#[test]
fn decisions_from_server_errors_hold_in_another_language() {
    let server = german_server();
    server.psql("postgres", "CREATE DATABASE quelle");
    server.psql(
        "quelle",
        "CREATE TABLE kunden (id int PRIMARY KEY, name text); INSERT INTO kunden VALUES (1, 'Ada')",
    );
    let source = url(&server, "postgres", PG_PASSWORD, "quelle");
    let p = Project { dir: project(), url: source.clone(), backend: Backend::Pg };
    p.dbctl(0, ["backup"]);

    // A database that does not exist (3D000 at connect time, told by the catalogue): named,
    // and made with --create.
    let missing = url(&server, "postgres", PG_PASSWORD, "fehlt");
    p.dbctl(1, ["restore", "latest", "--to", &missing])
        .stderr_has("the database `fehlt` does not exist on that server; pass --create");
    p.dbctl(0, ["restore", "latest", "--to", &missing, "--create"]);
    assert_eq!(server.psql("fehlt", "SELECT name FROM kunden").trim(), "Ada");

    // A role without CREATEDB (42501): the fix names createdb.
    server.psql("postgres", "CREATE ROLE ohne LOGIN PASSWORD 'ohne-createdb-pw' NOCREATEDB");
    let denied = url(&server, "ohne", "ohne-createdb-pw", "neu");
    p.dbctl(1, ["restore", "latest", "--to", &denied, "--create"])
        .stderr_has("may not create databases (no CREATEDB)")
        .stderr_has("createdb -O ohne neu");

    // Another session's lock (55P03): the restore names the sessions and the fix.
    let mut app = server.session("quelle");
    app.send("BEGIN; LOCK TABLE kunden IN ACCESS SHARE MODE;");
    server.wait_for(
        "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = 'quelle' \
         AND l.locktype = 'relation' AND l.mode = 'AccessShareLock' AND l.granted",
        "the session's lock",
    );
    p.dbctl(1, ["restore", "latest", "--to", &source, "--clean", "--yes", "--lock-timeout", "1s"])
        .stderr_has("stop the application, or raise --lock-timeout");
    drop(app);

    // studio-lite's console past its statement timeout (57014): the limit and how to raise it.
    let studio = Studio::start(&p, &["--statement-timeout", "300ms"]);
    let page = studio.post("/sql", &[("sql", "SELECT pg_sleep(10)"), ("action", "run")]);
    assert!(page.body.contains("the console's limit is 300ms; studio.statement_timeout"), "{}", page.body);
}
