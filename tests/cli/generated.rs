//! Checked-in generated files (shell completions, man pages, the configuration reference and
//! example) must match the current code.
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
    let out = dbctl(dir.path()).args(["completions", "bash"]).code(0).run();
    assert_eq!(out.stdout, dbctl::commands::completions::script(Shell::Bash));
}

#[test]
fn man_pages_are_fresh() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let pages = dbctl::commands::completions::man_pages();
    for (name, roff) in &pages {
        compare(&dir.join(name), roff);
    }
    // One per command and subcommand, and none left of a command that is gone.
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"dbctl.1") && names.contains(&"dbctl-backup-rekey.1"), "{names:?}");
    assert_eq!(names.len(), every_command().len());
    for stored in std::fs::read_dir(&dir).unwrap() {
        let stored = stored.unwrap().file_name().into_string().unwrap();
        if std::env::var_os("DBCTL_UPDATE_GENERATED").is_some() && !names.contains(&stored.as_str()) {
            std::fs::remove_file(dir.join(&stored)).unwrap();
            continue;
        }
        assert!(
            names.contains(&stored.as_str()),
            "man/{stored} is of no command: run `DBCTL_UPDATE_GENERATED=1 cargo test generated`"
        );
    }
    // A subcommand's page names it as typed, with the global options.
    let rekey = &pages.iter().find(|(n, _)| n == "dbctl-backup-rekey.1").unwrap().1;
    assert!(rekey.contains("dbctl\\-backup\\-rekey") || rekey.contains("dbctl-backup-rekey"), "{rekey}");
    assert!(rekey.contains("recipient") && rekey.contains("env\\-file"), "{rekey}");
}

/// The configuration reference (docs/configuration.md) is generated from the settings table,
/// and lists every key and environment variable `config show` knows.
#[test]
fn configuration_reference_is_fresh_and_complete() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let reference = dbctl::settings::reference::reference();
    compare(&root.join("docs").join("configuration.md"), &reference);
    let dir = project();
    let shown = dbctl(dir.path()).args(["config", "show", "--json"]).code(0).run().json();
    let keys = shown["settings"].as_array().unwrap_or_else(|| panic!("{shown:#}"));
    assert!(keys.len() > 50, "{shown:#}");
    for k in keys {
        let name = k["key"].as_str().unwrap_or_else(|| panic!("{k:#}"));
        assert!(reference.contains(&format!("| `{name}` |")), "{name} is not in the reference");
    }
    // The variables the README once named only in prose are there too.
    for var in [
        "MIGRATION_DIRECTORY",
        "DBCTL_PG_BIN_DIR",
        "BACKUP_DUMP_COMMAND",
        "BACKUP_LOCK",
        "BACKUP_FROM",
        "REPLICATION_NODES",
        "DBCTL_MAINTAIN_SCHEDULE",
        "BACKUP_VERIFY_SCHEDULE",
    ] {
        assert!(reference.contains(&format!("`{var}`")), "{var} is not in the reference");
    }
}

/// `config.example.toml` is generated from the same table (`example_config_is_complete_and_valid`
/// checks that `config check` takes it).
#[test]
fn example_config_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    compare(&root.join("config.example.toml"), &dbctl::settings::reference::example_file());
}

/// Every command and subcommand of the command line, as the words that name it (`["backup",
/// "list"]`), the top level first.
fn every_command() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help") {
            let mut next = path.clone();
            next.push(sub.get_name().to_string());
            walk(sub, next, out);
        }
    }
    let mut out = Vec::new();
    walk(&dbctl::cli::command(), Vec::new(), &mut out);
    out
}

#[test]
fn help_shows_only_working_commands_with_examples() {
    let dir = project();
    let out = dbctl(dir.path()).args(["--help"]).code(0).run();
    for path in every_command().iter().filter(|p| p.len() == 1) {
        assert!(out.stdout.contains(&path[0]), "{}: {}", path[0], out.stdout);
    }
    assert!(out.stdout.contains("[alias: studio]"), "{}", out.stdout);
    // Every command, groups of subcommands included, shows how to use it (the README says so).
    for path in every_command().iter().filter(|p| !p.is_empty()) {
        let help = dbctl(dir.path()).args(path).arg("--help").code(0).run();
        assert!(help.stdout.contains("Examples:"), "`dbctl {} --help` has no examples", path.join(" "));
    }
}

/// The help texts are snapshots: a change of wording shows up in review. Every command has one,
/// and no snapshot is left of a command that is gone.
#[test]
fn help_texts_match_their_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = project();
    let snapshots = root.join("tests").join("snapshots");
    let mut expected = Vec::new();
    for path in every_command() {
        let out = dbctl(dir.path()).args(&path).arg("--help").env("COLUMNS", "100").code(0).run();
        let name = if path.is_empty() { "dbctl".to_string() } else { format!("dbctl-{}", path.join("-")) };
        let file = format!("{name}.help.txt");
        compare(&snapshots.join(&file), &out.stdout);
        expected.push(file);
    }
    for entry in std::fs::read_dir(&snapshots).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if std::env::var_os("DBCTL_UPDATE_GENERATED").is_some() && !expected.contains(&name) {
            std::fs::remove_file(snapshots.join(&name)).unwrap();
            continue;
        }
        assert!(expected.contains(&name), "{name} is the snapshot of no command");
    }
}
