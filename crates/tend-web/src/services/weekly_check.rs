//! The weekly check: a guided half hour the couple runs together on one or two devices. One
//! check at a time per couple; both move through the same sections (a stale "next" from the
//! other device changes nothing), each section has a suggested length and shared notes, the
//! appreciation round shows journal entries their authors brought in, and the agreements section
//! lists those due for review. Finished checks stay as summaries both can read.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use tend_core::content::Content;
use tend_core::ids::{CoupleId, PersonId};
use tend_core::msg;
use tend_core::sealing::{DataKey, SharedWords};
use tend_store::{Couple, WeeklyCheckNote, WeeklyCheckRecord};
use utoipa::ToSchema;

use super::couple_key::WEEKLY_CHECK_NOTE;
use super::journal::{self, JournalEntryView};
use super::{agreements, paired_couple, written, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoteView {
    /// Empty when it can't be opened: the partner's, until the couple's key reaches the viewer.
    pub text: String,
    pub can_open: bool,
    pub mine: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SectionView {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub guide: String,
    pub prompts: Vec<String>,
    pub notes: Vec<NoteView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WeeklyCheckView {
    pub id: String,
    #[schema(value_type = String, format = DateTime)]
    pub started_at: Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub finished_at: Option<Timestamp>,
    pub in_progress: bool,
    /// Send it back when moving on, so two devices never skip a section.
    pub version: i64,
    /// The index of the section in progress.
    pub section: u32,
    /// When the current section's suggested time is up.
    #[schema(value_type = String, format = DateTime)]
    pub section_ends_at: Timestamp,
    pub sections: Vec<SectionView>,
    /// Journal entries brought into the appreciation round.
    pub appreciations: Vec<JournalEntryView>,
    /// Agreements whose review date has come, to look at together (empty while one waits for the
    /// couple's key to reach me).
    pub agreements_due: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WeeklyCheckSummary {
    pub id: String,
    #[schema(value_type = String, format = DateTime)]
    pub started_at: Timestamp,
    pub in_progress: bool,
    pub notes: usize,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct MoveCheck {
    /// The version the page or client last saw.
    pub version: i64,
    /// `next`, `back` or `finish`.
    pub to: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewNote {
    /// The section id, such as `needs`.
    pub section: String,
    pub text: String,
}

async fn view(
    state: &AppState,
    couple: &Couple,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
    c: WeeklyCheckRecord,
) -> ServiceResult<WeeklyCheckView> {
    let agenda = &Content::embedded().weekly_check;
    let notes = state.store.weekly_check_notes(&c.id).await?;
    let couple_key = super::couple_key::open(state, &c.couple_id, person_id, key).await?;
    let sections: Vec<SectionView> = agenda
        .sections
        .iter()
        .map(|s| SectionView {
            id: s.id.clone(),
            title: s.title.clone(),
            minutes: s.minutes,
            guide: s.guide.clone(),
            prompts: s.prompts.clone(),
            notes: notes
                .iter()
                .filter(|n| n.section == s.id)
                .map(|n| {
                    let mine = n.person_id == person_id;
                    let text = n.words.read(mine, Some(key), couple_key.as_ref(), WEEKLY_CHECK_NOTE);
                    NoteView { can_open: text.is_some(), text: text.unwrap_or_default(), mine }
                })
                .collect(),
        })
        .collect();
    let minutes = agenda.section(c.section as usize).map(|s| s.minutes).unwrap_or(0);
    // The viewer's own appreciations first, then their partner's, each newest first.
    let viewer = tend_core::visibility::Viewer { person: person_id, couple: Some(&c.couple_id) };
    let brought = state.store.journal_in_check(&c.couple_id, &c.id).await?;
    let mut appreciations: Vec<JournalEntryView> =
        tend_core::visibility::reveal_all(viewer, brought, state.clock.now())
            .iter()
            .map(|e| journal::view(e, person_id, Some(key), couple_key.as_ref()))
            .collect();
    appreciations.sort_by_key(|a| !a.mine);
    let agreements_due = agreements::list_where(state, couple, person_id, time_zone, key, |a| a.due_for_review)
        .await?
        .into_iter()
        .map(|a| a.text)
        .collect();
    Ok(WeeklyCheckView {
        in_progress: c.finished_at.is_none(),
        section_ends_at: c.section_started_at + SignedDuration::from_mins(i64::from(minutes)),
        id: c.id,
        started_at: c.started_at,
        finished_at: c.finished_at,
        version: c.version,
        section: c.section,
        sections,
        appreciations,
        agreements_due,
    })
}

async fn find(state: &AppState, person_id: &PersonId, id: &str) -> ServiceResult<(Couple, WeeklyCheckRecord)> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let check =
        state.store.weekly_checks(&couple.id).await?.into_iter().find(|c| c.id == id).ok_or(ServiceError::NotFound)?;
    Ok((couple, check))
}

/// The check in progress, if the couple has one.
pub async fn current(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
) -> ServiceResult<Option<WeeklyCheckView>> {
    let Some(couple) = state.store.couple_of(person_id).await? else {
        return Ok(None);
    };
    let open = state.store.weekly_checks(&couple.id).await?.into_iter().find(|c| c.finished_at.is_none());
    match open {
        Some(c) => Ok(Some(view(state, &couple, person_id, key, time_zone, c).await?)),
        None => Ok(None),
    }
}

/// The version of the check in progress, for the live stream (0 when there is none).
pub async fn live_version(state: &AppState, couple_id: &CoupleId) -> ServiceResult<i64> {
    Ok(state
        .store
        .weekly_checks(couple_id)
        .await?
        .into_iter()
        .find(|c| c.finished_at.is_none())
        .map_or(0, |c| c.version))
}

pub async fn list(state: &AppState, person_id: &PersonId) -> ServiceResult<Vec<WeeklyCheckSummary>> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let mut summaries = Vec::new();
    for c in state.store.weekly_checks(&couple.id).await? {
        let notes = state.store.weekly_check_notes(&c.id).await?.len();
        summaries.push(WeeklyCheckSummary {
            id: c.id,
            started_at: c.started_at,
            in_progress: c.finished_at.is_none(),
            notes,
        });
    }
    Ok(summaries)
}

pub async fn get(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
    id: &str,
) -> ServiceResult<WeeklyCheckView> {
    let (couple, check) = find(state, person_id, id).await?;
    view(state, &couple, person_id, key, time_zone, check).await
}

/// Starts a check, or returns the one already in progress.
pub async fn start(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
) -> ServiceResult<WeeklyCheckView> {
    let couple = paired_couple(state, person_id).await?;
    if let Some(open) = current(state, person_id, key, time_zone).await? {
        return Ok(open);
    }
    let now = state.clock.now();
    let check = WeeklyCheckRecord {
        id: new_id(),
        couple_id: couple.id.clone(),
        started_at: now,
        section: 0,
        section_started_at: now,
        finished_at: None,
        version: 1,
    };
    state.store.create_weekly_check(&check).await?;
    view(state, &couple, person_id, key, time_zone, check).await
}

pub async fn move_to(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
    id: &str,
    input: &MoveCheck,
) -> ServiceResult<WeeklyCheckView> {
    let (_, check) = find(state, person_id, id).await?;
    if check.finished_at.is_some() {
        return Err(ServiceError::Conflict {
            code: "finished",
            message: msg::weekly_check_this_weekly_check_finished(),
        });
    }
    let last = Content::embedded().weekly_check.sections.len() as u32 - 1;
    let (section, finished) = match input.to.as_str() {
        "next" if check.section < last => (check.section + 1, false),
        "next" | "finish" => (check.section, true),
        "back" => (check.section.saturating_sub(1), false),
        _ => return Err(ServiceError::field("to", msg::weekly_check_choose_next_back_finish())),
    };
    let moved = state
        .store
        .move_weekly_check(&check.couple_id, &check.id, input.version, section, finished, state.clock.now())
        .await?;
    if !moved {
        return Err(ServiceError::Conflict { code: "moved_on", message: msg::weekly_check_check_has_already_moved() });
    }
    get(state, person_id, key, time_zone, id).await
}

pub async fn add_note(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    time_zone: &str,
    id: &str,
    input: &NewNote,
) -> ServiceResult<WeeklyCheckView> {
    let text = written(&input.text, 1000, "text", msg::weekly_check_write_note_up_1000())?;
    let agenda = &Content::embedded().weekly_check;
    if !agenda.sections.iter().any(|s| s.id == input.section) {
        return Err(ServiceError::field("section", msg::weekly_check_choose_one_checks_sections()));
    }
    let (_, check) = find(state, person_id, id).await?;
    let couple_key = super::couple_key::open(state, &check.couple_id, person_id, key).await?;
    let note = WeeklyCheckNote {
        id: new_id(),
        check_id: check.id.clone(),
        section: input.section.clone(),
        person_id: person_id.to_owned(),
        words: SharedWords::seal(&text, key, couple_key.as_ref(), WEEKLY_CHECK_NOTE),
        created_at: state.clock.now(),
    };
    if !state.store.add_weekly_check_note(&check.couple_id, &note).await? {
        return Err(ServiceError::Conflict {
            code: "finished",
            message: msg::weekly_check_this_weekly_check_finished(),
        });
    }
    get(state, person_id, key, time_zone, id).await
}

pub(crate) async fn touch(state: &AppState, couple_id: &CoupleId, id: &str) -> ServiceResult<()> {
    state.store.touch_weekly_check(couple_id, id).await?;
    Ok(())
}
