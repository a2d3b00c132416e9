//! Aiken, the simplest multiple-choice export format:
//!
//! ```text
//! 質問文
//! A. 選択肢
//! B. 選択肢
//! ANSWER: B
//! ```
//!
//! Questions are separated by blank lines; choices are `A.` or `A)`.
//! A question without a valid `ANSWER:` line is reported with its line.

use super::{ImportIssue, ImportProblem, ImportResult, Imported, ImportedKind};

/// Reads an Aiken file. Never fails: what it cannot use becomes an issue.
pub fn parse(text: &str) -> ImportResult {
    let mut result = ImportResult::default();
    let mut block: Vec<(usize, &str)> = Vec::new();
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            question(&mut block, &mut result);
        } else {
            block.push((i + 1, line));
        }
    }
    question(&mut block, &mut result);
    result
}

/// `A. text` or `A) text` → (0, "text").
fn choice_line(line: &str) -> Option<(usize, &str)> {
    let mut chars = line.chars();
    let letter = chars.next()?;
    let sep = chars.next()?;
    if !letter.is_ascii_uppercase() || !matches!(sep, '.' | ')') {
        return None;
    }
    let rest = chars.as_str();
    if !rest.starts_with(' ') {
        return None;
    }
    Some(((letter as u8 - b'A') as usize, rest.trim()))
}

fn question(block: &mut Vec<(usize, &str)>, result: &mut ImportResult) {
    let lines = std::mem::take(block);
    let Some(&(first_line, _)) = lines.first() else {
        return;
    };
    let mut issue =
        |line: usize, problem: ImportProblem| result.issues.push(ImportIssue { line, problem });
    let mut prompt = Vec::new();
    let mut choices: Vec<String> = Vec::new();
    let mut answer = None;
    for &(n, line) in &lines {
        if let Some(rest) = line.strip_prefix("ANSWER:") {
            answer = Some((n, rest.trim().to_owned()));
        } else if let Some((index, text)) = choice_line(line).filter(|_| answer.is_none()) {
            if index != choices.len() {
                issue(n, ImportProblem::ChoiceOutOfOrder { line: n });
                return;
            }
            choices.push(text.to_owned());
        } else if choices.is_empty() {
            prompt.push(line);
        } else {
            issue(
                n,
                ImportProblem::UnexpectedLine {
                    text: line.to_owned(),
                },
            );
            return;
        }
    }
    let Some((answer_line, letter)) = answer else {
        issue(first_line, ImportProblem::NoAnswerLine);
        return;
    };
    if choices.len() < 2 {
        issue(first_line, ImportProblem::TooFewChoices);
        return;
    }
    let index = match letter.chars().collect::<Vec<_>>().as_slice() {
        [c] if c.is_ascii_uppercase() && ((*c as u8 - b'A') as usize) < choices.len() => {
            (*c as u8 - b'A') as usize
        }
        _ => {
            issue(answer_line, ImportProblem::NoSuchAnswer { letter });
            return;
        }
    };
    result.questions.push(Imported {
        line: first_line,
        title: None,
        prompt: prompt.join("\n"),
        kind: ImportedKind::Single {
            choices,
            answer: index,
        },
        explanation: None,
        feedback: Vec::new(),
        category: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_questions_and_reports_broken_ones_by_line() {
        let text = "不審なメールを受け取ったら？\nA. 開く\nB) 報告する\nANSWER: B\n\n答えのない問題\nA. はい\nB. いいえ\n\n範囲外\nA. はい\nB. いいえ\nANSWER: D\n\n順番違い\nA. 一\nC. 三\nANSWER: A\n";
        let r = parse(text);
        assert_eq!(r.questions.len(), 1);
        assert_eq!(r.questions[0].prompt, "不審なメールを受け取ったら？");
        assert_eq!(
            r.questions[0].kind,
            ImportedKind::Single {
                choices: vec!["開く".into(), "報告する".into()],
                answer: 1
            }
        );
        let problems: Vec<(usize, ImportProblem)> =
            r.issues.into_iter().map(|i| (i.line, i.problem)).collect();
        assert_eq!(
            problems,
            vec![
                (6, ImportProblem::NoAnswerLine),
                (13, ImportProblem::NoSuchAnswer { letter: "D".into() }),
                (17, ImportProblem::ChoiceOutOfOrder { line: 17 }),
            ]
        );
    }

    #[test]
    fn stray_lines_and_single_choices_are_reported() {
        let text = "問い\nA. はい\nB. いいえ\n余計な行\nANSWER: A\n\n一択\nA. はい\nANSWER: A\n";
        let problems: Vec<(usize, ImportProblem)> = parse(text)
            .issues
            .into_iter()
            .map(|i| (i.line, i.problem))
            .collect();
        assert_eq!(
            problems,
            vec![
                (
                    4,
                    ImportProblem::UnexpectedLine {
                        text: "余計な行".into()
                    }
                ),
                (7, ImportProblem::TooFewChoices),
            ]
        );
    }
}
