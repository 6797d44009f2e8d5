//! Active listening as a small state machine. Each partner has one turn as the speaker: they talk
//! (a timed turn of two or three minutes), the listener says back what they heard ("It sounds like
//! you felt … when …"), the speaker confirms or clarifies (a clarification asks for another
//! paraphrase), and after a confirmation the roles swap. After both turns, the exchange is done.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::msg;
use crate::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Speaking,
    Paraphrasing,
    Confirming,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    /// The two people, first speaker first.
    pub speakers: [String; 2],
    /// 0 for the first turn, 1 for the second.
    pub turn: usize,
    pub phase: Phase,
    pub minutes: i64,
    pub speak_until: Timestamp,
    pub paraphrase: Option<String>,
    pub clarification: Option<String>,
}

/// What either device may do next.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Step {
    /// The speaker's turn is over (early, or when the timer ran out).
    FinishSpeaking,
    /// The listener's paraphrase, filled into the template.
    Paraphrase {
        paraphrase: String,
    },
    Confirm,
    Clarify {
        clarification: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("that step doesn't fit where the exchange is now")]
pub struct OutOfTurn;

impl Exchange {
    pub fn start(first: &str, second: &str, minutes: i64, now: Timestamp) -> Result<Self, FieldError> {
        if !(2..=3).contains(&minutes) {
            return Err(FieldError::new("minutes", msg::listening_speaking_turn_lasts_two()));
        }
        Ok(Self {
            speakers: [first.to_owned(), second.to_owned()],
            turn: 0,
            phase: Phase::Speaking,
            minutes,
            speak_until: now + SignedDuration::from_mins(minutes),
            paraphrase: None,
            clarification: None,
        })
    }

    pub fn speaker(&self) -> &str {
        &self.speakers[self.turn.min(1)]
    }

    pub fn listener(&self) -> &str {
        &self.speakers[1 - self.turn.min(1)]
    }

    /// Applies a step; a step out of turn changes nothing.
    pub fn apply(&mut self, step: Step, now: Timestamp) -> Result<(), OutOfTurn> {
        match (self.phase, step) {
            (Phase::Speaking, Step::FinishSpeaking) => self.phase = Phase::Paraphrasing,
            (Phase::Paraphrasing, Step::Paraphrase { paraphrase }) => {
                self.paraphrase = Some(paraphrase);
                self.phase = Phase::Confirming;
            }
            (Phase::Confirming, Step::Clarify { clarification }) => {
                self.clarification = Some(clarification);
                self.phase = Phase::Paraphrasing;
            }
            (Phase::Confirming, Step::Confirm) => {
                self.paraphrase = None;
                self.clarification = None;
                if self.turn == 0 {
                    self.turn = 1;
                    self.phase = Phase::Speaking;
                    self.speak_until = now + SignedDuration::from_mins(self.minutes);
                } else {
                    self.phase = Phase::Done;
                }
            }
            _ => return Err(OutOfTurn),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        Timestamp::from_second(1_800_000_000).unwrap()
    }

    #[test]
    fn each_speaks_once_is_heard_and_the_roles_swap() {
        let mut x = Exchange::start("ana", "ben", 2, now()).unwrap();
        assert_eq!((x.speaker(), x.listener()), ("ana", "ben"));
        x.apply(Step::FinishSpeaking, now()).unwrap();
        x.apply(Step::Paraphrase { paraphrase: "It sounds like…".into() }, now()).unwrap();
        x.apply(Step::Clarify { clarification: "More tired than angry.".into() }, now()).unwrap();
        assert_eq!(x.phase, Phase::Paraphrasing, "a clarification asks for another try");
        x.apply(Step::Paraphrase { paraphrase: "It sounds like you felt tired…".into() }, now()).unwrap();
        x.apply(Step::Confirm, now()).unwrap();
        assert_eq!((x.phase, x.speaker()), (Phase::Speaking, "ben"));
        x.apply(Step::FinishSpeaking, now()).unwrap();
        x.apply(Step::Paraphrase { paraphrase: "…".into() }, now()).unwrap();
        x.apply(Step::Confirm, now()).unwrap();
        assert_eq!(x.phase, Phase::Done);
    }

    #[test]
    fn a_step_out_of_turn_changes_nothing() {
        let mut x = Exchange::start("ana", "ben", 3, now()).unwrap();
        let before = x.clone();
        assert_eq!(x.apply(Step::Confirm, now()), Err(OutOfTurn));
        assert_eq!(x, before);
    }

    #[test]
    fn a_speaking_turn_lasts_two_or_three_minutes() {
        assert!(Exchange::start("a", "b", 1, now()).is_err());
        assert!(Exchange::start("a", "b", 4, now()).is_err());
        assert_eq!(Exchange::start("a", "b", 3, now()).unwrap().speak_until, now() + SignedDuration::from_mins(3));
    }
}
