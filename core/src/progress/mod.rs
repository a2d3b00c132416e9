//! What the learner has done, as one plain value that the storage module
//! saves as JSON: attempts in progress, finished attempts, review cards, and
//! the learner's name. The stored form is versioned ([`VERSION`]);
//! [`migrate()`] brings every earlier version up to date, [`merge()`]
//! combines two records (two tabs, or an imported file) without losing an
//! answer, and [`fit()`] checks a record against this release's courses.
//!
//! Schema, version 2 (JSON):
//!
//! ```json
//! {
//!   "version": 2,
//!   "learner": { "name": "山田 花子", "at_ms": 1795530600000 },
//!   "courses": {
//!     "digital-skills": {
//!       "active": { "course": "digital-skills", "items": [ … ], "started_ms": 0, "finished_ms": null },
//!       "last": { … the latest finished attempt … },
//!       "history": [ { "started_ms": 0, "at_ms": 0, "percent": 80, "passed": true,
//!                      "duration_ms": 0, "asked": 10 } ]
//!     }
//!   },
//!   "review": null,
//!   "cards": { "ds-phishing-1": { "b": 2, "d": 20416, "n": 1, "w": 0, "t": 0 } }
//! }
//! ```
//!
//! Version 1 had no `cards`, `review`, `learner`, nor `started_ms` in history.
//! `reset_ms` and `restored_ms` (optional: when the learner last erased
//! everything, and last imported a file) were added within version 2:
//! older version-2 data simply has neither.

pub mod fit;
pub mod merge;
pub mod migrate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::attempt::{Attempt, Outcome};
use crate::model::Course;
use crate::schedule::Card;

pub use fit::{CourseShape, Courses, Misfit, Repair, fit};
pub use merge::{Summary, merge, summarize};
pub use migrate::{MIN_VERSION, MigrateError, migrate};

/// The schema version this build writes.
pub const VERSION: u32 = 2;

/// Everything stored about one learner in one browser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Schema version of the stored value.
    pub version: u32,
    /// The learner's name for certificates, with when it was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner: Option<Learner>,
    /// Per course id.
    #[serde(default)]
    pub courses: BTreeMap<String, CourseProgress>,
    /// The review session in progress, across courses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Attempt>,
    /// Review state per question id.
    #[serde(default)]
    pub cards: BTreeMap<String, Card>,
    /// When the learner last erased everything (ms since the Unix epoch;
    /// 0 = never). Merging drops whatever is older, so a tab that was open
    /// during the reset cannot bring the erased record back.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub reset_ms: u64,
    /// When the learner last imported a file (0 = never). An import after
    /// an erase restores what it brings: the erase no longer filters.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub restored_ms: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}

/// Who the learner is, asked once and kept locally: the name for
/// certificates, and the staff number and department that let the
/// trainer join a results file to the personnel roster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Learner {
    /// As the learner typed it (trimmed; may be empty when only the staff
    /// number was given).
    pub name: String,
    /// 職員番号 ([`crate::staff_number::normalize`]d when set; a record kept
    /// from before may hold it as typed). Records from before it existed have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_number: Option<String>,
    /// 所属, as typed (trimmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// When it was set; the later one wins when records merge.
    pub at_ms: u64,
}

/// One course's record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CourseProgress {
    /// The attempt in progress, saved after every answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<Attempt>,
    /// The latest finished attempt, for its results page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Attempt>,
    /// Every finished attempt, oldest first.
    #[serde(default)]
    pub history: Vec<Finished>,
}

/// A finished attempt, summarised. `(started_ms, at_ms)` identifies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finished {
    /// When it started, ms since the Unix epoch.
    pub started_ms: u64,
    /// When it finished.
    pub at_ms: u64,
    /// Score in percent.
    pub percent: u8,
    /// Whether it reached the pass mark.
    pub passed: bool,
    /// Time from start to finish.
    pub duration_ms: u64,
    /// Questions asked.
    pub asked: u16,
    /// Whether it was a full attempt ([`Attempt::is_full_of`]), the only
    /// kind that completes a course; `Some(false)`: practice (a retry of
    /// the missed questions). `None`: recorded by an earlier release, which
    /// did not tell them apart; [`fit()`] decides it from the course's draw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full: Option<bool>,
}

impl Finished {
    /// True unless it is known to be practice. An entry [`fit()`] has not
    /// decided yet (its course not loaded) counts as it did before.
    pub fn is_full(&self) -> bool {
        self.full != Some(false)
    }

    /// True when this attempt completes the course: full and at or above
    /// the pass mark. The one rule every output follows.
    pub fn completes(&self) -> bool {
        self.passed && self.is_full()
    }
}

/// What opening a course's attempt screen shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Opening {
    /// The attempt in progress, to go on with.
    Continue(Attempt),
    /// The latest results: every question of the attempt is answered (it
    /// was finished, perhaps in another tab or just before a reload).
    Results,
    /// Nothing to continue and nothing to show: a new attempt starts.
    Start,
}

impl Progress {
    /// An empty record at the current version.
    pub fn new() -> Progress {
        Progress {
            version: VERSION,
            learner: None,
            courses: BTreeMap::new(),
            review: None,
            cards: BTreeMap::new(),
            reset_ms: 0,
            restored_ms: 0,
        }
    }

    /// An empty record that also erases, on merge, everything older than
    /// `now_ms` (the learner confirmed a reset).
    pub fn erased(now_ms: u64) -> Progress {
        Progress {
            reset_ms: now_ms,
            ..Progress::new()
        }
    }

    /// The record for a course, if any.
    pub fn course(&self, id: &str) -> Option<&CourseProgress> {
        self.courses.get(id)
    }

    /// Stores the attempt in progress (after every answer); a finished
    /// attempt moves to `last` and into the history.
    pub fn save_attempt(&mut self, course: &Course, attempt: Attempt) {
        let record = self.courses.entry(course.id.clone()).or_default();
        let Some(finished) = attempt.finished_ms else {
            record.active = Some(attempt);
            return;
        };
        let score = attempt.score(course);
        let entry = Finished {
            started_ms: attempt.started_ms,
            at_ms: finished,
            percent: score.percent,
            passed: score.passed,
            duration_ms: finished.saturating_sub(attempt.started_ms),
            asked: u16::try_from(attempt.items.len()).unwrap_or(u16::MAX),
            full: Some(attempt.is_full_of(course)),
        };
        if !record
            .history
            .iter()
            .any(|f| (f.started_ms, f.at_ms) == (entry.started_ms, entry.at_ms))
        {
            record.history.push(entry);
            record.history.sort();
        }
        record.active = None;
        record.last = Some(attempt);
    }

    /// Begins `drawn`, a new attempt of `course`, unless an attempt of the
    /// same mode is already in progress with nothing answered yet: then
    /// that one goes on and `drawn` is dropped. So a double click on
    /// 「始める」 (or a second tab's start) begins one attempt, not two.
    /// Returns the attempt to show and whether it is new (to report).
    pub fn begin_attempt(&mut self, course: &Course, drawn: Attempt) -> (Attempt, bool) {
        let unanswered = self
            .courses
            .get(&course.id)
            .and_then(|r| r.active.as_ref())
            .filter(|a| a.mode == drawn.mode && a.items.iter().all(|i| i.answer.is_none()));
        if let Some(active) = unanswered {
            return (active.clone(), false);
        }
        self.save_attempt(course, drawn.clone());
        (drawn, true)
    }

    /// Decides what the attempt screen of `course` opens. An attempt in
    /// progress whose questions are all answered is filed as finished
    /// first, so its results are never lost behind a stale "continue".
    pub fn open_attempt(&mut self, course: &Course, now_ms: u64) -> Opening {
        let record = self.courses.get(&course.id);
        match record.and_then(|r| r.active.clone()) {
            Some(active) if active.current().is_some() => Opening::Continue(active),
            Some(mut done) => {
                done.finished_ms = done.finished_ms.or(Some(now_ms));
                self.save_attempt(course, done);
                Opening::Results
            }
            None if record.is_some_and(|r| r.last.is_some()) => Opening::Results,
            None => Opening::Start,
        }
    }

    /// Takes in a progress file the learner imported: merged with this
    /// record, never replacing it. An import restores what it brings even
    /// after an erase (the erase no longer filters what the file holds),
    /// while what the erase removed from this browser stays removed.
    pub fn import(&self, imported: &Progress, now_ms: u64) -> Progress {
        let mut after = merge(self, imported);
        after.restored_ms = now_ms.max(after.reset_ms.saturating_add(1));
        merge(&after, imported)
    }

    /// Records one answer on the question's review card.
    pub fn record_answer(
        &mut self,
        course: &Course,
        question: &str,
        marks: &[usize],
        today: i64,
        now_ms: u64,
    ) {
        let Some(q) = course.question(question) else {
            return;
        };
        let right = Outcome::of(q, marks).is_right();
        let card = match self.cards.get(question) {
            Some(card) => card.answered(right, today, now_ms),
            None => Card::first(right, today, now_ms),
        };
        self.cards.insert(question.to_owned(), card);
    }

    /// Which of these question ids are due for review on `today`, most
    /// overdue first.
    pub fn due<'a>(
        &self,
        question_ids: impl IntoIterator<Item = &'a String>,
        today: i64,
    ) -> Vec<String> {
        let mut due: Vec<(i64, String)> = question_ids
            .into_iter()
            .filter_map(|id| {
                let card = self.cards.get(id)?;
                card.is_due(today).then(|| (card.due_day, id.clone()))
            })
            .collect();
        due.sort();
        due.into_iter().map(|(_, id)| id).collect()
    }

    /// How many of these questions (a course's pool) the learner currently
    /// knows (latest answer right), and how many there are.
    pub fn mastery(&self, question_ids: &[String]) -> (usize, usize) {
        let known = question_ids
            .iter()
            .filter(|id| self.cards.get(*id).is_some_and(Card::is_known))
            .count();
        (known, question_ids.len())
    }

    /// Sets the learner's name (trimmed), keeping the staff number and
    /// department; with all three empty the learner is cleared.
    pub fn set_name(&mut self, name: &str, now_ms: u64) {
        let (staff_number, department) = match &self.learner {
            Some(l) => (l.staff_number.clone(), l.department.clone()),
            None => (None, None),
        };
        self.set_identity(
            name,
            staff_number.as_deref().unwrap_or_default(),
            department.as_deref().unwrap_or_default(),
            now_ms,
        );
    }

    /// Sets name, staff number (職員番号, normalised by
    /// [`crate::staff_number::normalize`]) and department (所属), each
    /// trimmed; an empty staff number or department is `None`, and with
    /// all three empty the learner is cleared.
    pub fn set_identity(&mut self, name: &str, staff_number: &str, department: &str, now_ms: u64) {
        let given = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        let staff_number = crate::staff_number::normalize(staff_number);
        let (name, staff_number, department) =
            (name.trim(), given(&staff_number), given(department));
        self.learner =
            (!name.is_empty() || staff_number.is_some() || department.is_some()).then(|| Learner {
                name: name.to_owned(),
                staff_number,
                department,
                at_ms: now_ms,
            });
    }
}

/// Whether the learner's pass of a course holds on a given day. Days are
/// day numbers in the learner's time zone ([`crate::schedule::day_of`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassState {
    /// No finished attempt passed.
    NotPassed,
    /// Passed, and the pass holds: forever (`until_day: None`) or through
    /// `until_day`.
    Valid {
        /// The day of the latest pass.
        passed_day: i64,
        /// The last day it is valid, for a course with `pass_valid_days`.
        until_day: Option<i64>,
    },
    /// Passed, but the pass ran out after `until_day`: take it again.
    Expired {
        /// The day of the latest pass.
        passed_day: i64,
        /// The last day it was valid.
        until_day: i64,
    },
}

impl PassState {
    /// True while a pass holds.
    pub fn is_valid(self) -> bool {
        matches!(self, PassState::Valid { .. })
    }
}

impl CourseProgress {
    /// Whether the pass holds on `today`: the latest completing attempt
    /// ([`Finished::completes`]), valid through the same date `valid_days`
    /// later (a course's `pass_valid_days`; `None`: forever). Passing again
    /// renews it; practice never does.
    pub fn pass_state(
        &self,
        valid_days: Option<u32>,
        today: i64,
        utc_offset_minutes: i64,
    ) -> PassState {
        let Some(latest) = self.latest_pass() else {
            return PassState::NotPassed;
        };
        let passed_day = crate::schedule::day_of(latest.at_ms, utc_offset_minutes);
        match valid_days {
            None => PassState::Valid {
                passed_day,
                until_day: None,
            },
            Some(days) => {
                let until_day = passed_day.saturating_add(i64::from(days));
                if today <= until_day {
                    PassState::Valid {
                        passed_day,
                        until_day: Some(until_day),
                    }
                } else {
                    PassState::Expired {
                        passed_day,
                        until_day,
                    }
                }
            }
        }
    }

    /// The full attempts, oldest first: what scores and completion count.
    pub fn full_attempts(&self) -> impl Iterator<Item = &Finished> {
        self.history.iter().filter(|f| f.is_full())
    }

    /// How many practice attempts (retries of the missed questions).
    pub fn practice_count(&self) -> usize {
        self.history.iter().filter(|f| !f.is_full()).count()
    }

    /// The best score of a full attempt, in percent.
    pub fn best(&self) -> Option<u8> {
        self.full_attempts().map(|f| f.percent).max()
    }

    /// The first attempt that completed the course, if any.
    pub fn first_pass(&self) -> Option<&Finished> {
        self.history.iter().find(|f| f.completes())
    }

    /// The latest attempt that completed the course: the one a pass's
    /// validity and the certificate count from.
    pub fn latest_pass(&self) -> Option<&Finished> {
        self.history
            .iter()
            .filter(|f| f.completes())
            .max_by_key(|f| f.at_ms)
    }

    /// True once a full attempt reached the pass mark.
    pub fn passed(&self) -> bool {
        self.first_pass().is_some()
    }

    /// The latest finished attempt, full or practice.
    pub fn latest(&self) -> Option<&Finished> {
        self.history.iter().max_by_key(|f| f.at_ms)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::parse::parse_course;

    pub(crate) const COURSE: &str = r#"
id = "c"
title = "t"
description = "d"
policy = "p"
pass_mark = 50
draw = "all"
[[question]]
id = "q1"
kind = "truefalse"
prompt = "p"
answer = true
explanation = "e"
sources = ["s"]
[[question]]
id = "q2"
kind = "truefalse"
prompt = "p2"
answer = false
explanation = "e"
sources = ["s"]
"#;

    fn course() -> Course {
        parse_course(COURSE, false).course.expect("valid")
    }

    #[test]
    fn finishing_moves_the_attempt_into_history_once() {
        let course = course();
        let mut p = Progress::new();
        let mut a = Attempt::start(&course, 1, 1_000);
        p.save_attempt(&course, a.clone());
        assert!(p.course("c").and_then(|c| c.active.as_ref()).is_some());
        a.answer(0, vec![a.items[0].order[0]], 2_000);
        a.answer(1, vec![0], 4_000);
        p.save_attempt(&course, a.clone());
        p.save_attempt(&course, a);
        let c = p.course("c").expect("record");
        assert!(c.active.is_none());
        assert_eq!(c.history.len(), 1);
        assert_eq!(c.history[0].duration_ms, 3_000);
        let json = serde_json::to_string(&p).expect("serialises");
        assert_eq!(serde_json::from_str::<Progress>(&json).expect("parses"), p);
    }

    #[test]
    fn starting_twice_begins_one_attempt() {
        let course = course();
        let mut p = Progress::new();
        let (first, new) = p.begin_attempt(&course, Attempt::start(&course, 1, 1_000));
        assert!(new);
        let (second, new) = p.begin_attempt(&course, Attempt::start(&course, 2, 1_050));
        assert!(!new, "the second click goes on with the first attempt");
        assert_eq!(second, first);
        // A retry is another attempt, and once answered a restart is too.
        let (retry, new) =
            p.begin_attempt(&course, Attempt::retry(&course, &["q1".into()], 3, 2_000));
        assert!(new && retry.mode == crate::attempt::Mode::Retry);
        let mut answered = Attempt::start(&course, 4, 3_000);
        answered.answer(0, vec![0], 3_100);
        p.save_attempt(&course, answered);
        let (restart, new) = p.begin_attempt(&course, Attempt::start(&course, 5, 4_000));
        assert!(new && restart.started_ms == 4_000);
    }

    #[test]
    fn answers_feed_review_and_mastery() {
        let course = course();
        let mut p = Progress::new();
        p.record_answer(&course, "q1", &[0], 10, 1);
        p.record_answer(&course, "q2", &[0], 10, 2);
        let ids = course.summary().question_ids;
        assert_eq!(p.mastery(&ids), (1, 2));
        assert_eq!(p.due(&ids, 10), vec!["q2"]);
        assert_eq!(p.due(&ids, 11), vec!["q2", "q1"]);
        p.record_answer(&course, "nope", &[0], 10, 3);
        assert_eq!(p.cards.len(), 2);
    }

    #[test]
    fn opening_the_attempt_screen_continues_files_or_starts() {
        let course = course();
        let mut p = Progress::new();
        assert_eq!(p.open_attempt(&course, 1), Opening::Start);
        let mut a = Attempt::start(&course, 1, 1_000);
        p.save_attempt(&course, a.clone());
        assert_eq!(p.open_attempt(&course, 2), Opening::Continue(a.clone()));
        // Every question answered, but still stored as in progress (a tab
        // closed between the last answer and its save): filed, then results.
        a.items.iter_mut().for_each(|i| i.answer = Some(vec![0]));
        p.courses.get_mut("c").expect("record").active = Some(a);
        assert_eq!(p.open_attempt(&course, 3), Opening::Results);
        let record = p.course("c").expect("record");
        assert!(record.active.is_none() && record.last.is_some());
        assert_eq!(record.history.len(), 1);
        assert_eq!(p.open_attempt(&course, 4), Opening::Results);
    }

    #[test]
    fn an_import_merges_and_restores_what_it_brings_after_an_erase() {
        let course = course();
        let mut old = Progress::new();
        old.set_name("山田", 5);
        let mut a = Attempt::start(&course, 1, 10);
        a.answer(0, vec![0], 20);
        a.answer(1, vec![0], 30);
        old.save_attempt(&course, a);
        let erased = Progress::erased(100);
        // A plain merge forgets what the erase removed…
        assert_eq!(merge(&erased, &old).courses.len(), 0);
        // …an import brings it back, and keeps the erase's time.
        let after = erased.import(&old, 200);
        assert_eq!(after.course("c").map(|c| c.history.len()), Some(1));
        assert_eq!(
            after.learner.as_ref().map(|l| l.name.as_str()),
            Some("山田")
        );
        assert_eq!((after.reset_ms, after.restored_ms), (100, 200));
        // Importing the same file twice changes nothing more.
        assert_eq!(after.import(&old, 300).courses, after.courses);
    }

    #[test]
    fn a_pass_holds_through_its_last_day_and_passing_again_renews_it() {
        let day = 86_400_000;
        let finished = |at_day: u64, passed| Finished {
            started_ms: at_day * day,
            at_ms: at_day * day + 1,
            percent: if passed { 90 } else { 10 },
            passed,
            duration_ms: 1,
            asked: 1,
            full: None,
        };
        let mut record = CourseProgress::default();
        assert_eq!(record.pass_state(Some(365), 0, 0), PassState::NotPassed);
        record.history.push(finished(100, false));
        assert_eq!(record.pass_state(Some(365), 100, 0), PassState::NotPassed);
        record.history.push(finished(101, true));
        let valid = PassState::Valid {
            passed_day: 101,
            until_day: Some(466),
        };
        assert_eq!(record.pass_state(Some(365), 466, 0), valid);
        assert_eq!(
            record.pass_state(Some(365), 467, 0),
            PassState::Expired {
                passed_day: 101,
                until_day: 466
            }
        );
        assert!(record.pass_state(None, 10_000, 0).is_valid(), "no limit");
        record.history.push(finished(500, true));
        assert!(record.pass_state(Some(365), 600, 0).is_valid(), "renewed");
        // Day numbers follow the learner's time zone.
        assert_eq!(
            record.pass_state(Some(1), 502, 540),
            PassState::Expired {
                passed_day: 500,
                until_day: 501
            }
        );
    }

    #[test]
    fn names_are_trimmed_and_empty_clears() {
        let mut p = Progress::new();
        p.set_name("  山田 花子 ", 5);
        assert_eq!(
            p.learner.as_ref().map(|l| l.name.as_str()),
            Some("山田 花子")
        );
        p.set_name("   ", 6);
        assert_eq!(p.learner, None);
    }

    #[test]
    fn identity_is_trimmed_and_the_name_alone_can_change() {
        let mut p = Progress::new();
        p.set_identity(" 山田 花子 ", " 012345 ", "\u{3000}", 5);
        let l = p.learner.clone().expect("set");
        assert_eq!(
            (
                l.name.as_str(),
                l.staff_number.as_deref(),
                l.department,
                l.at_ms
            ),
            ("山田 花子", Some("012345"), None, 5)
        );
        // A new name keeps the staff number and department.
        p.set_identity("山田 花子", "012345", "福祉総務課", 6);
        p.set_name("鈴木 花子", 7);
        let l = p.learner.clone().expect("set");
        assert_eq!(
            (
                l.name.as_str(),
                l.staff_number.as_deref(),
                l.department.as_deref()
            ),
            ("鈴木 花子", Some("012345"), Some("福祉総務課"))
        );
        // The name may be emptied while the staff number stays.
        p.set_name("", 8);
        assert_eq!(p.learner.as_ref().map(|l| l.name.as_str()), Some(""));
        p.set_identity("", " ", "", 9);
        assert_eq!(p.learner, None);
        // A record written before these fields existed still reads.
        let old: Learner =
            serde_json::from_str(r#"{"name":"山田","at_ms":1}"#).expect("old learner reads");
        assert_eq!((old.staff_number, old.department), (None, None));
        let json = serde_json::to_string(&p).expect("serialises");
        assert!(!json.contains("staff_number"));
    }
}
