//! What people's browsers meet: the public URL and whether its cookies can work (a `Secure`
//! cookie sent over plain HTTP is dropped, so nobody could sign in), and the system clock
//! (sessions, reminders and the plan's days all count from it).

use super::Check;
use crate::config::Config;

const LABEL: &str = "public URL";

pub fn public_url(config: &Config) -> Check {
    let bound = config.listen.parse().unwrap_or_else(|_| std::net::SocketAddr::from(([127, 0, 0, 1], 8080)));
    let settings = config.web_settings(bound);
    let url = settings.public_url.as_str();
    let https = url.starts_with("https://");
    if !https && !url.starts_with("http://") {
        return Check::fail(
            LABEL,
            format!("{url} is not an http:// or https:// address"),
            "set TEND_PUBLIC_URL (public_url) to the address people type, e.g. https://tend.example.org",
        );
    }
    match (https, settings.cookie_secure) {
        (true, true) => Check::ok(LABEL, format!("{url} with secure cookies")),
        (true, false) => Check::warn(
            LABEL,
            format!("{url} is HTTPS but secure cookies are off (TEND_COOKIE_SECURE=false)"),
            "remove TEND_COOKIE_SECURE (cookie_secure) so sign-in cookies are Secure and HSTS is sent",
        ),
        (false, true) => Check::fail(
            LABEL,
            format!("{url} is plain HTTP but secure cookies are on, so browsers drop the sign-in cookie and nobody can sign in"),
            "serve Tend behind HTTPS (Caddy, nginx) and set TEND_PUBLIC_URL=https://…, or set TEND_COOKIE_SECURE=false \
             for plain-HTTP use on this machine only",
        ),
        (false, false) if is_loopback(url) => Check::ok(LABEL, format!("{url}: plain HTTP, on this machine only")),
        (false, false) => Check::warn(
            LABEL,
            format!("{url} is plain HTTP: passwords and sessions cross the network unencrypted"),
            "serve Tend behind HTTPS (Caddy, nginx) and set TEND_PUBLIC_URL=https://…",
        ),
    }
}

fn is_loopback(url: &str) -> bool {
    let host = url.trim_start_matches("http://").split(['/', '?']).next().unwrap_or("");
    let host = host.rsplit_once(':').map_or(host, |(h, port)| if port.parse::<u16>().is_ok() { h } else { host });
    host == "localhost" || host.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The clock must read later than the commit this binary was built from: a clock stuck in the
/// past (no RTC battery, no NTP yet) would end sessions, send reminders and count plan days wrong.
pub fn clock() -> Check {
    let now = jiff::Timestamp::now();
    let built: i64 = env!("TEND_BUILD_EPOCH").parse().unwrap_or(0);
    let built = jiff::Timestamp::from_second(built).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let day = |t: jiff::Timestamp| t.strftime("%Y-%m-%d %H:%M UTC").to_string();
    if now < built {
        Check::fail(
            "clock",
            format!("the system clock reads {}, before this Tend was built ({})", day(now), day(built)),
            "set the clock right and keep it so (timedatectl set-ntp true, or chrony/systemd-timesyncd)",
        )
    } else {
        Check::ok("clock", format!("{} (after this build, {})", day(now), day(built)))
    }
}
