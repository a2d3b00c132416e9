//! The item-writing checks: warnings about questions that give their answer
//! away (by length, by hedging, by position, by an "all of the above"
//! choice) and about facts not confirmed for too long (`stale`).
//!
//! The rules, thresholds and spans are a contract with the course writers,
//! who follow them while writing: change them only together with them. The
//! trainers' guide (`quizzes/README.md`) explains each one in Japanese.
//! They run only on a file with no errors, and never stop the build;
//! `quizcheck --strict` fails on them. Pure functions: "today" comes
//! in through [`ItemOptions`], the core never reads the clock.
//!
//! The cue rules of [`cues`] (limiting words, coverage denials, hedges,
//! ○× polarity, a key echoing the scenario) run here too, as advice.

pub mod cues;

use std::ops::Range;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Message};
use crate::model::{Course, Kind, Question};
use crate::parse::{ParsedFile, QuestionSource};

/// The allowed age of a `checked` date, in days, unless told otherwise.
pub const DEFAULT_MAX_AGE_DAYS: u32 = 365;

/// Words that hedge a statement (`qualifier-correct`).
pub const HEDGES: &[&str] = &[
    "原則",
    "場合があ",
    "場合もあ",
    "ことがあ",
    "必要に応じ",
    "状況に応じ",
    "状況によ",
    "一概に",
    "限らない",
];

/// Phrases of an "all/none of the above" choice (`all-of-the-above`); the
/// English ones match in any letter case.
pub const ALL_OF_THE_ABOVE: &[&str] = &[
    "上記のすべて",
    "上記すべて",
    "以上のすべて",
    "すべて正しい",
    "いずれも正しい",
    "上記のいずれ",
    "いずれも誤り",
    "すべて誤り",
    "all of the above",
    "none of the above",
];

/// What the checks need from outside the files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemOptions {
    /// The day of the check, for `stale`.
    pub today: Date,
    /// A `checked` date more than this many days before `today` is stale.
    pub max_age_days: u32,
}

impl ItemOptions {
    /// Options for checking on `today` with the default age,
    /// [`DEFAULT_MAX_AGE_DAYS`].
    pub fn new(today: Date) -> ItemOptions {
        ItemOptions {
            today,
            max_age_days: DEFAULT_MAX_AGE_DAYS,
        }
    }
}

/// The warnings for one parsed file, sorted by position; none when the file
/// has errors (they come first) or yields no course.
pub fn check_parsed(parsed: &ParsedFile, options: &ItemOptions) -> Vec<Diagnostic> {
    match (&parsed.course, &parsed.course_id) {
        (Some(course), Some((_, id_span))) if parsed.diagnostics.is_empty() => {
            check_course(course, id_span, &parsed.question_sources, options)
        }
        _ => Vec::new(),
    }
}

/// The warnings for a valid course, sorted by position. `course_id` is the
/// span of the course's `id` value and `sources` has one entry per
/// question, as [`ParsedFile`] gives them.
pub fn check_course(
    course: &Course,
    course_id: &Range<usize>,
    sources: &[QuestionSource],
    options: &ItemOptions,
) -> Vec<Diagnostic> {
    let items: Vec<Item<'_>> = course
        .questions
        .iter()
        .zip(sources)
        .map(|(question, source)| Item { question, source })
        .collect();
    let mut out = Vec::new();
    longest_correct(&items, &mut out);
    correct_stands_out(&items, &mut out);
    qualifier_correct(&items, &mut out);
    truefalse_balance(&items, &mut out);
    same_position(&items, course_id, &mut out);
    same_choice(&items, &mut out);
    all_of_the_above(&items, &mut out);
    cues::check(course, &items, course_id, &mut out);
    // The template's date is only an example: it is never stale.
    if !course.hidden {
        stale(course, &items, options, &mut out);
    }
    out.sort_by_key(|d| (d.span.start, d.span.end));
    out
}

/// A question with where it stands in the file.
struct Item<'a> {
    question: &'a Question,
    source: &'a QuestionSource,
}

impl Item<'_> {
    /// For a single question: the right choice's index and every choice's
    /// length in characters.
    fn single(&self) -> Option<(usize, Vec<usize>)> {
        match self.question.kind {
            Kind::Single { answer, .. } => Some((answer, self.lengths())),
            _ => None,
        }
    }

    fn lengths(&self) -> Vec<usize> {
        let texts = &self.source.choice_texts;
        texts.iter().map(|t| t.chars().count()).collect()
    }
}

/// The right choice's length and the longest wrong one's.
fn right_and_longest_wrong(answer: usize, lengths: &[usize]) -> Option<(usize, usize)> {
    let right = *lengths.get(answer)?;
    let wrong = lengths
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != answer)
        .map(|(_, len)| *len)
        .max()?;
    Some((right, wrong))
}

fn warn(out: &mut Vec<Diagnostic>, span: &Range<usize>, message: Message) {
    out.push(Diagnostic {
        span: span.clone(),
        message,
    });
}

/// More than 40 % and at least 4 of the single questions with 3+ choices
/// have the strictly longest choice right.
fn longest_correct(items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    let mut of = 0;
    let mut hits = Vec::new();
    for item in items {
        let Some((answer, lengths)) = item.single() else {
            continue;
        };
        if lengths.len() < 3 {
            continue;
        }
        of += 1;
        if let Some((right, wrong)) = right_and_longest_wrong(answer, &lengths)
            && right > wrong
        {
            hits.push(&item.source.answer);
        }
    }
    let count = hits.len();
    if count >= 4 && count * 100 > of * 40 {
        for span in hits {
            warn(out, span, Message::LongestCorrect { count, of });
        }
    }
}

/// A single question (3+ choices) whose right choice is at least 1.5 times
/// as long as the longest wrong one.
fn correct_stands_out(items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    for item in items {
        let Some((answer, lengths)) = item.single() else {
            continue;
        };
        if lengths.len() < 3 {
            continue;
        }
        if let Some((correct, longest_wrong)) = right_and_longest_wrong(answer, &lengths)
            && 2 * correct >= 3 * longest_wrong
        {
            let message = Message::CorrectStandsOut {
                correct,
                longest_wrong,
            };
            warn(out, &item.source.answer, message);
        }
    }
}

/// Among single questions with exactly one hedged choice, that choice is
/// right in more than half and in at least 4.
fn qualifier_correct(items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    let mut of = 0;
    let mut hits = Vec::new();
    for item in items {
        let Kind::Single { answer, .. } = item.question.kind else {
            continue;
        };
        let hedged: Vec<usize> = (item.source.choice_texts.iter().enumerate())
            .filter(|(_, text)| HEDGES.iter().any(|h| text.contains(h)))
            .map(|(i, _)| i)
            .collect();
        if let [only] = hedged.as_slice() {
            of += 1;
            if *only == answer {
                hits.push(&item.source.answer);
            }
        }
    }
    let count = hits.len();
    if count >= 4 && count * 2 > of {
        for span in hits {
            warn(out, span, Message::QualifierCorrect { count, of });
        }
    }
}

/// 4+ ○/× questions and one answer in more than 70 % of them.
fn truefalse_balance(items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    let answers: Vec<(bool, &Range<usize>)> = items
        .iter()
        .filter_map(|item| match item.question.kind {
            Kind::TrueFalse { answer } => Some((answer, &item.source.answer)),
            _ => None,
        })
        .collect();
    let of = answers.len();
    let Some((_, first)) = answers.first() else {
        return;
    };
    let trues = answers.iter().filter(|(a, _)| *a).count();
    for (answer, count) in [(true, trues), (false, of - trues)] {
        if of >= 4 && count * 10 > of * 7 {
            warn(out, first, Message::TrueFalseBalance { answer, count, of });
        }
    }
}

/// 4+ multiple questions sharing a right choice number, or 4+ pinned
/// single questions with one position right in more than half.
fn same_position(items: &[Item<'_>], course_id: &Range<usize>, out: &mut Vec<Diagnostic>) {
    let multiples: Vec<&Vec<usize>> = items
        .iter()
        .filter_map(|item| match &item.question.kind {
            Kind::Multiple { answers, .. } => Some(answers),
            _ => None,
        })
        .collect();
    if multiples.len() >= 4 {
        let positions: Vec<usize> = (0..crate::parse::MAX_CHOICES)
            .filter(|p| multiples.iter().all(|answers| answers.contains(p)))
            .map(|p| p + 1)
            .collect();
        if !positions.is_empty() {
            let of = multiples.len();
            warn(
                out,
                course_id,
                Message::SamePositionMultiple { positions, of },
            );
        }
    }
    let pinned: Vec<usize> = items
        .iter()
        .filter(|item| !item.question.shuffle)
        .filter_map(|item| match item.question.kind {
            Kind::Single { answer, .. } => Some(answer),
            _ => None,
        })
        .collect();
    let of = pinned.len();
    if of < 4 {
        return;
    }
    for p in 0..crate::parse::MAX_CHOICES {
        let count = pinned.iter().filter(|a| **a == p).count();
        if count * 2 > of {
            let position = p + 1;
            let message = Message::SamePositionPinned {
                position,
                count,
                of,
            };
            warn(out, course_id, message);
        }
    }
}

/// A choice's text with spaces and punctuation removed, lowercased.
fn normalized(text: &str) -> String {
    const PUNCTUATION: &str = "、。，．・「」『』（）()!?！？";
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !PUNCTUATION.contains(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Two choices equal but for spaces, punctuation and case.
fn same_choice(items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    for item in items {
        let Some(span) = &item.source.choices else {
            continue;
        };
        let keys: Vec<String> = item
            .source
            .choice_texts
            .iter()
            .map(|t| normalized(t))
            .collect();
        for (i, key) in keys.iter().enumerate() {
            if let Some(first) = keys.iter().take(i).position(|k| k == key) {
                let message = Message::SameChoice {
                    number: i + 1,
                    first: first + 1,
                };
                warn(out, span, message);
            }
        }
    }
}

/// A choice that says "all of the above" or "none of the above".
fn all_of_the_above(items: &[Item<'_>], out: &mut Vec<Diagnostic>) {
    for item in items {
        let Some(span) = &item.source.choices else {
            continue;
        };
        for (i, text) in item.source.choice_texts.iter().enumerate() {
            let lower = text.to_lowercase();
            if let Some(phrase) = ALL_OF_THE_ABOVE.iter().find(|p| lower.contains(*p)) {
                let message = Message::AllOfTheAbove {
                    number: i + 1,
                    phrase: (*phrase).into(),
                };
                warn(out, span, message);
            }
        }
    }
}

/// A question whose `checked` date (its own, else the course's) is older
/// than the allowed age, or missing.
fn stale(course: &Course, items: &[Item<'_>], options: &ItemOptions, out: &mut Vec<Diagnostic>) {
    for item in items {
        let checked = item.question.checked_or(course.checked);
        let from_course = item.question.checked.is_none() && checked.is_some();
        let age_days = checked.map_or(0, |d| options.today.days_after(d));
        if checked.is_none() || age_days > i64::from(options.max_age_days) {
            let message = Message::Stale {
                checked,
                from_course,
                age_days,
                max_age_days: options.max_age_days,
                today: options.today,
            };
            warn(out, &item.source.id, message);
        }
    }
}
