//! The status and score an LMS is told (`cmi.core.lesson_status`,
//! `cmi.core.score.*`), and whose attempts they are.
//!
//! Only the learner's own attempts ([`for_learner`]): those the suspend data
//! brought and those made while the LMS launched the app ([`claim`]); the
//! rest of the browser's progress may be someone else's, or from before
//! this LMS registration, and is kept but never reported. Of these, only
//! *full* attempts count (as many questions as the course asks; a
//! retry of the missed questions is practice), and, for a course whose pass
//! expires (`pass_valid_days`), only attempts finished within that many
//! days. Among those: any pass → `passed`; otherwise an attempt in progress
//! that began after the last one finished → `incomplete`; otherwise
//! `failed`. The score is the best of them in percent (min 0, max 100).
//! Nothing is reported before an attempt starts: a SCO cannot set
//! `not attempted`, which the LMS sets itself.

use std::collections::BTreeSet;

use crate::attempt::Attempt;
use crate::model::CourseSummary;
use crate::progress::{CourseProgress, Finished};
use crate::schedule::day_of;

/// `cmi.core.lesson_status` as the app sets it. There is no `NotAttempted`:
/// the LMS sets that itself and refuses it from a SCO.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonStatus {
    /// An attempt is in progress and none passed.
    Incomplete,
    /// A counted attempt reached the pass mark.
    Passed,
    /// Counted attempts finished and none reached the pass mark.
    Failed,
}

impl LessonStatus {
    /// The SCORM 1.2 vocabulary word.
    pub fn as_str(self) -> &'static str {
        match self {
            LessonStatus::Incomplete => "incomplete",
            LessonStatus::Passed => "passed",
            LessonStatus::Failed => "failed",
        }
    }
}

/// What the app reports for its course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// `cmi.core.lesson_status`.
    pub status: LessonStatus,
    /// `cmi.core.score.raw` in percent: the best counted attempt; `None`
    /// before any counted attempt finished.
    pub score: Option<u8>,
}

impl Lesson {
    /// The data-model elements and values to set, in order.
    pub fn values(&self) -> Vec<(&'static str, String)> {
        let mut values = vec![("cmi.core.lesson_status", self.status.as_str().to_owned())];
        if let Some(score) = self.score {
            values.push(("cmi.core.score.min", "0".to_owned()));
            values.push(("cmi.core.score.max", "100".to_owned()));
            values.push(("cmi.core.score.raw", score.min(100).to_string()));
        }
        values
    }
}

/// The status and score of a course's record (see the module doc), or
/// `None` when there is nothing to report yet. `today` is the learner's day
/// number ([`day_of`]) and `utc_offset_minutes` their time zone, for a pass
/// that expires.
pub fn lesson(
    record: &CourseProgress,
    course: &CourseSummary,
    today: i64,
    utc_offset_minutes: i64,
) -> Option<Lesson> {
    let counted: Vec<&Finished> = record
        .history
        .iter()
        .filter(|f| counts(f, course, today, utc_offset_minutes))
        .collect();
    let score = counted.iter().map(|f| f.percent.min(100)).max();
    if counted.iter().any(|f| f.passed) {
        return Some(Lesson {
            status: LessonStatus::Passed,
            score,
        });
    }
    let last_end = counted.iter().map(|f| f.at_ms).max();
    let in_progress = record
        .active
        .as_ref()
        .is_some_and(|a| last_end.is_none_or(|end| a.started_ms >= end));
    let status = if in_progress {
        LessonStatus::Incomplete
    } else if score.is_some() {
        LessonStatus::Failed
    } else {
        return None;
    };
    Some(Lesson { status, score })
}

/// Whether a finished attempt counts for the LMS: a full attempt (the
/// core's one rule, [`Finished::is_full`]; suspend data does not carry it,
/// so the draw's length decides there too), within the pass's validity
/// when the course has one.
fn counts(f: &Finished, course: &CourseSummary, today: i64, utc_offset_minutes: i64) -> bool {
    let full = f.is_full() && usize::from(f.asked) >= course.attempt_len.max(1);
    let recent = course.pass_valid_days.is_none_or(|days| {
        day_of(f.at_ms, utc_offset_minutes).saturating_add(i64::from(days)) >= today
    });
    full && recent
}

/// The attempts of a course's record that the LMS's learner made: the
/// app's progress belongs to the browser, and a browser profile may have
/// been used by someone else, or by the same learner outside this LMS
/// registration. `known` holds the starts (`started_ms`, an attempt's
/// identity) of the learner's attempts; [`claim`] adds to it.
pub fn for_learner(record: &CourseProgress, known: &BTreeSet<u64>) -> CourseProgress {
    let mine = |a: &Option<Attempt>| a.clone().filter(|a| known.contains(&a.started_ms));
    CourseProgress {
        active: mine(&record.active),
        last: mine(&record.last),
        history: record
            .history
            .iter()
            .filter(|f| known.contains(&f.started_ms))
            .copied()
            .collect(),
    }
}

/// The starts of every attempt in a record (what suspend data brought in
/// is the learner's).
pub fn starts(record: &CourseProgress) -> BTreeSet<u64> {
    let attempts = record.active.iter().chain(&record.last);
    attempts
        .map(|a| a.started_ms)
        .chain(record.history.iter().map(|f| f.started_ms))
        .collect()
}

/// Adds to `known` the attempts the learner made in this session: any
/// begun since `since_ms` (the launch), and `resumed` — an attempt in
/// progress at launch that was not known, as `(started_ms, answers then)` —
/// once it moved on (a new answer, or finished).
pub fn claim(
    record: &CourseProgress,
    known: &mut BTreeSet<u64>,
    since_ms: u64,
    resumed: Option<(u64, usize)>,
) {
    if let Some(a) = &record.active {
        let moved_on =
            resumed.is_some_and(|(start, answers)| start == a.started_ms && answered(a) > answers);
        if a.started_ms >= since_ms || moved_on {
            known.insert(a.started_ms);
        }
    }
    if let Some((start, _)) = resumed {
        let finished = record.last.as_ref().is_some_and(|l| l.started_ms == start)
            || record.history.iter().any(|f| f.started_ms == start);
        if finished {
            known.insert(start);
        }
    }
    for f in &record.history {
        if f.started_ms >= since_ms {
            known.insert(f.started_ms);
        }
    }
}

/// How many questions of an attempt have an answer.
pub fn answered(attempt: &Attempt) -> usize {
    attempt.items.iter().filter(|i| i.answer.is_some()).count()
}

/// `cmi.core.exit` when the page goes: `suspend` while an attempt is in
/// progress (the next launch then resumes), otherwise `""` (a normal exit).
pub fn exit(record: &CourseProgress) -> &'static str {
    if record.active.is_some() {
        "suspend"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{attempt, finished, summary};
    use super::*;

    #[test]
    fn the_status_follows_full_attempts_and_the_pass_mark() {
        let course = summary(20, |_| 4, 10);
        let mut record = CourseProgress::default();
        assert_eq!(lesson(&record, &course, 0, 0), None, "nothing yet");
        record.active = Some(attempt(&course, &[1, 2], 0, 1_000));
        let incomplete = Lesson {
            status: LessonStatus::Incomplete,
            score: None,
        };
        assert_eq!(lesson(&record, &course, 0, 0), Some(incomplete));
        record.active = None;
        record.history.push(finished(1_000, 70, 10));
        let failed = Lesson {
            status: LessonStatus::Failed,
            score: Some(70),
        };
        assert_eq!(lesson(&record, &course, 0, 0), Some(failed));
        // Retrying the missed questions is practice: it neither passes nor
        // counts, but while it is in progress the course is incomplete.
        record.history.push(finished(100_000, 100, 3));
        assert_eq!(lesson(&record, &course, 0, 0), Some(failed));
        record.active = Some(attempt(&course, &[1], 0, 200_000));
        assert_eq!(
            lesson(&record, &course, 0, 0).map(|l| l.status),
            Some(LessonStatus::Incomplete)
        );
        record.history.push(finished(300_000, 80, 10));
        let passed = Lesson {
            status: LessonStatus::Passed,
            score: Some(80),
        };
        assert_eq!(lesson(&record, &course, 0, 0), Some(passed));
        // A pass sticks: a later failure or a new attempt does not undo it.
        record.history.push(finished(400_000, 10, 10));
        record.active = Some(attempt(&course, &[1], 0, 500_000));
        assert_eq!(lesson(&record, &course, 0, 0), Some(passed));
        assert_eq!(
            passed.values(),
            vec![
                ("cmi.core.lesson_status", "passed".to_owned()),
                ("cmi.core.score.min", "0".to_owned()),
                ("cmi.core.score.max", "100".to_owned()),
                ("cmi.core.score.raw", "80".to_owned()),
            ]
        );
        assert_eq!(incomplete.values().len(), 1, "no score before one");
        assert_eq!(exit(&record), "suspend");
        record.active = None;
        assert_eq!(exit(&record), "");
    }

    #[test]
    fn only_the_learners_attempts_are_reported() {
        let course = summary(20, |_| 4, 10);
        // In this browser: someone's pass, and an attempt left half done.
        let theirs = finished(1_000, 100, 10);
        let mut left = attempt(&course, &[1, 2, 3], 1, 2_000);
        let mut record = CourseProgress {
            active: Some(left.clone()),
            history: vec![theirs],
            ..CourseProgress::default()
        };
        // Launched at 10_000 with no suspend data: nothing is the learner's.
        let since = 10_000;
        let resumed = Some((2_000, 1));
        let mut known = BTreeSet::new();
        claim(&record, &mut known, since, resumed);
        assert!(known.is_empty());
        assert_eq!(lesson(&for_learner(&record, &known), &course, 0, 0), None);
        // Going on with the half-done attempt makes it the learner's.
        left.items[1].answer = Some(vec![0]);
        record.active = Some(left.clone());
        claim(&record, &mut known, since, resumed);
        assert_eq!(known, BTreeSet::from([2_000]));
        let mine = for_learner(&record, &known);
        assert!(mine.history.is_empty() && mine.active == record.active);
        // A new attempt of their own, finished: its score, not the other pass.
        record.active = None;
        record.history.push(finished(20_000, 70, 10));
        claim(&record, &mut known, since, resumed);
        let report = lesson(&for_learner(&record, &known), &course, 0, 0);
        assert_eq!(
            report,
            Some(Lesson {
                status: LessonStatus::Failed,
                score: Some(70)
            })
        );
        // A resumed attempt finished with its last answer counts too.
        let mut known = BTreeSet::new();
        let record = CourseProgress {
            history: vec![finished(2_000, 90, 10)],
            ..CourseProgress::default()
        };
        claim(&record, &mut known, since, resumed);
        assert_eq!(known, BTreeSet::from([2_000]));
        assert_eq!(starts(&record), known);
    }

    #[test]
    fn an_expired_pass_no_longer_counts() {
        let mut course = summary(20, |_| 4, 10);
        course.pass_valid_days = Some(365);
        let day = 86_400_000;
        let record = CourseProgress {
            history: vec![finished(100 * day, 90, 10)],
            ..CourseProgress::default()
        };
        assert_eq!(
            lesson(&record, &course, 465, 0).map(|l| l.status),
            Some(LessonStatus::Passed)
        );
        assert_eq!(lesson(&record, &course, 466, 0), None);
    }
}
