//! The five applications dbctl serves, each rebuilt from its own document (`.env` blocks, Prisma
//! schema and migrations where the document puts them, copied as the documents write them), then
//! used as its team would: migrate, backup to every destination it configures, list, verify,
//! restore into a new database, health, and the installed cron line run as cron runs it. No
//! project file is changed by any of it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{Outcome, Run, dbctl, gcs, pg, project, s3};

/// Writes `files` (path → text) under `root`.
fn write_tree(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The sha256 of each of the project's own files, to show that none was changed.
fn fingerprint(root: &Path, files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(path, _)| {
            let bytes = std::fs::read(root.join(path)).unwrap();
            (path.to_string(), hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes)))
        })
        .collect()
}

/// A command line as cron runs it: `sh -c`, an environment with nothing but PATH.
fn as_cron(command: &str) -> Outcome {
    Outcome::from(
        std::process::Command::new("sh")
            .args(["-c", command])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .output()
            .unwrap(),
    )
}

/// The line `schedule install --cron` printed for the backup, without its schedule fields.
fn cron_command(install: &Outcome, fields: &str) -> String {
    let line = install
        .stdout
        .lines()
        .find(|l| l.starts_with(fields))
        .unwrap_or_else(|| panic!("no `{fields}` line:\n{}", install.stdout));
    let command = line[fields.len()..].trim_start().to_string();
    assert!(!command.contains("set -a") && !command.contains(" . "), "nothing is sourced by sh: {command}");
    command
}

fn backups_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
        .unwrap_or_default();
    names.retain(|n| !n.starts_with('.') && !n.ends_with(".manifest.json") && !n.ends_with(".verify.json"));
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------------
// 004: CodePal. SQLite in development, PostgreSQL in production; the document's env blocks.

/// The document's "Backup Strategy > Configuration" block, as written.
const CODEPAL_BACKUP_BLOCK: &str = "# Backup Configuration
BACKUP_SCHEDULE=0 2 * * *          # Daily at 2 AM
BACKUP_RETENTION_DAYS=30           # Keep 30 days
BACKUP_COMPRESSION=true            # Enable compression
BACKUP_ENCRYPTION=true             # Enable encryption
BACKUP_ENCRYPTION_KEY=your-key     # Encryption key

# Storage Configuration
BACKUP_LOCAL=true                  # Local storage
BACKUP_S3_BUCKET=your-bucket       # S3 bucket
BACKUP_S3_REGION=us-east-1         # S3 region
BACKUP_S3_ACCESS_KEY=your-key      # S3 access key
BACKUP_S3_SECRET_KEY=your-secret   # S3 secret key

# Google Cloud Storage
BACKUP_GCS_BUCKET=your-bucket      # GCS bucket
BACKUP_GCS_PROJECT_ID=your-project # GCS project
BACKUP_GCS_KEY_FILE=path/to/key    # GCS key file
";

/// The document's "Replication Strategy > Configuration" block, as written.
const CODEPAL_REPLICATION_BLOCK: &str = r#"# Replication Configuration
REPLICATION_ENABLED=true
REPLICATION_MODE=master-slave
REPLICATION_SYNC_INTERVAL=30000
REPLICATION_CONFLICT_RESOLUTION=last-write-wins

# Node Configuration (JSON)
REPLICATION_NODES='[
  {
    "id": "master-1",
    "host": "db-master-1.example.com",
    "port": 5432,
    "role": "master",
    "priority": 1
  },
  {
    "id": "slave-1",
    "host": "db-slave-1.example.com",
    "port": 5432,
    "role": "slave",
    "priority": 2
  }
]'

# Health Check Configuration
REPLICATION_HEALTH_CHECK=true
REPLICATION_HEALTH_INTERVAL=10000
REPLICATION_HEALTH_TIMEOUT=5000
"#;

const CODEPAL_SCHEMA: &str = r#"generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "sqlite"
  url      = env("DATABASE_URL")
}
"#;

/// The three migrations of the document's "Migration History", as Prisma writes them for SQLite.
const CODEPAL_MIGRATIONS: [(&str, &str); 3] = [
    (
        "prisma/migrations/20250709035454_init_auth/migration.sql",
        r#"-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "email" TEXT,
    "role" TEXT NOT NULL DEFAULT 'USER'
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
"#,
    ),
    (
        "prisma/migrations/20250709040211_add_user_password/migration.sql",
        r#"-- AlterTable
ALTER TABLE "User" ADD COLUMN "hashedPassword" TEXT;

-- CreateTable
CREATE TABLE "APIKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
"#,
    ),
    (
        "prisma/migrations/20250709202604_add_project_models/migration.sql",
        r#"-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "ownerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "settings" TEXT
);

-- CreateTable
CREATE TABLE "ProjectMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "permissions" TEXT
);

-- CreateTable
CREATE TABLE "ProjectFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT,
    "size" INTEGER NOT NULL DEFAULT 0
);
"#,
    ),
];

#[test]
fn codepal_works_on_its_own_env_file_sqlite_three_destinations_and_cron() {
    let root = project();
    let root = root.path();
    let env =
        format!("DATABASE_URL=\"file:./dev.db\"\n\n{CODEPAL_BACKUP_BLOCK}\n{CODEPAL_REPLICATION_BLOCK}");
    let mut files: Vec<(&str, &str)> = vec![
        (".env", &env),
        ("prisma/schema.prisma", CODEPAL_SCHEMA),
        ("prisma/migrations/migration_lock.toml", "provider = \"sqlite\"\n"),
    ];
    files.extend(CODEPAL_MIGRATIONS);
    write_tree(root, &files);
    let before = fingerprint(root, &files);
    // The document's placeholders, made real outside the project's files: the buckets exist in
    // the emulators, the key file is where BACKUP_GCS_KEY_FILE says.
    s3().create_bucket("your-bucket");
    gcs().create_bucket("your-bucket");
    std::fs::create_dir_all(root.join("path/to")).unwrap();
    std::fs::copy(gcs().key_file(), root.join("path/to/key")).unwrap();
    let endpoints = [("AWS_ENDPOINT_URL", s3().endpoint()), ("BACKUP_GCS_ENDPOINT_URL", gcs().endpoint())];
    let run = |args: &[&str]| -> Run {
        let mut r = dbctl(root).args(args);
        for (k, v) in &endpoints {
            r = r.env(k, v);
        }
        r
    };

    // The file as dotenv reads it: the schedule without its comment, the nodes as servers.
    let shown = run(&["config", "show", "--json"]).run().code(0).json();
    let value = |key: &str| {
        shown["settings"].as_array().unwrap().iter().find(|s| s["key"] == key).unwrap()["value"].clone()
    };
    assert_eq!(value("backup.schedule"), "0 2 * * *");
    assert_eq!(value("backup.retention_days"), "30");
    assert!(
        shown["database"].as_str().unwrap().contains(&format!("{}/prisma/dev.db", root.display())),
        "{shown:#}"
    );
    assert!(shown["migrations"].as_str().unwrap().contains("prisma/migrations"), "{shown:#}");
    let names: Vec<&str> = shown["backup_destinations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["local", "s3", "gcs"]);

    // Migrations: pending for CI, then applied, as `prisma migrate deploy` would.
    let status = run(&["migrate", "status"]).run().code(0);
    assert!(status.stdout.contains("20250709202604_add_project_models"), "{}", status.stdout);
    // Nodes without a URL and no PostgreSQL DATABASE_URL to complete them: a warning, not a failure.
    let check = run(&["migrate", "--check"]).run().code(10);
    assert!(check.stderr.contains("REPLICATION_NODES node #1 (`master-1`)"), "{}", check.stderr);
    run(&["migrate"]).run().code(0);
    run(&["migrate", "--check"]).run().code(0);
    let db = root.join("prisma/dev.db");
    let sqlite = |file: &Path, sql: &str| {
        let out = std::process::Command::new("sqlite3").arg(file).arg(sql).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    sqlite(
        &db,
        "INSERT INTO \"User\" (id, name, email) VALUES ('u1', 'Ada', 'ada@example.com'), ('u2', 'Bob', NULL)",
    );

    // A backup to the three destinations the block configures; the placeholder passphrase is
    // said, with the fix.
    let out = run(&["backup"]).run().code(0);
    assert!(out.stderr.contains("a placeholder from documentation"), "{}", out.stderr);
    assert!(out.stderr.contains("age1"), "{}", out.stderr);
    assert!(!out.stderr.contains("your-key"), "the key is never printed: {}", out.stderr);
    let artifact = out.stdout.split_whitespace().nth(1).unwrap().to_string();
    assert!(artifact.starts_with("dev-") && artifact.ends_with(".sqlite3.gz.age"), "{}", out.stdout);
    assert_eq!(backups_in(&root.join("backups")), [artifact.clone()]);
    assert!(s3().keys("your-bucket").contains(&artifact));
    assert!(gcs().objects("your-bucket").contains(&artifact));

    run(&["backup", "list"]).run().code(0).stdout_has(&artifact);
    run(&["backup", "verify", "latest"]).run().code(0);
    for from in ["local", "s3", "gcs"] {
        let to = root.join(format!("restored-{from}.db"));
        run(&["restore", "latest", "--destination", from, "--create", "--to", to.to_str().unwrap()])
            .run()
            .code(0);
        assert_eq!(sqlite(&to, "SELECT count(*) FROM \"User\""), "2\n", "restored from {from}");
    }
    let report = run(&["health", "--json"]).run().code(0).json();
    let checks = report["checks"].as_array().unwrap();
    for component in ["database", "migrations", "backups"] {
        assert!(checks.iter().any(|c| c["component"] == component), "{report:#}");
    }
    assert!(checks.iter().all(|c| c["status"] == "ok"), "{report:#}");
    let destinations = checks.iter().filter(|c| c["name"] == "storage").count();
    assert_eq!(destinations, 3, "each destination checked: {report:#}");

    // The cron job, as `schedule install` prints it, on a copy of the app's .env (as the README
    // says; the emulators' endpoints added), run under sh with nothing in its environment.
    let job_env = root.join("dbctl.env");
    let mut text = env.clone();
    for (k, v) in &endpoints {
        text.push_str(&format!("{k}={v}\n"));
    }
    std::fs::write(&job_env, text).unwrap();
    let install =
        run(&["schedule", "install", "--cron", "--env-file", job_env.to_str().unwrap()]).run().code(0);
    let command = cron_command(&install, "0 2 * * *");
    assert!(command.contains(&format!("--env-file {}", job_env.display())), "{command}");
    let cron = as_cron(&command);
    assert_eq!(cron.code, 0, "{}\n{}", cron.stdout, cron.stderr);
    let made = backups_in(&root.join("backups"));
    assert_eq!(made.len(), 2, "the job made the second backup: {made:?}");

    assert_eq!(fingerprint(root, &files), before, "no project file changed");
}
