//! What dbctl reads from a server's errors: the SQLSTATE code, never the message, whose language
//! follows the server's `lc_messages`.

/// The server conditions dbctl acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlState {
    /// `42501`: the role lacks a privilege.
    InsufficientPrivilege,
    /// `3D000`: no such database.
    InvalidCatalogName,
    /// `55P03`: `lock_timeout` ran out (or NOWAIT found the lock taken).
    LockNotAvailable,
    /// `57014`: the statement was cancelled, by `statement_timeout` or a cancel request.
    QueryCanceled,
}

impl SqlState {
    pub fn code(self) -> &'static str {
        match self {
            SqlState::InsufficientPrivilege => "42501",
            SqlState::InvalidCatalogName => "3D000",
            SqlState::LockNotAvailable => "55P03",
            SqlState::QueryCanceled => "57014",
        }
    }
}

/// `CREATE DATABASE` refused because the role may not create databases (no CREATEDB): told
/// apart by asking the catalogue, not by reading the message.
#[derive(Debug, thiserror::Error)]
#[error(
    "creating the database `{database}`: {said}; the role `{user}` may not create databases (no CREATEDB): have a \
     superuser run `createdb -O {user} {database}` (or `CREATE DATABASE {database_sql} OWNER {user_sql}`), then \
     run this again without --create"
)]
pub struct NoCreateDb {
    pub database: String,
    pub user: String,
    pub database_sql: String,
    pub user_sql: String,
    pub said: String,
}

/// An error of a query run through diesel, kept typed: diesel's kind of database error (a unique
/// or foreign-key violation, a serialization failure, a read-only transaction, …) when the
/// server reported one, and its message. diesel does not expose the SQLSTATE itself: what dbctl
/// decides from a server's code goes through libpq ([`super::libpq::PqError::is`]) or the
/// catalogue.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct QueryError {
    /// Shown as its own message (not as a cause, which `{:#}` would print twice).
    pub error: diesel::result::Error,
}

impl QueryError {
    /// diesel's kind of the server's error, if the server reported one.
    pub fn kind(&self) -> Option<&diesel::result::DatabaseErrorKind> {
        match &self.error {
            diesel::result::Error::DatabaseError(kind, _) => Some(kind),
            _ => None,
        }
    }
}

impl From<diesel::result::Error> for QueryError {
    fn from(error: diesel::result::Error) -> Self {
        QueryError { error }
    }
}
