//! Help lines people can call: the national domestic-abuse and crisis lines of the country a
//! person picks privately (from `content/helplines.toml`). The choice is never stored by Tend:
//! pages keep it in a cookie on the person's own device, the API takes it as a parameter. So it
//! is in no table, no export and nothing the partner can read.

use serde::Serialize;
use tend_core::content::{Content, Helpline, HelplineKind};
use tend_core::msg;
use utoipa::ToSchema;

use super::{ServiceError, ServiceResult};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CountryOption {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    pub name: String,
    /// Whether this is the country asked for.
    pub chosen: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HelplineView {
    pub name: String,
    /// `domestic-abuse` or `crisis`.
    pub kind: String,
    /// What it is for, in a few words.
    pub kind_label: String,
    /// Who it is for.
    pub about: String,
    /// The number as people write it in that country.
    pub phone: Option<String>,
    /// The number to dial, for a `tel:` link: digits and a leading `+` only.
    pub dial: Option<String>,
    pub website: Option<String>,
    /// The public page the line was checked against.
    pub source: String,
    /// When it was checked, `YYYY-MM-DD`.
    pub checked: String,
}

impl HelplineView {
    /// "28 November 2026": the checked date as people read it.
    pub fn checked_words(&self) -> String {
        self.checked
            .parse::<jiff::civil::Date>()
            .map(|d| d.strftime("%-d %B %Y").to_string())
            .unwrap_or_else(|_| self.checked.clone())
    }

    /// The website without its `https://`, as a link's words.
    pub fn website_words(&self) -> &str {
        let site = self.website.as_deref().unwrap_or_default();
        site.strip_prefix("https://").unwrap_or(site).trim_end_matches('/')
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HelplinesView {
    /// The country asked for, when one was.
    pub country: Option<String>,
    pub country_name: Option<String>,
    /// Every country with lines, by name: what to choose from.
    pub countries: Vec<CountryOption>,
    /// The country's lines (empty when no country was asked for).
    pub lines: Vec<HelplineView>,
}

/// Checks a country choice: empty means none; otherwise it must be one of the countries listed.
pub fn country(raw: &str) -> ServiceResult<Option<&'static str>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    Content::embedded()
        .helplines
        .countries()
        .into_iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(raw))
        .map(|(code, _)| Some(code))
        .ok_or_else(|| ServiceError::field("country", msg::help_lines_choose_country_from_list()))
}

/// The digits to dial: a leading "+" kept, a trunk "(0)" after a country code dropped.
fn dial(phone: &str) -> String {
    let international = phone.trim_start().starts_with('+');
    let phone = if international { phone.replace("(0)", "") } else { phone.to_owned() };
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if international {
        format!("+{digits}")
    } else {
        digits
    }
}

fn line(line: &Helpline) -> HelplineView {
    let (kind, kind_label) = match line.kind {
        HelplineKind::DomesticAbuse => ("domestic-abuse", msg::help_lines_abuse_violence_at_home()),
        HelplineKind::Crisis => ("crisis", msg::help_lines_support_crisis()),
    };
    HelplineView {
        name: line.name.clone(),
        kind: kind.to_owned(),
        kind_label: kind_label.to_owned(),
        about: line.about.clone(),
        dial: line.phone.as_deref().map(dial),
        phone: line.phone.clone(),
        website: line.website.clone(),
        source: line.source.clone(),
        checked: line.checked.clone(),
    }
}

/// The countries to choose from and, for a country already checked with [`country`], its lines.
pub fn view(country: Option<&str>) -> HelplinesView {
    let helplines = &Content::embedded().helplines;
    let countries = helplines.countries();
    let chosen = country.and_then(|c| countries.iter().find(|(code, _)| *code == c));
    HelplinesView {
        country: chosen.map(|(code, _)| (*code).to_owned()),
        country_name: chosen.map(|(_, name)| (*name).to_owned()),
        countries: countries
            .iter()
            .map(|(code, name)| CountryOption {
                code: (*code).to_owned(),
                name: (*name).to_owned(),
                chosen: chosen.is_some_and(|(c, _)| c == code),
            })
            .collect(),
        lines: chosen.map(|(code, _)| helplines.for_country(code).iter().map(line).collect()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_dialled_with_digits_and_a_leading_plus_only() {
        assert_eq!(dial("116 016"), "116016");
        assert_eq!(dial("1-800-799-7233"), "18007997233");
        assert_eq!(dial("+44 (0)808 2000 247"), "+448082000247");
        assert_eq!(dial("(02) 9876 5432"), "0298765432");
    }

    #[test]
    fn a_country_is_one_of_the_list_in_any_case_or_none() {
        assert_eq!(country("de").unwrap(), Some("DE"));
        assert_eq!(country(" DE ").unwrap(), Some("DE"));
        assert_eq!(country("").unwrap(), None);
        assert!(matches!(country("ZZ"), Err(ServiceError::Invalid(_))));
        assert!(matches!(country("Germany"), Err(ServiceError::Invalid(_))));
    }

    #[test]
    fn a_chosen_country_brings_its_lines_with_when_they_were_checked() {
        let view = view(Some("DE"));
        assert_eq!(view.country_name.as_deref(), Some("Germany"));
        assert!(view.countries.iter().filter(|c| c.chosen).map(|c| c.code.as_str()).eq(["DE"]));
        let line = view.lines.iter().find(|l| l.phone.as_deref() == Some("116 016")).expect("the national line");
        assert_eq!(line.dial.as_deref(), Some("116016"));
        assert!(line.checked_words().ends_with(&line.checked[..4]), "{}", line.checked_words());
        assert!(super::view(None).lines.is_empty());
    }
}
