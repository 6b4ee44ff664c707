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
        allow_hosts: args.allow_host.clone(),
    };
    if !bind.is_loopback() {
        out.warn(&format!(
            "studio-lite listens on {bind}, not loopback: anyone who can reach this host and learns the token can read the \
             database{}; the token and every page cross the network as plain HTTP (use an SSH tunnel to a loopback \
             studio-lite instead where you can)",
            if args.write { " and change it" } else { "" }
        ));
    }
    let open = args.open;
    let mut opened: Option<tempfile::NamedTempFile> = None;
    let write = args.write;
    studio::serve(config, |url, _addr, console_off| {
        let mode = if write { "read-write: rows can be edited" } else { "read-only" };
        out.stdout(&format!("dbctl studio-lite on {url}\n"))?;
        out.info(&format!("{mode}; Ctrl-C stops it"));
        if let Some(why) = console_off {
            out.warn(why);
        }
        if open {
            opened = open_browser(url, out);
        }
        Ok(())
    })?;
    drop(opened);
    out.info("studio-lite stopped");
    Ok(0)
}

/// Starts the browser on `url`: $BROWSER, else xdg-open (Linux) or open (macOS). The browser
/// is given a private file (mode 0600, removed when studio-lite stops) that redirects to the URL,
/// so the token never shows in the process list.
fn open_browser(url: &str, out: &Output) -> Option<tempfile::NamedTempFile> {
    let page = crate::sys::private_dir().and_then(|dir| {
        let mut file = crate::sys::private_file_builder("studio-", ".html").tempfile_in(dir)?;
        let escaped = url.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
        std::io::Write::write_all(
            &mut file,
            format!(
                "<!DOCTYPE html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={escaped}\">\
                 <title>dbctl studio-lite</title><a href=\"{escaped}\">dbctl studio-lite</a>\n"
            )
            .as_bytes(),
        )?;
        Ok(file)
    });
    let page = match page {
        Ok(p) => p,
        Err(e) => {
            out.warn(&format!(
                "could not write the page that opens studio-lite ({e:#}); open the URL above by hand"
            ));
            return None;
        }
    };
    let target = format!("file://{}", page.path().display());
    let candidates: Vec<String> = match std::env::var("BROWSER") {
        Ok(b) if !b.trim().is_empty() => vec![b],
        _ => vec!["xdg-open".into(), "open".into()],
    };
    for program in &candidates {
        let started = std::process::Command::new(program)
            .arg(&target)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if started.is_ok() {
            return Some(page);
        }
    }
    out.warn(&format!("could not start a browser ({}); open the URL above by hand", candidates.join(", ")));
    None
}
