//! Old grievances counted out: "third weekend in a row", "that's the fifth time this month",
//! "three nights this week you've …", "I've been asking since July". A count with a stretch of
//! time (or "times") keeps a tally against the partner; a warm sentence with the same shape
//! ("the third time this week you've made me laugh") is left alone.

use super::words::Word;
use super::{CoachKind, Found};

const ORDINALS: &[&str] = &[
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "umpteenth",
    "millionth",
    "hundredth",
    "2nd",
    "3rd",
    "4th",
    "5th",
    "6th",
    "7th",
    "8th",
    "9th",
    "10th",
];
const NUMBERS: &[&str] =
    &["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "many"];
/// What is counted when a number does the counting: "three nights", "six appointments".
const UNITS: &[&str] = &[
    "times",
    "nights",
    "days",
    "weeks",
    "weekends",
    "months",
    "years",
    "evenings",
    "mornings",
    "sundays",
    "saturdays",
    "appointments",
    "dinners",
    "birthdays",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
    "easter",
    "summer",
    "spring",
    "autumn",
    "winter",
    "forever",
    "ages",
];
const TALLY_VERBS: &[&str] = &["asking", "asked", "saying", "said", "waiting", "told", "telling", "promising"];

/// Adds each sentence's counted grievance to `out`.
pub(crate) fn find(words: &[Word], out: &mut Vec<Found>) {
    let mut start = 0;
    while start < words.len() {
        let end = (start..words.len()).find(|&k| words[k].sentence != words[start].sentence).unwrap_or(words.len());
        if let Some((from, to)) = tally(words, start..end) {
            if super::model::polarity(words, start..end) <= 0.5 {
                out.push(Found::span(words, from, to, CoachKind::Piling, ""));
            }
        }
        start = end;
    }
}

/// The words of a tally in the sentence `s`, if it keeps one.
fn tally(words: &[Word], s: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let text = |k: usize| if k < s.end && !words[k].quoted { words[k].text.as_str() } else { "" };
    let stretch = |k: usize| match (text(k), text(k + 1), text(k + 2)) {
        ("in", "a", "row") => Some(k + 3),
        ("this", "week" | "month" | "year" | "season" | "weekend" | "term", _) => Some(k + 2),
        ("since", m, _) if MONTHS.contains(&m) => Some(k + 2),
        ("since", "last", _) => Some(k + 3),
        _ => None,
    };
    for k in s.clone() {
        let counted = ORDINALS.contains(&text(k))
            || (NUMBERS.contains(&text(k)) || text(k).chars().all(|c| c.is_ascii_digit()) && !text(k).is_empty())
                && UNITS.contains(&text(k + 1));
        if counted {
            if text(k + 1) == "time" || text(k + 1) == "times" {
                return Some((k, k + 2));
            }
            if let Some(to) = (k + 1..s.end).find_map(stretch) {
                return Some((k, to));
            }
        }
        if TALLY_VERBS.contains(&text(k)) && text(k + 1) == "since" {
            if let Some(to) = stretch(k + 1) {
                return Some((k, to));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_count_kept_against_the_partner_is_an_old_grievance_and_a_warm_one_is_not() {
        crate::coach::assert_judged(
            &[
                "That's the fifth time this month.",
                "Third weekend in a row you've been at work.",
                "i've been asking since july to fix the light",
                "I've told you three times.",
            ],
            &["That's the third time this week you've made me laugh, I love it.", "See you at three."],
        );
    }
}
