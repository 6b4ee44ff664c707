//! The five applications dbctl serves, each rebuilt from its own document (`.env` blocks, Prisma
//! schema and migrations where the document puts them, copied as the documents write them), then
//! used as its team would: migrate, backup to every destination it configures, list, verify,
//! restore into a new database, health, and the installed cron line run as cron runs it. No
//! project file is changed by any of it.

use std::collections::BTreeMap;
use std::path::Path;

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

/// What every PostgreSQL application goes through, with its `.env` in `root` giving
/// DATABASE_URL (database `database`) and REDIS_URL: migrate (`migration` pending, then applied),
/// a row, backup, list, verify, restore into a new database (`probe` reads the same there),
/// health with Redis, and the nightly job installed on the project's own .env, run as cron runs it.
fn postgres_app_round_trip(root: &Path, database: &str, migration: &str, probe: &str) {
    let run = |args: &[&str]| dbctl(root).args(args).any_code("each call checks its exit code").run();
    run(&["migrate", "status"]).code(0).stdout_has(migration);
    run(&["migrate", "--check"]).code(10);
    run(&["migrate"]).code(0);
    run(&["migrate", "--check"]).code(0);
    pg().psql(database, "INSERT INTO \"User\" (id, email) VALUES ('u1', 'ada@example.com')");
    let want = pg().psql(database, probe);
    run(&["backup"]).code(0);
    run(&["backup", "list"]).code(0).stdout_has(database);
    run(&["backup", "verify", "latest"]).code(0);
    let copy = pg().create_database(&format!("{database}_restored"));
    run(&["restore", "latest", "--to", &copy]).code(0);
    assert_eq!(pg().psql(copy.rsplit('/').next().unwrap(), probe), want);
    let report = run(&["health", "--json"]).json();
    let redis: Vec<&serde_json::Value> =
        report["checks"].as_array().unwrap().iter().filter(|c| c["component"] == "redis").collect();
    assert!(!redis.is_empty() && redis.iter().all(|c| c["status"] == "ok"), "{report:#}");

    let env_file = root.join(".env");
    let install = dbctl(root)
        .args(["schedule", "install", "--cron", "--env-file", env_file.to_str().unwrap()])
        .env("BACKUP_SCHEDULE", "0 3 * * *")
        .code(0)
        .run();
    let cron = as_cron(&cron_command(&install, "0 3 * * *"));
    assert_eq!(cron.code, 0, "{}\n{}", cron.stdout, cron.stderr);
    assert_eq!(backups_in(&root.join("backups")).len(), 2, "the job made the second backup");
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
    let shown = run(&["config", "show", "--json"]).code(0).run().json();
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
    let status = run(&["migrate", "status"]).code(0).run();
    assert!(status.stdout.contains("20250709202604_add_project_models"), "{}", status.stdout);
    // Nodes without a URL and no PostgreSQL DATABASE_URL to complete them: a warning, not a failure.
    let check = run(&["migrate", "--check"]).code(10).run();
    assert!(
        check.stderr.contains("REPLICATION_NODES node #1 (`master-1`) and node #2 (`slave-1`)"),
        "{}",
        check.stderr
    );
    // Only the commands that use servers fail on them, and say how to opt out.
    let fleet = run(&["--all-servers", "health"]).code(2).run();
    assert!(fleet.stderr.contains("--all-servers needs the servers"), "{}", fleet.stderr);
    assert!(fleet.stderr.contains("DBCTL_REPLICATION_NODES=false"), "{}", fleet.stderr);
    run(&["migrate"]).code(0).run();
    run(&["migrate", "--check"]).code(0).run();
    // Prisma's SQLite times (integer milliseconds) read as every other ledger's.
    let status = run(&["migrate", "status", "--json"]).code(0).run().json();
    let at = status["migrations"][0]["applied_at"].as_str().unwrap().to_string();
    assert!(at.len() == 20 && at.as_bytes()[10] == b'T' && at.ends_with('Z'), "{at}");
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
    let out = run(&["backup"]).code(0).run();
    assert!(out.stderr.contains("a placeholder from documentation"), "{}", out.stderr);
    assert!(out.stderr.contains("age1"), "{}", out.stderr);
    assert!(!out.stderr.contains("your-key"), "the key is never printed: {}", out.stderr);
    let artifact = out.stdout.split_whitespace().nth(1).unwrap().to_string();
    assert!(artifact.starts_with("dev-") && artifact.ends_with(".sqlite3.gz.age"), "{}", out.stdout);
    assert_eq!(backups_in(&root.join("backups")), std::slice::from_ref(&artifact));
    assert!(s3().keys("your-bucket").contains(&artifact));
    assert!(gcs().objects("your-bucket").contains(&artifact));

    run(&["backup", "list"]).code(0).run().stdout_has(&artifact);
    run(&["backup", "verify", "latest"]).code(0).run();
    for from in ["local", "s3", "gcs"] {
        let to = root.join(format!("restored-{from}.db"));
        run(&["restore", "latest", "--destination", from, "--create", "--to", to.to_str().unwrap()])
            .code(0)
            .run();
        assert_eq!(sqlite(&to, "SELECT count(*) FROM \"User\""), "2\n", "restored from {from}");
    }
    let report = run(&["health", "--json"]).code(0).run().json();
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
        run(&["schedule", "install", "--cron", "--env-file", job_env.to_str().unwrap()]).code(0).run();
    let command = cron_command(&install, "0 2 * * *");
    assert!(command.contains(&format!("--env-file {}", job_env.display())), "{command}");
    let cron = as_cron(&command);
    assert_eq!(cron.code, 0, "{}\n{}", cron.stdout, cron.stderr);
    let made = backups_in(&root.join("backups"));
    assert_eq!(made.len(), 2, "the job made the second backup: {made:?}");

    assert_eq!(fingerprint(root, &files), before, "no project file changed");
}

// ---------------------------------------------------------------------------------------------
// 003: a pnpm monorepo on PostgreSQL 16; the backend's Prisma project in apps/backend, CI at the
// repository's root.

/// The document's schema, as written.
const MONOREPO_SCHEMA: &str = r#"// apps/backend/prisma/schema.prisma

generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

enum UserRole {
  USER
  ADMIN
}

model User {
  id          String    @id @default(cuid())
  email       String    @unique
  role        UserRole  @default(USER)
  isActive    Boolean   @default(true)
  lastLoginAt DateTime?
  createdAt   DateTime  @default(now())
  updatedAt   DateTime  @updatedAt

  magicLinks  MagicLink[]
  sessions    Session[]
}

model MagicLink {
  id        String    @id @default(cuid())
  token     String    @unique
  email     String
  expiresAt DateTime
  usedAt    DateTime?
  createdAt DateTime  @default(now())

  userId    String?
  user      User?     @relation(fields: [userId], references: [id])

  @@index([token])
  @@index([expiresAt])
}

model Session {
  id           String   @id @default(cuid())
  accessToken  String   @unique
  refreshToken String   @unique
  expiresAt    DateTime
  createdAt    DateTime @default(now())

  userId       String
  user         User     @relation(fields: [userId], references: [id], onDelete: Cascade)

  @@index([accessToken])
  @@index([refreshToken])
  @@index([expiresAt])
}
"#;

/// That schema's first migration, as `prisma migrate dev` writes it for PostgreSQL.
const MONOREPO_INIT: &str = r#"-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('USER', 'ADMIN');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "UserRole" NOT NULL DEFAULT 'USER',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MagicLink" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT,

    CONSTRAINT "MagicLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "accessToken" TEXT NOT NULL,
    "refreshToken" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "MagicLink_token_key" ON "MagicLink"("token");

-- CreateIndex
CREATE INDEX "MagicLink_token_idx" ON "MagicLink"("token");

-- CreateIndex
CREATE INDEX "MagicLink_expiresAt_idx" ON "MagicLink"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Session_accessToken_key" ON "Session"("accessToken");

-- CreateIndex
CREATE UNIQUE INDEX "Session_refreshToken_key" ON "Session"("refreshToken");

-- CreateIndex
CREATE INDEX "Session_accessToken_idx" ON "Session"("accessToken");

-- CreateIndex
CREATE INDEX "Session_refreshToken_idx" ON "Session"("refreshToken");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- AddForeignKey
ALTER TABLE "MagicLink" ADD CONSTRAINT "MagicLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
"#;

/// The document's "Add to package.json" block, as written.
const MONOREPO_BACKEND_PACKAGE: &str = r#"{
  "prisma": {
    "seed": "ts-node prisma/seed.ts"
  }
}
"#;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git").args(args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_monorepo_backend_works_from_the_repository_root_with_schema_and_dash_c() {
    let root = project();
    let root = root.path();
    let url = pg().create_database("app_monorepo");
    let database = url.rsplit('/').next().unwrap().to_string();
    let env = format!("DATABASE_URL=\"{url}?schema=public\"\n");
    let files: Vec<(&str, &str)> = vec![
        ("package.json", "{ \"name\": \"fullstack-app\", \"private\": true }\n"),
        ("apps/backend/package.json", MONOREPO_BACKEND_PACKAGE),
        ("apps/backend/.env", &env),
        ("apps/backend/prisma/schema.prisma", MONOREPO_SCHEMA),
        ("apps/backend/prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n"),
        ("apps/backend/prisma/migrations/20250101000000_init/migration.sql", MONOREPO_INIT),
    ];
    write_tree(root, &files);
    git(root, &["init", "-q"]);
    let before = fingerprint(root, &files);
    let at_root = |args: &[&str]| dbctl(root).args(args).env("DATABASE_URL", format!("{url}?schema=public"));
    let in_backend = |args: &[&str]| dbctl(root).args(["-C", "apps/backend"]).args(args);
    let schema = "apps/backend/prisma/schema.prisma";

    // From the root with no hint of where the project is: a configuration error pointing at
    // --schema, never at `migrate new`.
    let lost = at_root(&["migrate", "--check"]).code(2).run();
    assert!(lost.stderr.contains("--schema"), "{}", lost.stderr);
    // CI at the root: --schema as Prisma's; --migrations-dir names the folder alone.
    at_root(&["--schema", schema, "migrate", "--check"]).code(10).run();
    at_root(&["--migrations-dir", "apps/backend/prisma/migrations", "migrate", "status"])
        .code(0)
        .run()
        .stdout_has("20250101000000_init");
    // -C: as if started in apps/backend, whose .env gives the database.
    in_backend(&["migrate"]).code(0).run();
    at_root(&["--schema", schema, "migrate", "--check"]).code(0).run();
    pg().psql(
        &database,
        "INSERT INTO \"User\" (id, email, \"updatedAt\") VALUES ('u1', 'ada@example.com', now()), \
         ('u2', 'bob@example.com', now())",
    );

    // Backups in apps/backend/backups, inside the work tree: ignored by git, and said once.
    let made = in_backend(&["backup"]).code(0).run();
    assert!(made.stderr.contains("inside the git work tree"), "{}", made.stderr);
    assert_eq!(
        std::fs::read_to_string(root.join("apps/backend/backups/.gitignore")).unwrap().lines().last(),
        Some("*")
    );
    git(root, &["add", "-A"]);
    let staged = git(root, &["diff", "--cached", "--name-only"]);
    assert!(!staged.contains("backups/"), "no backup is one `git add -A` from a commit: {staged}");
    let again = in_backend(&["backup"]).code(0).run();
    assert!(!again.stderr.contains("inside the git work tree"), "said once: {}", again.stderr);

    in_backend(&["backup", "list"]).code(0).run().stdout_has(&database);
    in_backend(&["backup", "verify", "latest"]).code(0).run();
    // A role that may not create databases is told how to proceed.
    pg().psql(
        "postgres",
        "DO $$ BEGIN CREATE ROLE monorepo_app LOGIN NOCREATEDB PASSWORD 'app-Pw-5521'; \
         EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    );
    let as_app = format!("postgresql://monorepo_app:app-Pw-5521@127.0.0.1:{}/monorepo_new", pg().port);
    let refused = in_backend(&["restore", "latest", "--create", "--to", &as_app]).code(1).run();
    assert!(refused.stderr.contains("createdb -O monorepo_app monorepo_new"), "{}", refused.stderr);
    assert!(refused.stderr.contains("without --create"), "{}", refused.stderr);
    assert!(!refused.stderr.contains("app-Pw-5521"), "{}", refused.stderr);
    let copy = pg().create_database("app_monorepo_restored");
    in_backend(&["restore", "latest", "--to", &copy]).code(0).run();
    let restored = copy.rsplit('/').next().unwrap();
    assert_eq!(pg().psql(restored, "SELECT count(*) FROM \"User\"").trim(), "2");
    // The URL as the project writes it (Prisma's `?schema=public`), password masked.
    let shown = in_backend(&["health"])
        .any_code("health's exit code is its worst check; the checks are asserted one by one")
        .run();
    assert!(
        shown.stdout.contains("?schema=public") && !shown.stdout.contains("search_path"),
        "{}",
        shown.stdout
    );
    let report = in_backend(&["health", "--json"]).health_report();
    let checks = report["checks"].as_array().unwrap();
    let pending = checks.iter().find(|c| c["component"] == "migrations").unwrap();
    assert_eq!(pending["status"], "ok", "{report:#}");

    // The nightly job from the root, for the backend: -C is the job's directory, the backend's
    // .env its environment file; run as cron runs it.
    let install = dbctl(root)
        .args(["-C", "apps/backend", "schedule", "install", "--cron", "--env-file", ".env"])
        .env("BACKUP_SCHEDULE", "15 1 * * *")
        .code(0)
        .run();
    let command = cron_command(&install, "15 1 * * *");
    assert!(command.contains(&format!("cd {}", root.join("apps/backend").display())), "{command}");
    let cron = as_cron(&command);
    assert_eq!(cron.code, 0, "{}\n{}", cron.stdout, cron.stderr);
    assert_eq!(backups_in(&root.join("apps/backend/backups")).len(), 3, "the job made the third backup");

    // The project seeds with `prisma db seed`: said, not "create seeds/common/".
    let seed = in_backend(&["seed"]).code(2).run();
    assert!(seed.stderr.contains("this project seeds with `prisma db seed`"), "{}", seed.stderr);
    assert!(!seed.stderr.contains("migrate new"), "{}", seed.stderr);

    assert_eq!(fingerprint(root, &files), before, "no project file changed");
}

// ---------------------------------------------------------------------------------------------
// 000: the cloud IDE; its schema in server/database/ (named by package.json), migrations beside it,
// PostgreSQL and Redis.

#[test]
fn the_ides_migrations_beside_its_schema_are_found_and_its_cron_job_runs() {
    let root = project();
    let root = root.path();
    let url = pg().create_database("app_ide");
    let database = url.rsplit('/').next().unwrap().to_string();
    let env = format!("DATABASE_URL=\"{url}?schema=public\"\nREDIS_URL={}\n", crate::support::redis().url());
    // The document's migration example, as written: `20250127120000_add_user_table/migration.sql`.
    let files: Vec<(&str, &str)> = vec![
        (
            "package.json",
            "{\n  \"name\": \"coder-ide-server\",\n  \"prisma\": { \"schema\": \"server/database/schema.prisma\" }\n}\n",
        ),
        (".env", &env),
        (
            "server/database/schema.prisma",
            "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id    String @id @default(cuid())\n  email String @unique\n}\n",
        ),
        ("server/database/migrations/migration_lock.toml", "provider = \"postgresql\"\n"),
        (
            "server/database/migrations/20250127120000_add_user_table/migration.sql",
            "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" TEXT NOT NULL,\n    \"email\" TEXT NOT NULL,\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n",
        ),
    ];
    write_tree(root, &files);
    let before = fingerprint(root, &files);
    dbctl(root)
        .args(["config", "show"])
        .code(0)
        .run()
        .stdout_has("beside the Prisma schema server/database/schema.prisma");
    postgres_app_round_trip(root, &database, "20250127120000_add_user_table", "SELECT email FROM \"User\"");
    assert_eq!(fingerprint(root, &files), before, "no project file changed");
}

// ---------------------------------------------------------------------------------------------
// 002: Kraken, on MongoDB (no migrations: `prisma db push`). dbctl drives it through mongodump and
// mongorestore; here stand-ins on PATH that check their arguments and stream real bytes.

/// The document's connection string and schema, as written.
const KRAKEN_ENV: &str =
    "DATABASE_URL=\"mongodb://username:password@localhost:27017/kraken?replicaSet=rs0\"\n";
const KRAKEN_SCHEMA: &str = r#"// prisma/schema.prisma
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "mongodb"
  url      = env("DATABASE_URL")
}
"#;

/// `mongodump` and `mongorestore` stand-ins in `bin`: each checks its arguments against the URL
/// the project's .env gives, and streams `data` out or into `restored`.
fn fake_mongo_tools(bin: &Path, data: &Path, restored: &Path) {
    let uri = "mongodb://username:password@localhost:27017/kraken?replicaSet=rs0";
    let tools = [
        (
            "mongodump",
            format!(
                "#!/bin/sh\n[ \"$1\" = --archive ] && [ \"$2\" = \"--uri={uri}\" ] && [ $# -eq 2 ] || \
                 {{ echo \"mongodump: unexpected arguments: $*\" >&2; exit 2; }}\nexec cat '{}'\n",
                data.display()
            ),
        ),
        (
            "mongorestore",
            format!(
                "#!/bin/sh\n[ \"$1\" = --archive ] && [ \"$2\" = --drop ] && [ \"$3\" = \"--uri={uri}\" ] || \
                 {{ echo \"mongorestore: unexpected arguments: $*\" >&2; exit 2; }}\nexec cat > '{}'\n",
                restored.display()
            ),
        ),
    ];
    std::fs::create_dir_all(bin).unwrap();
    for (name, script) in tools {
        let path = bin.join(name);
        std::fs::write(&path, script).unwrap();
        std::os::unix::fs::PermissionsExt::set_mode(
            &mut std::fs::metadata(&path).unwrap().permissions(),
            0o755,
        );
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    }
}

#[test]
fn kraken_on_mongodb_backs_up_restores_and_prunes_through_its_own_tools() {
    let root = project();
    let root = root.path();
    let files: Vec<(&str, &str)> = vec![(".env", KRAKEN_ENV), ("prisma/schema.prisma", KRAKEN_SCHEMA)];
    write_tree(root, &files);
    let before = fingerprint(root, &files);
    // Before the tools are named: the URL is recognised, and the way is said.
    let unset = dbctl(root).args(["backup"]).code(2).run();
    assert!(
        unset.stderr.contains("BACKUP_DUMP_COMMAND") && unset.stderr.contains("mongodump"),
        "{}",
        unset.stderr
    );
    assert!(!unset.stderr.contains("username:password"), "{}", unset.stderr);
    // dbctl's own settings, beside the project: the tools, as an operator writes them.
    std::fs::write(
        root.join("dbctl.toml"),
        "[backup]\ndump_command = 'mongodump --archive --uri=\"$DATABASE_URL\"'\n\n\
         [restore]\ncommand = 'mongorestore --archive --drop --uri=\"$DATABASE_URL\"'\n",
    )
    .unwrap();
    let data = root.join("archive.bin");
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&data, &bytes).unwrap();
    let restored = root.join("restored.bin");
    let bin = root.join("tools");
    fake_mongo_tools(&bin, &data, &restored);
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let run = |args: &[&str]| {
        let out = dbctl(root).args(args).env("PATH", &path).any_code("each call checks its exit code").run();
        assert!(
            !out.stdout.contains("username:password") && !out.stderr.contains("username:password"),
            "the password is masked: {out:?}"
        );
        out
    };

    // `dbctl backup` with no flag: the URL says which route.
    let made = run(&["backup", "--json"]).code(0).json();
    assert_eq!(
        (made["database"].as_str(), made["backend"].as_str()),
        (Some("kraken"), Some("command")),
        "{made:#}"
    );
    assert_eq!(made["dump_tool"], "mongodump");
    run(&["backup", "list"]).code(0).stdout_has("kraken");
    run(&["backup", "verify", "latest"]).code(0);
    run(&["restore", "latest", "--yes"]).code(0);
    assert_eq!(std::fs::read(&restored).unwrap(), bytes, "mongorestore got the archive mongodump wrote");

    // Health knows the backups by the dump's name; the database itself is not dbctl's to check.
    let report = run(&["health", "--json"]).json();
    let checks = report["checks"].as_array().unwrap();
    assert!(checks.iter().any(|c| c["name"] == "last_success" && c["status"] == "ok"), "{report:#}");
    assert!(!checks.iter().any(|c| c["component"] == "database"), "{report:#}");
    // What does not apply to MongoDB says so, and points at the route.
    let migrate = run(&["migrate", "--check"]).code(2);
    assert!(migrate.stderr.contains("backup.dump_command"), "{}", migrate.stderr);

    // The nightly job, as cron runs it on the project's own .env; then retention by the dump's name.
    let install = dbctl(root)
        .args(["schedule", "install", "--cron", "--env-file", root.join(".env").to_str().unwrap()])
        .env("BACKUP_SCHEDULE", "0 2 * * *")
        .env("PATH", &path)
        .code(0)
        .run();
    let command = cron_command(&install, "0 2 * * *");
    let cron = Outcome::from(
        std::process::Command::new("sh")
            .args(["-c", &command])
            .env_clear()
            .env("PATH", &path)
            .output()
            .unwrap(),
    );
    assert_eq!(cron.code, 0, "{}\n{}", cron.stdout, cron.stderr);
    assert_eq!(backups_in(&root.join("backups")).len(), 2, "the job made the second backup");
    run(&["backup", "prune", "--keep-last", "1", "--keep-within", "1ms"]).code(0);
    let left = backups_in(&root.join("backups"));
    assert_eq!(left.len(), 1, "retention applies to the dump's backups: {left:?}");

    assert_eq!(fingerprint(root, &files), before, "no project file changed");
}

/// CodePal's monitoring reaches health through a DNS name: `--allow-host` answers it (and only
/// it), and a path of the application's own API (`/api/database/health`) gets a 404 that lists
/// the endpoints there are.
#[test]
fn codepals_health_endpoint_answers_its_own_name_and_lists_its_endpoints() {
    let root = project();
    let root = root.path();
    let env =
        format!("DATABASE_URL=\"file:./dev.db\"\n\n{CODEPAL_BACKUP_BLOCK}\n{CODEPAL_REPLICATION_BLOCK}");
    let mut files: Vec<(&str, &str)> = vec![(".env", &env), ("prisma/schema.prisma", CODEPAL_SCHEMA)];
    files.extend(CODEPAL_MIGRATIONS);
    write_tree(root, &files);
    dbctl(root).args(["migrate"]).code(0).run();
    let mut child = dbctl(root)
        .args(["health", "--serve", "127.0.0.1:0", "--allow-host", "db-health.codepal.example"])
        .env("DBCTL_HEALTH_ALLOW_HOSTS", "metrics.codepal.example")
        .spawn();
    let (base, _rx) = crate::support::fixtures::served_base(&mut child);
    let get = |path: &str, host: &str| {
        let mut r = ureq::get(&format!("{base}{path}"))
            .header("Host", host)
            .config()
            .http_status_as_error(false)
            .build()
            .call()
            .unwrap();
        (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
    };
    assert_eq!(get("/healthz", "db-health.codepal.example:443").0, 200);
    assert_eq!(get("/metrics", "METRICS.codepal.example").0, 200, "the setting's names too, in any case");
    let (code, body) = get("/healthz", "attacker.example");
    assert_eq!(code, 403, "{body}");
    assert!(body.contains("--allow-host"), "{body}");
    let (code, body) = get("/api/database/health", "localhost");
    assert_eq!(code, 404, "{body}");
    assert!(["/healthz", "/readyz", "/metrics", "/health"].iter().all(|e| body.contains(e)), "{body}");
    let _ = child.kill();
    let _ = child.wait();
}

// ---------------------------------------------------------------------------------------------
// 001: DITS, on PostgreSQL 15 and Redis 7; its "Environment Variables" block in the document's form
// (unquoted URLs, the pool settings), pointed at the test servers.

#[test]
fn dits_works_on_its_env_block_as_written() {
    let root = project();
    let root = root.path();
    let url = pg().create_database("dits_dev");
    let database = url.rsplit('/').next().unwrap().to_string();
    let env = format!(
        "DATABASE_URL={url}\nREDIS_URL={}\nDATABASE_POOL_MIN=2\nDATABASE_POOL_MAX=10\n",
        crate::support::redis().url()
    );
    let files: Vec<(&str, &str)> = vec![
        (".env", &env),
        (
            "prisma/schema.prisma",
            "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel User {\n  id    String @id @default(uuid())\n  email String @unique\n}\n",
        ),
        ("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n"),
        (
            "prisma/migrations/20240115000000_init/migration.sql",
            "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" TEXT NOT NULL,\n    \"email\" TEXT NOT NULL,\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n",
        ),
    ];
    write_tree(root, &files);
    let before = fingerprint(root, &files);
    let shown = dbctl(root).args(["config", "show", "--json"]).code(0).run().json();
    let pool = shown["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "database.pool_max")
        .unwrap()
        .clone();
    assert_eq!(pool["value"], "10", "{pool}");
    postgres_app_round_trip(root, &database, "20240115000000_init", "SELECT count(*) FROM \"User\"");
    assert_eq!(fingerprint(root, &files), before, "no project file changed");
}

/// A cloned project's `.env` gives settings, never a program to run: a dump command, a restore
/// command or a directory of PostgreSQL programs found there is left out with a warning; the
/// same file named by the operator with --env-file is theirs, and is used.
#[test]
fn a_cloned_projects_env_never_makes_dbctl_run_a_program() {
    let root = project();
    let root = root.path();
    let marker = root.join("pwned");
    std::fs::create_dir_all(root.join("evil")).unwrap();
    let fake = root.join("evil/pg_dump");
    std::fs::write(&fake, format!("#!/bin/sh\ntouch '{}'\n", marker.display())).unwrap();
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::write(
        root.join(".env"),
        format!(
            "DATABASE_URL=mongodb://u:p@localhost/app\nBACKUP_DUMP_COMMAND=\"touch '{m}'; echo data\"\n\
             RESTORE_COMMAND=\"touch '{m}'\"\nDBCTL_PG_BIN_DIR=./evil\n",
            m = marker.display()
        ),
    )
    .unwrap();
    let out = dbctl(root).args(["backup"]).code(2).run();
    assert!(!marker.exists(), "nothing of the .env ran");
    for var in ["BACKUP_DUMP_COMMAND", "RESTORE_COMMAND", "DBCTL_PG_BIN_DIR"] {
        assert!(
            out.stderr.contains(&format!("{var} in {}", root.join(".env").display())),
            "{var}: {}",
            out.stderr
        );
    }
    assert!(out.stderr.contains("never a program to run"), "{}", out.stderr);
    // Named by the operator, the same file is theirs.
    dbctl(root).args(["--env-file", ".env", "backup", "--no-encryption"]).code(0).run();
    assert!(marker.exists(), "the named file's dump command ran");

    // Nor does it choose where credentials go, or the configuration file (with its hooks).
    std::fs::write(root.join("evil.toml"), format!("[backup]\nbefore = \"touch '{}'\"\n", marker.display()))
        .unwrap();
    std::fs::remove_file(&marker).unwrap();
    std::fs::write(
        root.join(".env"),
        "DATABASE_URL=sqlite://app.db\nBACKUP_GCS_BUCKET=bucket\nBACKUP_GCS_KEY_FILE=key.json\n\
         BACKUP_GCS_ENDPOINT_URL=http://evil.example\nAWS_ENDPOINT_URL=http://evil.example\n\
         DBCTL_WEBHOOK_URL=http://evil.example/hook\nDBCTL_CONFIG=evil.toml\n",
    )
    .unwrap();
    let shown = dbctl(root).args(["config", "show", "--json"]).code(0).run();
    assert!(!shown.stdout.contains("evil"), "{}", shown.stdout);
    assert_eq!(shown.json()["config_file"], serde_json::Value::Null, "no configuration file from the .env");
    for var in ["BACKUP_GCS_ENDPOINT_URL", "AWS_ENDPOINT_URL", "DBCTL_WEBHOOK_URL", "DBCTL_CONFIG"] {
        assert!(shown.stderr.contains(var), "{var}: {}", shown.stderr);
    }
    // The backup fails (the .env's GCS key file is not there): what matters is what did not run.
    dbctl(root)
        .args(["backup", "--no-encryption"])
        .code(1)
        .run()
        .stderr_has("no backup destination could be opened");
    assert!(!marker.exists(), "the .env's configuration file brought no hook");
    // From anywhere, a storage endpoint on another host is https.
    let plain = dbctl(root).args(["--env-file", ".env", "config", "check"]).code(2).run();
    assert!(plain.stderr.contains("plain http to another host"), "{}", plain.stderr);

    // Nor does it copy this shell's credentials into a URL of its choosing.
    std::fs::write(
        root.join(".env"),
        "DATABASE_URL=postgresql://u@127.0.0.1:1/${MY_API_TOKEN}_${APP_NAME}\n",
    )
    .unwrap();
    let show = |args: &[&str]| {
        dbctl(root).args(args).env("MY_API_TOKEN", "tok-3141").env("APP_NAME", "shop").code(0).run()
    };
    let shown = show(&["config", "show"]);
    assert!(!shown.stdout.contains("tok-3141") && shown.stdout.contains("/_shop"), "{}", shown.stdout);
    assert!(shown.stderr.contains("${MY_API_TOKEN} is not taken from the environment"), "{}", shown.stderr);
    show(&["--env-file", ".env", "config", "show"]).stdout_has("/tok-3141_shop");
}
