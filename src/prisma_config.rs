//! The settings of a Prisma 7 project's `prisma.config.ts`, read without running it.
//!
//! Prisma's CLI configuration is a TypeScript module (`export default defineConfig({ … })`).
//! dbctl runs no JavaScript: it reads the object literal with a small tokenizer and takes only
//! what can be known without evaluating code: the schema path, `migrations.path`,
//! `migrations.initShadowDb`, and the datasource's `url`, `directUrl` and `shadowDatabaseUrl`
//! when each is a string, `env('NAME')` or
//! `process.env.NAME` (optionally `?? 'fallback'` or `|| 'fallback'`). Anything else is reported
//! as an expression dbctl does not evaluate, never guessed at. The file is untrusted input: its
//! size and nesting are bounded, and nothing in it is executed or fetched.

use std::path::{Path, PathBuf};

/// The names Prisma looks for, in its order.
const NAMES: &[&str] = &[
    "prisma.config.ts",
    "prisma.config.mts",
    "prisma.config.cts",
    "prisma.config.js",
    "prisma.config.mjs",
    "prisma.config.cjs",
    ".config/prisma.ts",
];
/// Larger than any configuration; a bigger file is not read.
const MAX_BYTES: u64 = 256 * 1024;
/// Larger than any schema (of which only the datasource block is parsed).
const MAX_SCHEMA_BYTES: u64 = 32 * 1024 * 1024;
/// Objects nested deeper than this are not followed.
const MAX_DEPTH: usize = 32;

/// Where a value comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A string literal.
    Literal(String),
    /// An environment variable (`env('NAME')`, `process.env.NAME`), with the literal after `??`
    /// or `||` when there is one.
    Env { var: String, fallback: Option<String> },
    /// An expression dbctl does not evaluate (its text, shortened).
    Code(String),
}

/// What dbctl takes from the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrismaConfig {
    pub path: PathBuf,
    pub schema: Option<Source>,
    pub migrations_path: Option<Source>,
    pub url: Option<Source>,
    /// `directUrl`: the unpooled connection Prisma's CLI migrates through.
    pub direct_url: Option<Source>,
    pub shadow_url: Option<Source>,
    /// `migrations.initShadowDb`: SQL run in the shadow database before the migrations.
    pub init_shadow: Option<Source>,
}

/// The project's Prisma config file, if it has one that can be read; a file that cannot be read
/// as an object literal is a warning, not an error (Prisma's own CLI is the judge of it).
pub fn find(cwd: &Path) -> Result<Option<PrismaConfig>, String> {
    let Some(path) = NAMES.iter().map(|n| cwd.join(n)).find(|p| p.is_file()) else { return Ok(None) };
    let shown = path.display().to_string();
    let text = read_bounded(&path, MAX_BYTES)?;
    let mut config =
        parse(&text).map_err(|e| format!("{shown}: {e}; dbctl reads only an object literal there"))?;
    config.path = path;
    Ok(Some(config))
}

/// The `datasource` block of a Prisma schema (`schema`: a file, or a folder whose `*.prisma`
/// files are searched in name order): `url`, `directUrl` and `shadowDatabaseUrl` as a string or
/// `env("NAME")`. Prisma 6 and earlier keep them there; a Prisma 7 schema has none.
pub fn schema_datasource(schema: &Path) -> Result<Option<PrismaConfig>, String> {
    let files: Vec<PathBuf> = if schema.is_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(schema)
            .map_err(|e| format!("{}: {e}", schema.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "prisma") && p.is_file())
            .collect();
        found.sort();
        found
    } else {
        vec![schema.to_path_buf()]
    };
    for file in files {
        let text = read_bounded(&file, MAX_SCHEMA_BYTES)?;
        let Some(block) = datasource_text(&text) else { continue };
        let toks = tokens(block).map_err(|e| format!("{}: {e}", file.display()))?;
        if let Some(mut config) = datasource_block(&toks) {
            config.path = file;
            return Ok(Some(config));
        }
    }
    Ok(None)
}

/// The `datasource` block's text: from the line that starts it to its closing brace (outside
/// strings and `//` comments), so that nothing else of a large schema is tokenized.
fn datasource_text(text: &str) -> Option<&str> {
    let mut offset = 0;
    let start = text.split_inclusive('\n').find_map(|line| {
        let at = offset;
        offset += line.len();
        let rest = line.trim_start();
        (rest.strip_prefix("datasource").is_some_and(|r| r.starts_with(char::is_whitespace)))
            .then(|| at + (line.len() - rest.len()))
    })?;
    let (mut in_str, mut escaped, mut comment) = (false, false, false);
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        match b {
            b'\n' => comment = false,
            _ if comment => {}
            _ if in_str && escaped => escaped = false,
            b'\\' if in_str => escaped = true,
            b'"' => in_str = !in_str,
            b'/' if !in_str && bytes.get(i + 1) == Some(&b'/') => comment = true,
            b'}' if !in_str => return Some(&text[start..=i]),
            _ => {}
        }
    }
    None
}

/// A file's text, refused when larger than `limit` (read through the limit: the file may grow
/// between a size check and the read).
pub fn read_bounded(path: &Path, limit: u64) -> Result<String, String> {
    let shown = path.display();
    let mut text = String::new();
    let file = std::fs::File::open(path).map_err(|e| format!("{shown}: {e}"))?;
    std::io::Read::read_to_string(&mut std::io::Read::take(file, limit + 1), &mut text)
        .map_err(|e| format!("{shown}: {e}"))?;
    if text.len() as u64 > limit {
        return Err(format!("{shown} is larger than {limit} bytes; it was not read"));
    }
    Ok(text)
}

/// `datasource NAME { key = value … }`: the values dbctl uses.
fn datasource_block(toks: &[Tok]) -> Option<PrismaConfig> {
    let start = toks.windows(3).position(|w| {
        matches!(&w[0], Tok::Ident(d) if d == "datasource")
            && matches!(w[1], Tok::Ident(_))
            && w[2] == Tok::P("{")
    })?;
    let mut i = start + 3;
    let mut config = PrismaConfig::default();
    while let Some(t) = toks.get(i) {
        match t {
            Tok::P("}") => return Some(config),
            Tok::Ident(key) if toks.get(i + 1) == Some(&Tok::P("=")) => {
                i += 2;
                let value = match (toks.get(i), toks.get(i + 1), toks.get(i + 2), toks.get(i + 3)) {
                    (Some(Tok::Str(s)), ..) => {
                        i += 1;
                        Source::Literal(s.clone())
                    }
                    (Some(Tok::Ident(f)), Some(Tok::P("(")), Some(Tok::Str(var)), Some(Tok::P(")")))
                        if f == "env" && variable_name(var) =>
                    {
                        i += 4;
                        Source::Env { var: var.clone(), fallback: None }
                    }
                    _ => {
                        // Another form (`["a", "b"]`, a bare word): skipped, brackets and all.
                        let mut depth = 0usize;
                        let from = i;
                        while let Some(t) = toks.get(i) {
                            match t {
                                Tok::P("[") | Tok::P("(") => depth += 1,
                                Tok::P("]") | Tok::P(")") => depth = depth.saturating_sub(1),
                                Tok::P("}") if depth == 0 => break,
                                _ => {}
                            }
                            i += 1;
                            if depth == 0 && i > from {
                                break;
                            }
                        }
                        Source::Code(key.clone())
                    }
                };
                match key.as_str() {
                    "url" => config.url = Some(value),
                    "directUrl" => config.direct_url = Some(value),
                    "shadowDatabaseUrl" => config.shadow_url = Some(value),
                    _ => {}
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// A name an environment variable can have (nothing else is looked up).
fn variable_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    /// Punctuation, including `??`, `||` and `?.`.
    P(&'static str),
    /// Anything else (numbers, templates with `${}`, regular expressions, …).
    Other(String),
}

fn tokens(text: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && at(i + 1) == '/') {
                i += 1;
            }
            if i >= chars.len() {
                return Err("a comment is not closed".into());
            }
            i += 2;
        } else if c == '\'' || c == '"' || c == '`' {
            let quote = c;
            let mut s = String::new();
            let mut plain = true;
            i += 1;
            loop {
                let Some(&d) = chars.get(i) else { return Err("a string is not closed".into()) };
                i += 1;
                match d {
                    d if d == quote => break,
                    '\\' => {
                        let e = at(i);
                        i += 1;
                        s.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            '0' => '\0',
                            other => other,
                        });
                    }
                    '\n' if quote != '`' => return Err("a string is not closed on its line".into()),
                    '$' if quote == '`' && at(i) == '{' => {
                        plain = false;
                        s.push(d);
                    }
                    d => s.push(d),
                }
            }
            out.push(if plain { Tok::Str(s) } else { Tok::Other(format!("`{s}`")) });
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
        } else {
            let two: String = chars[i..chars.len().min(i + 2)].iter().collect();
            if let Some(p) = ["??", "||", "?.", "=>", "&&"].iter().find(|p| **p == two) {
                out.push(Tok::P(p));
                i += 2;
            } else if let Some(p) =
                ["{", "}", "(", ")", "[", "]", ",", ":", ";", ".", "=", "!"].iter().find(|p| p.starts_with(c))
            {
                out.push(Tok::P(p));
                i += 1;
            } else {
                out.push(Tok::Other(c.to_string()));
                i += 1;
            }
        }
    }
    Ok(out)
}

/// A parsed value: an object, or a source.
enum Value {
    Object(Vec<(String, Value)>),
    Source(Source),
}

struct Parser {
    toks: Vec<Tok>,
    i: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i)
    }

    fn is(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Tok::P(q)) if *q == p)
    }

    fn ident(&self, name: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(n)) if n == name)
    }

    /// `{ key: value, … }` at the current token.
    fn object(&mut self, depth: usize) -> Result<Vec<(String, Value)>, String> {
        if depth > MAX_DEPTH {
            return Err("objects nest too deeply".into());
        }
        self.i += 1; // `{`
        let mut fields = Vec::new();
        loop {
            if self.is("}") {
                self.i += 1;
                return Ok(fields);
            }
            let key = match self.peek().cloned() {
                Some(Tok::Ident(k)) | Some(Tok::Str(k)) => k,
                Some(Tok::P(".")) => {
                    // `...spread`: skipped.
                    self.skip_value()?;
                    self.comma()?;
                    continue;
                }
                None => return Err("the object is not closed".into()),
                Some(t) => return Err(format!("unexpected {t:?} where a key was expected")),
            };
            self.i += 1;
            if self.is(",") || self.is("}") {
                // Shorthand `{ schema }`: a variable dbctl does not follow.
                fields.push((key.clone(), Value::Source(Source::Code(key))));
                self.comma()?;
                continue;
            }
            if !self.is(":") {
                // A method or something else: skipped with its body.
                self.skip_value()?;
                self.comma()?;
                continue;
            }
            self.i += 1;
            let value = self.value(depth)?;
            fields.push((key, value));
            self.comma()?;
        }
    }

    fn comma(&mut self) -> Result<(), String> {
        if self.is(",") {
            self.i += 1;
            Ok(())
        } else if self.is("}") {
            Ok(())
        } else {
            Err("a `,` or `}` is missing".into())
        }
    }

    /// Skips tokens up to the `,` or `}` that ends a value, over balanced brackets; returns
    /// their text.
    fn skip_value(&mut self) -> Result<String, String> {
        let mut open: Vec<&str> = Vec::new();
        let mut text = String::new();
        while let Some(t) = self.peek() {
            match t {
                Tok::P(",") | Tok::P("}") if open.is_empty() => return Ok(text),
                Tok::P("{") => open.push("}"),
                Tok::P("(") => open.push(")"),
                Tok::P("[") => open.push("]"),
                Tok::P(close @ ("}" | ")" | "]")) if open.pop() != Some(*close) => {
                    return Err("brackets do not match".into());
                }
                _ => {}
            }
            if open.len() > MAX_DEPTH {
                return Err("brackets nest too deeply".into());
            }
            if text.chars().count() < 60 {
                text.push_str(&match t {
                    Tok::Ident(s) | Tok::Other(s) => s.clone(),
                    Tok::Str(s) => format!("'{s}'"),
                    Tok::P(p) => p.to_string(),
                });
            }
            self.i += 1;
        }
        Err("the object is not closed".into())
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if self.is("{") {
            return Ok(Value::Object(self.object(depth + 1)?));
        }
        let start = self.i;
        if let Some(source) = self.source()
            && (self.is(",") || self.is("}"))
        {
            return Ok(Value::Source(source));
        }
        self.i = start;
        Ok(Value::Source(Source::Code(self.skip_value()?)))
    }

    /// A string, `env('NAME')` or `process.env.NAME`, with an optional `?? 'literal'`.
    fn source(&mut self) -> Option<Source> {
        let var = match self.peek()?.clone() {
            Tok::Str(s) => {
                self.i += 1;
                return Some(Source::Literal(s));
            }
            Tok::Ident(f) if f == "env" => {
                self.i += 1;
                if !self.is("(") {
                    return None;
                }
                self.i += 1;
                let Some(Tok::Str(name)) = self.peek().cloned() else { return None };
                self.i += 1;
                if !self.is(")") {
                    return None;
                }
                self.i += 1;
                name
            }
            Tok::Ident(p) if p == "process" => {
                self.i += 1;
                for step in [".", "env"] {
                    let ok = if step == "." { self.is(".") } else { self.ident("env") };
                    if !ok {
                        return None;
                    }
                    self.i += 1;
                }
                let name = if self.is(".") {
                    self.i += 1;
                    match self.peek()?.clone() {
                        Tok::Ident(n) => n,
                        _ => return None,
                    }
                } else if self.is("[") {
                    self.i += 1;
                    let Some(Tok::Str(n)) = self.peek().cloned() else { return None };
                    self.i += 1;
                    if !self.is("]") {
                        return None;
                    }
                    n
                } else {
                    return None;
                };
                self.i += 1;
                if self.is("!") {
                    self.i += 1;
                }
                name
            }
            _ => return None,
        };
        if !variable_name(&var) {
            return None;
        }
        let mut fallback = None;
        if self.is("??") || self.is("||") {
            self.i += 1;
            let Some(Tok::Str(f)) = self.peek().cloned() else { return None };
            self.i += 1;
            fallback = Some(f);
        }
        Some(Source::Env { var, fallback })
    }
}

fn parse(text: &str) -> Result<PrismaConfig, String> {
    let toks = tokens(text)?;
    let mut p = Parser { toks, i: 0 };
    let object =
        find_object(&mut p).ok_or("no `export default` of an object literal or defineConfig({ … })")?;
    let mut config = PrismaConfig::default();
    let get = |fields: &[(String, Value)], key: &str| -> Option<Source> {
        fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| match v {
            Value::Source(s) => s.clone(),
            Value::Object(_) => Source::Code("{…}".into()),
        })
    };
    let sub = |fields: &[(String, Value)], key: &str| -> Vec<(String, Value)> {
        match fields.iter().rev().find(|(k, _)| k == key) {
            Some((_, Value::Object(o))) => o.iter().map(|(k, v)| (k.clone(), v.shallow())).collect(),
            _ => Vec::new(),
        }
    };
    config.schema = get(&object, "schema");
    let migrations = sub(&object, "migrations");
    config.migrations_path = get(&migrations, "path");
    config.init_shadow = get(&migrations, "initShadowDb");
    let datasource = sub(&object, "datasource");
    config.url = get(&datasource, "url");
    config.direct_url = get(&datasource, "directUrl");
    config.shadow_url = get(&datasource, "shadowDatabaseUrl");
    Ok(config)
}

impl Value {
    /// The value one level down, objects kept as a marker (enough for `get`).
    fn shallow(&self) -> Value {
        match self {
            Value::Source(s) => Value::Source(s.clone()),
            Value::Object(_) => Value::Object(Vec::new()),
        }
    }
}

/// The object `export default` (or `module.exports =`) gives: a literal, `defineConfig({ … })`,
/// or a `const NAME = …` of either declared in the file.
fn find_object(p: &mut Parser) -> Option<Vec<(String, Value)>> {
    let n = p.toks.len();
    let exported = (0..n).find_map(|i| {
        let t = |k: usize| p.toks.get(i + k);
        match (t(0), t(1), t(2), t(3)) {
            (Some(Tok::Ident(a)), Some(Tok::Ident(b)), ..) if a == "export" && b == "default" => Some(i + 2),
            (Some(Tok::Ident(a)), Some(Tok::P(".")), Some(Tok::Ident(b)), Some(Tok::P("=")))
                if a == "module" && b == "exports" =>
            {
                Some(i + 4)
            }
            _ => None,
        }
    })?;
    p.i = exported;
    if let Some(Tok::Ident(name)) = p.peek().cloned()
        && name != "defineConfig"
    {
        // `export default config`: its declaration.
        let decl = (0..n).find(|&i| {
            matches!(&p.toks[i], Tok::Ident(k) if k == "const" || k == "let" || k == "var")
                && matches!(p.toks.get(i + 1), Some(Tok::Ident(v)) if *v == name)
        })?;
        p.i = decl + 2;
        // An optional type annotation: `const config: PrismaConfig = …`.
        while p.peek().is_some() && !p.is("=") {
            p.i += 1;
        }
        p.i += 1;
    }
    if p.ident("defineConfig") {
        p.i += 1;
        if !p.is("(") {
            return None;
        }
        p.i += 1;
    }
    if !p.is("{") {
        return None;
    }
    p.object(0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(var: &str, fallback: Option<&str>) -> Option<Source> {
        Some(Source::Env { var: var.into(), fallback: fallback.map(str::to_string) })
    }

    #[test]
    fn the_forms_prisma_documents_are_read() {
        let c = parse(
            r#"import 'dotenv/config'
            import { defineConfig, env } from "prisma/config";
            // where the schema lives
            export default defineConfig({
              schema: 'prisma/schema.prisma', /* a comment, with } inside */
              migrations: { path: "db/migrations", seed: `tsx prisma/seed.ts` },
              datasource: { url: env("POSTGRES_PRISMA_URL"), shadowDatabaseUrl: process.env.SHADOW_URL! },
            });"#,
        )
        .unwrap();
        assert_eq!(c.schema, Some(Source::Literal("prisma/schema.prisma".into())));
        assert_eq!(c.migrations_path, Some(Source::Literal("db/migrations".into())));
        assert_eq!(c.url, env("POSTGRES_PRISMA_URL", None));
        assert_eq!(c.shadow_url, env("SHADOW_URL", None));

        let satisfies = parse(
            "import type { PrismaConfig } from 'prisma'\nexport default {\n  datasource: { url: process.env['DATABASE_URL'] ?? 'file:./dev.db' },\n} satisfies PrismaConfig;",
        )
        .unwrap();
        assert_eq!(satisfies.url, env("DATABASE_URL", Some("file:./dev.db")));
        assert_eq!(satisfies.schema, None);

        let named = parse(
            "const config: PrismaConfig = defineConfig({ datasource: { url: process.env.DB || \"file:x.db\" } })\nexport default config",
        )
        .unwrap();
        assert_eq!(named.url, env("DB", Some("file:x.db")));
        let cjs = parse("module.exports = { migrations: { path: 'm' } }").unwrap();
        assert_eq!(cjs.migrations_path, Some(Source::Literal("m".into())));
    }

    #[test]
    fn a_schema_s_datasource_block_is_read() {
        let text = r#"// a Vercel Postgres project
generator client {
  provider = "prisma-client-js"
  previewFeatures = ["multiSchema"]
}

datasource db {
  provider  = "postgresql"
  schemas   = ["public", "auth"] // two of them
  url       = env("POSTGRES_PRISMA_URL") // uses connection pooling
  directUrl = env("POSTGRES_URL_NON_POOLING") /// uses a direct connection
  shadowDatabaseUrl = "postgres://localhost/shadow"
}

model User {
  id  Int    @id
  url String @default("https://example.com")
}
"#;
        let block = datasource_text(text).unwrap();
        assert!(block.starts_with("datasource db {") && block.ends_with('}'), "{block}");
        let c = datasource_block(&tokens(block).unwrap()).unwrap();
        assert_eq!(c.url, env("POSTGRES_PRISMA_URL", None));
        assert_eq!(c.direct_url, env("POSTGRES_URL_NON_POOLING", None));
        assert_eq!(c.shadow_url, Some(Source::Literal("postgres://localhost/shadow".into())));
        // Prisma 7: no URL in the schema.
        let v7 = datasource_block(&tokens("datasource db {\n provider = \"sqlite\"\n}\n").unwrap()).unwrap();
        assert_eq!((v7.url, v7.direct_url), (None, None));
        assert!(datasource_block(&tokens("model A { id Int @id }").unwrap()).is_none());
        assert_eq!(
            datasource_text("model A { id Int @id }\n  datasource x { url = \"a}b\" // }\n }"),
            Some("datasource x { url = \"a}b\" // }\n }")
        );
        assert_eq!(datasource_text("datasources = 1\ndatasource"), None);
        // Unclosed: nothing taken.
        assert!(datasource_block(&tokens("datasource db { url = env(\"A\")").unwrap()).is_none());
    }

    /// Arbitrary text, and the documented forms cut at every character, never panic: they read,
    /// or they are refused.
    #[test]
    fn no_input_panics() {
        let forms = [
            "export default defineConfig({ schema: 'a', migrations: { path: \"m\" }, datasource: { url: env('X') ?? 'y' } })",
            "datasource db {\n url = env(\"A\") // c\n directUrl = \"s}\"\n schemas = [\"a\", \"b\"]\n}\n",
        ];
        for form in forms {
            for (i, _) in form.char_indices() {
                let cut = &form[..i];
                let _ = parse(cut);
                if let Some(block) = datasource_text(cut) {
                    let _ = tokens(block).map(|t| datasource_block(&t));
                }
            }
        }
        // A small xorshift generator over characters that matter to the readers.
        let alphabet: Vec<char> =
            "{}()[],:;.=!?|`'\"\\/*\n ab$_0envprocessdatasourceexport default\u{0}é".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..2000 {
            let len = (state % 80) as usize;
            let text: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect();
            let _ = parse(&text);
            let _ = parse(&format!("export default {{{text}}}"));
            if let Some(block) = datasource_text(&format!("datasource d {{{text}}}")) {
                let _ = tokens(block).map(|t| datasource_block(&t));
            }
        }
    }

    #[test]
    fn code_is_named_not_evaluated() {
        let c = parse(
            "export default defineConfig({ schema: path.join(__dirname, 'prisma'), datasource: { url: `postgres://${host}/db`, shadowDatabaseUrl: env(name) } })",
        )
        .unwrap();
        assert!(matches!(&c.schema, Some(Source::Code(t)) if t.starts_with("path.join(")), "{:?}", c.schema);
        assert!(matches!(c.url, Some(Source::Code(_))), "{:?}", c.url);
        assert!(matches!(c.shadow_url, Some(Source::Code(_))), "{:?}", c.shadow_url);
    }

    #[test]
    fn hostile_files_are_refused_without_panicking() {
        for text in [
            "",
            "export default",
            "export default defineConfig(",
            "export default { schema: 'unclosed",
            "export default { schema: 'a' /* unclosed",
            "export default { a: (] }",
            "export default config",
            "\u{0}\u{1b}[31m export default {",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
        let deep = format!("export default {}{}", "{ a: ".repeat(100), "}".repeat(100));
        assert!(parse(&deep).is_err());
        // What does not read as a value is code, kept as text, not a guess.
        let run_on =
            parse("export default { schema: 'a' schema: 'b', ...rest, migrations() { return 1 } }").unwrap();
        assert!(
            matches!(&run_on.schema, Some(Source::Code(t)) if t.starts_with("'a'schema")),
            "{:?}",
            run_on.schema
        );
        // A file too large for a configuration is not read at all.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("prisma.config.ts"), "/*".repeat(200_000)).unwrap();
        assert!(find(dir.path()).unwrap_err().contains("larger than"));
        std::fs::write(dir.path().join("prisma.config.ts"), "export default { schema: 's' }").unwrap();
        assert_eq!(find(dir.path()).unwrap().unwrap().schema, Some(Source::Literal("s".into())));
        // A variable name that is not one is not looked up.
        let odd = parse("export default { datasource: { url: process.env['A;B'] } }").unwrap();
        assert!(matches!(odd.url, Some(Source::Code(_))), "{:?}", odd.url);
    }
}
