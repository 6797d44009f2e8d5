//! Finding the signed-in person behind a request. API clients send `Authorization: Bearer TOKEN`;
//! browsers send the session cookie. Tokens are looked up by hash, checked against the idle and
//! absolute timeouts, and the person is read fresh each time, so a change (leaving, revoking,
//! deleting) takes effect on the very next request.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use axum::response::{IntoResponse, Redirect, Response};
use tend_core::secret::secret_hash;
use tend_store::Person;

use super::cookies::Cookie;
use crate::api::error::ApiError;
use crate::services::ServiceResult;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct Authenticated {
    pub person: Person,
    pub session_id: String,
    /// The person's data key, opened with the token this request came with.
    pub key: tend_core::sealing::DataKey,
}

/// The session a token belongs to, if it is still live.
pub async fn authenticate(state: &AppState, token: &str) -> ServiceResult<Option<Authenticated>> {
    let store = &state.store;
    let Some((session, person)) = store.session_by_token_hash(&secret_hash("session", token)).await? else {
        tracing::info!("refused: unknown or ended session token");
        return Ok(None);
    };
    let now = state.clock.now();
    let timeouts = state.settings.session_timeouts;
    if !timeouts.is_live(session.created_at, session.last_used_at, now) {
        store.delete_session(&session.person_id, &session.id).await?;
        tracing::info!(session = %session.id, "refused: session timed out");
        return Ok(None);
    }
    // A session from before sealed words holds no key: its person signs in once more.
    let Some(key) = session.data_key.as_ref().and_then(|k| crate::services::keys::from_session(&session.id, token, k))
    else {
        store.delete_session(&session.person_id, &session.id).await?;
        tracing::info!(session = %session.id, "refused: the session holds no data key it can open");
        return Ok(None);
    };
    if timeouts.needs_touch(session.last_used_at, now) {
        store.touch_session(&session.id, now).await?;
    }
    Ok(Some(Authenticated { person, session_id: session.id, key }))
}

fn bearer_token(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// A signed-in API client (bearer token).
pub struct ApiUser(pub Authenticated);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = bearer_token(parts).ok_or_else(ApiError::unauthorized)?;
        match authenticate(state, token).await? {
            Some(user) => Ok(Self(noted(parts, user))),
            None => Err(ApiError::unauthorized()),
        }
    }
}

async fn from_cookie(parts: &Parts, state: &AppState) -> ServiceResult<Option<Authenticated>> {
    match Cookie::Session.read(&parts.headers, &state.settings) {
        Some(token) => Ok(authenticate(state, &token).await?.map(|user| noted(parts, user))),
        None => Ok(None),
    }
}

/// Names the person behind a request that may change something, so their partner's open pages
/// are woken once it succeeded (`live_hub.rs`).
fn noted(parts: &Parts, user: Authenticated) -> Authenticated {
    if let Some(writer) = parts.extensions.get::<crate::live_hub::Writer>() {
        writer.set(&user.person.id);
    }
    user
}

/// A signed-in browser; anyone else is sent to the log-in page and brought back afterwards.
pub struct PageUser(pub Authenticated);

impl FromRequestParts<AppState> for PageUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match from_cookie(parts, state).await {
            Ok(Some(user)) => Ok(Self(user)),
            Ok(None) => {
                let next: String = form_urlencoded::byte_serialize(parts.uri.path().as_bytes()).collect();
                Err(Redirect::to(&format!("/login?next={next}")).into_response())
            }
            Err(err) => Err(crate::pages::errors::service_error_page(err)),
        }
    }
}

/// A browser that may or may not be signed in.
pub struct MaybeUser(pub Option<Authenticated>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        from_cookie(parts, state).await.map(Self).map_err(crate::pages::errors::service_error_page)
    }
}
