//! The outbox: statements waiting to reach the LRS. It lives in the
//! learner's browser (the app stores it), so nothing is lost when the
//! network is down, the tab is closed or the LRS fails; the next visit
//! sends what is left.
//!
//! Sending is in batches; a failure waits longer each time (doubling, with
//! jitter so thousands of browsers coming back online at once do not knock
//! together). A batch the LRS refuses as a whole is sent one statement at a
//! time, so one bad statement cannot hold back the rest; a statement the
//! LRS refuses on its own is kept aside with the reason, never dropped.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::xapi::Queued;

/// The schema version of a stored outbox.
pub const VERSION: u32 = 1;
/// Statements per request.
pub const BATCH: usize = 50;
/// The first wait after a failure.
pub const FIRST_WAIT_MS: u64 = 5_000;
/// The longest wait between tries.
pub const LONGEST_WAIT_MS: u64 = 30 * 60_000;
/// How long one tab may send before another tab takes over (a tab that
/// was closed mid-send never blocks the others for longer).
pub const LEASE_MS: u64 = 30_000;
/// Delivered ids remembered, so a statement made again is not sent again.
const REMEMBERED: usize = 2_000;
/// Refused statements kept for the learner to see (the oldest go first).
const KEPT_REFUSED: usize = 500;

/// Statements waiting, statements refused, and when to try next.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    /// Schema version ([`VERSION`]).
    pub version: u32,
    /// Waiting to be sent, oldest first.
    #[serde(default)]
    pub pending: Vec<Queued>,
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
    /// Stored (200), or already stored as sent (204).
    Stored,
    /// The LRS holds a different statement under an id of the batch (409).
    Conflict,
    /// The statements were refused (400 and other 4xx but 401, 403, 408 and 429).
    Refused,
    /// Try again later: no network, a timeout, sign-in refused (the
    /// deployment's settings may be fixed), too many requests, or 5xx.
    Later,
}

impl Answer {
    /// The meaning of an HTTP status (0: the request never got an answer).
    pub fn of_status(status: u16) -> Answer {
        match status {
            200..=299 => Answer::Stored,
            409 => Answer::Conflict,
            401 | 403 | 408 | 429 => Answer::Later,
            400..=499 => Answer::Refused,
            _ => Answer::Later,
        }
    }
}

impl Outbox {
    /// An empty outbox.
    pub fn new() -> Outbox {
        Outbox {
            version: VERSION,
            ..Outbox::default()
        }
    }

    /// Queues statements not already waiting or delivered; returns how many
    /// were added. A new statement is worth a try at once.
    pub fn add(&mut self, statements: Vec<Queued>) -> usize {
        let mut added = 0;
        for q in statements {
            let known = self.pending.iter().any(|p| p.id == q.id)
                || self.delivered.contains(&q.id)
                || self.refused.iter().any(|r| r.queued.id == q.id);
            if !known {
                self.pending.push(q);
                added += 1;
            }
        }
        if added > 0 && self.failures == 0 {
            self.next_try_ms = 0;
        }
        added
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

    /// Takes in the LRS's answer to `batch` (as [`take_batch`] gave it).
    /// `jitter` is a random number in [0, 1) (the caller's random source);
    /// `detail` says what happened, for the learner and the refused list.
    ///
    /// [`take_batch`]: Outbox::take_batch
    pub fn answered(
        &mut self,
        batch: &[Queued],
        answer: Answer,
        now_ms: u64,
        jitter: f64,
        detail: &str,
    ) {
        self.lease_until_ms = 0;
        match answer {
            Answer::Stored => self.delivered(batch),
            // One statement that the LRS already holds in another form: the
            // event is recorded there; keep ours for the learner to see.
            Answer::Conflict | Answer::Refused if batch.len() == 1 => {
                let ids: Vec<&str> = batch.iter().map(|q| q.id.as_str()).collect();
                self.pending.retain(|p| !ids.contains(&p.id.as_str()));
                for q in batch {
                    self.refused.push(Refused {
                        queued: q.clone(),
                        reason: detail.to_owned(),
                    });
                }
                let excess = self.refused.len().saturating_sub(KEPT_REFUSED);
                self.refused.drain(..excess);
                self.singly = self.singly.saturating_sub(1);
                self.failures = 0;
                self.next_try_ms = 0;
            }
            Answer::Conflict | Answer::Refused => {
                // Find the statement at fault by sending one at a time.
                self.singly = batch.len();
                self.next_try_ms = 0;
            }
            Answer::Later => {
                self.failures = self.failures.saturating_add(1);
                self.next_try_ms = now_ms.saturating_add(wait_ms(self.failures, jitter));
                self.last_error = detail.to_owned();
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
        if batch.len() == 1 {
            self.singly = self.singly.saturating_sub(1);
        }
    }

    /// Try at once (the learner asked, or the browser is online again).
    pub fn try_now(&mut self) {
        self.next_try_ms = 0;
    }
}

/// The wait after `failures` failures in a row: 5 s doubling up to 30 min,
/// then scaled by 0.5 to 1.5 with `jitter` in [0, 1).
pub fn wait_ms(failures: u32, jitter: f64) -> u64 {
    let doubled = FIRST_WAIT_MS.saturating_mul(1u64 << failures.saturating_sub(1).min(20));
    let wait = doubled.min(LONGEST_WAIT_MS) as f64;
    (wait * (0.5 + jitter.clamp(0.0, 1.0))) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(id: &str) -> Queued {
        Queued {
            id: id.to_owned(),
            statement: json!({ "id": id }),
        }
    }

    #[test]
    fn a_statement_is_queued_once_and_forgotten_only_when_delivered() {
        let mut o = Outbox::new();
        assert_eq!(o.add(vec![q("a"), q("b"), q("a")]), 2);
        let batch = o.take_batch(1).expect("due");
        assert_eq!(batch.len(), 2);
        o.answered(&batch, Answer::Stored, 2, 0.5, "");
        assert!(o.pending.is_empty());
        // Made again (another tab saw the same event): not queued again.
        assert_eq!(o.add(vec![q("a")]), 0);
    }

    #[test]
    fn failures_wait_longer_each_time_and_nothing_is_lost() {
        let mut o = Outbox::new();
        o.add(vec![q("a")]);
        let mut now = 1_000;
        let mut waits = Vec::new();
        for _ in 0..12 {
            let batch = o.take_batch(now).expect("due");
            o.answered(&batch, Answer::Later, now, 0.5, "offline");
            waits.push(o.next_try_ms - now);
            assert!(o.take_batch(now + 1).is_none(), "waits after a failure");
            now = o.next_try_ms;
        }
        assert_eq!(o.pending.len(), 1);
        assert_eq!(waits.first(), Some(&5_000));
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(waits.last(), Some(&LONGEST_WAIT_MS));
        assert_eq!(o.last_error, "offline");
        let batch = o.take_batch(now).expect("due");
        o.answered(&batch, Answer::Stored, now, 0.5, "");
        assert!(o.pending.is_empty() && o.failures == 0 && o.last_error.is_empty());
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
        o.answered(&batch, Answer::Refused, 1, 0.5, "400");
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
            o.answered(&batch, answer, 2, 0.5, "400 invalid");
            sent.push(id);
        }
        assert_eq!(sent, ["good1", "bad", "good2"]);
        assert!(o.pending.is_empty());
        assert_eq!(o.singly, 0, "back to batches");
        assert_eq!(o.refused.len(), 1);
        assert_eq!(o.refused[0].queued.id, "bad");
        assert_eq!(o.refused[0].reason, "400 invalid");
        assert_eq!(
            o.add(vec![q("bad")]),
            0,
            "a refused statement is not queued again"
        );
    }

    #[test]
    fn another_tab_sending_holds_this_one_back_until_its_lease_ends() {
        let mut o = Outbox::new();
        o.add(vec![q("a")]);
        assert!(o.take_batch(1_000).is_some());
        assert!(o.take_batch(1_001).is_none());
        assert!(o.take_batch(1_000 + LEASE_MS).is_some());
    }

    #[test]
    fn statuses_mean_what_an_lrs_means() {
        assert_eq!(Answer::of_status(200), Answer::Stored);
        assert_eq!(Answer::of_status(204), Answer::Stored);
        assert_eq!(Answer::of_status(400), Answer::Refused);
        assert_eq!(Answer::of_status(409), Answer::Conflict);
        for later in [0, 401, 403, 408, 429, 500, 502, 503] {
            assert_eq!(Answer::of_status(later), Answer::Later, "{later}");
        }
    }

    #[test]
    fn a_stored_outbox_round_trips() {
        let mut o = Outbox::new();
        o.add(vec![q("a")]);
        let text = serde_json::to_string(&o).expect("serialises");
        let back: Outbox = serde_json::from_str(&text).expect("reads");
        assert_eq!(back, o);
    }
}
