//! SCORM 1.2: what a launch lets the app record ([`Launch`], from
//! `cmi.core.lesson_mode` and `cmi.core.credit`), and how a store the LMS
//! refused is tried again ([`retry_delay_ms`], [`keeps_refusing`]). What
//! is recorded is [`super::scorm`]'s.
//!
//! | launch | status, score, suspend data, exit | session time | attempt in progress |
//! |---|---|---|---|
//! | normal, credit | set | set | reopens |
//! | normal, no-credit | not set | set | reopens |
//! | browse | not set | not set | reopens |
//! | review | not set | not set | not reopened: the course's results show |
//!
//! SCORM 1.2 defines `browse` as presenting the SCO without the intent of
//! recording the session and `review` as presenting what was recorded
//! without the intent of changing it; `credit` says whether the LMS credits
//! the learner's performance (pass or fail, and score). With no credit, a
//! status or score would read as credit; so would the suspend data later,
//! since a launch for credit reports the attempts it brings back. The app
//! keeps everything in the browser as always.

use super::scorm::{Lesson, SUSPEND_DATA_MAX};

/// `cmi.core.lesson_mode`: how the LMS presents the course this time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonMode {
    /// Taken with the intent of recording it (SCORM 1.2's default).
    Normal,
    /// Looked at without the intent of recording anything.
    Browse,
    /// Shown again after it was recorded, without the intent of changing that.
    Review,
}

/// `cmi.core.credit`: whether the LMS credits this launch's performance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Credit {
    /// Taken for credit.
    Credit,
    /// Not taken for credit.
    NoCredit,
}

/// Why a launch records none of the learner's results
/// ([`Launch::not_recorded`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotRecorded {
    /// `lesson_mode` is `browse`.
    Browse,
    /// `lesson_mode` is `review`: the app shows the learner's results.
    Review,
    /// `credit` is `no-credit` (in normal mode).
    NoCredit,
}

/// What the LMS said about this launch, read once after `LMSInitialize`;
/// it decides what the session sets (see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Launch {
    /// `cmi.core.lesson_mode`.
    pub mode: LessonMode,
    /// `cmi.core.credit`.
    pub credit: Credit,
}

impl Launch {
    /// Reads the two values as the LMS gave them. An empty or unknown mode
    /// (an LMS that does not keep the element answers `""`) is `normal`,
    /// SCORM 1.2's default; only `no-credit` is no credit (scorm-again, for
    /// one, leaves `credit` empty unless the LMS sets it).
    pub fn read(lesson_mode: &str, credit: &str) -> Launch {
        let mode = match lesson_mode.trim() {
            "browse" => LessonMode::Browse,
            "review" => LessonMode::Review,
            _ => LessonMode::Normal,
        };
        let credit = match credit.trim() {
            "no-credit" => Credit::NoCredit,
            _ => Credit::Credit,
        };
        Launch { mode, credit }
    }

    /// True when the learner's results go to the LMS: status, score,
    /// suspend data and exit (a normal launch for credit).
    pub fn records(&self) -> bool {
        self.not_recorded().is_none()
    }

    /// True when the session's time goes to the LMS (any normal launch:
    /// time spent is not credit).
    pub fn records_time(&self) -> bool {
        self.mode == LessonMode::Normal
    }

    /// True when an attempt in progress reopens at launch; in review mode
    /// the course's page (its results) opens instead.
    pub fn resumes(&self) -> bool {
        self.mode != LessonMode::Review
    }

    /// Why none of the learner's results is recorded, for the notice;
    /// `None` when they are.
    pub fn not_recorded(&self) -> Option<NotRecorded> {
        match (self.mode, self.credit) {
            (LessonMode::Browse, _) => Some(NotRecorded::Browse),
            (LessonMode::Review, _) => Some(NotRecorded::Review),
            (LessonMode::Normal, Credit::NoCredit) => Some(NotRecorded::NoCredit),
            (LessonMode::Normal, Credit::Credit) => None,
        }
    }

    /// The data-model elements and values to set after a change: the
    /// status and score ([`Lesson::values`]), then the suspend data when
    /// there is some to write (`None` when it must not be, and never over
    /// [`SUSPEND_DATA_MAX`] characters); nothing for a launch that does not
    /// record.
    pub fn values(
        &self,
        lesson: Option<Lesson>,
        suspend_data: Option<&str>,
    ) -> Vec<(&'static str, String)> {
        if !self.records() {
            return Vec::new();
        }
        let mut values: Vec<(&'static str, String)> =
            lesson.iter().flat_map(Lesson::values).collect();
        if let Some(data) = suspend_data.filter(|d| d.len() <= SUSPEND_DATA_MAX) {
            values.push(("cmi.suspend_data", data.to_owned()));
        }
        values
    }
}

/// How many times a refused store (an `LMSSetValue` or `LMSCommit` that
/// answered `"false"`) is tried again on its own, after
/// [`retry_delay_ms`].
pub const RETRIES: u32 = 3;

/// How long to wait before trying again to store what the LMS refused, by
/// the number of refused tries in a row (1 after the first); `None` when
/// nothing was refused or once [`RETRIES`] are used up: then the app tries
/// at the next change and when the page goes, and tells the learner that
/// their answers are kept in this browser ([`keeps_refusing`]). Nothing is
/// lost meanwhile: what was not stored stays in the browser's progress and
/// goes with the next try.
pub fn retry_delay_ms(failures: u32) -> Option<u32> {
    match failures {
        1 => Some(500),
        2 => Some(2_000),
        3 => Some(5_000),
        _ => None,
    }
}

/// True when the LMS refused every try so far, retries included: time to
/// tell the learner.
pub fn keeps_refusing(failures: u32) -> bool {
    failures > RETRIES
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lms::scorm::LessonStatus;

    #[test]
    fn only_a_normal_launch_for_credit_records_results() {
        let passed = Some(Lesson {
            status: LessonStatus::Passed,
            score: Some(90),
        });
        let data = "k1.abc.0-123.";
        let normal = Launch::read("normal", "credit");
        assert_eq!(
            normal,
            Launch {
                mode: LessonMode::Normal,
                credit: Credit::Credit
            }
        );
        assert!(normal.records() && normal.records_time() && normal.resumes());
        assert_eq!(normal.not_recorded(), None);
        let values = normal.values(passed, Some(data));
        assert_eq!(
            values,
            vec![
                ("cmi.core.lesson_status", "passed".to_owned()),
                ("cmi.core.score.min", "0".to_owned()),
                ("cmi.core.score.max", "100".to_owned()),
                ("cmi.core.score.raw", "90".to_owned()),
                ("cmi.suspend_data", data.to_owned()),
            ]
        );
        // An LMS that keeps neither element (""), or says something else:
        // a normal launch for credit, SCORM 1.2's default.
        assert_eq!(Launch::read("", ""), normal);
        assert_eq!(Launch::read(" normal ", "credit"), normal);
        assert_eq!(Launch::read("preview", "maybe"), normal);
        // Suspend data that must not be written, or too long: left out.
        assert_eq!(normal.values(passed, None).len(), 4);
        let long = "k".repeat(SUSPEND_DATA_MAX + 1);
        assert_eq!(normal.values(passed, Some(&long)).len(), 4);
        assert_eq!(
            normal.values(None, Some(data)),
            vec![("cmi.suspend_data", data.to_owned())]
        );

        // Browse and review: none of the results, no session time; review
        // shows the results rather than reopening an attempt.
        let browse = Launch::read("browse", "credit");
        assert_eq!(browse.not_recorded(), Some(NotRecorded::Browse));
        assert!(!browse.records() && !browse.records_time() && browse.resumes());
        assert!(browse.values(passed, Some(data)).is_empty());
        let review = Launch::read("review", "no-credit");
        assert_eq!(review.not_recorded(), Some(NotRecorded::Review));
        assert!(!review.records() && !review.records_time() && !review.resumes());
        assert!(review.values(passed, Some(data)).is_empty());
        // No credit: no status, score or suspend data, but the time spent.
        let practice = Launch::read("normal", "no-credit");
        assert_eq!(practice.credit, Credit::NoCredit);
        assert_eq!(practice.not_recorded(), Some(NotRecorded::NoCredit));
        assert!(!practice.records() && practice.records_time() && practice.resumes());
        assert!(practice.values(passed, Some(data)).is_empty());
    }

    #[test]
    fn a_refused_store_is_tried_again_a_few_times_then_at_each_change() {
        let delays: Vec<Option<u32>> = (0..6).map(retry_delay_ms).collect();
        assert_eq!(
            delays,
            [None, Some(500), Some(2_000), Some(5_000), None, None]
        );
        let told: Vec<bool> = (0..6).map(keeps_refusing).collect();
        assert_eq!(told, [false, false, false, false, true, true]);
        // Every retry comes before the learner is told, each after a
        // longer wait.
        assert!((1..=RETRIES).all(|n| retry_delay_ms(n).is_some() && !keeps_refusing(n)));
        let waits: Vec<u32> = (1..=RETRIES).filter_map(retry_delay_ms).collect();
        assert!(waits.windows(2).all(|w| w[0] < w[1]), "{waits:?}");
    }
}
