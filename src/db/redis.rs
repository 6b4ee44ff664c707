//! Redis: connections with errors that name the fix, INFO parsing, and removing keys by pattern.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};

use crate::redact::redact_url;

/// Connects to the Redis at `url`, reads and writes timing out after `timeout`; errors say what
/// to check.
pub fn connect(url: &str, timeout: Duration) -> Result<redis::Connection> {
    let client =
        redis::Client::open(url).map_err(|e| anyhow!("invalid Redis URL {}: {e}", redact_url(url)))?;
    let conn = client.get_connection_with_timeout(timeout).map_err(|e| {
        let said = describe(&e, timeout);
        let hint = redis_hint(&said);
        anyhow!("cannot connect to Redis at {}: {said}; {hint}", redact_url(url))
    })?;
    conn.set_read_timeout(Some(timeout)).context("setting the Redis read timeout")?;
    conn.set_write_timeout(Some(timeout)).context("setting the Redis write timeout")?;
    Ok(conn)
}

/// A Redis error as a person reads it: a read that timed out ("Resource temporarily
/// unavailable (os error 11)") is a server that did not answer within the timeout.
pub fn describe(e: &redis::RedisError, timeout: Duration) -> String {
    let text = e.to_string();
    let lower = text.to_ascii_lowercase();
    if e.is_timeout()
        || lower.contains("(os error 11)")
        || lower.contains("would block")
        || lower.contains("timed out")
    {
        format!("no answer within {} (timed out)", crate::text::std_duration(timeout))
    } else {
        text
    }
}

/// What to check when Redis said `message`.
pub fn redis_hint(message: &str) -> &'static str {
    let m = message.to_ascii_lowercase();
    if m.contains("certificate") || m.contains("unknownissuer") || m.contains("tls") {
        "the TLS handshake failed: set SSL_CERT_FILE to the CA bundle that signed the server's certificate"
    } else if m.contains("wrongpass")
        || m.contains("noauth")
        || m.contains("invalid password")
        || m.contains("auth")
    {
        "check the password in REDIS_URL"
    } else if m.contains("refused") {
        "is redis-server running and listening on that host and port? (--wait retries while it starts)"
    } else if m.contains("timed out") || m.contains("timeout") {
        "is the host reachable? raise --connect-timeout for slow networks"
    } else {
        "check REDIS_URL"
    }
}

/// Parses INFO's `key:value` lines.
pub fn parse_info(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// Connects to the configured Redis (`url`, if any); a configuration error when there is none.
pub fn connect_configured(url: Option<&str>, timeout: Duration) -> Result<redis::Connection> {
    let url = url.ok_or_else(|| {
        crate::error::ConfigError::new("no Redis is configured; set REDIS_URL or redis.url")
    })?;
    connect(url, timeout)
}

/// Removes (or, with `dry_run`, counts) the keys matching each pattern, walking the keyspace
/// with SCAN and removing in batches with UNLINK, so the server never blocks on KEYS or on
/// freeing large values. Returns the count per pattern.
pub fn unlink_matching(
    conn: &mut redis::Connection,
    patterns: &[String],
    dry_run: bool,
) -> Result<Vec<(String, u64)>> {
    let mut counts = Vec::new();
    for pattern in patterns {
        if pattern.is_empty() {
            return Err(crate::error::ConfigError::new(
                "an empty pattern matches nothing; write e.g. 'cache:*'",
            )
            .into());
        }
        let mut cursor: u64 = 0;
        let mut n = 0u64;
        loop {
            let (next, keys): (u64, Vec<Vec<u8>>) = redis::cmd("SCAN")
                .arg(cursor)
                .arg("MATCH")
                .arg(pattern)
                .arg("COUNT")
                .arg(1000)
                .query(conn)
                .map_err(|e| anyhow!("SCAN on Redis failed: {e}"))?;
            if !keys.is_empty() {
                n += if dry_run {
                    keys.len() as u64
                } else {
                    redis::cmd("UNLINK")
                        .arg(&keys)
                        .query::<u64>(conn)
                        .map_err(|e| anyhow!("UNLINK on Redis failed: {e}"))?
                };
            }
            cursor = next;
            if cursor == 0 {
                break;
            }
        }
        counts.push((pattern.clone(), n));
    }
    Ok(counts)
}
