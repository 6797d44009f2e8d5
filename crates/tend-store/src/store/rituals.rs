//! The storage interface for the daily rituals: the couple's schedule, each person's answers
//! (kept as two copies, `tend_core::sealing::SharedWords`), the shared screen-free timer.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::Timestamp;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::sealing::Resealed;

use crate::model::*;
use crate::Result;

/// The daily rituals: the couple's schedule, each person's answers, the shared timer.
#[async_trait]
pub trait RitualStore: Send + Sync {
    async fn ritual_schedules(&self, couple_id: &CoupleId) -> Result<Vec<RitualSchedule>>;
    async fn set_ritual_schedules(&self, couple_id: &CoupleId, schedules: &[RitualSchedule]) -> Result<()>;
    /// One answer per person, ritual and day: answering again replaces it.
    async fn save_ritual_answer(&self, answer: &RitualAnswer) -> Result<()>;
    /// Every answer of the couple for these local days (both partners'); callers apply the reveal rule.
    async fn ritual_answers(&self, couple_id: &CoupleId, days: &[String]) -> Result<Vec<RitualAnswer>>;
    /// Who answered which ritual on which day since `from_day`, without the words: the
    /// candidates `tend_core::rituals::days_with_readable_answers` decides on.
    async fn rituals_answered_since(&self, couple_id: &CoupleId, from_day: Date) -> Result<Vec<AnswerMark>>;
    async fn create_timer(&self, timer: &TimerRecord) -> Result<()>;
    async fn latest_timer(&self, couple_id: &CoupleId) -> Result<Option<TimerRecord>>;
    async fn timers_since(&self, couple_id: &CoupleId, since: Timestamp) -> Result<Vec<TimerRecord>>;
    /// The other partner joins a running timer; `false` when there is none to join.
    async fn join_timer(&self, couple_id: &CoupleId, id: &str, person_id: &PersonId, at: Timestamp) -> Result<bool>;
    async fn stop_timer(&self, couple_id: &CoupleId, id: &str, at: Timestamp) -> Result<bool>;
    /// The person's answers in one couple (to seal what is still as written).
    async fn ritual_answers_by(&self, person_id: &PersonId, couple_id: &CoupleId) -> Result<Vec<RitualAnswer>>;
    /// Seals answers still (partly) as written, each named by its ritual kind, day and when it
    /// was answered: one answered again since is left as it is.
    async fn seal_ritual_answers(
        &self,
        person_id: &PersonId,
        couple_id: &CoupleId,
        sealed: &[((String, String, Timestamp), Resealed)],
    ) -> Result<()>;
}
