//! HTTP requests tried again on a transient failure: the one retry rule of the GCS client and
//! the notifications.

use std::time::Duration;

use anyhow::{Result, anyhow, bail};

pub type Response = ureq::http::Response<ureq::Body>;

/// A status worth trying again: too many requests, or the server's own failure.
pub fn transient(status: u16) -> bool {
    status == 429 || status >= 500
}

/// Why a request failed: the JSON error document's message when there is one (Google's APIs,
/// most webhooks), else the start of the body; control characters escaped.
pub fn status_error(what: &str, status: u16, body: &str) -> anyhow::Error {
    let message = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().or(v["error_description"].as_str()).map(str::to_string))
        .unwrap_or_else(|| body.chars().take(200).collect());
    let message = crate::text::escape_controls(message.trim());
    if message.is_empty() {
        anyhow!("{what}: HTTP {status}")
    } else {
        anyhow!("{what}: HTTP {status}: {message}")
    }
}

/// A failed request in words: for a timeout, which wait ran out (not ureq's "timeout: per read").
pub fn explain(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
            "no connection within the time allowed".to_string()
        }
        ureq::Error::Timeout(_) => {
            "the server stopped answering: nothing arrived within the time allowed".to_string()
        }
        other => other.to_string(),
    }
}

/// Sends `request` until it gets an answer that is not transient, at most `attempts` times,
/// pausing `pause`, then twice as long each time. The answer may still be an error status: the
/// caller reads it. `what` names the request in errors (never its URL, which may hold a token).
pub fn retrying(
    what: &str,
    attempts: u32,
    pause: Duration,
    request: impl Fn() -> Result<Response, ureq::Error>,
) -> Result<Response> {
    let mut last = String::new();
    for attempt in 0..attempts {
        if attempt > 0 {
            std::thread::sleep(pause * (1 << (attempt - 1)));
        }
        match request() {
            Ok(r) if transient(r.status().as_u16()) => {
                let status = r.status().as_u16();
                let body = r.into_body().read_to_string().unwrap_or_default();
                last = format!("{:#}", status_error(what, status, &body));
            }
            Ok(r) => return Ok(r),
            Err(e) => last = format!("{what}: {}", explain(&e)),
        }
    }
    bail!("{last} (tried {attempts} times)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_say_the_json_message_or_the_body_start_escaped() {
        let json = status_error("uploading x", 403, r#"{"error": {"message": "quota\u001b[31m exceeded"}}"#);
        assert_eq!(json.to_string(), "uploading x: HTTP 403: quota\\u{1b}[31m exceeded");
        let plain = status_error("ping", 502, &"x".repeat(500));
        assert_eq!(plain.to_string(), format!("ping: HTTP 502: {}", "x".repeat(200)));
        assert_eq!(status_error("ping", 404, "").to_string(), "ping: HTTP 404");
        assert!(transient(429) && transient(503) && !transient(404) && !transient(308));
    }
}
