//! Reporting to the organisation's LRS, when the deployment turned it on
//! (see [`crate::lrs`]): the attempt screen hands over what the learner
//! did; statements are made, kept in the outbox (localStorage) and sent,
//! with backoff, by code in a later chunk, so a site without reporting
//! never even loads it. The learner sees what is waiting.

use std::cell::RefCell;
use std::time::Duration;

use leptos::prelude::*;
use quiz_core::Course;
use quiz_core::attempt::Attempt;
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

/// One event waiting to become statements.
#[derive(Clone, Debug)]
struct Pending {
    did: Did,
    course: Course,
    attempt: Attempt,
    at_ms: u64,
}

/// Where the outbox stands, for the learner.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OutboxState {
    /// Statements waiting to be sent.
    pub waiting: usize,
    /// Statements the LRS refused (kept in the outbox, not sent again).
    pub refused: usize,
    /// Why the last try failed (empty after a success).
    pub error: String,
    /// Nothing can be sent until the learner sets a 職員番号.
    pub needs_staff_number: bool,
    /// The deployment's settings cannot be read (the reason).
    pub broken_settings: Option<String>,
    /// Where the statements go (the LRS's origin), for Settings.
    pub destination: String,
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

/// What the handle does not show: events waiting for the next run, and
/// whether a run is going (runs never overlap, so one tab never sends the
/// same batch twice).
#[derive(Default)]
struct Inner {
    settings: String,
    queue: Vec<Pending>,
    busy: bool,
    again: bool,
    listening: bool,
}

thread_local! {
    /// The page's one [`Reporting`], reachable from event handlers too
    /// (starting a course from a button), where no context is.
    static PROVIDED: std::cell::Cell<Option<Reporting>> = const { std::cell::Cell::new(None) };
    static INNER: RefCell<Inner> = RefCell::new(Inner::default());
}

impl Reporting {
    /// Sets reporting up when the page carries the deployment's settings,
    /// and sends what an earlier visit left in the outbox.
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

    /// Hands over what the learner did in `course`'s `attempt` (after it).
    pub fn record(&self, did: Did, course: &Course, attempt: &Attempt) {
        let event = Pending {
            did,
            course: course.clone(),
            attempt: attempt.clone(),
            at_ms: now_ms(),
        };
        INNER.with_borrow_mut(|inner| inner.queue.push(event));
        self.run(false);
    }

    /// Sends now, even during a wait after a failure (the learner asked,
    /// set a staff number, or the browser is back online).
    pub fn send_now(&self) {
        self.run(true);
    }

    fn run(self, try_now: bool) {
        leptos::task::spawn_local(drive(self, try_now));
    }
}

/// One run: takes the waiting events, works the outbox, shows where it
/// stands, and plans the next run. Runs never overlap (a call during one
/// asks for another after it). A split point: a site without reporting
/// never loads it, and the first load carries only the call.
#[cfg_attr(kenshu_split, leptos::lazy)]
async fn drive(reporting: Reporting, try_now: bool) {
    let Some((events, settings, listen)) = INNER.with_borrow_mut(|inner| {
        if inner.busy {
            inner.again = true;
            return None;
        }
        inner.busy = true;
        let listen = !std::mem::replace(&mut inner.listening, true);
        Some((
            std::mem::take(&mut inner.queue),
            inner.settings.clone(),
            listen,
        ))
    }) else {
        return;
    };
    let job = Job {
        events,
        learner: reporting
            .store
            .progress
            .with_untracked(|p| p.learner.clone()),
        settings,
        site: crate::lrs::site_base(),
        try_now,
        listen: listen.then_some(reporting),
    };
    let (state, retry_in_ms) = work(job).await;
    reporting.state.set(state);
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

/// What one run of the outbox works with.
struct Job {
    events: Vec<Pending>,
    learner: Option<Learner>,
    settings: String,
    site: String,
    try_now: bool,
    /// On the first run: listen for the browser coming back online.
    listen: Option<Reporting>,
}

/// Queues the events' statements and sends what is due, batch after batch,
/// until nothing is or a try fails. Returns where the outbox stands and,
/// when statements still wait, when to try next.
async fn work(job: Job) -> (OutboxState, Option<u64>) {
    use quiz_core::lms::outbox::{Answer, Outbox};
    use quiz_core::lms::xapi::{Config, Event, ready_to_send, statements};

    let config = match Config::parse(&job.settings) {
        Ok(config) => config,
        Err(e) => {
            let state = OutboxState {
                broken_settings: Some(e),
                ..OutboxState::default()
            };
            return (state, None);
        }
    };
    if let Some(reporting) = job.listen {
        // Registered here, in this chunk, for the page's lifetime.
        let online = window_event_listener(leptos::ev::online, move |_| reporting.send_now());
        std::mem::forget(online);
    }
    let base = config.activity_base.clone().unwrap_or(job.site);
    let made: Vec<_> = job
        .events
        .iter()
        .flat_map(|e| {
            let event = match e.did {
                Did::Start => Event::Started(&e.attempt),
                Did::Resume => Event::Resumed(&e.attempt),
                Did::Suspend => Event::Suspended(&e.attempt),
                Did::Answer(index) => Event::Answered(&e.attempt, index),
            };
            statements(event, &e.course, &base, e.at_ms)
        })
        .collect();
    let department = job.learner.as_ref().and_then(|l| l.department.clone());
    let actor = config.actor(job.learner.as_ref());
    let authorization = config.authorization();
    let url = config.statements_url();
    let no_actor = actor.is_none();
    let snapshot = |o: &Outbox| OutboxState {
        waiting: o.pending.len(),
        refused: o.refused.len(),
        error: o.last_error.clone(),
        needs_staff_number: no_actor && !o.pending.is_empty(),
        broken_settings: None,
        destination: config.origin().unwrap_or_default().to_owned(),
    };
    let stored = crate::storage::update_outbox(now_ms(), |o| {
        o.add(made);
        if job.try_now {
            o.try_now();
        }
        snapshot(o)
    });
    let mut state = match stored {
        Ok(state) => state,
        Err(e) => {
            let state = OutboxState {
                error: format!("{e:?}"),
                ..OutboxState::default()
            };
            return (state, None);
        }
    };
    let Some(actor) = actor.as_ref() else {
        return (state, None);
    };
    loop {
        let now = now_ms();
        let batch = crate::storage::update_outbox(now, |o| o.take_batch(now))
            .ok()
            .flatten();
        let Some(batch) = batch else {
            break;
        };
        let body: Vec<serde_json::Value> = batch
            .iter()
            .map(|q| ready_to_send(&q.statement, actor, department.as_deref(), &base))
            .collect();
        let body = serde_json::to_string(&body).unwrap_or_default();
        let reply = crate::lrs::request("POST", &url, authorization.as_deref(), Some(&body)).await;
        let answer = Answer::of_status(reply.status);
        let detail = if reply.status == 0 {
            reply.text.clone()
        } else {
            format!("HTTP {}: {}", reply.status, clip(&reply.text))
        };
        let now = now_ms();
        let jitter = random_unit();
        match crate::storage::update_outbox(now, |o| {
            o.answered(&batch, answer, now, jitter, &detail);
            snapshot(o)
        }) {
            Ok(s) => state = s,
            Err(_) => break,
        }
        if answer == Answer::Later {
            break;
        }
    }
    let retry_in = crate::storage::update_outbox(now_ms(), |o| {
        (!o.pending.is_empty()).then(|| o.next_try_ms.saturating_sub(now_ms()).max(1_000))
    })
    .ok()
    .flatten();
    (state, retry_in)
}

fn clip(text: &str) -> String {
    text.chars().take(300).collect()
}
