//! A small safe wrapper over libpq (the pq-sys bindings diesel links already), for what diesel
//! cannot do with tables named at run time: `COPY … FROM STDIN`, streamed. libpq parses the URL
//! itself, so every parameter and TLS setting works as it does for diesel's connections.

use std::ffi::{CStr, CString};
use std::io::Read;
use std::ptr::NonNull;

use anyhow::{Result, anyhow};
use pq_sys as pq;

/// An error reported by the server, with the fields dbctl shows.
#[derive(Debug, Clone)]
pub struct PqError {
    pub message: String,
    pub detail: Option<String>,
    pub hint: Option<String>,
    /// 1-based character position in the statement, when the server gives one.
    pub position: Option<usize>,
    /// PostgreSQL's CONTEXT, e.g. `COPY labels, line 4, column color: "#12"`.
    pub context: Option<String>,
}

impl std::fmt::Display for PqError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(d) = &self.detail {
            write!(f, " ({d})")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "; hint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PqError {}

impl PqError {
    /// The line number in COPY's context (`COPY t, line 4 …`), header line included.
    pub fn copy_line(&self) -> Option<usize> {
        let ctx = self.context.as_deref()?;
        let at = ctx.find(", line ")? + ", line ".len();
        ctx[at..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
    }
}

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
        }
    }

    /// Rows affected by the command (INSERT, COPY, …).
    fn affected(&self) -> u64 {
        // SAFETY: a valid result; PQcmdTuples returns "" when not applicable.
        opt_string(unsafe { pq::PQcmdTuples(self.0.as_ptr()) }).and_then(|s| s.parse().ok()).unwrap_or(0)
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
        Ok(conn)
    }

    fn last_error(&self) -> String {
        // SAFETY: a valid connection object.
        opt_string(unsafe { pq::PQerrorMessage(self.raw.as_ptr()) }).unwrap_or_else(|| "unknown error".into())
    }

    fn result(&mut self, res: *mut pq::PGresult) -> Result<PqResult, PqError> {
        NonNull::new(res).map(PqResult).ok_or_else(|| PqError {
            message: self.last_error(),
            detail: None,
            hint: None,
            position: None,
            context: None,
        })
    }

    fn run(&mut self, sql: &str) -> Result<PqResult, PqError> {
        let c = CString::new(sql).map_err(|_| PqError {
            message: "the SQL contains a NUL byte".into(),
            detail: None,
            hint: None,
            position: None,
            context: None,
        })?;
        // SAFETY: a valid connection and C string.
        let res = unsafe { pq::PQexec(self.raw.as_ptr(), c.as_ptr()) };
        self.result(res)
    }

    /// Runs SQL text (one or several statements); returns the rows the last one affected.
    pub fn exec(&mut self, sql: &str) -> Result<u64, PqError> {
        let res = self.run(sql)?;
        match res.status() {
            pq::ExecStatusType::PGRES_COMMAND_OK
            | pq::ExecStatusType::PGRES_TUPLES_OK
            | pq::ExecStatusType::PGRES_EMPTY_QUERY => Ok(res.affected()),
            _ => Err(res.error()),
        }
    }

    /// The first column of the first row of a query.
    pub fn scalar(&mut self, sql: &str) -> Result<Option<String>, PqError> {
        let res = self.run(sql)?;
        match res.status() {
            pq::ExecStatusType::PGRES_TUPLES_OK => Ok(res.first_value()),
            _ => Err(res.error()),
        }
    }

    /// Runs a `COPY … FROM STDIN` statement and streams `data` to it in 64 KiB chunks. Returns
    /// the rows copied.
    pub fn copy_in(&mut self, sql: &str, data: &mut dyn Read) -> Result<u64, PqError> {
        let res = self.run(sql)?;
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
        match (read_error, outcome) {
            (Some(e), _) => Err(PqError {
                message: format!("reading the data failed: {e}"),
                detail: None,
                hint: None,
                position: None,
                context: None,
            }),
            (None, o) => o,
        }
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
        };
        assert_eq!(e.copy_line(), Some(4));
        assert_eq!(PqError { context: None, ..e }.copy_line(), None);
    }
}
