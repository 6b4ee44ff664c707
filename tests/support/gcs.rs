//! Google Cloud Storage for the tests: the `gcp-storage-emulator` JSON API on a free port, and an
//! OAuth2 token endpoint that accepts only a JWT bearer assertion signed with the test's service
//! account key (checked with Python's cryptography), recording each accepted sign-in.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::{find_in_path, free_port, watchdog};

pub const GCS_CLIENT_EMAIL: &str = "dbctl-backups@dbctl-test.iam.gserviceaccount.com";

/// What every test HTTP server of Python's shares: `Base` (its `body()`, `answer(code, headers,
/// body)`, no request log) and `serve(handler)`, which prints the port it listens on.
const PY_HTTP: &str = r#"
import http.server, json, sys
class Base(http.server.BaseHTTPRequestHandler):
    def body(self):
        return self.rfile.read(int(self.headers.get('Content-Length', 0)))
    def answer(self, code, headers=(), body=b''):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
def serve(handler):
    s = http.server.HTTPServer(('127.0.0.1', 0), handler)
    print(s.server_address[1], flush=True)
    s.serve_forever()
"#;

const TOKEN_SERVER: &str = r#"
import base64, urllib.parse
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
public = serialization.load_pem_public_key(open(sys.argv[1], 'rb').read())
record = sys.argv[2]
def unb64(s):
    return base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))
class Handler(Base):
    def do_POST(self):
        form = dict(urllib.parse.parse_qsl(self.body().decode()))
        try:
            assert form.get('grant_type') == 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'grant_type'
            header, claims, signature = form['assertion'].split('.')
            public.verify(unb64(signature), (header + '.' + claims).encode(), padding.PKCS1v15(), hashes.SHA256())
            with open(record, 'a') as f:
                f.write(json.dumps({'header': json.loads(unb64(header)), 'claims': json.loads(unb64(claims))}) + '\n')
            code, doc = 200, {'access_token': 'ya29.test-token', 'expires_in': 3599, 'token_type': 'Bearer'}
        except Exception as e:
            code, doc = 400, {'error': 'invalid_grant', 'error_description': 'Invalid JWT Signature (%s)' % type(e).__name__}
        self.answer(code, [('Content-Type', 'application/json')], json.dumps(doc).encode())
serve(Handler)
"#;

/// The emulator, the token endpoint, and a service-account key file that signs in.
pub struct GcsServer {
    pub port: u16,
    pub token_port: u16,
    dir: tempfile::TempDir,
    _emulator: Child,
    _tokens: Child,
}

fn openssl(args: &[&str]) {
    let out = Command::new("openssl").args(args).output().expect("openssl (apt-get install -y openssl)");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A new 2048-bit RSA private key (PEM PKCS#8, as Google's key files hold) at `path`.
pub fn rsa_key(path: &Path) -> PathBuf {
    openssl(&[
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-out",
        path.to_str().unwrap(),
    ]);
    path.to_path_buf()
}

/// Runs a Python HTTP server `script` with `args`, after [`PY_HTTP`] (whose `serve` prints the
/// port); returns the process (stopped by a watchdog when the tests end) and the port.
pub fn python_server(script: &str, args: &[&str]) -> (Child, u16) {
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(format!("{PY_HTTP}{script}"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("python3");
    watchdog(&format!("kill -9 {} 2>/dev/null", child.id()));
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line.trim().parse().unwrap_or_else(|_| panic!("the Python server did not start: {line:?}"));
    (child, port)
}

impl GcsServer {
    pub fn start() -> Self {
        let bin = find_in_path("gcp-storage-emulator").unwrap_or_else(|| {
            panic!(
                "gcp-storage-emulator not found: install it with `pip install gcp-storage-emulator` \
                 (scripts/setup --test does this)"
            )
        });
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let emulator = Command::new(bin)
            .args(["start", "--host", "127.0.0.1", "--port", &port.to_string(), "--in-memory", "-q"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting gcp-storage-emulator");
        watchdog(&format!("kill -9 {} 2>/dev/null", emulator.id()));

        // The service account's key pair, and the key file as Google issues it.
        let private = rsa_key(&dir.path().join("sa.pem"));
        let public = dir.path().join("sa.pub.pem");
        openssl(&["pkey", "-in", private.to_str().unwrap(), "-pubout", "-out", public.to_str().unwrap()]);
        // The token endpoint needs Python's cryptography (scripts/setup --test installs it).
        let record = dir.path().join("sign-ins");
        let (tokens, token_port) =
            python_server(TOKEN_SERVER, &[public.to_str().unwrap(), record.to_str().unwrap()]);

        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "gcp-storage-emulator did not listen on port {port} within 30s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let server = Self { port, token_port, dir, _emulator: emulator, _tokens: tokens };
        server.write_key("sa.json", &private);
        server
    }

    /// A service-account key file signed by `private` (PEM PKCS#8), pointing at the token endpoint.
    pub fn write_key(&self, name: &str, private: &Path) -> PathBuf {
        let key = serde_json::json!({
            "type": "service_account",
            "project_id": "dbctl-test",
            "private_key_id": "0123456789abcdef",
            "private_key": std::fs::read_to_string(private).unwrap(),
            "client_email": GCS_CLIENT_EMAIL,
            "client_id": "1",
            "token_uri": format!("http://127.0.0.1:{}/token", self.token_port),
        });
        let path = self.dir.path().join(name);
        std::fs::write(&path, serde_json::to_string_pretty(&key).unwrap()).unwrap();
        path
    }

    /// The key file that signs in.
    pub fn key_file(&self) -> PathBuf {
        self.dir.path().join("sa.json")
    }

    /// A key file for another key pair, which the token endpoint refuses.
    pub fn wrong_key_file(&self) -> PathBuf {
        let other = self.dir.path().join("other.pem");
        if !other.exists() {
            rsa_key(&other);
        }
        self.write_key("wrong.json", &other)
    }

    /// Each accepted sign-in: the JWT's header and claims.
    pub fn sign_ins(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(self.dir.path().join("sign-ins"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn create_bucket(&self, bucket: &str) {
        let r = ureq::post(&format!("{}/storage/v1/b?project=dbctl-test", self.endpoint()))
            .content_type("application/json")
            .send(serde_json::json!({ "name": bucket }).to_string())
            .expect("creating a GCS bucket");
        assert!(r.status().is_success());
    }

    /// The names of the objects in `bucket`, sorted.
    pub fn objects(&self, bucket: &str) -> Vec<String> {
        let mut r =
            ureq::get(&format!("{}/storage/v1/b/{bucket}/o", self.endpoint())).call().expect("listing");
        let doc: serde_json::Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
        let mut names: Vec<String> = doc["items"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|i| i["name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names
    }

    /// Stores `bytes` as `name` (as someone with write access to the bucket would).
    pub fn upload(&self, bucket: &str, name: &str, bytes: &[u8]) {
        let object: String =
            percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC).to_string();
        let r = ureq::post(&format!(
            "{}/upload/storage/v1/b/{bucket}/o?uploadType=media&name={object}",
            self.endpoint()
        ))
        .content_type("application/octet-stream")
        .send(bytes)
        .expect("uploading");
        assert!(r.status().is_success());
    }

    pub fn download(&self, bucket: &str, name: &str) -> Vec<u8> {
        let object: String =
            percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC).to_string();
        let mut r = ureq::get(&format!("{}/storage/v1/b/{bucket}/o/{object}?alt=media", self.endpoint()))
            .call()
            .expect("downloading");
        r.body_mut().with_config().limit(1 << 30).read_to_vec().unwrap()
    }
}

/// The emulator the tests share (each test uses its own bucket).
pub fn gcs() -> &'static GcsServer {
    static GCS: OnceLock<GcsServer> = OnceLock::new();
    GCS.get_or_init(GcsServer::start)
}
