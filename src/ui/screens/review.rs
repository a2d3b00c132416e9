//! Today's review (今日の復習): the questions due across all courses, asked
//! like an attempt; every answer moves its card in the Leitner schedule.
//! Which questions, and the session's course, are decided in
//! [`quiz_core::review`].

use std::sync::Arc;

use leptos::prelude::*;
use quiz_core::review;

use crate::ui::i18n::ui;
use crate::ui::state::{Catalog, Settings, Store, fresh_seed, now_ms, today};
use crate::ui::widgets::{Answered, Quiz, use_title};

/// The review screen: start, continue, or see how the last session went.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let catalog = Catalog::expect();
    let store = Store::expect();
    let lang = Settings::expect().lang;
    use_title(|l| Some(ui(l).review_heading.to_owned()));
    let title = ui(lang.get_untracked()).review_heading;
    store.check_courses(&untrack(|| catalog.all()));
    // The session on screen; read once, so answering does not rebuild the quiz.
    let session = RwSignal::new(store.progress.with_untracked(|p| p.review.clone()));
    let due = Memo::new({
        let catalog = catalog.clone();
        move |_| {
            let courses = catalog.all();
            store
                .progress
                .with(|p| review::due(p, &courses, today()).len())
        }
    });
    let start = {
        let catalog = catalog.clone();
        move |_| {
            let courses = catalog.all();
            let started = store
                .progress
                .with_untracked(|p| review::start(p, &courses, today(), fresh_seed(), now_ms()));
            if let Some(attempt) = started {
                store.progress.update(|p| p.review = Some(attempt.clone()));
                session.set(Some(attempt));
            }
        }
    };
    move || {
        let t = ui(lang.get());
        let courses = catalog.all();
        match session.get() {
            Some(attempt) if !attempt.is_finished() => {
                let course = Arc::new(review::session_course(&courses, title, &attempt));
                let on_answer = {
                    let course = course.clone();
                    Callback::new(move |a: Answered| {
                        store.progress.update(|p| {
                            p.record_answer(&course, &a.question, &a.marks, today(), a.at_ms);
                            p.review = Some(a.attempt);
                        });
                    })
                };
                let on_finish = Callback::new(move |_| {
                    session.set(store.progress.with_untracked(|p| p.review.clone()));
                });
                let back_href = quiz_core::Route::Home.href();
                view! { <Quiz course attempt back_href on_answer on_finish /> }.into_any()
            }
            finished => {
                let summary = finished.map(|attempt| {
                    let score = attempt.score(&review::session_course(&courses, title, &attempt));
                    view! {
                        <section class="result-summary result-summary--pass" aria-labelledby="review-done">
                            <h2 id="review-done">{t.review_done}</h2>
                            <p>{format!("{}: {}%", t.score, score.percent)}</p>
                        </section>
                    }
                });
                let count = due.get();
                view! {
                    <h1 class="page-title">{t.review_heading}</h1>
                    {summary}
                    <p>{t.review_explain}</p>
                    {if count == 0 {
                        view! { <p class="review-none">{t.review_none}</p> }.into_any()
                    } else {
                        view! {
                            <p>{format!("{}: {count}", t.review_due)}</p>
                            <div class="actions">
                                <button type="button" class="button button--primary" on:click=start.clone()>{t.review_start}</button>
                            </div>
                        }.into_any()
                    }}
                    <p><a href="#/">{t.home}</a></p>
                }
                .into_any()
            }
        }
    }
}
