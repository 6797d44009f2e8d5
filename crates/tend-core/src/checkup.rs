//! Reading a distance check-up: per area, the average answer (reversed items turned round),
//! the level it falls in, the answers that weighed most, and — for loops and drivers — which
//! patterns feel familiar. Pure and explainable: the same answers always give the same reading.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::{AreaId, Checkup, LevelId, Pulse};
use crate::msg;
use crate::FieldError;

/// Item id → answer (0 to 3).
pub type Answers = BTreeMap<String, u8>;

/// An answer counts this much or more towards an area's level to be named as a reason.
const WEIGHS: u8 = 2;

/// Accepts answers only when every item is answered once, within the scale, and nothing else.
/// A missing answer is reported per statement: its field is the item id and its message the
/// statement itself, so a form can point at exactly the ones left out.
pub fn validate_answers(checkup: &'static Checkup, given: &BTreeMap<String, u8>) -> Result<Answers, Vec<FieldError>> {
    let expected: Vec<&str> = checkup.items().map(|(_, i)| i.id.as_str()).collect();
    if given.keys().any(|k| !expected.contains(&k.as_str())) || given.values().any(|v| *v > 3) {
        return Err(vec![FieldError::new("answers", msg::checkup_some_answers_dont_fit())]);
    }
    let missing: Vec<FieldError> = checkup
        .items()
        .filter(|(_, item)| !given.contains_key(&item.id))
        .map(|(_, item)| FieldError::new(item.id.as_str(), item.text.as_str()))
        .collect();
    if missing.is_empty() {
        Ok(given.clone())
    } else {
        Err(missing)
    }
}

/// The weekly pulse's answers: every question once, each from 1 to 5, and nothing else; a
/// missing answer is reported per question, like the check-up's.
pub fn validate_pulse_answers(pulse: &'static Pulse, given: &BTreeMap<String, u8>) -> Result<(), Vec<FieldError>> {
    let items = &pulse.items;
    if given.keys().any(|k| !items.iter().any(|i| &i.id == k)) || given.values().any(|v| !(1..=5).contains(v)) {
        return Err(vec![FieldError::new("answers", msg::checkup_each_answer_number_from())]);
    }
    let missing: Vec<FieldError> = items
        .iter()
        .filter(|i| !given.contains_key(&i.id))
        .map(|i| FieldError::new(i.id.as_str(), i.text.as_str()))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaReading {
    pub area: AreaId,
    /// 0 (no sign of it) to 3 (very much so), after turning reversed items round.
    pub average: f64,
    pub level: LevelId,
    /// The items that weighed most, strongest first (at most three).
    pub because: Vec<String>,
    /// Loops or drivers that feel familiar, strongest first.
    pub familiar: Vec<String>,
}

/// The reading of complete, validated answers.
pub fn read(checkup: &Checkup, answers: &Answers) -> Vec<AreaReading> {
    checkup
        .areas
        .iter()
        .map(|area| {
            let scored: Vec<(&str, Option<&str>, u8)> = area
                .items
                .iter()
                .map(|item| {
                    let answer = answers.get(&item.id).copied().unwrap_or(0).min(3);
                    let score = if item.reverse { 3 - answer } else { answer };
                    (item.id.as_str(), item.tag.as_deref(), score)
                })
                .collect();
            let average = if scored.is_empty() {
                0.0
            } else {
                f64::from(scored.iter().map(|(_, _, s)| u32::from(*s)).sum::<u32>()) / scored.len() as f64
            };
            let level = area
                .levels
                .iter()
                .find(|l| average < l.below)
                .or(area.levels.last())
                .map(|l| l.id)
                .unwrap_or(LevelId::Low);
            let mut strongest: Vec<&(&str, Option<&str>, u8)> =
                scored.iter().filter(|(_, _, s)| *s >= WEIGHS).collect();
            strongest.sort_by_key(|s| std::cmp::Reverse(s.2));
            let because = strongest.iter().take(3).map(|(id, _, _)| (*id).to_owned()).collect();
            let mut familiar: Vec<String> = Vec::new();
            for (_, tag, _) in &strongest {
                if let Some(tag) = tag {
                    if !familiar.iter().any(|t| t == tag) {
                        familiar.push((*tag).to_owned());
                    }
                }
            }
            AreaReading { area: area.id, average, level, because, familiar }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;

    fn checkup() -> &'static Checkup {
        &Content::embedded().checkup
    }

    fn all(value: u8) -> Answers {
        checkup().items().map(|(_, i)| (i.id.clone(), value)).collect()
    }

    #[test]
    fn every_statement_must_be_answered_within_the_scale() {
        let mut answers = all(1);
        assert!(validate_answers(checkup(), &answers).is_ok());
        let first = answers.keys().next().unwrap().clone();
        answers.insert(first.clone(), 4);
        assert!(validate_answers(checkup(), &answers).is_err());
        answers.remove(&first);
        let missing = validate_answers(checkup(), &answers).unwrap_err();
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].field, first, "the missing statement is named");
        let mut extra = all(1);
        extra.insert("made-up".into(), 1);
        assert!(validate_answers(checkup(), &extra).is_err());
    }

    #[test]
    fn no_signs_at_all_reads_low_everywhere_with_no_reasons() {
        let answers: Answers = checkup().items().map(|(_, i)| (i.id.clone(), if i.reverse { 3 } else { 0 })).collect();
        for reading in read(checkup(), &answers) {
            assert_eq!(reading.level, LevelId::Low, "{:?}", reading.area);
            assert_eq!(reading.average, 0.0);
            assert!(reading.because.is_empty() && reading.familiar.is_empty());
        }
    }

    #[test]
    fn strong_answers_read_high_and_name_the_items_that_led_there() {
        let answers: Answers = checkup().items().map(|(_, i)| (i.id.clone(), if i.reverse { 0 } else { 3 })).collect();
        for reading in read(checkup(), &answers) {
            assert_eq!(reading.level, LevelId::High, "{:?}", reading.area);
            assert_eq!(reading.because.len(), 3.min(checkup().area(reading.area).items.len()));
        }
    }

    #[test]
    fn a_reversed_item_counts_the_other_way_round() {
        let space = checkup().area(AreaId::Space);
        let healthy = space.items.iter().find(|i| i.reverse).expect("a healthy-space item");
        let mut answers = all(0);
        for item in &space.items {
            answers.insert(item.id.clone(), if item.reverse { 3 } else { 0 });
        }
        let calm = read(checkup(), &answers).into_iter().find(|r| r.area == AreaId::Space).unwrap();
        answers.insert(healthy.id.clone(), 0);
        let less_calm = read(checkup(), &answers).into_iter().find(|r| r.area == AreaId::Space).unwrap();
        assert!(less_calm.average > calm.average);
        assert_eq!(less_calm.because, vec![healthy.id.clone()]);
    }

    #[test]
    fn the_familiar_loop_is_the_one_whose_statements_rang_true() {
        let loops = checkup().area(AreaId::Loops);
        let item = &loops.items[0];
        let mut answers = all(0);
        answers.insert(item.id.clone(), 3);
        let reading = read(checkup(), &answers).into_iter().find(|r| r.area == AreaId::Loops).unwrap();
        assert_eq!(reading.familiar, vec![item.tag.clone().unwrap()]);
    }
}
