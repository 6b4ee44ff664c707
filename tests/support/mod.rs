//! Real servers for the integration tests, and a runner for the real `dbctl` binary.
//!
//! The suite starts one throwaway PostgreSQL cluster and one `redis-server` the first time a test
//! asks for them and shares them; each test gets its own database. A watchdog process per server
//! stops it and deletes its files when the test process exits, whether the tests passed, failed
//! or were interrupted. A missing server binary fails the test with the command that installs it.

#![allow(dead_code)]

pub mod fixtures;
mod gcs;
mod pg;
mod project;
mod redis;
mod s3;
mod tls;

pub use gcs::{GCS_CLIENT_EMAIL, gcs, python_server, rsa_key};
pub use pg::{PG_BIN, PG_PASSWORD, PgCluster, bin_of, pg, pg_cache, psql_at};
pub use project::{BACKENDS, Backend, Outcome, Project, Run, dbctl, project};
pub use redis::{REDIS_PASSWORD, RedisServer, redis};
pub use s3::{S3_ACCESS_KEY, S3_SECRET_KEY, S3Server, s3};
pub use tls::TestCa;

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe extern "C" {
        fn geteuid() -> u32;
    }
    unsafe { geteuid() == 0 }
}

pub fn find_in_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

/// Starts a process that, when the test process exits (passed, failed or interrupted), runs
/// `cleanup`. It is never waited for: it must outlive this process.
#[allow(clippy::zombie_processes)]
fn watchdog(cleanup: &str) {
    let script = format!("while kill -0 {} 2>/dev/null; do sleep 0.5; done; {cleanup}", std::process::id());
    Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("starting the cleanup watchdog");
}
