//! Reporting to the organisation's LRS, when the deployment turned it on
//! (see [`crate::lrs`]). The outbox (localStorage) is the first stop: the
//! attempt screen hands over what the learner did, and in that same call
//! its statements are made, with the learner's actor and department as
//! they are at that moment, and written to the outbox. Only sending is
//! asynchronous, so a tab closed mid-send loses nothing. The code that
//! makes and sends statements is in a later chunk, so a site without
//! reporting never loads it; it is fetched as the page starts, and an event
//! in the moment before it is in waits in memory with the learner as they
//! were then. The learner sees what is waiting and why.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use quiz_core::Course;
use quiz_core::attempt::Attempt;
use quiz_core::lms::outbox::UnclaimedAttempt;
use quiz_core::progress::Learner;

use super::clock::{now_ms, random_unit};
use super::store::Store;

/// What the learner did, as handed over by the attempt screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Did {
    /// Started a new attempt.
    Start,
    /// Opened an unfinished attempt again.
    Resume,
    /// Left an unfinished attempt.
    Suspend,
    /// Answered question `index` (the last one finishes the attempt).
    Answer(usize),
}

/// One event, with the learner as they were at it.
#[derive(Clone, Debug)]
struct Event {
    did: Did,
    course: Course,
    attempt: Attempt,
    learner: Option<Learner>,
    at_ms: u64,
}

/// Where the outbox stands, for the learner.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OutboxState {
    /// Statements waiting to be sent.
    pub waiting: usize,
    /// When the oldest of them was made (ms since the Unix epoch).
    pub oldest_ms: u64,
    /// Attempts whose statements were made while no 職員番号 was set:
    /// kept aside until the person who took them confirms them.
    pub unclaimed: Vec<UnclaimedAttempt>,
    /// Statements the LRS refused (kept in the outbox, not sent again).
    pub refused: usize,
    /// Statements made while the outbox was full, so not kept.
    pub not_kept: u64,
    /// The outbox holds as many statements as it may.
    pub full: bool,
    /// Why the last try failed (empty after a success).
    pub error: String,
    /// The last failure's HTTP status (0: no answer).
    pub status: u16,
    /// The outbox could not be read or written (what the browser said).
    pub storage_error: Option<String>,
    /// Statements made but not yet written (the write failed): kept in
    /// this page and written with the next event, lost if it closes.
    pub unsaved: usize,
    /// The deployment's settings cannot be read (the reason).
    pub broken_settings: Option<String>,
    /// Where the statements go (the LRS's origin), for Settings.
    pub destination: String,
}

impl OutboxState {
    /// True when the learner should be told something.
    pub fn worth_saying(&self) -> bool {
        self.broken_settings.is_some()
            || self.storage_error.is_some()
            || self.unsaved > 0
            || self.waiting > 0
            || !self.unclaimed.is_empty()
            || self.refused > 0
            || self.not_kept > 0
            || self.full
    }
}

/// Reporting, present only when the deployment turned it on. A small
/// handle: what is not shown lives in a thread-local of this module, so a site without
/// reporting carries almost none of it.
#[derive(Clone, Copy)]
pub struct Reporting {
    /// The outbox as last seen.
    pub state: RwSignal<OutboxState>,
    store: Store,
}

/// Makes an event's statements and writes them to the outbox: set by the
/// reporting chunk once it is in (the main chunk only calls it).
type Recorder = Rc<dyn Fn(Reporting, Event)>;
/// Gives the statements of an attempt kept aside the current learner's
/// actor (they confirmed the attempt is theirs).
type Claimer = Rc<dyn Fn(Reporting, &str)>;

/// What the handle does not show: events waiting for the reporting chunk,
/// statements whose write failed, and whether a run is going (runs never
/// overlap, so one tab never sends the same batch twice).
#[derive(Default)]
struct Inner {
    settings: String,
    recorder: Option<Recorder>,
    claimer: Option<Claimer>,
    early: Vec<Event>,
    unsaved: Vec<quiz_core::lms::xapi::Queued>,
    /// When this tab took the outbox's lease for a request in flight.
    lease_taken: Option<u64>,
    busy: bool,
    again: bool,
    started: bool,
}

thread_local! {
    /// The page's one [`Reporting`], reachable from event handlers too
    /// (starting a course from a button), where no context is.
    static PROVIDED: std::cell::Cell<Option<Reporting>> = const { std::cell::Cell::new(None) };
    static INNER: RefCell<Inner> = RefCell::new(Inner::default());
}

impl Reporting {
    /// Sets reporting up when the page carries the deployment's settings,
    /// fetches its code, and sends what an earlier visit left in the outbox.
    pub fn provide() {
        let Some(settings) = crate::lrs::settings_text() else {
            return;
        };
        INNER.with_borrow_mut(|inner| inner.settings = settings);
        let reporting = Reporting {
            state: RwSignal::new(OutboxState::default()),
            store: Store::expect(),
        };
        PROVIDED.set(Some(reporting));
        reporting.run(true);
    }

    /// Reporting, if the deployment turned it on.
    pub fn get() -> Option<Reporting> {
        PROVIDED.get()
    }

    /// Hands over what the learner did in `course`'s `attempt` (after it):
    /// its statements are made and written to the outbox before this
    /// returns (once the reporting code is in), then sent.
    pub fn record(&self, did: Did, course: &Course, attempt: &Attempt) {
        let event = Event {
            did,
            course: course.clone(),
            attempt: attempt.clone(),
            learner: self.store.progress.with_untracked(|p| p.learner.clone()),
            at_ms: now_ms(),
        };
        let recorder = INNER.with_borrow_mut(|inner| {
            let recorder = inner.recorder.clone();
            if recorder.is_none() {
                inner.early.push(event.clone());
            }
            recorder
        });
        if let Some(recorder) = recorder {
            recorder(*self, event);
        }
        self.run(false);
    }

    /// The learner confirmed that the attempt `registration`, recorded while
    /// no 職員番号 was set, is theirs: its statements get their actor now
    /// and are sent.
    pub fn claim(&self, registration: &str) {
        let claimer = INNER.with_borrow(|inner| inner.claimer.clone());
        if let Some(claimer) = claimer {
            claimer(*self, registration);
            self.run(true);
        }
    }

    /// Sends now, even during a wait after a failure (the learner asked,
    /// or the browser is back online).
    pub fn send_now(&self) {
        self.run(true);
    }

    fn run(self, try_now: bool) {
        leptos::task::spawn_local(drive(self, try_now));
    }
}

/// One run: on the first, sets the recorder up and keeps the events that
/// came before it; then sends what is due, shows where the outbox stands,
/// and plans the next run. Runs never overlap (a call during one asks for
/// another after it). A split point: a site without reporting never loads
/// it, and the first load carries only the call.
#[cfg_attr(kenshu_split, leptos::lazy)]
async fn drive(reporting: Reporting, try_now: bool) {
    let Some((settings, first)) = INNER.with_borrow_mut(|inner| {
        if inner.busy {
            inner.again = true;
            return None;
        }
        inner.busy = true;
        let first = !std::mem::replace(&mut inner.started, true);
        Some((inner.settings.clone(), first))
    }) else {
        return;
    };
    let retry_in_ms = match Ctx::new(&settings, reporting) {
        Err(e) => {
            INNER.with_borrow_mut(|inner| inner.early.clear());
            reporting.state.set(OutboxState {
                broken_settings: Some(e),
                ..OutboxState::default()
            });
            None
        }
        Ok(ctx) => {
            let ctx = Rc::new(ctx);
            if first {
                ctx.clone().start(reporting);
            }
            ctx.send(reporting, try_now).await
        }
    };
    let again = INNER.with_borrow_mut(|inner| {
        inner.busy = false;
        std::mem::take(&mut inner.again)
    });
    if again {
        reporting.run(false);
    } else if let Some(ms) = retry_in_ms {
        set_timeout(move || reporting.run(false), Duration::from_millis(ms));
    }
}

/// The deployment's settings, read, and what the chunk's code needs.
struct Ctx {
    config: quiz_core::lms::xapi::Config,
    base: String,
    store: Store,
}

impl Ctx {
    fn new(settings: &str, reporting: Reporting) -> Result<Ctx, String> {
        let config = quiz_core::lms::xapi::Config::parse(settings)?;
        let base = config
            .activity_base
            .clone()
            .unwrap_or_else(crate::lrs::site_base);
        Ok(Ctx {
            config,
            base,
            store: reporting.store,
        })
    }

    /// The learner as they are now, to the LRS.
    fn who(&self, learner: Option<&Learner>) -> quiz_core::lms::xapi::Who {
        quiz_core::lms::xapi::Who {
            actor: self.config.actor(learner),
            department: learner.and_then(|l| l.department.clone()),
        }
    }

    /// The first run: the recorder and claimer are set, the events that
    /// came before are kept, and the page's listeners are registered (for
    /// its lifetime): back online, and the page going away mid-send.
    fn start(self: Rc<Self>, reporting: Reporting) {
        let recorder: Recorder = {
            let ctx = self.clone();
            Rc::new(move |reporting, event| ctx.keep(reporting, vec![event]))
        };
        let claimer: Claimer = {
            let ctx = self.clone();
            Rc::new(move |reporting, registration| ctx.claim(reporting, registration))
        };
        let early = INNER.with_borrow_mut(|inner| {
            inner.recorder = Some(recorder);
            inner.claimer = Some(claimer);
            std::mem::take(&mut inner.early)
        });
        self.keep(reporting, early);
        let online = window_event_listener(leptos::ev::online, move |_| reporting.send_now());
        std::mem::forget(online);
        // A tab closed while its request is in flight gives the lease back,
        // so the next tab sends at once (a re-sent batch the LRS already
        // stored is answered "already stored").
        let hide = window_event_listener(leptos::ev::pagehide, |_| {
            if let Some(taken) = INNER.with_borrow_mut(|inner| inner.lease_taken.take()) {
                let _ = crate::storage::update_outbox(now_ms(), |o| o.release(taken));
            }
        });
        std::mem::forget(hide);
    }

    /// Makes the events' statements (each with the learner as they were at
    /// it) and writes them, with any whose write failed before, to the
    /// outbox, now.
    fn keep(&self, reporting: Reporting, events: Vec<Event>) {
        use quiz_core::lms::xapi::{Event as E, make};
        let mut made = INNER.with_borrow_mut(|inner| std::mem::take(&mut inner.unsaved));
        for e in &events {
            let event = match e.did {
                Did::Start => E::Started(&e.attempt),
                Did::Resume => E::Resumed(&e.attempt),
                Did::Suspend => E::Suspended(&e.attempt),
                Did::Answer(index) => E::Answered(&e.attempt, index),
            };
            let who = self.who(e.learner.as_ref());
            made.extend(make(event, &e.course, &self.base, e.at_ms, &who));
        }
        if made.is_empty() {
            return;
        }
        let written = crate::storage::update_outbox(now_ms(), |o| {
            o.add(made.clone());
            self.snapshot(o)
        });
        self.show(reporting, written, made);
    }

    fn claim(&self, reporting: Reporting, registration: &str) {
        use quiz_core::lms::xapi::with_actor;
        let learner = self.store.progress.with_untracked(|p| p.learner.clone());
        let who = self.who(learner.as_ref());
        let Some(actor) = who.actor else {
            return;
        };
        let written = crate::storage::update_outbox(now_ms(), |o| {
            o.claim(registration, |s| {
                with_actor(s, &actor, who.department.as_deref(), &self.base)
            });
            self.snapshot(o)
        });
        self.show(reporting, written, Vec::new());
    }

    /// Shows the outbox as written, or the failed write (its statements
    /// are kept in this page and written with the next event).
    fn show(
        &self,
        reporting: Reporting,
        written: Result<OutboxState, crate::storage::StorageError>,
        made: Vec<quiz_core::lms::xapi::Queued>,
    ) {
        match written {
            Ok(state) => reporting.state.set(state),
            Err(e) => {
                let unsaved = INNER.with_borrow_mut(|inner| {
                    inner.unsaved = made;
                    inner.unsaved.len()
                });
                reporting.state.update(|s| {
                    s.storage_error = Some(format!("{e:?}"));
                    s.unsaved = unsaved;
                });
            }
        }
    }

    fn snapshot(&self, o: &quiz_core::lms::outbox::Outbox) -> OutboxState {
        OutboxState {
            waiting: o.pending.len(),
            oldest_ms: o.oldest_pending_ms().unwrap_or(0),
            unclaimed: o.unclaimed_attempts(),
            refused: o.refused.len(),
            not_kept: o.not_kept,
            full: o.is_full(),
            error: o.last_error.clone(),
            status: o.last_status,
            storage_error: None,
            unsaved: INNER.with_borrow(|inner| inner.unsaved.len()),
            broken_settings: None,
            destination: self.config.origin().unwrap_or_default().to_owned(),
        }
    }

    /// Sends what is due, batch after batch, until nothing is or a try
    /// fails; shows where the outbox stands. Returns, when statements
    /// still wait, when to try next.
    async fn send(&self, reporting: Reporting, try_now: bool) -> Option<u64> {
        use quiz_core::lms::outbox::{Answer, retry_after_ms};
        let authorization = self.config.authorization();
        let url = self.config.statements_url();
        let failed = |e: crate::storage::StorageError| {
            reporting
                .state
                .update(|s| s.storage_error = Some(format!("{e:?}")));
        };
        match crate::storage::update_outbox(now_ms(), |o| {
            if try_now {
                o.try_now();
            }
            self.snapshot(o)
        }) {
            Ok(state) => reporting.state.set(state),
            Err(e) => {
                failed(e);
                return None;
            }
        }
        loop {
            let now = now_ms();
            let batch = match crate::storage::update_outbox(now, |o| o.take_batch(now)) {
                Ok(Some(batch)) => batch,
                Ok(None) => break,
                Err(e) => {
                    failed(e);
                    return None;
                }
            };
            INNER.with_borrow_mut(|inner| inner.lease_taken = Some(now));
            let body: Vec<&serde_json::Value> = batch.iter().map(|q| &q.statement).collect();
            let body = serde_json::to_string(&body).unwrap_or_default();
            let reply =
                crate::lrs::request("POST", &url, authorization.as_deref(), Some(&body)).await;
            INNER.with_borrow_mut(|inner| inner.lease_taken = None);
            let now = now_ms();
            let after = reply
                .retry_after
                .as_deref()
                .and_then(|v| retry_after_ms(v, now));
            let answer = Answer::of_status(reply.status, after);
            let detail = if reply.status == 0 {
                reply.text.clone()
            } else {
                format!("HTTP {}: {}", reply.status, clip(&reply.text))
            };
            let jitter = random_unit();
            match crate::storage::update_outbox(now, |o| {
                o.answered(&batch, answer, now, jitter, reply.status, &detail);
                self.snapshot(o)
            }) {
                Ok(state) => reporting.state.set(state),
                Err(e) => {
                    failed(e);
                    return None;
                }
            }
            if !matches!(answer, Answer::Stored | Answer::Refused | Answer::Conflict) {
                break;
            }
        }
        crate::storage::update_outbox(now_ms(), |o| {
            let due = o.next_try_ms.max(o.lease_until_ms);
            (!o.pending.is_empty()).then(|| due.saturating_sub(now_ms()).max(1_000))
        })
        .ok()
        .flatten()
    }
}

fn clip(text: &str) -> String {
    text.chars().take(300).collect()
}
