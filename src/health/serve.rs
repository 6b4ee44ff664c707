//! `dbctl health --serve ADDR`: `/healthz` (dbctl runs, its configuration loaded), `/readyz` (the
//! database and Redis answer), `/metrics` (the Prometheus document of `health --format
//! prometheus`) and `/health` (the JSON report of `health --json`). The checks run at most once per interval, however often the endpoints are hit:
//! a request that finds the result older waits for one run, which every request during it shares.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{Report, Status, render};
use crate::output::Output;

struct Shared {
    cfg: super::Config,
    every: Duration,
    last: tokio::sync::Mutex<Option<(Instant, Arc<Report>)>>,
    out: Output,
    /// Whether any Host may be answered (a non-loopback address was asked for).
    open: bool,
    /// Names answered besides IP addresses and localhost (`--allow-host`, health.allow_hosts).
    allow_hosts: Vec<String>,
}

/// The checks' latest result, run again when older than the interval.
async fn report(s: &Arc<Shared>) -> Arc<Report> {
    let mut last = s.last.lock().await;
    if let Some((at, r)) = last.as_ref()
        && at.elapsed() < s.every
    {
        return Arc::clone(r);
    }
    let shared = Arc::clone(s);
    let fresh = tokio::task::spawn_blocking(move || {
        shared.out.verbose("health: running the checks");
        super::run_checks(&shared.cfg, &shared.out)
    })
    .await
    .unwrap_or_default();
    let fresh = Arc::new(fresh);
    *last = Some((Instant::now(), Arc::clone(&fresh)));
    fresh
}

/// Only an IP address or `localhost` as Host: a page whose own name was made to point here (DNS
/// rebinding) gets nothing.
fn host_ok(s: &Shared, req: &Request) -> bool {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    s.open
        || name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok()
        || s.allow_hosts.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// Every endpoint's gate: a request naming this server by another name is refused.
async fn guard(State(s): State<Arc<Shared>>, req: Request, next: axum::middleware::Next) -> Response {
    if !host_ok(&s, &req) {
        return (
            StatusCode::FORBIDDEN,
            "this endpoint answers to an IP address, localhost, or a name given with --allow-host \
             (health.allow_hosts)\n",
        )
            .into_response();
    }
    next.run(req).await
}

async fn healthz() -> Response {
    let body = serde_json::json!({ "status": "ok", "dbctl_version": env!("CARGO_PKG_VERSION") });
    ([(header::CONTENT_TYPE, "application/json")], format!("{body}\n")).into_response()
}

async fn readyz(State(s): State<Arc<Shared>>) -> Response {
    let r = report(&s).await;
    let answering: Vec<&super::Check> =
        r.checks.iter().filter(|c| c.name == "connection" && c.server.is_none()).collect();
    // Another engine (mongodb://) has no connection of dbctl's to wait for.
    let other_engine = matches!(s.cfg.backup.target, crate::db::DbTarget::Command { .. });
    let ready = (other_engine || !answering.is_empty()) && answering.iter().all(|c| c.status == Status::Ok);
    let body = serde_json::json!({
        "ready": ready,
        "checks": answering.iter().map(|c| serde_json::json!({
            "check": c.id(), "status": c.status, "message": c.message,
        })).collect::<Vec<_>>(),
    });
    let code = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, [(header::CONTENT_TYPE, "application/json")], format!("{body}\n")).into_response()
}

async fn metrics(State(s): State<Arc<Shared>>) -> Response {
    let r = report(&s).await;
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], render::prometheus(&r)).into_response()
}

/// The whole report, as `health --json` prints it: 503 when a check is critical, else 200, for
/// uptime monitors that look at the status code and people who look at the text.
async fn health(State(s): State<Arc<Shared>>) -> Response {
    let r = report(&s).await;
    let code = if r.status() == Status::Critical { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK };
    (code, [(header::CONTENT_TYPE, "application/json")], render::json(&r)).into_response()
}

/// Any other path: 404, with the endpoints there are.
async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        "no such endpoint; this server answers GET /healthz (dbctl runs), /readyz (the database answers), \
         /metrics (Prometheus) and /health (the whole report as JSON)\n",
    )
        .into_response()
}

/// Parses `ADDR`: `HOST:PORT`, or `:PORT` / `PORT` for loopback.
pub fn parse_addr(text: &str) -> Result<SocketAddr> {
    let t = text.trim();
    let with_host = if t.starts_with(':') {
        format!("127.0.0.1{t}")
    } else if t.parse::<u16>().is_ok() {
        format!("127.0.0.1:{t}")
    } else {
        t.to_string()
    };
    with_host.parse().map_err(|_| {
        crate::error::ConfigError::new(format!("--serve {t}: give HOST:PORT (e.g. 127.0.0.1:9187) or :PORT"))
            .into()
    })
}

/// The checks' shared state, with a warning when the address is not loopback.
fn shared(at: &Endpoint, cfg: &super::Config, out: &Output) -> Arc<Shared> {
    let (addr, every) = (at.addr, at.every);
    let open = !addr.ip().is_loopback();
    if open {
        out.warn(&format!(
            "serving health on {addr}, which is not loopback: whoever reaches this host sees the checks' details"
        ));
    }
    Arc::new(Shared {
        cfg: cfg.clone(),
        every,
        last: tokio::sync::Mutex::new(None),
        out: out.quieted(),
        open,
        allow_hosts: cfg
            .thresholds
            .allow_hosts
            .iter()
            .chain(&at.allow_hosts)
            .map(|h| h.to_ascii_lowercase())
            .collect(),
    })
}

fn app(shared: Arc<Shared>) -> axum::Router {
    axum::Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/health", get(health))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&shared), guard))
        .with_state(shared)
}

/// How long a client may take to send a request's headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one connection may stay open, keep-alive included.
const CONNECTION_LIFETIME: Duration = Duration::from_secs(60);
/// Connections served at once; more are closed at once, so that a flood of half-sent requests
/// holds at most this many descriptors and tasks.
const MAX_CONNECTIONS: usize = 256;

/// Serves `app` on `listener` until `stop`: HTTP/1, each connection with a header-read timeout and
/// a lifetime, at most [`MAX_CONNECTIONS`] at once (a probe from the orchestrator still gets in
/// once a slow client's headers time out).
async fn accept(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    stop: impl std::future::Future<Output = ()>,
) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(stop);
    loop {
        let (stream, _) = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of descriptors, say: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_LIFETIME, connection).await;
            drop(slot);
        });
    }
}

/// Raises the soft limit of open files to the hard one: the server holds a descriptor per client.
fn raise_open_files() {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit and setrlimit with a valid struct.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// Says where it listens, on stderr, also under --quiet: whoever started it needs the address.
fn announce(bound: SocketAddr, every: Duration, out: &Output) {
    let said = format!(
        "serving health on http://{bound}/ (/healthz, /readyz, /metrics, /health; checks at most every {})",
        crate::text::std_duration(every)
    );
    if out.settings.log_json {
        let fields =
            serde_json::json!({ "address": bound.to_string(), "cache_for_ms": every.as_millis() as u64 });
        out.record("info", "health.serving", &said, fields);
    } else {
        eprintln!("{said}");
    }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    raise_open_files();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .enable_all()
        .build()
        .context("starting the health server's runtime")
}

/// Where and how the endpoints are served: the address, how long a run of the checks is reused,
/// and the host names answered besides IP addresses and localhost.
pub struct Endpoint {
    pub addr: SocketAddr,
    pub every: Duration,
    pub allow_hosts: Vec<String>,
}

/// Serves until SIGINT or SIGTERM; says where on stderr.
pub fn serve(at: &Endpoint, cfg: &super::Config, out: &Output) -> Result<()> {
    let (addr, every) = (at.addr, at.every);
    let runtime = runtime()?;
    let shared = shared(at, cfg, out);
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| anyhow!("cannot listen on {addr}: {e}; pick another address with --serve"))?;
        announce(listener.local_addr()?, every, out);
        accept(listener, app(shared), async {
            let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending().await } } => {}
            }
        })
        .await;
        Ok(())
    })
}

/// Serves beside a long-running command (`schedule run --serve`) on a thread of its own, until
/// that command's SIGINT or SIGTERM ([`crate::sys::signals`], installed by the caller). The
/// address is taken before this returns, so a port in use fails the command at its start.
pub fn spawn(at: &Endpoint, cfg: &super::Config, out: &Output) -> Result<()> {
    let (addr, every) = (at.addr, at.every);
    let listener = std::net::TcpListener::bind(addr)
        .and_then(|l| l.set_nonblocking(true).map(|()| l))
        .map_err(|e| anyhow!("cannot listen on {addr}: {e}; pick another address with --serve"))?;
    announce(listener.local_addr()?, every, out);
    let runtime = runtime()?;
    let shared = shared(at, cfg, out);
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
            let stopped = async {
                while crate::sys::signals::received().is_none() {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            };
            accept(listener, app(shared), stopped).await;
        })
    });
    Ok(())
}
