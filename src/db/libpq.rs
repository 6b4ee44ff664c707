//! A small safe wrapper over libpq (the pq-sys bindings diesel links already), for what diesel
//! cannot do with tables named at run time: `COPY … FROM STDIN`, streamed. libpq parses the URL
//! itself, so every parameter and TLS setting works as it does for diesel's connections.

use std::ffi::{CStr, CString};
use std::io::Read;
use std::ptr::NonNull;

use anyhow::{Result, anyhow};
use pq_sys as pq;

/// An error reported by the server, with the fields dbctl shows.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", super::server_message(message, detail.as_deref(), hint.as_deref()))]
pub struct PqError {
    pub message: String,
    pub detail: Option<String>,
    pub hint: Option<String>,
    /// 1-based character position in the statement, when the server gives one.
    pub position: Option<usize>,
    /// PostgreSQL's CONTEXT, e.g. `COPY labels, line 4, column color: "#12"`.
    pub context: Option<String>,
    /// The SQLSTATE code (`55P03`), the same in every language the server speaks; none for an
    /// error of the client itself.
    pub sqlstate: Option<[u8; 5]>,
}

impl PqError {
    /// An error found by the client (no server message, no SQLSTATE).
    pub fn client(message: impl Into<String>) -> Self {
        PqError {
            message: message.into(),
            detail: None,
            hint: None,
            position: None,
            context: None,
            sqlstate: None,
        }
    }

    /// Whether the server reported this condition.
    pub fn is(&self, state: super::SqlState) -> bool {
        self.sqlstate.as_ref().map(|c| &c[..]) == Some(state.code().as_bytes())
    }

    /// The line number in COPY's context (`COPY t, line 4 …`), header line included.
    pub fn copy_line(&self) -> Option<usize> {
        let ctx = self.context.as_deref()?;
        let at = ctx.find(", line ")? + ", line ".len();
        ctx[at..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
    }
}

extern "C" fn ignore_notice(_: *mut std::os::raw::c_void, _: *const std::os::raw::c_char) {}

/// An open libpq connection.
pub struct PqConn {
    raw: NonNull<pq::PGconn>,
}

// The connection is used from one thread at a time; libpq connections may move between threads.
unsafe impl Send for PqConn {}

struct PqResult(NonNull<pq::PGresult>);

impl Drop for PqResult {
    fn drop(&mut self) {
        // SAFETY: the result came from libpq and is cleared exactly once.
        unsafe { pq::PQclear(self.0.as_ptr()) }
    }
}

fn opt_string(ptr: *const std::os::raw::c_char) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: libpq returns NUL-terminated strings that live as long as their result.
    let s = unsafe { CStr::from_ptr(ptr) }.to_string_lossy().trim().to_string();
    (!s.is_empty()).then_some(s)
}

impl PqResult {
    fn status(&self) -> pq::ExecStatusType {
        // SAFETY: a valid result.
        unsafe { pq::PQresultStatus(self.0.as_ptr()) }
    }

    fn field(&self, code: u8) -> Option<String> {
        // SAFETY: a valid result; the field code is one of libpq's.
        opt_string(unsafe { pq::PQresultErrorField(self.0.as_ptr(), code as i32) })
    }

    fn error(&self) -> PqError {
        let message = self
            .field(pq::PG_DIAG_MESSAGE_PRIMARY)
            // SAFETY: a valid result.
            .or_else(|| opt_string(unsafe { pq::PQresultErrorMessage(self.0.as_ptr()) }))
            .unwrap_or_else(|| "unknown error".into());
        PqError {
            message,
            detail: self.field(pq::PG_DIAG_MESSAGE_DETAIL),
            hint: self.field(pq::PG_DIAG_MESSAGE_HINT),
            position: self.field(pq::PG_DIAG_STATEMENT_POSITION).and_then(|p| p.parse().ok()),
            context: self.field(pq::PG_DIAG_CONTEXT),
            sqlstate: self.field(pq::PG_DIAG_SQLSTATE).and_then(|c| c.as_bytes().try_into().ok()),
        }
    }

    /// Rows affected by the command (INSERT, COPY, …).
    fn affected(&self) -> u64 {
        // SAFETY: a valid result; PQcmdTuples returns "" when not applicable.
        opt_string(unsafe { pq::PQcmdTuples(self.0.as_ptr()) }).and_then(|s| s.parse().ok()).unwrap_or(0)
    }

    fn column_names(&self) -> Vec<String> {
        // SAFETY: a valid result; indexes stay below PQnfields.
        unsafe {
            (0..pq::PQnfields(self.0.as_ptr()))
                .map(|i| {
                    let p = pq::PQfname(self.0.as_ptr(), i);
                    if p.is_null() { String::new() } else { CStr::from_ptr(p).to_string_lossy().into_owned() }
                })
                .collect()
        }
    }

    /// Every row's values as text, NULL as `None`.
    fn rows(&self) -> Vec<Vec<Option<String>>> {
        let r = self.0.as_ptr();
        // SAFETY: a valid result; indexes stay below PQntuples and PQnfields.
        unsafe {
            let (n, f) = (pq::PQntuples(r), pq::PQnfields(r));
            (0..n)
                .map(|i| {
                    (0..f)
                        .map(|j| {
                            if pq::PQgetisnull(r, i, j) == 1 {
                                return None;
                            }
                            let len = pq::PQgetlength(r, i, j) as usize;
                            let bytes = std::slice::from_raw_parts(pq::PQgetvalue(r, i, j) as *const u8, len);
                            Some(String::from_utf8_lossy(bytes).into_owned())
                        })
                        .collect()
                })
                .collect()
        }
    }

    fn first_value(&self) -> Option<String> {
        // SAFETY: a valid result; bounds are checked first.
        unsafe {
            if pq::PQntuples(self.0.as_ptr()) < 1 || pq::PQnfields(self.0.as_ptr()) < 1 {
                return None;
            }
            opt_string(pq::PQgetvalue(self.0.as_ptr(), 0, 0))
        }
    }
}

impl PqConn {
    /// Connects to a libpq URL (or conninfo string).
    pub fn connect(url: &str) -> Result<Self> {
        let c = CString::new(url).map_err(|_| anyhow!("the database URL contains a NUL byte"))?;
        // SAFETY: a valid C string; libpq returns a connection object (possibly failed) or null.
        let raw = NonNull::new(unsafe { pq::PQconnectdb(c.as_ptr()) })
            .ok_or_else(|| anyhow!("libpq could not allocate a connection"))?;
        let conn = Self { raw };
        // SAFETY: a valid connection object.
        if unsafe { pq::PQstatus(conn.raw.as_ptr()) } != pq::ConnStatusType::CONNECTION_OK {
            let msg = conn.last_error();
            return Err(anyhow!("{}", msg.split_whitespace().collect::<Vec<_>>().join(" ")));
        }
        // The server's NOTICEs (`table … does not exist, skipping`) are not printed on stderr,
        // as with diesel's connections: libpq's default processor would print them as they are.
        // SAFETY: a valid connection; the processor is a plain function that ignores its input.
        unsafe { pq::PQsetNoticeProcessor(conn.raw.as_ptr(), Some(ignore_notice), std::ptr::null_mut()) };
        Ok(conn)
    }

    /// The process id of the session's server backend (what `pg_locks` and `pg_stat_activity`
    /// know it by).
    pub fn backend_pid(&self) -> i32 {
        // SAFETY: a valid connection object.
        unsafe { pq::PQbackendPID(self.raw.as_ptr()) }
    }

    fn last_error(&self) -> String {
        // SAFETY: a valid connection object.
        opt_string(unsafe { pq::PQerrorMessage(self.raw.as_ptr()) }).unwrap_or_else(|| "unknown error".into())
    }

    fn result(&mut self, res: *mut pq::PGresult) -> Result<PqResult, PqError> {
        NonNull::new(res).map(PqResult).ok_or_else(|| PqError::client(self.last_error()))
    }

    fn c_sql(sql: &[u8]) -> Result<CString, PqError> {
        CString::new(sql).map_err(|_| PqError::client("the SQL contains a NUL byte"))
    }

    fn run(&mut self, sql: &[u8]) -> Result<PqResult, PqError> {
        let c = Self::c_sql(sql)?;
        // SAFETY: a valid connection and C string.
        let res = unsafe { pq::PQexec(self.raw.as_ptr(), c.as_ptr()) };
        self.result(res)
    }

    /// Sends one statement through the extended protocol (`PQexecParams`, no parameters): the
    /// server refuses a text that holds several, so whatever a caller's splitter concluded, at
    /// most one statement runs.
    fn run_one(&mut self, sql: &[u8]) -> Result<PqResult, PqError> {
        let c = Self::c_sql(sql)?;
        // SAFETY: a valid connection and C string; no parameters (null arrays, count 0).
        let res = unsafe {
            pq::PQexecParams(
                self.raw.as_ptr(),
                c.as_ptr(),
                0,
                std::ptr::null(),
                std::ptr::null(),
                std::ptr::null(),
                std::ptr::null(),
                0,
            )
        };
        self.result(res)
    }

    /// Runs exactly one statement (see [`Self::run_one`]); returns the rows it affected.
    pub fn exec_one(&mut self, sql: impl AsRef<[u8]>) -> Result<u64, PqError> {
        let res = self.run_one(sql.as_ref())?;
        match res.status() {
            pq::ExecStatusType::PGRES_COMMAND_OK
            | pq::ExecStatusType::PGRES_TUPLES_OK
            | pq::ExecStatusType::PGRES_EMPTY_QUERY => Ok(res.affected()),
            pq::ExecStatusType::PGRES_COPY_IN
            | pq::ExecStatusType::PGRES_COPY_OUT
            | pq::ExecStatusType::PGRES_COPY_BOTH => {
                // A COPY that was not expected: end it, and fail.
                // SAFETY: a valid connection in a COPY state; the message is a valid C string.
                unsafe { pq::PQputCopyEnd(self.raw.as_ptr(), c"a COPY dbctl did not expect".as_ptr()) };
                while let Some(r) = NonNull::new(unsafe { pq::PQgetResult(self.raw.as_ptr()) }) {
                    drop(PqResult(r));
                }
                Err(PqError::client("the statement started a COPY that is not COPY … FROM STDIN"))
            }
            _ => Err(res.error()),
        }
    }

    /// Whether the session is inside a transaction block that has not failed: what a loader
    /// running inside its own transaction must still find after every statement.
    pub fn in_open_transaction(&self) -> bool {
        // SAFETY: a valid connection.
        let status = unsafe { pq::PQtransactionStatus(self.raw.as_ptr()) };
        status == pq::PGTransactionStatusType::PQTRANS_INTRANS
    }

    /// Runs SQL text (one or several statements); returns the rows the last one affected.
    pub fn exec(&mut self, sql: impl AsRef<[u8]>) -> Result<u64, PqError> {
        let res = self.run(sql.as_ref())?;
        match res.status() {
            pq::ExecStatusType::PGRES_COMMAND_OK
            | pq::ExecStatusType::PGRES_TUPLES_OK
            | pq::ExecStatusType::PGRES_EMPTY_QUERY => Ok(res.affected()),
            _ => Err(res.error()),
        }
    }

    /// The first column of the first row of a query.
    pub fn scalar(&mut self, sql: &str) -> Result<Option<String>, PqError> {
        let res = self.run(sql.as_bytes())?;
        match res.status() {
            pq::ExecStatusType::PGRES_TUPLES_OK => Ok(res.first_value()),
            _ => Err(res.error()),
        }
    }

    /// Runs a `COPY … FROM STDIN` statement and streams `data` to it in 64 KiB chunks. Returns
    /// the rows copied.
    pub fn copy_in(&mut self, sql: impl AsRef<[u8]>, data: &mut dyn Read) -> Result<u64, PqError> {
        let res = self.run_one(sql.as_ref())?;
        if res.status() != pq::ExecStatusType::PGRES_COPY_IN {
            return Err(res.error());
        }
        drop(res);
        let mut buf = vec![0u8; 64 * 1024];
        let mut read_error = None;
        loop {
            let n = match data.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    read_error = Some(e.to_string());
                    break;
                }
            };
            // SAFETY: a valid connection; the buffer holds n initialised bytes.
            let ok = unsafe { pq::PQputCopyData(self.raw.as_ptr(), buf.as_ptr() as *const _, n as i32) };
            if ok != 1 {
                break;
            }
        }
        let abort = read_error.as_ref().map(|e| CString::new(e.replace('\0', "")).unwrap_or_default());
        // SAFETY: a valid connection; the message (if any) is a valid C string.
        unsafe {
            pq::PQputCopyEnd(self.raw.as_ptr(), abort.as_ref().map_or(std::ptr::null(), |m| m.as_ptr()))
        };
        let outcome = self.copy_result();
        match (read_error, outcome) {
            (Some(e), _) => Err(PqError::client(format!("reading the data failed: {e}"))),
            (None, o) => o,
        }
    }
}

impl PqConn {
    /// The outcome of a COPY once its data went: the results drained until libpq has no more;
    /// the rows copied, or the server's error.
    fn copy_result(&mut self) -> Result<u64, PqError> {
        let mut outcome: Result<u64, PqError> = Ok(0);
        loop {
            // SAFETY: a valid connection; results are drained until libpq returns null.
            let next = unsafe { pq::PQgetResult(self.raw.as_ptr()) };
            let Some(res) = NonNull::new(next).map(PqResult) else { break };
            outcome = match res.status() {
                pq::ExecStatusType::PGRES_COMMAND_OK => outcome.map(|_| res.affected()),
                _ => Err(res.error()),
            };
        }
        outcome
    }

    /// Runs `COPY … TO STDOUT` (one statement) and hands each row's bytes to `sink` as they come;
    /// returns the rows copied. A sink's error cancels the COPY and is returned.
    pub fn copy_out(
        &mut self,
        sql: &str,
        sink: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<u64, PqError> {
        let res = self.run_one(sql.as_bytes())?;
        if res.status() != pq::ExecStatusType::PGRES_COPY_OUT {
            return Err(res.error());
        }
        drop(res);
        let mut sink_error = None;
        loop {
            let mut buf: *mut std::os::raw::c_char = std::ptr::null_mut();
            // SAFETY: a valid connection in COPY OUT; libpq allocates the buffer (freed below).
            let n = unsafe { pq::PQgetCopyData(self.raw.as_ptr(), &mut buf, 0) };
            if n > 0 && !buf.is_null() {
                // SAFETY: libpq gave `n` bytes at `buf`.
                let row = unsafe { std::slice::from_raw_parts(buf as *const u8, n as usize) };
                if sink_error.is_none()
                    && let Err(e) = sink(row)
                {
                    sink_error = Some(e.to_string());
                    self.cancel();
                }
                // SAFETY: a buffer libpq allocated, freed once.
                unsafe { pq::PQfreemem(buf as *mut std::os::raw::c_void) };
                continue;
            }
            break;
        }
        let outcome = self.copy_result();
        match (sink_error, outcome) {
            (Some(e), _) => Err(PqError::client(format!("writing the copied rows failed: {e}"))),
            (None, o) => o,
        }
    }
}

/// Receives each row's column names and values (NULL as `None`); returns false to stop.
pub type RowSink<'a> = dyn FnMut(&[String], Vec<Option<String>>) -> bool + 'a;

/// What [`PqConn::query_each`] learnt: the columns, and whether it stopped before the end.
#[derive(Debug, Default)]
pub struct QueryEnd {
    pub columns: Vec<String>,
    /// The row callback asked to stop; the rest of the result was cancelled.
    pub stopped: bool,
    /// Rows a command changed (INSERT, UPDATE, DELETE).
    pub affected: u64,
}

impl PqConn {
    /// Runs one statement with text parameters (NULL as `None`; the server infers their types)
    /// and hands each row to `row` as it arrives (libpq's single-row mode), so memory stays flat.
    /// `row` returns false to stop: the query is cancelled and the rest discarded. Several
    /// statements in one text are refused by the server (extended protocol).
    pub fn query_each(
        &mut self,
        sql: &str,
        params: &[Option<String>],
        row: &mut RowSink,
    ) -> Result<QueryEnd, PqError> {
        let plain = |message: String| PqError::client(message);
        let c_sql = CString::new(sql).map_err(|_| plain("the SQL contains a NUL byte".into()))?;
        let c_params: Vec<Option<CString>> = params
            .iter()
            .map(|p| p.as_ref().map(|v| CString::new(v.as_str())).transpose())
            .collect::<Result<_, _>>()
            .map_err(|_| plain("a parameter contains a NUL byte".into()))?;
        let ptrs: Vec<*const std::os::raw::c_char> =
            c_params.iter().map(|p| p.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())).collect();
        let conn = self.raw.as_ptr();
        // SAFETY: a valid connection; the statement and parameters outlive the call; null types,
        // lengths and formats mean text parameters of inferred types, text results.
        let sent = unsafe {
            pq::PQsendQueryParams(
                conn,
                c_sql.as_ptr(),
                ptrs.len() as i32,
                std::ptr::null(),
                ptrs.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                0,
            )
        };
        if sent != 1 {
            return Err(plain(self.last_error()));
        }
        // SAFETY: a valid connection with a query just sent.
        unsafe { pq::PQsetSingleRowMode(conn) };
        let mut end = QueryEnd::default();
        let mut failure = None;
        loop {
            // SAFETY: results are drained until libpq returns null.
            let Some(res) = NonNull::new(unsafe { pq::PQgetResult(conn) }).map(PqResult) else { break };
            match res.status() {
                pq::ExecStatusType::PGRES_SINGLE_TUPLE | pq::ExecStatusType::PGRES_TUPLES_OK => {
                    if end.columns.is_empty() {
                        end.columns = res.column_names();
                    }
                    if end.stopped || failure.is_some() {
                        continue;
                    }
                    for values in res.rows() {
                        if !row(&end.columns, values) {
                            end.stopped = true;
                            self.cancel();
                            break;
                        }
                    }
                }
                pq::ExecStatusType::PGRES_COMMAND_OK => end.affected = res.affected(),
                pq::ExecStatusType::PGRES_EMPTY_QUERY => {}
                _ if end.stopped => {}
                _ => failure = failure.or(Some(res.error())),
            }
        }
        match failure {
            Some(e) => Err(e),
            None => Ok(end),
        }
    }

    /// Asks the server to cancel the running query.
    fn cancel(&mut self) {
        if let Some(c) = self.canceller() {
            c.cancel();
        }
    }

    /// A handle that cancels this connection's running query from any thread (a signal's).
    pub fn canceller(&self) -> Option<Canceller> {
        // SAFETY: a valid connection; libpq returns a cancel object or null.
        NonNull::new(unsafe { pq::PQgetCancel(self.raw.as_ptr()) }).map(Canceller)
    }

    /// Whether the connection is still usable (not lost or closed by the server).
    pub fn is_ok(&self) -> bool {
        // SAFETY: a valid connection object.
        unsafe { pq::PQstatus(self.raw.as_ptr()) == pq::ConnStatusType::CONNECTION_OK }
    }

    /// Whether the session is inside a transaction block (open or failed).
    pub fn in_transaction(&self) -> bool {
        // SAFETY: a valid connection.
        let status = unsafe { pq::PQtransactionStatus(self.raw.as_ptr()) };
        matches!(
            status,
            pq::PGTransactionStatusType::PQTRANS_INTRANS | pq::PGTransactionStatusType::PQTRANS_INERROR
        )
    }
}

/// Cancels a connection's running query; usable from another thread.
pub struct Canceller(NonNull<pq::PGcancel>);

// SAFETY: PQcancel is documented as safe to call from any thread (even a signal handler) on a
// cancel object that is not freed meanwhile; the object is freed only on drop.
unsafe impl Send for Canceller {}
unsafe impl Sync for Canceller {}

impl Canceller {
    pub fn cancel(&self) {
        let mut buf = [0 as std::os::raw::c_char; 256];
        // SAFETY: a live cancel object and a buffer of the size given.
        unsafe { pq::PQcancel(self.0.as_ptr(), buf.as_mut_ptr(), buf.len() as i32) };
    }
}

impl Drop for Canceller {
    fn drop(&mut self) {
        // SAFETY: the object came from PQgetCancel and is freed exactly once.
        unsafe { pq::PQfreeCancel(self.0.as_ptr()) }
    }
}

impl Drop for PqConn {
    fn drop(&mut self) {
        // SAFETY: the connection came from PQconnectdb and is finished exactly once.
        unsafe { pq::PQfinish(self.raw.as_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_context_gives_the_line() {
        let e = PqError {
            message: "invalid input syntax for type integer".into(),
            detail: None,
            hint: None,
            position: None,
            context: Some("COPY labels, line 4, column priority: \"high\"".into()),
            sqlstate: Some(*b"22P02"),
        };
        assert_eq!(e.copy_line(), Some(4));
        assert_eq!(PqError { context: None, ..e }.copy_line(), None);
    }
}
