//! Combining two progress records: two tabs writing at once, or an
//! imported file. Merging is order-independent and idempotent, and never
//! drops a finished attempt or a newer answer, except what the learner
//! erased on purpose.

use std::collections::BTreeMap;

use super::{CourseProgress, Finished, Learner, Progress, VERSION};
use crate::attempt::Attempt;

/// The union of two records. For each piece of state the more recent or
/// more advanced side wins, decided by a total order so that
/// `merge(a, b) == merge(b, a)`. An erase (`reset_ms`) drops what came
/// before it, unless a later import (`restored_ms`) brought it back.
pub fn merge(a: &Progress, b: &Progress) -> Progress {
    let reset = a.reset_ms.max(b.reset_ms);
    let restored = a.restored_ms.max(b.restored_ms);
    let mut merged = if reset == 0 || restored > reset {
        union(a, b)
    } else {
        // Forget first, then choose: an erased attempt must never win a choice.
        union(
            &forget_before(a.clone(), reset),
            &forget_before(b.clone(), reset),
        )
    };
    (merged.reset_ms, merged.restored_ms) = (reset, restored);
    merged
}

/// Drops everything that happened before an erase at `reset`.
fn forget_before(mut p: Progress, reset: u64) -> Progress {
    p.reset_ms = reset;
    p.learner = p.learner.filter(|l| l.at_ms >= reset);
    p.review = p.review.filter(|t| t.started_ms >= reset);
    p.cards.retain(|_, c| c.last_ms >= reset);
    for record in p.courses.values_mut() {
        record.history.retain(|f| f.started_ms >= reset);
        record.active = record.active.take().filter(|t| t.started_ms >= reset);
        record.last = record.last.take().filter(|t| t.started_ms >= reset);
    }
    p.courses
        .retain(|_, r| r.active.is_some() || r.last.is_some() || !r.history.is_empty());
    p
}

fn union(a: &Progress, b: &Progress) -> Progress {
    // The later setting wins; the rest of the key only breaks ties, and
    // covers every field so that the choice is the same in either order.
    let key = |l: &Learner| {
        (
            l.at_ms,
            l.name.clone(),
            l.staff_number.clone(),
            l.department.clone(),
        )
    };
    let learner = match (&a.learner, &b.learner) {
        (Some(x), Some(y)) => Some(if key(x) >= key(y) { x } else { y }.clone()),
        (x, y) => x.clone().or_else(|| y.clone()),
    };
    let mut courses: BTreeMap<String, CourseProgress> = BTreeMap::new();
    for id in a.courses.keys().chain(b.courses.keys()) {
        if courses.contains_key(id) {
            continue;
        }
        let empty = CourseProgress::default();
        let x = a.courses.get(id).unwrap_or(&empty);
        let y = b.courses.get(id).unwrap_or(&empty);
        courses.insert(id.clone(), merge_course(x, y));
    }
    let mut cards = a.cards.clone();
    for (id, card) in &b.cards {
        cards
            .entry(id.clone())
            .and_modify(|mine| {
                let key =
                    |c: &crate::schedule::Card| (c.last_ms, c.seen, c.stage, c.due_day, c.lapses);
                if key(card) > key(mine) {
                    *mine = *card;
                }
            })
            .or_insert(*card);
    }
    Progress {
        version: VERSION,
        learner,
        courses,
        review: further(a.review.as_ref(), b.review.as_ref()),
        cards,
        reset_ms: 0,
        restored_ms: 0,
    }
}

/// What merging an imported record changed, for the learner to read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Finished attempts that were not here before.
    pub attempts_added: usize,
    /// Questions whose review card is new or newer.
    pub cards_updated: usize,
    /// Courses that had no record before.
    pub courses_added: usize,
}

/// Compares the record before and after a merge.
pub fn summarize(before: &Progress, after: &Progress) -> Summary {
    let attempts = |p: &Progress| p.courses.values().map(|c| c.history.len()).sum::<usize>();
    Summary {
        attempts_added: attempts(after).saturating_sub(attempts(before)),
        cards_updated: after
            .cards
            .iter()
            .filter(|(id, card)| before.cards.get(*id) != Some(card))
            .count(),
        courses_added: after
            .courses
            .keys()
            .filter(|id| !before.courses.contains_key(*id))
            .count(),
    }
}

fn merge_course(a: &CourseProgress, b: &CourseProgress) -> CourseProgress {
    let mut history: Vec<_> = a.history.iter().chain(&b.history).copied().collect();
    history.sort();
    history.dedup();
    // One entry per attempt even when only one side has decided whether it
    // was full (see `fit`): the decided side wins, and practice over full,
    // the smaller claim.
    history.dedup_by(|later, kept| {
        let same = Finished {
            full: kept.full,
            ..*later
        } == *kept;
        if same {
            kept.full = match (kept.full, later.full) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (decided, other) => decided.or(other),
            };
        }
        same
    });
    let last = match (&a.last, &b.last) {
        (Some(x), Some(y)) => Some(if order_key(x) >= order_key(y) { x } else { y }.clone()),
        (x, y) => x.clone().or_else(|| y.clone()),
    };
    // An attempt that one side finished is no longer in progress on the other.
    let finished = |t: &Attempt| history.iter().any(|f| f.started_ms == t.started_ms);
    let open = |t: &Option<Attempt>| t.clone().filter(|t| !finished(t));
    let active = further(open(&a.active).as_ref(), open(&b.active).as_ref());
    CourseProgress {
        active,
        last,
        history,
    }
}

/// The attempt further along: more answers, then later start, then a
/// stable tie-break on content.
fn further(a: Option<&Attempt>, b: Option<&Attempt>) -> Option<Attempt> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if order_key(x) >= order_key(y) { x } else { y }.clone()),
        (x, y) => x.or(y).cloned(),
    }
}

fn order_key(t: &Attempt) -> (u64, usize, u64, String) {
    let answered = t.items.iter().filter(|i| i.answer.is_some()).count();
    let tie = serde_json::to_string(t).unwrap_or_default();
    (t.finished_ms.unwrap_or(0), answered, t.started_ms, tie)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::Item;
    use crate::progress::Finished;
    use crate::schedule::Card;
    use proptest::prelude::*;

    fn attempt(course: &str, started: u64, answered: usize) -> Attempt {
        Attempt {
            course: course.into(),
            mode: crate::attempt::Mode::Full,
            items: (0..4)
                .map(|i| Item {
                    question: format!("q{i}"),
                    order: vec![0, 1],
                    answer: (i < answered).then(|| vec![0]),
                    version: None,
                })
                .collect(),
            started_ms: started,
            finished_ms: (answered == 4).then_some(started + 100),
        }
    }

    prop_compose! {
        fn finished()(started in 0u64..50, took in 0u64..20, percent in 0u8..=100) -> Finished {
            Finished { started_ms: started, at_ms: started + took, percent, passed: percent >= 80, duration_ms: took, asked: 10, full: None }
        }
    }

    prop_compose! {
        fn card()(stage in 1u8..=6, due in 0i64..50, seen in 0u32..9, last in 0u64..30) -> Card {
            Card { stage, due_day: due, seen, lapses: 0, last_ms: last }
        }
    }

    prop_compose! {
        fn progress()(
            history in prop::collection::btree_map("[ab]", prop::collection::vec(finished(), 0..4), 0..3),
            active in prop::option::of((0u64..50, 0usize..4)),
            cards in prop::collection::btree_map("q[0-5]", card(), 0..5),
            name in prop::option::of((
                "[あい]",
                prop::option::of("[12]"),
                prop::option::of("[課係]"),
                0u64..5,
            )),
            reset in prop::option::of(1u64..40),
            restored in prop::option::of(1u64..40),
        ) -> Progress {
            let mut p = Progress::new();
            p.reset_ms = reset.unwrap_or(0);
            p.restored_ms = restored.unwrap_or(0);
            for (id, h) in history {
                let mut record = CourseProgress { history: h, ..Default::default() };
                record.history.sort();
                record.history.dedup();
                record.active = active.map(|(s, n)| attempt(&id, s, n));
                p.courses.insert(id, record);
            }
            p.cards = cards;
            p.learner = name.map(|(name, staff_number, department, at_ms)| Learner {
                name,
                staff_number,
                department,
                at_ms,
            });
            p
        }
    }

    proptest! {
        #[test]
        fn merge_is_order_independent(a in progress(), b in progress()) {
            prop_assert_eq!(merge(&a, &b), merge(&b, &a));
        }

        #[test]
        fn merge_is_idempotent(a in progress(), b in progress()) {
            let m = merge(&a, &b);
            prop_assert_eq!(merge(&m, &m), m.clone());
            prop_assert_eq!(merge(&m, &a), m.clone());
        }

        #[test]
        fn merge_never_drops_a_finished_attempt(a in progress(), b in progress()) {
            // Only an erase the learner confirmed removes what came before it.
            let m = merge(&a, &b);
            let mut reset = a.reset_ms.max(b.reset_ms);
            if a.restored_ms.max(b.restored_ms) > reset {
                reset = 0;
            }
            for side in [&a, &b] {
                for (id, record) in &side.courses {
                    for f in record.history.iter().filter(|f| f.started_ms >= reset) {
                        prop_assert!(m.courses[id].history.contains(f));
                    }
                }
                for (id, card) in side.cards.iter().filter(|(_, c)| c.last_ms >= reset) {
                    prop_assert!(m.cards[id].last_ms >= card.last_ms);
                }
            }
        }
    }

    #[test]
    fn an_erase_wins_over_a_tab_that_still_holds_the_old_record() {
        let mut old = Progress::new();
        old.set_name("山田", 5);
        old.cards.insert(
            "q1".into(),
            Card {
                stage: 3,
                due_day: 1,
                seen: 2,
                lapses: 0,
                last_ms: 50,
            },
        );
        old.courses.insert(
            "c".into(),
            CourseProgress {
                history: vec![Finished {
                    started_ms: 10,
                    at_ms: 60,
                    percent: 90,
                    passed: true,
                    duration_ms: 50,
                    asked: 10,
                    full: None,
                }],
                ..Default::default()
            },
        );
        let erased = Progress::erased(100);
        let m = merge(&erased, &old);
        assert_eq!(m, Progress::erased(100));
        // What comes after the erase is kept.
        let mut later = m.clone();
        later.cards.insert(
            "q2".into(),
            Card {
                stage: 2,
                due_day: 2,
                seen: 1,
                lapses: 0,
                last_ms: 150,
            },
        );
        assert_eq!(merge(&old, &later).cards.len(), 1);
        // An import after the erase brings the old record back, and a tab
        // that saw only the erase keeps it.
        let mut restored = merge(&later, &old);
        restored.restored_ms = 200;
        let restored = merge(&restored, &old);
        assert_eq!(restored.cards.len(), 2);
        assert_eq!(merge(&Progress::erased(100), &restored), restored);
    }

    #[test]
    fn the_summary_counts_what_an_import_added() {
        let mut before = Progress::new();
        before.cards.insert(
            "q1".into(),
            Card {
                stage: 2,
                due_day: 1,
                seen: 1,
                lapses: 0,
                last_ms: 1,
            },
        );
        let mut imported = before.clone();
        imported.cards.insert(
            "q2".into(),
            Card {
                stage: 1,
                due_day: 1,
                seen: 1,
                lapses: 1,
                last_ms: 2,
            },
        );
        imported.courses.insert(
            "c".into(),
            CourseProgress {
                history: vec![Finished {
                    started_ms: 1,
                    at_ms: 2,
                    percent: 90,
                    passed: true,
                    duration_ms: 1,
                    asked: 10,
                    full: None,
                }],
                ..Default::default()
            },
        );
        let after = merge(&before, &imported);
        assert_eq!(
            summarize(&before, &after),
            Summary {
                attempts_added: 1,
                cards_updated: 1,
                courses_added: 1
            }
        );
        assert_eq!(
            summarize(&after, &merge(&after, &before)),
            Summary::default()
        );
    }

    #[test]
    fn an_attempt_finished_elsewhere_is_no_longer_active() {
        let mut a = Progress::new();
        a.courses.insert(
            "c".into(),
            CourseProgress {
                active: Some(attempt("c", 7, 2)),
                ..Default::default()
            },
        );
        let mut b = Progress::new();
        let done = attempt("c", 7, 4);
        b.courses.insert(
            "c".into(),
            CourseProgress {
                history: vec![Finished {
                    started_ms: 7,
                    at_ms: 107,
                    percent: 100,
                    passed: true,
                    duration_ms: 100,
                    asked: 4,
                    full: None,
                }],
                last: Some(done.clone()),
                active: None,
            },
        );
        let m = merge(&a, &b);
        assert_eq!(m.courses["c"].active, None);
        assert_eq!(m.courses["c"].last, Some(done));
    }

    #[test]
    fn the_later_identity_wins_whole() {
        let mut a = Progress::new();
        a.set_identity("山田", "100", "福祉総務課", 5);
        let mut b = Progress::new();
        b.set_identity("山田", "", "", 9);
        // The later setting wins with all its fields: an emptied staff
        // number is not filled back in from the older record.
        for m in [merge(&a, &b), merge(&b, &a)] {
            assert_eq!(m.learner, b.learner);
        }
        // Same moment, different staff numbers: one choice either way.
        b.set_identity("山田", "200", "", 5);
        assert_eq!(merge(&a, &b), merge(&b, &a));
    }

    #[test]
    fn one_entry_per_attempt_when_one_side_decided_it_was_practice() {
        let entry = |full| Finished {
            started_ms: 1,
            at_ms: 2,
            percent: 100,
            passed: true,
            duration_ms: 1,
            asked: 2,
            full,
        };
        let side = |full| {
            let mut p = Progress::new();
            p.courses.insert(
                "c".into(),
                CourseProgress {
                    history: vec![entry(full)],
                    ..Default::default()
                },
            );
            p
        };
        for (a, b) in [
            (None, Some(false)),
            (Some(true), Some(false)),
            (None, Some(true)),
        ] {
            let m = merge(&side(a), &side(b));
            let want = if b == Some(false) { b } else { Some(true) };
            assert_eq!(m.courses["c"].history, vec![entry(want)], "{a:?} {b:?}");
            assert_eq!(merge(&side(b), &side(a)), m, "order-independent");
        }
    }
}
