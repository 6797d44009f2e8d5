//! The static files (stylesheet, script, icons, manifest, service worker), embedded in the binary.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::pages::errors::not_found_page;

const ASSET_NAMES: [&str; 8] = [
    "app.css",
    "app.js",
    "icon.svg",
    "icon-192.png",
    "icon-512.png",
    "icon-maskable-512.png",
    "apple-touch-icon.png",
    "manifest.webmanifest",
];

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

/// The service worker's source; `sw.js` fills in the two marked places.
const SERVICE_WORKER: &str = include_str!("../static/sw.js");
const VERSION_MARK: &str = "__TEND_SHELL_VERSION__";
const GUIDES_MARK: &str = "[/* __TEND_GUIDES__ */]";

/// Everything the service worker keeps decides its cache's name: a new build with new styles,
/// script, icons, templates or guides becomes a new worker, which replaces the old cache.
fn shell_version() -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    SERVICE_WORKER.hash(&mut hasher);
    for name in ASSET_NAMES {
        if let Some((_, body)) = asset(name) {
            body.hash(&mut hasher);
        }
    }
    for template in [
        include_str!("../templates/base.html"),
        include_str!("../templates/offline.html"),
        include_str!("../templates/guides.html"),
        include_str!("../templates/guide.html"),
    ] {
        template.hash(&mut hasher);
    }
    for summary in crate::services::guides::list() {
        format!("{summary:?}").hash(&mut hasher);
        format!("{:?}", crate::services::guides::get(&summary.slug).ok()).hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

fn service_worker_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let guides: Vec<String> = std::iter::once("/guides".to_owned())
            .chain(crate::services::guides::list().into_iter().map(|g| format!("/guides/{}", g.slug)))
            .collect();
        let guides = serde_json::to_string(&guides).unwrap_or_else(|_| "[]".to_owned());
        SERVICE_WORKER.replacen(VERSION_MARK, &shell_version(), 1).replacen(GUIDES_MARK, &guides, 1)
    })
}

/// `/sw.js`, at the root so its scope is the whole site. Browsers check it for changes on every
/// visit (`no-cache`, set in `security.rs`), so a new build's worker arrives at once.
pub async fn service_worker() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], service_worker_source()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_asset_is_embedded() {
        for name in ASSET_NAMES {
            assert!(asset(name).is_some(), "{name}");
        }
    }

    #[test]
    fn the_service_worker_is_filled_in() {
        let source = service_worker_source();
        assert!(!source.contains("__TEND_"), "a mark left in sw.js");
        let version = shell_version();
        assert_eq!(version.len(), 16);
        assert!(source.contains(&format!("var VERSION = '{version}';")));
        assert!(source.contains("var GUIDES = [\"/guides\","));
        for guide in crate::services::guides::list() {
            assert!(source.contains(&format!("\"/guides/{}\"", guide.slug)), "{}", guide.slug);
        }
        // The worker keeps every shell file the server embeds (the icons and the manifest among them).
        for name in ASSET_NAMES {
            let path = if name == "manifest.webmanifest" { format!("'/{name}'") } else { format!("'/static/{name}'") };
            assert!(source.contains(&path), "sw.js does not keep {path}");
        }
    }
}
