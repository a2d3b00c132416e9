//! Saved progress checked against this release's courses.
//!
//! A stored record can be valid JSON of the right shape and still not fit
//! the courses: a release removed a question or a choice, an attempt has
//! no items, a stored number is out of range, a review session asks a
//! question that is gone. [`fit`] is the one place that decides what to do:
//! it repairs what can go on and ends what cannot, and says what it did, so
//! that the app can keep the original aside and tell the learner.
//!
//! Finished attempts recorded by a release that did not tell a full
//! attempt from a retry of the missed questions are decided here, by the
//! course's draw: fewer questions than an attempt asks means practice, so
//! an old retry no longer stands as a completion.
//!
//! What it never touches: records of courses it does not know (a course
//! the trainer kept in this browser may not be loaded yet), the scores in
//! the history of finished attempts (a summary that every screen can
//! show), review cards of unknown questions, and the learner's name.

use std::collections::BTreeMap;

use crate::attempt::Attempt;
use crate::model::{Course, CourseSummary};

use super::Progress;

/// What saved progress needs to know of one course: its id, how many
/// questions a full attempt asks and, for each question, how many choices
/// it has (○/× questions have two).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseShape {
    /// The course id.
    pub id: String,
    /// Questions one full attempt asks.
    pub attempt_len: usize,
    /// Question id → number of choices.
    pub questions: BTreeMap<String, usize>,
    /// Question id → [`Question::version`](crate::model::Question::version);
    /// empty while only the course's summary is known (the file not yet
    /// fetched), when answers are not judged by it.
    pub versions: BTreeMap<String, u32>,
}

impl From<&Course> for CourseShape {
    fn from(course: &Course) -> CourseShape {
        CourseShape {
            id: course.id.clone(),
            attempt_len: course.attempt_len(),
            questions: course
                .questions
                .iter()
                .map(|q| (q.id.clone(), q.choice_count()))
                .collect(),
            versions: course
                .questions
                .iter()
                .map(|q| (q.id.clone(), q.version()))
                .collect(),
        }
    }
}

impl From<&CourseSummary> for CourseShape {
    fn from(summary: &CourseSummary) -> CourseShape {
        CourseShape {
            id: summary.id.clone(),
            attempt_len: summary.attempt_len,
            questions: summary
                .question_ids
                .iter()
                .cloned()
                .zip(summary.choice_counts.iter().copied())
                .collect(),
            versions: BTreeMap::new(),
        }
    }
}

/// The courses progress is checked against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Courses {
    /// Every course known now.
    pub shapes: Vec<CourseShape>,
    /// True when `shapes` holds every course of this browser (the local
    /// ones included). Until then a review question found in no course may
    /// belong to one not loaded yet, and is left alone.
    pub complete: bool,
}

impl Courses {
    fn course(&self, id: &str) -> Option<&CourseShape> {
        self.shapes.iter().find(|c| c.id == id)
    }

    fn choices_anywhere(&self, question: &str) -> Option<usize> {
        self.shapes
            .iter()
            .find_map(|c| c.questions.get(question).copied())
    }

    fn version_anywhere(&self, question: &str) -> Option<u32> {
        self.shapes
            .iter()
            .find_map(|c| c.versions.get(question).copied())
    }
}

/// Why an attempt cannot go on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Misfit {
    /// It has no questions at all.
    NoItems,
    /// It is stored under another course than the one it names.
    OtherCourse(String),
    /// It asks a question this release no longer has.
    QuestionGone(String),
    /// A question's choices changed: the stored order does not match them.
    ChoicesChanged(String),
    /// A stored answer names a choice the question does not have.
    NoSuchChoice(String),
    /// A question was revised under the same id after it was answered:
    /// that answer was given to another wording.
    QuestionChanged(String),
}

/// One thing [`fit`] changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repair {
    /// The attempt in progress of this course was ended: it cannot go on.
    /// The learner can start the course again.
    ActiveEnded {
        /// The course id.
        course: String,
        /// Why.
        why: Misfit,
    },
    /// The latest finished attempt of this course can no longer be shown
    /// question by question; its score stays in the history.
    LastEnded {
        /// The course id.
        course: String,
        /// Why.
        why: Misfit,
    },
    /// Today's review session was ended; a new one can be started.
    ReviewEnded {
        /// Why.
        why: Misfit,
    },
    /// Questions of the attempt in progress were revised (same id, new
    /// wording, choices or answer) after the learner answered them: those
    /// answers were cleared, so the learner answers the revised questions
    /// and the score never judges an answer against a wording not seen.
    Reasked {
        /// The course id.
        course: String,
        /// How many answers were cleared.
        questions: usize,
    },
    /// An attempt marked finished still had unanswered questions: it was
    /// opened again so the learner can finish it.
    Reopened {
        /// The course id.
        course: String,
    },
    /// Finished attempts recorded before full attempts and practice were
    /// told apart were decided by the course's draw; `passes` of them had
    /// reached the pass mark with only part of the course (a retry of the
    /// missed questions) and no longer count as completing it.
    Recounted {
        /// The course id.
        course: String,
        /// Passing attempts that turned out to be practice.
        passes: usize,
    },
    /// Stored numbers out of range (a score over 100 %, a review box
    /// outside 1 to 6) were brought into range.
    Clamped {
        /// How many values.
        count: usize,
    },
    /// Questions not answered yet were revised: the attempt now asks them
    /// in their revised wording (nothing the learner did is lost).
    Refreshed {
        /// How many questions.
        count: usize,
    },
}

impl Repair {
    /// True when the learner should be told (something they could see was
    /// ended); quiet repairs only bring numbers into range.
    pub fn is_notable(&self) -> bool {
        !matches!(self, Repair::Clamped { .. } | Repair::Refreshed { .. })
    }

    /// The course concerned, if one.
    pub fn course(&self) -> Option<&str> {
        match self {
            Repair::ActiveEnded { course, .. }
            | Repair::LastEnded { course, .. }
            | Repair::Reasked { course, .. }
            | Repair::Reopened { course }
            | Repair::Recounted { course, .. } => Some(course),
            Repair::ReviewEnded { .. } | Repair::Clamped { .. } | Repair::Refreshed { .. } => None,
        }
    }
}

/// Checks `progress` against `courses` and repairs it in place; returns
/// what it changed (nothing for a record that fits). Idempotent: a second
/// call changes nothing.
pub fn fit(progress: &mut Progress, courses: &Courses) -> Vec<Repair> {
    let mut repairs = Vec::new();
    let mut clamped = 0;
    let mut refreshed = 0;
    for (id, record) in &mut progress.courses {
        for finished in &mut record.history {
            if finished.percent > 100 {
                finished.percent = 100;
                clamped += 1;
            }
        }
        let Some(shape) = courses.course(id) else {
            continue;
        };
        let mut practice_passes = 0;
        for finished in record.history.iter_mut().filter(|f| f.full.is_none()) {
            let full = usize::from(finished.asked) >= shape.attempt_len.max(1);
            finished.full = Some(full);
            practice_passes += usize::from(finished.passed && !full);
        }
        if practice_passes > 0 {
            repairs.push(Repair::Recounted {
                course: id.clone(),
                passes: practice_passes,
            });
        }
        let choices = |q: &str| shape.questions.get(q).copied();
        let version = |q: &str| shape.versions.get(q).copied();
        if let Some(active) = &mut record.active {
            if let Some(why) = misfit(active, id, choices) {
                record.active = None;
                repairs.push(Repair::ActiveEnded {
                    course: id.clone(),
                    why,
                });
            } else {
                let (questions, up_to_date) = reask_revised(active, version);
                refreshed += up_to_date;
                if questions > 0 {
                    repairs.push(Repair::Reasked {
                        course: id.clone(),
                        questions,
                    });
                } else if active.is_finished() && active.current().is_some() {
                    active.finished_ms = None;
                    repairs.push(Repair::Reopened { course: id.clone() });
                }
            }
        }
        let last_misfit = |l: &Attempt| misfit(l, id, choices).or_else(|| revised(l, version));
        if let Some(why) = record.last.as_ref().and_then(last_misfit) {
            record.last = None;
            repairs.push(Repair::LastEnded {
                course: id.clone(),
                why,
            });
        }
    }
    if let Some(review) = &mut progress.review {
        let choices = |q: &str| match courses.choices_anywhere(q) {
            Some(n) => Some(n),
            // Maybe a course not loaded yet: not judged until all are.
            None if !courses.complete => Some(usize::MAX),
            None => None,
        };
        let version = |q: &str| courses.version_anywhere(q);
        let why = misfit(review, &review.course, choices).or_else(|| revised(review, version));
        if let Some(why) = why {
            progress.review = None;
            repairs.push(Repair::ReviewEnded { why });
        } else {
            refreshed += reask_revised(review, version).1;
        }
    }
    for card in progress.cards.values_mut() {
        if !(1..=6).contains(&card.stage) {
            card.stage = card.stage.clamp(1, 6);
            clamped += 1;
        }
    }
    if clamped > 0 {
        repairs.push(Repair::Clamped { count: clamped });
    }
    if refreshed > 0 {
        repairs.push(Repair::Refreshed { count: refreshed });
    }
    repairs
}

/// The first answered question of `attempt` whose version is known on
/// both sides and differs: its answer was given to another wording.
fn revised(attempt: &Attempt, version: impl Fn(&str) -> Option<u32>) -> Option<Misfit> {
    attempt
        .items
        .iter()
        .find(|item| {
            item.answer.is_some()
                && matches!((item.version, version(&item.question)), (Some(a), Some(b)) if a != b)
        })
        .map(|item| Misfit::QuestionChanged(item.question.clone()))
}

/// Clears the answers of `attempt`'s questions revised since they were
/// answered and takes on every known newer version (an unanswered question
/// is simply asked in its revised wording). An attempt that was finished
/// is open again once an answer is cleared. Returns the answers cleared.
/// Returns the answers cleared and the unanswered questions whose version
/// was brought up to date (so an answer given to the revised wording is
/// not later taken for one given to the old).
fn reask_revised(attempt: &mut Attempt, version: impl Fn(&str) -> Option<u32>) -> (usize, usize) {
    let (mut cleared, mut refreshed) = (0, 0);
    for item in &mut attempt.items {
        let (Some(drawn), Some(now)) = (item.version, version(&item.question)) else {
            continue;
        };
        if drawn != now {
            item.version = Some(now);
            match item.answer.take() {
                Some(_) => cleared += 1,
                None => refreshed += 1,
            }
        }
    }
    if cleared > 0 {
        attempt.finished_ms = None;
    }
    (cleared, refreshed)
}

/// Why `attempt` cannot be used with a course whose questions have
/// `choices(id)` choices (`None`: no such question); `None` when it can.
/// `usize::MAX` choices means "unknown, accept any order".
fn misfit(
    attempt: &Attempt,
    course: &str,
    choices: impl Fn(&str) -> Option<usize>,
) -> Option<Misfit> {
    if attempt.course != course {
        return Some(Misfit::OtherCourse(attempt.course.clone()));
    }
    if attempt.items.is_empty() {
        return Some(Misfit::NoItems);
    }
    for item in &attempt.items {
        let question = item.question.clone();
        let Some(n) = choices(&item.question) else {
            return Some(Misfit::QuestionGone(question));
        };
        if n == usize::MAX {
            continue;
        }
        let mut order = item.order.clone();
        order.sort_unstable();
        if !order.iter().copied().eq(0..n) {
            return Some(Misfit::ChoicesChanged(question));
        }
        if item.answer.iter().flatten().any(|&mark| mark >= n) {
            return Some(Misfit::NoSuchChoice(question));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::Item;
    use crate::progress::{CourseProgress, Finished};
    use crate::schedule::Card;

    fn courses() -> Courses {
        Courses {
            shapes: vec![CourseShape {
                id: "c".into(),
                attempt_len: 2,
                questions: [("q1".to_owned(), 3), ("q2".to_owned(), 2)].into(),
                versions: [("q1".to_owned(), 1), ("q2".to_owned(), 2)].into(),
            }],
            complete: true,
        }
    }

    fn item(question: &str, order: Vec<usize>, answer: Option<Vec<usize>>) -> Item {
        Item {
            question: question.into(),
            order,
            answer,
            version: None,
        }
    }

    fn attempt(items: Vec<Item>) -> Attempt {
        Attempt {
            course: "c".into(),
            mode: crate::attempt::Mode::Full,
            items,
            started_ms: 10,
            finished_ms: None,
        }
    }

    fn with_active(a: Attempt) -> Progress {
        let mut p = Progress::new();
        p.courses.insert(
            "c".into(),
            CourseProgress {
                active: Some(a),
                ..CourseProgress::default()
            },
        );
        p
    }

    fn good() -> Attempt {
        attempt(vec![
            item("q1", vec![2, 0, 1], Some(vec![1])),
            item("q2", vec![0, 1], None),
        ])
    }

    #[test]
    fn a_record_that_fits_is_left_as_it_is() {
        let mut p = with_active(good());
        p.review = Some(Attempt {
            course: "review".into(),
            mode: crate::attempt::Mode::Full,
            ..good()
        });
        let before = p.clone();
        assert_eq!(fit(&mut p, &courses()), vec![]);
        assert_eq!(p, before);
    }

    #[test]
    fn every_kind_of_misfit_ends_the_attempt_and_says_why() {
        let cases = [
            (attempt(vec![]), Misfit::NoItems),
            (
                Attempt {
                    course: "other".into(),
                    mode: crate::attempt::Mode::Full,
                    ..good()
                },
                Misfit::OtherCourse("other".into()),
            ),
            (
                attempt(vec![item("gone", vec![0, 1], None)]),
                Misfit::QuestionGone("gone".into()),
            ),
            (
                attempt(vec![item("q1", vec![0, 1, 2, 3], None)]),
                Misfit::ChoicesChanged("q1".into()),
            ),
            (
                attempt(vec![item("q1", vec![0, 0, 1], None)]),
                Misfit::ChoicesChanged("q1".into()),
            ),
            (
                attempt(vec![item("q1", vec![0, 1, 2], Some(vec![7]))]),
                Misfit::NoSuchChoice("q1".into()),
            ),
        ];
        for (bad, why) in cases {
            let mut p = with_active(bad);
            p.set_name("山田", 1);
            let repairs = fit(&mut p, &courses());
            assert_eq!(
                repairs,
                vec![Repair::ActiveEnded {
                    course: "c".into(),
                    why
                }]
            );
            assert_eq!(p.courses["c"].active, None);
            assert!(p.learner.is_some(), "the name stays");
            assert_eq!(fit(&mut p, &courses()), vec![], "idempotent");
        }
    }

    #[test]
    fn a_finished_attempt_with_unanswered_questions_is_reopened() {
        let mut bad = good();
        bad.finished_ms = Some(99);
        let mut p = with_active(bad);
        assert_eq!(
            fit(&mut p, &courses()),
            vec![Repair::Reopened { course: "c".into() }]
        );
        let active = p.courses["c"].active.clone().expect("kept");
        assert_eq!((active.finished_ms, active.current()), (None, Some(1)));
    }

    #[test]
    fn a_last_attempt_that_no_longer_fits_ends_but_the_history_stays() {
        let mut p = Progress::new();
        let entry = Finished {
            started_ms: 1,
            at_ms: 2,
            percent: 250,
            passed: true,
            duration_ms: 1,
            asked: 1,
            full: Some(true),
        };
        p.courses.insert(
            "c".into(),
            CourseProgress {
                active: None,
                last: Some(attempt(vec![item("gone", vec![0], Some(vec![0]))])),
                history: vec![entry],
            },
        );
        let repairs = fit(&mut p, &courses());
        assert_eq!(
            repairs,
            vec![
                Repair::LastEnded {
                    course: "c".into(),
                    why: Misfit::QuestionGone("gone".into())
                },
                Repair::Clamped { count: 1 }
            ]
        );
        assert_eq!(p.courses["c"].history.len(), 1);
        assert_eq!(p.courses["c"].history[0].percent, 100);
    }

    #[test]
    fn records_of_unknown_courses_and_their_cards_are_untouched() {
        let mut p = with_active(attempt(vec![]));
        let record = p.courses.remove("c").expect("there");
        p.courses.insert("local-course".into(), record);
        p.cards.insert(
            "elsewhere".into(),
            Card {
                stage: 2,
                due_day: 0,
                seen: 1,
                lapses: 0,
                last_ms: 0,
            },
        );
        let before = p.clone();
        assert_eq!(fit(&mut p, &courses()), vec![]);
        assert_eq!(p, before);
    }

    #[test]
    fn a_review_asking_a_gone_question_ends_once_every_course_is_known() {
        let review = Attempt {
            course: "review".into(),
            mode: crate::attempt::Mode::Full,
            ..attempt(vec![item("gone", vec![0, 1], None)])
        };
        let mut p = Progress::new();
        p.review = Some(review);
        let partial = Courses {
            complete: false,
            ..courses()
        };
        assert_eq!(fit(&mut p, &partial), vec![], "maybe a local course");
        assert_eq!(
            fit(&mut p, &courses()),
            vec![Repair::ReviewEnded {
                why: Misfit::QuestionGone("gone".into())
            }]
        );
        assert_eq!(p.review, None);
    }

    fn versioned(question: &str, version: u32, answer: Option<Vec<usize>>) -> Item {
        let n = courses().shapes[0].questions[question];
        Item {
            version: Some(version),
            ..item(question, (0..n).collect(), answer)
        }
    }

    #[test]
    fn an_answer_to_a_question_revised_since_is_cleared_and_asked_again() {
        // q1 was answered as version 7; the course now has version 1.
        let mut p = with_active(attempt(vec![
            versioned("q1", 7, Some(vec![2])),
            versioned("q2", 2, Some(vec![0])),
        ]));
        p.courses
            .get_mut("c")
            .expect("kept")
            .active
            .as_mut()
            .expect("kept")
            .finished_ms = Some(5);
        assert_eq!(
            fit(&mut p, &courses()),
            vec![Repair::Reasked {
                course: "c".into(),
                questions: 1
            }]
        );
        let active = p.courses["c"].active.clone().expect("goes on");
        assert_eq!(active.items[0].answer, None, "asked again");
        assert_eq!(active.items[0].version, Some(1), "as revised");
        assert_eq!(
            active.items[1].answer,
            Some(vec![0]),
            "the other answer stays"
        );
        assert_eq!((active.finished_ms, active.current()), (None, Some(0)));
        assert!(
            Repair::Reasked {
                course: "c".into(),
                questions: 1
            }
            .is_notable()
        );
        assert_eq!(fit(&mut p, &courses()), vec![], "idempotent");
    }

    #[test]
    fn a_question_revised_before_it_was_answered_is_asked_as_revised_quietly() {
        let mut p = with_active(attempt(vec![
            versioned("q1", 1, Some(vec![2])),
            versioned("q2", 9, None),
        ]));
        let repairs = fit(&mut p, &courses());
        assert_eq!(repairs, vec![Repair::Refreshed { count: 1 }]);
        assert!(!repairs.iter().any(Repair::is_notable));
        let active = p.courses["c"].active.clone().expect("goes on");
        assert_eq!(active.items[1].version, Some(2));
        assert_eq!(active.items[0].answer, Some(vec![2]));
        assert_eq!(fit(&mut p, &courses()), vec![], "idempotent");
    }

    #[test]
    fn versions_unknown_on_either_side_judge_nothing() {
        // A record from before versions were kept, and a course known only
        // by its summary (not fetched yet).
        let mut old = with_active(attempt(vec![item("q1", vec![0, 1, 2], Some(vec![1]))]));
        assert_eq!(fit(&mut old, &courses()), vec![]);
        let summary_only = Courses {
            shapes: vec![CourseShape {
                versions: BTreeMap::new(),
                ..courses().shapes[0].clone()
            }],
            complete: true,
        };
        let mut p = with_active(attempt(vec![versioned("q1", 7, Some(vec![1]))]));
        assert_eq!(fit(&mut p, &summary_only), vec![]);
        assert_eq!(
            p.courses["c"].active.as_ref().expect("kept").items[0].answer,
            Some(vec![1])
        );
    }

    #[test]
    fn the_last_attempt_is_not_shown_against_a_revised_question_but_its_score_stays() {
        let mut p = Progress::new();
        let entry = Finished {
            started_ms: 10,
            at_ms: 20,
            percent: 100,
            passed: true,
            duration_ms: 10,
            asked: 2,
            full: Some(true),
        };
        p.courses.insert(
            "c".into(),
            CourseProgress {
                active: None,
                last: Some(Attempt {
                    finished_ms: Some(20),
                    ..attempt(vec![
                        versioned("q1", 1, Some(vec![0])),
                        versioned("q2", 5, Some(vec![1])),
                    ])
                }),
                history: vec![entry],
            },
        );
        assert_eq!(
            fit(&mut p, &courses()),
            vec![Repair::LastEnded {
                course: "c".into(),
                why: Misfit::QuestionChanged("q2".into())
            }]
        );
        assert_eq!(p.courses["c"].last, None);
        assert_eq!(p.courses["c"].history, vec![entry], "the pass stays");
    }

    #[test]
    fn a_review_with_an_answer_to_a_revised_question_ends() {
        let mut p = Progress::new();
        p.review = Some(Attempt {
            course: "review".into(),
            ..attempt(vec![
                versioned("q1", 3, Some(vec![0])),
                versioned("q2", 2, None),
            ])
        });
        assert_eq!(
            fit(&mut p, &courses()),
            vec![Repair::ReviewEnded {
                why: Misfit::QuestionChanged("q1".into())
            }]
        );
        assert_eq!(p.review, None);
    }

    proptest::proptest! {
        /// Whatever a stored record holds, `fit` never panics, a second
        /// call changes nothing, and every attempt it leaves in a known
        /// course can be shown: each order is a permutation of the
        /// question's choices and each mark names one of them, and no
        /// answer stands against a version of its question other than the
        /// one it was given to.
        #[test]
        fn fit_leaves_only_attempts_that_can_be_shown(
            attempts in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["c", "other", "review"]),
                    proptest::collection::vec(
                        (
                            proptest::sample::select(vec!["q1", "q2", "gone"]),
                            proptest::collection::vec(0usize..5, 0..5),
                            proptest::option::of(proptest::collection::vec(0usize..5, 0..3)),
                            proptest::option::of(1u32..4),
                        ),
                        0..4,
                    ),
                    proptest::option::of(0u64..50),
                ),
                0..4,
            ),
            stage in 0u8..=255,
        ) {
            let mut p = Progress::new();
            for (n, (course, items, finished)) in attempts.into_iter().enumerate() {
                let a = Attempt {
                    course: course.into(),
                    mode: crate::attempt::Mode::Full,
                    items: items
                        .into_iter()
                        .map(|(q, order, answer, version)| Item {
                            version,
                            ..item(q, order, answer)
                        })
                        .collect(),
                    started_ms: 1,
                    finished_ms: finished,
                };
                let record = p.courses.entry("c".into()).or_default();
                match n % 3 {
                    0 => record.active = Some(a),
                    1 => record.last = Some(a),
                    _ => p.review = Some(a),
                }
            }
            p.cards.insert("q1".into(), Card { stage, due_day: 0, seen: 1, lapses: 0, last_ms: 0 });
            fit(&mut p, &courses());
            proptest::prop_assert_eq!(fit(&mut p, &courses()), vec![]);
            let shape = &courses().shapes[0];
            let record = p.courses.get("c").cloned().unwrap_or_default();
            for a in record.active.iter().chain(record.last.iter()).chain(p.review.iter()) {
                proptest::prop_assert!(!a.items.is_empty());
                for i in &a.items {
                    let n = shape.questions[&i.question];
                    let mut order = i.order.clone();
                    order.sort_unstable();
                    proptest::prop_assert!(order.iter().copied().eq(0..n));
                    proptest::prop_assert!(i.answer.iter().flatten().all(|m| *m < n));
                    if i.answer.is_some() && let Some(v) = i.version {
                        proptest::prop_assert_eq!(v, shape.versions[&i.question]);
                    }
                }
            }
            proptest::prop_assert!((1..=6).contains(&p.cards["q1"].stage));
        }
    }

    #[test]
    fn review_boxes_out_of_range_are_clamped() {
        let mut p = Progress::new();
        for (id, stage) in [("a", 0), ("b", 9), ("c", 3)] {
            p.cards.insert(
                id.into(),
                Card {
                    stage,
                    due_day: 0,
                    seen: 1,
                    lapses: 0,
                    last_ms: 0,
                },
            );
        }
        assert_eq!(fit(&mut p, &courses()), vec![Repair::Clamped { count: 2 }]);
        let stages: Vec<u8> = p.cards.values().map(|c| c.stage).collect();
        assert_eq!(stages, [1, 6, 3]);
    }

    #[test]
    fn an_old_retry_that_passed_is_recounted_as_practice() {
        let entry = |started_ms, asked, passed| Finished {
            started_ms,
            at_ms: started_ms + 1,
            percent: if passed { 100 } else { 50 },
            passed,
            duration_ms: 1,
            asked,
            full: None,
        };
        let mut p = Progress::new();
        p.courses.insert(
            "c".into(),
            CourseProgress {
                history: vec![entry(1, 2, false), entry(5, 1, true), entry(9, 1, false)],
                ..Default::default()
            },
        );
        assert!(p.courses["c"].passed(), "undecided entries count as before");
        let repairs = fit(&mut p, &courses());
        assert_eq!(
            repairs,
            vec![Repair::Recounted {
                course: "c".into(),
                passes: 1
            }]
        );
        let record = &p.courses["c"];
        let decided: Vec<_> = record.history.iter().map(|f| f.full).collect();
        assert_eq!(decided, [Some(true), Some(false), Some(false)]);
        assert!(
            !record.passed(),
            "a retry of one question completes nothing"
        );
        assert_eq!(record.best(), Some(50), "practice scores are not the best");
        assert_eq!(record.practice_count(), 2);
        assert_eq!(fit(&mut p, &courses()), vec![], "idempotent");
    }
}
