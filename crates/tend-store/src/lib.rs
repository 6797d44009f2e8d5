//! Tend's storage: one interface ([`Store`]) and one SQL implementation that runs on an embedded
//! SQLite file (the default) or a shared PostgreSQL (when a host outgrows one machine).
//! The SQL is written once in the common dialect; what differs per backend (connection set-up,
//! durability pragmas, migrations, backups, write serialisation) lives in `backend.rs`.

mod backend;
mod error;
mod model;
pub mod probe;
mod sql;
mod store;
pub mod test_support;

pub use backend::{open, Backend, StoreOptions, SQLITE_FILE};
pub use error::StoreError;
pub use model::*;
pub use sql::{ChangeFeed, ChangeListener, SqlStore};
pub use store::{
    AccountLinkStore, AgreementStore, BidStore, CapsuleStore, ConversationStore, CoupleStore, ExperimentStore,
    GuardStore, JournalStore, JoyStore, KeyStore, MailStore, OutboxStore, PauseStore, PersonStore, ProgramStore,
    PushStore, QuestionStore, RitualStore, SafetyStore, SecurityLogStore, SessionStore, Store, SupportStore,
    WeeklyCheckStore, WinStore,
};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
