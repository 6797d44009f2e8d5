//! Tend's four cookies and their flags. Served over HTTPS they are `__Host-` prefixed and
//! `Secure`; always `HttpOnly`, `SameSite=Lax`, `Path=/`. Plain-HTTP local use drops the prefix
//! and `Secure` (setting `TEND_COOKIE_SECURE=false`, or a `http://` public URL).

use axum::http::{header, HeaderMap, HeaderValue};

use crate::settings::WebSettings;

#[derive(Debug, Clone, Copy)]
pub enum Cookie {
    /// The signed-in session's token.
    Session,
    /// The double-submit token that every form carries.
    Csrf,
    /// Marks a browser that signed in before, so it keeps its own log-in allowance.
    Device,
    /// The country whose help lines a person chose, kept only on their device (never stored by
    /// Tend); see `pages::help_lines`.
    Country,
}

impl Cookie {
    pub fn name(self, settings: &WebSettings) -> &'static str {
        match (self, settings.cookie_secure) {
            (Cookie::Session, true) => "__Host-tend_session",
            (Cookie::Session, false) => "tend_session",
            (Cookie::Csrf, true) => "__Host-tend_csrf",
            (Cookie::Csrf, false) => "tend_csrf",
            (Cookie::Device, true) => "__Host-tend_device",
            (Cookie::Device, false) => "tend_device",
            (Cookie::Country, true) => "__Host-tend_country",
            (Cookie::Country, false) => "tend_country",
        }
    }

    pub fn read(self, headers: &HeaderMap, settings: &WebSettings) -> Option<String> {
        let name = self.name(settings);
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_owned())
            .filter(|value| !value.is_empty())
    }

    /// A `Set-Cookie` value; `max_age` in seconds (`None` for a browser-session cookie).
    pub fn set(self, value: &str, max_age: Option<i64>, settings: &WebSettings) -> HeaderValue {
        let mut cookie = format!("{}={value}; Path=/; HttpOnly; SameSite=Lax", self.name(settings));
        if let Some(age) = max_age {
            cookie.push_str(&format!("; Max-Age={age}"));
        }
        if settings.cookie_secure {
            cookie.push_str("; Secure");
        }
        HeaderValue::from_str(&cookie).expect("cookie values are URL-safe")
    }

    pub fn clear(self, settings: &WebSettings) -> HeaderValue {
        self.set("", Some(0), settings)
    }
}

/// How long a browser keeps its device cookie.
pub const DEVICE_COOKIE_SECONDS: i64 = 400 * 24 * 3600;
