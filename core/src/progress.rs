//! What the learner has done, as one plain value that the storage module
//! saves as JSON: attempts in progress, the latest finished attempt per
//! course, and a compact history.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::attempt::Attempt;
use crate::model::Course;

/// The schema version this build writes.
pub const VERSION: u32 = 1;

/// Everything stored about one learner in one browser.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Schema version of the stored value.
    pub version: u32,
    /// Per course id.
    #[serde(default)]
    pub courses: BTreeMap<String, CourseProgress>,
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

/// A finished attempt, summarised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finished {
    /// When it finished, ms since the Unix epoch.
    pub at_ms: u64,
    /// Score in percent.
    pub percent: u8,
    /// Whether it reached the pass mark.
    pub passed: bool,
    /// Time from start to finish.
    pub duration_ms: u64,
    /// Questions asked.
    pub asked: u16,
}

impl Progress {
    /// An empty record at the current version.
    pub fn new() -> Progress {
        Progress {
            version: VERSION,
            courses: BTreeMap::new(),
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
        record.history.push(Finished {
            at_ms: finished,
            percent: score.percent,
            passed: score.passed,
            duration_ms: finished.saturating_sub(attempt.started_ms),
            asked: u16::try_from(attempt.items.len()).unwrap_or(u16::MAX),
        });
        record.active = None;
        record.last = Some(attempt);
    }

    /// Drops the attempt in progress for a course (the learner starts over).
    pub fn abandon(&mut self, course_id: &str) {
        if let Some(record) = self.courses.get_mut(course_id) {
            record.active = None;
        }
    }
}

impl CourseProgress {
    /// The best finished score in percent.
    pub fn best(&self) -> Option<u8> {
        self.history.iter().map(|f| f.percent).max()
    }

    /// True once any attempt passed.
    pub fn passed(&self) -> bool {
        self.history.iter().any(|f| f.passed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_course;

    const COURSE: &str = r#"
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
"#;

    #[test]
    fn finishing_moves_the_attempt_into_history() {
        let course = parse_course(COURSE, false).course.expect("valid");
        let mut p = Progress::new();
        let mut a = Attempt::start(&course, 1, 1_000);
        p.save_attempt(&course, a.clone());
        assert!(p.course("c").and_then(|c| c.active.as_ref()).is_some());
        a.answer(0, vec![0], 4_000);
        p.save_attempt(&course, a);
        let c = p.course("c").expect("record");
        assert!(c.active.is_none());
        assert_eq!(c.best(), Some(100));
        assert!(c.passed());
        assert_eq!(c.history[0].duration_ms, 3_000);
        let json = serde_json::to_string(&p).expect("serialises");
        assert_eq!(serde_json::from_str::<Progress>(&json).expect("parses"), p);
    }
}
