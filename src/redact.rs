//! Secrets never reach output: URL passwords and keys are redacted here, and only here.
//!
//! Two tools: [`redact_url`] shows a URL without its password, and [`Redactor`] scrubs every known
//! secret from any text (error messages of drivers included) before it is printed.

use percent_encoding::percent_decode_str;

/// What replaces a secret in output.
pub const MASK: &str = "***";

/// Query parameters of database URLs that carry secrets (libpq's `password`, `sslpassword`).
const SECRET_PARAMS: &[&str] = &["password", "sslpassword", "pass", "secret"];

/// A URL cut where secrets live, nothing decoded. Works on libpq multi-host URLs
/// (`postgres://u:p@h1,h2/db`), which URL parsers reject.
struct UrlParts<'a> {
    /// `scheme://`
    scheme: &'a str,
    user: Option<&'a str>,
    password: Option<&'a str>,
    /// Host(s) and port(s).
    host: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

fn split_url(url: &str) -> Option<UrlParts<'_>> {
    let after = url.find("://")? + 3;
    let rest = &url[after..];
    let mut authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    // A password with an unencoded `/`, `?` or `#` (which URLs forbid, and people write): the
    // user-info runs to the last `@` when what follows its `:` is no port number.
    if !rest[..authority_len].contains('@')
        && let Some(at) = rest.rfind('@')
        && let Some(colon) = rest[..at].find(':')
        && colon < authority_len
        && !rest[colon + 1..authority_len].bytes().all(|c| c.is_ascii_digit())
    {
        authority_len = at + 1 + rest[at + 1..].find(['/', '?', '#']).unwrap_or(rest.len() - at - 1);
    }
    let authority = &rest[..authority_len];
    let (user, password, host) = match authority.rfind('@') {
        // The last @ ends the user-info, so an unencoded @ in a password stays in the password.
        Some(at) => match authority[..at].split_once(':') {
            Some((u, p)) => (Some(u), Some(p), &authority[at + 1..]),
            None => (Some(&authority[..at]), None, &authority[at + 1..]),
        },
        None => (None, None, authority),
    };
    let tail = &rest[authority_len..];
    let (path, query, fragment) = match tail.split_once('?') {
        Some((path, q)) => match q.split_once('#') {
            Some((q, f)) => (path, Some(q), Some(f)),
            None => (path, Some(q), None),
        },
        None => match tail.split_once('#') {
            Some((path, f)) => (path, None, Some(f)),
            None => (tail, None, None),
        },
    };
    Some(UrlParts { scheme: &url[..after], user, password, host, path, query, fragment })
}

impl UrlParts<'_> {
    /// The URL again, with `password` and `query` in place of the originals.
    fn join(&self, password: Option<&str>, query: Option<String>) -> String {
        let mut out = String::from(self.scheme);
        if let Some(user) = self.user {
            out.push_str(user);
            if let Some(p) = password {
                out.push(':');
                out.push_str(p);
            }
            out.push('@');
        }
        out.push_str(self.host);
        out.push_str(self.path);
        if let Some(q) = query {
            out.push('?');
            out.push_str(&q);
        }
        if let Some(f) = self.fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }

    /// The query's `key=value` pairs.
    fn params(&self) -> impl Iterator<Item = &str> {
        self.query.into_iter().flat_map(|q| q.split('&'))
    }
}

fn is_secret_param(pair: &str) -> bool {
    pair.split_once('=').is_some_and(|(k, _)| SECRET_PARAMS.contains(&k.to_ascii_lowercase().as_str()))
}

/// Returns `url` with the password of its user-info and any secret query parameter replaced by
/// `***`; text that is not a URL comes back unchanged.
pub fn redact_url(url: &str) -> String {
    let Some(parts) = split_url(url) else { return url.to_string() };
    let query = parts.query.map(|_| {
        parts
            .params()
            .map(|pair| match pair.split_once('=') {
                Some((k, _)) if is_secret_param(pair) => format!("{k}={MASK}"),
                _ => pair.to_string(),
            })
            .collect::<Vec<_>>()
            .join("&")
    });
    parts.join(parts.password.map(|_| MASK), query)
}

/// The secrets carried by a URL: its password and secret query parameters, raw.
///
/// A password equal to the URL's user name (`postgres:postgres@`, as compose files write it) is
/// masked where the URL writes it, by position, but not wherever the word appears: masking it
/// everywhere would hide the user and role names the messages are about (and tell the password
/// as surely).
pub fn url_secrets(url: &str) -> Vec<String> {
    let Some(parts) = split_url(url) else { return Vec::new() };
    let params =
        parts.params().filter(|p| is_secret_param(p)).filter_map(|p| p.split_once('=')).map(|(_, v)| v);
    let password = parts.password.filter(|p| Some(*p) != parts.user);
    password.into_iter().chain(params).map(str::to_string).collect()
}

/// Splits a libpq URL into the URL without its password (user-info password and `password=`
/// parameter removed) and the password, percent-decoded: for tools that must get the password
/// through the environment, never on a command line.
pub fn url_without_password(url: &str) -> (String, Option<String>) {
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    let Some(parts) = split_url(url) else { return (url.to_string(), None) };
    let mut password = parts.password.map(decode);
    let mut kept = Vec::new();
    for pair in parts.params() {
        match pair.split_once('=') {
            Some(("password", v)) => password = Some(decode(v)),
            _ if !pair.is_empty() => kept.push(pair),
            _ => {}
        }
    }
    let query = (!kept.is_empty()).then(|| kept.join("&"));
    (parts.join(None, query), password)
}

/// The database a libpq URL names: its path, else its `dbname` parameter, else (as libpq does)
/// its user name; percent-decoded.
pub fn url_database(url: &str) -> Option<String> {
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    let parts = split_url(url)?;
    let path = parts.path.trim_start_matches('/');
    if !path.is_empty() {
        return Some(decode(path));
    }
    let param =
        parts.params().find_map(|p| p.split_once('=').filter(|(k, _)| *k == "dbname").map(|(_, v)| v));
    param.or(parts.user).filter(|s| !s.is_empty()).map(decode)
}

/// The user a libpq URL connects as (user-info, else its `user` parameter), percent-decoded.
pub fn url_user(url: &str) -> Option<String> {
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    let parts = split_url(url)?;
    let param = parts.params().find_map(|p| p.split_once('=').filter(|(k, _)| *k == "user").map(|(_, v)| v));
    parts.user.filter(|u| !u.is_empty()).or(param).map(decode)
}

/// The host part of a libpq URL (`db1:5432`, `[::1]:5433`, `a:5432,b:5432`), without
/// user-info; None when empty (a Unix socket by default) or not a URL.
pub fn url_host(url: &str) -> Option<String> {
    split_url(url).map(|p| p.host.to_string()).filter(|h| !h.is_empty())
}

/// The same libpq URL naming database `db` instead (path set, any `dbname` parameter dropped).
pub fn url_with_database(url: &str, db: &str) -> String {
    let Some(mut parts) = split_url(url) else { return url.to_string() };
    let path = format!("/{}", percent_encoding::utf8_percent_encode(db, percent_encoding::NON_ALPHANUMERIC));
    parts.path = &path;
    let kept: Vec<&str> = parts.params().filter(|p| !p.is_empty() && !p.starts_with("dbname=")).collect();
    let query = (!kept.is_empty()).then(|| kept.join("&"));
    parts.join(parts.password, query)
}

/// The same URL with its query's `key=value` pairs (raw, as written) replaced by what `edit`
/// returns; text that is not a URL comes back unchanged.
pub fn url_with_params(url: &str, edit: impl FnOnce(Vec<String>) -> Vec<String>) -> String {
    let Some(parts) = split_url(url) else { return url.to_string() };
    let kept = edit(parts.params().filter(|p| !p.is_empty()).map(str::to_string).collect());
    let query = (!kept.is_empty()).then(|| kept.join("&"));
    parts.join(parts.password, query)
}

/// The query's `key=value` pairs of a URL, raw.
pub fn url_params(url: &str) -> Vec<String> {
    split_url(url)
        .map(|p| p.params().filter(|p| !p.is_empty()).map(str::to_string).collect())
        .unwrap_or_default()
}

/// Scrubs known secrets from any text.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    /// Secrets shorter than this are not scrubbed from free text (masking every `a` would destroy
    /// the message); URLs are still redacted by position with [`redact_url`].
    const MIN_LEN: usize = 3;

    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a secret, in its raw and its percent-decoded form.
    pub fn add(&mut self, secret: &str) {
        let decoded = percent_decode_str(secret).decode_utf8_lossy().into_owned();
        for s in [secret.to_string(), decoded] {
            if s.chars().count() >= Self::MIN_LEN && !self.secrets.contains(&s) {
                self.secrets.push(s);
            }
        }
        // Replace longer secrets first so that one containing another is masked whole.
        self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    /// Registers the password and secret parameters of a URL, or of a libpq `keyword=value`
    /// connection string.
    pub fn add_url(&mut self, url: &str) {
        for secret in url_secrets(url) {
            self.add(&secret);
        }
        if crate::conninfo::looks_like(url)
            && let Ok(pairs) = crate::conninfo::pairs(url)
        {
            for (_, value) in
                pairs.iter().filter(|(k, _)| crate::conninfo::SECRET_KEYWORDS.contains(&k.as_str()))
            {
                self.add(value);
            }
        }
    }

    /// Returns `text` with URLs' passwords (by their position), `password=` values, and every
    /// registered secret masked. A secret is masked as a whole value only, never inside a longer
    /// word: a password `stg` leaves `postgres` alone, which masking it there would both mangle
    /// and give away.
    pub fn redact(&self, text: &str) -> String {
        let mut out = redact_conninfo_passwords(&redact_urls_in_text(text));
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = mask_whole(&out, secret);
            }
        }
        out
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` with each occurrence of `secret` that is not part of a longer word replaced by `***`.
fn mask_whole(text: &str, secret: &str) -> String {
    let (first, last) = (secret.chars().next(), secret.chars().next_back());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(secret) {
        let before = rest[..at].chars().next_back().or_else(|| out.chars().next_back());
        let after = rest[at + secret.len()..].chars().next();
        let joined_left = before.is_some_and(is_word) && first.is_some_and(is_word);
        let joined_right = after.is_some_and(is_word) && last.is_some_and(is_word);
        out.push_str(&rest[..at]);
        out.push_str(if joined_left || joined_right { secret } else { MASK });
        rest = &rest[at + secret.len()..];
    }
    out.push_str(rest);
    out
}

/// libpq connection-string keys whose values are secrets.
const CONNINFO_SECRETS: &[&str] = &["password", "sslpassword"];

/// Masks the values of the secret keys (`password=…`, `sslpassword=…`) in libpq `key=value`
/// connection strings, quoted or not.
fn redact_conninfo_passwords(text: &str) -> String {
    CONNINFO_SECRETS.iter().fold(text.to_string(), |out, key| mask_conninfo_value(&out, key))
}

/// `text` with the value of each `key = value` pair masked, where `key` stands as a word of its own.
fn mask_conninfo_value(text: &str, key: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(key) {
        let key_start = at;
        let after_key = &rest[at + key.len()..];
        let spaced = after_key.trim_start_matches(' ');
        let is_key =
            rest[..key_start].chars().next_back().is_none_or(|c| !is_word(c) && c != '?' && c != '&');
        if !is_key || !spaced.starts_with('=') {
            out.push_str(&rest[..at + key.len()]);
            rest = after_key;
            continue;
        }
        let value = spaced[1..].trim_start_matches(' ');
        let value_start = rest.len() - value.len();
        let value_len = if let Some(quoted) = value.strip_prefix('\'') {
            let mut end = quoted.len();
            let mut chars = quoted.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '\'' => {
                        end = i;
                        break;
                    }
                    _ => {}
                }
            }
            (end + 2).min(value.len())
        } else {
            value.find(char::is_whitespace).unwrap_or(value.len())
        };
        out.push_str(&rest[..value_start]);
        out.push_str(MASK);
        rest = &rest[value_start + value_len..];
    }
    out.push_str(rest);
    out
}

/// Redacts every `scheme://…` URL found inside free text (a driver's error message, say).
fn redact_urls_in_text(text: &str) -> String {
    if !text.contains("://") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.contains("://") {
            // Punctuation ending the word is the message's (`…?sslpassword=k3y: refused`), not
            // part of a value to mask: kept, also when the text is masked a second time.
            let core = word.trim_end_matches([':', ',', ';', ')', '.']);
            out.push_str(&redact_url(core));
            out.push_str(&word[core.len()..]);
        } else {
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_twice_keeps_the_messages_punctuation() {
        let mut r = Redactor::new();
        r.add_url("postgresql://u@h/db?sslpassword=k3y-Secret");
        let once = r.redact("cannot connect to postgresql://u@h/db?sslpassword=k3y-Secret: refused");
        assert_eq!(once, "cannot connect to postgresql://u@h/db?sslpassword=***: refused");
        assert_eq!(r.redact(&once), once);
    }

    #[test]
    fn a_password_equal_to_the_user_name_masks_the_password_only() {
        let mut r = Redactor::new();
        r.add_url("postgresql://postgres:postgres@localhost:5432/app");
        assert_eq!(
            r.redact("cannot reach postgresql://postgres:postgres@localhost:5432/app: the role `postgres` is a superuser"),
            "cannot reach postgresql://postgres:***@localhost:5432/app: the role `postgres` is a superuser"
        );
        // Any other password is masked wherever it appears.
        let mut r = Redactor::new();
        r.add_url("postgresql://app:hunter2secret@localhost/app");
        assert_eq!(r.redact("password hunter2secret was refused"), "password *** was refused");
    }

    #[test]
    fn url_passwords_are_masked() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db.example:5432/app?sslmode=require"),
            "postgres://app:***@db.example:5432/app?sslmode=require"
        );
        assert_eq!(redact_url("postgres://app@db/app"), "postgres://app@db/app");
        assert_eq!(redact_url("redis://:pw@cache:6379/0"), "redis://:***@cache:6379/0");
        assert_eq!(
            redact_url("postgresql://u:p%40ss@h1:5432,h2:5433/db?target_session_attrs=read-write"),
            "postgresql://u:***@h1:5432,h2:5433/db?target_session_attrs=read-write"
        );
        assert_eq!(
            redact_url("postgres://db/app?user=u&password=hunter2&sslmode=verify-full"),
            "postgres://db/app?user=u&password=***&sslmode=verify-full"
        );
        assert_eq!(redact_url("./data/app.db"), "./data/app.db");
        // An @ in the password itself (unencoded) still masks everything up to the host.
        assert_eq!(redact_url("postgres://u:a@b@host/db"), "postgres://u:***@host/db");
    }

    #[test]
    fn passwords_come_out_of_urls() {
        assert_eq!(
            url_without_password("postgres://app:p%40ss@db:5432/app?sslmode=require"),
            ("postgres://app@db:5432/app?sslmode=require".to_string(), Some("p@ss".to_string()))
        );
        assert_eq!(
            url_without_password("postgres://db/app?user=u&password=x%20y&sslmode=disable"),
            ("postgres://db/app?user=u&sslmode=disable".to_string(), Some("x y".to_string()))
        );
        assert_eq!(url_without_password("postgres://u@db/app"), ("postgres://u@db/app".to_string(), None));
        assert_eq!(url_secrets("postgres://u:pw@h/db?sslpassword=k&x=1"), ["pw", "k"]);
    }

    #[test]
    fn the_database_of_a_url_can_be_read_and_replaced() {
        assert_eq!(url_database("postgres://u:p@h:5432/app?sslmode=require").as_deref(), Some("app"));
        assert_eq!(url_database("postgres://u@h/?dbname=other").as_deref(), Some("other"));
        assert_eq!(url_database("postgres://ops@h").as_deref(), Some("ops"));
        assert_eq!(url_database("postgres://h/my%20db").as_deref(), Some("my db"));
        assert_eq!(url_database("postgres://h"), None);
        assert_eq!(
            url_with_database("postgres://u:p%40ss@h1,h2:5433/app?dbname=x&sslmode=require", "app scratch"),
            "postgres://u:p%40ss@h1,h2:5433/app%20scratch?sslmode=require"
        );
        assert_eq!(url_with_database("postgresql://h", "postgres"), "postgresql://h/postgres");
    }

    #[test]
    fn secrets_are_scrubbed_from_free_text() {
        let mut r = Redactor::new();
        r.add_url("postgres://app:p%40ssword@db/app");
        r.add("age-passphrase-123");
        let text = "auth failed for p@ssword and p%40ssword; key age-passphrase-123 at \
                    postgres://other:zz@h/db";
        assert_eq!(r.redact(text), "auth failed for *** and ***; key *** at postgres://other:***@h/db");
    }

    #[test]
    fn secrets_are_masked_as_whole_values_only() {
        let mut r = Redactor::new();
        r.add("stg");
        r.add("secret");
        assert_eq!(r.redact("postgres said stg is wrong"), "postgres said *** is wrong");
        assert_eq!(r.redact("secret_key=secret"), "secret_key=***");
        assert_eq!(r.redact("'secret'"), "'***'");
        let mut r = Redactor::new();
        r.add("p@ss!");
        assert_eq!(r.redact("using p@ss!word"), "using ***word", "its edges are no word characters");
    }

    #[test]
    fn urls_with_unencoded_delimiters_in_the_password_are_masked() {
        for (url, shown) in [
            ("postgres://u:pa/ss@h:5432/db", "postgres://u:***@h:5432/db"),
            ("postgres://u:pa?ss@h/db", "postgres://u:***@h/db"),
            ("postgres://u:pa#ss@h/db?sslmode=require", "postgres://u:***@h/db?sslmode=require"),
            ("postgres://h:5432/db", "postgres://h:5432/db"),
        ] {
            assert_eq!(redact_url(url), shown, "{url}");
        }
        assert_eq!(url_secrets("postgres://u:pa/ss@h/db"), ["pa/ss"]);
    }

    #[test]
    fn conninfo_passwords_are_masked() {
        let r = Redactor::new();
        assert_eq!(
            r.redact("connection to \"host=db user=app password=hunter2 dbname=x\" failed"),
            "connection to \"host=db user=app password=*** dbname=x\" failed"
        );
        assert_eq!(r.redact("host=db password = 'a b\\'c' port=5"), "host=db password = *** port=5");
        assert_eq!(r.redact("the password is required"), "the password is required");
        assert_eq!(
            r.redact("host=db sslpassword=k3y password=p sslmode=verify-full"),
            "host=db sslpassword=*** password=*** sslmode=verify-full"
        );
    }

    #[test]
    fn very_short_secrets_do_not_mangle_text() {
        let mut r = Redactor::new();
        r.add_url("postgres://u:a@h/db");
        assert_eq!(r.redact("a database at postgres://u:a@h/db"), "a database at postgres://u:***@h/db");
    }
}
