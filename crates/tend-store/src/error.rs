//! What can go wrong in storage, in words the layers above can act on.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error("this person already belongs to a couple space")]
    AlreadyInCouple,
    #[error("this person is not in a couple space")]
    NotInCouple,
    #[error("this couple space already has two people")]
    CoupleFull,
    #[error("this couple has a plan already")]
    PlanExists,
    #[error("no such invite, or it has expired")]
    InviteNotFound,
    #[error("not supported on this backend: {0}")]
    Unsupported(&'static str),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    /// The database can't be reached or can't take writes right now (down, no free connection
    /// within the wait, disk full, read-only, I/O failure): a passing fault, not a bug. Nothing was
    /// written; the request can be answered "try again shortly" (503).
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)) => true,
            // SQLite's SQLITE_FULL (13), SQLITE_READONLY (8), SQLITE_IOERR (10) and SQLITE_CANTOPEN
            // (14), by their primary code; PostgreSQL's class 08 (connection), 53 (resources) and
            // 57P0x (shutting down).
            StoreError::Database(sqlx::Error::Database(db)) => {
                let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
                let primary = code.parse::<i64>().map(|n| n & 0xff).ok();
                matches!(primary, Some(8 | 10 | 13 | 14))
                    || code.starts_with("08")
                    || code.starts_with("53")
                    || code.starts_with("57P0")
            }
            _ => false,
        }
    }

    pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
        matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
    }
}

#[cfg(test)]
mod tests {
    use super::StoreError;

    #[test]
    fn a_database_that_cannot_be_reached_is_unavailable_not_a_bug() {
        assert!(StoreError::Database(sqlx::Error::PoolTimedOut).is_unavailable());
        assert!(StoreError::Database(sqlx::Error::PoolClosed).is_unavailable());
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        assert!(StoreError::Database(sqlx::Error::Io(io)).is_unavailable());
        assert!(!StoreError::Database(sqlx::Error::RowNotFound).is_unavailable());
        assert!(!StoreError::EmailTaken.is_unavailable());
    }
}
