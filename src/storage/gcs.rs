//! Google Cloud Storage through its JSON API.
//!
//! Sign-in: the service-account key file Google issues holds an RSA private key; a JWT signed with
//! it (RS256) is exchanged at the key's `token_uri` for an access token (OAuth2's JWT bearer
//! grant). Uploads are resumable uploads fed in 8 MiB chunks as the stream arrives (one chunk on
//! its way while the next fills); the last chunk, which makes the object visible, is sent only on
//! `commit` (after the producer succeeded), and an abandoned upload is cancelled. A chunk cut off
//! (a broken connection, a 5xx) resumes from what the session says it holds.
//! `ifGenerationMatch=0` refuses to overwrite.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine as _;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::{Leftover, Storage, Upload};
use crate::sys::http::{self, Response};

/// `[backup.gcs]`: Google Cloud Storage through its JSON API, signed in with a service-account key.
#[derive(Debug, Clone)]
pub struct GcsSettings {
    pub bucket: String,
    pub prefix: Option<String>,
    pub project_id: Option<String>,
    pub key_file: PathBuf,
    pub endpoint_url: Option<String>,
    /// How long a request may wait for its answer (`backup.stall_timeout`).
    pub stall_timeout: Duration,
}

/// Resumable upload chunks must be multiples of 256 KiB.
const CHUNK: usize = 32 * 256 * 1024;
const SCOPE: &str = "https://www.googleapis.com/auth/devstorage.read_write";
const DEFAULT_ENDPOINT: &str = "https://storage.googleapis.com";
const DEFAULT_TOKEN_URI: &str = "https://oauth2.googleapis.com/token";
/// Attempts per request before a transient failure (a 5xx, 429, or a broken connection) is final.
const ATTEMPTS: u32 = 4;
/// The pause before the second attempt (doubled before each further one).
const PAUSE: Duration = Duration::from_millis(500);

/// What an object name keeps unescaped in a URL path segment or query value.
const NAME: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The parts of a service-account key file dbctl uses.
#[derive(serde::Deserialize)]
struct KeyFile {
    #[serde(rename = "type")]
    kind: Option<String>,
    client_email: String,
    private_key: String,
    private_key_id: Option<String>,
    token_uri: Option<String>,
}

#[derive(Clone)]
pub struct GcsStorage {
    agent: ureq::Agent,
    endpoint: String,
    bucket: String,
    prefix: String,
    token: String,
}

/// A read of an answer's body that failed, in words: a timeout is `backup.stall_timeout`.
fn stalled(what: &str, e: &ureq::Error) -> anyhow::Error {
    match e {
        ureq::Error::Timeout(_) => anyhow!("{what}: {} (backup.stall_timeout)", http::explain(e)),
        other => anyhow!("{what}: {}", http::explain(other)),
    }
}

/// A download whose failures say what was being read, and a stall as [`stalled`] does.
struct Explained<R> {
    what: String,
    inner: R,
}

impl<R: Read> Read for Explained<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            match e.get_ref().and_then(|inner| inner.downcast_ref::<ureq::Error>()) {
                Some(u) => io::Error::new(e.kind(), format!("{:#}", stalled(&self.what, u))),
                None => io::Error::new(e.kind(), format!("{}: {e}", self.what)),
            }
        })
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A JWT asserting the service account, signed with its key, for the token endpoint `aud`.
fn assertion(key: &KeyFile, aud: &str, now: u64) -> Result<String> {
    use rustls_pki_types::pem::PemObject;
    let der = rustls_pki_types::PrivatePkcs8KeyDer::from_pem_slice(key.private_key.as_bytes())
        .map_err(|e| anyhow!("its private_key is not a PEM PKCS#8 key ({e})"))?;
    let pair = ring::signature::RsaKeyPair::from_pkcs8(der.secret_pkcs8_der())
        .map_err(|e| anyhow!("its private_key is not a usable RSA key ({e})"))?;
    let mut header = serde_json::json!({ "alg": "RS256", "typ": "JWT" });
    if let Some(kid) = &key.private_key_id {
        header["kid"] = kid.clone().into();
    }
    let claims = serde_json::json!({
        "iss": key.client_email, "scope": SCOPE, "aud": aud, "iat": now, "exp": now + 3600,
    });
    let signed = format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims.to_string().as_bytes()));
    let mut signature = vec![0u8; pair.public().modulus_len()];
    pair.sign(
        &ring::signature::RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        signed.as_bytes(),
        &mut signature,
    )
    .map_err(|_| anyhow!("signing the sign-in token failed"))?;
    Ok(format!("{signed}.{}", b64(&signature)))
}

impl GcsStorage {
    pub fn open(s: &GcsSettings) -> Result<Self> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_recv_response(Some(s.stall_timeout))
            // An answer that starts and then stops (a listing, a download) is given up after the
            // same time without a byte, however long the whole transfer may take.
            .timeout_per_read(Some(s.stall_timeout))
            .timeout_per_write(Some(s.stall_timeout))
            .build()
            .into();
        // Signals end the wait for a sign-in that hangs (the main thread waits for it).
        let token = {
            let (agent, key_file) = (agent.clone(), s.key_file.clone());
            crate::sys::interruptible(move || sign_in(&agent, &key_file))??
        };
        let endpoint =
            s.endpoint_url.as_deref().unwrap_or(DEFAULT_ENDPOINT).trim_end_matches('/').to_string();
        let prefix = s.prefix.clone().unwrap_or_default();
        let prefix = if prefix.is_empty() || prefix.ends_with('/') { prefix } else { format!("{prefix}/") };
        Ok(Self { agent, endpoint, bucket: s.bucket.clone(), prefix, token })
    }

    fn object(&self, name: &str) -> String {
        utf8_percent_encode(&format!("{}{name}", self.prefix), NAME).to_string()
    }

    fn auth(&self) -> String {
        format!("Bearer {}", self.token)
    }

    /// Sends a request (again, on a transient failure, up to [`ATTEMPTS`] times, waiting longer
    /// each time).
    fn send(&self, what: &str, request: impl Fn() -> Result<Response, ureq::Error>) -> Result<Response> {
        http::retrying(what, ATTEMPTS, PAUSE, request)
    }

    fn check(&self, what: &str, r: Response) -> Result<Response> {
        let status = r.status().as_u16();
        if (200..300).contains(&status) {
            return Ok(r);
        }
        let body = r.into_body().read_to_string().unwrap_or_default();
        Err(http::status_error(what, status, &body))
    }
}

/// Reads the key file and exchanges a signed JWT for an access token.
fn sign_in(agent: &ureq::Agent, key_file: &Path) -> Result<String> {
    let text = std::fs::read_to_string(key_file)
        .with_context(|| format!("reading the GCS key file {} (BACKUP_GCS_KEY_FILE)", key_file.display()))?;
    let key: KeyFile = serde_json::from_str(&text).map_err(|e| {
        anyhow!(
            "the GCS key file {} is not a service-account key (the JSON Google issues): {}",
            key_file.display(),
            // serde's message names the field and position, never the file's text.
            e
        )
    })?;
    if key.kind.as_deref().is_some_and(|k| k != "service_account") {
        bail!(
            "the GCS key file {} holds a `{}` credential; dbctl needs a service-account key",
            key_file.display(),
            crate::text::escape_controls(key.kind.as_deref().unwrap_or_default())
        );
    }
    let token_uri = key.token_uri.clone().unwrap_or_else(|| DEFAULT_TOKEN_URI.into());
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs();
    let jwt = assertion(&key, &token_uri, now)
        .with_context(|| format!("the GCS key file {}", key_file.display()))?;
    let what = format!("signing in to Google Cloud at {token_uri} as {}", key.client_email);
    let response = agent
        .post(&token_uri)
        .send_form([
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
            ("assertion", jwt.as_str()),
        ])
        .map_err(|e| anyhow!("{what}: {}", http::explain(&e)))?;
    let status = response.status().as_u16();
    let body = response.into_body().read_to_string().map_err(|e| stalled(&what, &e))?;
    if status != 200 {
        return Err(http::status_error(&what, status, &body));
    }
    let doc: serde_json::Value =
        serde_json::from_str(&body).map_err(|_| anyhow!("{what}: the answer is not JSON"))?;
    doc["access_token"]
        .as_str()
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_graphic()))
        .map(str::to_string)
        .ok_or_else(|| anyhow!("{what}: the answer holds no access_token"))
}

struct GcsUpload {
    /// The resumable session, shared with the thread sending a chunk.
    session: std::sync::Arc<Session>,
    buffer: Vec<u8>,
    /// Bytes the server holds once the chunk in flight is through.
    sent: u64,
    /// The chunk being sent while the next one fills: the producer never waits for one request
    /// unless two chunks are ready at once.
    in_flight: Option<std::thread::JoinHandle<Result<()>>>,
    done: bool,
}

/// One resumable upload session.
struct Session {
    agent: ureq::Agent,
    /// The session's URI (it authorises the upload by itself).
    uri: String,
    label: String,
    /// Where the object goes, for messages.
    place: String,
}

/// Where a resumable session stands, as its status answer says.
#[derive(Debug, PartialEq)]
enum Held {
    /// The first N bytes are stored; more are expected.
    Bytes(u64),
    /// The object is complete.
    Complete,
}

/// Reads a session's answer to a chunk or a status query: 308 with `Range: bytes=0-N` (N + 1
/// bytes held) or without one (none held), 200/201 when the object is complete.
fn held(status: u16, range: Option<&str>) -> Option<Held> {
    match status {
        200 | 201 => Some(Held::Complete),
        308 => match range {
            None => Some(Held::Bytes(0)),
            Some(r) => {
                let last: u64 = r.trim().strip_prefix("bytes=0-")?.parse().ok()?;
                last.checked_add(1).map(Held::Bytes)
            }
        },
        _ => None,
    }
}

impl Session {
    /// Sends `chunk`, the object's bytes from offset `at`; `total` (the object's size) with the
    /// last one. After a broken connection or a transient answer the session is asked how much it
    /// holds, and the rest of the chunk is sent from there (a resumable upload resumes; it does
    /// not start over); so is the part of a chunk the server did not keep. A session that claims
    /// bytes it was never sent, or lost bytes it had acknowledged, fails the upload.
    fn put(&self, chunk: &[u8], at: u64, total: Option<u64>) -> Result<()> {
        let end = at + chunk.len() as u64;
        let mut from = at;
        let mut failures = 0;
        let mut last = String::new();
        loop {
            if failures > 0 {
                if failures >= ATTEMPTS {
                    bail!("{last} (tried {ATTEMPTS} times)");
                }
                std::thread::sleep(PAUSE * (1 << (failures - 1)));
                match self.status(total) {
                    Ok(Held::Complete) if total == Some(end) => return Ok(()),
                    Ok(Held::Bytes(n)) if (at..=end).contains(&n) => from = n,
                    Ok(other) => bail!(
                        "{}: the upload session says it holds {other:?}, but {at} bytes were acknowledged and \
                         {end} sent: it cannot be resumed",
                        self.label
                    ),
                    Err(e) => {
                        last = format!("{e:#}");
                        failures += 1;
                        continue;
                    }
                }
            }
            if from == end && total.is_none() {
                return Ok(());
            }
            let part = &chunk[(from - at) as usize..];
            let range = match (part.len(), total) {
                (0, Some(t)) => format!("bytes */{t}"),
                (n, t) => format!(
                    "bytes {}-{}/{}",
                    from,
                    from + n as u64 - 1,
                    t.map_or("*".to_string(), |t| t.to_string())
                ),
            };
            let r = match self.agent.put(&self.uri).header("Content-Range", &range).send(part) {
                Ok(r) => r,
                Err(e) => {
                    last = format!("{}: {e}", self.label);
                    failures += 1;
                    continue;
                }
            };
            let status = r.status().as_u16();
            if http::transient(status) {
                let body = r.into_body().read_to_string().unwrap_or_default();
                last = format!("{:#}", http::status_error(&self.label, status, &body));
                failures += 1;
                continue;
            }
            let range = r.headers().get("range").and_then(|v| v.to_str().ok()).map(str::to_string);
            match (held(status, range.as_deref()), total) {
                (Some(Held::Complete), Some(_)) => return Ok(()),
                (Some(Held::Bytes(n)), None) if n == end => return Ok(()),
                // Part of the chunk kept: the rest goes next, from where the server stopped.
                (Some(Held::Bytes(n)), _) if n > from && n < end => from = n,
                // None of it kept: tried again, as a failure.
                (Some(Held::Bytes(n)), _) if n == from => {
                    last = format!("{}: the upload session kept none of bytes {from}-{end}", self.label);
                    failures += 1;
                }
                (Some(other), _) => bail!(
                    "{}: the upload session answered {status} holding {other:?} after bytes {from}-{end} were sent: \
                     it cannot be trusted to hold the object",
                    self.label
                ),
                // ifGenerationMatch=0: the name is taken.
                (None, _) if status == 412 => return Err(super::Exists { place: self.place.clone() }.into()),
                (None, _) => {
                    let body = r.into_body().read_to_string().unwrap_or_default();
                    return Err(http::status_error(&self.label, status, &body));
                }
            }
        }
    }

    /// Asks the session how much it holds (`Content-Range: bytes */TOTAL`, or `*/*`).
    fn status(&self, total: Option<u64>) -> Result<Held> {
        let range = format!("bytes */{}", total.map_or("*".to_string(), |t| t.to_string()));
        let r = self
            .agent
            .put(&self.uri)
            .header("Content-Range", &range)
            .send(&[][..])
            .map_err(|e| anyhow!("{}: asking the upload session where it stands: {e}", self.label))?;
        let status = r.status().as_u16();
        let range = r.headers().get("range").and_then(|v| v.to_str().ok()).map(str::to_string);
        held(status, range.as_deref()).ok_or_else(|| {
            let body = r.into_body().read_to_string().unwrap_or_default();
            http::status_error(
                &format!("{}: asking the upload session where it stands", self.label),
                status,
                &body,
            )
        })
    }
}

impl GcsUpload {
    /// Waits for the chunk in flight; its failure is the upload's.
    fn settle(&mut self) -> Result<()> {
        match self.in_flight.take() {
            Some(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(anyhow!("{}: the sending thread panicked", self.session.label))),
            None => Ok(()),
        }
    }

    fn cancel(&mut self) {
        if !self.done {
            self.done = true;
            let _ = self.settle();
            // Google answers 499; an emulator may not know the call. The session expires anyway.
            let _ = self.session.agent.delete(&self.session.uri).call();
        }
    }
}

impl Write for GcsUpload {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        // Whole chunks go as they fill, one in flight; at least one byte stays for `commit`'s
        // last request.
        while self.buffer.len() > CHUNK {
            self.settle().map_err(|e| io::Error::other(format!("{e:#}")))?;
            let rest = self.buffer.split_off(CHUNK);
            let chunk = std::mem::replace(&mut self.buffer, rest);
            let (session, at) = (self.session.clone(), self.sent);
            self.sent += chunk.len() as u64;
            self.in_flight = Some(std::thread::spawn(move || session.put(&chunk, at, None)));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Upload for GcsUpload {
    fn commit(mut self: Box<Self>) -> Result<()> {
        let last = std::mem::take(&mut self.buffer);
        let total = self.sent + last.len() as u64;
        let result = self.settle().and_then(|()| self.session.put(&last, self.sent, Some(total)));
        if result.is_err() {
            self.cancel();
        }
        self.done = true;
        result
    }

    fn abort(mut self: Box<Self>) {
        self.cancel();
    }
}

impl Drop for GcsUpload {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// The requests themselves, run on a thread of their own by the trait's methods (see
/// [`crate::sys::interruptible`]).
impl GcsStorage {
    /// An upload of `name`, stored only if the object is then of `generation` (0: none yet).
    fn start_upload(&self, name: &str, generation: u64) -> Result<Box<dyn Upload>> {
        let url = format!(
            "{}/upload/storage/v1/b/{}/o?uploadType=resumable&ifGenerationMatch={generation}&name={}",
            self.endpoint,
            self.bucket,
            self.object(name)
        );
        let what = format!("cannot start an upload to {}", self.locate(name));
        let response = self.send(&what, || {
            self.agent
                .post(&url)
                .header("Authorization", &self.auth())
                .header("X-Upload-Content-Type", "application/octet-stream")
                .content_type("application/json; charset=UTF-8")
                .send("{}")
        })?;
        if generation == 0 && response.status().as_u16() == 412 {
            return Err(super::Exists { place: self.locate(name) }.into());
        }
        let response = self.check(&what, response)?;
        let session = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .ok_or_else(|| anyhow!("{what}: the answer has no upload session"))?;
        // The backup's bytes go only to the server configured, never where an answer points.
        let origin = |u: &str| url::Url::parse(u).ok().map(|u| u.origin());
        if origin(&session).is_none() || origin(&session) != origin(&self.endpoint) {
            bail!(
                "{what}: the upload session is on another server than {}; refusing to send the backup there",
                self.endpoint
            );
        }
        Ok(Box::new(GcsUpload {
            session: std::sync::Arc::new(Session {
                agent: self.agent.clone(),
                uri: session,
                label: format!("uploading {}", self.locate(name)),
                place: self.locate(name),
            }),
            buffer: Vec::with_capacity(CHUNK + 256 * 1024),
            sent: 0,
            in_flight: None,
            done: false,
        }))
    }

    fn open_object(&self, name: &str) -> Result<Box<dyn Read + Send>> {
        self.open_range(name, 0, None, None)
    }

    /// `name`'s bytes from `offset` (`len` of them, or the rest), of `generation` if given.
    fn open_range(
        &self,
        name: &str,
        offset: u64,
        len: Option<u64>,
        generation: Option<u64>,
    ) -> Result<Box<dyn Read + Send>> {
        if len == Some(0) {
            return Ok(Box::new(io::empty()));
        }
        let mut url =
            format!("{}/storage/v1/b/{}/o/{}?alt=media", self.endpoint, self.bucket, self.object(name));
        if let Some(g) = generation {
            url.push_str(&format!("&generation={g}"));
        }
        let range = match len {
            Some(n) => Some(format!("bytes={offset}-{}", offset + n - 1)),
            None if offset > 0 => Some(format!("bytes={offset}-")),
            None => None,
        };
        let what = format!("reading {}", self.locate(name));
        let response = self.send(&what, || {
            let mut request = self.agent.get(&url).header("Authorization", &self.auth());
            if let Some(r) = &range {
                request = request.header("Range", r);
            }
            request.call()
        })?;
        if range.is_some() && response.status().as_u16() == 416 {
            return Ok(Box::new(io::empty()));
        }
        let response = self.check(&what, response)?;
        if range.is_some() && response.status().as_u16() != 206 {
            bail!("{what}: the server answered a range request with the whole object");
        }
        let body = Explained { what, inner: response.into_body().into_reader() };
        Ok(match len {
            Some(n) => Box::new(body.take(n)),
            None => Box::new(body),
        })
    }

    /// The size and generation of `name`.
    fn stat(&self, name: &str) -> Result<(u64, u64)> {
        let url = format!(
            "{}/storage/v1/b/{}/o/{}?fields=size,generation",
            self.endpoint,
            self.bucket,
            self.object(name)
        );
        let what = format!("reading {}", self.locate(name));
        let response =
            self.send(&what, || self.agent.get(&url).header("Authorization", &self.auth()).call())?;
        let body =
            self.check(&what, response)?.into_body().read_to_string().map_err(|e| stalled(&what, &e))?;
        let doc: serde_json::Value =
            serde_json::from_str(&body).map_err(|_| anyhow!("{what}: the answer is not JSON"))?;
        let number = |v: &serde_json::Value| v.as_str().and_then(|s| s.parse().ok()).or_else(|| v.as_u64());
        match (number(&doc["size"]), number(&doc["generation"])) {
            (Some(size), Some(generation)) => Ok((size, generation)),
            _ => bail!("{what}: the answer has no size and generation"),
        }
    }

    /// [`Storage::rewrite`]: GCS copies no part of an object into another, so the old bytes are
    /// read and sent again, stored only over the generation read.
    fn rewrite_object(&self, name: &str, size: u64, skip: u64, head: &[u8]) -> Result<super::Rewritten> {
        let (now, generation) = self.stat(name)?;
        if now != size {
            bail!(
                "{} is no longer {size} bytes: it changed meanwhile; nothing was rewritten",
                self.locate(name)
            );
        }
        let skip = skip.min(size);
        let mut old = self.open_range(name, skip, None, Some(generation))?;
        let mut up = self.start_upload(name, generation)?;
        up.write_all(head)?;
        let rest = io::copy(&mut old, &mut up).with_context(|| format!("copying {}", self.locate(name)))?;
        if rest != size - skip {
            up.abort();
            bail!("{} changed while it was copied; nothing was rewritten", self.locate(name));
        }
        up.commit()?;
        Ok(super::Rewritten { read: rest, sent: head.len() as u64 + rest, copied: 0, kept: None })
    }

    fn list_objects(&self) -> Result<Vec<String>> {
        self.listing(false)
    }

    /// One listing of the prefix's own level: its objects' names, or (`folders`) the names of
    /// the folders below it.
    fn listing(&self, folders: bool) -> Result<Vec<String>> {
        let mut names = Vec::new();
        let mut page: Option<String> = None;
        let what = format!("listing {}", self.describe());
        let (mut pages, mut seen) = (0, std::collections::HashSet::new());
        loop {
            pages += 1;
            let mut url = format!(
                "{}/storage/v1/b/{}/o?prefix={}&delimiter=%2F&fields=items(name),prefixes,nextPageToken",
                self.endpoint,
                self.bucket,
                utf8_percent_encode(&self.prefix, NAME)
            );
            if let Some(p) = &page {
                url.push_str(&format!("&pageToken={}", utf8_percent_encode(p, NAME)));
            }
            let response =
                self.send(&what, || self.agent.get(&url).header("Authorization", &self.auth()).call())?;
            let body =
                self.check(&what, response)?.into_body().read_to_string().map_err(|e| stalled(&what, &e))?;
            let doc: serde_json::Value =
                serde_json::from_str(&body).map_err(|_| anyhow!("{what}: the answer is not JSON"))?;
            if folders {
                for p in doc["prefixes"].as_array().into_iter().flatten() {
                    if let Some(rest) = p
                        .as_str()
                        .and_then(|n| n.strip_prefix(&self.prefix))
                        .and_then(|n| n.strip_suffix('/'))
                        && !rest.is_empty()
                        && !rest.contains('/')
                    {
                        names.push(rest.to_string());
                    }
                }
            }
            for item in doc["items"].as_array().into_iter().flatten().filter(|_| !folders) {
                if let Some(rest) = item["name"].as_str().and_then(|n| n.strip_prefix(&self.prefix))
                    && !rest.is_empty()
                    && !rest.contains('/')
                {
                    names.push(rest.to_string());
                }
            }
            match doc["nextPageToken"].as_str() {
                Some(t) if !t.is_empty() => {
                    super::listing_bounded(&what, pages, names.len(), Some(t), &mut seen)?;
                    page = Some(t.to_string())
                }
                _ => break,
            }
        }
        names.sort();
        Ok(names)
    }

    fn object_exists(&self, name: &str) -> Result<bool> {
        let url =
            format!("{}/storage/v1/b/{}/o/{}?fields=name", self.endpoint, self.bucket, self.object(name));
        let what = format!("checking {}", self.locate(name));
        let response =
            self.send(&what, || self.agent.get(&url).header("Authorization", &self.auth()).call())?;
        if response.status().as_u16() == 404 {
            return Ok(false);
        }
        self.check(&what, response).map(|_| true)
    }

    fn delete_object(&self, name: &str) -> Result<()> {
        let url = format!("{}/storage/v1/b/{}/o/{}", self.endpoint, self.bucket, self.object(name));
        let what = format!("removing {}", self.locate(name));
        let response =
            self.send(&what, || self.agent.delete(&url).header("Authorization", &self.auth()).call())?;
        if response.status().as_u16() == 404 {
            return Ok(());
        }
        self.check(&what, response).map(drop)
    }
}

impl Storage for GcsStorage {
    fn put(&self, name: &str) -> Result<Box<dyn Upload>> {
        let (me, name) = (self.clone(), name.to_string());
        crate::sys::interruptible(move || me.start_upload(&name, 0))?
    }

    fn get(&self, name: &str) -> Result<Box<dyn Read + Send>> {
        let (me, name) = (self.clone(), name.to_string());
        crate::sys::interruptible(move || me.open_object(&name))?
    }

    fn get_range(&self, name: &str, offset: u64, len: Option<u64>) -> Result<Box<dyn Read + Send>> {
        let (me, name) = (self.clone(), name.to_string());
        crate::sys::interruptible(move || me.open_range(&name, offset, len, None))?
    }

    fn rewrite(&self, name: &str, size: u64, skip: u64, head: &[u8]) -> Result<super::Rewritten> {
        let (me, name, head) = (self.clone(), name.to_string(), head.to_vec());
        crate::sys::interruptible(move || me.rewrite_object(&name, size, skip, &head))?
    }

    fn list(&self) -> Result<Vec<String>> {
        let me = self.clone();
        crate::sys::interruptible(move || me.list_objects())?
    }

    fn delete(&self, name: &str) -> Result<()> {
        let (me, name) = (self.clone(), name.to_string());
        crate::sys::interruptible(move || me.delete_object(&name))?
    }

    fn folders(&self) -> Result<Vec<String>> {
        let me = self.clone();
        crate::sys::interruptible(move || me.listing(true))?
    }

    fn exists(&self, name: &str) -> Result<bool> {
        let (me, name) = (self.clone(), name.to_string());
        crate::sys::interruptible(move || me.object_exists(&name))?
    }

    fn describe(&self) -> String {
        format!("gs://{}/{}", self.bucket, self.prefix)
    }

    /// Unfinished resumable uploads are not listed by the JSON API; Google discards them after
    /// a week, and nothing of them is visible before.
    fn leftovers(&self, _ours: &dyn Fn(&str) -> bool) -> Result<Vec<Leftover>> {
        Ok(Vec::new())
    }

    fn remove_leftover(&self, _leftover: &Leftover) -> Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sessions_status_is_read_strictly() {
        assert_eq!(held(308, None), Some(Held::Bytes(0)));
        assert_eq!(held(308, Some("bytes=0-262143")), Some(Held::Bytes(262144)));
        assert_eq!(held(200, None), Some(Held::Complete));
        assert_eq!(held(308, Some("bytes=5-9")), None);
        assert_eq!(held(308, Some("bytes=0-x")), None);
        assert_eq!(held(308, Some("bytes=0-18446744073709551615")), None);
        assert_eq!(held(404, None), None);
    }

    #[test]
    fn object_names_are_escaped_for_urls() {
        let s = GcsStorage {
            agent: ureq::Agent::new_with_defaults(),
            endpoint: String::new(),
            bucket: "b".into(),
            prefix: "dbctl/".into(),
            token: String::new(),
        };
        assert_eq!(s.object("app-1.sql.gz"), "dbctl%2Fapp-1.sql.gz");
        assert_eq!(s.object("a b?c#d"), "dbctl%2Fa%20b%3Fc%23d");
        assert_eq!(s.locate("x"), "gs://b/dbctl/x");
    }

    #[test]
    fn a_key_that_is_not_a_pem_key_is_refused_without_its_text() {
        let key = KeyFile {
            kind: Some("service_account".into()),
            client_email: "a@b".into(),
            private_key: "not a key SECRET".into(),
            private_key_id: None,
            token_uri: None,
        };
        let e = format!("{:#}", assertion(&key, "aud", 0).unwrap_err());
        assert!(e.contains("not a PEM PKCS#8 key") && !e.contains("SECRET"), "{e}");
    }
}
