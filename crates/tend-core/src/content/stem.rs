//! Word forms for guide search: a deliberately small English stemmer. It cuts the common endings
//! (-ness, -ing, -ed, -es, -s, -ly; -ies, -ied and -ily to -y), undoubles a final consonant left behind
//! ("shutting" → "shut") and drops a final "e" ("argue" and "arguing" → "argu"), so the forms a
//! person types meet the forms a guide uses. It never needs to be a real word, only the same for
//! both. It does not join words of different kinds ("argue" and "argument" stay apart): that is
//! what the synonym list is for.

/// Endings cut, tried in this order; the first that fits is cut, then again on what is left.
const ENDINGS: &[(&str, &str)] = &[
    ("iness", "y"),
    ("ness", ""),
    ("ing", ""),
    ("ied", "y"),
    ("ies", "y"),
    ("eed", "ee"),
    ("ees", "ee"),
    ("ed", ""),
    ("es", ""),
    ("ily", "y"),
    ("ly", ""),
    ("s", ""),
];

/// A stem is never shorter than this, so short words are left as they are.
const MIN_STEM: usize = 3;

/// Words ending in these keep their final "s": "kiss", "focus", "crisis".
const KEEPS_FINAL_S: &[&str] = &["ss", "us", "is"];

/// The stem of one lower-case word (curly apostrophes count as straight ones).
pub fn stem(word: &str) -> String {
    let mut word = word.replace('\u{2019}', "'");
    if let Some(base) = word.strip_suffix("'s").or_else(|| word.strip_suffix('\'')) {
        word = base.to_owned();
    }
    let mut cut_any = false;
    // Two rounds at most: "feelings" → "feeling" → "feel"; "lonely" → "lone".
    for _ in 0..2 {
        match cut_ending(&word) {
            Some(shorter) => {
                word = shorter;
                cut_any = true;
            }
            None => break,
        }
    }
    if cut_any {
        word = undouble(word);
    }
    drop_final_e(word)
}

fn cut_ending(word: &str) -> Option<String> {
    for (ending, replacement) in ENDINGS {
        let Some(base) = word.strip_suffix(ending) else { continue };
        if base.chars().count() < MIN_STEM {
            continue;
        }
        if *ending == "s" && KEEPS_FINAL_S.iter().any(|keep| word.ends_with(keep)) {
            return None;
        }
        return Some(format!("{base}{replacement}"));
    }
    None
}

/// "shutt" → "shut", "hugg" → "hug"; a double l, s or z stays ("stonewall", "kiss").
fn undouble(word: String) -> String {
    let mut chars = word.chars().rev();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a == b && a.is_ascii_alphabetic() && !"aeiouylsz".contains(a) => {
            word[..word.len() - a.len_utf8()].to_owned()
        }
        _ => word,
    }
}

fn drop_final_e(word: String) -> String {
    match word.strip_suffix('e') {
        Some(base) if base.chars().count() >= MIN_STEM && !base.ends_with('e') => base.to_owned(),
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn same(words: &[&str]) {
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        assert!(stems.windows(2).all(|w| w[0] == w[1]), "{words:?} → {stems:?}");
    }

    fn apart(a: &str, b: &str) {
        assert_ne!(stem(a), stem(b), "{a:?} and {b:?} should stay apart");
    }

    #[test]
    fn ing_and_ed_and_s_forms_meet_their_word() {
        same(&["listen", "listening", "listened", "listens"]);
        same(&["feel", "feeling", "feelings"]);
        same(&["need", "needed", "needs"]);
    }

    #[test]
    fn a_doubled_consonant_and_a_final_e_are_evened_out() {
        same(&["shut", "shutting", "shuts"]);
        same(&["hug", "hugging", "hugged", "hugs"]);
        same(&["argue", "arguing", "argued", "argues"]);
        same(&["hope", "hoping", "hoped", "hopes"]);
        same(&["stonewall", "stonewalling", "stonewalled", "stonewalls"]);
    }

    #[test]
    fn es_ies_and_ied_endings_are_cut() {
        same(&["kiss", "kisses", "kissing"]);
        same(&["wish", "wishes", "wished"]);
        same(&["story", "stories"]);
        same(&["worry", "worries", "worried"]);
        same(&["agree", "agreed", "agrees", "agreeing"]);
    }

    #[test]
    fn ness_and_ly_endings_are_cut() {
        same(&["close", "closeness"]);
        same(&["sad", "sadness"]);
        same(&["quiet", "quietly"]);
        same(&["happy", "happily", "happiness"]);
        same(&["lonely", "loneliness"]);
        same(&["calm", "calmly", "calmness"]);
    }

    #[test]
    fn possessives_and_curly_apostrophes_are_plain() {
        same(&["partner", "partner's", "partner\u{2019}s", "partners'"]);
    }

    #[test]
    fn short_words_and_words_that_only_look_like_forms_stay_whole() {
        assert_eq!(stem("is"), "is");
        assert_eq!(stem("sex"), "sex");
        assert_eq!(stem("being"), "being");
        assert_eq!(stem("focus"), "focus");
        assert_eq!(stem("crisis"), "crisis");
        assert_eq!(stem("stress"), "stress");
        apart("argue", "argument");
        apart("sing", "sting");
    }
}
