//! `redis-server` on a free port, its files in a temporary directory.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::{find_in_path, free_port, watchdog};

/// The password of the test Redis.
pub const REDIS_PASSWORD: &str = "redis-Secret-7373";

/// A `redis-server` on a free port, with a password.
pub struct RedisServer {
    pub port: u16,
    child: Child,
    /// Its working directory: whatever it writes (a replica's synced RDB) stays in here.
    _dir: tempfile::TempDir,
}

impl RedisServer {
    pub fn start(port: u16) -> Self {
        Self::start_with(port, &[])
    }

    /// A replica of the Redis on `master_port` (which uses the test password).
    pub fn replica_of(master_port: u16, port: u16) -> Self {
        Self::start_with(
            port,
            &["--replicaof", "127.0.0.1", &master_port.to_string(), "--masterauth", REDIS_PASSWORD],
        )
    }

    pub fn start_with(port: u16, extra: &[&str]) -> Self {
        let bin = find_in_path("redis-server").unwrap_or_else(|| {
            panic!("redis-server not found: install it with `apt-get install -y redis-server` (scripts/test does this)")
        });
        let dir =
            tempfile::Builder::new().prefix("dbctl-test-redis-").tempdir().expect("a temporary directory");
        let child = Command::new(bin)
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .args(["--dir", dir.path().to_str().expect("a UTF-8 temporary path")])
            .args(["--requirepass", REDIS_PASSWORD, "--protected-mode", "no", "--loglevel", "warning"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting redis-server");
        watchdog(&format!("kill -9 {} 2>/dev/null; rm -rf '{}'", child.id(), dir.path().display()));
        let listen =
            extra.iter().position(|a| *a == "--tls-port").map_or(port, |i| extra[i + 1].parse().unwrap());
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", listen)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not listen on port {port} within 20s");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { port, child, _dir: dir }
    }

    pub fn url(&self) -> String {
        format!("redis://:{REDIS_PASSWORD}@127.0.0.1:{}/0", self.port)
    }

    /// Runs `redis-cli` with `args` (shell words) against this server; panics on an error reply.
    pub fn cli(&self, args: &str) -> String {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("redis-cli --no-auth-warning -a '{REDIS_PASSWORD}' -p {} {args}", self.port))
            .output()
            .expect("redis-cli (apt-get install -y redis-tools)");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success() && !text.contains("ERR") && !text.contains("NOAUTH"),
            "redis-cli {args}: {text}"
        );
        text
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The Redis shared by the whole suite.
pub fn redis() -> &'static RedisServer {
    static REDIS: OnceLock<RedisServer> = OnceLock::new();
    REDIS.get_or_init(|| RedisServer::start(free_port()))
}
