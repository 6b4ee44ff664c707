//! Kubernetes manifests for the scheduled jobs (`schedule install --kubernetes`): a CronJob per
//! schedule (per server, or one Indexed Job across the servers), or a Deployment running the
//! scheduler with its probes. Settings reach the pods as files: the environment file from a
//! Secret the operator creates, the config file from a ConfigMap printed here; nothing inline.

use serde_json::{Value, json};

use crate::crontab::Schedule;

/// Where the Secret's environment file, the ConfigMap's config file and the scratch space are
/// in a pod.
pub const ENV_FILE: &str = "/etc/dbctl/env.d/env";
pub const CONFIG_FILE: &str = "/etc/dbctl/config/dbctl.toml";
pub const WORK_DIR: &str = "/work";
/// The non-root user and group of the image (`Containerfile`).
const USER_ID: u64 = 65532;
/// The port of `--serve` in the Deployment.
pub const SERVE_PORT: u16 = 9187;

/// One scheduled job: its name, schedule, and dbctl's arguments after the global ones.
pub struct Job<'a> {
    pub name: &'static str,
    pub schedule: &'a Schedule,
    pub args: Vec<String>,
}

/// Which servers the jobs run for.
pub enum Servers {
    /// The configured database (DATABASE_URL).
    One,
    /// A CronJob per server (`--server NAME`).
    Each(Vec<String>),
    /// One Indexed Job per schedule across that many servers, `parallelism` pods at once, each
    /// taking the server of its completion index (`--server #N`).
    Indexed { count: usize, parallelism: usize },
}

/// What the manifests are made from.
pub struct Plan<'a> {
    /// The names' prefix (`dbctl`): `<base>-env`, `<base>-config`, `<base>-backup`…
    pub base: String,
    pub namespace: Option<String>,
    pub image: String,
    pub jobs: Vec<Job<'a>>,
    pub servers: Servers,
    /// The config file's text, for the ConfigMap; None when there is none.
    pub config: Option<String>,
    /// Files the settings name that the pods read from the Secret: its key (`gcs-key`,
    /// `age-identity`) and where the pod must find it.
    pub files: Vec<(String, String)>,
    /// Memory to request per pod, in MiB (the limit is four times as much).
    pub memory_mib: u64,
    /// The longest a job may run, per job name, in seconds.
    pub deadlines: Vec<(&'static str, u64)>,
    /// Instead of CronJobs: a Deployment running `schedule run` with these arguments.
    pub deployment: Option<Vec<String>>,
}

impl Plan<'_> {
    fn meta(&self, name: &str, component: &str) -> Value {
        let mut m = json!({
            "name": name,
            "labels": {
                "app.kubernetes.io/name": "dbctl",
                "app.kubernetes.io/instance": self.base,
                "app.kubernetes.io/component": component,
                "app.kubernetes.io/managed-by": "dbctl",
            },
        });
        if let Some(ns) = &self.namespace {
            m["namespace"] = ns.clone().into();
        }
        m
    }

    fn secret_name(&self) -> String {
        format!("{}-env", self.base)
    }

    fn config_name(&self) -> String {
        format!("{}-config", self.base)
    }

    /// dbctl's arguments in a pod: the mounted files first, JSON logs, then `args`.
    fn command(&self, args: &[String]) -> Vec<String> {
        let mut cmd = vec!["dbctl".to_string()];
        if self.config.is_some() {
            cmd.extend(["--config".into(), CONFIG_FILE.into()]);
        }
        cmd.extend(["--env-file".into(), ENV_FILE.into(), "--log-format".into(), "json".into()]);
        cmd.extend(args.iter().cloned());
        cmd
    }

    /// A pod running `args` as the image's non-root user on a read-only root filesystem.
    fn pod(&self, args: &[String], component: &str, restart: &str, probes: bool) -> Value {
        let mut mounts = vec![
            json!({ "name": "env", "mountPath": "/etc/dbctl/env.d", "readOnly": true }),
            json!({ "name": "work", "mountPath": WORK_DIR }),
            json!({ "name": "tmp", "mountPath": "/tmp" }),
        ];
        let mut items = vec![json!({ "key": "env", "path": "env" })];
        for (key, path) in &self.files {
            items.push(json!({ "key": key, "path": key }));
            mounts.push(json!({ "name": "env", "mountPath": path, "subPath": key, "readOnly": true }));
        }
        let mut volumes = vec![
            json!({ "name": "env", "secret": { "secretName": self.secret_name(), "defaultMode": 0o440, "items": items } }),
            json!({ "name": "work", "emptyDir": { "sizeLimit": "1Gi" } }),
            json!({ "name": "tmp", "emptyDir": { "sizeLimit": "1Gi" } }),
        ];
        if self.config.is_some() {
            mounts.push(json!({ "name": "config", "mountPath": "/etc/dbctl/config", "readOnly": true }));
            volumes.push(json!({ "name": "config", "configMap": { "name": self.config_name() } }));
        }
        let mut container = json!({
            "name": "dbctl",
            "image": self.image,
            "imagePullPolicy": "IfNotPresent",
            "command": self.command(args),
            "workingDir": WORK_DIR,
            // HOME for the tools dbctl starts (pg_dump reads ~/.pgpass if there is one).
            "env": [ { "name": "HOME", "value": WORK_DIR } ],
            "resources": {
                "requests": { "cpu": "250m", "memory": format!("{}Mi", self.memory_mib) },
                "limits": { "memory": format!("{}Mi", self.memory_mib * 4) },
            },
            "securityContext": {
                "readOnlyRootFilesystem": true,
                "allowPrivilegeEscalation": false,
                "runAsNonRoot": true,
                "capabilities": { "drop": ["ALL"] },
            },
            "volumeMounts": mounts,
        });
        if probes {
            container["ports"] = json!([{ "name": "http", "containerPort": SERVE_PORT }]);
            container["livenessProbe"] = json!({ "httpGet": { "path": "/healthz", "port": "http" }, "periodSeconds": 30, "failureThreshold": 3 });
            container["readinessProbe"] = json!({ "httpGet": { "path": "/readyz", "port": "http" }, "periodSeconds": 30, "failureThreshold": 2 });
        }
        json!({
            "metadata": { "labels": { "app.kubernetes.io/name": "dbctl", "app.kubernetes.io/instance": self.base,
                                      "app.kubernetes.io/component": component } },
            "spec": {
                "restartPolicy": restart,
                "automountServiceAccountToken": false,
                "securityContext": {
                    "runAsNonRoot": true,
                    "runAsUser": USER_ID,
                    "runAsGroup": USER_ID,
                    "fsGroup": USER_ID,
                    "seccompProfile": { "type": "RuntimeDefault" },
                },
                "containers": [container],
                "volumes": volumes,
            },
        })
    }

    fn deadline(&self, job: &str) -> u64 {
        self.deadlines.iter().find(|(n, _)| *n == job).map_or(6 * 3600, |(_, s)| *s)
    }

    fn cron_job(&self, name: &str, job: &Job, args: &[String], indexed: Option<(usize, usize)>) -> Value {
        let zone = job.schedule.zone().name().to_string();
        let fields = job.schedule.crontab_fields().expect("checked by the caller");
        let deadline = self.deadline(job.name);
        let mut spec = json!({
            // A retry of a failed pod, never two at once; a hung one is stopped at the deadline.
            "backoffLimit": 2,
            "activeDeadlineSeconds": deadline,
            "ttlSecondsAfterFinished": 3 * 86400,
            "template": self.pod(args, job.name, "Never", false),
        });
        if let Some((count, parallelism)) = indexed {
            spec["completionMode"] = "Indexed".into();
            spec["completions"] = count.into();
            spec["parallelism"] = parallelism.into();
            // Each server's pod is retried on its own; one server failing fails only its index.
            spec["backoffLimitPerIndex"] = 2.into();
            spec.as_object_mut().expect("a map").remove("backoffLimit");
        }
        json!({
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "metadata": self.meta(name, job.name),
            "spec": {
                "schedule": fields,
                "timeZone": zone,
                "concurrencyPolicy": "Forbid",
                // A slot missed by more than this (the controller down) is skipped, not run late.
                "startingDeadlineSeconds": starting_deadline(job.schedule),
                "successfulJobsHistoryLimit": 3,
                "failedJobsHistoryLimit": 3,
                "jobTemplate": { "metadata": { "labels": { "app.kubernetes.io/name": "dbctl", "app.kubernetes.io/instance": self.base } }, "spec": spec },
            },
        })
    }

    /// The manifests, as Kubernetes objects.
    pub fn objects(&self) -> Vec<Value> {
        let mut out = Vec::new();
        if let Some(text) = &self.config {
            out.push(json!({
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": self.meta(&self.config_name(), "config"),
                "data": { "dbctl.toml": text },
            }));
        }
        if let Some(args) = &self.deployment {
            let mut pod = self.pod(args, "scheduler", "Always", true);
            // On SIGTERM the scheduler stops a running backup cleanly (nothing stored) and exits.
            pod["spec"]["terminationGracePeriodSeconds"] = 60.into();
            out.push(json!({
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": self.meta(&format!("{}-scheduler", self.base), "scheduler"),
                "spec": {
                    // One scheduler: the old one stops before the new one starts.
                    "replicas": 1,
                    "strategy": { "type": "Recreate" },
                    "selector": { "matchLabels": { "app.kubernetes.io/instance": self.base,
                                                   "app.kubernetes.io/component": "scheduler" } },
                    "template": pod,
                },
            }));
            out.push(json!({
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": self.meta(&format!("{}-scheduler", self.base), "scheduler"),
                "spec": {
                    "selector": { "app.kubernetes.io/instance": self.base, "app.kubernetes.io/component": "scheduler" },
                    "ports": [ { "name": "http", "port": SERVE_PORT, "targetPort": "http" } ],
                },
            }));
            return out;
        }
        for job in &self.jobs {
            match &self.servers {
                Servers::One => {
                    out.push(self.cron_job(&format!("{}-{}", self.base, job.name), job, &job.args, None))
                }
                Servers::Each(names) => {
                    for server in names {
                        let mut args = vec!["--server".to_string(), server.clone()];
                        args.extend(job.args.iter().cloned());
                        let name = format!("{}-{}-{}", self.base, job.name, dns_label(server));
                        out.push(self.cron_job(&name, job, &args, None));
                    }
                }
                Servers::Indexed { count, parallelism } => {
                    let mut args = vec!["--server".to_string(), "#$(JOB_COMPLETION_INDEX)".to_string()];
                    args.extend(job.args.iter().cloned());
                    let name = format!("{}-{}", self.base, job.name);
                    out.push(self.cron_job(&name, job, &args, Some((*count, *parallelism))));
                }
            }
        }
        out
    }
}

/// How late a CronJob may start a slot: half the time to the next one, at most an hour.
fn starting_deadline(schedule: &Schedule) -> u64 {
    interval(schedule).map_or(3600, |i| (i / 2).clamp(60, 3600))
}

/// Seconds between two runs of `schedule` (the shortest of the next few), if it runs again.
pub fn interval(schedule: &Schedule) -> Option<u64> {
    let mut at = schedule.next_after(&chrono::Utc::now())?;
    let mut shortest = u64::MAX;
    for _ in 0..5 {
        let next = schedule.next_after(&at)?;
        shortest = shortest.min((next - at).num_seconds().max(1) as u64);
        at = next;
    }
    Some(shortest)
}

/// `name` as a DNS label's characters: lowercase letters, digits and `-`.
pub fn dns_label(name: &str) -> String {
    let mapped: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    mapped.trim_matches('-').to_string()
}

/// Objects as one YAML stream (`---` between documents). Strings are written as JSON strings,
/// which YAML reads as double-quoted scalars: no value can be read as another type or break
/// out of its place.
pub fn to_yaml(objects: &[Value]) -> String {
    let mut out = String::new();
    for (i, o) in objects.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        emit(o, 0, &mut out);
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Object(m) if m.is_empty() => "{}".into(),
        Value::Array(a) if a.is_empty() => "[]".into(),
        other => other.to_string(),
    }
}

fn is_block(v: &Value) -> bool {
    matches!(v, Value::Object(m) if !m.is_empty()) || matches!(v, Value::Array(a) if !a.is_empty())
}

fn key(k: &str) -> String {
    let plain = !k.is_empty()
        && k.chars().all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c))
        && k.starts_with(|c: char| c.is_ascii_alphabetic());
    if plain { k.to_string() } else { Value::from(k).to_string() }
}

/// Writes `v` (a map or a list) at `indent` spaces.
fn emit(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if is_block(v) {
                    out.push_str(&format!("{pad}{}:\n", key(k)));
                    let deeper = if v.is_array() { indent } else { indent + 2 };
                    emit(v, deeper, out);
                } else {
                    out.push_str(&format!("{pad}{}: {}\n", key(k), scalar(v)));
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                if is_block(item) {
                    // The item's first line follows `- `; the rest line up under it.
                    let mut inner = String::new();
                    emit(item, indent + 2, &mut inner);
                    let body = inner.trim_start_matches(' ');
                    out.push_str(&format!("{pad}- {body}"));
                } else {
                    out.push_str(&format!("{pad}- {}\n", scalar(item)));
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_dns_labels() {
        assert_eq!(dns_label("db_1.Primary"), "db-1-primary");
        assert_eq!(dns_label("-x-"), "x");
    }
}
