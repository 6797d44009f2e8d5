//! A way back in, and a safe move to a new address: the password-reset link and the
//! email-change link. Each is a 256-bit secret sent by email (or, for a reset, printed to the
//! host's terminal by `tend account reset-link`); only its hash is kept, it works once, and it
//! expires (a reset after an hour, an email change after a day).
//!
//! Asking for a reset answers the same whether or not the address has an account, and is limited
//! per address and per client. Using a reset link ends every session of the person. An email
//! change is asked for signed in, with the password; the account moves only once the new
//! address confirms, and the old address is told.

use std::net::IpAddr;
use tend_core::ids::PersonId;
use tend_core::msg;

use jiff::SignedDuration;
use serde::{Deserialize, Serialize};
use tend_core::email::Email;
use tend_core::password::NewPassword;
use tend_core::sealing::{DataKey, RecoveryCode};
use tend_core::secret::secret_hash;
use tend_store::{AccountLink, LinkPurpose, StoreError};
use utoipa::ToSchema;

use super::keys;
use super::login::{confirm_password, reserve_attempt};
use super::security_log::{self, SecurityEvent};
use super::{Fields, ServiceError, ServiceResult};
use crate::mail::messages;
use crate::secrets::{new_id, new_token};
use crate::state::AppState;

/// A reset link works this long.
pub const RESET_LINK_WORKS_FOR: SignedDuration = SignedDuration::from_hours(1);
/// An email-change link works this long.
pub const EMAIL_LINK_WORKS_FOR: SignedDuration = SignedDuration::from_hours(24);
/// Reset links one address may be sent in an hour, and resets one client may ask for.
pub const RESETS_PER_ADDRESS_PER_HOUR: u32 = 3;
pub const RESETS_PER_CLIENT_PER_HOUR: u32 = 10;
/// Email changes one person may ask for in a day. Each sends an email to an address they chose.
pub const EMAIL_CHANGES_PER_DAY: u32 = 5;

const RESET_ADDRESS: &str = "reset-address";
const RESET_CLIENT: &str = "reset-client";
const EMAIL_CHANGE: &str = "email-change";

fn link_hash(purpose: LinkPurpose, token: &str) -> String {
    secret_hash(purpose.as_str(), token.trim())
}

fn base(state: &AppState) -> &str {
    state.settings.public_url.trim_end_matches('/')
}

/// A new link for `person_id` (the secret, and the link as kept).
fn new_link(
    state: &AppState,
    person_id: &PersonId,
    purpose: LinkPurpose,
    new_email: Option<String>,
) -> (String, AccountLink) {
    let token = new_token();
    let now = state.clock.now();
    let works_for = match purpose {
        LinkPurpose::PasswordReset => RESET_LINK_WORKS_FOR,
        LinkPurpose::EmailChange => EMAIL_LINK_WORKS_FOR,
    };
    let link = AccountLink {
        hash: link_hash(purpose, &token),
        person_id: person_id.to_owned(),
        purpose,
        new_email,
        created_at: now,
        expires_at: now + works_for,
    };
    (token, link)
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ResetRequest {
    pub email: String,
}

/// The client as the per-client limit counts it: an IPv4 address, or an IPv6 address's /64 (one
/// household or machine usually holds a whole /64, so counting single addresses there would
/// let one sender ask without end).
fn client_network(client: Option<IpAddr>) -> String {
    match client {
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Some(v4) => v4.to_string(),
        None => String::new(),
    }
}

/// Sends a reset link if the address has an account. The answer is the same either way; only
/// the limits (per address, per client) can refuse, and they count every ask alike.
pub async fn request_reset(state: &AppState, input: &ResetRequest, client: Option<IpAddr>) -> ServiceResult<()> {
    let email = Email::parse("email", &input.email).map_err(|e| ServiceError::Invalid(vec![e]))?;
    let hour = SignedDuration::from_hours(1);
    let client_key = secret_hash(RESET_CLIENT, &client_network(client));
    reserve_attempt(state, RESET_CLIENT, &client_key, hour, RESETS_PER_CLIENT_PER_HOUR).await?;
    let address_key = secret_hash(RESET_ADDRESS, email.as_str());
    reserve_attempt(state, RESET_ADDRESS, &address_key, hour, RESETS_PER_ADDRESS_PER_HOUR).await?;
    let Some(credentials) = state.store.credentials_by_email(email.as_str()).await? else {
        tracing::info!("a password reset for an address without an account; answered as usual");
        return Ok(());
    };
    let (token, link) = new_link(state, &credentials.person_id, LinkPurpose::PasswordReset, None);
    let job = messages::password_reset(base(state), &token).job(
        format!("password-reset:{}", new_id()),
        "account",
        email.as_str(),
        Some(&credentials.person_id),
        link.created_at,
    );
    state.store.create_account_link(&link, Some(&job)).await?;
    tracing::info!(person = %credentials.person_id, "password reset link sent");
    Ok(())
}

/// A reset link for the person with `email`, for the host to hand over (`tend account
/// reset-link`): nothing is emailed. `NotFound` when no account has the address.
pub async fn reset_link_for_host(state: &AppState, email: &str) -> ServiceResult<String> {
    let email = Email::parse("email", email).map_err(|e| ServiceError::Invalid(vec![e]))?;
    let credentials = state.store.credentials_by_email(email.as_str()).await?.ok_or(ServiceError::NotFound)?;
    let (token, link) = new_link(state, &credentials.person_id, LinkPurpose::PasswordReset, None);
    state.store.create_account_link(&link, None).await?;
    tracing::info!(person = %credentials.person_id, "password reset link made by the host");
    Ok(format!("{}/password/reset/{token}", base(state)))
}

fn wrong_code_field() -> tend_core::FieldError {
    tend_core::FieldError::new("recovery_code", msg::account_links_that_isnt_recovery_code())
}

fn wrong_code() -> ServiceError {
    ServiceError::Invalid(vec![wrong_code_field()])
}

/// Whether a reset link still works (for the page that asks for the new password).
pub async fn reset_link_works(state: &AppState, token: &str) -> ServiceResult<bool> {
    let link = state.store.account_link(&link_hash(LinkPurpose::PasswordReset, token), state.clock.now()).await?;
    Ok(link.is_some_and(|l| l.purpose == LinkPurpose::PasswordReset))
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct PasswordReset {
    /// The secret from the emailed link.
    pub token: String,
    pub new_password: String,
    /// The recovery code shown at sign-in, if the person has it: with it, every sealed word
    /// opens again; without it, words sealed under the old key stay closed.
    #[serde(default)]
    pub recovery_code: Option<String>,
}

/// Sets the new password with a reset link and ends every session. `NotFound` when the link is
/// unknown, used or expired (checked before the password is hashed, and again as it is used).
pub async fn reset_password(state: &AppState, input: &PasswordReset) -> ServiceResult<()> {
    let mut fields = Fields::default();
    let new = fields.check(NewPassword::parse("new_password", &input.new_password));
    let code = match input.recovery_code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(typed) => fields.check(RecoveryCode::parse(typed).ok_or_else(wrong_code_field)),
    };
    fields.finish()?;
    let Some(new) = new else { unreachable!("the password parsed when there are no field errors") };
    if !reset_link_works(state, &input.token).await? {
        return Err(ServiceError::NotFound);
    }
    let hash = link_hash(LinkPurpose::PasswordReset, &input.token);
    let link = state.store.account_link(&hash, state.clock.now()).await?.ok_or(ServiceError::NotFound)?;
    let earlier = state.store.person_keys(&link.person_id).await?;
    let recovered = match (&code, &earlier) {
        (Some(code), Some(earlier)) => {
            Some(keys::open_with_recovery_code(&link.person_id, earlier, code).ok_or_else(wrong_code)?)
        }
        (Some(_), None) => return Err(wrong_code()),
        (None, _) => None,
    };
    let (password_hash, password_key) = state.hasher.hash(new.expose().to_owned()).await?;
    // With the code, the same key under the new password (and the same code); without it, a new
    // key, and a new code is made at the next sign-in.
    let new_keys = match &recovered {
        Some(data) => keys::wraps(&link.person_id, &password_key, data, code.as_ref()),
        None => keys::wraps(&link.person_id, &password_key, &DataKey::generate(), None),
    };
    let person_id = state
        .store
        .use_password_reset(&hash, &password_hash, &new_keys, state.clock.now())
        .await?
        .ok_or(ServiceError::NotFound)?;
    tracing::info!(person = %person_id, "password reset; every session ended");
    // Their open pages look now, find the session gone and close their live streams.
    crate::live_hub::changed(state, &person_id);
    let event = match recovered {
        Some(_) => SecurityEvent::PasswordResetWithRecoveryCode,
        None => SecurityEvent::PasswordReset,
    };
    security_log::record(state, &person_id, event, "").await;
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct EmailChange {
    pub new_email: String,
    pub password: String,
}

/// Sends a link to the new address; the account moves when it is used. Every ask counts towards
/// a daily limit. Whether the address is free is only found out when the link is used, by
/// whoever reads that address, so this form tells no one who else uses Tend.
pub async fn request_email_change(state: &AppState, person_id: &PersonId, input: &EmailChange) -> ServiceResult<()> {
    let email = Email::parse("new_email", &input.new_email).map_err(|e| ServiceError::Invalid(vec![e]))?;
    confirm_password(state, person_id, &input.password, "password").await?;
    let current = state.store.person(person_id).await?.ok_or(ServiceError::NotFound)?;
    if current.email == email.as_str() {
        return Err(ServiceError::field("new_email", msg::account_links_thats_address_you_sign()));
    }
    let subject = secret_hash(EMAIL_CHANGE, person_id);
    reserve_attempt(state, EMAIL_CHANGE, &subject, SignedDuration::from_hours(24), EMAIL_CHANGES_PER_DAY).await?;
    let (token, link) = new_link(state, person_id, LinkPurpose::EmailChange, Some(email.as_str().to_owned()));
    let job = messages::email_change(base(state), &token).job(
        format!("email-change:{}", new_id()),
        "account",
        email.as_str(),
        Some(person_id),
        link.created_at,
    );
    state.store.create_account_link(&link, Some(&job)).await?;
    Ok(())
}

/// What an email-change link would do, for the page that asks to confirm it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PendingEmailChange {
    pub new_email: String,
}

pub async fn pending_email_change(state: &AppState, token: &str) -> ServiceResult<PendingEmailChange> {
    let link = state.store.account_link(&link_hash(LinkPurpose::EmailChange, token), state.clock.now()).await?;
    match link {
        Some(AccountLink { purpose: LinkPurpose::EmailChange, new_email: Some(new_email), .. }) => {
            Ok(PendingEmailChange { new_email })
        }
        _ => Err(ServiceError::NotFound),
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct EmailConfirmation {
    /// The secret from the emailed link.
    pub token: String,
}

/// Moves the account to the confirmed address and tells the old one. `NotFound` when the link is
/// unknown, used or expired.
pub async fn confirm_email_change(state: &AppState, input: &EmailConfirmation) -> ServiceResult<()> {
    let now = state.clock.now();
    let hash = link_hash(LinkPurpose::EmailChange, &input.token);
    let link = state.store.account_link(&hash, now).await?.ok_or(ServiceError::NotFound)?;
    let notice = messages::email_changed(base(state)).job(
        format!("email-changed:{}", new_id()),
        "account",
        "",
        Some(&link.person_id),
        now,
    );
    match state.store.use_email_change(&hash, &notice, now).await {
        Ok(Some(moved)) => {
            tracing::info!(person = %moved.person_id, "email changed; the old address was told");
            security_log::record(state, &moved.person_id, SecurityEvent::EmailChanged, "").await;
            Ok(())
        }
        Ok(None) => Err(ServiceError::NotFound),
        Err(StoreError::EmailTaken) => {
            Err(ServiceError::field("new_email", msg::account_links_that_email_address_cant()))
        }
        Err(other) => Err(other.into()),
    }
}
