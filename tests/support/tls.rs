//! A private CA and certificates, and Redis over TLS.

use std::path::PathBuf;
use std::process::Command;

use super::{REDIS_PASSWORD, RedisServer, find_in_path};

/// A private CA and a server certificate for 127.0.0.1 and localhost, made with openssl.
pub struct TestCa {
    pub dir: tempfile::TempDir,
}

impl TestCa {
    pub fn new() -> Self {
        assert!(
            find_in_path("openssl").is_some(),
            "openssl not found: install it with `apt-get install -y openssl`"
        );
        let dir = tempfile::Builder::new().prefix("dbctl-test-ca-").tempdir().unwrap();
        std::fs::write(dir.path().join("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n").unwrap();
        let steps: [&[&str]; 3] = [
            &[
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2",
            ] as &[&str],
            &["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr"],
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.pem",
                "-days",
                "2",
                "-extfile",
                "ext",
            ],
        ];
        for (i, args) in steps.iter().enumerate() {
            let mut cmd = Command::new("openssl");
            cmd.args(*args).current_dir(dir.path());
            if i < 2 {
                cmd.args(["-subj", if i == 0 { "/CN=dbctl test CA" } else { "/CN=localhost" }]);
            }
            let out = cmd.output().unwrap();
            assert!(
                out.status.success(),
                "openssl {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Self { dir }
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

impl RedisServer {
    /// A Redis that speaks only TLS, with a certificate of `ca`.
    pub fn start_tls(port: u16, ca: &TestCa) -> Self {
        let (cert, key, ca_pem) = (ca.file("server.pem"), ca.file("server.key"), ca.file("ca.pem"));
        let port_s = port.to_string();
        let mut server = Self::start_with(
            0,
            &[
                "--tls-port",
                &port_s,
                "--tls-cert-file",
                cert.to_str().unwrap(),
                "--tls-key-file",
                key.to_str().unwrap(),
                "--tls-ca-cert-file",
                ca_pem.to_str().unwrap(),
                "--tls-auth-clients",
                "no",
            ],
        );
        server.port = port;
        server
    }

    pub fn tls_url(&self) -> String {
        format!("rediss://:{REDIS_PASSWORD}@127.0.0.1:{}/0", self.port)
    }
}
