//! A person's IANA time zone ("Europe/Berlin"); every "today" in Tend is computed in it.

use crate::msg;
use crate::FieldError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZoneName(String);

impl TimeZoneName {
    /// One of the zones in the selector (`all()`): a real place ("Region/City") or UTC. Names
    /// the database also knows but nobody lives in ("Factory", "localtime", "EST5EDT") are refused.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim();
        if value.is_empty() || value.len() > 64 || !Self::selectable(value) || jiff::tz::TimeZone::get(value).is_err() {
            return Err(FieldError::new(field, msg::time_zone_choose_time_zone_from()));
        }
        Ok(Self(value.to_owned()))
    }

    /// The one rule for which names a person may pick (shared by `parse` and `all`).
    fn selectable(name: &str) -> bool {
        (name.contains('/') && !name.starts_with("Etc/") && !name.starts_with("SystemV/")) || name == "UTC"
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Every zone a person can pick, sorted, for the time-zone selector.
    pub fn all() -> Vec<String> {
        let mut names: Vec<String> =
            jiff::tz::db().available().map(|name| name.to_string()).filter(|name| Self::selectable(name)).collect();
        names.sort();
        names.dedup();
        names
    }
}

/// The zone a stored name stands for. Names are checked when they are written (`parse`), so
/// this finds every one; a name the time-zone database no longer knows (an older database file,
/// a zone renamed upstream) falls back to UTC, and says so in the log rather than silently.
pub fn zone_of(name: &str) -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(name).unwrap_or_else(|err| {
        tracing::warn!(zone = name, error = %err, "unknown time zone; using UTC");
        jiff::tz::TimeZone::UTC
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_zones_are_accepted() {
        for zone in ["Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "UTC"] {
            assert!(TimeZoneName::parse("tz", zone).is_ok(), "{zone}");
        }
    }

    #[test]
    fn invented_zones_are_refused() {
        for zone in
            ["", "Mars/Olympus", "Europe/Berlin/Mitte", "../etc/passwd", "Factory", "localtime", "EST5EDT", "Etc/GMT+5"]
        {
            assert!(TimeZoneName::parse("tz", zone).is_err(), "{zone:?}");
        }
    }

    #[test]
    fn the_selector_lists_hundreds_of_zones_including_utc() {
        let all = TimeZoneName::all();
        assert!(all.len() > 300);
        assert!(all.iter().any(|z| z == "UTC"));
        assert!(all.iter().any(|z| z == "Pacific/Auckland"));
    }
}
