//! `dbctl studio-lite`: serve the web UI until SIGINT/SIGTERM.

use std::net::SocketAddr;

use anyhow::Result;

use crate::cli::StudioArgs;
use crate::output::Output;
use crate::settings::Settings;
use crate::studio::{self, Config};

pub fn run(args: &StudioArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let s = &settings.studio;
    let bind = args.bind.unwrap_or(s.bind);
    let config = Config {
        target: settings.database.target.clone(),
        addr: SocketAddr::new(bind, args.port.unwrap_or(s.port)),
        write: args.write,
        statement_timeout: args.statement_timeout.unwrap_or(s.statement_timeout),
        row_cap: args.row_cap.map_or(s.row_cap, |n| n as usize),
        page_size: s.page_size,
        connect_timeout: settings.database.connect_timeout,
        database_label: settings.database.target.display(),
        allow_superuser: args.allow_superuser,
    };
    if !bind.is_loopback() {
        out.warn(&format!(
            "studio-lite listens on {bind}, not loopback: anyone who can reach this host and learns the token can read the database{}",
            if args.write { " and change it" } else { "" }
        ));
    }
    let open = args.open;
    let write = args.write;
    studio::serve(config, |url, _addr, console_off| {
        let mode = if write { "read-write: rows can be edited" } else { "read-only" };
        out.stdout(&format!("dbctl studio-lite on {url}\n"))?;
        out.info(&format!("{mode}; Ctrl-C stops it"));
        if let Some(why) = console_off {
            out.warn(why);
        }
        if open {
            open_browser(url, out);
        }
        Ok(())
    })?;
    out.info("studio-lite stopped");
    Ok(0)
}

/// Starts the browser on `url`: $BROWSER, else xdg-open (Linux) or open (macOS).
fn open_browser(url: &str, out: &Output) {
    let candidates: Vec<String> = match std::env::var("BROWSER") {
        Ok(b) if !b.trim().is_empty() => vec![b],
        _ => vec!["xdg-open".into(), "open".into()],
    };
    for program in &candidates {
        let started = std::process::Command::new(program)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if started.is_ok() {
            return;
        }
    }
    out.warn(&format!("could not start a browser ({}); open the URL above by hand", candidates.join(", ")));
}
