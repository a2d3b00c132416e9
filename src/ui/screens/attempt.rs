//! Taking a quiz: the attempt of one course, saved after every answer so a
//! reload resumes exactly here.

use std::sync::Arc;

use leptos::prelude::*;
use quiz_core::progress::Opening;
use quiz_core::{Course, Route};

use super::not_found::NotFound;
use crate::ui::state::reporting::Did;
use crate::ui::state::{Catalog, Nav, Reporting, Store, today};
use crate::ui::widgets::{Answered, Quiz};

/// The attempt screen of course `id`: the attempt in progress; without one,
/// the latest results (e.g. after a reload on the last question); on a
/// first visit, a new attempt. The core decides which
/// ([`quiz_core::progress::Progress::open_attempt`]).
#[component]
pub fn AttemptPage(id: String) -> impl IntoView {
    let Some(course) = Catalog::expect().course(&id) else {
        return view! { <NotFound /> }.into_any();
    };
    let store = Store::expect();
    let nav = Nav::expect();
    let now = crate::ui::state::now_ms();
    store.check_courses(std::slice::from_ref(&course));
    let mut opening = Opening::Start;
    store
        .progress
        .update(|p| opening = p.open_attempt(&course, now));
    let reporting = Reporting::get();
    let attempt = match opening {
        Opening::Continue(attempt) => {
            // Opened again after answers: a resumed attempt (a new one
            // drawn from the results screen was reported when drawn).
            if let Some(r) = reporting
                && attempt.items.iter().any(|i| i.answer.is_some())
            {
                r.record(Did::Resume, &course, &attempt);
            }
            attempt
        }
        Opening::Results => {
            nav.replace(&Route::Results(id));
            return ().into_any();
        }
        Opening::Start => start_reported(store, &course, None),
    };
    let course = Arc::new(course);
    // The attempt as last answered, to report it suspended when left unfinished.
    let latest = StoredValue::new(attempt.clone());
    let on_answer = {
        let course = course.clone();
        Callback::new(move |a: Answered| {
            let index = a
                .attempt
                .items
                .iter()
                .position(|i| i.question == a.question);
            if let (Some(r), Some(index)) = (reporting, index) {
                r.record(Did::Answer(index), &course, &a.attempt);
            }
            latest.set_value(a.attempt.clone());
            store.progress.update(|p| {
                p.record_answer(&course, &a.question, &a.marks, today(), a.at_ms);
                p.save_attempt(&course, a.attempt);
            });
        })
    };
    if let Some(r) = reporting {
        let suspend = {
            let course = course.clone();
            move || {
                let attempt = latest.get_value();
                if !attempt.is_finished() && attempt.items.iter().any(|i| i.answer.is_some()) {
                    r.record(Did::Suspend, &course, &attempt);
                }
            }
        };
        let on_hide = window_event_listener(leptos::ev::pagehide, {
            let suspend = suspend.clone();
            move |_| suspend()
        });
        on_cleanup(move || {
            on_hide.remove();
            suspend();
        });
    }
    let back_href = Route::Course(id.clone()).href();
    let on_finish = Callback::new(move |_| nav.replace(&Route::Results(id.clone())));
    view! { <Quiz course attempt back_href on_answer on_finish /> }.into_any()
}

/// Starts a fresh attempt of `course` (all of it, or only the questions
/// `only`) and opens it.
pub fn start_and_open(store: Store, nav: Nav, course: &Course, only: Option<Vec<String>>) {
    start_reported(store, course, only);
    nav.go(&Route::Attempt(course.id.clone()));
}

/// Starts an attempt and hands it to reporting (when turned on).
fn start_reported(
    store: Store,
    course: &Course,
    only: Option<Vec<String>>,
) -> quiz_core::attempt::Attempt {
    let (attempt, new) = store.start_attempt(course, only);
    if new && let Some(r) = Reporting::get() {
        r.record(Did::Start, course, &attempt);
    }
    attempt
}
