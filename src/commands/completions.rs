//! `dbctl completions SHELL`

use anyhow::Result;
use clap_complete::Shell;

use crate::output::Output;

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut cmd = crate::cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "dbctl", &mut buf);
    String::from_utf8(buf).expect("completion scripts are UTF-8")
}

/// The man page, in roff.
pub fn man_page() -> String {
    let mut buf = Vec::new();
    clap_mangen::Man::new(crate::cli::command()).render(&mut buf).expect("rendering to memory cannot fail");
    String::from_utf8(buf).expect("the man page is UTF-8")
}

pub fn run(shell: Shell, out: &Output) -> Result<u8> {
    out.stdout(&script(shell))?;
    Ok(0)
}
