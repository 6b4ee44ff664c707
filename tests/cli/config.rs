use serde_json::Value;

use crate::support::{dbctl, project};

fn setting<'a>(shown: &'a Value, key: &str) -> &'a Value {
    shown["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap_or_else(|| panic!("no {key}"))
}

const FILE: &str = r#"
[database]
url = "postgres://file-user:file-pass@db.internal/app"
pool_max = 7

[redis]
url = "redis://cache.internal:6379/1"

[backup]
compression = "zstd"

[env.production]
protected = true

[env.production.database]
url = "postgres://prod-user:prod-pass@prod-db/app"
"#;

#[test]
fn each_layer_overrides_the_one_below() {
    let dir = project();
    std::fs::write(dir.path().join("dbctl.toml"), FILE).unwrap();

    let shown = dbctl(dir.path()).args(["config", "show", "--json"]).code(0).run().json();
    assert_eq!(setting(&shown, "database.pool_max")["value"], "7");
    assert_eq!(setting(&shown, "database.pool_max")["source"], "file");
    assert_eq!(setting(&shown, "database.connect_timeout")["source"], "default");
    assert_eq!(setting(&shown, "database.url")["value"], "postgres://file-user:***@db.internal/app");
    assert_eq!(shown["protected"], false);

    let shown =
        dbctl(dir.path()).args(["--env", "production", "config", "show", "--json"]).code(0).run().json();
    assert_eq!(shown["profile"], "production");
    assert_eq!(shown["protected"], true);
    let url = setting(&shown, "database.url");
    assert_eq!(url["value"], "postgres://prod-user:***@prod-db/app");
    assert!(url["origin"].as_str().unwrap().ends_with("dbctl.toml [env.production]"), "{url}");
    assert_eq!(setting(&shown, "backup.compression")["value"], "zstd", "profile inherits the top level");

    let shown = dbctl(dir.path())
        .args(["config", "show", "--json"])
        .env("DBCTL_ENV", "production")
        .env("DATABASE_URL", "postgres://env-user:env-pass@env-db/app")
        .env("BACKUP_COMPRESSION", "none")
        .code(0)
        .run()
        .json();
    assert_eq!(setting(&shown, "database.url")["value"], "postgres://env-user:***@env-db/app");
    assert_eq!(setting(&shown, "database.url")["origin"], "env DATABASE_URL");
    assert_eq!(setting(&shown, "backup.compression")["value"], "none");

    let out = dbctl(dir.path())
        .args(["config", "show", "--database-url", "postgres://flag-user:flag-pass@flag-db/app"])
        .env("DATABASE_URL", "postgres://env-user:env-pass@env-db/app")
        .code(0)
        .run();
    assert!(
        out.stdout.contains("postgres://flag-user:***@flag-db/app  flag --database-url"),
        "{}",
        out.stdout
    );
    for secret in ["file-pass", "prod-pass", "env-pass", "flag-pass"] {
        assert!(!out.stdout.contains(secret), "{}", out.stdout);
    }

    // --verbose says which configuration is in use, password masked.
    let out = dbctl(dir.path())
        .args(["--verbose", "--env", "production", "config", "show"])
        .code(0)
        .run()
        .stderr_has("profile: production; database: postgresql postgres://prod-user:***@prod-db/app");
    assert!(out.stderr.contains("(from file ") && !out.stderr.contains("prod-pass"), "{}", out.stderr);

    let other = project();
    std::fs::write(other.path().join("elsewhere.toml"), "[database]\npool_max = 3\n").unwrap();
    let shown = dbctl(dir.path())
        .args(["config", "show", "--json"])
        .env("DBCTL_CONFIG", other.path().join("elsewhere.toml"))
        .code(0)
        .run()
        .json();
    assert_eq!(setting(&shown, "database.pool_max")["value"], "3");
}

#[test]
fn unknown_key_is_rejected_naming_key_and_file() {
    let dir = project();
    std::fs::write(
        dir.path().join("dbctl.toml"),
        "[database]\nurl = \"sqlite://a.db\"\n\n[backup.s3]\nbukket = \"b\"\n",
    )
    .unwrap();
    for args in [vec!["health"], vec!["config", "check"], vec!["config", "show"]] {
        let out = dbctl(dir.path()).args(&args).code(2).run();
        assert!(
            out.stderr.contains("unknown key `backup.s3.bukket` (did you mean `backup.s3.bucket`?)"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains(&dir.path().join("dbctl.toml").display().to_string()), "{}", out.stderr);
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn malformed_toml_and_bad_values_exit_2_with_the_fix() {
    let dir = project();
    std::fs::write(dir.path().join("dbctl.toml"), "[database\nurl = 1\n").unwrap();
    dbctl(dir.path()).args(["config", "check"]).code(2).run().stderr_has("invalid TOML at line 1");

    std::fs::write(
        dir.path().join("dbctl.toml"),
        "[health]\nlatency_warn = \"soonish\"\nconnections_crit = 120\n",
    )
    .unwrap();
    let out = dbctl(dir.path()).args(["health"]).code(2).run();
    assert!(out.stderr.contains("health.latency_warn"), "{}", out.stderr);
    assert!(out.stderr.contains("`soonish` is not a duration"), "{}", out.stderr);
    assert!(out.stderr.contains("`120` is not a percentage"), "{}", out.stderr);
    std::fs::remove_file(dir.path().join("dbctl.toml")).unwrap();

    dbctl(dir.path())
        .args(["health"])
        .env("REDIS_URL", "http://cache:6379")
        .code(2)
        .run()
        .stderr_has("REDIS_URL (environment, redis.url): `http://cache:6379` is not a Redis URL");
    dbctl(dir.path())
        .args(["config", "check"])
        .env("BACKUP_SCHEDULE", "0 2 * * 9")
        .code(2)
        .run()
        .stderr_has("field 5 (day of week)");
    dbctl(dir.path())
        .args(["health", "--connect-timeout", "fast"])
        .code(2)
        .run()
        .stderr_has("--connect-timeout (flag, database.connect_timeout): `fast` is not a duration");
    dbctl(dir.path()).args(["--config", "nope.toml", "health"]).code(2).run().stderr_has("does not exist");
    dbctl(dir.path()).args(["health", "--bogus"]).code(2).run().stderr_has("--bogus");
}

#[test]
fn config_check_checks_every_profile() {
    let dir = project();
    std::fs::write(
        dir.path().join("dbctl.toml"),
        "[database]\nurl = \"sqlite://app.db\"\n[env.staging]\nprotected = false\n[env.production.backup]\ncompression = \"lz4\"\n",
    )
    .unwrap();
    let out = dbctl(dir.path()).args(["config", "check"]).code(2).run();
    assert!(out.stderr.contains("[env.production] backup.compression"), "{}", out.stderr);
    assert!(out.stderr.contains("`lz4` is not one of gzip, zstd, none"), "{}", out.stderr);

    std::fs::write(
        dir.path().join("dbctl.toml"),
        "[database]\nurl = \"sqlite://app.db\"\n[env.staging]\nprotected = true\n",
    )
    .unwrap();
    dbctl(dir.path()).args(["config", "check"]).code(0).run().stdout_has("profiles checked: staging");
    // Nothing was connected to or created.
    assert!(!dir.path().join("app.db").exists());
}

#[test]
fn example_config_is_complete_and_valid() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("config.example.toml");
    let text = std::fs::read_to_string(&example).unwrap();
    let file = dbctl::settings::ConfigFile::parse(&example, &text).unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<&str> = text.lines().collect();
    for key in dbctl::settings::keys::KEYS {
        let (table, leaf) = key.name.rsplit_once('.').unwrap_or(("", key.name));
        let header = format!("[{table}]");
        let start = if table.is_empty() {
            0
        } else {
            lines
                .iter()
                .position(|l| l.trim() == header)
                .unwrap_or_else(|| panic!("{header} missing from the example"))
        };
        let at = lines[start..]
            .iter()
            .position(|l| l.starts_with(&format!("{leaf} =")) || l.starts_with(&format!("# {leaf} =")))
            .map(|i| i + start)
            .unwrap_or_else(|| panic!("{} is not documented in config.example.toml", key.name));
        let comment: String = lines[..at]
            .iter()
            .rev()
            .take_while(|l| l.starts_with('#'))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!comment.is_empty(), "{} has no comment", key.name);
        for var in key.env {
            assert!(comment.contains(var), "the comment on {} does not name {var}", key.name);
        }
    }
    assert!(!file.profiles.is_empty(), "the example shows a profile");
    let dir = project();
    dbctl(dir.path()).args(["--config"]).args([&example]).args(["config", "check"]).code(0).run();
}

#[test]
fn a_misspelt_profile_is_an_error_not_an_unprotected_run() {
    let dir = project();
    std::fs::write(dir.path().join("dbctl.toml"), "[env.production]\nprotected = true\n[env.staging]\n")
        .unwrap();
    // Before, a warning, and the command ran with the top level's settings, unprotected.
    dbctl(dir.path())
        .args(["--env", "prodution", "migrate", "reset", "--yes"])
        .code(2)
        .run()
        .stderr_has("profile `prodution` is not defined")
        .stderr_has("did you mean `production`?");
    dbctl(dir.path())
        .args(["config", "show"])
        .env("DBCTL_ENV", "nowhere")
        .code(2)
        .run()
        .stderr_has("its profiles: production, staging");
    let bare = project();
    dbctl(bare.path()).args(["--env", "prod", "health"]).code(2).run().stderr_has("there is no dbctl.toml");
}

#[test]
fn errors_are_a_json_document_under_json() {
    let dir = project();
    let out = dbctl(dir.path()).args(["--json", "backup"]).code(2).run();
    let doc: serde_json::Value = serde_json::from_str(out.stdout.trim()).expect("a JSON document on stdout");
    assert_eq!(doc["error"]["exit_code"], 2);
    assert_eq!(doc["error"]["kind"], "configuration");
    assert!(doc["error"]["message"].as_str().unwrap().contains("no database configured"), "{doc}");
    out.stderr_has("error: no database configured");
}

#[test]
fn config_show_says_whether_backups_are_encrypted() {
    let dir = project();
    dbctl(dir.path()).args(["config", "show"]).code(0).run().stdout_has("backups:     NOT ENCRYPTED");
    let shown = dbctl(dir.path())
        .args(["config", "show", "--json"])
        .env("BACKUP_ENCRYPTION_KEY", "a passphrase here")
        .code(0)
        .run()
        .json();
    assert_eq!(shown["backup_encryption"], "passphrase");
    assert!(!shown.to_string().contains("a passphrase here"));
}

/// `config show --changed`: only what is set, not the hundred defaults; the count says so.
#[test]
fn config_show_changed_lists_only_what_is_set() {
    let dir = project();
    std::fs::write(dir.path().join(".env"), "BACKUP_COMPRESSION=zstd\nBACKUP_RETENTION_DAYS=9\n").unwrap();
    let all = dbctl(dir.path()).args(["config", "show", "--json"]).code(0).run().json();
    let total = all["settings"].as_array().unwrap().len();
    let changed = dbctl(dir.path()).args(["config", "show", "--changed", "--json"]).code(0).run().json();
    let mut keys: Vec<&str> =
        changed["settings"].as_array().unwrap().iter().map(|k| k["key"].as_str().unwrap()).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["backup.compression", "backup.retention_days"]);
    let text = dbctl(dir.path()).args(["config", "show", "--changed"]).code(0).run();
    assert!(text.stdout.contains(&format!("2 of {total} settings set")), "{}", text.stdout);
    assert!(
        text.stdout.contains("BACKUP_COMPRESSION in") && !text.stdout.contains("database.pool_max"),
        "{}",
        text.stdout
    );
    // Nothing set: the count alone, no empty table.
    let bare = project();
    let none = dbctl(bare.path()).args(["config", "show", "--changed"]).code(0).run();
    assert!(none.stdout.contains(&format!("0 of {total} settings set")), "{}", none.stdout);
    assert!(!none.stdout.contains("SOURCE"), "{}", none.stdout);
}

#[test]
fn a_libpq_keyword_string_is_a_postgresql_target_and_its_password_is_masked() {
    let pg = crate::support::pg();
    pg.psql(
        "postgres",
        "DO $$ BEGIN CREATE ROLE kv_user LOGIN SUPERUSER PASSWORD 'it''s a p@ss/word#'; \
         EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    );
    pg.psql("postgres", "DROP DATABASE IF EXISTS kv_app");
    pg.psql("postgres", "CREATE DATABASE kv_app OWNER kv_user");
    let p = crate::support::fixtures::seeded(crate::support::Backend::Sqlite, "config_kv");
    let conninfo =
        format!("host=127.0.0.1 port={} dbname=kv_app user=kv_user password='it\\'s a p@ss/word#'", pg.port);
    let run = |args: &[&str]| {
        let out = p
            .cmd()
            .args(args)
            .env("DATABASE_URL", &conninfo)
            .any_code("each call checks its exit code")
            .run();
        for leak in ["p@ss/word", "p%40ss"] {
            assert!(!out.stdout.contains(leak) && !out.stderr.contains(leak), "{out:?}");
        }
        out
    };
    run(&["migrate"]).code(0);
    assert!(pg.psql("kv_app", "SELECT count(*) FROM users").trim().parse::<u32>().is_ok());
    run(&["health"]).code(0).stdout_has("postgresql://kv_user:***@127.0.0.1");
    let m = run(&["backup", "--json", "--no-encryption"]).code(0).json();
    assert_eq!(m["database"], "kv_app");
    assert_eq!(m["backend"], "postgresql");
    run(&["config", "show"]).code(0).stdout_has("password=***");
    // A broken string is a configuration error that quotes no value.
    let broken = format!("host=127.0.0.1 port={} dbname=kv_app password='p@ss/word", pg.port);
    let out = p.cmd().args(["health"]).env("DATABASE_URL", &broken).code(2).run();
    assert!(out.stderr.contains("has no closing quote"), "{}", out.stderr);
    assert!(!out.stderr.contains("p@ss/word"), "{}", out.stderr);
}

#[test]
fn dot_env_files_are_read_under_the_real_environment_as_prisma_reads_them() {
    let p = crate::support::fixtures::seeded(crate::support::Backend::Sqlite, "config_dotenv");
    let db = p.sqlite_file();
    // No DATABASE_URL in the environment: the project's .env gives it.
    std::fs::write(
        p.path().join(".env"),
        format!(
            "# the app's settings\nexport DB_FILE={}\nDATABASE_URL=\"sqlite://${{DB_FILE}}\"\n",
            db.display()
        ),
    )
    .unwrap();
    let run = |args: &[&str]| {
        crate::support::dbctl(p.path()).args(args).any_code("each call checks its exit code").run()
    };
    run(&["migrate", "--check"]).code(0);
    let shown = run(&["config", "show", "--json"]).code(0).json();
    let url =
        shown["settings"].as_array().unwrap().iter().find(|s| s["key"] == "database.url").unwrap().clone();
    assert_eq!(url["source"], "env_file", "{url}");
    assert!(url["origin"].as_str().unwrap().ends_with(".env"), "{url}");
    // The real environment wins over the file.
    crate::support::dbctl(p.path())
        .args(["config", "show"])
        .env("DATABASE_URL", "sqlite::memory:")
        .code(0)
        .run()
        .stdout_has("sqlite::memory:");
    // prisma/.env too; a variable the two files give different values is refused.
    std::fs::create_dir_all(p.path().join("prisma")).unwrap();
    std::fs::write(p.path().join("prisma/.env"), "REDIS_URL=redis://127.0.0.1:1/0\n").unwrap();
    run(&["config", "show"]).code(0).stdout_has("redis://127.0.0.1:1/0");
    std::fs::write(p.path().join("prisma/.env"), "DATABASE_URL=sqlite::memory:\n").unwrap();
    run(&["config", "show"]).code(2).stderr_has("DATABASE_URL has different values in");
    std::fs::remove_file(p.path().join("prisma/.env")).unwrap();
    // A line dotenv skips is a warning naming the file and the line, never its text; the rest
    // of the file still counts.
    std::fs::write(
        p.path().join(".env"),
        format!("A=1\nSECRET hunter2 and more\nDATABASE_URL=sqlite://{}\n", db.display()),
    )
    .unwrap();
    let out = run(&["migrate", "--check"]).code(0);
    assert!(out.stderr.contains(".env:2: this line is not NAME=value"), "{}", out.stderr);
    assert!(out.stderr.contains("starts with SECRET"), "{}", out.stderr);
    assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
    // --env-file (or DBCTL_ENV_FILE) names another file, which must exist.
    std::fs::write(p.path().join("ci.env"), format!("DATABASE_URL=sqlite://{}\n", db.display())).unwrap();
    run(&["--env-file", "ci.env", "migrate", "--check"]).code(0);
    crate::support::dbctl(p.path())
        .args(["migrate", "--check"])
        .env("DBCTL_ENV_FILE", "ci.env")
        .code(0)
        .run();
    run(&["--env-file", "nope.env", "migrate", "--check"])
        .code(2)
        .stderr_has("cannot read the environment file");
}

#[test]
fn the_applications_backup_booleans_work_and_unknown_backup_variables_are_named() {
    let p = crate::support::fixtures::seeded(crate::support::Backend::Sqlite, "config_backup_env");
    let out = p
        .cmd()
        .args(["backup", "--json"])
        .env("BACKUP_COMPRESSION", "true")
        .env("BACKUP_ENCRYPTION", "false")
        .env("BACKUP_LOCAL", "true")
        .env("BACKUP_RETENTION_DAYS", "30")
        .env("BACKUP_S3_BUKET", "typo")
        .code(0)
        .run();
    // Also under --quiet, which keeps problems: a cron job's log shows the typo.
    p.cmd()
        .args(["-q", "backup"])
        .env("BACKUP_S3_BUKET", "typo")
        .code(0)
        .run()
        .stderr_has("BACKUP_S3_BUKET is set");
    let m = out.json();
    assert_eq!(m["compression"], "gzip");
    // `true` is the default directory, not one named `true`.
    assert!(p.path().join("backups").join(m["artifact"].as_str().unwrap()).is_file());
    assert!(!p.path().join("true").exists());
    assert!(
        out.stderr.contains("BACKUP_S3_BUKET is set, but no setting of dbctl reads it"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("did you mean BACKUP_S3_BUCKET?"), "{}", out.stderr);
    // false compresses nothing; local off with nowhere else to go is an error that says so.
    let none = p.cmd().args(["backup", "--json"]).env("BACKUP_COMPRESSION", "false").code(0).run().json();
    assert_eq!(none["compression"], "none");
    p.cmd().args(["backup"]).env("BACKUP_LOCAL", "false").code(2).run().stderr_has("no other destination");
}

/// dbctl reads environment files as Node's dotenv does: thousands of generated files (quotes of
/// each kind, unclosed ones, multi-line values, comments, `export`, `NAME: value`, CRLF, Unicode
/// spaces, a byte-order mark) read by dotenv 16.6.1 itself (scripts/setup --test installs it) and
/// by dbctl give the same variables.
#[test]
fn environment_files_read_as_node_dotenv_reads_them() {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from).unwrap_or_default();
    let cache =
        std::env::var_os("XDG_CACHE_HOME").map_or_else(|| home.join(".cache"), std::path::PathBuf::from);
    let modules = cache.join("dbctl-test/dotenv-16.6.1/node_modules");
    assert!(
        modules.join("dotenv/package.json").is_file() && crate::support::find_in_path("node").is_some(),
        "Node and dotenv 16.6.1 are needed: run scripts/setup --test (apt-get install nodejs npm; npm install \
         --prefix {} dotenv@16.6.1)",
        modules.parent().unwrap().display()
    );
    let names =
        ["A", "B_1", "export C", "  D", "E.x", "f-g", "9H", "\u{feff}K", "\u{2003}L", "M\u{a0}", "X Y"];
    let seps = ["=", " = ", ": ", ":", " =", "= "];
    let values = [
        "v",
        "a b",
        "a#b",
        "a #b",
        "'q'",
        "\"d\\nx\"",
        "`b`",
        "'un",
        "\"un",
        "'m\nl'",
        "\"m\nl\\\"\"",
        "x'y'",
        "  sp  ",
        "\"a\" # c",
        "'a' b",
        "${A}",
        "=",
        "a=b",
        "\t",
        "\u{a0}x\u{a0}",
        "''",
        "\"\"",
        "`a\nb`",
        "0 2 * * *          # Daily at 2 AM",
        "'[\n  {\n    \"id\": \"master-1\"\n  }\n]'",
    ];
    let tails = ["", "", " # tail", "\r"];
    let odd = ["# comment", "", "   ", "garbage line", "KEY", "=v"];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut pick = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let dir = crate::support::project();
    let mut files = Vec::new();
    for n in 0..2000 {
        let mut lines = Vec::new();
        for _ in 0..1 + pick(6) {
            if pick(10) == 0 {
                lines.push(odd[pick(odd.len())].to_string());
            } else {
                lines.push(format!(
                    "{}{}{}{}",
                    names[pick(names.len())],
                    seps[pick(seps.len())],
                    values[pick(values.len())],
                    tails[pick(tails.len())]
                ));
            }
        }
        let text = lines.join("\n") + ["", "\n", "\r\n"][pick(3)];
        let name = format!("{n}.env");
        std::fs::write(dir.path().join(&name), &text).unwrap();
        files.push((name, text));
    }
    let script = "const d = require('dotenv'), fs = require('fs'), dir = process.argv[1], out = {};\
                  for (const f of fs.readdirSync(dir)) out[f] = d.parse(fs.readFileSync(dir + '/' + f));\
                  process.stdout.write(JSON.stringify(out));";
    let node = std::process::Command::new("node")
        .args(["-e", script])
        .arg(dir.path())
        .env("NODE_PATH", &modules)
        .output()
        .unwrap();
    assert!(node.status.success(), "{}", String::from_utf8_lossy(&node.stderr));
    let theirs: serde_json::Value = serde_json::from_slice(&node.stdout).unwrap();
    let mut differ = Vec::new();
    for (name, text) in &files {
        let parsed = dbctl::settings::envfile::parse(std::path::Path::new(name), text);
        let mut ours = serde_json::Map::new();
        for (k, v) in parsed.vars {
            ours.insert(k, serde_json::Value::String(v));
        }
        if theirs[name] != serde_json::Value::Object(ours.clone()) {
            differ.push(format!(
                "{text:?}\n  dotenv: {}\n  dbctl:  {}",
                theirs[name],
                serde_json::Value::Object(ours)
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} files read differently, e.g.\n{}",
        differ.len(),
        files.len(),
        differ[..differ.len().min(3)].join("\n")
    );
}

#[test]
fn config_check_refuses_an_unknown_word_from_every_layer() {
    let dir = project();
    let check = |env: &[(&str, &str)]| {
        let mut run = dbctl(dir.path()).args(["config", "check"]);
        for (k, v) in env {
            run = run.env(k, v);
        }
        run.any_code("each call checks its exit code").run()
    };
    std::fs::write(dir.path().join("dbctl.toml"), "[backup]\nlock = \"redsi\"\nformat = \"custon\"\n")
        .unwrap();
    check(&[])
        .code(2)
        .stderr_has("backup.lock (file ")
        .stderr_has("`redsi` is not one of file, redis; did you mean `redis`?")
        .stderr_has("`custon` is not one of plain, custom; did you mean `custom`?");
    std::fs::write(dir.path().join("dbctl.toml"), "").unwrap();
    check(&[("BACKUP_FROM", "replcia")])
        .code(2)
        .stderr_has("BACKUP_FROM (environment, backup.from): `replcia` is not one of primary, replica");
    std::fs::write(dir.path().join(".env"), "BACKUP_ENGINE=comand\n").unwrap();
    check(&[]).code(2).stderr_has("`comand` is not one of auto, database, command; did you mean `command`?");
    std::fs::remove_file(dir.path().join(".env")).unwrap();
    std::fs::write(
        dir.path().join("dbctl.toml"),
        "[migrations]\nformat = \"prsima\"\n[hooks]\ntimeout = \"later\"\n[notify]\nwebhook = \"ftp://x/\"\n",
    )
    .unwrap();
    check(&[])
        .code(2)
        .stderr_has("`prsima` is not one of auto, diesel, prisma")
        .stderr_has("hooks.timeout (file ")
        .stderr_has("notify.webhook (file ");
    // Flags are values too: clap names the accepted ones.
    dbctl(dir.path()).args(["--log-format", "jsn", "config", "check"]).code(2).run().stderr_has("json");
}
