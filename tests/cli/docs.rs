//! The documentation's links: every relative link of the README, CONTRIBUTING.md and the book in
//! `docs/` names a file that is there, and every `#anchor` a heading of its file (as GitHub and
//! mdBook make their ids), so that moving a section cannot leave a link behind.

use std::path::{Path, PathBuf};

/// A heading's id: lowercase; letters, digits, `-` and `_` kept, spaces as `-`, the rest dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The text of a Markdown file outside its fenced code blocks.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn anchors(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    prose(&text).lines().filter(|l| l.starts_with('#')).map(|l| slug(l.trim_start_matches('#'))).collect()
}

/// `[label](target)` links of a Markdown text (inline code spans left out).
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in prose(text).lines() {
        let mut plain = String::new();
        let mut code = false;
        for c in line.chars() {
            if c == '`' {
                code = !code;
            } else if !code {
                plain.push(c);
            }
        }
        let mut rest = plain.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let end = after.find(')').unwrap_or(after.len());
            out.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    out
}

#[test]
fn every_link_of_the_documentation_resolves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = vec![root.join("README.md"), root.join("CONTRIBUTING.md")];
    let mut book: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    book.sort();
    assert!(book.len() >= 15, "{book:?}");
    files.extend(book.iter().cloned());
    let mut broken = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for target in links(&text) {
            if target.contains("://") || target.starts_with("mailto:") || target.is_empty() {
                continue;
            }
            let (path, anchor) =
                target.split_once('#').map_or((target.as_str(), None), |(p, a)| (p, Some(a)));
            let dest = if path.is_empty() { file.clone() } else { file.parent().unwrap().join(path) };
            if !dest.exists() {
                broken.push(format!("{}: {target} (no such file)", file.display()));
                continue;
            }
            if let Some(a) = anchor
                && dest.extension().is_some_and(|e| e == "md")
                && !anchors(&dest).iter().any(|h| h == a)
            {
                broken.push(format!("{}: {target} (no such heading)", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // Every chapter is in the book's table of contents.
    let summary = std::fs::read_to_string(root.join("docs/SUMMARY.md")).unwrap();
    for chapter in &book {
        let name = chapter.file_name().unwrap().to_str().unwrap();
        assert!(
            name == "SUMMARY.md" || summary.contains(&format!("({name})")),
            "{name} is not in docs/SUMMARY.md"
        );
    }
}

/// The README is the front door: short, with both quickstarts, the commands and the exit codes.
#[test]
fn the_readme_is_short_and_starts_a_newcomer() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines <= 300, "README.md has {lines} lines");
    for part in [
        "## Quickstart: the example app on SQLite",
        "## Quickstart: a Prisma project",
        "## The commands",
        "## Exit codes",
        "scripts/quickstart",
        "scripts/test",
    ] {
        assert!(readme.contains(part), "README.md lacks {part}");
    }
}

/// Where a runnable block runs: the example app on the embedded SQLite default, or the same app
/// on a database of the test PostgreSQL server.
#[derive(Clone, Copy, PartialEq, Debug)]
enum On {
    Sqlite,
    Postgres,
}

/// The shell blocks of the guide marked `<!-- runnable -->` (SQLite) or
/// `<!-- runnable: postgres -->`, in the order they come.
fn runnable_blocks(text: &str) -> Vec<(On, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let on = match line.trim() {
            "<!-- runnable -->" => On::Sqlite,
            "<!-- runnable: postgres -->" => On::Postgres,
            other => {
                assert!(!other.starts_with("<!-- runnable"), "an unknown runnable marker: {other}");
                continue;
            }
        };
        let fence = lines.next().unwrap_or_default();
        assert_eq!(fence.trim(), "```sh", "a runnable marker stands right above a ```sh block");
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        out.push((on, block.join("\n")));
    }
    out
}

/// Every block of the guide marked runnable runs, as written, with this dbctl on PATH, in a
/// fresh copy of the example app (its migrations and seeds): on the embedded SQLite default, or
/// with DATABASE_URL naming a fresh database of the test PostgreSQL server. The blocks of one
/// chapter run one after the other in one project. Each command must succeed.
#[test]
fn the_guides_runnable_examples_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = Path::new(env!("CARGO_BIN_EXE_dbctl")).parent().unwrap().to_path_buf();
    let mut ran = Vec::new();
    let mut chapters: Vec<PathBuf> =
        std::fs::read_dir(root.join("docs")).unwrap().map(|e| e.unwrap().path()).collect();
    chapters.sort();
    for chapter in chapters.iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
        let blocks = runnable_blocks(&std::fs::read_to_string(chapter).unwrap());
        if blocks.is_empty() {
            continue;
        }
        let dir = crate::support::project();
        for sub in ["migrations", "seeds"] {
            let out = std::process::Command::new("cp")
                .arg("-r")
                .arg(root.join(sub))
                .arg(dir.path())
                .output()
                .unwrap();
            assert!(out.status.success());
        }
        let stem = chapter.file_stem().unwrap().to_string_lossy().to_string();
        let mut database = None;
        for (on, block) in blocks {
            let mut cmd = std::process::Command::new("sh");
            cmd.args(["-eu", "-c", &block])
                .env_clear()
                .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()))
                .env("HOME", dir.path())
                .current_dir(dir.path());
            if on == On::Postgres {
                let url = database
                    .get_or_insert_with(|| crate::support::pg().create_database(&format!("docs_{stem}")));
                cmd.env("DATABASE_URL", url.as_str());
            }
            let out = cmd.output().unwrap();
            assert!(
                out.status.success(),
                "{}: the block\n{block}\nfailed:\n{}{}",
                chapter.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            ran.push(on);
        }
    }
    assert!(ran.len() >= 10, "{} runnable blocks", ran.len());
    assert!(ran.contains(&On::Postgres), "no block runs on PostgreSQL");
}
