//! The course's record as `cmi.suspend_data` ([`encode`], [`decode`]).
//!
//! `cmi.suspend_data` holds at most [`SUSPEND_DATA_MAX`] ASCII characters,
//! so the course's record is written compactly against the course's index
//! (question ids in file order and their choice counts):
//!
//! ```text
//! k1.<digest>.<active>.<last>.<history>
//! active  = <started>-<items>                  (empty: none)
//! last    = <started>-<took>-<items>            (empty: none)
//! history = <entry>_<entry>…, entry = <started>-<took>-<duration>-<percent>-<asked>-<passed 0|1>
//! items   = for each question asked, fixed width: its index in the pool,
//!           the rank of its choice order (a permutation), and 1 + the
//!           bit mask of its marks (0: not answered yet)
//! ```
//!
//! Numbers are base 36 (`0-9a-z`); `<took>` is `finished - started` and an
//! empty `<duration>` means the same. `<digest>` is a hash of the course id
//! and its questions: data written for another version of the course is
//! refused rather than read into the wrong questions. When the record does
//! not fit, the least needed part goes first: older finished attempts, then
//! the latest finished attempt question by question (its summary stays),
//! then the attempt in progress; the finished attempts that decide the
//! status and score go last (the LMS shows them, and a launch in a browser
//! without the app's own progress must not report less). An attempt in
//! progress of up to [`KEPT_WHOLE`] questions is always kept.

use crate::attempt::{Attempt, Item};
use crate::model::CourseSummary;
use crate::progress::{CourseProgress, Finished};

/// The most characters `cmi.suspend_data` holds in SCORM 1.2 (CMIString4096).
pub const SUSPEND_DATA_MAX: usize = 4096;

/// An attempt in progress of up to this many questions always fits in the
/// suspend data (a pool under 1,296 questions, up to 9 choices each); a
/// longer one is carried only while it fits.
pub const KEPT_WHOLE: usize = 400;

/// The most choices a question may have to be written in the suspend data
/// (the permutation rank must fit in 64 bits; question files allow 9).
const MAX_CHOICES: usize = 20;

/// Why suspend data could not be read. The app then goes on with its own
/// progress: nothing is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Empty: nothing was suspended.
    Empty,
    /// Not written by this app (another format or version).
    Unknown,
    /// Written for another version of the course (its questions changed).
    CourseChanged,
    /// Damaged: a field is missing or out of range.
    Malformed,
}

/// The course's record as suspend data: always ASCII and at most
/// [`SUSPEND_DATA_MAX`] characters (what does not fit is left out, the
/// least needed first; see the module doc). Attempts that do not match the
/// course's index are left out too.
pub fn encode(record: &CourseProgress, course: &CourseSummary) -> String {
    let header = format!("k1.{}.", b36(u64::from(digest(course))));
    let mut active = record
        .active
        .as_ref()
        .and_then(|a| attempt_part(a, course, false))
        .unwrap_or_default();
    let mut last = record
        .last
        .as_ref()
        .and_then(|a| attempt_part(a, course, true))
        .unwrap_or_default();
    // Newest first; the ones that decide the status are marked.
    let mut history: Vec<&Finished> = record.history.iter().collect();
    history.sort_by(|a, b| b.cmp(a));
    let deciding = deciding(&history, course);
    let mut entries: Vec<(bool, String)> = history
        .iter()
        .enumerate()
        .map(|(i, f)| (deciding.contains(&i), entry(f)))
        .collect();
    let len = |active: &str, last: &str, entries: &[(bool, String)]| {
        let joined: usize = entries.iter().map(|(_, e)| e.len() + 1).sum();
        header.len() + active.len() + 1 + last.len() + 1 + joined.saturating_sub(1)
    };
    while len(&active, &last, &entries) > SUSPEND_DATA_MAX {
        // Oldest first, the entries that do not decide anything.
        if let Some(at) = entries.iter().rposition(|(keep, _)| !keep) {
            entries.remove(at);
        } else if !last.is_empty() {
            last.clear();
        } else if !active.is_empty() {
            active.clear();
        } else if entries.pop().is_none() {
            break;
        }
    }
    let entries: Vec<String> = entries.into_iter().map(|(_, e)| e).collect();
    format!("{header}{active}.{last}.{}", entries.join("_"))
}

/// Reads suspend data written by [`encode`] for this course. Never panics;
/// anything damaged, foreign or written for other questions is an error.
pub fn decode(data: &str, course: &CourseSummary) -> Result<CourseProgress, DecodeError> {
    let data = data.trim();
    if data.is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut fields = data.split('.');
    if fields.next() != Some("k1") {
        return Err(DecodeError::Unknown);
    }
    let (Some(hash), Some(active), Some(last), Some(history), None) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return Err(DecodeError::Malformed);
    };
    if un36(hash) != Some(u64::from(digest(course))) {
        return Err(DecodeError::CourseChanged);
    }
    let bad = || DecodeError::Malformed;
    let active = match active {
        "" => None,
        part => {
            let (started, items) = part.split_once('-').ok_or_else(bad)?;
            Some(Attempt {
                course: course.id.clone(),
                mode: crate::attempt::Mode::Full,
                items: read_items(items, course).ok_or_else(bad)?,
                started_ms: un36(started).ok_or_else(bad)?,
                finished_ms: None,
            })
        }
    };
    let last = match last {
        "" => None,
        part => {
            let mut parts = part.splitn(3, '-');
            let (Some(started), Some(took), Some(items)) =
                (parts.next(), parts.next(), parts.next())
            else {
                return Err(bad());
            };
            let started = un36(started).ok_or_else(bad)?;
            let finished = started.checked_add(un36(took).ok_or_else(bad)?);
            Some(Attempt {
                course: course.id.clone(),
                mode: crate::attempt::Mode::Full,
                items: read_items(items, course).ok_or_else(bad)?,
                started_ms: started,
                finished_ms: Some(finished.ok_or_else(bad)?),
            })
        }
    };
    let mut history = match history {
        "" => Vec::new(),
        part => part
            .split('_')
            .map(read_entry)
            .collect::<Option<Vec<_>>>()
            .ok_or_else(bad)?,
    };
    history.sort();
    history.dedup();
    Ok(CourseProgress {
        active,
        last,
        history,
    })
}

/// Indexes (into newest-first `history`) of the entries that decide the
/// status and score: among full attempts, the last to finish, the best and
/// the last pass.
fn deciding(history: &[&Finished], course: &CourseSummary) -> Vec<usize> {
    let full = || {
        history
            .iter()
            .enumerate()
            .filter(|(_, f)| usize::from(f.asked) >= course.attempt_len.max(1))
    };
    let latest = |f: &Finished| (f.at_ms, f.started_ms);
    [
        full().max_by_key(|(_, f)| latest(f)),
        full().max_by_key(|(_, f)| (f.percent, latest(f))),
        full()
            .filter(|(_, f)| f.passed)
            .max_by_key(|(_, f)| latest(f)),
    ]
    .into_iter()
    .flatten()
    .map(|(i, _)| i)
    .collect()
}

fn entry(f: &Finished) -> String {
    let took = f.at_ms.saturating_sub(f.started_ms);
    let duration = if f.duration_ms == took {
        String::new()
    } else {
        b36(f.duration_ms)
    };
    format!(
        "{}-{}-{duration}-{}-{}-{}",
        b36(f.started_ms),
        b36(took),
        b36(u64::from(f.percent)),
        b36(u64::from(f.asked)),
        u8::from(f.passed)
    )
}

fn read_entry(text: &str) -> Option<Finished> {
    let mut parts = text.split('-');
    let started_ms = un36(parts.next()?)?;
    let took = un36(parts.next()?)?;
    let duration = parts.next()?;
    let percent = u8::try_from(un36(parts.next()?)?)
        .ok()
        .filter(|p| *p <= 100)?;
    let asked = u16::try_from(un36(parts.next()?)?).ok()?;
    let passed = match parts.next()? {
        "0" => false,
        "1" => true,
        _ => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(Finished {
        started_ms,
        at_ms: started_ms.checked_add(took)?,
        percent,
        passed,
        duration_ms: if duration.is_empty() {
            took
        } else {
            un36(duration)?
        },
        asked,
        full: None,
    })
}

/// An attempt's part: `<started>-<items>`, with `-<took>` after the start
/// for a finished one. `None` when it does not match the course's index.
fn attempt_part(attempt: &Attempt, course: &CourseSummary, finished: bool) -> Option<String> {
    let items = write_items(&attempt.items, course)?;
    let started = b36(attempt.started_ms);
    if finished {
        let took = attempt.finished_ms?.checked_sub(attempt.started_ms)?;
        Some(format!("{started}-{}-{items}", b36(took)))
    } else {
        Some(format!("{started}-{items}"))
    }
}

fn write_items(items: &[Item], course: &CourseSummary) -> Option<String> {
    let index_width = width(course.question_ids.len().saturating_sub(1) as u64);
    let mut out = String::new();
    let mut seen = Vec::with_capacity(items.len());
    for item in items {
        let index = course
            .question_ids
            .iter()
            .position(|q| *q == item.question)?;
        if seen.contains(&index) {
            return None;
        }
        seen.push(index);
        let n = *course.choice_counts.get(index)?;
        let (rank_width, marks_width) = widths(n)?;
        let marks = match &item.answer {
            None => 0,
            Some(marks) => 1 + mask(marks, n)?,
        };
        out.push_str(&fixed(index as u64, index_width)?);
        out.push_str(&fixed(rank(&item.order, n)?, rank_width)?);
        out.push_str(&fixed(marks, marks_width)?);
    }
    Some(out)
}

fn read_items(text: &str, course: &CourseSummary) -> Option<Vec<Item>> {
    if !text.is_ascii() {
        return None;
    }
    let index_width = width(course.question_ids.len().saturating_sub(1) as u64);
    let mut rest = text;
    let mut items: Vec<Item> = Vec::new();
    while !rest.is_empty() {
        let index = usize::try_from(take(&mut rest, index_width)?).ok()?;
        let question = course.question_ids.get(index)?;
        let n = *course.choice_counts.get(index)?;
        let (rank_width, marks_width) = widths(n)?;
        let order = unrank(take(&mut rest, rank_width)?, n)?;
        let answer = match take(&mut rest, marks_width)? {
            0 => None,
            m => Some(unmask(m - 1, n)?),
        };
        if items.iter().any(|i| i.question == *question) {
            return None;
        }
        // Not carried (the LMS limits suspend data): a package replaced
        // with reworded questions under the same ids is not told apart.
        items.push(Item {
            question: question.clone(),
            order,
            answer,
            version: None,
        });
    }
    Some(items)
}

/// The next `w` digits of `rest`, as a number.
fn take(rest: &mut &str, w: usize) -> Option<u64> {
    let (head, tail) = (rest.get(..w)?, rest.get(w..)?);
    *rest = tail;
    un36(head)
}

/// Widths of a question's choice-order rank and its marks, by its number
/// of choices.
fn widths(n: usize) -> Option<(usize, usize)> {
    if !(1..=MAX_CHOICES).contains(&n) {
        return None;
    }
    let orders = (1..=n as u64).try_fold(1u64, u64::checked_mul)?;
    Some((width(orders - 1), width(1u64 << n)))
}

/// The rank (Lehmer code) of `order`, a permutation of `0..n`.
fn rank(order: &[usize], n: usize) -> Option<u64> {
    if order.len() != n {
        return None;
    }
    let mut left: Vec<usize> = (0..n).collect();
    let mut r: u64 = 0;
    for &choice in order {
        let at = left.iter().position(|&c| c == choice)?;
        left.remove(at);
        r = r
            .checked_mul(left.len() as u64 + 1)?
            .checked_add(at as u64)?;
    }
    Some(r)
}

/// The permutation of `0..n` with this rank; `None` when out of range.
fn unrank(mut r: u64, n: usize) -> Option<Vec<usize>> {
    // Digits of the factorial number system, least significant first.
    let mut digits = Vec::with_capacity(n);
    for base in 1..=n as u64 {
        digits.push((r % base) as usize);
        r /= base;
    }
    if r != 0 {
        return None;
    }
    let mut left: Vec<usize> = (0..n).collect();
    let mut order = Vec::with_capacity(n);
    for at in digits.into_iter().rev() {
        if at >= left.len() {
            return None;
        }
        order.push(left.remove(at));
    }
    Some(order)
}

fn mask(marks: &[usize], n: usize) -> Option<u64> {
    marks
        .iter()
        .try_fold(0u64, |m, &c| (c < n).then(|| m | (1 << c)))
}

fn unmask(m: u64, n: usize) -> Option<Vec<usize>> {
    (m >> n == 0).then(|| (0..n).filter(|c| m & (1 << c) != 0).collect())
}

/// FNV-1a (32 bits) of the course id and its questions with their choice
/// counts.
fn digest(course: &CourseSummary) -> u32 {
    let mut text = course.id.clone();
    for (i, q) in course.question_ids.iter().enumerate() {
        let n = course.choice_counts.get(i).copied().unwrap_or(0);
        text.push_str(&format!("\n{q}:{n}"));
    }
    text.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

fn b36(mut n: u64) -> String {
    let mut out = Vec::new();
    loop {
        out.push(DIGITS.get((n % 36) as usize).copied().unwrap_or(b'0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn un36(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 13 {
        return None;
    }
    text.chars().try_fold(0u64, |n, c| {
        let d = c.to_digit(36).filter(|_| !c.is_ascii_uppercase())?;
        n.checked_mul(36)?.checked_add(u64::from(d))
    })
}

/// How many base-36 digits `max` needs (at least one).
fn width(max: u64) -> usize {
    b36(max).len()
}

/// `n` in base 36, zero-padded to `w` digits; `None` when it needs more.
fn fixed(n: u64, w: usize) -> Option<String> {
    let s = b36(n);
    (s.len() <= w).then(|| format!("{s:0>w$}"))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{attempt, finished, summary};
    use super::super::status::lesson;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_record_round_trips_in_few_characters() {
        let course = summary(48, |i| if i % 3 == 0 { 2 } else { 4 }, 10);
        let picks = [3, 17, 0, 47, 9, 21, 30, 2, 44, 5];
        let active = attempt(&course, &picks, 4, 1_795_530_600_000);
        let mut last = attempt(&course, &picks, 10, 1_795_000_000_000);
        last.finished_ms = Some(1_795_000_300_000);
        let record = CourseProgress {
            active: Some(active),
            last: Some(last),
            history: vec![
                finished(1_790_000_000_000, 60, 10),
                finished(1_795_000_000_000, 90, 10),
            ],
        };
        let data = encode(&record, &course);
        assert!(data.starts_with("k1."), "{data}");
        assert!(data.len() < 200, "{} characters: {data}", data.len());
        assert_eq!(decode(&data, &course), Ok(record));
        assert_eq!(
            decode(&encode(&CourseProgress::default(), &course), &course),
            Ok(CourseProgress::default())
        );
    }

    #[test]
    fn data_for_other_questions_or_damaged_is_refused() {
        let course = summary(10, |_| 4, 5);
        let record = CourseProgress {
            active: Some(attempt(&course, &[1, 2, 3], 1, 5)),
            ..CourseProgress::default()
        };
        let data = encode(&record, &course);
        let mut changed = course.clone();
        changed.choice_counts[9] = 3;
        assert_eq!(decode(&data, &changed), Err(DecodeError::CourseChanged));
        assert_eq!(decode("", &course), Err(DecodeError::Empty));
        assert_eq!(decode("{\"a\":1}", &course), Err(DecodeError::Unknown));
        assert_eq!(decode("k1.x", &course), Err(DecodeError::Malformed));
        // One character short, a question twice, an order out of range.
        let short = data.get(..data.len() - 1).unwrap();
        assert_eq!(decode(short, &course), Err(DecodeError::Malformed));
        let (head, items) = data.rsplit_once('-').unwrap();
        let items = items.trim_end_matches('.');
        let twice = format!("{head}-{}{}..", &items[..3], &items[..3]);
        assert_eq!(decode(&twice, &course), Err(DecodeError::Malformed));
        let far = format!("{head}-1z0..");
        assert_eq!(decode(&far, &course), Err(DecodeError::Malformed));
    }

    #[test]
    fn ranks_number_every_order_once() {
        let mut seen = std::collections::BTreeSet::new();
        for r in 0..24 {
            let order = unrank(r, 4).unwrap();
            assert_eq!(rank(&order, 4), Some(r));
            seen.insert(order);
        }
        assert_eq!(seen.len(), 24);
        assert_eq!(unrank(24, 4), None);
        assert_eq!(rank(&[0, 0, 1], 3), None);
        assert_eq!(widths(9), Some((4, 2)));
        assert_eq!(widths(2), Some((1, 1)));
    }

    #[test]
    fn the_shipped_courses_largest_records_fit_whole() {
        // Every shipped course with its largest attempts: the most choices
        // per question, every mark set, a finished one beside it and a long
        // history, as dated now.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../quizzes");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".toml") || name.starts_with('_') {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let course = crate::parse::parse_course(&text, false).course.unwrap();
            let summary = course.summary();
            let mut by_choices: Vec<usize> = (0..summary.question_ids.len()).collect();
            by_choices.sort_by_key(|&i| std::cmp::Reverse(summary.choice_counts[i]));
            let picks = &by_choices[..summary.attempt_len];
            let now = 4_102_444_800_000; // 2100-01-01
            let mut last = attempt(&summary, picks, picks.len(), now - 9_000_000);
            for item in &mut last.items {
                item.answer = Some((0..item.order.len()).collect());
            }
            last.finished_ms = Some(now - 1);
            let record = CourseProgress {
                active: Some(attempt(&summary, picks, picks.len() - 1, now)),
                last: Some(last),
                history: (0..30)
                    .map(|k| finished(now - k * 86_400_000, 75, 10))
                    .collect(),
            };
            let data = encode(&record, &summary);
            assert!(data.len() <= 1_200, "{name}: {} characters", data.len());
            let mut record = record;
            record.history.sort();
            assert_eq!(decode(&data, &summary), Ok(record), "{name}");
            checked += 1;
        }
        assert_eq!(checked, 3);
    }

    fn any_course() -> impl Strategy<Value = CourseSummary> {
        (1usize..1_296, prop::collection::vec(2usize..=9, 1..64))
            .prop_map(|(pool, counts)| summary(pool, |i| counts[i % counts.len()], pool.min(10)))
    }

    prop_compose! {
        /// A record on a course, with attempts of any length up to the
        /// whole pool, every question with every mark set, and any history.
        fn any_record(max_items: usize)(course in any_course())(
            picks in Just((0..course.question_ids.len()).collect::<Vec<_>>()).prop_shuffle(),
            active_len in 0..=max_items,
            last_len in 0..=max_items,
            history in prop::collection::vec((0u64..1u64 << 42, 0u8..=100, 0u16..500), 0..300),
            course in Just(course),
        ) -> (CourseSummary, CourseProgress) {
            let active_len = active_len.min(picks.len());
            let last_len = last_len.min(picks.len());
            let full = |mut a: Attempt| {
                for item in &mut a.items {
                    item.answer = Some((0..item.order.len()).collect());
                }
                a
            };
            let active = (active_len > 0)
                .then(|| full(attempt(&course, &picks[..active_len], active_len, 1 << 41)));
            let last = (last_len > 0).then(|| {
                let mut a = full(attempt(&course, &picks[..last_len], last_len, 1 << 40));
                a.finished_ms = Some((1 << 40) + 5);
                a
            });
            let mut history: Vec<Finished> =
                history.into_iter().map(|(s, p, n)| finished(s, p, n)).collect();
            history.sort();
            history.dedup();
            (course, CourseProgress { active, last, history })
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn suspend_data_never_exceeds_4096_ascii_characters((course, record) in any_record(1_300)) {
            let data = encode(&record, &course);
            prop_assert!(data.len() <= SUSPEND_DATA_MAX, "{} characters", data.len());
            prop_assert!(data.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)));
            // What was kept reads back, and is part of the record.
            let back = decode(&data, &course).expect("reads back");
            prop_assert!(back.history.iter().all(|f| record.history.contains(f)));
            prop_assert!(back.active.is_none() || back.active == record.active);
            prop_assert!(back.last.is_none() || back.last == record.last);
            // The score survives the cut, and the status with the attempt
            // in progress.
            let (before, after) = (lesson(&record, &course, 0, 0), lesson(&back, &course, 0, 0));
            prop_assert_eq!(before.and_then(|l| l.score), after.and_then(|l| l.score));
            if back.active == record.active {
                prop_assert_eq!(before, after);
            }
        }

        #[test]
        fn an_attempt_in_progress_of_up_to_400_questions_is_always_kept(
            (course, record) in any_record(KEPT_WHOLE)
        ) {
            let back = decode(&encode(&record, &course), &course).expect("reads back");
            prop_assert_eq!(back.active, record.active);
        }

        #[test]
        fn decoding_never_panics(text in "\\PC{0,200}", cut in 0usize..400) {
            let course = summary(40, |i| 2 + i % 8, 10);
            let _ = decode(&text, &course);
            // Damaged data of the right shape too: cut, or one character changed.
            let record = CourseProgress {
                active: Some(attempt(&course, &[1, 5, 39, 7], 2, 99)),
                history: vec![finished(5, 90, 10)],
                ..CourseProgress::default()
            };
            let data = encode(&record, &course);
            let at = cut % data.len();
            let _ = decode(data.get(..at).unwrap_or(""), &course);
            let mut bytes = data.into_bytes();
            bytes[at] = b"0z.-_k"[cut % 6];
            let _ = decode(&String::from_utf8(bytes).unwrap(), &course);
        }
    }
}
