//! Checked-in generated files (shell completions, man page) must match the current CLI.
//! Help texts are snapshots too. `DBCTL_UPDATE_GENERATED=1 cargo test generated` rewrites them all.

use std::path::Path;

use clap::ValueEnum;
use clap_complete::{Generator, Shell};

use crate::support::{dbctl, project};

fn compare(path: &Path, fresh: &str) {
    if std::env::var_os("DBCTL_UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, fresh).unwrap();
        return;
    }
    let stored = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        stored == fresh,
        "{} is stale: run `DBCTL_UPDATE_GENERATED=1 cargo test generated` and commit the result",
        path.display()
    );
}

#[test]
fn completions_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for shell in Shell::value_variants() {
        let file = root.join("completions").join(shell.file_name("dbctl"));
        compare(&file, &dbctl::commands::completions::script(*shell));
    }
    // The binary prints the same script.
    let dir = project();
    let out = dbctl(dir.path()).args(["completions", "bash"]).run().code(0);
    assert_eq!(out.stdout, dbctl::commands::completions::script(Shell::Bash));
}

#[test]
fn man_page_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    compare(&root.join("man").join("dbctl.1"), &dbctl::commands::completions::man_page());
}

#[test]
fn help_shows_only_working_commands_with_examples() {
    let dir = project();
    let out = dbctl(dir.path()).args(["--help"]).run().code(0);
    for cmd in [
        "migrate",
        "seed",
        "backup",
        "restore",
        "cache",
        "schedule",
        "health",
        "studio-lite",
        "config",
        "completions",
    ] {
        assert!(out.stdout.contains(cmd), "{}", out.stdout);
    }
    assert!(out.stdout.contains("[alias: studio]"), "{}", out.stdout);
    for args in [
        vec!["health", "--help"],
        vec!["config", "show", "--help"],
        vec!["config", "check", "--help"],
        vec!["completions", "--help"],
        vec!["restore", "--help"],
        vec!["cache", "flush", "--help"],
        vec!["studio-lite", "--help"],
    ] {
        dbctl(dir.path()).args(&args).run().code(0).stdout_has("Examples:");
    }
}

/// The help texts are snapshots: a change of wording shows up in review.
#[test]
fn help_texts_match_their_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = project();
    for args in [
        vec!["--help"],
        vec!["health", "--help"],
        vec!["config", "--help"],
        vec!["config", "show", "--help"],
        vec!["config", "check", "--help"],
        vec!["completions", "--help"],
        vec!["migrate", "--help"],
        vec!["migrate", "status", "--help"],
        vec!["migrate", "new", "--help"],
        vec!["migrate", "revert", "--help"],
        vec!["migrate", "redo", "--help"],
        vec!["migrate", "reset", "--help"],
        vec!["migrate", "baseline", "--help"],
        vec!["seed", "--help"],
        vec!["backup", "--help"],
        vec!["backup", "list", "--help"],
        vec!["backup", "verify", "--help"],
        vec!["backup", "prune", "--help"],
        vec!["restore", "--help"],
        vec!["cache", "--help"],
        vec!["cache", "flush", "--help"],
        vec!["cache", "stats", "--help"],
        vec!["schedule", "--help"],
        vec!["schedule", "show", "--help"],
        vec!["schedule", "run", "--help"],
        vec!["schedule", "install", "--help"],
        vec!["studio-lite", "--help"],
    ] {
        let out = dbctl(dir.path()).args(&args).env("COLUMNS", "100").run().code(0);
        let name = args.iter().filter(|a| !a.starts_with('-')).cloned().collect::<Vec<_>>().join("-");
        let name = if name.is_empty() { "dbctl".to_string() } else { format!("dbctl-{name}") };
        compare(&root.join("tests").join("snapshots").join(format!("{name}.help.txt")), &out.stdout);
    }
}
