//! The coach's quiet word before something goes to the partner (an invitation to talk, a repair
//! offer, a hard talk's topic, an agreement): when the words may put them on guard, the form comes
//! back once with the words marked and why, and two ways on: send as it is, or (for a message in
//! the person's own voice) start from a gentler "I feel …" start, or (for a topic or an agreement,
//! which name a thing and would lose it in such a start) change the words and check again.
//! Never a block. Also the marking shared with the coach page.

use serde::Deserialize;
use tend_core::content::Content;

use crate::services::coach::{self, CoachAnswer};

pub struct Reason {
    pub title: String,
    pub fragment: String,
    pub reason: String,
}

/// What the person sees above the send button.
pub struct CoachNote {
    /// The draft as HTML with each highlight in a `<mark>`.
    pub marked: String,
    pub reasons: Vec<Reason>,
    /// A gentler start, offered for messages only.
    pub suggestion: Option<String>,
}

/// What the words are: a `Message` in the person's own voice (an invitation, a repair), which an
/// "I feel …" start can replace, or words that `Name` a thing (a topic, an agreement), which such
/// a start would lose.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Message,
    Name,
}

/// The two ways on, as the form sends them back.
#[derive(Debug, Default, Deserialize)]
pub struct CoachChoice {
    /// "Send as it is": the person saw the note and sends their own words.
    #[serde(default)]
    pub as_is: Option<String>,
    /// "Start from the gentler words": the form comes back with them, to change and send.
    #[serde(default)]
    pub soften: Option<String>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The draft as HTML with each highlight in a `<mark>`.
pub fn marked(text: &str, answer: &CoachAnswer) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for h in &answer.highlights {
        out.push_str(&escape(&chars[at..h.start].iter().collect::<String>()));
        let fragment: String = chars[h.start..h.end].iter().collect();
        out.push_str(&format!("<mark class=\"coach-mark\">{}</mark>", escape(&fragment)));
        at = h.end;
    }
    out.push_str(&escape(&chars[at..].iter().collect::<String>()));
    out
}

/// Each highlight's kind title, the words it covers, and why.
pub fn reasons(text: &str, answer: &CoachAnswer) -> Vec<Reason> {
    let coach = &Content::embedded().coach;
    let chars: Vec<char> = text.chars().collect();
    answer
        .highlights
        .iter()
        .map(|h| Reason {
            title: coach.kind(h.kind).title.clone(),
            fragment: chars[h.start..h.end].iter().collect(),
            reason: h.reason.clone(),
        })
        .collect()
}

/// What happens to a draft about to be sent: `Send` it, or come back to the form `Again` with
/// these words in the field (the draft itself beside the coach's note, or the gentler words
/// without one), sending nothing.
pub enum Before {
    Send,
    Again { words: String, note: Option<CoachNote> },
}

pub fn before_sending(text: &str, choice: &CoachChoice, shape: Shape) -> Before {
    if choice.as_is.is_some() {
        return Before::Send;
    }
    let answer = coach::analyze(text).ok();
    // "Start from the gentler words" never sends, whatever the words are now.
    if choice.soften.is_some() && shape == Shape::Message {
        let gentler = answer.filter(|a| a.harsh).map(|a| a.suggestion);
        return Before::Again { words: gentler.unwrap_or_else(|| text.to_owned()), note: None };
    }
    match answer {
        Some(answer) if answer.harsh => Before::Again {
            words: text.to_owned(),
            note: Some(CoachNote {
                marked: marked(text, &answer),
                reasons: reasons(text, &answer),
                suggestion: (shape == Shape::Message).then_some(answer.suggestion),
            }),
        },
        // Gentle, or too long for the coach (the service's own validation speaks for it).
        _ => Before::Send,
    }
}
