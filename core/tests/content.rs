//! The shipped courses' invariants: enough questions of every kind, a
//! spread of difficulty and answer positions, no repeated prompts, and every
//! question explained and sourced.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use quiz_core::{Course, Kind, SourceFile, check_files};

fn shipped() -> Vec<Course> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../quizzes");
    let mut files: Vec<SourceFile> = std::fs::read_dir(&dir)
        .expect("quizzes folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            SourceFile::new(
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("readable"),
            )
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let report = check_files(&files);
    assert!(
        report.is_clean(),
        "{}",
        report.render(&files, quiz_core::Lang::En).join("\n")
    );
    report.courses
}

#[test]
fn the_three_mission_courses_ship_in_order() {
    let ids: Vec<String> = shipped().into_iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        ["digital-skills", "harassment-prevention", "human-rights"]
    );
}

#[test]
fn each_course_has_forty_questions_and_every_kind() {
    for course in shipped() {
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for q in &course.questions {
            *kinds.entry(q.kind.name()).or_default() += 1;
        }
        assert!(
            course.questions.len() >= 40,
            "{}: {} questions",
            course.id,
            course.questions.len()
        );
        for kind in ["single", "multiple", "truefalse"] {
            assert!(
                kinds.get(kind).copied().unwrap_or(0) >= 5,
                "{}: too few {kind}: {kinds:?}",
                course.id
            );
        }
    }
}

#[test]
fn difficulty_is_spread() {
    for course in shipped() {
        let mut levels = [0usize; 3];
        for q in &course.questions {
            let d = q
                .difficulty
                .expect("every shipped question states its difficulty");
            levels[usize::from(d) - 1] += 1;
        }
        assert!(
            levels.iter().all(|&n| n >= 5),
            "{}: difficulty {levels:?}",
            course.id
        );
    }
}

#[test]
fn every_question_is_explained_and_sourced() {
    for course in shipped() {
        for q in &course.questions {
            assert!(!q.explanation.is_blank(), "{}: no explanation", q.id);
            assert!(
                !q.sources.is_empty() && q.sources.iter().all(|s| !s.trim().is_empty()),
                "{}",
                q.id
            );
            // Teaching, not a one-liner.
            assert!(
                q.explanation.to_plain().chars().count() >= 40,
                "{}: explanation too short",
                q.id
            );
        }
    }
}

#[test]
fn no_prompt_is_repeated() {
    let mut seen = HashSet::new();
    for course in shipped() {
        for q in &course.questions {
            let key = format!(
                "{}|{}",
                q.scenario
                    .as_ref()
                    .map(|s| s.to_plain())
                    .unwrap_or_default(),
                q.prompt.to_plain()
            );
            assert!(
                seen.insert(key),
                "{}: the same scenario and prompt appear twice",
                q.id
            );
        }
    }
}

#[test]
fn answer_positions_are_spread_and_no_catch_all_choice() {
    for course in shipped() {
        let mut positions = BTreeMap::new();
        for q in &course.questions {
            if let Kind::Single { choices, answer } = &q.kind {
                *positions.entry(*answer).or_insert(0usize) += 1;
                for c in choices {
                    let text = c.to_plain();
                    assert!(
                        !["すべて正しい", "上記すべて", "すべて誤り", "上記のいずれも"]
                            .iter()
                            .any(|x| text.contains(x)),
                        "{}: catch-all choice {text}",
                        q.id
                    );
                }
            }
        }
        let most = positions.values().max().copied().unwrap_or(0);
        let total: usize = positions.values().sum();
        assert!(
            positions.len() >= 3 && most * 2 <= total,
            "{}: answer positions {positions:?}",
            course.id
        );
    }
}

#[test]
fn truefalse_answers_are_not_all_the_same() {
    for course in shipped() {
        let answers: Vec<bool> = course
            .questions
            .iter()
            .filter_map(|q| match q.kind {
                Kind::TrueFalse { answer } => Some(answer),
                _ => None,
            })
            .collect();
        assert!(
            answers.contains(&true) && answers.contains(&false),
            "{}",
            course.id
        );
    }
}
