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
