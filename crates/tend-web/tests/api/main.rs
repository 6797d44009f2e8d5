//! Tend's HTTP behaviour, end to end: the real server on a random port, on SQLite and on
//! PostgreSQL (a fresh database per test), driven with a real HTTP client.

/// Runs each test once per backend, as `sqlite::name` and `postgres::name`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(tend_store::Backend::Sqlite).await } )* }
        mod postgres { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(tend_store::Backend::Postgres).await } )* }
    };
}

mod account_links;
mod accounts;
mod agreements;
pub mod authorization;
mod bids;
mod calendar;
mod cards;
mod coach;
mod coach_note;
mod conversations;
mod couple;
mod couple_key;
mod data_import;
mod faults;
mod help_lines;
mod helpers;
mod listening;
mod load;
pub mod mail;
pub mod pages;
mod pause;
mod plan_writing;
mod privacy;
mod program;
mod push;
mod questions;
pub mod reminders;
mod ritual_pages;
mod rituals;
mod safety;
mod sealed_kinds;
mod sealed_words;
mod security;
mod security_log;
mod server_log;
mod smtp;
mod support;
mod support_pages;
mod timing;
mod together;
