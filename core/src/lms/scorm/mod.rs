//! SCORM 1.2: what the app reports to an LMS (status, score, time, suspend
//! data), one job a module: which attempts count and what status and score
//! they give ([`status`]), the course's record as `cmi.suspend_data`
//! ([`suspend_data`]), and the data model's other values: the session time,
//! the learner's name and the launch URL's course ([`cmi`]). The items are
//! re-exported here.
//!
//! An LMS launches one course as a SCO (`index.html?course=<id>`, see
//! [`course_param`]). The app reads the learner's name ([`learner_name`])
//! and the data it left last time (`cmi.suspend_data`, [`decode`]), and
//! after every change of that course's progress it sets the values of
//! [`Lesson::values`] and the new suspend data ([`encode`]); when the page
//! goes it adds `cmi.core.session_time` ([`timespan`]) and `cmi.core.exit`
//! ([`exit`]). Everything here is a plain function of plain values.

pub mod cmi;
pub mod status;
pub mod suspend_data;

pub use cmi::{course_param, learner_name, timespan};
pub use status::{Lesson, LessonStatus, answered, claim, exit, for_learner, lesson, starts};
pub use suspend_data::{DecodeError, KEPT_WHOLE, SUSPEND_DATA_MAX, decode, encode};

/// What the tests of these modules share: a course's index, finished
/// attempts and attempts on it.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::attempt::{Attempt, Item};
    use crate::model::CourseSummary;
    use crate::progress::Finished;
    use crate::text::Text;

    pub fn summary(
        pool: usize,
        choices: impl Fn(usize) -> usize,
        attempt_len: usize,
    ) -> CourseSummary {
        CourseSummary {
            id: "c".into(),
            title: "t".into(),
            description: Text::plain("d"),
            pass_mark: 80,
            pass_valid_days: None,
            attempt_len,
            question_ids: (0..pool)
                .map(|i| format!("course-question-{i:04}"))
                .collect(),
            choice_counts: (0..pool).map(choices).collect(),
        }
    }

    pub fn finished(started_ms: u64, percent: u8, asked: u16) -> Finished {
        Finished {
            started_ms,
            at_ms: started_ms + 60_000,
            percent,
            passed: percent >= 80,
            duration_ms: 60_000,
            asked,
            full: None,
        }
    }

    pub fn attempt(
        course: &CourseSummary,
        picks: &[usize],
        answered: usize,
        started: u64,
    ) -> Attempt {
        Attempt {
            course: course.id.clone(),
            mode: crate::attempt::Mode::Full,
            items: picks
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let n = course.choice_counts[i];
                    Item {
                        question: course.question_ids[i].clone(),
                        order: (0..n).rev().collect(),
                        answer: (k < answered).then(|| vec![0, n - 1]),
                        version: None,
                    }
                })
                .collect(),
            started_ms: started,
            finished_ms: None,
        }
    }
}
