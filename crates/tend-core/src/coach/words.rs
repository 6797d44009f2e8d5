//! Words as the coach compares them: contractions and texting shorthand spelled out ("you're" is
//! "you are", "u" is "you", "don't" is "do not"), so one rule hears every spelling. Each word
//! keeps the character span of the token it came from.

/// One word of a draft, lower case, with the characters of the token it came from.
#[derive(Debug)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub sentence: usize,
    pub quoted: bool,
    /// The token was spelled out into more than one word.
    pub expanded: bool,
}

/// The words a contraction or shorthand stands for, if it is one.
pub(crate) fn spelled_out(word: &str) -> Option<&'static [&'static str]> {
    Some(match word {
        "you're" | "youre" | "ur" | "u're" => &["you", "are"],
        "u" | "ya" | "yu" => &["you"],
        "you've" | "youve" => &["you", "have"],
        "you'll" | "youll" => &["you", "will"],
        "you'd" | "youd" => &["you", "would"],
        "i'm" | "im" => &["i", "am"],
        "i've" | "ive" => &["i", "have"],
        "i'd" => &["i", "would"],
        "don't" | "dont" => &["do", "not"],
        "doesn't" | "doesnt" => &["does", "not"],
        "didn't" | "didnt" => &["did", "not"],
        "can't" | "cant" | "cannot" => &["can", "not"],
        "won't" => &["will", "not"],
        "isn't" | "isnt" => &["is", "not"],
        "aren't" | "arent" => &["are", "not"],
        "wasn't" | "wasnt" => &["was", "not"],
        "weren't" => &["were", "not"],
        "wouldn't" | "wouldnt" => &["would", "not"],
        "couldn't" | "couldnt" => &["could", "not"],
        "shouldn't" | "shouldnt" => &["should", "not"],
        "haven't" | "havent" => &["have", "not"],
        "hasn't" | "hasnt" => &["has", "not"],
        "it's" => &["it", "is"],
        "that's" | "thats" => &["that", "is"],
        "what's" | "whats" => &["what", "is"],
        "who's" => &["who", "is"],
        "we're" => &["we", "are"],
        "they're" => &["they", "are"],
        "let's" | "lets" => &["let", "us"],
        "we'll" => &["we", "will"],
        "there's" => &["there", "is"],
        "gonna" => &["going", "to"],
        "r" => &["are"],
        "wont" => &["will", "not"],
        "werent" => &["were", "not"],
        "i'll" => &["i", "will"],
        "its" => &["it", "is"],
        "theyre" => &["they", "are"],
        "whos" => &["who", "is"],
        "cos" | "coz" | "cuz" | "bc" => &["because"],
        "wanna" => &["want", "to"],
        _ => return None,
    })
}

/// Pushes `text` as words (spelled out when it is a contraction) onto `out`.
pub(crate) fn push_spelled_out(text: &str, mut push: impl FnMut(&str, bool)) {
    match spelled_out(text) {
        Some(parts) => parts.iter().for_each(|p| push(p, parts.len() > 1)),
        None => push(text, false),
    }
}

/// A small, fast, deterministic hasher (FNV-1a) for the coach's short word keys; the word lists
/// are fixed content, so the keyed hashing of the standard map buys nothing here.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A map keyed by words, hashed with [`Fnv`].
pub(crate) type WordMap<V> = std::collections::HashMap<String, V, std::hash::BuildHasherDefault<Fnv>>;

/// Emoji that carry tone, kept as words of their own: eye-rolls and sighs, and warm hearts.
pub(crate) const TONE_EMOJI: &[char] =
    &['🙄', '😒', '🤦', '💅', '🥱', '💛', '❤', '😍', '🥰', '😘', '💕', '😊', '🥹', '💖', '💗', '💙', '💚', '💜', '🤗'];

/// Whether texting "ur" before `next` means "your": `next` is a thing someone has.
pub(crate) fn ur_is_your(next: &str) -> bool {
    matches!(
        next,
        "fault"
            | "mum"
            | "mom"
            | "mother"
            | "dad"
            | "father"
            | "sister"
            | "brother"
            | "family"
            | "ex"
            | "phone"
            | "problem"
            | "job"
            | "friends"
            | "mates"
            | "stuff"
            | "mess"
            | "car"
            | "money"
            | "choice"
            | "idea"
            | "attitude"
            | "turn"
            | "own"
            | "life"
            | "head"
            | "brain"
            | "room"
            | "side"
            | "fault."
            | "parents"
            | "work"
            | "game"
            | "shoes"
            | "clothes"
            | "dishes"
            | "boss"
            | "best"
            | "birthday"
            | "excuses"
    )
}
