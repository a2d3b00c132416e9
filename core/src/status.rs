//! 受講状況: the roster joined with the learners' results files, per
//! department and course: who completed, who has not, whose pass has
//! expired or expires soon.
//!
//! Joining. A results file joins the roster by staff number (compared by
//! [`staff_key`]). Its name must then be the roster's name for that number
//! (compared by [`name_key`]); if it is not, the file is listed in
//! [`Completion::mismatches`] and counts for nobody: a typo in a staff
//! number must never credit a colleague. A file without a staff number
//! (version 1, or a learner who left it empty) joins by name only when
//! exactly one roster entry has that name, and the person's rows say
//! [`PersonStatus::matched_by_name`]. Every other file is in
//! [`Completion::unmatched`] with the reason.
//!
//! Several files of one person. A file is a snapshot of one browser, so a
//! later file holds the earlier one's attempts: per course the attempt
//! count comes from the row of the latest file (`exported_on`, then the
//! higher count, since a CSV of version 1 has no date). Passes and scores
//! are never lost to a stale or partial file: the best score is the
//! highest of all rows, the first pass the earliest, and the pass that
//! counts for validity the latest (a row's `last_passed_on`, else its
//! `passed_on`).
//!
//! Validity. A course with `valid_days` must be renewed: a pass on day
//! `d` is valid through `d + valid_days` (inclusive), then expired; it
//! "expires soon" when that last day is at most `soon_days` after today.
//! Expiring soon still counts as completed.

use std::collections::{BTreeMap, HashMap};

use crate::csv;
use crate::date::Date;
use crate::diagnostic::Lang;
use crate::report::ResultsFile;
use crate::roster::{RosterEntry, name_key, staff_key};

/// What the status table needs of a course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseRule {
    /// The course's id, as in results files.
    pub id: String,
    /// Its title, for the table.
    pub title: String,
    /// Days a pass stays valid; `None` for a pass that never expires.
    pub valid_days: Option<u32>,
}

/// One person's standing in one course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Passed, and the pass is valid beyond the "soon" window.
    Completed {
        /// The pass that counts: the latest.
        passed_on: Date,
        /// Its last valid day; `None` when the course has no expiry.
        valid_until: Option<Date>,
    },
    /// Passed, valid today, but its last valid day is within `soon_days`.
    ExpiringSoon {
        /// The pass that counts: the latest.
        passed_on: Date,
        /// Its last valid day.
        valid_until: Date,
    },
    /// Passed once, but no pass is valid today.
    Expired {
        /// The latest pass.
        passed_on: Date,
        /// Its last valid day, before today.
        valid_until: Date,
    },
    /// Taken, never passed.
    NotPassed {
        /// The best score in percent.
        best: Option<u8>,
    },
    /// No attempt in any joined file (or no file at all).
    NotTaken,
}

impl State {
    /// True for a valid pass (expiring soon included).
    pub fn is_completed(&self) -> bool {
        matches!(self, State::Completed { .. } | State::ExpiringSoon { .. })
    }

    /// The date of the pass that counts, if any.
    pub fn passed_on(&self) -> Option<Date> {
        match self {
            State::Completed { passed_on, .. }
            | State::ExpiringSoon { passed_on, .. }
            | State::Expired { passed_on, .. } => Some(*passed_on),
            State::NotPassed { .. } | State::NotTaken => None,
        }
    }

    /// The last valid day of that pass, if it expires.
    pub fn valid_until(&self) -> Option<Date> {
        match self {
            State::Completed { valid_until, .. } => *valid_until,
            State::ExpiringSoon { valid_until, .. } | State::Expired { valid_until, .. } => {
                Some(*valid_until)
            }
            State::NotPassed { .. } | State::NotTaken => None,
        }
    }

    /// A short label for the table.
    pub fn label(&self, lang: Lang) -> &'static str {
        let ja = lang == Lang::Ja;
        match self {
            State::Completed { .. } if ja => "修了",
            State::Completed { .. } => "completed",
            State::ExpiringSoon { .. } if ja => "期限間近",
            State::ExpiringSoon { .. } => "expires soon",
            State::Expired { .. } if ja => "期限切れ",
            State::Expired { .. } => "expired",
            State::NotPassed { .. } if ja => "未合格",
            State::NotPassed { .. } => "not passed",
            State::NotTaken if ja => "未受講",
            State::NotTaken => "not taken",
        }
    }
}

/// One roster member in one course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonStatus {
    /// 職員番号 as in the roster.
    pub staff_number: String,
    /// 氏名 as in the roster.
    pub name: String,
    /// 所属 as in the roster.
    pub department: String,
    /// Where the person stands.
    pub state: State,
    /// The earliest pass of any file.
    pub first_passed_on: Option<Date>,
    /// The best score of any file.
    pub best: Option<u8>,
    /// Finished attempts, from the latest file.
    pub attempts: usize,
    /// True when a file of this person was joined by name alone (it had no
    /// staff number): worth a look before the table is relied on.
    pub matched_by_name: bool,
}

/// Head counts of one department in one course.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Roster members.
    pub members: usize,
    /// With a valid pass (expiring soon included).
    pub completed: usize,
    /// The rest: `members - completed`.
    pub not_completed: usize,
    /// Completed, but expiring within `soon_days`.
    pub expiring_soon: usize,
}

/// One course within one department.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseStatus {
    /// The course's id.
    pub course_id: String,
    /// The course's title.
    pub title: String,
    /// The counts over `people`.
    pub counts: Counts,
    /// Every member of the department, in roster order.
    pub people: Vec<PersonStatus>,
}

/// One department.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DepartmentStatus {
    /// 所属 as in the roster (empty for members without one).
    pub department: String,
    /// One per course, in the order the courses were given.
    pub courses: Vec<CourseStatus>,
}

/// A file whose staff number is in the roster under another name: not
/// joined, so it counts for nobody until the trainer sorts it out.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mismatch {
    /// The staff number as in the roster.
    pub staff_number: String,
    /// The roster's name for it.
    pub roster_name: String,
    /// The name in the file (may be empty).
    pub file_name: String,
    /// The roster's department.
    pub department: String,
    /// The file's date (the latest, if several files say the same).
    pub exported_on: String,
}

/// Why a file joined no one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum UnmatchedReason {
    /// Its staff number is not in the roster.
    UnknownStaffNumber,
    /// No staff number, and no roster entry has its name.
    NameNotInRoster,
    /// No staff number, and several roster entries have its name.
    NameNotUnique,
    /// Neither a staff number nor a name.
    Anonymous,
}

/// A file that joined no one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unmatched {
    /// Why.
    pub reason: UnmatchedReason,
    /// The file's staff number, if it has one.
    pub staff_number: Option<String>,
    /// The file's name.
    pub learner: String,
    /// The file's department, if it has one.
    pub department: Option<String>,
    /// The file's date (the latest, if several files say the same).
    pub exported_on: String,
}

/// The whole status: per department, then what could not be joined.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// Sorted by department.
    pub departments: Vec<DepartmentStatus>,
    /// Files whose name differs from the roster's for their staff number.
    pub mismatches: Vec<Mismatch>,
    /// Files that joined no roster entry (unknown staff numbers first).
    pub unmatched: Vec<Unmatched>,
}

/// How one file joined the roster.
enum Join {
    Person { entry: usize, by_name: bool },
    Mismatch(Mismatch),
    Unmatched(Unmatched),
}

fn join(
    file: &ResultsFile,
    roster: &[RosterEntry],
    by_staff: &HashMap<String, usize>,
    by_name: &HashMap<String, Vec<usize>>,
) -> Join {
    let file_name = name_key(&file.learner);
    let staff = file
        .staff_number
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let unmatched = |reason| {
        Join::Unmatched(Unmatched {
            reason,
            staff_number: staff.map(str::to_owned),
            learner: file.learner.clone(),
            department: file.department.clone(),
            exported_on: file.exported_on.clone(),
        })
    };
    if let Some(staff) = staff {
        let Some((entry, person)) = by_staff
            .get(&staff_key(staff))
            .and_then(|&i| Some((i, roster.get(i)?)))
        else {
            return unmatched(UnmatchedReason::UnknownStaffNumber);
        };
        if name_key(&person.name) != file_name {
            return Join::Mismatch(Mismatch {
                staff_number: person.staff_number.clone(),
                roster_name: person.name.clone(),
                file_name: file.learner.clone(),
                department: person.department.clone(),
                exported_on: file.exported_on.clone(),
            });
        }
        return Join::Person {
            entry,
            by_name: false,
        };
    }
    if file_name.is_empty() {
        return unmatched(UnmatchedReason::Anonymous);
    }
    match by_name.get(&file_name).map(Vec::as_slice) {
        Some(&[entry]) => Join::Person {
            entry,
            by_name: true,
        },
        Some([_, _, ..]) => unmatched(UnmatchedReason::NameNotUnique),
        _ => unmatched(UnmatchedReason::NameNotInRoster),
    }
}

/// The status of every roster member in every course, as of `today`.
/// A roster entry repeating an earlier staff number is ignored (the
/// roster reader already reports it).
pub fn completion(
    roster: &[RosterEntry],
    results: &[ResultsFile],
    courses: &[CourseRule],
    today: Date,
    soon_days: u32,
) -> Completion {
    let mut by_staff = HashMap::new();
    for (i, e) in roster.iter().enumerate() {
        by_staff.entry(staff_key(&e.staff_number)).or_insert(i);
    }
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (&i, e) in by_staff.values().filter_map(|i| Some((i, roster.get(*i)?))) {
        by_name.entry(name_key(&e.name)).or_default().push(i);
    }
    let mut files_of: Vec<Vec<(&ResultsFile, bool)>> = vec![Vec::new(); roster.len()];
    // Keyed by everything but the date, keeping the latest date: one line
    // per distinct problem however many copies of the file were sent.
    let mut mismatches: BTreeMap<Mismatch, String> = BTreeMap::new();
    let mut unmatched: BTreeMap<Unmatched, String> = BTreeMap::new();
    for file in results {
        match join(file, roster, &by_staff, &by_name) {
            Join::Person { entry, by_name } => {
                if let Some(files) = files_of.get_mut(entry) {
                    files.push((file, by_name));
                }
            }
            Join::Mismatch(m) => keep_latest(&mut mismatches, m, |m| &mut m.exported_on),
            Join::Unmatched(u) => keep_latest(&mut unmatched, u, |u| &mut u.exported_on),
        }
    }
    let mut departments: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut entries: Vec<usize> = by_staff.into_values().collect();
    entries.sort_unstable();
    for i in entries {
        if let Some(e) = roster.get(i) {
            departments
                .entry(e.department.as_str())
                .or_default()
                .push(i);
        }
    }
    let departments = departments
        .into_iter()
        .map(|(department, members)| DepartmentStatus {
            department: department.to_owned(),
            courses: courses
                .iter()
                .map(|rule| {
                    let people: Vec<PersonStatus> = members
                        .iter()
                        .filter_map(|&i| {
                            let files = files_of.get(i)?;
                            Some(person(roster.get(i)?, files, rule, today, soon_days))
                        })
                        .collect();
                    let completed = people.iter().filter(|p| p.state.is_completed()).count();
                    CourseStatus {
                        course_id: rule.id.clone(),
                        title: rule.title.clone(),
                        counts: Counts {
                            members: people.len(),
                            completed,
                            not_completed: people.len() - completed,
                            expiring_soon: people
                                .iter()
                                .filter(|p| matches!(p.state, State::ExpiringSoon { .. }))
                                .count(),
                        },
                        people,
                    }
                })
                .collect(),
        })
        .collect();
    Completion {
        departments,
        mismatches: with_date(mismatches, |m| &mut m.exported_on),
        unmatched: with_date(unmatched, |u| &mut u.exported_on),
    }
}

/// Inserts `item` keyed without its date, keeping the latest date as the
/// value ([`with_date`] puts it back).
fn keep_latest<T: Ord>(
    map: &mut BTreeMap<T, String>,
    mut item: T,
    date: fn(&mut T) -> &mut String,
) {
    let on = std::mem::take(date(&mut item));
    let latest = map.entry(item).or_default();
    if on > *latest {
        *latest = on;
    }
}

fn with_date<T>(map: BTreeMap<T, String>, date: fn(&mut T) -> &mut String) -> Vec<T> {
    map.into_iter()
        .map(|(mut item, on)| {
            *date(&mut item) = on;
            item
        })
        .collect()
}

/// One member's standing in one course, from the files joined to them.
fn person(
    entry: &RosterEntry,
    files: &[(&ResultsFile, bool)],
    rule: &CourseRule,
    today: Date,
    soon_days: u32,
) -> PersonStatus {
    let mut best = None;
    let mut first_pass: Option<Date> = None;
    let mut last_pass: Option<Date> = None;
    let mut latest: Option<(&str, usize)> = None;
    for (file, _) in files {
        let Some(row) = file.rows.iter().find(|r| r.course_id == rule.id) else {
            continue;
        };
        best = best.max(row.best);
        // A date that does not parse is no evidence of a pass.
        let first = row.passed_on.as_deref().and_then(Date::parse);
        let last = row
            .last_passed_on
            .as_deref()
            .and_then(Date::parse)
            .or(first);
        first_pass = match (first_pass, first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        last_pass = last_pass.max(last);
        latest = latest.max(Some((file.exported_on.as_str(), row.attempts)));
    }
    let attempts = latest.map_or(0, |(_, n)| n);
    let state = match (last_pass, rule.valid_days) {
        (Some(passed_on), None) => State::Completed {
            passed_on,
            valid_until: None,
        },
        (Some(passed_on), Some(days)) => {
            let valid_until =
                Date::from_days_since_epoch(passed_on.days_since_epoch() + i64::from(days));
            let left = valid_until.days_after(today);
            if left < 0 {
                State::Expired {
                    passed_on,
                    valid_until,
                }
            } else if left <= i64::from(soon_days) {
                State::ExpiringSoon {
                    passed_on,
                    valid_until,
                }
            } else {
                State::Completed {
                    passed_on,
                    valid_until: Some(valid_until),
                }
            }
        }
        (None, _) if attempts > 0 || best.is_some() => State::NotPassed { best },
        (None, _) => State::NotTaken,
    };
    PersonStatus {
        staff_number: entry.staff_number.clone(),
        name: entry.name.clone(),
        department: entry.department.clone(),
        state,
        first_passed_on: first_pass,
        best,
        attempts,
        matched_by_name: files.iter().any(|(_, by_name)| *by_name),
    }
}

/// The CSV header of [`completion_csv`].
const STATUS_HEADER: [&str; 11] = [
    "所属",
    "コースID",
    "コース",
    "職員番号",
    "氏名",
    "状況",
    "合格日",
    "有効期限",
    "最高点",
    "受講回数",
    "照合",
];

/// The per-person table as CSV for Excel: UTF-8 with a BOM, a Japanese
/// header, one row per member and course, by department then course.
/// Every text cell is neutralised against formulas.
pub fn completion_csv(completion: &Completion) -> String {
    let mut out = format!("{}{}\r\n", csv::BOM, STATUS_HEADER.join(","));
    let date = |d: Option<Date>| d.map(|d| csv::text(&d.to_string())).unwrap_or_default();
    for course in completion.departments.iter().flat_map(|d| &d.courses) {
        for p in &course.people {
            csv::push_record(
                &mut out,
                &[
                    csv::text(&p.department),
                    csv::text(&course.course_id),
                    csv::text(&course.title),
                    csv::text(&p.staff_number),
                    csv::text(&p.name),
                    csv::text(p.state.label(Lang::Ja)),
                    date(p.state.passed_on()),
                    date(p.state.valid_until()),
                    p.best.map(|b| b.to_string()).unwrap_or_default(),
                    p.attempts.to_string(),
                    csv::text(if p.matched_by_name {
                        "氏名で照合"
                    } else {
                        ""
                    }),
                ],
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{FORMAT, RESULTS_VERSION, ResultRow};

    fn date(text: &str) -> Date {
        Date::parse(text).expect(text)
    }

    fn member(staff: &str, name: &str, department: &str) -> RosterEntry {
        RosterEntry {
            staff_number: staff.into(),
            name: name.into(),
            department: department.into(),
            line: 0,
        }
    }

    /// A row: course id, best, first pass, attempts, latest pass.
    type Row<'a> = (&'a str, Option<u8>, Option<&'a str>, usize, Option<&'a str>);

    fn file(name: &str, staff: Option<&str>, on: &str, rows: &[Row]) -> ResultsFile {
        ResultsFile {
            format: FORMAT.into(),
            version: RESULTS_VERSION,
            learner: name.into(),
            staff_number: staff.map(Into::into),
            department: None,
            exported_on: on.into(),
            rows: rows
                .iter()
                .map(|&(id, best, passed_on, attempts, last)| ResultRow {
                    course_id: id.into(),
                    course: id.into(),
                    best,
                    passed_on: passed_on.map(Into::into),
                    attempts,
                    last_passed_on: last.map(Into::into),
                    answers: vec![],
                })
                .collect(),
        }
    }

    fn rule(id: &str, valid_days: Option<u32>) -> CourseRule {
        CourseRule {
            id: id.into(),
            title: format!("{id} の研修"),
            valid_days,
        }
    }

    fn roster() -> Vec<RosterEntry> {
        vec![
            member("001", "山田 花子", "福祉総務課"),
            member("002", "佐藤 太郎", "障害福祉課"),
            member("003", "鈴木 一郎", "福祉総務課"),
            member("004", "鈴木 一郎", "生活支援課"),
        ]
    }

    /// The state of `staff` in the first course.
    fn state_of(c: &Completion, staff: &str) -> PersonStatus {
        c.departments
            .iter()
            .flat_map(|d| d.courses.first())
            .flat_map(|c| &c.people)
            .find(|p| p.staff_number == staff)
            .cloned()
            .expect(staff)
    }

    #[test]
    fn several_files_of_one_person_merge() {
        let files = [
            // An older snapshot with a pass the newer one's browser lacks
            // (another PC), and a newer one with more attempts.
            file(
                "山田 花子",
                Some("001"),
                "2026-04-01",
                &[("hp", Some(85), Some("2026-03-10"), 2, None)],
            ),
            file(
                "山田　花子",
                Some("００１"),
                "2026-06-01",
                &[("hp", Some(70), None, 3, None)],
            ),
            file(
                "山田花子",
                Some("1"),
                "2026-05-01",
                &[("hp", Some(95), Some("2026-04-20"), 1, Some("2026-05-01"))],
            ),
        ];
        let c = completion(
            &roster(),
            &files,
            &[rule("hp", None)],
            date("2026-06-10"),
            30,
        );
        let p = state_of(&c, "001");
        assert_eq!(p.best, Some(95));
        assert_eq!(p.first_passed_on, Some(date("2026-03-10")));
        assert_eq!(p.attempts, 3, "from the latest file");
        assert_eq!(
            p.state,
            State::Completed {
                passed_on: date("2026-05-01"),
                valid_until: None
            }
        );
        assert!(!p.matched_by_name);
        assert_eq!((c.mismatches.len(), c.unmatched.len()), (0, 0));
    }

    #[test]
    fn a_name_that_differs_is_flagged_and_never_counted() {
        let files = [
            file(
                "田中 次郎",
                Some("002"),
                "2026-06-01",
                &[("hp", Some(100), Some("2026-06-01"), 1, None)],
            ),
            file(
                "田中 次郎",
                Some("002"),
                "2026-06-03",
                &[("hp", Some(100), Some("2026-06-01"), 1, None)],
            ),
        ];
        let c = completion(
            &roster(),
            &files,
            &[rule("hp", None)],
            date("2026-06-10"),
            30,
        );
        assert_eq!(state_of(&c, "002").state, State::NotTaken);
        assert_eq!(
            c.mismatches,
            [Mismatch {
                staff_number: "002".into(),
                roster_name: "佐藤 太郎".into(),
                file_name: "田中 次郎".into(),
                department: "障害福祉課".into(),
                exported_on: "2026-06-03".into(),
            }]
        );
    }

    #[test]
    fn unknown_staff_numbers_and_names_are_listed_apart() {
        let passed = [("hp", Some(90), Some("2026-06-01"), 1, None)];
        let files = [
            file("新人", Some("999"), "2026-06-01", &passed),
            // No staff number: joined by a unique name, flagged as such.
            file("佐藤太郎", None, "2026-06-01", &passed),
            // Two 鈴木 一郎 in the roster: not guessed.
            file("鈴木 一郎", None, "2026-06-01", &passed),
            file("誰か", None, "2026-06-01", &passed),
            file(" ", None, "2026-06-01", &passed),
        ];
        let c = completion(
            &roster(),
            &files,
            &[rule("hp", None)],
            date("2026-06-10"),
            30,
        );
        let sato = state_of(&c, "002");
        assert!(sato.state.is_completed() && sato.matched_by_name);
        assert_eq!(state_of(&c, "003").state, State::NotTaken);
        let reasons: Vec<(UnmatchedReason, &str)> = c
            .unmatched
            .iter()
            .map(|u| (u.reason, u.learner.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (UnmatchedReason::UnknownStaffNumber, "新人"),
                (UnmatchedReason::NameNotInRoster, "誰か"),
                (UnmatchedReason::NameNotUnique, "鈴木 一郎"),
                (UnmatchedReason::Anonymous, " "),
            ]
        );
        assert_eq!(c.unmatched[0].staff_number.as_deref(), Some("999"));
    }

    #[test]
    fn validity_ends_on_the_last_valid_day_and_soon_is_inclusive() {
        // Passed 2025-12-01, valid 365 days: valid through 2026-12-01.
        let files = [file(
            "山田 花子",
            Some("001"),
            "2025-12-01",
            &[("hp", Some(90), Some("2025-12-01"), 1, Some("2025-12-01"))],
        )];
        let until = date("2026-12-01");
        let state = |today: &str, soon: u32| {
            let c = completion(
                &roster(),
                &files,
                &[rule("hp", Some(365))],
                date(today),
                soon,
            );
            state_of(&c, "001").state
        };
        let passed_on = date("2025-12-01");
        let completed = State::Completed {
            passed_on,
            valid_until: Some(until),
        };
        let soon = State::ExpiringSoon {
            passed_on,
            valid_until: until,
        };
        let expired = State::Expired {
            passed_on,
            valid_until: until,
        };
        assert_eq!(state("2026-10-31", 30), completed, "31 days left");
        assert_eq!(state("2026-11-01", 30), soon, "exactly 30 days left");
        assert_eq!(state("2026-12-01", 30), soon, "the last valid day");
        assert_eq!(state("2026-12-01", 0), soon, "soon 0: only the last day");
        assert_eq!(state("2026-11-30", 0), completed);
        assert_eq!(state("2026-12-02", 30), expired, "the day after");
        assert!(!expired.is_completed() && soon.is_completed());
    }

    #[test]
    fn departments_are_sorted_with_counts_per_course() {
        let files = [
            file(
                "山田 花子",
                Some("001"),
                "2026-06-01",
                &[
                    ("hp", Some(90), Some("2026-06-01"), 1, None),
                    ("ds", Some(40), None, 2, None),
                ],
            ),
            file(
                "鈴木 一郎",
                Some("003"),
                "2026-06-01",
                &[
                    ("hp", Some(90), Some("2026-05-21"), 1, None),
                    ("ds", None, None, 0, None),
                ],
            ),
        ];
        let courses = [rule("hp", Some(20)), rule("ds", None)];
        let c = completion(&roster(), &files, &courses, date("2026-06-10"), 30);
        let names: Vec<&str> = c
            .departments
            .iter()
            .map(|d| d.department.as_str())
            .collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        let welfare = c
            .departments
            .iter()
            .find(|d| d.department == "福祉総務課")
            .expect("department");
        let [hp, ds] = welfare.courses.as_slice() else {
            panic!("two courses");
        };
        assert_eq!(
            hp.counts,
            Counts {
                members: 2,
                completed: 2,
                not_completed: 0,
                expiring_soon: 2
            }
        );
        assert_eq!(
            ds.counts,
            Counts {
                members: 2,
                completed: 0,
                not_completed: 2,
                expiring_soon: 0
            }
        );
        let ds_states: Vec<State> = ds.people.iter().map(|p| p.state).collect();
        assert_eq!(
            ds_states,
            [State::NotPassed { best: Some(40) }, State::NotTaken]
        );
    }

    #[test]
    fn the_table_is_csv_for_excel_with_no_live_formula() {
        let roster = [member("=1+1", "@山田", "-福祉総務課")];
        let files = [file(
            "@山田",
            Some("=1+1"),
            "2026-06-01",
            &[("hp", Some(90), Some("2026-06-01"), 1, None)],
        )];
        let c = completion(
            &roster,
            &files,
            &[rule("hp", Some(365))],
            date("2026-06-10"),
            30,
        );
        let text = completion_csv(&c);
        assert!(text.starts_with("\u{feff}所属,コースID,コース,職員番号,氏名,状況,"));
        let records = csv::records(&text).rows;
        let [_, (_, row)] = records.as_slice() else {
            panic!("a header and one row: {text}");
        };
        assert_eq!(
            row,
            &[
                "'-福祉総務課",
                "hp",
                "hp の研修",
                "'=1+1",
                "'@山田",
                "修了",
                "2026-06-01",
                "2027-06-01",
                "90",
                "1",
                ""
            ]
        );
        assert!(
            row.iter()
                .all(|cell| !cell.starts_with(csv::FORMULA_TRIGGERS))
        );
    }
}
