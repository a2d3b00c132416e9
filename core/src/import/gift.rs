//! GIFT, Moodle's plain-text question format.
//!
//! Supported: multiple choice with one right answer (`{=right ~wrong}`),
//! with several right answers by weights (`{~%50%a ~%50%b ~%-100%c}`),
//! true/false (`{T}`, `{FALSE}`), per-answer feedback (`#…`), general
//! feedback (`####…`), titles (`::title::`), categories (`$CATEGORY:`),
//! comments (`//`), format markers (`[html]` is reduced to text) and
//! escapes (`\~ \= \# \{ \} \:`). Reported and left out, with their line:
//! short answer, matching, numerical, essay and description items.

use super::{ImportIssue, ImportProblem, ImportResult, Imported, ImportedKind, strip_html};
use crate::parse::MAX_CHOICES;

/// Reads a GIFT file. Never fails: what it cannot use becomes an issue.
pub fn parse(text: &str) -> ImportResult {
    let mut result = ImportResult::default();
    let mut category: Option<String> = None;
    let mut block = String::new();
    let mut block_line = 0;
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        let in_answers = open_braces(&block) > 0;
        if !in_answers && trimmed.starts_with("//") {
            continue;
        }
        if !in_answers && trimmed.is_empty() {
            flush(&mut block, block_line, &category, &mut result);
            continue;
        }
        if !in_answers && block.is_empty() {
            if let Some(rest) = trimmed.strip_prefix("$CATEGORY:") {
                let path = rest.trim();
                let last = path
                    .rsplit('/')
                    .find(|s| !s.is_empty() && !s.starts_with('$'));
                category = last.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
                continue;
            }
            block_line = i + 1;
        }
        if !block.is_empty() {
            block.push('\n');
        }
        block.push_str(line);
    }
    flush(&mut block, block_line, &category, &mut result);
    result
}

fn issue(result: &mut ImportResult, line: usize, problem: ImportProblem) {
    result.issues.push(ImportIssue { line, problem });
}

/// Unescaped `{` minus unescaped `}` so far.
fn open_braces(text: &str) -> i32 {
    let mut depth = 0;
    let mut escaped = false;
    for c in text.chars() {
        match (c, escaped) {
            ('\\', false) => {
                escaped = true;
                continue;
            }
            ('{', false) => depth += 1,
            ('}', false) => depth -= 1,
            _ => {}
        }
        escaped = false;
    }
    depth
}

/// Index (in chars) of the first unescaped `target`.
fn find_unescaped(chars: &[char], from: usize, target: char) -> Option<usize> {
    let mut i = from;
    while let Some(&c) = chars.get(i) {
        if c == '\\' {
            i += 2;
            continue;
        }
        if c == target {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The chars in `range` as a string; empty when the range is out of bounds.
fn collect<R: std::slice::SliceIndex<[char], Output = [char]>>(chars: &[char], range: R) -> String {
    chars
        .get(range)
        .map(|c| c.iter().collect())
        .unwrap_or_default()
}

/// Resolves GIFT escapes and reduces HTML to text.
fn unescape(text: &str, html: bool) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(next) => out.push(next),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    let out = if html { strip_html(&out) } else { out };
    out.trim().to_owned()
}

fn flush(block: &mut String, line: usize, category: &Option<String>, result: &mut ImportResult) {
    let text = std::mem::take(block);
    if text.trim().is_empty() {
        return;
    }
    if let Some(q) = question(&text, line, category, result) {
        result.questions.push(q);
    }
}

fn question(
    text: &str,
    line: usize,
    category: &Option<String>,
    result: &mut ImportResult,
) -> Option<Imported> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut start = 0;
    let mut title = None;
    if chars.starts_with(&[':', ':']) {
        let mut i = 2;
        while i + 1 < chars.len()
            && !(chars.get(i) == Some(&':')
                && chars.get(i + 1) == Some(&':')
                && chars.get(i - 1) != Some(&'\\'))
        {
            i += 1;
        }
        if i + 1 >= chars.len() {
            issue(result, line, ImportProblem::UnclosedTitle);
            return None;
        }
        title = Some(unescape(&collect(&chars, 2..i), false)).filter(|t| !t.is_empty());
        start = i + 2;
    }
    let Some(open) = find_unescaped(&chars, start, '{') else {
        issue(result, line, ImportProblem::Description);
        return None;
    };
    let Some(close) = find_unescaped(&chars, open + 1, '}') else {
        issue(result, line, ImportProblem::UnclosedAnswers);
        return None;
    };
    let mut head = collect(&chars, start..open);
    let after = collect(&chars, close + 1..);
    let mut html = false;
    for marker in ["[html]", "[moodle]", "[plain]", "[markdown]"] {
        if let Some(rest) = head.trim_start().strip_prefix(marker) {
            html = marker == "[html]";
            head = rest.to_owned();
        }
    }
    let after = unescape(&after, html);
    let mut prompt = unescape(&head, html);
    if !after.is_empty() {
        // "Missing word" style: the blank sits where the answers were.
        prompt = format!("{prompt} ＿＿＿ {after}");
    }
    let body = collect(&chars, open + 1..close);
    let (answers, general) = split_general_feedback(&body);
    let explanation = general
        .map(|g| unescape(&g, html))
        .filter(|g| !g.is_empty());
    let answers = answers.trim();
    let label = title
        .clone()
        .unwrap_or_else(|| prompt.chars().take(20).collect());
    if answers.is_empty() {
        issue(result, line, ImportProblem::Essay { label });
        return None;
    }
    if answers.starts_with('#') {
        issue(result, line, ImportProblem::Numerical { label });
        return None;
    }
    if prompt.is_empty() {
        issue(result, line, ImportProblem::EmptyPrompt);
        return None;
    }
    if let Some(tf) = true_false(answers) {
        let (answer, feedbacks) = tf;
        let mut feedback = Vec::new();
        // GIFT: the first feedback is shown for a wrong answer, the second for a right one.
        let wrong_choice = if answer { 1 } else { 0 };
        if let Some(f) = feedbacks
            .first()
            .map(|f| unescape(f, html))
            .filter(|f| !f.is_empty())
        {
            feedback.push((wrong_choice, f));
        }
        if let Some(f) = feedbacks
            .get(1)
            .map(|f| unescape(f, html))
            .filter(|f| !f.is_empty())
        {
            feedback.push((1 - wrong_choice, f));
        }
        feedback.sort();
        return Some(Imported {
            line,
            title,
            prompt,
            kind: ImportedKind::TrueFalse { answer },
            explanation,
            feedback,
            category: category.clone(),
        });
    }
    let items = answer_items(answers);
    if items.iter().any(|a| a.text.contains("->")) {
        issue(result, line, ImportProblem::Matching { label });
        return None;
    }
    if items.iter().all(|a| a.right_mark) {
        issue(result, line, ImportProblem::ShortAnswer { label });
        return None;
    }
    if items.len() > MAX_CHOICES {
        issue(
            result,
            line,
            ImportProblem::TooManyChoices {
                label,
                count: items.len(),
            },
        );
        return None;
    }
    let choices: Vec<String> = items.iter().map(|a| unescape(&a.text, html)).collect();
    let feedback: Vec<(usize, String)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, a)| Some((i, unescape(a.feedback.as_ref()?, html))))
        .filter(|(_, f)| !f.is_empty())
        .collect();
    let weighted = items.iter().any(|a| a.weight.is_some());
    let right: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            if weighted {
                a.weight.unwrap_or(0.0) > 0.0 || a.right_mark
            } else {
                a.right_mark
            }
        })
        .map(|(i, _)| i)
        .collect();
    let kind = match right.as_slice() {
        [] => {
            issue(result, line, ImportProblem::NoRightAnswer { label });
            return None;
        }
        &[answer] => ImportedKind::Single { choices, answer },
        _ => {
            let partial_credit = items
                .iter()
                .any(|a| a.weight.is_some_and(|w| w > 0.0 && w < 100.0));
            ImportedKind::Multiple {
                choices,
                answers: right,
                partial_credit,
            }
        }
    };
    Some(Imported {
        line,
        title,
        prompt,
        kind,
        explanation,
        feedback,
        category: category.clone(),
    })
}

/// Splits `####general feedback` off the answer block.
fn split_general_feedback(body: &str) -> (String, Option<String>) {
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '\\' {
            i += 2;
            continue;
        }
        if chars.get(i..i + 4) == Some(&['#', '#', '#', '#']) {
            return (collect(&chars, ..i), Some(collect(&chars, i + 4..)));
        }
        i += 1;
    }
    (body.to_owned(), None)
}

/// `T`, `TRUE`, `F` or `FALSE`, with up to two `#feedback`s.
fn true_false(answers: &str) -> Option<(bool, Vec<String>)> {
    let chars: Vec<char> = answers.chars().collect();
    let head_end = find_unescaped(&chars, 0, '#').unwrap_or(chars.len());
    let head = collect(&chars, ..head_end);
    let answer = match head.trim().to_ascii_uppercase().as_str() {
        "T" | "TRUE" => true,
        "F" | "FALSE" => false,
        _ => return None,
    };
    let rest = collect(&chars, head_end..);
    let feedbacks = rest.split('#').skip(1).map(str::to_owned).collect();
    Some((answer, feedbacks))
}

struct AnswerItem {
    right_mark: bool,
    weight: Option<f64>,
    text: String,
    feedback: Option<String>,
}

/// Splits `=a#fb ~%50%b ~c` into items at unescaped `=` and `~`.
fn answer_items(answers: &str) -> Vec<AnswerItem> {
    let chars: Vec<char> = answers.chars().collect();
    let mut starts = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '\\' {
            i += 2;
            continue;
        }
        if c == '=' || c == '~' {
            starts.push(i);
        }
        i += 1;
    }
    let mut items = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(chars.len());
        let right_mark = chars.get(s) == Some(&'=');
        let mut body = collect(&chars, s + 1..end);
        let mut weight = None;
        if let Some(rest) = body.strip_prefix('%')
            && let Some((w, after)) = rest.split_once('%')
        {
            weight = w.trim().parse::<f64>().ok();
            body = after.to_owned();
        }
        let body_chars: Vec<char> = body.chars().collect();
        let (text, feedback) = match find_unescaped(&body_chars, 0, '#') {
            Some(h) => (
                collect(&body_chars, ..h),
                Some(collect(&body_chars, h + 1..)),
            ),
            None => (body.clone(), None),
        };
        items.push(AnswerItem {
            right_mark,
            weight,
            text,
            feedback,
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"// A comment line
$CATEGORY: $course$/top/情報セキュリティ

::phish::不審なメールへの対応は？ {
  =開かずに報告する#正しい対応です
  ~添付を開く#感染のおそれ
  ~転送する
  ####不審なメールは開かずに報告します。
}

::tf:: パスワードの使い回しは安全である。 {F#使い回しは危険です#正解です}

::multi:: 個人情報に当たるものは？ {
  ~%50%氏名
  ~%50%住所
  ~%-100%市の人口
}

::esc:: 記号 \{ \} \= \~ \# \: を含む {=はい \= 等号 ~いいえ}

[html]<p>HTML の <b>問題</b> &amp; 文</p> {=A ~B}

::short:: 日本の首都は？ {=東京 =東京都}

::match:: 組み合わせ {=a -> 1 =b -> 2 =c -> 3}

::num:: 1+1は？ {#2}

::essay:: 感想を書いてください {}

これは説明文です。

::broken:: 閉じていない {=A ~B
"#;

    #[test]
    fn every_supported_construct_converts() {
        let r = parse(SAMPLE);
        let titles: Vec<_> = r
            .questions
            .iter()
            .map(|q| q.title.clone().unwrap_or_default())
            .collect();
        assert_eq!(titles, ["phish", "tf", "multi", "esc", ""]);
        let q = &r.questions[0];
        assert_eq!(q.line, 4);
        assert_eq!(q.prompt, "不審なメールへの対応は？");
        assert_eq!(q.category.as_deref(), Some("情報セキュリティ"));
        assert_eq!(
            q.kind,
            ImportedKind::Single {
                choices: vec![
                    "開かずに報告する".into(),
                    "添付を開く".into(),
                    "転送する".into()
                ],
                answer: 0
            }
        );
        assert_eq!(
            q.feedback,
            vec![(0, "正しい対応です".into()), (1, "感染のおそれ".into())]
        );
        assert_eq!(
            q.explanation.as_deref(),
            Some("不審なメールは開かずに報告します。")
        );
        let tf = &r.questions[1];
        assert_eq!(tf.kind, ImportedKind::TrueFalse { answer: false });
        assert_eq!(
            tf.feedback,
            vec![(0, "使い回しは危険です".into()), (1, "正解です".into())]
        );
        assert_eq!(
            r.questions[2].kind,
            ImportedKind::Multiple {
                choices: vec!["氏名".into(), "住所".into(), "市の人口".into()],
                answers: vec![0, 1],
                partial_credit: true
            }
        );
        assert_eq!(r.questions[3].prompt, "記号 { } = ~ # : を含む");
        assert_eq!(
            r.questions[3].kind,
            ImportedKind::Single {
                choices: vec!["はい = 等号".into(), "いいえ".into()],
                answer: 0
            }
        );
        assert_eq!(r.questions[4].prompt, "HTML の 問題 & 文");
    }

    #[test]
    fn unsupported_items_are_reported_with_their_line() {
        let r = parse(SAMPLE);
        let label = |l: &str| l.to_owned();
        assert_eq!(
            r.issues,
            vec![
                ImportIssue {
                    line: 23,
                    problem: ImportProblem::ShortAnswer {
                        label: label("short")
                    }
                },
                ImportIssue {
                    line: 25,
                    problem: ImportProblem::Matching {
                        label: label("match")
                    }
                },
                ImportIssue {
                    line: 27,
                    problem: ImportProblem::Numerical {
                        label: label("num")
                    }
                },
                ImportIssue {
                    line: 29,
                    problem: ImportProblem::Essay {
                        label: label("essay")
                    }
                },
                ImportIssue {
                    line: 31,
                    problem: ImportProblem::Description
                },
                ImportIssue {
                    line: 33,
                    problem: ImportProblem::UnclosedAnswers
                },
            ]
        );
    }

    #[test]
    fn the_rarer_cases_are_reported_too() {
        let text = "::open 問い {=a ~b}\n\n{=a ~b}\n\n::none:: 問い {~a ~b}\n\n::many:: 問い {=1 ~2 ~3 ~4 ~5 ~6 ~7 ~8 ~9 ~10}\n";
        let problems: Vec<(usize, ImportProblem)> = parse(text)
            .issues
            .into_iter()
            .map(|i| (i.line, i.problem))
            .collect();
        assert_eq!(
            problems,
            vec![
                (1, ImportProblem::UnclosedTitle),
                (3, ImportProblem::EmptyPrompt),
                (
                    5,
                    ImportProblem::NoRightAnswer {
                        label: "none".into()
                    }
                ),
                (
                    7,
                    ImportProblem::TooManyChoices {
                        label: "many".into(),
                        count: 10
                    }
                ),
            ]
        );
    }
}
