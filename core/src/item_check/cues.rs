//! The wording cues a test-wise learner reads without knowing the subject,
//! and the course-level rules that find them lopsided (advice for now, see
//! [`crate::diagnostic::Severity::Advice`]).
//!
//! A cue is honest on one question and a give-away across a course: "a key
//! may be written as a limit, a wrong choice may hedge". So each rule counts
//! over the whole course, compares right statements with wrong ones, and
//! only when one side carries the cue far more often does it point at the
//! questions that make the difference. The word lists are shared with the
//! knowledge-free guesser ([`crate::guess`]), which measures what the same
//! cues are worth to a learner.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{Item, warn};
use crate::diagnostic::{CueCounts, Diagnostic, Message};
use crate::model::{Course, Kind, Question};

/// Limiting and absolute words ("specific determiners"): `limit-wrong`.
pub const LIMITS: &[&str] = &[
    "すべて",
    "全て",
    "だけ",
    "のみ",
    "限る",
    "限られ",
    "限定され",
    "一切",
    "どのような",
    "いかなる",
    "かかわらず",
    "当然",
    "必ず",
    "絶対",
    "常に",
    "決して",
    "例外なく",
    "無条件",
];

/// Endings that deny coverage or a duty, or permit without condition:
/// `denial-wrong`.
pub const DENIALS: &[&str] = &[
    "当たらない",
    "あたらない",
    "該当しない",
    "対象外",
    "対象にならない",
    "対象とならない",
    "対象にはならない",
    "対象ではない",
    "適用されない",
    "適用外",
    "含まれない",
    "手段はない",
    "方法はない",
    "問われない",
    "負わない",
    "義務はない",
    "必要はない",
    "問題はない",
    "差し支えない",
    "構わない",
    "かまわない",
    "てよい",
    "でよい",
    "てもよい",
    "許される",
    "とどまる",
];

/// Hedges that widen a statement: `hedge-right`.
pub const HEDGE_CUES: &[&str] = &[
    "など",
    "り得る",
    "りうる",
    "場合も",
    "場合があ",
    "ことがあ",
    "こともあ",
    "おそれ",
    "恐れ",
    "可能性",
    "原則",
    "必要に応じ",
    "状況に応じ",
    "状況によ",
    "場合によ",
    "一概に",
    "限らない",
];

/// Words that state a duty or coverage (a widening ○× statement).
pub const OBLIGATIONS: &[&str] = &[
    "なければならない",
    "てはならない",
    "義務",
    "当たる",
    "あたる",
    "含まれる",
    "対象となる",
    "対象になる",
    "適用される",
];

/// Phrases that contain a listed word but mean something else; masked
/// before matching ("できるだけ" is a hedge, "だけでなく" widens, "限らない"
/// is not a limit).
const NOT_CUES: &[&str] = &[
    "できるだけ",
    "だけでなく",
    "だけではなく",
    "のみならず",
    "限らない",
    "限りません",
];

/// Prompts that ask for the wrong or the excluded one: there the right
/// choice is a false statement, so the cues count the other way round.
pub const NEGATIVE_STEMS: &[&str] = &[
    "ないもの",
    "ないのは",
    "誤っている",
    "誤りはどれ",
    "誤りのもの",
    "不適切な",
    "適切でない",
    "正しくない",
    "当てはまらない",
];

/// The cue words found in one statement (the first of each list).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cues {
    /// A limiting or absolute word.
    pub limit: Option<&'static str>,
    /// A coverage-denial or unconditional-permission ending.
    pub denial: Option<&'static str>,
    /// A hedge.
    pub hedge: Option<&'static str>,
    /// A duty or coverage (for ○× statements).
    pub obligation: Option<&'static str>,
}

/// Which way a ○× statement leans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polarity {
    /// It limits, denies or permits: test-wise learners answer ×.
    Narrows(&'static str),
    /// It hedges or states a duty: test-wise learners answer ○.
    Widens(&'static str),
}

impl Cues {
    /// The cues of `text`.
    pub fn of(text: &str) -> Cues {
        let mut masked = text.to_owned();
        for phrase in NOT_CUES {
            masked = masked.replace(phrase, "□");
        }
        let first = |list: &[&'static str], t: &str| list.iter().find(|w| t.contains(*w)).copied();
        Cues {
            limit: first(LIMITS, &masked),
            denial: first(DENIALS, &masked),
            // The hedge list itself holds "限らない": match the unmasked text.
            hedge: first(HEDGE_CUES, text),
            obligation: first(OBLIGATIONS, &masked),
        }
    }

    /// The lean of a statement with cues one way only.
    pub fn polarity(&self) -> Option<Polarity> {
        let narrow = self.limit.or(self.denial);
        let widen = self.hedge.or(self.obligation);
        match (narrow, widen) {
            (Some(w), None) => Some(Polarity::Narrows(w)),
            (None, Some(w)) => Some(Polarity::Widens(w)),
            _ => None,
        }
    }

    /// Which cue `rule` looks for.
    fn get(&self, rule: Rule) -> Option<&'static str> {
        match rule {
            Rule::Limit => self.limit,
            Rule::Denial => self.denial,
            Rule::Hedge => self.hedge,
        }
    }
}

/// True when the prompt asks for the wrong or excluded choice.
pub fn negative_stem(prompt: &str) -> bool {
    NEGATIVE_STEMS.iter().any(|s| prompt.contains(s))
}

/// For a single or multiple question: whether each choice, as a
/// statement, is true (a right choice, or a wrong one under a negative
/// stem). `None` for ○/×.
pub fn statement_truth(question: &Question) -> Option<Vec<bool>> {
    let negative = negative_stem(&question.prompt.to_plain());
    let (count, right): (usize, Vec<usize>) = match &question.kind {
        Kind::Single { choices, answer } => (choices.len(), vec![*answer]),
        Kind::Multiple {
            choices, answers, ..
        } => (choices.len(), answers.clone()),
        Kind::TrueFalse { .. } => return None,
    };
    Some((0..count).map(|i| right.contains(&i) != negative).collect())
}

/// Content words of a text: runs of two or more kanji, katakana or ASCII
/// letters and digits (Japanese has no spaces; these runs are its nouns).
pub fn content_words(text: &str) -> BTreeSet<String> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Kanji,
        Katakana,
        Latin,
        Other,
    }
    let class = |c: char| match c {
        '\u{4e00}'..='\u{9fff}' | '々' => Class::Kanji,
        '\u{30a1}'..='\u{30fa}' | 'ー' => Class::Katakana,
        c if c.is_ascii_alphanumeric() => Class::Latin,
        _ => Class::Other,
    };
    let mut words = BTreeSet::new();
    let mut run = String::new();
    let mut last = Class::Other;
    for c in text.chars().chain(std::iter::once(' ')) {
        let k = class(c);
        if k != last || k == Class::Other {
            if last != Class::Other && run.chars().count() >= 2 {
                words.insert(run.to_lowercase());
            }
            run.clear();
        }
        if k != Class::Other {
            run.push(c);
        }
        last = k;
    }
    words
}

/// The words of the scenario, prompt and course description a learner
/// can see beside the choices.
pub fn context_words(course: &Course, question: &Question) -> BTreeSet<String> {
    let mut text = course.description.to_plain();
    if let Some(s) = &question.scenario {
        text.push('\n');
        text.push_str(&s.to_plain());
    }
    text.push('\n');
    text.push_str(&question.prompt.to_plain());
    content_words(&text)
}

/// The three choice-cue rules, which differ only in the cue and in which
/// side it gives away.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rule {
    Limit,
    Denial,
    Hedge,
}

/// Ratio and count a lopsided cue needs: on one side more than twice as
/// often (per statement) as on the other, and on at least this many.
const MIN_CUED: usize = 5;

/// The cue rules of a valid course.
pub(super) fn check(
    course: &Course,
    items: &[Item<'_>],
    course_id: &Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    for rule in [Rule::Limit, Rule::Denial, Rule::Hedge] {
        choice_cue(rule, items, course_id, out);
    }
    polarity(items, out);
    key_echo(course, items, out);
    odd_one_out_right(items, out);
}

/// `limit-wrong`, `denial-wrong` and `hedge-right`, each either way: the
/// cue on the side it gives away (a limit on false statements), or, once
/// writers overcorrect, on the other side just as lopsidedly (`reversed`).
fn choice_cue(rule: Rule, items: &[Item<'_>], course_id: &Range<usize>, out: &mut Vec<Diagnostic>) {
    let mut counts = CueCounts::default();
    // Per question: the choice numbers carrying the cue, on true and on
    // false statements, and the first word found on each side.
    type Sides = (
        Vec<usize>,
        Vec<usize>,
        Option<&'static str>,
        Option<&'static str>,
    );
    let mut questions: Vec<(&Item<'_>, Sides)> = Vec::new();
    for item in items {
        let Some(truth) = statement_truth(item.question) else {
            continue;
        };
        let mut sides: Sides = (Vec::new(), Vec::new(), None, None);
        for (i, text) in item.source.choice_texts.iter().enumerate() {
            let Some(true_statement) = truth.get(i).copied() else {
                continue;
            };
            let cue = Cues::of(text).get(rule);
            if true_statement {
                counts.true_total += 1;
                counts.on_true += usize::from(cue.is_some());
            } else {
                counts.false_total += 1;
                counts.on_false += usize::from(cue.is_some());
            }
            if cue.is_some() {
                if true_statement {
                    sides.0.push(i + 1);
                    sides.2 = sides.2.or(cue);
                } else {
                    sides.1.push(i + 1);
                    sides.3 = sides.3.or(cue);
                }
            }
        }
        questions.push((item, sides));
    }
    let c = &counts;
    // a / a_total > 2 * b / b_total, without division.
    let lopsided = |a: usize, a_total: usize, b: usize, b_total: usize| {
        a >= MIN_CUED && a * b_total > 2 * b * a_total
    };
    let on_true = lopsided(c.on_true, c.true_total, c.on_false, c.false_total);
    let on_false = lopsided(c.on_false, c.false_total, c.on_true, c.true_total);
    // A limit or denial gives away a false statement; a hedge a true one.
    let (found_on_true, reversed) = match (rule, on_true, on_false) {
        (Rule::Hedge, true, _) => (true, false),
        (Rule::Hedge, _, true) => (false, true),
        (_, _, true) => (false, false),
        (_, true, _) => (true, true),
        _ => return,
    };
    let mut pointed = false;
    for (item, (true_nums, false_nums, true_word, false_word)) in questions {
        let (numbers, word, other) = if found_on_true {
            (true_nums, true_word, false_nums)
        } else {
            (false_nums, false_word, true_nums)
        };
        // Only the questions the cue decides: it stands on one side only.
        if let Some(word) = word
            && other.is_empty()
        {
            let span = item.source.choices.as_ref().unwrap_or(&item.source.answer);
            warn(out, span, message(rule, word, numbers, counts, reversed));
            pointed = true;
        }
    }
    if !pointed {
        // Lopsided, yet no one question decided by it: name the course.
        warn(
            out,
            course_id,
            message(rule, "", Vec::new(), counts, reversed),
        );
    }
}

fn message(
    rule: Rule,
    word: &'static str,
    numbers: Vec<usize>,
    counts: CueCounts,
    reversed: bool,
) -> Message {
    match rule {
        Rule::Limit => Message::LimitWrong {
            word: word.into(),
            numbers,
            counts,
            reversed,
        },
        Rule::Denial => Message::DenialWrong {
            word: word.into(),
            numbers,
            counts,
            reversed,
        },
        Rule::Hedge => Message::HedgeRight {
            word: word.into(),
            numbers,
            counts,
            reversed,
        },
    }
}

/// `truefalse-polarity`: ○× statements that narrow are × and those that
/// widen are ○ (or the reverse) at least twice as often as not, in 4+.
fn polarity(items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    let mut follows = Vec::new();
    let mut against = Vec::new();
    for item in items {
        let Kind::TrueFalse { answer } = item.question.kind else {
            continue;
        };
        let Some(lean) = Cues::of(&item.question.prompt.to_plain()).polarity() else {
            continue;
        };
        let predicted = matches!(lean, Polarity::Widens(_));
        if predicted == answer {
            follows.push((item, lean, answer));
        } else {
            against.push((item, lean, answer));
        }
    }
    let of = follows.len() + against.len();
    let (hits, reversed) = if follows.len() >= against.len() {
        (follows, false)
    } else {
        (against, true)
    };
    let count = hits.len();
    if count < 4 || count < 2 * (of - count) {
        return;
    }
    for (item, lean, answer) in hits {
        let (narrows, word) = match lean {
            Polarity::Narrows(w) => (true, w),
            Polarity::Widens(w) => (false, w),
        };
        let message = Message::TrueFalsePolarity {
            word: word.into(),
            narrows,
            answer,
            reversed,
            count,
            of,
        };
        warn(out, &item.source.answer, message);
    }
}

/// The one choice (of 3+) whose cues differ while all the others share theirs.
pub fn odd_one_out(found: &[Cues]) -> Option<usize> {
    if found.len() < 3 {
        return None;
    }
    let profile = |c: &Cues| (c.limit.is_some(), c.denial.is_some(), c.hedge.is_some());
    let profiles: Vec<_> = found.iter().map(profile).collect();
    let differs = |i: usize| {
        let p = profiles.get(i);
        profiles
            .iter()
            .enumerate()
            .all(|(j, q)| j == i || Some(q) != p)
    };
    let odd: Vec<usize> = (0..profiles.len()).filter(|i| differs(*i)).collect();
    match odd.as_slice() {
        [i] => {
            let rest: Vec<_> = (profiles.iter().enumerate())
                .filter(|(j, _)| j != i)
                .map(|(_, p)| p)
                .collect();
            let first = rest.first();
            rest.iter().all(|p| Some(p) == first).then_some(*i)
        }
        _ => None,
    }
}

/// For a single question: the choice that alone repeats the most words of
/// the scenario, prompt or course description, with those words.
pub fn echo_choice(course: &Course, question: &Question) -> Option<(usize, Vec<String>)> {
    let Kind::Single { choices, .. } = &question.kind else {
        return None;
    };
    let context = context_words(course, question);
    let shared: Vec<Vec<String>> = choices
        .iter()
        .map(|c| {
            let words = content_words(&c.to_plain());
            words.intersection(&context).cloned().collect()
        })
        .collect();
    let best = shared.iter().map(Vec::len).max()?;
    let mut at_best = shared.iter().enumerate().filter(|(_, s)| s.len() == best);
    match (at_best.next(), at_best.next()) {
        (Some((i, words)), None) if best > 0 => Some((i, words.clone())),
        _ => None,
    }
}

/// `key-echo`: among single questions where one choice alone repeats the
/// most words of the scenario, prompt or description, that choice is the
/// right one in more than half and in 4+.
fn key_echo(course: &Course, items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    let mut of = 0;
    let mut hits = Vec::new();
    for item in items {
        let Kind::Single { answer, .. } = item.question.kind else {
            continue;
        };
        if let Some((i, words)) = echo_choice(course, item.question) {
            of += 1;
            if i == answer {
                hits.push((item, words));
            }
        }
    }
    let count = hits.len();
    if count < 4 || count * 2 <= of {
        return;
    }
    for (item, words) in hits {
        let words = words.into_iter().take(3).collect();
        let message = Message::KeyEcho { words, count, of };
        warn(out, &item.source.answer, message);
    }
}

/// `odd-one-out`: among single questions where one plain choice stands
/// among others that all share a cue (one affirmative answer among "not
/// covered because …"), the plain one is right in more than half and in
/// 4+. A cued choice among plain ones is the directional rules' business.
fn odd_one_out_right(items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    let mut of = 0;
    let mut hits = Vec::new();
    for item in items {
        let Kind::Single { answer, .. } = item.question.kind else {
            continue;
        };
        let found: Vec<Cues> = item
            .source
            .choice_texts
            .iter()
            .map(|t| Cues::of(t))
            .collect();
        let plain = |i: usize| {
            found
                .get(i)
                .is_some_and(|c| c.limit.or(c.denial).or(c.hedge).is_none())
        };
        if let Some(odd) = odd_one_out(&found).filter(|i| plain(*i)) {
            of += 1;
            if odd == answer {
                hits.push(item);
            }
        }
    }
    let count = hits.len();
    if count < 4 || count * 2 <= of {
        return;
    }
    for item in hits {
        let number = match item.question.kind {
            Kind::Single { answer, .. } => answer + 1,
            _ => 0,
        };
        let message = Message::OddOneOut { number, count, of };
        warn(out, &item.source.answer, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_found_and_look_alikes_are_not() {
        let c = Cues::of("対象は障害者手帳を持つ人に限られる");
        assert_eq!(c.limit, Some("限られ"));
        assert_eq!(c.polarity(), Some(Polarity::Narrows("限られ")));
        let c = Cues::of("できるだけ早く、必要に応じて相談する");
        assert_eq!(c.limit, None);
        assert_eq!(c.hedge, Some("必要に応じ"));
        assert_eq!(Cues::of("そうとは限らない").limit, None);
        assert_eq!(Cues::of("職員だけでなく委託先も").limit, None);
        assert_eq!(
            Cues::of("パワハラには当たらない").denial,
            Some("当たらない")
        );
        assert_eq!(Cues::of("パワハラに当たる").obligation, Some("当たる"));
        assert_eq!(Cues::of("本人の同意を得る").hedge, None);
        assert_eq!(Cues::of("起こり得る").hedge, Some("り得る"));
        // Both ways at once: no lean.
        assert_eq!(Cues::of("すべての場合に義務がある").polarity(), None);
    }

    #[test]
    fn content_words_are_runs_of_kanji_katakana_or_latin() {
        let words = content_words("窓口でメールのURLを確認した。");
        let expected = ["url", "メール", "確認", "窓口"];
        assert_eq!(
            words.iter().map(String::as_str).collect::<Vec<_>>(),
            expected
        );
    }

    #[test]
    fn a_negative_stem_turns_the_statements_round() {
        assert!(negative_stem("要素に含まれないものはどれですか。"));
        assert!(!negative_stem("最初にとるべき行動はどれですか。"));
    }
}
