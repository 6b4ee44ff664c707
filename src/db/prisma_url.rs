//! Prisma's connection URLs, read as Prisma means them and handed to libpq as libpq understands
//! them: `schema=NAME` becomes the session's search path, the parameters of Prisma's own pool
//! and TLS stack are left out (libpq would refuse them), and Prisma's `sslcert` (the server's
//! CA) is libpq's `sslrootcert`.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::redact::{url_params, url_with_params};

/// Parameters of Prisma's connection pool, engine and TLS stack, which libpq does not know.
const PRISMA_ONLY: &[&str] = &[
    "schema",
    "connection_limit",
    "pool_timeout",
    "pgbouncer",
    "statement_cache_size",
    "socket_timeout",
    "sslaccept",
    "sslidentity",
    "single_use_connections",
    "max_connection_lifetime",
    "max_idle_connection_lifetime",
];

const ENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn key(pair: &str) -> &str {
    pair.split_once('=').map_or(pair, |(k, _)| k)
}

fn value(pair: &str) -> String {
    let v = pair.split_once('=').map_or("", |(_, v)| v);
    percent_decode_str(v).decode_utf8_lossy().into_owned()
}

/// Whether the URL carries a parameter only Prisma knows (then `sslcert` is Prisma's).
fn is_prisma(params: &[String]) -> bool {
    params.iter().any(|p| PRISMA_ONLY.contains(&key(p)))
}

/// The URL libpq gets, and what was changed, for `-v`.
pub fn to_libpq(url: &str) -> (String, Vec<String>) {
    let params = url_params(url);
    if !is_prisma(&params) {
        return (url.to_string(), Vec::new());
    }
    let mut notes = Vec::new();
    let identity = params.iter().any(|p| key(p) == "sslidentity");
    let url = url_with_params(url, |pairs| {
        let mut out = Vec::new();
        let mut schema = None;
        let mut options: Option<String> = None;
        for p in pairs {
            match key(&p) {
                "schema" => schema = Some(value(&p)),
                "options" => options = Some(value(&p)),
                "sslcert" => {
                    notes.push(
                        "sslcert (Prisma's: the server's CA certificate) is passed as libpq's sslrootcert"
                            .into(),
                    );
                    out.push(format!("sslrootcert={}", utf8_percent_encode(&value(&p), ENCODE)));
                }
                // With sslidentity, Prisma's sslpassword opens that PKCS#12 file, not a key.
                "sslpassword" if identity => {
                    notes.push("sslpassword (of Prisma's sslidentity) is left out".into())
                }
                k if PRISMA_ONLY.contains(&k) => {
                    notes.push(format!("{k} (a Prisma parameter libpq does not know) is left out"))
                }
                _ => out.push(p),
            }
        }
        if let Some(s) = schema.filter(|s| !s.is_empty()) {
            notes.push(format!("schema={s} is the search path of every connection"));
            let set = format!("-c search_path={}", quote_search_path(&s));
            let all = match options {
                Some(o) if !o.is_empty() => format!("{o} {set}"),
                _ => set,
            };
            options = Some(all);
        }
        if let Some(o) = options {
            out.push(format!("options={}", utf8_percent_encode(&o, ENCODE)));
        }
        out
    });
    (url, notes)
}

/// A schema name as a `search_path` value inside libpq's `options` (spaces and backslashes
/// escaped with `\`, double quotes kept for names that need them).
fn quote_search_path(schema: &str) -> String {
    let quoted = if schema.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_') {
        schema.to_string()
    } else {
        format!("\"{}\"", schema.replace('"', "\"\""))
    };
    quoted.replace('\\', "\\\\").replace(' ', "\\ ")
}

/// The schema a libpq URL's `options` put first on the search path, if any (what Prisma's
/// `schema=` became): migrations create it when missing.
pub fn schema(url: &str) -> Option<String> {
    let options = url_params(url).into_iter().find(|p| key(p) == "options").map(|p| value(&p))?;
    let at = options.find("search_path=")? + "search_path=".len();
    let mut out = String::new();
    let mut chars = options[at..].chars().peekable();
    let quoted = chars.next_if_eq(&'"').is_some();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '"' if quoted && chars.next_if_eq(&'"').is_some() => out.push('"'),
            '"' if quoted => break,
            ',' | ' ' if !quoted => break,
            c => out.push(c),
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prisma_parameters_become_libpq_ones() {
        let (url, notes) = to_libpq(
            "postgresql://u:p@h:5432/app?schema=tenant_1&connection_limit=5&pool_timeout=10&sslmode=require&pgbouncer=true",
        );
        assert_eq!(url, "postgresql://u:p@h:5432/app?sslmode=require&options=-c%20search_path%3Dtenant_1");
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert_eq!(schema(&url).as_deref(), Some("tenant_1"));
    }

    #[test]
    fn plain_libpq_urls_are_left_as_they_are() {
        let url = "postgres://u:p@h/app?sslmode=verify-full&sslcert=client.crt&sslpassword=x";
        assert_eq!(to_libpq(url), (url.to_string(), Vec::new()));
        assert_eq!(schema(url), None);
    }

    #[test]
    fn prisma_tls_parameters_mean_what_prisma_means() {
        let (url, _) = to_libpq(
            "postgresql://h/app?schema=public&sslcert=ca.pem&sslidentity=id.p12&sslpassword=pw&sslaccept=strict",
        );
        assert_eq!(url, "postgresql://h/app?sslrootcert=ca.pem&options=-c%20search_path%3Dpublic");
    }

    #[test]
    fn names_that_need_quotes_survive_the_round_trip() {
        for name in ["Tenant One", "a\"b", "x\\y", "ünï"] {
            let (url, _) =
                to_libpq(&format!("postgresql://h/app?schema={}", utf8_percent_encode(name, ENCODE)));
            assert_eq!(schema(&url).as_deref(), Some(name), "{url}");
        }
        let (url, _) = to_libpq("postgresql://h/app?options=-c%20statement_timeout%3D5s&schema=s1");
        assert_eq!(schema(&url).as_deref(), Some("s1"));
        assert!(url.contains("statement_timeout"));
    }
}
