//! Curious questions: the deck in three sets, "pick ten for tonight" from the ones not yet asked
//! (by set and, if wished, by theme), the couple's own questions, and marks for asked and
//! favourite. The deck belongs to the couple.

use jiff::{SignedDuration, Timestamp};
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use tend_core::content::{Content, SetId, ThemeId};
use tend_core::ids::{CoupleId, PersonId};
use tend_core::msg;
use tend_core::sealing::{DataKey, SharedWords};
use tend_store::{OwnQuestion, QuestionMark};
use unicode_segmentation::UnicodeSegmentation;
use utoipa::ToSchema;

use super::couple_key::{self, QUESTION};
use super::{ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

/// A draw stays "tonight's" for this long.
const TONIGHT: SignedDuration = SignedDuration::from_hours(12);

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionView {
    pub id: String,
    /// `light`, `personal` or `vulnerable`.
    pub set: String,
    pub text: String,
    /// What it is about (`fun`, `dreams`, `family-past`, `money`, `work`, `home`, `intimacy`,
    /// `conflict`, `appreciation`, `relationship` or `future`); none for the couple's own.
    pub theme: Option<String>,
    /// Added by the couple themselves.
    pub own: bool,
    pub asked: bool,
    pub favourite: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeckView {
    pub questions: Vec<QuestionView>,
    /// The latest draw, while it is still tonight's.
    pub tonight: Vec<QuestionView>,
}

struct Deck {
    couple_id: CoupleId,
    questions: Vec<QuestionView>,
    marks: Vec<QuestionMark>,
}

/// The couple's deck as the person reads it. A question of the couple's own that the person can't
/// open yet (the partner's, before the couple's key reaches them) stays out of it until they can.
async fn deck(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<Deck> {
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let marks = state.store.question_marks(&couple.id).await?;
    let own = state.store.own_questions(&couple.id).await?;
    let words: Vec<_> = own.iter().map(|q| (&q.words, q.added_by == person_id, QUESTION)).collect();
    let own_texts = couple_key::read_all(state, &couple.id, person_id, key, &words).await?;
    let mark = |id: &str| marks.iter().find(|m| m.question_id == id);
    let view = |id: String, set: &str, text: &str, theme: Option<ThemeId>| QuestionView {
        asked: mark(&id).is_some_and(|m| m.asked_at.is_some()),
        favourite: mark(&id).is_some_and(|m| m.favourite),
        set: set.to_owned(),
        text: text.to_owned(),
        theme: theme.map(|t| t.as_str().to_owned()),
        own: theme.is_none(),
        id,
    };
    let mut questions: Vec<QuestionView> = Content::embedded()
        .questions
        .all_with_themes()
        .map(|(set, id, text, theme)| view(id, set.as_str(), text, Some(theme)))
        .collect();
    let readable = own.iter().zip(own_texts).filter_map(|(q, text)| Some((q, text?)));
    questions.extend(readable.map(|(q, text): (&OwnQuestion, String)| view(q.id.clone(), &q.set_id, &text, None)));
    Ok(Deck { couple_id: couple.id, questions, marks })
}

fn tonight(deck: &Deck, now: Timestamp) -> Vec<QuestionView> {
    let latest = deck.marks.iter().filter_map(|m| m.drawn_at).max();
    let Some(latest) = latest.filter(|at| now.duration_since(*at) < TONIGHT) else {
        return Vec::new();
    };
    let drawn: Vec<&str> =
        deck.marks.iter().filter(|m| m.drawn_at == Some(latest)).map(|m| m.question_id.as_str()).collect();
    deck.questions.iter().filter(|q| drawn.contains(&q.id.as_str())).cloned().collect()
}

pub async fn list(state: &AppState, person_id: &PersonId, key: &DataKey) -> ServiceResult<DeckView> {
    let deck = deck(state, person_id, key).await?;
    Ok(DeckView { tonight: tonight(&deck, state.clock.now()), questions: deck.questions })
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Draw {
    /// `light`, `personal` or `vulnerable`; all three when left out.
    pub set: Option<String>,
    /// Only questions of this theme (`fun`, `dreams`, `family-past`, `money`, `work`, `home`,
    /// `intimacy`, `conflict`, `appreciation`, `relationship` or `future`); any theme when left
    /// out or `any`. The couple's own questions have no theme, so they come only with any theme.
    pub theme: Option<String>,
    /// How many (1 to 20); ten when left out. Fewer come when fewer are left to ask.
    pub count: Option<u8>,
}

/// A choice that was left out, or given as `any`: no filter.
fn chosen(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|s| !s.is_empty() && *s != "any")
}

/// Draws questions not yet asked, at random, and keeps them as tonight's.
pub async fn draw(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &Draw,
) -> ServiceResult<Vec<QuestionView>> {
    let mut errors = Vec::new();
    let set = chosen(input.set.as_deref()).map(SetId::parse);
    if set == Some(None) {
        errors.push(tend_core::FieldError::new("set", msg::questions_choose_one_three_sets()));
    }
    let theme = chosen(input.theme.as_deref()).map(ThemeId::parse);
    if theme == Some(None) {
        errors.push(tend_core::FieldError::new("theme", msg::questions_choose_one_themes_listed()));
    }
    let count = usize::from(input.count.unwrap_or(10));
    if !(1..=20).contains(&count) {
        errors.push(tend_core::FieldError::new("count", "Draw between 1 and 20 questions."));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let (set, theme) = (set.flatten(), theme.flatten().map(ThemeId::as_str));
    let deck = deck(state, person_id, key).await?;
    // The deepest set is a joint tool: it opens with agreed ground rules (closed, it looks the same).
    let deepest_closed = !super::safety::joint_tools_open(state, person_id).await?;
    if deepest_closed && set == Some(SetId::Vulnerable) {
        return Err(super::safety::rules_first());
    }
    let mut pool: Vec<&QuestionView> = deck
        .questions
        .iter()
        .filter(|q| !q.asked && set.is_none_or(|s| q.set == s.as_str()))
        .filter(|q| theme.is_none_or(|t| q.theme.as_deref() == Some(t)))
        .filter(|q| !(deepest_closed && q.set == SetId::Vulnerable.as_str()))
        .collect();
    pool.shuffle(&mut rand::thread_rng());
    let drawn: Vec<QuestionView> = pool.into_iter().take(count).cloned().collect();
    let ids: Vec<String> = drawn.iter().map(|q| q.id.clone()).collect();
    state.store.mark_drawn(&deck.couple_id, &ids, state.clock.now()).await?;
    Ok(drawn)
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewQuestion {
    pub set: String,
    pub text: String,
}

pub async fn add(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &NewQuestion,
) -> ServiceResult<QuestionView> {
    let mut errors = Vec::new();
    let set = SetId::parse(&input.set);
    if set.is_none() {
        errors.push(tend_core::FieldError::new("set", msg::questions_choose_which_set_belongs()));
    }
    let text = input.text.trim();
    let length = text.graphemes(true).count();
    if !(3..=200).contains(&length) || text.chars().any(char::is_control) {
        errors.push(tend_core::FieldError::new("text", msg::questions_write_question_up_200()));
    }
    let Some(set) = set.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let couple = state.store.couple_of(person_id).await?.ok_or(ServiceError::NotFound)?;
    let couple_key = couple_key::open(state, &couple.id, person_id, key).await?;
    let question = OwnQuestion {
        id: format!("own-{}", new_id()),
        couple_id: couple.id,
        set_id: set.as_str().to_owned(),
        words: SharedWords::seal(text, key, couple_key.as_ref(), QUESTION),
        added_by: person_id.clone(),
        created_at: state.clock.now(),
    };
    state.store.add_question(&question).await?;
    Ok(QuestionView {
        id: question.id,
        set: question.set_id,
        text: text.to_owned(),
        theme: None,
        own: true,
        asked: false,
        favourite: false,
    })
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Mark {
    pub asked: Option<bool>,
    pub favourite: Option<bool>,
}

pub async fn mark(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    id: &str,
    input: &Mark,
) -> ServiceResult<QuestionView> {
    let deck = deck(state, person_id, key).await?;
    if !deck.questions.iter().any(|q| q.id == id) {
        return Err(ServiceError::NotFound);
    }
    state.store.mark_question(&deck.couple_id, id, input.asked, input.favourite, state.clock.now()).await?;
    list(state, person_id, key).await?.questions.into_iter().find(|q| q.id == id).ok_or(ServiceError::NotFound)
}
