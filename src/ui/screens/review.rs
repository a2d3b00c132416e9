//! Today's review (今日の復習): the questions due across all courses, asked
//! like an attempt; every answer moves its card in the Leitner schedule.

use std::sync::Arc;

use leptos::prelude::*;
use quiz_core::attempt::Attempt;
use quiz_core::{Course, Draw, Text};

use super::attempt::{Mode, Quiz};
use crate::ui::i18n::ui;
use crate::ui::state::{Catalog, Settings, Store, fresh_seed, now_ms, today};
use crate::ui::widgets::use_title;

/// Most questions one review session asks.
pub const SESSION_SIZE: usize = 20;

/// A course made of the given questions from every course, for a review.
fn review_course(catalog: &Catalog, title: &str, ids: &[String]) -> Course {
    let all = catalog.all();
    let questions = ids
        .iter()
        .filter_map(|id| all.iter().find_map(|c| c.question(id)).cloned())
        .collect();
    Course {
        id: "review".into(),
        title: title.into(),
        description: Text::default(),
        policy: String::new(),
        order: None,
        pass_mark: 0,
        draw: Draw::All,
        questions,
        hidden: true,
        checked: None,
    }
}

/// The review screen: start, continue, or see how the last session went.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let catalog = Catalog::expect();
    let store = Store::expect();
    let lang = Settings::expect().lang;
    use_title(|l| Some(ui(l).review_heading.to_owned()));
    let title = ui(lang.get_untracked()).review_heading;
    // The session on screen; read once, so answering does not rebuild the quiz.
    let session = RwSignal::new(store.progress.with_untracked(|p| p.review.clone()));
    let due = Memo::new({
        let catalog = catalog.clone();
        move |_| {
            let courses = catalog.all();
            store.progress.with(|p| {
                p.due(
                    courses
                        .iter()
                        .flat_map(|c| c.questions.iter().map(|q| &q.id)),
                    today(),
                )
            })
        }
    });
    let start = {
        let catalog = catalog.clone();
        move |_| {
            let ids: Vec<String> = due.get_untracked().into_iter().take(SESSION_SIZE).collect();
            let course = review_course(&catalog, title, &ids);
            let attempt = Attempt::retry(&course, &ids, fresh_seed(), now_ms());
            store.progress.update(|p| p.review = Some(attempt.clone()));
            session.set(Some(attempt));
        }
    };
    move || {
        let t = ui(lang.get());
        match session.get() {
            Some(attempt) if !attempt.is_finished() => {
                let ids: Vec<String> = attempt.items.iter().map(|i| i.question.clone()).collect();
                let course = Arc::new(review_course(&catalog, title, &ids));
                let on_finish = Callback::new(move |_| {
                    session.set(store.progress.with_untracked(|p| p.review.clone()));
                });
                view! { <Quiz course attempt mode=Mode::Review on_finish /> }.into_any()
            }
            finished => {
                let summary = finished.map(|attempt| {
                    let ids: Vec<String> = attempt.items.iter().map(|i| i.question.clone()).collect();
                    let score = attempt.score(&review_course(&catalog, title, &ids));
                    view! {
                        <section class="result-summary result-summary--pass" aria-labelledby="review-done">
                            <h2 id="review-done">{t.review_done}</h2>
                            <p>{format!("{}: {}%", t.score, score.percent)}</p>
                        </section>
                    }
                });
                let count = due.get().len();
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
