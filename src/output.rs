//! Where text goes: results to stdout, messages to stderr, every byte through the redactor.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};

use crate::redact::Redactor;
pub use crate::text::{bytes, duration, escape_controls, percent, std_duration};

/// The widest progress line that fits `width` columns: the parts are dropped from the least
/// useful (the bar's length, the rate, the byte counts) until it fits; the label takes what is left.
fn progress_template(known: bool, estimate: bool, width: u16) -> String {
    let about = if estimate { "~" } else { "" };
    if !known {
        return match width {
            48.. => "{spinner} {bytes} read ({bytes_per_sec}) {wide_msg}".into(),
            _ => "{spinner} {bytes} {wide_msg}".into(),
        };
    }
    // Widest values: "100% ", "1023.9 MiB/~1023.9 MiB ", "(1023.9 MiB/s) ", "ETA 59m ".
    match width {
        100.. => format!(
            "{{percent:>3}}% [{{bar:30}}] {{bytes}}/{about}{{total_bytes}} ({{bytes_per_sec}}) ETA {{eta}} {{wide_msg}}"
        ),
        76.. => format!(
            "{{percent:>3}}% [{{bar:10}}] {{bytes}}/{about}{{total_bytes}} ({{bytes_per_sec}}) ETA {{eta}} {{wide_msg}}"
        ),
        48.. => format!("{{percent:>3}}% {{bytes}}/{about}{{total_bytes}} ETA {{eta}} {{wide_msg}}"),
        _ => "{percent:>3}% ETA {eta} {wide_msg}".into(),
    }
}

/// How output is shaped.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutputSettings {
    pub json: bool,
    /// `--log-format json`: messages on stderr as one JSON object per line.
    pub log_json: bool,
    pub quiet: bool,
    pub verbose: bool,
    pub color: bool,
}

/// Colors used in human output.
#[derive(Debug, Clone, Copy)]
pub enum Style {
    Good,
    Warn,
    Bad,
    Dim,
}

impl Style {
    pub fn paint(self, text: &str, color: bool) -> String {
        if !color {
            return text.to_string();
        }
        let style = match self {
            Style::Good => anstyle::AnsiColor::Green.on_default().bold(),
            Style::Warn => anstyle::AnsiColor::Yellow.on_default().bold(),
            Style::Bad => anstyle::AnsiColor::Red.on_default().bold(),
            Style::Dim => anstyle::AnsiColor::Magenta.on_default(),
        };
        format!("{style}{text}{style:#}")
    }
}

/// A table for people: a header row, then rows, each cell padded to its column's width and two
/// spaces between columns, the last column unpadded. `paint(row, column, text)` may colour a
/// data cell (it gets the padded-out text's content; widths are measured before painting).
pub fn table(header: &[&str], rows: &[Vec<String>], paint: impl Fn(usize, usize, &str) -> String) -> String {
    // Cells come from files and servers: no control character of theirs reaches the terminal.
    let rows: Vec<Vec<String>> =
        rows.iter().map(|r| r.iter().map(|c| escape_controls(c)).collect()).collect();
    let rows = rows.as_slice();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[String], row: Option<usize>| {
        let last = cells.len().saturating_sub(1);
        for (i, cell) in cells.iter().enumerate() {
            let shown = match row {
                Some(r) => paint(r, i, cell),
                None => cell.clone(),
            };
            out.push_str(&shown);
            if i < last {
                out.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            }
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    };
    line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>(), None);
    for (r, row) in rows.iter().enumerate() {
        line(row, Some(r));
    }
    out
}

/// Asks on the terminal whether to go on with `question`; anything but `yes` is an error.
pub fn ask_yes(question: &str) -> Result<()> {
    eprint!("{question}. Type `yes` to continue: ");
    let mut answer = String::new();
    crate::sys::signals::prompting(true);
    let read = io::stdin().read_line(&mut answer);
    crate::sys::signals::prompting(false);
    read.context("reading the confirmation")?;
    if answer.trim() != "yes" {
        anyhow::bail!("not confirmed; nothing was changed");
    }
    Ok(())
}

/// The one way commands print.
#[derive(Debug, Clone)]
pub struct Output {
    pub settings: OutputSettings,
    redactor: Redactor,
}

impl Output {
    pub fn new(settings: OutputSettings, redactor: Redactor) -> Self {
        Self { settings, redactor }
    }

    /// The same output for a step whose own report is not wanted: no --json document, no
    /// messages but problems (a backup inside another command, the checks behind an endpoint).
    pub fn quieted(&self) -> Output {
        Output::new(OutputSettings { json: false, quiet: true, ..self.settings }, self.redactor.clone())
    }

    pub fn redact(&self, text: &str) -> String {
        self.redactor.redact(text)
    }

    /// Writes a result to stdout. A closed pipe (`dbctl … | head`) is not an error.
    pub fn stdout(&self, text: &str) -> Result<()> {
        let mut lock = io::stdout().lock();
        match lock.write_all(self.redact(text).as_bytes()).and_then(|()| lock.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.context("writing to stdout"),
        }
    }

    /// A message as stderr gets it: redacted, and control characters escaped line by line (a
    /// message may quote what a file, a server or another user wrote). Kept for [`recent_log`]
    /// too, whether shown or not.
    fn message(&self, msg: &str) -> String {
        let text = self.redact(msg).split('\n').map(escape_controls).collect::<Vec<_>>().join("\n");
        let mut log = RECENT.lock().unwrap_or_else(|e| e.into_inner());
        for line in text.lines() {
            if log.len() == RECENT_LINES {
                log.pop_front();
            }
            log.push_back(line.to_string());
        }
        text
    }

    /// Writes a message to stderr: as it is, or with `--log-format json` as one JSON object.
    fn emit(&self, level: &str, msg: &str) {
        self.emit_event(level, "message", msg, serde_json::Value::Null);
    }

    /// [`Self::emit`] with an event name and fields for `--log-format json`; the text form is
    /// the message alone.
    fn emit_event(&self, level: &str, event: &str, msg: &str, fields: serde_json::Value) {
        if self.settings.log_json {
            let text = self.message(msg);
            eprintln!("{}", self.json_line(level, event, &text, fields));
        } else if level == "warning" {
            eprintln!("{}", self.message(&format!("warning: {msg}")));
        } else {
            eprintln!("{}", self.message(msg));
        }
    }

    /// A message for the person at the terminal; silent with --quiet.
    pub fn info(&self, msg: &str) {
        self.info_event("message", msg, serde_json::Value::Null);
    }

    /// [`Self::info`] of an event that `--log-format json` gives with its fields.
    pub fn info_event(&self, event: &str, msg: &str, fields: serde_json::Value) {
        if self.settings.quiet {
            self.message(msg);
        } else {
            self.emit_event("info", event, msg, fields);
        }
    }

    /// [`Self::problem`] of an event that `--log-format json` gives with its fields.
    pub fn problem_event(&self, event: &str, msg: &str, fields: serde_json::Value) {
        self.emit_event("warning", event, msg, fields);
    }

    /// An operation's outcome as one `--log-format json` line on stderr, written under --quiet
    /// as well (the record an unattended run leaves); nothing in the text form, which has its
    /// own report.
    pub fn record(&self, level: &str, event: &str, msg: &str, fields: serde_json::Value) {
        if self.settings.log_json {
            eprintln!("{}", self.json_line(level, event, &self.redact(msg), fields));
        }
    }

    /// One JSON log line of a message already redacted, its fields redacted here.
    fn json_line(&self, level: &str, event: &str, text: &str, fields: serde_json::Value) -> String {
        log_line(level, event, text, self.redact_value(fields))
    }

    /// The fields of a JSON log line through the redactor, string by string (redacting the
    /// serialized text would miss a secret whose characters JSON escapes).
    fn redact_value(&self, value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::String(s) => Value::String(self.redact(&s)),
            Value::Array(items) => Value::Array(items.into_iter().map(|v| self.redact_value(v)).collect()),
            Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, self.redact_value(v))).collect())
            }
            other => other,
        }
    }

    /// A remark about something that may be wrong; silent with --quiet.
    pub fn warn(&self, msg: &str) {
        if self.settings.quiet {
            self.message(&format!("warning: {msg}"));
        } else {
            self.emit("warning", msg);
        }
    }

    /// A problem of the configuration: shown even with --quiet, which keeps errors and problems.
    pub fn problem(&self, msg: &str) {
        self.problem_event("message", msg, serde_json::Value::Null);
    }

    /// Detail shown with --verbose.
    pub fn verbose(&self, msg: &str) {
        if self.settings.verbose {
            self.emit("debug", msg);
        }
    }

    /// A line of a long-running command's log on stdout (`schedule run`): a UTC time and the
    /// message, or with `--log-format json` one JSON object.
    pub fn log(&self, event: &str, msg: &str, fields: serde_json::Value) -> Result<()> {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        if self.settings.log_json {
            self.stdout(&format!("{}\n", self.json_line("info", event, &self.redact(msg), fields)))
        } else {
            self.stdout(&format!("{now} {msg}\n"))
        }
    }

    /// A progress bar on stderr over `total` bytes (`~` before the total when it is an
    /// `estimate`), with percentage, rate and ETA; a spinner when the total is unknown. What is
    /// shown fits the terminal's width (the label is cut to what is left). None with --quiet or
    /// when stderr is not a terminal: cron and CI logs get no bars.
    pub fn progress(
        &self,
        total: Option<u64>,
        estimate: bool,
        label: &str,
    ) -> Option<indicatif::ProgressBar> {
        if self.settings.quiet || !io::stderr().is_terminal() {
            return None;
        }
        let width = console::Term::stderr().size_checked().map_or(80, |(_, cols)| cols);
        let template = progress_template(total.is_some(), estimate, width);
        let style = indicatif::ProgressStyle::with_template(&template).expect("a valid progress template");
        let bar = match total {
            Some(t) => indicatif::ProgressBar::new(t),
            None => indicatif::ProgressBar::new_spinner(),
        };
        Some(bar.with_style(style.progress_chars("=> ")).with_message(label.to_string()))
    }

    /// Writes `text` to `path` atomically: a temporary file in the same directory, fsynced, then
    /// renamed over the target, so readers see the old or the new file, never half of one.
    pub fn write_file_atomically(&self, path: &Path, text: &str) -> Result<()> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .with_context(|| {
            format!(
                "cannot create a file in {}; check that the directory exists and is writable",
                dir.display()
            )
        })?;
        tmp.write_all(self.redact(text).as_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .with_context(|| format!("writing {}", tmp.path().display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
                .with_context(|| format!("setting permissions of {}", tmp.path().display()))?;
        }
        tmp.persist(path).with_context(|| format!("renaming into {}", path.display()))?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// One JSON log line: time, level, event, message and the event's fields (`{}` when it has none).
pub fn log_line(level: &str, event: &str, message: &str, fields: serde_json::Value) -> String {
    let fields = if fields.is_null() { serde_json::json!({}) } else { fields };
    serde_json::json!({
        "time": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "level": level,
        "event": event,
        "message": message,
        "fields": fields,
    })
    .to_string()
}

/// How many of the latest messages are kept for notifications.
const RECENT_LINES: usize = 20;
static RECENT: std::sync::Mutex<std::collections::VecDeque<String>> =
    std::sync::Mutex::new(std::collections::VecDeque::new());

/// The latest messages of this run (redacted, at most 20 lines), for a failure notification.
pub fn recent_log() -> Vec<String> {
    RECENT.lock().unwrap_or_else(|e| e.into_inner()).iter().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_shown_escaped() {
        assert_eq!(escape_controls("app\u{200B}"), "app\\u{200b}");
        assert_eq!(escape_controls("a\u{202E}gnp.exe"), "a\\u{202e}gnp.exe");
        assert_eq!(escape_controls("caf\u{E9} \u{1F600}"), "caf\u{E9} \u{1F600}");
    }

    #[test]
    fn tables_pad_all_but_the_last_column() {
        let rows = vec![
            vec!["a".to_string(), "long value".into(), "x".into()],
            vec!["bbb".into(), "".into(), "".into()],
        ];
        let t = table(&["K", "VALUE", "NOTE"], &rows, |_, _, c| c.to_string());
        assert_eq!(t, "K    VALUE       NOTE\na    long value  x\nbbb\n");
        let painted = table(&["K"], &[vec!["v".into()]], |_, _, c| format!("<{c}>"));
        assert_eq!(painted, "K\n<v>\n");
    }
}
