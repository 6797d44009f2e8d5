//! `tend soften`: the soft start-up coach on the command line.

use std::io::Read;

use anyhow::{bail, Context};
use tend_core::content::Content;

pub fn run(text: Option<String>, json: bool) -> anyhow::Result<()> {
    let text = match text {
        Some(text) => text,
        None => {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input)?;
            input
        }
    };
    if text.chars().count() > tend_web::services::coach::MAX_CHARS {
        bail!("Please keep the draft to 5,000 characters or fewer.");
    }
    let analysis = tend_core::coach::analyze(&text);
    if json {
        println!("{}", serde_json::to_string(&analysis)?);
        return Ok(());
    }
    if !analysis.harsh {
        println!("This reads gently. Nothing here tends to put people on guard.");
        return Ok(());
    }
    let coach = &Content::embedded().coach;
    let chars: Vec<char> = text.chars().collect();
    for h in &analysis.highlights {
        let fragment: String = chars[h.start..h.end].iter().collect();
        println!("- {} \u{201c}{fragment}\u{201d}: {}", coach.kind(h.kind).title, h.reason);
    }
    println!("\nA gentler start:\n  {}", analysis.suggestion);
    Ok(())
}

/// `tend soften --eval FILE`: precision, recall, confusion, a table by kind and latency.
pub fn eval(file: &std::path::Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let items = tend_core::coach::eval::parse(&text).with_context(|| format!("in {}", file.display()))?;
    if items.is_empty() {
        bail!("{} has no labeled sentences", file.display());
    }
    print!("{}", tend_core::coach::eval::evaluate(&items).render());
    Ok(())
}
