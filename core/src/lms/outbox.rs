//! The outbox: statements waiting to reach the LRS. It lives in the
//! learner's browser (the app stores it), and it is the first stop of
//! every statement: the app makes an event's statements, with the actor and
//! department as they are at that moment, and writes them here in the same
//! call that handles the event; only sending happens later. So nothing is
//! lost when the network is down, the tab is closed mid-send or the LRS
//! fails; the next visit sends what is left.
//!
//! - A statement made while no 職員番号 was set has no actor: it is kept
//!   aside ([`Outbox::unclaimed`]) and never given the identity of whoever
//!   sets a number later. The person who took it confirms it
//!   ([`Outbox::claim`]).
//! - Sending is in batches; a failure waits longer each time (doubling,
//!   with jitter so thousands of browsers coming back online at once do not
//!   knock together), at least as long as the LRS's `Retry-After` asks, and
//!   a refused sign-in waits an hour or more: a wrong password is not tried
//!   again and again.
//! - A batch the LRS refuses as a whole is sent one statement at a time,
//!   so one bad statement cannot hold back the rest; a statement the LRS
//!   refuses on its own is kept aside with the reason, never dropped.
//! - The outbox holds at most [`CAP`] statements (plus [`RESERVE`] for the
//!   course's start and result); what is made beyond is not kept, and
//!   counted ([`Outbox::not_kept`]) for the learner to see.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::xapi::{Queued, parse_timestamp, verbs};

/// The schema version of a stored outbox (2: statements carry their actor
/// from the moment they are made).
pub const VERSION: u32 = 2;
/// Statements per request.
pub const BATCH: usize = 50;
/// The first wait after a failure.
pub const FIRST_WAIT_MS: u64 = 5_000;
/// The longest wait between tries.
pub const LONGEST_WAIT_MS: u64 = 30 * 60_000;
/// The least wait after the LRS refused the site's sign-in (401, 403): the
/// deployment's settings must be fixed, which trying again cannot do.
pub const SIGN_IN_WAIT_MS: u64 = 60 * 60_000;
/// The longest `Retry-After` obeyed (a longer one is read as this).
pub const LONGEST_RETRY_AFTER_MS: u64 = 6 * 60 * 60_000;
/// How long one tab may send before another tab takes over (a tab that
/// was closed mid-send never blocks the others for longer). Longer than a
/// request may take (the app gives up on one after 20 s).
pub const LEASE_MS: u64 = 30_000;
/// Statements kept at most (waiting, waiting for an identity, refused).
/// Measured with the shipped courses: `answered` 1.2 to 1.6 K characters,
/// the others about 0.7 K, so a full outbox is under 2 M characters, well
/// within a browser's 5 M beside the learner's progress. About 80 attempts
/// of a ten-question course.
pub const CAP: usize = 1_000;
/// Room beyond [`CAP`] for statements about the course as a whole (start,
/// completion, pass or fail): an outbox full of answers still keeps them.
pub const RESERVE: usize = 100;
/// Delivered ids remembered, so a statement made again is not sent again.
const REMEMBERED: usize = 2_000;

/// Statements waiting, statements refused, and when to try next.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    /// Schema version ([`VERSION`]).
    pub version: u32,
    /// Waiting to be sent, oldest first, each with its actor.
    #[serde(default)]
    pub pending: Vec<Queued>,
    /// Made while no 職員番号 was set (no actor): kept until the person who
    /// took them confirms them, never sent under someone else's identity.
    #[serde(default)]
    pub unclaimed: Vec<Queued>,
    /// Refused by the LRS on their own, with the reason.
    #[serde(default)]
    pub refused: Vec<Refused>,
    /// Ids the LRS has: the same statement made again is not queued again.
    #[serde(default)]
    pub delivered: VecDeque<String>,
    /// Failures in a row (0 after a success).
    #[serde(default)]
    pub failures: u32,
    /// Not before this moment (ms since the Unix epoch).
    #[serde(default)]
    pub next_try_ms: u64,
    /// Another tab is sending until this moment.
    #[serde(default)]
    pub lease_until_ms: u64,
    /// How many more statements go one per request (the rest of a batch
    /// the LRS refused whole, to find the one at fault).
    #[serde(default)]
    pub singly: usize,
    /// What went wrong last, for the learner (empty after a success).
    #[serde(default)]
    pub last_error: String,
    /// The HTTP status of the last failure (0: no answer), 0 after a success.
    #[serde(default)]
    pub last_status: u16,
    /// Statements made while the outbox was full, so not kept.
    #[serde(default)]
    pub not_kept: u64,
}

/// A statement the LRS refused on its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    /// The statement.
    pub queued: Queued,
    /// The LRS's status and answer.
    pub reason: String,
}

/// What the LRS's answer to a batch means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Stored (200), or already stored as sent (204: a re-sent batch whose
    /// first reply was lost). Either way the LRS has it: delivered.
    Stored,
    /// The LRS holds a different statement under an id of the batch (409).
    Conflict,
    /// The statements were refused (400 and other 4xx but those below).
    Refused,
    /// The LRS refused the site's sign-in (401, 403): wait long, say so.
    SignIn,
    /// Try again later: no answer, a timeout, too many requests, or 5xx;
    /// not before `after_ms` when the LRS said so (`Retry-After`).
    Later {
        /// The LRS's `Retry-After`, in milliseconds.
        after_ms: Option<u64>,
    },
}

impl Answer {
    /// The meaning of an HTTP status (0: the request never got an answer)
    /// and the reply's `Retry-After`, in milliseconds, if any.
    pub fn of_status(status: u16, retry_after_ms: Option<u64>) -> Answer {
        match status {
            200..=299 => Answer::Stored,
            409 => Answer::Conflict,
            401 | 403 => Answer::SignIn,
            408 | 429 => Answer::Later {
                after_ms: retry_after_ms,
            },
            400..=499 => Answer::Refused,
            _ => Answer::Later {
                after_ms: retry_after_ms,
            },
        }
    }
}

/// Statements made while no 職員番号 was set, by attempt, for the learner
/// to recognise as theirs.
#[derive(Clone, Debug, PartialEq)]
pub struct UnclaimedAttempt {
    /// The attempt's `context.registration`.
    pub registration: String,
    /// The course's title as the statements name it.
    pub course: String,
    /// The earliest and latest statement's time (ms since the Unix epoch).
    pub from_ms: u64,
    /// See `from_ms`.
    pub to_ms: u64,
    /// How many statements.
    pub statements: usize,
}

/// How many statements [`Outbox::add`] kept, and how many it could not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Added {
    /// New statements kept (waiting, or waiting for an identity).
    pub kept: usize,
    /// New statements not kept: the outbox is full.
    pub not_kept: usize,
}

impl Outbox {
    /// An empty outbox.
    pub fn new() -> Outbox {
        Outbox {
            version: VERSION,
            ..Outbox::default()
        }
    }

    /// Reads a stored outbox. One of version 1 (statements were given the
    /// actor of whoever was set when sending) keeps its waiting statements
    /// aside as made without an identity: nothing says whose they are.
    /// `Err(Some(v))` for a newer version `v`, `Err(None)` for a value that
    /// is not an outbox.
    pub fn from_json(text: &str) -> Result<Outbox, Option<u32>> {
        let mut outbox: Outbox = serde_json::from_str(text).map_err(|_| None)?;
        if outbox.version > VERSION {
            return Err(Some(outbox.version));
        }
        if outbox.version < 2 {
            let (with, without): (Vec<Queued>, Vec<Queued>) = std::mem::take(&mut outbox.pending)
                .into_iter()
                .partition(has_actor);
            outbox.pending = with;
            outbox.unclaimed.extend(without);
        }
        outbox.version = VERSION;
        Ok(outbox)
    }

    /// Statements kept: waiting, waiting for an identity, refused.
    pub fn kept(&self) -> usize {
        self.pending.len() + self.unclaimed.len() + self.refused.len()
    }

    /// True when the next answer's statement would not be kept.
    pub fn is_full(&self) -> bool {
        self.kept() >= CAP
    }

    /// Keeps statements just made: those with an actor wait to be sent,
    /// those without wait for an identity ([`Outbox::unclaimed`]). A
    /// statement already kept or delivered is not kept twice; one beyond the
    /// cap is counted in [`Outbox::not_kept`]. A new statement is worth a
    /// try at once.
    pub fn add(&mut self, statements: Vec<Queued>) -> Added {
        let mut added = Added::default();
        for q in statements {
            let known = self.pending.iter().any(|p| p.id == q.id)
                || self.unclaimed.iter().any(|p| p.id == q.id)
                || self.delivered.contains(&q.id)
                || self.refused.iter().any(|r| r.queued.id == q.id);
            if known {
                continue;
            }
            let room = if is_about_the_course(&q) {
                CAP + RESERVE
            } else {
                CAP
            };
            if self.kept() >= room {
                added.not_kept += 1;
                continue;
            }
            if has_actor(&q) {
                self.pending.push(q);
            } else {
                self.unclaimed.push(q);
            }
            added.kept += 1;
        }
        self.not_kept = self.not_kept.saturating_add(added.not_kept as u64);
        if added.kept > 0 && self.failures == 0 {
            self.next_try_ms = 0;
        }
        added
    }

    /// When the oldest statement waiting to be sent was made (its
    /// `timestamp`), if any waits.
    pub fn oldest_pending_ms(&self) -> Option<u64> {
        self.pending
            .iter()
            .filter_map(|q| {
                q.statement
                    .pointer("/timestamp")
                    .and_then(Value::as_str)
                    .and_then(parse_timestamp)
            })
            .min()
    }

    /// The attempts whose statements wait for an identity, oldest first.
    pub fn unclaimed_attempts(&self) -> Vec<UnclaimedAttempt> {
        let mut out: Vec<UnclaimedAttempt> = Vec::new();
        for q in &self.unclaimed {
            let s = &q.statement;
            let registration = s
                .pointer("/context/registration")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let at = s
                .pointer("/timestamp")
                .and_then(Value::as_str)
                .and_then(parse_timestamp)
                .unwrap_or(0);
            let course = s
                .pointer("/context/contextActivities/parent/0/definition/name/ja-JP")
                .or_else(|| s.pointer("/object/definition/name/ja-JP"))
                .and_then(Value::as_str)
                .unwrap_or_default();
            match out.iter_mut().find(|a| a.registration == registration) {
                Some(a) => {
                    a.from_ms = a.from_ms.min(at);
                    a.to_ms = a.to_ms.max(at);
                    a.statements += 1;
                    if a.course.is_empty() {
                        a.course = course.to_owned();
                    }
                }
                None => out.push(UnclaimedAttempt {
                    registration: registration.to_owned(),
                    course: course.to_owned(),
                    from_ms: at,
                    to_ms: at,
                    statements: 1,
                }),
            }
        }
        out.sort_by_key(|a| a.from_ms);
        out
    }

    /// The learner confirmed that the attempt `registration`'s statements
    /// kept aside are theirs: `stamp` gives each its actor (the learner's
    /// as it is now) and they wait to be sent. Returns how many.
    pub fn claim(&mut self, registration: &str, stamp: impl Fn(&Value) -> Value) -> usize {
        let (mine, rest): (Vec<Queued>, Vec<Queued>) = std::mem::take(&mut self.unclaimed)
            .into_iter()
            .partition(|q| {
                q.statement
                    .pointer("/context/registration")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    == registration
            });
        self.unclaimed = rest;
        let n = mine.len();
        self.pending.extend(mine.into_iter().map(|q| Queued {
            statement: stamp(&q.statement),
            id: q.id,
        }));
        if n > 0 && self.failures == 0 {
            self.next_try_ms = 0;
        }
        n
    }

    /// The next batch to send at `now_ms`, and takes the lease for it; `None`
    /// when nothing waits, a wait after a failure is not over, or another
    /// tab is sending.
    pub fn take_batch(&mut self, now_ms: u64) -> Option<Vec<Queued>> {
        if self.pending.is_empty() || now_ms < self.next_try_ms || now_ms < self.lease_until_ms {
            return None;
        }
        let size = if self.singly > 0 { 1 } else { BATCH };
        self.lease_until_ms = now_ms.saturating_add(LEASE_MS);
        Some(self.pending.iter().take(size).cloned().collect())
    }

    /// Gives the lease taken at `taken_ms` back (the tab is closing while
    /// its request is in flight): another tab may send at once. A lease
    /// taken since by another tab is left alone.
    pub fn release(&mut self, taken_ms: u64) {
        if self.lease_until_ms == taken_ms.saturating_add(LEASE_MS) {
            self.lease_until_ms = 0;
        }
    }

    /// Takes in the LRS's answer to `batch` (as [`take_batch`] gave it).
    /// `jitter` is a random number in [0, 1) (the caller's random source);
    /// `status` and `detail` say what happened, for the learner and the
    /// refused list.
    ///
    /// [`take_batch`]: Outbox::take_batch
    pub fn answered(
        &mut self,
        batch: &[Queued],
        answer: Answer,
        now_ms: u64,
        jitter: f64,
        status: u16,
        detail: &str,
    ) {
        self.lease_until_ms = 0;
        match answer {
            Answer::Stored => self.delivered(batch),
            // One statement the LRS refuses, or holds in another form:
            // kept aside with the reason, never dropped, never sent again.
            Answer::Conflict | Answer::Refused if batch.len() == 1 => {
                let ids: Vec<&str> = batch.iter().map(|q| q.id.as_str()).collect();
                self.pending.retain(|p| !ids.contains(&p.id.as_str()));
                for q in batch {
                    self.refused.push(Refused {
                        queued: q.clone(),
                        reason: detail.to_owned(),
                    });
                }
                self.singly = self.singly.saturating_sub(1);
                self.failures = 0;
                self.next_try_ms = 0;
            }
            Answer::Conflict | Answer::Refused => {
                // Find the statement at fault by sending one at a time.
                self.singly = batch.len();
                self.next_try_ms = 0;
            }
            Answer::SignIn => {
                self.failures = self.failures.saturating_add(1);
                let wait = wait_ms(self.failures, jitter).max(SIGN_IN_WAIT_MS);
                self.next_try_ms = now_ms.saturating_add(wait);
                self.last_error = detail.to_owned();
                self.last_status = status;
            }
            Answer::Later { after_ms } => {
                self.failures = self.failures.saturating_add(1);
                let asked = after_ms.unwrap_or(0).min(LONGEST_RETRY_AFTER_MS);
                let wait = wait_ms(self.failures, jitter).max(asked);
                self.next_try_ms = now_ms.saturating_add(wait);
                self.last_error = detail.to_owned();
                self.last_status = status;
            }
        }
    }

    fn delivered(&mut self, batch: &[Queued]) {
        let ids: Vec<&str> = batch.iter().map(|q| q.id.as_str()).collect();
        self.pending.retain(|p| !ids.contains(&p.id.as_str()));
        for id in ids {
            self.delivered.push_back(id.to_owned());
        }
        while self.delivered.len() > REMEMBERED {
            self.delivered.pop_front();
        }
        self.failures = 0;
        self.next_try_ms = 0;
        self.last_error.clear();
        self.last_status = 0;
        if batch.len() == 1 {
            self.singly = self.singly.saturating_sub(1);
        }
    }

    /// Try at once (the learner asked, the page was opened again, or the
    /// browser is online again).
    pub fn try_now(&mut self) {
        self.next_try_ms = 0;
    }
}

/// True when the statement carries its actor.
fn has_actor(q: &Queued) -> bool {
    q.statement.get("actor").is_some_and(Value::is_object)
}

/// True for a statement about the course as a whole (not one answer).
fn is_about_the_course(q: &Queued) -> bool {
    q.statement.pointer("/verb/id").and_then(Value::as_str) != Some(verbs::ANSWERED)
}

/// The wait after `failures` failures in a row: 5 s doubling up to 30 min,
/// then scaled by 0.5 to 1.5 with `jitter` in [0, 1).
pub fn wait_ms(failures: u32, jitter: f64) -> u64 {
    let doubled = FIRST_WAIT_MS.saturating_mul(1u64 << failures.saturating_sub(1).min(20));
    let wait = doubled.min(LONGEST_WAIT_MS) as f64;
    (wait * (0.5 + jitter.clamp(0.0, 1.0))) as u64
}

/// A `Retry-After` value (seconds, or an HTTP date) as milliseconds from
/// `now_ms`; `None` when it is neither.
pub fn retry_after_ms(value: &str, now_ms: u64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    http_date_ms(value).map(|at| at.saturating_sub(now_ms))
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) as ms since the epoch.
fn http_date_ms(value: &str) -> Option<u64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? + 1;
    let day: u32 = day.parse().ok()?;
    parse_timestamp(&format!("{year}-{month:02}-{day:02}T{time}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A statement with an actor, as the app makes it when a 職員番号 is set.
    fn q(id: &str) -> Queued {
        Queued {
            id: id.to_owned(),
            statement: json!({ "id": id, "actor": { "account": { "name": "T1" } },
                "verb": { "id": verbs::ANSWERED } }),
        }
    }

    /// One made with no 職員番号: no actor.
    fn anon(id: &str, registration: &str) -> Queued {
        Queued {
            id: id.to_owned(),
            statement: json!({ "id": id, "verb": { "id": verbs::ANSWERED },
                "timestamp": "2026-12-01T01:00:00.000Z",
                "context": { "registration": registration,
                    "contextActivities": { "parent": [{ "definition": { "name": { "ja-JP": "人権研修" } } }] } } }),
        }
    }

    fn later() -> Answer {
        Answer::Later { after_ms: None }
    }

    #[test]
    fn a_statement_is_queued_once_and_forgotten_only_when_delivered() {
        let mut o = Outbox::new();
        assert_eq!(o.add(vec![q("a"), q("b"), q("a")]).kept, 2);
        let batch = o.take_batch(1).expect("due");
        assert_eq!(batch.len(), 2);
        o.answered(&batch, Answer::Stored, 2, 0.5, 200, "");
        assert!(o.pending.is_empty());
        // Made again (another tab saw the same event): not queued again.
        assert_eq!(o.add(vec![q("a")]).kept, 0);
    }

    #[test]
    fn a_statement_made_without_an_identity_waits_for_its_owner_to_claim_it() {
        let mut o = Outbox::new();
        o.add(vec![
            anon("x1", "r1"),
            anon("x2", "r1"),
            anon("y", "r2"),
            q("a"),
        ]);
        assert_eq!((o.pending.len(), o.unclaimed.len()), (1, 3));
        // Sending never touches them: only statements with an actor go.
        let batch = o.take_batch(1).expect("due");
        assert_eq!(batch.len(), 1);
        o.answered(&batch, Answer::Stored, 1, 0.5, 200, "");
        assert!(o.take_batch(2).is_none());
        assert_eq!(o.oldest_pending_ms(), None);
        let attempts = o.unclaimed_attempts();
        assert_eq!(attempts.len(), 2);
        assert_eq!(attempts[0].course, "人権研修");
        assert_eq!(attempts[0].statements, 2);
        // The owner of r1 confirms: r1 goes with their actor, r2 stays aside.
        let n = o.claim("r1", |s| {
            let mut s = s.clone();
            s["actor"] = json!({ "account": { "name": "T9" } });
            s
        });
        assert_eq!(n, 2);
        assert_eq!(o.unclaimed.len(), 1);
        assert_eq!(
            o.oldest_pending_ms(),
            parse_timestamp("2026-12-01T01:00:00.000Z")
        );
        let batch = o.take_batch(3).expect("due");
        assert_eq!(batch.len(), 2);
        assert!(
            batch
                .iter()
                .all(|q| q.statement["actor"]["account"]["name"] == "T9")
        );
    }

    #[test]
    fn a_version_1_outbox_keeps_its_actorless_statements_aside() {
        let v1 = r#"{"version":1,"pending":[{"id":"a","statement":{"id":"a"}}],"failures":2}"#;
        let o = Outbox::from_json(v1).expect("reads");
        assert_eq!(o.version, VERSION);
        assert!(o.pending.is_empty());
        assert_eq!(o.unclaimed.len(), 1);
        assert_eq!(Outbox::from_json(r#"{"version":9}"#), Err(Some(9)));
        assert_eq!(Outbox::from_json("{not json"), Err(None));
    }

    #[test]
    fn a_full_outbox_keeps_what_it_has_counts_what_it_cannot_and_keeps_room_for_results() {
        let mut o = Outbox::new();
        let answers: Vec<Queued> = (0..CAP + 5).map(|i| q(&format!("a{i}"))).collect();
        let added = o.add(answers);
        assert_eq!((added.kept, added.not_kept), (CAP, 5));
        assert!(o.is_full());
        assert_eq!(o.not_kept, 5);
        // The attempt's result still fits (the reserve).
        let mut passed = q("passed");
        passed.statement["verb"]["id"] = json!(verbs::PASSED);
        assert_eq!(o.add(vec![passed]).kept, 1);
        assert_eq!(o.add(vec![q("one-more")]).not_kept, 1);
        assert_eq!(o.not_kept, 6);
        // Sending makes room again.
        let batch = o.take_batch(1).expect("due");
        o.answered(&batch, Answer::Stored, 1, 0.5, 200, "");
        assert_eq!(o.add(vec![q("room")]).kept, 1);
    }

    #[test]
    fn failures_wait_longer_each_time_and_nothing_is_lost() {
        let mut o = Outbox::new();
        o.add(vec![q("a")]);
        let mut now = 1_000;
        let mut waits = Vec::new();
        for _ in 0..12 {
            let batch = o.take_batch(now).expect("due");
            o.answered(&batch, later(), now, 0.5, 503, "HTTP 503");
            waits.push(o.next_try_ms - now);
            assert!(o.take_batch(now + 1).is_none(), "waits after a failure");
            now = o.next_try_ms;
        }
        assert_eq!(o.pending.len(), 1);
        assert_eq!(waits.first(), Some(&5_000));
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(waits.last(), Some(&LONGEST_WAIT_MS));
        assert_eq!((o.last_error.as_str(), o.last_status), ("HTTP 503", 503));
        let batch = o.take_batch(now).expect("due");
        o.answered(&batch, Answer::Stored, now, 0.5, 200, "");
        assert!(o.pending.is_empty() && o.failures == 0 && o.last_error.is_empty());
        assert_eq!(o.last_status, 0);
    }

    #[test]
    fn retry_after_is_obeyed_and_a_refused_sign_in_waits_an_hour() {
        let mut o = Outbox::new();
        o.add(vec![q("a")]);
        let batch = o.take_batch(0).expect("due");
        let busy = Answer::of_status(429, Some(120_000));
        assert_eq!(
            busy,
            Answer::Later {
                after_ms: Some(120_000)
            }
        );
        o.answered(&batch, busy, 0, 0.5, 429, "HTTP 429");
        assert_eq!(o.next_try_ms, 120_000);
        // An absurd Retry-After is read as the longest obeyed.
        let batch = o.take_batch(120_000).expect("due");
        o.answered(
            &batch,
            Answer::Later {
                after_ms: Some(u64::MAX),
            },
            120_000,
            0.5,
            503,
            "",
        );
        assert_eq!(o.next_try_ms, 120_000 + LONGEST_RETRY_AFTER_MS);

        let mut o = Outbox::new();
        o.add(vec![q("a")]);
        let batch = o.take_batch(0).expect("due");
        o.answered(
            &batch,
            Answer::of_status(401, None),
            0,
            0.0,
            401,
            "HTTP 401",
        );
        assert_eq!(o.next_try_ms, SIGN_IN_WAIT_MS);
        assert_eq!(o.pending.len(), 1, "kept");
        assert_eq!(o.last_status, 401);
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        assert_eq!(retry_after_ms("120", 0), Some(120_000));
        let at = parse_timestamp("2026-12-06T14:00:00Z").unwrap();
        assert_eq!(
            retry_after_ms("Sun, 06 Dec 2026 14:00:30 GMT", at),
            Some(30_000)
        );
        assert_eq!(retry_after_ms("Sun, 06 Dec 2026 13:00:00 GMT", at), Some(0));
        assert_eq!(retry_after_ms("soon", 0), None);
    }

    #[test]
    fn jitter_spreads_the_wait_between_half_and_one_and_a_half() {
        assert_eq!(wait_ms(1, 0.0), 2_500);
        assert_eq!(wait_ms(1, 0.999_999), 7_499);
        assert_eq!(wait_ms(3, 0.5), 20_000);
        assert_eq!(wait_ms(40, 0.5), LONGEST_WAIT_MS);
    }

    #[test]
    fn a_refused_batch_is_sent_one_by_one_and_only_the_bad_one_is_kept_aside() {
        let mut o = Outbox::new();
        o.add(vec![q("good1"), q("bad"), q("good2")]);
        let batch = o.take_batch(1).expect("due");
        o.answered(&batch, Answer::Refused, 1, 0.5, 400, "400");
        assert_eq!(o.singly, 3);
        let mut sent = Vec::new();
        while let Some(batch) = o.take_batch(2) {
            assert_eq!(batch.len(), 1);
            let id = batch[0].id.clone();
            let answer = if id == "bad" {
                Answer::Refused
            } else {
                Answer::Stored
            };
            o.answered(&batch, answer, 2, 0.5, 400, "400 invalid");
            sent.push(id);
        }
        assert_eq!(sent, ["good1", "bad", "good2"]);
        assert!(o.pending.is_empty());
        assert_eq!(o.singly, 0, "back to batches");
        assert_eq!(o.refused.len(), 1);
        assert_eq!(o.refused[0].queued.id, "bad");
        assert_eq!(o.refused[0].reason, "400 invalid");
        assert_eq!(
            o.add(vec![q("bad")]).kept,
            0,
            "a refused statement is not queued again"
        );
    }

    #[test]
    fn refused_statements_are_all_kept() {
        let mut o = Outbox::new();
        for i in 0..600 {
            o.add(vec![q(&format!("r{i}"))]);
            let batch = o.take_batch(0).expect("due");
            o.answered(&batch, Answer::Refused, 0, 0.5, 400, "400");
        }
        assert_eq!(o.refused.len(), 600, "none dropped");
        assert_eq!(o.kept(), 600);
    }

    #[test]
    fn another_tab_sending_holds_this_one_back_until_its_lease_ends_or_is_given_back() {
        let mut o = Outbox::new();
        o.add(vec![q("a")]);
        assert!(o.take_batch(1_000).is_some());
        assert!(o.take_batch(1_001).is_none());
        assert!(o.take_batch(1_000 + LEASE_MS).is_some());
        // A closing tab gives its lease back; someone else's is left alone.
        let taken = 1_000 + LEASE_MS;
        o.release(taken - 1);
        assert!(o.take_batch(taken + 1).is_none());
        o.release(taken);
        assert!(o.take_batch(taken + 1).is_some());
    }

    #[test]
    fn statuses_mean_what_an_lrs_means() {
        assert_eq!(Answer::of_status(200, None), Answer::Stored);
        assert_eq!(Answer::of_status(204, None), Answer::Stored);
        assert_eq!(Answer::of_status(400, None), Answer::Refused);
        assert_eq!(Answer::of_status(409, None), Answer::Conflict);
        assert_eq!(Answer::of_status(401, None), Answer::SignIn);
        assert_eq!(Answer::of_status(403, None), Answer::SignIn);
        for status in [0, 408, 429, 500, 502, 503] {
            assert_eq!(Answer::of_status(status, None), later(), "{status}");
        }
    }

    #[test]
    fn a_stored_outbox_round_trips() {
        let mut o = Outbox::new();
        o.add(vec![q("a"), anon("b", "r")]);
        let text = serde_json::to_string(&o).expect("serialises");
        assert_eq!(Outbox::from_json(&text), Ok(o));
    }
}
