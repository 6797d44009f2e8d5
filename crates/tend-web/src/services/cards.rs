//! Shareable cards: any daily ritual, plan week or question from the deck, typeset as an SVG and
//! a PNG (1200×630) for saving or sharing anywhere. Cards hold only the program's own words —
//! never anything a person wrote — so they need no account. PNGs are drawn with resvg and the
//! DejaVu fonts embedded in the binary, and kept once drawn.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use tend_core::msg;

use tend_core::content::Content;
use tend_core::rituals::RitualKind;

use super::{ServiceError, ServiceResult};

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 630;
static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// What a card says: a small label above, the words, and a line below.
pub struct Card {
    pub label: String,
    pub text: String,
    pub footer: String,
}

/// The card for `kind` (`ritual`, `week`, `question`) and `id`, or `NotFound`.
pub fn card(kind: &str, id: &str) -> ServiceResult<Card> {
    let content = Content::embedded();
    match kind {
        "ritual" => {
            let r = content.rituals.ritual(RitualKind::parse(id).ok_or(ServiceError::NotFound)?);
            let text = if r.prompt.is_empty() { r.summary.clone() } else { r.prompt.clone() };
            Ok(Card { label: r.name.clone(), text, footer: msg::cards_daily_ritual_from_tend().into() })
        }
        "week" => {
            let n: u8 = id.parse().map_err(|_| ServiceError::NotFound)?;
            let w = content.plan.week(n).ok_or(ServiceError::NotFound)?;
            let steps: Vec<&str> = w.steps.iter().map(|s| s.title.as_str()).collect();
            Ok(Card {
                label: format!("Week {n} of 8: {}", w.focus),
                text: steps.join(" · "),
                footer: "The 8-week plan from Tend".into(),
            })
        }
        "question" => {
            let (set, _, text) = content.questions.all().find(|(_, qid, _)| qid == id).ok_or(ServiceError::NotFound)?;
            Ok(Card {
                label: format!("A {} question", set.as_str()),
                text: text.to_owned(),
                footer: msg::cards_curious_questions_from_tend().into(),
            })
        }
        _ => Err(ServiceError::NotFound),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Breaks text into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

impl Card {
    pub fn svg(&self) -> String {
        // Longer words get a smaller size, so every card fits its frame.
        let (size, width) = match self.text.chars().count() {
            0..=90 => (54, 34),
            91..=160 => (44, 42),
            _ => (36, 52),
        };
        let lines: Vec<String> = wrap(&self.text, width).into_iter().take(7).collect();
        let line_height = size * 13 / 10;
        let top = (HEIGHT as usize - lines.len() * line_height) / 2 + size / 2;
        let mut body = String::new();
        for (i, line) in lines.iter().enumerate() {
            body.push_str(&format!(
                r##"<text x="96" y="{}" font-size="{size}" fill="#2b2420">{}</text>"##,
                top + i * line_height,
                escape(line)
            ));
        }
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, sans-serif" role="img" aria-label="{}">
<rect width="{WIDTH}" height="{HEIGHT}" fill="#faf6f0"/>
<rect x="0" y="0" width="16" height="{HEIGHT}" fill="#2e5e4b"/>
<text x="96" y="110" font-size="30" font-weight="bold" fill="#2e5e4b">{}</text>
{body}
<path d="M96 560 q14 -26 36 -22 q-6 26 -36 22 z" fill="#2e5e4b"/>
<text x="144" y="568" font-size="28" font-weight="bold" fill="#2b2420">Tend</text>
<text x="1104" y="568" font-size="24" fill="#5e5048" text-anchor="end">{}</text>
</svg>"##,
            escape(&format!("{}: {}", self.label, self.text)),
            escape(&self.label),
            escape(&self.footer),
        )
    }
}

fn options() -> &'static resvg::usvg::Options<'static> {
    static OPTIONS: OnceLock<resvg::usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut options = resvg::usvg::Options::default();
        let fonts = options.fontdb_mut();
        fonts.load_font_data(REGULAR.to_vec());
        fonts.load_font_data(BOLD.to_vec());
        fonts.set_sans_serif_family("DejaVu Sans");
        options
    })
}

/// PNGs already drawn, by (kind, id).
type Drawn = Mutex<HashMap<(String, String), Arc<Vec<u8>>>>;

/// The card as a PNG, drawn once per card and kept.
pub fn png(kind: &str, id: &str) -> ServiceResult<Arc<Vec<u8>>> {
    static DRAWN: OnceLock<Drawn> = OnceLock::new();
    let drawn = DRAWN.get_or_init(Default::default);
    let key = (kind.to_owned(), id.to_owned());
    if let Some(png) = drawn.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(png.clone());
    }
    let svg = card(kind, id)?.svg();
    let tree = resvg::usvg::Tree::from_str(&svg, options()).map_err(|e| anyhow::anyhow!("card SVG unreadable: {e}"))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or_else(|| anyhow::anyhow!("no pixmap"))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let png = Arc::new(pixmap.encode_png().map_err(|e| anyhow::anyhow!("card PNG: {e}"))?);
    drawn.lock().unwrap_or_else(|e| e.into_inner()).insert(key, png.clone());
    Ok(png)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_spaces_within_the_width() {
        let lines = wrap("one two three four five six seven", 10);
        assert_eq!(lines, vec!["one two", "three four", "five six", "seven"]);
        assert!(lines.iter().all(|l| l.chars().count() <= 10));
    }

    #[test]
    fn a_card_escapes_its_words_and_an_unknown_one_is_not_found() {
        let card = Card { label: "A <label>".into(), text: "Tom & Jerry".into(), footer: "f".into() };
        let svg = card.svg();
        assert!(svg.contains("Tom &amp; Jerry") && !svg.contains("<label>"));
        assert!(matches!(super::card("ritual", "lunch"), Err(ServiceError::NotFound)));
        assert!(matches!(super::card("week", "9"), Err(ServiceError::NotFound)));
    }
}
