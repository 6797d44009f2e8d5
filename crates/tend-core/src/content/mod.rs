//! The program's words, kept as data under `content/` and embedded in the binary: the check-up,
//! the weekly pulse, the 8-week plan and the features they point to. Everything is checked
//! strictly when loaded (unknown keys, missing ids, broken links between files), by a unit test
//! at build time and again when `tend` starts, so a translation or an edit cannot break a page.

mod checkup;
mod coach;
mod conversations;
mod guide_search;
mod guides;
mod helplines;
mod maintenance;
mod openers;
pub mod plan;
mod pulse;
pub mod questions;
mod rituals;
mod safety;
pub mod stem;
mod support;
pub mod synonyms;
mod tips;

use std::sync::OnceLock;

use serde::Deserialize;

pub use checkup::{Area, AreaId, Checkup, Item, Level, LevelId, Step, Tag};
pub use coach::{Coach, CoachKind, CoachKindText};
pub use conversations::{
    GroundRules, ListeningText, PauseText, RepairKind, Repairs, MIN_REPAIR_PHRASES, MIN_REPAIR_PHRASES_PER_KIND,
    REPAIR_KINDS,
};
pub use guide_search::{GuideHit, Passage};
pub use guides::{Guide, GuideSection, Guides};
pub use helplines::{
    Helpline, HelplineKind, Helplines, EMBEDDED as HELPLINES_EMBEDDED, MIN_COUNTRIES as MIN_HELPLINE_COUNTRIES,
};
pub use maintenance::{AgendaItem, AgreementKind, KindId, Maintenance, Meeting};
pub use openers::{Opener, OpenerSituation, OpenerSituationText, Openers, MIN_OPENERS, MIN_OPENERS_PER_SITUATION};
pub use plan::{Plan, PlanStep, StepWho, Week};
pub use pulse::{Pulse, PulseItem};
pub use questions::{question_id, Deck, QuestionSet, SetId, Theme, ThemeId};
pub use rituals::{
    CapsuleText, CheckSection, JournalText, JoyCost, JoyIdea, JoyLabel, JoyPlace, JoyText, JoyTime, OwnPartText,
    Ritual, Rituals, Together, WeeklyCheck, WinsText, CHECK_SECTIONS, MIN_FREE_JOY_IDEAS, MIN_JOY_IDEAS,
    MIN_JOY_IDEAS_PER_PLACE,
};
pub use safety::{Resource, Safety};
pub use support::{
    Betrayal, Help, LowCapacity, Resistant, Roadblock, Roadblocks, Signal, Situations, Support, Touch, Unsure, Wounds,
    PATTERN_SIGNALS, REPORTED_SIGNALS, SITUATIONS,
};
pub use synonyms::{Synonyms, EMBEDDED as SYNONYMS_EMBEDDED};
pub use tips::{Tip, Tips, TIPS_PER_YEAR, TIP_TITLE_LIMIT};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    pub id: String,
    pub title: String,
    /// The page that carries it out; empty while that part of Tend is not built yet.
    pub path: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeatureFile {
    features: Vec<Feature>,
}

#[derive(Debug, Clone)]
pub struct Content {
    pub features: Vec<Feature>,
    pub checkup: Checkup,
    pub pulse: Pulse,
    pub plan: Plan,
    pub maintenance: Maintenance,
    pub coach: Coach,
    pub questions: Deck,
    pub openers: Openers,
    pub pause: PauseText,
    pub ground_rules: GroundRules,
    pub repairs: Repairs,
    pub listening: ListeningText,
    pub safety: Safety,
    pub rituals: Rituals,
    pub weekly_check: WeeklyCheck,
    pub together: Together,
    pub guides: Guides,
    pub support: Support,
    pub tips: Tips,
    /// The default help lines by country, from `content/helplines.toml`.
    pub helplines: Helplines,
    /// The synonym groups guide search understands, from `content/synonyms.toml`.
    pub synonyms: Synonyms,
}

/// The content files as shipped, one string per file.
pub struct Sources<'a> {
    pub features: &'a str,
    pub checkup: &'a str,
    pub pulse: &'a str,
    pub plan: &'a str,
    pub maintenance: &'a str,
    pub coach: &'a str,
    pub questions: &'a str,
    pub openers: &'a str,
    pub pause: &'a str,
    pub ground_rules: &'a str,
    pub repairs: &'a str,
    pub listening: &'a str,
    pub safety: &'a str,
    pub rituals: &'a str,
    pub weekly_check: &'a str,
    pub together: &'a str,
    pub guides: &'a str,
    pub support: &'a str,
    pub tips: &'a str,
    pub helplines: &'a str,
    pub synonyms: &'a str,
}

pub const EMBEDDED: Sources<'static> = Sources {
    features: include_str!("../../../../content/features.toml"),
    checkup: include_str!("../../../../content/checkup.toml"),
    pulse: include_str!("../../../../content/pulse.toml"),
    plan: include_str!("../../../../content/plan.toml"),
    maintenance: include_str!("../../../../content/maintenance.toml"),
    coach: include_str!("../../../../content/coach.toml"),
    questions: include_str!("../../../../content/questions.toml"),
    openers: include_str!("../../../../content/openers.toml"),
    pause: include_str!("../../../../content/pause.toml"),
    ground_rules: include_str!("../../../../content/ground_rules.toml"),
    repairs: include_str!("../../../../content/repairs.toml"),
    listening: include_str!("../../../../content/listening.toml"),
    safety: include_str!("../../../../content/safety.toml"),
    rituals: include_str!("../../../../content/rituals.toml"),
    weekly_check: include_str!("../../../../content/weekly_check.toml"),
    together: include_str!("../../../../content/together.toml"),
    guides: include_str!("../../../../content/guides.toml"),
    support: include_str!("../../../../content/support.toml"),
    tips: include_str!("../../../../content/tips.toml"),
    helplines: HELPLINES_EMBEDDED,
    synonyms: SYNONYMS_EMBEDDED,
};

fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str, problems: &mut Vec<String>) -> Option<T> {
    match toml::from_str(text) {
        Ok(value) => Some(value),
        Err(err) => {
            problems.push(format!("content/{file}: {}", err.message()));
            None
        }
    }
}

impl Content {
    /// Reads and checks all content; every problem found is reported, not just the first.
    pub fn load(sources: &Sources<'_>) -> Result<Content, Vec<String>> {
        let mut problems = Vec::new();
        let features: Option<FeatureFile> = parse("features.toml", sources.features, &mut problems);
        let checkup: Option<Checkup> = parse("checkup.toml", sources.checkup, &mut problems);
        let pulse: Option<Pulse> = parse("pulse.toml", sources.pulse, &mut problems);
        let plan: Option<Plan> = parse("plan.toml", sources.plan, &mut problems);
        let maintenance: Option<Maintenance> = parse("maintenance.toml", sources.maintenance, &mut problems);
        let coach: Option<Coach> = parse("coach.toml", sources.coach, &mut problems);
        let questions: Option<Deck> = parse("questions.toml", sources.questions, &mut problems);
        let openers: Option<Openers> = parse("openers.toml", sources.openers, &mut problems);
        let pause: Option<PauseText> = parse("pause.toml", sources.pause, &mut problems);
        let ground_rules: Option<GroundRules> = parse("ground_rules.toml", sources.ground_rules, &mut problems);
        let repairs: Option<Repairs> = parse("repairs.toml", sources.repairs, &mut problems);
        let listening: Option<ListeningText> = parse("listening.toml", sources.listening, &mut problems);
        let safety: Option<Safety> = parse("safety.toml", sources.safety, &mut problems);
        let rituals: Option<Rituals> = parse("rituals.toml", sources.rituals, &mut problems);
        let weekly_check: Option<WeeklyCheck> = parse("weekly_check.toml", sources.weekly_check, &mut problems);
        let together: Option<Together> = parse("together.toml", sources.together, &mut problems);
        let guides: Option<Guides> = parse("guides.toml", sources.guides, &mut problems);
        let support: Option<Support> = parse("support.toml", sources.support, &mut problems);
        let tips: Option<Tips> = parse("tips.toml", sources.tips, &mut problems);
        let helplines: Option<Helplines> = parse("helplines.toml", sources.helplines, &mut problems);
        let synonyms: Option<Synonyms> = parse("synonyms.toml", sources.synonyms, &mut problems);
        // Every file is parsed (so all problems are reported); the content exists only if all parsed.
        let content = (|| {
            Some(Content {
                features: features?.features,
                checkup: checkup?,
                pulse: pulse?,
                plan: plan?,
                maintenance: maintenance?,
                coach: coach?,
                questions: questions?,
                openers: openers?,
                pause: pause?,
                ground_rules: ground_rules?,
                repairs: repairs?,
                listening: listening?,
                safety: safety?,
                rituals: rituals?,
                weekly_check: weekly_check?,
                together: together?,
                guides: guides?,
                support: support?,
                tips: tips?,
                helplines: helplines?,
                synonyms: synonyms?,
            })
        })();
        let Some(content) = content else {
            return Err(problems);
        };
        let feature_ids: Vec<&str> = content.features.iter().map(|f| f.id.as_str()).collect();
        duplicates("features.toml", feature_ids.iter().copied(), &mut problems);
        content.checkup.check(&feature_ids, &mut problems);
        content.pulse.check(&mut problems);
        content.plan.check(&feature_ids, &mut problems);
        content.maintenance.check(&mut problems);
        content.coach.check(&mut problems);
        content.questions.check(&mut problems);
        content.openers.check(&mut problems);
        content.pause.check(&mut problems);
        content.ground_rules.check(&mut problems);
        content.repairs.check(&mut problems);
        content.listening.check(&mut problems);
        content.safety.check(&mut problems);
        content.rituals.check(&mut problems);
        content.weekly_check.check(&mut problems);
        content.together.check(&mut problems);
        content.guides.check(&feature_ids, &mut problems);
        content.support.check(&mut problems);
        content.tips.check(&mut problems);
        content.helplines.check(&mut problems);
        content.synonyms.check(&mut problems);
        if problems.is_empty() {
            Ok(content)
        } else {
            Err(problems)
        }
    }

    /// The shipped content. Call `Content::load(&EMBEDDED)` once at start-up to report problems
    /// calmly; after that this cannot fail.
    pub fn embedded() -> &'static Content {
        static CONTENT: OnceLock<Content> = OnceLock::new();
        CONTENT.get_or_init(|| {
            Content::load(&EMBEDDED).unwrap_or_else(|problems| panic!("invalid content:\n{}", problems.join("\n")))
        })
    }

    pub fn feature(&self, id: &str) -> Option<&Feature> {
        self.features.iter().find(|f| f.id == id)
    }
}

/// Reports ids that appear more than once.
pub(crate) fn duplicates<'a>(file: &str, ids: impl Iterator<Item = &'a str>, problems: &mut Vec<String>) {
    let mut seen = std::collections::BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            problems.push(format!("content/{file}: the id {id:?} is used twice"));
        }
    }
}

pub(crate) fn non_empty(file: &str, what: &str, text: &str, problems: &mut Vec<String>) {
    if text.trim().is_empty() {
        problems.push(format!("content/{file}: {what} is empty"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_content_is_valid() {
        if let Err(problems) = Content::load(&EMBEDDED) {
            panic!("content problems:\n{}", problems.join("\n"));
        }
    }

    #[test]
    fn a_step_pointing_to_an_unknown_feature_is_reported() {
        let plan = EMBEDDED.plan.replacen("feature = \"", "feature = \"nowhere-", 1);
        let sources = Sources { plan: &plan, ..EMBEDDED };
        let problems = Content::load(&sources).unwrap_err();
        assert!(problems.iter().any(|p| p.contains("nowhere-")), "{problems:?}");
    }

    #[test]
    fn an_unknown_key_is_reported_with_its_file() {
        let pulse = format!("{}\nsurprise = 1\n", EMBEDDED.pulse);
        let sources = Sources { pulse: &pulse, ..EMBEDDED };
        let problems = Content::load(&sources).unwrap_err();
        assert!(problems.iter().any(|p| p.starts_with("content/pulse.toml")), "{problems:?}");
    }
}
