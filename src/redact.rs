//! Secrets never reach output: URL passwords and keys are redacted here, and only here.
//!
//! Two tools: [`redact_url`] shows a URL without its password, and [`Redactor`] scrubs every known
//! secret from any text (error messages of drivers included) before it is printed.

use percent_encoding::percent_decode_str;

/// What replaces a secret in output.
pub const MASK: &str = "***";

/// Query parameters of database URLs that carry secrets (libpq's `password`, `sslpassword`).
const SECRET_PARAMS: &[&str] = &["password", "sslpassword", "pass", "secret"];

/// Returns `url` with the password of its user-info and any secret query parameter replaced by
/// `***`. Works on libpq multi-host URLs (`postgres://u:p@h1,h2/db`), which URL parsers reject, and
/// returns text that is not a URL unchanged.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let after = scheme_end + 3;
    let rest = &url[after..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_len];
    let mut out = String::with_capacity(url.len());
    out.push_str(&url[..after]);
    match authority.rfind('@') {
        Some(at) => {
            let userinfo = &authority[..at];
            match userinfo.find(':') {
                Some(colon) => {
                    out.push_str(&userinfo[..colon]);
                    out.push(':');
                    out.push_str(MASK);
                }
                None => out.push_str(userinfo),
            }
            out.push_str(&authority[at..]);
        }
        None => out.push_str(authority),
    }
    let tail = &rest[authority_len..];
    match tail.split_once('?') {
        Some((path, query)) => {
            out.push_str(path);
            out.push('?');
            let (query, fragment) = match query.split_once('#') {
                Some((q, f)) => (q, Some(f)),
                None => (query, None),
            };
            let params: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((k, _)) if SECRET_PARAMS.contains(&k.to_ascii_lowercase().as_str()) => {
                        format!("{k}={MASK}")
                    }
                    _ => pair.to_string(),
                })
                .collect();
            out.push_str(&params.join("&"));
            if let Some(f) = fragment {
                out.push('#');
                out.push_str(f);
            }
        }
        None => out.push_str(tail),
    }
    out
}

/// The secrets carried by a URL: its password and secret query parameters, raw and decoded.
pub fn url_secrets(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    if let Some(scheme_end) = url.find("://") {
        let rest = &url[scheme_end + 3..];
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        if let Some(at) = authority.rfind('@')
            && let Some((_, password)) = authority[..at].split_once(':')
        {
            found.push(password.to_string());
        }
    }
    if let Some((_, query)) = url.split_once('?') {
        let query = query.split('#').next().unwrap_or_default();
        for pair in query.split('&') {
            if let Some((k, v)) = pair.split_once('=')
                && SECRET_PARAMS.contains(&k.to_ascii_lowercase().as_str())
            {
                found.push(v.to_string());
            }
        }
    }
    found
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

    /// Registers the password and secret parameters of a URL.
    pub fn add_url(&mut self, url: &str) {
        for secret in url_secrets(url) {
            self.add(&secret);
        }
    }

    /// Returns `text` with URLs' passwords and every registered secret masked.
    pub fn redact(&self, text: &str) -> String {
        let mut out = redact_urls_in_text(text);
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), MASK);
            }
        }
        out
    }
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
            out.push_str(&redact_url(word));
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
    fn secrets_are_scrubbed_from_free_text() {
        let mut r = Redactor::new();
        r.add_url("postgres://app:p%40ssword@db/app");
        r.add("age-passphrase-123");
        let text = "auth failed for p@ssword and p%40ssword; key age-passphrase-123 at \
                    postgres://other:zz@h/db";
        assert_eq!(r.redact(text), "auth failed for *** and ***; key *** at postgres://other:***@h/db");
    }

    #[test]
    fn very_short_secrets_do_not_mangle_text() {
        let mut r = Redactor::new();
        r.add_url("postgres://u:a@h/db");
        assert_eq!(r.redact("a database at postgres://u:a@h/db"), "a database at postgres://u:***@h/db");
    }
}
