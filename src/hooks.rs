//! Around a backup, a restore or a migration run: the configured hook commands (`before`,
//! `after`, `on_failure`) and the notifications (a healthchecks-style ping URL, a JSON webhook).
//!
//! A hook runs through `sh -c` with a time limit (`hooks.timeout`; the whole process group is
//! stopped when it passes), its output in dbctl's log, and the outcome in `DBCTL_*` variables. It
//! gets dbctl's environment without dbctl's settings and secrets, plus what `hooks.pass_env`
//! names. A failing `before` hook stops the operation; an `after` or `on_failure` hook's failure,
//! like a notification's, is reported and changes nothing else.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};

use crate::output::Output;
use crate::settings::{Hook, HooksSettings};

/// What a hook and a notification are told about the operation.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    pub backup_id: Option<String>,
    pub artifact: Option<String>,
    pub stored_bytes: Option<u64>,
    pub error: Option<String>,
    pub duration: Duration,
}

/// One operation's hooks and notifications.
pub struct Around<'a> {
    event: &'static str,
    hook: &'a Hook,
    hooks: &'a HooksSettings,
    out: &'a Output,
    started: Instant,
    /// The start ping, sent on its own thread: its outcome, collected at the end.
    start_ping: std::sync::Mutex<Option<Sent>>,
}

/// A notification on its way: the channel's name (`ping /start`, `webhook`), where it goes (for
/// messages: the host only, as the rest may be a token), and its outcome when it comes.
struct Sent {
    channel: String,
    place: String,
    outcome: std::sync::mpsc::Receiver<Result<()>>,
}

impl Sent {
    /// Its outcome, waited for until `deadline` at most; the channel and place with it.
    fn wait(self, deadline: Instant, budget: Duration) -> (String, String, Result<()>) {
        let outcome =
            self.outcome.recv_timeout(deadline.saturating_duration_since(Instant::now())).unwrap_or_else(
                |_| Err(anyhow!("no answer within {} (notify.timeout)", crate::text::std_duration(budget))),
            );
        (self.channel, self.place, outcome)
    }
}

/// `https://hc-ping.com/<uuid>` as `https://hc-ping.com/…`: a ping URL's path is its token.
fn masked(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!(
            "{}://{}{}/…",
            u.scheme(),
            u.host_str().unwrap_or("?"),
            u.port().map(|p| format!(":{p}")).unwrap_or_default()
        ),
        Err(_) => "the configured URL".into(),
    }
}

/// Sends `body` to `url` on a thread of its own, within `budget`.
fn dispatch(channel: &str, url: &str, body: Vec<u8>, content_type: &'static str, budget: Duration) -> Sent {
    let (tx, outcome) = std::sync::mpsc::channel();
    let target = url.to_string();
    std::thread::spawn(move || {
        let _ = tx.send(send(&target, body, content_type, budget));
    });
    Sent { channel: channel.to_string(), place: masked(url), outcome }
}

/// Runs `command` with `vars`, within `limit`; its output lines go to the log.
fn run(
    command: &str,
    vars: &[(String, String)],
    limit: Duration,
    label: &str,
    hooks: &HooksSettings,
    out: &Output,
) -> Result<()> {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(command).env_clear();
    cmd.envs(
        std::env::vars()
            .filter(|(k, _)| !crate::settings::dbctl_private(k) || hooks.pass_env.iter().any(|p| p == k)),
    );
    cmd.envs(vars.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    // Its own process group, so that the time limit stops whatever it started too.
    cmd.process_group(0);
    let mut child = cmd.spawn().map_err(|e| anyhow!("starting the {label} hook: {e}"))?;
    let pipes = [
        child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>),
        child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>),
    ];
    // Lines as they come; `None` when a pipe ends. A child the hook left running in the background
    // may hold the pipes open long after: the hook is waited for, its pipes only briefly.
    let (tx, lines) = std::sync::mpsc::channel::<Option<String>>();
    let mut open = 0;
    for p in pipes.into_iter().flatten() {
        open += 1;
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in std::io::BufRead::lines(std::io::BufReader::new(p)) {
                let Ok(line) = line else { break };
                if tx.send(Some(line)).is_err() {
                    return;
                }
            }
            let _ = tx.send(None);
        });
    }
    drop(tx);
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            // SAFETY: kill(2) of the process group this function started.
            unsafe {
                libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
            }
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let drain = Instant::now() + Duration::from_secs(2);
    while open > 0 {
        let left = drain.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(Some(line)) if !line.trim().is_empty() => {
                let fields = serde_json::json!({ "hook": label, "line": line });
                out.info_event("hook.output", &format!("hook {label}: {line}"), fields);
            }
            Ok(Some(_)) => {}
            Ok(None) => open -= 1,
            // A background child of the hook keeps its output open: not waited for.
            Err(_) => break,
        }
    }
    match status {
        None => {
            bail!("the {label} hook was stopped after {} (hooks.timeout)", crate::text::std_duration(limit))
        }
        Some(s) if s.success() => Ok(()),
        Some(s) => bail!(
            "the {label} hook failed ({})",
            s.code().map_or("killed by a signal".to_string(), |c| format!("exit status {c}"))
        ),
    }
}

/// The settings table an event's hooks are in (`migrate` → `migrations`).
fn table(event: &str) -> &str {
    if event == "migrate" { "migrations" } else { event }
}

/// What an event is called in messages.
fn noun(event: &str) -> &str {
    match event {
        "migrate" => "migration run",
        other => other,
    }
}

impl<'a> Around<'a> {
    /// Starts an operation: the start ping, then the `before` hook (whose failure is the error).
    pub fn start(event: &'static str, hooks: &'a HooksSettings, out: &'a Output) -> Result<Self> {
        let hook = match event {
            "backup" => &hooks.backup,
            "restore" => &hooks.restore,
            _ => &hooks.migrate,
        };
        let around = Self {
            event,
            hook,
            hooks,
            out,
            started: Instant::now(),
            start_ping: std::sync::Mutex::new(None),
        };
        // Not waited for: the operation starts at once.
        if let Some(url) = &hooks.ping_url {
            let target = format!("{}/start", url.trim_end_matches('/'));
            let sent = dispatch(
                "ping /start",
                &target,
                Vec::new(),
                "text/plain; charset=utf-8",
                hooks.notify_timeout,
            );
            *around.start_ping.lock().unwrap_or_else(|e| e.into_inner()) = Some(sent);
        }
        if let Some(before) = &hook.before {
            let vars = around.vars("started", &Outcome::default());
            let label = format!("{}.before", table(event));
            if let Err(e) = run(before, &vars, hooks.timeout, &label, hooks, out) {
                let e = e.context(format!("the {} did not run", noun(event)));
                around.finish(&Err(anyhow!("{e:#}")));
                return Err(e);
            }
        }
        Ok(around)
    }

    fn vars(&self, status: &str, o: &Outcome) -> Vec<(String, String)> {
        let mut v = vec![
            ("DBCTL_EVENT".to_string(), self.event.to_string()),
            ("DBCTL_STATUS".to_string(), status.to_string()),
            ("DBCTL_DURATION_MS".to_string(), self.started.elapsed().as_millis().to_string()),
        ];
        let mut add = |k: &str, value: Option<String>| {
            if let Some(value) = value {
                v.push((k.to_string(), value));
            }
        };
        add("DBCTL_BACKUP_ID", o.backup_id.clone());
        add("DBCTL_ARTIFACT", o.artifact.clone());
        add("DBCTL_STORED_BYTES", o.stored_bytes.map(|b| b.to_string()));
        add("DBCTL_ERROR", o.error.as_ref().map(|e| self.out.redact(e)));
        v
    }

    /// Ends the operation: the `after` or `on_failure` hook, the success or failure ping, the
    /// webhook. Their failures are reported; none changes the operation's result.
    pub fn finish(&self, result: &Result<Outcome>) {
        let (status, outcome) = match result {
            Ok(o) => ("success", o.clone()),
            Err(e) => ("failure", Outcome { error: Some(format!("{e:#}")), ..Default::default() }),
        };
        let command = if status == "success" { &self.hook.after } else { &self.hook.on_failure };
        if let Some(command) = command {
            let label =
                format!("{}.{}", self.event, if status == "success" { "after" } else { "on_failure" });
            let vars = self.vars(status, &outcome);
            if let Err(e) = run(command, &vars, self.hooks.timeout, &label, self.hooks, self.out) {
                let fields = serde_json::json!({ "hook": label, "error": format!("{e:#}") });
                self.out.problem_event(
                    "hook.failed",
                    &format!(
                        "{e:#}; the {} itself {}",
                        self.event,
                        if status == "success" { "succeeded" } else { "had failed" }
                    ),
                    fields,
                );
            }
        }
        let doc = self.document(status, &outcome);
        let said = doc["text"].as_str().unwrap_or_default().to_string();
        let level = if status == "success" { "info" } else { "error" };
        self.out.record(level, &format!("{}.finished", self.event), &said, doc.clone());
        // A failure's ping carries the error and the log's last lines.
        let body = match status {
            "success" => self.summary(&outcome),
            _ => {
                let mut lines = vec![self.out.redact(outcome.error.as_deref().unwrap_or_default())];
                lines.extend(crate::output::recent_log());
                lines.join("\n")
            }
        };
        // The finishing notifications go out together, within one budget in all; after the
        // start ping has landed (or given up), so that a monitor sees start before the end.
        let budget = self.hooks.notify_timeout;
        let deadline = Instant::now() + budget;
        let start = self.start_ping.lock().unwrap_or_else(|e| e.into_inner()).take();
        let mut answered: Vec<(String, String, Result<()>)> =
            start.into_iter().map(|s| s.wait(deadline, budget)).collect();
        let left = deadline.saturating_duration_since(Instant::now());
        let mut sent = Vec::new();
        if let Some(url) = &self.hooks.ping_url {
            let suffix = if status == "success" { "" } else { "/fail" };
            let target = format!("{}{suffix}", url.trim_end_matches('/'));
            let channel = if suffix.is_empty() { "ping".to_string() } else { format!("ping {suffix}") };
            sent.push(dispatch(&channel, &target, body.into_bytes(), "text/plain; charset=utf-8", left));
        }
        if let Some(url) = &self.hooks.webhook {
            let mut doc = doc;
            doc["log"] = crate::output::recent_log().into();
            sent.push(dispatch("webhook", url, doc.to_string().into_bytes(), "application/json", left));
        }
        answered.extend(sent.into_iter().map(|s| s.wait(deadline, budget)));
        for (channel, place, outcome) in answered {
            if let Err(e) = outcome {
                let fields =
                    serde_json::json!({ "channel": channel, "url": place, "error": format!("{e:#}") });
                self.out.problem_event(
                    "notify.failed",
                    &format!("the {channel} to {place} failed: {e:#}; the {} is not affected", self.event),
                    fields,
                );
            }
        }
    }

    /// What happened, as the webhook and the JSON log give it (a Slack-compatible `text` first).
    fn document(&self, status: &str, o: &Outcome) -> serde_json::Value {
        let host = crate::sys::whoami();
        let text = match status {
            "success" => format!("{} on {host}", self.summary(o)),
            _ => format!(
                "dbctl {} FAILED on {host}: {}",
                self.event,
                self.out.redact(o.error.as_deref().unwrap_or("unknown error"))
            ),
        };
        serde_json::json!({
            "text": text, "event": self.event, "status": status, "host": host,
            "backup_id": o.backup_id, "artifact": o.artifact, "stored_bytes": o.stored_bytes,
            "error": o.error.as_ref().map(|e| self.out.redact(e)),
            "duration_ms": self.started.elapsed().as_millis() as u64,
        })
    }

    fn summary(&self, o: &Outcome) -> String {
        let mut s = format!(
            "dbctl {} succeeded in {}",
            self.event,
            crate::text::std_duration(self.started.elapsed())
        );
        if let Some(a) = &o.artifact {
            s.push_str(&format!(": {a}"));
        }
        s
    }
}

/// POSTs `body` with a short timeout, up to three attempts (again only after a transient failure);
/// an error names no URL (it may hold a token).
fn send(url: &str, body: Vec<u8>, content_type: &str, budget: Duration) -> Result<()> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(budget.min(Duration::from_secs(10))))
        .build()
        .into();
    let r = crate::sys::http::retrying("the notification", 3, Duration::from_secs(1), || {
        agent.post(url).content_type(content_type).send(&body[..])
    })?;
    if r.status().is_success() {
        return Ok(());
    }
    let status = r.status().as_u16();
    let answer = r.into_body().read_to_string().unwrap_or_default();
    Err(crate::sys::http::status_error("the notification", status, &answer))
}
