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
    /// SQLite's data folder can't be written (a read-only mount, wrong owner).
    #[error("the data folder {0} is not writable")]
    FolderNotWritable(String, #[source] std::io::Error),
    /// The last write failed for a passing reason and a fresh one failed too.
    #[error("writes are failing: {0}")]
    WritesFailing(&'static str),
    /// A row that breaks the schema's promises (a kind Tend doesn't know, a missing value).
    #[error("a stored row can't be read: {0}")]
    Corrupt(String),
    #[error("database migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    /// The database can't be reached or can't take writes right now (down, no free connection
    /// within the wait, disk full, read-only, I/O failure): a passing fault, not a bug. Nothing was
    /// written; the request can be answered "try again shortly" (503).
    pub fn is_unavailable(&self) -> bool {
        self.unavailable_reason().is_some()
    }

    /// Why the database is unavailable, in a few words for the host (`/healthz`, logs), or
    /// `None` when this error is not a passing fault.
    pub fn unavailable_reason(&self) -> Option<&'static str> {
        match self {
            StoreError::WritesFailing(reason) => Some(reason),
            StoreError::FolderNotWritable(..) => Some("the data folder is not writable"),
            StoreError::Database(sqlx::Error::PoolTimedOut) => {
                Some("no database connection within a second and a half")
            }
            StoreError::Database(sqlx::Error::PoolClosed) => Some("the database is closed"),
            StoreError::Database(sqlx::Error::Io(_)) => Some("the database cannot be reached"),
            // SQLite's primary result codes (the low byte) and PostgreSQL's SQLSTATE classes.
            StoreError::Database(sqlx::Error::Database(db)) => {
                let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
                match code.parse::<i64>().map(|n| n & 0xff) {
                    Ok(13) => Some("the disk is full"),
                    Ok(8) => Some("the database is read-only"),
                    Ok(10) => Some("the disk reports an input/output error"),
                    Ok(14) => Some("the database file cannot be opened"),
                    _ if code == "53100" => Some("the disk is full"),
                    _ if code.starts_with("53") => Some("the database server is out of resources"),
                    _ if code.starts_with("08") => Some("the database cannot be reached"),
                    _ if code.starts_with("57P0") => Some("the database server is shutting down"),
                    _ if code == "25006" => Some("the database is read-only"),
                    _ => None,
                }
            }
            _ => None,
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
