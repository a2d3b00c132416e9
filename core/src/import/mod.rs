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

use std::fmt::Write as _;

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
    /// What it was and why it was left out, in Japanese.
    pub message: String,
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

    #[test]
    fn html_is_reduced_to_text() {
        assert_eq!(strip_html("<p>A &amp; <b>B</b></p>&lt;x&gt;"), "A & B<x>");
    }
}
