//! Reporting to an LMS that launched the app as a SCORM 1.2 package: the
//! course the launch URL names is opened, the learner's name and the data
//! suspended last time are taken in, and every change of the learner's
//! attempts at that course is reported (status, score, suspend data; see
//! `quiz_core::lms::scorm::for_learner`); when the page goes, the session
//! time and the exit are too. Outside an LMS nothing happens.
//!
//! Only the SCORM package runs any of it (its page carries a marker), from a
//! wasm chunk of its own in release builds: the first load carries only
//! the check for the marker.

use std::collections::BTreeSet;

use leptos::prelude::*;
use quiz_core::lms::scorm::{self as report, SUSPEND_DATA_MAX};
use quiz_core::progress::{CourseProgress, Progress};
use quiz_core::{CourseSummary, Route};

use super::clock::{now_ms, today, utc_offset_minutes};
use super::{Catalog, Nav, Store};
use crate::scorm::{self, Lms};

/// Starts reporting when an LMS launched the app; does nothing otherwise.
/// Call once, after the store and the router are provided.
pub fn provide() {
    // Only the SCORM package's page carries this marker
    // (scripts/build-scorm.mjs): a site deployed as usual never loads or
    // runs any of this, and its first load carries only this check.
    if document().get_element_by_id("kenshu-scorm").is_none() {
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
    if !lms.initialize() {
        return;
    }
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
    if let Ok(record) = report::decode(&lms.get("cmi.suspend_data"), &course) {
        known = report::starts(&record);
        let mut suspended = Progress::new();
        suspended.courses.insert(id.clone(), record);
        store.import(&suspended, &catalog.shapes_untracked());
    }
    let active = store
        .progress
        .with_untracked(|p| p.course(&id).and_then(|c| c.active.clone()));
    // The course opens (the package's launch script already opened its
    // page when it could); the learner's attempt in progress opens where it
    // was. One they did not make here is theirs only once they go on with it.
    let resume = active
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
        .filter(|_| !resume)
        .map(|a| (a.started_ms, report::answered(&a)));

    let known = StoredValue::new(known);
    let sent = StoredValue::new(None::<Sent>);
    let finished = StoredValue::new(false);
    let record = move || {
        let record = store
            .progress
            .with(|p| p.course(&id).cloned())
            .unwrap_or_default();
        known.update_value(|k| report::claim(&record, k, started, resumed));
        known.with_value(|k| report::for_learner(&record, k))
    };
    let report_now = {
        let lms = lms.clone();
        move |record: &CourseProgress| {
            if !finished.get_value() {
                send(&lms, &course, record, sent);
            }
        }
    };
    Effect::new({
        let report_now = report_now.clone();
        let record = record.clone();
        move |_| report_now(&record())
    });
    let handle = window_event_listener(leptos::ev::pagehide, move |_| {
        if finished.get_value() {
            return;
        }
        let record = untrack(&record);
        report_now(&record);
        lms.set(
            "cmi.core.session_time",
            &report::timespan(now_ms().saturating_sub(started)),
        );
        lms.set("cmi.core.exit", report::exit(&record));
        lms.finish();
        finished.set_value(true);
    });
    on_cleanup(move || handle.remove());
}

/// What was last sent: the status and score, and the suspend data.
type Sent = (Option<report::Lesson>, String);

/// Sets the status, score and suspend data when they changed, then commits.
fn send(
    lms: &Lms,
    course: &CourseSummary,
    record: &CourseProgress,
    sent: StoredValue<Option<Sent>>,
) {
    let lesson = report::lesson(record, course, today(), utc_offset_minutes());
    let data = report::encode(record, course);
    let now = (lesson, data);
    if sent.with_value(|s| s.as_ref() == Some(&now)) {
        return;
    }
    let (lesson, data) = &now;
    if lesson.is_none() && *record == CourseProgress::default() {
        return;
    }
    for (element, value) in lesson.iter().flat_map(report::Lesson::values) {
        lms.set(element, &value);
    }
    if data.len() <= SUSPEND_DATA_MAX {
        lms.set("cmi.suspend_data", data);
    }
    lms.commit();
    sent.set_value(Some(now));
}
