//! The knowledge-free guesser: how likely a learner who knows nothing of
//! the subject passes one attempt, by following a fixed policy that reads
//! only the wording (pick the longest choice, avoid limiting words, …).
//!
//! For each question a policy gives a distribution of credit (as
//! [`crate::attempt::grade`] grades the marks it makes). The pass test is
//! [`crate::attempt::Attempt::score`]'s: the percentage rounded down against
//! the pass mark. The draw is the app's ([`crate::attempt::Attempt::start`]):
//! - without a blueprint it is uniform without replacement, and the chance
//!   is exact: a dynamic programme over (questions drawn, points) sums every
//!   draw;
//! - with a blueprint (areas every attempt covers) it is not uniform, so the
//!   chance averages, over the app's own draws for seeds 0 to [`DRAWS`] − 1,
//!   each draw's exact chance; [`Row::error`] states two standard errors.
//!
//! The aim is at most [`AIM`] per attempt for every policy.

use std::collections::HashMap;

use crate::attempt::{Attempt, grade};
use crate::diagnostic::Lang;
use crate::item_check::cues::{self, Cues, Polarity};
use crate::model::{Course, Kind, Question};

/// The aim: one attempt passes by guessing with at most this chance.
pub const AIM: f64 = 0.01;

/// How many of the app's own draws (seeds 0, 1, …) the chance of a course
/// with a blueprint averages.
pub const DRAWS: u64 = 10_000;

/// A fixed way of answering without knowledge. Ties are broken uniformly
/// at random; ○/× questions follow the statement's cue where the policy
/// reads one, else ○ or × at even odds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Any choice at even odds; multiple: any non-empty set of marks (the
    /// app takes no empty answer).
    Uniform,
    /// The longest choice.
    Longest,
    /// Avoid choices with limiting or absolute words; ○×: such a statement is ×.
    AvoidLimit,
    /// Avoid choices that deny coverage or permit; ○×: such a statement is ×.
    AvoidDenial,
    /// Prefer hedged choices; ○×: a hedged statement is ○.
    PreferHedge,
    /// ○× only: a narrowing statement is ×, a widening one ○ (choices at random).
    Polarity,
    /// The one choice whose cues differ from all the others'.
    OddOneOut,
    /// Never the one choice whose cues differ from all the others'.
    AvoidOddOneOut,
    /// The choice repeating most words of the scenario, prompt and description.
    Echo,
    /// All cues at once: hedges up, limits and denials down, then the odd
    /// one out, then the echo; ○× by polarity.
    Cues,
    /// [`Policy::Cues`], ties broken by length.
    CuesLongest,
    /// The cautious choice: one that consults, reports or confirms.
    Cautious,
    /// All cues, then the cautious choice, then length.
    CuesCautious,
    /// All cues read the other way round (limits and denials up, hedges
    /// down; ○×: narrowing ○, widening ×): what pays once writers overcorrect.
    CuesReversed,
}

/// Words of a cautious choice (consult, report, confirm, share, record),
/// the answer test-wise learners expect of compliance training.
pub const CAUTIOUS: &[&str] = &["相談", "報告", "連絡", "確認", "共有", "記録"];

impl Policy {
    /// Every policy, in report order.
    pub const ALL: [Policy; 14] = [
        Policy::Uniform,
        Policy::Longest,
        Policy::AvoidLimit,
        Policy::AvoidDenial,
        Policy::PreferHedge,
        Policy::Polarity,
        Policy::OddOneOut,
        Policy::AvoidOddOneOut,
        Policy::Echo,
        Policy::Cues,
        Policy::CuesLongest,
        Policy::Cautious,
        Policy::CuesCautious,
        Policy::CuesReversed,
    ];

    /// A short stable name.
    pub fn code(self) -> &'static str {
        match self {
            Policy::Uniform => "uniform",
            Policy::Longest => "longest",
            Policy::AvoidLimit => "avoid-limit",
            Policy::AvoidDenial => "avoid-denial",
            Policy::PreferHedge => "prefer-hedge",
            Policy::Polarity => "polarity",
            Policy::OddOneOut => "odd-one-out",
            Policy::AvoidOddOneOut => "avoid-odd-one-out",
            Policy::Echo => "echo",
            Policy::Cues => "cues",
            Policy::CuesLongest => "cues+longest",
            Policy::Cautious => "cautious",
            Policy::CuesCautious => "cues+cautious",
            Policy::CuesReversed => "cues-reversed",
        }
    }

    /// The policy in words for the report.
    pub fn name(self, lang: Lang) -> &'static str {
        let ja = lang == Lang::Ja;
        match self {
            Policy::Uniform if ja => "でたらめ（一様）",
            Policy::Uniform => "uniform",
            Policy::Longest if ja => "いちばん長い選択肢",
            Policy::Longest => "longest choice",
            Policy::AvoidLimit if ja => "限定の言葉を避ける",
            Policy::AvoidLimit => "avoid limiting words",
            Policy::AvoidDenial if ja => "否定・許容を避ける",
            Policy::AvoidDenial => "avoid denials",
            Policy::PreferHedge if ja => "含みのある方を選ぶ",
            Policy::PreferHedge => "prefer hedges",
            Policy::Polarity if ja => "○×の向き（狭め×広げ○）",
            Policy::Polarity => "○× polarity",
            Policy::OddOneOut if ja => "仲間外れを選ぶ",
            Policy::OddOneOut => "odd one out",
            Policy::AvoidOddOneOut if ja => "仲間外れを避ける",
            Policy::AvoidOddOneOut => "avoid the odd one out",
            Policy::Echo if ja => "場面の言葉を繰り返す方",
            Policy::Echo => "echoes the scenario",
            Policy::Cues if ja => "言葉のくせを全部",
            Policy::Cues => "all cues",
            Policy::CuesLongest if ja => "言葉のくせ＋長さ",
            Policy::CuesLongest => "all cues, then length",
            Policy::Cautious if ja => "相談・報告する方を選ぶ",
            Policy::Cautious => "the cautious choice",
            Policy::CuesCautious if ja => "言葉のくせ＋慎重＋長さ",
            Policy::CuesCautious => "all cues, caution, length",
            Policy::CuesReversed if ja => "言葉のくせを逆に読む",
            Policy::CuesReversed => "all cues reversed",
        }
    }
}

/// One line of a course's table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The policy.
    pub policy: Policy,
    /// Expected credit per question of the pool, 0 to 1.
    pub mean_credit: f64,
    /// The chance that one attempt passes.
    pub pass: f64,
    /// Two standard errors of `pass` when it is estimated over [`DRAWS`] of
    /// the app's draws (a course with a blueprint); 0 when it is exact.
    pub error: f64,
    /// The questions this policy is sure to get fully right, in pool order:
    /// the ones its wording gives away (empty for [`Policy::Uniform`]).
    pub sure: Vec<String>,
}

/// Every policy's row for `course`.
pub fn course_table(course: &Course) -> Vec<Row> {
    let n = course.attempt_len();
    // A blueprint draw is not uniform: take the app's own draws.
    let draws = (!course.blueprint.is_empty() && n < course.questions.len())
        .then(|| app_draws(course, DRAWS));
    Policy::ALL
        .iter()
        .map(|&policy| {
            let dists: Vec<Vec<(f64, f64)>> = course
                .questions
                .iter()
                .map(|q| credit(course, q, policy))
                .collect();
            let means: f64 = dists.iter().map(|d| mean(d)).sum();
            let pool = course.questions.len().max(1) as f64;
            let sure = (course.questions.iter().zip(&dists))
                .filter(|(_, d)| policy != Policy::Uniform && mean(d) > 1.0 - 1e-9)
                .map(|(q, _)| q.id.clone())
                .collect();
            let (pass, error) = match &draws {
                None => (pass_chance(&dists, n, course.pass_mark), 0.0),
                Some(draws) => sampled_pass_chance(&dists, draws, course.pass_mark),
            };
            Row {
                policy,
                mean_credit: means / pool,
                pass,
                error,
                sure,
            }
        })
        .collect()
}

/// The pool indexes of the questions the app draws for seeds 0 to `count` − 1.
fn app_draws(course: &Course, count: u64) -> Vec<Vec<usize>> {
    let index: HashMap<&str, usize> = (course.questions.iter().enumerate())
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    (0..count)
        .map(|seed| {
            let attempt = Attempt::start(course, seed, 0);
            (attempt.items.iter())
                .filter_map(|item| index.get(item.question.as_str()).copied())
                .collect()
        })
        .collect()
}

/// The mean over `draws` (pool indexes) of each draw's exact chance to
/// pass, and two standard errors of that mean.
pub fn sampled_pass_chance(
    dists: &[Vec<(f64, f64)>],
    draws: &[Vec<usize>],
    pass_mark: u8,
) -> (f64, f64) {
    let scale = dists
        .iter()
        .flatten()
        .map(|(points, _)| denominator(*points))
        .fold(1, lcm);
    let chances: Vec<f64> = draws
        .iter()
        .map(|draw| {
            let drawn: Vec<&[(f64, f64)]> = (draw.iter())
                .filter_map(|i| dists.get(*i).map(Vec::as_slice))
                .collect();
            set_pass_chance(&drawn, scale, pass_mark)
        })
        .collect();
    if chances.is_empty() {
        return (0.0, 0.0);
    }
    let count = chances.len() as f64;
    let mean = chances.iter().sum::<f64>() / count;
    let spread = chances.iter().map(|p| (p - mean).powi(2)).sum::<f64>() / (count - 1.0).max(1.0);
    (mean, 2.0 * (spread / count).sqrt())
}

/// The chance that exactly these questions, all asked, reach the pass mark:
/// their credit distributions convolved, in units of 1/`scale`.
fn set_pass_chance(drawn: &[&[(f64, f64)]], scale: usize, pass_mark: u8) -> f64 {
    let n = drawn.len();
    if n == 0 {
        return 0.0;
    }
    let mut sums = vec![0.0_f64; n * scale + 1];
    if let Some(first) = sums.first_mut() {
        *first = 1.0;
    }
    for dist in drawn {
        let mut next = vec![0.0_f64; sums.len()];
        for (u, w) in sums.iter().enumerate().filter(|(_, w)| **w > 0.0) {
            for (points, p) in *dist {
                let units = (points * scale as f64).round() as usize;
                if let Some(cell) = next.get_mut(u + units) {
                    *cell += w * p;
                }
            }
        }
        sums = next;
    }
    passing(&sums, scale, n, pass_mark)
}

/// The share of `sums` (probability by units of 1/`scale` over `n`
/// questions) at or above the pass mark, as the attempt's score rounds.
fn passing(sums: &[f64], scale: usize, n: usize, pass_mark: u8) -> f64 {
    sums.iter()
        .enumerate()
        .filter(|(u, _)| {
            let points = *u as f64 / scale as f64;
            let percent = ((points / n as f64) * 100.0 + 1e-9)
                .floor()
                .clamp(0.0, 100.0) as u8;
            percent >= pass_mark
        })
        .map(|(_, w)| w)
        .sum()
}

fn mean(dist: &[(f64, f64)]) -> f64 {
    dist.iter().map(|(points, p)| points * p).sum()
}

/// The distribution of credit `policy` earns on `question`, as
/// `(points, probability)` pairs summing to 1.
pub fn credit(course: &Course, question: &Question, policy: Policy) -> Vec<(f64, f64)> {
    match &question.kind {
        Kind::TrueFalse { answer } => {
            let statement = Cues::of(&question.prompt.to_plain());
            let p = match tf_verdict(&statement, policy) {
                Some(v) if v == *answer => 1.0,
                Some(_) => 0.0,
                None => 0.5,
            };
            vec![(1.0, p), (0.0, 1.0 - p)]
        }
        Kind::Single { choices, .. } => {
            let keys = choice_keys(course, question, policy);
            let best = keys.iter().max().cloned().unwrap_or_default();
            let top: Vec<usize> = (keys.iter().enumerate())
                .filter(|(_, k)| **k == best)
                .map(|(i, _)| i)
                .collect();
            let share = 1.0 / top.len().max(1) as f64;
            let mut dist = Vec::new();
            for i in top {
                add(&mut dist, grade(question, &[i]), share);
            }
            debug_assert!(choices.len() == keys.len());
            dist
        }
        Kind::Multiple { choices, .. } => {
            let keys = choice_keys(course, question, policy);
            // Mark every choice the policy's first reading favours.
            let first: Vec<i64> = keys
                .iter()
                .map(|k| k.first().copied().unwrap_or(0))
                .collect();
            let (lo, hi) = (first.iter().min(), first.iter().max());
            let mut dist = Vec::new();
            if lo == hi {
                // No reading: any non-empty set of marks at even odds.
                let k = choices.len().min(16);
                let sets = (1u32 << k) - 1;
                for set in 1..=sets {
                    let marks: Vec<usize> = (0..k).filter(|i| set & (1 << i) != 0).collect();
                    add(&mut dist, grade(question, &marks), 1.0 / f64::from(sets));
                }
            } else {
                let marks: Vec<usize> = (first.iter().enumerate())
                    .filter(|(_, f)| Some(*f) == hi)
                    .map(|(i, _)| i)
                    .collect();
                add(&mut dist, grade(question, &marks), 1.0);
            }
            dist
        }
    }
}

fn add(dist: &mut Vec<(f64, f64)>, points: f64, p: f64) {
    match dist.iter_mut().find(|(x, _)| (*x - points).abs() < 1e-12) {
        Some(entry) => entry.1 += p,
        None => dist.push((points, p)),
    }
}

/// What a policy answers on a ○× statement, if it reads it at all.
fn tf_verdict(statement: &Cues, policy: Policy) -> Option<bool> {
    match policy {
        Policy::AvoidLimit => statement.limit.map(|_| false),
        Policy::AvoidDenial => statement.denial.map(|_| false),
        Policy::PreferHedge => statement.hedge.map(|_| true),
        Policy::Polarity | Policy::Cues | Policy::CuesLongest | Policy::CuesCautious => statement
            .polarity()
            .map(|p| matches!(p, Polarity::Widens(_))),
        Policy::CuesReversed => statement
            .polarity()
            .map(|p| matches!(p, Polarity::Narrows(_))),
        _ => None,
    }
}

/// Each choice's sort key under `policy`: the policy picks the greatest.
fn choice_keys(course: &Course, question: &Question, policy: Policy) -> Vec<Vec<i64>> {
    let texts: Vec<String> = question
        .choice_labels()
        .iter()
        .map(|t| t.to_plain())
        .collect();
    let found: Vec<Cues> = texts.iter().map(|t| Cues::of(t)).collect();
    // Under "which is not …" a test-wise learner looks for the wrong-sounding one.
    let sign = if cues::negative_stem(&question.prompt.to_plain()) {
        -1
    } else {
        1
    };
    let odd = cues::odd_one_out(&found);
    let echo = cues::echo_choice(course, question).map(|(i, _)| i);
    (0..texts.len())
        .map(|i| {
            let c = found.get(i).copied().unwrap_or_default();
            let has = |w: Option<&str>| i64::from(w.is_some());
            let len = texts.get(i).map_or(0, |t| t.chars().count()) as i64;
            let is_odd = i64::from(odd == Some(i));
            let echoes = i64::from(echo == Some(i));
            let all = sign * (has(c.hedge) - has(c.limit) - has(c.denial));
            let text = texts.get(i).map_or("", String::as_str);
            let cautious = i64::from(CAUTIOUS.iter().any(|w| text.contains(w)));
            match policy {
                Policy::Uniform | Policy::Polarity => vec![0],
                Policy::Longest => vec![len],
                Policy::AvoidLimit => vec![-sign * has(c.limit)],
                Policy::AvoidDenial => vec![-sign * has(c.denial)],
                Policy::PreferHedge => vec![sign * has(c.hedge)],
                Policy::OddOneOut => vec![is_odd],
                Policy::AvoidOddOneOut => vec![-is_odd],
                Policy::Echo => vec![echoes],
                Policy::Cues => vec![all, is_odd, echoes],
                Policy::CuesLongest => vec![all, is_odd, echoes, len],
                Policy::Cautious => vec![cautious],
                Policy::CuesCautious => vec![all, cautious, is_odd, echoes, len],
                Policy::CuesReversed => vec![-all, is_odd, echoes],
            }
        })
        .collect()
}

/// The chance that an attempt of `n` questions, drawn uniformly without
/// replacement from a pool whose questions earn credit as `dists`, scores
/// at least `pass_mark` percent (rounded down, as
/// [`crate::attempt::Attempt::score`] does).
pub fn pass_chance(dists: &[Vec<(f64, f64)>], n: usize, pass_mark: u8) -> f64 {
    let n = n.min(dists.len());
    if n == 0 {
        return 0.0;
    }
    // Credit in whole units of 1/scale (partial credit is a fraction).
    let scale = dists
        .iter()
        .flatten()
        .map(|(points, _)| denominator(*points))
        .fold(1, lcm);
    let top = n * scale;
    // ways[k][u]: over every set of k questions seen so far, the summed
    // probability that they earn u units.
    let mut ways = vec![vec![0.0_f64; top + 1]; n + 1];
    if let Some(first) = ways.first_mut().and_then(|w| w.first_mut()) {
        *first = 1.0;
    }
    for (seen, dist) in dists.iter().enumerate() {
        for k in (0..n.min(seen + 1)).rev() {
            let (lower, upper) = ways.split_at_mut(k + 1);
            let (Some(from), Some(to)) = (lower.last(), upper.first_mut()) else {
                continue;
            };
            for (u, w) in from.iter().enumerate() {
                if *w == 0.0 {
                    continue;
                }
                for (points, p) in dist {
                    let units = (points * scale as f64).round() as usize;
                    if let Some(cell) = to.get_mut(u + units) {
                        *cell += w * p;
                    }
                }
            }
        }
    }
    let last = ways.last().map_or(&[][..], Vec::as_slice);
    let total: f64 = last.iter().sum();
    let passing = passing(last, scale, n, pass_mark);
    if total > 0.0 { passing / total } else { 0.0 }
}

/// The smallest d (up to 2520, every choice count's multiple) with x·d whole.
fn denominator(x: f64) -> usize {
    (1..=2520)
        .find(|d| {
            let y = x * *d as f64;
            (y - y.round()).abs() < 1e-9
        })
        .unwrap_or(1)
}

fn lcm(a: usize, b: usize) -> usize {
    let gcd = |mut a: usize, mut b: usize| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    a / gcd(a, b) * b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::Attempt;
    use crate::model::Draw;
    use crate::text::Text;

    fn question(id: &str, prompt: &str, kind: Kind) -> Question {
        Question {
            id: id.into(),
            kind,
            scenario: None,
            prompt: Text::plain(prompt),
            explanation: Text::plain("説明"),
            sources: vec!["出典".into()],
            feedback: vec![],
            tags: vec![],
            difficulty: None,
            shuffle: true,
            checked: None,
        }
    }

    fn single(id: &str, prompt: &str, choices: &[&str], answer: usize) -> Question {
        let choices = choices.iter().map(|c| Text::plain(c)).collect();
        question(id, prompt, Kind::Single { choices, answer })
    }

    fn course(questions: Vec<Question>, draw: Draw, pass_mark: u8) -> Course {
        Course {
            id: "c".into(),
            title: "コース".into(),
            description: Text::plain("説明"),
            policy: "運営方針".into(),
            order: None,
            pass_mark,
            pass_valid_days: None,
            draw,
            blueprint: vec![],
            questions,
            hidden: false,
            checked: None,
        }
    }

    fn binomial(n: u64, k: u64) -> f64 {
        (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn equal_questions_give_the_binomial_tail() {
        // Ten questions at 1/4 each, pass mark 80 %: at least 8 right.
        let dists = vec![vec![(1.0, 0.25), (0.0, 0.75)]; 10];
        let expected: f64 = (8..=10)
            .map(|k| binomial(10, k) * 0.25_f64.powi(k as i32) * 0.75_f64.powi(10 - k as i32))
            .sum();
        assert!(close(pass_chance(&dists, 10, 80), expected));
        // Drawing 10 of a pool of 40 such questions changes nothing.
        let pool = vec![vec![(1.0, 0.25), (0.0, 0.75)]; 40];
        assert!((pass_chance(&pool, 10, 80) - expected).abs() < 1e-12);
    }

    #[test]
    fn the_draw_is_without_replacement() {
        // Two sure questions and two lost ones, draw 2, pass 100 %: only the
        // one draw of both sure questions passes, 1 of C(4, 2) = 6.
        let sure = vec![(1.0, 1.0)];
        let lost = vec![(0.0, 1.0)];
        let dists = vec![sure.clone(), lost.clone(), sure, lost];
        assert!(close(pass_chance(&dists, 2, 100), 1.0 / 6.0));
        // Pass mark 50 %: one sure question is enough; only {lost, lost} fails.
        assert!(close(pass_chance(&dists, 2, 50), 5.0 / 6.0));
        // 79.9 % never passes 80 %: 3 of 4 questions right is 75 %.
        let three = vec![
            vec![(1.0, 1.0)],
            vec![(1.0, 1.0)],
            vec![(1.0, 1.0)],
            vec![(0.0, 1.0)],
        ];
        assert_eq!(pass_chance(&three, 4, 80), 0.0);
        assert_eq!(pass_chance(&three, 4, 75), 1.0);
    }

    #[test]
    fn partial_credit_is_graded_as_the_attempt_grades_it() {
        // Three choices, answers A and B, partial credit: of the 7 non-empty
        // sets, {A,B} earns 1; {A}, {B} and {A,B,C} earn 0.5; the rest 0.
        let choices = ["A", "B", "C"].map(Text::plain).to_vec();
        let kind = Kind::Multiple {
            choices,
            answers: vec![0, 1],
            partial_credit: true,
        };
        let q = question("m", "当てはまるものをすべて選んでください。", kind);
        let c = course(vec![q.clone()], Draw::All, 50);
        let dist = credit(&c, &q, Policy::Uniform);
        let p = |points: f64| {
            dist.iter()
                .filter(|(x, _)| close(*x, points))
                .map(|(_, p)| p)
                .sum::<f64>()
        };
        assert!(close(p(1.0), 1.0 / 7.0) && close(p(0.5), 3.0 / 7.0) && close(p(0.0), 3.0 / 7.0));
        assert!(close(
            pass_chance(std::slice::from_ref(&dist), 1, 50),
            4.0 / 7.0
        ));
        assert!(close(pass_chance(&[dist], 1, 100), 1.0 / 7.0));
    }

    #[test]
    fn each_policy_reads_its_own_cue() {
        let prompt = "正しいものはどれですか。";
        let q = single(
            "s",
            prompt,
            &[
                "対象は正規職員に限られる",
                "非常勤の職員も対象になり得る",
                "管理職だけが対象",
            ],
            1,
        );
        let c = course(vec![q.clone()], Draw::All, 100);
        let right = |policy| mean(&credit(&c, &q, policy));
        assert!(close(right(Policy::Uniform), 1.0 / 3.0));
        assert!(close(right(Policy::AvoidLimit), 1.0));
        assert!(close(right(Policy::PreferHedge), 1.0));
        assert!(close(right(Policy::OddOneOut), 1.0));
        assert!(close(right(Policy::AvoidOddOneOut), 0.0));
        assert!(close(right(Policy::AvoidDenial), 1.0 / 3.0));
        // Read the other way round, the two limited choices tie.
        assert!(close(right(Policy::CuesReversed), 0.0));
        // The hedged key is also the longest here.
        assert!(close(right(Policy::Longest), 1.0));
        // "Which is not …": the test-wise learner turns round.
        let not = single(
            "n",
            "正しくないものはどれですか。",
            &[
                "対象は正規職員に限られる",
                "非常勤の職員も対象になる",
                "派遣の職員も対象になる",
            ],
            0,
        );
        assert!(close(mean(&credit(&c, &not, Policy::AvoidLimit)), 1.0));
        assert!(close(mean(&credit(&c, &not, Policy::Cues)), 1.0));
    }

    #[test]
    fn true_false_follows_the_statement_lean() {
        let narrow = question(
            "t",
            "対象は手帳を持つ人に限られる。",
            Kind::TrueFalse { answer: false },
        );
        let wide = question(
            "w",
            "相談には通報の義務が生じる場合もある。",
            Kind::TrueFalse { answer: true },
        );
        let plain = question("p", "窓口は9時に開く。", Kind::TrueFalse { answer: true });
        let c = course(vec![], Draw::All, 100);
        for (q, policy, expected) in [
            (&narrow, Policy::Polarity, 1.0),
            (&narrow, Policy::AvoidLimit, 1.0),
            (&narrow, Policy::PreferHedge, 0.5),
            (&wide, Policy::Polarity, 1.0),
            (&wide, Policy::AvoidLimit, 0.5),
            (&plain, Policy::Cues, 0.5),
            (&narrow, Policy::Uniform, 0.5),
            (&narrow, Policy::CuesCautious, 1.0),
            (&narrow, Policy::CuesReversed, 0.0),
            (&wide, Policy::CuesReversed, 0.0),
        ] {
            assert!(
                close(mean(&credit(&c, q, policy)), expected),
                "{} {:?}",
                q.id,
                policy
            );
        }
    }

    #[test]
    fn the_table_agrees_with_seeded_attempts() {
        // 12 questions: the odd-one-out reader is right on the first 8 and
        // wrong on the rest; draw 5, pass mark 60 %. The guesser assumes the
        // app's draw: uniform, without replacement, blind to tags. Exact: P(at least 3 of
        // the 5 drawn among the 8) from the hypergeometric law.
        let good = ["規程に限られる", "規程に限られる", "原則として認められる"];
        let bad = [
            "原則として認められる",
            "原則として認められる",
            "規程に限られる",
        ];
        let mut questions = Vec::new();
        for i in 0..12 {
            let (choices, answer) = if i < 8 { (good, 2) } else { (bad, 0) };
            let choices = [choices[0], &format!("{}。", choices[1]), choices[2]];
            let mut q = single(&format!("q{i}"), "どれですか。", &choices, answer);
            // Tagged by area, the good ones in one: should the app ever draw
            // by area (a blueprint), this comparison fails and the guesser
            // must follow the new draw.
            q.tags = vec![if i < 8 {
                "相談".into()
            } else {
                "通報".into()
            }];
            questions.push(q);
        }
        let c = course(questions, Draw::Count(5), 60);
        let row = course_table(&c)
            .into_iter()
            .find(|r| r.policy == Policy::OddOneOut)
            .expect("row");
        let total = binomial(12, 5);
        let exact: f64 = (3..=5)
            .map(|k| binomial(8, k) * binomial(4, 5 - k) / total)
            .sum();
        assert!(close(row.pass, exact), "{} {exact}", row.pass);
        // The same through the app's own draw and scoring, over seeds.
        let seeds = 4000;
        let passed = (0..seeds)
            .filter(|&seed| {
                let mut a = Attempt::start(&c, seed, 0);
                for i in 0..a.items.len() {
                    let q = c.question(&a.items[i].question).expect("drawn");
                    let found: Vec<Cues> = q
                        .choice_labels()
                        .iter()
                        .map(|t| Cues::of(&t.to_plain()))
                        .collect();
                    let pick = cues::odd_one_out(&found).expect("an odd one");
                    a.answer(i, vec![pick], 1);
                }
                a.score(&c).passed
            })
            .count();
        let sampled = passed as f64 / seeds as f64;
        // Four standard errors of 4000 samples: about 0.03.
        assert!((sampled - exact).abs() < 0.03, "{sampled} vs {exact}");
    }

    #[test]
    fn a_blueprint_course_is_judged_over_the_apps_own_draws() {
        use crate::model::Area;
        // a1, a2 in area A; b1, b2 not. The ○× reader is sure of a1 and b1
        // (narrowing statements that are ×) and loses a2 and b2. Draw 2 with
        // one from A, pass mark 100 %: the set must be {a1, b1}. Over the 24
        // orders of the pool the app's draw gives it in 5 (a1 before a2, and
        // b1 first of a2, b1, b2): 5/24, where a uniform draw gives 1/6.
        let tf = |id: &str, answer: bool, area: bool| {
            let mut q = question(
                id,
                "対象は手帳を持つ人に限られる。",
                Kind::TrueFalse { answer },
            );
            q.tags = if area { vec!["A".into()] } else { vec![] };
            q
        };
        let questions = vec![
            tf("a1", false, true),
            tf("a2", true, true),
            tf("b1", false, false),
            tf("b2", true, false),
        ];
        let mut c = course(questions, Draw::Count(2), 100);
        c.blueprint = vec![Area {
            name: "A".into(),
            tags: vec!["A".into()],
            count: 1,
        }];
        let row = course_table(&c)
            .into_iter()
            .find(|r| r.policy == Policy::Polarity)
            .expect("row");
        assert!(row.error > 0.0 && row.error < 0.01, "{}", row.error);
        assert!(
            (row.pass - 5.0 / 24.0).abs() < 2.0 * row.error,
            "{} ± {}",
            row.pass,
            row.error
        );
        assert!(
            (row.pass - 1.0 / 6.0).abs() > 4.0 * row.error,
            "{}",
            row.pass
        );
        // Without the blueprint the same course is exact, and uniform.
        c.blueprint.clear();
        let row = course_table(&c)
            .into_iter()
            .find(|r| r.policy == Policy::Polarity)
            .expect("row");
        assert!(close(row.pass, 1.0 / 6.0) && row.error == 0.0);
    }

    /// Every draw of `n` of the pool, each question's credit convolved: the
    /// slow way, to check the dynamic programme.
    fn brute_force(dists: &[Vec<(f64, f64)>], n: usize, pass_mark: u8) -> f64 {
        let pool = dists.len();
        let mut passing = 0.0;
        let mut draws = 0.0;
        for set in 0u32..(1 << pool) {
            if set.count_ones() as usize != n {
                continue;
            }
            draws += 1.0;
            let mut sums = vec![(0.0_f64, 1.0_f64)];
            for (i, dist) in dists.iter().enumerate() {
                if set & (1 << i) == 0 {
                    continue;
                }
                sums = sums
                    .iter()
                    .flat_map(|(a, p)| dist.iter().map(move |(b, q)| (a + b, p * q)))
                    .collect();
            }
            passing += sums
                .iter()
                .filter(|(points, _)| {
                    let percent = ((points / n as f64) * 100.0 + 1e-9).floor() as u8;
                    percent >= pass_mark
                })
                .map(|(_, p)| p)
                .sum::<f64>();
        }
        passing / draws
    }

    proptest::proptest! {
        #[test]
        fn the_programme_equals_every_draw_counted(
            questions in proptest::collection::vec((0u8..=4, 0u8..=4, 1usize..=3), 1..7),
            n in 1usize..7,
            pass_mark in 0u8..=100,
        ) {
            // Each question: credit 1, a partial credit of 1/denominator,
            // or 0, with weights from the generated numbers.
            let dists: Vec<Vec<(f64, f64)>> = questions
                .iter()
                .map(|&(full, part, denominator)| {
                    let (full, part) = (f64::from(full), f64::from(part));
                    let total = full + part + 1.0;
                    vec![
                        (1.0, full / total),
                        (1.0 / denominator as f64, part / total),
                        (0.0, 1.0 / total),
                    ]
                })
                .collect();
            let n = n.min(dists.len());
            let exact = pass_chance(&dists, n, pass_mark);
            let slow = brute_force(&dists, n, pass_mark);
            proptest::prop_assert!((exact - slow).abs() < 1e-9, "{} vs {}", exact, slow);
        }
    }
}
