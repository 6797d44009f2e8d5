//! Safer hard conversations: openers and invitations, ground rules, repairs, hard talks.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiError, ApiJson, ErrorBody};
use crate::auth::session::ApiUser;
use crate::services::ground_rules::{self, AcceptRules, GroundRulesView, ProposeRules};
use crate::services::hard_talks::{self, CloseTalk, HardTalkView, ScheduleTalk};
use crate::services::invitations::{self, AnswerInvitation, InvitationView, SendInvitation};
use crate::services::repairs::{self, OfferRepair, RepairView};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct OpenerView {
    pub id: String,
    pub text: String,
}

/// Gentle openers to start from (edit them freely before sending).
#[utoipa::path(get, path = "/openers", operation_id = "listOpeners", tag = "conversations",
    security(("bearer" = [])), responses((status = 200, body = Vec<OpenerView>), (status = 401, body = ErrorBody)))]
pub async fn list_openers(ApiUser(_me): ApiUser) -> Json<Vec<OpenerView>> {
    let openers = &tend_core::content::Content::embedded().openers.openers;
    Json(openers.iter().map(|o| OpenerView { id: o.id.clone(), text: o.text.clone() }).collect())
}

/// Invite the partner to talk, with an opener and a proposed time.
#[utoipa::path(post, path = "/invitations", operation_id = "sendInvitation", tag = "conversations",
    security(("bearer" = [])), request_body = SendInvitation,
    responses((status = 201, body = InvitationView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn send_invitation(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<SendInvitation>,
) -> Result<(StatusCode, Json<InvitationView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(invitations::send(&state, &me.person.id, &me.person.time_zone, &me.key, &input).await?),
    ))
}

/// Invitations sent and received in the couple space, newest first.
#[utoipa::path(get, path = "/invitations", operation_id = "listInvitations", tag = "conversations",
    security(("bearer" = [])), responses((status = 200, body = Vec<InvitationView>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_invitations(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<Vec<InvitationView>>, ApiError> {
    Ok(Json(invitations::list(&state, &me.person.id, &me.key).await?))
}

/// Answer the partner's invitation: accept, another time, or not now (kindly).
#[utoipa::path(post, path = "/invitations/{invitation_id}/answer", operation_id = "answerInvitation", tag = "conversations",
    security(("bearer" = [])), params(("invitation_id" = String, Path)), request_body = AnswerInvitation,
    responses((status = 200, body = InvitationView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn answer_invitation(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(invitation_id): Path<String>,
    ApiJson(input): ApiJson<AnswerInvitation>,
) -> Result<Json<InvitationView>, ApiError> {
    Ok(Json(invitations::answer(&state, &me.person.id, &me.person.time_zone, &me.key, &invitation_id, &input).await?))
}

/// The ground rules in force and any newer proposal.
#[utoipa::path(get, path = "/ground-rules", operation_id = "getGroundRules", tag = "conversations",
    security(("bearer" = [])), responses((status = 200, body = GroundRulesView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_ground_rules(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<GroundRulesView>, ApiError> {
    Ok(Json(ground_rules::get(&state, &me.person.id, &me.key).await?))
}

/// Propose a version of the ground rules; it counts once the other says yes.
#[utoipa::path(post, path = "/ground-rules", operation_id = "proposeGroundRules", tag = "conversations",
    security(("bearer" = [])), request_body = ProposeRules,
    responses((status = 200, body = GroundRulesView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose_ground_rules(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<ProposeRules>,
) -> Result<Json<GroundRulesView>, ApiError> {
    Ok(Json(ground_rules::propose(&state, &me.person.id, &me.key, &input).await?))
}

/// Say yes to the partner's proposed version.
#[utoipa::path(post, path = "/ground-rules/accept", operation_id = "acceptGroundRules", tag = "conversations",
    security(("bearer" = [])), request_body = AcceptRules,
    responses((status = 200, body = GroundRulesView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn accept_ground_rules(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<AcceptRules>,
) -> Result<Json<GroundRulesView>, ApiError> {
    Ok(Json(ground_rules::accept(&state, &me.person.id, &me.key, &input).await?))
}

/// Offer a repair: an apology, humor, "can we start over?", a hug…
#[utoipa::path(post, path = "/repairs", operation_id = "offerRepair", tag = "conversations",
    security(("bearer" = [])), request_body = OfferRepair,
    responses((status = 201, body = RepairView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn offer_repair(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<OfferRepair>,
) -> Result<(StatusCode, Json<RepairView>), ApiError> {
    Ok((StatusCode::CREATED, Json(repairs::offer(&state, &me.person.id, &me.key, &input).await?)))
}

/// Repairs offered and accepted in the couple space, newest first.
#[utoipa::path(get, path = "/repairs", operation_id = "listRepairs", tag = "conversations",
    security(("bearer" = [])), responses((status = 200, body = Vec<RepairView>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_repairs(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<Vec<RepairView>>, ApiError> {
    Ok(Json(repairs::list(&state, &me.person.id, &me.key).await?))
}

/// Accept the partner's repair, with a thank-you.
#[utoipa::path(post, path = "/repairs/{repair_id}/accept", operation_id = "acceptRepair", tag = "conversations",
    security(("bearer" = [])), params(("repair_id" = String, Path)),
    responses((status = 200, body = RepairView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn accept_repair(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(repair_id): Path<String>,
) -> Result<Json<RepairView>, ApiError> {
    Ok(Json(repairs::accept(&state, &me.person.id, &me.key, &repair_id).await?))
}

/// Schedule a hard talk (needs ground rules both accepted; waits while a pause is quiet).
#[utoipa::path(post, path = "/hard-talks", operation_id = "scheduleHardTalk", tag = "conversations",
    security(("bearer" = [])), request_body = ScheduleTalk,
    responses((status = 201, body = HardTalkView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn schedule_hard_talk(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    ApiJson(input): ApiJson<ScheduleTalk>,
) -> Result<(StatusCode, Json<HardTalkView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(hard_talks::schedule(&state, &me.person.id, &me.person.time_zone, &me.key, &input).await?),
    ))
}

/// The couple's hard talks, newest first.
#[utoipa::path(get, path = "/hard-talks", operation_id = "listHardTalks", tag = "conversations",
    security(("bearer" = [])), responses((status = 200, body = Vec<HardTalkView>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_hard_talks(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
) -> Result<Json<Vec<HardTalkView>>, ApiError> {
    Ok(Json(hard_talks::list(&state, &me.person.id, &me.key).await?))
}

/// Close a hard talk with what you agreed.
#[utoipa::path(post, path = "/hard-talks/{talk_id}/close", operation_id = "closeHardTalk", tag = "conversations",
    security(("bearer" = [])), params(("talk_id" = String, Path)), request_body = CloseTalk,
    responses((status = 200, body = HardTalkView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn close_hard_talk(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(talk_id): Path<String>,
    ApiJson(input): ApiJson<CloseTalk>,
) -> Result<Json<HardTalkView>, ApiError> {
    Ok(Json(hard_talks::close(&state, &me.person.id, &me.key, &talk_id, &input).await?))
}
