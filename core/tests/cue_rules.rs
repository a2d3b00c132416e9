//! The wording-cue rules through the library API: the thresholds the CLI
//! fixtures do not reach (the "at least 5" count, exactly twice as often),
//! the turn-round of a "which is not" question, and a course that leans
//! the other way.

use quiz_core::diagnostic::Severity;
use quiz_core::{Date, ItemOptions, Lang, SourceFile, check_files_with};

const HEAD: &str = r#"id = "fixture"
title = "テスト用コース"
description = "確認用"
policy = "運営方針 1(4)②"
pass_mark = 80
draw = 1
checked = "2026-11-01"
"#;

fn single(i: usize, prompt: &str, choices: [&str; 3], answer: usize) -> String {
    let [a, b, c] = choices;
    format!(
        "\n[[question]]\nid = \"q-{i}\"\nprompt = \"{prompt}\"\nchoices = [\"{a}\", \"{b}\", \"{c}\"]\nanswer = {answer}\nexplanation = \"説明\"\nsources = [\"出典\"]\n"
    )
}

/// The advice codes for a course of these questions.
fn advice(questions: &[String]) -> Vec<&'static str> {
    let files = [SourceFile::new(
        "x.toml",
        format!("{HEAD}{}", questions.concat()),
    )];
    let today = ItemOptions::new(Date::parse("2026-12-01").expect("date"));
    let report = check_files_with(&files, &today);
    assert!(report.is_clean());
    report
        .warnings_for(0)
        .iter()
        .filter(|d| d.severity() == Severity::Advice)
        .map(|d| d.message.code())
        .collect()
}

const TOPICS: [&str; 5] = [
    "面談の記録",
    "苦情の受付",
    "訪問の予定",
    "会議の資料",
    "研修の案内",
];

fn limited(i: usize, prompt: &str, answer: usize) -> String {
    let t = TOPICS.iter().cycle().nth(i).copied().unwrap_or_default();
    let choices = [
        format!("{t}は担当の係で扱う"),
        format!("{t}は課長だけが扱う"),
        format!("{t}は隣の課に回して扱う"),
    ];
    let [a, b, c] = [&choices[0], &choices[1], &choices[2]].map(String::as_str);
    single(i, prompt, [a, b, c], answer)
}

#[test]
fn a_cue_needs_five_statements_carrying_it() {
    let q = |n: usize| {
        (0..n)
            .map(|i| limited(i, "正しいものはどれですか。", 1))
            .collect::<Vec<_>>()
    };
    assert!(advice(&q(4)).is_empty());
    assert_eq!(advice(&q(5)), ["limit-wrong"; 5]);
}

#[test]
fn under_a_which_is_not_stem_the_limited_key_is_the_false_statement() {
    // The limited choice is the key of "which is wrong": a false statement
    // carrying the limit, as in the course above, so the same advice.
    let q: Vec<String> = (0..5)
        .map(|i| limited(i, "誤っているものはどれですか。", 2))
        .collect();
    assert_eq!(advice(&q), ["limit-wrong"; 5]);
    // There a limited wrong choice is a true statement, every time: the
    // course leans the other way, and the advice says so.
    let q: Vec<String> = (0..5)
        .map(|i| limited(i, "誤っているものはどれですか。", 1))
        .collect();
    let files = [SourceFile::new("x.toml", format!("{HEAD}{}", q.concat()))];
    let today = ItemOptions::new(Date::parse("2026-12-01").expect("date"));
    let report = check_files_with(&files, &today);
    let words: Vec<String> = (report.warnings_for(0).iter())
        .map(|d| d.message.render(Lang::Ja))
        .collect();
    assert_eq!(words.len(), 5, "{words:?}");
    assert!(
        words.iter().all(|w| w
            .starts_with("この問題では「だけ」が正しい内容の選択肢（2 番）にだけあります。")
            && w.contains("「限定・絶対の言葉があれば正しい」と読めば当てられる")),
        "{words:?}"
    );
}

/// Four choices: `limits[i]` says whether choice i carries a limit.
fn four(i: usize, answer: usize, limits: [bool; 4]) -> String {
    let t = TOPICS.iter().cycle().nth(i).copied().unwrap_or_default();
    let texts = [
        "担当の係で扱う",
        "課長が扱う",
        "隣の課に回して扱う",
        "翌週まで置いて扱う",
    ];
    let choices: Vec<String> = texts
        .iter()
        .zip(limits)
        .map(|(text, limited)| {
            let text = if limited {
                text.replace("扱う", "扱うだけだ")
            } else {
                (*text).to_owned()
            };
            format!("\"{t}は{text}\"")
        })
        .collect();
    format!(
        "\n[[question]]\nid = \"q-{i}\"\nprompt = \"正しいものはどれですか。\"\nchoices = [{}]\nanswer = {answer}\nexplanation = \"説明\"\nsources = [\"出典\"]\n",
        choices.join(", ")
    )
}

#[test]
fn exactly_twice_as_often_is_the_border_and_stays_quiet() {
    // Five questions, keys first: 5 true and 15 false statements. One key
    // carries a limit (1 of 5 = 20 %); wrong choices carry 6 of 15 (40 %,
    // exactly twice): quiet. A seventh (47 %): advice.
    let course = |wrong_limits: usize| -> Vec<String> {
        let last = [false, true, wrong_limits > 6, false];
        let rows = [
            [true, false, false, false],
            [false, true, true, false],
            [false, true, true, false],
            [false, true, false, false],
            last,
        ];
        (rows.iter().enumerate())
            .map(|(i, limits)| four(i, 1, *limits))
            .collect()
    };
    assert!(advice(&course(6)).is_empty());
    assert!(advice(&course(7)).contains(&"limit-wrong"));
}
