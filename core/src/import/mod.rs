//! Importing question banks from the two plain-text formats Moodle and most
//! LMSs export (GIFT and Aiken) into this project's TOML format.
//!
//! An import keeps every question it can represent, reports every construct
//! it cannot (with its line), and writes a course file. What the source
//! format has no place for (an explanation when there is no general
//! feedback, the sources, the policy section) is left as a commented
//! reminder, so the checker points the trainer at exactly what to add
//! before the course can ship.

pub mod aiken;
pub mod gift;
pub mod sheet;

use std::fmt::Write as _;

use crate::diagnostic::Lang;
use crate::parse::MAX_CHOICES;

/// A question read from another format, before it becomes TOML.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The 1-based line the question starts on in the source file.
    pub line: usize,
    /// A title, if the source gave one (GIFT `::title::`).
    pub title: Option<String>,
    /// The question text.
    pub prompt: String,
    /// What kind it becomes, with its choices and answers.
    pub kind: ImportedKind,
    /// General feedback (GIFT `####…`), which becomes the explanation.
    pub explanation: Option<String>,
    /// Feedback per choice index (0-based).
    pub feedback: Vec<(usize, String)>,
    /// The source category (GIFT `$CATEGORY:`), kept as a tag.
    pub category: Option<String>,
}

/// The kinds an import can produce.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportedKind {
    /// Choices with one right answer (0-based).
    Single {
        /// Choice texts.
        choices: Vec<String>,
        /// The right one.
        answer: usize,
    },
    /// Choices with several right answers (0-based).
    Multiple {
        /// Choice texts.
        choices: Vec<String>,
        /// The right ones.
        answers: Vec<usize>,
        /// GIFT weights below 100 % mean partial credit.
        partial_credit: bool,
    },
    /// ○ or ×.
    TrueFalse {
        /// True when ○ is right.
        answer: bool,
    },
}

/// Something in the source that was not converted, or needs a look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportIssue {
    /// 1-based line in the source file.
    pub line: usize,
    /// What it was and why it was left out, as plain data; put it in words
    /// with [`ImportProblem::render`].
    pub problem: ImportProblem,
}

/// Why an item of the source was left out, with the data the words need.
/// Each variant is one case; [`ImportProblem::code`] names it and
/// [`ImportProblem::render`] words it, like [`crate::diagnostic::Message`].
///
/// `label` is the item's GIFT title, or else the first 20 characters of its
/// question text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportProblem {
    /// GIFT: a `::title` without its closing `::`.
    UnclosedTitle,
    /// GIFT: text with no `{ }` answers, a description item.
    Description,
    /// GIFT: a `{` with no matching `}`.
    UnclosedAnswers,
    /// GIFT: empty answers `{}`, an essay item.
    Essay {
        /// The item's title or the start of its text.
        label: String,
    },
    /// GIFT: answers starting with `#`, a numerical item.
    Numerical {
        /// The item's title or the start of its text.
        label: String,
    },
    /// GIFT: an item whose question text is empty.
    EmptyPrompt,
    /// GIFT: answers with `->`, a matching item.
    Matching {
        /// The item's title or the start of its text.
        label: String,
    },
    /// GIFT: every answer marked `=`, a short-answer item.
    ShortAnswer {
        /// The item's title or the start of its text.
        label: String,
    },
    /// GIFT: more choices than a question may have
    /// ([`crate::parse::MAX_CHOICES`]).
    TooManyChoices {
        /// The item's title or the start of its text.
        label: String,
        /// How many choices it has.
        count: usize,
    },
    /// GIFT: no answer is right (no `=` and no positive weight).
    NoRightAnswer {
        /// The item's title or the start of its text.
        label: String,
    },
    /// Aiken: a choice letter out of sequence (`A.` then `C.`).
    ChoiceOutOfOrder {
        /// The 1-based line of the out-of-order choice.
        line: usize,
    },
    /// Aiken: a line after the choices that is neither a choice nor
    /// `ANSWER:`.
    UnexpectedLine {
        /// The line as written (trimmed).
        text: String,
    },
    /// Aiken: a question without an `ANSWER:` line.
    NoAnswerLine,
    /// Aiken: a question with fewer than two choices.
    TooFewChoices,
    /// Aiken: an `ANSWER:` that names no choice of the question.
    NoSuchAnswer {
        /// What follows `ANSWER:`, as written (trimmed; may be empty).
        letter: String,
    },
}

impl ImportProblem {
    /// The case's short name, stable for tests and documentation.
    pub fn code(&self) -> &'static str {
        use ImportProblem::*;
        match self {
            UnclosedTitle => "unclosed-title",
            Description => "description",
            UnclosedAnswers => "unclosed-answers",
            Essay { .. } => "essay",
            Numerical { .. } => "numerical",
            EmptyPrompt => "empty-prompt",
            Matching { .. } => "matching",
            ShortAnswer { .. } => "short-answer",
            TooManyChoices { .. } => "too-many-choices",
            NoRightAnswer { .. } => "no-right-answer",
            ChoiceOutOfOrder { .. } => "choice-order",
            UnexpectedLine { .. } => "unexpected-line",
            NoAnswerLine => "no-answer-line",
            TooFewChoices => "too-few-choices",
            NoSuchAnswer { .. } => "no-such-answer",
        }
    }

    /// The problem in words a trainer can act on.
    pub fn render(&self, lang: Lang) -> String {
        use ImportProblem::*;
        let ja = lang == Lang::Ja;
        match self {
            UnclosedTitle if ja => {
                "タイトルの「::」が閉じていません。この問題は変換していません".into()
            }
            UnclosedTitle => {
                "the title's `::` is not closed; this question was not converted".into()
            }
            Description if ja => "答えの { } がない説明文（description）は変換できません".into(),
            Description => {
                "text without { } answers is a description, which cannot be converted".into()
            }
            UnclosedAnswers if ja => {
                "答えの { に対応する } がありません。この問題は変換していません".into()
            }
            UnclosedAnswers => {
                "the answers' `{` has no matching `}`; this question was not converted".into()
            }
            Essay { label } if ja => format!("「{label}」は記述式（essay）のため変換できません"),
            Essay { label } => {
                format!("\"{label}\" is an essay question, which cannot be converted")
            }
            Numerical { label } if ja => {
                format!("「{label}」は数値問題（numerical）のため変換できません")
            }
            Numerical { label } => {
                format!("\"{label}\" is a numerical question, which cannot be converted")
            }
            EmptyPrompt if ja => "問題文が空です。この問題は変換していません".into(),
            EmptyPrompt => "the question text is empty; this question was not converted".into(),
            Matching { label } if ja => {
                format!("「{label}」は組み合わせ問題（matching）のため変換できません")
            }
            Matching { label } => {
                format!("\"{label}\" is a matching question, which cannot be converted")
            }
            ShortAnswer { label } if ja => {
                format!("「{label}」は記述式の短答問題（short answer）のため変換できません")
            }
            ShortAnswer { label } => {
                format!("\"{label}\" is a short-answer question, which cannot be converted")
            }
            TooManyChoices { label, count } if ja => format!(
                "「{label}」は選択肢が {count} 個あり、上限の {MAX_CHOICES} 個を超えるため変換していません"
            ),
            TooManyChoices { label, count } => format!(
                "\"{label}\" has {count} choices, more than the limit of {MAX_CHOICES}; it was not converted"
            ),
            NoRightAnswer { label } if ja => format!(
                "「{label}」には正解（= または正の重み）がありません。この問題は変換していません"
            ),
            NoRightAnswer { label } => format!(
                "\"{label}\" has no right answer (`=` or a positive weight); it was not converted"
            ),
            ChoiceOutOfOrder { line } if ja => format!(
                "選択肢の記号が順番どおりではありません（{line} 行目）。この問題は変換していません"
            ),
            ChoiceOutOfOrder { line } => format!(
                "the choice letters are out of order (line {line}); this question was not converted"
            ),
            UnexpectedLine { text } if ja => {
                format!("選択肢のあとに想定外の行があります: {text}。この問題は変換していません")
            }
            UnexpectedLine { text } => format!(
                "an unexpected line after the choices: {text}; this question was not converted"
            ),
            NoAnswerLine if ja => "ANSWER: の行がありません。この問題は変換していません".into(),
            NoAnswerLine => "there is no ANSWER: line; this question was not converted".into(),
            TooFewChoices if ja => {
                "選択肢（A. …）が2つ以上必要です。この問題は変換していません".into()
            }
            TooFewChoices => {
                "at least two choices (A. …) are needed; this question was not converted".into()
            }
            NoSuchAnswer { letter } if ja => {
                format!("ANSWER: {letter} に当たる選択肢がありません。この問題は変換していません")
            }
            NoSuchAnswer { letter } => {
                format!("no choice matches ANSWER: {letter}; this question was not converted")
            }
        }
    }
}

/// The outcome of an import: questions kept and issues found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportResult {
    /// Every question that could be represented, in source order.
    pub questions: Vec<Imported>,
    /// Every construct left out or changed, in source order.
    pub issues: Vec<ImportIssue>,
}

/// A course id from a file name: lower-case ASCII letters, digits and `-`.
pub fn id_from_name(name: &str) -> String {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = stem.split('.').next().unwrap_or(stem);
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_matches('-').to_owned();
    if id.is_empty() {
        "imported".to_owned()
    } else {
        id
    }
}

/// A TOML string literal (quoted and escaped) for any text.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// Writes the imported questions as a course file in this project's
/// format. `course_id` also prefixes question ids; `title` names the course.
pub fn to_toml(result: &ImportResult, course_id: &str, title: &str, source_name: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {source_name} から変換したコースです。");
    let _ = writeln!(
        out,
        "# 「要記入」とある箇所を書き、quizcheck でエラーがなくなってから quizzes/ に置いてください。"
    );
    let _ = writeln!(out, "id = {}", quoted(course_id));
    let _ = writeln!(out, "title = {}", quoted(title));
    let _ = writeln!(
        out,
        "description = {}",
        quoted(&format!("{source_name} から変換した問題です。"))
    );
    let _ = writeln!(
        out,
        "# 要記入: 対応する運営方針の項目 例 policy = \"運営方針 1(4)②\""
    );
    let _ = writeln!(out, "pass_mark = 80");
    let _ = writeln!(out, "draw = \"all\"");
    for (n, q) in result.questions.iter().enumerate() {
        out.push_str("\n[[question]]\n");
        let _ = writeln!(out, "# 元のファイルの {} 行目", q.line);
        let _ = writeln!(out, "id = {}", quoted(&format!("{course_id}-{}", n + 1)));
        match &q.kind {
            ImportedKind::Single { .. } => {}
            ImportedKind::Multiple { .. } => out.push_str("kind = \"multiple\"\n"),
            ImportedKind::TrueFalse { .. } => out.push_str("kind = \"truefalse\"\n"),
        }
        let mut tags: Vec<&str> = Vec::new();
        if let Some(c) = &q.category {
            tags.push(c);
        }
        if let Some(t) = &q.title {
            tags.push(t);
        }
        if !tags.is_empty() {
            let list: Vec<String> = tags.iter().map(|t| quoted(t)).collect();
            let _ = writeln!(out, "tags = [{}]", list.join(", "));
        }
        let _ = writeln!(out, "prompt = {}", quoted(&q.prompt));
        match &q.kind {
            ImportedKind::Single { choices, answer } => {
                write_choices(&mut out, choices);
                let _ = writeln!(out, "answer = {}", answer + 1);
            }
            ImportedKind::Multiple {
                choices,
                answers,
                partial_credit,
            } => {
                write_choices(&mut out, choices);
                let list: Vec<String> = answers.iter().map(|a| (a + 1).to_string()).collect();
                let _ = writeln!(out, "answer = [{}]", list.join(", "));
                if *partial_credit {
                    out.push_str("partial_credit = true\n");
                }
            }
            ImportedKind::TrueFalse { answer } => {
                let _ = writeln!(out, "answer = {answer}");
            }
        }
        match &q.explanation {
            Some(e) => {
                let _ = writeln!(out, "explanation = {}", quoted(e));
            }
            None => out.push_str(
                "# 要記入: explanation = \"正解の理由と、間違えやすい選択肢が誤りである理由\"\n",
            ),
        }
        out.push_str("# 要記入: sources = [\"法令名と条、指針、運営方針の項目など\"]\n");
        if !q.feedback.is_empty() {
            out.push_str("\n[question.feedback]\n");
            for (i, text) in &q.feedback {
                let _ = writeln!(out, "{} = {}", i + 1, quoted(text));
            }
        }
    }
    out
}

fn write_choices(out: &mut String, choices: &[String]) {
    out.push_str("choices = [\n");
    for c in choices {
        let _ = writeln!(out, "  {},", quoted(c));
    }
    out.push_str("]\n");
}

/// Removes HTML tags and decodes the common entities, for text exported
/// with the `[html]` format: this app shows plain text only.
pub fn strip_html(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match (c, in_tag) {
            ('<', false) => in_tag = true,
            ('>', true) => in_tag = false,
            (_, true) => {}
            (c, false) => out.push(c),
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_file_names() {
        assert_eq!(
            id_from_name("exports/Moodle Bank 2024.gift.txt"),
            "moodle-bank-2024"
        );
        assert_eq!(id_from_name("日本語.txt"), "imported");
    }

    #[test]
    fn converted_files_parse_and_the_checker_asks_only_for_what_gift_lacks() {
        let gift = "::a:: 問い1 {=正しい ~誤り ####解説です}\n\n::b:: 問い2 {T}\n\n::c:: 問い3 {~%50%x ~%50%y ~z}\n";
        let toml = to_toml(&gift::parse(gift), "bank", "取り込み", "bank.gift");
        let parsed = crate::parse::parse_course(&toml, false);
        let missing: Vec<String> = parsed
            .diagnostics
            .iter()
            .map(|d| match &d.message {
                crate::Message::MissingKey { key } => key.to_string(),
                other => format!("unexpected: {other:?}"),
            })
            .collect();
        assert_eq!(
            missing,
            [
                "policy",
                "sources",
                "explanation",
                "sources",
                "explanation",
                "sources"
            ]
        );
        // Filling in what the reminders ask for makes a valid course.
        let filled = toml
            .replace(
                "# 要記入: sources = [\"法令名と条、指針、運営方針の項目など\"]",
                "sources = [\"運営方針 1(4)③\"]",
            )
            .replace("# 要記入: explanation = ", "explanation = ")
            .replace("# 要記入: 対応する運営方針の項目 例 policy", "policy");
        let course = crate::parse::parse_course(&filled, false)
            .course
            .expect("valid after filling in");
        assert_eq!(course.questions.len(), 3);
        assert_eq!(course.questions[0].correct(), vec![0]);
        assert_eq!(course.questions[2].correct(), vec![0, 1]);
    }

    /// One of every problem, with ASCII data so English words stand out.
    fn every_problem() -> Vec<ImportProblem> {
        use ImportProblem::*;
        let all = vec![
            UnclosedTitle,
            Description,
            UnclosedAnswers,
            Essay { label: "q".into() },
            Numerical { label: "q".into() },
            EmptyPrompt,
            Matching { label: "q".into() },
            ShortAnswer { label: "q".into() },
            TooManyChoices {
                label: "q".into(),
                count: 10,
            },
            NoRightAnswer { label: "q".into() },
            ChoiceOutOfOrder { line: 3 },
            UnexpectedLine { text: "x".into() },
            NoAnswerLine,
            TooFewChoices,
            NoSuchAnswer { letter: "D".into() },
        ];
        // A new variant fails to compile here until it is added above.
        for p in &all {
            match p {
                UnclosedTitle
                | Description
                | UnclosedAnswers
                | Essay { .. }
                | Numerical { .. }
                | EmptyPrompt
                | Matching { .. }
                | ShortAnswer { .. }
                | TooManyChoices { .. }
                | NoRightAnswer { .. }
                | ChoiceOutOfOrder { .. }
                | UnexpectedLine { .. }
                | NoAnswerLine
                | TooFewChoices
                | NoSuchAnswer { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_problem_has_its_own_code_and_words_in_both_languages() {
        let all = every_problem();
        let codes: std::collections::BTreeSet<&str> = all.iter().map(|p| p.code()).collect();
        assert_eq!(codes.len(), all.len(), "codes are distinct");
        for lang in [Lang::Ja, Lang::En] {
            let words: Vec<String> = all.iter().map(|p| p.render(lang)).collect();
            assert!(words.iter().all(|w| !w.trim().is_empty()), "{words:?}");
            let distinct: std::collections::BTreeSet<&String> = words.iter().collect();
            assert_eq!(distinct.len(), all.len(), "{lang:?}: {words:?}");
        }
        let japanese = |c: char| matches!(c, '\u{3000}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}');
        for p in &all {
            let (ja, en) = (p.render(Lang::Ja), p.render(Lang::En));
            assert_ne!(ja, en);
            assert!(ja.chars().any(japanese), "{ja}");
            assert!(!en.chars().any(japanese), "{en}");
        }
    }

    #[test]
    fn the_japanese_words_carry_the_data() {
        let p = ImportProblem::TooManyChoices {
            label: "多い".into(),
            count: 12,
        };
        assert_eq!(
            p.render(Lang::Ja),
            "「多い」は選択肢が 12 個あり、上限の 9 個を超えるため変換していません"
        );
        assert_eq!(
            p.render(Lang::En),
            "\"多い\" has 12 choices, more than the limit of 9; it was not converted"
        );
    }

    #[test]
    fn html_is_reduced_to_text() {
        assert_eq!(strip_html("<p>A &amp; <b>B</b></p>&lt;x&gt;"), "A & B<x>");
    }
}
