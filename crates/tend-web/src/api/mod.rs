//! The JSON API under `/api/v1`, and its OpenAPI 3.1 document generated from the handlers
//! (so the document cannot drift from the code) at `/api/openapi.json`.

pub mod account_links;
pub mod accounts;
pub mod agreements;
pub mod bids;
pub mod calendar;
pub mod capsules;
pub mod checkups;
pub mod coach;
mod common_responses;
pub mod conversations;
pub mod couple;
pub mod error;
pub mod experiments;
pub mod guides;
pub mod help_lines;
pub mod journal;
pub mod joy;
pub mod listening;
pub mod mail;
pub mod me;
pub mod pause;
pub mod plan;
pub mod push;
pub mod questions;
pub mod rituals;
pub mod safety;
pub mod support;
pub mod views;
pub mod weekly_check;
pub mod wins;

use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "Tend API", description = "A self-hosted companion for couples reconnecting."),
    modifiers(&BearerAuth),
    tags((name = "accounts"), (name = "me"), (name = "couple"), (name = "program"), (name = "conversations"), (name = "safety"), (name = "rituals"), (name = "guides"), (name = "reminders"))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API routes and the OpenAPI document describing them.
pub fn router() -> (Router<AppState>, OpenApiDoc) {
    let v1: OpenApiRouter<AppState> = OpenApiRouter::new()
        .routes(routes!(accounts::create_account))
        .routes(routes!(accounts::create_session, accounts::list_sessions))
        .routes(routes!(accounts::delete_session))
        .routes(routes!(accounts::revoke_session))
        .routes(routes!(me::get_me, me::update_me, me::delete_account))
        .routes(routes!(me::change_password))
        .routes(routes!(me::renew_recovery_code))
        .routes(routes!(me::change_email))
        .routes(routes!(push::get_push_status))
        .routes(routes!(push::subscribe_push, push::unsubscribe_push))
        .routes(routes!(account_links::request_password_reset))
        .routes(routes!(account_links::reset_password))
        .routes(routes!(account_links::confirm_email_change))
        .routes(routes!(me::export_my_data))
        .routes(routes!(me::list_security_log))
        .routes(routes!(me::import_my_data))
        .routes(routes!(couple::create_couple, couple::get_couple))
        .routes(routes!(couple::create_invite))
        .routes(routes!(couple::revoke_invite))
        .routes(routes!(couple::join_couple))
        .routes(routes!(couple::leave_couple))
        .routes(routes!(checkups::get_checkup_items))
        .routes(routes!(checkups::submit_checkup, checkups::list_checkups))
        .routes(routes!(checkups::get_checkup))
        .routes(routes!(checkups::share_checkup, checkups::unshare_checkup))
        .routes(routes!(checkups::submit_pulse, checkups::list_pulses))
        .routes(routes!(plan::start_plan, plan::get_plan))
        .routes(routes!(plan::complete_step))
        .routes(routes!(plan::shrink_step))
        .routes(routes!(plan::repeat_week))
        .routes(routes!(plan::pause_plan))
        .routes(routes!(plan::resume_plan))
        .routes(routes!(plan::get_today))
        .routes(routes!(agreements::create_agreement, agreements::list_agreements))
        .routes(routes!(agreements::accept_agreement))
        .routes(routes!(agreements::review_agreement))
        .routes(routes!(coach::analyze_startup))
        .routes(routes!(questions::list_questions, questions::add_question))
        .routes(routes!(questions::draw_questions))
        .routes(routes!(questions::mark_question))
        .routes(routes!(pause::call_pause, pause::get_pause))
        .routes(routes!(pause::propose_return))
        .routes(routes!(pause::end_pause))
        .routes(routes!(conversations::list_openers))
        .routes(routes!(conversations::send_invitation, conversations::list_invitations))
        .routes(routes!(conversations::answer_invitation))
        .routes(routes!(conversations::get_ground_rules, conversations::propose_ground_rules))
        .routes(routes!(conversations::accept_ground_rules))
        .routes(routes!(conversations::offer_repair, conversations::list_repairs))
        .routes(routes!(conversations::accept_repair))
        .routes(routes!(conversations::schedule_hard_talk, conversations::list_hard_talks))
        .routes(routes!(conversations::close_hard_talk))
        .routes(routes!(listening::start_listening, listening::get_listening))
        .routes(routes!(listening::step_listening))
        .routes(routes!(safety::get_safety_check, safety::submit_safety_check))
        .routes(routes!(safety::set_joint_tools))
        .routes(routes!(rituals::get_ritual_schedule, rituals::set_ritual_schedule))
        .routes(routes!(rituals::get_ritual_day))
        .routes(routes!(rituals::answer_ritual))
        .routes(routes!(rituals::get_timer, rituals::start_timer))
        .routes(routes!(rituals::join_timer))
        .routes(routes!(rituals::stop_timer))
        .routes(routes!(weekly_check::start_weekly_check, weekly_check::list_weekly_checks))
        .routes(routes!(weekly_check::get_weekly_check))
        .routes(routes!(weekly_check::move_weekly_check))
        .routes(routes!(weekly_check::add_weekly_check_note))
        .routes(routes!(journal::list_journal, journal::add_journal_entry))
        .routes(routes!(journal::share_journal_entry))
        .routes(routes!(journal::delete_journal_entry))
        .routes(routes!(joy::list_shared_joy, joy::plan_shared_joy))
        .routes(routes!(joy::complete_shared_joy))
        .routes(routes!(joy::cancel_shared_joy))
        .routes(routes!(capsules::list_capsules, capsules::create_capsule))
        .routes(routes!(capsules::cancel_capsule))
        .routes(routes!(capsules::open_capsule))
        .routes(routes!(experiments::list_experiments, experiments::start_experiment))
        .routes(routes!(experiments::log_experiment_day))
        .routes(routes!(experiments::reflect_experiment))
        .routes(routes!(bids::list_bids))
        .routes(routes!(bids::dismiss_bid))
        .routes(routes!(wins::log_win))
        .routes(routes!(wins::get_momentum))
        .routes(routes!(support::get_help_signals))
        .routes(routes!(support::set_help_signals))
        .routes(routes!(support::get_situation, support::set_situation))
        .routes(routes!(support::add_clarity_note))
        .routes(routes!(support::get_touch))
        .routes(routes!(support::add_touch_note))
        .routes(routes!(support::share_touch_note))
        .routes(routes!(guides::list_guides))
        .routes(routes!(guides::search_guides))
        .routes(routes!(guides::get_guide))
        .routes(routes!(help_lines::list_help_lines))
        .routes(routes!(mail::get_reminder_settings, mail::update_reminder_settings))
        .routes(routes!(mail::subscribe_guidance))
        .routes(routes!(mail::confirm_guidance))
        .routes(routes!(mail::unsubscribe_guidance))
        .routes(routes!(calendar::get_calendar_feed_url))
        .routes(routes!(calendar::rotate_calendar_feed));
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1).split_for_parts();
    // After the routes are in: the answers every operation may give beside its own.
    common_responses::CommonResponses.modify(&mut doc);
    let served = doc.clone();
    let router = router.route("/api/openapi.json", get(move || async move { Json(served) }));
    (router, doc)
}
