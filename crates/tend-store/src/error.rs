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
    pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
        matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
    }
}
