//! The free eight-week course by email, for anyone, account or not: a sign-up with double
//! opt-in (only the confirmation goes to an unconfirmed address, and its link expires), then one
//! email a week. Every course email can be stopped with one click. The answer to a sign-up is the
//! same whether or not the address is known, and sign-ups are limited per address and per client.

use std::net::IpAddr;

use jiff::SignedDuration;
use serde::Deserialize;
use tend_core::email::Email;
use utoipa::ToSchema;

use super::{ServiceError, ServiceResult};
use crate::mail::messages;
use crate::secrets::{new_id, new_token};
use crate::state::AppState;
use tend_core::secret::secret_hash;

/// A confirmation link works this long.
const CONFIRM_FOR: SignedDuration = SignedDuration::from_hours(48);
const PER_ADDRESS_PER_DAY: u32 = 3;
const PER_CLIENT_PER_HOUR: u32 = 10;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Subscribe {
    pub email: String,
    /// Also a short weekly tip after the eight weeks.
    #[serde(default)]
    pub tips: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct GuidanceToken {
    /// The token from the confirmation or unsubscribe link.
    pub token: String,
}

pub async fn subscribe(state: &AppState, input: &Subscribe, client: Option<IpAddr>) -> ServiceResult<()> {
    let email = Email::parse("email", &input.email).map_err(|e| ServiceError::Invalid(vec![e]))?;
    let now = state.clock.now();
    let address = email.as_str().to_owned();
    let client_key = client.map(|c| c.to_string()).unwrap_or_else(|| "unknown".into());
    let day_ago = now - SignedDuration::from_hours(24);
    let hour_ago = now - SignedDuration::from_hours(1);
    if state.store.count_failures("guidance-address", &address, day_ago).await? >= PER_ADDRESS_PER_DAY
        || state.store.count_failures("guidance-client", &client_key, hour_ago).await? >= PER_CLIENT_PER_HOUR
    {
        return Err(ServiceError::TooManyAttempts);
    }
    state.store.record_failure("guidance-address", &address, now).await?;
    state.store.record_failure("guidance-client", &client_key, now).await?;
    let confirm = new_token();
    let unsubscribe = new_token();
    let id = new_id();
    let base = state.settings.public_url.trim_end_matches('/');
    let mut job = messages::course_confirmation(base, &confirm).job(
        format!("course-confirm:{id}"),
        "course-confirm",
        &address,
        None,
        now,
    );
    job.subscriber_id = Some(id.clone());
    state
        .store
        .subscribe(
            &id,
            &address,
            &secret_hash("course-confirm", &confirm),
            now + CONFIRM_FOR,
            &unsubscribe,
            input.tips,
            &job,
            now,
        )
        .await?;
    Ok(())
}

/// Confirms a subscription; the first week's email goes at once.
pub async fn confirm(state: &AppState, input: &GuidanceToken) -> ServiceResult<()> {
    let now = state.clock.now();
    if state.store.confirm_subscriber(&secret_hash("course-confirm", input.token.trim()), now).await?.is_none() {
        return Err(ServiceError::NotFound);
    }
    crate::mail::planner::plan(state, now).await.map_err(ServiceError::Internal)?;
    Ok(())
}

/// Stops the course at once (no log-in needed: the token is the permission).
pub async fn unsubscribe(state: &AppState, input: &GuidanceToken) -> ServiceResult<()> {
    let token = input.token.trim();
    if state.store.subscriber_by_unsubscribe(token).await?.is_none() {
        return Err(ServiceError::NotFound);
    }
    state.store.unsubscribe(token, state.clock.now()).await?;
    Ok(())
}

/// Whether an unsubscribe link is real (for the page that asks to confirm).
pub async fn is_subscribed(state: &AppState, token: &str) -> ServiceResult<bool> {
    Ok(state.store.subscriber_by_unsubscribe(token.trim()).await?.is_some_and(|s| s.unsubscribed_at.is_none()))
}
