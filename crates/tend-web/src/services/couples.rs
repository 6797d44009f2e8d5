//! Couple spaces: create one, invite the partner (link and short code), join, leave.
//! A person who was invited but has not joined has no rights at all: every operation here is
//! decided by current membership, read fresh from storage on each request.

use jiff::SignedDuration;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::invite_code::InviteCode;
use tend_core::limits::JOIN_FAILURES_PER_HOUR;
use tend_core::msg;
use tend_core::sealing::{DataKey, WrapKey};
use tend_core::secret::secret_hash;
use tend_store::{Couple, Invite, InviteSecret, Joined, NewInvite, StoreError};

use super::couple_key;

use super::login::reserve_attempt;
use super::security_log::{self, SecurityEvent};
use super::{ServiceError, ServiceResult};
use crate::secrets::{new_id, new_invite_code, new_token};
use crate::state::AppState;

const LINK: &str = "invite-link";
const CODE: &str = "invite-code";
const JOIN_FAILURES: &str = "join";

/// The person's couple space with its members, if they are in one.
pub async fn of(state: &AppState, person_id: &PersonId) -> ServiceResult<Option<Couple>> {
    Ok(state.store.couple_of(person_id).await?)
}

/// The invite still waiting to be used in the person's couple space, if any.
pub async fn open_invite(state: &AppState, person_id: &PersonId) -> ServiceResult<Option<Invite>> {
    Ok(state.store.open_invite(person_id, state.clock.now()).await?)
}

/// The person has read that their couple space closed: home stops saying so.
pub async fn dismiss_closed(state: &AppState, person_id: &PersonId) -> ServiceResult<()> {
    Ok(state.store.dismiss_couple_closed(person_id).await?)
}

/// A fresh invite with its secrets, shown once: only their hashes are stored.
pub struct InviteCreated {
    pub invite: Invite,
    pub link: String,
    pub code: String,
}

pub async fn create_couple(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<InviteCreated> {
    match state.store.create_couple(&CoupleId::new(new_id()), person_id, state.clock.now()).await {
        Ok(()) => security_log::record(state, person_id, SecurityEvent::CoupleCreated, "").await,
        Err(StoreError::AlreadyInCouple) => return Err(already_in_couple()),
        Err(other) => return Err(other.into()),
    }
    new_invite(state, person_id, key).await
}

/// Makes a new invite for the person's couple space; any earlier open invite stops working. The
/// invite carries the couple's key wrapped under its link's token, for whoever joins by the link.
pub async fn new_invite(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<InviteCreated> {
    let now = state.clock.now();
    let token = new_token();
    let code = new_invite_code();
    let id = new_id();
    let couple_key = match state.store.couple_of(person_id).await? {
        Some(couple) => couple_key::open(state, &couple.id, person_id, key).await?,
        None => None,
    };
    let new = NewInvite {
        couple_key: couple_key.map(|k| WrapKey::from_invite_link(&token).wrap(&invite_context(&id), &k)),
        id,
        token_hash: secret_hash(LINK, &token),
        code_hash: secret_hash(CODE, code.as_str()),
        created_at: now,
        expires_at: now + state.settings.invite_lifetime,
    };
    let invite = match state.store.create_invite(person_id, &new).await {
        Ok(invite) => invite,
        Err(StoreError::NotInCouple) => return Err(ServiceError::NotFound),
        Err(StoreError::CoupleFull) => {
            return Err(ServiceError::Conflict {
                code: "couple_full",
                message: msg::couples_your_partner_has_already(),
            })
        }
        Err(other) => return Err(other.into()),
    };
    Ok(InviteCreated { invite, link: format!("{}/join/{token}", state.settings.public_url), code: code.display() })
}

pub async fn revoke_invite(state: &AppState, person_id: &PersonId, invite_id: &str) -> ServiceResult<()> {
    if state.store.revoke_invite(person_id, invite_id).await? {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

/// How the joining person proves the invitation.
pub enum JoinWith<'a> {
    Code(&'a str),
    LinkToken(&'a str),
}

/// Joins the couple space an invite belongs to; returns the couple's id. The joiner's public key
/// is kept at once, so the partner's next request hands them the couple's key.
pub async fn join(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    with: JoinWith<'_>,
) -> ServiceResult<CoupleId> {
    let now = state.clock.now();
    let secret = match with {
        JoinWith::Code(raw) => {
            let code = InviteCode::parse("code", raw).map_err(|e| ServiceError::Invalid(vec![e]))?;
            InviteSecret::CodeHash(secret_hash(CODE, code.as_str()))
        }
        JoinWith::LinkToken(token) => InviteSecret::LinkTokenHash(secret_hash(LINK, token)),
    };
    // Counted before the code is looked up, so many guesses at once can't slip past the limit;
    // only a wrong code stays counted.
    let subject = secret_hash(JOIN_FAILURES, person_id);
    let attempt =
        reserve_attempt(state, JOIN_FAILURES, &subject, SignedDuration::from_hours(1), JOIN_FAILURES_PER_HOUR).await?;
    let link_token = match with {
        JoinWith::LinkToken(token) => Some(token),
        JoinWith::Code(_) => None,
    };
    let joined = state.store.join_couple(person_id, &secret, now).await;
    if !matches!(joined, Err(StoreError::InviteNotFound)) {
        state.store.forget_attempt(&attempt).await?;
    }
    match joined {
        Ok(Joined { couple_id, invite_id, couple_key }) => {
            tracing::info!(person = %person_id, couple = %couple_id, "joined a couple space");
            security_log::record(state, person_id, SecurityEvent::CoupleJoined, "").await;
            // By the link, the key the invite carried; by the code, from the partner later.
            let carried = couple_key.zip(link_token).and_then(|(wrapped, token)| {
                WrapKey::from_invite_link(token).unwrap(&invite_context(&invite_id), &wrapped).ok()
            });
            couple_key::received(state, &couple_id, person_id, key, carried).await?;
            Ok(couple_id)
        }
        Err(StoreError::InviteNotFound) => {
            tracing::info!(person = %person_id, "join refused: no such open invite");
            Err(ServiceError::NotFound)
        }
        Err(StoreError::AlreadyInCouple) => Err(already_in_couple()),
        Err(other) => Err(other.into()),
    }
}

/// Whether a link token belongs to an open invite (for the join page), without using it up.
pub async fn link_is_open(state: &AppState, token: &str) -> ServiceResult<bool> {
    let hash = secret_hash(LINK, token);
    Ok(state.store.invite_by_link(&hash, state.clock.now()).await?.is_some())
}

/// Leaves at once, without the partner's consent; the space closes for both.
pub async fn leave(state: &AppState, person_id: &PersonId) -> ServiceResult<()> {
    if state.store.leave_couple(person_id, state.clock.now()).await? {
        tracing::info!(person = %person_id, "left the couple space");
        security_log::record(state, person_id, SecurityEvent::CoupleLeft, "").await;
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

fn invite_context(invite_id: &str) -> String {
    format!("invite:{invite_id}")
}

fn already_in_couple() -> ServiceError {
    ServiceError::Conflict { code: "already_in_couple", message: msg::couples_youre_already_couple_space() }
}
