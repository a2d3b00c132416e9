//! The learner's results file for the trainer (CSV and JSON), and the
//! trainer's combined table of many such files. No server is involved:
//! learners send the file, the trainer opens them together.
//!
//! Version 2 (JSON) adds the learner's staff number and department, each
//! course's latest pass, and the answers of the latest finished attempt:
//!
//! ```json
//! {
//!   "format": "kenshu-results", "version": 2,
//!   "learner": "山田 花子", "staff_number": "012345", "department": "福祉総務課",
//!   "exported_on": "2026-11-24",
//!   "rows": [ { "course_id": "hp", "course": "ハラスメント防止", "best": 90,
//!               "passed_on": "2026-11-20", "attempts": 2, "last_passed_on": "2026-11-24",
//!               "answers": [ { "question": "hp-1", "outcome": "partly", "marks": [0, 2] } ] } ]
//! }
//! ```
//!
//! Scores, passes and `attempts` count full attempts only: a retry of the
//! missed questions is practice and never completes a course
//! ([`crate::progress::Finished::completes`]), and its answers are left out.
//!
//! Version 1 had none of these; every one is optional, so a version-1 file
//! reads as it is. The CSV form has one row per course and carries
//! everything but the answers, which only the JSON form holds: item
//! statistics need JSON files.

use serde::{Deserialize, Serialize};

use crate::attempt::Outcome;
use crate::csv;
use crate::model::Course;
use crate::progress::Progress;

/// Marks a JSON file as a results file of this app.
pub const FORMAT: &str = "kenshu-results";

/// The schema version [`results_file`] writes.
pub const RESULTS_VERSION: u32 = 2;

/// One learner's results across the courses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// Schema version of this file: 1, or 2 ([`RESULTS_VERSION`]).
    pub version: u32,
    /// The learner's name as set in the app (may be empty).
    pub learner: String,
    /// 職員番号 as the learner typed it; version-1 files have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_number: Option<String>,
    /// 所属 as the learner typed it; version-1 files have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// When the file was made, `YYYY-MM-DD` (empty in a version-1 CSV).
    pub exported_on: String,
    /// One row per course.
    pub rows: Vec<ResultRow>,
}

/// One course's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRow {
    /// The course's id.
    pub course_id: String,
    /// The course's title.
    pub course: String,
    /// Best score in percent, if taken.
    pub best: Option<u8>,
    /// The day of the first passing attempt, `YYYY-MM-DD`.
    pub passed_on: Option<String>,
    /// Finished attempts.
    pub attempts: usize,
    /// The day of the latest passing attempt: a pass that must be renewed
    /// runs from here. Version-1 files have none (read `passed_on`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_passed_on: Option<String>,
    /// Each question of the latest finished attempt, in the order asked
    /// (JSON only; empty when the course was not taken).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<AnswerRecord>,
}

/// One answered question of the latest finished attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// The question's id.
    pub question: String,
    /// Right, partly right or wrong.
    pub outcome: Outcome,
    /// The learner's marks as choice indexes in the course file (0-based,
    /// before shuffling), ascending.
    pub marks: Vec<usize>,
}

/// `YYYY-MM-DD` of a moment, in a time zone `offset_minutes` east of UTC.
pub fn date_string(ms: u64, offset_minutes: i64) -> String {
    let days = crate::schedule::day_of(ms, offset_minutes);
    crate::date::Date::from_days_since_epoch(days).to_string()
}

/// The learner's results over the given courses, at version 2.
pub fn results_file(
    progress: &Progress,
    courses: &[Course],
    now_ms: u64,
    offset_minutes: i64,
) -> ResultsFile {
    let rows = courses
        .iter()
        .map(|c| {
            let record = progress.course(&c.id);
            // Completion is the core's one rule: practice never passes.
            let last_pass = record.and_then(|r| r.latest_pass());
            ResultRow {
                course_id: c.id.clone(),
                course: c.title.clone(),
                best: record.and_then(|r| r.best()),
                passed_on: record
                    .and_then(|r| r.first_pass())
                    .map(|f| date_string(f.at_ms, offset_minutes)),
                attempts: record.map_or(0, |r| r.full_attempts().count()),
                last_passed_on: last_pass.map(|f| date_string(f.at_ms, offset_minutes)),
                answers: record
                    .and_then(|r| r.last.as_ref())
                    // A retry asks only what was missed: it would skew
                    // the item statistics these answers feed.
                    .filter(|a| a.is_finished() && a.is_full_of(c))
                    .map(|a| answers(c, a))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let learner = progress.learner.as_ref();
    ResultsFile {
        format: FORMAT.into(),
        version: RESULTS_VERSION,
        learner: learner.map(|l| l.name.clone()).unwrap_or_default(),
        staff_number: learner.and_then(|l| l.staff_number.clone()),
        department: learner.and_then(|l| l.department.clone()),
        exported_on: date_string(now_ms, offset_minutes),
        rows,
    }
}

/// The answered questions of a finished attempt. A question the course no
/// longer has cannot be judged, so it is left out rather than guessed.
fn answers(course: &Course, attempt: &crate::attempt::Attempt) -> Vec<AnswerRecord> {
    attempt
        .items
        .iter()
        .filter_map(|item| {
            let marks = item.answer.as_ref()?;
            let question = course.question(&item.question)?;
            Some(AnswerRecord {
                question: item.question.clone(),
                outcome: Outcome::of(question, marks),
                marks: marks.clone(),
            })
        })
        .collect()
}

/// The version-1 CSV header, still read.
const CSV_HEADER_V1: [&str; 6] = ["氏名", "コースID", "コース", "最高点", "合格日", "受講回数"];

/// The CSV header written now, which also tells a results file from any
/// other CSV.
const CSV_HEADER: [&str; 10] = [
    "氏名",
    "職員番号",
    "所属",
    "コースID",
    "コース",
    "最高点",
    "合格日",
    "受講回数",
    "最終合格日",
    "出力日",
];

/// The file as CSV, UTF-8 with a BOM so that Excel reads Japanese text:
/// one row per course, the learner's name, staff number, department and
/// the file's date repeated on each. The per-question answers are left
/// out (they are in the JSON form only). Text cells that a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) get a leading `'`; the JSON form and the trainer's
/// table keep the text as typed.
pub fn to_csv(file: &ResultsFile) -> String {
    let mut out = format!("{}{}\r\n", csv::BOM, CSV_HEADER.join(","));
    let optional = |text: &Option<String>| text.as_deref().map(csv::text).unwrap_or_default();
    for row in &file.rows {
        csv::push_record(
            &mut out,
            &[
                csv::text(&file.learner),
                optional(&file.staff_number),
                optional(&file.department),
                csv::text(&row.course_id),
                csv::text(&row.course),
                row.best.map(|b| b.to_string()).unwrap_or_default(),
                optional(&row.passed_on),
                row.attempts.to_string(),
                optional(&row.last_passed_on),
                csv::text(&file.exported_on),
            ],
        );
    }
    out
}

/// Reads a results file saved by the app, as JSON or as CSV, version 1 or
/// 2. A problem in a CSV row names its line.
pub fn parse_results(text: &str) -> Result<ResultsFile, String> {
    let text = text.strip_prefix(csv::BOM).unwrap_or(text);
    if text.trim_start().starts_with('{') {
        let file: ResultsFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.format != FORMAT {
            return Err(format!("format is {:?}, not {FORMAT:?}", file.format));
        }
        return Ok(file);
    }
    let mut records = csv::records(text).rows.into_iter();
    let (_, header) = records.next().ok_or("empty file")?;
    let version = if header == CSV_HEADER {
        RESULTS_VERSION
    } else if header == CSV_HEADER_V1 {
        1
    } else {
        return Err("not a results file of this app (unexpected CSV header)".into());
    };
    let mut file = ResultsFile {
        format: FORMAT.into(),
        version,
        learner: String::new(),
        staff_number: None,
        department: None,
        exported_on: String::new(),
        rows: Vec::new(),
    };
    let optional = |field: &str| (!field.is_empty()).then(|| csv::untext(field));
    for (line, record) in records {
        // Version 1 lacks the identity and the dates: read as empty.
        let fields = match record.as_slice() {
            [name, course_id, course, best, passed_on, attempts] if version == 1 => [
                name.as_str(),
                "",
                "",
                course_id,
                course,
                best,
                passed_on,
                attempts,
                "",
                "",
            ],
            [a, b, c, d, e, f, g, h, i, j] if version == RESULTS_VERSION => {
                [a, b, c, d, e, f, g, h, i, j].map(String::as_str)
            }
            _ => {
                let expected = if version == 1 { 6 } else { 10 };
                return Err(format!(
                    "line {line}: expected {expected} fields, found {}",
                    record.len()
                ));
            }
        };
        let [
            name,
            staff,
            department,
            course_id,
            course,
            best,
            passed_on,
            attempts,
            last,
            on,
        ] = fields;
        file.learner = csv::untext(name);
        file.staff_number = optional(staff);
        file.department = optional(department);
        file.exported_on = csv::untext(on);
        file.rows.push(ResultRow {
            course_id: csv::untext(course_id),
            course: csv::untext(course),
            best: if best.is_empty() {
                None
            } else {
                Some(
                    best.parse()
                        .map_err(|_| format!("line {line}: score {best:?}"))?,
                )
            },
            passed_on: optional(passed_on),
            attempts: attempts
                .parse()
                .map_err(|_| format!("line {line}: attempts {attempts:?}"))?,
            last_passed_on: optional(last),
            answers: Vec::new(),
        });
    }
    Ok(file)
}

/// One line of the trainer's combined table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CombinedRow {
    /// The learner.
    pub learner: String,
    /// The course title.
    pub course: String,
    /// Best score.
    pub best: Option<u8>,
    /// First pass date.
    pub passed_on: Option<String>,
    /// Finished attempts.
    pub attempts: usize,
}

/// All files' rows, by learner then course; a learner's newer file
/// (a later `exported_on`) replaces an older one.
pub fn combine(files: &[ResultsFile]) -> Vec<CombinedRow> {
    let mut latest: std::collections::BTreeMap<&str, &ResultsFile> =
        std::collections::BTreeMap::new();
    for f in files {
        let keep = latest
            .get(f.learner.as_str())
            .is_none_or(|old| f.exported_on >= old.exported_on);
        if keep {
            latest.insert(&f.learner, f);
        }
    }
    let mut rows: Vec<CombinedRow> = latest
        .values()
        .flat_map(|f| {
            f.rows.iter().map(|r| CombinedRow {
                learner: f.learner.clone(),
                course: r.course.clone(),
                best: r.best,
                passed_on: r.passed_on.clone(),
                attempts: r.attempts,
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.learner, &a.course).cmp(&(&b.learner, &b.course)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::csv::FORMULA_TRIGGERS;

    fn sample(name: &str, on: &str, best: Option<u8>) -> ResultsFile {
        ResultsFile {
            format: FORMAT.into(),
            version: RESULTS_VERSION,
            learner: name.into(),
            staff_number: Some("012345".into()),
            department: Some("福祉総務課, 庶務係".into()),
            exported_on: on.into(),
            rows: vec![ResultRow {
                course_id: "hp".into(),
                course: "ハラスメント防止, 基礎\"編\"".into(),
                best,
                passed_on: best.filter(|b| *b >= 80).map(|_| "2026-11-20".into()),
                attempts: 2,
                last_passed_on: best.filter(|b| *b >= 80).map(|_| "2026-11-22".into()),
                answers: vec![],
            }],
        }
    }

    #[test]
    fn dates_follow_the_calendar() {
        assert_eq!(date_string(0, 0), "1970-01-01");
        assert_eq!(date_string(1_795_530_600_000, 540), "2026-11-24");
        assert_eq!(
            date_string(1_795_530_600_000 + 3_600_000, 540),
            "2026-11-25"
        );
        assert_eq!(date_string(951_782_400_000, 0), "2000-02-29");
    }

    #[test]
    fn csv_has_a_bom_and_round_trips() {
        let file = sample("山田 花子", "2026-11-24", Some(90));
        let csv = to_csv(&file);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("\"ハラスメント防止, 基礎\"\"編\"\"\""));
        let back = parse_results(&csv).unwrap();
        assert_eq!(back, file);
        assert_eq!(back.learner, "山田 花子");
        let json = serde_json::to_string(&file).unwrap();
        assert_eq!(parse_results(&json).unwrap(), file);
        assert!(parse_results("{\"format\":\"other\"}").is_err());
        assert!(parse_results("a,b\n1,2").is_err());
    }

    #[test]
    fn csv_cells_never_reach_excel_as_formulas() {
        for name in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "'=1",
        ] {
            let mut file = sample(name, "2026-11-24", Some(90));
            file.rows[0].course = "=cmd|' /C calc'!A0".into();
            file.staff_number = Some(name.into());
            file.department = Some(format!("-{name}"));
            let csv = to_csv(&file);
            let data = csv.lines().nth(1).expect("a data row");
            for cell in data.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(
                    !cell.starts_with(FORMULA_TRIGGERS),
                    "live formula in {data:?}"
                );
            }
            // The text itself is kept: reading the file back gives it whole.
            let back = parse_results(&csv).expect("reads back");
            assert_eq!(back, file);
        }
    }

    #[test]
    fn version_1_files_still_read() {
        let json = r#"{"format":"kenshu-results","version":1,"learner":"山田 花子",
            "exported_on":"2026-11-24","rows":[{"course_id":"hp","course":"ハラスメント防止",
            "best":90,"passed_on":"2026-11-20","attempts":2}]}"#;
        let file = parse_results(json).expect("version-1 JSON reads");
        assert_eq!(
            (
                file.version,
                file.staff_number.as_deref(),
                file.department.as_deref()
            ),
            (1, None, None)
        );
        let row = &file.rows[0];
        assert_eq!(
            (row.best, row.passed_on.as_deref()),
            (Some(90), Some("2026-11-20"))
        );
        assert!(row.last_passed_on.is_none() && row.answers.is_empty());
        let csv = "\u{feff}氏名,コースID,コース,最高点,合格日,受講回数\r\n\
                   山田 花子,hp,ハラスメント防止,90,2026-11-20,2\r\n\
                   山田 花子,ds,デジタル,,,0\r\n";
        let file = parse_results(csv).expect("version-1 CSV reads");
        assert_eq!((file.version, file.learner.as_str()), (1, "山田 花子"));
        assert_eq!((file.staff_number, file.exported_on.as_str()), (None, ""));
        assert_eq!(file.rows.len(), 2);
        assert_eq!(file.rows[0].passed_on.as_deref(), Some("2026-11-20"));
        assert_eq!((file.rows[1].best, file.rows[1].attempts), (None, 0));
    }

    #[test]
    fn the_file_holds_identity_passes_and_the_latest_answers() {
        use crate::attempt::Attempt;
        let course = crate::parse::parse_course(crate::progress::tests::COURSE, false)
            .course
            .expect("valid");
        let mut p = Progress::new();
        p.set_identity("山田 花子", "012345", "福祉総務課", 1);
        // Two attempts on different days: all right, then half right.
        for (start, wrong_on_q2) in [(1_795_530_600_000u64, false), (1_795_617_000_000, true)] {
            let mut a = Attempt::start(&course, 3, start);
            for i in 0..2 {
                let q = course.question(&a.items[i].question).unwrap();
                let right = q.correct()[0];
                let wrong = q.id == "q2" && wrong_on_q2;
                a.answer(
                    i,
                    vec![if wrong { 1 - right } else { right }],
                    start + 1_000,
                );
            }
            p.save_attempt(&course, a);
        }
        let file = results_file(&p, std::slice::from_ref(&course), 1_795_700_000_000, 540);
        assert_eq!(file.version, 2);
        assert_eq!(file.staff_number.as_deref(), Some("012345"));
        assert_eq!(file.department.as_deref(), Some("福祉総務課"));
        let row = &file.rows[0];
        assert_eq!(row.passed_on.as_deref(), Some("2026-11-24"));
        // Pass mark 50: the half-right attempt passed too, a day later.
        assert_eq!(row.last_passed_on.as_deref(), Some("2026-11-25"));
        let mut got: Vec<(&str, Outcome, &[usize])> = row
            .answers
            .iter()
            .map(|a| (a.question.as_str(), a.outcome, a.marks.as_slice()))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("q1", Outcome::Right, &[0][..]),
                ("q2", Outcome::Wrong, &[0][..])
            ]
        );
        let json = serde_json::to_string(&file).unwrap();
        assert!(json.contains(r#""outcome":"wrong""#));
        assert_eq!(parse_results(&json).unwrap(), file);
    }

    #[test]
    fn a_finished_retry_is_practice_in_the_results_file() {
        use crate::attempt::Attempt;
        let course = crate::parse::parse_course(crate::progress::tests::COURSE, false)
            .course
            .expect("valid");
        let answer_all = |a: &mut Attempt, right: bool, at: u64| {
            for i in 0..a.items.len() {
                let q = course.question(&a.items[i].question).unwrap();
                let key = q.correct()[0];
                a.answer(i, vec![if right { key } else { 1 - key }], at);
            }
        };
        let mut p = Progress::new();
        let mut full = Attempt::start(&course, 3, 1_795_530_600_000);
        answer_all(&mut full, false, 1_795_530_700_000);
        let missed = full.missed(&course);
        p.save_attempt(&course, full);
        // Every question of the course missed: the retry asks as many
        // questions as a full attempt, and is still practice.
        let mut retry = Attempt::retry(&course, &missed, 4, 1_795_530_800_000);
        assert_eq!(retry.items.len(), course.attempt_len());
        answer_all(&mut retry, true, 1_795_530_900_000);
        assert!(retry.score(&course).passed && !retry.completes(&course));
        p.save_attempt(&course, retry);
        let record = p.course("c").expect("record");
        assert_eq!((record.history.len(), record.practice_count()), (2, 1));
        assert!(!record.passed());
        let file = results_file(&p, std::slice::from_ref(&course), 1_795_700_000_000, 540);
        let row = &file.rows[0];
        assert_eq!((row.best, row.passed_on.as_deref()), (Some(0), None));
        assert_eq!((row.attempts, row.last_passed_on.as_deref()), (1, None));
        assert!(
            row.answers.is_empty(),
            "a retry's answers skew item statistics"
        );
    }

    #[test]
    fn a_bad_csv_row_names_its_line() {
        let csv = "氏名,コースID,コース,最高点,合格日,受講回数\r\n\"a\nb\",c,d,90,,1\r\nx,y\r\n";
        assert_eq!(
            parse_results(csv),
            Err("line 4: expected 6 fields, found 2".into())
        );
        let csv = format!("{}\r\na,b,c,d,e,90,,1,,\r\nx,y\r\n", CSV_HEADER.join(","));
        assert_eq!(
            parse_results(&csv),
            Err("line 3: expected 10 fields, found 2".into())
        );
    }

    proptest::proptest! {
        /// Whatever the writer writes, the reader reads back unchanged:
        /// quotes, commas, line breaks and formula-like text included.
        #[test]
        fn csv_write_then_read_round_trips(
            learner in "[\\PC\t\r\n,\"'=+@-]{0,12}",
            staff_number in proptest::option::of("[\\PC\t\r\n,\"'=+@-]{1,8}"),
            department in proptest::option::of("[\\PC\t\r\n,\"'=+@-]{1,12}"),
            exported_on in "(20[0-9]{2}-[01][0-9]-[0-3][0-9])?",
            rows in proptest::collection::vec(
                (
                    "[a-z0-9=+@'-]{0,8}",
                    "[\\PC\t\r\n,\"'=+@-]{0,12}",
                    proptest::option::of(0u8..=100),
                    proptest::option::of("20[0-9]{2}-[01][0-9]-[0-3][0-9]"),
                    0usize..1000,
                    proptest::option::of("20[0-9]{2}-[01][0-9]-[0-3][0-9]"),
                ),
                1..5,
            ),
        ) {
            let file = ResultsFile {
                format: FORMAT.into(),
                version: RESULTS_VERSION,
                learner,
                staff_number,
                department,
                exported_on,
                rows: rows
                    .into_iter()
                    .map(|(course_id, course, best, passed_on, attempts, last_passed_on)| ResultRow {
                        course_id,
                        course,
                        best,
                        passed_on,
                        attempts,
                        last_passed_on,
                        answers: vec![],
                    })
                    .collect(),
            };
            proptest::prop_assert_eq!(parse_results(&to_csv(&file)), Ok(file.clone()));
            // The answers are JSON only: the CSV leaves them out, the JSON keeps them.
            let mut with_answers = file.clone();
            if let Some(row) = with_answers.rows.first_mut() {
                row.answers = vec![AnswerRecord {
                    question: "q1".into(),
                    outcome: Outcome::PartlyRight,
                    marks: vec![0, 2],
                }];
            }
            proptest::prop_assert_eq!(parse_results(&to_csv(&with_answers)), Ok(file));
            let json = serde_json::to_string(&with_answers).expect("serialises");
            proptest::prop_assert_eq!(parse_results(&json), Ok(with_answers));
        }
    }

    #[test]
    fn combining_keeps_each_learners_newest_file() {
        let rows = combine(&[
            sample("佐藤", "2026-11-01", Some(60)),
            sample("山田", "2026-11-02", None),
            sample("佐藤", "2026-11-20", Some(90)),
        ]);
        let got: Vec<(&str, Option<u8>)> =
            rows.iter().map(|r| (r.learner.as_str(), r.best)).collect();
        assert_eq!(got, [("佐藤", Some(90)), ("山田", None)]);
    }
}
