//! Benchmark: the trainer's loop at the size of a large department store
//! of files: 2,000 results files (3 courses, 10 answers each) against a
//! 2,000-row roster, through the status table and item statistics.

use criterion::{Criterion, criterion_group, criterion_main};
use quiz_core::Date;
use quiz_core::attempt::Outcome;
use quiz_core::report::{AnswerRecord, FORMAT, RESULTS_VERSION, ResultRow, ResultsFile};
use quiz_core::roster::parse_roster;
use quiz_core::stats::item_statistics;
use quiz_core::status::{CourseRule, completion};

const PEOPLE: usize = 2_000;
const COURSES: [&str; 3] = ["hp", "ds", "pi"];

/// The roster as the personnel system exports it, read by the app's reader.
fn roster_csv() -> String {
    let mut s = String::from("\u{feff}職員番号,氏名,所属,職名\r\n");
    for i in 0..PEOPLE {
        s.push_str(&format!("{i:06},職員 {i},課{},主事\r\n", i % 25));
    }
    s
}

/// One file per person: 10 answers per course drawn from a pool of 40,
/// outcomes and marks varying with the person.
fn files() -> Vec<ResultsFile> {
    (0..PEOPLE)
        .map(|i| ResultsFile {
            format: FORMAT.into(),
            version: RESULTS_VERSION,
            learner: format!("職員 {i}"),
            staff_number: Some(format!("{i:06}")),
            department: Some(format!("課{}", i % 25)),
            exported_on: "2026-06-01".into(),
            rows: COURSES
                .iter()
                .enumerate()
                .map(|(c, id)| {
                    let answers: Vec<AnswerRecord> = (0..10)
                        .map(|q| {
                            let question = format!("{id}-{}", (i * 7 + q * 4 + c) % 40);
                            let pick = (i + q * 3 + c) % 4;
                            let outcome = match (i + q) % 5 {
                                0 => Outcome::Wrong,
                                1 => Outcome::PartlyRight,
                                _ => Outcome::Right,
                            };
                            AnswerRecord {
                                question,
                                outcome,
                                marks: vec![pick],
                            }
                        })
                        .collect();
                    let passed = i % 3 != 0;
                    ResultRow {
                        course_id: (*id).into(),
                        course: (*id).into(),
                        best: Some(if passed { 90 } else { 60 }),
                        passed_on: passed.then(|| format!("2026-0{}-15", 1 + i % 5)),
                        attempts: 1 + i % 3,
                        last_passed_on: None,
                        answers,
                    }
                })
                .collect(),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let roster = parse_roster(&roster_csv());
    assert!(roster.problems.is_empty());
    assert_eq!(roster.entries.len(), PEOPLE);
    let files = files();
    let rules: Vec<CourseRule> = COURSES
        .iter()
        .map(|id| CourseRule {
            id: (*id).into(),
            title: (*id).into(),
            valid_days: Some(365),
        })
        .collect();
    let today = Date::parse("2026-12-01").expect("date");
    let status = completion(&roster.entries, &files, &rules, today, 30);
    assert!(status.mismatches.is_empty() && status.unmatched.is_empty());
    assert_eq!(status.departments.len(), 25);
    c.bench_function("roster 2000 rows", |b| {
        b.iter(|| parse_roster(&roster_csv()))
    });
    c.bench_function(
        "completion + item statistics, 2000 files x 3 courses",
        |b| {
            b.iter(|| {
                let status = completion(&roster.entries, &files, &rules, today, 30);
                let stats: Vec<_> = COURSES
                    .iter()
                    .map(|id| item_statistics(&files, id))
                    .collect();
                (status, stats)
            })
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
