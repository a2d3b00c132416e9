//! SCORM 1.2: what the app reports to an LMS (status, score, time, suspend data).
//!
//! An LMS launches one course as a SCO (`index.html?course=<id>`, see
//! [`course_param`]). The app reads the learner's name ([`learner_name`])
//! and the data it left last time (`cmi.suspend_data`, [`decode`]), and
//! after every change of that course's progress it sets the values of
//! [`Lesson::values`] and the new suspend data ([`encode`]); when the page
//! goes it adds `cmi.core.session_time` ([`timespan`]) and `cmi.core.exit`
//! ([`exit`]). Everything here is a plain function of plain values.
//!
//! # What is reported
//!
//! Only the learner's own attempts ([`for_learner`]): those the suspend data
//! brought and those made while the LMS launched the app ([`claim`]); the
//! rest of the browser's progress may be someone else's, or from before
//! this LMS registration, and is kept but never reported. Of these, only
//! *full* attempts count (as many questions as the course asks; a
//! retry of the missed questions is practice), and, for a course whose pass
//! expires (`pass_valid_days`), only attempts finished within that many
//! days. Among those: any pass → `passed`; otherwise an attempt in progress
//! that began after the last one finished → `incomplete`; otherwise
//! `failed`. The score is the best of them in percent (min 0, max 100).
//! Nothing is reported before an attempt starts: a SCO cannot set
//! `not attempted`, which the LMS sets itself.
//!
//! # Suspend data
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

use std::collections::BTreeSet;

use crate::attempt::{Attempt, Item};
use crate::model::CourseSummary;
use crate::progress::{CourseProgress, Finished};
use crate::schedule::day_of;

/// The most characters `cmi.suspend_data` holds in SCORM 1.2 (CMIString4096).
pub const SUSPEND_DATA_MAX: usize = 4096;

/// An attempt in progress of up to this many questions always fits in the
/// suspend data (a pool under 1,296 questions, up to 9 choices each); a
/// longer one is carried only while it fits.
pub const KEPT_WHOLE: usize = 400;

/// The most choices a question may have to be written in the suspend data
/// (the permutation rank must fit in 64 bits; question files allow 9).
const MAX_CHOICES: usize = 20;

/// `cmi.core.lesson_status` as the app sets it. There is no `NotAttempted`:
/// the LMS sets that itself and refuses it from a SCO.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonStatus {
    /// An attempt is in progress and none passed.
    Incomplete,
    /// A counted attempt reached the pass mark.
    Passed,
    /// Counted attempts finished and none reached the pass mark.
    Failed,
}

impl LessonStatus {
    /// The SCORM 1.2 vocabulary word.
    pub fn as_str(self) -> &'static str {
        match self {
            LessonStatus::Incomplete => "incomplete",
            LessonStatus::Passed => "passed",
            LessonStatus::Failed => "failed",
        }
    }
}

/// What the app reports for its course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// `cmi.core.lesson_status`.
    pub status: LessonStatus,
    /// `cmi.core.score.raw` in percent: the best counted attempt; `None`
    /// before any counted attempt finished.
    pub score: Option<u8>,
}

impl Lesson {
    /// The data-model elements and values to set, in order.
    pub fn values(&self) -> Vec<(&'static str, String)> {
        let mut values = vec![("cmi.core.lesson_status", self.status.as_str().to_owned())];
        if let Some(score) = self.score {
            values.push(("cmi.core.score.min", "0".to_owned()));
            values.push(("cmi.core.score.max", "100".to_owned()));
            values.push(("cmi.core.score.raw", score.min(100).to_string()));
        }
        values
    }
}

/// The status and score of a course's record (see the module doc), or
/// `None` when there is nothing to report yet. `today` is the learner's day
/// number ([`day_of`]) and `utc_offset_minutes` their time zone, for a pass
/// that expires.
pub fn lesson(
    record: &CourseProgress,
    course: &CourseSummary,
    today: i64,
    utc_offset_minutes: i64,
) -> Option<Lesson> {
    let counted: Vec<&Finished> = record
        .history
        .iter()
        .filter(|f| counts(f, course, today, utc_offset_minutes))
        .collect();
    let score = counted.iter().map(|f| f.percent.min(100)).max();
    if counted.iter().any(|f| f.passed) {
        return Some(Lesson {
            status: LessonStatus::Passed,
            score,
        });
    }
    let last_end = counted.iter().map(|f| f.at_ms).max();
    let in_progress = record
        .active
        .as_ref()
        .is_some_and(|a| last_end.is_none_or(|end| a.started_ms >= end));
    let status = if in_progress {
        LessonStatus::Incomplete
    } else if score.is_some() {
        LessonStatus::Failed
    } else {
        return None;
    };
    Some(Lesson { status, score })
}

/// Whether a finished attempt counts for the LMS: a full attempt (the
/// core's one rule, [`Finished::is_full`]; suspend data does not carry it,
/// so the draw's length decides there too), within the pass's validity
/// when the course has one.
fn counts(f: &Finished, course: &CourseSummary, today: i64, utc_offset_minutes: i64) -> bool {
    let full = f.is_full() && usize::from(f.asked) >= course.attempt_len.max(1);
    let recent = course.pass_valid_days.is_none_or(|days| {
        day_of(f.at_ms, utc_offset_minutes).saturating_add(i64::from(days)) >= today
    });
    full && recent
}

/// The attempts of a course's record that the LMS's learner made: the
/// app's progress belongs to the browser, and a browser profile may have
/// been used by someone else, or by the same learner outside this LMS
/// registration. `known` holds the starts (`started_ms`, an attempt's
/// identity) of the learner's attempts; [`claim`] adds to it.
pub fn for_learner(record: &CourseProgress, known: &BTreeSet<u64>) -> CourseProgress {
    let mine = |a: &Option<Attempt>| a.clone().filter(|a| known.contains(&a.started_ms));
    CourseProgress {
        active: mine(&record.active),
        last: mine(&record.last),
        history: record
            .history
            .iter()
            .filter(|f| known.contains(&f.started_ms))
            .copied()
            .collect(),
    }
}

/// The starts of every attempt in a record (what suspend data brought in
/// is the learner's).
pub fn starts(record: &CourseProgress) -> BTreeSet<u64> {
    let attempts = record.active.iter().chain(&record.last);
    attempts
        .map(|a| a.started_ms)
        .chain(record.history.iter().map(|f| f.started_ms))
        .collect()
}

/// Adds to `known` the attempts the learner made in this session: any
/// begun since `since_ms` (the launch), and `resumed` — an attempt in
/// progress at launch that was not known, as `(started_ms, answers then)` —
/// once it moved on (a new answer, or finished).
pub fn claim(
    record: &CourseProgress,
    known: &mut BTreeSet<u64>,
    since_ms: u64,
    resumed: Option<(u64, usize)>,
) {
    if let Some(a) = &record.active {
        let moved_on =
            resumed.is_some_and(|(start, answers)| start == a.started_ms && answered(a) > answers);
        if a.started_ms >= since_ms || moved_on {
            known.insert(a.started_ms);
        }
    }
    if let Some((start, _)) = resumed {
        let finished = record.last.as_ref().is_some_and(|l| l.started_ms == start)
            || record.history.iter().any(|f| f.started_ms == start);
        if finished {
            known.insert(start);
        }
    }
    for f in &record.history {
        if f.started_ms >= since_ms {
            known.insert(f.started_ms);
        }
    }
}

/// How many questions of an attempt have an answer.
pub fn answered(attempt: &Attempt) -> usize {
    attempt.items.iter().filter(|i| i.answer.is_some()).count()
}

/// `cmi.core.exit` when the page goes: `suspend` while an attempt is in
/// progress (the next launch then resumes), otherwise `""` (a normal exit).
pub fn exit(record: &CourseProgress) -> &'static str {
    if record.active.is_some() {
        "suspend"
    } else {
        ""
    }
}

/// A duration as a CMITimespan, `HHHH:MM:SS.SS` (at most 9999:59:59.99).
pub fn timespan(ms: u64) -> String {
    let centis = (ms / 10).min(9_999 * 360_000 + 359_999);
    let hours = centis / 360_000;
    let minutes = centis / 6_000 % 60;
    let seconds = centis / 100 % 60;
    let hundredths = centis % 100;
    format!("{hours:04}:{minutes:02}:{seconds:02}.{hundredths:02}")
}

/// The name the app shows, from `cmi.core.student_name` ("Last, First",
/// e.g. `Student, Joseph A.`): "First Last" (`Joseph A. Student`), but
/// family name first when it is written in Japanese (`山田, 花子` → `山田 花子`),
/// as the app's own names are. A name without a comma is taken as it is;
/// `None` when there is no name.
pub fn learner_name(student_name: &str) -> Option<String> {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = match student_name.split_once(',') {
        Some((last, first)) => {
            let (last, first) = (words(last), words(first));
            let japanese = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
            let family_first = last.chars().chain(first.chars()).any(japanese);
            let parts = if family_first {
                [last, first]
            } else {
                [first, last]
            };
            parts
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }
        None => words(student_name),
    };
    (!name.is_empty()).then_some(name)
}

/// The course a launch URL names: `course=<id>` in its query string, when
/// the id is one a course may have (lower-case letters, digits, hyphens).
/// Takes the whole URL (`location.href`) or only its query.
pub fn course_param(url: &str) -> Option<String> {
    let url = url.split('#').next().unwrap_or_default();
    let query = url.split_once('?').map_or(url, |(_, query)| query);
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("course="))
        .filter(|id| {
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .map(str::to_owned)
}

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
        items.push(Item {
            question: question.clone(),
            order,
            answer,
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
    use super::*;
    use crate::text::Text;
    use proptest::prelude::*;

    fn summary(pool: usize, choices: impl Fn(usize) -> usize, attempt_len: usize) -> CourseSummary {
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

    fn finished(started_ms: u64, percent: u8, asked: u16) -> Finished {
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

    fn attempt(course: &CourseSummary, picks: &[usize], answered: usize, started: u64) -> Attempt {
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
                    }
                })
                .collect(),
            started_ms: started,
            finished_ms: None,
        }
    }

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
    fn the_status_follows_full_attempts_and_the_pass_mark() {
        let course = summary(20, |_| 4, 10);
        let mut record = CourseProgress::default();
        assert_eq!(lesson(&record, &course, 0, 0), None, "nothing yet");
        record.active = Some(attempt(&course, &[1, 2], 0, 1_000));
        let incomplete = Lesson {
            status: LessonStatus::Incomplete,
            score: None,
        };
        assert_eq!(lesson(&record, &course, 0, 0), Some(incomplete));
        record.active = None;
        record.history.push(finished(1_000, 70, 10));
        let failed = Lesson {
            status: LessonStatus::Failed,
            score: Some(70),
        };
        assert_eq!(lesson(&record, &course, 0, 0), Some(failed));
        // Retrying the missed questions is practice: it neither passes nor
        // counts, but while it is in progress the course is incomplete.
        record.history.push(finished(100_000, 100, 3));
        assert_eq!(lesson(&record, &course, 0, 0), Some(failed));
        record.active = Some(attempt(&course, &[1], 0, 200_000));
        assert_eq!(
            lesson(&record, &course, 0, 0).map(|l| l.status),
            Some(LessonStatus::Incomplete)
        );
        record.history.push(finished(300_000, 80, 10));
        let passed = Lesson {
            status: LessonStatus::Passed,
            score: Some(80),
        };
        assert_eq!(lesson(&record, &course, 0, 0), Some(passed));
        // A pass sticks: a later failure or a new attempt does not undo it.
        record.history.push(finished(400_000, 10, 10));
        record.active = Some(attempt(&course, &[1], 0, 500_000));
        assert_eq!(lesson(&record, &course, 0, 0), Some(passed));
        assert_eq!(
            passed.values(),
            vec![
                ("cmi.core.lesson_status", "passed".to_owned()),
                ("cmi.core.score.min", "0".to_owned()),
                ("cmi.core.score.max", "100".to_owned()),
                ("cmi.core.score.raw", "80".to_owned()),
            ]
        );
        assert_eq!(incomplete.values().len(), 1, "no score before one");
        assert_eq!(exit(&record), "suspend");
        record.active = None;
        assert_eq!(exit(&record), "");
    }

    #[test]
    fn only_the_learners_attempts_are_reported() {
        let course = summary(20, |_| 4, 10);
        // In this browser: someone's pass, and an attempt left half done.
        let theirs = finished(1_000, 100, 10);
        let mut left = attempt(&course, &[1, 2, 3], 1, 2_000);
        let mut record = CourseProgress {
            active: Some(left.clone()),
            history: vec![theirs],
            ..CourseProgress::default()
        };
        // Launched at 10_000 with no suspend data: nothing is the learner's.
        let since = 10_000;
        let resumed = Some((2_000, 1));
        let mut known = BTreeSet::new();
        claim(&record, &mut known, since, resumed);
        assert!(known.is_empty());
        assert_eq!(lesson(&for_learner(&record, &known), &course, 0, 0), None);
        // Going on with the half-done attempt makes it the learner's.
        left.items[1].answer = Some(vec![0]);
        record.active = Some(left.clone());
        claim(&record, &mut known, since, resumed);
        assert_eq!(known, BTreeSet::from([2_000]));
        let mine = for_learner(&record, &known);
        assert!(mine.history.is_empty() && mine.active == record.active);
        // A new attempt of their own, finished: its score, not the other pass.
        record.active = None;
        record.history.push(finished(20_000, 70, 10));
        claim(&record, &mut known, since, resumed);
        let report = lesson(&for_learner(&record, &known), &course, 0, 0);
        assert_eq!(
            report,
            Some(Lesson {
                status: LessonStatus::Failed,
                score: Some(70)
            })
        );
        // A resumed attempt finished with its last answer counts too.
        let mut known = BTreeSet::new();
        let record = CourseProgress {
            history: vec![finished(2_000, 90, 10)],
            ..CourseProgress::default()
        };
        claim(&record, &mut known, since, resumed);
        assert_eq!(known, BTreeSet::from([2_000]));
        assert_eq!(starts(&record), known);
    }

    #[test]
    fn an_expired_pass_no_longer_counts() {
        let mut course = summary(20, |_| 4, 10);
        course.pass_valid_days = Some(365);
        let day = 86_400_000;
        let record = CourseProgress {
            history: vec![finished(100 * day, 90, 10)],
            ..CourseProgress::default()
        };
        assert_eq!(
            lesson(&record, &course, 465, 0).map(|l| l.status),
            Some(LessonStatus::Passed)
        );
        assert_eq!(lesson(&record, &course, 466, 0), None);
    }

    #[test]
    fn timespans_names_and_launch_urls() {
        assert_eq!(timespan(0), "0000:00:00.00");
        assert_eq!(timespan(3_723_456), "0001:02:03.45");
        assert_eq!(timespan(u64::MAX), "9999:59:59.99");
        assert_eq!(
            learner_name("Student, Joseph A."),
            Some("Joseph A. Student".into())
        );
        assert_eq!(learner_name(" 山田 ,  花子 "), Some("山田 花子".into()));
        assert_eq!(learner_name("Student,"), Some("Student".into()));
        assert_eq!(learner_name("  Jo   Ann  "), Some("Jo Ann".into()));
        assert_eq!(learner_name(" , "), None);
        assert_eq!(
            course_param("?lang=ja&course=digital-skills"),
            Some("digital-skills".into())
        );
        assert_eq!(course_param("course=a1"), Some("a1".into()));
        assert_eq!(
            course_param("https://lms.example/sco/index.html?course=a1&x=1#/course/a1"),
            Some("a1".into())
        );
        assert_eq!(course_param("https://lms.example/#/?course=a1"), None);
        assert_eq!(course_param("?course=../x"), None);
        assert_eq!(course_param("?course="), None);
        assert_eq!(course_param(""), None);
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
