//! The outcomes a service can end in besides success; the API and the pages each map them once.

use tend_core::FieldError;
use tend_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("email and password do not match")]
    WrongCredentials,
    #[error("too many attempts")]
    TooManyAttempts,
    /// Missing and forbidden look the same from outside.
    #[error("not found")]
    NotFound,
    #[error("{message}")]
    Conflict { code: &'static str, message: &'static str },
    /// The database is down, full or read-only for now: nothing was written; try again shortly.
    #[error("the database is unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// For a view that may not exist yet (no couple, no plan begun): `None` when not found, any other
/// error as it is.
pub fn optional<T>(result: ServiceResult<T>) -> ServiceResult<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(ServiceError::NotFound) => Ok(None),
        Err(err) => Err(err),
    }
}

impl ServiceError {
    pub fn field(field: &'static str, message: &'static str) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }
}

impl From<StoreError> for ServiceError {
    fn from(err: StoreError) -> Self {
        if err.is_unavailable() {
            tracing::warn!(error = %err, "the database is unavailable; answered 503");
            return Self::Unavailable;
        }
        Self::Internal(anyhow::Error::new(err).context("Failed to read or write the database"))
    }
}
