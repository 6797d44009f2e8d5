//! Helpers shared by the `tend` binary's tests.

pub mod smtp_auth;
