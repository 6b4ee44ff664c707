//! The backup lock as a Redis lease, for several hosts running the same schedule: `SET NX PX`
//! with a random token, renewed while the backup runs, released by compare-and-delete. A host
//! that dies lets the lease expire after its time to live.

use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Result, anyhow};

/// How long a lease lives without renewal.
const TTL: Duration = Duration::from_secs(30);

/// Renews if still ours: the token must match.
const RENEW: &str = "if redis.call('GET', KEYS[1]) == ARGV[1] then \
                     return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
/// Deletes if still ours.
const RELEASE: &str = "if redis.call('GET', KEYS[1]) == ARGV[1] then \
                       return redis.call('DEL', KEYS[1]) else return 0 end";

/// A held lease; dropping it stops the renewal and releases it.
pub struct Lease {
    stop: Option<mpsc::Sender<()>>,
    renewer: Option<std::thread::JoinHandle<()>>,
}

/// The outcome of trying to take a lease.
pub enum Attempt {
    Held(Lease),
    /// Someone else holds it; what they wrote about themselves.
    Busy(String),
}

/// Tries to take the lease `key` on the Redis at `url`, describing the holder as `holder`.
pub fn try_take(url: &str, key: &str, holder: &str, timeout: Duration) -> Result<Attempt> {
    let mut conn = crate::db::redis::connect(url, timeout)?;
    let token = crate::sys::random::hex(12)?;
    let value = format!("{token} {holder}");
    let set: Option<String> = redis::cmd("SET")
        .arg(key)
        .arg(&value)
        .arg("NX")
        .arg("PX")
        .arg(TTL.as_millis() as u64)
        .query(&mut conn)
        .map_err(|e| anyhow!("taking the backup lock in Redis: {e}"))?;
    if set.is_none() {
        let current: Option<String> = redis::cmd("GET")
            .arg(key)
            .query(&mut conn)
            .map_err(|e| anyhow!("reading the backup lock: {e}"))?;
        let who = current.as_deref().and_then(|v| v.split_once(' ')).map_or("", |(_, h)| h).to_string();
        return Ok(Attempt::Busy(who));
    }
    let (stop, stopped) = mpsc::channel::<()>();
    let key = key.to_string();
    let renewer = std::thread::spawn(move || {
        loop {
            match stopped.recv_timeout(TTL / 3) {
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _: redis::RedisResult<i64> = redis::cmd("EVAL")
                        .arg(RENEW)
                        .arg(1)
                        .arg(&key)
                        .arg(&value)
                        .arg(TTL.as_millis() as u64)
                        .query(&mut conn);
                }
                _ => {
                    let _: redis::RedisResult<i64> =
                        redis::cmd("EVAL").arg(RELEASE).arg(1).arg(&key).arg(&value).query(&mut conn);
                    return;
                }
            }
        }
    });
    Ok(Attempt::Held(Lease { stop: Some(stop), renewer: Some(renewer) }))
}

impl Drop for Lease {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(r) = self.renewer.take() {
            let _ = r.join();
        }
    }
}
