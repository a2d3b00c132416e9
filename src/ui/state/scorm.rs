//! Reporting to an LMS that launched the app as a SCORM 1.2 package: the
//! course the launch URL names is opened, the learner's name and the data
//! suspended last time are taken in, and every change of the learner's
//! attempts at that course is reported (status, score, suspend data; see
//! `quiz_core::lms::scorm::for_learner`); when the page goes, the session
//! time and the exit are too, as far as the launch's `lesson_mode` and
//! `credit` allow (`quiz_core::lms::scorm::Launch`). A refused store is
//! tried again (a few times, then at each change and when the page goes;
//! the record stays in the browser meanwhile) and the learner is told when
//! the LMS keeps refusing; a page restored from the back/forward cache
//! opens a new LMS session and goes on. Outside an LMS nothing happens.
//!
//! Only the SCORM package runs any of it (its page carries a marker), from a
//! wasm chunk of its own in release builds: the first load carries only
//! the check for the marker.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use quiz_core::lms::scorm::{self as report, DecodeError};
use quiz_core::lms::scorm_launch::{self as launching, Launch, NotRecorded};
use quiz_core::progress::{CourseProgress, Progress};
use quiz_core::{CourseSummary, Lang, Route};
use wasm_bindgen::JsCast;

use super::clock::{now_ms, today, utc_offset_minutes};
use super::{Catalog, Nav, Settings, Store};
use crate::scorm::{self, Lms, Refusal};
use crate::storage;
use crate::ui::i18n::{scorm_refused, scorm_ui};

/// Starts reporting when an LMS launched the app; does nothing otherwise.
/// Call once, after the store and the router are provided.
pub fn provide() {
    // Only the SCORM package's page carries this marker
    // (scripts/build-scorm.mjs): a site deployed as usual never loads or
    // runs any of this, and its first load carries only this check.
    if !crate::scorm::is_package() {
        return;
    }
    let Some(owner) = Owner::current() else {
        return;
    };
    leptos::task::spawn_local(async move {
        deferred!(scorm_session(owner));
    });
}

/// The session with the LMS. A split point: none of it is in the first load.
#[cfg_attr(kenshu_split, leptos::lazy)]
fn scorm_session(owner: Owner) {
    owner.with(session);
}

fn session() {
    // The package launches each course as `index.html?course=<id>`; a
    // launch that names no course of this build, or that no LMS made, is
    // left alone: the package is then the normal app.
    let href = window().location().href().unwrap_or_default();
    let Some(id) = report::course_param(&href) else {
        return;
    };
    let Some(lms) = scorm::find() else {
        return;
    };
    let (store, catalog, nav) = (Store::expect(), Catalog::expect(), Nav::expect());
    let Some(course) = catalog.shipped.iter().find(|c| c.id == id).cloned() else {
        return;
    };
    let said = RwSignal::new(Said::default());
    show_notice(said, Settings::expect().lang);
    if let Err(refusal) = lms.initialize() {
        // Nothing can be reported this time; the app works as ever and
        // keeps everything in the browser.
        warn(&refusal);
        said.update(|s| s.refused = Some(refusal));
        return;
    }
    let launch = Launch::read(
        &lms.get("cmi.core.lesson_mode"),
        &lms.get("cmi.core.credit"),
    );
    said.update(|s| s.not_recorded = launch.not_recorded());
    let started = now_ms();

    // The LMS's name for the learner, unless the app already has one.
    if let Some(name) = report::learner_name(&lms.get("cmi.core.student_name")) {
        store.progress.update(|p| {
            if p.learner.as_ref().is_none_or(|l| l.name.is_empty()) {
                p.set_name(&name, started);
            }
        });
    }
    // What was suspended last time, merged into the app's own progress
    // (never replacing it) and checked like any import: the learner's
    // attempts. The rest of this browser's progress is not reported.
    let mut known = BTreeSet::new();
    let mut write_suspend = true;
    let suspended = lms.get("cmi.suspend_data");
    match report::decode(&suspended, &course) {
        Ok(record) => {
            known = report::starts(&record);
            let mut progress = Progress::new();
            progress.courses.insert(id.clone(), record);
            store.import(&progress, &catalog.shapes_untracked());
        }
        Err(DecodeError::Empty) => {}
        Err(e) => {
            // Another course's or package version's, cut short, or not the
            // app's at all: never read into this course, and the browser's
            // own record stays as it is. A copy is kept in this browser
            // (Settings offers it); the LMS's copy is written over only
            // once that copy is kept.
            let kept = storage::keep_aside(&suspended, started).is_ok();
            write_suspend = kept;
            leptos::logging::warn!(
                "SCORM: the suspend data the LMS gave could not be read ({e:?}); kept in this browser: {kept}"
            );
            said.update(|s| s.unreadable = Some(kept));
        }
    }
    let active = store
        .progress
        .with_untracked(|p| p.course(&id).and_then(|c| c.active.clone()));
    // The course opens (the package's launch script already opened its
    // page when it could); the learner's attempt in progress opens where it
    // was, except in review mode, where the course's page shows the
    // results. One they did not make here is theirs only once they go on.
    let resume = launch.resumes()
        && active
            .as_ref()
            .is_some_and(|a| known.contains(&a.started_ms));
    let here = nav.route.get_untracked();
    if here == Route::Home || (resume && here == Route::Course(id.clone())) {
        nav.replace(&if resume {
            Route::Attempt(id.clone())
        } else {
            Route::Course(id.clone())
        });
    }
    let resumed = active
        .filter(|a| !known.contains(&a.started_ms))
        .map(|a| (a.started_ms, report::answered(&a)));

    let known = StoredValue::new(known);
    let record = move || {
        let record = store
            .progress
            .with(|p| p.course(&id).cloned())
            .unwrap_or_default();
        known.update_value(|k| report::claim(&record, k, started, resumed));
        known.with_value(|k| report::for_learner(&record, k))
    };
    let reporter = Reporter {
        session: Rc::new(RefCell::new(Session {
            lms,
            course,
            launch,
            sent: None,
            finished: false,
            began: started,
            failures: 0,
            retrying: false,
            write_suspend,
            said,
        })),
        record: Rc::new(record.clone()),
    };
    Effect::new({
        let reporter = reporter.clone();
        move |_| reporter.send(&record())
    });
    let hide = window_event_listener(leptos::ev::pagehide, {
        let reporter = reporter.clone();
        move |_| reporter.hide()
    });
    let show = window_event_listener(leptos::ev::pageshow, move |ev| {
        if ev.persisted() {
            reporter.restore();
        }
    });
    on_cleanup(move || {
        hide.remove();
        show.remove();
    });
}

/// What was last stored: the status and score, and the suspend data.
type Sent = (Option<report::Lesson>, String);

/// The session's state, shared by the reporting effect, the page's events
/// and the retry timer.
struct Session {
    lms: Lms,
    course: CourseSummary,
    launch: Launch,
    /// What the LMS last accepted and committed.
    sent: Option<Sent>,
    /// `LMSFinish` was called (the page went).
    finished: bool,
    /// When this LMS session began: the launch, or a restore from the
    /// back/forward cache.
    began: u64,
    /// Refused tries in a row.
    failures: u32,
    /// A retry is waiting.
    retrying: bool,
    /// False when unreadable suspend data could not be kept in the browser:
    /// the LMS then keeps its copy.
    write_suspend: bool,
    said: RwSignal<Said>,
}

/// Sends what changed, tries again what the LMS refused, and ends and
/// restarts the LMS session with the page.
#[derive(Clone)]
struct Reporter {
    session: Rc<RefCell<Session>>,
    /// The learner's record now (what they did at the launched course).
    record: Rc<dyn Fn() -> CourseProgress>,
}

impl Reporter {
    /// Sends the learner's record as it is now.
    fn send_now(&self) {
        let record = untrack(|| (self.record)());
        self.send(&record);
    }

    /// Sets the status, score and suspend data when they changed since the
    /// LMS last stored them, then commits. What is refused is not marked
    /// as sent, so it goes again with the next try: a retry after a short
    /// wait (a few, backing off), the next change, or the page going.
    fn send(&self, record: &CourseProgress) {
        let mut s = self.session.borrow_mut();
        if s.finished {
            return;
        }
        let lesson = report::lesson(record, &s.course, today(), utc_offset_minutes());
        let data = report::encode(record, &s.course);
        let now = (lesson, data);
        if s.sent.as_ref() == Some(&now) {
            return;
        }
        if lesson.is_none() && *record == CourseProgress::default() {
            return;
        }
        let values = s
            .launch
            .values(lesson, s.write_suspend.then_some(now.1.as_str()));
        if values.is_empty() {
            // This launch records nothing (browse, review, no credit).
            s.sent = Some(now);
            return;
        }
        let stored = values
            .iter()
            .try_for_each(|(element, value)| s.lms.set(element, value))
            .and_then(|()| s.lms.commit());
        let said = s.said;
        match stored {
            Ok(()) => {
                s.sent = Some(now);
                s.failures = 0;
                drop(s);
                if said.with_untracked(|x| x.refused.is_some()) {
                    said.update(|x| x.refused = None);
                }
            }
            Err(refusal) => {
                warn(&refusal);
                s.failures = s.failures.saturating_add(1);
                let delay = launching::retry_delay_ms(s.failures).filter(|_| !s.retrying);
                if launching::keeps_refusing(s.failures) {
                    said.update(|x| x.refused = Some(refusal));
                }
                if let Some(ms) = delay {
                    s.retrying = true;
                    drop(s);
                    let me = self.clone();
                    set_timeout(
                        move || {
                            me.session.borrow_mut().retrying = false;
                            me.send_now();
                        },
                        Duration::from_millis(u64::from(ms)),
                    );
                }
            }
        }
    }

    /// The page goes: a last try at what is not stored yet, then the
    /// session time and the exit (as far as the launch records them), and
    /// `LMSFinish`.
    fn hide(&self) {
        if self.session.borrow().finished {
            return;
        }
        self.send_now();
        let record = untrack(|| (self.record)());
        let mut s = self.session.borrow_mut();
        let mut last = Vec::new();
        if s.launch.records_time() {
            let time = report::timespan(now_ms().saturating_sub(s.began));
            last.push(("cmi.core.session_time", time));
        }
        if s.launch.records() {
            last.push(("cmi.core.exit", report::exit(&record).to_owned()));
        }
        for (element, value) in &last {
            if let Err(refusal) = s.lms.set(element, value) {
                warn(&refusal);
            }
        }
        if let Err(refusal) = s.lms.finish() {
            warn(&refusal);
        }
        s.finished = true;
    }

    /// The page came back from the back/forward cache. If it ended the LMS
    /// session when it went, a new one starts (the LMS's `API` found again:
    /// the LMS may have made a new one) and reporting goes on; what the LMS
    /// already stored is not sent again. If the LMS will not start one, the
    /// learner is told, and the browser keeps the record.
    fn restore(&self) {
        let mut s = self.session.borrow_mut();
        if !s.finished {
            return;
        }
        let lms = scorm::find().unwrap_or_else(|| s.lms.clone());
        match lms.initialize() {
            Ok(()) => {
                s.lms = lms;
                s.finished = false;
                s.began = now_ms();
                drop(s);
                self.send_now();
            }
            Err(refusal) => {
                warn(&refusal);
                s.said.update(|x| x.refused = Some(refusal));
            }
        }
    }
}

/// What the learner is told about the LMS.
#[derive(Clone, Debug, Default, PartialEq)]
struct Said {
    /// Why this launch records nothing (browse, review, no credit).
    not_recorded: Option<NotRecorded>,
    /// The suspend data the LMS gave could not be read; whether a copy is
    /// kept in this browser.
    unreadable: Option<bool>,
    /// The LMS keeps refusing (or would not start a session): its last
    /// answer.
    refused: Option<Refusal>,
}

/// Shows what there is to say above the screen (before `<main>`), from
/// this chunk: the first load carries none of it.
fn show_notice(said: RwSignal<Said>, lang: RwSignal<Lang>) {
    let Some(main) = document().get_element_by_id("main") else {
        return;
    };
    let (Some(parent), Ok(holder)) = (main.parent_node(), document().create_element("div")) else {
        return;
    };
    if parent.insert_before(&holder, Some(&main)).is_err() {
        return;
    }
    let notice = move || {
        let (s, l) = (said.get(), lang.get());
        let t = scorm_ui(l);
        let refused = s.refused.map(|r| {
            let text = scorm_refused(l, r.at_start(), &r.code, &r.text);
            view! { <div class="notice notice--warning" role="alert" id="scorm-refused">{text}</div> }
        });
        let mut lines = Vec::new();
        if let Some(kept) = s.unreadable {
            lines.push(if kept {
                t.scorm_suspend_kept
            } else {
                t.scorm_suspend_left
            });
        }
        if let Some(why) = s.not_recorded {
            lines.push(match why {
                NotRecorded::Browse => t.scorm_browse,
                NotRecorded::Review => t.scorm_review,
                NotRecorded::NoCredit => t.scorm_no_credit,
            });
        }
        let status = (!lines.is_empty()).then(|| {
            let lines = lines
                .into_iter()
                .map(|text| view! { <p>{text}</p> })
                .collect_view();
            view! { <div class="notice" role="status" id="scorm-notice">{lines}</div> }
        });
        (refused, status)
    };
    // The closure itself is the view, so that it follows `said`.
    leptos::mount::mount_to(holder.unchecked_into(), move || notice).forget();
}

/// Writes a refusal to the console, for whoever looks into it.
fn warn(r: &Refusal) {
    leptos::logging::warn!(
        "SCORM: {}({}) refused: error {} {} {}",
        r.call,
        r.element,
        r.code,
        r.text,
        r.diagnostic
    );
}
