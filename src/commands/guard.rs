//! Consent for commands that lose data: refused in a protected profile without `--yes`, and
//! confirmed at a terminal when asked for.

use std::io::IsTerminal;

use anyhow::Result;

use crate::error::ConfigError;
use crate::settings::Settings;

/// In a protected profile, a command that loses data needs --yes.
pub fn protected(settings: &Settings, yes: bool, what: &str) -> Result<()> {
    if settings.protected && !yes {
        return Err(ConfigError::new(format!(
            "profile `{}` is protected: {what}, so it needs --yes there",
            settings.profile.as_deref().unwrap_or("(top level)")
        ))
        .into());
    }
    Ok(())
}

/// Destructive commands: refused in a protected profile without --yes; otherwise --yes, or a
/// confirmation typed at a terminal.
pub fn confirm(settings: &Settings, yes: bool, what: &str) -> Result<()> {
    protected(settings, yes, what)?;
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(ConfigError::new(format!("{what}: pass --yes to confirm (no terminal to ask on)")).into());
    }
    crate::output::ask_yes(&format!("{what} on {}", settings.database.target.display()))
}
