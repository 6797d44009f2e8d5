//! Shareable cards at `/cards/{kind}/{id}.svg` and `.png`: the program's own words, no
//! personal data, so no account is needed.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::errors::{not_found_page, service_error_page};
use crate::services::cards;

pub async fn card(Path((kind, file)): Path<(String, String)>) -> Response {
    let download = format!("attachment; filename=\"tend-{kind}-{file}\"");
    if let Some(id) = file.strip_suffix(".svg") {
        return match cards::card(&kind, id) {
            Ok(card) => (
                [(header::CONTENT_TYPE, "image/svg+xml"), (header::CONTENT_DISPOSITION, download.as_str())],
                card.svg(),
            )
                .into_response(),
            Err(err) => service_error_page(err),
        };
    }
    if let Some(id) = file.strip_suffix(".png") {
        return match cards::png(&kind, id) {
            Ok(png) => {
                ([(header::CONTENT_TYPE, "image/png"), (header::CONTENT_DISPOSITION, download.as_str())], png.to_vec())
                    .into_response()
            }
            Err(err) => service_error_page(err),
        };
    }
    not_found_page()
}
