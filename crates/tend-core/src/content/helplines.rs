//! The default help lines: national domestic-abuse and crisis lines by country, each with the
//! public source it was checked against and the date it was checked. Shown by the country a
//! person picks privately, after the host's own entries.

use serde::{Deserialize, Serialize};

use super::non_empty;

const FILE: &str = "helplines.toml";

/// Below this many countries the list is not a default anyone can rely on.
pub const MIN_COUNTRIES: usize = 15;

/// The file as shipped.
pub const EMBEDDED: &str = include_str!("../../../../content/helplines.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helplines {
    countries: Vec<Country>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Country {
    code: String,
    name: String,
    lines: Vec<Helpline>,
}

/// What a line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HelplineKind {
    DomesticAbuse,
    Crisis,
}

/// One line someone can call or visit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Helpline {
    pub name: String,
    pub kind: HelplineKind,
    /// The number to dial, as people write it in that country.
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    /// Who it is for, in Tend's words.
    pub about: String,
    /// The public page the line was checked against.
    #[serde(default)]
    pub source: String,
    /// When it was checked, `YYYY-MM-DD`.
    #[serde(default)]
    pub checked: String,
}

impl Helplines {
    /// Parses and checks a helplines file on its own (the content loader does the same as part
    /// of `Content::load`).
    pub fn load(text: &str) -> Result<Helplines, Vec<String>> {
        let mut problems = Vec::new();
        let helplines: Helplines = super::parse(FILE, text, &mut problems).ok_or_else(|| problems.clone())?;
        helplines.check(&mut problems);
        if problems.is_empty() {
            Ok(helplines)
        } else {
            Err(problems)
        }
    }

    /// The lines for a country (ISO 3166-1 alpha-2, any case); empty when none are listed.
    pub fn for_country(&self, code: &str) -> &[Helpline] {
        self.countries.iter().find(|c| c.code.eq_ignore_ascii_case(code.trim())).map_or(&[], |c| &c.lines)
    }

    /// Every country with lines, as (code, name), sorted by name: what a country picker shows.
    pub fn countries(&self) -> Vec<(&str, &str)> {
        let mut list: Vec<(&str, &str)> = self.countries.iter().map(|c| (c.code.as_str(), c.name.as_str())).collect();
        list.sort_by(|a, b| a.1.cmp(b.1));
        list
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        if self.countries.len() < MIN_COUNTRIES {
            problems.push(format!(
                "content/{FILE}: at least {MIN_COUNTRIES} countries are expected, found {}",
                self.countries.len()
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for country in &self.countries {
            let code = country.code.as_str();
            if !is_country_code(code) {
                problems.push(format!("content/{FILE}: {code:?} is not a country code (two upper-case letters)"));
            }
            if !seen.insert(code) {
                problems.push(format!("content/{FILE}: the country {code:?} is listed twice"));
            }
            non_empty(FILE, &format!("the name of {code}"), &country.name, problems);
            if country.lines.is_empty() {
                problems.push(format!("content/{FILE}: {code} has no lines"));
            }
            for line in &country.lines {
                line.check(code, problems);
            }
        }
    }
}

impl Helpline {
    fn check(&self, code: &str, problems: &mut Vec<String>) {
        let what = format!("{code} / {}", self.name);
        non_empty(FILE, &format!("the name of a line in {code}"), &self.name, problems);
        non_empty(FILE, &format!("what {what} is for"), &self.about, problems);
        if self.phone.is_none() && self.website.is_none() {
            problems.push(format!("content/{FILE}: {what} has neither a phone number nor a website"));
        }
        if let Some(phone) = &self.phone {
            if !is_phone_number(phone) {
                problems.push(format!(
                    "content/{FILE}: {what} has the phone number {phone:?}; only digits, spaces, +, - and parentheses are allowed"
                ));
            }
        }
        if let Some(website) = &self.website {
            if !website.starts_with("https://") || website.len() <= "https://".len() {
                problems
                    .push(format!("content/{FILE}: {what} has the website {website:?}, which is not an https address"));
            }
        }
        if !is_url(&self.source) {
            problems.push(format!("content/{FILE}: {what} has no source URL it was checked against"));
        }
        if !is_date(&self.checked) {
            problems.push(format!("content/{FILE}: {what} has no date it was checked (YYYY-MM-DD)"));
        }
    }
}

fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase())
}

fn is_phone_number(phone: &str) -> bool {
    phone.chars().any(|c| c.is_ascii_digit())
        && phone.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')'))
}

fn is_url(text: &str) -> bool {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
}

/// Exactly `YYYY-MM-DD`, and a day that exists.
fn is_date(text: &str) -> bool {
    let shape = text.len() == 10
        && text.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    shape && text.parse::<jiff::civil::Date>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid file with `n` countries, each with one line; `edit` changes the text of the first.
    fn file(n: usize, edit: impl Fn(String) -> String) -> String {
        let mut text = String::new();
        for i in 0..n {
            let code = format!("{}{}", (b'A' + (i / 26) as u8) as char, (b'A' + (i % 26) as u8) as char);
            let country = format!(
                "[[countries]]\ncode = \"{code}\"\nname = \"Country {i}\"\n\n  [[countries.lines]]\n  name = \"Line {i}\"\n  kind = \"crisis\"\n  phone = \"+1 (800) 555-0100\"\n  website = \"https://example.org\"\n  about = \"Someone to talk to.\"\n  source = \"https://example.org/line\"\n  checked = \"2026-11-28\"\n\n"
            );
            text.push_str(&if i == 0 { edit(country) } else { country });
        }
        text
    }

    fn problems(text: &str) -> Vec<String> {
        Helplines::load(text).expect_err("the file should be refused")
    }

    fn refused_with(text: &str, needle: &str) {
        let problems = problems(text);
        assert!(problems.iter().any(|p| p.contains(needle) && p.starts_with("content/helplines.toml")), "{problems:?}");
    }

    #[test]
    fn the_shipped_list_is_valid_and_covers_enough_countries() {
        let helplines = Helplines::load(EMBEDDED).unwrap_or_else(|p| panic!("{}", p.join("\n")));
        assert!(helplines.countries().len() >= MIN_COUNTRIES);
        for (code, _) in helplines.countries() {
            assert!(!helplines.for_country(code).is_empty(), "{code}");
        }
    }

    #[test]
    fn a_valid_file_loads() {
        assert!(Helplines::load(&file(MIN_COUNTRIES, |c| c)).is_ok());
    }

    #[test]
    fn fewer_than_fifteen_countries_are_refused() {
        refused_with(&file(MIN_COUNTRIES - 1, |c| c), "at least 15 countries");
    }

    #[test]
    fn a_line_without_a_source_is_refused() {
        refused_with(&file(15, |c| c.replace("  source = \"https://example.org/line\"\n", "")), "no source URL");
        refused_with(&file(15, |c| c.replace("\"https://example.org/line\"", "\"\"")), "no source URL");
        refused_with(&file(15, |c| c.replace("\"https://example.org/line\"", "\"a friend told me\"")), "no source URL");
    }

    #[test]
    fn a_line_without_a_checked_date_is_refused() {
        refused_with(&file(15, |c| c.replace("  checked = \"2026-11-28\"\n", "")), "no date it was checked");
        for bad in ["28.11.2026", "2026-11-31", "2026-1-28", "26-11-28", "2026-11-28T10:00"] {
            refused_with(&file(15, |c| c.replace("2026-11-28", bad)), "no date it was checked");
        }
    }

    #[test]
    fn a_country_code_must_be_two_upper_case_letters() {
        for bad in ["aa", "AAA", "A", "A1", "ÄA"] {
            refused_with(
                &file(15, |c| c.replace("code = \"AA\"", &format!("code = \"{bad}\""))),
                "is not a country code",
            );
        }
    }

    #[test]
    fn a_phone_number_may_hold_only_digits_spaces_plus_minus_and_parentheses() {
        for bad in ["#8008", "0800 REFUGE", "1800.737.732", "116 016 / 116 123", "()"] {
            refused_with(&file(15, |c| c.replace("+1 (800) 555-0100", bad)), "only digits");
        }
        assert!(is_phone_number("+44 (0)808 2000-247"));
    }

    #[test]
    fn a_country_listed_twice_is_refused() {
        refused_with(&file(15, |c| c.replace("code = \"AA\"", "code = \"AB\"")), "\"AB\" is listed twice");
    }

    #[test]
    fn a_line_needs_a_number_or_a_site_and_a_kind_people_understand() {
        let neither = |c: String| {
            c.replace("  phone = \"+1 (800) 555-0100\"\n", "").replace("  website = \"https://example.org\"\n", "")
        };
        refused_with(&file(15, neither), "neither a phone number nor a website");
        refused_with(&file(15, |c| c.replace("https://example.org\"", "example.org\"")), "not an https address");
        refused_with(&file(15, |c| c.replace("kind = \"crisis\"", "kind = \"other\"")), "unknown variant");
    }

    #[test]
    fn lines_are_found_by_country_code_in_any_case() {
        let helplines = Helplines::load(&file(15, |c| c)).unwrap();
        assert_eq!(helplines.for_country("AA")[0].name, "Line 0");
        assert_eq!(helplines.for_country("aa")[0].name, "Line 0");
        assert_eq!(helplines.for_country(" ab ")[0].name, "Line 1");
        assert!(helplines.for_country("ZZ").is_empty());
        assert!(helplines.for_country("").is_empty());
    }

    #[test]
    fn countries_are_listed_once_each_sorted_by_name() {
        let helplines = Helplines::load(EMBEDDED).unwrap();
        let countries = helplines.countries();
        let mut names: Vec<&str> = countries.iter().map(|c| c.1).collect();
        let sorted = {
            let mut s = names.clone();
            s.sort();
            s
        };
        assert_eq!(names, sorted);
        names.dedup();
        assert_eq!(names.len(), countries.len());
        assert!(countries.contains(&("GB", "United Kingdom")));
    }
}
