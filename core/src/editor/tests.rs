//! The form editor's draft: the round trip of every shipped course, id
//! allocation, and findings placed at their fields.

use std::path::{Path, PathBuf};

use super::*;
use crate::Date;
use crate::import::sheet::{Found, SheetProblem};

fn options() -> ItemOptions {
    ItemOptions::new(Date::parse("2026-12-01").expect("a date"))
}

fn shipped() -> Vec<(PathBuf, Course)> {
    let quizzes = Path::new(env!("CARGO_MANIFEST_DIR")).join("../quizzes");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&quizzes)
        .expect("quizzes")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    names
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read");
            let course = crate::parse::parse_course(&text, false)
                .course
                .expect("a shipped course is valid");
            (path, course)
        })
        .collect()
}

/// A draft with one question of each kind, every required field filled.
fn three_kinds() -> Draft {
    let mut d = Draft::new();
    d.settings.id = "bousai".into();
    d.settings.title = "防災".into();
    d.settings.description = "防災の基本を学びます。".into();
    d.settings.policy = "運営方針 1(4)②".into();
    d.settings.checked = "2026-11-01".into();
    let fill = |q: &mut QuestionDraft, prompt: &str| {
        q.prompt = prompt.into();
        q.explanation = "理由を説明します。".into();
        q.sources = "運営方針 1(4)②".into();
    };
    let i = d.add(DraftKind::Single);
    let q = &mut d.questions[i];
    fill(q, "最初にとる行動はどれですか。");
    q.choices = vec![
        "避難経路を確かめる".into(),
        "机の上を片付ける".into(),
        "電話をかける".into(),
    ];
    q.feedback.resize(3, String::new());
    q.set_right(0, true);
    let i = d.add(DraftKind::Multiple);
    let q = &mut d.questions[i];
    fill(q, "当てはまるものをすべて選んでください。");
    q.choices = vec!["水".into(), "懐中電灯".into(), "雑誌".into()];
    q.set_right(0, true);
    q.set_right(1, true);
    let i = d.add(DraftKind::TrueFalse);
    let q = &mut d.questions[i];
    fill(q, "非常口の前に物を置いてよい。");
    q.truth = Some(false);
    d
}

#[test]
fn every_shipped_course_comes_back_the_same_through_the_form() {
    for (path, original) in shipped() {
        let draft = Draft::from_course(&original, Origin::Shipped(original.id.clone()));
        // Stored and read back, as the browser does between edits.
        let stored = serde_json::to_string(&draft).expect("json");
        let draft: Draft = serde_json::from_str(&stored).expect("read back");
        let checked = draft.check(&options());
        let errors: Vec<String> = (checked.findings.iter())
            .filter(|p| p.severity() == Severity::Error)
            .map(|p| p.finding.render(Lang::En))
            .collect();
        assert!(errors.is_empty(), "{path:?}: {errors:?}");
        let mut course = checked.course.expect("a course");
        course.hidden = original.hidden;
        for (a, b) in course.questions.iter().zip(&original.questions) {
            assert_eq!(a, b, "{path:?}: question {}", b.id);
        }
        assert_eq!(course, original, "{path:?}");
        // The saved file is read as the same course.
        let toml = checked.toml.expect("toml");
        let again = crate::parse::parse_course(&toml, original.hidden)
            .course
            .expect("the file parses");
        assert_eq!(again, original, "{path:?}");
    }
}

#[test]
fn pinned_order_and_partial_credit_survive_though_the_template_has_no_column() {
    let mut d = three_kinds();
    d.questions[0].shuffle = false;
    d.questions[1].partial_credit = true;
    let checked = d.check(&options());
    assert_eq!(checked.error_count(), 0, "{:?}", checked.findings);
    let course = checked.course.expect("a course");
    assert!(!course.questions[0].shuffle);
    assert!(matches!(
        course.questions[1].kind,
        Kind::Multiple {
            partial_credit: true,
            ..
        }
    ));
    let toml = checked.toml.expect("toml");
    assert!(toml.contains("shuffle = false\n"), "{toml}");
    assert!(toml.contains("partial_credit = true\n"), "{toml}");
    assert!(toml.starts_with("# 研修担当者の画面のフォームで作ったコースです。\n"));
}

#[test]
fn a_new_course_of_three_kinds_checks_clean() {
    let checked = three_kinds().check(&options());
    assert_eq!(checked.error_count(), 0, "{:?}", checked.findings);
    let course = checked.course.expect("a course");
    let ids: Vec<&str> = course.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["bousai-1", "bousai-2", "bousai-3"]);
    assert_eq!(course.questions[0].correct(), vec![0]);
    assert_eq!(course.questions[1].correct(), vec![0, 1]);
    assert_eq!(course.questions[2].correct(), vec![1]);
    assert_eq!(course.draw, Draw::All);
    assert_eq!(course.pass_mark, 80);
}

#[test]
fn a_removed_id_is_never_handed_out_again() {
    let mut d = three_kinds();
    d.remove(2);
    assert_eq!(d.retired, ["bousai-3"]);
    let i = d.add(DraftKind::TrueFalse);
    assert_eq!(d.questions[i].id, "bousai-4");
    // Moving keeps every id with its question.
    assert!(d.move_up(i));
    assert!(!d.move_up(0));
    assert!(!d.move_down(d.questions.len() - 1));
    let ids: Vec<&str> = d.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["bousai-1", "bousai-4", "bousai-2"]);
    // Removed and stored, the record of retired ids comes back too.
    d.remove(0);
    let d: Draft = serde_json::from_str(&serde_json::to_string(&d).expect("json")).expect("read");
    assert_eq!(d.fresh_id(), "bousai-5");
    // Before the course has an id, fresh ids still never collide.
    let mut blank = Draft::new();
    blank.add(DraftKind::Single);
    blank.remove(0);
    assert_eq!(blank.fresh_id(), "q-2");
}

#[test]
fn ids_of_another_version_of_the_course_are_never_handed_out() {
    // A revision dropped bousai-3 and bousai-4 from the release's version.
    let mut d = three_kinds();
    d.remove(2);
    d.retired.clear();
    d.retire_known(["bousai-1", "bousai-3", "bousai-4", "bousai-3", ""]);
    assert_eq!(
        d.retired,
        ["bousai-3", "bousai-4"],
        "the ids in use stay usable"
    );
    let i = d.add(DraftKind::Single);
    assert_eq!(d.questions[i].id, "bousai-5");
}

#[test]
fn questions_added_before_the_course_id_take_its_prefix_once_it_is_typed() {
    let mut d = Draft::new();
    d.add(DraftKind::Single);
    d.add(DraftKind::TrueFalse);
    d.add(DraftKind::Multiple);
    d.remove(1);
    let ids = |d: &Draft| d.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d), ["q-1", "q-3"]);
    // Half typed: not yet an id that can prefix others.
    d.set_course_id("Bou".into());
    assert_eq!(ids(&d), ["q-1", "q-3"]);
    d.set_course_id("bousai".into());
    assert_eq!(ids(&d), ["bousai-1", "bousai-2"]);
    assert_eq!(d.fresh_id(), "bousai-3");
    // Typed further, the ids stay: only provisional ones move.
    d.set_course_id("bousai-2027".into());
    assert_eq!(ids(&d), ["bousai-1", "bousai-2"]);
    // An opened course keeps every id, whatever it looks like.
    let course = shipped().into_iter().next().expect("a shipped course").1;
    let mut opened = Draft::from_course(&course, Origin::Shipped("x".into()));
    opened.questions[0].id = "q-1".into();
    opened.set_course_id("other".into());
    assert_eq!(opened.questions[0].id, "q-1");
}

#[test]
fn an_opened_course_keeps_its_ids_and_new_ones_are_fresh() {
    for (_, original) in shipped() {
        let mut d = Draft::from_course(&original, Origin::Shipped(original.id.clone()));
        let before: Vec<String> = original.questions.iter().map(|q| q.id.clone()).collect();
        d.questions[0].prompt.push_str("（改）");
        let i = d.add(DraftKind::Single);
        let fresh = d.questions[i].id.clone();
        assert!(!before.contains(&fresh), "{fresh}");
        let kept: Vec<String> = d
            .questions
            .iter()
            .take(before.len())
            .map(|q| q.id.clone())
            .collect();
        assert_eq!(kept, before);
    }
}

#[test]
fn findings_land_on_their_fields() {
    let mut d = three_kinds();
    // No right choice on the first question; a right mark beyond the
    // choices on the second; a pass mark in words; a blank prompt on the
    // third; an "all of the above" choice on the first.
    d.questions[0].right.clear();
    d.questions[1].right = vec![0, 4];
    d.settings.pass_mark = "八十".into();
    d.questions[2].prompt.clear();
    d.questions[0].choices[2] = "上記のすべて".into();
    let checked = d.check(&options());
    assert!(checked.course.is_none());
    assert!(checked.toml.is_none());
    let codes = |field: Field| -> Vec<&'static str> {
        checked
            .at(field)
            .map(|p| match &p.finding.what {
                Found::Sheet(s) => s.code(),
                Found::Check(m) => m.code(),
            })
            .collect()
    };
    assert_eq!(codes(Field::Question(0, QuestionField::Answer)), ["blank"]);
    assert_eq!(
        codes(Field::Question(1, QuestionField::Answer)),
        ["answer-beyond-choices"]
    );
    assert_eq!(
        codes(Field::Setting(SettingField::PassMark)),
        ["not-a-number"]
    );
    assert_eq!(codes(Field::Question(2, QuestionField::Prompt)), ["blank"]);
    let blank = checked
        .at(Field::Question(0, QuestionField::Answer))
        .next()
        .expect("a finding");
    assert_eq!(blank.message(Lang::Ja), "「正解」が空です。書いてください");
    assert!(matches!(
        blank.finding.what,
        Found::Sheet(SheetProblem::Blank { header: "正解" })
    ));
}

#[test]
fn item_writing_warnings_land_on_the_choice() {
    let mut d = three_kinds();
    d.questions[0].choices[2] = "上記のすべて".into();
    let checked = d.check(&options());
    assert_eq!(checked.error_count(), 0, "{:?}", checked.findings);
    let on_choice: Vec<&Placed> = checked
        .at(Field::Question(0, QuestionField::Choice(2)))
        .collect();
    assert_eq!(on_choice.len(), 1, "{:?}", checked.findings);
    assert_eq!(on_choice[0].severity(), Severity::Warning);
    assert!(
        on_choice[0]
            .message(Lang::Ja)
            .starts_with("警告: 3 番の選択肢に"),
        "{}",
        on_choice[0].message(Lang::Ja)
    );
}

#[test]
fn choices_removed_take_their_marks_and_feedback_along() {
    let mut q = QuestionDraft {
        kind: DraftKind::Multiple,
        ..QuestionDraft::default()
    };
    for _ in 0..8 {
        q.add_choice();
    }
    assert_eq!(q.choices.len(), MAX_FORM_CHOICES);
    q.feedback[3] = "四".into();
    q.set_right(1, true);
    q.set_right(3, true);
    q.remove_choice(1);
    assert_eq!(q.right, [2]);
    assert_eq!(q.feedback[2], "四");
    q.kind = DraftKind::Single;
    q.set_right(0, true);
    assert_eq!(q.right, [0]);
    q.set_right(0, false);
    assert!(q.right.is_empty());
}

#[test]
fn a_damaged_or_older_draft_reads_with_defaults() {
    let d: Draft = serde_json::from_str(r#"{"settings":{"id":"x"},"questions":[{"id":"x-1"}]}"#)
        .expect("partial");
    assert_eq!(d.settings.id, "x");
    assert!(d.questions[0].shuffle);
    assert!(serde_json::from_str::<Draft>("[1,2]").is_err());
}

#[test]
fn a_course_without_questions_is_told_in_the_forms_words() {
    let checked = Draft::new().check(&options());
    let none = checked
        .findings
        .iter()
        .find(|p| matches!(p.finding.what, Found::Sheet(SheetProblem::NoQuestionRows)))
        .expect("a new draft has no questions");
    // Not the sheet's "write one question per row from row 2".
    assert_eq!(
        none.message(Lang::Ja),
        "問題がまだありません。下の「…の問題を追加」で1問目を加えてください"
    );
    assert!(none.message(Lang::En).contains("Add"));
    assert!(!none.message(Lang::Ja).contains("行目"));
}
