//! What is generated from the settings table [`KEYS`]: the configuration reference
//! (`docs/configuration.md`) and `config.example.toml`. A test keeps both fresh.

use super::keys::{KEYS, Key, Kind};

/// The keys grouped by their table (`""` for the top level), tables in the order of their first
/// key, keys in the table's order.
fn tables() -> Vec<(&'static str, Vec<&'static Key>)> {
    let mut groups: Vec<(&str, Vec<&Key>)> = Vec::new();
    for k in KEYS {
        let table = k.name.rsplit_once('.').map_or("", |(table, _)| table);
        match groups.iter_mut().find(|(t, _)| *t == table) {
            Some((_, keys)) => keys.push(k),
            None => groups.push((table, vec![k])),
        }
    }
    groups
}

/// The configuration reference (`docs/configuration.md`): every key of [`KEYS`], by section,
/// with its environment variables, flag, type, default and meaning.
pub fn reference() -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::from(
        "# Configuration reference\n\n\
         Every setting dbctl reads: its key in `dbctl.toml` (or under a profile, `[env.NAME]`), the\n\
         environment variables that set it (the first set wins; `.env` files count as the\n\
         environment), the command-line flag, the kind of value, the default and what it does.\n\
         `dbctl config show` prints where each value in effect came from; `dbctl config check`\n\
         checks them all.\n\n\
         This page is generated from dbctl's settings table (`src/settings/keys.rs`); a test keeps\n\
         it fresh (`DBCTL_UPDATE_GENERATED=1 cargo test generated` rewrites it).\n",
    );
    for (table, keys) in tables() {
        let here = if table.is_empty() { "top level".to_string() } else { format!("[{table}]") };
        out.push_str(&format!(
            "\n## {here}\n\n| Key | Environment | Flag | Value | Default | Meaning |\n|---|---|---|---|---|---|\n"
        ));
        for k in keys {
            let env: Vec<String> = k.env.iter().map(|e| format!("`{e}`")).collect();
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} | {} |\n",
                k.name,
                if env.is_empty() { "—".to_string() } else { env.join(", ") },
                k.flag.map_or("—".to_string(), |f| format!("`{f}`")),
                cell(&k.kind.describe()),
                k.default.map_or("—".to_string(), |d| format!("`{}`", cell(d))),
                cell(k.doc),
            ));
        }
    }
    out.push_str(
        "\n## Outside the settings table\n\n\
         | Variable or table | Flag | Meaning |\n|---|---|---|\n\
         | `DBCTL_CONFIG` | `--config` | The config file (default: `dbctl.toml` in the current directory, if there is one) |\n\
         | `DBCTL_ENV` | `--env` | The profile, `[env.NAME]` in the config file (and `seeds/NAME/`) |\n\
         | `DBCTL_ENV_FILE` | `--env-file` | The environment file read instead of `.env` (by dotenv's rules) |\n\
         | `REPLICATION_NODES` | — | The application's nodes, a JSON list (`name`, `role`, `url` or `host`/`port`), read as servers for `--server`, `--all-servers` and `backup.from` unless `database.replication_nodes` is false |\n\
         | `[[servers]]` | `--server`, `--all-servers` | Servers in the config file: `name`, `url`, `role` (primary or replica), `primary` (a replica's), `databases` (`\"all\"` or a list) |\n\
         | `NO_COLOR` | `--no-color` | Any value: no colour in the output |\n",
    );
    out
}

/// What `config.example.toml` says first, and above some tables.
const EXAMPLE_HEAD: &str = "dbctl configuration: copy to dbctl.toml in your project (or point --config / DBCTL_CONFIG at \
it).\n\nPrecedence, lowest first: built-in defaults < this file (top level, then the active profile \
[env.NAME]) < environment variables < command-line flags. `dbctl config show` prints every effective \
value and where it came from; `dbctl config check` validates this file and all its profiles. Unknown \
keys are an error. An empty string (\"\") unsets a value.\n\nEvery key is shown with its default; a \
key without one is unset unless its commented-out example is taken. This file is generated from \
dbctl's settings table, like docs/configuration.md.";

const TABLE_NOTES: &[(&str, &str)] = &[
    (
        "backup.retention",
        "`dbctl backup prune` and `dbctl backup --prune` keep a backup when any rule keeps it, and always \
         the newest one. No rule at all keeps everything; unset rules are not used.",
    ),
    (
        "backup.local",
        "Destinations: [backup.local], [backup.s3] and [backup.gcs], each on when configured, several at \
         once. One dump, compressed and encrypted once, is streamed to every destination at the same \
         time; each gets a complete backup and its manifest, or nothing, and a failing one does not stop \
         the others (the run then exits 1 and says which failed). `--destination NAME` works on one alone.",
    ),
    (
        "health",
        "Thresholds of `dbctl health`: a value at or above *_warn is a warning (exit 1), at or above \
         *_crit critical (exit 2). Durations as 500ms, 30s, 5m; percentages as 0-100.",
    ),
];

/// What follows the tables: a profile and servers, as examples.
const EXAMPLE_TAIL: &str = "
# Profiles: select with --env NAME or DBCTL_ENV=NAME. A profile's tables override the top level
# key by key; everything else is inherited.
[env.production]
protected = true

# Production's URL usually comes from the environment, where its password belongs:
#   DATABASE_URL=postgres://app:…@db.internal:5432/app dbctl --env production health
[env.production.health]
latency_warn = \"100ms\"

# Several servers (the applications' REPLICATION_NODES, a JSON list of nodes with a url and a
# role, is read as well). `--server NAME` works on one in place of DATABASE_URL; `--all-servers`
# runs backup and migrate --check on every primary, and health on every server.
# [[servers]]
# name = \"main\"
# url = \"postgres://backup@db1.internal/app\"
# role = \"primary\"                  # or \"replica\"
# databases = \"all\"                 # or [\"app\", \"billing\"]; unset: the URL's database
#
# [[servers]]
# name = \"main-replica\"
# url = \"postgres://backup@db2.internal/app\"
# role = \"replica\"
# primary = \"main\"                  # needed only when several primaries are configured
";

/// `text` as `# ` comment lines of at most 100 columns; a blank line between paragraphs.
fn comment(out: &mut String, text: &str) {
    for (i, paragraph) in text.split("\n\n").enumerate() {
        // A line break inside a paragraph would end the comment: it is a space here.
        let paragraph = paragraph.replace('\n', " ");
        if i > 0 {
            out.push_str("#\n");
        }
        for line in crate::text::wrap(&paragraph, 98) {
            out.push_str(format!("# {line}").trim_end());
            out.push('\n');
        }
    }
}

/// A value as TOML: numbers and booleans bare where the key takes them, anything else a string.
fn toml_value(kind: Kind, text: &str) -> String {
    let bare = match kind {
        Kind::Bool => text == "true" || text == "false",
        Kind::Count | Kind::Number | Kind::Bytes | Kind::Percent | Kind::Port => text.parse::<u64>().is_ok(),
        _ => false,
    };
    if bare { text.to_string() } else { toml::Value::String(text.to_string()).to_string() }
}

/// `config.example.toml`: every key with its explanation, variables and flag, its default (or
/// `""`), and its example commented out; then a profile and servers.
pub fn example_file() -> String {
    let mut out = String::new();
    comment(&mut out, EXAMPLE_HEAD);
    for (table, keys) in tables() {
        out.push('\n');
        if let Some((_, note)) = TABLE_NOTES.iter().find(|(t, _)| *t == table) {
            comment(&mut out, note);
            out.push('\n');
        }
        if !table.is_empty() {
            out.push_str(&format!("[{table}]\n"));
        }
        for k in keys {
            let leaf = k.name.rsplit_once('.').map_or(k.name, |(_, leaf)| leaf);
            let mut text = if k.long.is_empty() { k.doc.to_string() } else { k.long.to_string() };
            if !text.ends_with('.') {
                text.push('.');
            }
            if !k.env.is_empty() {
                text.push_str(&format!(" Env: {}.", k.env.join(", then ")));
            }
            if let Some(flag) = k.flag {
                text.push_str(&format!(" Flag: {flag}."));
            }
            comment(&mut out, &text);
            match (k.default, k.example) {
                (Some(default), _) => out.push_str(&format!("{leaf} = {}\n", toml_value(k.kind, default))),
                (None, None) => out.push_str(&format!("{leaf} = \"\"\n")),
                (None, Some(_)) => {}
            }
            if let Some(example) = k.example {
                out.push_str(&format!("# {leaf} = {}\n", toml_value(k.kind, example)));
            }
        }
    }
    out.push_str(EXAMPLE_TAIL);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_without_a_default_can_be_left_unset_or_has_an_example() {
        for k in KEYS {
            let text_kind = !matches!(
                k.kind,
                Kind::Bool | Kind::Count | Kind::Number | Kind::Bytes | Kind::Percent | Kind::Port
            );
            assert!(
                k.default.is_some() || k.example.is_some() || text_kind,
                "{}: a number or switch without a default needs an example",
                k.name
            );
            if let Some(example) = k.example {
                k.kind.check(example).unwrap_or_else(|e| panic!("{}'s example: {e}", k.name));
            }
        }
    }

    #[test]
    fn the_example_file_is_toml_and_only_comments_wrap() {
        let text = example_file();
        text.parse::<toml::Table>().unwrap_or_else(|e| panic!("{e}"));
        for line in text.lines() {
            assert!(line.chars().count() <= 100, "{line}");
            assert!(
                line.is_empty() || line.starts_with('#') || line.starts_with('[') || line.contains(" = "),
                "{line}"
            );
        }
    }

    #[test]
    fn values_are_toml_of_their_kind() {
        assert_eq!(toml_value(Kind::Count, "3"), "3");
        assert_eq!(toml_value(Kind::Bool, "true"), "true");
        assert_eq!(toml_value(Kind::Duration, "5s"), "\"5s\"");
        let quoted = toml_value(Kind::Text, "mongodump --uri=\"$X\"");
        let parsed: toml::Table = toml::from_str(&format!("k = {quoted}")).unwrap();
        assert_eq!(parsed["k"].as_str(), Some("mongodump --uri=\"$X\""));
    }
}
