//! Environment files, read as Node's dotenv reads them (the applications' `.env` files were
//! written for it, and Prisma's CLI loads them with it): `./.env` and `./prisma/.env` (or the one
//! `--env-file` / `DBCTL_ENV_FILE` names) give variables the real environment does not set.
//!
//! dotenv's rules, which differ from a shell's and from stricter readers:
//! - `NAME=value`, `NAME = value`, `NAME: value` and `export NAME=value`; names of letters, digits,
//!   `_`, `.` and `-`; the last assignment of a name wins.
//! - An unquoted value ends at the first `#` (a comment) or at the end of the line, and is trimmed:
//!   `BACKUP_SCHEDULE=0 2 * * *   # Daily at 2 AM` is `0 2 * * *`.
//! - Single, double or backtick quotes keep `#` and spaces and may span lines; in double quotes
//!   `\n` and `\r` become a newline and a carriage return, nothing else is unescaped.
//! - CRLF and CR line ends are LF; an empty value is an empty string.
//! - A line that is none of these sets nothing: dotenv skips it; dbctl says so (file and line,
//!   never the line's text, which may hold a password).
//!
//! Then `${NAME}` is expanded as Prisma's CLI expands it (braces only; `\${NAME}` is kept as
//! written): from the real environment first, then the files' values, else empty.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use super::Environment;
use crate::error::ConfigError;

/// dotenv's line pattern (lib/main.js), in regex-lite's syntax. `S` stands for JavaScript's `\s`
/// (which, unlike regex-lite's, includes the Unicode spaces).
static LINE: LazyLock<regex_lite::Regex> = LazyLock::new(|| {
    let s =
        r"[\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]";
    let pattern = r#"(?m)^S*(?:exportS+)?([A-Za-z0-9_.-]+)(?:S*=S*?|:S+?)(S*'(?:\\'|[^'])*'|S*"(?:\\"|[^"])*"|S*`(?:\\`|[^`])*`|[^#\r\n]+)?S*(?:#.*)?$"#;
    regex_lite::Regex::new(&pattern.replace('S', s)).expect("dotenv's pattern compiles")
});

/// JavaScript's `String.prototype.trim`.
fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

/// JavaScript's `\s`.
fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// The real environment, with the variables of the environment files under it.
pub struct WithEnvFiles<'a> {
    real: &'a dyn Environment,
    /// Name → value and the file it came from.
    vars: HashMap<String, (String, PathBuf)>,
    /// The files read, in order.
    pub files: Vec<PathBuf>,
    /// Lines dotenv would skip, and quotes it would not close.
    pub warnings: Vec<String>,
    /// Whether the file was named by the operator (`--env-file`, `DBCTL_ENV_FILE`).
    named: bool,
}

impl Environment for WithEnvFiles<'_> {
    fn var(&self, name: &str) -> Option<String> {
        self.real.var(name).or_else(|| self.vars.get(name).map(|(v, _)| v.clone()))
    }

    fn current_dir(&self) -> PathBuf {
        self.real.current_dir()
    }

    fn env_files(&self) -> Vec<PathBuf> {
        self.files.clone()
    }

    fn names(&self) -> Vec<String> {
        let mut names = self.real.names();
        names.extend(self.vars.keys().cloned());
        names
    }

    fn file_of(&self, name: &str) -> Option<PathBuf> {
        match self.real.var(name) {
            Some(_) => None,
            None => self.vars.get(name).map(|(_, f)| f.clone()),
        }
    }

    fn env_file_warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    fn trusted_var(&self, name: &str) -> Option<String> {
        if self.named { self.var(name) } else { self.real.var(name) }
    }
}

impl<'a> WithEnvFiles<'a> {
    /// Reads the file named by `flag` or `DBCTL_ENV_FILE` (it must exist, unless
    /// `allow_missing`), else `./.env` and `./prisma/.env` when present. The two may not give
    /// one variable different values (Prisma refuses that too).
    pub fn load(
        real: &'a dyn Environment,
        flag: Option<&Path>,
        allow_missing: bool,
    ) -> Result<Self, ConfigError> {
        let cwd = real.current_dir();
        let named = flag
            .map(Path::to_path_buf)
            .or_else(|| real.var("DBCTL_ENV_FILE").filter(|v| !v.is_empty()).map(PathBuf::from));
        let named_by_operator = named.is_some();
        let candidates: Vec<(PathBuf, bool)> = match named {
            Some(f) => vec![(if f.is_absolute() { f } else { cwd.join(f) }, !allow_missing)],
            None => vec![(cwd.join(".env"), false), (cwd.join("prisma").join(".env"), false)],
        };
        let mut layer = WithEnvFiles {
            real,
            vars: HashMap::new(),
            files: Vec::new(),
            warnings: Vec::new(),
            named: named_by_operator,
        };
        for (path, required) in candidates {
            let text = match read_capped(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => continue,
                Err(e) => {
                    return Err(ConfigError::new(format!(
                        "cannot read the environment file {}: {e}; check --env-file / DBCTL_ENV_FILE",
                        path.display()
                    )));
                }
            };
            if text.len() > MAX_FILE {
                return Err(ConfigError::new(format!(
                    "the environment file {} is larger than {} KiB, which no environment file is; it was not read",
                    path.display(),
                    MAX_FILE / 1024
                )));
            }
            let parsed = parse(&path, &text);
            layer.warnings.extend(parsed.warnings);
            // `${NAME}` looks in the real environment, then in this file and the ones before it.
            let mut known: HashMap<String, String> =
                layer.vars.iter().map(|(k, (v, _))| (k.clone(), v.clone())).collect();
            known.extend(parsed.vars.iter().cloned());
            // A file found in the project may be a stranger's: it does not get to copy this
            // shell's credentials into a value (a DATABASE_URL pointing at its own server).
            let withheld = std::cell::RefCell::new(Vec::<String>::new());
            let lookup = |name: &str| {
                if named_by_operator || !is_credential(name) {
                    return real.var(name);
                }
                if real.var(name).is_some() && !withheld.borrow().iter().any(|n| n == name) {
                    withheld.borrow_mut().push(name.to_string());
                }
                None
            };
            let mut mine: HashMap<String, String> = HashMap::new();
            for (name, raw) in &parsed.vars {
                mine.insert(name.clone(), expand(raw, &lookup, &known, 0));
            }
            for name in withheld.into_inner() {
                layer.warnings.push(format!(
                    "{}: ${{{name}}} is not taken from the environment: a project's .env does not get this shell's \
                     credentials; name the file with --env-file if it is yours, or set the variable that uses it \
                     in the environment",
                    path.display()
                ));
            }
            for (name, value) in mine {
                if let Some((earlier, from)) = layer.vars.get(&name)
                    && from != &path
                    && *earlier != value
                {
                    return Err(ConfigError::new(format!(
                        "{name} has different values in {} and {}; keep it in one of them",
                        from.display(),
                        path.display()
                    )));
                }
                layer.vars.insert(name, (value, path.clone()));
            }
            layer.files.push(path);
        }
        Ok(layer)
    }
}

/// Whether a variable of the real environment looks like a credential: a cloud's keys, tokens,
/// secrets, passwords, private keys.
fn is_credential(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["AWS_", "GOOGLE_", "GCP_", "AZURE_", "GH_", "GITHUB_"].iter().any(|p| upper.starts_with(p))
        || ["SECRET", "TOKEN", "PASSWORD", "PASSPHRASE", "PRIVATE", "CREDENTIAL", "API_KEY"]
            .iter()
            .any(|w| upper.contains(w))
        || upper.ends_with("_KEY")
        || upper == "PGPASSFILE"
}

/// The largest environment file read (a cloned project's file is not trusted to be small).
const MAX_FILE: usize = 1 << 20;
/// The longest a value may grow by `${NAME}` expansion.
const MAX_EXPANDED: usize = 1 << 20;

/// The file's text, at most one byte past [`MAX_FILE`]; bytes that are not UTF-8 read as U+FFFD,
/// as Node reads them.
fn read_capped(path: &Path) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(path)?, MAX_FILE as u64 + 1),
        &mut bytes,
    )?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What one file gives: its assignments in order, and what dotenv could not read.
#[derive(Debug, Default)]
pub struct Parsed {
    pub vars: Vec<(String, String)>,
    /// Warnings naming the file and the line (never the line's text).
    pub warnings: Vec<String>,
}

/// Reads one file's text by dotenv's rules (no expansion yet).
pub fn parse(path: &Path, text: &str) -> Parsed {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut parsed = Parsed::default();
    let mut covered: Vec<(usize, usize)> = Vec::new();
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |at: usize| line_starts.partition_point(|&s| s <= at);
    for caps in LINE.captures_iter(&text) {
        let whole = caps.get(0).expect("group 0");
        covered.push((whole.start(), whole.end()));
        let name = caps[1].to_string();
        let raw = js_trim(caps.get(2).map_or("", |m| m.as_str()));
        let quote = raw.chars().next();
        let mut value = match quote {
            Some(q @ ('\'' | '"' | '`')) if raw.len() >= 2 && raw.ends_with(q) => {
                raw[1..raw.len() - 1].to_string()
            }
            Some(q @ ('\'' | '"' | '`')) => {
                parsed.warnings.push(format!(
                    "{}:{}: the value of {name} opens a {q} quote that no later {q} closes, so dotenv reads only \
                     the rest of that line; close the quote",
                    path.display(),
                    line_of(caps.get(2).map_or(whole.start(), |m| m.start())),
                ));
                raw.to_string()
            }
            _ => raw.to_string(),
        };
        if quote == Some('"') {
            value = value.replace("\\n", "\n").replace("\\r", "\r");
        }
        parsed.vars.push((name, value));
    }
    // Lines no assignment covers: dotenv skips them without a word.
    let mut skipped: Vec<(usize, Option<String>)> = Vec::new();
    let mut at = 0;
    for (i, line) in text.split('\n').enumerate() {
        let start = at;
        at += line.len() + 1;
        let body = js_trim(line);
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let first = start + (line.len() - line.trim_start_matches(is_js_space).len());
        // The matches are in order and do not overlap: the last one starting at or before.
        let before = covered.partition_point(|(s, _)| *s <= first);
        if before > 0 && first < covered[before - 1].1 {
            continue;
        }
        skipped.push((i + 1, apparent_name(body)));
    }
    // Consecutive skipped lines are one warning.
    let mut i = 0;
    while i < skipped.len() {
        let mut j = i;
        while j + 1 < skipped.len() && skipped[j + 1].0 == skipped[j].0 + 1 {
            j += 1;
        }
        let lines = if i == j {
            format!("{}:{}: this line is", path.display(), skipped[i].0)
        } else {
            format!("{}:{}-{}: these {} lines are", path.display(), skipped[i].0, skipped[j].0, j - i + 1)
        };
        let names: Vec<&str> = skipped[i..=j].iter().filter_map(|(_, n)| n.as_deref()).collect();
        let meant = match names.first() {
            Some(n) => format!(" (it starts with {n}, which stays unset by it)"),
            None => String::new(),
        };
        parsed.warnings.push(format!(
            "{lines} not NAME=value as dotenv reads it, so it sets nothing{meant}; write NAME=value, and quote a \
             value that spans lines"
        ));
        i = j + 1;
    }
    parsed
}

/// The variable name an unreadable line seems meant to set, when it starts with one written in
/// capitals (never more of the line: the rest may be a password).
fn apparent_name(line: &str) -> Option<String> {
    let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
    let name: String =
        line.chars().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_').collect();
    let next = line[name.len()..].chars().next();
    (name.len() >= 2
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && next.is_none_or(|c| !c.is_ascii_alphanumeric()))
    .then_some(name)
}

/// Expands `${NAME}` in `value` as Prisma's CLI does: `lookup` first (the real environment), then
/// `file` (the files' values, themselves expanded), else empty; `\${NAME}` stays `${NAME}`.
fn expand(
    value: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    file: &HashMap<String, String>,
    depth: usize,
) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find("${") {
        if out.len() > MAX_EXPANDED {
            break;
        }
        let (before, from) = rest.split_at(at);
        let name_len =
            from[2..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(from.len() - 2);
        if !from[2 + name_len..].starts_with('}') {
            out.push_str(before);
            out.push_str("${");
            rest = &from[2..];
            continue;
        }
        let name = &from[2..2 + name_len];
        let token = &from[..3 + name_len];
        if let Some(kept) = before.strip_suffix('\\') {
            out.push_str(kept);
            out.push_str(token);
        } else {
            out.push_str(before);
            let found = match lookup(name) {
                Some(v) => Some(v),
                None => file.get(name).cloned(),
            };
            if let Some(v) = found
                && depth < 8
            {
                out.push_str(&expand(&v, lookup, file, depth + 1));
            }
        }
        rest = &from[3 + name_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a>(p: &'a Parsed, k: &str) -> Option<&'a str> {
        p.vars.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }

    /// Every rule of dotenv's parser, with the values Node's dotenv 16.6.1 gives for this text
    /// (`require("dotenv").parse(text)`).
    #[test]
    fn files_read_as_node_dotenv_reads_them() {
        let text = concat!(
            "# Backup Configuration\n",
            "BACKUP_SCHEDULE=0 2 * * *          # Daily at 2 AM\n",
            "BACKUP_RETENTION_DAYS=30           # Keep 30 days\n",
            "export EXPORTED=yes\n",
            "SPACED = around equals  \n",
            "COLON: yaml style\n",
            "HASH=abc#def\n",
            "QHASH=\"abc # def\"\n",
            "SQ='it''s'\n",
            "DQ_ESC=\"line1\\nline2\\ttab \\\"q\\\"\"\n",
            "BT=`back 'tick' \"both\"`\n",
            "EMPTY=\n",
            "EMPTY_Q=\"\"\n",
            "MULTI='[\n",
            "  {\n",
            "    \"id\": \"master-1\"\n",
            "  }\n",
            "]'\n",
            "DOTTED.name-x=1\n",
            "UNCLOSED='abc\n",
            "this line is garbage\n",
            "PASSWORD s3cret\n",
            "DUP=first\n",
            "DUP=second\n",
            " INDENTED=ok\n",
            "SQ_NL='a\\nb'\n",
            "TRAIL=\"x\" # comment\n",
            "CRLF=crlf\n",
            "WIN=one\n",
            "WIN2=two\n",
        );
        let expected = [
            ("BACKUP_SCHEDULE", "0 2 * * *"),
            ("BACKUP_RETENTION_DAYS", "30"),
            ("EXPORTED", "yes"),
            ("SPACED", "around equals"),
            ("COLON", "yaml style"),
            ("HASH", "abc"),
            ("QHASH", "abc # def"),
            ("SQ", "it''s"),
            ("DQ_ESC", "line1\nline2\\ttab \\\"q\\\""),
            ("BT", "back 'tick' \"both\""),
            ("EMPTY", ""),
            ("EMPTY_Q", ""),
            ("MULTI", "[\n  {\n    \"id\": \"master-1\"\n  }\n]"),
            ("DOTTED.name-x", "1"),
            ("UNCLOSED", "'abc"),
            ("DUP", "second"),
            ("INDENTED", "ok"),
            ("SQ_NL", "a\\nb"),
            ("TRAIL", "x"),
            ("CRLF", "crlf"),
            ("WIN", "one"),
            ("WIN2", "two"),
        ];
        let parsed = parse(Path::new(".env"), text);
        for (name, value) in expected {
            assert_eq!(get(&parsed, name), Some(value), "{name}");
        }
        let mut names: Vec<&str> = parsed.vars.iter().map(|(n, _)| n.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), expected.len(), "no other variable: {names:?}");
        // The line dotenv skips and the quote it never closes are said, without the lines' text.
        let warnings = parsed.warnings.join("\n");
        assert!(warnings.contains(".env:20: the value of UNCLOSED opens a ' quote"), "{warnings}");
        assert!(warnings.contains(".env:21-22: these 2 lines are not NAME=value"), "{warnings}");
        assert!(warnings.contains("it starts with PASSWORD"), "{warnings}");
        assert!(!warnings.contains("s3cret") && !warnings.contains("garbage"), "{warnings}");
    }

    #[test]
    fn codepals_env_block_as_its_document_writes_it() {
        let text = "# Backup Configuration\n\
            BACKUP_SCHEDULE=0 2 * * *          # Daily at 2 AM\n\
            BACKUP_ENCRYPTION_KEY=your-key     # Encryption key\n\
            REPLICATION_NODES='[\n  {\n    \"id\": \"master-1\",\n    \"port\": 5432\n  }\n]'\n\
            REPLICATION_HEALTH_TIMEOUT=5000\n";
        let parsed = parse(Path::new(".env"), text);
        assert_eq!(get(&parsed, "BACKUP_SCHEDULE"), Some("0 2 * * *"));
        assert_eq!(get(&parsed, "BACKUP_ENCRYPTION_KEY"), Some("your-key"));
        let nodes: serde_json::Value =
            serde_json::from_str(get(&parsed, "REPLICATION_NODES").unwrap()).unwrap();
        assert_eq!(nodes[0]["id"], "master-1");
        assert_eq!(get(&parsed, "REPLICATION_HEALTH_TIMEOUT"), Some("5000"));
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }

    #[test]
    fn braces_expand_as_prismas_cli_expands_them() {
        let file: HashMap<String, String> = [
            ("DB_USER", "app"),
            ("URL", "postgresql://${DB_USER}:p@h/${DB_NAME}?x=$DB_USER"),
            ("LOOP", "${LOOP}x"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let real = |name: &str| (name == "DB_NAME").then(|| "from_env".to_string());
        assert_eq!(expand(&file["URL"], &real, &file, 0), "postgresql://app:p@h/from_env?x=$DB_USER");
        assert_eq!(expand("a${MISSING}b \\${DB_USER} ${ not", &real, &file, 0), "ab ${DB_USER} ${ not");
        // A variable that names itself ends instead of recursing without limit.
        assert!(expand(&file["LOOP"], &real, &file, 0).ends_with('x'));
    }

    /// A hostile file: tens of thousands of lines dotenv skips are one warning, and a chain of
    /// variables that doubles at each step stays bounded.
    #[test]
    fn hostile_files_stay_bounded() {
        let junk = "not an assignment\n".repeat(50_000);
        let parsed = parse(Path::new(".env"), &junk);
        assert_eq!(parsed.warnings.len(), 1, "{:?}", &parsed.warnings[..1]);
        assert!(parsed.warnings[0].starts_with(".env:1-50000: these 50000 lines"), "{}", parsed.warnings[0]);
        let mut file: HashMap<String, String> = HashMap::new();
        file.insert("V0".into(), "x".repeat(4096));
        for i in 1..40 {
            file.insert(format!("V{i}"), format!("${{V{}}}${{V{}}}${{V{}}}", i - 1, i - 1, i - 1));
        }
        let none = |_: &str| None;
        let value = expand(&file["V39"], &none, &file, 0);
        assert!(value.len() <= 4 * MAX_EXPANDED, "{} bytes", value.len());
    }
}
