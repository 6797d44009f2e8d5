//! Deleting the account, after the password is entered once more.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use tend_core::msg;

use super::{form_errors, render, see_other, with_cookies, FormErrors, Layout};
use crate::auth::cookies::Cookie;
use crate::auth::csrf::CsrfToken;
use crate::auth::session::PageUser;
use crate::services::accounts::{delete_account, AccountDeletion};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "delete.html")]
struct DeletePage {
    layout: Layout,
    errors: FormErrors,
}

pub async fn confirm(State(state): State<AppState>, csrf: CsrfToken, PageUser(_me): PageUser) -> Response {
    let page = DeletePage {
        layout: Layout::new(&state, &csrf, msg::title_delete_account(), true, "me"),
        errors: FormErrors::default(),
    };
    render(&page, StatusCode::OK)
}

pub async fn delete(
    State(state): State<AppState>,
    csrf: CsrfToken,
    PageUser(me): PageUser,
    Form(form): Form<AccountDeletion>,
) -> Response {
    match delete_account(&state, &me.person.id, &form).await {
        Ok(()) => with_cookies(see_other("/?done=deleted"), [Cookie::Session.clear(&state.settings)]),
        Err(err) => match form_errors(err) {
            Ok(errors) => {
                let page =
                    DeletePage { layout: Layout::new(&state, &csrf, msg::title_delete_account(), true, "me"), errors };
                render(&page, StatusCode::UNPROCESSABLE_ENTITY)
            }
            Err(err) => super::errors::service_error_page(err),
        },
    }
}
