//! Links that let a person back into their account or move it to a new address.

use jiff::Timestamp;
use tend_core::ids::PersonId;

/// What an account link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Choose a new password without the old one.
    PasswordReset,
    /// Move the account to the link's new address.
    EmailChange,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::PasswordReset => "password-reset",
            LinkPurpose::EmailChange => "email-change",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [LinkPurpose::PasswordReset, LinkPurpose::EmailChange].into_iter().find(|p| p.as_str() == text)
    }
}

/// A link as kept: its secret's hash, never the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountLink {
    pub hash: String,
    pub person_id: PersonId,
    pub purpose: LinkPurpose,
    /// The address an email change moves to.
    pub new_email: Option<String>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// An email change that was carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailMoved {
    pub person_id: PersonId,
    pub old_email: String,
    pub new_email: String,
}
