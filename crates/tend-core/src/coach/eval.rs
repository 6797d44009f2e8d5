//! Measures the coach on a labeled file: each line `H|S<TAB>sentence` or `H|S<TAB>KIND<TAB>sentence`
//! (`#` comments and blank lines skipped). Gives precision, recall and F1 for "harsh", the
//! confusion counts, how many of each kind were judged harsh, and p50/p99 time per sentence, so
//! `tend soften --eval` and the corpus tests share one measure.

use std::time::{Duration, Instant};

/// One labeled sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labeled {
    pub line: usize,
    pub harsh: bool,
    /// The kind column, or `H`/`S` when the file has none.
    pub kind: String,
    pub sentence: String,
}

/// A line that is not `H|S<TAB>[KIND<TAB>]sentence`, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

/// Reads a labeled file; the first malformed line is an error naming its number.
pub fn parse(text: &str) -> Result<Vec<Labeled>, ParseError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let err = |message: &str| ParseError { line, message: message.to_owned() };
        let parts: Vec<&str> = l.split('\t').collect();
        let (label, kind, sentence) = match parts.as_slice() {
            [label, sentence] => (*label, *label, *sentence),
            [label, kind, sentence] => (*label, kind.trim(), *sentence),
            _ => return Err(err("expected H|S<TAB>sentence or H|S<TAB>KIND<TAB>sentence")),
        };
        let harsh = match label.trim() {
            "H" => true,
            "S" => false,
            _ => return Err(err("the label must be H or S")),
        };
        if sentence.trim().is_empty() || kind.is_empty() {
            return Err(err("empty sentence or kind"));
        }
        out.push(Labeled { line, harsh, kind: kind.to_owned(), sentence: sentence.to_owned() });
    }
    Ok(out)
}

/// Per kind: how many sentences, and how many the coach judged harsh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindRow {
    pub kind: String,
    pub harsh_label: bool,
    pub total: usize,
    pub judged_harsh: usize,
}

/// The figures for one labeled file.
#[derive(Debug, Clone)]
pub struct Report {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
    pub kinds: Vec<KindRow>,
    pub p50: Duration,
    pub p99: Duration,
    /// The sentences judged wrongly, in file order.
    pub wrong: Vec<Labeled>,
}

impl Report {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// The report as text: `scorecard: ` lines for the figures, then the table by kind.
    pub fn render(&self) -> String {
        let mut s = format!(
            "scorecard: sentences {}, precision {:.3}, recall {:.3}, f1 {:.3}\n",
            self.tp + self.fp + self.fn_ + self.tn,
            self.precision(),
            self.recall(),
            self.f1()
        );
        s += &format!("scorecard: tp {}, fp {}, fn {}, tn {}\n", self.tp, self.fp, self.fn_, self.tn);
        s += &format!("scorecard: latency p50 {:?}, p99 {:?} per sentence\n", self.p50, self.p99);
        s += &format!("{:<16} {:>5} {:>6} {:>12}\n", "kind", "label", "count", "judged harsh");
        for k in &self.kinds {
            let label = if k.harsh_label { "H" } else { "S" };
            s += &format!("{:<16} {:>5} {:>6} {:>12}\n", k.kind, label, k.total, k.judged_harsh);
        }
        s
    }
}

impl Report {
    /// Several reports on disjoint sentences as one (the times of the first).
    fn sum(reports: Vec<Report>) -> Report {
        let mut all = Report {
            tp: 0,
            fp: 0,
            fn_: 0,
            tn: 0,
            kinds: Vec::new(),
            p50: Duration::ZERO,
            p99: Duration::ZERO,
            wrong: Vec::new(),
        };
        for (n, r) in reports.into_iter().enumerate() {
            if n == 0 {
                (all.p50, all.p99) = (r.p50, r.p99);
            }
            (all.tp, all.fp, all.fn_, all.tn) = (all.tp + r.tp, all.fp + r.fp, all.fn_ + r.fn_, all.tn + r.tn);
            all.wrong.extend(r.wrong);
            for k in r.kinds {
                match all.kinds.iter_mut().find(|a| a.kind == k.kind && a.harsh_label == k.harsh_label) {
                    Some(a) => (a.total, a.judged_harsh) = (a.total + k.total, a.judged_harsh + k.judged_harsh),
                    None => all.kinds.push(k),
                }
            }
        }
        all.kinds.sort_by(|a, b| b.harsh_label.cmp(&a.harsh_label).then_with(|| a.kind.cmp(&b.kind)));
        all
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Runs the shipped coach on every sentence and tallies the result.
pub fn evaluate(items: &[Labeled]) -> Report {
    // The word lists are compiled on first use; keep that one-off cost out of the timings.
    super::analyze("");
    evaluate_by(items, |sentence| super::analyze(sentence).harsh)
}

/// The coach as it would do on sentences its model never saw: `measured` is cut into `folds`
/// parts, and each part is judged by the rules with a model trained on `train_only` and the other
/// parts. Fair for sentences no rule was tuned on either (a development file written after the
/// rules): that is how the coach meets a stranger's words.
pub fn cross_validate(train_only: &[Labeled], measured: &[Labeled], folds: usize) -> Report {
    let mut reports = Vec::with_capacity(folds);
    for fold in 0..folds {
        let in_fold = |i: &usize| i % folds == fold;
        let rest = measured.iter().enumerate().filter(|(i, _)| !in_fold(i)).map(|(_, l)| l);
        let training: Vec<Labeled> = train_only.iter().chain(rest).cloned().collect();
        let model = super::model::Model::parse(&super::train(&training)).expect("a trained model reads");
        let held: Vec<Labeled> =
            measured.iter().enumerate().filter(|(i, _)| in_fold(i)).map(|(_, l)| l.clone()).collect();
        reports.push(evaluate_by(&held, |sentence| super::analyze_using(&model, sentence).harsh));
    }
    Report::sum(reports)
}

/// Tallies `judge`'s answer for every sentence.
fn evaluate_by(items: &[Labeled], judge: impl Fn(&str) -> bool) -> Report {
    let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
    let mut kinds: Vec<KindRow> = Vec::new();
    let mut times = Vec::with_capacity(items.len());
    let mut wrong = Vec::new();
    for item in items {
        let started = Instant::now();
        let judged = judge(&item.sentence);
        times.push(started.elapsed());
        match (item.harsh, judged) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => tn += 1,
        }
        if item.harsh != judged {
            wrong.push(item.clone());
        }
        let row = match kinds.iter().position(|k| k.kind == item.kind && k.harsh_label == item.harsh) {
            Some(p) => &mut kinds[p],
            None => {
                kinds.push(KindRow { kind: item.kind.clone(), harsh_label: item.harsh, total: 0, judged_harsh: 0 });
                kinds.last_mut().expect("just pushed")
            }
        };
        row.total += 1;
        row.judged_harsh += usize::from(judged);
    }
    kinds.sort_by(|a, b| b.harsh_label.cmp(&a.harsh_label).then_with(|| a.kind.cmp(&b.kind)));
    times.sort();
    let at =
        |q: f64| times.get(((times.len() as f64 * q).ceil() as usize).saturating_sub(1)).copied().unwrap_or_default();
    Report { tp, fp, fn_, tn, kinds, p50: at(0.50), p99: at(0.99), wrong }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_shapes_and_names_a_bad_line() {
        let items = parse("# c\n\nH\tYou idiot.\nS\tsoft\tThank you.\n").unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].kind, "H");
        assert_eq!(items[1].kind, "soft");
        assert_eq!(parse("H\tok\nX\tbad\n").unwrap_err().line, 2);
        assert_eq!(parse("H no tab\n").unwrap_err().line, 1);
    }

    #[test]
    fn counts_the_confusion() {
        let r = evaluate(&parse("H\tYou are an idiot.\nS\tThank you for dinner.\n").unwrap());
        assert_eq!((r.tp, r.fp, r.fn_, r.tn), (1, 0, 0, 1));
        assert!((r.precision() - 1.0).abs() < 1e-9 && (r.recall() - 1.0).abs() < 1e-9);
        assert!(r.render().contains("scorecard: "));
    }
}
