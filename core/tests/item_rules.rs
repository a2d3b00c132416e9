//! The item-writing warnings through the library API: the thresholds the
//! CLI fixtures do not reach (the "at least 4" counts), which files get
//! warnings at all, and the `checked` field's parsing and spans.

use quiz_core::diagnostic::{Message, Severity};
use quiz_core::item_check::{self, DEFAULT_MAX_AGE_DAYS};
use quiz_core::parse::parse_course;
use quiz_core::{Date, ItemOptions, Lang, SourceFile, check_files, check_files_with};

const HEAD: &str = r#"id = "fixture"
title = "テスト用コース"
description = "確認用"
policy = "運営方針 1(4)②"
pass_mark = 80
draw = 1
checked = "2026-11-01"
"#;

fn today() -> ItemOptions {
    ItemOptions::new(Date::parse("2026-12-01").expect("date"))
}

/// A question: `choices` as a TOML list (empty for ○/×), `answer` as written.
fn q(i: usize, kind: &str, choices: &str, answer: &str, extra: &str) -> String {
    let choices = if choices.is_empty() {
        String::new()
    } else {
        format!("choices = {choices}\n")
    };
    format!(
        "\n[[question]]\nid = \"q-{i}\"\nkind = \"{kind}\"\nprompt = \"問\"\n{choices}answer = {answer}\nexplanation = \"説明\"\nsources = [\"出典\"]\n{extra}"
    )
}

fn course(questions: &[String]) -> String {
    format!("{HEAD}{}", questions.concat())
}

/// The rule codes of the warnings for one file, in position order.
fn codes(text: &str) -> Vec<&'static str> {
    let files = [SourceFile::new("x.toml", text)];
    let report = check_files_with(&files, &today());
    assert!(report.is_clean(), "{:?}", report.render(&files, Lang::En));
    report
        .warnings_for(0)
        .iter()
        .map(|d| d.message.code())
        .collect()
}

const LONG: &str = r#"["ああああ", "いいいい", "ううううう"]"#;
const HEDGED: &str = r#"["原則として可能", "いつでも可能だ", "どこでも可能だ"]"#;

#[test]
fn course_rules_need_at_least_four_questions() {
    let three = |f: &dyn Fn(usize) -> String| course(&(1..=3).map(f).collect::<Vec<_>>());
    let four = |f: &dyn Fn(usize) -> String| course(&(1..=4).map(f).collect::<Vec<_>>());
    let longest = |i| q(i, "single", LONG, "3", "");
    assert!(codes(&three(&longest)).is_empty());
    assert_eq!(codes(&four(&longest)), ["longest-correct"; 4]);
    let hedged = |i| q(i, "single", HEDGED, "1", "");
    assert!(codes(&three(&hedged)).is_empty());
    assert_eq!(codes(&four(&hedged)), ["qualifier-correct"; 4]);
    let all_true = |i| q(i, "truefalse", "", "true", "");
    assert!(codes(&three(&all_true)).is_empty());
    assert_eq!(codes(&four(&all_true)), ["truefalse-balance"]);
    let multiple = |i| q(i, "multiple", r#"["ア", "イ", "ウ"]"#, "[1, 2]", "");
    assert!(codes(&three(&multiple)).is_empty());
    assert_eq!(codes(&four(&multiple)), ["same-position"]);
    let pinned = |i| {
        q(
            i,
            "single",
            r#"["ア", "イ", "ウ"]"#,
            "2",
            "shuffle = false\n",
        )
    };
    assert!(codes(&three(&pinned)).is_empty());
    assert_eq!(codes(&four(&pinned)), ["same-position"]);
}

#[test]
fn same_position_names_every_shared_choice_number() {
    let text = course(
        &(1..=4)
            .map(|i| q(i, "multiple", r#"["ア", "イ", "ウ"]"#, "[1, 3]", ""))
            .collect::<Vec<_>>(),
    );
    let files = [SourceFile::new("x.toml", text.as_str())];
    let report = check_files_with(&files, &today());
    let found: Vec<&Message> = report.warnings_for(0).iter().map(|d| &d.message).collect();
    assert_eq!(
        found,
        [&Message::SamePositionMultiple {
            positions: vec![1, 3],
            of: 4
        }]
    );
    assert_eq!(
        report.render(&files, Lang::Ja),
        [
            "x.toml:1:6: 警告: 複数選択の問題 4 問すべてで、1・3 番の選択肢が正解に含まれています。問題ごとに正解の選択肢の位置を変えてください [same-position]"
        ]
    );
}

#[test]
fn short_questions_and_other_kinds_are_left_to_their_own_rules() {
    // Two choices: neither length rule applies.
    assert!(codes(&course(&[q(1, "single", r#"["ア", "イイイイ"]"#, "2", "")])).is_empty());
    // Multiple questions are not judged by length.
    let multiple = q(1, "multiple", r#"["ア", "イ", "ウウウウ"]"#, "[3]", "");
    assert!(codes(&course(&[multiple])).is_empty());
    // ...but same-choice and all-of-the-above apply to them.
    let multiple = q(
        1,
        "multiple",
        r#"["「ア」", "ア", "上記すべて"]"#,
        "[1]",
        "",
    );
    assert_eq!(
        codes(&course(&[multiple])),
        ["same-choice", "all-of-the-above"]
    );
}

#[test]
fn warnings_do_not_make_a_report_unclean_and_only_come_when_asked() {
    let text = course(&[q(1, "single", r#"["ア", "イ", "ウウウ"]"#, "3", "")]);
    let files = [SourceFile::new("x.toml", text.as_str())];
    let plain = check_files(&files);
    assert!(plain.is_clean() && plain.warnings.is_empty());
    let report = check_files_with(&files, &today());
    assert!(report.is_clean());
    assert_eq!(report.courses.len(), 1);
    assert_eq!((report.problem_count(), report.warning_count()), (0, 1));
    assert_eq!(report.warnings_for(0)[0].severity(), Severity::Warning);
    assert!(report.warnings_for(1).is_empty());
}

#[test]
fn a_file_with_errors_gets_no_warnings() {
    let bad = course(&[q(
        1,
        "single",
        r#"["ア", "イ", "ウウウ"]"#,
        "3",
        "difficulty = 9\n",
    )]);
    let text = bad.replace("checked = \"2026-11-01\"\n", "");
    let files = [SourceFile::new("x.toml", text)];
    let report = check_files_with(&files, &today());
    assert!(!report.is_clean());
    assert_eq!(report.warning_count(), 0);
}

#[test]
fn the_template_is_never_stale_but_is_checked_otherwise() {
    let text = course(&[q(1, "single", r#"["ア", "イ", "ウウウ"]"#, "3", "")])
        .replace("checked = \"2026-11-01\"\n", "");
    let files = [SourceFile::new("quizzes/_x.toml", text)];
    let report = check_files_with(&files, &today());
    let found: Vec<_> = report
        .warnings_for(0)
        .iter()
        .map(|d| d.message.code())
        .collect();
    assert_eq!(found, ["correct-stands-out"]);
    let shipped = include_str!("../../quizzes/_template.toml");
    let files = [SourceFile::new("quizzes/_template.toml", shipped)];
    let far = ItemOptions::new(Date::parse("2099-01-01").expect("date"));
    assert_eq!(check_files_with(&files, &far).warning_count(), 0);
}

#[test]
fn stale_counts_days_and_a_future_date_is_not_stale() {
    let text = course(&[
        q(1, "truefalse", "", "true", "checked = \"2027-06-01\"\n"),
        q(2, "truefalse", "", "false", ""),
    ]);
    let at = |day: &str, max_age_days: u32| {
        let today = Date::parse(day).expect("date");
        let parsed = parse_course(&text, false);
        item_check::check_parsed(
            &parsed,
            &ItemOptions {
                today,
                max_age_days,
            },
        )
        .into_iter()
        .map(|d| (d.span, d.message))
        .collect::<Vec<_>>()
    };
    assert!(at("2026-12-01", DEFAULT_MAX_AGE_DAYS).is_empty());
    assert!(at("2026-11-02", 1).is_empty());
    let found = at("2026-11-03", 1);
    let id = text.find("\"q-2\"").expect("q-2");
    assert_eq!(
        found,
        [(
            id..id + 5,
            Message::Stale {
                checked: Date::parse("2026-11-01"),
                from_course: true,
                age_days: 2,
                max_age_days: 1,
                today: Date::parse("2026-11-03").expect("date"),
            }
        )]
    );
}

#[test]
fn checked_dates_are_read_into_the_model() {
    let text = course(&[
        q(1, "truefalse", "", "true", "checked = \"2024-02-29\"\n"),
        q(2, "truefalse", "", "false", ""),
    ]);
    let parsed = parse_course(&text, false);
    let c = parsed.course.expect("valid");
    assert_eq!(c.checked, Date::parse("2026-11-01"));
    let own: Vec<_> = c.questions.iter().map(|q| q.checked).collect();
    assert_eq!(own, [Date::parse("2024-02-29"), None]);
    let effective: Vec<_> = c
        .questions
        .iter()
        .map(|q| q.checked_or(c.checked))
        .collect();
    assert_eq!(
        effective,
        [Date::parse("2024-02-29"), Date::parse("2026-11-01")]
    );
    assert_eq!(parsed.question_sources.len(), 2);
}

#[test]
fn a_bad_date_is_an_error_on_its_value() {
    for (value, code) in [
        ("\"2025-02-29\"", "bad-date"),
        ("\"2026-12-1\"", "bad-date"),
        ("\"\"", "bad-date"),
        ("\"令和8年12月1日\"", "bad-date"),
        ("2026-12-01", "wrong-type"),
        ("20261201", "wrong-type"),
    ] {
        let text = course(&[q(
            1,
            "truefalse",
            "",
            "true",
            &format!("checked = {value}\n"),
        )]);
        let parsed = parse_course(&text, false);
        assert!(parsed.course.is_none());
        let [d] = parsed.diagnostics.as_slice() else {
            panic!("{value}: {:?}", parsed.diagnostics);
        };
        assert_eq!(d.message.code(), code, "{value}");
        assert_eq!(d.severity(), Severity::Error);
        assert_eq!(text.get(d.span.clone()), Some(value));
    }
}
