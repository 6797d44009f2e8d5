//! The synonym groups for guide search (`content/synonyms.toml`): people search with their own
//! words ("stonewalling", "sex", "row"), the guides use Tend's ("shuts down", "physical
//! closeness", "argument"). Every entry of a group stands for all the others. Entries are kept
//! as word stems (see [`super::stem`]), so a group also catches the forms of its words; an entry of
//! several words is a phrase. Checked on load: no empty group, no entry in two groups.

use serde::Deserialize;

const FILE: &str = "synonyms.toml";

/// The file as shipped.
pub const EMBEDDED: &str = include_str!("../../../../content/synonyms.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(from = "RawSynonyms")]
pub struct Synonyms {
    groups: Vec<Group>,
}

#[derive(Debug, Clone)]
struct Group {
    /// The entries as written, for messages.
    words: Vec<String>,
    /// Each entry cut into the stems of its words, in the same order as `words`.
    stems: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSynonyms {
    groups: Vec<RawGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    words: Vec<String>,
}

impl From<RawSynonyms> for Synonyms {
    fn from(raw: RawSynonyms) -> Self {
        let groups = raw
            .groups
            .into_iter()
            .map(|g| Group { stems: g.words.iter().map(|w| stems(w)).collect(), words: g.words })
            .collect();
        Synonyms { groups }
    }
}

/// The stems of a text's words, in order: how entries, queries and guides are compared.
pub fn stems(text: &str) -> Vec<String> {
    super::guide_search::tokens(text).into_iter().map(|t| t.stem).collect()
}

impl Synonyms {
    /// Parses and checks a synonyms file on its own (the content loader does the same as part of
    /// `Content::load`).
    pub fn load(text: &str) -> Result<Synonyms, Vec<String>> {
        let mut problems = Vec::new();
        let synonyms: Synonyms = super::parse(FILE, text, &mut problems).ok_or_else(|| problems.clone())?;
        synonyms.check(&mut problems);
        if problems.is_empty() {
            Ok(synonyms)
        } else {
            Err(problems)
        }
    }

    /// The longest entry found at the start of `stems`: how many words it covers, and every
    /// entry of its group (as stems). `None` when no entry starts there.
    pub fn at_start(&self, stems: &[String]) -> Option<(usize, &[Vec<String>])> {
        self.groups
            .iter()
            .flat_map(|g| g.stems.iter().map(move |entry| (entry, g)))
            .filter(|(entry, _)| !entry.is_empty() && stems.starts_with(entry))
            .max_by_key(|(entry, _)| entry.len())
            .map(|(entry, g)| (entry.len(), g.stems.as_slice()))
    }

    /// The group holding an entry (compared by word forms), as written.
    pub fn group_of(&self, entry: &str) -> Option<&[String]> {
        let wanted = stems(entry);
        self.groups.iter().find(|g| g.stems.contains(&wanted)).map(|g| g.words.as_slice())
    }

    pub(super) fn check(&self, problems: &mut Vec<String>) {
        if self.groups.is_empty() {
            problems.push(format!("content/{FILE}: no groups are listed"));
        }
        let mut seen: Vec<(&[String], usize, &str)> = Vec::new();
        for (index, group) in self.groups.iter().enumerate() {
            let number = index + 1;
            if group.words.len() < 2 {
                problems.push(format!("content/{FILE}: group {number} has fewer than two entries"));
            }
            for (word, stems) in group.words.iter().zip(&group.stems) {
                if word.trim().is_empty() || stems.is_empty() {
                    problems.push(format!("content/{FILE}: group {number} has an empty entry"));
                    continue;
                }
                if *word != word.trim().to_lowercase() {
                    problems.push(format!("content/{FILE}: {word:?} in group {number} is not trimmed lower case"));
                }
                match seen.iter().find(|(s, _, _)| *s == stems.as_slice()) {
                    Some((_, other, first)) if *other != number => problems.push(format!(
                        "content/{FILE}: {word:?} (group {number}) and {first:?} (group {other}) are the same word in two groups; keep it in one"
                    )),
                    Some(_) => {}
                    None => seen.push((stems, number, word)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_with(text: &str, needle: &str) {
        let problems = Synonyms::load(text).expect_err("the file should be refused");
        assert!(problems.iter().any(|p| p.contains(needle) && p.starts_with("content/synonyms.toml")), "{problems:?}");
    }

    #[test]
    fn the_shipped_list_is_valid() {
        Synonyms::load(EMBEDDED).unwrap_or_else(|p| panic!("{}", p.join("\n")));
    }

    #[test]
    fn a_group_of_one_or_none_is_refused() {
        refused_with("[[groups]]\nwords = [\"alone\"]\n", "fewer than two entries");
        refused_with("[[groups]]\nwords = []\n", "fewer than two entries");
        refused_with("groups = []\n", "no groups");
        refused_with("[[groups]]\nwords = [\"row\", \"  \"]\n", "an empty entry");
    }

    #[test]
    fn a_word_in_two_groups_is_refused_even_in_another_form() {
        let text = "[[groups]]\nwords = [\"fight\", \"row\"]\n\n[[groups]]\nwords = [\"rows\", \"boats\"]\n";
        refused_with(text, "\"rows\" (group 2) and \"row\" (group 1) are the same word in two groups");
        let same_group = "[[groups]]\nwords = [\"row\", \"rows\", \"fight\"]\n";
        assert!(Synonyms::load(same_group).is_ok(), "forms of one word may share a group");
    }

    #[test]
    fn entries_are_lower_case_and_unknown_keys_are_refused() {
        refused_with("[[groups]]\nwords = [\"Fight\", \"row\"]\n", "not trimmed lower case");
        refused_with("[[groups]]\nwords = [\"fight\", \"row\"]\nweight = 2\n", "unknown field");
    }

    #[test]
    fn the_longest_entry_at_the_start_wins_and_brings_its_group() {
        let synonyms = Synonyms::load(EMBEDDED).unwrap();
        let query = stems("shutting down again");
        let (covered, group) = synonyms.at_start(&query).expect("a phrase of the withdrawal group");
        assert_eq!(covered, 2);
        assert!(group.contains(&stems("stonewalling")));
        assert!(synonyms.at_start(&stems("zzzyx")).is_none());
        assert_eq!(synonyms.group_of("hugging").map(|g| g.contains(&"cuddle".to_owned())), Some(true));
    }
}
