//! A Redis snapshot taken over the replication protocol, as `redis-cli --rdb -` does: dbctl asks
//! the server for a full synchronisation (`REPLCONF rdb-only 1`, then `SYNC`) and streams the RDB
//! payload it sends, of a given length or ended by a 40-byte mark (diskless replication). No file
//! on the Redis host is read, and nothing is written on this one.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};

/// The connection a snapshot streams from.
trait Conn: Read + Write + Send {}
impl<T: Read + Write + Send> Conn for T {}

/// The longest reply line read from the server (`+OK`, `$123`, an error).
const MAX_LINE: u64 = 64 * 1024;
/// The largest bulk reply read whole (INFO's text).
const MAX_BULK: usize = 1 << 20;
/// How often a read wakes up to look for SIGINT and SIGTERM.
const TICK: Duration = Duration::from_secs(1);
/// How long the server may send nothing before the snapshot is given up.
const STALL: Duration = Duration::from_secs(300);
/// How long the server may keep the snapshot in preparation (sending newlines).
const PREPARATION: Duration = Duration::from_secs(3600);

/// A connection whose reads wake up every [`TICK`]: a signal stops them at once, and a server
/// that sends nothing for [`STALL`] is given up.
struct Patient {
    inner: Box<dyn Conn>,
}

impl Read for Patient {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let since = std::time::Instant::now();
        loop {
            if let Some(sig) = crate::sys::signals::received() {
                return Err(io::Error::other(crate::sys::signals::Interrupted(sig)));
            }
            match self.inner.read(buf) {
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                    if since.elapsed() > STALL {
                        return Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            format!("Redis sent nothing for {}", crate::text::std_duration(STALL)),
                        ));
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                other => return other,
            }
        }
    }
}

impl Write for Patient {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The RDB payload, read from the server as it sends it.
pub struct RdbStream {
    conn: BufReader<Box<dyn Conn>>,
    /// Payload bytes still allowed (backup.redis_max_bytes).
    allowed: u64,
    limit: u64,
    /// Payload bytes still to come (length mode).
    remaining: Option<u64>,
    /// The end mark (diskless mode) and bytes held back while they could be its start.
    mark: Option<Vec<u8>>,
    held: Vec<u8>,
    done: bool,
}

fn resp(args: &[&str]) -> Vec<u8> {
    let mut out = format!("*{}\r\n", args.len()).into_bytes();
    for a in args {
        out.extend_from_slice(format!("${}\r\n{a}\r\n", a.len()).as_bytes());
    }
    out
}

fn line(conn: &mut BufReader<Box<dyn Conn>>) -> Result<String> {
    let mut l = Vec::new();
    (&mut *conn)
        .take(MAX_LINE + 1)
        .read_until(b'\n', &mut l)
        .map_err(interrupted)
        .context("reading from Redis")?;
    if l.is_empty() {
        bail!("Redis closed the connection");
    }
    if l.len() as u64 > MAX_LINE {
        bail!(
            "Redis sent a reply line longer than {} KiB, which no Redis sends; nothing was stored",
            MAX_LINE / 1024
        );
    }
    Ok(String::from_utf8_lossy(&l).trim_end_matches(['\r', '\n']).to_string())
}

/// A simple reply: `+OK` is fine, `-ERR …` is the error.
fn expect_ok(conn: &mut BufReader<Box<dyn Conn>>, what: &str) -> Result<()> {
    let reply = line(conn)?;
    match reply.strip_prefix('-') {
        Some(e) => bail!("{what}: Redis answered: {}", crate::text::escape_controls(e)),
        None => Ok(()),
    }
}

/// A TCP connection to the URL's host and port; returns the host too.
fn tcp(url: &url::Url, timeout: Duration) -> Result<(String, TcpStream)> {
    let host = url.host_str().unwrap_or("127.0.0.1").trim_matches(['[', ']']).to_string();
    let port = url.port().unwrap_or(6379);
    let addr = std::net::ToSocketAddrs::to_socket_addrs(&(host.as_str(), port))
        .with_context(|| format!("resolving the Redis host {host}"))?
        .next()
        .ok_or_else(|| anyhow!("the Redis host {host} has no address"))?;
    let s = TcpStream::connect_timeout(&addr, timeout)
        .with_context(|| format!("connecting to Redis at {host}:{port}"))?;
    s.set_read_timeout(Some(TICK))?;
    s.set_write_timeout(Some(timeout.max(Duration::from_secs(10))))?;
    Ok((host, s))
}

/// rediss://: TLS on rustls, the server's certificate checked against the system's CA store
/// (or `SSL_CERT_FILE`), the handshake done before a byte of the password is sent.
fn tls(
    url: &url::Url,
    timeout: Duration,
) -> Result<rustls::StreamOwned<rustls::ClientConnection, TcpStream>> {
    if url.fragment() == Some("insecure") {
        bail!(
            "rediss://…#insecure turns off the certificate check, which a snapshot of the whole \
             dataset does not do; set SSL_CERT_FILE to the CA bundle that signed the server's certificate"
        );
    }
    let (host, mut sock) = tcp(url, timeout)?;
    // The handshake may take longer than a tick; the snapshot's reads then wake up each tick.
    sock.set_read_timeout(Some(timeout.max(Duration::from_secs(10))))?;
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if roots.is_empty() {
        bail!("no CA certificate to check Redis's with: set SSL_CERT_FILE to a CA bundle");
    }
    let config = rustls::ClientConfig::builder().with_root_certificates(roots).with_no_client_auth();
    let name = rustls_pki_types::ServerName::try_from(host.clone())
        .map_err(|_| anyhow!("`{host}` is not a name a TLS certificate can be checked against"))?;
    let mut conn = rustls::ClientConnection::new(std::sync::Arc::new(config), name)
        .context("starting TLS with Redis")?;
    while conn.is_handshaking() {
        conn.complete_io(&mut sock).map_err(|e| {
            anyhow!(
                "the TLS handshake with Redis at {host} failed: {e}; set SSL_CERT_FILE to the CA bundle \
                 that signed the server's certificate"
            )
        })?;
    }
    sock.set_read_timeout(Some(TICK))?;
    Ok(rustls::StreamOwned::new(conn, sock))
}

/// Connects to `url` (redis:// or rediss:// with an optional user and password, or unix://), signs in, and
/// starts the snapshot; returns it and the server's version.
pub fn open(url: &str, timeout: Duration, max_bytes: u64) -> Result<(RdbStream, String)> {
    let parsed = url::Url::parse(url).map_err(|_| anyhow!("REDIS_URL is not a URL"))?;
    let conn: Box<dyn Conn> = match parsed.scheme() {
        "redis" => Box::new(tcp(&parsed, timeout)?.1),
        "rediss" => Box::new(tls(&parsed, timeout)?),
        "unix" | "redis+unix" => {
            let s = std::os::unix::net::UnixStream::connect(parsed.path())
                .with_context(|| format!("connecting to Redis at {}", parsed.path()))?;
            s.set_read_timeout(Some(TICK))?;
            Box::new(s)
        }
        other => bail!("REDIS_URL's scheme `{other}` is not redis://, rediss:// or unix://"),
    };
    let conn: Box<dyn Conn> = Box::new(Patient { inner: conn });
    let mut conn = BufReader::with_capacity(256 * 1024, conn);
    let password =
        parsed.password().map(|p| percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned());
    let user = (!parsed.username().is_empty()).then(|| parsed.username().to_string());
    if let Some(pw) = &password {
        let auth = match &user {
            Some(u) => resp(&["AUTH", u, pw]),
            None => resp(&["AUTH", pw]),
        };
        conn.get_mut().write_all(&auth)?;
        expect_ok(&mut conn, "signing in to Redis")?;
    }
    conn.get_mut().write_all(&resp(&["INFO", "server"]))?;
    let header = line(&mut conn)?;
    if let Some(e) = header.strip_prefix('-') {
        bail!("asking Redis for its version: {}", crate::text::escape_controls(e));
    }
    let len: usize = header
        .strip_prefix('$')
        .and_then(|n| n.parse().ok())
        .filter(|n| *n <= MAX_BULK)
        .ok_or_else(|| anyhow!("Redis answered INFO oddly (not a bulk reply of at most 1 MiB)"))?;
    let mut info = vec![0u8; len + 2];
    conn.read_exact(&mut info).map_err(interrupted)?;
    let version = String::from_utf8_lossy(&info)
        .lines()
        .find_map(|l| l.strip_prefix("redis_version:").map(|v| v.trim().to_string()))
        .unwrap_or_else(|| "unknown".into());
    // Only the snapshot, no replication stream after it (Redis 7; older servers say no, which
    // is fine: the stream is read up to the snapshot's end only).
    conn.get_mut().write_all(&resp(&["REPLCONF", "rdb-only", "1"]))?;
    let _ = line(&mut conn)?;
    // A diskless snapshot (ended by a mark) is understood: the server's repl-diskless-sync decides.
    conn.get_mut().write_all(&resp(&["REPLCONF", "capa", "eof"]))?;
    let _ = line(&mut conn)?;
    conn.get_mut().write_all(&resp(&["SYNC"]))?;
    // Newlines keep the connection alive while the server prepares the snapshot (for at most an
    // hour; each line read wakes up for signals).
    let preparing = std::time::Instant::now();
    let start = loop {
        let l = line(&mut conn)?;
        if !l.is_empty() {
            break l;
        }
        if preparing.elapsed() > PREPARATION {
            bail!("Redis kept the snapshot in preparation for over an hour; nothing was stored");
        }
    };
    if let Some(e) = start.strip_prefix('-') {
        bail!(
            "Redis refused the snapshot: {} (the user needs the SYNC command; a replica of a master it \
             cannot reach refuses too)",
            crate::text::escape_controls(e)
        );
    }
    let Some(size) = start.strip_prefix('$') else {
        bail!("Redis answered SYNC with something else than a snapshot");
    };
    let (remaining, mark) = match size.strip_prefix("EOF:") {
        Some(mark) if mark.len() == 40 => (None, Some(mark.as_bytes().to_vec())),
        Some(_) => bail!("Redis sent a snapshot end mark of the wrong size"),
        None => (Some(size.parse::<u64>().map_err(|_| anyhow!("Redis sent a snapshot of no size"))?), None),
    };
    if let Some(n) = remaining
        && n > max_bytes
    {
        bail!(
            "Redis offers a snapshot of {}, more than backup.redis_max_bytes ({}); raise it if the dataset \
             is that large",
            crate::text::bytes(n as f64),
            crate::text::bytes(max_bytes as f64)
        );
    }
    Ok((
        RdbStream {
            conn,
            allowed: max_bytes,
            limit: max_bytes,
            remaining,
            mark,
            held: Vec::new(),
            done: false,
        },
        version,
    ))
}

impl RdbStream {
    /// How the server sends the snapshot, for people.
    pub fn describe(&self) -> String {
        match self.remaining {
            Some(n) => format!("a snapshot of {}", crate::text::bytes(n as f64)),
            None => "a diskless snapshot (its length known at its end)".into(),
        }
    }
}

impl Read for RdbStream {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if self.done {
            // The payload's last bytes, held back while the mark was looked for.
            let n = out.len().min(self.held.len());
            out[..n].copy_from_slice(&self.held[..n]);
            self.held.drain(..n);
            return Ok(n);
        }
        if let Some(left) = self.remaining {
            if left == 0 {
                self.done = true;
                return Ok(0);
            }
            let want = out.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            let n = self.conn.read(&mut out[..want])?;
            if n == 0 {
                return Err(cut());
            }
            self.remaining = Some(left - n as u64);
            return Ok(n);
        }
        let mark = self.mark.as_deref().expect("one of the two modes");
        // Diskless: the payload ends with the mark; bytes that could be its start are held back.
        loop {
            if let Some(at) = memchr::memmem::find(&self.held, mark) {
                self.held.truncate(at);
                self.done = true;
                return self.read(out);
            }
            if self.held.len() > mark.len() {
                let n = out.len().min(self.held.len() - mark.len());
                out[..n].copy_from_slice(&self.held[..n]);
                self.held.drain(..n);
                return Ok(n);
            }
            let buf = self.conn.fill_buf()?;
            if buf.is_empty() {
                return Err(cut());
            }
            let n = buf.len();
            // A diskless snapshot's length is known only at its end: counted as it comes.
            self.allowed = self.allowed.checked_sub(n as u64).ok_or_else(|| {
                io::Error::other(format!(
                    "the snapshot grew past backup.redis_max_bytes ({}); nothing was stored",
                    crate::text::bytes(self.limit as f64)
                ))
            })?;
            self.held.extend_from_slice(buf);
            self.conn.consume(n);
        }
    }
}

/// An I/O error that is a signal's interruption, as the interruption (so the exit code says so).
fn interrupted(e: io::Error) -> anyhow::Error {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<crate::sys::signals::Interrupted>()) {
        Some(i) => crate::sys::signals::Interrupted(i.0).into(),
        None => e.into(),
    }
}

fn cut() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "Redis closed the connection in the middle of the snapshot")
}
