#!/usr/bin/env python3
"""Looks for questions in content/questions.toml that say the same thing twice.

Two questions are flagged when their content words overlap a lot: both are lower-cased,
apostrophes dropped, other punctuation turned into spaces, and a small list of stop words
removed; the pair is flagged when the Jaccard similarity of the two word sets is 0.6 or more, or
when the sets are identical once simple suffixes are stemmed ("walks", "walking", "walked" ->
"walk"). Exact duplicates (ignoring case and surrounding spaces) are flagged too.

The same rule runs in Rust in `crates/tend-core/src/content/questions.rs` (the content check
fails on any flagged pair); keep STOP_WORDS, SUFFIXES and THRESHOLD here identical to the ones
there.

Also flags, as a reminder rather than a rule, questions that open like a yes/no question.

Usage: scripts/content-near-duplicates.py [path/to/questions.toml]
Prints one line per flagged pair and exits with 1 when anything was flagged.
"""

import sys
import tomllib
from itertools import combinations
from pathlib import Path

THRESHOLD = 0.6

# Small on purpose: only words that carry no meaning of their own in a question.
STOP_WORDS = frozenset(
    """
    a an the and or but if of to in on at for with from by about as into than then so too very
    just it its is are was were be been being do does did done have has had
    i me my we us our you your yours yourself they them their
    im ive id youre youve youd youll weve wed were
    what whats which who whos whom whose when where wheres why how hows
    that thats this these those there theres
    would could should can will might may must shall
    dont didnt doesnt isnt arent wasnt werent not no
    any some something anything thing things
    """.split()
)

# Tried in order; the first that fits is removed, keeping a stem of at least three letters.
SUFFIXES = ("ing", "ies", "ed", "es", "ly", "s")

YES_NO_OPENINGS = (
    "do ", "does ", "did ", "is ", "are ", "was ", "were ", "have ", "has ", "had ", "can ",
    "could ", "would ", "will ", "should ", "shall ", "may ", "might ", "am ",
)


def words(text: str) -> list[str]:
    """Lower-cased words, apostrophes dropped and other punctuation turned into spaces."""
    lowered = text.lower().replace("'", "").replace("\u2019", "")
    cleaned = "".join(c if c.isalnum() else " " for c in lowered)
    return cleaned.split()


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if w not in STOP_WORDS)


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            if suffix == "ies":
                return word[: -len(suffix)] + "y"
            return word[: -len(suffix)]
    return word


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def near_duplicate(a: str, b: str) -> str | None:
    """Why two questions count as saying the same thing, or None."""
    if a.strip().lower() == b.strip().lower():
        return "identical"
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return None
    score = jaccard(wa, wb)
    if score >= THRESHOLD:
        return f"word overlap {score:.2f}"
    if {stem(w) for w in wa} == {stem(w) for w in wb}:
        return "same words once stemmed"
    return None


def questions(deck: dict) -> list[tuple[str, str, str]]:
    """(set, theme, question) for every question, in file order; both the grouped and flat shape."""
    found = []
    for s in deck.get("sets", []):
        for q in s.get("questions", []):
            found.append((s["id"], "", q))
        for g in s.get("groups", []):
            for q in g.get("questions", []):
                found.append((s["id"], g.get("theme", ""), q))
    return found


def main() -> int:
    default = Path(__file__).resolve().parent.parent / "content" / "questions.toml"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    deck = tomllib.loads(path.read_text(encoding="utf-8"))
    found = questions(deck)
    flagged = 0
    for (sa, ta, a), (sb, tb, b) in combinations(found, 2):
        why = near_duplicate(a, b)
        if why:
            flagged += 1
            print(f"{why}: [{sa}/{ta}] {a!r}\n    ~ [{sb}/{tb}] {b!r}")
    for s, t, q in found:
        if not q.strip().endswith("?"):
            flagged += 1
            print(f"not a question: [{s}/{t}] {q!r}")
        if q.strip().lower().startswith(YES_NO_OPENINGS):
            flagged += 1
            print(f"opens like a yes/no question: [{s}/{t}] {q!r}")
    print(f"{len(found)} questions, {flagged} flagged", file=sys.stderr)
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
