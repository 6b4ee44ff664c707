//! Seed sets: `seeds/common/` always, then `seeds/<env>/` for the active profile; files in name
//! order; `*.sql` run as written, `*.csv` loaded into the table the file is named after.

pub mod load;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::db::quote_ident;
use crate::db::sql;

/// What a seed file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Kind {
    Sql,
    Csv { schema: Option<String>, table: String },
}

/// One file of a seed set.
#[derive(Debug, Clone, Serialize)]
pub struct SeedFile {
    /// `common` or the environment's name.
    pub set: String,
    /// The file name, e.g. `020_labels.csv`.
    pub name: String,
    #[serde(skip)]
    pub path: PathBuf,
    #[serde(flatten)]
    pub kind: Kind,
}

impl SeedFile {
    /// The table a CSV file loads, quoted for SQL (`"schema"."table"`).
    pub fn quoted_table(&self) -> Option<String> {
        match &self.kind {
            Kind::Csv { schema: Some(s), table } => {
                Some(format!("{}.{}", quote_ident(s), quote_ident(table)))
            }
            Kind::Csv { schema: None, table } => Some(quote_ident(table)),
            Kind::Sql => None,
        }
    }

    /// Whether `--only NAME` selects this file: by file name, stem, or table.
    pub fn matches(&self, name: &str) -> bool {
        let stem = self.name.rsplit_once('.').map_or(self.name.as_str(), |(s, _)| s);
        name == self.name || name == stem || matches!(&self.kind, Kind::Csv { table, .. } if name == table)
    }

    /// `common/020_labels.csv`, as messages name it.
    pub fn label(&self) -> String {
        format!("{}/{}", self.set, self.name)
    }
}

/// `020_labels.csv` → (None, `labels`); `010_app.labels.csv` → (Some(`app`), `labels`). The
/// leading digits and the separator after them only order the files.
pub fn csv_target(file_name: &str) -> Result<(Option<String>, String)> {
    let stem = file_name.strip_suffix(".csv").unwrap_or(file_name);
    let digits = stem.len() - stem.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = if digits > 0 { stem[digits..].trim_start_matches(['_', '-', '.']) } else { stem };
    let (schema, table) = match rest.split_once('.') {
        Some((s, t)) => (Some(s.to_string()), t.to_string()),
        None => (None, rest.to_string()),
    };
    let valid = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !valid(&table) || schema.as_deref().is_some_and(|s| !valid(s)) {
        bail!(
            "{file_name}: cannot tell the table from the file name; name CSV files like 020_labels.csv \
             (table labels) or 020_app.labels.csv (schema app)"
        );
    }
    Ok((schema, table))
}

/// The seed files to run: `common`, then `env` if given, each in file-name order. `only` keeps
/// the files whose name, stem or table is listed.
pub fn discover(dir: &Path, env: Option<&str>, only: &[String]) -> Result<Vec<SeedFile>> {
    if !dir.is_dir() {
        bail!(
            "no seeds directory at {}; create seeds/common/ (and seeds/<env>/), or set seeds.dir",
            dir.display()
        );
    }
    let mut sets = vec!["common".to_string()];
    if let Some(e) = env
        && e != "common"
    {
        sets.push(e.to_string());
    }
    let mut files = Vec::new();
    for set in &sets {
        let set_dir = dir.join(set);
        if !set_dir.is_dir() {
            continue;
        }
        let mut names: Vec<String> = std::fs::read_dir(&set_dir)
            .with_context(|| format!("reading {}", set_dir.display()))?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.starts_with('.') && (n.ends_with(".sql") || n.ends_with(".csv")))
            .collect();
        names.sort();
        for name in names {
            let kind = if name.ends_with(".csv") {
                let (schema, table) = csv_target(&name)?;
                Kind::Csv { schema, table }
            } else {
                Kind::Sql
            };
            files.push(SeedFile { set: set.clone(), path: set_dir.join(&name), name, kind });
        }
    }
    if !only.is_empty() {
        let unknown: Vec<&str> =
            only.iter().filter(|o| !files.iter().any(|f| f.matches(o))).map(String::as_str).collect();
        if !unknown.is_empty() {
            bail!(
                "--only {}: no such seed file in {} for this environment; `dbctl seed --dry-run` lists them",
                unknown.join(", "),
                dir.display()
            );
        }
        files.retain(|f| only.iter().any(|o| f.matches(o)));
    }
    Ok(files)
}

/// The tables a SQL seed file inserts into (`INSERT INTO name`), for `--reset`.
pub fn sql_targets(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for stmt in sql::split(text) {
        let words: Vec<&str> = sql::without_leading_comments(stmt.sql).split_whitespace().collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
        if let Some(i) = lower.iter().position(|w| w == "into")
            && lower.first().is_some_and(|w| w == "insert" || w == "with")
            && let Some(target) = words.get(i + 1)
        {
            let name = target.split('(').next().unwrap_or_default().trim_end_matches(';');
            if !name.is_empty() && !out.iter().any(|o: &String| o == name) {
                out.push(name.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_names_give_tables() {
        assert_eq!(csv_target("020_labels.csv").unwrap(), (None, "labels".into()));
        assert_eq!(csv_target("labels.csv").unwrap(), (None, "labels".into()));
        assert_eq!(csv_target("010-app.user_roles.csv").unwrap(), (Some("app".into()), "user_roles".into()));
        assert!(csv_target("020_bad name.csv").is_err());
        assert!(csv_target("020_.csv").is_err());
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote_ident("labels"), "\"labels\"");
        assert_eq!(quote_ident("we\"ird"), "\"we\"\"ird\"");
    }

    #[test]
    fn common_then_env_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        for (set, name) in
            [("common", "020_b.sql"), ("common", "010_a.csv"), ("dev", "005_x.sql"), ("prod", "001_p.sql")]
        {
            std::fs::create_dir_all(dir.path().join(set)).unwrap();
            std::fs::write(dir.path().join(set).join(name), "").unwrap();
        }
        std::fs::write(dir.path().join("common/README.md"), "").unwrap();
        let names = |env: Option<&str>, only: &[&str]| -> Vec<String> {
            let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
            discover(dir.path(), env, &only).unwrap().iter().map(|f| f.label()).collect()
        };
        assert_eq!(names(None, &[]), ["common/010_a.csv", "common/020_b.sql"]);
        assert_eq!(names(Some("dev"), &[]), ["common/010_a.csv", "common/020_b.sql", "dev/005_x.sql"]);
        assert_eq!(names(Some("dev"), &["a", "005_x.sql"]), ["common/010_a.csv", "dev/005_x.sql"]);
        assert!(
            discover(dir.path(), None, &["nope".to_string()])
                .unwrap_err()
                .to_string()
                .contains("--only nope")
        );
    }

    #[test]
    fn insert_targets_are_found() {
        let sql = "INSERT INTO roles (id) VALUES ('a') ON CONFLICT DO NOTHING;\n-- c\ninsert into \"perms\"(id) select 1;\nUPDATE x SET y = 1;";
        assert_eq!(sql_targets(sql), ["roles", "\"perms\""]);
    }
}
