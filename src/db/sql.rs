//! Splits a SQL file (a migration, a seed) into statements, each with the line it starts on.
//!
//! Semicolons end a statement only outside of quotes ('…', E'…', "…", `…`), comments (`--`, nested
//! `/* */`), dollar quoting (`$$…$$`, `$tag$…$tag$`), parentheses, and `BEGIN … END` bodies of
//! `CREATE TRIGGER` (SQLite) or `BEGIN ATOMIC` (PostgreSQL), where `CASE … END` nests.

/// One statement of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement<'a> {
    /// The statement's text, without its terminating semicolon.
    pub sql: &'a str,
    /// 1-based line of its first character that is not blank or comment.
    pub line: usize,
    /// 1-based line where `sql` begins (blank lines and comments before the statement included).
    start_line: usize,
}

impl Statement<'_> {
    /// The line of a 1-based character position inside the statement (PostgreSQL's error
    /// position).
    pub fn line_of_position(&self, position: usize) -> usize {
        let upto: String = self.sql.chars().take(position.saturating_sub(1)).collect();
        (self.start_line + upto.matches('\n').count()).max(self.line)
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident_char(c: u8) -> bool {
    is_ident_start(c) || c.is_ascii_digit() || c == b'$'
}

/// What a [`Lexeme`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexKind {
    /// A key word or an unquoted name, as written.
    Word,
    /// A "quoted name"; `text` is the name (doubled quotes undone).
    Quoted,
    /// A '…' string; `text` is its value (doubled quotes undone).
    Str,
    /// An E'…' string (backslash escapes); `text` is what stands between the quotes.
    EscapeStr,
    /// A $tag$…$tag$ string; `text` is its body.
    DollarStr,
    /// Digits (with a point).
    Number,
    /// Any other character.
    Punct,
}

/// One token of a statement, as PostgreSQL's scanner cuts it (standard_conforming_strings on):
/// comments (`--`, nested `/* */`) are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexeme {
    pub kind: LexKind,
    pub range: std::ops::Range<usize>,
    pub text: String,
    /// False for a string or quoted name the text ends inside.
    pub closed: bool,
}

impl Lexeme {
    /// An unquoted word, upper-cased (key words are matched on it).
    pub fn word(&self) -> Option<String> {
        (self.kind == LexKind::Word).then(|| self.text.to_ascii_uppercase())
    }

    /// The name a word or quoted name means (unquoted ones folded to lower case, as the server
    /// folds them).
    pub fn name(&self) -> Option<String> {
        match self.kind {
            LexKind::Word => Some(self.text.to_ascii_lowercase()),
            LexKind::Quoted => Some(self.text.clone()),
            _ => None,
        }
    }
}

/// `sql` past its leading blanks and comments (`--`, nested `/* */`).
pub fn past_comments(sql: &[u8]) -> &[u8] {
    let mut rest = sql.trim_ascii_start();
    loop {
        if rest.starts_with(b"--") {
            rest = memchr::memchr(b'\n', rest)
                .map_or(&rest[rest.len()..], |j| &rest[j + 1..])
                .trim_ascii_start();
        } else if rest.starts_with(b"/*") {
            let mut depth = 0usize;
            let mut i = 0;
            while i < rest.len() {
                if rest[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if rest[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            rest = rest[i.min(rest.len())..].trim_ascii_start();
        } else {
            return rest;
        }
    }
}

/// [`past_comments`] for text: the statement from its first word on.
pub fn without_leading_comments(sql: &str) -> &str {
    let rest = past_comments(sql.as_bytes());
    // The cut falls after ASCII (a blank, a newline, `*/`), so on a character boundary.
    &sql[sql.len() - rest.len()..]
}

/// The statement's tokens (see [`Lexeme`]): the one scanner the restore's loader, its
/// ownership options and its globals reader share.
pub fn lex(sql: &[u8]) -> Vec<Lexeme> {
    let n = sql.len();
    let text = |r: std::ops::Range<usize>| String::from_utf8_lossy(&sql[r]).into_owned();
    // From just past an opening `q`: the end, the content (a doubled `q` undone, backslashes
    // skipping the next byte when `escapes`), and whether the closing `q` was found.
    let quoted = |from: usize, q: u8, escapes: bool| -> (usize, Vec<u8>, bool) {
        let mut j = from;
        let mut content = Vec::new();
        while j < n {
            match sql[j] {
                b'\\' if escapes => {
                    content.extend_from_slice(&sql[j..(j + 2).min(n)]);
                    j += 2;
                }
                c if c == q && sql.get(j + 1) == Some(&q) && !escapes => {
                    content.push(q);
                    j += 2;
                }
                c if c == q && sql.get(j + 1) == Some(&q) => {
                    content.extend_from_slice(&[q, q]);
                    j += 2;
                }
                c if c == q => return (j + 1, content, true),
                c => {
                    content.push(c);
                    j += 1;
                }
            }
        }
        (n, content, false)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let c = sql[i];
        let start = i;
        let (kind, body, closed) = if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if (c == b'-' && sql.get(i + 1) == Some(&b'-')) || (c == b'/' && sql.get(i + 1) == Some(&b'*'))
        {
            i = n - past_comments(&sql[i..]).len();
            continue;
        } else if c == b'\'' {
            let (end, content, closed) = quoted(i + 1, b'\'', false);
            i = end;
            (LexKind::Str, String::from_utf8_lossy(&content).into_owned(), closed)
        } else if (c == b'E' || c == b'e') && sql.get(i + 1) == Some(&b'\'') {
            let (end, content, closed) = quoted(i + 2, b'\'', true);
            i = end;
            (LexKind::EscapeStr, String::from_utf8_lossy(&content).into_owned(), closed)
        } else if c == b'"' {
            let (end, content, closed) = quoted(i + 1, b'"', false);
            i = end;
            (LexKind::Quoted, String::from_utf8_lossy(&content).into_owned(), closed)
        } else if c == b'$'
            && let Some(len) = sql[i + 1..].iter().position(|&b| b == b'$').filter(|&len| {
                sql[i + 1..i + 1 + len].iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b >= 0x80)
                    && !sql.get(i + 1).is_some_and(u8::is_ascii_digit)
            })
        {
            let tag = &sql[i..i + len + 2];
            let body = i + len + 2;
            let (end, body_end, closed) = match memchr::memmem::find(&sql[body..], tag) {
                Some(j) => (body + j + tag.len(), body + j, true),
                None => (n, n, false),
            };
            i = end;
            (LexKind::DollarStr, text(body..body_end), closed)
        } else if c.is_ascii_digit() {
            while i < n && (sql[i].is_ascii_digit() || sql[i] == b'.') {
                i += 1;
            }
            (LexKind::Number, text(start..i), true)
        } else if is_ident_start(c) {
            while i < n && is_ident_char(sql[i]) {
                i += 1;
            }
            (LexKind::Word, text(start..i), true)
        } else {
            i += 1;
            (LexKind::Punct, text(start..i), true)
        };
        out.push(Lexeme { kind, range: start..i, text: body, closed });
    }
    out
}

/// Splits `text` into statements. Blank and comment-only pieces are dropped.
pub fn split(text: &str) -> Vec<Statement<'_>> {
    split_bytes(text.as_bytes())
        .into_iter()
        // The pieces end at a `;` or at the end, so their bounds are character boundaries.
        .map(|p| Statement { sql: &text[p.range], line: p.line, start_line: p.start_line })
        .collect()
}

/// A statement found by [`split_bytes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Where its text is, without the terminating semicolon.
    pub range: std::ops::Range<usize>,
    /// 1-based line of its first character that is not blank or comment.
    pub line: usize,
    /// 1-based line where the range begins.
    pub start_line: usize,
    /// Whether a semicolon ended it (the last piece of a text may run to the end instead).
    pub terminated: bool,
}

/// Splits SQL given as bytes, in any ASCII-compatible encoding (every server encoding is), into
/// statements. Blank and comment-only pieces are dropped.
pub fn split_bytes(b: &[u8]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut start = 0;
    let mut start_line = 1;
    let mut first_line: Option<usize> = None;
    let mut parens = 0i32;
    let mut blocks = 0i32;
    let mut words = 0usize;
    let mut first_word = Vec::new();
    let mut prev_word = Vec::new();

    // Advances over b[from..to], counting newlines.
    let count_lines =
        |from: usize, to: usize| b[from..to.min(b.len())].iter().filter(|&&c| c == b'\n').count();

    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let from = i;
                let mut depth = 0;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                line += count_lines(from, i);
            }
            b'\'' | b'"' | b'`' => {
                first_line.get_or_insert(line);
                let backslashes = c == b'\''
                    && i > 0
                    && matches!(b[i - 1], b'E' | b'e')
                    && (i < 2 || !is_ident_char(b[i - 2]));
                let from = i;
                i += 1;
                while i < b.len() {
                    if backslashes && b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i] == c {
                        if b.get(i + 1) == Some(&c) {
                            i += 2;
                            continue;
                        }
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                line += count_lines(from, i);
            }
            b'$' if i == 0 || !is_ident_char(b[i - 1]) => {
                // $tag$ … $tag$ where tag is empty or an identifier; `$1` is a parameter.
                let mut j = i + 1;
                while j < b.len() && (is_ident_start(b[j]) || (j > i + 1 && b[j].is_ascii_digit())) {
                    j += 1;
                }
                first_line.get_or_insert(line);
                if j < b.len() && b[j] == b'$' {
                    let tag = &b[i..=j];
                    let from = i;
                    match memchr::memmem::find(&b[j + 1..], tag) {
                        Some(end) => i = j + 1 + end + tag.len(),
                        None => i = b.len(),
                    }
                    line += count_lines(from, i);
                } else {
                    i += 1;
                }
            }
            b'(' => {
                first_line.get_or_insert(line);
                parens += 1;
                i += 1;
            }
            b')' => {
                parens -= 1;
                i += 1;
            }
            b';' if parens <= 0 && blocks <= 0 => {
                push(&mut out, b, start..i, start_line, first_line.take(), true);
                i += 1;
                start = i;
                start_line = line;
                parens = 0;
                blocks = 0;
                words = 0;
                first_word.clear();
                prev_word.clear();
            }
            c if is_ident_start(c) => {
                first_line.get_or_insert(line);
                let from = i;
                while i < b.len() && is_ident_char(b[i]) {
                    i += 1;
                }
                let word = b[from..i].to_ascii_uppercase();
                words += 1;
                if words == 1 {
                    first_word = word.clone();
                }
                match word.as_slice() {
                    b"BEGIN" if words > 1 && first_word == b"CREATE" => blocks += 1,
                    b"ATOMIC" if prev_word == b"BEGIN" && blocks == 0 && first_word == b"CREATE" => {
                        blocks += 1
                    }
                    b"CASE" if blocks > 0 => blocks += 1,
                    b"END" if blocks > 0 => blocks -= 1,
                    _ => {}
                }
                prev_word = word;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                first_line.get_or_insert(line);
                i += 1;
            }
        }
    }
    push(&mut out, b, start..b.len(), start_line, first_line, false);
    out
}

fn push(
    out: &mut Vec<Piece>,
    b: &[u8],
    range: std::ops::Range<usize>,
    start_line: usize,
    line: Option<usize>,
    terminated: bool,
) {
    let range = range.start..range.end.min(b.len());
    if let Some(line) = line
        && !b[range.clone()].iter().all(u8::is_ascii_whitespace)
    {
        out.push(Piece { range, line, start_line, terminated });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sql: &str) -> Vec<(String, usize)> {
        split(sql).into_iter().map(|s| (s.sql.trim().to_string(), s.line)).collect()
    }

    #[test]
    fn the_scanner_cuts_as_postgresql_does() {
        let kinds = |sql: &str| -> Vec<(LexKind, String)> {
            lex(sql.as_bytes()).into_iter().map(|l| (l.kind, l.text)).collect()
        };
        use LexKind::*;
        assert_eq!(
            kinds("/* a /* b */ c */ COPY \"t \"\"x\" -- FROM stdin\n FROM $q$ ; $q$ E'a\\'b' 'it''s' 1.5;"),
            [
                (Word, "COPY".into()),
                (Quoted, "t \"x".into()),
                (Word, "FROM".into()),
                (DollarStr, " ; ".into()),
                (EscapeStr, "a\\'b".into()),
                (Str, "it's".into()),
                (Number, "1.5".into()),
                (Punct, ";".into()),
            ]
        );
        assert!(!lex(b"SELECT 'open").last().unwrap().closed);
        assert_eq!(past_comments(b" -- x\n/* /* */ */ GRANT"), b"GRANT");
    }

    #[test]
    fn plain_statements_and_lines() {
        let sql =
            "CREATE TABLE a (id INT);\n\n-- a comment; with a semicolon\nINSERT INTO a VALUES (1);\nSELECT 1";
        assert_eq!(
            texts(sql),
            [
                ("CREATE TABLE a (id INT)".to_string(), 1),
                ("-- a comment; with a semicolon\nINSERT INTO a VALUES (1)".to_string(), 4),
                ("SELECT 1".to_string(), 5)
            ]
        );
    }

    #[test]
    fn quotes_and_comments_hide_semicolons() {
        let sql = "INSERT INTO t VALUES ('a;b', 'it''s; ok', E'x\\';y', \"col;umn\");\n/* block; /* nested; */ still; */ SELECT `a;b`;\n";
        let got = texts(sql);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].0.ends_with("\"col;umn\")"));
        assert_eq!(got[1].1, 2);
    }

    #[test]
    fn dollar_quoting() {
        let sql = "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.x := 1; RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n\
                   CREATE FUNCTION g() RETURNS text AS $body$ SELECT 'a;$$;' $body$ LANGUAGE sql;\nSELECT $1, a$b FROM t;";
        let got = texts(sql);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].1, 6);
        assert_eq!(got[2].0, "SELECT $1, a$b FROM t");
    }

    #[test]
    fn trigger_bodies_and_begin_atomic() {
        let sql = "CREATE TRIGGER trg AFTER INSERT ON a BEGIN\n  UPDATE b SET n = CASE WHEN n > 0 THEN n + 1 ELSE 1 END;\n  INSERT INTO log VALUES (1);\nEND;\n\
                   CREATE FUNCTION h(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT x + 1; END;\n\
                   BEGIN;\nSELECT 1;\nCOMMIT;";
        let got = texts(sql);
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(got[0].0.ends_with("END"));
        assert!(got[1].0.starts_with("CREATE FUNCTION h"));
        assert_eq!(got[2].0, "BEGIN");
    }

    #[test]
    fn parentheses_hold_rule_actions() {
        let sql = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));\nSELECT 2;";
        assert_eq!(texts(sql).len(), 2);
    }

    #[test]
    fn comment_only_files_have_no_statements() {
        assert!(split("-- nothing here\n/* nor here */\n  ;\n").is_empty());
        assert!(split("").is_empty());
    }

    #[test]
    fn positions_map_to_lines() {
        let sql = "\n\nSELECT 1;\n-- the table\nCREATE TABLE x (\n  id INT,\n  bad TYPE_THAT_FAILS\n);";
        let stmts = split(sql);
        assert_eq!(stmts[1].line, 5);
        let pos = stmts[1].sql.find("TYPE_THAT").unwrap() + 1;
        assert_eq!(stmts[1].line_of_position(pos), 7);
    }
}
