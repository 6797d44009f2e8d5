//! What Tend does, independent of how it was asked: the HTML pages and the JSON API both call
//! these functions, so validation and rules live in one place.

pub mod accounts;
pub mod agreements;
pub mod checkups;
pub mod coach;
pub mod couples;
mod error;
pub mod login;
pub mod pause;
pub mod plan;
pub mod pulses;
pub mod questions;
pub mod today;

pub use error::{ServiceError, ServiceResult};

use tend_core::FieldError;

/// Collects every field error of a form at once, so a person sees all of them together.
#[derive(Default)]
pub(crate) struct Fields(Vec<FieldError>);

impl Fields {
    pub(crate) fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(err) => {
                self.0.push(err);
                None
            }
        }
    }

    pub(crate) fn finish(self) -> ServiceResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Invalid(self.0))
        }
    }
}
