//! Item statistics for one course, from the answers in learners' results
//! files (version 2, JSON: the CSV form carries no answers).
//!
//! Each learner counts once: files are grouped by staff number (else by
//! name, else each file alone) and the course row of the latest file that
//! has answers is used, i.e. the learner's latest finished attempt.
//!
//! Per question:
//! - difficulty (facility) index `p`: the share of its answers that were
//!   fully right (partly right counts as not right);
//! - discrimination index `D = p_upper − p_lower`, the classical
//!   upper/lower 27 % index (Kelley). Moodle's quiz statistics report a
//!   correlation instead; both ask whether the learners who do well on the
//!   course get this question right more often than those who do not, and
//!   D is the one a trainer can check by hand. Since an attempt draws only
//!   some questions of the pool, the groups are formed for each question
//!   among the learners who were asked it: those learners ranked by their
//!   total on the course (their share of right answers in that attempt),
//!   the top and bottom `round(0.27 n)` (at least 1) taken, ties broken
//!   by the learner key so the result is reproducible. With fewer than two
//!   answers there is no D;
//! - how often each choice (index in the course file, 0-based) was marked.

use std::collections::{BTreeMap, HashMap};

use crate::attempt::Outcome;
use crate::report::{AnswerRecord, ResultsFile};
use crate::roster::{name_key, staff_key};

/// The statistics of one question.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemStats {
    /// The question's id.
    pub question: String,
    /// Learners who answered it.
    pub answered: usize,
    /// Of them, fully right.
    pub right: usize,
    /// Of them, partly right (partial credit).
    pub partly: usize,
    /// The difficulty index `p = right / answered`, 0 to 1 (higher is
    /// easier).
    pub difficulty: f64,
    /// `D = p_upper − p_lower`, −1 to 1; `None` with fewer than two answers.
    pub discrimination: Option<f64>,
    /// How many learners marked each choice, by choice index (0-based, in
    /// file order); choices nobody marked are absent.
    pub picks: BTreeMap<usize, usize>,
}

/// The share of the upper and of the lower group, in percent.
const GROUP_PERCENT: usize = 27;

/// One learner's latest answers on the course.
struct Learner<'a> {
    key: String,
    /// Share of right answers in the attempt.
    total: f64,
    answers: &'a [AnswerRecord],
}

/// Item statistics of `course_id`, one per question answered, sorted by
/// question id.
pub fn item_statistics(results: &[ResultsFile], course_id: &str) -> Vec<ItemStats> {
    // The latest file with answers per learner: (exported_on, attempts) is
    // the same order the status table uses.
    let mut latest: HashMap<String, (&str, usize, &[AnswerRecord])> = HashMap::new();
    for (i, file) in results.iter().enumerate() {
        let Some(row) = file
            .rows
            .iter()
            .find(|r| r.course_id == course_id && !r.answers.is_empty())
        else {
            continue;
        };
        let staff = file.staff_number.as_deref().map(staff_key);
        let key = match (staff.filter(|s| !s.is_empty()), name_key(&file.learner)) {
            (Some(staff), _) => format!("s:{staff}"),
            (None, name) if !name.is_empty() => format!("n:{name}"),
            (None, _) => format!("f:{i}"),
        };
        let candidate = (
            file.exported_on.as_str(),
            row.attempts,
            row.answers.as_slice(),
        );
        latest
            .entry(key)
            .and_modify(|old| {
                if (candidate.0, candidate.1) > (old.0, old.1) {
                    *old = candidate;
                }
            })
            .or_insert(candidate);
    }
    let learners: Vec<Learner> = latest
        .into_iter()
        .map(|(key, (_, _, answers))| {
            let right = answers.iter().filter(|a| a.outcome.is_right()).count();
            Learner {
                key,
                total: right as f64 / answers.len() as f64,
                answers,
            }
        })
        .collect();
    // Per question: (learner's total, learner's key, the answer).
    let mut by_question: BTreeMap<&str, Vec<(f64, &str, &AnswerRecord)>> = BTreeMap::new();
    for l in &learners {
        let mut seen = Vec::new();
        for a in l.answers {
            // A question listed twice in one attempt counts once.
            if seen.contains(&a.question.as_str()) {
                continue;
            }
            seen.push(a.question.as_str());
            by_question
                .entry(a.question.as_str())
                .or_default()
                .push((l.total, l.key.as_str(), a));
        }
    }
    by_question
        .into_iter()
        .map(|(question, mut answers)| {
            answers.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
            let n = answers.len();
            let right_share = |group: &[(f64, &str, &AnswerRecord)]| {
                let right = group
                    .iter()
                    .filter(|(_, _, a)| a.outcome.is_right())
                    .count();
                right as f64 / group.len() as f64
            };
            let k = ((GROUP_PERCENT * n + 50) / 100).max(1);
            let discrimination = match (answers.get(..k), answers.get(n.saturating_sub(k)..)) {
                (Some(upper), Some(lower)) if n >= 2 => {
                    Some(right_share(upper) - right_share(lower))
                }
                _ => None,
            };
            let mut picks = BTreeMap::new();
            for (_, _, a) in &answers {
                let mut marks = a.marks.clone();
                marks.sort_unstable();
                marks.dedup();
                for m in marks {
                    *picks.entry(m).or_insert(0) += 1;
                }
            }
            let count = |o: Outcome| answers.iter().filter(|(_, _, a)| a.outcome == o).count();
            let right = count(Outcome::Right);
            ItemStats {
                question: question.to_owned(),
                answered: n,
                right,
                partly: count(Outcome::PartlyRight),
                difficulty: right_share(&answers),
                discrimination,
                picks,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{FORMAT, RESULTS_VERSION, ResultRow};

    fn answer(question: &str, outcome: Outcome, marks: &[usize]) -> AnswerRecord {
        AnswerRecord {
            question: question.into(),
            outcome,
            marks: marks.to_vec(),
        }
    }

    fn file(staff: &str, on: &str, answers: Vec<AnswerRecord>) -> ResultsFile {
        ResultsFile {
            format: FORMAT.into(),
            version: RESULTS_VERSION,
            learner: format!("職員{staff}"),
            staff_number: Some(staff.into()),
            department: None,
            exported_on: on.into(),
            rows: vec![ResultRow {
                course_id: "c".into(),
                course: "c".into(),
                best: None,
                passed_on: None,
                attempts: 1,
                last_passed_on: None,
                answers,
            }],
        }
    }

    /// Right on `q1` and `q2` as given; `q2`'s right choice is 1.
    fn learner(staff: &str, q1: bool, q2: bool) -> ResultsFile {
        let (o1, m1) = if q1 {
            (Outcome::Right, 0)
        } else {
            (Outcome::Wrong, 2)
        };
        let (o2, m2) = if q2 {
            (Outcome::Right, 1)
        } else {
            (Outcome::Wrong, 3)
        };
        file(
            staff,
            "2026-06-01",
            vec![answer("q1", o1, &[m1]), answer("q2", o2, &[m2])],
        )
    }

    #[test]
    fn a_hand_computed_example() {
        // Totals: A 1.0, B 1.0, C 0.5 (q1), D 0.5 (q2), E 0.0.
        // n = 5, k = round(1.35) = 1: the upper group is A (tie with B,
        // broken by key), the lower group E.
        let files = [
            learner("A", true, true),
            learner("B", true, true),
            learner("C", true, false),
            learner("D", false, true),
            learner("E", false, false),
        ];
        let stats = item_statistics(&files, "c");
        let [q1, q2] = stats.as_slice() else {
            panic!("two questions: {stats:?}");
        };
        assert_eq!((q1.question.as_str(), q1.answered, q1.right), ("q1", 5, 3));
        assert_eq!(q1.difficulty, 0.6);
        assert_eq!(q1.discrimination, Some(1.0));
        assert_eq!(q1.picks, BTreeMap::from([(0, 3), (2, 2)]));
        assert_eq!((q2.right, q2.difficulty), (3, 0.6));
        assert_eq!(q2.picks, BTreeMap::from([(1, 3), (3, 2)]));
        // A question the weaker learners get right discriminates negatively.
        let files = [
            file(
                "A",
                "",
                vec![
                    answer("q1", Outcome::Right, &[0]),
                    answer("q3", Outcome::Wrong, &[1]),
                ],
            ),
            file(
                "B",
                "",
                vec![
                    answer("q1", Outcome::Wrong, &[1]),
                    answer("q3", Outcome::Right, &[0]),
                ],
            ),
        ];
        let stats = item_statistics(&files, "c");
        let q3 = stats.iter().find(|s| s.question == "q3").expect("q3");
        // Totals A 0.5, B 0.5: tied, A first by key, so A upper, B lower.
        assert_eq!(q3.discrimination, Some(-1.0));
    }

    #[test]
    fn one_learner_counts_once_with_the_latest_file() {
        let older = file("7", "2026-05-01", vec![answer("q1", Outcome::Wrong, &[1])]);
        let newer = file(
            "００７",
            "2026-06-01",
            vec![answer("q1", Outcome::Right, &[0])],
        );
        let stats = item_statistics(&[newer, older], "c");
        let [q1] = stats.as_slice() else {
            panic!("one question");
        };
        assert_eq!((q1.answered, q1.right, q1.discrimination), (1, 1, None));
        assert!(item_statistics(&[], "c").is_empty());
    }

    #[test]
    fn partly_right_is_counted_apart_and_not_as_right() {
        let files = [
            file("A", "", vec![answer("m", Outcome::PartlyRight, &[0, 3])]),
            file("B", "", vec![answer("m", Outcome::Right, &[0, 2])]),
        ];
        let stats = item_statistics(&files, "c");
        let [m] = stats.as_slice() else {
            panic!("one question");
        };
        assert_eq!((m.right, m.partly, m.difficulty), (1, 1, 0.5));
        assert_eq!(m.picks, BTreeMap::from([(0, 2), (2, 1), (3, 1)]));
        assert_eq!(m.discrimination, Some(1.0));
    }
}
