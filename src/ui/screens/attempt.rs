//! Taking a quiz: the attempt of one course, saved after every answer so a
//! reload resumes exactly here.

use std::sync::Arc;

use leptos::prelude::*;
use quiz_core::progress::Opening;
use quiz_core::{Course, Route};

use super::not_found::NotFound;
use crate::ui::state::{Catalog, Nav, Store, today};
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
    let mut opening = Opening::Start;
    store
        .progress
        .update(|p| opening = p.open_attempt(&course, now));
    let attempt = match opening {
        Opening::Continue(attempt) => attempt,
        Opening::Results => {
            nav.replace(&Route::Results(id));
            return ().into_any();
        }
        Opening::Start => store.start_attempt(&course, None),
    };
    let course = Arc::new(course);
    let on_answer = {
        let course = course.clone();
        Callback::new(move |a: Answered| {
            store.progress.update(|p| {
                p.record_answer(&course, &a.question, &a.marks, today(), a.at_ms);
                p.save_attempt(&course, a.attempt);
            });
        })
    };
    let back_href = Route::Course(id.clone()).href();
    let on_finish = Callback::new(move |_| nav.replace(&Route::Results(id.clone())));
    view! { <Quiz course attempt back_href on_answer on_finish /> }.into_any()
}

/// Starts a fresh attempt of `course` (all of it, or only the questions
/// `only`) and opens it.
pub fn start_and_open(store: Store, nav: Nav, course: &Course, only: Option<Vec<String>>) {
    store.start_attempt(course, only);
    nav.go(&Route::Attempt(course.id.clone()));
}
