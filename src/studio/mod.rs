//! studio-lite: a local web UI over the configured database.
//!
//! axum serves server-rendered pages; database work runs on blocking threads with sessions from a
//! small pool. Every request passes [`guard`]: the Host must be this server's (no DNS rebinding),
//! the access token must come with it (a cookie, set from the printed URL's `?token=`), and a POST
//! must come from this server's own pages (Origin or Sec-Fetch-Site). Browsing and the console use
//! read-only sessions; `--write` adds a writable pool used only by the row edit routes.

pub mod catalog;
mod console;
pub mod db;
mod edit;
mod export;
mod pages;
pub mod query;
mod web;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::db::DbTarget;
use db::{Session, SqlError};

/// What the server was started with.
#[derive(Debug, Clone)]
pub struct Config {
    pub target: DbTarget,
    pub addr: SocketAddr,
    pub write: bool,
    pub statement_timeout: Duration,
    pub row_cap: usize,
    pub page_size: usize,
    pub connect_timeout: Duration,
    /// What the header shows: the database without secrets.
    pub database_label: String,
    /// Keep the SQL console on for a role that may run programs or read files on the server.
    pub allow_superuser: bool,
    /// Further names this server answers to (with a non-loopback `addr`).
    pub allow_hosts: Vec<String>,
}

/// Sessions kept open between requests.
struct Pool {
    target: DbTarget,
    write: bool,
    connect_timeout: Duration,
    /// How long any statement may run.
    limit: Duration,
    idle: Mutex<Vec<Session>>,
}

impl Pool {
    fn take(&self) -> Result<Session> {
        if let Some(s) = self.idle.lock().expect("pool lock").pop() {
            return Ok(s);
        }
        Session::open(&self.target, self.write, self.connect_timeout, self.limit)
    }

    fn give(&self, mut s: Session) {
        if !s.reset(self.write, self.limit) || !s.usable() {
            return;
        }
        let mut idle = self.idle.lock().expect("pool lock");
        if idle.len() < 4 {
            idle.push(s);
        }
    }
}

pub struct App {
    config: Config,
    token: String,
    cookie: String,
    read: Pool,
    write: Option<Pool>,
    /// Host headers this server answers to.
    hosts: Vec<String>,
    /// Why the SQL console is off, when it is.
    console_off: Option<String>,
}

/// An error page with its status.
#[derive(Debug)]
pub enum WebError {
    /// A name or parameter the catalogue or the rules do not allow: nothing was run.
    BadRequest(String),
    NotFound(String),
    Unauthorized,
    Forbidden(String),
    /// The database refused (shown with the statement's message).
    Database(SqlError),
    Internal(anyhow::Error),
}

impl From<SqlError> for WebError {
    fn from(e: SqlError) -> Self {
        WebError::Database(e)
    }
}

impl From<anyhow::Error> for WebError {
    fn from(e: anyhow::Error) -> Self {
        WebError::Internal(e)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, text) = match self {
            WebError::BadRequest(m) => (StatusCode::BAD_REQUEST, "Bad request", m),
            WebError::NotFound(m) => (StatusCode::NOT_FOUND, "Not found", m),
            WebError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "Access token needed",
                "Open the URL that `dbctl studio-lite` printed: it carries the access token.".to_string(),
            ),
            WebError::Forbidden(m) => (StatusCode::FORBIDDEN, "Forbidden", m),
            WebError::Database(e) => (StatusCode::UNPROCESSABLE_ENTITY, "The database refused", e.message),
            WebError::Internal(e) => (StatusCode::INTERNAL_SERVER_ERROR, "Error", format!("{e:#}")),
        };
        (status, pages::error_page(title, &text)).into_response()
    }
}

impl App {
    /// Runs `f` with a read-only session on a blocking thread.
    async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&App, &mut Session) -> Result<T, WebError> + Send + 'static,
    ) -> Result<T, WebError> {
        let app = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut s = app.read.take()?;
            // Browsing stops after the statement timeout too (SQLite; PostgreSQL sets it per session).
            s.limit(Some(app.config.statement_timeout));
            let out = f(&app, &mut s);
            app.read.give(s);
            out
        })
        .await
        .map_err(|e| WebError::Internal(anyhow!("a request's worker failed: {e}")))?
    }

    /// Runs `f` with a writable session (only with `--write`).
    async fn write<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&App, &mut Session) -> Result<T, WebError> + Send + 'static,
    ) -> Result<T, WebError> {
        if self.write.is_none() {
            return Err(WebError::Forbidden(
                "studio-lite is read-only: restart it with --write to change rows".into(),
            ));
        }
        let app = self.clone();
        tokio::task::spawn_blocking(move || {
            let pool = app.write.as_ref().expect("checked above");
            let mut s = pool.take()?;
            let out = f(&app, &mut s);
            pool.give(s);
            out
        })
        .await
        .map_err(|e| WebError::Internal(anyhow!("a request's worker failed: {e}")))?
    }
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn cookie_token<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The security rules every request passes, then the headers every response carries.
async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let mut res = match check(&app, &req) {
        Ok(None) => next.run(req).await,
        Ok(Some(redirect)) => redirect,
        Err(e) => {
            // Read what was sent (up to a limit) so the connection stays usable for the next request.
            let _ = axum::body::to_bytes(req.into_body(), 1 << 20).await;
            e.into_response()
        }
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             form-action 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` with forms.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    res
}

/// `Ok(None)`: go on; `Ok(Some(r))`: answer with `r` (the token's first visit).
fn check(app: &App, req: &Request) -> Result<Option<Response>, WebError> {
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    if !app.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return Err(WebError::Forbidden(format!(
            "this server answers to {} only (Host was `{host}`)",
            app.hosts.first().map_or("", String::as_str)
        )));
    }
    let query_token = req.uri().query().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "token").map(|(_, v)| v.into_owned())
    });
    if let Some(given) = query_token {
        if !same(&given, &app.token) {
            return Err(WebError::Unauthorized);
        }
        // First visit: the token moves into a cookie and out of the address bar and history.
        let rest: Vec<(String, String)> =
            url::form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
                .filter(|(k, _)| k != "token")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        let mut to = req.uri().path().to_string();
        if !rest.is_empty() {
            to.push('?');
            to.push_str(&url::form_urlencoded::Serializer::new(String::new()).extend_pairs(rest).finish());
        }
        let mut res = Redirect::to(&to).into_response();
        let cookie = format!("{}={}; Path=/; HttpOnly; SameSite=Strict", app.cookie, app.token);
        res.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("ASCII cookie"));
        return Ok(Some(res));
    }
    if !cookie_token(headers, &app.cookie).is_some_and(|t| same(t, &app.token)) {
        return Err(WebError::Unauthorized);
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
        let site = headers.get("sec-fetch-site").and_then(|o| o.to_str().ok());
        // Sec-Fetch-Site is set by the browser alone; it decides when the Origin is absent or
        // opaque (`null`).
        let ok = match (origin.filter(|o| *o != "null"), site) {
            (Some(o), _) => o.eq_ignore_ascii_case(&format!("http://{host}")),
            (None, Some(s)) => s == "same-origin",
            (None, None) => false,
        };
        if !ok {
            return Err(WebError::Forbidden(format!(
                "a change must come from this server's own pages (Origin {})",
                origin.unwrap_or("missing")
            )));
        }
    }
    Ok(None)
}

/// Starts the server; returns when SIGINT or SIGTERM arrives. `ready` gets the URL with the
/// token once the socket listens.
/// What a PostgreSQL role may do on the database server beyond SQL, as a sentence, or None.
fn server_powers(s: &mut Session) -> Result<Option<String>> {
    if s.backend() != db::Backend::Pg {
        return Ok(None);
    }
    let rows = s
        .query(
            "SELECT current_user::text, r.rolsuper::text, \
             pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER')::text, \
             pg_has_role(current_user, 'pg_read_server_files', 'MEMBER')::text, \
             pg_has_role(current_user, 'pg_write_server_files', 'MEMBER')::text \
             FROM pg_roles r WHERE r.rolname = current_user",
            &[],
            1,
        )
        .map_err(|e| anyhow!("reading the role's rights: {e}"))?;
    let Some(row) = rows.rows.first() else { return Ok(None) };
    let yes = |i: usize| row[i].text().as_deref() == Some("true");
    let role = row[0].text().unwrap_or_default();
    let mut powers = Vec::new();
    if yes(1) {
        powers.push("is a superuser");
    } else {
        for (i, what) in [
            (2, "may run programs on the server (pg_execute_server_program)"),
            (3, "may read the server's files (pg_read_server_files)"),
            (4, "may write the server's files (pg_write_server_files)"),
        ] {
            if yes(i) {
                powers.push(what);
            }
        }
    }
    Ok((!powers.is_empty()).then(|| format!("the role `{role}` {}", powers.join(", "))))
}

/// Whether the printed URL names the listening address rather than this launch's name.
fn config_shows_address(addr: &SocketAddr) -> bool {
    !addr.ip().is_loopback() && !addr.ip().is_unspecified()
}

/// How long an export waits for a client that stopped reading: twice the statement timeout, at
/// least two seconds.
fn stall_limit(config: &Config) -> Duration {
    (config.statement_timeout * 2).max(Duration::from_secs(2))
}

/// Serves until SIGINT or SIGTERM; `ready` hears the URL, the address and why the console is
/// off, when it is.
pub fn serve(config: Config, ready: impl FnOnce(&str, SocketAddr, Option<&str>) -> Result<()>) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .enable_all()
        .build()
        .context("starting the web server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr).await.map_err(|e| {
            anyhow!("cannot listen on {}: {e}; pick another with --port (0 for any free one)", config.addr)
        })?;
        let addr = listener.local_addr()?;
        // Check the database before printing a URL that would only show errors.
        let probe = {
            let (target, timeout) = (config.target.clone(), config.connect_timeout);
            let limit = config.statement_timeout;
            tokio::task::spawn_blocking(move || Session::open(&target, false, timeout, limit)).await??
        };
        let mut probe = probe;
        let powers = server_powers(&mut probe)?;
        let console_off = powers.filter(|_| !config.allow_superuser).map(|who| {
            format!(
                "The SQL console is off: {who}. A read-only transaction does not stop such a role from \
                 running programs or reading files on the database server (COPY … TO PROGRAM, pg_read_file, \
                 lo_import). Connect studio-lite as a role without these rights, or start it with \
                 --allow-superuser."
            )
        });
        // A name of this launch's own, under .localhost (which browsers resolve to loopback):
        // cookies are not isolated by port, so a cookie for 127.0.0.1 would reach every service
        // there; one for this name reaches this server only.
        let name = format!("{}.localhost", crate::sys::random::hex(8).context("naming the server")?);
        let port = addr.port();
        let mut hosts = vec![format!("{name}:{port}")];
        if !addr.ip().is_loopback() && !addr.ip().is_unspecified() {
            hosts.push(match addr {
                SocketAddr::V6(a) => format!("[{}]:{port}", a.ip()),
                SocketAddr::V4(a) => format!("{}:{port}", a.ip()),
            });
        }
        hosts.extend(config.allow_hosts.iter().map(|h| format!("{}:{port}", h.to_ascii_lowercase())));
        hosts.dedup();
        // 128 random bits, as 32 hex digits.
        let token = crate::sys::random::hex(16).context("making the access token")?;
        let app = Arc::new(App {
            read: Pool {
                target: config.target.clone(),
                write: false,
                connect_timeout: config.connect_timeout,
                limit: config.statement_timeout,
                idle: Mutex::new(vec![probe]),
            },
            write: config.write.then(|| Pool {
                target: config.target.clone(),
                write: true,
                connect_timeout: config.connect_timeout,
                limit: config.statement_timeout,
                idle: Mutex::new(Vec::new()),
            }),
            cookie: format!("dbctl_studio_{}", addr.port()),
            token: token.clone(),
            hosts: hosts.clone(),
            console_off,
            config,
        });
        // The address itself when it is not loopback (another machine connects to it), else the name.
        let shown = hosts.get(1).filter(|_| config_shows_address(&addr)).unwrap_or(&hosts[0]).clone();
        ready(&format!("http://{shown}/?token={token}"), addr, app.console_off.as_deref())?;
        let router = web::router(app.clone())
            .layer(axum::middleware::from_fn_with_state(app.clone(), guard))
            .with_state(app);
        axum::serve(listener, router).with_graceful_shutdown(shutdown()).await.context("serving")?;
        Ok(())
    })
}

async fn shutdown() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (signal(SignalKind::terminate()), signal(SignalKind::interrupt()))
    else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => {},
        _ = int.recv() => {},
    }
}

/// A streamed response body fed from a blocking producer: `send` returns false once the client
/// went away; an `Err` from the producer cuts the stream, so the client sees an incomplete
/// transfer rather than a short file that looks whole.
fn streamed(
    content_type: &'static str,
    filename: &str,
    stall: Duration,
    produce: impl FnOnce(&mut dyn FnMut(Vec<u8>) -> bool) -> Result<(), String> + Send + 'static,
) -> Response {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(8);
    tokio::task::spawn_blocking(move || {
        // A client that stops reading for `stall` is given up on: the producer stops and its
        // transaction (and the locks it holds) ends, rather than waiting for ever.
        let mut send = |chunk: Vec<u8>| {
            let (mut item, since) = (Ok(chunk), std::time::Instant::now());
            loop {
                match tx.try_send(item) {
                    Ok(()) => return true,
                    Err(tokio::sync::mpsc::error::TrySendError::Closed(_)) => return false,
                    Err(tokio::sync::mpsc::error::TrySendError::Full(back)) if since.elapsed() < stall => {
                        item = back;
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    Err(tokio::sync::mpsc::error::TrySendError::Full(_)) => return false,
                }
            }
        };
        if let Err(e) = produce(&mut send) {
            let _ = tx.blocking_send(Err(std::io::Error::other(e)));
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|c| (c, rx)) });
    let mut res = Response::new(Body::from_stream(stream));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let safe: String = filename
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '_' })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}
