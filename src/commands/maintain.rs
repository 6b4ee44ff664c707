//! `dbctl maintain`: the maintenance `health::maintain` plans, run or (`--dry-run`) listed.

use anyhow::Result;

use crate::health::maintain::perform;
use crate::output::Output;
use crate::settings::Settings;

pub fn run(args: &crate::cli::MaintainArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let steps = perform(&crate::health::Config::from_settings(settings), args.dry_run, out)?;
    if out.settings.json {
        out.stdout(&format!(
            "{}\n",
            serde_json::to_string_pretty(&serde_json::json!({ "dry_run": args.dry_run, "steps": steps }))?
        ))?;
    } else if args.dry_run {
        let mut text = String::new();
        for s in &steps {
            text.push_str(&format!("would run: {}  -- {}\n", s.sql, s.why));
        }
        out.stdout(&text)?;
    } else if !out.settings.quiet {
        out.stdout(&format!("maintenance done: {}\n", crate::text::count(steps.len(), "step")))?;
    }
    Ok(0)
}
