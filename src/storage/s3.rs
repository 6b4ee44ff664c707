//! S3 and S3-compatible storage (aws-sdk-s3 on rustls with ring).
//!
//! An upload is a multipart upload fed part by part as the stream arrives: one part uploads on the
//! runtime's worker thread while the next one fills, so memory holds two parts at most.
//! Parts start at 8 MiB and double every tenth of the part limit, so that 10,000 parts hold more
//! than 5 TiB while a backup of a few GiB never buffers more than 8 MiB. The upload is completed
//! only on `commit`, after the producer succeeded; dropped or aborted, it is aborted in S3.

use std::io::{self, Read, Write};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use aws_sdk_s3::Client;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};

use super::{Leftover, Storage, Upload};

/// `[backup.s3]`: where and how backups are stored in S3.
#[derive(Debug, Clone)]
pub struct S3Settings {
    pub bucket: String,
    pub max_parts: u32,
    pub sse: Option<crate::values::ServerSideEncryption>,
    pub storage_class: Option<String>,
    pub prefix: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub access_key: Option<String>,
    pub secret_key: Option<String>,
    /// How long a request may wait for a byte (`backup.stall_timeout`).
    pub stall_timeout: Duration,
    /// `backup.s3.object_lock` and its period: every object created locked.
    pub object_lock: Option<super::ObjectLock>,
}

/// The first part size; S3's minimum is 5 MiB.
const FIRST_PART: usize = 8 * 1024 * 1024;
/// S3's limit on parts per upload.
pub const DEFAULT_MAX_PARTS: u32 = 10_000;

/// The size of part `n` (1-based): 8 MiB, doubling every tenth of `max_parts`.
pub fn part_size(n: u32, max_parts: u32) -> usize {
    let stage = (n.saturating_sub(1) / (max_parts / 10).max(1)).min(10);
    FIRST_PART << stage
}

pub struct S3Storage {
    lock: Option<super::ObjectLock>,
    sse: Option<String>,
    storage_class: Option<String>,
    client: Client,
    rt: Arc<tokio::runtime::Runtime>,
    bucket: String,
    prefix: String,
    max_parts: u32,
}

fn err_text(e: &impl std::error::Error) -> String {
    // The SDK's top-level message is terse; the source chain says what the server said.
    let mut text = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        text.push_str(&format!(": {s}"));
        src = s.source();
    }
    text
}

impl S3Storage {
    pub fn open(s: &S3Settings) -> Result<Self> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("starting the S3 client")?;
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
                aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https();
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest()).http_client(http);
        if let Some(region) = &s.region {
            loader = loader.region(aws_config::Region::new(region.clone()));
        }
        if let (Some(key), Some(secret)) = (&s.access_key, &s.secret_key) {
            loader = loader.credentials_provider(aws_credential_types::Credentials::new(
                key,
                secret,
                None,
                None,
                "BACKUP_S3",
            ));
        }
        let shared = rt.block_on(loader.load());
        let mut conf = aws_sdk_s3::config::Builder::from(&shared).timeout_config(
            aws_config::timeout::TimeoutConfig::builder()
                .connect_timeout(std::time::Duration::from_secs(10))
                .read_timeout(s.stall_timeout)
                .build(),
        );
        if shared.region().is_none() {
            conf = conf.region(aws_config::Region::new("us-east-1"));
        }
        if let Some(endpoint) = &s.endpoint_url {
            // S3-compatible servers (MinIO, moto, Ceph) expect path-style addressing.
            conf = conf.endpoint_url(endpoint).force_path_style(true);
        }
        let prefix = s.prefix.clone().unwrap_or_default();
        let prefix = if prefix.is_empty() || prefix.ends_with('/') { prefix } else { format!("{prefix}/") };
        Ok(Self {
            lock: s.object_lock,
            sse: s.sse.map(|e| e.as_str().to_string()),
            storage_class: s.storage_class.clone(),
            client: Client::from_conf(conf.build()),
            rt: Arc::new(rt),
            bucket: s.bucket.clone(),
            prefix,
            max_parts: s.max_parts.clamp(10, DEFAULT_MAX_PARTS),
        })
    }

    fn key(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// The bytes of `key` from `offset`, `len` of them or all of the rest; with `if_match`, only
    /// from the version of that ETag.
    fn range(&self, key: &str, offset: u64, len: Option<u64>, if_match: Option<&str>) -> Result<S3Reader> {
        let range = match len {
            Some(n) => format!("bytes={offset}-{}", offset + n.max(1) - 1),
            None => format!("bytes={offset}-"),
        };
        let request = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .range(range)
            .set_if_match(if_match.map(str::to_string));
        match interruptible(&self.rt, request.send())? {
            Ok(out) => Ok(S3Reader { rt: Arc::clone(&self.rt), body: out.body, chunk: bytes::Bytes::new() }),
            // Nothing from there on: an empty read.
            Err(e) if e.raw_response().is_some_and(|r| r.status().as_u16() == 416) => Ok(S3Reader {
                rt: Arc::clone(&self.rt),
                body: ByteStream::from_static(b""),
                chunk: bytes::Bytes::new(),
            }),
            Err(e) => bail!("reading s3://{}/{key}: {}", self.bucket, err_text(&e)),
        }
    }

    /// Every version of `key` (a bucket that keeps versions), newest first.
    fn versions(&self, key: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let (mut key_marker, mut version_marker) = (None, None);
        for _ in 0..super::MAX_LIST_PAGES {
            let page = interruptible(
                &self.rt,
                self.client
                    .list_object_versions()
                    .bucket(&self.bucket)
                    .prefix(key)
                    .set_key_marker(key_marker)
                    .set_version_id_marker(version_marker)
                    .send(),
            )?
            .map_err(|e| anyhow!("listing the versions of s3://{}/{key}: {}", self.bucket, err_text(&e)))?;
            let ids = page.versions().iter().filter(|v| v.key() == Some(key)).filter_map(|v| v.version_id());
            let markers =
                page.delete_markers().iter().filter(|v| v.key() == Some(key)).filter_map(|v| v.version_id());
            out.extend(ids.chain(markers).map(str::to_string));
            if page.is_truncated() != Some(true) {
                return Ok(out);
            }
            key_marker = page.next_key_marker().map(str::to_string);
            version_marker = page.next_version_id_marker().map(str::to_string);
        }
        bail!("listing the versions of s3://{}/{key}: more pages than dbctl follows", self.bucket)
    }

    /// Until when version `version` of `key` is locked, if it still is; None for a version not
    /// there (a delete marker, or already gone).
    fn locked_until(&self, key: &str, version: &str) -> Result<Option<String>> {
        let head = interruptible(
            &self.rt,
            self.client.head_object().bucket(&self.bucket).key(key).version_id(version).send(),
        )?;
        let head = match head {
            Ok(h) => h,
            Err(e) if e.raw_response().is_some_and(|r| matches!(r.status().as_u16(), 404 | 405)) => {
                return Ok(None);
            }
            Err(e) => bail!("reading s3://{}/{key}: {}", self.bucket, err_text(&e)),
        };
        Ok(head
            .object_lock_retain_until_date()
            .filter(|until| until.secs() > chrono::Utc::now().timestamp())
            .map(rfc3339))
    }

    /// [`Storage::rewrite`]: the head and the first part's worth of the old bytes go up as the
    /// first part; the rest is copied by S3 itself (UploadPartCopy), from the version read.
    fn rewrite_object(&self, name: &str, size: u64, skip: u64, head: &[u8]) -> Result<super::Rewritten> {
        let key = self.key(name);
        let at = format!("s3://{}/{key}", self.bucket);
        let old = interruptible(&self.rt, self.client.head_object().bucket(&self.bucket).key(&key).send())?
            .map_err(|e| anyhow!("reading {at}: {}", err_text(&e)))?;
        if old.content_length() != Some(size as i64) {
            bail!("{at} is no longer {size} bytes: it changed meanwhile; nothing was rewritten");
        }
        let etag = old.e_tag().map(str::to_string);
        let old_version = old.version_id().filter(|v| *v != "null").map(str::to_string);
        let locked = old
            .object_lock_retain_until_date()
            .filter(|until| until.secs() > chrono::Utc::now().timestamp())
            .map(rfc3339);
        let skip = skip.min(size);
        let rest = size - skip;
        // With the head, as much of the old bytes as fill a first part (S3's minimum is 5 MiB).
        let first = rest.min(FIRST_PART.saturating_sub(head.len()) as u64);
        let mut body = head.to_vec();
        self.range(&key, skip, Some(first), etag.as_deref())?
            .take(first)
            .read_to_end(&mut body)
            .with_context(|| format!("reading {at}"))?;
        if body.len() as u64 != head.len() as u64 + first {
            bail!("{at} ended early: it changed meanwhile; nothing was rewritten");
        }
        let mut done =
            super::Rewritten { read: first, sent: body.len() as u64, copied: rest - first, kept: None };
        let create = Create {
            sse: self.sse.clone(),
            storage_class: self.storage_class.clone(),
            lock: Create::lock_of(self.lock),
        };
        let new_version = if first == rest {
            let request = create.put_object(&self.client, &self.bucket, &key, body);
            interruptible(&self.rt, request.send())?
                .map_err(|e| anyhow!("storing {at} failed: {}", err_text(&e)))?
                .version_id
        } else {
            let id = start_multipart(&self.client, &self.rt, &self.bucket, &key, &create)?;
            let mut source =
                format!("{}/{}", self.bucket, percent_encoding::utf8_percent_encode(&key, COPY_SOURCE));
            if let Some(v) = &old_version {
                source.push_str(&format!(
                    "?versionId={}",
                    percent_encoding::utf8_percent_encode(v, COPY_SOURCE)
                ));
            }
            let upload = || -> Result<Option<String>> {
                let one = self
                    .client
                    .upload_part()
                    .bucket(&self.bucket)
                    .key(&key)
                    .upload_id(&id)
                    .part_number(1)
                    .body(ByteStream::from(body.clone()));
                let one = interruptible(&self.rt, one.send())?
                    .map_err(|e| anyhow!("uploading the first part of {at}: {}", err_text(&e)))?;
                let mut parts = vec![CompletedPart::builder().part_number(1).set_e_tag(one.e_tag).build()];
                let mut from = skip + first;
                while from < size {
                    let to = (from + COPY_PART).min(size);
                    let number = parts.len() as i32 + 1;
                    let copy = self
                        .client
                        .upload_part_copy()
                        .bucket(&self.bucket)
                        .key(&key)
                        .upload_id(&id)
                        .part_number(number)
                        .copy_source(&source)
                        .copy_source_range(format!("bytes={from}-{}", to - 1))
                        .set_copy_source_if_match(etag.clone());
                    let copied = interruptible(&self.rt, copy.send())?
                        .map_err(|e| anyhow!("copying bytes {from}-{to} of {at} in S3: {}", err_text(&e)))?;
                    let tag = copied.copy_part_result().and_then(|r| r.e_tag()).map(str::to_string);
                    parts.push(CompletedPart::builder().part_number(number).set_e_tag(tag).build());
                    from = to;
                }
                let complete = self
                    .client
                    .complete_multipart_upload()
                    .bucket(&self.bucket)
                    .key(&key)
                    .upload_id(&id)
                    .multipart_upload(CompletedMultipartUpload::builder().set_parts(Some(parts)).build());
                Ok(interruptible(&self.rt, complete.send())?
                    .map_err(|e| anyhow!("completing the new {at}: {}", err_text(&e)))?
                    .version_id)
            };
            match upload() {
                Ok(v) => v,
                Err(e) => {
                    let abort =
                        self.client.abort_multipart_upload().bucket(&self.bucket).key(&key).upload_id(&id);
                    let _ = self.rt.block_on(abort.send());
                    return Err(e.context("nothing was rewritten"));
                }
            }
        };
        // A bucket that keeps versions still has the old bytes: removed when allowed.
        if let Some(old) = old_version.filter(|o| Some(o) != new_version.as_ref()) {
            done.kept = match locked {
                Some(until) => {
                    Some(format!("its previous version is locked until {until} and stays until then"))
                }
                None => {
                    let delete = self.client.delete_object().bucket(&self.bucket).key(&key).version_id(&old);
                    match interruptible(&self.rt, delete.send())? {
                        Ok(_) => None,
                        Err(e) => Some(format!("its previous version stays ({})", err_text(&e))),
                    }
                }
            };
        }
        Ok(done)
    }

    /// One listing of the prefix's own level (a delimiter keeps deeper keys, such as the WAL
    /// under `wal/`, out): its objects' names, or (`folders`) the folders below it.
    fn level(&self, folders: bool) -> Result<Vec<String>> {
        let mut names = Vec::new();
        let mut token = None;
        let what = format!("listing s3://{}/{}", self.bucket, self.prefix);
        let (mut pages, mut seen) = (0, std::collections::HashSet::new());
        loop {
            pages += 1;
            let page = interruptible(
                &self.rt,
                self.client
                    .list_objects_v2()
                    .bucket(&self.bucket)
                    .prefix(&self.prefix)
                    .delimiter("/")
                    .set_continuation_token(token)
                    .send(),
            )?
            .map_err(|e| anyhow!("listing s3://{}/{}: {}", self.bucket, self.prefix, err_text(&e)))?;
            let found: Vec<&str> = if folders {
                page.common_prefixes().iter().filter_map(|p| p.prefix()?.strip_suffix('/')).collect()
            } else {
                page.contents().iter().filter_map(|o| o.key()).collect()
            };
            for k in found {
                if let Some(name) = k.strip_prefix(&self.prefix)
                    && !name.is_empty()
                    && !name.contains('/')
                {
                    names.push(name.to_string());
                }
            }
            match page.next_continuation_token() {
                Some(t) => {
                    super::listing_bounded(&what, pages, names.len(), Some(t), &mut seen)?;
                    token = Some(t.to_string())
                }
                None => break,
            }
        }
        names.sort();
        Ok(names)
    }
}

struct S3Upload {
    client: Client,
    rt: Arc<tokio::runtime::Runtime>,
    bucket: String,
    key: String,
    /// None until the multipart upload starts: with Object Lock it starts only once a first
    /// part is full, and an object smaller than that is stored by one PutObject at commit.
    upload_id: Option<String>,
    /// How every request that creates the object asks for it.
    create: Create,
    buffer: Vec<u8>,
    parts: Vec<CompletedPart>,
    /// The part being uploaded while the next one fills.
    in_flight: Option<tokio::task::JoinHandle<Result<CompletedPart, String>>>,
    next_number: u32,
    max_parts: u32,
    done: bool,
}

/// What a created object carries: server-side encryption, storage class, Object Lock.
#[derive(Clone)]
struct Create {
    sse: Option<String>,
    storage_class: Option<String>,
    /// The lock's mode and retain-until date, fixed when the upload began.
    lock: Option<(aws_sdk_s3::types::ObjectLockMode, aws_sdk_s3::primitives::DateTime)>,
}

impl Create {
    fn sse(&self) -> Option<aws_sdk_s3::types::ServerSideEncryption> {
        self.sse.as_deref().map(aws_sdk_s3::types::ServerSideEncryption::from)
    }

    fn storage_class(&self) -> Option<aws_sdk_s3::types::StorageClass> {
        self.storage_class.as_deref().map(aws_sdk_s3::types::StorageClass::from)
    }

    fn lock_mode(&self) -> Option<aws_sdk_s3::types::ObjectLockMode> {
        self.lock.as_ref().map(|(mode, _)| mode.clone())
    }

    fn lock_until(&self) -> Option<aws_sdk_s3::primitives::DateTime> {
        self.lock.as_ref().map(|(_, until)| *until)
    }

    /// A PutObject of `body` as `key`, created as this says.
    fn put_object(
        &self,
        client: &Client,
        bucket: &str,
        key: &str,
        body: Vec<u8>,
    ) -> aws_sdk_s3::operation::put_object::builders::PutObjectFluentBuilder {
        client
            .put_object()
            .bucket(bucket)
            .key(key)
            .body(ByteStream::from(body))
            .set_server_side_encryption(self.sse())
            .set_storage_class(self.storage_class())
            .set_object_lock_mode(self.lock_mode())
            .set_object_lock_retain_until_date(self.lock_until())
    }

    fn lock_of(
        lock: Option<super::ObjectLock>,
    ) -> Option<(aws_sdk_s3::types::ObjectLockMode, aws_sdk_s3::primitives::DateTime)> {
        lock.map(|l| {
            let mode = match l.mode {
                crate::values::ObjectLockMode::Governance => aws_sdk_s3::types::ObjectLockMode::Governance,
                crate::values::ObjectLockMode::Compliance => aws_sdk_s3::types::ObjectLockMode::Compliance,
            };
            let until =
                chrono::Utc::now() + chrono::Duration::from_std(l.period).unwrap_or(chrono::Duration::MAX);
            (mode, aws_sdk_s3::primitives::DateTime::from_secs(until.timestamp()))
        })
    }
}

/// Starts the multipart upload of `key`.
fn start_multipart(
    client: &Client,
    rt: &tokio::runtime::Runtime,
    bucket: &str,
    key: &str,
    c: &Create,
) -> Result<String> {
    let request = client
        .create_multipart_upload()
        .bucket(bucket)
        .key(key)
        .set_server_side_encryption(c.sse())
        .set_storage_class(c.storage_class())
        .set_object_lock_mode(c.lock_mode())
        .set_object_lock_retain_until_date(c.lock_until());
    let created = interruptible(rt, request.send())?.map_err(|e| {
        anyhow!(
            "cannot start an upload to s3://{bucket}/{key}: {}; check BACKUP_S3_BUCKET, the endpoint and the credentials",
            err_text(&e)
        )
    })?;
    created.upload_id.ok_or_else(|| anyhow!("S3 returned no upload id"))
}

impl S3Upload {
    fn next_part_size(&self) -> usize {
        part_size(self.next_number, self.max_parts)
    }

    /// Waits for the part in flight, if any.
    fn wait_in_flight(&mut self) -> io::Result<()> {
        if let Some(handle) = self.in_flight.take() {
            let part = self
                .rt
                .block_on(handle)
                .map_err(|e| io::Error::other(format!("the S3 upload task failed: {e}")))?
                .map_err(io::Error::other)?;
            self.parts.push(part);
        }
        Ok(())
    }

    /// Starts uploading the filled buffer as the next part (after the previous one finished).
    fn send_part(&mut self) -> io::Result<()> {
        self.wait_in_flight()?;
        if self.upload_id.is_none() {
            let id = start_multipart(&self.client, &self.rt, &self.bucket, &self.key, &self.create)
                .map_err(|e| io::Error::other(format!("{e:#}")))?;
            self.upload_id = Some(id);
        }
        let upload_id = self.upload_id.clone().expect("started");
        let number = self.next_number;
        if number > self.max_parts {
            return Err(io::Error::other(format!("the backup needs more than {} parts", self.max_parts)));
        }
        let body = std::mem::take(&mut self.buffer);
        let request = self
            .client
            .upload_part()
            .bucket(&self.bucket)
            .key(&self.key)
            .upload_id(upload_id)
            .part_number(number as i32)
            .body(ByteStream::from(body));
        self.in_flight = Some(self.rt.spawn(async move {
            let out = request
                .send()
                .await
                .map_err(|e| format!("uploading part {number} to S3 failed: {}", err_text(&e)))?;
            Ok(CompletedPart::builder().part_number(number as i32).set_e_tag(out.e_tag).build())
        }));
        self.next_number += 1;
        self.buffer = Vec::with_capacity(self.next_part_size());
        Ok(())
    }

    fn abort_now(&mut self) {
        if !self.done {
            self.done = true;
            if let Some(handle) = self.in_flight.take() {
                let _ = self.rt.block_on(handle);
            }
            if let Some(id) = &self.upload_id {
                let _ = self.rt.block_on(
                    self.client
                        .abort_multipart_upload()
                        .bucket(&self.bucket)
                        .key(&self.key)
                        .upload_id(id)
                        .send(),
                );
            }
        }
    }

    /// An object that never filled a part, stored by one PutObject (with its lock).
    fn put_whole(&mut self) -> Result<()> {
        let body = std::mem::take(&mut self.buffer);
        let request = self.create.put_object(&self.client, &self.bucket, &self.key, body).if_none_match("*");
        let done = interruptible(&self.rt, request.send())?;
        self.done = true;
        done.map(drop).map_err(|e| self.refused(&e, "storing"))
    }

    /// The error of a request that created the object: [`super::Exists`] when S3 refused it
    /// because the name is taken (412, from `If-None-Match: *`).
    fn refused<E: std::error::Error + 'static>(
        &self,
        e: &aws_sdk_s3::error::SdkError<E, aws_sdk_s3::config::http::HttpResponse>,
        what: &str,
    ) -> anyhow::Error {
        let place = format!("s3://{}/{}", self.bucket, self.key);
        if e.raw_response().is_some_and(|r| r.status().as_u16() == 412) {
            return super::Exists { place }.into();
        }
        anyhow!("{what} {place} failed: {}", err_text(e))
    }
}

impl Write for S3Upload {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let room = self.next_part_size() - self.buffer.len();
        let n = room.min(buf.len());
        self.buffer.extend_from_slice(&buf[..n]);
        if self.buffer.len() == self.next_part_size() {
            self.send_part()?;
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Upload for S3Upload {
    fn commit(mut self: Box<Self>) -> Result<()> {
        if self.upload_id.is_none() {
            return self.put_whole();
        }
        if !self.buffer.is_empty() || self.next_number == 1 {
            self.send_part()?;
        }
        if let Err(e) = self.wait_in_flight() {
            self.abort_now();
            return Err(e.into());
        }
        let parts = std::mem::take(&mut self.parts);
        let done = self.rt.block_on(
            self.client
                .complete_multipart_upload()
                .bucket(&self.bucket)
                .key(&self.key)
                .upload_id(self.upload_id.as_deref().unwrap_or_default())
                .multipart_upload(CompletedMultipartUpload::builder().set_parts(Some(parts)).build())
                // Never over an object of the same name, whoever made it meanwhile.
                .if_none_match("*")
                .send(),
        );
        match done {
            Ok(_) => {
                self.done = true;
                Ok(())
            }
            Err(e) => {
                self.abort_now();
                Err(self.refused(&e, "completing the upload of"))
            }
        }
    }

    fn abort(mut self: Box<Self>) {
        self.abort_now();
    }
}

impl Drop for S3Upload {
    fn drop(&mut self) {
        self.abort_now();
    }
}

/// How much of an object one UploadPartCopy copies (S3 allows 5 GiB).
const COPY_PART: u64 = 1 << 30;

/// What S3 wants percent-encoded in `x-amz-copy-source`: all but unreserved characters and `/`.
const COPY_SOURCE: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'/');

/// An S3 time as RFC 3339.
fn rfc3339(t: &aws_sdk_s3::primitives::DateTime) -> String {
    chrono::DateTime::from_timestamp(t.secs(), 0)
        .map_or_else(|| t.secs().to_string(), |t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// A sync reader over an S3 object's streamed body.
struct S3Reader {
    rt: Arc<tokio::runtime::Runtime>,
    body: ByteStream,
    chunk: bytes::Bytes,
}

impl Read for S3Reader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.chunk.is_empty() {
            match self.rt.block_on(self.body.try_next()).map_err(|e| io::Error::other(err_text(&e)))? {
                Some(c) => self.chunk = c,
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.chunk.len());
        buf[..n].copy_from_slice(&self.chunk.split_to(n));
        Ok(n)
    }
}

/// Runs `request` on the client's runtime, as `block_on` does, except that SIGINT and SIGTERM end
/// the wait within a tenth of a second, whatever the request is doing (a hung endpoint).
fn interruptible<T>(
    rt: &tokio::runtime::Runtime,
    request: impl std::future::Future<Output = T>,
) -> Result<T> {
    let signalled = async {
        loop {
            if let Some(sig) = crate::sys::signals::received() {
                return sig;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    };
    match rt.block_on(futures_util::future::select(Box::pin(request), Box::pin(signalled))) {
        futures_util::future::Either::Left((done, _)) => Ok(done),
        futures_util::future::Either::Right((sig, _)) => Err(crate::sys::signals::Interrupted(sig).into()),
    }
}

impl Storage for S3Storage {
    fn put(&self, name: &str) -> Result<Box<dyn Upload>> {
        let key = self.key(name);
        let exists =
            interruptible(&self.rt, self.client.head_object().bucket(&self.bucket).key(&key).send())?;
        if exists.is_ok() {
            return Err(super::Exists { place: format!("s3://{}/{key}", self.bucket) }.into());
        }
        let create = Create {
            sse: self.sse.clone(),
            storage_class: self.storage_class.clone(),
            lock: Create::lock_of(self.lock),
        };
        // Without a lock the upload starts now (a wrong bucket or credentials fail here); with
        // one, once a part is full, or as one PutObject at commit.
        let upload_id = match self.lock {
            None => Some(start_multipart(&self.client, &self.rt, &self.bucket, &key, &create)?),
            Some(_) => None,
        };
        Ok(Box::new(S3Upload {
            client: self.client.clone(),
            rt: Arc::clone(&self.rt),
            bucket: self.bucket.clone(),
            key,
            upload_id,
            create,
            buffer: Vec::with_capacity(FIRST_PART),
            parts: Vec::new(),
            in_flight: None,
            next_number: 1,
            max_parts: self.max_parts,
            done: false,
        }))
    }

    fn get(&self, name: &str) -> Result<Box<dyn Read + Send>> {
        let key = self.key(name);
        let out = interruptible(&self.rt, self.client.get_object().bucket(&self.bucket).key(&key).send())?
            .map_err(|e| anyhow!("reading s3://{}/{key}: {}", self.bucket, err_text(&e)))?;
        Ok(Box::new(S3Reader { rt: Arc::clone(&self.rt), body: out.body, chunk: bytes::Bytes::new() }))
    }

    fn get_range(&self, name: &str, offset: u64, len: Option<u64>) -> Result<Box<dyn Read + Send>> {
        if len == Some(0) {
            return Ok(Box::new(io::empty()));
        }
        Ok(Box::new(self.range(&self.key(name), offset, len, None)?))
    }

    fn rewrite(&self, name: &str, size: u64, skip: u64, head: &[u8]) -> Result<super::Rewritten> {
        self.rewrite_object(name, size, skip, head)
    }

    fn list(&self) -> Result<Vec<String>> {
        self.level(false)
    }

    fn delete(&self, name: &str) -> Result<()> {
        let key = self.key(name);
        // With Object Lock the bucket keeps versions: every version of the object is removed (a
        // plain delete would only hide them behind a delete marker, and a rekey leaves the
        // previous one), and none while one is still locked.
        if self.lock.is_some() {
            let versions = self.versions(&key)?;
            let mut until = None;
            for v in &versions {
                if let Some(t) = self.locked_until(&key, v)? {
                    until = until.max(Some(t));
                }
            }
            if let Some(until) = until {
                return Err(super::Locked { name: name.to_string(), until }.into());
            }
            for v in &versions {
                let request = self.client.delete_object().bucket(&self.bucket).key(&key).version_id(v);
                interruptible(&self.rt, request.send())?
                    .map_err(|e| anyhow!("deleting s3://{}/{key}: {}", self.bucket, err_text(&e)))?;
            }
            return Ok(());
        }
        let request = self.client.delete_object().bucket(&self.bucket).key(&key);
        interruptible(&self.rt, request.send())?
            .map(|_| ())
            .map_err(|e| anyhow!("deleting s3://{}/{key}: {}", self.bucket, err_text(&e)))
    }

    fn immutability(&self) -> Option<Result<String>> {
        let lock = self.lock?;
        let check = || -> Result<String> {
            let config = interruptible(&self.rt, self.client.get_object_lock_configuration().bucket(&self.bucket).send())?
                .map_err(|e| anyhow!("s3://{} has no Object Lock configuration ({}): create the bucket with Object Lock enabled", self.bucket, err_text(&e)))?;
            let enabled = config
                .object_lock_configuration()
                .and_then(|c| c.object_lock_enabled())
                .is_some_and(|e| e.as_str() == "Enabled");
            if !enabled {
                bail!("s3://{} does not have Object Lock enabled: backups there can be deleted", self.bucket);
            }
            // A bucket with Object Lock enabled keeps versions, and S3 does not let that be
            // suspended: the lock configuration says both.
            Ok(format!(
                "s3://{} enforces Object Lock (and so keeps versions); each new backup object is locked ({}) for {}",
                self.bucket,
                lock.mode.as_str(),
                crate::text::std_duration(lock.period)
            ))
        };
        Some(check())
    }

    fn folders(&self) -> Result<Vec<String>> {
        self.level(true)
    }

    fn exists(&self, name: &str) -> Result<bool> {
        let key = self.key(name);
        match interruptible(&self.rt, self.client.head_object().bucket(&self.bucket).key(&key).send())? {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => Ok(false),
            Err(e) => Err(anyhow!("checking s3://{}/{key}: {}", self.bucket, err_text(&e))),
        }
    }

    fn describe(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.prefix)
    }

    fn leftovers(&self, ours: &dyn Fn(&str) -> bool) -> Result<Vec<Leftover>> {
        let mut out = Vec::new();
        let (mut key_marker, mut id_marker) = (None, None);
        loop {
            let page = self
                .rt
                .block_on(
                    self.client
                        .list_multipart_uploads()
                        .bucket(&self.bucket)
                        .prefix(&self.prefix)
                        .set_key_marker(key_marker)
                        .set_upload_id_marker(id_marker)
                        .send(),
                )
                .map_err(|e| {
                    anyhow!("listing the uploads in s3://{}/{}: {}", self.bucket, self.prefix, err_text(&e))
                })?;
            for u in page.uploads() {
                let (Some(key), Some(id)) = (u.key(), u.upload_id()) else { continue };
                let Some(name) = key.strip_prefix(&self.prefix).filter(|n| !n.contains('/')) else {
                    continue;
                };
                if !ours(name) {
                    continue;
                }
                let started = u.initiated().map_or(0, |t| t.secs());
                let now = chrono::Utc::now().timestamp();
                let age = std::time::Duration::from_secs(now.saturating_sub(started).max(0) as u64);
                out.push(Leftover {
                    name: name.to_string(),
                    kind: "unfinished upload",
                    age,
                    handle: id.to_string(),
                });
            }
            if page.is_truncated() != Some(true) {
                break;
            }
            key_marker = page.next_key_marker().map(str::to_string);
            id_marker = page.next_upload_id_marker().map(str::to_string);
        }
        Ok(out)
    }

    fn remove_leftover(&self, leftover: &Leftover) -> Result<()> {
        let key = self.key(&leftover.name);
        self.rt
            .block_on(
                self.client
                    .abort_multipart_upload()
                    .bucket(&self.bucket)
                    .key(&key)
                    .upload_id(&leftover.handle)
                    .send(),
            )
            .map(|_| ())
            .map_err(|e| anyhow!("aborting the upload of s3://{}/{key}: {}", self.bucket, err_text(&e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_grow_so_five_tebibytes_fit() {
        assert_eq!(part_size(1, 10_000), 8 << 20);
        assert_eq!(part_size(1000, 10_000), 8 << 20);
        assert_eq!(part_size(1001, 10_000), 16 << 20);
        let total: u128 = (1..=10_000).map(|n| part_size(n, 10_000) as u128).sum();
        assert!(total > 5u128 << 40, "{total}");
        // A provider with a lower limit still reaches far.
        let total: u128 = (1..=1_000).map(|n| part_size(n, 1_000) as u128).sum();
        assert!(total > 500u128 << 30, "{total}");
        assert!((1..=10_000).all(|n| part_size(n, 10_000) <= 5 << 30), "parts stay under S3's 5 GiB maximum");
    }
}
