//! An S3 server (moto_server) on a free port.

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::{find_in_path, free_port, watchdog};

/// An S3 server (moto_server from Python's moto) on a free port.
pub struct S3Server {
    pub port: u16,
    child: Child,
}

pub const S3_ACCESS_KEY: &str = "dbctl-test-access";
pub const S3_SECRET_KEY: &str = "dbctl-test-S3-secret-9911";

impl S3Server {
    pub fn start() -> Self {
        let bin = find_in_path("moto_server").unwrap_or_else(|| {
            panic!("moto_server not found: install it with `pip install 'moto[server]'` (scripts/setup --test does this)")
        });
        let port = free_port();
        let child = Command::new(bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting moto_server");
        watchdog(&format!("kill -9 {} 2>/dev/null", child.id()));
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not listen on port {port} within 30s");
            std::thread::sleep(Duration::from_millis(100));
        }
        Self { port, child }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Runs Python with boto3 against this server; `code` sees a client `s3`.
    pub fn python(&self, code: &str) -> String {
        let script = format!(
            "import boto3, sys\ns3 = boto3.client('s3', endpoint_url='{}', aws_access_key_id='{S3_ACCESS_KEY}', \
             aws_secret_access_key='{S3_SECRET_KEY}', region_name='us-east-1')\n{code}\n",
            self.endpoint()
        );
        let out = Command::new("python3").args(["-c", &script]).output().expect("python3");
        assert!(out.status.success(), "boto3 failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn create_bucket(&self, bucket: &str) {
        self.python(&format!("s3.create_bucket(Bucket='{bucket}')"));
    }

    /// A bucket with Object Lock enabled (and so versioning).
    pub fn create_locked_bucket(&self, bucket: &str) {
        self.python(&format!("s3.create_bucket(Bucket='{bucket}', ObjectLockEnabledForBucket=True)"));
    }

    /// Keys in a bucket, sorted.
    pub fn keys(&self, bucket: &str) -> Vec<String> {
        let out = self.python(&format!(
            "for o in s3.list_objects_v2(Bucket='{bucket}').get('Contents', []): print(o['Key'])"
        ));
        let mut keys: Vec<String> = out.lines().map(str::to_string).collect();
        keys.sort();
        keys
    }

    /// Multipart uploads started and neither completed nor aborted.
    pub fn open_uploads(&self, bucket: &str) -> usize {
        self.python(&format!("print(len(s3.list_multipart_uploads(Bucket='{bucket}').get('Uploads', [])))"))
            .trim()
            .parse()
            .unwrap()
    }

    pub fn download(&self, bucket: &str, key: &str, to: &Path) {
        self.python(&format!("s3.download_file('{bucket}', '{key}', '{}')", to.display()));
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The S3 server shared by the whole suite.
pub fn s3() -> &'static S3Server {
    static S3: OnceLock<S3Server> = OnceLock::new();
    S3.get_or_init(S3Server::start)
}
