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

/// A labeled file's sentences; an unreadable, malformed or empty file is an error.
fn labeled(file: &std::path::Path) -> anyhow::Result<Vec<tend_core::coach::eval::Labeled>> {
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let items = tend_core::coach::eval::parse(&text).with_context(|| format!("in {}", file.display()))?;
    if items.is_empty() {
        bail!("{} has no labeled sentences", file.display());
    }
    Ok(items)
}

/// `tend soften --eval FILE`: precision, recall, confusion, a table by kind and latency.
pub fn eval(file: &std::path::Path) -> anyhow::Result<()> {
    print!("{}", tend_core::coach::eval::evaluate(&labeled(file)?).render());
    Ok(())
}

/// `tend soften --train FILE…`: the coach's model trained on labeled files, in the order given,
/// as `content/coach-model.tsv`.
pub fn train(files: &[std::path::PathBuf]) -> anyhow::Result<()> {
    let mut items = Vec::new();
    for file in files {
        items.extend(labeled(file)?);
    }
    print!("{}", tend_core::coach::train(&items));
    Ok(())
}
