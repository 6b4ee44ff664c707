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

/// A man page per command and subcommand: `dbctl.1`, `dbctl-backup.1`, `dbctl-backup-rekey.1`…
/// as (file name, roff).
pub fn man_pages() -> Vec<(String, String)> {
    fn walk(cmd: &clap::Command, name: String, out: &mut Vec<(String, String)>) {
        let mut page = cmd.clone().name(name.clone());
        if name != "dbctl" {
            page = page.display_name(name.clone()).bin_name(name.replace('-', " "));
        }
        let mut buf = Vec::new();
        clap_mangen::Man::new(page).render(&mut buf).expect("rendering to memory cannot fail");
        out.push((format!("{name}.1"), String::from_utf8(buf).expect("the man page is UTF-8")));
        for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help") {
            walk(sub, format!("{name}-{}", sub.get_name()), out);
        }
    }
    let mut cmd = crate::cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "dbctl".to_string(), &mut out);
    out
}

pub fn run(shell: Shell, out: &Output) -> Result<u8> {
    out.stdout(&script(shell))?;
    Ok(0)
}
