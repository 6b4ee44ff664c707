//! `schedule install --kubernetes`: manifests validated against the Kubernetes API schemas of the
//! three newest minor versions (the `kubernetes-validate` package), for one server, a CronJob per
//! server, an Indexed Job across the servers and a Deployment; and `schedule run --once`, what
//! the CronJobs run.

use crate::support::fixtures::seeded;
use crate::support::{Backend, Outcome, Project, Run};

/// The Kubernetes minor versions the manifests are checked against: the three newest the
/// installed `kubernetes-validate` knows.
const VERSIONS: [&str; 3] = ["1.35.0", "1.36.0", "1.37.0"];

/// An application's settings as a project's `.env` holds them: S3, a schedule, two primaries.
const ENV: &str = r#"DATABASE_URL="postgresql://app:Kube-Pw-83@db.internal:5432/shop?schema=public"
REDIS_URL="redis://:Redis-Pw-41@cache.internal:6379"
BACKUP_S3_BUCKET=shop-backups
BACKUP_S3_ACCESS_KEY=AKIAEXAMPLE
BACKUP_S3_SECRET_KEY=S3-Secret-Value-77
BACKUP_SCHEDULE="0 2 * * *"
DBCTL_MAINTAIN_SCHEDULE="30 3 * * 0"
BACKUP_ENCRYPTION_KEY=age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
REPLICATION_NODES='[{"name":"eu_1","url":"postgresql://app:Node-Pw-1@eu1:5432/shop","role":"primary"},{"name":"us.2","url":"postgresql://app:Node-Pw-2@us2:5432/shop","role":"primary"}]'
"#;

/// A project whose only settings are its `.env` (nothing from the test's environment).
fn kube_project(test: &str) -> Project {
    let p = Project::new(Backend::Sqlite, test);
    std::fs::write(p.path().join(".env"), ENV).unwrap();
    p
}

fn install(p: &Project, args: &[&str]) -> Run {
    crate::support::dbctl(p.path()).args(args)
}

/// The objects of a YAML stream, read by PyYAML.
fn objects(yaml: &str) -> Vec<serde_json::Value> {
    let script = "import sys, yaml, json; print(json.dumps(list(yaml.safe_load_all(sys.stdin.read()))))";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), yaml.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "not YAML:\n{yaml}");
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

/// The YAML writer's output reads back, with PyYAML, as the objects written: strings that look
/// like other types, colons, hashes, newlines, empty maps and lists, nested lists, odd keys.
#[test]
fn yaml_reads_back_as_the_same_objects() {
    let doc = serde_json::json!({
        "a": "text with: colon # and hash\nand a newline",
        "b": [1, "two", {"c": true, "d": [], "e": {}}, [3, 4]],
        "f": {"g": null, "weird key: x": "-1", "app.kubernetes.io/name": "dbctl"},
        "h": "yes",
    });
    let yaml = dbctl::kubernetes::to_yaml(&[doc.clone(), serde_json::json!({"second": 2})]);
    assert_eq!(objects(&yaml), [doc, serde_json::json!({"second": 2})], "{yaml}");
}

/// kubernetes-validate --strict (unknown fields are errors) for each version.
fn validate(file: &std::path::Path) -> Result<(), String> {
    for v in VERSIONS {
        let out = std::process::Command::new("kubernetes-validate")
            .args(["--strict", "-k", v])
            .arg(file)
            .output()
            .expect("kubernetes-validate (scripts/setup --test installs it)");
        let text =
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        if !out.status.success() || !text.contains("passed") || text.contains("ERROR") {
            return Err(format!("{v}: {text}"));
        }
    }
    Ok(())
}

fn cron_jobs(objs: &[serde_json::Value]) -> Vec<&serde_json::Value> {
    objs.iter().filter(|o| o["kind"] == "CronJob").collect()
}

/// What every pod of the manifests must be: non-root, read-only root, settings from the
/// Secret's file, resources requested.
fn check_pod(pod: &serde_json::Value) {
    let spec = &pod["spec"];
    assert_eq!(spec["securityContext"]["runAsNonRoot"], true, "{pod:#}");
    assert_eq!(spec["securityContext"]["runAsUser"], 65532);
    let c = &spec["containers"][0];
    assert_eq!(c["securityContext"]["readOnlyRootFilesystem"], true);
    assert_eq!(c["securityContext"]["allowPrivilegeEscalation"], false);
    assert_eq!(c["resources"]["requests"]["memory"], "128Mi");
    let cmd: Vec<&str> = c["command"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(&cmd[..3], ["dbctl", "--env-file", "/etc/dbctl/env.d/env"], "{cmd:?}");
    let env: Vec<&str> = c["env"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(env, ["HOME"], "no setting inline");
    let secret = spec["volumes"].as_array().unwrap().iter().find(|v| v["name"] == "env").unwrap();
    assert_eq!(secret["secret"]["secretName"], "dbctl-env");
}

#[test]
fn manifests_validate_for_one_server_each_server_an_indexed_job_and_a_deployment() {
    let p = kube_project("kube_manifests");
    let cases: [(&str, &[&str]); 4] = [
        ("one", &["schedule", "install", "--kubernetes", "--namespace", "shop"]),
        ("each", &["--all-servers", "schedule", "install", "--kubernetes"]),
        (
            "indexed",
            &["--all-servers", "schedule", "install", "--kubernetes", "--indexed", "--parallelism", "2"],
        ),
        ("deployment", &["schedule", "install", "--kubernetes", "--deployment"]),
    ];
    for (label, args) in cases {
        let out = install(&p, args).code(0).run();
        // Never a password or key: the Secret holds them.
        for secret in ["Kube-Pw-83", "Redis-Pw-41", "S3-Secret-Value-77", "Node-Pw-1", "DATABASE_URL"] {
            assert!(!out.stdout.contains(secret), "{label}: {secret} in\n{}", out.stdout);
        }
        assert!(out.stdout.contains("create secret generic dbctl-env --from-file=env="), "{}", out.stdout);
        let file = p.path().join(format!("{label}.yaml"));
        std::fs::write(&file, &out.stdout).unwrap();
        validate(&file).unwrap_or_else(|e| panic!("{label}: {e}\n{}", out.stdout));
        let objs = objects(&out.stdout);
        match label {
            "one" | "each" | "indexed" => {
                let jobs = cron_jobs(&objs);
                let want = if label == "each" { 4 } else { 2 };
                assert_eq!(jobs.len(), want, "backup and maintain, per server for `each`: {objs:#?}");
                for j in &jobs {
                    let s = &j["spec"];
                    assert_eq!(s["concurrencyPolicy"], "Forbid");
                    assert!(s["startingDeadlineSeconds"].as_u64().unwrap() <= 3600);
                    assert_eq!(s["timeZone"], "UTC");
                    let job = &s["jobTemplate"]["spec"];
                    // Stopped before the next run, and within a day.
                    let deadline = job["activeDeadlineSeconds"].as_u64().unwrap();
                    assert!((300..=86_400).contains(&deadline), "{deadline}");
                    assert!(job["ttlSecondsAfterFinished"].as_u64().unwrap() > 0);
                    check_pod(&job["template"]);
                }
                let backup = jobs.iter().find(|j| j["spec"]["schedule"] == "0 2 * * *").unwrap();
                let cmd =
                    backup["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["command"]
                        .to_string();
                assert!(cmd.contains(r#""schedule","run","--once","--prune""#), "{cmd}");
                if label == "one" {
                    assert_eq!(backup["metadata"]["namespace"], "shop");
                }
                if label == "each" {
                    let names: Vec<&str> =
                        jobs.iter().map(|j| j["metadata"]["name"].as_str().unwrap()).collect();
                    assert!(
                        names.contains(&"dbctl-backup-eu-1") && names.contains(&"dbctl-backup-us-2"),
                        "{names:?}"
                    );
                    assert!(
                        cmd.contains(r#""--server","eu_1""#) || cmd.contains(r#""--server","us.2""#),
                        "{cmd}"
                    );
                }
                if label == "indexed" {
                    let job = &backup["spec"]["jobTemplate"]["spec"];
                    assert_eq!(
                        (job["completionMode"].as_str(), job["completions"].as_u64()),
                        (Some("Indexed"), Some(2))
                    );
                    assert_eq!(job["parallelism"], 2);
                    assert!(cmd.contains(r##""--server","#$(JOB_COMPLETION_INDEX)""##), "{cmd}");
                }
            }
            _ => {
                let d = objs.iter().find(|o| o["kind"] == "Deployment").unwrap();
                assert_eq!(d["spec"]["replicas"], 1);
                assert_eq!(d["spec"]["strategy"]["type"], "Recreate");
                let c = &d["spec"]["template"]["spec"]["containers"][0];
                assert_eq!(c["livenessProbe"]["httpGet"]["path"], "/healthz");
                assert_eq!(c["readinessProbe"]["httpGet"]["path"], "/readyz");
                // Prometheus may scrape by the Service's name, which the server must answer to.
                assert!(c["command"].to_string().contains(r#""--allow-host","dbctl-scheduler""#), "{c:#}");
                check_pod(&d["spec"]["template"]);
                assert!(objs.iter().any(|o| o["kind"] == "Service"));
            }
        }
    }
    // The validator does refuse what is not Kubernetes: an unknown field, a wrong type.
    let good = std::fs::read_to_string(p.path().join("one.yaml")).unwrap();
    for (bad, how) in [
        (good.replace("concurrencyPolicy:", "concurrencyPolicyy:"), "an unknown field"),
        (good.replace("backoffLimit: 2", "backoffLimit: \"two\""), "a wrong type"),
    ] {
        let file = p.path().join("bad.yaml");
        std::fs::write(&file, bad).unwrap();
        assert!(validate(&file).is_err(), "{how} passed the validator");
    }
}

/// A config file goes to a ConfigMap (the pods read it with --config); a GCS key file is
/// mounted from the Secret where the settings name it.
#[test]
fn the_config_file_and_a_gcs_key_reach_the_pods_as_files() {
    let p = kube_project("kube_files");
    std::fs::write(p.path().join("dbctl.toml"), "[backup]\ncompression = \"zstd\"\n").unwrap();
    let mut env = ENV.replace("BACKUP_S3_BUCKET=shop-backups\n", "BACKUP_GCS_BUCKET=shop\n");
    env.push_str("BACKUP_GCS_KEY_FILE=/var/run/gcs/key.json\n");
    // A scheduled restore test, whose identity is named relative to the project.
    env.push_str("BACKUP_VERIFY_SCHEDULE=\"0 5 * * 6\"\nBACKUP_VERIFY_IDENTITY=keys/restore.key\n");
    std::fs::write(p.path().join(".env"), env).unwrap();
    let out = install(&p, &["schedule", "install", "--kubernetes"]).code(0).run();
    assert!(out.stdout.contains("--from-file=gcs-key=/var/run/gcs/key.json"), "{}", out.stdout);
    let identity = p.path().join("keys/restore.key");
    assert!(
        out.stdout.contains(&format!("--from-file=age-identity={}", identity.display())),
        "{}",
        out.stdout
    );
    let file = p.path().join("files.yaml");
    std::fs::write(&file, &out.stdout).unwrap();
    validate(&file).unwrap();
    let objs = objects(&out.stdout);
    let cm = objs.iter().find(|o| o["kind"] == "ConfigMap").unwrap();
    assert_eq!(cm["data"]["dbctl.toml"], "[backup]\ncompression = \"zstd\"\n");
    let pod = &cron_jobs(&objs)[0]["spec"]["jobTemplate"]["spec"]["template"]["spec"];
    let c = &pod["containers"][0];
    let cmd = c["command"].to_string();
    assert!(cmd.contains(r#""--config","/etc/dbctl/config/dbctl.toml""#), "{cmd}");
    let mounts = c["volumeMounts"].as_array().unwrap();
    assert!(
        mounts.iter().any(|m| m["mountPath"] == "/var/run/gcs/key.json" && m["subPath"] == "gcs-key"),
        "{mounts:?}"
    );
    // The restore test's CronJob reads the identity where the pod has it.
    let verify = cron_jobs(&objs)
        .into_iter()
        .find(|j| j["metadata"]["name"] == "dbctl-verify")
        .unwrap_or_else(|| panic!("{objs:#?}"));
    let pod = &verify["spec"]["jobTemplate"]["spec"]["template"]["spec"];
    let cmd = pod["containers"][0]["command"].to_string();
    assert!(
        cmd.contains(r#""backup","verify","latest","--restore-test","-i","/work/keys/restore.key""#),
        "{cmd}"
    );
    let mounts = pod["containers"][0]["volumeMounts"].as_array().unwrap();
    assert!(
        mounts.iter().any(|m| m["mountPath"] == "/work/keys/restore.key" && m["subPath"] == "age-identity")
    );
}

/// What cannot work in a pod is refused with the reason: a local destination, a schedule with no
/// crontab form, --indexed without servers, a name Kubernetes would refuse.
#[test]
fn what_cannot_run_in_a_pod_is_refused() {
    let p = kube_project("kube_refused");
    install(&p, &["schedule", "install", "--kubernetes"])
        .env("BACKUP_LOCAL", "true")
        .code(2)
        .run()
        .stderr_has("lost with it");
    install(&p, &["schedule", "install", "--kubernetes"])
        .env("BACKUP_SCHEDULE", "@every 6h")
        .code(2)
        .run()
        .stderr_has("no crontab form");
    install(&p, &["schedule", "install", "--kubernetes", "--indexed"])
        .code(2)
        .run()
        .stderr_has("--all-servers");
    install(&p, &["schedule", "install", "--kubernetes", "--name", "Bad_Name"])
        .code(2)
        .run()
        .stderr_has("--name");
    // A password in the config file would land in a ConfigMap: refused, and not printed.
    std::fs::write(p.path().join("dbctl.toml"), "[database]\nurl = \"postgres://app:Toml-Pw-9@db/shop\"\n")
        .unwrap();
    let out = install(&p, &["schedule", "install", "--kubernetes"]).code(2).run();
    assert!(
        out.stderr.contains("holds a password or key") && !out.stderr.contains("Toml-Pw-9"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
}

/// `--server #N`: the N-th primary, as an Indexed Job's pod names it.
#[test]
fn a_server_is_named_by_its_index_among_the_primaries() {
    let p = kube_project("kube_index");
    let out = install(&p, &["-v", "--server", "#1", "config", "show"]).code(0).run();
    assert!(out.stderr.contains("us2"), "{}", out.stderr);
    install(&p, &["--server", "#2", "config", "show"]).code(2).run().stderr_has("#0 to #1");
}

/// `schedule run --once`, what the backup CronJob runs: the latest slot's backup, made once
/// however many pods run for it at once or after it (a second Job, a retry); a failure exits 1
/// so that the Job retries.
#[test]
fn once_makes_one_backup_per_slot_however_many_pods_run_it() {
    let p = seeded(Backend::Sqlite, "kube_once");
    let redis = crate::support::redis();
    let once = || {
        p.cmd()
            .args(["schedule", "run", "--once"])
            .env("BACKUP_SCHEDULE", "@every 1h")
            .env("BACKUP_LOCK", "redis")
            .env("REDIS_URL", redis.url())
    };
    let pods: Vec<_> = (0..3).map(|_| once().spawn()).collect();
    let outs: Vec<Outcome> = pods.into_iter().map(|c| Outcome::from(c.wait_with_output().unwrap())).collect();
    for o in &outs {
        assert_eq!(o.code, 0, "{}", o.stderr);
    }
    let made = outs.iter().filter(|o| o.stdout.contains(": backup ")).count();
    assert_eq!(made, 1, "{:#?}", outs.iter().map(|o| &o.stdout).collect::<Vec<_>>());
    once().code(0).run().stdout_has("made this slot's backup already");
    let list = p.dbctl(0, ["backup", "list", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    // A slot that fails exits 1 (the Job's backoffLimit retries it).
    once()
        .env("BACKUP_LOCAL", p.path().join("elsewhere"))
        .env("DATABASE_URL", format!("sqlite://{}/missing/app.db", p.path().display()))
        .code(1)
        .run()
        .stdout_has("FAILED")
        .stdout_has("exiting 1 for a retry");
}

/// The image's install steps (container/install-pg-clients, as the Containerfile runs them) into
/// a scratch directory: every client major from 14 to 18 at its own path, each running with its
/// own libpq, a newer one dumping the test server.
#[test]
fn the_images_install_steps_give_every_client_major() {
    let root = tempfile::tempdir().unwrap();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("container/install-pg-clients");
    let wheels = crate::support::pg_cache().join("wheels");
    let out = std::process::Command::new(&script).arg(root.path()).arg(&wheels).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for major in 14..=18 {
        let bin = root.path().join(format!("usr/lib/postgresql/{major}/bin"));
        for tool in ["pg_dump", "pg_dumpall", "pg_restore", "psql", "pg_basebackup"] {
            let v = std::process::Command::new(bin.join(tool)).arg("--version").output().unwrap();
            let text = String::from_utf8_lossy(&v.stdout).to_string();
            assert!(
                v.status.success() && text.contains(&format!("(PostgreSQL) {major}.")),
                "{tool} {major}: {text}{}",
                String::from_utf8_lossy(&v.stderr)
            );
        }
    }
    let dump = std::process::Command::new(root.path().join("usr/lib/postgresql/17/bin/pg_dump"))
        .args(["--schema-only", "-h", "127.0.0.1", "-U", "postgres", "-p"])
        .arg(crate::support::pg().port.to_string())
        .arg("postgres")
        .env("PGPASSWORD", crate::support::PG_PASSWORD)
        .output()
        .unwrap();
    assert!(
        dump.status.success() && String::from_utf8_lossy(&dump.stdout).contains("PostgreSQL database dump"),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
}

/// A job's deadline: four times the longest recent run the destinations record (an hour at
/// least), below the schedule's interval; the interval alone when no backup is there to say.
#[test]
fn deadlines_come_from_how_long_backups_take() {
    let p = seeded(Backend::Sqlite, "kube_deadline");
    let dbctl = crate::support::fixtures::s3_project(&p, "dbctl-kube-deadline");
    let deadline = |out: &Outcome| {
        let objs = objects(&out.stdout);
        let backup =
            cron_jobs(&objs).into_iter().find(|j| j["metadata"]["name"] == "dbctl-backup").unwrap().clone();
        backup["spec"]["jobTemplate"]["spec"]["activeDeadlineSeconds"].as_u64().unwrap()
    };
    let install = || {
        dbctl(&["schedule", "install", "--kubernetes"])
            .env("BACKUP_SCHEDULE", "0 2 * * *")
            .env("BACKUP_LOCAL", "false")
    };
    assert_eq!(deadline(&install().code(0).run()), 86_400 * 9 / 10, "no backup yet: the interval's");
    dbctl(&["backup"]).env("BACKUP_LOCAL", "false").code(0).run();
    assert_eq!(deadline(&install().code(0).run()), 3600, "a backup of a second: an hour");
}
