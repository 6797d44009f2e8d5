//! The settings the web layer needs, already resolved from the host's configuration.

use jiff::SignedDuration;
use tend_core::session_policy::SessionTimeouts;

/// Where quick exit leads unless the host chose another neutral site.
pub const DEFAULT_QUICK_EXIT_URL: &str = "https://www.wikipedia.org/";

#[derive(Debug, Clone)]
pub struct WebSettings {
    /// The address people reach Tend at, used in invite links (no trailing slash).
    pub public_url: String,
    /// Mark cookies `Secure` and use the `__Host-` prefix; also turns on HSTS.
    pub cookie_secure: bool,
    /// Where the quick-exit control leads: a neutral site.
    pub quick_exit_url: String,
    pub session_timeouts: SessionTimeouts,
    pub invite_lifetime: SignedDuration,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub trust_forwarded_for: bool,
    /// How long a pause keeps hard-talk tools closed (never below twenty minutes).
    pub pause_quiet: SignedDuration,
    /// Help lines the host lists for people who may be in danger (shown before the defaults).
    pub safety_resources: Vec<tend_core::content::Resource>,
    /// Couples therapy and coaching the host recommends on the help page (no ads, no paid referrals).
    pub help_resources: Vec<tend_core::content::Resource>,
    /// `/metrics` answers only requests with `Authorization: Bearer` this token; `None`: it is off.
    pub metrics_token: Option<String>,
    /// Web Push notifications (`TEND_PUSH=off` turns them off: no settings, nothing sent).
    pub push_enabled: bool,
    /// Accept push endpoints at `http://` on this machine (a stand-in push service, in tests
    /// only); otherwise only `https://` endpoints at a host name are accepted.
    pub push_allow_local_http: bool,
}

impl WebSettings {
    /// Settings for local use at `public_url`: cookies are `Secure` only when it is HTTPS.
    pub fn for_url(public_url: &str) -> Self {
        Self {
            public_url: public_url.trim_end_matches('/').to_owned(),
            cookie_secure: public_url.starts_with("https://"),
            quick_exit_url: DEFAULT_QUICK_EXIT_URL.to_owned(),
            session_timeouts: SessionTimeouts::default(),
            invite_lifetime: SignedDuration::from_hours(24 * 7),
            trust_forwarded_for: false,
            pause_quiet: tend_core::pause::MIN_QUIET,
            safety_resources: Vec::new(),
            help_resources: Vec::new(),
            metrics_token: None,
            push_enabled: true,
            push_allow_local_http: false,
        }
    }
}
