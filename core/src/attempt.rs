//! One attempt at a course: which questions, in which order, with which
//! choice order, what the learner answered, and the score.
//!
//! The seed and the clock are passed in, never read here, so an attempt is
//! reproducible in tests and exactly resumable after a reload: the drawn
//! order is stored, not recomputed.

use serde::{Deserialize, Serialize};

use crate::model::{Course, Kind, Question};

/// A drawn question: its id and the order its choices are shown in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The question's stable id.
    pub question: String,
    /// `order[shown position] = choice index in the file`.
    pub order: Vec<usize>,
    /// The learner's marks as choice indexes in the file, once answered.
    pub answer: Option<Vec<usize>>,
    /// [`Question::version`] of the question as drawn; `None` in records
    /// made before it was kept (and in SCORM suspend data), which fit any
    /// version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
}

/// What an attempt is for: only a full attempt can complete a course.
///
/// The one rule of completion (修了) every output follows, the results
/// screen, the certificate, the results file, xAPI and SCORM alike: a
/// course is completed by a [`Mode::Full`] attempt that asked the course's
/// whole draw and reached the pass mark. Retrying the missed questions and
/// today's review are practice: scored and shown, never a completion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The course's draw, as the course sets it.
    #[default]
    Full,
    /// Only the questions missed in an earlier attempt.
    Retry,
    /// Today's review, across courses.
    Review,
}

impl Mode {
    /// True for [`Mode::Full`] (serde leaves the default out of storage).
    pub fn is_full(&self) -> bool {
        *self == Mode::Full
    }
}

/// An attempt in progress or finished.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// The course's id.
    pub course: String,
    /// Full attempt or practice. Attempts stored before this field existed
    /// read as full; [`Attempt::is_full_of`] also checks the draw's length,
    /// so an old retry still counts as practice.
    #[serde(default, skip_serializing_if = "Mode::is_full")]
    pub mode: Mode,
    /// The drawn questions, in the order asked.
    pub items: Vec<Item>,
    /// When it started, in milliseconds since the Unix epoch.
    pub started_ms: u64,
    /// When the last question was answered.
    pub finished_ms: Option<u64>,
}

/// The first `n` of `shuffled` after the blueprint's areas have taken
/// their `count` each, in area order, from the front of the same shuffled
/// pool: every question of an area is equally likely to be the one asked.
/// The parser has checked that the areas fit the draw.
fn cover_blueprint<'q>(
    course: &Course,
    shuffled: Vec<&'q Question>,
    n: usize,
) -> Vec<&'q Question> {
    let mut taken = vec![false; shuffled.len()];
    let mut picked = Vec::with_capacity(n);
    for area in &course.blueprint {
        let mut still = area.count;
        for (q, done) in shuffled.iter().zip(taken.iter_mut()) {
            if still == 0 || picked.len() == n {
                break;
            }
            if !*done && area.covers(q) {
                *done = true;
                picked.push(*q);
                still -= 1;
            }
        }
    }
    for (q, done) in shuffled.iter().zip(&taken) {
        if picked.len() == n {
            break;
        }
        if !done {
            picked.push(*q);
        }
    }
    picked
}

/// The outcome of a finished (or partly finished) attempt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    /// Points earned; a partly right multiple-answer question with partial
    /// credit earns a fraction.
    pub points: f64,
    /// One point per question asked.
    pub max: usize,
    /// Rounded down, so 79.9 % never passes an 80 % mark.
    pub percent: u8,
    /// Percent at or above the course's pass mark.
    pub passed: bool,
}

impl Attempt {
    /// Draws a new attempt: `course.draw` questions at random from the pool,
    /// shuffled, each with its choices shuffled unless pinned.
    pub fn start(course: &Course, seed: u64, now_ms: u64) -> Attempt {
        let pool: Vec<&Question> = course.questions.iter().collect();
        Self::draw(course, &pool, course.attempt_len(), seed, now_ms)
    }

    /// A new attempt asking exactly the given questions (e.g. the ones
    /// missed), in a fresh random order: practice ([`Mode::Retry`]), never
    /// a completion. Unknown ids are skipped.
    pub fn retry(course: &Course, ids: &[String], seed: u64, now_ms: u64) -> Attempt {
        let pool: Vec<&Question> = course
            .questions
            .iter()
            .filter(|q| ids.contains(&q.id))
            .collect();
        Attempt {
            mode: Mode::Retry,
            ..Self::draw(course, &pool, pool.len(), seed, now_ms)
        }
    }

    /// True when this attempt is a full attempt at `course`: started as one
    /// and asking the course's whole draw. Only such an attempt can
    /// complete the course ([`Attempt::completes`]).
    pub fn is_full_of(&self, course: &Course) -> bool {
        self.mode.is_full() && self.items.len() >= course.attempt_len().max(1)
    }

    /// True when this attempt is full ([`Attempt::is_full_of`]), finished,
    /// and at or above the pass mark: it completes the course.
    pub fn completes(&self, course: &Course) -> bool {
        self.is_finished() && self.is_full_of(course) && self.score(course).passed
    }

    fn draw(course: &Course, pool: &[&Question], n: usize, seed: u64, now_ms: u64) -> Attempt {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut picked: Vec<&Question> = pool.to_vec();
        rng.shuffle(&mut picked);
        if course.blueprint.is_empty() || n >= picked.len() {
            picked.truncate(n);
        } else {
            picked = cover_blueprint(course, picked, n);
            rng.shuffle(&mut picked);
        }
        let items = picked
            .into_iter()
            .map(|q| {
                let mut order: Vec<usize> = (0..q.choice_labels().len()).collect();
                if q.shuffles() {
                    rng.shuffle(&mut order);
                }
                Item {
                    question: q.id.clone(),
                    order,
                    answer: None,
                    version: Some(q.version()),
                }
            })
            .collect();
        Attempt {
            course: course.id.clone(),
            mode: Mode::Full,
            items,
            started_ms: now_ms,
            finished_ms: None,
        }
    }

    /// The index of the first unanswered question, or `None` when all are.
    pub fn current(&self) -> Option<usize> {
        self.items.iter().position(|i| i.answer.is_none())
    }

    /// Records the marks (choice indexes in the file) for question `index`.
    /// An answer is final: a second call for the same question is ignored,
    /// as is an index out of range. Finishing stamps `now_ms`.
    pub fn answer(&mut self, index: usize, marks: Vec<usize>, now_ms: u64) {
        let Some(item) = self.items.get_mut(index) else {
            return;
        };
        if item.answer.is_some() {
            return;
        }
        let mut marks = marks;
        marks.sort_unstable();
        marks.dedup();
        item.answer = Some(marks);
        if self.current().is_none() {
            self.finished_ms = Some(now_ms);
        }
    }

    /// True once every question has an answer.
    pub fn is_finished(&self) -> bool {
        self.finished_ms.is_some()
    }

    /// Scores the answered questions against the course.
    pub fn score(&self, course: &Course) -> Score {
        let points: f64 = self
            .items
            .iter()
            .filter_map(|item| {
                let q = course.question(&item.question)?;
                Some(grade(q, item.answer.as_deref()?))
            })
            .sum();
        let max = self.items.len();
        let percent = if max == 0 {
            0
        } else {
            // Floor, with a hair of slack for float error (e.g. 0.7 * 100).
            ((points / max as f64) * 100.0 + 1e-9)
                .floor()
                .clamp(0.0, 100.0) as u8
        };
        Score {
            points,
            max,
            percent,
            passed: max > 0 && percent >= course.pass_mark,
        }
    }

    /// The ids of the questions answered wrongly (less than full marks).
    pub fn missed(&self, course: &Course) -> Vec<String> {
        self.items
            .iter()
            .filter(|item| {
                let q = course.question(&item.question);
                match (q, item.answer.as_deref()) {
                    (Some(q), Some(a)) => !Outcome::of(q, a).is_right(),
                    _ => false,
                }
            })
            .map(|item| item.question.clone())
            .collect()
    }
}

/// How an answer went: the one verdict every screen shows. In a results
/// file it is written `"right"`, `"partly"` or `"wrong"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Full marks.
    Right,
    /// Some credit, not full (a multiple-answer question with partial credit).
    #[serde(rename = "partly")]
    PartlyRight,
    /// No credit.
    Wrong,
}

impl Outcome {
    /// The verdict on `marks` for `question`.
    pub fn of(question: &Question, marks: &[usize]) -> Outcome {
        let points = grade(question, marks);
        if points >= 1.0 {
            Outcome::Right
        } else if points > 0.0 {
            Outcome::PartlyRight
        } else {
            Outcome::Wrong
        }
    }

    /// Full marks: the review card moves up, the question is not "missed".
    pub fn is_right(self) -> bool {
        self == Outcome::Right
    }
}

/// Grades marks (choice indexes, any order) for one question: 1.0 when
/// right, 0.0 when wrong; with partial credit, right marks minus wrong
/// marks over the number of right answers, never below zero.
pub fn grade(question: &Question, marks: &[usize]) -> f64 {
    let correct = question.correct();
    let mut marks = marks.to_vec();
    marks.sort_unstable();
    marks.dedup();
    if marks == correct {
        return 1.0;
    }
    match &question.kind {
        Kind::Multiple {
            partial_credit: true,
            answers,
            ..
        } => {
            let right = marks.iter().filter(|m| answers.contains(m)).count() as f64;
            let wrong = marks.len() as f64 - right;
            ((right - wrong) / answers.len() as f64).max(0.0)
        }
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Draw;
    use crate::text::Text;
    use proptest::prelude::*;

    fn question(id: &str, kind: Kind) -> Question {
        Question {
            id: id.into(),
            kind,
            scenario: None,
            prompt: Text::plain("問"),
            explanation: Text::plain("説明"),
            sources: vec!["運営方針 1(4)②".into()],
            feedback: vec![],
            tags: vec![],
            difficulty: None,
            shuffle: true,
            checked: None,
        }
    }

    fn single(id: &str, answer: usize) -> Question {
        let choices = ["ア", "イ", "ウ", "エ"].map(Text::plain).to_vec();
        question(id, Kind::Single { choices, answer })
    }

    fn course(n: usize, draw: Draw) -> Course {
        Course {
            id: "c".into(),
            title: "コース".into(),
            description: Text::plain("説明"),
            policy: "運営方針".into(),
            order: None,
            pass_mark: 80,
            pass_valid_days: None,
            draw,
            blueprint: vec![],
            questions: (0..n).map(|i| single(&format!("q{i}"), i % 4)).collect(),
            hidden: false,
            checked: None,
        }
    }

    #[test]
    fn scoring_matches_the_answers_given() {
        let c = course(5, Draw::All);
        let mut a = Attempt::start(&c, 7, 1_000);
        for i in 0..5 {
            let q = c.question(&a.items[i].question).unwrap();
            // Right on the first four asked, wrong on the last.
            let right = q.correct()[0];
            let mark = if i < 4 { right } else { (right + 1) % 4 };
            a.answer(i, vec![mark], 2_000 + i as u64);
        }
        let s = a.score(&c);
        assert_eq!((s.points, s.max, s.percent, s.passed), (4.0, 5, 80, true));
        assert_eq!(a.finished_ms, Some(2_004));
        assert_eq!(a.missed(&c), vec![a.items[4].question.clone()]);
    }

    #[test]
    fn a_version_changes_with_what_is_asked_or_scored_only() {
        let q = single("q", 1);
        let v = q.version();
        assert_eq!(
            v,
            single("q", 1).version(),
            "the same question, the same version"
        );
        let asked_differently = [
            Question {
                prompt: Text::plain("問い"),
                ..q.clone()
            },
            Question {
                scenario: Some(Text::plain("窓口で")),
                ..q.clone()
            },
            single("q", 2),
            question(
                "q",
                Kind::Single {
                    choices: ["ア", "イ", "ウ", "オ"].map(Text::plain).to_vec(),
                    answer: 1,
                },
            ),
            question("q", Kind::TrueFalse { answer: true }),
        ];
        for other in asked_differently {
            assert_ne!(other.version(), v, "{other:?}");
        }
        let explained_differently = Question {
            explanation: Text::plain("別の説明"),
            sources: vec!["別の出典".into()],
            feedback: vec![(0, Text::plain("違います"))],
            tags: vec!["窓口".into()],
            difficulty: Some(3),
            ..q.clone()
        };
        assert_eq!(explained_differently.version(), v);
    }

    #[test]
    fn an_attempt_keeps_the_version_of_each_question_it_draws() {
        let c = course(4, Draw::All);
        let a = Attempt::start(&c, 3, 0);
        for item in &a.items {
            let q = c.question(&item.question).unwrap();
            assert_eq!(item.version, Some(q.version()));
        }
    }

    #[test]
    fn an_answer_is_final_and_out_of_range_is_ignored() {
        let c = course(2, Draw::All);
        let mut a = Attempt::start(&c, 1, 0);
        a.answer(0, vec![0], 1);
        a.answer(0, vec![1], 2);
        a.answer(9, vec![1], 2);
        assert_eq!(a.items[0].answer, Some(vec![0]));
        assert_eq!(a.current(), Some(1));
        assert!(!a.is_finished());
    }

    #[test]
    fn partial_credit_and_all_or_nothing() {
        let choices = ["A", "B", "C", "D"].map(Text::plain).to_vec();
        let mut q = question(
            "m",
            Kind::Multiple {
                choices: choices.clone(),
                answers: vec![0, 2],
                partial_credit: false,
            },
        );
        assert_eq!(grade(&q, &[2, 0]), 1.0);
        assert_eq!(grade(&q, &[0]), 0.0);
        q.kind = Kind::Multiple {
            choices,
            answers: vec![0, 2],
            partial_credit: true,
        };
        assert_eq!(grade(&q, &[0]), 0.5);
        assert_eq!(grade(&q, &[0, 1]), 0.0);
        assert_eq!(grade(&q, &[1, 3]), 0.0);
    }

    #[test]
    fn truefalse_is_never_shuffled() {
        let mut c = course(0, Draw::All);
        c.questions = (0..20)
            .map(|i| question(&format!("t{i}"), Kind::TrueFalse { answer: i % 2 == 0 }))
            .collect();
        let a = Attempt::start(&c, 99, 0);
        assert!(a.items.iter().all(|i| i.order == vec![0, 1]));
    }

    #[test]
    fn retry_asks_exactly_the_missed_questions() {
        let c = course(10, Draw::Count(5));
        let ids = vec!["q3".to_string(), "q7".to_string(), "nope".to_string()];
        let a = Attempt::retry(&c, &ids, 5, 0);
        let mut asked: Vec<_> = a.items.iter().map(|i| i.question.clone()).collect();
        asked.sort();
        assert_eq!(asked, vec!["q3", "q7"]);
    }

    proptest! {
        #[test]
        fn a_seeded_draw_is_a_permutation(seed: u64, n in 1usize..40, k in 1usize..40) {
            let k = k.min(n);
            let c = course(n, Draw::Count(k));
            let a = Attempt::start(&c, seed, 0);
            prop_assert_eq!(a.items.len(), k);
            let mut ids: Vec<_> = a.items.iter().map(|i| i.question.clone()).collect();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), k);
            for item in &a.items {
                let mut order = item.order.clone();
                order.sort_unstable();
                prop_assert_eq!(order, vec![0, 1, 2, 3]);
            }
            prop_assert_eq!(a, Attempt::start(&c, seed, 0));
        }
    }

    #[test]
    fn every_pool_question_can_be_drawn() {
        let c = course(30, Draw::Count(3));
        let mut seen = std::collections::HashSet::new();
        for seed in 0..500 {
            for item in Attempt::start(&c, seed, 0).items {
                seen.insert(item.question);
            }
        }
        assert_eq!(seen.len(), 30);
    }

    #[test]
    fn every_attempt_covers_the_blueprint_and_any_question_can_come() {
        use crate::model::Area;
        // 20 questions: q0–q2 通報, q3–q4 相談 (q4 also 通報), the rest untagged.
        let mut c = course(20, Draw::Count(5));
        for (i, q) in c.questions.iter_mut().enumerate() {
            q.tags = match i {
                0..=2 => vec!["通報".into()],
                3 => vec!["相談".into()],
                4 => vec!["相談".into(), "通報".into()],
                _ => vec![],
            };
        }
        let area = |name: &str, tags: &[&str], count| Area {
            name: name.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            count,
        };
        c.blueprint = vec![area("通報", &["通報"], 2), area("相談", &["相談"], 1)];
        let mut seen = std::collections::HashSet::new();
        let mut first = std::collections::HashSet::new();
        for seed in 0..2_000 {
            let a = Attempt::start(&c, seed, 0);
            let asked: Vec<&Question> = a
                .items
                .iter()
                .map(|i| c.question(&i.question).expect("drawn from the pool"))
                .collect();
            assert_eq!(asked.len(), 5);
            let ids: std::collections::HashSet<_> = asked.iter().map(|q| &q.id).collect();
            assert_eq!(ids.len(), 5, "no question twice");
            let has = |t: &str| {
                asked
                    .iter()
                    .filter(|q| q.tags.iter().any(|x| x == t))
                    .count()
            };
            assert!(has("通報") >= 2 && has("相談") >= 1, "seed {seed}: {ids:?}");
            seen.extend(ids.into_iter().cloned());
            first.insert(a.items[0].question.clone());
        }
        assert_eq!(seen.len(), 20, "the rest are still drawn at random");
        assert!(first.len() > 10, "the covered areas are not asked first");
        // A retry asks exactly what it is given, blueprint or not.
        let retry = Attempt::retry(&c, &["q7".into()], 1, 0);
        assert_eq!(retry.items.len(), 1);
    }
}
