//! Logging in, and asking for the password again before a sensitive change. Both are limited so
//! nobody can guess a password, and built so a partner cannot lock the other out (see
//! `tend_core::limits`). Unknown emails take the same path and the same time as known ones.

use std::net::IpAddr;
use tend_core::ids::PersonId;
use tend_core::msg;

use jiff::SignedDuration;
use tend_core::device::describe_device;
use tend_core::email::Email;
use tend_core::limits::{login_allowed, RecentLoginFailures, ACCOUNT_FAILURES_PER_HOUR};
use tend_core::secret::secret_hash;
use tend_store::{NewSession, SessionRecord};

use super::keys;
use super::security_log::{self, SecurityEvent};
use super::{ServiceError, ServiceResult};
use crate::passwords::Checked;
use crate::secrets::{new_id, new_token};
use crate::state::AppState;

const ACCOUNT: &str = "login-account";
const CLIENT: &str = "login-client";
const DEVICE: &str = "login-device";
const REAUTH: &str = "reauth";

pub struct LoginInput<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub client: Option<IpAddr>,
    /// The device cookie this browser carries, if any.
    pub device_token: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

pub struct LoggedIn {
    pub person_id: PersonId,
    pub session_id: String,
    pub token: String,
    /// A device cookie to set, when this browser did not carry a known one.
    pub new_device_token: Option<String>,
    /// A recovery code to show once: one was just made for the person.
    pub recovery_code: Option<tend_core::sealing::RecoveryCode>,
}

/// Creates a session (with a token never seen before) for the right email and password.
pub async fn log_in(state: &AppState, input: LoginInput<'_>) -> ServiceResult<LoggedIn> {
    let email = Email::parse("email", input.email).map_err(|e| ServiceError::Invalid(vec![e]))?;
    if input.password.is_empty() {
        return Err(ServiceError::field("password", msg::login_enter_your_password()));
    }
    let store = &state.store;
    let now = state.clock.now();
    let hour_ago = now - SignedDuration::from_hours(1);
    let credentials = store.credentials_by_email(email.as_str()).await?;

    let account_subject = secret_hash(ACCOUNT, email.as_str());
    let client_subject = secret_hash(CLIENT, &input.client.map(|ip| ip.to_string()).unwrap_or_default());
    let device_hash = input.device_token.map(|t| secret_hash(DEVICE, t));
    let known_device = match (&credentials, &device_hash) {
        (Some(c), Some(hash)) => store.is_known_device(&c.person_id, hash).await?,
        _ => false,
    };
    // The attempt counts as a failure before anything is checked, so attempts racing each other
    // see one another: of any number at once, no more than the limit get their password checked.
    // Its reservation is let go if it is refused here or the password is right.
    let subjects: Vec<(&str, &str)> = match (&device_hash, known_device) {
        (Some(hash), true) => vec![(DEVICE, hash.as_str())],
        _ => vec![(ACCOUNT, account_subject.as_str()), (CLIENT, client_subject.as_str())],
    };
    let attempt = new_id();
    store.reserve_failures(&subjects, &attempt, now).await?;
    let earlier = |n: u32| n.saturating_sub(1);
    let failures = match (&device_hash, known_device) {
        (Some(hash), true) => RecentLoginFailures {
            known_device: Some(earlier(store.count_failures(DEVICE, hash, hour_ago).await?)),
            ..Default::default()
        },
        _ => RecentLoginFailures {
            account: earlier(store.count_failures(ACCOUNT, &account_subject, hour_ago).await?),
            client: earlier(store.count_failures(CLIENT, &client_subject, hour_ago).await?),
            known_device: None,
        },
    };
    if !login_allowed(failures) {
        store.forget_attempt(&attempt).await?;
        tracing::warn!(known_device, "log-in refused: too many recent failures");
        return Err(ServiceError::TooManyAttempts);
    }

    let hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let checked = state.hasher.verify(input.password.to_owned(), hash).await?;
    let (Some(credentials), Checked::Right(password_key)) = (credentials, checked) else {
        // The reservation stays: it was a failure.
        tracing::info!(known_device, "log-in failed");
        return Err(ServiceError::WrongCredentials);
    };
    store.forget_attempt(&attempt).await?;
    let opened =
        keys::open_at_login(state, &credentials.person_id, input.password, &credentials.password_hash, password_key)
            .await?;

    let token = new_token();
    let session_id = new_id();
    let device = describe_device(input.user_agent);
    store
        .create_session(&NewSession {
            id: session_id.clone(),
            person_id: credentials.person_id.clone(),
            token_hash: secret_hash("session", &token),
            device: device.clone(),
            created_at: now,
            data_key: keys::for_session(&session_id, &token, &opened.key),
        })
        .await?;
    let event = if known_device { SecurityEvent::SignedIn } else { SecurityEvent::SignedInNewDevice };
    security_log::record(state, &credentials.person_id, event, &device).await;
    let new_device_token = if known_device {
        None
    } else {
        let device_token = new_token();
        store.remember_device(&credentials.person_id, &secret_hash(DEVICE, &device_token), now).await?;
        Some(device_token)
    };
    tracing::info!(person = %credentials.person_id, session = %session_id, "log-in succeeded");
    Ok(LoggedIn {
        person_id: credentials.person_id,
        session_id,
        token,
        new_device_token,
        recovery_code: opened.new_recovery_code,
    })
}

/// Counts an attempt under `(scope, subject)` before any work is done, so attempts made at the
/// same moment see one another, and refuses it when `limit` others fell within `window`. The
/// attempt's id lets the caller forget it later (when it should not count, such as a success).
pub(super) async fn reserve_attempt(
    state: &AppState,
    scope: &str,
    subject: &str,
    window: SignedDuration,
    limit: u32,
) -> ServiceResult<String> {
    let now = state.clock.now();
    let attempt = new_id();
    state.store.reserve_failures(&[(scope, subject)], &attempt, now).await?;
    let others = state.store.count_failures(scope, subject, now - window).await?.saturating_sub(1);
    if others >= limit {
        state.store.forget_attempt(&attempt).await?;
        return Err(ServiceError::TooManyAttempts);
    }
    Ok(attempt)
}

/// Checks the password of someone already signed in, before a change that needs it. Counted
/// before the password is hashed, so many at once can't slip past the limit; a right password
/// lets its count go.
pub async fn confirm_password(
    state: &AppState,
    person_id: &PersonId,
    password: &str,
    field: &'static str,
) -> ServiceResult<()> {
    let subject = secret_hash(REAUTH, person_id);
    let attempt =
        reserve_attempt(state, REAUTH, &subject, SignedDuration::from_hours(1), ACCOUNT_FAILURES_PER_HOUR).await?;
    // Right, or not checked at all (the database or the hashing failed): not a wrong guess.
    let credentials = match state.store.credentials_by_id(person_id).await {
        Ok(credentials) => credentials,
        Err(err) => {
            let _ = state.store.forget_attempt(&attempt).await;
            return Err(err.into());
        }
    };
    match state.hasher.verify(password.to_owned(), credentials.map(|c| c.password_hash)).await {
        Ok(Checked::Wrong) => {}
        Ok(Checked::Right(_)) => {
            state.store.forget_attempt(&attempt).await?;
            return Ok(());
        }
        Err(err) => {
            let _ = state.store.forget_attempt(&attempt).await;
            return Err(err.into());
        }
    }
    tracing::info!(person = %person_id, "password confirmation failed");
    Err(ServiceError::field(field, msg::login_that_isnt_your_current()))
}

/// The person's sessions (their devices signed in), for them to see.
pub async fn sessions(state: &AppState, person_id: &PersonId) -> ServiceResult<Vec<SessionRecord>> {
    Ok(state.store.list_sessions(person_id).await?)
}

/// Signs out the session asking (nothing is noted: the person did it here).
pub async fn sign_out(state: &AppState, person_id: &PersonId, session_id: &str) -> ServiceResult<()> {
    state.store.delete_session(person_id, session_id).await?;
    Ok(())
}
