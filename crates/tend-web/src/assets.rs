//! The static files (stylesheet, script, icons, manifest), embedded in the binary.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::pages::errors::not_found_page;

fn asset(name: &str) -> Option<(&'static str, &'static [u8])> {
    Some(match name {
        "app.css" => ("text/css; charset=utf-8", include_bytes!("../static/app.css")),
        "app.js" => ("text/javascript; charset=utf-8", include_bytes!("../static/app.js")),
        "icon.svg" => ("image/svg+xml", include_bytes!("../static/icon.svg")),
        "icon-192.png" => ("image/png", include_bytes!("../static/icon-192.png")),
        "icon-512.png" => ("image/png", include_bytes!("../static/icon-512.png")),
        "icon-maskable-512.png" => ("image/png", include_bytes!("../static/icon-maskable-512.png")),
        "apple-touch-icon.png" => ("image/png", include_bytes!("../static/apple-touch-icon.png")),
        "manifest.webmanifest" => ("application/manifest+json", include_bytes!("../static/manifest.webmanifest")),
        _ => return None,
    })
}

pub async fn static_file(Path(name): Path<String>) -> Response {
    match asset(&name) {
        Some((content_type, body)) => ([(header::CONTENT_TYPE, content_type)], body).into_response(),
        None => not_found_page(),
    }
}

pub async fn manifest() -> Response {
    static_file(Path("manifest.webmanifest".to_owned())).await
}
