//! Today's review (今日の復習): the questions due across every course,
//! asked as one attempt of a course made for the session.

use crate::attempt::Attempt;
use crate::model::{Course, Draw};
use crate::progress::Progress;
use crate::text::Text;

/// Most questions one review session asks.
pub const SESSION_SIZE: usize = 20;

/// The id every review session's attempt carries.
pub const REVIEW_ID: &str = "review";

/// The course a review session is asked from: the questions of `ids`, in
/// that order, found in any of `courses`. Unknown ids are left out.
pub fn review_course(courses: &[Course], title: &str, ids: &[String]) -> Course {
    let questions = ids
        .iter()
        .filter_map(|id| courses.iter().find_map(|c| c.question(id)).cloned())
        .collect();
    Course {
        id: REVIEW_ID.into(),
        title: title.into(),
        description: Text::default(),
        policy: String::new(),
        order: None,
        pass_mark: 0,
        pass_valid_days: None,
        draw: Draw::All,
        blueprint: vec![],
        questions,
        hidden: true,
        checked: None,
    }
}

/// Every question of `courses` due for review on `today`, most overdue first.
pub fn due(progress: &Progress, courses: &[Course], today: i64) -> Vec<String> {
    progress.due(
        courses
            .iter()
            .flat_map(|c| c.questions.iter().map(|q| &q.id)),
        today,
    )
}

/// The course of the review session `attempt` (its questions, in order).
pub fn session_course(courses: &[Course], title: &str, attempt: &Attempt) -> Course {
    let ids: Vec<String> = attempt.items.iter().map(|i| i.question.clone()).collect();
    review_course(courses, title, &ids)
}

/// A new review session of at most [`SESSION_SIZE`] due questions, or
/// `None` when nothing is due.
pub fn start(
    progress: &Progress,
    courses: &[Course],
    today: i64,
    seed: u64,
    now_ms: u64,
) -> Option<Attempt> {
    let ids: Vec<String> = due(progress, courses, today)
        .into_iter()
        .take(SESSION_SIZE)
        .collect();
    if ids.is_empty() {
        return None;
    }
    let course = review_course(courses, "", &ids);
    Some(Attempt {
        mode: crate::attempt::Mode::Review,
        ..Attempt::retry(&course, &ids, seed, now_ms)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_course;
    use crate::progress::tests::COURSE;

    #[test]
    fn a_session_asks_the_due_questions_of_every_course() {
        let course = parse_course(COURSE, false).course.expect("valid");
        let courses = [course.clone()];
        let mut p = Progress::new();
        assert_eq!(start(&p, &courses, 10, 1, 1), None, "nothing due");
        p.record_answer(&course, "q1", &[1], 10, 1);
        p.record_answer(&course, "gone", &[1], 10, 1);
        let session = start(&p, &courses, 10, 1, 5).expect("one due");
        assert_eq!(session.course, REVIEW_ID);
        assert_eq!(session.items.len(), 1);
        assert_eq!(session.items[0].question, "q1");
        assert_eq!(session.mode, crate::attempt::Mode::Review, "practice");
        let asked = session_course(&courses, "復習", &session);
        assert_eq!((asked.title.as_str(), asked.questions.len()), ("復習", 1));
    }
}
