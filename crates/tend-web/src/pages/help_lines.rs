//! Help lines on the safety and help pages: the country picker and the lines it shows. The chosen
//! country lives only in a cookie on this device, tied to the person who chose it (anyone else
//! signing in on the same browser sees nothing of it) and cleared at log-out and quick exit. It is
//! never stored by Tend, so no page, export or operation can pass it to the partner.

use std::future::Future;
use tend_core::ids::PersonId;

use askama::Template;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use tend_core::secret::secret_hash;

use super::errors::service_error_page;
use super::{form_errors, render, see_other, with_cookies, FormErrors};
use crate::auth::cookies::Cookie;
use crate::auth::session::Authenticated;
use crate::services::help_lines::{self, HelplinesView};
use crate::services::ServiceResult;
use crate::state::AppState;

/// The lines part of a page: what to choose from, what was chosen, and where the choice goes.
pub struct LinesSection {
    pub view: HelplinesView,
    /// The form's action.
    pub action: &'static str,
    pub errors: FormErrors,
}

impl LinesSection {
    /// The section as this person left it on this device.
    pub fn new(headers: &HeaderMap, state: &AppState, me: &Authenticated, action: &'static str) -> Self {
        Self { view: help_lines::view(chosen(headers, state, me)), action, errors: FormErrors::default() }
    }
}

/// Ties a cookie's value to one person, so it means nothing to anyone else on the same browser.
fn tag(person_id: &PersonId) -> String {
    secret_hash("tend-help-lines-country", person_id)[..16].to_owned()
}

/// The country this person chose on this device, if any (and still listed).
fn chosen(headers: &HeaderMap, state: &AppState, me: &Authenticated) -> Option<&'static str> {
    let value = Cookie::Country.read(headers, &state.settings)?;
    let (code, tagged) = value.split_once('.')?;
    if tagged != tag(&me.person.id) {
        return None;
    }
    help_lines::country(code).ok().flatten()
}

#[derive(Deserialize)]
pub struct CountryForm {
    #[serde(default)]
    country: String,
}

/// Keeps a country choice on this device (or forgets it, for "Choose a country") and goes back to
/// `to`; an unknown country is refused (422), nothing changes, and `page` is shown again with the
/// section's error.
pub async fn choose<P, F, Fut>(
    state: &AppState,
    me: &Authenticated,
    headers: &HeaderMap,
    form: &CountryForm,
    to: &str,
    action: &'static str,
    page: F,
) -> Response
where
    P: Template,
    F: FnOnce(LinesSection) -> Fut,
    Fut: Future<Output = ServiceResult<P>>,
{
    let refused = match help_lines::country(&form.country) {
        Ok(Some(code)) => {
            let cookie = Cookie::Country.set(&format!("{code}.{}", tag(&me.person.id)), None, &state.settings);
            return with_cookies(see_other(to), [cookie]);
        }
        Ok(None) => return with_cookies(see_other(to), [Cookie::Country.clear(&state.settings)]),
        Err(err) => err,
    };
    match form_errors(refused) {
        Ok(errors) => match page(LinesSection { errors, ..LinesSection::new(headers, state, me, action) }).await {
            Ok(p) => render(&p, StatusCode::UNPROCESSABLE_ENTITY),
            Err(err) => service_error_page(err),
        },
        Err(err) => service_error_page(err),
    }
}
