//! The HTML pages: server-rendered, complete without JavaScript, one small file per page.
//! Every form posts back here and goes through the same services as the JSON API.

mod account;
mod account_links;
mod agreements;
mod capsules;
mod cards;
mod checkup;
mod coach;
mod coach_note;
mod delete;
pub mod errors;
mod guides;
mod hard_talks;
mod help_lines;
mod home;
mod hubs;
mod join;
mod journal;
mod joy;
mod landing;
mod leave;
mod listening;
pub(crate) mod live_stream;
pub mod mail;
pub mod offline;
mod own_part;
pub mod page_words;
mod pause;
mod plan;
mod plan_writing;
mod pulse;
mod push;
mod questions;
mod rituals;
mod safety;
mod settings;
mod support;
mod talk;
mod weekly_check;
mod wins;
mod words;

pub use words::{local_date, local_time, notice, week_words, when_words};

use askama::Template;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use tend_core::FieldError;

use crate::auth::csrf::CsrfToken;
use crate::services::ServiceError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(landing::show))
        .route("/signup", get(account::signup_form).post(account::signup))
        .route("/login", get(account::login_form).post(account::login))
        .route("/password/forgot", get(account_links::forgot_form).post(account_links::forgot))
        .route("/password/reset/{token}", get(account_links::reset_form).post(account_links::reset))
        .route("/email/confirm/{token}", get(account_links::email_form).post(account_links::confirm_email))
        .route("/logout", post(account::logout))
        .route("/quick-exit", post(account::quick_exit))
        .route("/home", get(home::show))
        .route("/today/bids/{kind}/{id}", post(home::answer_bid))
        .route("/together", get(hubs::together))
        .route("/talk", get(hubs::talk))
        .route("/me", get(hubs::me))
        .route("/couple", post(home::create_couple))
        .route("/couple/invite", post(home::new_invite))
        .route("/couple/invite/cancel", post(home::cancel_invite))
        .route("/couple/closed/dismiss", post(home::dismiss_closed))
        .route("/join", post(home::join_with_code))
        .route("/join/{token}", get(join::show).post(join::join))
        .route("/couple/leave", get(leave::confirm).post(leave::leave))
        .route("/settings", get(settings::show))
        .route("/settings/profile", post(settings::save_profile))
        .route("/settings/password", post(settings::change_password))
        .route("/settings/recovery-code", post(settings::renew_recovery_code))
        .route("/settings/email", post(settings::change_email))
        .route("/settings/sessions/{session_id}/end", post(settings::end_session))
        .route("/settings/export", get(settings::export))
        .route("/settings/activity", get(settings::activity))
        .route(
            "/settings/import",
            post(settings::import).layer(DefaultBodyLimit::max(crate::auth::csrf::MAX_UPLOAD_BYTES)),
        )
        .route("/settings/delete", get(delete::confirm).post(delete::delete))
        .route("/checkup", get(checkup::show_form).post(checkup::submit))
        .route("/checkup/{id}", get(checkup::show_result))
        .route("/checkup/{id}/share", post(checkup::share))
        .route("/checkup/{id}/unshare", post(checkup::unshare))
        .route("/checkups", get(checkup::history))
        .route("/pulse", get(pulse::show).post(pulse::submit))
        .route("/plan", get(plan::show))
        .route("/plan/start", post(plan::start))
        .route("/plan/steps/{step_id}/done", post(plan::mark_done))
        .route("/plan/steps/{step_id}/smaller", post(plan::make_smaller))
        .route("/plan/pause", post(plan::pause))
        .route("/plan/resume", post(plan::resume))
        .route("/plan/repeat", post(plan::repeat))
        .route("/plan/write/{step_id}", get(plan_writing::show).post(plan_writing::add))
        .route("/plan/write/{step_id}/{id}/share", post(plan_writing::share))
        .route("/agreements", get(agreements::show).post(agreements::create))
        .route("/coach", get(coach::show).post(coach::check))
        .route("/pause", get(pause::show))
        .route("/pause/call", post(pause::call))
        .route("/pause/return", post(pause::propose_return))
        .route("/pause/end", post(pause::end))
        .route("/safety", get(safety::show).post(safety::submit))
        .route("/safety/tools", post(safety::tools))
        .route("/safety/country", post(safety::country))
        .route("/listening", get(listening::show).post(listening::start))
        .route("/listening/step", post(listening::step))
        .route("/invitations", get(talk::invitations).post(talk::send_invitation))
        .route("/invitations/{id}/answer", post(talk::answer_invitation))
        .route("/ground-rules", get(talk::ground_rules).post(talk::propose_ground_rules))
        .route("/ground-rules/accept", post(talk::accept_ground_rules))
        .route("/repairs", get(talk::repairs).post(talk::offer_repair))
        .route("/repairs/{id}/accept", post(talk::accept_repair))
        .route("/hard-talks", get(hard_talks::hard_talks).post(hard_talks::schedule_hard_talk))
        .route("/hard-talks/{id}/close", post(hard_talks::close_hard_talk))
        .route("/questions", get(questions::show).post(questions::add))
        .route("/questions/draw", post(questions::draw))
        .route("/questions/{id}/mark", post(questions::mark))
        .route("/agreements/{id}/accept", post(agreements::accept))
        .route("/agreements/{id}/review", post(agreements::review))
        .route("/rituals", get(rituals::show))
        .route("/rituals/{kind}/answer", post(rituals::answer))
        .route("/rituals/schedule", get(rituals::schedule).post(rituals::save_schedule))
        .route("/timer/start", post(rituals::start_timer))
        .route("/timer/join", post(rituals::join_timer))
        .route("/timer/stop", post(rituals::stop_timer))
        .route("/weekly-check", get(weekly_check::show))
        .route("/weekly-check/start", post(weekly_check::start))
        .route("/weekly-check/{id}", get(weekly_check::summary))
        .route("/weekly-check/{id}/move", post(weekly_check::move_to))
        .route("/weekly-check/{id}/notes", post(weekly_check::add_note))
        .route("/journal", get(journal::show).post(journal::add))
        .route("/journal/{id}/share", post(journal::share))
        .route("/journal/{id}/delete", post(journal::delete))
        .route("/joy", get(joy::show).post(joy::plan))
        .route("/joy/{id}/done", post(joy::done))
        .route("/joy/{id}/cancel", post(joy::cancel))
        .route("/capsules", get(capsules::show).post(capsules::create))
        .route("/capsules/{id}/cancel", post(capsules::cancel))
        .route("/capsules/{id}/open", post(capsules::open))
        .route("/own-your-part", get(own_part::show).post(own_part::start))
        .route("/own-your-part/{id}/days", post(own_part::day))
        .route("/own-your-part/{id}/reflection", post(own_part::reflect))
        .route("/wins", get(wins::show).post(wins::log))
        .route("/guides", get(guides::list))
        .route("/guides/{slug}", get(guides::show))
        .route("/help", get(support::help_show))
        .route("/help/reported", post(support::help_save))
        .route("/help/country", post(support::help_country))
        .route("/situations", get(support::situations_show).post(support::situations_save))
        .route("/situations/clarity", post(support::clarity_add))
        .route("/safety/offer/dismiss", post(support::dismiss_safety_offer))
        .route("/roadblocks", get(support::roadblocks))
        .route("/touch", get(support::touch_show))
        .route("/touch/notes", post(support::touch_note))
        .route("/touch/notes/{id}/share", post(support::touch_share))
        .route("/reminders", get(mail::reminders_show).post(mail::reminders_save))
        .route("/course", get(mail::course_show).post(mail::course_subscribe))
        .route("/course/confirm/{token}", get(mail::course_confirm))
        .route("/reminders/calendar/rotate", post(mail::calendar_rotate))
        .route("/reminders/push", post(push::turn_on))
        .route("/reminders/push/off", post(push::turn_off))
        .route("/calendar/{file}", get(mail::calendar_feed))
        .route("/cards/{kind}/{file}", get(cards::card))
}

/// The `?done=` of a page a form redirected to, naming the calm confirmation to show.
#[derive(serde::Deserialize)]
pub struct Done {
    pub done: Option<String>,
}

/// After a form: a redirect to `ok` on success, the same page again with the errors (422) on
/// invalid input, or a calm error page.
pub async fn after_form<T, P, F>(result: crate::services::ServiceResult<T>, ok: &str, again: F) -> Response
where
    P: Template,
    F: AsyncFnOnce(FormErrors) -> crate::services::ServiceResult<P>,
{
    match result {
        Ok(_) => see_other(ok),
        Err(err) => match form_errors(err) {
            Ok(errors) => match again(errors).await {
                Ok(p) => render(&p, StatusCode::UNPROCESSABLE_ENTITY),
                Err(err) => errors::service_error_page(err),
            },
            Err(err) => errors::service_error_page(err),
        },
    }
}

/// "Friday 27 November 2026" for a day given as `YYYY-MM-DD`, as the templates show it.
pub fn day_label(day: &str) -> String {
    day.parse::<jiff::civil::Date>().map(|d| d.strftime("%A %-d %B %Y").to_string()).unwrap_or_else(|_| day.to_owned())
}

/// What the shared page frame needs: the title (neutral: never a name or anything written),
/// the CSRF token for forms, whether to show the signed-in navigation, and the quick exit.
pub struct Layout {
    pub title: &'static str,
    /// Shown on every open page when a pause begins (read by `app.js` from the page).
    pub pause_called: String,
    pub csrf: String,
    pub signed_in: bool,
    pub nav: &'static str,
    pub quick_exit_url: String,
}

impl Layout {
    pub fn new(state: &AppState, csrf: &CsrfToken, title: &'static str, signed_in: bool, nav: &'static str) -> Self {
        Self {
            title,
            csrf: csrf.0.clone(),
            signed_in,
            nav,
            quick_exit_url: state.settings.quick_exit_url.clone(),
            pause_called: tend_core::content::Content::embedded().pause.called.clone(),
        }
    }
}

/// The field errors of one form, for the error summary and the fields themselves.
#[derive(Default)]
pub struct FormErrors(Vec<FieldError>);

impl FormErrors {
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message)
    }

    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    pub fn list(&self) -> &[FieldError] {
        &self.0
    }

    pub fn one(field: &'static str, message: &'static str) -> Self {
        Self(vec![FieldError::new(field, message)])
    }

    /// The same errors with `from` named `to`: for a form whose field's name must differ from the
    /// service's (two password fields on one page need two ids).
    pub fn renamed(mut self, from: &str, to: &'static str) -> Self {
        for error in &mut self.0 {
            if error.field == from {
                error.field = to;
            }
        }
        self
    }
}

impl From<Vec<FieldError>> for FormErrors {
    fn from(errors: Vec<FieldError>) -> Self {
        Self(errors)
    }
}

/// Splits a failed service call into errors to show on the form, or an error for an error page.
pub fn form_errors(err: ServiceError) -> Result<FormErrors, ServiceError> {
    match err {
        ServiceError::Invalid(errors) => Ok(FormErrors(errors)),
        other => Err(other),
    }
}

pub fn render(template: &impl Template, status: StatusCode) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = ?err, "Failed to render a page");
            errors::plain_failure()
        }
    }
}

/// A page, or the calm error page when its service failed.
pub fn page_or_error<P: Template>(result: crate::services::ServiceResult<P>) -> Response {
    match result {
        Ok(page) => render(&page, StatusCode::OK),
        Err(err) => errors::service_error_page(err),
    }
}

/// After an action: a redirect to `to` when it succeeded, or the calm error page.
pub fn see_other_or_error<T>(result: crate::services::ServiceResult<T>, to: &str) -> Response {
    match result {
        Ok(_) => see_other(to),
        Err(err) => errors::service_error_page(err),
    }
}

/// A redirect after a successful POST, so reloading never sends the form twice.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

pub fn with_cookies(mut response: Response, cookies: impl IntoIterator<Item = HeaderValue>) -> Response {
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// Only local paths may be returned to after log-in (never another site): one leading slash, then
/// no second slash straight after it, and no backslash, whitespace or control character anywhere
/// (browsers drop tabs and newlines, so `/\t/evil.example` would become `//evil.example`).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control()) =>
        {
            path.to_owned()
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_a_local_path_is_returned_to() {
        assert_eq!(safe_next(Some("/join/abc")), "/join/abc");
        assert_eq!(safe_next(Some("/checkup/1?done=shared")), "/checkup/1?done=shared");
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/x\r\nSet-Cookie: a=b",
            "/\u{0}x",
            "/\u{7f}x",
            "https://evil.example",
            "evil.example",
            "/ /evil.example",
        ] {
            assert_eq!(safe_next(Some(bad)), "", "{bad:?} is refused");
        }
        assert_eq!(safe_next(None), "");
    }
}
