//! The learner's results file for the trainer (CSV and JSON), and the
//! trainer's combined table of many such files. No server is involved:
//! learners send the file, the trainer opens them together.

use serde::{Deserialize, Serialize};

use crate::model::Course;
use crate::progress::Progress;

/// Marks a JSON file as a results file of this app.
pub const FORMAT: &str = "kenshu-results";

/// One learner's results across the courses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// Schema version of this file, 1.
    pub version: u32,
    /// The learner's name as set in the app (may be empty).
    pub learner: String,
    /// When the file was made, `YYYY-MM-DD`.
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
}

/// `YYYY-MM-DD` of a moment, in a time zone `offset_minutes` east of UTC.
pub fn date_string(ms: u64, offset_minutes: i64) -> String {
    let days = crate::schedule::day_of(ms, offset_minutes);
    crate::date::Date::from_days_since_epoch(days).to_string()
}

/// The learner's results over the given courses.
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
            ResultRow {
                course_id: c.id.clone(),
                course: c.title.clone(),
                best: record.and_then(|r| r.best()),
                passed_on: record
                    .and_then(|r| r.first_pass())
                    .map(|f| date_string(f.at_ms, offset_minutes)),
                attempts: record.map_or(0, |r| r.history.len()),
            }
        })
        .collect();
    ResultsFile {
        format: FORMAT.into(),
        version: 1,
        learner: progress
            .learner
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_default(),
        exported_on: date_string(now_ms, offset_minutes),
        rows,
    }
}

/// First characters that make Excel (and other spreadsheets) read a cell
/// as a formula: OWASP's "CSV injection" list.
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One text cell. A cell that a spreadsheet would run as a formula gets a
/// leading `'`, so Excel shows it as text; a cell that already starts with
/// `'` gets one too, so [`parse_results`] can always take exactly one off.
fn csv_text(text: &str) -> String {
    let neutralised = if text.starts_with(FORMULA_TRIGGERS) || text.starts_with('\'') {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    csv_quote(&neutralised)
}

/// Quotes a field when it holds a comma, a quote or a line break.
fn csv_quote(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// Takes off the `'` that [`csv_text`] put before a text cell.
fn csv_untext(field: &str) -> String {
    field.strip_prefix('\'').unwrap_or(field).to_owned()
}

/// The CSV header, which also tells a results file from any other CSV.
const CSV_HEADER: [&str; 6] = ["氏名", "コースID", "コース", "最高点", "合格日", "受講回数"];

/// The file as CSV, UTF-8 with a BOM so that Excel reads Japanese text.
/// Text cells that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) get a leading `'`;
/// the JSON form and the trainer's table keep the text as typed.
pub fn to_csv(file: &ResultsFile) -> String {
    let mut out = format!("\u{feff}{}\r\n", CSV_HEADER.join(","));
    for row in &file.rows {
        let fields = [
            csv_text(&file.learner),
            csv_text(&row.course_id),
            csv_text(&row.course),
            row.best.map(|b| b.to_string()).unwrap_or_default(),
            row.passed_on.as_deref().map(csv_text).unwrap_or_default(),
            row.attempts.to_string(),
        ];
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Splits CSV text into records of fields (RFC 4180: quoted fields may
/// hold commas, quotes and line breaks), each with its 1-based line.
/// Records with no text at all are skipped.
fn csv_records(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut record_line = 1;
    let mut chars = text.chars().peekable();
    let mut end_record = |fields: &mut Vec<String>, field: &mut String, at: usize| {
        fields.push(std::mem::take(field));
        if fields.iter().any(|f| !f.trim().is_empty()) {
            records.push((at, std::mem::take(fields)));
        }
        fields.clear();
    };
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            ('\r' | '\n', false) => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_record(&mut fields, &mut field, record_line);
                line += 1;
                record_line = line;
            }
            (c, _) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    end_record(&mut fields, &mut field, record_line);
    records
}

/// Reads a results file saved by the app, as JSON or as CSV. A problem in
/// a CSV row names its line.
pub fn parse_results(text: &str) -> Result<ResultsFile, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        let file: ResultsFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.format != FORMAT {
            return Err(format!("format is {:?}, not {FORMAT:?}", file.format));
        }
        return Ok(file);
    }
    let mut records = csv_records(text).into_iter();
    let (_, header) = records.next().ok_or("empty file")?;
    if header.get(..CSV_HEADER.len()) != Some(&CSV_HEADER.map(String::from)[..]) {
        return Err("not a results file of this app (unexpected CSV header)".into());
    }
    let mut learner = String::new();
    let mut rows = Vec::new();
    for (line, record) in records {
        let [name, course_id, course, best, passed_on, attempts] = record.as_slice() else {
            return Err(format!(
                "line {line}: expected 6 fields, found {}",
                record.len()
            ));
        };
        learner = csv_untext(name);
        rows.push(ResultRow {
            course_id: csv_untext(course_id),
            course: csv_untext(course),
            best: if best.is_empty() {
                None
            } else {
                Some(
                    best.parse()
                        .map_err(|_| format!("line {line}: score {best:?}"))?,
                )
            },
            passed_on: (!passed_on.is_empty()).then(|| csv_untext(passed_on)),
            attempts: attempts
                .parse()
                .map_err(|_| format!("line {line}: attempts {attempts:?}"))?,
        });
    }
    Ok(ResultsFile {
        format: FORMAT.into(),
        version: 1,
        learner,
        exported_on: String::new(),
        rows,
    })
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

    fn sample(name: &str, on: &str, best: Option<u8>) -> ResultsFile {
        ResultsFile {
            format: FORMAT.into(),
            version: 1,
            learner: name.into(),
            exported_on: on.into(),
            rows: vec![ResultRow {
                course_id: "hp".into(),
                course: "ハラスメント防止, 基礎\"編\"".into(),
                best,
                passed_on: best.filter(|b| *b >= 80).map(|_| "2026-11-20".into()),
                attempts: 2,
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
        assert_eq!(back.rows, file.rows);
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
            assert_eq!(back.learner, name);
            assert_eq!(back.rows, file.rows);
        }
    }

    #[test]
    fn a_bad_csv_row_names_its_line() {
        let csv = "氏名,コースID,コース,最高点,合格日,受講回数\r\n\"a\nb\",c,d,90,,1\r\nx,y\r\n";
        assert_eq!(
            parse_results(csv),
            Err("line 4: expected 6 fields, found 2".into())
        );
    }

    proptest::proptest! {
        /// Whatever the writer writes, the reader reads back unchanged:
        /// quotes, commas, line breaks and formula-like text included.
        #[test]
        fn csv_write_then_read_round_trips(
            learner in "[\\PC\t\r\n,\"'=+@-]{0,12}",
            rows in proptest::collection::vec(
                (
                    "[a-z0-9=+@'-]{0,8}",
                    "[\\PC\t\r\n,\"'=+@-]{0,12}",
                    proptest::option::of(0u8..=100),
                    proptest::option::of("20[0-9]{2}-[01][0-9]-[0-3][0-9]"),
                    0usize..1000,
                ),
                1..5,
            ),
        ) {
            let file = ResultsFile {
                format: FORMAT.into(),
                version: 1,
                learner,
                exported_on: String::new(),
                rows: rows
                    .into_iter()
                    .map(|(course_id, course, best, passed_on, attempts)| ResultRow {
                        course_id,
                        course,
                        best,
                        passed_on,
                        attempts,
                    })
                    .collect(),
            };
            proptest::prop_assert_eq!(parse_results(&to_csv(&file)), Ok(file));
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
