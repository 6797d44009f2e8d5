//! `tend content check` and `tend content show`: the program's words, checked or printed as text.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::{bail, Context};
use tend_core::content::{Content, Sources, StepWho, EMBEDDED};

/// Loads the embedded content, or the files in `dir` (for editing without rebuilding).
fn load(dir: Option<&Path>) -> anyhow::Result<Result<Content, Vec<String>>> {
    let Some(dir) = dir else {
        return Ok(Content::load(&EMBEDDED));
    };
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).with_context(|| format!("Failed to read {}", dir.join(name).display()))
    };
    let (features, checkup, pulse, plan) =
        (read("features.toml")?, read("checkup.toml")?, read("pulse.toml")?, read("plan.toml")?);
    let maintenance = read("maintenance.toml")?;
    let coach = read("coach.toml")?;
    let (questions, openers) = (read("questions.toml")?, read("openers.toml")?);
    let (pause, ground_rules, repairs) = (read("pause.toml")?, read("ground_rules.toml")?, read("repairs.toml")?);
    let (listening, safety) = (read("listening.toml")?, read("safety.toml")?);
    let (rituals, weekly_check) = (read("rituals.toml")?, read("weekly_check.toml")?);
    let together = read("together.toml")?;
    let (guides, support, tips) = (read("guides.toml")?, read("support.toml")?, read("tips.toml")?);
    let (helplines, synonyms) = (read("helplines.toml")?, read("synonyms.toml")?);
    Ok(Content::load(&Sources {
        features: &features,
        checkup: &checkup,
        pulse: &pulse,
        plan: &plan,
        maintenance: &maintenance,
        coach: &coach,
        questions: &questions,
        openers: &openers,
        pause: &pause,
        ground_rules: &ground_rules,
        repairs: &repairs,
        listening: &listening,
        safety: &safety,
        rituals: &rituals,
        weekly_check: &weekly_check,
        together: &together,
        guides: &guides,
        support: &support,
        tips: &tips,
        helplines: &helplines,
        synonyms: &synonyms,
    }))
}

pub fn check(dir: Option<&Path>) -> anyhow::Result<()> {
    match load(dir)? {
        Ok(content) => {
            let steps: usize = content.plan.weeks.iter().map(|w| w.steps.len()).sum();
            println!(
                "The content is valid: {} check-up statements in {} areas, {} pulse questions, {} weeks with {steps} steps, {} features.",
                content.checkup.items().count(),
                content.checkup.areas.len(),
                content.pulse.items.len(),
                content.plan.weeks.len(),
                content.features.len(),
            );
            Ok(())
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            bail!("{} problem(s) in the content", problems.len())
        }
    }
}

/// Makes sure the shipped content is sound before serving anyone.
pub fn ensure_valid() -> anyhow::Result<()> {
    if let Err(problems) = Content::load(&EMBEDDED) {
        bail!("The program's content has problems:\n{}", problems.join("\n"));
    }
    if let Err(problem) = tend_web::pages::page_words::check() {
        bail!("The pages' words have a problem:\n{problem}");
    }
    Ok(())
}

pub fn show(what: &str, dir: Option<&Path>) -> anyhow::Result<()> {
    let content = match load(dir)? {
        Ok(content) => content,
        Err(problems) => bail!("The content has problems; run `tend content check`:\n{}", problems.join("\n")),
    };
    let mut out = String::new();
    match what {
        "plan" => {
            let _ = writeln!(out, "{}\n", content.plan.intro);
            for week in &content.plan.weeks {
                let _ = writeln!(out, "Week {}: {}\n  {}", week.number, week.focus, week.intro);
                for step in &week.steps {
                    let who = if step.who == StepWho::Shared { "together" } else { "each" };
                    let _ = writeln!(
                        out,
                        "  - {} ({who}, {} day(s))\n    {}\n    Smaller: {}",
                        step.title, step.days, step.text, step.smaller
                    );
                }
                let _ = writeln!(out);
            }
        }
        "checkup" => {
            let _ = writeln!(out, "Answers: {}\n", content.checkup.scale.join(" / "));
            for area in &content.checkup.areas {
                let _ = writeln!(out, "{}\n  {}", area.title, area.question);
                for item in &area.items {
                    let _ = writeln!(
                        out,
                        "  - {}{}",
                        item.text,
                        if item.reverse { " (counted the other way round)" } else { "" }
                    );
                }
                let _ = writeln!(out);
            }
        }
        "pulse" => {
            let _ = writeln!(out, "{}\n", content.pulse.intro);
            for item in &content.pulse.items {
                let _ = writeln!(out, "- {} (1: {} … 5: {})", item.text, item.low, item.high);
            }
        }
        other => bail!("There is no content called {other:?}; try plan, checkup or pulse"),
    }
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(())
}
