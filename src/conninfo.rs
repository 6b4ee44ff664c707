//! libpq `keyword=value` connection strings (`host=db1 port=5432 dbname=app user=app`), read as
//! libpq reads them and turned into the equivalent `postgresql://` URL, which the rest of dbctl
//! (redaction, database names, pg_dump's arguments) handles.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// libpq's connection keywords (PostgreSQL 13 to 18).
const KEYWORDS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "require_auth",
    "channel_binding",
    "connect_timeout",
    "client_encoding",
    "options",
    "application_name",
    "fallback_application_name",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
    "replication",
    "gssencmode",
    "sslmode",
    "sslnegotiation",
    "sslcompression",
    "sslcert",
    "sslkey",
    "sslpassword",
    "sslcertmode",
    "sslrootcert",
    "sslcrl",
    "sslcrldir",
    "sslsni",
    "requirepeer",
    "ssl_min_protocol_version",
    "ssl_max_protocol_version",
    "krbsrvname",
    "gsslib",
    "gssdelegation",
    "service",
    "target_session_attrs",
    "load_balance_hosts",
];

/// Keywords whose values are secrets.
pub const SECRET_KEYWORDS: &[&str] = &["password", "sslpassword"];

/// Whether `text` is a connection string: it starts with a libpq keyword and `=`.
pub fn looks_like(text: &str) -> bool {
    let text = text.trim_start();
    let word_end = text.find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(text.len());
    KEYWORDS.contains(&&text[..word_end]) && text[word_end..].trim_start().starts_with('=')
}

/// The `(keyword, value)` pairs, values unquoted and unescaped as libpq does: whitespace
/// separates pairs, spaces may stand around `=`, a value may be single-quoted, and `\` escapes
/// the next character. The error never quotes a value (it may be a password).
pub fn pairs(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != '=') {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        // Only a word is quoted back: anything else may be part of a password.
        let shown = if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            format!("`{key}`")
        } else {
            format!("text after pair {}", out.len())
        };
        if chars.next() != Some('=') {
            return Err(format!(
                "{shown} has no `=` after it (write keyword=value, quote values with spaces)"
            ));
        }
        if !KEYWORDS.contains(&key.as_str()) {
            return Err(format!("{shown} is not a libpq connection keyword"));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next() {
                    None => return Err(format!("the quoted value of `{key}` has no closing quote")),
                    Some('\\') => value.extend(chars.next()),
                    Some('\'') => break,
                    Some(c) => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    value.extend(chars.next());
                } else {
                    value.push(c);
                }
            }
        }
        out.push((key, value));
    }
}

/// Everything but the characters a URL keeps as they are.
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The `postgresql://` URL libpq reads the same way as the connection string `text`: user and
/// password in the user-info, one plain host and port as the authority, the database as the
/// path, everything else (several hosts, a socket directory, the other keywords) as query
/// parameters.
pub fn to_url(text: &str) -> Result<String, String> {
    let enc = |s: &str| utf8_percent_encode(s, ENCODE).to_string();
    let mut fields = pairs(text)?;
    let mut take = |key: &str| {
        let i = fields.iter().rposition(|(k, _)| k == key)?;
        let value = fields.remove(i).1;
        fields.retain(|(k, _)| k != key);
        Some(value)
    };
    let (user, password, host, port, dbname) =
        (take("user"), take("password"), take("host"), take("port"), take("dbname"));
    if dbname.as_deref().is_some_and(|d| d.contains('=') || d.contains("://")) {
        return Err(
            "a connection string inside `dbname` is not supported; write the keywords directly".into()
        );
    }
    let mut url = String::from("postgresql://");
    if user.is_some() || password.is_some() {
        url.push_str(&enc(user.as_deref().unwrap_or_default()));
        if let Some(p) = &password {
            url.push(':');
            url.push_str(&enc(p));
        }
        url.push('@');
    }
    let mut query: Vec<(String, String)> = Vec::new();
    match &host {
        Some(h) if !h.is_empty() && !h.contains(',') && !h.starts_with('/') && !h.starts_with('@') => {
            if h.contains(':') {
                url.push_str(&format!("[{h}]"));
            } else {
                url.push_str(&enc(h));
            }
            match &port {
                Some(p) if !p.contains(',') => url.push_str(&format!(":{}", enc(p))),
                Some(p) => query.push(("port".into(), p.clone())),
                None => {}
            }
        }
        _ => {
            query.extend(host.map(|h| ("host".to_string(), h)));
            query.extend(port.map(|p| ("port".to_string(), p)));
        }
    }
    url.push('/');
    if let Some(d) = &dbname {
        url.push_str(&enc(d));
    }
    query.extend(fields);
    if !query.is_empty() {
        url.push('?');
        let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={}", enc(v))).collect();
        url.push_str(&q.join("&"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_strings_are_told_from_paths() {
        assert!(looks_like("host=db1 dbname=app"));
        assert!(looks_like("  dbname = app"));
        assert!(!looks_like("./host=1.db"));
        assert!(!looks_like("data=1.db"));
        assert!(!looks_like("postgres://h/db"));
    }

    #[test]
    fn values_are_unquoted_and_unescaped_as_libpq_does() {
        let e = pairs(r"host = db1 password='it''s' user=a").unwrap_err();
        assert!(e.contains("after pair 2") && !e.contains("'s'"), "{e}");
        let p = pairs(r"host = db1 password='it\'s me' user=a\ b dbname='' sslmode=require").unwrap();
        assert_eq!(
            p,
            [
                ("host".into(), "db1".into()),
                ("password".into(), "it's me".into()),
                ("user".into(), "a b".into()),
                ("dbname".into(), String::new()),
                ("sslmode".into(), "require".into()),
            ]
        );
        assert!(pairs("password='open").unwrap_err().contains("no closing quote"));
        assert!(!pairs("password='s3cr3t").unwrap_err().contains("s3cr3t"));
    }

    #[test]
    fn the_url_says_the_same() {
        assert_eq!(
            to_url("host=db1 port=5433 dbname=app user=app password='p@ss/w?rd#1' sslmode=require").unwrap(),
            "postgresql://app:p%40ss%2Fw%3Frd%231@db1:5433/app?sslmode=require"
        );
        assert_eq!(
            to_url("host=/var/run/postgresql dbname=app").unwrap(),
            "postgresql:///app?host=%2Fvar%2Frun%2Fpostgresql"
        );
        assert_eq!(
            to_url("host=a,b port=5432,5433 dbname=x").unwrap(),
            "postgresql:///x?host=a%2Cb&port=5432%2C5433"
        );
        assert_eq!(to_url("host=::1 dbname=x").unwrap(), "postgresql://[::1]/x");
        assert!(to_url("dbname='host=x'").is_err());
    }
}
