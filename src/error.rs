//! The errors users see, and the exit codes they map to.

/// Exit code of a successful run.
pub const EXIT_OK: u8 = 0;
/// Exit code when the operation failed or a check found a problem.
pub const EXIT_FAILURE: u8 = 1;
/// Exit code of a usage or configuration error.
pub const EXIT_USAGE: u8 = 2;

/// A configuration or usage problem: exit code 2. Carries every problem found, each naming the
/// setting, where it came from and the fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", list_problems(.problems))]
pub struct ConfigError {
    pub problems: Vec<String>,
}

impl ConfigError {
    pub fn new(problem: impl Into<String>) -> Self {
        Self { problems: vec![problem.into()] }
    }
}

/// One problem as it is; several as a list under a count.
fn list_problems(list: &[String]) -> String {
    match list {
        [one] => one.clone(),
        many => {
            let items: String = many.iter().map(|p| format!("\n  - {p}")).collect();
            format!("{} configuration problems:{items}", many.len())
        }
    }
}

/// An error that exits with its own code (`wal fetch`'s 126, which PostgreSQL's
/// restore_command handling reads as fatal), whatever it wraps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExitWith {
    pub code: u8,
    pub message: String,
}

/// What `run` returns on failure: a message already stripped of secrets, and its exit code.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    message: String,
    code: u8,
}

impl Error {
    /// Classifies an error chain (configuration errors exit 2, everything else 1) and renders it
    /// through `redact` so that no secret reaches the terminal.
    pub fn from_anyhow(err: &anyhow::Error, redact: impl Fn(&str) -> String) -> Self {
        let interrupted = err.chain().find_map(|e| e.downcast_ref::<crate::sys::signals::Interrupted>());
        // As a context (`e.context(ExitWith …)`) anyhow finds it on the error itself.
        let own =
            err.downcast_ref::<ExitWith>().or_else(|| err.chain().find_map(|e| e.downcast_ref::<ExitWith>()));
        let code = if let Some(i) = interrupted {
            128u8.saturating_add(i.0 as u8)
        } else if let Some(own) = own {
            own.code
        } else if err.chain().any(|e| e.downcast_ref::<ConfigError>().is_some()) {
            EXIT_USAGE
        } else {
            EXIT_FAILURE
        };
        // Messages quote what users, files and servers gave: escape control characters (but line
        // breaks, which lists of problems use) so that none can drive the terminal.
        let message = redact(&format!("{err:#}"))
            .split('\n')
            .map(crate::text::escape_controls)
            .collect::<Vec<_>>()
            .join("\n");
        Self { message, code }
    }

    pub fn exit_code(&self) -> u8 {
        self.code
    }

    /// What kind of failure: `configuration` (exit 2), `interrupted` (128 + signal), `failure`.
    pub fn kind(&self) -> &'static str {
        match self.code {
            EXIT_USAGE => "configuration",
            c if c > 128 => "interrupted",
            _ => "failure",
        }
    }

    /// The error as `--json` prints it: `{"error": {"message", "exit_code", "kind"}}`.
    pub fn to_json(&self) -> String {
        serde_json::json!({ "error": { "message": self.message, "exit_code": self.code, "kind": self.kind() } })
            .to_string()
    }
}

/// The error of `--all-servers` with a command that takes one server.
pub fn not_for_all_servers() -> anyhow::Error {
    ConfigError::new(
        "--all-servers works with backup, backup list, health and migrate --check; for other commands name \
         one server with --server NAME",
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_errors_exit_2_and_others_1() {
        let e = anyhow::Error::new(ConfigError::new("bad key")).context("loading dbctl.toml");
        let err = Error::from_anyhow(&e, |s| s.to_string());
        assert_eq!(err.exit_code(), EXIT_USAGE);
        assert_eq!(err.to_string(), "loading dbctl.toml: bad key");

        let e = anyhow::anyhow!("connection refused with secret hunter2");
        let err = Error::from_anyhow(&e, |s| s.replace("hunter2", "***"));
        assert_eq!(err.exit_code(), EXIT_FAILURE);
        assert_eq!(err.to_string(), "connection refused with secret ***");
    }

    #[test]
    fn an_error_with_its_own_code_keeps_it_even_over_a_configuration_error() {
        let own = ExitWith { code: 126, message: "stop".into() };
        let e = anyhow::Error::new(ConfigError::new("no key")).context(own.clone());
        assert_eq!(Error::from_anyhow(&e, |s| s.to_string()).exit_code(), 126);
        let e = anyhow::Error::new(own).context("around it");
        assert_eq!(Error::from_anyhow(&e, |s| s.to_string()).exit_code(), 126);
    }

    #[test]
    fn several_problems_are_listed() {
        let e = ConfigError { problems: vec!["a".into(), "b".into()] };
        assert_eq!(e.to_string(), "2 configuration problems:\n  - a\n  - b");
    }
}
