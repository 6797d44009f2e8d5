//! What the API answers with. Timestamps are RFC 3339 strings in UTC.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tend_core::ids::PersonId;
use tend_store::{Couple, Invite, Person, SessionRecord};
use utoipa::ToSchema;

use crate::services::couples::InviteCreated;

#[derive(Debug, Serialize, ToSchema)]
pub struct AccountAccepted {
    pub status: String,
    pub message: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LogIn {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionCreated {
    /// Send as `Authorization: Bearer TOKEN`. Shown once; Tend stores only its hash.
    pub token: String,
    pub session_id: String,
    /// Present once, when a recovery code was just made for the person (their first sign-in, or
    /// the first after a reset without one). It opens their sealed words after a forgotten
    /// password; Tend keeps no copy. Show it to them and let them keep it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_code: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    pub id: String,
    pub device: String,
    #[schema(value_type = String, format = DateTime)]
    pub started_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub last_used_at: Timestamp,
    /// This is the session making the request.
    pub current: bool,
    /// This device gets push notifications (they end with the session).
    pub notifications: bool,
}

impl SessionView {
    pub fn new(s: SessionRecord, current_id: &str) -> Self {
        Self {
            current: s.id == current_id,
            id: s.id,
            device: s.device,
            started_at: s.created_at,
            last_used_at: s.last_used_at,
            notifications: s.notifications,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub time_zone: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// The couple space this person was in closed since they last looked.
    pub couple_space_closed: bool,
}

impl From<Person> for MeView {
    fn from(p: Person) -> Self {
        Self {
            id: p.id.into(),
            email: p.email,
            display_name: p.display_name,
            time_zone: p.time_zone,
            created_at: p.created_at,
            couple_space_closed: p.couple_closed_notice,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerView {
    pub display_name: String,
    #[schema(value_type = String, format = DateTime)]
    pub joined_at: Timestamp,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InviteView {
    pub id: String,
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: Timestamp,
}

impl From<Invite> for InviteView {
    fn from(i: Invite) -> Self {
        Self { id: i.id, expires_at: i.expires_at }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CoupleView {
    pub id: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// The partner, once they have joined.
    pub partner: Option<PartnerView>,
    /// The open invite, while the partner has not joined.
    pub open_invite: Option<InviteView>,
}

impl CoupleView {
    pub fn new(couple: Couple, me: &PersonId, open_invite: Option<Invite>) -> Self {
        let partner =
            couple.partner_of(me).map(|m| PartnerView { display_name: m.display_name.clone(), joined_at: m.joined_at });
        Self { id: couple.id.into(), created_at: couple.created_at, partner, open_invite: open_invite.map(Into::into) }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InviteCreatedView {
    pub id: String,
    /// The short code to type, like `ABCD-EFGH`. Shown once.
    pub code: String,
    /// The link to open. Shown once.
    pub link: String,
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: Timestamp,
}

impl From<InviteCreated> for InviteCreatedView {
    fn from(c: InviteCreated) -> Self {
        Self { id: c.invite.id, code: c.code, link: c.link, expires_at: c.invite.expires_at }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct JoinRequest {
    /// The short code, like `ABCD-EFGH`.
    pub code: Option<String>,
    /// The token at the end of the invite link.
    pub token: Option<String>,
}
